/* Schooltijden: per weekday whether the school is open and from when to when. Every week grid is drawn
 * from these hours, and time slots must lie within them. */
#ifndef KM_HOURS_H
#define KM_HOURS_H

#include "core/session.h"

#define HOURS_STANDARD_START (8 * 60 + 30)
#define HOURS_STANDARD_END (14 * 60 + 30)

struct school_day {
    int weekday; /* 1 = Monday … 7 = Sunday (ISO) */
    bool open;
    int start_min, end_min;
    int64_t version; /* 0 when the day has no row (closed) */
};

/* Reads all seven days; every logged-in person may (the grids need them). */
enum km_rc hours_get(const struct km_session *s, struct school_day days[7]);
/* Opens or changes a day (beheerder). expected_version is the version the user saw (0 for a closed day);
 * when another session changed it meanwhile: KM_CONFLICT with what it is now. */
enum km_rc hours_set(const struct km_session *s, int weekday, int start_min, int end_min, int64_t expected_version);
/* Closes a day (no lessons that day). */
enum km_rc hours_close(const struct km_session *s, int weekday, int64_t expected_version);
/* "ma", "di" … and "maandag" … for screens and messages: core/dates.h's table (dates_day_short, dates_day_name). */
const char *hours_day_short(int weekday);
const char *hours_day_name(int weekday);
/* "08:30" */
void hours_format(int minutes, char out[6]);
/* Parses "8:30", "08.30" or "0830"; -1 when not a time of day. */
int hours_parse(const char *text);

#endif
