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

#define NOTE_BYTES PLANNING_NOTE_MAX /* the larger of core's two limits */
#define CANDIDATE_LIMIT 500
#define MAX_WRAP 4096


/* "maandag 30-11-2026 · 08:30–09:30 · week 49" */
static void when_text(const struct lesson_detail *d, bool long_form, char *out, size_t len)
{
    int64_t z = 0;
    int y = 0, m = 0, day = 0, iso_year;
    char t0[8], t1[8];
    hours_format(d->start_min, t0);
    hours_format(d->end_min, t1);
    out[0] = '\0';
    if (!dates_parse(d->date, &z)) {
        strbuf_appendf(out, len, "%s %s–%s", d->date, t0, t1);
        return;
    }
    dates_to_civil(z, &y, &m, &day);
    if (long_form)
        strbuf_appendf(out, len, _("%s %02d-%02d-%04d · %s–%s · week %d"), _(dates_day_name(dates_weekday(z))), day, m, y, t0, t1,
                dates_iso_week(z, &iso_year));
    else
        strbuf_appendf(out, len, "%s %02d-%02d %s", _(dates_day_name(dates_weekday(z))), day, m, t0);
}

static bool lesson_is_now(const struct lesson_detail *d)
{
    int64_t z = 0;
    if (!dates_parse(d->date, &z) || z != dates_today())
        return false;
    int now = clock_minute_of_day();
    return now >= d->start_min && now < d->end_min;
}

/* ---- wrapping text into lines of at most width columns (the note, shown and edited) ---- */

struct span {
    size_t start, end; /* bytes [start, end) */
    bool soft;         /* the next line follows without a line break (wrapped) */
};

/* Lines of text at most width columns wide: at a line break, else after the last space that fits, else where
 * the width runs out. Returns how many (at most max); every byte is in a line or is a line break. */
static int wrap_text(const char *text, int width, struct span *out, int max)
{
    size_t len = strlen(text), pos = 0;
    int n = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        size_t pend = pos;
        while (pend < len && text[pend] != '\n')
            pend++;
        /* the paragraph [pos, pend) */
        for (;;) {
            size_t i = pos, last_space = (size_t)-1;
            int col = 0;
            while (i < pend) {
                uint32_t cp;
                int b = text_utf8_decode(text + i, pend - i, &cp);
                int cw = text_cp_width(cp);
                if (col + cw > width)
                    break;
                if (cp == ' ')
                    last_space = i;
                col += cw;
                i += (size_t)b;
            }
            if (n == max)
                return n;
            if (i >= pend) {
                out[n++] = (struct span){pos, pend, false};
                break;
            }
            size_t brk = last_space != (size_t)-1 && last_space > pos ? last_space + 1 : i;
            if (brk == pos) { /* not even one character fits: take one anyway */
                uint32_t cp;
                brk = pos + (size_t)text_utf8_decode(text + pos, pend - pos, &cp);
            }
            out[n++] = (struct span){pos, brk, true};
            pos = brk;
        }
        if (pend >= len)
            return n;
        pos = pend + 1;
    }
}

static void span_copy(const char *text, struct span sp, char *out, size_t len)
{
    size_t n = sp.end - sp.start;
    if (n >= len)
        n = len - 1;
    memcpy(out, text + sp.start, n);
    out[n] = '\0';
}

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
    int level;                      /* how short the counts are written: chosen per draw for the width */
    int digits[PLANNING_STATUSES]; /* of the largest count per status, so the columns line up; [0] 0: none */
    char text[600];
    int64_t pending_goal;
};

static const enum action edit_actions[] = {A_ADD,  A_DELETE,  A_EDIT,      A_EDIT_CLASS, A_SELECT, A_BACK,
                                           A_UP,   A_DOWN,    A_PAGE_UP,   A_PAGE_DOWN,  A_HOME,   A_END,
                                           ACT_NONE};
static const enum action view_actions[] = {A_SELECT, A_BACK, A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};

static const struct screen_ops detail_edit_ops, detail_view_ops;
static struct screen *picker_new(struct app *a, int64_t instance_id);
static struct screen *editor_new(struct app *a, const struct lesson_detail *d, enum draft_field field,
                                 const struct km_draft *draft);

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
            strbuf_appendf(out, len, "%s%s%s%*d", out[0] ? sep : "", ds->scale.items[i].letter, gap, ds->digits[id], g->counts[id]);
    }
    if (ds->digits[0])
        strbuf_appendf(out, len, "%s%s%s%*d", out[0] ? sep : "", level == 0 ? _("geen") : "–", gap, ds->digits[0], g->counts[0]);
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
    ds->base.ops = ds->found && ds->d.may_edit ? &detail_edit_ops : &detail_view_ops;
    char when[160];
    snprintf(ds->base.title, sizeof ds->base.title, "%s", "MIJNROOSTER › LES");
    if (ds->found) {
        when_text(&ds->d, false, when, sizeof when);
        strbuf_appendf(ds->base.title, sizeof ds->base.title, " › %s · %s", when, *ds->d.subject ? ds->d.subject : _("(les)"));
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
    out[n] = (struct text_block){d->may_read_note ? _("Voor leerlingen en ouders") : _("Van de leerkracht"), d->pupil_note,
                                 "", 0};
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
        draw_text(stdscr, top + 1, 2, width - 4, _("Deze les is niet (meer) te zien; misschien is het rooster opnieuw gemaakt."),
                  TR_WARNING);
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
        strbuf_appendf(line, sizeof line, _("Lokaal: %s   Leerkracht: %s"), *d->room ? d->room : "—", *d->teacher ? d->teacher : "—");
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
            app_message(a, TR_NORMAL, "%s · %s%s%s · %s", g->code, g->area, *g->niveau ? _(" · niveau ") : "", g->niveau,
                        g->title);
        }
        return R_DRAW;
    case A_ADD:
        if (edit)
            app_push(a, picker_new(a, ds->id));
        return R_DRAW;
    case A_DELETE: return ask_remove(ds, a);
    case A_EDIT:
    case A_EDIT_CLASS:
        if (edit)
            app_push(a, editor_new(a, &ds->d, act == A_EDIT ? DRAFT_NOTE : DRAFT_PUPIL, NULL));
        return R_DRAW;
    case A_BACK: return R_POP;
    default: return R_NONE;
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
        {A_DELETE, N_("ontkoppelen"), N_("Haal het gekozen leerdoel uit deze les; eerst wordt om bevestiging gevraagd.")},
        {A_EDIT, N_("notitie"), N_("Schrijf of wijzig de notitie bij deze les.")},
        {A_SELECT, N_("hele leerdoel"), N_("Toon het gekozen leerdoel helemaal: code, gebied, niveau en titel.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words none[] = {{A_DELETE, "", NULL}, {A_SELECT, "", NULL}, {ACT_NONE, NULL, NULL}};
    const struct detail *ds = (const struct detail *)s;
    const struct action_words *w = ds->d.ngoals ? NULL : action_words_find(none, act);
    return w ? w : action_words_find(words, act);
}

static const struct screen_ops detail_edit_ops = {
    .actions = edit_actions,
    .draw = detail_draw,
    .on_action = detail_action,
    .reload = detail_reload,
    .on_click = detail_click,
    .destroy = detail_destroy,
    .words_now = detail_words,
};

/* Students and parents: the same lesson without add, remove and edit (so neither footer nor help lists them). */
static const struct screen_ops detail_view_ops = {
    .actions = view_actions,
    .draw = detail_draw,
    .on_action = detail_action,
    .reload = detail_reload,
    .on_click = detail_click,
    .destroy = detail_destroy,
    .words_now = detail_words,
};

struct screen *lesson_detail_screen_new(struct app *a, int64_t instance_id, int64_t for_student)
{
    struct detail *ds = calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->base.ops = &detail_view_ops;
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
 * Linking goals: the curriculum filtered by the lesson's hoofdgebied, deelgebied and niveau
 * ====================================================================================================== */

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

static const enum action picker_actions[] = {A_SELECT, A_TOGGLE,    A_NEXT_FIELD, A_PREV_FIELD, A_SEARCH, A_BACK,
                                             A_UP,     A_DOWN,      A_LEFT,       A_RIGHT,      A_PAGE_UP, A_PAGE_DOWN,
                                             A_HOME,   A_END,       ACT_NONE};

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
    case F_HOOFD: return p->d.hoofdgebied_id != 0;
    case F_DEEL: return p->d.deelgebied_id != 0;
    case F_NIVEAU: return p->d.nniveaus > 0;
    case F_TEXT: return p->text[0] != '\0';
    case F__COUNT: break;
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
        strbuf_appendf(line, sizeof line, _("Leerdoelen koppelen aan %s · %s · %s"), when, *p->d.subject ? p->d.subject : _("(les)"),
                p->d.groups);
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
        strbuf_appendf(line, sizeof line, _("%s kies een filter · %s aan/uit · %s terug naar de lijst · %s zoek"), lr, sp, tab,
                se);
    else
        strbuf_appendf(line, sizeof line, _("%s of %s koppelt het leerdoel · %s naar de filters · %s zoek op tekst"), en, sp, tab,
                se);
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
        case A_LEFT: filter_step(p, -1); return R_DRAW;
        case A_RIGHT: filter_step(p, 1); return R_DRAW;
        case A_TOGGLE:
        case A_SELECT: filter_toggle(p); return R_DRAW;
        case A_DOWN: p->in_filters = false; return R_DRAW;
        default: return R_NONE;
        }
    }
    if (list_move(&p->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
    case A_TOGGLE: return link_goal(p, a);
    case A_LEFT:
    case A_RIGHT:
        p->in_filters = true;
        if (!filter_exists(p, (enum filter)p->ffocus))
            filter_step(p, 1);
        if (!filter_exists(p, (enum filter)p->ffocus))
            p->in_filters = false;
        return R_DRAW;
    default: return R_NONE;
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
    .actions = picker_actions,
    .draw = picker_draw,
    .on_action = picker_action,
    .reload = picker_reload,
    .on_click = picker_click,
    .destroy = picker_destroy,
    .words_now = picker_words,
};

static struct screen *picker_new(struct app *a, int64_t instance_id)
{
    struct picker *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.ops = &picker_ops;
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

/* ======================================================================================================
 * The note: a small multi-line editor
 * ====================================================================================================== */

enum efocus { E_TEXT, E_SAVE, E_CANCEL };

struct editor {
    struct screen base;
    struct app *app;
    int64_t id;
    int64_t version;       /* what the teacher's text is based on; core refuses when the lesson changed since */
    enum draft_field field; /* the note (staff-only) or the line for the class */
    size_t max;            /* core's limit for this text */
    bool from_draft;       /* opened with a kept draft: thrown away when this text is, kept when it is kept */
    bool kept, saved;
    char base_note[NOTE_BYTES + 8];
    char buf[NOTE_BYTES + 8];
    size_t len, caret;
    int top;               /* first visual line shown */
    int width;             /* of the text at the last draw */
    int want_col;          /* column kept while moving up and down */
    enum efocus focus;
    char header[300];
    char *theirs;          /* another's note, saved meanwhile; NULL when none */
    struct span spans[MAX_WRAP];
    int nspans;
};

static const enum action editor_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_BACK,  A_UP,   A_DOWN, A_LEFT,
                                             A_RIGHT,  A_HOME,       A_END,        A_DELETE, A_PAGE_UP, A_PAGE_DOWN,
                                             ACT_NONE};

static void editor_layout(struct editor *e)
{
    e->nspans = wrap_text(e->buf, e->width > 2 ? e->width - 1 : 1, e->spans, MAX_WRAP);
}

/* The visual line the caret is on, and its column there. */
static int caret_line(const struct editor *e, int *col)
{
    int line = e->nspans - 1;
    for (int k = 0; k < e->nspans; k++) {
        const struct span *sp = &e->spans[k];
        bool last_of_soft = sp->soft && e->caret == sp->end; /* then it is the start of the next line */
        if (e->caret >= sp->start && e->caret <= sp->end && !last_of_soft) {
            line = k;
            break;
        }
    }
    if (col) {
        char tmp[NOTE_BYTES + 8];
        size_t n = e->caret - e->spans[line].start;
        memcpy(tmp, e->buf + e->spans[line].start, n);
        tmp[n] = '\0';
        *col = text_width(tmp);
    }
    return line;
}

/* The byte in visual line k nearest to column col. */
static size_t offset_at(const struct editor *e, int k, int col)
{
    const struct span *sp = &e->spans[k];
    size_t i = sp->start;
    int c = 0;
    size_t end = sp->soft && sp->end > sp->start ? sp->end - 1 : sp->end; /* not past a wrapped line's last space */
    while (i < end) {
        uint32_t cp;
        int b = text_utf8_decode(e->buf + i, end - i, &cp);
        int w = text_cp_width(cp);
        if (c + w > col)
            break;
        c += w;
        i += (size_t)b;
    }
    return i;
}

static size_t prev_cp(const struct editor *e, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
        at--;
    return at;
}

static size_t next_cp(const struct editor *e, size_t at)
{
    if (at >= e->len)
        return e->len;
    uint32_t cp;
    return at + (size_t)text_utf8_decode(e->buf + at, e->len - at, &cp);
}

static bool editor_insert(struct editor *e, const char *bytes, size_t n)
{
    if (e->len + n > e->max) {
        if (e->field == DRAFT_NOTE)
            app_message(e->app, TR_WARNING, _("Een notitie heeft hoogstens %zu tekens."), e->max);
        else
            app_message(e->app, TR_WARNING, _("De tekst voor leerlingen en ouders heeft hoogstens %zu tekens."), e->max);
        return false;
    }
    memmove(e->buf + e->caret + n, e->buf + e->caret, e->len - e->caret + 1);
    memcpy(e->buf + e->caret, bytes, n);
    e->len += n;
    e->caret += n;
    return true;
}

static void editor_erase(struct editor *e, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->caret = from;
}

static void editor_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct editor *e = (struct editor *)s;
    char line[2100];
    int y = top;
    draw_text(stdscr, y++, 2, width - 4, e->header, TR_TITLE);
    /* who reads it, said plainly, above the text */
    if (e->field == DRAFT_PUPIL)
        draw_text(stdscr, y++, 2, width - 4,
                  _("Leerlingen en ouders lezen deze tekst. Schrijf hier niets over één kind."), TR_WARNING);
    else
        draw_text(stdscr, y++, 2, width - 4,
                  _("Alleen voor leerkrachten van deze les, hun duo-collega's en de beheerder."), TR_DIM);
    char enter[32], tab[32], esc[32];
    keymap_keys_text(&a->keys, A_SELECT, 1, enter, sizeof enter);
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, tab, sizeof tab);
    keymap_keys_text(&a->keys, A_BACK, 1, esc, sizeof esc);
    line[0] = '\0';
    strbuf_appendf(line, sizeof line, _("%s nieuwe regel · %s naar Opslaan · %s annuleren · %zu/%zu tekens"), enter, tab, esc,
            e->len, e->max);
    draw_text(stdscr, y++, 2, width - 4, line, TR_DIM);
    /* another's note, when it changed while this one was written */
    int theirs_h = 0;
    if (e->theirs) {
        static struct span sp[MAX_WRAP];
        int n = wrap_text(e->theirs, width - 8, sp, MAX_WRAP);
        theirs_h = (n < 1 ? 1 : n > 4 ? 4 : n) + 1;
        draw_text(stdscr, y, 2, width - 4,
                  _("Intussen door een ander opgeslagen (opslaan vervangt dit door jouw tekst hieronder):"), TR_WARNING);
        if (!*e->theirs)
            draw_text(stdscr, y + 1, 4, width - 8, _("(leeg)"), TR_DIM);
        for (int k = 0; k < n && k < 4; k++) {
            span_copy(e->theirs, sp[k], line, sizeof line);
            if (k == 3 && n > 4)
                strbuf_appendf(line, sizeof line, " …");
            draw_text(stdscr, y + 1 + k, 4, width - 8, line, TR_DIM);
        }
        y += theirs_h;
    }
    /* the text in a box */
    int box_h = top + h - y - 2;
    if (box_h < 3)
        box_h = 3;
    draw_box(stdscr, y, 1, box_h, width - 2, e->field == DRAFT_NOTE ? _("Notitie") : _("Voor leerlingen en ouders"),
             e->focus == E_TEXT ? TR_TITLE : TR_DIM);
    e->width = width - 6;
    editor_layout(e);
    int rows = box_h - 2;
    int col = 0, cl = caret_line(e, &col);
    if (cl < e->top)
        e->top = cl;
    if (cl >= e->top + rows)
        e->top = cl - rows + 1;
    if (e->top > e->nspans - rows)
        e->top = e->nspans - rows > 0 ? e->nspans - rows : 0;
    for (int k = 0; k < rows && e->top + k < e->nspans; k++) {
        const struct span *sp = &e->spans[e->top + k];
        struct span shown = *sp;
        if (shown.soft && shown.end > shown.start && e->buf[shown.end - 1] == ' ')
            shown.end--;
        span_copy(e->buf, shown, line, sizeof line);
        draw_text_raw(stdscr, y + 1 + k, 3, e->width, line, TR_NORMAL);
    }
    if (e->top > 0)
        draw_text_raw(stdscr, y, width - 5, 1, "↑", TR_DIM);
    if (e->top + rows < e->nspans)
        draw_text_raw(stdscr, y + box_h - 1, width - 5, 1, "↓", TR_DIM);
    /* the caret: drawn as a block, so it is seen whatever the terminal does with its own cursor */
    if (e->focus == E_TEXT && cl >= e->top && cl < e->top + rows) {
        char under[8] = " ";
        if (e->caret < e->len && e->buf[e->caret] != '\n') {
            size_t n = next_cp(e, e->caret) - e->caret;
            memcpy(under, e->buf + e->caret, n);
            under[n] = '\0';
        }
        draw_text_raw(stdscr, y + 1 + cl - e->top, 3 + col, 2, under, TR_SELECTED);
        move(y + 1 + cl - e->top, 3 + col);
    }
    /* the buttons */
    int by = y + box_h;
    int bx = 3;
    bx += draw_text_raw(stdscr, by, bx, 20, _("[ Opslaan ]"), e->focus == E_SAVE ? TR_SELECTED : TR_NORMAL) + 2;
    draw_text_raw(stdscr, by, bx, 20, _("[ Annuleren ]"), e->focus == E_CANCEL ? TR_SELECTED : TR_NORMAL);
}

static const char *field_text(const struct lesson_detail *d, enum draft_field f)
{
    return f == DRAFT_NOTE ? d->note : d->pupil_note;
}

static void editor_reread(struct editor *e, bool take_version)
{
    struct lesson_detail d;
    if (planning_lesson(&e->app->session, e->id, 0, &d) != KM_OK)
        return;
    const char *now = field_text(&d, e->field);
    if (strcmp(now, e->base_note) != 0) {
        free(e->theirs);
        e->theirs = strdup(now);
    }
    if (take_version) {
        e->version = d.version;
        snprintf(e->base_note, sizeof e->base_note, "%s", now);
    }
    planning_lesson_free(&d);
}

static int editor_save(struct editor *e, struct app *a)
{
    enum km_rc rc = e->field == DRAFT_NOTE ? planning_set_note(&a->session, e->id, e->buf, e->version)
                                           : planning_set_pupil_note(&a->session, e->id, e->buf, e->version);
    if (rc == KM_OK) {
        /* saved (core dropped the draft with it): nothing is unsaved any more, so closing asks nothing */
        snprintf(e->base_note, sizeof e->base_note, "%s", e->buf);
        e->saved = true;
        app_message(a, TR_OK, "%s",
                    e->field == DRAFT_NOTE ? _("De notitie is opgeslagen.") : _("De tekst voor de klas is opgeslagen."));
        return R_POP;
    }
    app_core_error(a);
    if (rc == KM_CONFLICT) {
        /* the other's text is now shown above this one; saving again is a choice made knowing it */
        char base[NOTE_BYTES + 8];
        snprintf(base, sizeof base, "%s", e->base_note);
        editor_reread(e, true);
        if (e->theirs && strcmp(e->theirs, base) == 0) { /* only the goals changed: the text is as it was */
            free(e->theirs);
            e->theirs = NULL;
        }
        e->focus = E_TEXT;
    }
    return R_DRAW;
}

static bool changed(const struct editor *e) { return strcmp(e->buf, e->base_note) != 0; }

/* The app asks before this text is thrown away by any way out (Esc, Annuleren, F10, logging out). */
static const char *editor_unsaved(const struct screen *s)
{
    const struct editor *e = (const struct editor *)s;
    if (!changed(e))
        return NULL;
    return e->field == DRAFT_NOTE ? _("de notitie") : _("de tekst voor leerlingen en ouders");
}

/* The connection dropped or the session timed out: the text waits as this person's draft for this lesson. */
static void editor_keep_draft(struct screen *s, struct app *a)
{
    struct editor *e = (struct editor *)s;
    e->kept = drafts_keep(&a->session, e->id, e->field, e->buf, e->version) == KM_OK;
}

static void vertical(struct editor *e, int lines)
{
    int col = 0, cl = caret_line(e, &col);
    if (e->want_col < 0)
        e->want_col = col;
    int k = cl + lines;
    if (k < 0) {
        e->caret = 0;
        return;
    }
    if (k >= e->nspans) {
        e->caret = e->len;
        return;
    }
    e->caret = offset_at(e, k, e->want_col);
}

/* Enter is a new line in the text, and the button's own word on a button. */
static const struct action_words *editor_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_NEXT_FIELD, N_("volgende"), N_("Ga van de tekst naar Opslaan en Annuleren, en weer terug.")},
        {A_PREV_FIELD, N_("vorige"), N_("Ga terug: van Annuleren naar Opslaan naar de tekst.")},
        {A_BACK, N_("annuleren"), N_("Sluit de notitie zonder op te slaan.")},
        {A_DELETE, N_("wis teken"), N_("Wis het teken op de cursor.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words enter[] = {
        {A_SELECT, N_("nieuwe regel"), N_("Begin een nieuwe regel in de notitie.")},
        {A_SELECT, N_("opslaan"), N_("Sla de notitie op.")},
        {A_SELECT, N_("annuleren"), N_("Sluit de notitie zonder op te slaan.")},
    };
    const struct editor *e = (const struct editor *)s;
    return act == A_SELECT ? &enter[e->focus] : action_words_find(words, act);
}

static int editor_action(struct screen *s, struct app *a, enum action act)
{
    struct editor *e = (struct editor *)s;
    if (act == A_BACK)
        return R_POP; /* the app asks first when the text changed */
    if (act == A_NEXT_FIELD || act == A_PREV_FIELD) {
        e->focus = (enum efocus)(((int)e->focus + (act == A_NEXT_FIELD ? 1 : 2)) % 3);
        return R_DRAW;
    }
    if (e->focus != E_TEXT) {
        switch (act) {
        case A_SELECT: return e->focus == E_SAVE ? editor_save(e, a) : R_POP;
        case A_LEFT:
        case A_RIGHT: e->focus = e->focus == E_SAVE ? E_CANCEL : E_SAVE; return R_DRAW;
        case A_UP: e->focus = E_TEXT; return R_DRAW;
        default: return R_NONE;
        }
    }
    if (act != A_UP && act != A_DOWN && act != A_PAGE_UP && act != A_PAGE_DOWN)
        e->want_col = -1;
    int col = 0, cl;
    switch (act) {
    case A_SELECT: editor_insert(e, "\n", 1); break;
    case A_LEFT: e->caret = prev_cp(e, e->caret); break;
    case A_RIGHT: e->caret = next_cp(e, e->caret); break;
    case A_UP: vertical(e, -1); break;
    case A_DOWN: vertical(e, 1); break;
    case A_PAGE_UP: vertical(e, -5); break;
    case A_PAGE_DOWN: vertical(e, 5); break;
    case A_HOME:
        cl = caret_line(e, &col);
        e->caret = e->spans[cl].start;
        break;
    case A_END:
        cl = caret_line(e, &col);
        e->caret = offset_at(e, cl, 1 << 20);
        break;
    case A_DELETE: editor_erase(e, e->caret, next_cp(e, e->caret)); break;
    default: return R_NONE;
    }
    editor_layout(e);
    return R_DRAW;
}

static int editor_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    struct editor *e = (struct editor *)s;
    if (e->focus != E_TEXT)
        return R_NONE;
    e->want_col = -1;
    if (ch == L'\b') {
        editor_erase(e, prev_cp(e, e->caret), e->caret);
    } else {
        char enc[4];
        int n = text_utf8_encode((uint32_t)ch, enc);
        editor_insert(e, enc, (size_t)n);
    }
    editor_layout(e);
    return R_DRAW;
}

static bool editor_wants_text(const struct screen *s) { return ((const struct editor *)s)->focus == E_TEXT; }

/* Another session saved: warn now, rather than only at Opslaan. The teacher's text stays as it is. */
static void editor_reload(struct screen *s, struct app *a)
{
    struct editor *e = (struct editor *)s;
    bool had = e->theirs != NULL;
    editor_reread(e, false);
    if (e->theirs && !had)
        app_message(a, TR_WARNING, "%s",
                    e->field == DRAFT_NOTE ? _("Let op: iemand anders heeft de notitie van deze les intussen gewijzigd.")
                                           : _("Let op: iemand anders heeft de tekst voor de klas intussen gewijzigd."));
}

/* Closing an editor that was opened with a draft, without keeping it again, throws the draft away: the text was
 * saved (core dropped it already) or the person chose to discard it. */
static void editor_destroy(struct screen *s)
{
    struct editor *e = (struct editor *)s;
    if (e->from_draft && !e->kept && !e->saved)
        drafts_drop(&e->app->session, e->id, e->field);
    free(e->theirs);
    free(e);
}

static const struct screen_ops editor_ops = {
    .actions = editor_actions,
    .draw = editor_draw,
    .on_action = editor_action,
    .on_text = editor_text,
    .wants_text = editor_wants_text,
    .reload = editor_reload,
    .destroy = editor_destroy,
    .words_now = editor_words,
    .unsaved = editor_unsaved,
    .keep_draft = editor_keep_draft,
};

/* draft: a kept draft to go on with (its text and the version it was based on), or NULL. */
static struct screen *editor_new(struct app *a, const struct lesson_detail *d, enum draft_field field,
                                 const struct km_draft *draft)
{
    struct editor *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->base.ops = &editor_ops;
    e->app = a;
    e->id = d->instance_id;
    e->field = field;
    e->max = field == DRAFT_NOTE ? PLANNING_NOTE_MAX : PLANNING_PUPIL_NOTE_MAX;
    e->version = draft ? draft->base_version : d->version;
    e->from_draft = draft != NULL;
    e->want_col = -1;
    snprintf(e->base_note, sizeof e->base_note, "%s", field_text(d, field));
    snprintf(e->buf, sizeof e->buf, "%s", draft ? draft->text : field_text(d, field));
    e->len = strlen(e->buf);
    e->caret = e->len;
    e->width = 60;
    char when[160];
    when_text(d, false, when, sizeof when);
    if (field == DRAFT_NOTE)
        strbuf_appendf(e->header, sizeof e->header, _("Notitie bij %s · %s · %s"), when, *d->subject ? d->subject : _("(les)"),
                d->groups);
    else
        strbuf_appendf(e->header, sizeof e->header, _("Voor leerlingen en ouders bij %s · %s · %s"), when,
                *d->subject ? d->subject : _("(les)"), d->groups);
    snprintf(e->base.title, sizeof e->base.title, "%s",
             field == DRAFT_NOTE ? "MIJNROOSTER › LES › NOTITIE" : "MIJNROOSTER › LES › VOOR DE KLAS");
    editor_layout(e);
    return &e->base;
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
        app_push(a, editor_new(a, &o->ds->d, o->field, &o->draft));
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
            snprintf(q, sizeof q, _("Je notitie bij deze les was nog niet opgeslagen (concept van %s). Verder schrijven? "
                                    "Nee gooit het concept weg."), when);
        else
            snprintf(q, sizeof q, _("Je tekst voor de klas bij deze les was nog niet opgeslagen (concept van %s). Verder "
                                    "schrijven? Nee gooit het concept weg."), when);
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
