/* Colour themes for the screens: named colour roles that every screen draws with, read from themes/NAME.theme
 * (INI, see doc/themes.md). Loading is separate from applying, so the loader is testable without a terminal.
 * Status is never shown by colour alone: the screens always draw a glyph or letter as well. */
#ifndef KM_TUI_THEME_H
#define KM_TUI_THEME_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* The prefix is TR_ because core/km.h already has ROLE_* for user roles. */
enum theme_role {
    TR_NORMAL,
    TR_TITLE,
    TR_HEADER,
    TR_FOOTER,
    TR_MENU,
    TR_SELECTED,
    TR_GRID,
    TR_GRID_HEADER,
    TR_TODAY,
    TR_NOW,
    TR_DIM,
    TR_INPUT,
    TR_WARNING,
    TR_ERROR,
    TR_OK,
    TR_KEY, /* key names in the footer */
    /* the four default status values; their names ("status_none" …) match status_values.colour_role */
    TR_STATUS_NONE,
    TR_STATUS_BUSY,
    TR_STATUS_ALMOST,
    TR_STATUS_DONE,
    TR__COUNT
};

struct theme_style {
    short fg, bg; /* curses colour numbers, -1 = the terminal's default */
    attr_t attrs; /* A_BOLD, A_REVERSE … */
};

struct theme {
    char name[64]; /* shown to the user, e.g. "Standaard" */
    struct theme_style styles[TR__COUNT];
    bool mono; /* attributes only, never colours */
};

/* The built-in themes, used when no file loads. theme_builtin looks good on 8 colours. */
void theme_builtin(struct theme *t);
void theme_builtin_mono(struct theme *t);

/* Reads DIR/NAME.theme into t. Format (INI):
 *   [theme]  name = Donker      mono = ja|nee (optional)
 *   [roles]  selected = black cyan bold      (fg bg attrs…; a role left out keeps the built-in style)
 * Colours: default, black red green yellow blue magenta cyan white, bright-black … bright-white, or 0..255.
 * Attributes: bold underline reverse dim standout italic (zero or more).
 * colors is the terminal's COLORS: a colour the terminal lacks falls back to the nearest it has
 * (256 → 16 → 8; bright-X becomes X with bold when only 8, for the foreground).
 * On any error returns false, fills t with theme_builtin and writes one Dutch sentence to err naming the file
 * and line, e.g. "themes/x.theme regel 7: onbekende kleur 'purple' bij title; …". */
bool theme_load(const char *dir, const char *name, int colors, struct theme *t, char *err, size_t errlen);

/* Theme names are [a-z0-9_-]{1,32}, so a name never becomes a path outside the themes directory. */
bool theme_valid_name(const char *name);

/* Gives curses the theme: a colour pair 1..TR__COUNT per role when colours can be used (has_colors(), not mono,
 * NO_COLOR unset), else attributes only. Call after initscr() and start_color(). */
void theme_apply(const struct theme *t);

/* What to draw a role with (COLOR_PAIR | attributes), after theme_apply; A_NORMAL before. */
attr_t theme_attr(enum theme_role r);

/* The role of a name as used in theme files and in status_values.colour_role ("status_done");
 * TR_NORMAL when unknown or NULL. */
enum theme_role theme_role_by_name(const char *name);

/* The name of a role in theme files ("grid_header"); "" when out of range. */
const char *theme_role_name(enum theme_role r);

/* True when NO_COLOR is set and not empty (https://no-color.org): colours are then never used. */
bool theme_no_color(void);

#endif
