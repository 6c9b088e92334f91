#include "tui/draw.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

#define LINE_BYTES 2048

static int put(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role, bool pad)
{
    char buf[LINE_BYTES];
    if (width <= 0)
        return 0;
    int cols = text_fit(s, width, pad, buf, sizeof buf);
    wattrset(w, theme_attr(role));
    mvwaddstr(w, y, x, buf);
    wattrset(w, theme_attr(TR_NORMAL));
    return cols;
}

int draw_text(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role)
{
    return put(w, y, x, width, s, role, true);
}

int draw_text_raw(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role)
{
    return put(w, y, x, width, s, role, false);
}

#define WRAP_MAX_LINES 64

int draw_wrapped_rows(const char *s, int width) { return text_wrap(s, width, NULL, 0); }

int draw_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *s, enum theme_role role)
{
    struct text_line lines[WRAP_MAX_LINES];
    if (!s || max_rows <= 0 || width <= 0)
        return 0;
    int n = text_wrap(s, width, lines, WRAP_MAX_LINES);
    int shown = n < max_rows ? n : max_rows;
    if (shown > WRAP_MAX_LINES)
        shown = WRAP_MAX_LINES;
    for (int i = 0; i < shown; i++) {
        char line[LINE_BYTES];
        /* the last row that has to hold more takes the rest of the text, so text_fit ends it with "…" */
        size_t len = i == shown - 1 && n > shown ? strlen(s) - lines[i].start : lines[i].len;
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), s + lines[i].start);
        put(w, y + i, x, width, line, role, true);
    }
    return shown;
}

void draw_center(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role)
{
    int tw = text_width(s);
    int off = tw < width ? (width - tw) / 2 : 0;
    put(w, y, x + off, width - off, s, role, false);
}

void draw_fill(WINDOW *w, int y, int x, int h, int width, enum theme_role role)
{
    if (width <= 0)
        return;
    wattrset(w, theme_attr(role));
    for (int r = 0; r < h; r++)
        mvwhline(w, y + r, x, ' ', width);
    wattrset(w, theme_attr(TR_NORMAL));
}

void draw_hline(WINDOW *w, int y, int x, int width, enum theme_role role)
{
    if (width <= 0)
        return;
    wattrset(w, theme_attr(role));
    mvwhline_set(w, y, x, WACS_HLINE, width);
    wattrset(w, theme_attr(TR_NORMAL));
}

void draw_box(WINDOW *w, int y, int x, int h, int width, const char *title, enum theme_role role)
{
    if (h < 2 || width < 2)
        return;
    wattrset(w, theme_attr(role));
    mvwhline_set(w, y, x + 1, WACS_HLINE, width - 2);
    mvwhline_set(w, y + h - 1, x + 1, WACS_HLINE, width - 2);
    mvwvline_set(w, y + 1, x, WACS_VLINE, h - 2);
    mvwvline_set(w, y + 1, x + width - 1, WACS_VLINE, h - 2);
    mvwadd_wch(w, y, x, WACS_ULCORNER);
    mvwadd_wch(w, y, x + width - 1, WACS_URCORNER);
    mvwadd_wch(w, y + h - 1, x, WACS_LLCORNER);
    mvwadd_wch(w, y + h - 1, x + width - 1, WACS_LRCORNER);
    wattrset(w, theme_attr(TR_NORMAL));
    if (title && *title) {
        char t[256];
        snprintf(t, sizeof t, " %s ", title);
        put(w, y, x + 2, width - 4, t, TR_TITLE, false);
    }
}
