#include "tui/frame.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* curses writes a line's changes from the first changed cell to the last, and writes a short stretch of
 * unchanged cells in between rather than moving the cursor over it. When that stretch holds a cell of another
 * look (a grid's separator between the cell the cursor leaves and the one it enters), writing it costs the
 * attribute changes to and from that look on top of the character: more than a cursor move. For a small
 * change (a cursor move) such a line is then sent in two updates, its first changed stretch before the rest,
 * so curses moves over the gap. */
#define COST_MOVE 8    /* a cursor address, ESC [ row ; col H */
#define COST_LOOK 16   /* an attribute change and back as curses writes it (ESC ( B ESC [ 0 ; 2 m) */
#define COST_SECOND 20 /* a second update: moving back up, and resetting the attributes at its end */
#define TOUCHED_MAX 8  /* lines changed: a cursor move changes a few; a new screen most */
#define COLS_MAX 1024

struct look {
    attr_t attrs;
    short pair;
};

static struct look look_of(const cchar_t *c)
{
    wchar_t wch[CCHARW_MAX + 1];
    struct look l = {0, 0};
    getcchar(c, wch, &l.attrs, &l.pair, NULL);
    return l;
}

static bool same_look(struct look a, struct look b) { return a.attrs == b.attrs && a.pair == b.pair; }

/* curses compares cells whole (memcmp) to decide what to send; so does this. */
static bool same_cell(const cchar_t *a, const cchar_t *b) { return memcmp(a, b, sizeof *a) == 0; }

/* Line y of w into cells (cols of them); false when it cannot be read. */
static bool read_line(WINDOW *w, int y, int cols, cchar_t *cells)
{
    memset(cells, 0, sizeof *cells * (size_t)(cols + 1));
    return mvwin_wchnstr(w, y, 0, cells, cols) != ERR;
}

/* Where the line's first changed stretch ends, and the bytes saved by a split there (0: none), when curses
 * would write the unchanged cells after it (a gap not longer than a cursor move) although they hold look
 * changes that cost more than moving over them: the changes into the gap's looks and back, beyond the one
 * change from the stretch to the next. */
static int line_split(const cchar_t *was, const cchar_t *now, int cols, int *end)
{
    int run_end = -1, gap = 0, looks = 0;
    bool in_run = false;
    struct look prev = {0, 0}, last = {0, 0};
    for (int x = 0; x < cols; x++) {
        bool changed = !same_cell(&was[x], &now[x]);
        if (!changed && !in_run && run_end < 0)
            continue; /* before the first change: its look does not matter */
        struct look here = look_of(&now[x]);
        if (changed && run_end >= 0 && !in_run) {
            looks += !same_look(here, prev);
            looks -= !same_look(here, last);
            if (looks > 0 && gap <= COST_MOVE && gap + COST_LOOK * looks > COST_MOVE) {
                *end = run_end;
                return gap + COST_LOOK * looks - COST_MOVE;
            }
            run_end = -1; /* curses writes this gap: one stretch still */
        }
        if (changed) {
            in_run = true;
            gap = looks = 0;
            last = here;
        } else if (in_run) {
            in_run = false;
            run_end = x;
            gap = 1;
            looks = !same_look(here, prev);
        } else {
            gap++;
            looks += !same_look(here, prev);
        }
        prev = here;
    }
    return 0;
}

/* The first stretches of the split lines go out in a first update: a window over each of them alone is
 * copied to the next screen, so the rest of those lines still equals what the terminal shows. */
static void first_stretches(int rows, int cols)
{
    static cchar_t was[COLS_MAX + 1], now[COLS_MAX + 1];
    int changed[TOUCHED_MAX], ends[TOUCHED_MAX], n = 0, saved = 0;
    if (cols > COLS_MAX)
        return;
    for (int y = 0; y < rows; y++) {
        if (!read_line(curscr, y, cols, was) || !read_line(stdscr, y, cols, now))
            return;
        if (memcmp(was, now, sizeof *was * (size_t)cols) == 0)
            continue;
        if (n == TOUCHED_MAX)
            return; /* a new screen: one update */
        changed[n] = y;
        ends[n] = 0;
        saved += line_split(was, now, cols, &ends[n]);
        n++;
    }
    if (saved <= COST_SECOND)
        return;
    bool any = false;
    for (int i = 0; i < n; i++) {
        WINDOW *part = ends[i] ? derwin(stdscr, 1, ends[i], changed[i], 0) : NULL;
        if (!part)
            continue;
        leaveok(part, TRUE);
        touchwin(part);
        wnoutrefresh(part);
        delwin(part);
        any = true;
    }
    if (any)
        doupdate();
}

static void show(void)
{
    int py, px, cy, cx;
    getyx(curscr, py, px); /* reading curscr moves its cursor, which curses takes for the terminal's */
    getyx(stdscr, cy, cx); /* and reading stdscr moves the caret */
    first_stretches(getmaxy(stdscr), getmaxx(stdscr));
    wmove(curscr, py, px);
    wmove(stdscr, cy, cx);
    wnoutrefresh(stdscr);
    doupdate();
}

void frame_show(bool caret)
{
    static int shown = -1; /* curs_set's state as sent */
    if (!caret && shown != 0) {
        curs_set(0);
        shown = 0;
    }
    leaveok(stdscr, !caret); /* a hidden cursor is left where the last change put it */
    show();
    if (caret && shown != 1) {
        curs_set(1);
        shown = 1;
    }
}
