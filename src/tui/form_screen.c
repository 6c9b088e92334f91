/* The glue of a small form screen; see form_screen.h. */
#include "tui/form_screen.h"

#include <stdlib.h>

#include "tui/i18n.h"

static const struct action_words *screen_form_words(const struct screen *s, enum action act);

void form_screen_init(struct form_screen *fs, const enum action *actions,
                      void (*draw)(struct screen *s, struct app *a, int top, int h, int width),
                      int (*submit)(struct form_screen *fs, struct app *a, int field), int label_width)
{
    fs->ops = (struct screen_ops){
        .draw = draw,
        .on_action = form_screen_action,
        .on_text = form_screen_text,
        .wants_text = form_screen_wants_text,
        .on_click = form_screen_click,
        .destroy = form_screen_destroy,
        .words_now = screen_form_words,
        .unsaved = form_screen_unsaved,
    };
    fs->base.ops = &fs->ops;
    fs->base.actions = actions;
    fs->submit = submit;
    form_init(&fs->form, label_width);
}

static bool focus_is_button(const struct form *f)
{
    return f->focus >= 0 && f->focus < f->n && f->fields[f->focus].kind == FIELD_BUTTON;
}

const struct action_words *form_words(const struct form *f, enum action act)
{
    static const struct action_words next = {A_SELECT, N_("volgend veld"), N_("Ga naar het volgende veld.")};
    static const struct action_words cancel = {A_BACK, N_("annuleren"), N_("Sluit zonder op te slaan.")};
    static struct action_words button; /* the footer and help use it at once, from this one thread */
    if (act == A_BACK)
        return &cancel;
    if (act != A_SELECT)
        return NULL;
    if (!focus_is_button(f))
        return &next;
    /* the label is translated already; looked up again it stays what it is */
    button = (struct action_words){A_SELECT, f->fields[f->focus].label, N_("Kies de knop met de cursor.")};
    return &button;
}

static const struct action_words *screen_form_words(const struct screen *s, enum action act)
{
    return form_words(&((const struct form_screen *)s)->form, act);
}

int form_screen_action(struct screen *s, struct app *a, enum action act)
{
    struct form_screen *fs = (struct form_screen *)s;
    switch (act) {
    case A_BACK:
        return R_POP;
    case A_SELECT:
        if (!focus_is_button(&fs->form)) {
            fs->form.focus++;
            return R_DRAW;
        }
        {
            int r = fs->submit(fs, a, fs->form.focus);
            if (r & R_POP) /* done (or closed to show what someone else changed): nothing left to ask about */
                form_mark_saved(&fs->form);
            return r;
        }
    default:
        return form_action(&fs->form, act) ? R_DRAW : R_NONE;
    }
}

int form_screen_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    return form_text(&((struct form_screen *)s)->form, ch) ? R_DRAW : R_NONE;
}

const char *form_screen_unsaved(const struct screen *s)
{
    return form_changed(&((const struct form_screen *)s)->form) ? _("dit formulier") : NULL;
}

bool form_screen_wants_text(const struct screen *s)
{
    return form_focus_is_text(&((const struct form_screen *)s)->form);
}

int form_screen_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    (void)twice;
    struct form_screen *fs = (struct form_screen *)s;
    if (!form_click(&fs->form, y))
        return R_NONE;
    return focus_is_button(&fs->form) ? s->ops->on_action(s, a, A_SELECT) : R_DRAW;
}

void form_screen_destroy(struct screen *s)
{
    form_free(&((struct form_screen *)s)->form);
    free(s);
}
