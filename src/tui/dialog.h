/* A confirmation: a small centred box over the screen it was opened from, with a question and the buttons
 * "Ja" and "Nee". Every destructive action asks with it first.
 *
 *   app_push(a, dialog_confirm_new(a, _("Weeksjabloon 'A' verwijderen?"), on_delete, screen));
 *
 * Keys: Left/Right/Tab move between the buttons, Enter chooses, Esc/q is "Nee", j or y is "Ja" and n is "Nee".
 * "Nee" has the focus at first, so a stray Enter never destroys anything. */
#ifndef KM_TUI_DIALOG_H
#define KM_TUI_DIALOG_H

#include <stdbool.h>

#include "tui/app.h"

/* Called exactly once, when the dialog closes: yes is true only when "Ja" was chosen (closing the program
 * counts as "Nee"). The dialog is then already off the stack, so the screen it was opened from is on top
 * again and done may change data, show a message or push a screen of its own; the screen below reloads
 * after done returns. */
typedef void (*dialog_done_fn)(struct app *a, void *ctx, bool yes);

/* question is copied (and drawn sanitised, wrapped over at most a few lines). NULL when out of memory;
 * done is then never called. */
struct screen *dialog_confirm_new(struct app *a, const char *question, dialog_done_fn done, void *ctx);

/* A question with a few answers, one button per row: ↑/↓ and Enter, or the answer's letter; Esc (or closing the
 * program) answers -1. done is called once, as for a confirmation, with the index chosen. */
#define DIALOG_MAX_CHOICES 6
struct dialog_choice {
    const char *label; /* copied; say the letter in it, e.g. "alleen lege cellen (l)" */
    wint_t key;        /* lower case; the upper case works too */
};
typedef void (*dialog_choice_fn)(struct app *a, void *ctx, int choice);
struct screen *dialog_choice_new(struct app *a, const char *question, const struct dialog_choice *choices, int n,
                                 int focus, dialog_choice_fn done, void *ctx);

#endif
