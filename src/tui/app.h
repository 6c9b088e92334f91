/* The application shell: one main loop, a stack of screens, the header, message bar and footer.
 * Curses is used from this thread only, and never from a signal handler. */
#ifndef KM_TUI_APP_H
#define KM_TUI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <time.h>

#include "core/auth.h"
#include "core/config.h"
#include "core/school.h"
#include "core/session.h"
#include "tui/keymap.h"
#include "tui/theme.h"

#define APP_MIN_COLS 80
#define APP_MIN_ROWS 24
#define APP_STACK 16

/* What a handler asks of the main loop; combine with |. */
enum {
    R_NONE = 0,
    R_DRAW = 1, /* the screen changed: draw it again */
    R_POP = 2,  /* close this screen (it is destroyed) */
    R_QUIT = 4, /* leave the program */
};

struct app;
struct screen;

/* What an action does on one screen, in that screen's words: Space on the status board is "volgende status", not
 * the keymap's general "aan/uit". Both texts are marked with N_() and translated when drawn. */
struct action_words {
    enum action act;
    const char *label; /* the footer's word and the help's name for it; "": not offered now (left out of both) */
    const char *help;  /* the help's sentence; NULL: the keymap's */
};

/* What a screen does; several screens (or one screen's modes) may share one table. What it accepts is in struct
 * screen, so a screen changes its keys by setting its actions, not by swapping tables. */
struct screen_ops {
    /* Draws the body: rows [top, top + h) of the terminal, all columns. */
    void (*draw)(struct screen *s, struct app *a, int top, int h, int width);
    int (*on_action)(struct screen *s, struct app *a, enum action act);
    /* Typed text while wants_text is true: printable characters, and Backspace as L'\b'. */
    int (*on_text)(struct screen *s, struct app *a, wint_t ch);
    bool (*wants_text)(const struct screen *s);
    /* The typed text is single keys (a status letter), not a field: no caret is shown, so a cursor move does not
     * also send the terminal's cursor back to where drawing ended. */
    bool keys_only;
    /* Another session committed: read the data again, keep the cursor on the same item. */
    void (*reload)(struct screen *s, struct app *a);
    /* The user came back to this screen from the one above it (which closed; not when it was replaced): what that
     * screen changed may show here. Optional. */
    void (*resume)(struct screen *s, struct app *a);
    /* A mouse click at (y, x); double for a double click. Optional. */
    int (*on_click)(struct screen *s, struct app *a, int y, int x, bool twice);
    void (*destroy)(struct screen *s);
    /* Typed work that leaving would lose (a note, a form, a wizard's choices): what it is ("de notitie"), or
     * NULL when there is none. The app asks before it closes the screen (Esc), quits (F10) or logs out, and
     * keeps a draft when the terminal goes away or the session times out. NULL op: never any. A screen that
     * saved its work and closes itself answers NULL by then. */
    const char *(*unsaved)(const struct screen *s);
    /* The terminal went away or the session timed out with unsaved work: keep it where it is offered back
     * (a note's draft). Nothing may be drawn. NULL op: this work cannot be kept. */
    void (*keep_draft)(struct screen *s, struct app *a);
    /* Words that depend on what the screen shows (Tab in the planner: "dag" or "week"); NULL from it, or no
     * function, falls back to the screen's `words`, then the keymap. Optional. */
    const struct action_words *(*words_now)(const struct screen *s, enum action act);
};

struct screen {
    const struct screen_ops *ops;
    const enum action *actions; /* what the screen accepts now, ACT_NONE-terminated: footer and help come from it */
    /* The screen's own words for its actions (ACT_NONE-terminated), where the keymap's general ones would not say
     * what the key does here. Optional. */
    const struct action_words *words;
    char title[128]; /* shown on the title row; already translated */
};

struct app {
    struct km_db *db;
    const struct km_config *cfg;
    struct auth_settings auth;
    struct keymap keys;
    struct school_info school;
    struct km_session session;
    bool logged_in;
    char user_name[160]; /* display name of who is logged in */
    struct screen *stack[APP_STACK];
    int depth;
    int rows, cols;
    char message[256];
    enum theme_role message_role;
    /* Typed text for a prompt on the message line ('/' search); NULL when no prompt is open. */
    const char *prompt;
    char prompt_text[128];
    bool prompt_confirmed; /* true while the screen handles the A_SEARCH that confirms the prompt */
    int64_t data_version;
    struct screen *next; /* to push after the current screen pops (app_replace) */
    bool running;
    bool dirty;
    /* Leaving with unsaved work: what was asked (a dialog is open), and what a "Ja" then lets happen. */
    int leave_asked, leave_go;
    long last_key;    /* seconds (monotonic) of the last key, for the idle logout */
    bool idle_warned; /* the warning a minute before the idle logout is on the message line */
    bool fault_shown; /* the database's fault (damaged, gone) has been put on the screen */
};

void app_push(struct app *a, struct screen *s);
/* The current screen gives way to next: call it from a handler that then returns R_POP. */
void app_replace(struct app *a, struct screen *next);
/* Shows one line on the message bar until the next key. */
void app_message(struct app *a, enum theme_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Shows the core's last message (db_errmsg) as an error. */
void app_core_error(struct app *a);
/* Starts a '/' prompt on the message line. When the user presses Enter, the top screen gets
 * on_action(A_SEARCH) with a->prompt_confirmed true and the text in a->prompt_text; Esc closes it silently. */
void app_start_prompt(struct app *a, const char *label);
/* The beheerder's word after the database was replaced: opens the file now at the path and goes back to the login
 * screen (every screen closes; nothing could be saved anyway). On failure the message says why. */
void app_reopen(struct app *a);
/* Logs out: every screen above the login screen closes, after a question when one holds unsaved work. */
void app_logout(struct app *a);
/* The footer's word and the help's sentence for act on screen s (s NULL: the keymap's), translated. */
const char *app_action_label(const struct app *a, const struct screen *s, enum action act);
const char *app_action_help(const struct app *a, const struct screen *s, enum action act);
/* The entry of words (ACT_NONE-terminated) for act, or NULL: for a screen's words_now. */
const struct action_words *action_words_find(const struct action_words *words, enum action act);
/* Body rows available to screens. */
int app_body_rows(const struct app *a);
int app_body_top(void);

struct tui_options {
    struct km_db *db;
    const struct km_config *cfg;
    struct auth_settings auth;
    const char *as_user; /* non-NULL: start logged in as this account (--as; main checked allow_as) */
};

/* Runs the screens until the user leaves or the terminal goes away. Returns an exit code. */
int tui_run(const struct tui_options *o);

#endif
