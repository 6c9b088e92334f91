/* MIJNROOSTER: dates and text as the rooster shows them (mijnrooster_common.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/hours.h"
#include "core/planner.h"
#include "core/planning.h"
#include "core/rooms.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/mijnrooster_common.h"

/* ---- dates and text ---- */

void civil(int64_t day, int *y, int *m, int *d) { dates_to_civil(day, y, m, d); }

int64_t parse_iso(const char *iso)
{
    int64_t z = 0;
    return dates_parse(iso, &z) ? z : 0;
}

/* "30-11" */
void date_short(int64_t day, char *out, size_t len)
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, len, "%02d-%02d", d % 100, m % 100);
}

/* "maandag 30 november 2026" */
void date_long(int64_t day, char *out, size_t len)
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, len, "%s %d %s %d", _(dates_day_name(dates_weekday(day))), d, _(dates_month_name(m)), y);
}

/* The first n code points of s. */
static void first_chars(const char *s, int n, char *out, size_t len)
{
    size_t i = 0, slen = strlen(s);
    uint32_t cp;
    for (int k = 0; k < n && i < slen; k++)
        i += (size_t)text_utf8_decode(s + i, slen - i, &cp);
    if (i >= len)
        i = len - 1;
    memcpy(out, s, i);
    out[i] = '\0';
}

/* Words of more than four letters cut to three ("rekenen niveau 5" → "rek niv 5"), the word "groep" left out
 * ("groep 5a" → "5a"). */
static void abbreviate(const char *s, char *out, size_t len)
{
    char word[128];
    size_t used = 0;
    out[0] = '\0';
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        char w[128];
        snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), s);
        if (strcasecmp(w, "groep") == 0) { /* "groep 5a" → "5a", "leesclub groep 6" → "lee 6" */
            s += n;
            continue;
        }
        if (text_width(w) > 4)
            first_chars(w, 3, word, sizeof word);
        else
            snprintf(word, sizeof word, "%s", w);
        int k = snprintf(out + used, len - used, "%s%s", used ? " " : "", word);
        if (k < 0 || (size_t)k >= len - used)
            break;
        used += (size_t)k;
        s += n;
    }
}

/* The subject in width columns: whole when it fits, else "rek/getallen" (drawing cuts what is still too long). */
void subject_fit(const char *subject, int width, char *out, size_t len)
{
    if (!*subject) {
        snprintf(out, len, "%s", _("(les)"));
        return;
    }
    if (text_width(subject) <= width) {
        snprintf(out, len, "%s", subject);
        return;
    }
    const char *slash = strstr(subject, " / ");
    char head[64];
    if (!slash) {
        snprintf(out, len, "%s", subject);
        return;
    }
    char h[128];
    snprintf(h, sizeof h, "%.*s",
             (int)((size_t)(slash - subject) < sizeof h ? (size_t)(slash - subject) : sizeof h - 1), subject);
    first_chars(h, 3, head, sizeof head);
    snprintf(out, len, "%s/%s", head, slash + 3);
}

/* Groups ("groep 5a, rekenen niveau 5") in width columns: whole, or each abbreviated ("5a,rek niv 5"). */
void groups_fit(const char *groups, int width, char *out, size_t len)
{
    if (text_width(groups) <= width) {
        snprintf(out, len, "%s", groups);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    const char *s = groups;
    while (*s && used + 1 < len) {
        size_t n = strcspn(s, ",");
        char one[256], ab[256];
        snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), s);
        abbreviate(one, ab, sizeof ab);
        strbuf_appendf(out, len, "%s%s", used ? "," : "", ab);
        used = strlen(out);
        s += n;
        while (*s == ',' || *s == ' ')
            s++;
    }
}

void room_fit(const char *room, int width, char *out, size_t len)
{
    if (text_width(room) <= width)
        snprintf(out, len, "%s", room);
    else
        abbreviate(room, out, len);
}

/* "A. Çelik" */
void teacher_short(const char *teacher, char *out, size_t len)
{
    const char *sp = strchr(teacher, ' ');
    if (!sp || !*teacher) {
        snprintf(out, len, "%s", teacher);
        return;
    }
    char first[8];
    first_chars(teacher, 1, first, sizeof first);
    snprintf(out, len, "%s. %s", first, sp + 1);
}
