#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    bool set;       /* a valid KLASSENMAP_TEST_CLOCK was read */
    bool permitted; /* the open database is a demo school */
    bool refused;   /* a real school was opened: never again in this process */
    time_t at;
} test_clock;

/* 'YYYY-MM-DD HH:MM' or with ':SS', as a local time. */
static bool parse_local(const char *s, time_t *out)
{
    int y, mo, d, h, mi, sec = 0, n = 0, m = 0;
    if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5)
        return false;
    if (s[n] == ':') {
        if (sscanf(s + n, ":%2d%n", &sec, &m) != 1)
            return false;
        n += m;
    }
    if (s[n] != '\0')
        return false;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
        return false;
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mday != d) /* 31 November rolls over: not a date */
        return false;
    *out = t;
    return true;
}

bool clock_init(void)
{
    const char *v = getenv(CLOCK_TEST_ENV);
    memset(&test_clock, 0, sizeof test_clock);
    if (!v || !*v)
        return true;
    test_clock.set = parse_local(v, &test_clock.at);
    return test_clock.set;
}

void clock_database_opened(bool demo_or_new)
{
    if (!demo_or_new)
        test_clock.refused = true;
    test_clock.permitted = demo_or_new && !test_clock.refused;
}

bool clock_is_test(void) { return test_clock.set && test_clock.permitted; }

time_t clock_now(void) { return clock_is_test() ? test_clock.at : time(NULL); }

void clock_local(struct tm *out)
{
    time_t t = clock_now();
    localtime_r(&t, out);
}

int clock_minute_of_day(void)
{
    struct tm tm;
    clock_local(&tm);
    return tm.tm_hour * 60 + tm.tm_min;
}

time_t clock_system(void) { return time(NULL); }

void clock_system_text(char buf[20]) { clock_text(clock_system(), buf); }

void clock_text(time_t t, char buf[20])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}
