/* The confirmation box and the box with a few choices. It draws the screen it was opened from first and its box
 * over it, so the person still sees what the question is about. */
#include "tui/dialog.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"

#define DIALOG_MAX_W 64 /* a box wider than this is hard to read */
#define DIALOG_MIN_W 36 /* room for both buttons and the hint */
#define QUESTION_MAX 1024
#define LABEL_MAX 96

struct dialog {
    struct screen base;
    struct app *app;
    char question[QUESTION_MAX];
    /* the buttons: Ja and Nee side by side for a confirmation, one per row for a choice */
    char label[DIALOG_MAX_CHOICES][LABEL_MAX];
    wint_t key[DIALOG_MAX_CHOICES][2]; /* letters that choose a button at once (0: none) */
    int n, focus;
    bool confirm;
    int chosen; /* -1: none (Esc, or the program closing) */
    dialog_done_fn done;
    dialog_choice_fn choice_done;
    void *ctx;
    /* where the last draw put the buttons, for clicks */
    int button_y[DIALOG_MAX_CHOICES], button_x[DIALOG_MAX_CHOICES], button_w[DIALOG_MAX_CHOICES];
};

/* Esc, q and the arrows arrive as actions; letters come in as typed text (see dialog_text). */
static const enum action dialog_actions[] = {A_SELECT, A_BACK, A_NEXT_FIELD, A_LEFT,  A_RIGHT,
                                             A_UP,     A_DOWN, A_PREV_FIELD, ACT_NONE};

/* Ja and Nee side by side, or a few choices one per row: Esc is "Nee" or "annuleren". */
static const struct action_words *dialog_words(const struct screen *s, enum action act)
{
    static const struct action_words confirm[] = {
        {A_SELECT, N_("kies"), N_("Kies de knop met ▶: Ja of Nee.")},
        {A_BACK, N_("nee"), N_("Antwoord Nee: er verandert niets.")},
        {A_NEXT_FIELD, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {A_PREV_FIELD, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {A_LEFT, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {A_RIGHT, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {A_UP, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {A_DOWN, N_("andere knop"), N_("Zet ▶ op de andere knop.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words choices[] = {
        {A_SELECT, N_("kies"), N_("Kies de keuze met ▶.")},
        {A_BACK, N_("annuleren"), N_("Sluit zonder te kiezen: er verandert niets.")},
        {A_NEXT_FIELD, N_("volgende keuze"), N_("Zet ▶ op de volgende keuze.")},
        {A_PREV_FIELD, N_("vorige keuze"), N_("Zet ▶ op de vorige keuze.")},
        {A_DOWN, N_("volgende keuze"), N_("Zet ▶ op de volgende keuze.")},
        {A_UP, N_("vorige keuze"), N_("Zet ▶ op de vorige keuze.")},
        {A_RIGHT, N_("volgende keuze"), N_("Zet ▶ op de volgende keuze.")},
        {A_LEFT, N_("vorige keuze"), N_("Zet ▶ op de vorige keuze.")},
        {ACT_NONE, NULL, NULL},
    };
    return action_words_find(((const struct dialog *)s)->confirm ? confirm : choices, act);
}

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

static void draw_button(struct dialog *d, int b, int y, int x)
{
    char text[LABEL_MAX + 8];
    snprintf(text, sizeof text, "[ %s ]", d->label[b]);
    bool focused = d->focus == b;
    /* the arrow marks the focus without colour, as the menus do */
    draw_text_raw(stdscr, y, x - 2, 1, focused ? "▶" : " ", TR_NORMAL);
    d->button_y[b] = y;
    d->button_x[b] = x;
    d->button_w[b] = draw_text_raw(stdscr, y, x, DIALOG_MAX_W - 6, text, focused ? TR_SELECTED : TR_NORMAL);
}

static int buttons_width(const struct dialog *d)
{
    char text[2 * LABEL_MAX + 16];
    snprintf(text, sizeof text, "[ %s ]    [ %s ]", d->label[0], d->label[1]);
    return text_width(text);
}

static int widest_button(const struct dialog *d)
{
    int w = 0;
    for (int b = 0; b < d->n; b++) {
        int bw = text_width(d->label[b]) + 4;
        w = bw > w ? bw : w;
    }
    return w;
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
    if (!d->confirm && widest_button(d) + 10 > bw)
        bw = widest_button(d) + 10;
    bw = bw < DIALOG_MIN_W ? DIALOG_MIN_W : bw > DIALOG_MAX_W ? DIALOG_MAX_W : bw;
    if (bw > width - 4)
        bw = width - 4;
    int rows = d->confirm ? 1 : d->n; /* of buttons */
    /* the whole question, however long: the box grows (the body is at least 20 rows) */
    int lines = draw_wrapped_rows(d->question, bw - 6);
    if (lines > h - 5 - rows)
        lines = h - 5 - rows;
    int bh = lines + 5 + rows;
    int y = box_top(top, h, bh, sel), x = (width - bw) / 2;
    draw_fill(stdscr, y, x, bh, bw, TR_NORMAL);
    draw_box(stdscr, y, x, bh, bw, d->n > 1 ? _("Bevestigen") : _("Let op"), TR_TITLE);
    draw_wrapped(stdscr, y + 2, x + 3, bw - 6, lines, d->question, TR_NORMAL);
    int by = y + 3 + lines;
    if (d->confirm) {
        int bx = x + (bw - buttons_width(d)) / 2;
        char yes[LABEL_MAX + 8];
        snprintf(yes, sizeof yes, "[ %s ]    ", d->label[0]);
        draw_button(d, 0, by, bx);
        draw_button(d, 1, by, bx + text_width(yes));
        draw_center(stdscr, y + bh - 2, x + 1, bw - 2, _("j = ja · n of Esc = nee"), TR_DIM);
    } else {
        for (int b = 0; b < d->n; b++)
            draw_button(d, b, by + b, x + 5);
        draw_center(stdscr, y + bh - 2, x + 1, bw - 2, _("↑/↓ en Enter, of de letter · Esc = annuleren"), TR_DIM);
    }
    /* the terminal cursor on the focused button, for screen readers */
    move(d->button_y[d->focus], d->button_x[d->focus]);
}

/* ---- choosing ---- */

/* Closing calls done from destroy, once the box is off the stack (see dialog.h). */
static int choose(struct dialog *d, int b)
{
    d->chosen = b;
    return R_POP;
}

static int dialog_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct dialog *d = (struct dialog *)s;
    switch (act) {
    case A_SELECT:
        return choose(d, d->focus);
    case A_BACK:
        return choose(d, -1);
    case A_LEFT:
    case A_UP:
    case A_PREV_FIELD:
        d->focus = (d->focus + d->n - 1) % d->n;
        return R_DRAW;
    case A_RIGHT:
    case A_DOWN:
    case A_NEXT_FIELD:
        d->focus = (d->focus + 1) % d->n;
        return R_DRAW;
    default:
        return R_NONE;
    }
}

/* Letters come here because the box takes text: a button's letter answers at once, and any other key is looked
 * up among the box's actions, so 'q' still means "Nee" (or "Annuleren") and the vi keys still move. */
static int dialog_text(struct screen *s, struct app *a, wint_t ch)
{
    struct dialog *d = (struct dialog *)s;
    for (int b = 0; b < d->n; b++)
        for (int k = 0; k < 2; k++)
            if (d->key[b][k] && (ch == d->key[b][k] || (ch < 128 && (ch | 0x20) == d->key[b][k])))
                return choose(d, b);
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
    for (int b = 0; b < d->n; b++)
        if (y == d->button_y[b] && x >= d->button_x[b] && x < d->button_x[b] + d->button_w[b])
            return choose(d, b);
    return R_NONE;
}

static void dialog_destroy(struct screen *s)
{
    struct dialog *d = (struct dialog *)s;
    if (d->done)
        d->done(d->app, d->ctx, d->chosen == 0);
    if (d->choice_done)
        d->choice_done(d->app, d->ctx, d->chosen);
    free(d);
}

static const struct screen_ops dialog_ops = {
    .draw = dialog_draw,
    .on_action = dialog_action,
    .on_text = dialog_text,
    .wants_text = dialog_wants_text,
    .on_click = dialog_click,
    .destroy = dialog_destroy,
    .words_now = dialog_words,
};

static struct dialog *dialog_new(struct app *a, const char *question, void *ctx)
{
    struct dialog *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.ops = &dialog_ops;
    d->base.actions = dialog_actions;
    d->app = a;
    d->ctx = ctx;
    d->chosen = -1;
    snprintf(d->question, sizeof d->question, "%s", question ? question : "");
    /* the title row keeps naming the screen the question is about */
    if (a->depth > 0)
        snprintf(d->base.title, sizeof d->base.title, "%s", a->stack[a->depth - 1]->title);
    return d;
}

struct screen *dialog_confirm_new(struct app *a, const char *question, dialog_done_fn done, void *ctx)
{
    struct dialog *d = dialog_new(a, question, ctx);
    if (!d)
        return NULL;
    d->done = done;
    d->confirm = true;
    d->n = 2;
    snprintf(d->label[0], LABEL_MAX, "%s", _("Ja"));
    snprintf(d->label[1], LABEL_MAX, "%s", _("Nee"));
    d->key[0][0] = L'j';
    d->key[0][1] = L'y';
    d->key[1][0] = L'n';
    d->focus = 1; /* "Nee" first, so a stray Enter never destroys anything */
    return &d->base;
}

struct screen *dialog_choice_new(struct app *a, const char *question, const struct dialog_choice *choices, int n,
                                 int focus, dialog_choice_fn done, void *ctx)
{
    if (n < 1 || n > DIALOG_MAX_CHOICES)
        return NULL;
    struct dialog *d = dialog_new(a, question, ctx);
    if (!d)
        return NULL;
    d->choice_done = done;
    d->n = n;
    for (int b = 0; b < n; b++) {
        snprintf(d->label[b], LABEL_MAX, "%s", choices[b].label);
        d->key[b][0] = choices[b].key;
    }
    d->focus = focus >= 0 && focus < n ? focus : 0;
    return &d->base;
}
