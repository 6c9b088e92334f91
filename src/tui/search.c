#include "tui/search.h"

#include "tui/i18n.h"

static void say_not_found(struct app *a, const char *needle, enum search_finds finds)
{
    if (finds == SEARCH_PEOPLE)
        app_message(a, TR_WARNING, _("Niemand gevonden met '%s'."), needle);
    else
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'."), needle);
}

int grid_search_action(struct app *a, struct grid *g, const char *label, enum search_finds finds)
{
    if (!a->prompt_confirmed) {
        app_start_prompt(a, label);
        return R_DRAW;
    }
    if (a->prompt_text[0] && !grid_search(g, a->prompt_text, true))
        say_not_found(a, a->prompt_text, finds);
    return R_DRAW;
}

int grid_search_next_action(struct app *a, struct grid *g, enum search_finds finds)
{
    int row = g->cur_row;
    if (!g->search[0])
        app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
    else if (!grid_search(g, NULL, true))
        say_not_found(a, g->search, finds);
    else if (g->cur_row == row) /* only the row already chosen matches */
        app_message(a, TR_NORMAL, _("Geen ander resultaat met '%s'."), g->search);
    return R_DRAW;
}
