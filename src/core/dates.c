#include "core/dates.h"

#include "core/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date. */
int64_t dates_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void dates_format(int64_t day, char out[11])
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool dates_parse(const char *text, int64_t *day)
{
    int y, m, d;
    char tail;
    if (!text || strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || y > 2200 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    int64_t z = dates_from_civil(y, m, d);
    int cy, cm, cd;
    civil(z, &cy, &cm, &cd);
    if (cy != y || cm != m || cd != d)
        return false; /* 31 April, 29 February in a common year */
    *day = z;
    return true;
}

/* Day 0, 1970-01-01, was a Thursday; z % 7 is negative before 1970. */
int dates_weekday(int64_t day) { return (int)((day % 7 + 10) % 7) + 1; }

int64_t dates_monday(int64_t day) { return day - (dates_weekday(day) - 1); }

int dates_iso_week(int64_t day, int *iso_year)
{
    int64_t thursday = day + (4 - dates_weekday(day)); /* the week belongs to the year of its Thursday */
    int y, m, d;
    civil(thursday, &y, &m, &d);
    if (iso_year)
        *iso_year = y;
    return (int)((thursday - dates_from_civil(y, 1, 1)) / 7) + 1;
}

bool dates_from_iso_week(int iso_year, int week, int64_t *monday)
{
    int64_t jan4 = dates_from_civil(iso_year, 1, 4); /* always in week 1 */
    int64_t m = dates_monday(jan4) + (int64_t)(week - 1) * 7;
    int y;
    if (week < 1 || week > 53 || dates_iso_week(m, &y) != week || y != iso_year)
        return false;
    *monday = m;
    return true;
}

int64_t dates_today(void)
{
    struct tm tm;
    clock_local(&tm);
    return dates_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t dates_nearest_week(int week, int64_t ref)
{
    int iso_year;
    dates_iso_week(ref, &iso_year);
    int64_t best = 0, best_d = 0;
    for (int y = iso_year - 1; y <= iso_year + 1; y++) {
        int64_t m;
        if (!dates_from_iso_week(y, week, &m))
            continue;
        int64_t d = m > ref ? m - ref : ref - m;
        if (!best || d < best_d)
            best = m, best_d = d;
    }
    return best;
}

bool dates_local_stamp(const char *utc, bool with_date, char *out, size_t len)
{
    struct tm tm = {0};
    out[0] = '\0';
    if (!utc || sscanf(utc, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm local, now;
    time_t n = time(NULL);
    localtime_r(&t, &local);
    localtime_r(&n, &now);
    bool today = local.tm_year == now.tm_year && local.tm_yday == now.tm_yday;
    strftime(out, len, with_date ? "%d-%m-%Y %H:%M" : today ? "%H:%M" : "%d-%m %H:%M", &local);
    return true;
}
