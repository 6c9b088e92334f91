/* What the MIJNROOSTER files share: the rooster screen (screen_mijnrooster.c) with its week grid
 * (mijnrooster_week.c) and day view (mijnrooster_day.c), and the first choice of a child, teacher, group or room
 * (screen_mijnrooster_choose.c). */
#ifndef KM_TUI_MIJNROOSTER_COMMON_H
#define KM_TUI_MIJNROOSTER_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/children.h"
#include "core/hours.h"
#include "core/planner.h"
#include "core/planning.h"
#include "tui/app.h"

#define TIME_W 5 /* "08:30" */

/* ---- what is shown: a person, a group or a room ---- */

enum subj_kind { SUBJ_PERSON, SUBJ_GROUP, SUBJ_ROOM };

struct subject {
    enum subj_kind kind;
    int64_t id;
    int64_t student; /* whose own statuses and "zelf aan werken" to show (a student or a parent's child), or 0 */
    char name[200];
};

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
    int dcur;     /* a lesson (< nitems) or one of the own goals */
    int dtop;     /* first line of the lessons shown */
    int ptop;     /* first own goal shown */
    int dlines_h; /* lines of the lessons area at the last draw */
    int panel_h;  /* rows of own goals at the last draw */
    struct km_status_scale scale;
};

struct geom {
    int dw;  /* width of a day column */
    int L;   /* lines per row */
    int sep; /* 1 when a line separates the rows */
    int vis; /* rows that fit */
    bool legend;
};

/* ---- dates and text (mijnrooster_common.c) ---- */
void civil(int64_t day, int *y, int *m, int *d);
/* The day number of an ISO date "2026-11-30"; 0 when it is not one. */
int64_t parse_iso(const char *iso);
void date_short(int64_t day, char *out, size_t len);
void date_long(int64_t day, char *out, size_t len);
void subject_fit(const char *subject, int width, char *out, size_t len);
void groups_fit(const char *groups, int width, char *out, size_t len);
void room_fit(const char *room, int width, char *out, size_t len);
void teacher_short(const char *teacher, char *out, size_t len);

/* ---- the rooster screen (screen_mijnrooster.c) ---- */
const struct planned_lesson *lesson_at(const struct rooster *r, int row, int col);
bool weekday_shown(const struct rooster *r, int weekday);
bool is_now(const struct rooster *r, const struct planned_lesson *l);
void draw_title(struct rooster *r, int width);
/* The rooster of subj, on the week grid or the day view. */
struct screen *mijnrooster_subject_screen_new(struct app *a, const struct subject *subj, bool day_view);

/* ---- the views ---- */
struct geom week_geom(const struct rooster *r, int h, int width);
void draw_week(struct rooster *r, int top, int h, int width);
void draw_day(struct rooster *r, int top, int h, int width);

/* ---- the first choice (screen_mijnrooster_choose.c): a parent's child (one child: straight to their day), or
 * the beheerder's teacher, group or room ---- */
struct screen *mijnrooster_choose_screen_new(struct app *a, bool parent);

#endif
