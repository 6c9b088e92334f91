/* The school roster: a week template (or none: a holiday week) per calendar week, and the lessons it
 * puts on each date. Regenerating never loses a teacher's planning without saying so first. */
#ifndef KM_ROSTER_H
#define KM_ROSTER_H

#include "core/session.h"

#define ROSTER_MAX_WEEKS 60

struct roster_plan {
    int64_t first_monday;                   /* a day number (core/dates.h) that is a Monday */
    int weeks;                              /* 1 … ROSTER_MAX_WEEKS */
    int64_t template_ids[ROSTER_MAX_WEEKS]; /* per week; 0 = holiday week */
};

struct roster_week_info {
    int64_t monday;
    int iso_week, iso_year;
    bool exists;         /* the roster has this week */
    int64_t template_id; /* 0 = holiday (or not made) */
    char template_name[64];
    int lessons, goals, notes;
};

/* What regenerating the plan's weeks would remove: only weeks that hold planned goals or notes count. */
struct roster_impact {
    int lessons, goals, notes; /* lessons with planning in them, the goals planned and the notes written */
    int nweeks;
    int64_t mondays[ROSTER_MAX_WEEKS];
};

/* The state of weeks first_monday … +weeks (the preview before generating). */
enum km_rc roster_weeks(const struct km_session *s, int64_t first_monday, int weeks, struct roster_week_info *out);
/* The first and the last week the roster has (their Mondays); KM_NOTFOUND when it has none yet. */
enum km_rc roster_span(const struct km_session *s, int64_t *first_monday, int64_t *last_monday);
enum km_rc roster_impact(const struct km_session *s, const struct roster_plan *plan, struct roster_impact *out);
/* Makes the plan's weeks. When weeks with planning would be replaced and !confirmed, nothing changes and
 * KM_CONFLICT says how many lessons, goals and notes in which weeks (also in *impact when not NULL).
 * Weeks without planning are replaced without asking. made: lesson instances created. */
enum km_rc roster_generate(const struct km_session *s, const struct roster_plan *plan, bool confirmed,
                           struct roster_impact *impact, int *made);
/* "week 49, 50 en 51" */
void roster_weeks_text(const struct roster_impact *impact, char *out, size_t len);

#endif
