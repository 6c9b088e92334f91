/* A scrolling list with a cursor and '/' search. The owner draws each row; the list keeps cursor and
 * scroll position sane for any height, also after a resize or a reload. */
#ifndef KM_TUI_LIST_H
#define KM_TUI_LIST_H

#include <stdbool.h>

#include "tui/keymap.h"

struct list;
/* Draws row i at (y, x) in width columns; selected is the cursor row. */
typedef void (*list_draw_row)(void *ctx, int i, int y, int x, int width, bool selected);
/* The text that '/' searches in for row i. */
typedef const char *(*list_row_text)(void *ctx, int i);

struct list {
    int count;
    int cur;
    int top;
    int height; /* rows shown at the last draw */
    int y0;     /* screen row of the first shown row at the last draw, for clicks */
    list_draw_row draw_row;
    list_row_text row_text;
    void *ctx;
    char search[128];
};

void list_init(struct list *l, list_draw_row draw_row, list_row_text row_text, void *ctx);
/* After the data changed: keep the cursor in range (the caller moves it to the same item first). */
void list_set_count(struct list *l, int count);
void list_draw(struct list *l, int y, int x, int h, int width);
/* Up/down/page/home/end. Returns true when the action was a movement. */
bool list_move(struct list *l, enum action act);
/* Moves to the next row (after the cursor, wrapping) whose text matches; false when none matches. */
bool list_search(struct list *l, const char *needle, bool from_next);
/* A click on screen row y: moves the cursor there; true when it hit a row. */
bool list_click(struct list *l, int y);

#endif
