/* Calendar dates as day numbers since 1970-01-01 (proleptic Gregorian, no time zone): the roster, the
 * planner and the demo count weeks and days with them. */
#ifndef KM_DATES_H
#define KM_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int64_t dates_from_civil(int y, int m, int d);
/* 'YYYY-MM-DD' */
void dates_format(int64_t day, char out[11]);
/* 'DD-MM-YYYY', as Dutch people read a date. */
void dates_format_nl(int64_t day, char out[11]);
/* Day and month names in Dutch, untranslated (marked N_: translate with _() or i18n_tr where shown); "?" out of
 * range. weekday 1 = Monday … 7 = Sunday; month 1–12. */
const char *dates_day_short(int weekday); /* "ma" */
const char *dates_day_name(int weekday);  /* "maandag" */
const char *dates_month_short(int month); /* "jan" */
const char *dates_month_name(int month);  /* "januari" */

/* The one reader of dates, for every argument, field and stored value: a date is a real calendar day between
 * 1900 and 2200 (no 31 April, no 29 February of a common year, no 2026-02-31), and nothing else follows it. */
/* 'YYYY-MM-DD' exactly (arguments, stored values); false otherwise. */
bool dates_parse(const char *text, int64_t *day);
/* What people type in a field: 'YYYY-MM-DD', or the day first as the Dutch write it, 'D-M-YYYY' with '-', '/' or
 * '.' (one kind throughout) and a two-digit year meaning 20YY: '30-11-2026', '7/12/26', '1.2.2027'. */
bool dates_parse_input(const char *text, int64_t *day);
/* Day and month without a year, typed the same way ('15-3', '15/03'); the month's day count is checked against
 * a leap year, so '29-2' passes and the caller picks the year. */
bool dates_parse_day_month(const char *text, int *month, int *mday);
/* A stored moment, 'YYYY-MM-DD HH:MM' with optional ':SS' (SQLite's datetime()): the day and the minutes since
 * midnight. */
bool dates_parse_stamp(const char *text, int64_t *day, int *minutes);
/* A day from its parts, when they make a real day (as above). */
bool dates_from_parts(int y, int m, int d, int64_t *day);
/* The parts of a day. */
void dates_to_civil(int64_t day, int *y, int *m, int *d);
/* 1 = Monday … 7 = Sunday (ISO). */
int dates_weekday(int64_t day);
/* The Monday of the ISO week the day is in. */
int64_t dates_monday(int64_t day);
/* ISO 8601 week number (1–53) and its year. */
int dates_iso_week(int64_t day, int *iso_year);
/* The Monday of ISO week `week` of `iso_year`; false when that week does not exist. */
bool dates_from_iso_week(int iso_year, int week, int64_t *monday);
/* The Monday of ISO week `week` nearest to ref (last, this or next year); 0 when no year has that week. */
int64_t dates_nearest_week(int week, int64_t ref);
/* Today in the local time zone, on the program's clock (core/clock.h). */
int64_t dates_today(void);
/* A stored UTC timestamp ('YYYY-MM-DD HH:MM…') in the local time zone, as 'DD-MM-YYYY HH:MM' (with_date) or
 * 'HH:MM' (today) / 'DD-MM HH:MM' (another day); false (and out "") when it is not one. */
bool dates_local_stamp(const char *utc, bool with_date, char *out, size_t len);

#endif
