/* LEERDOELEN: one cell of the status board: the goal's full title, the status now and its history. */
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

/* ==== one cell: the goal's full title, the status now and its history ==== */

struct history_screen {
    struct screen base;
    struct app *app;
    int64_t student, goal;
    char student_name[200], code[64], title[600];
    struct km_status_scale scale;
    struct goal_status now;
    struct status_history hist;
    bool ok;
    struct list list;
};

static const enum action history_actions[] = {A_BACK, A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};

/* "12-11-2026 10:02  Aylin Çelik  ○ B mee bezig → ● V beheerst" */
static void change_line(const struct km_status_scale *sc, const struct status_change *c, int who_w, char *out,
                        size_t len)
{
    char when[40], from[80], to[80], who[200];
    label_local_time(c->changed_at, when, sizeof when);
    if (c->from_status)
        status_long(sc, c->from_status, from, sizeof from);
    else
        snprintf(from, sizeof from, "%s", _("(nieuw)"));
    status_long(sc, c->to_status, to, sizeof to);
    text_fit(*c->who ? c->who : _("onbekend"), who_w, true, who, sizeof who);
    snprintf(out, len, "%s  %s  %s → %s", when, who, from, to);
}

static void history_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct history_screen *h = ctx;
    char line[600];
    int who_w = width >= 90 ? 24 : 18;
    change_line(&h->scale, &h->hist.items[i], who_w, line, sizeof line);
    draw_text(stdscr, y, x, width, line, selected ? TR_SELECTED : TR_NORMAL);
}

static const char *history_row_text(void *ctx, int i) { return ((struct history_screen *)ctx)->hist.items[i].who; }

static void history_load(struct history_screen *h)
{
    status_history_free(&h->hist);
    memset(&h->now, 0, sizeof h->now);
    h->ok = goalstatus_get(&h->app->session, h->student, h->goal, &h->now) == KM_OK &&
            goal_status_history(&h->app->session, h->student, h->goal, &h->hist) == KM_OK;
    if (!h->ok)
        app_core_error(h->app);
    list_set_count(&h->list, (int)h->hist.n);
}

static void history_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct history_screen *hs = (struct history_screen *)s;
    char buf[700];
    int y = top, w = width - 4;
    draw_text_raw(stdscr, y, 2, 12, _("Leerdoel"), TR_TITLE);
    draw_text(stdscr, y++, 14, w - 12, hs->code, TR_NORMAL);
    y += draw_wrapped(stdscr, y, 14, w - 12, TITLE_LINES, hs->title, TR_NORMAL);
    y++;
    draw_text_raw(stdscr, y, 2, 12, _("Leerling"), TR_TITLE);
    draw_text(stdscr, y++, 14, w - 12, hs->student_name, TR_NORMAL);
    draw_text_raw(stdscr, y, 2, 12, _("Status"), TR_TITLE);
    status_long(&hs->scale, hs->now.status_id, buf, sizeof buf);
    int sw = draw_text_raw(stdscr, y, 14, w - 12, buf, status_role(&hs->scale, hs->now.status_id));
    if (hs->now.status_id) {
        char when[40], since[120];
        label_local_time(hs->now.updated_at, when, sizeof when);
        snprintf(since, sizeof since, _("  (sinds %s)"), when);
        draw_text(stdscr, y, 14 + sw, w - 12 - sw, since, TR_DIM);
    }
    y += 2;
    snprintf(
        buf, sizeof buf,
        ngettext("Wijzigingen: %d, de nieuwste eerst", "Wijzigingen: %d, de nieuwste eerst", (unsigned long)hs->hist.n),
        (int)hs->hist.n);
    draw_text(stdscr, y++, 2, w, buf, TR_TITLE);
    if (!hs->ok)
        return;
    if (hs->hist.n == 0) {
        draw_text(stdscr, y, 2, w, _("Nog niets veranderd: dit leerdoel heeft nog geen status."), TR_DIM);
        return;
    }
    list_draw(&hs->list, y, 2, top + h - y, w);
}

static int history_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct history_screen *h = (struct history_screen *)s;
    if (list_move(&h->list, act))
        return R_DRAW;
    return act == A_BACK ? R_POP : R_NONE;
}

static void history_reload(struct screen *s, struct app *a)
{
    (void)a;
    history_load((struct history_screen *)s);
}

static void history_destroy(struct screen *s)
{
    struct history_screen *h = (struct history_screen *)s;
    status_history_free(&h->hist);
    status_scale_free(&h->scale);
    free(h);
}

static const struct screen_ops history_ops = {
    .draw = history_draw,
    .on_action = history_action,
    .reload = history_reload,
    .resume = history_reload,
    .destroy = history_destroy,
};

struct screen *goal_history_screen_new(struct app *a, int64_t student_id, const char *student, int64_t goal_id,
                                       const char *code, const char *title)
{
    struct history_screen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &history_ops;
    h->base.actions = history_actions;
    h->app = a;
    h->student = student_id;
    h->goal = goal_id;
    snprintf(h->student_name, sizeof h->student_name, "%s", student ? student : "");
    snprintf(h->code, sizeof h->code, "%s", code ? code : "");
    snprintf(h->title, sizeof h->title, "%s", title ? title : "");
    snprintf(h->base.title, sizeof h->base.title, "LEERDOELEN › %s › %s", _("WIJZIGINGEN"), h->code);
    if (status_scale(&a->session, &h->scale) != KM_OK)
        app_core_error(a);
    list_init(&h->list, history_row, history_row_text, h);
    history_load(h);
    return &h->base;
}
