/* One lesson on its date (Enter in MIJNROOSTER): when and where, the goals planned in it, the note and the
 * line for the class.
 *
 * A teacher of the lesson (core says so: may_edit) links goals from the curriculum ('a': a list filtered by the
 * lesson's hoofdgebied, deelgebied and niveau, each filter visible and switchable, '/' searches by text),
 * removes one ('d', after a yes), writes the note ('e') and the line for the class ('m'), each in a small
 * multi-line editor. Each goal shows how many students of the lesson's groups have each status, by letter, and
 * the share that masters it. A student or parent sees the same lesson read-only, with the child's own status
 * per goal and the line for the class; the note is staff-only (AVG), and core gives it to staff only.
 *
 * A text is saved with the version the teacher saw: when a duo-collega changed the lesson meanwhile, core
 * says so (KM_CONFLICT), the other's text is shown beside the teacher's own, and nothing is lost. An editor
 * holding unsaved text answers the app's `unsaved` question, so every way out asks first; when the connection
 * drops the text is kept as a draft and offered back the next time this person opens the lesson. */
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

/* ======================================================================================================
 * The lesson
 * ====================================================================================================== */

struct detail {
    struct screen base;
    struct app *app;
    int64_t id, student;
    bool found;
    struct lesson_detail d;
    struct km_status_scale scale;
    struct list list;
    int code_w, right_w;
    int level;                     /* how short the counts are written: chosen per draw for the width */
    int digits[PLANNING_STATUSES]; /* of the largest count per status, so the columns line up; [0] 0: none */
    char text[600];
    int64_t pending_goal;
};

static const enum action edit_actions[] = {A_ADD,  A_DELETE,  A_EDIT,      A_EDIT_CLASS, A_SELECT, A_BACK,  A_UP,
                                           A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME,       A_END,    ACT_NONE};
static const enum action view_actions[] = {A_SELECT,    A_BACK, A_UP,  A_DOWN,  A_PAGE_UP,
                                           A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};

/* "N 5 · B 10 · J 3 · V 7 · geen 2" (letters from the school's scale; numbers padded so the rows line up);
 * shorter at a higher level: "N 5 · B 10 · … · – 2", "N 5  B 10  …  – 2", then "N5 B10 J3 V7 –2". */
static void counts_text(const struct detail *ds, const struct planning_goal *g, int level, char *out, size_t len)
{
    const char *sep = level < 2 ? " · " : level == 2 ? "  " : " ";
    const char *gap = level < 3 ? " " : "";
    out[0] = '\0';
    for (size_t i = 0; i < ds->scale.n; i++) {
        int64_t id = ds->scale.items[i].id;
        if (id > 0 && id < PLANNING_STATUSES)
            strbuf_appendf(out, len, "%s%s%s%*d", out[0] ? sep : "", ds->scale.items[i].letter, gap, ds->digits[id],
                           g->counts[id]);
    }
    if (ds->digits[0])
        strbuf_appendf(out, len, "%s%s%s%*d", out[0] ? sep : "", level == 0 ? _("geen") : "–", gap, ds->digits[0],
                       g->counts[0]);
}

static int mastered_pct(const struct detail *ds, const struct planning_goal *g)
{
    int done = 0;
    for (size_t i = 0; i < ds->scale.n; i++) {
        int64_t id = ds->scale.items[i].id;
        if (ds->scale.items[i].mastered && id > 0 && id < PLANNING_STATUSES)
            done += g->counts[id];
    }
    return g->students ? (done * 100 + g->students / 2) / g->students : 0;
}

/* The right-hand part of a goal's row: the counts (teacher) or the child's own status; level 0 is the
 * longest form, 2 the shortest. */
static void goal_right(const struct detail *ds, const struct planning_goal *g, int level, char *out, size_t len)
{
    if (ds->student) {
        const struct km_status_value *v = status_scale_find(&ds->scale, g->own_status);
        if (v)
            snprintf(out, len, "%s %s %s", v->glyph, v->letter, v->label);
        else
            snprintf(out, len, "%s", _("– nog geen status"));
        return;
    }
    if (!ds->d.may_edit) {
        out[0] = '\0';
        return;
    }
    char counts[200];
    counts_text(ds, g, level, counts, sizeof counts);
    out[0] = '\0';
    if (level == 0)
        strbuf_appendf(out, len, _("%s   %3d%% beheerst"), counts, mastered_pct(ds, g));
    else
        strbuf_appendf(out, len, "%s  %3d%%", counts, mastered_pct(ds, g));
}

static void detail_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct detail *ds = ctx;
    const struct planning_goal *g = &ds->d.goals[i];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    char right[256];
    goal_right(ds, g, ds->level, right, sizeof right);
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, "◆", role);
    draw_text(stdscr, y, x + 2, ds->code_w, g->code, selected ? role : TR_DIM);
    int rw = text_width(right);
    int tx = x + 2 + ds->code_w + 2;
    int rx = x + width - ds->right_w;
    if (rw > ds->right_w)
        rw = ds->right_w;
    draw_text(stdscr, y, tx, rx - tx - 2, g->title, role);
    enum theme_role rrole = role;
    if (!selected && ds->student) {
        const struct km_status_value *v = status_scale_find(&ds->scale, g->own_status);
        rrole = v ? theme_role_by_name(v->colour_role) : TR_DIM;
    }
    draw_text_raw(stdscr, y, x + width - rw, rw, right, rrole);
}

static const char *detail_row_text(void *ctx, int i)
{
    struct detail *ds = ctx;
    snprintf(ds->text, sizeof ds->text, "%s %s", ds->d.goals[i].code, ds->d.goals[i].title);
    return ds->text;
}

/* Column widths for a table width columns wide: the longest form of the counts that leaves the titles room. */
static void measure(struct detail *ds, int width)
{
    ds->code_w = 6;
    for (int i = 0; i < ds->d.ngoals; i++) {
        int w = text_width(ds->d.goals[i].code);
        ds->code_w = w > ds->code_w ? (w < 14 ? w : 14) : ds->code_w;
    }
    memset(ds->digits, 0, sizeof ds->digits);
    for (int st = 0; st < PLANNING_STATUSES; st++)
        for (int i = 0; i < ds->d.ngoals; i++) {
            int c = ds->d.goals[i].counts[st], dg = c >= 100 ? 3 : c >= 10 ? 2 : 1;
            if ((st > 0 || c > 0) && dg > ds->digits[st])
                ds->digits[st] = dg;
        }
    for (ds->level = 0; ds->level <= 3; ds->level++) {
        ds->right_w = 0;
        for (int i = 0; i < ds->d.ngoals; i++) {
            char right[256];
            goal_right(ds, &ds->d.goals[i], ds->level, right, sizeof right);
            int w = text_width(right);
            ds->right_w = w > ds->right_w ? w : ds->right_w;
        }
        if (width - 2 - ds->code_w - 2 - ds->right_w - 2 >= 28 || ds->level == 3)
            break;
    }
}

static void detail_load(struct detail *ds)
{
    struct app *a = ds->app;
    int64_t keep = ds->found && ds->d.ngoals ? ds->d.goals[ds->list.cur].goal_id : 0;
    if (ds->found)
        planning_lesson_free(&ds->d);
    ds->found = planning_lesson(&a->session, ds->id, ds->student, &ds->d) == KM_OK;
    if (!ds->found) {
        app_core_error(a);
        memset(&ds->d, 0, sizeof ds->d);
    }
    for (int i = 0; i < ds->d.ngoals; i++)
        if (ds->d.goals[i].goal_id == keep)
            ds->list.cur = i;
    list_set_count(&ds->list, ds->d.ngoals);
    measure(ds, 76);
    /* the actions follow what core allows now (a teacher may have been taken off the group) */
    ds->base.actions = ds->found && ds->d.may_edit ? edit_actions : view_actions;
    char when[160];
    snprintf(ds->base.title, sizeof ds->base.title, "%s", "MIJNROOSTER › LES");
    if (ds->found) {
        when_text(&ds->d, false, when, sizeof when);
        strbuf_appendf(ds->base.title, sizeof ds->base.title, " › %s · %s", when,
                       *ds->d.subject ? ds->d.subject : _("(les)"));
    }
}

/* Draws the note wrapped from row y, at most h rows; returns rows used. */
static int draw_note(const char *note, int y, int x, int h, int width)
{
    static struct span spans[MAX_WRAP];
    int n = wrap_text(note, width, spans, MAX_WRAP);
    char line[2048];
    int shown = n <= h ? n : h;
    for (int k = 0; k < shown; k++) {
        span_copy(note, spans[k], line, sizeof line);
        if (k == shown - 1 && shown < n)
            strbuf_appendf(line, sizeof line, " …");
        draw_text(stdscr, y + k, x, width, line, TR_NORMAL);
    }
    return shown;
}

/* The texts under the goals: for staff the note (staff-only) and the line for the class, for a student or parent
 * only the line for the class (core gives them no note). */
struct text_block {
    const char *title, *text;
    char empty[160]; /* shown when text is "" */
    int h;           /* rows for the text */
};

static int text_blocks(const struct detail *ds, struct app *a, struct text_block out[2], int width)
{
    const struct lesson_detail *d = &ds->d;
    char e[32], m[32];
    keymap_keys_text(&a->keys, A_EDIT, 1, e, sizeof e);
    keymap_keys_text(&a->keys, A_EDIT_CLASS, 1, m, sizeof m);
    int n = 0;
    if (d->may_read_note) {
        out[n] = (struct text_block){_("Notitie · alleen voor leerkrachten"), d->note, "", 0};
        if (d->may_edit)
            snprintf(out[n].empty, sizeof out[n].empty, _("Nog geen notitie. %s: schrijven."), e);
        else
            snprintf(out[n].empty, sizeof out[n].empty, "%s", _("Geen notitie."));
        n++;
    }
    out[n] = (struct text_block){d->may_read_note ? _("Voor leerlingen en ouders") : _("Van de leerkracht"),
                                 d->pupil_note, "", 0};
    if (d->may_edit)
        snprintf(out[n].empty, sizeof out[n].empty, _("Nog niets voor de klas. %s: schrijven."), m);
    else
        snprintf(out[n].empty, sizeof out[n].empty, "%s", _("Geen bericht."));
    n++;
    static struct span spans[MAX_WRAP];
    for (int i = 0; i < n; i++)
        out[i].h = *out[i].text ? wrap_text(out[i].text, width, spans, MAX_WRAP) : 1;
    return n;
}

static void detail_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct detail *ds = (struct detail *)s;
    if (!ds->found) {
        draw_text(stdscr, top + 1, 2, width - 4,
                  _("Deze les is niet (meer) te zien; misschien is het rooster opnieuw gemaakt."), TR_WARNING);
        return;
    }
    const struct lesson_detail *d = &ds->d;
    char line[800], when[200];
    int y = top;
    /* the header */
    draw_text(stdscr, y, 2, width - 4, *d->subject ? d->subject : _("(les zonder vak)"), TR_TITLE);
    if (lesson_is_now(d))
        draw_text_raw(stdscr, y, width - 10, 8, _("» nu"), TR_NOW);
    y++;
    when_text(d, true, when, sizeof when);
    draw_text(stdscr, y++, 2, width - 4, when, TR_NORMAL);
    line[0] = '\0';
    strbuf_appendf(line, sizeof line, _("Lokaal: %s   Leerkracht: %s   Groepen: %s"), *d->room ? d->room : "—",
                   *d->teacher ? d->teacher : "—", *d->groups ? d->groups : "—");
    if (text_width(line) <= width - 4) {
        draw_text(stdscr, y++, 2, width - 4, line, TR_NORMAL);
    } else {
        line[0] = '\0';
        strbuf_appendf(line, sizeof line, _("Lokaal: %s   Leerkracht: %s"), *d->room ? d->room : "—",
                       *d->teacher ? d->teacher : "—");
        draw_text(stdscr, y++, 2, width - 4, line, TR_NORMAL);
        line[0] = '\0';
        strbuf_appendf(line, sizeof line, _("Groepen: %s"), *d->groups ? d->groups : "—");
        draw_text(stdscr, y++, 2, width - 4, line, TR_NORMAL);
    }
    y++;
    /* how the rest is shared: each text gets its lines (at most a share of the room), the goals the rest */
    int bottom = top + h;
    struct text_block blocks[2];
    int nb = text_blocks(ds, a, blocks, width - 6);
    int goals_h = d->ngoals ? d->ngoals : 1;
    int room_left = bottom - y - 1 /* goals title */ - 2 * nb /* a gap and a title per text */;
    int texts_h = 0;
    for (int i = 0; i < nb; i++)
        texts_h += blocks[i].h;
    if (goals_h + texts_h > room_left) {
        int cap = room_left / (2 * nb) > 1 ? room_left / (2 * nb) : 1;
        texts_h = 0;
        for (int i = 0; i < nb; i++) {
            blocks[i].h = blocks[i].h < cap ? blocks[i].h : cap;
            texts_h += blocks[i].h;
        }
        goals_h = room_left - texts_h > 1 ? room_left - texts_h : 1;
    }
    /* the goals */
    measure(ds, width - 4);
    line[0] = '\0';
    strbuf_appendf(line, sizeof line, _("Geplande leerdoelen (%d)"), d->ngoals);
    draw_text(stdscr, y, 2, width - 4, line, TR_GRID_HEADER);
    const char *head = NULL;
    if (d->ngoals && ds->student)
        head = ds->student == a->session.user_id ? _("mijn status") : _("status");
    else if (d->ngoals && d->may_edit)
        head = ds->level == 0 ? _("leerlingen per status") : _("per status · % beheerst");
    if (head) { /* right-aligned over the counts, wider than them when it must */
        int hw = text_width(head);
        int hx = width - 2 - (hw > ds->right_w ? hw : ds->right_w);
        draw_text_raw(stdscr, y, hx, width - 2 - hx, head, TR_GRID_HEADER);
    }
    y++;
    if (!d->ngoals) {
        char keys[32];
        keymap_keys_text(&a->keys, A_ADD, 1, keys, sizeof keys);
        line[0] = '\0';
        if (d->may_edit)
            strbuf_appendf(line, sizeof line, _("Nog geen leerdoelen gepland. %s: leerdoelen koppelen."), keys);
        else
            strbuf_appendf(line, sizeof line, "%s", _("Nog geen leerdoelen gepland."));
        draw_text(stdscr, y, 4, width - 6, line, TR_DIM);
    } else {
        list_draw(&ds->list, y, 2, goals_h, width - 4);
    }
    y += goals_h;
    /* the texts */
    for (int i = 0; i < nb && y + 1 < bottom; i++) {
        y++;
        draw_text(stdscr, y++, 2, width - 4, blocks[i].title, TR_GRID_HEADER);
        if (*blocks[i].text)
            draw_note(blocks[i].text, y, 4, bottom - y < blocks[i].h ? bottom - y : blocks[i].h, width - 6);
        else
            draw_text(stdscr, y, 4, width - 6, blocks[i].empty, TR_DIM);
        y += blocks[i].h;
    }
}

static void removed(struct app *a, void *ctx, bool yes)
{
    struct detail *ds = ctx;
    if (!yes || !ds->pending_goal)
        return;
    if (planning_remove_goal(&a->session, ds->id, ds->pending_goal) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, "%s", _("Het leerdoel is uit de les gehaald."));
    ds->pending_goal = 0;
}

static int ask_remove(struct detail *ds, struct app *a)
{
    if (!ds->found || !ds->d.may_edit)
        return R_NONE;
    if (!ds->d.ngoals) {
        app_message(a, TR_NORMAL, "%s", _("Er is nog geen leerdoel om weg te halen."));
        return R_DRAW;
    }
    const struct planning_goal *g = &ds->d.goals[ds->list.cur];
    char q[600] = "";
    strbuf_appendf(q, sizeof q, _("Leerdoel %s '%s' uit deze les halen?"), g->code, g->title);
    ds->pending_goal = g->goal_id;
    app_push(a, dialog_confirm_new(a, q, removed, ds));
    return R_DRAW;
}

static int detail_action(struct screen *s, struct app *a, enum action act)
{
    struct detail *ds = (struct detail *)s;
    if (list_move(&ds->list, act))
        return R_DRAW;
    bool edit = ds->found && ds->d.may_edit;
    switch (act) {
    case A_SELECT:
        if (ds->d.ngoals) {
            const struct planning_goal *g = &ds->d.goals[ds->list.cur];
            app_message(a, TR_NORMAL, "%s · %s%s%s · %s", g->code, g->area, *g->niveau ? _(" · niveau ") : "",
                        g->niveau, g->title);
        }
        return R_DRAW;
    case A_ADD:
        if (edit)
            app_push(a, goal_picker_screen_new(a, ds->id));
        return R_DRAW;
    case A_DELETE:
        return ask_remove(ds, a);
    case A_EDIT:
    case A_EDIT_CLASS:
        if (edit)
            app_push(a, note_editor_screen_new(a, &ds->d, act == A_EDIT ? DRAFT_NOTE : DRAFT_PUPIL, NULL));
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int detail_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct detail *ds = (struct detail *)s;
    if (!list_click(&ds->list, y))
        return R_NONE;
    return twice ? detail_action(s, a, A_SELECT) : R_DRAW;
}

static void detail_reload(struct screen *s, struct app *a)
{
    (void)a;
    detail_load((struct detail *)s);
}

static void detail_destroy(struct screen *s)
{
    struct detail *ds = (struct detail *)s;
    if (ds->found)
        planning_lesson_free(&ds->d);
    status_scale_free(&ds->scale);
    free(ds);
}

/* The goal keys act on the goal chosen in the list: without goals they are not offered. */
static const struct action_words *detail_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_ADD, N_("leerdoel koppelen"), N_("Kies leerdoelen uit het curriculum om in deze les te plannen.")},
        {A_DELETE, N_("ontkoppelen"),
         N_("Haal het gekozen leerdoel uit deze les; eerst wordt om bevestiging gevraagd.")},
        {A_EDIT, N_("notitie"), N_("Schrijf of wijzig de notitie bij deze les.")},
        {A_SELECT, N_("hele leerdoel"), N_("Toon het gekozen leerdoel helemaal: code, gebied, niveau en titel.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words none[] = {{A_DELETE, "", NULL}, {A_SELECT, "", NULL}, {ACT_NONE, NULL, NULL}};
    const struct detail *ds = (const struct detail *)s;
    const struct action_words *w = ds->d.ngoals ? NULL : action_words_find(none, act);
    return w ? w : action_words_find(words, act);
}

/* Students and parents get the view's actions: the same lesson without add, remove and edit (so neither footer
 * nor help lists them). */
static const struct screen_ops detail_ops = {
    .draw = detail_draw,
    .on_action = detail_action,
    .reload = detail_reload,
    .resume = detail_reload,
    .on_click = detail_click,
    .destroy = detail_destroy,
    .words_now = detail_words,
};

struct screen *lesson_detail_screen_new(struct app *a, int64_t instance_id, int64_t for_student)
{
    struct detail *ds = calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->base.ops = &detail_ops;
    ds->base.actions = view_actions;
    ds->app = a;
    ds->id = instance_id;
    ds->student = for_student;
    if (status_scale(&a->session, &ds->scale) != KM_OK)
        app_core_error(a);
    list_init(&ds->list, detail_row, detail_row_text, ds);
    detail_load(ds);
    return &ds->base;
}

/* ======================================================================================================
 * Opening a lesson: a draft kept when the connection dropped is offered back first
 * ====================================================================================================== */

struct offer {
    struct detail *ds;
    enum draft_field field;
    struct km_draft draft;
};

static void offer_answered(struct app *a, void *ctx, bool yes)
{
    struct offer *o = ctx;
    /* the lesson screen is on top again (the dialog closes before it can) */
    if (yes && o->ds->found)
        app_push(a, note_editor_screen_new(a, &o->ds->d, o->field, &o->draft));
    else if (drafts_drop(&a->session, o->ds->id, o->field) == KM_OK)
        app_message(a, TR_NORMAL, "%s", _("Het concept is weggegooid."));
    drafts_free(&o->draft);
    free(o);
}

static void offer_draft(struct app *a, struct detail *ds)
{
    for (int f = DRAFT_NOTE; f <= DRAFT_PUPIL; f++) {
        struct offer *o = calloc(1, sizeof *o);
        if (!o)
            return;
        o->ds = ds;
        o->field = (enum draft_field)f;
        if (drafts_get(&a->session, ds->id, o->field, &o->draft) != KM_OK) {
            free(o);
            continue;
        }
        char when[40], q[400];
        label_local_time(o->draft.saved_at, when, sizeof when);
        if (o->field == DRAFT_NOTE)
            snprintf(q, sizeof q,
                     _("Je notitie bij deze les was nog niet opgeslagen (concept van %s). Verder schrijven? "
                       "Nee gooit het concept weg."),
                     when);
        else
            snprintf(q, sizeof q,
                     _("Je tekst voor de klas bij deze les was nog niet opgeslagen (concept van %s). Verder "
                       "schrijven? Nee gooit het concept weg."),
                     when);
        struct screen *d = dialog_confirm_new(a, q, offer_answered, o);
        if (!d) {
            drafts_free(&o->draft);
            free(o);
            return;
        }
        app_push(a, d);
        return; /* one question at a time; another draft is offered the next time */
    }
}

void lesson_detail_open(struct app *a, int64_t instance_id, int64_t for_student)
{
    struct screen *s = lesson_detail_screen_new(a, instance_id, for_student);
    if (!s)
        return;
    app_push(a, s);
    struct detail *ds = (struct detail *)s;
    if (ds->found && ds->d.may_edit)
        offer_draft(a, ds);
}
