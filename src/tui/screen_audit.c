/* AUDITLOG (beheerder): who did what to whom and when, newest first; '/' filters by person or kind. */
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"

#define AUDIT_ROWS 2000

struct audit_screen {
    struct screen base;
    struct audit_list all;
    int *shown; /* indexes into all that match the filter */
    int nshown;
    char filter[128];
    struct list list;
    char line[512];
};

static const enum action audit_actions[] = {A_SEARCH,    A_BACK, A_UP,  A_DOWN,  A_PAGE_UP,
                                            A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};

static const struct audit_entry *entry(struct audit_screen *as, int i) { return &as->all.items[as->shown[i]]; }

static void draw_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct audit_screen *as = ctx;
    const struct audit_entry *e = entry(as, i);
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, r);
    char at[32];
    label_day_month(e->at, true, at, sizeof at);
    draw_text(stdscr, y, x, 19, at, selected ? r : TR_DIM);
    draw_text(stdscr, y, x + 20, 14, e->actor, r);
    draw_text(stdscr, y, x + 35, 25, e->kind, selected ? r : TR_TITLE);
    draw_text(stdscr, y, x + 61, width - 61 > 0 ? (width - 61) / 2 : 0, e->subject, r);
    int dx = x + 61 + (width - 61) / 2 + 1;
    draw_text(stdscr, y, dx, x + width - dx, e->detail, selected ? r : TR_DIM);
}

static const char *row_text(void *ctx, int i)
{
    struct audit_screen *as = ctx;
    const struct audit_entry *e = entry(as, i);
    snprintf(as->line, sizeof as->line, "%s %s %s %s", e->actor, e->subject, e->kind, e->detail);
    return as->line;
}

static void apply_filter(struct audit_screen *as)
{
    as->nshown = 0;
    for (size_t i = 0; i < as->all.n; i++) {
        const struct audit_entry *e = &as->all.items[i];
        char hay[512];
        snprintf(hay, sizeof hay, "%s %s %s", e->actor, e->subject, e->kind);
        if (text_matches(hay, as->filter))
            as->shown[as->nshown++] = (int)i;
    }
    list_set_count(&as->list, as->nshown);
}

/* Reads into a new list and swaps only on success: a failed reload keeps what is on screen. */
static bool load(struct audit_screen *as, struct app *a)
{
    struct audit_list fresh;
    struct audit_filter f = {NULL, NULL, NULL, AUDIT_ROWS};
    if (audit_list(&a->session, &f, &fresh) != KM_OK) {
        app_core_error(a);
        return false;
    }
    int *shown = calloc(fresh.n ? fresh.n : 1, sizeof *shown);
    if (!shown) {
        audit_list_free(&fresh);
        return false;
    }
    audit_list_free(&as->all);
    free(as->shown);
    as->all = fresh;
    as->shown = shown;
    apply_filter(as);
    return true;
}

static void audit_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct audit_screen *as = (struct audit_screen *)s;
    (void)a;
    char head[200];
    if (as->filter[0])
        snprintf(head, sizeof head, _("%d regels met '%s' (/ en Enter zonder tekst toont alles)"), as->nshown,
                 as->filter);
    else
        snprintf(head, sizeof head, _("De laatste %d regels; / filtert op persoon of soort"), as->nshown);
    draw_text(stdscr, top, 1, width - 2, head, TR_DIM);
    draw_text(stdscr, top + 1, 1, 19, _("wanneer"), TR_GRID_HEADER);
    draw_text(stdscr, top + 1, 21, 14, _("wie"), TR_GRID_HEADER);
    draw_text(stdscr, top + 1, 36, 25, _("wat"), TR_GRID_HEADER);
    draw_text(stdscr, top + 1, 62, width - 63, _("bij wie / details"), TR_GRID_HEADER);
    list_draw(&as->list, top + 2, 1, h - 2, width - 2);
}

static int audit_action(struct screen *s, struct app *a, enum action act)
{
    struct audit_screen *as = (struct audit_screen *)s;
    if (list_move(&as->list, act))
        return R_DRAW;
    switch (act) {
    case A_SEARCH:
        if (!a->prompt_confirmed) {
            app_start_prompt(a, _("Filter (persoon of soort):"));
            return R_DRAW;
        }
        snprintf(as->filter, sizeof as->filter, "%s", a->prompt_text);
        as->list.cur = 0;
        apply_filter(as);
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static void audit_destroy(struct screen *s)
{
    struct audit_screen *as = (struct audit_screen *)s;
    audit_list_free(&as->all);
    free(as->shown);
    free(as);
}

static void audit_reload(struct screen *s, struct app *a)
{
    struct audit_screen *as = (struct audit_screen *)s;
    load(as, a);
}

static const struct screen_ops audit_ops = {
    .draw = audit_draw,
    .on_action = audit_action,
    .reload = audit_reload,
    .resume = audit_reload,
    .destroy = audit_destroy,
};

struct screen *audit_screen_new(struct app *a)
{
    struct audit_screen *as = calloc(1, sizeof *as);
    if (!as)
        return NULL;
    as->base.ops = &audit_ops;
    as->base.actions = audit_actions;
    snprintf(as->base.title, sizeof as->base.title, "%s", "AUDITLOG");
    list_init(&as->list, draw_row, row_text, as);
    if (!load(as, a)) {
        audit_destroy(&as->base);
        return NULL;
    }
    return &as->base;
}
