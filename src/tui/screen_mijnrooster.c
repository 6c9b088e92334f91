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
#include "tui/mijnrooster_common.h"

/* ---- the rooster screen ---- */

static const enum action rooster_actions[] = {
    A_SELECT, A_NEXT_FIELD, A_PREV_PERIOD, A_NEXT_PERIOD, A_TODAY,     A_SEARCH, A_BACK, A_UP,
    A_DOWN,   A_LEFT,       A_RIGHT,       A_PAGE_UP,     A_PAGE_DOWN, A_HOME,   A_END,  ACT_NONE};
/* a teacher's own week: the weektaak of a group too */
static const enum action teacher_actions[] = {
    A_SELECT, A_NEXT_FIELD, A_WEEKPLAN, A_PREV_PERIOD, A_NEXT_PERIOD, A_TODAY, A_SEARCH, A_BACK,  A_UP,
    A_DOWN,   A_LEFT,       A_RIGHT,    A_PAGE_UP,     A_PAGE_DOWN,   A_HOME,  A_END,    ACT_NONE};

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

const struct planned_lesson *lesson_at(const struct rooster *r, int row, int col)
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

bool weekday_shown(const struct rooster *r, int weekday)
{
    for (int c = 0; c < r->ncols; c++)
        if (r->wd[c] == weekday)
            return true;
    return false;
}

bool is_now(const struct rooster *r, const struct planned_lesson *l)
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
void draw_title(struct rooster *r, int width)
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
    case A_UP:
        r->dcur--;
        break;
    case A_DOWN:
        r->dcur++;
        break;
    case A_PAGE_UP:
        r->dcur -= page;
        break;
    case A_PAGE_DOWN:
        r->dcur += page;
        break;
    case A_HOME:
        r->dcur = 0;
        break;
    case A_END:
        r->dcur = n - 1;
        break;
    case A_LEFT:
        day_step(r, -1);
        return true;
    case A_RIGHT:
        day_step(r, 1);
        return true;
    default:
        return false;
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
    case A_UP:
        r->cur_row--;
        break;
    case A_DOWN:
        r->cur_row++;
        break;
    case A_LEFT:
        r->cur_col--;
        break;
    case A_RIGHT:
        r->cur_col++;
        break;
    case A_PAGE_UP:
        r->cur_row -= page;
        break;
    case A_PAGE_DOWN:
        r->cur_row += page;
        break;
    case A_HOME:
        r->cur_row = 0;
        break;
    case A_END:
        r->cur_row = r->nrows - 1;
        break;
    default:
        return false;
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
        app_message(a, TR_WARNING, _("'%s' is geen week of datum; typ bijvoorbeeld week 12 of 15-03-2027."),
                    a->prompt_text);
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
    case A_SELECT:
        return open_lesson(r, a);
    case A_NEXT_FIELD:
        toggle_view(r);
        return R_DRAW;
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
    case A_TODAY:
        return today_action(r, a);
    case A_WEEKPLAN: {
        char monday[11];
        dates_format(r->monday, monday);
        return weekplan_open(a, monday);
    }
    case A_SEARCH:
        return go_to(r, a);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
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

static const struct screen_ops rooster_ops = {
    .draw = rooster_draw,
    .on_action = rooster_action,
    .reload = rooster_reload,
    .resume = rooster_reload,
    .on_click = rooster_click,
    .destroy = rooster_destroy,
    .words_now = rooster_words,
};

struct screen *mijnrooster_subject_screen_new(struct app *a, const struct subject *subj, bool day_view)
{
    struct rooster *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    /* the weektaak is the teacher's, of their own week */
    bool own_week = a->session.role == ROLE_LEERKRACHT && subj->kind == SUBJ_PERSON && subj->id == a->session.user_id;
    r->base.ops = &rooster_ops;
    r->base.actions = own_week ? teacher_actions : rooster_actions;
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

struct screen *mijnrooster_screen_new(struct app *a)
{
    const struct km_session *s = &a->session;
    struct subject subj = {SUBJ_PERSON, s->user_id, 0, ""};
    snprintf(subj.name, sizeof subj.name, "%s", a->user_name);
    switch (s->role) {
    case ROLE_LEERKRACHT:
        return mijnrooster_subject_screen_new(a, &subj, false);
    case ROLE_LEERLING:
        subj.student = s->user_id;
        return mijnrooster_subject_screen_new(a, &subj, true);
    case ROLE_OUDER:
        return mijnrooster_choose_screen_new(a, true);
    case ROLE_BEHEERDER:
    case ROLE__COUNT:
        break;
    }
    return mijnrooster_choose_screen_new(a, false);
}
