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

#endif
