#include "core/dates.h"

#include "core/clock.h"
#include "core/i18n.h"

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

/* ---- the one date reader ---- */

void dates_to_civil(int64_t day, int *y, int *m, int *d) { civil(day, y, m, d); }

bool dates_from_parts(int y, int m, int d, int64_t *day)
{
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    int64_t z = dates_from_civil(y, m, d);
    int cy, cm, cd;
    civil(z, &cy, &cm, &cd);
    if (cy != y || cm != m || cd != d)
        return false; /* 31 April, 29 February in a common year: the day would roll over */
    *day = z;
    return true;
}

/* Reads min..max digits at *p into *v, moving *p past them. */
static bool digits(const char **p, int min, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9')
        x = x * 10 + ((*p)[n++] - '0');
    if (n < min)
        return false;
    *p += n;
    *v = x;
    return true;
}

bool dates_parse(const char *text, int64_t *day)
{
    const char *p = text;
    int y, m, d;
    return p && digits(&p, 4, 4, &y) && *p++ == '-' && digits(&p, 2, 2, &m) && *p++ == '-' && digits(&p, 2, 2, &d) &&
           *p == '\0' && dates_from_parts(y, m, d, day);
}

/* 'D-M' with '-', '/' or '.', leaving *p after the month and the separator in *sep. */
static bool day_month(const char **p, int *m, int *d, char *sep)
{
    if (!digits(p, 1, 2, d) || !**p || !strchr("-/.", **p))
        return false;
    *sep = *(*p)++;
    return digits(p, 1, 2, m);
}

bool dates_parse_input(const char *text, int64_t *day)
{
    if (dates_parse(text, day))
        return true;
    const char *p = text;
    int y, m, d;
    char sep;
    if (!p || !day_month(&p, &m, &d, &sep) || *p++ != sep)
        return false;
    const char *year = p;
    if (!digits(&p, 2, 4, &y) || *p != '\0' || p - year == 3)
        return false;
    return dates_from_parts(p - year == 2 ? 2000 + y : y, m, d, day);
}

bool dates_parse_day_month(const char *text, int *month, int *mday)
{
    const char *p = text;
    int m, d;
    char sep;
    int64_t z;
    if (!p || !day_month(&p, &m, &d, &sep) || *p != '\0' || !dates_from_parts(2024, m, d, &z))
        return false; /* 2024: a leap year */
    *month = m;
    *mday = d;
    return true;
}

bool dates_parse_stamp(const char *text, int64_t *day, int *minutes)
{
    char date[11];
    int h, mi, sec;
    if (!text || strlen(text) < 16 || text[10] != ' ')
        return false;
    memcpy(date, text, 10);
    date[10] = '\0';
    const char *p = text + 11;
    if (!dates_parse(date, day) || !digits(&p, 2, 2, &h) || *p++ != ':' || !digits(&p, 2, 2, &mi) || h > 23 || mi > 59)
        return false;
    if (*p == ':' && (p++, !digits(&p, 2, 2, &sec) || sec > 60))
        return false;
    if (*p != '\0')
        return false;
    *minutes = h * 60 + mi;
    return true;
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

/* The one table of day and month names: Dutch, marked for gettext; a screen or message translates them with _()
 * or i18n_tr where it shows them, a Dutch document (the weekplan) uses them as they are. */
static const char *const day_short[8] = {"?", N_("ma"), N_("di"), N_("wo"), N_("do"), N_("vr"), N_("za"), N_("zo")};
static const char *const day_long[8] = {"?",           N_("maandag"),  N_("dinsdag"), N_("woensdag"), N_("donderdag"),
                                        N_("vrijdag"), N_("zaterdag"), N_("zondag")};
static const char *const month_short[13] = {"?",       N_("jan"), N_("feb"), N_("mrt"), N_("apr"), N_("mei"), N_("jun"),
                                            N_("jul"), N_("aug"), N_("sep"), N_("okt"), N_("nov"), N_("dec")};
static const char *const month_long[13] = {
    "?",        N_("januari"),  N_("februari"),  N_("maart"),   N_("april"),    N_("mei"),     N_("juni"),
    N_("juli"), N_("augustus"), N_("september"), N_("oktober"), N_("november"), N_("december")};

const char *dates_day_short(int weekday) { return day_short[weekday >= 1 && weekday <= 7 ? weekday : 0]; }
const char *dates_day_name(int weekday) { return day_long[weekday >= 1 && weekday <= 7 ? weekday : 0]; }
const char *dates_month_short(int month) { return month_short[month >= 1 && month <= 12 ? month : 0]; }
const char *dates_month_name(int month) { return month_long[month >= 1 && month <= 12 ? month : 0]; }

void dates_format_nl(int64_t day, char out[11])
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, 11, "%02u-%02u-%04u", (unsigned)d % 100u, (unsigned)m % 100u, (unsigned)y % 10000u);
}
