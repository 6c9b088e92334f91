/* Help: exactly the keys that work on the screen it was opened from, generated from the keymap, so a
 * rebound key shows as it is bound. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/screens.h"

#define HELP_MAX (A__COUNT + 4)

struct help_screen {
    struct screen base;
    enum action rows[HELP_MAX];
    const char *label[HELP_MAX], *help[HELP_MAX]; /* in the words of the screen it was opened from */
    int n;
    int top;     /* the first entry shown */
    int shown;   /* entries the last draw showed */
    int label_w; /* the widest word, so none is cut */
    struct app *app;
};

static const enum action help_actions[] = {A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_BACK, A_HELP, ACT_NONE};

#define KEYS_W 18
#define LABEL_MAX 24
#define TEXT_X(h) (KEYS_W + (h)->label_w + 2)

/* One key: its keys, its word and its sentence, the sentence wrapped (never cut). Returns the rows used. */
static int draw_entry(struct help_screen *h, int i, int y, int x, int width, int max_rows)
{
    char keys[128];
    keymap_keys_text(&h->app->keys, h->rows[i], KEYMAP_MAX_KEYS, keys, sizeof keys);
    draw_text(stdscr, y, x, KEYS_W, keys, TR_KEY);
    draw_text(stdscr, y, x + KEYS_W + 1, h->label_w, h->label[i], TR_TITLE);
    return draw_wrapped(stdscr, y, x + TEXT_X(h), width - TEXT_X(h), max_rows, h->help[i], TR_NORMAL);
}

static void help_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct help_screen *hs = (struct help_screen *)s;
    (void)a;
    draw_text(stdscr, top, 2, width - 4, _("Deze toetsen werken op het vorige scherm:"), TR_DIM);
    int y = top + 2, bottom = top + h, w = width - 4;
    hs->shown = 0;
    for (int i = hs->top; i < hs->n && y < bottom; i++) {
        if (draw_wrapped_rows(hs->help[i], w - TEXT_X(hs)) > bottom - y && i > hs->top)
            break; /* only whole entries, except one taller than the screen */
        y += draw_entry(hs, i, y, 2, w, bottom - y);
        hs->shown++;
    }
    if (hs->top > 0 || hs->top + hs->shown < hs->n) {
        char more[64];
        snprintf(more, sizeof more, _("%d–%d van %d"), hs->top + 1, hs->top + hs->shown, hs->n);
        draw_text(stdscr, top, width - 16, 14, more, TR_DIM);
    }
}

/* Scrolls by whole entries; a page is what the last draw showed. */
static int help_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct help_screen *h = (struct help_screen *)s;
    int page = h->shown > 1 ? h->shown - 1 : 1, last = h->n - (h->shown > 0 ? h->shown : 1);
    switch (act) {
    case A_UP:
        h->top--;
        break;
    case A_DOWN:
        h->top++;
        break;
    case A_PAGE_UP:
        h->top -= page;
        break;
    case A_PAGE_DOWN:
        h->top += page;
        break;
    case A_BACK:
    case A_HELP:
        return R_POP;
    default:
        return R_NONE;
    }
    if (h->top > last)
        h->top = last;
    if (h->top < 0)
        h->top = 0;
    return R_DRAW;
}

static void help_destroy(struct screen *s) { free(s); }

static const struct screen_ops help_ops = {
    .draw = help_draw,
    .on_action = help_action,
    .destroy = help_destroy,
};

static void add_row(struct help_screen *h, const struct screen *of, enum action act)
{
    for (int i = 0; i < h->n; i++)
        if (h->rows[i] == act)
            return;
    if (h->n < HELP_MAX && h->app->keys.entries[act].nkeys > 0 && *app_action_label(h->app, of, act)) {
        h->label[h->n] = app_action_label(h->app, of, act);
        int w = text_width(h->label[h->n]);
        h->label_w = w > h->label_w ? (w < LABEL_MAX ? w : LABEL_MAX) : h->label_w;
        h->help[h->n] = app_action_help(h->app, of, act);
        h->rows[h->n++] = act;
    }
}

struct screen *help_screen_new(struct app *a, const struct screen *of)
{
    struct help_screen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &help_ops;
    h->base.actions = help_actions;
    h->app = a;
    h->label_w = 16;
    snprintf(h->base.title, sizeof h->base.title, _("Hulp — %s"), of->title);
    for (const enum action *p = of->actions; p && *p != ACT_NONE; p++)
        add_row(h, of, *p);
    /* what the shell itself offers on every screen */
    add_row(h, of, A_HELP);
    add_row(h, of, A_REFRESH);
    add_row(h, of, A_QUIT);
    if (a->logged_in)
        add_row(h, of, A_LOGOUT); /* from every screen; unsaved work is asked about first */
    return &h->base;
}
