/* The glue of a small form screen: Enter moves to the next field and, on a button, submits; typed text
 * and clicks go to the form; a click on a button submits too; Esc closes. A screen embeds a
 * struct form_screen as its FIRST member, calls form_screen_init and supplies its own draw and submit. */
#ifndef KM_TUI_FORM_SCREEN_H
#define KM_TUI_FORM_SCREEN_H

#include "tui/app.h"
#include "tui/form.h"

struct form_screen {
    struct screen base;
    struct screen_ops ops; /* base.ops points here: the shared handlers below, the screen's draw and actions */
    struct form form;
    /* Enter (or a click) on the button `field`; returns what on_action returns. */
    int (*submit)(struct form_screen *fs, struct app *a, int field);
};

/* Sets base.ops and an empty form with that label width. A screen may then replace an op (e.g. on_action,
 * to do more on A_BACK, and call form_screen_action for the rest). */
void form_screen_init(struct form_screen *fs, const enum action *actions,
                      void (*draw)(struct screen *s, struct app *a, int top, int h, int width),
                      int (*submit)(struct form_screen *fs, struct app *a, int field), int label_width);

int form_screen_action(struct screen *s, struct app *a, enum action act);
int form_screen_text(struct screen *s, struct app *a, wint_t ch);
bool form_screen_wants_text(const struct screen *s);
/* "dit formulier" while something typed or chosen is not saved: the app asks before it is lost. */
const char *form_screen_unsaved(const struct screen *s);
int form_screen_click(struct screen *s, struct app *a, int y, int x, bool twice);
/* form_free, then free of the screen (the struct form_screen is the first member of what was allocated). */
void form_screen_destroy(struct screen *s);

#endif
