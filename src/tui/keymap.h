/* Every action of the screens in one table, with its default keys. The config's [keys] section rebinds
 * any action; the footer and the help screen are generated from this table, so they are never out of date. */
#ifndef KM_TUI_KEYMAP_H
#define KM_TUI_KEYMAP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "core/config.h"

/* curses.h defines A_LEFT and A_RIGHT as video attributes (a highlight on a cell's side, which no screen here
 * uses). The actions below need those names, so this header includes curses.h first and drops the two macros:
 * whichever order a file includes the two headers in, A_LEFT and A_RIGHT are then always the actions. */
#undef A_LEFT
#undef A_RIGHT

enum action {
    ACT_NONE = 0,
    /* movement */
    A_UP,
    A_DOWN,
    A_LEFT,
    A_RIGHT,
    A_PAGE_UP,
    A_PAGE_DOWN,
    A_HOME,
    A_END,
    A_NEXT_FIELD, /* Tab */
    A_PREV_FIELD, /* Shift-Tab */
    /* doing */
    A_SELECT,      /* Enter: open, choose, confirm */
    A_TOGGLE,      /* Space: tick a box, step a status */
    A_BACK,        /* Esc / q: go back, cancel */
    A_QUIT,        /* F10: leave the program (asks first when logged in) */
    A_SEARCH,      /* '/' */
    A_SEARCH_NEXT, /* 'n' */
    A_HELP,        /* '?' / F1 */
    A_REFRESH,     /* Ctrl-L: redraw the whole screen */
    A_ADD,         /* 'a' / Insert */
    A_EDIT,        /* 'e' */
    A_DELETE,      /* 'd' / Delete */
    A_PASSWORD,    /* 'p': set a password (pencil) */
    A_UNLOCK,      /* 'U': lift a lock-out after too many failed logins (unlock) */
    A_PREV_PERIOD, /* '[' / '<': previous week/day */
    A_NEXT_PERIOD, /* ']' / '>': next week/day */
    A_TODAY,       /* 't' */
    A_LOGOUT,      /* 'L': log out */
    A_CHECK,       /* 'c': check a week template for clashes */
    A_SET_ROW,     /* 'R': status board: one status for the whole row (a student) */
    A_SET_COLUMN,  /* 'K': status board: one status for the whole column (a goal) */
    A_INFO,        /* 'i': the full title and history of what is selected */
    A_NOW,         /* 'o': a teacher's lesson now, or the next one */
    A_WEEKPLAN,    /* 'w': the weektaak of a group, for the printer */
    A_BRON,        /* 'b': the bron of an eigen groep */
    A_RELINK,      /* 'r': re-link eigen groepen after the new school year */
    A_ALL,         /* 'A': all at once (every weekday, every proposal) */
    A_EDIT_CLASS,  /* 'm': a lesson's line for students and parents (the note itself is staff-only) */
    A_UNDO,        /* 'u': status board: undo the last change of a whole row or column */
    A__COUNT
};

/* A key as curses reports it (get_wch): a character (is_key false) or a KEY_* code (is_key true). The two
 * ranges overlap (KEY_UP is 0403, also U+0103), so is_key always counts. Enter arrives as '\r', '\n' or KEY_ENTER
 * and Backspace as 127 or KEY_BACKSPACE depending on the terminal: the keymap treats each group as one key. */
struct key {
    wint_t code;
    bool is_key;
};

#define KEYMAP_MAX_KEYS 6

struct keymap_entry {
    const char *name;        /* config name: "up", "page_down", ... */
    const char *label;       /* short Dutch label for the footer: "omhoog" (translated with gettext) */
    const char *description; /* one line for the help screen */
    struct key keys[KEYMAP_MAX_KEYS];
    int nkeys;
};

/* Indexed by enum action; entries[ACT_NONE] is empty (name NULL, no keys). */
struct keymap {
    struct keymap_entry entries[A__COUNT];
};

/* The defaults: arrows and vi keys (h j k l), Enter, Esc and q, Tab, PgUp/PgDn, Home/End, / n ? F1 F10 … */
void keymap_defaults(struct keymap *km);
/* Applies the config's [keys] lines ("up = k Up", "quit = F10 C-q"): the listed keys replace the action's
 * defaults, and are taken away from every other action that had them by default. On an unknown action or key
 * name, no keys, too many keys, or one key given to two actions, returns false, writes one Dutch sentence naming
 * the config file and line, and leaves km unchanged. err may be NULL. */
bool keymap_apply_config(struct keymap *km, const struct km_config *cfg, char *err, size_t errlen);
/* The action bound to a key among the actions a screen accepts (a zero-terminated list), or ACT_NONE.
 * Only the listed actions are looked up, so a screen that types text never loses 'q' or 'j'. */
enum action keymap_lookup(const struct keymap *km, struct key k, const enum action *accepted);
/* "↑", "k", "PgDn", "F10", "C-l", "Space", "Esc", "Enter" … for the footer and help (the four arrows as
 * glyphs); every name it gives for a bindable key is accepted by keymap_parse_key. */
void keymap_key_name(struct key k, char *out, size_t len);
/* "↑/k" style: the action's keys joined by '/', at most max keys; "" when none. Only whole names are written. */
void keymap_keys_text(const struct keymap *km, enum action a, int max, char *out, size_t len);
/* Parses one key name as written in the config: one printable character (case-sensitive, UTF-8 allowed), Up Down
 * Left Right PgUp PgDn Home End Enter Esc Tab S-Tab Space Backspace Delete Insert (any case; the arrow glyphs
 * too), F1..F63, C-a..C-z (Ctrl). False when unknown. */
bool keymap_parse_key(const char *name, struct key *out);

#endif
