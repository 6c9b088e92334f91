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
/* Parses 'YYYY-MM-DD' (a real date); false otherwise. */
bool dates_parse(const char *text, int64_t *day);
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
