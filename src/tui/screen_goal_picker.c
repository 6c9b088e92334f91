/* One lesson: linking goals to it ('a' on the lesson): the curriculum filtered by the lesson's hoofdgebied,
 * deelgebied and niveau, each filter visible and switchable, '/' searches by text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/drafts.h"
#include "core/hours.h"
#include "core/planning.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/lesson_detail_common.h"

#define CANDIDATE_LIMIT 500

enum filter { F_HOOFD, F_DEEL, F_NIVEAU, F_TEXT, F__COUNT };

struct picker {
    struct screen base;
    struct app *app;
    int64_t id;
    bool have;
    struct lesson_detail d; /* the lesson: its area, and what is already planned */
    struct km_area_list areas;
    struct km_niveau_list niveaus;
    bool on[F__COUNT];
    int niveau_i; /* which of the lesson's niveaus the niveau filter uses */
    char text[128];
    bool in_filters; /* the focus is on the filter bar */
    int ffocus;      /* the filter chosen there */
    struct planning_goal *c;
    int nc;
    struct list list;
    int code_w;
    char row[600];
};

static const enum action picker_actions[] = {A_SELECT,  A_TOGGLE,    A_NEXT_FIELD, A_PREV_FIELD, A_SEARCH,
                                             A_BACK,    A_UP,        A_DOWN,       A_LEFT,       A_RIGHT,
                                             A_PAGE_UP, A_PAGE_DOWN, A_HOME,       A_END,        ACT_NONE};

static const char *area_name(const struct picker *p, int64_t hoofd, int64_t deel)
{
    const struct km_hoofdgebied *h = curriculum_area_by_id(&p->areas, hoofd);
    if (!h)
        return "?";
    if (!deel)
        return h->name;
    for (size_t i = 0; i < h->ndeel; i++)
        if (h->deel[i].id == deel)
            return h->deel[i].name;
    return "?";
}

static const char *niveau_name(const struct picker *p, int64_t id)
{
    for (size_t i = 0; i < p->niveaus.n; i++)
        if (p->niveaus.items[i].id == id)
            return p->niveaus.items[i].name;
    return "?";
}

/* Whether a filter applies to this lesson at all (a lesson without a deelgebied has no deelgebied filter). */
static bool filter_exists(const struct picker *p, enum filter f)
{
    switch (f) {
    case F_HOOFD:
        return p->d.hoofdgebied_id != 0;
    case F_DEEL:
        return p->d.deelgebied_id != 0;
    case F_NIVEAU:
        return p->d.nniveaus > 0;
    case F_TEXT:
        return p->text[0] != '\0';
    case F__COUNT:
        break;
    }
    return false;
}

static bool is_planned(const struct picker *p, int64_t goal)
{
    for (int i = 0; i < p->d.ngoals; i++)
        if (p->d.goals[i].goal_id == goal)
            return true;
    return false;
}

static void picker_query(struct picker *p)
{
    struct app *a = p->app;
    int64_t keep = p->nc ? p->c[p->list.cur].goal_id : 0;
    planning_goals_free(p->c, p->nc);
    p->c = NULL;
    p->nc = 0;
    struct goal_filter f = {0, 0, 0, NULL};
    if (p->on[F_HOOFD] && filter_exists(p, F_HOOFD))
        f.hoofdgebied_id = p->d.hoofdgebied_id;
    if (p->on[F_DEEL] && filter_exists(p, F_DEEL))
        f.deelgebied_id = p->d.deelgebied_id;
    if (p->on[F_NIVEAU] && filter_exists(p, F_NIVEAU))
        f.niveau_id = p->d.niveau_ids[p->niveau_i];
    if (p->on[F_TEXT] && p->text[0])
        f.text = p->text;
    if (planning_candidates(&a->session, &f, CANDIDATE_LIMIT, &p->c, &p->nc) != KM_OK)
        app_core_error(a);
    p->code_w = 6;
    for (int i = 0; i < p->nc; i++) {
        int w = text_width(p->c[i].code);
        p->code_w = w > p->code_w ? (w < 14 ? w : 14) : p->code_w;
        if (p->c[i].goal_id == keep)
            p->list.cur = i;
    }
    list_set_count(&p->list, p->nc);
}

static void picker_read_lesson(struct picker *p)
{
    if (p->have)
        planning_lesson_free(&p->d);
    p->have = planning_lesson(&p->app->session, p->id, 0, &p->d) == KM_OK;
    if (!p->have) {
        app_core_error(p->app);
        memset(&p->d, 0, sizeof p->d);
    }
    if (p->niveau_i >= p->d.nniveaus)
        p->niveau_i = 0;
}

static void draw_chip(const struct picker *p, enum filter f, int y, int *x, int right, const char *label)
{
    char chip[300] = "";
    bool focus = p->in_filters && p->ffocus == (int)f;
    strbuf_appendf(chip, sizeof chip, "%s%s %s%s", focus ? "▸[" : " [", p->on[f] ? "✓" : "✗", label, "]");
    int w = text_width(chip);
    if (*x + w > right)
        w = right - *x;
    if (w <= 0)
        return;
    enum theme_role role = focus ? TR_SELECTED : p->on[f] ? TR_NORMAL : TR_DIM;
    *x += draw_text_raw(stdscr, y, *x, w, chip, role) + 1;
}

static void picker_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct picker *p = ctx;
    const struct planning_goal *g = &p->c[i];
    bool sel = selected && !p->in_filters;
    enum theme_role role = sel ? TR_SELECTED : TR_NORMAL;
    bool planned = is_planned(p, g->goal_id);
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, planned ? "✓" : " ", sel ? role : TR_OK);
    draw_text(stdscr, y, x + 2, p->code_w, g->code, sel ? role : TR_DIM);
    char right[200] = "";
    if (width >= 110)
        strbuf_appendf(right, sizeof right, "%s%s%s", g->area, *g->niveau ? _(" · niveau ") : "", g->niveau);
    else if (*g->niveau)
        strbuf_appendf(right, sizeof right, _("niv %s"), g->niveau);
    int rw = text_width(right);
    int tx = x + 2 + p->code_w + 2;
    draw_text(stdscr, y, tx, x + width - tx - rw - 2, g->title, planned && !sel ? TR_DIM : role);
    draw_text_raw(stdscr, y, x + width - rw, rw, right, sel ? role : TR_DIM);
}

static const char *picker_row_text(void *ctx, int i)
{
    struct picker *p = ctx;
    snprintf(p->row, sizeof p->row, "%s %s", p->c[i].code, p->c[i].title);
    return p->row;
}

static void picker_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct picker *p = (struct picker *)s;
    int y = top;
    char line[600] = "", when[160];
    if (p->have) {
        when_text(&p->d, false, when, sizeof when);
        strbuf_appendf(line, sizeof line, _("Leerdoelen koppelen aan %s · %s · %s"), when,
                       *p->d.subject ? p->d.subject : _("(les)"), p->d.groups);
    }
    draw_text(stdscr, y++, 2, width - 4, line, TR_TITLE);
    /* the filters */
    int x = 2;
    x += draw_text_raw(stdscr, y, x, 9, _("Filters:"), TR_NORMAL);
    bool any = false;
    for (int f = 0; f < F__COUNT; f++) {
        if (!filter_exists(p, (enum filter)f))
            continue;
        any = true;
        char label[200] = "";
        if (f == F_HOOFD)
            strbuf_appendf(label, sizeof label, "%s", area_name(p, p->d.hoofdgebied_id, 0));
        else if (f == F_DEEL)
            strbuf_appendf(label, sizeof label, "%s", area_name(p, p->d.hoofdgebied_id, p->d.deelgebied_id));
        else if (f == F_NIVEAU)
            strbuf_appendf(label, sizeof label, _("niveau %s"), niveau_name(p, p->d.niveau_ids[p->niveau_i]));
        else
            strbuf_appendf(label, sizeof label, _("tekst '%s'"), p->text);
        draw_chip(p, (enum filter)f, y, &x, width - 2, label);
    }
    if (!any)
        draw_text_raw(stdscr, y, x + 1, width - x - 3, _("geen (de les heeft geen vak of niveau)"), TR_DIM);
    y++;
    /* how to use them, from the keymap */
    char tab[32], lr[80], l1[32], r1[32], sp[32], se[32], en[32];
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, tab, sizeof tab);
    keymap_keys_text(&a->keys, A_LEFT, 1, l1, sizeof l1);
    keymap_keys_text(&a->keys, A_RIGHT, 1, r1, sizeof r1);
    snprintf(lr, sizeof lr, "%s/%s", l1, r1);
    keymap_keys_text(&a->keys, A_TOGGLE, 1, sp, sizeof sp);
    keymap_keys_text(&a->keys, A_SEARCH, 1, se, sizeof se);
    keymap_keys_text(&a->keys, A_SELECT, 1, en, sizeof en);
    line[0] = '\0';
    if (p->in_filters)
        strbuf_appendf(line, sizeof line, _("%s kies een filter · %s aan/uit · %s terug naar de lijst · %s zoek"), lr,
                       sp, tab, se);
    else
        strbuf_appendf(line, sizeof line, _("%s of %s koppelt het leerdoel · %s naar de filters · %s zoek op tekst"),
                       en, sp, tab, se);
    draw_text(stdscr, y++, 2, width - 4, line, TR_DIM);
    line[0] = '\0';
    if (p->nc >= CANDIDATE_LIMIT)
        strbuf_appendf(line, sizeof line, _("de eerste %d leerdoelen; zet een filter aan of zoek"), p->nc);
    else
        strbuf_appendf(line, sizeof line, ngettext("%d leerdoel", "%d leerdoelen", (unsigned long)p->nc), p->nc);
    strbuf_appendf(line, sizeof line, _(" · ✓ = al gepland in deze les (%d)"), p->d.ngoals);
    draw_text(stdscr, y++, 2, width - 4, line, TR_DIM);
    y++;
    if (p->nc == 0) {
        draw_text(stdscr, y, 4, width - 6, _("Geen leerdoelen met deze filters; zet een filter uit."), TR_WARNING);
        return;
    }
    list_draw(&p->list, y, 2, top + h - y, width - 4);
}

/* The filters that exist for this lesson, in order, for moving between them. */
static void filter_step(struct picker *p, int dir)
{
    for (int k = 0; k < F__COUNT; k++) {
        p->ffocus = (p->ffocus + dir + F__COUNT) % F__COUNT;
        if (filter_exists(p, (enum filter)p->ffocus))
            return;
    }
}

static void filter_toggle(struct picker *p)
{
    enum filter f = (enum filter)p->ffocus;
    if (!filter_exists(p, f))
        return;
    if (f == F_TEXT) {
        p->text[0] = '\0';
        p->on[F_TEXT] = false;
        filter_step(p, -1);
    } else if (f == F_NIVEAU && p->on[f] && p->niveau_i + 1 < p->d.nniveaus) {
        p->niveau_i++; /* a lesson for several niveaus: each in turn, then off */
    } else {
        p->on[f] = !p->on[f];
        if (p->on[f])
            p->niveau_i = 0;
    }
    picker_query(p);
}

static int link_goal(struct picker *p, struct app *a)
{
    if (!p->nc)
        return R_NONE;
    const struct planning_goal *g = &p->c[p->list.cur];
    if (is_planned(p, g->goal_id)) {
        app_message(a, TR_NORMAL, _("%s staat al in deze les."), g->code);
        return R_DRAW;
    }
    if (planning_add_goal(&a->session, p->id, g->goal_id) != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    app_message(a, TR_OK, _("Gekoppeld: %s %s"), g->code, g->title);
    picker_read_lesson(p);
    return R_DRAW;
}

static int picker_search(struct picker *p, struct app *a)
{
    if (!a->prompt_confirmed) {
        app_start_prompt(a, _("Zoek leerdoel (code of tekst; leeg = alles):"));
        return R_DRAW;
    }
    snprintf(p->text, sizeof p->text, "%s", a->prompt_text);
    p->on[F_TEXT] = p->text[0] != '\0';
    p->list.cur = 0;
    picker_query(p);
    if (!p->nc)
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'; zet een filter uit of zoek anders."), p->text);
    return R_DRAW;
}

/* Enter and Space link the chosen goal, or, among the filters, turn the chosen filter on or off. */
static const struct action_words *picker_words(const struct screen *s, enum action act)
{
    static const struct action_words goals[] = {
        {A_SELECT, N_("koppelen"), N_("Plan het gekozen leerdoel in deze les.")},
        {A_TOGGLE, N_("koppelen"), N_("Plan het gekozen leerdoel in deze les.")},
        {A_NEXT_FIELD, N_("naar filters"), N_("Ga naar de filters: hoofdgebied, deelgebied en niveau van de les.")},
        {A_PREV_FIELD, N_("naar filters"), N_("Ga naar de filters.")},
        {A_SEARCH, N_("zoek leerdoel"), N_("Zoek een leerdoel op code of tekst.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words filters[] = {
        {A_SELECT, N_("filter aan/uit"), N_("Zet het gekozen filter aan of uit.")},
        {A_TOGGLE, N_("filter aan/uit"), N_("Zet het gekozen filter aan of uit.")},
        {A_NEXT_FIELD, N_("naar leerdoelen"), N_("Ga terug naar de lijst met leerdoelen.")},
        {A_PREV_FIELD, N_("naar leerdoelen"), N_("Ga terug naar de lijst met leerdoelen.")},
        {A_SEARCH, N_("zoek leerdoel"), N_("Zoek een leerdoel op code of tekst.")},
        {ACT_NONE, NULL, NULL},
    };
    return action_words_find(((const struct picker *)s)->in_filters ? filters : goals, act);
}

static int picker_action(struct screen *s, struct app *a, enum action act)
{
    struct picker *p = (struct picker *)s;
    if (act == A_SEARCH)
        return picker_search(p, a);
    if (act == A_BACK)
        return R_POP;
    if (act == A_NEXT_FIELD || act == A_PREV_FIELD) {
        p->in_filters = !p->in_filters;
        if (p->in_filters && !filter_exists(p, (enum filter)p->ffocus))
            filter_step(p, 1);
        if (p->in_filters && !filter_exists(p, (enum filter)p->ffocus))
            p->in_filters = false; /* nothing to choose */
        return R_DRAW;
    }
    if (p->in_filters) {
        switch (act) {
        case A_LEFT:
            filter_step(p, -1);
            return R_DRAW;
        case A_RIGHT:
            filter_step(p, 1);
            return R_DRAW;
        case A_TOGGLE:
        case A_SELECT:
            filter_toggle(p);
            return R_DRAW;
        case A_DOWN:
            p->in_filters = false;
            return R_DRAW;
        default:
            return R_NONE;
        }
    }
    if (list_move(&p->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
    case A_TOGGLE:
        return link_goal(p, a);
    case A_LEFT:
    case A_RIGHT:
        p->in_filters = true;
        if (!filter_exists(p, (enum filter)p->ffocus))
            filter_step(p, 1);
        if (!filter_exists(p, (enum filter)p->ffocus))
            p->in_filters = false;
        return R_DRAW;
    default:
        return R_NONE;
    }
}

static int picker_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct picker *p = (struct picker *)s;
    if (!list_click(&p->list, y))
        return R_NONE;
    p->in_filters = false;
    return twice ? link_goal(p, a) : R_DRAW;
}

static void picker_reload(struct screen *s, struct app *a)
{
    (void)a;
    struct picker *p = (struct picker *)s;
    picker_read_lesson(p);
    picker_query(p);
}

static void picker_destroy(struct screen *s)
{
    struct picker *p = (struct picker *)s;
    if (p->have)
        planning_lesson_free(&p->d);
    planning_goals_free(p->c, p->nc);
    curriculum_areas_free(&p->areas);
    curriculum_niveaus_free(&p->niveaus);
    free(p);
}

static const struct screen_ops picker_ops = {
    .draw = picker_draw,
    .on_action = picker_action,
    .reload = picker_reload,
    .resume = picker_reload,
    .on_click = picker_click,
    .destroy = picker_destroy,
    .words_now = picker_words,
};

struct screen *goal_picker_screen_new(struct app *a, int64_t instance_id)
{
    struct picker *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.ops = &picker_ops;
    p->base.actions = picker_actions;
    p->app = a;
    p->id = instance_id;
    snprintf(p->base.title, sizeof p->base.title, "%s", "MIJNROOSTER › LES › LEERDOELEN KOPPELEN");
    if (curriculum_areas(&a->session, &p->areas) != KM_OK || curriculum_niveaus(&a->session, &p->niveaus) != KM_OK)
        app_core_error(a);
    p->on[F_HOOFD] = p->on[F_DEEL] = p->on[F_NIVEAU] = true;
    list_init(&p->list, picker_row, picker_row_text, p);
    picker_read_lesson(p);
    picker_query(p);
    return &p->base;
}
