/* LEERDOELEN, first: the group, the deelgebied and the niveau, side by side; Enter opens the status board or the
 * group's overview. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/bulkstatus.h"
#include "core/children.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/goalstatus.h"
#include "core/groups.h"
#include "core/overview.h"
#include "core/statusread.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/search.h"
#include "tui/board_common.h"

/* ==== first: group, deelgebied and niveau ==== */

struct deel_row {
    int64_t id;
    char *text; /* "rekenen › breuken" */
};

enum pane { P_GROUP, P_DEEL, P_NIVEAU, P__COUNT };

struct choose_screen {
    struct screen base;
    struct app *app;
    struct km_group_list all;
    const struct km_group **groups; /* the active ones */
    int ngroups;
    struct km_area_list areas;
    struct deel_row *deel;
    int ndeel;
    struct km_niveau_list niveaus; /* row 0 of the niveau list is "alle niveaus" */
    struct list list[P__COUNT];
    enum pane focus;
    char text[256];
};

static const enum action choose_actions[] = {A_SELECT,  A_NEXT_FIELD, A_PREV_FIELD, A_SEARCH, A_SEARCH_NEXT,
                                             A_BACK,    A_UP,         A_DOWN,       A_LEFT,   A_RIGHT,
                                             A_PAGE_UP, A_PAGE_DOWN,  A_HOME,       A_END,    ACT_NONE};

/* Enter opens what the three lists show chosen, from whichever list has the focus. */
static const struct action_words *choose_words(const struct screen *s, enum action act)
{
    static const struct action_words board = {
        A_SELECT, N_("open statusbord"), N_("Open het statusbord van de gekozen groep, het deelgebied en het niveau.")};
    static const struct action_words overview = {A_SELECT, N_("open overzicht"),
                                                 N_("Open het Leerdoeloverzicht van de gekozen groep.")};
    static const struct action_words next = {A_NEXT_FIELD, N_("volgende lijst"),
                                             N_("Ga naar de volgende lijst: groep, deelgebied, niveau.")};
    static const struct action_words prev = {A_PREV_FIELD, N_("vorige lijst"), N_("Ga naar de vorige lijst.")};
    const struct choose_screen *c = (const struct choose_screen *)s;
    if (act == A_SELECT)
        return c->ndeel && c->deel[c->list[P_DEEL].cur].id == 0 ? &overview : &board;
    return act == A_NEXT_FIELD ? &next : act == A_PREV_FIELD ? &prev : NULL;
}

static const char *group_text(void *ctx, int i) { return ((struct choose_screen *)ctx)->groups[i]->name; }

static const char *deel_text(void *ctx, int i) { return ((struct choose_screen *)ctx)->deel[i].text; }

static const char *niveau_text(void *ctx, int i)
{
    struct choose_screen *c = ctx;
    if (i == 0)
        return _("alle niveaus");
    snprintf(c->text, sizeof c->text, _("niveau %s"), c->niveaus.items[i - 1].name);
    return c->text;
}

static void choose_row(struct choose_screen *c, enum pane p, const char *text, int y, int x, int width, bool selected)
{
    bool focused = c->focus == p;
    enum theme_role role = selected ? (focused ? TR_SELECTED : TR_TITLE) : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, selected && focused ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 2, width - 2, text, role);
}

static void group_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_GROUP, group_text(ctx, i), y, x, width, selected);
}

static void deel_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_DEEL, deel_text(ctx, i), y, x, width, selected);
}

static void niveau_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_NIVEAU, niveau_text(ctx, i), y, x, width, selected);
}

/* The niveau named after the group's jaargroep (row in the niveau list), else "alle niveaus". */
static int default_niveau(const struct choose_screen *c)
{
    if (c->ngroups == 0)
        return 0;
    const char *jg = c->groups[c->list[P_GROUP].cur]->jaargroep;
    size_t jl = strlen(jg);
    for (size_t i = 0; jl && i < c->niveaus.n; i++) {
        const char *name = c->niveaus.items[i].name;
        size_t nl = strlen(name);
        /* "5", or a name ending in " 5", as core's overviews read a niveau */
        if (strcmp(name, jg) == 0 || (nl > jl && name[nl - jl - 1] == ' ' && strcmp(name + nl - jl, jg) == 0))
            return (int)i + 1;
    }
    return 0;
}

static void choose_clear(struct choose_screen *c)
{
    free(c->groups);
    c->groups = NULL;
    c->ngroups = 0;
    groups_list_free(&c->all);
    for (int i = 0; i < c->ndeel; i++)
        free(c->deel[i].text);
    free(c->deel);
    c->deel = NULL;
    c->ndeel = 0;
    curriculum_areas_free(&c->areas);
    curriculum_niveaus_free(&c->niveaus);
}

static bool choose_read(struct choose_screen *c)
{
    const struct km_session *s = &c->app->session;
    if (groups_list(s, NULL, &c->all) != KM_OK || curriculum_areas(s, &c->areas) != KM_OK ||
        curriculum_niveaus(s, &c->niveaus) != KM_OK)
        return false;
    c->groups = calloc(c->all.n ? c->all.n : 1, sizeof *c->groups);
    size_t nd = 0;
    for (size_t h = 0; h < c->areas.n; h++)
        nd += c->areas.items[h].ndeel;
    c->deel = calloc(nd + 1, sizeof *c->deel);
    if (!c->groups || !c->deel)
        return false;
    for (size_t i = 0; i < c->all.n; i++)
        if (c->all.items[i].active)
            c->groups[c->ngroups++] = &c->all.items[i];
    /* first the whole group's Leerdoeloverzicht (id 0), then the deelgebieden, each a board */
    char *all = strdup(_("▤ Leerdoeloverzicht van de groep"));
    if (!all)
        return false;
    c->deel[c->ndeel++] = (struct deel_row){0, all};
    for (size_t h = 0; h < c->areas.n; h++)
        for (size_t d = 0; d < c->areas.items[h].ndeel; d++) {
            const struct km_deelgebied *dg = &c->areas.items[h].deel[d];
            size_t len = strlen(c->areas.items[h].name) + strlen(dg->name) + 8;
            char *t = malloc(len);
            if (!t)
                return false;
            snprintf(t, len, "%s › %s", c->areas.items[h].name, dg->name);
            c->deel[c->ndeel++] = (struct deel_row){dg->id, t};
        }
    return true;
}

/* Reads the three lists (again), keeping each cursor on the same item. */
static void choose_load(struct choose_screen *c)
{
    int64_t keep_group = c->ngroups ? c->groups[c->list[P_GROUP].cur]->id : 0;
    int64_t keep_deel = c->ndeel ? c->deel[c->list[P_DEEL].cur].id : 0;
    int keep_niv = c->list[P_NIVEAU].cur;
    int64_t keep_niv_id = keep_niv > 0 && (size_t)keep_niv <= c->niveaus.n ? c->niveaus.items[keep_niv - 1].id : 0;
    choose_clear(c);
    if (!choose_read(c))
        app_core_error(c->app);
    list_set_count(&c->list[P_GROUP], c->ngroups);
    list_set_count(&c->list[P_DEEL], c->ndeel);
    list_set_count(&c->list[P_NIVEAU], (int)c->niveaus.n + 1);
    for (int i = 0; i < c->ngroups; i++)
        if (c->groups[i]->id == keep_group)
            c->list[P_GROUP].cur = i;
    for (int i = 0; i < c->ndeel; i++)
        if (c->deel[i].id == keep_deel)
            c->list[P_DEEL].cur = i;
    if (keep_niv > 0) {
        c->list[P_NIVEAU].cur = 0;
        for (size_t i = 0; i < c->niveaus.n; i++)
            if (c->niveaus.items[i].id == keep_niv_id)
                c->list[P_NIVEAU].cur = (int)i + 1;
    }
    for (int p = 0; p < P__COUNT; p++)
        list_set_count(&c->list[p], c->list[p].count);
}

/* The three lists side by side: where each starts and how wide it is. */
static void pane_geometry(int width, int x[P__COUNT], int w[P__COUNT])
{
    w[P_GROUP] = (width - 8) * 30 / 100;
    w[P_NIVEAU] = (width - 8) * 22 / 100;
    w[P_DEEL] = width - 8 - w[P_GROUP] - w[P_NIVEAU];
    x[P_GROUP] = 2;
    x[P_DEEL] = x[P_GROUP] + w[P_GROUP] + 2;
    x[P_NIVEAU] = x[P_DEEL] + w[P_DEEL] + 2;
}

static void choose_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct choose_screen *c = (struct choose_screen *)s;
    if (c->ngroups == 0) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Je hebt (nog) geen groepen."), TR_NORMAL);
        return;
    }
    int x[P__COUNT], w[P__COUNT];
    pane_geometry(width, x, w);
    static const char *const head[P__COUNT] = {N_("Groep"), N_("Deelgebied"), N_("Niveau")};
    for (int p = 0; p < P__COUNT; p++) {
        draw_text(stdscr, top, x[p], w[p], _(head[p]), c->focus == (enum pane)p ? TR_TITLE : TR_DIM);
        draw_hline(stdscr, top + 1, x[p], w[p], c->focus == (enum pane)p ? TR_TITLE : TR_DIM);
        list_draw(&c->list[p], top + 2, x[p], h - 4, w[p]);
    }
    char sel[32], next[32], line[400];
    keymap_keys_text(&a->keys, A_SELECT, 1, sel, sizeof sel);
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, next, sizeof next);
    const struct deel_row *d = &c->deel[c->list[P_DEEL].cur];
    if (d->id == 0)
        snprintf(line, sizeof line, _("%s: open het Leerdoeloverzicht van %s · ←/→ of %s: naar een andere lijst"), sel,
                 c->groups[c->list[P_GROUP].cur]->name, next);
    else
        snprintf(line, sizeof line, _("%s: open het statusbord van %s, %s · ←/→ of %s: naar een andere lijst"), sel,
                 c->groups[c->list[P_GROUP].cur]->name, d->text, next);
    draw_wrapped(stdscr, top + h - 2, 2, width - 4, 2, line, TR_DIM);
}

static int open_board(struct choose_screen *c, struct app *a)
{
    if (c->ngroups == 0 || c->ndeel == 0)
        return R_NONE;
    const struct km_group *g = c->groups[c->list[P_GROUP].cur];
    const struct deel_row *d = &c->deel[c->list[P_DEEL].cur];
    int nv = c->list[P_NIVEAU].cur;
    int64_t niveau_id = nv > 0 ? c->niveaus.items[nv - 1].id : 0;
    char niveau[64];
    snprintf(niveau, sizeof niveau, "%s", niveau_text(c, nv));
    if (d->id == 0)
        app_push(a, group_overview_screen_new(a, g->id, g->name, niveau_id, niveau));
    else
        app_push(a, board_screen_new(a, g->id, g->name, d->id, d->text, niveau_id, niveau));
    return R_DRAW;
}

static int choose_search(struct choose_screen *c, struct app *a, bool next)
{
    struct list *l = &c->list[c->focus];
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, c->focus == P_GROUP ? _("Zoek groep:") : _("Zoek:"));
        return R_DRAW;
    }
    if (!list_search(l, next ? l->search : a->prompt_text, next))
        app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
    if (c->focus == P_GROUP)
        c->list[P_NIVEAU].cur = default_niveau(c);
    return R_DRAW;
}

static int choose_action(struct screen *s, struct app *a, enum action act)
{
    struct choose_screen *c = (struct choose_screen *)s;
    if (list_move(&c->list[c->focus], act)) {
        if (c->focus == P_GROUP) /* another group: its own niveau */
            c->list[P_NIVEAU].cur = default_niveau(c);
        return R_DRAW;
    }
    switch (act) {
    case A_SELECT: /* from any of the three lists: the group, deelgebied and niveau are all chosen already */
        return open_board(c, a);
    case A_RIGHT:
    case A_NEXT_FIELD:
        c->focus = (enum pane)((c->focus + 1) % P__COUNT);
        return R_DRAW;
    case A_LEFT:
    case A_PREV_FIELD:
        c->focus = (enum pane)((c->focus + P__COUNT - 1) % P__COUNT);
        return R_DRAW;
    case A_SEARCH:
        return choose_search(c, a, false);
    case A_SEARCH_NEXT:
        return choose_search(c, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int choose_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct choose_screen *c = (struct choose_screen *)s;
    int px[P__COUNT], pw[P__COUNT];
    pane_geometry(a->cols, px, pw);
    for (int p = 0; p < P__COUNT; p++) {
        int left = px[p], right = px[p] + pw[p];
        if (x < left || x >= right || !list_click(&c->list[p], y))
            continue;
        c->focus = (enum pane)p;
        if (p == P_GROUP)
            c->list[P_NIVEAU].cur = default_niveau(c);
        return twice && p != P_GROUP ? open_board(c, a) : R_DRAW;
    }
    return R_NONE;
}

static void choose_reload(struct screen *s, struct app *a)
{
    (void)a;
    choose_load((struct choose_screen *)s);
}

static void choose_destroy(struct screen *s)
{
    choose_clear((struct choose_screen *)s);
    free(s);
}

static const struct screen_ops choose_ops = {
    .draw = choose_draw,
    .on_action = choose_action,
    .reload = choose_reload,
    .resume = choose_reload,
    .on_click = choose_click,
    .destroy = choose_destroy,
    .words_now = choose_words,
};

struct screen *board_choose_screen_new(struct app *a)
{
    struct choose_screen *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &choose_ops;
    c->base.actions = choose_actions;
    c->app = a;
    snprintf(c->base.title, sizeof c->base.title, "LEERDOELEN › %s", _("kies een groep en een deelgebied"));
    list_init(&c->list[P_GROUP], group_row, group_text, c);
    list_init(&c->list[P_DEEL], deel_row, deel_text, c);
    list_init(&c->list[P_NIVEAU], niveau_row, niveau_text, c);
    choose_load(c);
    c->list[P_NIVEAU].cur = default_niveau(c);
    if (c->ndeel > 1)
        c->list[P_DEEL].cur = 1; /* the first deelgebied; the overview is one up */
    return &c->base;
}
