/* A table with a frozen header row and frozen first columns that scrolls both ways, with a cursor. The owner
 * gives the column widths and draws every cell; the grid keeps cursor and scroll position sane for any size,
 * also after a resize or a reload. Columns that do not fit scroll sideways, whole columns at a time, and a
 * line under the table then says which columns are shown ("◀ kolom 3–7 van 12 ▶").
 *
 * Two kinds of cursor: a cell (status board, week grid) or a whole row (a list with columns: users, groups),
 * where Left/Right scroll the columns instead. The cursor never stands in a frozen column, which holds what
 * a row is about (a name, a time), unless every column is frozen.
 *
 * The arithmetic lives in the grid_layout functions below: pure, no curses, unit-tested. */
#ifndef KM_TUI_GRID_H
#define KM_TUI_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/keymap.h"

/* After the last frozen column comes " │ "; between other columns, grid.gap spaces (1 unless the owner sets
 * more after grid_init). */
#define GRID_FROZEN_GAP 3
/* A column that does not fit whole is still shown, cut, when at least this many columns are left for it. */
#define GRID_MIN_PARTIAL 4
#define GRID_MAX_SLICES 256

/* Width of column col in terminal columns, without the gap (at least 1 is used). */
typedef int (*grid_col_width_fn)(void *ctx, int col);
/* Draws one cell at (y, x) in exactly width columns (use draw_text: it pads and cuts). */
typedef void (*grid_draw_cell_fn)(void *ctx, int row, int col, int y, int x, int width, bool selected);
/* Draws a column's title in the header row (the row is already filled in TR_GRID_HEADER). */
typedef void (*grid_draw_header_fn)(void *ctx, int col, int y, int x, int width);
/* The text '/' searches in for a row; optional. */
typedef const char *(*grid_row_text_fn)(void *ctx, int row);

struct grid_ops {
    grid_col_width_fn col_width;
    grid_draw_cell_fn draw_cell;
    grid_draw_header_fn draw_col_header;
    grid_row_text_fn row_text; /* NULL: grid_search finds nothing */
};

struct grid {
    const struct grid_ops *ops;
    void *ctx;
    int rows, cols, frozen;
    int gap; /* spaces between two scrolling columns */
    int cur_row, cur_col;
    int top;         /* first data row shown */
    int left;        /* first scrolling column shown; >= frozen */
    bool row_cursor; /* the cursor is a whole row; Left/Right scroll the columns */
    /* Where the last draw put the table, for clicks and paging; width and height are 0 before it. */
    int y0, x0; /* first data row, left edge */
    int width;  /* columns of the whole table */
    int height; /* data rows shown */
    char search[128];
};

void grid_init(struct grid *g, const struct grid_ops *ops, void *ctx, int frozen, bool row_cursor);
/* After the data changed: keeps cursor and scroll in range (move the cursor to the same item first). */
void grid_set_size(struct grid *g, int rows, int cols);
void grid_set_cursor(struct grid *g, int row, int col);
/* Draws the header row and as many data rows as fit in h rows, from (y, x), width columns wide. */
void grid_draw(struct grid *g, int y, int x, int h, int width);
/* Up/Down/Left/Right/PageUp/PageDown/Home/End. Returns true when the action was a movement. */
bool grid_move(struct grid *g, enum action act);
/* A click at screen (y, x): moves the cursor to that row (and cell); true when it hit a data row. */
bool grid_click(struct grid *g, int y, int x);
/* Moves to the next row (after the cursor when from_next, else from it; wrapping) whose row_text matches
 * needle (text_matches: case and diacritics do not count). needle NULL repeats the last search.
 * False when nothing matches. */
bool grid_search(struct grid *g, const char *needle, bool from_next);

/* ---- the arithmetic, without curses ----
 * The frozen columns come first (then " │ "), then the scrolling columns from `left` on, gap apart: as many
 * whole columns as fit, then one more cut short when GRID_MIN_PARTIAL columns are left for it. The cursor
 * counts only whole columns as shown. When not even the first scrolling column fits, it is shown cut. */
struct grid_layout {
    grid_col_width_fn col_width;
    void *ctx;
    int cols, frozen;
    int gap;
    int width; /* of the whole table */
};

/* One column as drawn: where it starts (from the table's left edge) and how wide it is drawn. */
struct grid_slice {
    int col, x, width;
};

/* Columns the frozen part takes, its gaps included. */
int grid_frozen_width(const struct grid_layout *l);
/* The last scrolling column shown when the first is left; left - 1 when there are no scrolling columns. */
int grid_last_col(const struct grid_layout *l, int left);
/* The largest useful left: from there every remaining column fits (cols when all columns are frozen). */
int grid_max_left(const struct grid_layout *l);
/* The left to show, starting from the previous one and moving as little as possible so that column cur is
 * shown; cur < frozen (or < 0) only keeps left in range. */
int grid_fit_left(const struct grid_layout *l, int left, int cur);
/* The columns to draw, left to right, at most max of them; returns how many. */
int grid_slices(const struct grid_layout *l, int left, struct grid_slice *out, int max);
/* The column at dx columns from the table's left edge; -1 for a gap or outside. */
int grid_col_at(const struct grid_layout *l, int left, int dx);
/* The first row to show so that cur is among the height rows shown (height >= 1). */
int grid_fit_top(int top, int cur, int height, int rows);
/* "◀ kolom 3–7 van 12 ▶" (columns counted from 1); an arrow only on a side where more columns are. */
void grid_range_text(int first, int last, int cols, bool more_left, bool more_right, char *out, size_t len);

#endif
