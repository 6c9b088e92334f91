/* The glue of a small form screen: Enter moves to the next field and, on a button, submits; typed text
 * and clicks go to the form; a click on a button submits too; Esc closes. A screen embeds a
 * struct form_screen as its FIRST member, calls form_screen_init and supplies its own draw and submit. */
#ifndef KM_TUI_FORM_SCREEN_H
#define KM_TUI_FORM_SCREEN_H

#include "tui/app.h"
#include "tui/form.h"

struct form_screen {
    struct screen base;
    struct screen_ops ops; /* base.ops points here: the shared handlers below and the screen's draw */
    struct form form;
    /* Enter (or a click) on the button `field`; returns what on_action returns. */
    int (*submit)(struct form_screen *fs, struct app *a, int field);
};

/* Sets base.ops, base.actions and an empty form with that label width. A screen may then replace an op (e.g.
 * on_action, to do more on A_BACK, and call form_screen_action for the rest) or its actions. */
void form_screen_init(struct form_screen *fs, const enum action *actions,
                      void (*draw)(struct screen *s, struct app *a, int top, int h, int width),
                      int (*submit)(struct form_screen *fs, struct app *a, int field), int label_width);

int form_screen_action(struct screen *s, struct app *a, enum action act);
/* What Enter and Esc do in a form where Enter moves to the next field and submits on a button: "volgend veld", or
 * the button's own words ("Wachtwoord opslaan"); Esc "annuleren". For any screen's words_now. */
const struct action_words *form_words(const struct form *f, enum action act);
int form_screen_text(struct screen *s, struct app *a, wint_t ch);
bool form_screen_wants_text(const struct screen *s);
/* "dit formulier" while something typed or chosen is not saved: the app asks before it is lost. */
const char *form_screen_unsaved(const struct screen *s);
int form_screen_click(struct screen *s, struct app *a, int y, int x, bool twice);
/* form_free, then free of the screen (the struct form_screen is the first member of what was allocated). */
void form_screen_destroy(struct screen *s);

#endif
