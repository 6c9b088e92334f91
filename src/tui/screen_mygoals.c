/* LEERDOELEN for students and parents: a student's own goals (their niveau) with the status of each, read-only,
 * grouped by hoofdgebied and deelgebied with how many are mastered. A parent first chooses a child (straight
 * to the goals when there is one). Enter shows a goal's full title and history. What is shown comes from core
 * (student_goals, children_of, status_scale); every string from data is drawn through draw_text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/children.h"
#include "core/statusread.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"

#define WIDE 100 /* from this width on, a goal row also says when its status was set */

/* ---- the status scale: glyph and letter, never colour alone ---- */

static void status_short(const struct km_status_scale *sc, int64_t id, char *out, size_t len)
{
    const struct km_status_value *v = id ? status_scale_find(sc, id) : NULL;
    if (v)
        snprintf(out, len, "%s %s", v->glyph, v->letter);
    else
        snprintf(out, len, "%s", "–");
}

static enum theme_role status_role(const struct km_status_scale *sc, int64_t id)
{
    const struct km_status_value *v = id ? status_scale_find(sc, id) : NULL;
    return v ? theme_role_by_name(v->colour_role) : TR_DIM;
}

static bool is_mastered(const struct km_status_scale *sc, int64_t id)
{
    const struct km_status_value *v = id ? status_scale_find(sc, id) : NULL;
    return v && v->mastered;
}

/* Starts a '/' prompt, or searches for what was typed (or the last search again). */
static int list_search_action(struct app *a, struct list *l, const char *label, bool next)
{
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, label);
        return R_DRAW;
    }
    if (!list_search(l, next ? l->search : a->prompt_text, next))
        app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
    return R_DRAW;
}

/* ==== one student's goals ==== */

enum row_kind { ROW_HOOFD, ROW_DEEL, ROW_GOAL };

struct goal_row {
    enum row_kind kind;
    int goal;            /* index into goals: the goal, or the first goal of the heading */
    int total, mastered; /* of a deelgebied or hoofdgebied */
};

struct mygoals_screen {
    struct screen base;
    struct app *app;
    int64_t student;
    char name[200];
    struct own_goal_list goals;
    struct km_status_scale scale;
    bool ok;
    struct goal_row *rows;
    int nrows;
    int mastered, with_status;
    struct list list;
    char text[800];
};

static const enum action mygoals_actions[] = {A_SELECT,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,    A_DOWN,
                                              A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};

static struct goal_row *add_row(struct mygoals_screen *m, enum row_kind kind, int goal)
{
    struct goal_row *r = &m->rows[m->nrows++];
    *r = (struct goal_row){kind, goal, 0, 0};
    return r;
}

/* Headings before each new hoofdgebied and deelgebied, with the count mastered under them. */
static bool build_rows(struct mygoals_screen *m)
{
    free(m->rows);
    m->nrows = 0;
    m->mastered = m->with_status = 0;
    m->rows = calloc(m->goals.n * 3 + 1, sizeof *m->rows);
    if (!m->rows)
        return false;
    struct goal_row *hoofd = NULL, *deel = NULL;
    for (size_t i = 0; i < m->goals.n; i++) {
        const struct own_goal *g = &m->goals.items[i];
        const struct own_goal *prev = i ? &m->goals.items[i - 1] : NULL;
        if (!prev || prev->hoofdgebied_id != g->hoofdgebied_id)
            hoofd = add_row(m, ROW_HOOFD, (int)i);
        if (!prev || prev->deelgebied_id != g->deelgebied_id)
            deel = add_row(m, ROW_DEEL, (int)i);
        add_row(m, ROW_GOAL, (int)i);
        bool done = is_mastered(&m->scale, g->status_id);
        hoofd->total++;
        deel->total++;
        hoofd->mastered += done;
        deel->mastered += done;
        m->mastered += done;
        m->with_status += g->status_id != 0;
    }
    return true;
}

static int row_of_goal(const struct mygoals_screen *m, int64_t goal_id)
{
    for (int i = 0; i < m->nrows; i++)
        if (m->rows[i].kind == ROW_GOAL && m->goals.items[m->rows[i].goal].goal_id == goal_id)
            return i;
    return -1;
}

/* The cursor rests on goals only, where Enter does something: from a heading it goes on in the direction it was
 * moving (dir > 0: down), or back the other way at the end of the list. */
static void to_goal(struct mygoals_screen *m, int dir)
{
    for (int pass = 0; pass < 2; pass++, dir = -dir)
        for (int i = m->list.cur; i >= 0 && i < m->nrows; i += dir)
            if (m->rows[i].kind == ROW_GOAL) {
                m->list.cur = i; /* the next draw scrolls it into view */
                return;
            }
}

static const struct action_words mygoals_words[] = {
    {A_SELECT, N_("wijzigingen"), N_("Toon het hele leerdoel, de status en wie die wanneer veranderde.")},
    {A_SEARCH, N_("zoek leerdoel"), N_("Zoek een leerdoel op code of tekst.")},
    {A_SEARCH_NEXT, N_("volgende"), N_("Ga naar het volgende leerdoel dat bij de zoekopdracht past.")},
    {ACT_NONE, NULL, NULL},
};

static void mygoals_load(struct mygoals_screen *m)
{
    int cur = m->list.cur;
    int64_t keep = m->nrows && m->rows[cur].kind == ROW_GOAL ? m->goals.items[m->rows[cur].goal].goal_id : 0;
    bool first = m->nrows == 0;
    student_goals_free(&m->goals);
    m->ok = student_goals(&m->app->session, m->student, &m->goals) == KM_OK;
    if (!m->ok)
        app_core_error(m->app);
    if (!build_rows(m))
        app_message(m->app, TR_ERROR, "%s", _("Onvoldoende geheugen."));
    int r = row_of_goal(m, keep);
    list_set_count(&m->list, m->nrows);
    m->list.cur = r >= 0 ? r : first ? 0 : cur;
    list_set_count(&m->list, m->nrows);
    to_goal(m, 1);
}

/* "2 van 4 beheerst" */
static void mastered_text(int mastered, int total, char *out, size_t len)
{
    snprintf(out, len, ngettext("%d van %d beheerst", "%d van %d beheerst", (unsigned long)total), mastered, total);
}

static void draw_right(int y, int x, int width, const char *text, enum theme_role role)
{
    int tw = text_width(text);
    if (tw < width)
        draw_text_raw(stdscr, y, x + width - tw, tw, text, role);
}

static void mygoals_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct mygoals_screen *m = ctx;
    const struct goal_row *r = &m->rows[i];
    const struct own_goal *g = &m->goals.items[r->goal];
    enum theme_role base = selected ? TR_SELECTED : TR_NORMAL;
    char buf[700], count[80];
    draw_fill(stdscr, y, x, 1, width, base);
    if (r->kind != ROW_GOAL) {
        mastered_text(r->mastered, r->total, count, sizeof count);
        int cw = text_width(count) + 1;
        if (r->kind == ROW_HOOFD)
            draw_text(stdscr, y, x, width - cw, g->hoofdgebied, selected ? TR_SELECTED : TR_TITLE);
        else
            draw_text(stdscr, y, x + 2, width - cw - 2, g->deelgebied, selected ? TR_SELECTED : TR_GRID_HEADER);
        draw_right(y, x, width, count, selected ? TR_SELECTED : TR_DIM);
        return;
    }
    const struct km_status_value *v = g->status_id ? status_scale_find(&m->scale, g->status_id) : NULL;
    char st[64], when[40] = "";
    status_short(&m->scale, g->status_id, st, sizeof st);
    int lx = x + 4;
    draw_text(stdscr, y, lx, 3, st, selected ? TR_SELECTED : status_role(&m->scale, g->status_id));
    lx += 5;
    int label_w = 14, when_w = width >= WIDE - 4 ? 12 : 0;
    if (when_w && *g->updated_at) {
        label_local_time(g->updated_at, when, sizeof when);
        when[10] = '\0'; /* the date is enough here */
    }
    snprintf(buf, sizeof buf, "%s  %s", g->code, g->title);
    int tw = width - (lx - x) - label_w - when_w - 1;
    draw_text(stdscr, y, lx, tw, buf, base);
    draw_text(stdscr, y, lx + tw + 1, label_w, v ? v->label : _("nog niet"),
              selected ? TR_SELECTED
              : v      ? TR_NORMAL
                       : TR_DIM);
    if (when_w)
        draw_text(stdscr, y, lx + tw + 1 + label_w, when_w, when, selected ? TR_SELECTED : TR_DIM);
}

static const char *mygoals_row_text(void *ctx, int i)
{
    struct mygoals_screen *m = ctx;
    const struct goal_row *r = &m->rows[i];
    const struct own_goal *g = &m->goals.items[r->goal];
    if (r->kind == ROW_HOOFD)
        return g->hoofdgebied;
    if (r->kind == ROW_DEEL)
        return g->deelgebied;
    snprintf(m->text, sizeof m->text, "%s %s", g->code, g->title);
    return m->text;
}

static void mygoals_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct mygoals_screen *m = (struct mygoals_screen *)s;
    char line[600], niveau[160] = "", count[80];
    int used = draw_text_raw(stdscr, top, 2, width - 4, m->name, TR_TITLE);
    if (*m->goals.niveaus)
        snprintf(niveau, sizeof niveau, _(" · niveau %s"), m->goals.niveaus);
    mastered_text(m->mastered, (int)m->goals.n, count, sizeof count);
    snprintf(line, sizeof line, "%s · %s", niveau, count);
    draw_text(stdscr, top, 2 + used, width - 4 - used, line, TR_DIM);
    int x = 2, end = width - 2;
    for (size_t i = 0; i < m->scale.n && x < end; i++) {
        const struct km_status_value *v = &m->scale.items[i];
        char item[120];
        snprintf(item, sizeof item, "%s %s %s", v->glyph, v->letter, v->label);
        x += draw_text_raw(stdscr, top + 1, x, end - x, item, theme_role_by_name(v->colour_role)) + 3;
    }
    if (!m->ok)
        return;
    if (m->goals.n == 0) {
        draw_text(stdscr, top + 3, 2, width - 4, _("Er zijn (nog) geen leerdoelen voor dit niveau."), TR_DIM);
        return;
    }
    list_draw(&m->list, top + 3, 2, h - 3, width - 4);
}

static int open_goal(struct mygoals_screen *m, struct app *a)
{
    if (!m->nrows || m->rows[m->list.cur].kind != ROW_GOAL)
        return R_NONE;
    const struct own_goal *g = &m->goals.items[m->rows[m->list.cur].goal];
    app_push(a, goal_history_screen_new(a, m->student, m->name, g->goal_id, g->code, g->title));
    return R_DRAW;
}

static int mygoals_action(struct screen *s, struct app *a, enum action act)
{
    struct mygoals_screen *m = (struct mygoals_screen *)s;
    if (list_move(&m->list, act)) {
        to_goal(m, act == A_UP || act == A_PAGE_UP || act == A_HOME ? -1 : 1);
        return R_DRAW;
    }
    int r;
    switch (act) {
    case A_SELECT:
        return open_goal(m, a);
    case A_SEARCH:
    case A_SEARCH_NEXT:
        r = list_search_action(a, &m->list, _("Zoek leerdoel:"), act == A_SEARCH_NEXT);
        to_goal(m, 1);
        return r;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int mygoals_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct mygoals_screen *m = (struct mygoals_screen *)s;
    if (!list_click(&m->list, y))
        return R_NONE;
    return twice ? open_goal(m, a) : R_DRAW;
}

static void mygoals_reload(struct screen *s, struct app *a)
{
    (void)a;
    mygoals_load((struct mygoals_screen *)s);
}

static void mygoals_destroy(struct screen *s)
{
    struct mygoals_screen *m = (struct mygoals_screen *)s;
    student_goals_free(&m->goals);
    status_scale_free(&m->scale);
    free(m->rows);
    free(m);
}

static const struct screen_ops mygoals_ops = {
    .draw = mygoals_draw,
    .on_action = mygoals_action,
    .reload = mygoals_reload,
    .resume = mygoals_reload,
    .on_click = mygoals_click,
    .destroy = mygoals_destroy,
};

struct screen *student_goals_screen_new(struct app *a, int64_t student, const char *name)
{
    struct mygoals_screen *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->base.ops = &mygoals_ops;
    m->base.actions = mygoals_actions;
    m->base.words = mygoals_words;
    m->app = a;
    m->student = student;
    snprintf(m->name, sizeof m->name, "%s", name);
    if (a->session.user_id == student)
        snprintf(m->base.title, sizeof m->base.title, "LEERDOELEN › %s", _("mijn leerdoelen"));
    else
        snprintf(m->base.title, sizeof m->base.title, "LEERDOELEN › %s", name);
    if (status_scale(&a->session, &m->scale) != KM_OK)
        app_core_error(a);
    list_init(&m->list, mygoals_row, mygoals_row_text, m);
    mygoals_load(m);
    return &m->base;
}

/* ==== a parent: first the child ==== */

struct child_screen {
    struct screen base;
    struct app *app;
    struct km_child_list children;
    bool ok;
    struct list list;
    char text[600];
};

static const enum action child_actions[] = {A_SELECT,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,    A_DOWN,
                                            A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};

static void child_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct child_screen *c = ctx;
    const struct km_child *k = &c->children.items[i];
    enum theme_role role = selected ? TR_SELECTED : k->active ? TR_NORMAL : TR_DIM;
    draw_fill(stdscr, y, x, 1, width, selected ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    int nw = width / 2 - 2;
    draw_text(stdscr, y, x + 2, nw, k->name, role);
    draw_text(stdscr, y, x + 4 + nw, width - nw - 4, *k->groups ? k->groups : _("geen groep"),
              selected ? TR_SELECTED : TR_DIM);
}

static const char *child_row_text(void *ctx, int i)
{
    struct child_screen *c = ctx;
    snprintf(c->text, sizeof c->text, "%s %s", c->children.items[i].name, c->children.items[i].groups);
    return c->text;
}

static void child_load(struct child_screen *c)
{
    int64_t keep = c->children.n ? c->children.items[c->list.cur].id : 0;
    children_free(&c->children);
    c->ok = children_of(&c->app->session, c->app->session.user_id, &c->children) == KM_OK;
    if (!c->ok)
        app_core_error(c->app);
    list_set_count(&c->list, (int)c->children.n);
    for (size_t i = 0; i < c->children.n; i++)
        if (c->children.items[i].id == keep)
            c->list.cur = (int)i;
    list_set_count(&c->list, (int)c->children.n);
}

static void child_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct child_screen *c = (struct child_screen *)s;
    if (!c->ok)
        return;
    if (c->children.n == 0) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Er zijn (nog) geen kinderen aan je account gekoppeld."), TR_NORMAL);
        return;
    }
    draw_text(stdscr, top, 2, width - 4, _("Van welk kind wil je de leerdoelen zien?"), TR_TITLE);
    list_draw(&c->list, top + 2, 2, h - 2, width - 4);
}

static int open_child(struct child_screen *c, struct app *a)
{
    if (!c->children.n)
        return R_NONE;
    const struct km_child *k = &c->children.items[c->list.cur];
    app_push(a, student_goals_screen_new(a, k->id, k->name));
    return R_DRAW;
}

static int child_action(struct screen *s, struct app *a, enum action act)
{
    struct child_screen *c = (struct child_screen *)s;
    if (list_move(&c->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return open_child(c, a);
    case A_SEARCH:
        return list_search_action(a, &c->list, _("Zoek kind:"), false);
    case A_SEARCH_NEXT:
        return list_search_action(a, &c->list, _("Zoek kind:"), true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int child_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct child_screen *c = (struct child_screen *)s;
    if (!list_click(&c->list, y))
        return R_NONE;
    return twice ? open_child(c, a) : R_DRAW;
}

static void child_reload(struct screen *s, struct app *a)
{
    (void)a;
    child_load((struct child_screen *)s);
}

static void child_destroy(struct screen *s)
{
    children_free(&((struct child_screen *)s)->children);
    free(s);
}

static const struct action_words child_words[] = {
    {A_SELECT, N_("toon leerdoelen"), N_("Toon de leerdoelen en statussen van het gekozen kind.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops child_ops = {
    .draw = child_draw,
    .on_action = child_action,
    .reload = child_reload,
    .resume = child_reload,
    .on_click = child_click,
    .destroy = child_destroy,
};

struct screen *mygoals_screen_new(struct app *a)
{
    if (a->session.role != ROLE_OUDER)
        return student_goals_screen_new(a, a->session.user_id, a->user_name);
    struct child_screen *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &child_ops;
    c->base.actions = child_actions;
    c->base.words = child_words;
    c->app = a;
    snprintf(c->base.title, sizeof c->base.title, "LEERDOELEN › %s", _("kies een kind"));
    list_init(&c->list, child_row, child_row_text, c);
    child_load(c);
    if (c->ok && c->children.n == 1) { /* one child: straight to their goals */
        struct screen *g = student_goals_screen_new(a, c->children.items[0].id, c->children.items[0].name);
        child_destroy(&c->base);
        return g;
    }
    return &c->base;
}
