/* A part of the program that a later version brings: said plainly, with the way back. */
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/screens.h"

struct coming_screen {
    struct screen base;
    char what[200];
};

static const enum action coming_actions[] = {A_BACK, A_QUIT, ACT_NONE};

static void coming_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct coming_screen *c = (struct coming_screen *)s;
    (void)a;
    draw_center(stdscr, top + h / 2 - 1, 0, width, c->what, TR_TITLE);
    draw_center(stdscr, top + h / 2 + 1, 0, width, _("Dit onderdeel komt in een volgende versie van klassenmap."),
                TR_NORMAL);
}

static int coming_action(struct screen *s, struct app *a, enum action act)
{
    (void)s;
    (void)a;
    return act == A_BACK ? R_POP : act == A_QUIT ? R_QUIT : R_NONE;
}

static void coming_destroy(struct screen *s) { free(s); }

static const struct screen_ops coming_ops = {
    .draw = coming_draw,
    .on_action = coming_action,
    .destroy = coming_destroy,
};

struct screen *coming_screen_new(struct app *a, const char *title, const char *what)
{
    (void)a;
    struct coming_screen *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &coming_ops;
    c->base.actions = coming_actions;
    snprintf(c->base.title, sizeof c->base.title, "%s", title);
    snprintf(c->what, sizeof c->what, "%s", what);
    return &c->base;
}
