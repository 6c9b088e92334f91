/* Login: username and password (never echoed), the school's name and the program's version. */
#include <stdlib.h>
#include <string.h>

#include "core/login.h"
#include "core/users.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/i18n.h"
#include "tui/screens.h"
#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */

enum { F_USER, F_PASS, F_GO, F_FORGOT };

struct login_screen {
    struct screen base;
    struct form form;
    bool failed; /* a login failed: the lock-out rule is shown, the same for every name */
};

static const enum action login_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP,
                                            A_DOWN,   A_BACK,       A_QUIT,       ACT_NONE};

/* Enter goes from the name to the password, then logs in; on the other button it asks for a code. */
static const struct action_words *login_words(const struct screen *s, enum action act)
{
    static const struct action_words enter[] = {
        {A_SELECT, N_("naar wachtwoord"), N_("Ga naar het wachtwoord.")},
        {A_SELECT, N_("inloggen"), N_("Log in met de gebruikersnaam en het wachtwoord.")},
        {A_SELECT, N_("inloggen"), N_("Log in met de gebruikersnaam en het wachtwoord.")},
        {A_SELECT, N_("wachtwoord vergeten"), N_("Vraag een code aan om een nieuw wachtwoord te kiezen.")},
    };
    static const struct action_words words[] = {
        {A_BACK, N_("afsluiten"), N_("Sluit het programma af.")},
        {ACT_NONE, NULL, NULL},
    };
    int focus = ((const struct login_screen *)s)->form.focus;
    if (act == A_SELECT && focus >= F_USER && focus <= F_FORGOT)
        return &enter[focus];
    return action_words_find(words, act);
}

static void draw_demo_hint(struct app *a, int y, int width)
{
    if (!a->school.demo)
        return;
    draw_center(stdscr, y, 0, width, _("Demoschool — accounts: beheerder, leerkracht, leerling, ouder"), TR_DIM);
    draw_center(stdscr, y + 1, 0, width, _("wachtwoord: demo (tenzij bij het maken anders gekozen)"), TR_DIM);
}

static void login_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct login_screen *ls = (struct login_screen *)s;
    draw_center(stdscr, top + 1, 0, width, a->school.name, TR_TITLE);
    draw_center(stdscr, top + 2, 0, width, _("Log in met je gebruikersnaam en wachtwoord"), TR_NORMAL);
    int fx = (width - 52) / 2;
    draw_demo_hint(a, top + h - 3, width);
    char version[64];
    snprintf(version, sizeof version, "klassenmap %s", KM_VERSION);
    draw_text_raw(stdscr, top + h - 1, width - 20, 19, version, TR_DIM);
    if (ls->failed) { /* the rule, not whether this name exists or is locked: that would tell too much */
        char rule[300];
        snprintf(rule, sizeof rule,
                 ngettext("Na %d mislukte poging wordt een account %d minuten geblokkeerd — vraag dan je beheerder.",
                          "Na %d mislukte pogingen wordt een account %d minuten geblokkeerd — vraag dan je beheerder.",
                          (unsigned long)a->auth.limits.max_failures),
                 a->auth.limits.max_failures, a->auth.limits.lock_minutes);
        draw_wrapped(stdscr, top + 5 + 2 * ls->form.n, fx, 52, 2, rule, TR_DIM);
    }
    form_draw(&ls->form, top + 5, fx, 52);
}

static void full_name(struct app *a)
{
    struct km_user u;
    if (users_get_id(&a->session, a->session.user_id, &u) == KM_OK) {
        users_display_name(&u, a->user_name, sizeof a->user_name);
        users_free(&u);
    } else {
        snprintf(a->user_name, sizeof a->user_name, "%s", a->session.username);
    }
}

static int try_login(struct login_screen *ls, struct app *a)
{
    struct form *f = &ls->form;
    struct login_result res;
    enum km_rc rc = login_attempt(a->db, &a->auth, f->fields[F_USER].value, f->fields[F_PASS].value, &a->session, &res);
    form_clear(f, F_PASS);
    if (rc != KM_OK) {
        app_message(a, TR_ERROR, "%s", _("Onjuiste gebruikersnaam of wachtwoord"));
        ls->failed = true;
        f->focus = F_PASS;
        return R_DRAW;
    }
    ls->failed = false;
    a->logged_in = true;
    full_name(a);
    form_clear(f, F_USER);
    f->focus = F_USER;
    app_push(a, res.must_change_password ? password_screen_new(a, PW_FORCED, 0) : home_screen_new(a));
    return R_DRAW;
}

static int login_action(struct screen *s, struct app *a, enum action act)
{
    struct login_screen *ls = (struct login_screen *)s;
    struct form *f = &ls->form;
    if (act == A_BACK || act == A_QUIT)
        return R_QUIT;
    if (act == A_SELECT && f->focus == F_USER) {
        f->focus = F_PASS;
        return R_DRAW;
    }
    if (act == A_SELECT && f->focus == F_FORGOT) {
        f->focus = F_USER; /* back here, the next thing to do is log in */
        app_push(a, password_screen_new(a, PW_FORGOT_ASK, 0));
        return R_DRAW;
    }
    if (act == A_SELECT && !*f->fields[F_PASS].value) {
        /* nothing typed: no attempt (it would count as a failure), just where to type */
        app_message(a, TR_NORMAL, "%s", _("Typ je wachtwoord."));
        f->focus = F_PASS;
        return R_DRAW;
    }
    if (act == A_SELECT)
        return try_login(ls, a);
    return form_action(f, act) ? R_DRAW : R_NONE;
}

static int login_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    return form_text(&((struct login_screen *)s)->form, ch) ? R_DRAW : R_NONE;
}

static bool login_wants_text(const struct screen *s)
{
    return form_focus_is_text(&((const struct login_screen *)s)->form);
}

static int login_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    (void)twice;
    struct login_screen *ls = (struct login_screen *)s;
    if (!form_click(&ls->form, y))
        return R_NONE;
    return ls->form.fields[ls->form.focus].kind == FIELD_BUTTON ? login_action(s, a, A_SELECT) : R_DRAW;
}

/* Coming back here means the user logged out: forget who it was. */
static void login_reload(struct screen *s, struct app *a)
{
    (void)s;
    if (a->depth && a->stack[a->depth - 1] == s && a->logged_in) {
        a->logged_in = false;
        memset(&a->session, 0, sizeof a->session);
        a->user_name[0] = '\0';
    }
}

static void login_destroy(struct screen *s)
{
    struct login_screen *ls = (struct login_screen *)s;
    form_free(&ls->form);
    free(ls);
}

static const struct screen_ops login_ops = {
    .draw = login_draw,
    .on_action = login_action,
    .on_text = login_text,
    .wants_text = login_wants_text,
    .reload = login_reload,
    .resume = login_reload,
    .on_click = login_click,
    .destroy = login_destroy,
    .words_now = login_words,
};

struct screen *login_screen_new(struct app *a)
{
    (void)a;
    struct login_screen *ls = calloc(1, sizeof *ls);
    if (!ls)
        return NULL;
    ls->base.ops = &login_ops;
    ls->base.actions = login_actions;
    snprintf(ls->base.title, sizeof ls->base.title, "%s", _("Inloggen"));
    form_init(&ls->form, 16);
    if (form_add(&ls->form, FIELD_TEXT, _("Gebruikersnaam"), true) < 0 ||
        form_add(&ls->form, FIELD_PASSWORD, _("Wachtwoord"), true) < 0 ||
        form_add(&ls->form, FIELD_BUTTON, _("Inloggen"), false) < 0 ||
        form_add(&ls->form, FIELD_BUTTON, _("Wachtwoord vergeten"), false) < 0) {
        login_destroy(&ls->base);
        return NULL;
    }
    ls->form.fields[F_USER].max_chars = 64;
    return &ls->base;
}
