/* What the screens of one lesson share (lesson_detail_common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/drafts.h"
#include "core/hours.h"
#include "core/planning.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/lesson_detail_common.h"

/* "maandag 30-11-2026 · 08:30–09:30 · week 49" */
void when_text(const struct lesson_detail *d, bool long_form, char *out, size_t len)
{
    int64_t z = 0;
    int y = 0, m = 0, day = 0, iso_year;
    char t0[8], t1[8];
    hours_format(d->start_min, t0);
    hours_format(d->end_min, t1);
    out[0] = '\0';
    if (!dates_parse(d->date, &z)) {
        strbuf_appendf(out, len, "%s %s–%s", d->date, t0, t1);
        return;
    }
    dates_to_civil(z, &y, &m, &day);
    if (long_form)
        strbuf_appendf(out, len, _("%s %02d-%02d-%04d · %s–%s · week %d"), _(dates_day_name(dates_weekday(z))), day, m,
                       y, t0, t1, dates_iso_week(z, &iso_year));
    else
        strbuf_appendf(out, len, "%s %02d-%02d %s", _(dates_day_name(dates_weekday(z))), day, m, t0);
}

bool lesson_is_now(const struct lesson_detail *d)
{
    int64_t z = 0;
    if (!dates_parse(d->date, &z) || z != dates_today())
        return false;
    int now = clock_minute_of_day();
    return now >= d->start_min && now < d->end_min;
}

/* ---- wrapping text into lines of at most width columns (the note, shown and edited) ---- */

/* Lines of text at most width columns wide: at a line break, else after the last space that fits, else where
 * the width runs out. Returns how many (at most max); every byte is in a line or is a line break. */
int wrap_text(const char *text, int width, struct span *out, int max)
{
    size_t len = strlen(text), pos = 0;
    int n = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        size_t pend = pos;
        while (pend < len && text[pend] != '\n')
            pend++;
        /* the paragraph [pos, pend) */
        for (;;) {
            size_t i = pos, last_space = (size_t)-1;
            int col = 0;
            while (i < pend) {
                uint32_t cp;
                int b = text_utf8_decode(text + i, pend - i, &cp);
                int cw = text_cp_width(cp);
                if (col + cw > width)
                    break;
                if (cp == ' ')
                    last_space = i;
                col += cw;
                i += (size_t)b;
            }
            if (n == max)
                return n;
            if (i >= pend) {
                out[n++] = (struct span){pos, pend, false};
                break;
            }
            size_t brk = last_space != (size_t)-1 && last_space > pos ? last_space + 1 : i;
            if (brk == pos) { /* not even one character fits: take one anyway */
                uint32_t cp;
                brk = pos + (size_t)text_utf8_decode(text + pos, pend - pos, &cp);
            }
            out[n++] = (struct span){pos, brk, true};
            pos = brk;
        }
        if (pend >= len)
            return n;
        pos = pend + 1;
    }
}

void span_copy(const char *text, struct span sp, char *out, size_t len)
{
    size_t n = sp.end - sp.start;
    if (n >= len)
        n = len - 1;
    memcpy(out, text + sp.start, n);
    out[n] = '\0';
}
