/* '/' and "search next" for a screen with a grid: the prompt, the search and the message when nothing
 * matches. Kept apart from grid.c, which knows nothing of the application shell. */
#ifndef KM_TUI_SEARCH_H
#define KM_TUI_SEARCH_H

#include "tui/app.h"
#include "tui/grid.h"

/* What the rows are, for the words when nothing matches: "Niets gevonden" or "Niemand gevonden". */
enum search_finds { SEARCH_THINGS, SEARCH_PEOPLE };

/* A_SEARCH: the first call opens the prompt with label; the prompt's Enter comes back as A_SEARCH with
 * a->prompt_confirmed and the typed text, which is then searched for. Returns R_DRAW. */
int grid_search_action(struct app *a, struct grid *g, const char *label, enum search_finds finds);
/* A_SEARCH_NEXT: the last search again, from the row after the cursor. Returns R_DRAW. */
int grid_search_next_action(struct app *a, struct grid *g, enum search_finds finds);

#endif
