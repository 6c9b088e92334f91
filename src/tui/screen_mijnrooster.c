/* MIJNROOSTER: the screen a teacher opens every morning and a child looks at on the lab terminal.
 *
 * A week grid (the open days side by side, the lessons by start time down) and a day view with the full text
 * of each lesson. A teacher sees their own lessons and those of the groups they teach (duo-collega's); a
 * student their own day first, with "Hier kan ik zelf aan werken"; a parent first picks a child; the
 * beheerder first picks a teacher, group or room. Enter opens a lesson. Everything shown comes from core
 * (planner, planning, hours); every string from data is drawn through draw_text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/hours.h"
#include "core/planner.h"
#include "core/planning.h"
#include "core/rooms.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"

#define TIME_W 5        /* "08:30" */
#define WIDE_CELL 20    /* from this cell width on, a cell has room for the teacher and words */
#define PANEL_SIDE_MIN 110 /* from this terminal width on, the student's own goals stand beside the day */
#define MAX_GOAL_LINES 6   /* per lesson in the day view; more are summed up on one line */


/* ---- dates and text ---- */


static void civil(int64_t day, int *y, int *m, int *d) { dates_to_civil(day, y, m, d); }

static int64_t parse_iso(const char *iso)
{
    int64_t z = 0;
    return dates_parse(iso, &z) ? z : 0;
}

/* "30-11" */
static void date_short(int64_t day, char *out, size_t len)
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, len, "%02d-%02d", d % 100, m % 100);
}

/* "maandag 30 november 2026" */
static void date_long(int64_t day, char *out, size_t len)
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, len, "%s %d %s %d", _(dates_day_name(dates_weekday(day))), d, _(dates_month_name(m)), y);
}

/* The first n code points of s. */
static void first_chars(const char *s, int n, char *out, size_t len)
{
    size_t i = 0, slen = strlen(s);
    uint32_t cp;
    for (int k = 0; k < n && i < slen; k++)
        i += (size_t)text_utf8_decode(s + i, slen - i, &cp);
    if (i >= len)
        i = len - 1;
    memcpy(out, s, i);
    out[i] = '\0';
}

/* Words of more than four letters cut to three ("rekenen niveau 5" → "rek niv 5"), the word "groep" left out
 * ("groep 5a" → "5a"). */
static void abbreviate(const char *s, char *out, size_t len)
{
    char word[128];
    size_t used = 0;
    out[0] = '\0';
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        char w[128];
        snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), s);
        if (strcasecmp(w, "groep") == 0) { /* "groep 5a" → "5a", "leesclub groep 6" → "lee 6" */
            s += n;
            continue;
        }
        if (text_width(w) > 4)
            first_chars(w, 3, word, sizeof word);
        else
            snprintf(word, sizeof word, "%s", w);
        int k = snprintf(out + used, len - used, "%s%s", used ? " " : "", word);
        if (k < 0 || (size_t)k >= len - used)
            break;
        used += (size_t)k;
        s += n;
    }
}

/* The subject in width columns: whole when it fits, else "rek/getallen" (drawing cuts what is still too long). */
static void subject_fit(const char *subject, int width, char *out, size_t len)
{
    if (!*subject) {
        snprintf(out, len, "%s", _("(les)"));
        return;
    }
    if (text_width(subject) <= width) {
        snprintf(out, len, "%s", subject);
        return;
    }
    const char *slash = strstr(subject, " / ");
    char head[64];
    if (!slash) {
        snprintf(out, len, "%s", subject);
        return;
    }
    char h[128];
    snprintf(h, sizeof h, "%.*s", (int)((size_t)(slash - subject) < sizeof h ? (size_t)(slash - subject) : sizeof h - 1), subject);
    first_chars(h, 3, head, sizeof head);
    snprintf(out, len, "%s/%s", head, slash + 3);
}

/* Groups ("groep 5a, rekenen niveau 5") in width columns: whole, or each abbreviated ("5a,rek niv 5"). */
static void groups_fit(const char *groups, int width, char *out, size_t len)
{
    if (text_width(groups) <= width) {
        snprintf(out, len, "%s", groups);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    const char *s = groups;
    while (*s && used + 1 < len) {
        size_t n = strcspn(s, ",");
        char one[256], ab[256];
        snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), s);
        abbreviate(one, ab, sizeof ab);
        strbuf_appendf(out, len, "%s%s", used ? "," : "", ab);
        used = strlen(out);
        s += n;
        while (*s == ',' || *s == ' ')
            s++;
    }
}

static void room_fit(const char *room, int width, char *out, size_t len)
{
    if (text_width(room) <= width)
        snprintf(out, len, "%s", room);
    else
        abbreviate(room, out, len);
}

/* "A. Çelik" */
static void teacher_short(const char *teacher, char *out, size_t len)
{
    const char *sp = strchr(teacher, ' ');
    if (!sp || !*teacher) {
        snprintf(out, len, "%s", teacher);
        return;
    }
    char first[8];
    first_chars(teacher, 1, first, sizeof first);
    snprintf(out, len, "%s. %s", first, sp + 1);
}

/* ---- what is shown: a person, a group or a room ---- */

enum subj_kind { SUBJ_PERSON, SUBJ_GROUP, SUBJ_ROOM };

struct subject {
    enum subj_kind kind;
    int64_t id;
    int64_t student; /* whose own statuses and "zelf aan werken" to show (a student or a parent's child), or 0 */
    char name[200];
};

/* ---- the rooster screen ---- */

/* One row of the week grid: the lessons starting at one time (sub > 0 when a day has several then). */
struct wrow {
    int start, end; /* end -1 when the lessons of the row end at different times */
    int sub;
    int cell[7]; /* index into week.lessons per column, or -1 */
};

/* One lesson of the day view, with its goals, its note (staff only: core gives students and parents none) and
 * its line for the class, when they could be read. */
struct day_item {
    int lesson; /* index into week.lessons */
    bool have;
    struct lesson_detail d;
};

enum dline_kind { DL_HEAD, DL_WHO, DL_GOAL, DL_MORE, DL_NOTE, DL_PUPIL, DL_GAP };

struct dline {
    int item;
    enum dline_kind kind;
    int goal;
};

struct rooster {
    struct screen base;
    struct app *app;
    struct subject subj;
    bool day_view;
    int64_t monday, day, today;
    struct school_day hours[7];
    int wd[7]; /* the weekday of each column */
    int ncols;
    struct planner_week week;
    bool week_ok;
    struct wrow *rows;
    int nrows;
    int cur_row, cur_col, top_row;
    int vis_rows; /* rows shown at the last draw */
    /* day view */
    struct day_item *items;
    int nitems;
    struct planning_goal *own;
    int nown;
    int64_t own_from, own_to;
    int dcur;      /* a lesson (< nitems) or one of the own goals */
    int dtop;      /* first line of the lessons shown */
    int ptop;      /* first own goal shown */
    int dlines_h;  /* lines of the lessons area at the last draw */
    int panel_h;   /* rows of own goals at the last draw */
    struct km_status_scale scale;
};

static const enum action rooster_actions[] = {A_SELECT,  A_NEXT_FIELD, A_PREV_PERIOD, A_NEXT_PERIOD, A_TODAY,
                                              A_SEARCH,  A_BACK,       A_UP,          A_DOWN,        A_LEFT,
                                              A_RIGHT,   A_PAGE_UP,    A_PAGE_DOWN,   A_HOME,        A_END,
                                              ACT_NONE};
/* a teacher's own week: the weektaak of a group too */
static const enum action teacher_actions[] = {A_SELECT, A_NEXT_FIELD, A_WEEKPLAN, A_PREV_PERIOD, A_NEXT_PERIOD,
                                              A_TODAY,  A_SEARCH,     A_BACK,     A_UP,          A_DOWN,
                                              A_LEFT,   A_RIGHT,      A_PAGE_UP,  A_PAGE_DOWN,   A_HOME,
                                              A_END,    ACT_NONE};

/* Tab switches between the day and the week, and [ ] step by whichever is shown: the footer says which. */
static const struct action_words *rooster_words(const struct screen *s, enum action act)
{
    static const struct action_words day[] = {
        {A_NEXT_FIELD, N_("naar week"), N_("Toon de hele week in plaats van deze dag.")},
        {A_PREV_PERIOD, N_("vorige dag"), N_("Ga naar de vorige schooldag.")},
        {A_NEXT_PERIOD, N_("volgende dag"), N_("Ga naar de volgende schooldag.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words week[] = {
        {A_NEXT_FIELD, N_("naar dag"), N_("Toon alleen de gekozen dag, met de leerdoelen per les.")},
        {A_PREV_PERIOD, N_("vorige week"), N_("Ga naar de vorige week.")},
        {A_NEXT_PERIOD, N_("volgende week"), N_("Ga naar de volgende week.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words both[] = {
        {A_SELECT, N_("open les"), N_("Open de gekozen les: leerdoelen en notitie.")},
        {A_TODAY, N_("vandaag"), N_("Ga naar vandaag, naar de les van nu.")},
        {A_SEARCH, N_("ga naar"), N_("Ga naar een week of datum: typ bijvoorbeeld week 12 of 15-03-2027.")},
        {ACT_NONE, NULL, NULL},
    };
    const struct action_words *w = action_words_find(((const struct rooster *)s)->day_view ? day : week, act);
    return w ? w : action_words_find(both, act);
}

static const struct planned_lesson *lesson_at(const struct rooster *r, int row, int col)
{
    if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
        return NULL;
    int i = r->rows[row].cell[col];
    return i >= 0 ? &r->week.lessons[i] : NULL;
}

static int col_of_weekday(const struct rooster *r, int weekday)
{
    for (int c = 0; c < r->ncols; c++)
        if (r->wd[c] >= weekday)
            return c;
    return r->ncols - 1;
}

static bool weekday_shown(const struct rooster *r, int weekday)
{
    for (int c = 0; c < r->ncols; c++)
        if (r->wd[c] == weekday)
            return true;
    return false;
}

static bool is_now(const struct rooster *r, const struct planned_lesson *l)
{
    if (parse_iso(l->date) != r->today)
        return false;
    int m = clock_minute_of_day();
    return m >= l->start_min && m < l->end_min;
}

/* The lesson under the cursor, in either view; 0 when none. */
static int64_t selected_instance(const struct rooster *r)
{
    if (r->day_view) {
        if (r->dcur >= 0 && r->dcur < r->nitems)
            return r->week.lessons[r->items[r->dcur].lesson].instance_id;
        return 0;
    }
    const struct planned_lesson *l = lesson_at(r, r->cur_row, r->cur_col);
    return l ? l->instance_id : 0;
}

static void free_day(struct rooster *r)
{
    for (int i = 0; i < r->nitems; i++)
        if (r->items[i].have)
            planning_lesson_free(&r->items[i].d);
    free(r->items);
    r->items = NULL;
    r->nitems = 0;
    planning_goals_free(r->own, r->nown);
    r->own = NULL;
    r->nown = 0;
}

static void free_week(struct rooster *r)
{
    free_day(r);
    planner_week_free(&r->week);
    free(r->rows);
    r->rows = NULL;
    r->nrows = 0;
    r->week_ok = false;
}

/* The columns: the days the school is open, and any other day that has lessons anyway. */
static void build_columns(struct rooster *r)
{
    bool show[8] = {false};
    for (int d = 0; d < 7; d++)
        show[d + 1] = r->hours[d].open;
    for (int i = 0; i < r->week.n; i++)
        show[dates_weekday(parse_iso(r->week.lessons[i].date))] = true;
    r->ncols = 0;
    for (int d = 1; d <= 7; d++)
        if (show[d])
            r->wd[r->ncols++] = d;
    if (r->ncols == 0) /* no school hours at all: the usual week */
        for (int d = 1; d <= 5; d++)
            r->wd[r->ncols++] = d;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* One row per start time, more when a day has several lessons starting then. */
static bool build_rows(struct rooster *r)
{
    int n = r->week.n;
    int *starts = malloc((size_t)(n ? n : 1) * sizeof *starts);
    if (!starts)
        return false;
    for (int i = 0; i < n; i++)
        starts[i] = r->week.lessons[i].start_min;
    qsort(starts, (size_t)n, sizeof *starts, cmp_int);
    int nstart = 0;
    for (int i = 0; i < n; i++)
        if (nstart == 0 || starts[nstart - 1] != starts[i])
            starts[nstart++] = starts[i];
    /* how many rows each start needs: the most lessons starting then on one day */
    int total = 0;
    int *need = calloc((size_t)(nstart ? nstart : 1), sizeof *need);
    int *base = calloc((size_t)(nstart ? nstart : 1), sizeof *base);
    if (!need || !base) {
        free(starts), free(need), free(base);
        return false;
    }
    for (int s = 0; s < nstart; s++) {
        for (int c = 0; c < r->ncols; c++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                const struct planned_lesson *l = &r->week.lessons[i];
                k += l->start_min == starts[s] && dates_weekday(parse_iso(l->date)) == r->wd[c];
            }
            need[s] = k > need[s] ? k : need[s];
        }
        base[s] = total;
        total += need[s];
    }
    r->rows = calloc((size_t)(total ? total : 1), sizeof *r->rows);
    if (!r->rows) {
        free(starts), free(need), free(base);
        return false;
    }
    r->nrows = total;
    for (int s = 0; s < nstart; s++)
        for (int k = 0; k < need[s]; k++) {
            struct wrow *w = &r->rows[base[s] + k];
            w->start = starts[s];
            w->end = -2; /* none seen yet */
            w->sub = k;
            for (int c = 0; c < 7; c++)
                w->cell[c] = -1;
        }
    for (int i = 0; i < n; i++) {
        const struct planned_lesson *l = &r->week.lessons[i];
        int weekday = dates_weekday(parse_iso(l->date)), c = -1;
        for (int k = 0; k < r->ncols; k++)
            c = r->wd[k] == weekday ? k : c;
        int s = 0;
        while (s < nstart && starts[s] != l->start_min)
            s++;
        if (c < 0 || s == nstart)
            continue;
        for (int k = 0; k < need[s]; k++) {
            struct wrow *w = &r->rows[base[s] + k];
            if (w->cell[c] >= 0)
                continue;
            w->cell[c] = i;
            w->end = w->end == -2 || w->end == l->end_min ? l->end_min : -1;
            break;
        }
    }
    free(starts), free(need), free(base);
    return true;
}

/* The day view's lessons (with goals and note) and, for a student, the goals to work on this week. */
static void load_day(struct rooster *r)
{
    struct app *a = r->app;
    char iso[11];
    dates_format(r->day, iso);
    int n = 0;
    for (int i = 0; i < r->week.n; i++)
        n += strcmp(r->week.lessons[i].date, iso) == 0;
    r->items = calloc((size_t)(n ? n : 1), sizeof *r->items);
    if (!r->items) {
        app_message(a, TR_ERROR, "%s", _("Onvoldoende geheugen."));
        return;
    }
    for (int i = 0; i < r->week.n; i++) {
        if (strcmp(r->week.lessons[i].date, iso) != 0)
            continue;
        struct day_item *it = &r->items[r->nitems++];
        it->lesson = i;
        it->have = planning_lesson(&a->session, r->week.lessons[i].instance_id, r->subj.student, &it->d) == KM_OK;
    }
    if (!r->subj.student)
        return;
    /* from today (or the week's Monday, for another week) to the end of the week shown */
    int64_t sunday = r->monday + 6;
    r->own_from = r->today >= r->monday && r->today <= sunday ? r->today : r->monday;
    r->own_to = sunday;
    char from[11], to[11];
    dates_format(r->own_from, from);
    dates_format(r->own_to, to);
    if (planning_own_goals(&a->session, r->subj.student, from, to, &r->own, &r->nown) != KM_OK)
        app_core_error(a);
}

static void set_title(struct rooster *r);

/* Puts the cursor on the lesson `keep` when it is shown; else on the day `weekday` at the lesson going on at
 * `start` (minutes) or the next one; start -1 leaves the row where it is. */
static void place_cursor(struct rooster *r, int64_t keep, int weekday, int start)
{
    bool found = false;
    for (int row = 0; row < r->nrows && keep && !found; row++)
        for (int c = 0; c < r->ncols && !found; c++) {
            const struct planned_lesson *l = lesson_at(r, row, c);
            if (l && l->instance_id == keep) {
                r->cur_row = row, r->cur_col = c;
                found = true;
            }
        }
    if (!found && weekday)
        r->cur_col = col_of_weekday(r, weekday);
    if (!found && start >= 0) {
        int pick = -1, any = -1;
        for (int row = 0; row < r->nrows && pick < 0; row++) {
            const struct planned_lesson *l = lesson_at(r, row, r->cur_col);
            if (l && l->end_min > start)
                pick = row;
            if (any < 0 && r->rows[row].start >= start)
                any = row;
        }
        r->cur_row = pick >= 0 ? pick : any >= 0 ? any : r->nrows - 1;
    }
    if (r->cur_row >= r->nrows)
        r->cur_row = r->nrows - 1;
    if (r->cur_row < 0)
        r->cur_row = 0;
    if (r->cur_col >= r->ncols)
        r->cur_col = r->ncols - 1;
    if (r->cur_col < 0)
        r->cur_col = 0;
    if (!r->day_view)
        return;
    found = false;
    for (int i = 0; i < r->nitems && keep && !found; i++)
        if (r->week.lessons[r->items[i].lesson].instance_id == keep) {
            r->dcur = i;
            found = true;
        }
    if (!found && start >= 0) {
        r->dcur = r->nitems ? r->nitems - 1 : 0;
        for (int i = r->nitems - 1; i >= 0; i--)
            if (r->week.lessons[r->items[i].lesson].end_min > start)
                r->dcur = i;
    }
    if (r->dcur >= r->nitems + r->nown)
        r->dcur = r->nitems + r->nown - 1;
    if (r->dcur < 0)
        r->dcur = 0;
}

/* Reads hours and the week again (and the day, in the day view). keep: the lesson to keep the cursor on. */
static void load(struct rooster *r, int64_t keep, int weekday, int start)
{
    struct app *a = r->app;
    free_week(r);
    r->today = dates_today();
    if (hours_get(&a->session, r->hours) != KM_OK)
        memset(r->hours, 0, sizeof r->hours);
    char monday[11];
    dates_format(r->monday, monday);
    enum km_rc rc;
    if (r->subj.kind == SUBJ_PERSON)
        rc = planner_week(&a->session, r->subj.id, monday, &r->week);
    else
        rc = planner_week_of(&a->session, r->subj.kind == SUBJ_ROOM ? PLANNER_ROOM : PLANNER_GROUP, r->subj.id, monday,
                             &r->week);
    if (rc != KM_OK)
        app_core_error(a);
    r->week_ok = rc == KM_OK;
    build_columns(r);
    if (!build_rows(r))
        app_message(a, TR_ERROR, "%s", _("Onvoldoende geheugen."));
    if (r->day_view)
        load_day(r);
    place_cursor(r, keep, weekday, start);
    set_title(r);
}

/* The weekday under the cursor (week view) or of the day shown. */
static int current_weekday(const struct rooster *r)
{
    return r->day_view ? dates_weekday(r->day) : (r->ncols ? r->wd[r->cur_col] : 1);
}

static void sync_day_from_cursor(struct rooster *r)
{
    if (!r->day_view && r->ncols)
        r->day = r->monday + r->wd[r->cur_col] - 1;
}

/* Goes to a day: its week is loaded when it is another. */
static void go_to_day(struct rooster *r, int64_t day, int start)
{
    r->monday = dates_monday(day);
    r->day = day;
    load(r, 0, dates_weekday(day), start);
}

/* Today, or the next day the school is open when today it is not (a weekend). */
static int64_t school_today(struct rooster *r)
{
    int64_t t = dates_today();
    struct school_day h[7];
    if (hours_get(&r->app->session, h) != KM_OK)
        return t;
    bool any = false;
    for (int d = 0; d < 7; d++)
        any = any || h[d].open;
    for (int k = 0; any && k < 7; k++)
        if (h[dates_weekday(t + k) - 1].open)
            return t + k;
    return t;
}

/* ---- the title row ---- */

static void set_title(struct rooster *r)
{
    int iso_year;
    int week = dates_iso_week(r->monday, &iso_year);
    char when[160], a0[16], a1[16];
    if (r->day_view) {
        char d[80];
        date_long(r->day, d, sizeof d);
        snprintf(when, sizeof when, "%s%s", d, r->day == r->today ? _(" (vandaag)") : "");
    } else {
        date_short(r->monday, a0, sizeof a0);
        int last = r->ncols ? r->wd[r->ncols - 1] : 5;
        date_short(r->monday + last - 1, a1, sizeof a1);
        int y, m, d;
        civil(r->monday + last - 1, &y, &m, &d);
        snprintf(when, sizeof when, _("week %d · %s t/m %s-%d"), week, a0, a1, y);
    }
    r->base.title[0] = '\0';
    strbuf_appendf(r->base.title, sizeof r->base.title, "MIJNROOSTER › %s › %s", r->subj.name, when);
}

/* The title row again, with the way to the other view when it fits (drawn over the shell's title row,
 * which says the same without the hint). */
static void draw_title(struct rooster *r, int width)
{
    char keys[32], hint[96], line[400];
    keymap_keys_text(&r->app->keys, A_NEXT_FIELD, 1, keys, sizeof keys);
    snprintf(hint, sizeof hint, r->day_view ? _("%s: week") : _("%s: dag"), keys);
    snprintf(line, sizeof line, "%s", r->base.title);
    draw_fill(stdscr, 1, 0, 1, width, TR_TITLE);
    int tw = text_width(line), hw = text_width(hint);
    if (*keys && tw + hw + 4 <= width - 2) {
        draw_text(stdscr, 1, 1, width - 3 - hw, line, TR_TITLE);
        draw_text_raw(stdscr, 1, width - 1 - hw, hw, hint, TR_TITLE);
    } else {
        draw_text(stdscr, 1, 1, width - 2, line, TR_TITLE);
    }
}

/* ---- the week grid ---- */

struct geom {
    int dw;   /* width of a day column */
    int L;    /* lines per row */
    int sep;  /* 1 when a line separates the rows */
    int vis;  /* rows that fit */
    bool legend;
};

static struct geom week_geom(const struct rooster *r, int h, int width)
{
    struct geom g = {0, 3, 0, 0, false};
    int nc = r->ncols ? r->ncols : 1;
    g.dw = (width - TIME_W - nc) / nc;
    if (g.dw < 4)
        g.dw = 4;
    int avail = h - 1; /* under the day names */
    int want = g.dw >= WIDE_CELL ? 4 : 3;
    int n = r->nrows ? r->nrows : 1;
    bool fit = false;
    for (int L = want; L >= 2 && !fit; L--)
        for (int sep = 1; sep >= 0 && !fit; sep--)
            if (n * (L + sep) - sep <= avail) {
                g.L = L, g.sep = sep, fit = true;
            }
    if (!fit) {
        g.L = want > 3 ? 3 : want;
        g.sep = 0;
    }
    g.vis = (avail + g.sep) / (g.L + g.sep);
    if (g.vis < 1)
        g.vis = 1;
    int used = (g.vis < n ? g.vis : n) * (g.L + g.sep) - g.sep;
    g.legend = fit && used + 1 < avail;
    return g;
}

/* Draws one line of a cell: left text, and right-aligned markers when given. */
static void cell_line(int y, int x, int w, const char *left, const char *right, enum theme_role role)
{
    int rw = right && *right ? text_width(right) : 0;
    if (rw && rw + 2 <= w) {
        draw_text(stdscr, y, x, w - rw - 1, left, role);
        draw_text(stdscr, y, x + w - rw - 1, rw + 1, "", role);
        draw_text_raw(stdscr, y, x + w - rw, rw, right, role);
    } else {
        draw_text(stdscr, y, x, w, left, role);
    }
}

static void markers(const struct planned_lesson *l, bool longform, char *out, size_t len)
{
    char goals[48] = "";
    if (l->goals)
        snprintf(goals, sizeof goals, longform ? "◆ %d" : "◆%d", l->goals);
    snprintf(out, len, "%s%s%s", goals, l->has_note && l->goals ? " " : "", l->has_note ? "✎" : "");
}

/* In a teacher's own week, a lesson another teacher gives (the duo-collega's, to a shared group): its cell names
 * that teacher where the teacher's own lessons name the groups. */
static bool not_own(const struct rooster *r, const struct planned_lesson *l)
{
    return r->subj.kind == SUBJ_PERSON && !r->subj.student && l->teacher_id && l->teacher_id != r->subj.id;
}

static void draw_cell(const struct rooster *r, const struct planned_lesson *l, int y, int x, int w, int L, bool selected)
{
    bool now = l && is_now(r, l);
    /* The cursor is the cell's first line (the subject) in reverse: a move then rewrites two lines, not two
     * whole cells; the lines below keep their own look. */
    enum theme_role role = now ? TR_NOW : TR_NORMAL;
    enum theme_role top = selected ? TR_SELECTED : role;
    if (!l) {
        for (int k = 0; k < L; k++)
            draw_text(stdscr, y + k, x, w, "", k == 0 ? top : TR_NORMAL);
        return;
    }
    char buf[512], subj[256], grp[256], room[128], mark[64], tshort[128];
    int pre = now ? 2 : 0;
    subject_fit(l->subject, w - pre, subj, sizeof subj);
    snprintf(buf, sizeof buf, "%s%s", now ? "» " : "", subj);
    markers(l, false, mark, sizeof mark);
    if (L == 2) {
        draw_text(stdscr, y, x, w, buf, top);
        char both[512];
        if (not_own(r, l))
            teacher_short(l->teacher, grp, sizeof grp);
        else
            groups_fit(l->groups, w, grp, sizeof grp);
        room_fit(l->room, w, room, sizeof room);
        snprintf(both, sizeof both, "%s%s%s", grp, *room ? " " : "", room);
        cell_line(y + 1, x, w, both, mark, role);
        return;
    }
    draw_text(stdscr, y, x, w, buf, top);
    /* the second and third line say what the subject of the week does not already say: a child and a group
     * want to know who gives the lesson, a room which groups come */
    bool who_first = r->subj.student || r->subj.kind == SUBJ_GROUP;
    if (L == 3 && (who_first || not_own(r, l)))
        teacher_short(l->teacher, grp, sizeof grp);
    else
        groups_fit(l->groups, w, grp, sizeof grp);
    draw_text(stdscr, y + 1, x, w, grp, role);
    if (L == 3) {
        int mw = text_width(mark);
        if (r->subj.kind == SUBJ_ROOM)
            teacher_short(l->teacher, room, sizeof room);
        else
            room_fit(l->room, w - (mw ? mw + 1 : 0), room, sizeof room);
        cell_line(y + 2, x, w, room, mark, role);
        return;
    }
    teacher_short(l->teacher, tshort, sizeof tshort);
    snprintf(buf, sizeof buf, "%s%s%s", l->room, *l->room && *tshort ? " · " : "", tshort);
    if (text_width(buf) > w) {
        room_fit(l->room, w / 2, room, sizeof room);
        snprintf(buf, sizeof buf, "%s%s%s", room, *room && *tshort ? " " : "", tshort);
    }
    draw_text(stdscr, y + 2, x, w, buf, role);
    char longmark[96] = "";
    if (l->goals)
        snprintf(longmark, sizeof longmark, ngettext("◆ %d leerdoel", "◆ %d leerdoelen", (unsigned long)l->goals), l->goals);
    if (l->has_note)
        strbuf_appendf(longmark, sizeof longmark, "%s%s", l->goals ? "  " : "", _("✎ notitie"));
    if (text_width(longmark) > w && l->goals) { /* "◆ 2 leerdoelen ✎" */
        longmark[0] = '\0';
        strbuf_appendf(longmark, sizeof longmark, ngettext("◆ %d leerdoel", "◆ %d leerdoelen", (unsigned long)l->goals), l->goals);
        strbuf_appendf(longmark, sizeof longmark, "%s", l->has_note ? " ✎" : "");
    }
    draw_text(stdscr, y + 3, x, w, text_width(longmark) <= w ? longmark : mark, role);
    for (int k = 4; k < L; k++)
        draw_text(stdscr, y + k, x, w, "", role);
}

static void draw_day_header(const struct rooster *r, int c, int y, int x, int w)
{
    int64_t day = r->monday + r->wd[c] - 1;
    bool today = day == r->today;
    char ds[16], text[96];
    date_short(day, ds, sizeof ds);
    snprintf(text, sizeof text, "%s%s %s", today ? "▼ " : "", w >= 18 ? _(dates_day_name(r->wd[c])) : _(dates_day_short(r->wd[c])), ds);
    if (today && w >= 24)
        strbuf_appendf(text, sizeof text, "%s", _(" vandaag"));
    draw_text(stdscr, y, x, w, "", today ? TR_TODAY : TR_GRID_HEADER);
    int tw = text_width(text);
    draw_text_raw(stdscr, y, x + (tw < w ? (w - tw) / 2 : 0), w, text, today ? TR_TODAY : TR_GRID_HEADER);
}

static void draw_week(struct rooster *r, int top, int h, int width)
{
    struct geom g = week_geom(r, h, width);
    r->vis_rows = g.vis;
    if (r->cur_row < r->top_row)
        r->top_row = r->cur_row;
    if (r->cur_row >= r->top_row + g.vis)
        r->top_row = r->cur_row - g.vis + 1;
    if (r->top_row > r->nrows - g.vis)
        r->top_row = r->nrows - g.vis;
    if (r->top_row < 0)
        r->top_row = 0;
    int x0 = TIME_W;
    /* the day names */
    char arrows[16];
    snprintf(arrows, sizeof arrows, "%s%s", r->top_row > 0 ? "↑" : "", r->top_row + g.vis < r->nrows ? "↓" : "");
    draw_text(stdscr, top, 0, TIME_W, arrows, TR_GRID_HEADER);
    for (int c = 0; c < r->ncols; c++) {
        int x = x0 + c * (g.dw + 1);
        bool today = r->monday + r->wd[c] - 1 == r->today;
        draw_text_raw(stdscr, top, x, 1, "│", today ? TR_TODAY : TR_DIM);
        draw_day_header(r, c, top, x + 1, g.dw);
    }
    if (r->nrows == 0) {
        const char *msg = r->week_ok ? _("Geen lessen in deze week (vakantie, of het rooster is nog niet gemaakt).")
                                     : _("Deze week kan niet worden getoond.");
        draw_center(stdscr, top + h / 2, 0, width, msg, TR_DIM);
        return;
    }
    int y = top + 1;
    for (int row = r->top_row; row < r->nrows && row < r->top_row + g.vis; row++) {
        const struct wrow *w = &r->rows[row];
        if (row > r->top_row && g.sep) {
            draw_hline(stdscr, y, 0, x0 + r->ncols * (g.dw + 1), TR_DIM);
            for (int c = 0; c < r->ncols; c++)
                draw_text_raw(stdscr, y, x0 + c * (g.dw + 1), 1, "┼", TR_DIM);
            y++;
        }
        char t[8];
        for (int k = 0; k < g.L; k++)
            draw_text(stdscr, y + k, 0, TIME_W, "", TR_NORMAL);
        if (w->sub == 0) {
            hours_format(w->start, t);
            draw_text(stdscr, y, 0, TIME_W, t, TR_GRID_HEADER);
            if (w->end >= 0 && g.L >= 2) {
                hours_format(w->end, t);
                draw_text(stdscr, y + 1, 0, TIME_W, t, TR_DIM);
            }
        }
        for (int c = 0; c < r->ncols; c++) {
            int x = x0 + c * (g.dw + 1);
            bool today = r->monday + r->wd[c] - 1 == r->today;
            for (int k = 0; k < g.L; k++)
                draw_text_raw(stdscr, y + k, x, 1, "│", today ? TR_TODAY : TR_DIM);
            draw_cell(r, lesson_at(r, row, c), y, x + 1, g.dw, g.L, row == r->cur_row && c == r->cur_col);
        }
        y += g.L;
    }
    if (g.legend) {
        char keys[32], legend[256];
        keymap_keys_text(&r->app->keys, A_SELECT, 1, keys, sizeof keys);
        snprintf(legend, sizeof legend, _("◆ leerdoelen gepland  ✎ notitie  ▼ vandaag  » nu  ·  %s: open de les"), keys);
        draw_text(stdscr, top + h - 1, 1, width - 2, legend, TR_DIM);
    }
}

/* ---- the day view ---- */

static int goal_lines(const struct day_item *it)
{
    if (!it->have)
        return 0;
    return it->d.ngoals <= MAX_GOAL_LINES ? it->d.ngoals : MAX_GOAL_LINES;
}

/* The lines of the lessons area, in order, with an empty line between lessons when gaps; returns how many
 * (out may be NULL to count). */
static int day_lines(const struct rooster *r, struct dline *out, bool gaps)
{
    int n = 0;
    for (int i = 0; i < r->nitems; i++) {
        const struct day_item *it = &r->items[i];
        if (gaps && i > 0) {
            if (out)
                out[n] = (struct dline){i - 1, DL_GAP, 0};
            n++;
        }
        if (out)
            out[n] = (struct dline){i, DL_HEAD, 0};
        n++;
        if (out)
            out[n] = (struct dline){i, DL_WHO, 0};
        n++;
        int gl = goal_lines(it);
        for (int k = 0; k < gl; k++) {
            if (out)
                out[n] = (struct dline){i, DL_GOAL, k};
            n++;
        }
        if (it->have && it->d.ngoals > gl) {
            if (out)
                out[n] = (struct dline){i, DL_MORE, 0};
            n++;
        }
        if (it->have && *it->d.note) {
            if (out)
                out[n] = (struct dline){i, DL_NOTE, 0};
            n++;
        }
        if (it->have && *it->d.pupil_note) {
            if (out)
                out[n] = (struct dline){i, DL_PUPIL, 0};
            n++;
        }
    }
    return n;
}

/* "○ B" for a status id; "–" when none yet. */
static void status_text(const struct rooster *r, int64_t id, bool with_label, char *out, size_t len)
{
    const struct km_status_value *v = status_scale_find(&r->scale, id);
    if (!v)
        snprintf(out, len, "%s", with_label ? _("– nog geen status") : "–  ");
    else if (with_label)
        snprintf(out, len, "%s %s %s", v->glyph, v->letter, v->label);
    else
        snprintf(out, len, "%s %s", v->glyph, v->letter);
}

static enum theme_role status_role(const struct rooster *r, int64_t id)
{
    const struct km_status_value *v = status_scale_find(&r->scale, id);
    return v ? theme_role_by_name(v->colour_role) : TR_DIM;
}

#define INDENT 14 /* "08:30–09:30  " and a marker */

static void draw_dline(const struct rooster *r, const struct dline *dl, int y, int x, int w)
{
    const struct day_item *it = &r->items[dl->item];
    const struct planned_lesson *l = &r->week.lessons[it->lesson];
    if (dl->kind == DL_GAP)
        return;
    bool sel = dl->item == r->dcur;
    bool now = is_now(r, l);
    enum theme_role base = sel ? TR_SELECTED : TR_NORMAL;
    char buf[1024], t0[8], t1[8];
    draw_text(stdscr, y, x, w, "", base);
    switch (dl->kind) {
    case DL_HEAD: {
        hours_format(l->start_min, t0);
        hours_format(l->end_min, t1);
        snprintf(buf, sizeof buf, "%s–%s", t0, t1);
        draw_text_raw(stdscr, y, x, 12, buf, sel ? TR_SELECTED : now ? TR_NOW : TR_GRID_HEADER);
        int rw = text_width(l->room);
        const char *room = *l->room ? l->room : "";
        int sx = x + INDENT;
        int sw = w - INDENT - (rw ? rw + 2 : 0);
        if (now)
            draw_text_raw(stdscr, y, x + 11, 3, " »", sel ? TR_SELECTED : TR_NOW);
        draw_text(stdscr, y, sx, sw, *l->subject ? l->subject : _("(les)"), sel ? TR_SELECTED : TR_TITLE);
        if (rw && sw > 8)
            draw_text_raw(stdscr, y, x + w - rw, rw, room, base);
        else if (rw)
            draw_text(stdscr, y, sx, w - INDENT, room, base);
        break;
    }
    case DL_WHO: {
        if (now)
            draw_text_raw(stdscr, y, x, INDENT, _("» nu"), sel ? TR_SELECTED : TR_NOW);
        snprintf(buf, sizeof buf, "%s%s%s", l->groups, *l->groups && *l->teacher ? " · " : "", l->teacher);
        if (!it->have || (it->d.ngoals == 0 && !*it->d.note && !*it->d.pupil_note)) {
            char extra[64] = "";
            if (it->have)
                snprintf(extra, sizeof extra, "%s", _("  (nog niets gepland)"));
            strbuf_appendf(buf, sizeof buf, "%s", extra);
        }
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        break;
    }
    case DL_GOAL: {
        const struct planning_goal *g = &it->d.goals[dl->goal];
        if (r->subj.student) {
            char st[64];
            status_text(r, g->own_status, false, st, sizeof st);
            draw_text_raw(stdscr, y, x + INDENT, 4, st, sel ? TR_SELECTED : status_role(r, g->own_status));
            snprintf(buf, sizeof buf, "%s", g->title);
            draw_text(stdscr, y, x + INDENT + 4, w - INDENT - 4, buf, base);
        } else {
            snprintf(buf, sizeof buf, "◆ %s  %s", g->code, g->title);
            draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        }
        break;
    }
    case DL_MORE:
        snprintf(buf, sizeof buf, _("◆ en nog %d (Enter: open de les)"), it->d.ngoals - goal_lines(it));
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, sel ? TR_SELECTED : TR_DIM);
        break;
    case DL_NOTE: /* ✎ the note (staff only), ✉ the line for the class */
    case DL_PUPIL: {
        const char *text = dl->kind == DL_NOTE ? it->d.note : it->d.pupil_note;
        char first[512];
        size_t n = strcspn(text, "\n");
        snprintf(first, sizeof first, "%.*s", (int)(n < sizeof first ? n : sizeof first - 1), text);
        snprintf(buf, sizeof buf, "%s %s%s", dl->kind == DL_NOTE ? "✎" : "✉", first, text[n] ? " …" : "");
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        break;
    }
    case DL_GAP: break;
    }
}

static void draw_own_panel(struct rooster *r, int y, int x, int h, int w)
{
    char title[200], a0[16], a1[16];
    date_short(r->own_from, a0, sizeof a0);
    int64_t last = r->ncols ? r->monday + r->wd[r->ncols - 1] - 1 : r->own_to;
    date_short(last < r->own_to ? last : r->own_to, a1, sizeof a1);
    if (r->subj.student == r->app->session.user_id)
        snprintf(title, sizeof title, _("Hier kan ik zelf aan werken (%d) · %s t/m %s"), r->nown, a0, a1);
    else
        snprintf(title, sizeof title, _("Hier kan %s zelf aan werken (%d) · %s t/m %s"), r->subj.name, r->nown, a0, a1);
    draw_text(stdscr, y, x, w, title, TR_TITLE);
    int rows = h - 1;
    r->panel_h = rows;
    if (rows <= 0)
        return;
    if (r->nown == 0) {
        draw_text(stdscr, y + 1, x + 2, w - 2, _("Niets open: alles beheerst, of er is nog niets gepland."),
                  TR_DIM);
        return;
    }
    int sel = r->dcur - r->nitems;
    if (sel >= 0) {
        if (sel < r->ptop)
            r->ptop = sel;
        if (sel >= r->ptop + rows)
            r->ptop = sel - rows + 1;
    }
    if (r->ptop > r->nown - rows)
        r->ptop = r->nown - rows;
    if (r->ptop < 0)
        r->ptop = 0;
    for (int k = 0; k < rows && r->ptop + k < r->nown; k++) {
        int i = r->ptop + k;
        const struct planning_goal *g = &r->own[i];
        bool s = i == sel;
        enum theme_role base = s ? TR_SELECTED : TR_NORMAL;
        char st[64], line[600];
        draw_text(stdscr, y + 1 + k, x, w, "", base);
        status_text(r, g->own_status, false, st, sizeof st);
        draw_text_raw(stdscr, y + 1 + k, x + 2, 4, st, s ? TR_SELECTED : status_role(r, g->own_status));
        if (w >= 70)
            snprintf(line, sizeof line, "%s  (%s)", g->title, g->area);
        else
            snprintf(line, sizeof line, "%s", g->title);
        draw_text(stdscr, y + 1 + k, x + 6, w - 6, line, base);
    }
    if (r->ptop + rows < r->nown)
        draw_text_raw(stdscr, y, x + w - 2, 2, "↓", TR_TITLE);
}

static void draw_day_strip(const struct rooster *r, int y, int width)
{
    draw_fill(stdscr, y, 0, 1, width, TR_NORMAL);
    int x = 1;
    for (int c = 0; c < r->ncols; c++) {
        int64_t day = r->monday + r->wd[c] - 1;
        char ds[16], text[64];
        date_short(day, ds, sizeof ds);
        snprintf(text, sizeof text, " %s%s %s ", day == r->today ? "▼" : "", _(dates_day_short(r->wd[c])), ds);
        int tw = text_width(text);
        if (x + tw >= width)
            break;
        enum theme_role role = day == r->day ? TR_SELECTED : day == r->today ? TR_TODAY : TR_DIM;
        x += draw_text_raw(stdscr, y, x, tw, text, role) + 1;
    }
    /* a day that is not a column (a closed day reached by a date) still says what it is */
    if (!weekday_shown(r, dates_weekday(r->day))) {
        char d[80];
        date_long(r->day, d, sizeof d);
        draw_text_raw(stdscr, y, x + 1, width - x - 2, d, TR_SELECTED);
    }
}

/* Where each lesson's lines start and end (its gap before the next not counted). */
static void lesson_spans(const struct dline *lines, int need, int nitems, int *start, int *end)
{
    for (int i = 0; i < nitems; i++)
        start[i] = end[i] = 0;
    for (int k = 0; k < need; k++)
        if (lines[k].kind != DL_GAP) {
            if (lines[k].kind == DL_HEAD)
                start[lines[k].item] = k;
            end[lines[k].item] = k + 1;
        }
}

/* The first lesson shown: whole lessons only, the chosen one among them (unless it alone is taller than rows). */
static int first_lesson(const struct rooster *r, const int *start, const int *end, int rows)
{
    int f = 0;
    while (f + 1 < r->nitems && start[f + 1] <= r->dtop) /* the lesson the last scroll position was in */
        f++;
    int sel = r->dcur < r->nitems ? r->dcur : -1;
    if (sel >= 0 && sel < f)
        f = sel;
    while (sel >= 0 && f < sel && end[sel] - start[f] > rows)
        f++;
    return f;
}

/* How many lessons from f fit whole in rows lines (at least one, cut only when it alone is taller). */
static int lessons_that_fit(const struct rooster *r, const int *start, const int *end, int f, int rows)
{
    int n = 1;
    while (f + n < r->nitems && end[f + n] - start[f] <= rows)
        n++;
    return n;
}

/* The day's lessons, whole: never the bottom of one lesson at the top or the top of one at the bottom. What is out
 * of sight is said above ("↑ 2 lessen eerder", on the empty row under the days) and below ("↓ nog 1 les", on the
 * row under the lessons), each on its own row. own_row: the area has no empty row of its own below it. */
static void draw_lessons(struct rooster *r, const struct dline *lines, int need, int top, int y, int lw, int lh,
                         bool own_row)
{
    int *start = malloc((size_t)r->nitems * 2 * sizeof *start);
    if (!start)
        return;
    int *end = start + r->nitems;
    lesson_spans(lines, need, r->nitems, start, end);
    int rows = lh, f = first_lesson(r, start, end, rows), n = lessons_that_fit(r, start, end, f, rows);
    if (own_row && f + n < r->nitems && lh > 1) { /* the "↓" takes the last row */
        rows = lh - 1;
        f = first_lesson(r, start, end, rows);
        n = lessons_that_fit(r, start, end, f, rows);
    }
    r->dtop = start[f];
    int last = end[f + n - 1];
    for (int k = start[f]; k < last && k - start[f] < rows; k++)
        draw_dline(r, &lines[k], y + k - start[f], 1, lw);
    int above = f, below = r->nitems - f - n;
    char more[120] = "";
    if (above) {
        snprintf(more, sizeof more, ngettext("↑ %d les eerder", "↑ %d lessen eerder", (unsigned long)above), above);
        draw_text_raw(stdscr, top + 1, 1 + lw - text_width(more), lw, more, TR_DIM);
    }
    if (below) {
        snprintf(more, sizeof more, ngettext("↓ nog %d les", "↓ nog %d lessen", (unsigned long)below), below);
        draw_text_raw(stdscr, y + (own_row ? rows : lh), 1 + lw - text_width(more), lw, more, TR_DIM);
    }
    free(start);
}

static void draw_day(struct rooster *r, int top, int h, int width)
{
    draw_day_strip(r, top, width);
    int y = top + 2, avail = h - 2;
    bool panel = r->subj.student != 0;
    bool side = panel && width >= PANEL_SIDE_MIN;
    int lw = side ? width * 3 / 5 - 3 : width - 2;
    int avail_lessons = side || !panel ? avail : avail - 1 - (1 + (r->nown ? r->nown : 1));
    bool gaps = day_lines(r, NULL, true) <= avail_lessons;
    int need = day_lines(r, NULL, gaps);
    int lh = avail;
    if (panel && !side) {
        int pneed = 1 + (r->nown ? r->nown : 1);
        if (need + 1 + pneed <= avail)
            lh = need > 0 ? need : 1;
        else {
            int ph = pneed < (avail / 3 > 4 ? avail / 3 : 4) ? pneed : (avail / 3 > 4 ? avail / 3 : 4);
            lh = avail - ph - 1;
            if (lh < 3)
                lh = 3;
        }
    }
    r->dlines_h = lh;
    struct dline *lines = malloc((size_t)(need ? need : 1) * sizeof *lines);
    if (!lines)
        return;
    day_lines(r, lines, gaps);
    if (r->nitems <= 0) { /* never negative; said so, for the analyzer of draw_lessons */
        draw_text(stdscr, y, 2, lw, weekday_shown(r, dates_weekday(r->day)) ? _("Geen lessen op deze dag.")
                                                                          : _("Geen lessen: de school is dicht."),
                  TR_DIM);
    } else {
        draw_lessons(r, lines, need, top, y, lw, lh, !(panel && !side));
    }
    free(lines);
    if (side) {
        int px = width * 3 / 5;
        for (int k = 0; k < avail; k++)
            draw_text_raw(stdscr, y + k, px - 1, 1, "│", TR_DIM);
        draw_own_panel(r, y, px + 1, avail, width - px - 2);
    } else if (panel) {
        int py = y + (r->nitems ? lh : 1) + 1;
        draw_own_panel(r, py, 1, top + h - py, width - 2);
    }
}

static void rooster_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct rooster *r = (struct rooster *)s;
    draw_title(r, width);
    if (r->day_view)
        draw_day(r, top, h, width);
    else
        draw_week(r, top, h, width);
}

/* ---- moving ---- */

static int open_lesson(struct rooster *r, struct app *a)
{
    if (r->day_view && r->dcur >= r->nitems && r->dcur - r->nitems < r->nown) {
        const struct planning_goal *g = &r->own[r->dcur - r->nitems];
        app_message(a, TR_NORMAL, "%s · %s · %s", g->code, g->area, g->title);
        return R_DRAW;
    }
    int64_t id = selected_instance(r);
    if (!id) {
        app_message(a, TR_NORMAL, "%s", _("Hier is geen les."));
        return R_DRAW;
    }
    lesson_detail_open(a, id, r->subj.student);
    return R_DRAW;
}

static void week_step(struct rooster *r, int weeks)
{
    int weekday = current_weekday(r);
    int start = r->nrows && !r->day_view ? r->rows[r->cur_row].start : -1;
    r->monday += 7 * weeks;
    r->day += 7 * weeks;
    load(r, 0, weekday, start);
}

/* The next (or previous) day that is a column, crossing into another week when needed. */
static void day_step(struct rooster *r, int dir)
{
    int64_t d = r->day;
    for (int k = 0; k < 14; k++) {
        d += dir;
        int64_t mon = dates_monday(d);
        if (mon != r->monday)
            break; /* another week: its columns may differ; the first open day there is fine */
        if (weekday_shown(r, dates_weekday(d)))
            break;
    }
    if (dates_monday(d) != r->monday) {
        /* find an open day in the new week in that direction */
        int64_t mon = dates_monday(d);
        int w = dates_weekday(d);
        bool open[8] = {false};
        for (int k = 0; k < 7; k++)
            open[k + 1] = r->hours[k].open;
        while (w >= 1 && w <= 7 && !open[w])
            w += dir;
        if (w >= 1 && w <= 7)
            d = mon + w - 1;
    }
    go_to_day(r, d, -1);
    r->dcur = 0;
    r->dtop = r->ptop = 0;
}

static void go_today(struct rooster *r)
{
    int64_t t = school_today(r);
    r->dtop = r->ptop = 0;
    go_to_day(r, t, t == dates_today() ? clock_minute_of_day() : 0);
}

/* t where today is already shown, with its lesson of now chosen, still answers. */
static int today_action(struct rooster *r, struct app *a)
{
    int64_t day = r->day, monday = r->monday;
    int row = r->cur_row, col = r->cur_col, dcur = r->dcur;
    go_today(r);
    if (r->day == day && r->monday == monday && r->cur_row == row && r->cur_col == col && r->dcur == dcur)
        app_message(a, TR_NORMAL, "%s", _("Dit is vandaag al."));
    return R_DRAW;
}

static bool day_move(struct rooster *r, enum action act)
{
    int n = r->nitems + r->nown;
    int page = r->dlines_h > 4 ? r->dlines_h / 3 : 1;
    switch (act) {
    case A_UP: r->dcur--; break;
    case A_DOWN: r->dcur++; break;
    case A_PAGE_UP: r->dcur -= page; break;
    case A_PAGE_DOWN: r->dcur += page; break;
    case A_HOME: r->dcur = 0; break;
    case A_END: r->dcur = n - 1; break;
    case A_LEFT: day_step(r, -1); return true;
    case A_RIGHT: day_step(r, 1); return true;
    default: return false;
    }
    if (r->dcur >= n)
        r->dcur = n - 1;
    if (r->dcur < 0)
        r->dcur = 0;
    return true;
}

static bool week_move(struct rooster *r, enum action act)
{
    int page = r->vis_rows > 1 ? r->vis_rows - 1 : 1;
    switch (act) {
    case A_UP: r->cur_row--; break;
    case A_DOWN: r->cur_row++; break;
    case A_LEFT: r->cur_col--; break;
    case A_RIGHT: r->cur_col++; break;
    case A_PAGE_UP: r->cur_row -= page; break;
    case A_PAGE_DOWN: r->cur_row += page; break;
    case A_HOME: r->cur_row = 0; break;
    case A_END: r->cur_row = r->nrows - 1; break;
    default: return false;
    }
    if (r->cur_row >= r->nrows)
        r->cur_row = r->nrows - 1;
    if (r->cur_row < 0)
        r->cur_row = 0;
    if (r->cur_col >= r->ncols)
        r->cur_col = r->ncols - 1;
    if (r->cur_col < 0)
        r->cur_col = 0;
    sync_day_from_cursor(r);
    return true;
}

static void toggle_view(struct rooster *r)
{
    int64_t keep = selected_instance(r);
    sync_day_from_cursor(r);
    int weekday = current_weekday(r);
    r->day_view = !r->day_view;
    r->dcur = 0;
    r->dtop = r->ptop = 0;
    load(r, keep, weekday, keep ? -1 : 0);
}

/* ---- going to a week or a date ---- */

/* "week 12", "wk 12 2027", "2027-W12", "12", "15-03-2027", "15/3/27", "2027-03-15", "15-3", "vandaag".
 * Sets *day (a Monday for a week) and *is_week. */
static bool parse_goto(const char *text, int64_t ref, int64_t *day, bool *is_week)
{
    char s[128] = ""; /* zeroed: the analyzer cannot tell that the prefix tests below stop at the NUL */
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof s; p++)
        s[n++] = (char)tolower((unsigned char)*p);
    s[n] = '\0';
    char *p = s;
    while (*p == ' ')
        p++;
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    if (!*p)
        return false;
    *is_week = false;
    if (strcmp(p, "vandaag") == 0 || strcmp(p, "today") == 0) {
        *day = dates_today();
        return true;
    }
    int w, y, m, d;
    char tail;
    if (sscanf(p, "%4d-w%2d%c", &y, &w, &tail) == 2 && w >= 1 && w <= 53) {
        *is_week = true;
        return dates_from_iso_week(y, w, day);
    }
    const char *num = p;
    if (strncmp(p, "week", 4) == 0)
        num = p + 4;
    else if (strncmp(p, "wk", 2) == 0)
        num = p + 2;
    else if (p[0] == 'w' && isdigit((unsigned char)p[1]))
        num = p + 1;
    if (num != p || strspn(p, "0123456789") == strlen(p)) {
        while (*num == ' ' || *num == '.')
            num++;
        int k = sscanf(num, "%2d%*[ -/]%4d%c", &w, &y, &tail);
        if (k == 1 && strspn(num, "0123456789") == strlen(num) && w >= 1 && w <= 53) {
            *is_week = true;
            *day = dates_nearest_week(w, ref);
            return *day != 0;
        }
        if (k == 2 && w >= 1 && w <= 53) {
            *is_week = true;
            return dates_from_iso_week(y, w, day);
        }
        if (num != p)
            return false;
    }
    if (dates_parse_input(p, day))
        return true;
    if (dates_parse_day_month(p, &m, &d)) {
        /* no year: the one that puts the date nearest to the week shown */
        int ry, rm, rd;
        civil(ref, &ry, &rm, &rd);
        int64_t best = 0, best_d = 0, z;
        for (int yy = ry - 1; yy <= ry + 1; yy++)
            if (dates_from_parts(yy, m, d, &z)) {
                int64_t dist = z > ref ? z - ref : ref - z;
                if (!best || dist < best_d)
                    best = z, best_d = dist;
            }
        *day = best;
        return best != 0;
    }
    return false;
}

static int go_to(struct rooster *r, struct app *a)
{
    if (!a->prompt_confirmed) {
        app_start_prompt(a, _("Ga naar week of datum (week 12, 15-03-2027):"));
        return R_DRAW;
    }
    if (!a->prompt_text[0])
        return R_DRAW;
    int64_t day;
    bool is_week;
    if (!parse_goto(a->prompt_text, r->monday, &day, &is_week)) {
        app_message(a, TR_WARNING, _("'%s' is geen week of datum; typ bijvoorbeeld week 12 of 15-03-2027."), a->prompt_text);
        return R_DRAW;
    }
    r->dtop = r->ptop = 0;
    r->dcur = 0;
    if (is_week) {
        int weekday = current_weekday(r);
        r->monday = day;
        r->day = day + weekday - 1;
        load(r, 0, weekday, 0);
    } else {
        go_to_day(r, day, 0);
    }
    sync_day_from_cursor(r);
    set_title(r);
    return R_DRAW;
}

static int rooster_action(struct screen *s, struct app *a, enum action act)
{
    struct rooster *r = (struct rooster *)s;
    if (r->day_view ? day_move(r, act) : week_move(r, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT: return open_lesson(r, a);
    case A_NEXT_FIELD: toggle_view(r); return R_DRAW;
    case A_PREV_PERIOD:
        if (r->day_view)
            day_step(r, -1);
        else
            week_step(r, -1);
        return R_DRAW;
    case A_NEXT_PERIOD:
        if (r->day_view)
            day_step(r, 1);
        else
            week_step(r, 1);
        return R_DRAW;
    case A_TODAY: return today_action(r, a);
    case A_WEEKPLAN: {
        char monday[11];
        dates_format(r->monday, monday);
        return weekplan_open(a, monday);
    }
    case A_SEARCH: return go_to(r, a);
    case A_BACK: return R_POP;
    default: return R_NONE;
    }
}

static int rooster_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct rooster *r = (struct rooster *)s;
    if (r->day_view || !r->nrows)
        return R_NONE;
    struct geom g = week_geom(r, app_body_rows(a), a->cols);
    int top = app_body_top() + 1;
    if (y < top || x < TIME_W + 1)
        return R_NONE;
    int row = r->top_row + (y - top) / (g.L + g.sep);
    int col = (x - TIME_W) / (g.dw + 1);
    if (row >= r->nrows || col >= r->ncols)
        return R_NONE;
    r->cur_row = row;
    r->cur_col = col;
    sync_day_from_cursor(r);
    return twice ? open_lesson(r, a) : R_DRAW;
}

static void rooster_reload(struct screen *s, struct app *a)
{
    (void)a;
    struct rooster *r = (struct rooster *)s;
    int64_t keep = selected_instance(r);
    int dcur = r->dcur;
    int weekday = current_weekday(r);
    int start = !r->day_view && r->nrows ? r->rows[r->cur_row].start : -1;
    load(r, keep, weekday, keep ? -1 : start);
    if (r->day_view && !keep)
        r->dcur = dcur < r->nitems + r->nown ? dcur : r->nitems + r->nown - 1;
    if (r->dcur < 0)
        r->dcur = 0;
}

static void rooster_destroy(struct screen *s)
{
    struct rooster *r = (struct rooster *)s;
    free_week(r);
    status_scale_free(&r->scale);
    free(r);
}

static const struct screen_ops teacher_ops = {
    .actions = teacher_actions,
    .draw = rooster_draw,
    .on_action = rooster_action,
    .reload = rooster_reload,
    .on_click = rooster_click,
    .destroy = rooster_destroy,
};

static const struct screen_ops rooster_ops = {
    .actions = rooster_actions,
    .draw = rooster_draw,
    .on_action = rooster_action,
    .reload = rooster_reload,
    .on_click = rooster_click,
    .destroy = rooster_destroy,
    .words_now = rooster_words,
};

static struct screen *rooster_new(struct app *a, const struct subject *subj, bool day_view)
{
    struct rooster *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    /* the weektaak is the teacher's, of their own week */
    bool own_week = a->session.role == ROLE_LEERKRACHT && subj->kind == SUBJ_PERSON && subj->id == a->session.user_id;
    r->base.ops = own_week ? &teacher_ops : &rooster_ops;
    r->app = a;
    r->subj = *subj;
    r->day_view = day_view;
    if (status_scale(&a->session, &r->scale) != KM_OK)
        app_core_error(a);
    int64_t t = school_today(r);
    r->today = dates_today();
    r->monday = dates_monday(t);
    r->day = t;
    load(r, 0, dates_weekday(t), t == r->today ? clock_minute_of_day() : 0);
    sync_day_from_cursor(r);
    return &r->base;
}

/* ---- first a choice: the parent's child, or the beheerder's teacher, group or room ---- */

struct pick {
    struct subject subj;
    const char *kind; /* translated word: "leerkracht", "groep", "lokaal"; NULL for children */
    char *info;
};

struct chooser {
    struct screen base;
    struct app *app;
    bool parent;
    struct pick *items;
    int n;
    struct list list;
    int name_w;
    char text[512];
};

static const enum action chooser_actions[] = {A_SELECT, A_SEARCH, A_SEARCH_NEXT, A_BACK,      A_UP,
                                              A_DOWN,   A_PAGE_UP, A_PAGE_DOWN,  A_HOME,      A_END,
                                              ACT_NONE};

static void chooser_clear(struct chooser *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->items[i].info);
    free(c->items);
    c->items = NULL;
    c->n = 0;
}

static struct pick *add_pick(struct chooser *c, enum subj_kind kind, int64_t id, const char *name, const char *info)
{
    struct pick *grown = vec_grow(c->items, c->n, sizeof *grown);
    if (!grown)
        return NULL;
    c->items = grown;
    struct pick *p = &grown[c->n];
    memset(p, 0, sizeof *p);
    p->subj.kind = kind;
    p->subj.id = id;
    snprintf(p->subj.name, sizeof p->subj.name, "%s", name);
    p->info = strdup(info ? info : "");
    if (!p->info)
        return NULL;
    c->n++;
    return p;
}

static void load_children(struct chooser *c)
{
    struct km_child_list l;
    if (children_of(&c->app->session, c->app->session.user_id, &l) != KM_OK) {
        app_core_error(c->app);
        return;
    }
    for (size_t i = 0; i < l.n; i++) {
        struct pick *p = add_pick(c, SUBJ_PERSON, l.items[i].id, l.items[i].name, l.items[i].groups);
        if (p)
            p->subj.student = l.items[i].id;
    }
    children_free(&l);
}

static void load_all(struct chooser *c)
{
    const struct km_session *s = &c->app->session;
    struct km_user_list users;
    struct user_filter f = {.any_role = false, .role = ROLE_LEERKRACHT, .include_inactive = false};
    if (users_list(s, &f, &users) == KM_OK) {
        for (size_t i = 0; i < users.n; i++) {
            char *name = label_display_name(&users.items[i]);
            struct pick *p = add_pick(c, SUBJ_PERSON, users.items[i].id, name ? name : users.items[i].username,
                                      users.items[i].username);
            if (p)
                p->kind = _("leerkracht");
            free(name);
        }
        users_list_free(&users);
    } else {
        app_core_error(c->app);
    }
    struct km_group_list groups;
    if (groups_list(s, NULL, &groups) == KM_OK) {
        for (size_t i = 0; i < groups.n; i++) {
            const struct km_group *g = &groups.items[i];
            if (!g->active)
                continue;
            char info[160];
            snprintf(info, sizeof info, ngettext("%s · %s · %d leerling", "%s · %s · %d leerlingen", (unsigned long)g->students),
                     g->kind, g->schooljaar, g->students);
            struct pick *p = add_pick(c, SUBJ_GROUP, g->id, g->name, info);
            if (p)
                p->kind = _("groep");
        }
        groups_list_free(&groups);
    }
    struct km_room_list rooms;
    if (rooms_list(s, &rooms) == KM_OK) {
        for (size_t i = 0; i < rooms.n; i++) {
            char info[64];
            snprintf(info, sizeof info, _("%d plaatsen"), rooms.items[i].capacity);
            struct pick *p = add_pick(c, SUBJ_ROOM, rooms.items[i].id, rooms.items[i].name, info);
            if (p)
                p->kind = _("lokaal");
        }
        rooms_list_free(&rooms);
    }
}

static void chooser_load(struct chooser *c)
{
    enum subj_kind kkind = c->n ? c->items[c->list.cur].subj.kind : SUBJ_PERSON;
    int64_t kid = c->n ? c->items[c->list.cur].subj.id : 0;
    chooser_clear(c);
    if (c->parent)
        load_children(c);
    else
        load_all(c);
    c->name_w = 12;
    for (int i = 0; i < c->n; i++) {
        int w = text_width(c->items[i].subj.name);
        c->name_w = w > c->name_w ? (w < 32 ? w : 32) : c->name_w;
        if (c->items[i].subj.kind == kkind && c->items[i].subj.id == kid)
            c->list.cur = i;
    }
    list_set_count(&c->list, c->n);
}

static void chooser_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct chooser *c = ctx;
    const struct pick *p = &c->items[i];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    int cx = x + 2;
    if (p->kind) {
        draw_text(stdscr, y, cx, 11, p->kind, selected ? role : TR_DIM);
        cx += 12;
    }
    draw_text(stdscr, y, cx, c->name_w, p->subj.name, role);
    cx += c->name_w + 2;
    draw_text(stdscr, y, cx, x + width - cx, p->info, selected ? role : TR_DIM);
}

static const char *chooser_row_text(void *ctx, int i)
{
    struct chooser *c = ctx;
    snprintf(c->text, sizeof c->text, "%s %s %s", c->items[i].kind ? c->items[i].kind : "", c->items[i].subj.name,
             c->items[i].info);
    return c->text;
}

static void chooser_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct chooser *c = (struct chooser *)s;
    const char *intro = c->parent ? _("Van welk kind wil je het rooster zien?")
                                  : _("Wiens week wil je zien? Kies een leerkracht, groep of lokaal (/ zoekt).");
    draw_text(stdscr, top, 2, width - 4, intro, TR_NORMAL);
    if (c->n == 0) {
        draw_text(stdscr, top + 2, 4, width - 6,
                  c->parent ? _("Er zijn (nog) geen kinderen aan je account gekoppeld; vraag het de school.")
                            : _("Er zijn geen leerkrachten, groepen of lokalen."),
                  TR_DIM);
        return;
    }
    list_draw(&c->list, top + 2, 2, h - 2, width - 4);
}

static int chooser_open(struct chooser *c, struct app *a)
{
    if (!c->n)
        return R_NONE;
    const struct pick *p = &c->items[c->list.cur];
    /* the child's day first, like a student's; the beheerder's choice as a week */
    app_push(a, rooster_new(a, &p->subj, c->parent));
    return R_DRAW;
}

static const struct action_words chooser_words[] = {
    {A_SELECT, N_("toon rooster"), N_("Toon het rooster van wie of wat gekozen is.")},
    {ACT_NONE, NULL, NULL},
};

static int chooser_search(struct chooser *c, struct app *a, bool next)
{
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, c->parent ? _("Zoek een kind:") : _("Zoek (naam, groep, lokaal):"));
        return R_DRAW;
    }
    const char *needle = next ? c->list.search : a->prompt_text;
    if (!*needle) {
        if (next)
            app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
        return R_DRAW;
    }
    if (!list_search(&c->list, needle, true))
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'."), needle);
    return R_DRAW;
}

static int chooser_action(struct screen *s, struct app *a, enum action act)
{
    struct chooser *c = (struct chooser *)s;
    if (list_move(&c->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT: return chooser_open(c, a);
    case A_SEARCH: return chooser_search(c, a, false);
    case A_SEARCH_NEXT: return chooser_search(c, a, true);
    case A_BACK: return R_POP;
    default: return R_NONE;
    }
}

static int chooser_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct chooser *c = (struct chooser *)s;
    if (!list_click(&c->list, y))
        return R_NONE;
    return twice ? chooser_open(c, a) : R_DRAW;
}

static void chooser_reload(struct screen *s, struct app *a)
{
    (void)a;
    chooser_load((struct chooser *)s);
}

static void chooser_destroy(struct screen *s)
{
    chooser_clear((struct chooser *)s);
    free(s);
}

static const struct screen_ops chooser_ops = {
    .actions = chooser_actions,
    .draw = chooser_draw,
    .on_action = chooser_action,
    .reload = chooser_reload,
    .on_click = chooser_click,
    .destroy = chooser_destroy,
    .words = chooser_words,
};

static struct chooser *chooser_new(struct app *a, bool parent)
{
    struct chooser *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &chooser_ops;
    c->app = a;
    c->parent = parent;
    snprintf(c->base.title, sizeof c->base.title, "MIJNROOSTER › %s",
             parent ? _("kies een kind") : _("kies een leerkracht, groep of lokaal"));
    list_init(&c->list, chooser_row, chooser_row_text, c);
    chooser_load(c);
    return c;
}

struct screen *mijnrooster_screen_new(struct app *a)
{
    const struct km_session *s = &a->session;
    struct subject subj = {SUBJ_PERSON, s->user_id, 0, ""};
    snprintf(subj.name, sizeof subj.name, "%s", a->user_name);
    switch (s->role) {
    case ROLE_LEERKRACHT: return rooster_new(a, &subj, false);
    case ROLE_LEERLING: subj.student = s->user_id; return rooster_new(a, &subj, true);
    case ROLE_OUDER: {
        struct chooser *c = chooser_new(a, true);
        if (c && c->n == 1) { /* one child: straight to their day */
            struct screen *r = rooster_new(a, &c->items[0].subj, true);
            chooser_destroy(&c->base);
            return r;
        }
        return c ? &c->base : NULL;
    }
    case ROLE_BEHEERDER:
    case ROLE__COUNT: break;
    }
    struct chooser *c = chooser_new(a, false);
    return c ? &c->base : NULL;
}
