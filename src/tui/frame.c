#include "tui/frame.h"

#include <curses.h>
#include <string.h>

/* curses writes a line's changes from the first changed cell to the last, and writes a short stretch of
 * unchanged cells in between rather than moving the cursor over it. When that stretch holds a cell of another
 * look (a grid's separator between the cell the cursor leaves and the one it enters), writing it costs the
 * attribute changes to and from that look on top of the character: more than a cursor move. Such a line is
 * then sent in two updates, its first changed stretch before the rest, so curses moves over the gap. */
#define COST_MOVE 8  /* a cursor address, ESC [ row ; col H */
#define COST_LOOK 16 /* an attribute change and back as curses writes it (ESC ( B ESC [ 0 ; 2 m) */
#define COST_SECOND 20 /* a second update: moving back up, and resetting the attributes at its end */
#define LINES_MAX 512
#define TOUCHED_MAX 8 /* lines changed: a cursor move changes a few */

struct cell {
    wchar_t wch[CCHARW_MAX + 1];
    attr_t attrs;
    short pair;
};

static void cell_at(WINDOW *w, int y, int x, struct cell *c)
{
    cchar_t cc;
    memset(c, 0, sizeof *c);
    if (mvwin_wch(w, y, x, &cc) == OK)
        getcchar(&cc, c->wch, &c->attrs, &c->pair, NULL);
}

static bool same_look(const struct cell *a, const struct cell *b) { return a->attrs == b->attrs && a->pair == b->pair; }
static bool same_cell(const struct cell *a, const struct cell *b)
{
    return same_look(a, b) && wcscmp(a->wch, b->wch) == 0;
}

/* Where the line's first changed stretch ends, and the bytes saved by a split there (0: none), when curses would write the unchanged cells after it (a gap
 * not longer than a cursor move) although they hold look changes that cost more than moving over them: the
 * changes into the gap's looks and back, beyond the one change from the stretch to the next. */
static int line_split(int y, int cols, int *end, bool *touched)
{
    struct cell was, now, prev = {0}, last = {0};
    int run_end = -1, gap = 0, looks = 0;
    bool in_run = false;
    for (int x = 0; x < cols; x++) {
        cell_at(curscr, y, x, &was);
        cell_at(stdscr, y, x, &now);
        bool changed = !same_cell(&was, &now);
        *touched = *touched || changed;
        if (changed && run_end >= 0 && !in_run) {
            looks += !same_look(&now, &prev);
            looks -= !same_look(&now, &last);
            if (looks > 0 && gap <= COST_MOVE && gap + COST_LOOK * looks > COST_MOVE) {
                *end = run_end;
                return gap + COST_LOOK * looks - COST_MOVE;
            }
            run_end = -1; /* curses writes this gap: one stretch still */
        }
        if (changed) {
            in_run = true;
            gap = looks = 0;
            last = now;
        } else if (in_run) {
            in_run = false;
            run_end = x;
            gap = 1;
            looks = !same_look(&now, &prev);
        } else if (run_end >= 0) {
            gap++;
            looks += !same_look(&now, &prev);
        }
        prev = now;
    }
    return 0;
}

/* The first stretches of the split lines go out in a first update: a window over each of them alone is
 * copied to the next screen, so the rest of those lines still equals what the terminal shows. */
static void show_split(void)
{
    int py, px, cy, cx;
    getyx(curscr, py, px); /* reading curscr moves its cursor, which curses takes for the terminal's */
    getyx(stdscr, cy, cx); /* and reading stdscr moves the caret */
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr), n = 0, saved = 0, touched = 0;
    static int ends[LINES_MAX];
    if (rows > LINES_MAX)
        rows = LINES_MAX;
    for (int y = 0; y < rows; y++) {
        bool t = false;
        int gain = line_split(y, cols, &ends[y], &t);
        saved += gain;
        touched += t;
        if (!gain)
            ends[y] = 0;
    }
    /* a new screen or a new week changes most lines: there the second update costs more than it saves */
    for (int y = 0; saved > COST_SECOND && touched <= TOUCHED_MAX && y < rows; y++) {
        if (!ends[y])
            continue;
        WINDOW *part = derwin(stdscr, 1, ends[y], y, 0);
        if (!part)
            continue;
        leaveok(part, TRUE);
        touchwin(part);
        wnoutrefresh(part);
        delwin(part);
        n++;
    }
    wmove(curscr, py, px);
    wmove(stdscr, cy, cx);
    if (n)
        doupdate();
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
    show_split();
    if (caret && shown != 1) {
        curs_set(1);
        shown = 1;
    }
}
