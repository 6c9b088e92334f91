/* CONTROLE: every clash in one week template, as core finds them (conflicts_check). Refused clashes (a
 * teacher or a room in two places at once) come first, marked "✗ FOUT"; the warnings a beheerder may
 * accept (a child in two lessons through group membership, a full room, outside the school hours) are
 * marked "! LET OP": a glyph and a word, never colour alone. Core's sentence names the people; the list
 * shows its start and the panel at the bottom the whole sentence of the selected clash. Enter opens the
 * time slot of the (first) lesson involved, where it can be fixed; coming back runs the check again. */
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/lessons.h"
#include "core/templates.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

#define PANEL_MAX 5 /* lines of the selected clash's sentence; more is cut with "…" on the last one */
#define TAG_W 9     /* "✗ FOUT" / "! LET OP" */
#define WHEN_W 15   /* "ma 08:30–09:30" */

struct check_screen {
    struct screen base;
    struct app *app;
    int64_t template_id;
    bool found;   /* the template exists */
    bool checked; /* the check ran: only then does an empty list mean "no clashes" */
    char name[128];
    struct conflict_list c;
    int *order; /* indexes into c: refused first, then by day and time */
    int errors, warnings;
    struct km_lesson_list lessons; /* to find a clash's time slot */
    struct list list;
};

static const enum action check_actions[] = {A_SELECT,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,    A_DOWN,
                                            A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};

static const struct conflict *item(const struct check_screen *cs, int i) { return &cs->c.items[cs->order[i]]; }

static const struct conflict *current(const struct check_screen *cs) { return cs->c.n ? item(cs, cs->list.cur) : NULL; }

/* ---- reading ---- */

/* qsort has no context argument; the list being sorted is set just before and only for the call. */
static const struct conflict_list *sorting;

static int by_weight(const void *pa, const void *pb)
{
    const struct conflict *a = &sorting->items[*(const int *)pa], *b = &sorting->items[*(const int *)pb];
    int ra = conflict_refused(a->kind), rb = conflict_refused(b->kind);
    if (ra != rb)
        return rb - ra;
    if (a->weekday != b->weekday)
        return a->weekday - b->weekday;
    if (a->start_min != b->start_min)
        return a->start_min - b->start_min;
    return *(const int *)pa - *(const int *)pb; /* stable: core's own order */
}

static void clear_all(struct check_screen *cs)
{
    conflicts_free(&cs->c);
    lessons_list_free(&cs->lessons);
    free(cs->order);
    cs->order = NULL;
    cs->errors = cs->warnings = 0;
}

static void read_name(struct check_screen *cs)
{
    struct km_template_list tl;
    cs->found = false;
    if (templates_list(&cs->app->session, &tl) != KM_OK)
        return;
    for (size_t i = 0; i < tl.n; i++)
        if (tl.items[i].id == cs->template_id) {
            cs->found = true;
            snprintf(cs->name, sizeof cs->name, "%s", tl.items[i].name);
        }
    templates_list_free(&tl);
}

static bool read_conflicts(struct check_screen *cs)
{
    cs->checked = false;
    if (conflicts_check(&cs->app->session, cs->template_id, &cs->c) != KM_OK) {
        app_core_error(cs->app);
        return false;
    }
    cs->checked = true;
    if (!(cs->order = calloc(cs->c.n ? cs->c.n : 1, sizeof *cs->order))) {
        conflicts_free(&cs->c);
        cs->checked = false;
        app_message(cs->app, TR_ERROR, "%s", _("Onvoldoende geheugen."));
        return false;
    }
    for (size_t i = 0; i < cs->c.n; i++) {
        cs->order[i] = (int)i;
        if (conflict_refused(cs->c.items[i].kind))
            cs->errors++;
        else
            cs->warnings++;
    }
    sorting = &cs->c;
    qsort(cs->order, cs->c.n, sizeof *cs->order, by_weight);
    sorting = NULL;
    return true;
}

static bool same_clash(const struct conflict *a, const struct conflict *b)
{
    return a->kind == b->kind && a->lesson_a == b->lesson_a && a->lesson_b == b->lesson_b;
}

/* Runs the check again; the cursor stays on the same clash when it is still there. */
static void load(struct check_screen *cs)
{
    const struct conflict *cur = current(cs);
    struct conflict keep = cur ? *cur : (struct conflict){0}; /* its text goes with clear_all: not used */
    bool had = cur != NULL;
    clear_all(cs);
    read_name(cs);
    char title[400]; /* fitted into the title's bytes without cutting a letter in half */
    snprintf(title, sizeof title, "WEEK SJABLONEN › %s › %s", cs->found ? cs->name : "?", _("controle"));
    text_fit(title, 200, false, cs->base.title, sizeof cs->base.title);
    if (cs->found && read_conflicts(cs) && lessons_list(&cs->app->session, cs->template_id, 0, &cs->lessons) != KM_OK)
        cs->lessons = (struct km_lesson_list){0}; /* only Enter needs them */
    for (size_t i = 0; had && cs->order && i < cs->c.n; i++)
        if (same_clash(item(cs, (int)i), &keep))
            cs->list.cur = (int)i;
    list_set_count(&cs->list, cs->order ? (int)cs->c.n : 0);
}

/* ---- texts ---- */

static const char *tag(const struct conflict *c) { return conflict_refused(c->kind) ? _("✗ FOUT") : _("! LET OP"); }

static void when_text(const struct conflict *c, char *out, size_t len)
{
    char a[6], b[6];
    hours_format(c->start_min, a);
    hours_format(c->end_min, b);
    snprintf(out, len, "%s %s–%s", _(hours_day_short(c->weekday)), a, b);
}

static void summary_text(const struct check_screen *cs, char *out, size_t len)
{
    char e[64], w[64];
    snprintf(e, sizeof e, ngettext("✗ %d fout", "✗ %d fouten", (unsigned long)cs->errors), cs->errors);
    snprintf(w, sizeof w, ngettext("! %d waarschuwing", "! %d waarschuwingen", (unsigned long)cs->warnings),
             cs->warnings);
    snprintf(out, len, "%s, %s", e, w);
}

/* ---- drawing ---- */

static void draw_clash(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct check_screen *cs = ctx;
    const struct conflict *c = item(cs, i);
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL;
    char when[40];
    when_text(c, when, sizeof when);
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", r);
    draw_text(stdscr, y, x + 2, TAG_W, tag(c), selected ? r : conflict_refused(c->kind) ? TR_ERROR : TR_WARNING);
    draw_text(stdscr, y, x + 3 + TAG_W, WHEN_W, when, selected ? r : TR_DIM);
    int tx = 4 + TAG_W + WHEN_W;
    draw_text(stdscr, y, x + tx, width - tx, c->text, r);
}

static const char *clash_text(void *ctx, int i) { return item((struct check_screen *)ctx, i)->text; }

/* The whole sentence of the selected clash, under a line. */
static void draw_panel(const struct check_screen *cs, int y, int width, int max_lines)
{
    const struct conflict *c = current(cs);
    if (!c)
        return;
    char head[80];
    draw_hline(stdscr, y, 2, width, TR_DIM);
    when_text(c, head, sizeof head);
    draw_text(stdscr, y + 1, 2, TAG_W, tag(c), conflict_refused(c->kind) ? TR_ERROR : TR_WARNING);
    draw_text(stdscr, y + 1, 3 + TAG_W, width - 1 - TAG_W, head, TR_TITLE);
    draw_wrapped(stdscr, y + 2, 4, width - 2, max_lines, c->text, TR_NORMAL);
}

static void draw_summary(const struct check_screen *cs, int y, int width)
{
    if (cs->c.n == 0) {
        draw_text(stdscr, y, 2, width, _("✓ Geen botsingen"), TR_OK);
        draw_text(stdscr, y + 2, 2, width,
                  cs->lessons.n ? _("Geen leerkracht, lokaal of leerling staat twee keer tegelijk ingeroosterd.")
                                : _("Dit weeksjabloon heeft nog geen lessen."),
                  TR_NORMAL);
        return;
    }
    char line[200];
    summary_text(cs, line, sizeof line);
    draw_text(stdscr, y, 2, width, line, cs->errors ? TR_ERROR : TR_WARNING);
    draw_text(stdscr, y + 1, 2, width, _("FOUT: moet opgelost worden · LET OP: mag blijven als het zo bedoeld is"),
              TR_DIM);
}

static void check_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct check_screen *cs = (struct check_screen *)s;
    int w = width - 4;
    if (!cs->found) {
        draw_text(stdscr, top + 1, 2, w, _("Dit weeksjabloon bestaat niet (meer)."), TR_WARNING);
        return;
    }
    if (!cs->checked) {
        draw_text(stdscr, top + 1, 2, w, _("De controle kon niet worden uitgevoerd; zie de melding onderaan."),
                  TR_ERROR);
        return;
    }
    draw_summary(cs, top, w);
    if (cs->c.n == 0)
        return;
    int lines = h >= 30 ? PANEL_MAX : 3; /* a short terminal keeps room for the list */
    int panel = lines + 2;
    list_draw(&cs->list, top + 3, 2, h - 3 - panel, w);
    draw_panel(cs, top + h - panel, w, lines);
}

/* ---- acting ---- */

static int64_t slot_of(const struct check_screen *cs, int64_t lesson_id)
{
    for (size_t i = 0; i < cs->lessons.n; i++)
        if (cs->lessons.items[i].id == lesson_id)
            return cs->lessons.items[i].slot_id;
    return 0;
}

/* Without clashes there is nothing to open or search. */
static const struct action_words *check_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_SELECT, N_("open tijdslot"), N_("Open het tijdslot van de gekozen botsing, om een les te wijzigen.")},
        {A_SEARCH, N_("zoek"), N_("Zoek een botsing op naam, lokaal of groep.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words none[] = {
        {A_SELECT, "", NULL}, {A_SEARCH, "", NULL}, {A_SEARCH_NEXT, "", NULL}, {ACT_NONE, NULL, NULL}};
    return action_words_find(((const struct check_screen *)s)->c.n ? words : none, act);
}

static int open_slot(struct check_screen *cs, struct app *a)
{
    const struct conflict *c = current(cs);
    if (!c)
        return R_NONE;
    int64_t slot = slot_of(cs, c->lesson_a);
    if (slot)
        app_push(a, slot_screen_new(a, slot));
    else
        app_message(a, TR_WARNING, "%s", _("Deze les bestaat niet meer; de controle is bijgewerkt."));
    if (!slot)
        load(cs);
    return R_DRAW;
}

static int search(struct check_screen *cs, struct app *a, bool again)
{
    if (!again && !a->prompt_confirmed) { /* '/' opens the prompt; its Enter comes back here */
        app_start_prompt(a, _("Zoek (naam, groep, lokaal):"));
        return R_DRAW;
    }
    if (again && !cs->list.search[0])
        app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
    else if (!list_search(&cs->list, again ? cs->list.search : a->prompt_text, true) && cs->list.search[0])
        app_message(a, TR_WARNING, _("Geen botsing gevonden met '%s'."), cs->list.search);
    return R_DRAW;
}

static int check_action(struct screen *s, struct app *a, enum action act)
{
    struct check_screen *cs = (struct check_screen *)s;
    if (list_move(&cs->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return open_slot(cs, a);
    case A_SEARCH:
        return search(cs, a, false);
    case A_SEARCH_NEXT:
        return search(cs, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int check_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct check_screen *cs = (struct check_screen *)s;
    if (!list_click(&cs->list, y))
        return R_NONE;
    return twice ? open_slot(cs, a) : R_DRAW;
}

static void check_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct check_screen *)s);
}

static void check_destroy(struct screen *s)
{
    clear_all((struct check_screen *)s);
    free(s);
}

static const struct screen_ops check_ops = {
    .draw = check_draw,
    .on_action = check_action,
    .reload = check_reload,
    .resume = check_reload,
    .on_click = check_click,
    .destroy = check_destroy,
    .words_now = check_words,
};

struct screen *check_screen_new(struct app *a, int64_t template_id)
{
    struct check_screen *cs = calloc(1, sizeof *cs);
    if (!cs)
        return NULL;
    cs->base.ops = &check_ops;
    cs->base.actions = check_actions;
    cs->app = a;
    cs->template_id = template_id;
    list_init(&cs->list, draw_clash, clash_text, cs);
    load(cs);
    return &cs->base;
}
