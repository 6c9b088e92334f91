/* The weektaak: a group's week on paper, one A4 page per student. Each page has the school's name, the
 * week, the group's lessons per day with the goals planned in them (their titles, the children's words),
 * and "hier kan ik zelf aan werken": the goals of the week the student has not mastered yet, each with a
 * tick box. Never a lesson's note: notes are staff-only. */
#ifndef KM_WEEKPLAN_H
#define KM_WEEKPLAN_H

#include <stdio.h>

#include "core/session.h"

struct weekplan_lesson {
    int64_t instance_id;
    char date[11];
    int weekday; /* 1 = Monday */
    int start_min, end_min;
    char *subject; /* "rekenen / breuken", "" when none */
    char *room;
    char **goals; /* titles, in the curriculum's order */
    int ngoals;
};

struct weekplan_student {
    int64_t id;
    char *name; /* "roepnaam [voorvoegsel] achternaam" */
    char **own; /* titles of the week's goals not mastered yet */
    int nown;
};

struct weekplan {
    char school[256];
    char group[256];
    char monday[11];
    int iso_week, iso_year;
    bool open[8];                    /* per weekday (1..7): the school is open, or has a lesson that day */
    struct weekplan_lesson *lessons; /* by date and time */
    int nlessons;
    struct weekplan_student *students; /* the group's active students, by name */
    int nstudents;
};

/* date: any date of the week ('YYYY-MM-DD'). Access: the beheerder, or a teacher of the group
 * (duo-collega's too). */
enum km_rc weekplan_build(const struct km_session *s, int64_t group_id, const char *date, struct weekplan *out);
void weekplan_free(struct weekplan *w);

/* The whole weektaak as one HTML document with print CSS: A4, a page break after each student. Every
 * string from data is escaped. The font size of a page is chosen so that its content fits on one sheet;
 * a page that would not fit even at the smallest size shows the first goals and "en nog N". */
enum km_rc weekplan_html(FILE *f, const struct weekplan *w);

/* Core-internal, exported for its test: the font size (pt, 6..11) for one student's page, and how many goals
 * per lesson and own goals are shown at it (the rest as "en nog N"). */
struct weekplan_fit {
    double pt;
    int max_goals, max_own;
};
struct weekplan_fit weekplan_fit(const struct weekplan *w, const struct weekplan_student *st);

#endif
