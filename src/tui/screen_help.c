/* Help: exactly the keys that work on the screen it was opened from, generated from the keymap, so a
 * rebound key shows as it is bound. */
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

#define HELP_MAX (A__COUNT + 4)

struct help_screen {
    struct screen base;
    enum action rows[HELP_MAX];
    int n;
    struct list list;
    struct app *app;
};

static const enum action help_actions[] = {A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_BACK, A_HELP, ACT_NONE};

static void draw_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct help_screen *h = ctx;
    enum action act = h->rows[i];
    char keys[128];
    keymap_keys_text(&h->app->keys, act, KEYMAP_MAX_KEYS, keys, sizeof keys);
    draw_text(stdscr, y, x, 18, keys, selected ? TR_SELECTED : TR_KEY);
    draw_text(stdscr, y, x + 19, 16, _(h->app->keys.entries[act].label), selected ? TR_SELECTED : TR_TITLE);
    draw_text(stdscr, y, x + 36, width - 36, _(h->app->keys.entries[act].description), selected ? TR_SELECTED : TR_NORMAL);
}

static const char *row_text(void *ctx, int i)
{
    struct help_screen *h = ctx;
    return _(h->app->keys.entries[h->rows[i]].label);
}

static void help_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct help_screen *hs = (struct help_screen *)s;
    (void)a;
    draw_text(stdscr, top, 2, width - 4, _("Deze toetsen werken op het vorige scherm:"), TR_DIM);
    list_draw(&hs->list, top + 2, 2, h - 2, width - 4);
}

static int help_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct help_screen *h = (struct help_screen *)s;
    if (list_move(&h->list, act))
        return R_DRAW;
    return act == A_BACK || act == A_HELP ? R_POP : R_NONE;
}

static void help_destroy(struct screen *s) { free(s); }

static const struct screen_ops help_ops = {
    .actions = help_actions,
    .draw = help_draw,
    .on_action = help_action,
    .destroy = help_destroy,
};

static void add_row(struct help_screen *h, enum action act)
{
    for (int i = 0; i < h->n; i++)
        if (h->rows[i] == act)
            return;
    if (h->n < HELP_MAX && h->app->keys.entries[act].nkeys > 0)
        h->rows[h->n++] = act;
}

struct screen *help_screen_new(struct app *a, const struct screen *of)
{
    struct help_screen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &help_ops;
    h->app = a;
    snprintf(h->base.title, sizeof h->base.title, _("Hulp — %s"), of->title);
    for (const enum action *p = of->ops->actions; p && *p != ACT_NONE; p++)
        add_row(h, *p);
    /* what the shell itself offers on every screen */
    add_row(h, A_HELP);
    add_row(h, A_REFRESH);
    add_row(h, A_QUIT);
    if (a->logged_in)
        add_row(h, A_LOGOUT); /* from every screen; unsaved work is asked about first */
    list_init(&h->list, draw_row, row_text, h);
    list_set_count(&h->list, h->n);
    return &h->base;
}
