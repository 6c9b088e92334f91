/* LEERDOELEN: the Leerdoeloverzicht of a group, per goal and per student (opened from the chooser). */
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

/* ==== the Leerdoeloverzicht of a group: per goal and per student ==== */

#define BAR_W 10  /* a share as ten blocks */
#define CODE_W 12 /* goal codes in the per-goal list */
#define COUNT_W 4 /* one status's count */

/* "███████░░░": the share as a bar, so it reads without colour. */
static void bar_text(int pct, int width, char *out, size_t len)
{
    size_t used = 0;
    int full = (pct * width + 50) / 100;
    for (int i = 0; i < width && used + 4 < len; i++) {
        memcpy(out + used, i < full ? "█" : "░", 3);
        used += 3;
    }
    out[used] = '\0';
}

static void draw_number_right(int y, int x, int width, const char *text, enum theme_role role)
{
    int tw = text_width(text);
    draw_text_raw(stdscr, y, x + (tw < width ? width - tw : 0), width, text, role);
}

enum ov_view { OV_GOALS, OV_STUDENTS };
enum { OC_NAME, OC_NIVEAU, OC_TOTAL, OC_HOOFD }; /* the per-student grid's columns; one per hoofdgebied after */

struct ov_row {
    bool heading; /* a deelgebied's heading, else a goal */
    size_t index; /* into o.deel or o.goals */
};

struct overview_screen {
    struct screen base;
    struct app *app;
    int64_t group_id, niveau_id;
    char niveau[64];
    struct overview o;
    bool ok;
    enum ov_view view;
    struct ov_row *rows;
    int nrows;
    struct list list; /* per goal */
    struct grid grid; /* per student */
    int name_w;
    char text[700];
};

static const enum action overview_actions[] = {A_SELECT,    A_NEXT_FIELD, A_SEARCH, A_SEARCH_NEXT, A_BACK,
                                               A_UP,        A_DOWN,       A_LEFT,   A_RIGHT,       A_PAGE_UP,
                                               A_PAGE_DOWN, A_HOME,       A_END,    ACT_NONE};

/* the per-goal list's columns, right to left: share, bar, one count per status and "no status" */
static int ov_counts_x(const struct overview_screen *ov, int width)
{
    return width - 5 - BAR_W - 2 - COUNT_W * (int)(ov->o.scale.n + 1);
}

static void ov_goal_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct overview_screen *ov = ctx;
    const struct ov_row *r = &ov->rows[i];
    enum theme_role base = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, base);
    if (r->heading) {
        const struct overview_area *d = &ov->o.deel[r->index];
        snprintf(ov->text, sizeof ov->text, "%s › %s", ov->o.hoofd[d->hoofd].name, d->name);
        draw_text(stdscr, y, x, width, ov->text, selected ? TR_SELECTED : TR_GRID_HEADER);
        return;
    }
    const struct overview_goal *g = &ov->o.goals[r->index];
    int cx = x + ov_counts_x(ov, width), tw = cx - x - CODE_W - 3;
    draw_text(stdscr, y, x + 2, CODE_W, g->code, base);
    draw_text(stdscr, y, x + 2 + CODE_W + 1, tw, g->title, base);
    char num[24];
    for (size_t k = 0; k <= ov->o.scale.n; k++) {
        bool none = k == ov->o.scale.n;
        snprintf(num, sizeof num, "%d", none ? g->none : g->counts[k]);
        draw_number_right(y, cx + COUNT_W * (int)k, COUNT_W, num,
                          selected ? TR_SELECTED
                          : none   ? TR_DIM
                                   : theme_role_by_name(ov->o.scale.items[k].colour_role));
    }
    int pct = overview_percent(g->mastered, (int)ov->o.nstudents);
    char bar[64];
    bar_text(pct, BAR_W, bar, sizeof bar);
    int bx = cx + COUNT_W * (int)(ov->o.scale.n + 1) + 2;
    draw_text_raw(stdscr, y, bx, BAR_W, bar, selected ? TR_SELECTED : TR_STATUS_DONE);
    snprintf(num, sizeof num, "%d%%", pct);
    draw_number_right(y, bx + BAR_W, 5, num, base);
}

static const char *ov_goal_text(void *ctx, int i)
{
    struct overview_screen *ov = ctx;
    const struct ov_row *r = &ov->rows[i];
    if (r->heading)
        return ov->o.deel[r->index].name;
    snprintf(ov->text, sizeof ov->text, "%s %s", ov->o.goals[r->index].code, ov->o.goals[r->index].title);
    return ov->text;
}

static int ov_col_width(void *ctx, int col)
{
    struct overview_screen *ov = ctx;
    switch (col) {
    case OC_NAME:
        return ov->name_w;
    case OC_NIVEAU:
        return 6;
    case OC_TOTAL:
        return BAR_W + 5;
    default: {
        int w = text_width(ov->o.hoofd[col - OC_HOOFD].name);
        return w < 5 ? 5 : w > 16 ? 16 : w;
    }
    }
}

static void ov_share(const struct overview_count *c, char *out, size_t len)
{
    if (c->goals == 0)
        snprintf(out, len, "%s", "–");
    else
        snprintf(out, len, "%d%%", overview_percent(c->mastered, c->goals));
}

static void ov_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct overview_screen *ov = ctx;
    const struct overview_student *st = &ov->o.students[row];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    char text[96];
    draw_fill(stdscr, y, x, 1, width, role);
    switch (col) {
    case OC_NAME:
        draw_text(stdscr, y, x, width, st->name, row == ov->grid.cur_row ? TR_TITLE : TR_NORMAL);
        break;
    case OC_NIVEAU:
        draw_text(stdscr, y, x, width, *st->niveau ? st->niveau : "–", selected ? role : TR_DIM);
        break;
    case OC_TOTAL: {
        char bar[64], pct[16];
        bar_text(overview_percent(st->total.mastered, st->total.goals), BAR_W, bar, sizeof bar);
        draw_text_raw(stdscr, y, x, BAR_W, bar, selected ? role : TR_STATUS_DONE);
        ov_share(&st->total, pct, sizeof pct);
        draw_number_right(y, x + BAR_W, width - BAR_W, pct, role);
        break;
    }
    default:
        ov_share(&st->hoofd[col - OC_HOOFD], text, sizeof text);
        draw_number_right(y, x, width, text, role);
    }
}

static void ov_draw_header(void *ctx, int col, int y, int x, int width)
{
    struct overview_screen *ov = ctx;
    const char *t = col == OC_NAME     ? _("Leerling")
                    : col == OC_NIVEAU ? _("niveau")
                    : col == OC_TOTAL  ? _("beheerst")
                                       : ov->o.hoofd[col - OC_HOOFD].name;
    if (col <= OC_NIVEAU)
        draw_text(stdscr, y, x, width, t, TR_GRID_HEADER);
    else
        draw_number_right(y, x, width, t, TR_GRID_HEADER);
}

static const char *ov_student_text(void *ctx, int row) { return ((struct overview_screen *)ctx)->o.students[row].name; }

static const struct grid_ops ov_grid = {ov_col_width, ov_draw_cell, ov_draw_header, ov_student_text};

/* Reads the overview (again); the list and the grid keep their place (the grid on the same student). */
static void overview_load(struct overview_screen *ov)
{
    int64_t keep = ov->o.nstudents ? ov->o.students[ov->grid.cur_row].id : 0;
    int row = ov->grid.cur_row;
    overview_free(&ov->o);
    free(ov->rows);
    ov->rows = NULL;
    ov->nrows = 0;
    struct overview_filter f = {0, 0, ov->niveau_id, NULL, NULL};
    ov->ok = overview_group(&ov->app->session, ov->group_id, &f, &ov->o) == KM_OK;
    if (!ov->ok)
        app_core_error(ov->app);
    ov->rows = calloc(ov->o.ngoals * 2 + 1, sizeof *ov->rows);
    for (size_t i = 0; ov->rows && i < ov->o.ngoals; i++) {
        if (i == 0 || ov->o.goals[i].deel != ov->o.goals[i - 1].deel)
            ov->rows[ov->nrows++] = (struct ov_row){true, ov->o.goals[i].deel};
        ov->rows[ov->nrows++] = (struct ov_row){false, i};
    }
    list_set_count(&ov->list, ov->nrows);
    int w = text_width(_("Leerling"));
    for (size_t i = 0; i < ov->o.nstudents; i++) {
        int tw = text_width(ov->o.students[i].name);
        w = tw > w ? tw : w;
        if (ov->o.students[i].id == keep)
            row = (int)i;
    }
    ov->name_w = w < NAME_W_MIN ? NAME_W_MIN : w > NAME_W_MAX ? NAME_W_MAX : w;
    grid_set_size(&ov->grid, (int)ov->o.nstudents, OC_HOOFD + (int)ov->o.nhoofd);
    grid_set_cursor(&ov->grid, row, ov->grid.cur_col);
}

static void overview_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    int mastered = 0, goals = 0;
    for (size_t i = 0; i < ov->o.nstudents; i++) {
        mastered += ov->o.students[i].total.mastered;
        goals += ov->o.students[i].total.goals;
    }
    char pct[16], facts[300], keys[32];
    pct_text(mastered, goals, pct, sizeof pct);
    int used = draw_text_raw(stdscr, top, 2, width - 4, ov->niveau, TR_TITLE);
    snprintf(facts, sizeof facts, _(" · %d leerlingen · %d leerdoelen · groep: %s beheerst"), (int)ov->o.nstudents,
             (int)ov->o.ngoals, pct);
    draw_text(stdscr, top, 2 + used, width - 4 - used, facts, TR_DIM);
    /* the two views as tabs: the chosen one in brackets, so it reads without colour */
    int x = 2;
    static const char *const tabs[2] = {N_("Per leerdoel"), N_("Per leerling")};
    for (int t = 0; t < 2; t++) {
        char tab[80];
        bool on = (int)ov->view == t;
        snprintf(tab, sizeof tab, on ? "[ %s ]" : "  %s  ", _(tabs[t]));
        x += draw_text_raw(stdscr, top + 1, x, width - x - 2, tab, on ? TR_SELECTED : TR_DIM) + 1;
    }
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, keys, sizeof keys);
    snprintf(facts, sizeof facts, _("%s: wissel"), keys);
    draw_text_raw(stdscr, top + 1, x + 2, width - x - 4, facts, TR_DIM);
    if (!ov->ok)
        return;
    if (ov->view == OV_STUDENTS) {
        grid_draw(&ov->grid, top + 3, 1, h - 3, width - 2);
        return;
    }
    if (ov->o.ngoals == 0) {
        draw_text(stdscr, top + 3, 2, width - 4, _("Geen leerdoelen voor deze groep op dit niveau."), TR_DIM);
        return;
    }
    int lw = width - 4, cx = 2 + ov_counts_x(ov, lw);
    draw_fill(stdscr, top + 3, 1, 1, width - 2, TR_GRID_HEADER);
    draw_text(stdscr, top + 3, 4, CODE_W, _("Leerdoel"), TR_GRID_HEADER);
    for (size_t k = 0; k <= ov->o.scale.n; k++) {
        char head[32];
        if (k < ov->o.scale.n)
            snprintf(head, sizeof head, "%s %s", ov->o.scale.items[k].glyph, ov->o.scale.items[k].letter);
        else
            snprintf(head, sizeof head, "%s", "–");
        draw_number_right(top + 3, cx + COUNT_W * (int)k, COUNT_W, head, TR_GRID_HEADER);
    }
    draw_number_right(top + 3, cx + COUNT_W * (int)(ov->o.scale.n + 1) + 2, BAR_W + 5, _("beheerst"), TR_GRID_HEADER);
    list_draw(&ov->list, top + 4, 2, h - 4, lw);
}

static int overview_search(struct overview_screen *ov, struct app *a, bool next)
{
    if (ov->view == OV_STUDENTS)
        return next ? grid_search_next_action(a, &ov->grid, SEARCH_PEOPLE)
                    : grid_search_action(a, &ov->grid, _("Zoek leerling:"), SEARCH_PEOPLE);
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, _("Zoek leerdoel:"));
        return R_DRAW;
    }
    if (!list_search(&ov->list, next ? ov->list.search : a->prompt_text, next))
        app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
    return R_DRAW;
}

static const struct action_words *overview_words(const struct screen *s, enum action act)
{
    static const struct action_words by_goal[] = {
        {A_NEXT_FIELD, N_("per leerling"), N_("Toon het overzicht per leerling: beheerst per hoofdgebied.")},
        {A_SELECT, N_("open statusbord"), N_("Open het statusbord van het deelgebied van het gekozen leerdoel.")},
        {A_SEARCH, N_("zoek leerdoel"), N_("Zoek een leerdoel op code of tekst.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words by_student[] = {
        {A_NEXT_FIELD, N_("per leerdoel"), N_("Toon het overzicht per leerdoel: hoeveel leerlingen per status.")},
        {A_SELECT, N_("leerdoelen"), N_("Toon de leerdoelen en statussen van de gekozen leerling.")},
        {A_SEARCH, N_("zoek leerling"), N_("Zoek een leerling op naam.")},
        {ACT_NONE, NULL, NULL},
    };
    return action_words_find(((const struct overview_screen *)s)->view == OV_GOALS ? by_goal : by_student, act);
}

/* From the overview to the work: a goal opens the status board of its deelgebied with the cursor on it. */
static int open_goal(struct overview_screen *ov, struct app *a)
{
    if (!ov->nrows)
        return R_NONE;
    const struct ov_row *r = &ov->rows[ov->list.cur];
    size_t deel = r->heading ? r->index : ov->o.goals[r->index].deel;
    const struct overview_area *d = &ov->o.deel[deel];
    char area[200];
    snprintf(area, sizeof area, "%s / %s", ov->o.hoofd[d->hoofd].name, d->name);
    struct screen *s =
        board_screen_new(a, ov->group_id, ov->o.title, d->id, area, ov->niveau_id, ov->niveau_id ? ov->niveau : "");
    if (s && !r->heading)
        board_screen_show_goal(s, ov->o.goals[r->index].id);
    app_push(a, s);
    return R_DRAW;
}

/* ... and a student opens that student's goals. */
static int open_student(struct overview_screen *ov, struct app *a)
{
    if (!ov->o.nstudents)
        return R_NONE;
    const struct overview_student *st = &ov->o.students[ov->grid.cur_row];
    app_push(a, student_goals_screen_new(a, st->id, st->name));
    return R_DRAW;
}

static int overview_action(struct screen *s, struct app *a, enum action act)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    if (ov->view == OV_STUDENTS ? grid_move(&ov->grid, act) : list_move(&ov->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return ov->view == OV_STUDENTS ? open_student(ov, a) : open_goal(ov, a);
    case A_NEXT_FIELD:
        ov->view = ov->view == OV_GOALS ? OV_STUDENTS : OV_GOALS;
        return R_DRAW;
    case A_SEARCH:
        return overview_search(ov, a, false);
    case A_SEARCH_NEXT:
        return overview_search(ov, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int overview_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)a;
    (void)twice;
    struct overview_screen *ov = (struct overview_screen *)s;
    bool hit = ov->view == OV_STUDENTS ? grid_click(&ov->grid, y, x) : list_click(&ov->list, y);
    return hit ? R_DRAW : R_NONE;
}

static void overview_reload(struct screen *s, struct app *a)
{
    (void)a;
    overview_load((struct overview_screen *)s);
}

static void overview_destroy(struct screen *s)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    overview_free(&ov->o);
    free(ov->rows);
    free(ov);
}

static const struct screen_ops overview_ops = {
    .draw = overview_draw,
    .on_action = overview_action,
    .reload = overview_reload,
    .resume = overview_reload,
    .on_click = overview_click,
    .destroy = overview_destroy,
    .words_now = overview_words,
};

struct screen *group_overview_screen_new(struct app *a, int64_t group_id, const char *group, int64_t niveau_id,
                                         const char *niveau)
{
    struct overview_screen *ov = calloc(1, sizeof *ov);
    if (!ov)
        return NULL;
    ov->base.ops = &overview_ops;
    ov->base.actions = overview_actions;
    ov->app = a;
    ov->group_id = group_id;
    ov->niveau_id = niveau_id;
    snprintf(ov->niveau, sizeof ov->niveau, "%s", niveau_id ? niveau : _("ieder op het eigen niveau"));
    snprintf(ov->base.title, sizeof ov->base.title, "LEERDOELEN › %s › %s", _("OVERZICHT"), group);
    list_init(&ov->list, ov_goal_row, ov_goal_text, ov);
    grid_init(&ov->grid, &ov_grid, ov, 1, true);
    ov->grid.gap = 2;
    overview_load(ov);
    return &ov->base;
}
