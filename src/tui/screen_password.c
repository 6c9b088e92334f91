/* Every way to a new password: forgotten (code by mail), forced after a temporary one, one's own in
 * PROFIEL, and someone else's (a student by their teacher, anyone by the beheerder). Passwords are typed
 * without echo, live in locked memory, and are wiped as soon as core has them. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/login.h"
#include "core/reset.h"
#include "core/users.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/screens.h"

struct password_screen {
    struct screen base;
    enum password_mode mode;
    struct form form;
    int64_t target;
    char target_name[200];
    bool target_student;
    char *shown;         /* a generated password, shown once (sodium_malloc'd), or NULL */
    char who[200];       /* forgotten: the username or e-mail the code was sent for */
    int generate_button; /* index of "make one" for a student, or -1 */
    char refusal[300];   /* core's sentence after a refusal, shown whole under the form */
};

static const enum action password_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP, A_DOWN, A_BACK, ACT_NONE};

/* Index of the first password field: after the code (forgotten) or the current password (own). */
static int first_new(const struct password_screen *p) { return p->mode == PW_FORGOT_CODE || p->mode == PW_OWN ? 1 : 0; }

static const char *intro(const struct password_screen *p)
{
    switch (p->mode) {
    case PW_FORGOT_ASK:
        return _("Vul je gebruikersnaam of e-mailadres in; je krijgt een code per mail.");
    /* the same words for every name: nothing tells whether the account exists, or is a student's */
    case PW_FORGOT_CODE:
        return _("Als dit account bestaat en een e-mailadres heeft, is er nu een code gemaild: vul die in en kies een "
                 "nieuw wachtwoord. Leerlingen krijgen geen code: vraag je juf of meester om een nieuw wachtwoord.");
    case PW_FORCED:
        return _("Je wachtwoord is tijdelijk. Kies nu een eigen wachtwoord.");
    case PW_OWN:
        return _("Vul je huidige wachtwoord in en kies een nieuw wachtwoord.");
    case PW_OTHER:
        return _("Kies een nieuw wachtwoord voor:");
    }
    return "";
}

static void password_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct password_screen *p = (struct password_screen *)s;
    (void)a;
    (void)h;
    int x = (width - 72) / 2;
    draw_wrapped(stdscr, top + 1, x, 72, p->mode == PW_FORGOT_CODE ? 3 : 1, intro(p), TR_NORMAL);
    if (p->mode == PW_OTHER)
        draw_text(stdscr, top + 2, x + 2, 70, p->target_name, TR_TITLE);
    if (p->mode == PW_FORGOT_ASK)
        draw_text(stdscr, top + 2, x, 72, _("Leerlingen: vraag je juf of meester om een nieuw wachtwoord."), TR_DIM);
    if (p->shown) {
        char line[200];
        snprintf(line, sizeof line, _("Nieuw wachtwoord: %s"), p->shown);
        draw_text(stdscr, top + 13, x, 72, line, TR_OK);
        sodium_memzero(line, sizeof line);
        draw_text(stdscr, top + 14, x, 72, _("Schrijf het op voor de leerling: het wordt niet opnieuw getoond."),
                  TR_DIM);
    }
    int fy = top + (p->mode == PW_FORGOT_CODE ? 5 : 4); /* under an intro of three rows */
    if (p->refusal[0])
        draw_wrapped(stdscr, fy + 2 * p->form.n, x, 72, 2, p->refusal, TR_ERROR);
    form_draw(&p->form, fy, x, 72); /* last: it leaves the cursor in the focused field */
}

/* The two new-password fields must match; the field says so, nothing is sent to core. */
static bool new_passwords_match(struct password_screen *p)
{
    int i = first_new(p);
    struct field *f1 = &p->form.fields[i], *f2 = &p->form.fields[i + 1];
    if (strcmp(f1->value, f2->value) == 0)
        return true;
    form_clear(&p->form, i + 1);
    snprintf(f2->error, sizeof f2->error, "%s", _("niet gelijk aan het eerste"));
    p->form.focus = i + 1;
    return false;
}

static void wipe_fields(struct password_screen *p)
{
    for (int i = 0; i < p->form.n; i++)
        if (p->form.fields[i].kind == FIELD_PASSWORD)
            form_clear(&p->form, i);
}

static int submit_forgot_ask(struct password_screen *p, struct app *a)
{
    snprintf(p->who, sizeof p->who, "%s", p->form.fields[0].value);
    if (reset_request(a->db, a->cfg, p->who) != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    struct screen *next = password_screen_new(a, PW_FORGOT_CODE, 0);
    if (next)
        snprintf(((struct password_screen *)next)->who, sizeof p->who, "%s", p->who);
    app_message(a, TR_OK, "%s", _("Als dit account bestaat en een e-mailadres heeft, is er nu een code verstuurd."));
    app_replace(a, next);
    return R_POP;
}

static enum km_rc send_new_password(struct password_screen *p, struct app *a, const char *pw)
{
    switch (p->mode) {
    case PW_FORGOT_CODE:
        return reset_confirm(a->db, &a->auth, p->who, p->form.fields[0].value, pw);
    case PW_OWN:
        return users_change_own_password(&a->session, p->form.fields[0].value, pw, &a->auth);
    case PW_FORCED:
        return users_set_password(&a->session, a->session.user_id, pw, &a->auth);
    case PW_OTHER:
        return users_set_password(&a->session, p->target, pw, &a->auth);
    case PW_FORGOT_ASK:
        break;
    }
    return KM_ERR;
}

static const char *done_text(enum password_mode mode)
{
    switch (mode) {
    case PW_FORGOT_CODE:
        return _("Je wachtwoord is gewijzigd; log in met je nieuwe wachtwoord.");
    case PW_OTHER:
        return _("Het wachtwoord is ingesteld.");
    case PW_FORCED:
    case PW_OWN:
    case PW_FORGOT_ASK:
        break;
    }
    return _("Je wachtwoord is gewijzigd.");
}

static int after_success(struct password_screen *p, struct app *a)
{
    form_mark_saved(&p->form);
    app_message(a, TR_OK, "%s", done_text(p->mode));
    if (p->mode == PW_FORCED)
        app_replace(a, home_screen_new(a)); /* logging out from home then returns to the login screen */
    return R_POP;
}

/* After a refusal the form keeps what is still valid and puts the cursor on the field to fix, with core's
 * sentence beside it: the new pair when the policy refused it, the current password (or the code) when that
 * was wrong. Anything else starts over. */
static void after_refusal(struct password_screen *p, enum km_rc rc, const char *why)
{
    int i = first_new(p);
    struct field *fix;
    if (rc == KM_INVALID) {
        form_clear(&p->form, i);
        form_clear(&p->form, i + 1);
        p->form.focus = i;
    } else if (rc == KM_DENIED && i == 1) {
        if (p->form.fields[0].kind == FIELD_PASSWORD)
            form_clear(&p->form, 0);
        p->form.focus = 0;
    } else {
        wipe_fields(p);
        p->form.focus = 0;
    }
    fix = &p->form.fields[p->form.focus];
    snprintf(fix->error, sizeof fix->error, "%s", rc == KM_INVALID ? _("kies een ander wachtwoord") : _("klopt niet"));
    snprintf(p->refusal, sizeof p->refusal, "%s", why);
}

static int submit_new(struct password_screen *p, struct app *a)
{
    int bad = form_validate(&p->form);
    if (bad >= 0) {
        p->form.focus = bad; /* the first empty field, never past it */
        return R_DRAW;
    }
    if (!new_passwords_match(p))
        return R_DRAW;
    p->refusal[0] = '\0';
    int i = first_new(p);
    enum km_rc rc = send_new_password(p, a, p->form.fields[i].value);
    if (rc == KM_OK) {
        wipe_fields(p);
        return after_success(p, a);
    }
    /* the sentence stays whole under the form; the message line only points there */
    app_message(a, TR_ERROR, "%s", _("Niet opgeslagen: onder het formulier staat waarom."));
    after_refusal(p, rc, db_errmsg(a->db));
    return R_DRAW;
}

static int generate(struct password_screen *p, struct app *a)
{
    if (p->mode != PW_OTHER || !p->target_student)
        return R_NONE;
    if (!p->shown && !(p->shown = sodium_malloc(16)))
        return R_NONE;
    auth_generate_password(p->shown, 11);
    if (users_set_password(&a->session, p->target, p->shown, &a->auth) != KM_OK) {
        sodium_free(p->shown);
        p->shown = NULL;
        app_core_error(a);
        return R_DRAW;
    }
    form_mark_saved(&p->form);
    app_message(a, TR_OK, "%s", _("Het wachtwoord is ingesteld."));
    return R_DRAW;
}

/* Enter in a field goes to the next field still empty, else to the first button: after fixing the one field a
 * refusal pointed at, the next Enter is on "opslaan". */
static int next_to_fill(const struct form *f)
{
    for (int i = f->focus + 1; i < f->n && f->fields[i].kind != FIELD_BUTTON; i++)
        if (!f->fields[i].value[0])
            return i;
    for (int i = f->focus + 1; i < f->n; i++)
        if (f->fields[i].kind == FIELD_BUTTON)
            return i;
    return f->focus;
}

static int password_action(struct screen *s, struct app *a, enum action act)
{
    struct password_screen *p = (struct password_screen *)s;
    switch (act) {
    case A_BACK:
        return R_POP; /* leaving a forced change means not logging in: the login screen forgets the session */
    case A_SELECT:
        if (p->form.fields[p->form.focus].kind != FIELD_BUTTON) {
            p->form.focus = next_to_fill(&p->form);
            return R_DRAW;
        }
        if (p->form.focus == p->generate_button)
            return generate(p, a);
        return p->mode == PW_FORGOT_ASK ? submit_forgot_ask(p, a) : submit_new(p, a);
    default:
        return form_action(&p->form, act) ? R_DRAW : R_NONE;
    }
}

static int password_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    return form_text(&((struct password_screen *)s)->form, ch) ? R_DRAW : R_NONE;
}

/* A password typed and not yet saved is work too: leaving asks first (and the fields are wiped either way). */
static const char *password_unsaved(const struct screen *s)
{
    const struct password_screen *p = (const struct password_screen *)s;
    return p->mode != PW_FORGOT_ASK && form_changed(&p->form) ? _("het wachtwoordformulier") : NULL;
}

static bool password_wants_text(const struct screen *s)
{
    return form_focus_is_text(&((const struct password_screen *)s)->form);
}

static int password_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    (void)twice;
    struct password_screen *p = (struct password_screen *)s;
    if (!form_click(&p->form, y))
        return R_NONE;
    return p->form.fields[p->form.focus].kind == FIELD_BUTTON ? password_action(s, a, A_SELECT) : R_DRAW;
}

static void password_destroy(struct screen *s)
{
    struct password_screen *p = (struct password_screen *)s;
    form_free(&p->form);
    if (p->shown)
        sodium_free(p->shown);
    free(p);
}

static const struct action_words *password_words(const struct screen *s, enum action act)
{
    return form_words(&((const struct password_screen *)s)->form, act);
}

static const struct screen_ops password_ops = {
    .draw = password_draw,
    .on_action = password_action,
    .on_text = password_text,
    .wants_text = password_wants_text,
    .on_click = password_click,
    .destroy = password_destroy,
    .words_now = password_words,
    .unsaved = password_unsaved,
};

static bool add_fields(struct password_screen *p)
{
    struct form *f = &p->form;
    bool ok = true;
    if (p->mode == PW_FORGOT_ASK)
        return form_add(f, FIELD_TEXT, _("Naam of e-mail"), true) >= 0 &&
               form_add(f, FIELD_BUTTON, _("Stuur code"), false) >= 0;
    if (p->mode == PW_FORGOT_CODE)
        ok = form_add(f, FIELD_TEXT, _("Code uit de mail"), true) >= 0;
    if (p->mode == PW_OWN)
        ok = form_add(f, FIELD_PASSWORD, _("Huidig wachtwoord"), true) >= 0;
    ok = ok && form_add(f, FIELD_PASSWORD, _("Nieuw wachtwoord"), true) >= 0 &&
         form_add(f, FIELD_PASSWORD, _("Nogmaals"), true) >= 0 &&
         form_add(f, FIELD_BUTTON, _("Wachtwoord opslaan"), false) >= 0;
    /* A readable one, shown once, for the teacher to hand to a child. */
    if (ok && p->mode == PW_OTHER && p->target_student)
        ok = (p->generate_button = form_add(f, FIELD_BUTTON, _("Maak een leesbaar wachtwoord"), false)) >= 0;
    return ok;
}

static const char *mode_title(enum password_mode mode)
{
    switch (mode) {
    case PW_FORGOT_ASK:
    case PW_FORGOT_CODE:
        return _("Wachtwoord vergeten");
    case PW_FORCED:
        return _("Kies een eigen wachtwoord");
    case PW_OWN:
        return _("PROFIEL — wachtwoord wijzigen");
    case PW_OTHER:
        return _("WACHTWOORD INSTELLEN");
    }
    return "";
}

static void load_target(struct password_screen *p, struct app *a)
{
    struct km_user u;
    if (users_get_id(&a->session, p->target, &u) != KM_OK)
        return;
    char name[160];
    users_display_name(&u, name, sizeof name);
    snprintf(p->target_name, sizeof p->target_name, "%s (%s, %s)", name, u.username, _(km_role_name(u.role)));
    p->target_student = u.role == ROLE_LEERLING;
    users_free(&u);
}

struct screen *password_screen_new(struct app *a, enum password_mode mode, int64_t target)
{
    struct password_screen *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->mode = mode;
    p->target = target;
    if (mode == PW_OTHER)
        load_target(p, a);
    p->base.ops = &password_ops;
    p->base.actions = password_actions;
    p->generate_button = -1;
    snprintf(p->base.title, sizeof p->base.title, "%s", mode_title(mode));
    form_init(&p->form, 18);
    if (!add_fields(p)) {
        password_destroy(&p->base);
        return NULL;
    }
    if (mode == PW_FORGOT_CODE)
        p->form.fields[0].max_chars = 16;
    return &p->base;
}
