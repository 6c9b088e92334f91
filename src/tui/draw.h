/* Drawing text from data: every string passes text_fit (sanitised, cut with an ellipsis, padded), so no
 * control character reaches the terminal and wide characters keep columns aligned. */
#ifndef KM_TUI_DRAW_H
#define KM_TUI_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "tui/theme.h"

/* Draws s at (y, x) in exactly width columns (padded), in the given role. Returns columns used. */
int draw_text(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role);
/* Like draw_text but without padding: only the text's own columns are written. */
int draw_text_raw(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role);
/* Centres s on row y within [x, x + width). */
void draw_center(WINDOW *w, int y, int x, int width, const char *s, enum theme_role role);
/* Fills a rectangle with spaces in a role. */
void draw_fill(WINDOW *w, int y, int x, int h, int width, enum theme_role role);
/* A horizontal line of width columns. */
void draw_hline(WINDOW *w, int y, int x, int width, enum theme_role role);
/* A sentence broken between words over at most max rows of width columns; the last row takes the rest and is
 * cut with "…". Returns the rows used. */
int draw_wrapped(WINDOW *w, int y, int x, int width, int max, const char *text, enum theme_role role);
/* A box (frame) with a title in its top edge. */
void draw_box(WINDOW *w, int y, int x, int h, int width, const char *title, enum theme_role role);

#endif
