/* The confirmation box. It draws the screen it was opened from first and its box over it, so the person
 * still sees what the question is about. */
#include "tui/dialog.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"

#define DIALOG_MAX_W 64 /* a box wider than this is hard to read */
#define DIALOG_MIN_W 36 /* room for both buttons and the hint */
#define QUESTION_MAX 1024

enum button { B_YES, B_NO };

struct dialog {
    struct screen base;
    struct app *app;
    char question[QUESTION_MAX];
    dialog_done_fn done;
    void *ctx;
    enum button focus;
    bool yes;
    /* where the last draw put the buttons, for clicks */
    int button_y, button_x[2], button_w[2];
};

/* Esc, q and the arrows arrive as actions; j/y/n come in as typed text (see dialog_text). */
static const enum action dialog_actions[] = {A_SELECT, A_BACK, A_NEXT_FIELD, A_LEFT, A_RIGHT, A_PREV_FIELD, ACT_NONE};

static const struct action_words dialog_words[] = {
    {A_SELECT, N_("kies"), N_("Kies de knop met ▶: Ja of Nee.")},
    {A_BACK, N_("nee"), N_("Antwoord Nee: er verandert niets.")},
    {A_NEXT_FIELD, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
    {A_PREV_FIELD, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
    {A_LEFT, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
    {A_RIGHT, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
    {ACT_NONE, NULL, NULL},
};

/* ---- drawing ---- */

static void draw_below(struct dialog *d, struct app *a, int top, int h, int width)
{
    for (int i = a->depth - 1; i > 0; i--)
        if (a->stack[i] == &d->base) {
            struct screen *below = a->stack[i - 1];
            below->ops->draw(below, a, top, h, width);
            return;
        }
}

static void draw_button(struct dialog *d, enum button b, int y, int x)
{
    char text[64];
    snprintf(text, sizeof text, "[ %s ]", b == B_YES ? _("Ja") : _("Nee"));
    bool focused = d->focus == b;
    /* the arrow marks the focus without colour, as the menus do */
    draw_text_raw(stdscr, y, x - 2, 1, focused ? "▶" : " ", TR_NORMAL);
    d->button_x[b] = x;
    d->button_w[b] = draw_text_raw(stdscr, y, x, 20, text, focused ? TR_SELECTED : TR_NORMAL);
}

static int buttons_width(void)
{
    char text[64];
    snprintf(text, sizeof text, "[ %s ]    [ %s ]", _("Ja"), _("Nee"));
    return text_width(text);
}

/* The row the screen below shows selected (drawn in the selection's colour or reverse), or -1: the thing the
 * question is about, which the box must not cover. */
static int selected_row(int top, int h, int width)
{
    attr_t sel = theme_attr(TR_SELECTED);
    for (int y = top; y < top + h; y++) {
        int hits = 0;
        for (int x = 0; x < width; x++) {
            attr_t at = (attr_t)(mvwinch(stdscr, y, x) & A_ATTRIBUTES);
            bool same_colour = (at & A_COLOR) == (sel & A_COLOR);
            if (same_colour && (!(sel & A_REVERSE) || (at & A_REVERSE)) && (sel & (A_COLOR | A_REVERSE)) && ++hits >= 4)
                return y;
        }
    }
    return -1;
}

/* Everything below the box goes dim, so the focused button is the only highlight; the row the question is
 * about stays plainly readable. */
static void dim_below(int top, int h, int keep)
{
    attr_t dim = theme_attr(TR_DIM), normal = theme_attr(TR_NORMAL);
    for (int y = top; y < top + h; y++) {
        attr_t at = y == keep ? normal : dim;
        mvwchgat(stdscr, y, 0, -1, at & ~A_COLOR, (short)PAIR_NUMBER(at), NULL);
    }
}

/* Centred, unless that would cover the selected row: then above it when there is room, else below it. */
static int box_top(int top, int h, int bh, int sel)
{
    int y = top + (h - bh) / 2;
    if (sel < 0 || sel < y || sel >= y + bh)
        return y;
    if (sel - top >= bh)
        return sel - bh;
    y = sel + 1;
    return y + bh > top + h ? top + h - bh : y;
}

static void dialog_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct dialog *d = (struct dialog *)s;
    draw_below(d, a, top, h, width);
    int sel = selected_row(top, h, width);
    dim_below(top, h, sel);
    int bw = text_width(d->question) + 6;
    bw = bw < DIALOG_MIN_W ? DIALOG_MIN_W : bw > DIALOG_MAX_W ? DIALOG_MAX_W : bw;
    if (bw > width - 4)
        bw = width - 4;
    /* the whole question, however long: the box grows (the body is at least 20 rows) */
    int lines = draw_wrapped_rows(d->question, bw - 6);
    if (lines > h - 6)
        lines = h - 6;
    int bh = lines + 6;
    int y = box_top(top, h, bh, sel), x = (width - bw) / 2;
    draw_fill(stdscr, y, x, bh, bw, TR_NORMAL);
    draw_box(stdscr, y, x, bh, bw, _("Bevestigen"), TR_TITLE);
    draw_wrapped(stdscr, y + 2, x + 3, lines, bw - 6, d->question, TR_NORMAL);
    d->button_y = y + bh - 3;
    int bx = x + (bw - buttons_width()) / 2;
    char yes[64];
    snprintf(yes, sizeof yes, "[ %s ]    ", _("Ja"));
    draw_button(d, B_YES, d->button_y, bx);
    draw_button(d, B_NO, d->button_y, bx + text_width(yes));
    draw_center(stdscr, y + bh - 2, x + 1, bw - 2, _("j = ja · n of Esc = nee"), TR_DIM);
    /* the terminal cursor on the focused button, for screen readers */
    move(d->button_y, d->button_x[d->focus]);
}

/* ---- choosing ---- */

/* Closing calls done from destroy, once the box is off the stack (see dialog.h). */
static int choose(struct dialog *d, bool yes)
{
    d->yes = yes;
    return R_POP;
}

static int dialog_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct dialog *d = (struct dialog *)s;
    switch (act) {
    case A_SELECT: return choose(d, d->focus == B_YES);
    case A_BACK: return choose(d, false);
    case A_LEFT:
    case A_RIGHT:
    case A_NEXT_FIELD:
    case A_PREV_FIELD: d->focus = d->focus == B_YES ? B_NO : B_YES; return R_DRAW;
    default: return R_NONE;
    }
}

/* Letters come here because the box takes text: j/y and n answer at once, and any other key is looked up
 * among the box's actions, so 'q' still means "Nee" and the vi keys still move. */
static int dialog_text(struct screen *s, struct app *a, wint_t ch)
{
    struct dialog *d = (struct dialog *)s;
    if (ch == L'j' || ch == L'J' || ch == L'y' || ch == L'Y')
        return choose(d, true);
    if (ch == L'n' || ch == L'N')
        return choose(d, false);
    enum action act = keymap_lookup(&a->keys, (struct key){ch, false}, dialog_actions);
    return act == ACT_NONE ? R_NONE : dialog_action(s, a, act);
}

static bool dialog_wants_text(const struct screen *s)
{
    (void)s;
    return true;
}

static int dialog_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)a;
    (void)twice;
    struct dialog *d = (struct dialog *)s;
    for (int b = B_YES; b <= B_NO; b++)
        if (y == d->button_y && x >= d->button_x[b] && x < d->button_x[b] + d->button_w[b])
            return choose(d, b == B_YES);
    return R_NONE;
}

static void dialog_destroy(struct screen *s)
{
    struct dialog *d = (struct dialog *)s;
    if (d->done)
        d->done(d->app, d->ctx, d->yes);
    free(d);
}

static const struct screen_ops dialog_ops = {
    .actions = dialog_actions,
    .draw = dialog_draw,
    .on_action = dialog_action,
    .on_text = dialog_text,
    .wants_text = dialog_wants_text,
    .on_click = dialog_click,
    .destroy = dialog_destroy,
    .words = dialog_words,
};

struct screen *dialog_confirm_new(struct app *a, const char *question, dialog_done_fn done, void *ctx)
{
    struct dialog *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.ops = &dialog_ops;
    d->app = a;
    d->done = done;
    d->ctx = ctx;
    d->focus = B_NO;
    snprintf(d->question, sizeof d->question, "%s", question ? question : "");
    /* the title row keeps naming the screen the question is about */
    if (a->depth > 0)
        snprintf(d->base.title, sizeof d->base.title, "%s", a->stack[a->depth - 1]->title);
    return &d->base;
}
