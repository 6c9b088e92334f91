#include "cli/ical.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */
#include "core/i18n.h"
#include "core/text.h"

/* Lines end in CRLF and are folded so that no line is longer than 75 octets (RFC 5545 3.1), never inside a UTF-8
 * sequence: a character that would not fit whole goes to the next line (which starts with the one space). */
static void line(FILE *f, const char *text)
{
    size_t len = strlen(text), col = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = (size_t)text_utf8_decode(text + i, len - i, &cp);
        if (col + k > 75) {
            fputs("\r\n ", f);
            col = 1;
        }
        fwrite(text + i, 1, k, f);
        col += k;
        i += k;
    }
    fputs("\r\n", f);
}

/* TEXT values escape backslash, semicolon, comma and newline; every other control (C0, C1, bidi) has become
 * U+FFFD in the sanitiser first. Cut only between code points. */
static void escaped(const char *in, char *out, size_t len)
{
    char *clean = text_sanitize_dup(in, true);
    size_t n = 0, left = clean ? strlen(clean) : 0;
    for (const char *p = clean; left > 0;) {
        uint32_t cp;
        size_t k = (size_t)text_utf8_decode(p, left, &cp);
        if (n + k + 2 >= len)
            break;
        if (*p == '\\' || *p == ';' || *p == ',') {
            out[n++] = '\\';
            out[n++] = *p;
        } else if (*p == '\n') {
            out[n++] = '\\';
            out[n++] = 'n';
        } else {
            memcpy(out + n, p, k);
            n += k;
        }
        p += k;
        left -= k;
    }
    out[n] = '\0';
    free(clean);
}

static void property(FILE *f, const char *name, const char *value)
{
    char esc[2400], buf[2500];
    escaped(value, esc, sizeof esc);
    snprintf(buf, sizeof buf, "%s:%s", name, esc);
    line(f, buf);
}

void ical_begin(FILE *f)
{
    static const char *const head[] = {
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//klassenmap//klassenmap " KM_VERSION "//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        /* The Dutch rules since 1996: CEST from the last Sunday of March, CET from the last Sunday of October. */
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Amsterdam",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    };
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        line(f, head[i]);
}

static void local_stamp(const char *date, int minutes, char out[32])
{
    char d[9] = {date[0], date[1], date[2], date[3], date[5], date[6], date[8], date[9], '\0'};
    snprintf(out, 32, "%sT%02d%02d00", d, minutes / 60 % 100, minutes % 60);
}

static void event(FILE *f, const struct planned_lesson *l, const char *stamp)
{
    char buf[1200], start[32], end[32];
    local_stamp(l->date, l->start_min, start);
    local_stamp(l->date, l->end_min, end);
    line(f, "BEGIN:VEVENT");
    snprintf(buf, sizeof buf, "UID:les-%lld@klassenmap", (long long)l->instance_id);
    line(f, buf);
    snprintf(buf, sizeof buf, "DTSTAMP:%s", stamp);
    line(f, buf);
    snprintf(buf, sizeof buf, "DTSTART;TZID=Europe/Amsterdam:%s", start);
    line(f, buf);
    snprintf(buf, sizeof buf, "DTEND;TZID=Europe/Amsterdam:%s", end);
    line(f, buf);
    snprintf(buf, sizeof buf, "%s%s%s", *l->subject ? l->subject : "les", *l->groups ? " — " : "", l->groups);
    property(f, "SUMMARY", buf);
    if (*l->room)
        property(f, "LOCATION", l->room);
    /* The staff note never goes out (core leaves has_note false in a student's or parent's week); the line for
     * the class does. */
    snprintf(buf, sizeof buf, "Leerkracht: %s\n%d leerdoel(en) gepland%s%s%s", *l->teacher ? l->teacher : "-", l->goals,
             l->has_note ? "\nMet een notitie in klassenmap" : "", *l->pupil_note ? "\nVoor de klas: " : "",
             l->pupil_note);
    property(f, "DESCRIPTION", buf);
    line(f, "END:VEVENT");
}

void ical_week(FILE *f, const struct planner_week *w)
{
    char stamp[32];
    time_t t = clock_now();
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (int i = 0; i < w->n; i++)
        event(f, &w->lessons[i], stamp);
}

void ical_end(FILE *f) { line(f, "END:VCALENDAR"); }
