/* MIJNROOSTER INSTELLINGEN → SCHOOL ROOSTER → ROOSTER MAKEN (beheerder), in three steps on one screen:
 *   1. the first week (any date: it is moved to its week's Monday, and that is said) and the number of weeks;
 *   2. the weeks, one row each, with what the roster holds there now; ←/→ or Space choose a week template or
 *      "— (vakantie)" per week, and 'a' gives every following week the same choice;
 *   3. a review (which weeks get which template, which are holidays, how many lessons that makes, where
 *      planning would be lost) and VOLGENDE, which generates.
 * Regenerating weeks that hold planned goals or notes first says how many lessons, goals and notes in which
 * weeks, in a dialog whose "Nee" has the focus; only "Ja" regenerates. The screen reads the weeks again when
 * another session commits, so a roster another beheerder made meanwhile is shown as it is. */
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/roster.h"
#include "core/templates.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

#define DEFAULT_WEEKS 4
#define FORM_W 72
#define LABEL_W 14
#define WEEK_W 7  /* "week 53" */
#define DATE_W 10 /* "30-11-2026" */
#define CHOICE_MAX 34
#define STATE_MAX 24
#define TEXT_MAX 512

enum step { STEP_START, STEP_WEEKS, STEP_REVIEW };
enum { F_DATE, F_WEEKS, F_NEXT };

struct roster_screen {
    struct screen base;
    struct app *app;
    enum step step;
    struct form form; /* step 1 */
    /* the plan: weeks from the Monday first, a template per week (0 = a holiday week) */
    int64_t first;
    int weeks;
    int64_t choice[ROSTER_MAX_WEEKS];
    /* what is there now */
    struct km_template_list t;
    struct roster_week_info info[ROSTER_MAX_WEEKS];
    int planned[ROSTER_MAX_WEEKS]; /* lessons holding planned goals or a note, per week */
    bool have_info;
    struct list list; /* step 2 */
    int choice_w, state_w;
    struct roster_impact impact; /* step 3: what VOLGENDE would remove */
    struct roster_impact asked;  /* what the open dialog named */
    int button_y;                /* where step 3 drew VOLGENDE, for clicks */
    bool touched;                /* a plan chosen and not yet generated: leaving asks first */
    char row[TEXT_MAX];          /* a row's text for '/' */
};

static const enum action start_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP, A_DOWN, A_BACK, ACT_NONE};
/* 'a' (A_ADD) gives every following week the selected week's choice; the line above the list says so. */
static const enum action weeks_actions[] = {A_SELECT, A_TOGGLE,  A_ADD,       A_BACK, A_LEFT, A_RIGHT, A_UP,
                                            A_DOWN,   A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,  ACT_NONE};
/* The last step: Esc leaves the wizard (after a yes, as the plan is not made yet), ← goes back to the weeks. */
static const enum action review_actions[] = {A_SELECT, A_LEFT, A_BACK, ACT_NONE};

static const struct action_words weeks_words[] = {
    {A_TOGGLE, N_("ander sjabloon"), N_("Kies voor de gekozen week het volgende sjabloon, of vakantie.")},
    {A_RIGHT, N_("ander sjabloon"), N_("Kies voor de gekozen week het volgende sjabloon, of vakantie.")},
    {A_LEFT, N_("vorig sjabloon"), N_("Kies voor de gekozen week het vorige sjabloon, of vakantie.")},
    {A_ADD, N_("ook de weken erna"), N_("Geef alle weken na de gekozen week hetzelfde sjabloon.")},
    {A_SELECT, N_("controleren"), N_("Ga naar de controle: wat er verandert, dan maken.")},
    {A_BACK, N_("vorige stap"), N_("Ga terug naar de begindatum en het aantal weken.")},
    {ACT_NONE, NULL, NULL},
};
static const struct action_words review_words[] = {
    {A_SELECT, N_("rooster maken"), N_("Maak het schoolrooster voor deze weken.")},
    {A_BACK, N_("vorige stap"), N_("Ga terug naar de sjablonen per week.")},
    {ACT_NONE, NULL, NULL},
};
static const struct screen_ops start_ops, weeks_ops, review_ops;

/* ---- dates and words ---- */

/* A day number as the Dutch write it: 30-11-2026. */
static void day_text(int64_t day, char out[11])
{
    char iso[11];
    dates_format(day, iso);
    memcpy(out, iso + 8, 2);
    out[2] = '-';
    memcpy(out + 3, iso + 5, 2);
    out[5] = '-';
    memcpy(out + 6, iso, 4);
    out[10] = '\0';
}

/* 2026-11-30 or 30-11-2026 (also 7-12-2026), a real date; false otherwise. Also while it is being typed. */
static bool parse_day(const char *text, int64_t *day) { return dates_parse_input(text, day); }

/* 1 … ROSTER_MAX_WEEKS in digits only; 0 otherwise. */
static int parse_weeks(const char *text)
{
    if (!*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 3)
        return 0;
    int n = atoi(text);
    return n >= 1 && n <= ROSTER_MAX_WEEKS ? n : 0;
}

static int week_no(int64_t monday) { return dates_iso_week(monday, NULL); }

static const struct km_template *template_by_id(const struct roster_screen *rs, int64_t id)
{
    for (size_t i = 0; i < rs->t.n; i++)
        if (rs->t.items[i].id == id)
            return &rs->t.items[i];
    return NULL;
}

static const char *choice_text(const struct roster_screen *rs, int64_t id)
{
    if (id == 0)
        return _("— (vakantie)");
    const struct km_template *t = template_by_id(rs, id);
    return t ? t->name : "?";
}

/* What the roster holds in week i now. */
static const char *state_text(const struct roster_screen *rs, int i)
{
    const struct roster_week_info *w = &rs->info[i];
    if (!rs->have_info)
        return "?";
    if (!w->exists)
        return _("nog niet gemaakt");
    return w->template_id ? w->template_name : _("vakantie");
}

static int template_lessons(const struct roster_screen *rs, int64_t id)
{
    const struct km_template *t = id ? template_by_id(rs, id) : NULL;
    return t ? t->lessons : 0;
}

/* The template a week that is not made yet starts with: the one most weeks of the roster use. */
static int64_t default_template(const struct roster_screen *rs)
{
    const struct km_template *best = NULL;
    for (size_t i = 0; i < rs->t.n; i++)
        if (!best || rs->t.items[i].roster_weeks > best->roster_weeks)
            best = &rs->t.items[i];
    return best ? best->id : 0;
}

static int64_t choice_from_state(const struct roster_screen *rs, int i)
{
    const struct roster_week_info *w = &rs->info[i];
    if (rs->have_info && w->exists)
        return w->template_id;
    return default_template(rs);
}

/* Appends piece when it fits whole. */
static void append(char *out, size_t len, const char *piece)
{
    size_t used = strlen(out), n = strlen(piece);
    if (used + n < len)
        memcpy(out + used, piece, n + 1);
}

/* "week 49, 50, 52 t/m 55 en 58": the weeks of the plan that have `choice`; three or more in a row are joined. */
static void weeks_of_choice(const struct roster_screen *rs, int64_t choice, char *out, size_t len)
{
    char items[ROSTER_MAX_WEEKS][32];
    int n = 0;
    for (int i = 0; i < rs->weeks; i++) {
        if (rs->choice[i] != choice)
            continue;
        int j = i;
        while (j + 1 < rs->weeks && rs->choice[j + 1] == choice)
            j++;
        if (j - i >= 2) {
            snprintf(items[n++], sizeof items[0], _("%d t/m %d"), week_no(rs->first + 7 * i),
                     week_no(rs->first + 7 * j));
            i = j;
        } else {
            snprintf(items[n++], sizeof items[0], "%d", week_no(rs->first + 7 * i));
        }
    }
    snprintf(out, len, "%s", _("week"));
    for (int k = 0; k < n; k++) {
        append(out, len, k == 0 ? " " : k == n - 1 ? _(" en ") : ", ");
        append(out, len, items[k]);
    }
}

static void count_text(char *out, size_t len, int weeks, int lessons)
{
    char w[48], l[48];
    snprintf(w, sizeof w, ngettext("%d week", "%d weken", (unsigned long)weeks), weeks);
    snprintf(l, sizeof l, ngettext("%d les", "%d lessen", (unsigned long)lessons), lessons);
    snprintf(out, len, "%s, %s", w, l);
}

/* "28 geplande leerdoelen en 6 notities in 12 lessen" */
static void impact_counts(const struct roster_impact *im, char *out, size_t len)
{
    char g[64], n[64], l[64];
    snprintf(g, sizeof g, ngettext("%d gepland leerdoel", "%d geplande leerdoelen", (unsigned long)im->goals),
             im->goals);
    snprintf(n, sizeof n, ngettext("%d notitie", "%d notities", (unsigned long)im->notes), im->notes);
    snprintf(l, sizeof l, ngettext("%d les", "%d lessen", (unsigned long)im->lessons), im->lessons);
    snprintf(out, len, _("%s en %s in %s"), g, n, l);
}

/* ---- reading ---- */

static void measure(struct roster_screen *rs)
{
    int cw = text_width(_("— (vakantie)")), sw = text_width(_("Nu"));
    for (size_t i = 0; i < rs->t.n; i++) {
        int w = text_width(rs->t.items[i].name);
        cw = w > cw ? w : cw;
    }
    for (int i = 0; i < rs->weeks; i++) {
        int w = text_width(state_text(rs, i));
        sw = w > sw ? w : sw;
    }
    cw += 4; /* "‹ " … " ›" */
    rs->choice_w = cw > CHOICE_MAX ? CHOICE_MAX : cw;
    rs->state_w = sw > STATE_MAX ? STATE_MAX : sw;
}

/* Lessons with planning in each week that has goals or notes (roster_weeks counts goals and notes only). */
static void read_planned(struct roster_screen *rs)
{
    for (int i = 0; i < rs->weeks; i++) {
        rs->planned[i] = 0;
        const struct roster_week_info *w = &rs->info[i];
        if (!w->goals && !w->notes)
            continue;
        struct roster_plan one;
        memset(&one, 0, sizeof one);
        one.first_monday = w->monday;
        one.weeks = 1;
        struct roster_impact im;
        if (roster_impact(&rs->app->session, &one, &im) == KM_OK)
            rs->planned[i] = im.lessons;
    }
}

static struct roster_plan plan_of(const struct roster_screen *rs)
{
    struct roster_plan p;
    memset(&p, 0, sizeof p);
    p.first_monday = rs->first;
    p.weeks = rs->weeks;
    memcpy(p.template_ids, rs->choice, sizeof p.template_ids);
    return p;
}

/* A chosen template that was deleted meanwhile: that week gets its default again, and the beheerder is told. */
static void fix_choices(struct roster_screen *rs)
{
    int gone = 0;
    for (int i = 0; i < rs->weeks; i++)
        if (rs->choice[i] && !template_by_id(rs, rs->choice[i])) {
            rs->choice[i] = choice_from_state(rs, i);
            gone++;
        }
    if (gone)
        app_message(rs->app, TR_WARNING, "%s", _("Een gekozen weeksjabloon bestaat niet meer; kijk de keuzes na."));
}

/* Reads the templates and the weeks again. A chosen template that is gone falls back to the default, and
 * the beheerder is told. The choices themselves stay. */
static void load(struct roster_screen *rs)
{
    struct app *a = rs->app;
    templates_list_free(&rs->t);
    if (templates_list(&a->session, &rs->t) != KM_OK) {
        app_core_error(a);
        return;
    }
    if (rs->step == STEP_START)
        return;
    rs->have_info = roster_weeks(&a->session, rs->first, rs->weeks, rs->info) == KM_OK;
    if (!rs->have_info) {
        memset(rs->info, 0, sizeof rs->info);
        app_core_error(a);
    } else {
        read_planned(rs);
    }
    fix_choices(rs);
    measure(rs);
    list_set_count(&rs->list, rs->weeks);
    if (rs->step == STEP_REVIEW) {
        struct roster_plan p = plan_of(rs);
        if (roster_impact(&a->session, &p, &rs->impact) != KM_OK) {
            memset(&rs->impact, 0, sizeof rs->impact);
            app_core_error(a);
        }
    }
}

static void set_step(struct roster_screen *rs, enum step step)
{
    static const struct screen_ops *const ops[] = {&start_ops, &weeks_ops, &review_ops};
    static const enum action *const actions[] = {start_actions, weeks_actions, review_actions};
    static const struct action_words *const words[] = {NULL, weeks_words, review_words};
    rs->step = step;
    rs->base.ops = ops[step];
    rs->base.actions = actions[step];
    rs->base.words = words[step];
    char what[64];
    snprintf(what, sizeof what, _("stap %d van 3"), (int)step + 1);
    snprintf(rs->base.title, sizeof rs->base.title, "SCHOOL ROOSTER › ROOSTER MAKEN · %s", what);
}

/* ---- step 1: the first week and how many ---- */

/* Beside the date: its week, or the Monday it becomes; under the form: the span of the plan. */
static void draw_start_hints(struct roster_screen *rs, int x, int width)
{
    const struct field *fd = &rs->form.fields[F_DATE], *fw = &rs->form.fields[F_WEEKS];
    int bx = x + LABEL_W + 1 + 34, bw = width - LABEL_W - 1 - 34;
    int64_t day;
    bool ok = parse_day(fd->value, &day);
    int n = parse_weeks(fw->value);
    char line[TEXT_MAX], d1[11], d2[11];
    if (ok && !fd->error[0]) {
        snprintf(line, sizeof line, _("week %d"), week_no(day));
        draw_text(stdscr, rs->form.row_of[F_DATE], bx, bw, line, TR_DIM);
    }
    if (ok && n && !fw->error[0]) {
        int64_t monday = dates_monday(day);
        snprintf(line, sizeof line, _("week %d t/m %d"), week_no(monday), week_no(monday + 7 * (n - 1)));
        draw_text(stdscr, rs->form.row_of[F_WEEKS], bx, bw, line, TR_DIM);
    }
    int y = rs->form.row_of[F_NEXT] + 2;
    if (!ok)
        return;
    int64_t monday = dates_monday(day);
    day_text(monday, d1);
    if (monday != day) {
        char typed[11];
        day_text(day, typed);
        snprintf(line, sizeof line, _("%s is geen maandag: het rooster begint dan op maandag %s (week %d)."), typed, d1,
                 week_no(monday));
        y += draw_wrapped(stdscr, y, x, width, 2, line, TR_WARNING);
    }
    if (n) {
        day_text(monday + 7 * n - 3, d2); /* the Friday of the last week */
        char span[128];
        snprintf(span, sizeof span, ngettext("%d week", "%d weken", (unsigned long)n), n);
        snprintf(line, sizeof line, _("%s: van maandag %s t/m vrijdag %s."), span, d1, d2);
        draw_wrapped(stdscr, y, x, width, 2, line, TR_NORMAL);
    }
}

static void start_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    (void)h;
    struct roster_screen *rs = (struct roster_screen *)s;
    int w = width - 4 < FORM_W ? width - 4 : FORM_W;
    int x = (width - w) / 2;
    char today[11], line[TEXT_MAX];
    int64_t now = dates_today();
    day_text(now, today);
    draw_text(stdscr, top + 1, x, w, _("Vanaf welke week maak je het rooster, en voor hoeveel weken?"), TR_NORMAL);
    snprintf(line, sizeof line, _("Vandaag is het %s (week %d). Het rooster begint op een maandag."), today,
             week_no(now));
    draw_wrapped(stdscr, top + 2, x, w, 2, line, TR_DIM);
    if (rs->t.n == 0)
        draw_wrapped(stdscr, top + h - 3, x, w, 2,
                     _("Er zijn nog geen weeksjablonen: maak er eerst een in WEEK SJABLONEN, anders worden alle weken "
                       "vakantie."),
                     TR_WARNING);
    form_draw(&rs->form, top + 4, x, w);
    int cy, cx;
    getyx(stdscr, cy, cx);
    draw_start_hints(rs, x, w);
    move(cy, cx); /* the caret stays in the field */
}

static void init_choices(struct roster_screen *rs, int64_t old_first, int old_weeks, const int64_t *old)
{
    for (int i = 0; i < rs->weeks; i++) {
        int64_t k = (rs->first + 7 * i - old_first) / 7;
        bool overlap = old_weeks > 0 && rs->first + 7 * i >= old_first && k < old_weeks;
        rs->choice[i] = overlap ? old[k] : choice_from_state(rs, i);
    }
}

static int submit_start(struct roster_screen *rs, struct app *a)
{
    int bad = form_validate(&rs->form);
    int n = parse_weeks(rs->form.fields[F_WEEKS].value);
    if (!n && !rs->form.fields[F_WEEKS].error[0]) { /* "verplicht" when empty, else this */
        snprintf(rs->form.fields[F_WEEKS].error, sizeof rs->form.fields[F_WEEKS].error, _("een aantal van 1 tot %d"),
                 ROSTER_MAX_WEEKS);
        bad = bad < 0 ? F_WEEKS : bad;
    }
    int64_t day;
    if (bad < 0 && !parse_day(rs->form.fields[F_DATE].value, &day))
        bad = F_DATE;
    if (bad >= 0) {
        rs->form.focus = bad;
        return R_DRAW;
    }
    int64_t monday = dates_monday(day);
    char shown[11], typed[11];
    day_text(monday, shown);
    day_text(day, typed);
    form_set_value(&rs->form, F_DATE, shown); /* validation stored it as 2026-11-30: back to how it is typed */
    if (monday != day)
        app_message(a, TR_WARNING, _("%s is geen maandag; het rooster begint op %s (week %d)."), typed, shown,
                    week_no(monday));
    int64_t old[ROSTER_MAX_WEEKS], old_first = rs->first;
    int old_weeks = rs->weeks;
    memcpy(old, rs->choice, sizeof old);
    rs->first = monday;
    rs->weeks = n;
    memset(rs->choice, 0, sizeof rs->choice);
    set_step(rs, STEP_WEEKS);
    rs->touched = true;
    rs->have_info = false;
    load(rs);
    init_choices(rs, old_first, old_weeks, old);
    fix_choices(rs);
    return R_DRAW;
}

static int start_action(struct screen *s, struct app *a, enum action act)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    switch (act) {
    case A_BACK:
        return R_POP;
    case A_SELECT:
        if (rs->form.focus != F_NEXT) {
            rs->form.focus++;
            return R_DRAW;
        }
        return submit_start(rs, a);
    default:
        return form_action(&rs->form, act) ? R_DRAW : R_NONE;
    }
}

static int start_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    return form_text(&((struct roster_screen *)s)->form, ch) ? R_DRAW : R_NONE;
}

static bool start_wants_text(const struct screen *s)
{
    const struct roster_screen *rs = (const struct roster_screen *)s;
    return rs->step == STEP_START && form_focus_is_text(&rs->form);
}

static int start_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    (void)twice;
    struct roster_screen *rs = (struct roster_screen *)s;
    if (!form_click(&rs->form, y))
        return R_NONE;
    return rs->form.focus == F_NEXT ? submit_start(rs, a) : R_DRAW;
}

/* ---- step 2: a template per week ---- */

struct week_cols {
    int week, date, choice, state, planning, end;
};

static struct week_cols week_cols(const struct roster_screen *rs, int x, int width)
{
    struct week_cols c;
    c.week = x + 2;
    c.date = c.week + WEEK_W + 2;
    c.choice = c.date + DATE_W + 2;
    c.state = c.choice + rs->choice_w + 2;
    c.planning = c.state + rs->state_w + 2;
    c.end = x + width;
    return c;
}

/* "12 lessen met planning", or shorter when the column is narrow. */
static void planning_text(const struct roster_screen *rs, int i, int width, char *out, size_t len)
{
    int n = rs->planned[i];
    const struct roster_week_info *w = &rs->info[i];
    *out = '\0';
    if (!w->goals && !w->notes)
        return;
    if (n == 0) /* goals or notes without a lesson to hold them cannot be; say something anyway */
        n = 1;
    snprintf(out, len, ngettext("%d les met planning", "%d lessen met planning", (unsigned long)n), n);
    if (text_width(out) > width)
        snprintf(out, len, _("%d met planning"), n);
    if (text_width(out) > width)
        snprintf(out, len, _("⚠ %d"), n);
}

static void draw_week(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct roster_screen *rs = ctx;
    struct week_cols c = week_cols(rs, x, width);
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL, dim = selected ? TR_SELECTED : TR_DIM;
    int64_t monday = rs->first + 7 * i;
    char text[TEXT_MAX], date[11];
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", r);
    snprintf(text, sizeof text, _("week %d"), week_no(monday));
    draw_text(stdscr, y, c.week, WEEK_W, text, monday == dates_monday(dates_today()) && !selected ? TR_TODAY : r);
    day_text(monday, date);
    draw_text(stdscr, y, c.date, DATE_W, date, r);
    if (selected)
        snprintf(text, sizeof text, "‹ %s ›", choice_text(rs, rs->choice[i]));
    else
        snprintf(text, sizeof text, "  %s", choice_text(rs, rs->choice[i]));
    draw_text(stdscr, y, c.choice, rs->choice_w, text, rs->choice[i] ? r : dim);
    if (c.state >= c.end)
        return;
    const struct roster_week_info *w = &rs->info[i];
    draw_text(stdscr, y, c.state, c.end - c.state < rs->state_w ? c.end - c.state : rs->state_w, state_text(rs, i),
              rs->have_info && w->exists && w->template_id ? r : dim);
    if (c.planning >= c.end)
        return;
    planning_text(rs, i, c.end - c.planning, text, sizeof text);
    draw_text(stdscr, y, c.planning, c.end - c.planning, text, selected ? TR_SELECTED : TR_WARNING);
}

static const char *week_row_text(void *ctx, int i)
{
    struct roster_screen *rs = ctx;
    snprintf(rs->row, sizeof rs->row, "%d %s", week_no(rs->first + 7 * i), choice_text(rs, rs->choice[i]));
    return rs->row;
}

static void draw_weeks_head(const struct roster_screen *rs, int y, int x, int width)
{
    struct week_cols c = week_cols(rs, x, width);
    draw_fill(stdscr, y, x, 1, width, TR_GRID_HEADER);
    draw_text(stdscr, y, c.week, WEEK_W, _("Week"), TR_GRID_HEADER);
    draw_text(stdscr, y, c.date, DATE_W, _("Maandag"), TR_GRID_HEADER);
    draw_text(stdscr, y, c.choice, rs->choice_w, _("  Wordt"), TR_GRID_HEADER);
    if (c.state < c.end)
        draw_text(stdscr, y, c.state, c.end - c.state < rs->state_w ? c.end - c.state : rs->state_w, _("Nu"),
                  TR_GRID_HEADER);
    if (c.planning < c.end)
        draw_text(stdscr, y, c.planning, c.end - c.planning, _("Planning"), TR_GRID_HEADER);
}

/* Under the list: the selected week in full words. */
static void draw_week_detail(const struct roster_screen *rs, int y, int x, int width)
{
    int i = rs->list.cur;
    if (i < 0 || i >= rs->weeks || !rs->have_info)
        return;
    const struct roster_week_info *w = &rs->info[i];
    char line[TEXT_MAX], counts[200];
    if (!w->exists) {
        snprintf(line, sizeof line, _("Week %d is nog niet gemaakt."), w->iso_week);
    } else if (!w->template_id) {
        snprintf(line, sizeof line, _("Week %d is nu een vakantieweek."), w->iso_week);
    } else if (!w->goals && !w->notes) {
        snprintf(counts, sizeof counts, ngettext("%d les", "%d lessen", (unsigned long)w->lessons), w->lessons);
        snprintf(line, sizeof line, _("Week %d is nu %s: %s, zonder planning."), w->iso_week, w->template_name, counts);
    } else {
        struct roster_impact im = {.lessons = rs->planned[i], .goals = w->goals, .notes = w->notes};
        impact_counts(&im, counts, sizeof counts);
        snprintf(line, sizeof line, _("Week %d is nu %s. Er staan %s: opnieuw maken vraagt eerst om bevestiging."),
                 w->iso_week, w->template_name, counts);
    }
    draw_wrapped(stdscr, y, x, width, 2, line, w->goals || w->notes ? TR_WARNING : TR_DIM);
}

static void weeks_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    int w = width < 124 ? width - 4 : 120;
    char line[TEXT_MAX], k1[32], k2[32], k3[32], k4[32];
    keymap_keys_text(&a->keys, A_LEFT, 1, k1, sizeof k1);
    keymap_keys_text(&a->keys, A_RIGHT, 1, k2, sizeof k2);
    keymap_keys_text(&a->keys, A_ADD, 1, k3, sizeof k3);
    keymap_keys_text(&a->keys, A_SELECT, 1, k4, sizeof k4);
    draw_text(stdscr, top, 2, w, _("Kies per week een weeksjabloon, of vakantie (geen lessen)."), TR_NORMAL);
    snprintf(line, sizeof line, _("%s/%s/spatie: kiezen · %s: zo ook alle volgende weken · %s: overzicht"), k1, k2, k3,
             k4);
    draw_text(stdscr, top + 1, 2, w, line, TR_DIM);
    draw_weeks_head(rs, top + 3, 2, w);
    list_draw(&rs->list, top + 4, 2, h - 7, w);
    draw_week_detail(rs, top + h - 2, 2, w);
}

static int cycle(struct roster_screen *rs, int delta)
{
    int n = (int)rs->t.n + 1; /* the templates, then the holiday */
    int i = rs->list.cur, at = n - 1;
    for (size_t k = 0; k < rs->t.n; k++)
        if (rs->t.items[k].id == rs->choice[i])
            at = (int)k;
    at = (at + delta + n) % n;
    rs->choice[i] = at == n - 1 ? 0 : rs->t.items[at].id;
    rs->touched = true;
    return R_DRAW;
}

static int apply_following(struct roster_screen *rs, struct app *a)
{
    int i = rs->list.cur;
    if (i >= rs->weeks - 1) {
        app_message(a, TR_NORMAL, "%s", _("Dit is de laatste week: er volgen geen weken meer."));
        return R_DRAW;
    }
    for (int k = i + 1; k < rs->weeks; k++)
        rs->choice[k] = rs->choice[i];
    rs->touched = true;
    const char *what = rs->choice[i] ? choice_text(rs, rs->choice[i]) : _("vakantie");
    int64_t from = rs->first + 7 * (i + 1), to = rs->first + 7 * (rs->weeks - 1);
    char d1[11], d2[11];
    day_text(from, d1);
    day_text(to, d2);
    if (from == to)
        app_message(a, TR_OK, _("Week %d (%s): %s."), week_no(from), d1, what);
    else
        app_message(a, TR_OK, _("Week %d t/m %d (%s t/m %s): %s."), week_no(from), week_no(to), d1, d2, what);
    return R_DRAW;
}

static int weeks_action(struct screen *s, struct app *a, enum action act)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    if (list_move(&rs->list, act))
        return R_DRAW;
    switch (act) {
    case A_LEFT:
        return cycle(rs, -1);
    case A_RIGHT:
    case A_TOGGLE:
        return cycle(rs, 1);
    case A_ADD:
        return apply_following(rs, a);
    case A_SELECT:
        set_step(rs, STEP_REVIEW);
        load(rs);
        return R_DRAW;
    case A_BACK:
        set_step(rs, STEP_START);
        return R_DRAW;
    default:
        return R_NONE;
    }
}

static int weeks_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)a;
    (void)x;
    struct roster_screen *rs = (struct roster_screen *)s;
    if (!list_click(&rs->list, y))
        return R_NONE;
    return twice ? cycle(rs, 1) : R_DRAW;
}

/* ---- step 3: the review, and VOLGENDE ---- */

/* One row per choice made (in the order of the weeks): how many weeks, which, and the lessons. */
static int draw_groups(const struct roster_screen *rs, int y, int x, int width, int max)
{
    int64_t seen[ROSTER_MAX_WEEKS];
    int nseen = 0, rows = 0, total_lessons = 0;
    int name_w = rs->choice_w - 4 < 12 ? 12 : rs->choice_w - 4;
    for (int i = 0; i < rs->weeks; i++) {
        bool dup = false;
        for (int k = 0; k < nseen; k++)
            dup = dup || seen[k] == rs->choice[i];
        if (dup)
            continue;
        seen[nseen++] = rs->choice[i];
    }
    int left = nseen;
    for (int k = 0; k < nseen; k++) {
        int64_t id = seen[k];
        int n = 0;
        for (int i = 0; i < rs->weeks; i++)
            n += rs->choice[i] == id;
        int lessons = n * template_lessons(rs, id);
        total_lessons += lessons;
        if (nseen > max - 1 && rows >= max - 2) /* keep a row for "… and more" and one for the total */
            continue;
        char count[160], which[TEXT_MAX];
        if (id)
            count_text(count, sizeof count, n, lessons);
        else
            snprintf(count, sizeof count, ngettext("%d week", "%d weken", (unsigned long)n), n);
        weeks_of_choice(rs, id, which, sizeof which);
        draw_text(stdscr, y + rows, x + 2, name_w, id ? choice_text(rs, id) : _("vakantie"), id ? TR_TITLE : TR_NORMAL);
        draw_text(stdscr, y + rows, x + 4 + name_w, 22, count, TR_NORMAL);
        draw_text(stdscr, y + rows, x + 28 + name_w, width - 28 - name_w, which, TR_DIM);
        rows++;
        left--;
    }
    if (left > 0) {
        char more[128];
        snprintf(more, sizeof more, ngettext("… en nog %d keuze", "… en nog %d keuzes", (unsigned long)left), left);
        draw_text(stdscr, y + rows++, x + 2, width - 2, more, TR_DIM);
    }
    char count[160], line[TEXT_MAX];
    count_text(count, sizeof count, rs->weeks, total_lessons);
    snprintf(line, sizeof line, _("Samen: %s."), count);
    draw_text(stdscr, y + rows++, x + 2, width - 2, line, TR_NORMAL);
    return rows;
}

/* What happens to what is there: planning lost (asked first), weeks made again, new weeks. */
static int draw_consequences(const struct roster_screen *rs, int y, int x, int width)
{
    char line[TEXT_MAX], counts[200], weeks[300];
    int rows = 0, existing = 0;
    for (int i = 0; i < rs->weeks; i++)
        existing += rs->have_info && rs->info[i].exists;
    if (rs->impact.nweeks) {
        roster_weeks_text(&rs->impact, weeks, sizeof weeks);
        impact_counts(&rs->impact, counts, sizeof counts);
        snprintf(line, sizeof line, _("Let op: in %s staan %s. VOLGENDE vraagt eerst of die weg mogen."), weeks,
                 counts);
        rows += draw_wrapped(stdscr, y + rows, x, width, 2, line, TR_WARNING);
    } else {
        rows += draw_wrapped(stdscr, y + rows, x, width, 1,
                             _("In deze weken staan geen geplande leerdoelen of notities."), TR_DIM);
    }
    if (existing)
        snprintf(line, sizeof line,
                 ngettext("%d van de %d weken bestaat al en wordt opnieuw gemaakt.",
                          "%d van de %d weken bestaan al en worden opnieuw gemaakt.", (unsigned long)existing),
                 existing, rs->weeks);
    else
        snprintf(line, sizeof line, "%s", _("Alle weken zijn nieuw."));
    rows += draw_wrapped(stdscr, y + rows, x, width, 1, line, TR_DIM);
    return rows;
}

static void review_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    int w = width < 104 ? width - 4 : 100;
    char line[TEXT_MAX], d1[11], d2[11], k1[32], k2[32], k3[32];
    day_text(rs->first, d1);
    day_text(rs->first + 7 * rs->weeks - 3, d2);
    draw_text(stdscr, top, 2, w, _("Kijk de keuzes na. VOLGENDE maakt het rooster."), TR_NORMAL);
    int y1, y2, w1 = dates_iso_week(rs->first, &y1), w2 = dates_iso_week(rs->first + 7 * (rs->weeks - 1), &y2);
    if (y1 == y2)
        snprintf(line, sizeof line, _("Week %d t/m %d: van maandag %s t/m vrijdag %s."), w1, w2, d1, d2);
    else
        snprintf(line, sizeof line, _("Week %d (%d) t/m week %d (%d): van %s t/m %s."), w1, y1, w2, y2, d1, d2);
    draw_text(stdscr, top + 2, 2, w, line, TR_TITLE);
    int y = top + 4;
    y += draw_groups(rs, y, 2, w, h - 13 > 3 ? h - 13 : 3);
    y += 1;
    y += draw_consequences(rs, y, 2, w);
    y += 1;
    if (y > top + h - 3)
        y = top + h - 3;
    rs->button_y = y;
    draw_text_raw(stdscr, y, 2, 2, "▶", TR_NORMAL);
    draw_text_raw(stdscr, y, 4, w - 2, "[ VOLGENDE ]", TR_SELECTED);
    keymap_keys_text(&a->keys, A_SELECT, 1, k1, sizeof k1);
    keymap_keys_text(&a->keys, A_BACK, 1, k2, sizeof k2);
    keymap_keys_text(&a->keys, A_LEFT, 1, k3, sizeof k3);
    snprintf(line, sizeof line, _("%s: VOLGENDE, het rooster maken · %s: terug naar de weken · %s: stoppen"), k1, k3,
             k2);
    draw_text(stdscr, y + 1, 2, w, line, TR_DIM);
    move(y, 4);
}

static void made_message(struct app *a, const struct roster_screen *rs, int made, const struct roster_impact *wiped)
{
    char count[160], weeks[300], extra[400] = "";
    count_text(count, sizeof count, rs->weeks, made);
    if (wiped && wiped->nweeks) {
        roster_weeks_text(wiped, weeks, sizeof weeks);
        snprintf(extra, sizeof extra, _(" De planning in %s is gewist."), weeks);
    }
    app_message(a, TR_OK, _("Rooster gemaakt: %s.%s"), count, extra);
}

static void ask(struct roster_screen *rs, struct app *a, const struct roster_impact *im, bool again);

static bool same_impact(const struct roster_impact *x, const struct roster_impact *y)
{
    return x->lessons == y->lessons && x->goals == y->goals && x->notes == y->notes && x->nweeks == y->nweeks;
}

/* "Ja": once more what is there now; when planning was added meanwhile, ask again with the new counts. */
static void answered(struct app *a, void *ctx, bool yes)
{
    struct roster_screen *rs = ctx;
    if (!yes) {
        app_message(a, TR_WARNING, "%s", _("Er is niets veranderd: het rooster en de planning zijn zoals ze waren."));
        return;
    }
    struct roster_plan p = plan_of(rs);
    struct roster_impact now;
    if (roster_impact(&a->session, &p, &now) != KM_OK) {
        app_core_error(a);
        return;
    }
    if (!same_impact(&now, &rs->asked) && now.nweeks) {
        ask(rs, a, &now, true);
        return;
    }
    int made = 0;
    if (roster_generate(&a->session, &p, true, NULL, &made) != KM_OK) {
        app_core_error(a);
        return;
    }
    made_message(a, rs, made, &now);
    rs->touched = false;
    set_step(rs, STEP_WEEKS); /* the screen reloads once the dialog is gone */
}

static void ask(struct roster_screen *rs, struct app *a, const struct roster_impact *im, bool again)
{
    char weeks[300], counts[200], q[TEXT_MAX];
    rs->asked = *im;
    roster_weeks_text(im, weeks, sizeof weeks);
    impact_counts(im, counts, sizeof counts);
    if (again)
        snprintf(q, sizeof q,
                 _("Intussen is er planning bijgekomen. In %s staan nu %s. Die gaan verloren. Toch opnieuw maken?"),
                 weeks, counts);
    else
        snprintf(q, sizeof q,
                 _("In %s staan %s. Die gaan verloren als het rooster opnieuw wordt gemaakt. Toch opnieuw maken?"),
                 weeks, counts);
    app_push(a, dialog_confirm_new(a, q, answered, rs));
}

static int generate(struct roster_screen *rs, struct app *a)
{
    struct roster_plan p = plan_of(rs);
    struct roster_impact im;
    int made = 0;
    enum km_rc rc = roster_generate(&a->session, &p, false, &im, &made);
    if (rc == KM_CONFLICT) {
        ask(rs, a, &im, false);
        return R_DRAW;
    }
    if (rc != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    made_message(a, rs, made, NULL);
    rs->touched = false;
    set_step(rs, STEP_WEEKS);
    load(rs);
    return R_DRAW;
}

static int review_action(struct screen *s, struct app *a, enum action act)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    switch (act) {
    case A_SELECT:
        return generate(rs, a);
    case A_LEFT:
        set_step(rs, STEP_WEEKS);
        return R_DRAW;
    case A_BACK:
        return R_POP; /* the app asks first: the plan is not made yet */
    default:
        return R_NONE;
    }
}

static int review_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)twice;
    struct roster_screen *rs = (struct roster_screen *)s;
    return y == rs->button_y && x >= 4 && x < 16 ? generate(rs, a) : R_NONE;
}

/* ---- the screen ---- */

static void roster_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct roster_screen *)s);
}

static const char *roster_unsaved(const struct screen *s)
{
    const struct roster_screen *rs = (const struct roster_screen *)s;
    return rs->touched || form_changed(&rs->form) ? _("het rooster dat je aan het maken bent") : NULL;
}

static void roster_destroy(struct screen *s)
{
    struct roster_screen *rs = (struct roster_screen *)s;
    form_free(&rs->form);
    templates_list_free(&rs->t);
    free(rs);
}

static const struct action_words *start_words(const struct screen *s, enum action act)
{
    return form_words(&((const struct roster_screen *)s)->form, act);
}

static const struct screen_ops start_ops = {
    .draw = start_draw,
    .on_action = start_action,
    .on_text = start_text,
    .wants_text = start_wants_text,
    .reload = roster_reload,
    .resume = roster_reload,
    .on_click = start_click,
    .destroy = roster_destroy,
    .unsaved = roster_unsaved,
    .words_now = start_words,
};

static const struct screen_ops weeks_ops = {
    .draw = weeks_draw,
    .on_action = weeks_action,
    .reload = roster_reload,
    .resume = roster_reload,
    .on_click = weeks_click,
    .destroy = roster_destroy,
    .unsaved = roster_unsaved,
};

static const struct screen_ops review_ops = {
    .draw = review_draw,
    .on_action = review_action,
    .reload = roster_reload,
    .resume = roster_reload,
    .on_click = review_click,
    .destroy = roster_destroy,
    .unsaved = roster_unsaved,
};

static bool add_fields(struct roster_screen *rs)
{
    struct form *f = &rs->form;
    if (form_add(f, FIELD_DATE, _("Eerste week"), true) != F_DATE ||
        form_add(f, FIELD_TEXT, _("Aantal weken"), true) != F_WEEKS ||
        form_add(f, FIELD_BUTTON, _("Verder: kies per week"), false) != F_NEXT)
        return false;
    f->fields[F_DATE].max_chars = 10;
    f->fields[F_WEEKS].max_chars = 2;
    char monday[11], weeks[8];
    day_text(dates_monday(dates_today()) + 7, monday); /* the Monday of next week */
    snprintf(weeks, sizeof weeks, "%d", DEFAULT_WEEKS);
    form_set_value(f, F_DATE, monday);
    form_set_value(f, F_WEEKS, weeks);
    return true;
}

struct screen *roster_screen_new(struct app *a)
{
    struct roster_screen *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->app = a;
    set_step(rs, STEP_START);
    form_init(&rs->form, LABEL_W);
    list_init(&rs->list, draw_week, week_row_text, rs);
    if (!add_fields(rs)) {
        roster_destroy(&rs->base);
        return NULL;
    }
    load(rs);
    return &rs->base;
}
