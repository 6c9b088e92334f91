/* What the screens of LEERDOELEN share: the chooser (screen_board_choose.c), the status board (screen_board.c),
 * the group's overview (screen_group_overview.c) and a cell's history (screen_goal_history.c). A status is drawn
 * as its glyph and letter, never colour alone. */
#ifndef KM_TUI_BOARD_COMMON_H
#define KM_TUI_BOARD_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "core/children.h"
#include "tui/theme.h"

#define NAME_W_MIN 10 /* the frozen name column */
#define NAME_W_MAX 24
#define TITLE_LINES 4 /* of a goal's title in the side panel */

const struct km_status_value *scale_at(const struct km_status_scale *sc, int64_t id);
int scale_index(const struct km_status_scale *sc, int64_t id);
/* "● V", or "–" when the goal has no status yet. */
void status_short(const struct km_status_scale *sc, int64_t id, char *out, size_t len);
/* "● V beheerst", or "– geen status". */
void status_long(const struct km_status_scale *sc, int64_t id, char *out, size_t len);
enum theme_role status_role(const struct km_status_scale *sc, int64_t id);
/* The status a typed character names: its number (1 … n) or its letter. 0 when none. */
int64_t status_for_char(const struct km_status_scale *sc, wint_t ch);
/* Centres text in width columns (padding both sides). */
void draw_centred(int y, int x, int width, const char *text, enum theme_role role);
/* "42%", or "–" when whole is 0. */
void pct_text(int part, int whole, char *out, size_t len);

#endif
