/* PROFIEL: who you are (name, username, role, e-mail, password state), your groups, and the family: a parent's
 * children with their groups, a student's parents; read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/children.h"
#include "core/groups.h"
#include "core/users.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/screens.h"

#define LABEL_W 18

struct profile_screen {
    struct screen base;
    struct app *app;
    bool found;
    struct km_user user;
    char name[256];
    struct km_group_list groups;
    struct km_child_list family; /* a parent's children, a student's parents */
};

static const enum action profile_actions[] = {A_PASSWORD, A_BACK, ACT_NONE};
/* A student does not change their own password: the screen says whom to ask instead of offering a key. */
static const enum action student_actions[] = {A_BACK, ACT_NONE};

static const struct action_words profile_words[] = {
    {A_PASSWORD, N_("nieuw wachtwoord"), N_("Kies een nieuw wachtwoord: eerst het huidige, dan twee keer het nieuwe.")},
    {ACT_NONE, NULL, NULL},
};

static void profile_clear(struct profile_screen *ps)
{
    if (ps->found)
        users_free(&ps->user);
    ps->found = false;
    groups_list_free(&ps->groups);
    children_free(&ps->family);
}

static void profile_load(struct profile_screen *ps)
{
    struct app *a = ps->app;
    profile_clear(ps);
    if (users_get_id(&a->session, a->session.user_id, &ps->user) != KM_OK) {
        app_core_error(a);
        return;
    }
    ps->found = true;
    users_display_name(&ps->user, ps->name, sizeof ps->name);
    /* a beheerder sees every group; listing them all here would say nothing about the person */
    if (ps->user.role != ROLE_BEHEERDER && ps->user.role != ROLE_OUDER &&
        groups_list(&a->session, NULL, &ps->groups) != KM_OK)
        app_core_error(a);
    enum km_rc rc = KM_OK;
    if (ps->user.role == ROLE_OUDER)
        rc = children_of(&a->session, ps->user.id, &ps->family);
    else if (ps->user.role == ROLE_LEERLING)
        rc = children_parents(&a->session, ps->user.id, &ps->family);
    if (rc != KM_OK)
        app_core_error(a);
}

static int draw_field(int y, int width, const char *label, const char *value, enum theme_role role)
{
    draw_text(stdscr, y, 4, LABEL_W, label, TR_DIM);
    draw_text(stdscr, y, 5 + LABEL_W, width - 7 - LABEL_W, value, role);
    return y + 1;
}

static int draw_person(struct profile_screen *ps, int y, int width)
{
    const struct km_user *u = &ps->user;
    char login[64], previous[20];
    /* this session is the last login: "laatst ingelogd" is the one before it */
    if (users_previous_login(&ps->app->session, previous, sizeof previous) != KM_OK)
        previous[0] = '\0';
    if (*previous)
        label_local_time(previous, login, sizeof login);
    else
        snprintf(login, sizeof login, "%s", _("nog nooit: dit is de eerste keer"));
    draw_text(stdscr, y++, 2, width - 4, ps->name, TR_TITLE);
    y++;
    y = draw_field(y, width, _("Gebruikersnaam"), u->username, TR_NORMAL);
    y = draw_field(y, width, _("Rol"), _(km_role_name(u->role)), TR_NORMAL);
    y = draw_field(y, width, _("E-mail"), *u->email ? u->email : "—", *u->email ? TR_NORMAL : TR_DIM);
    bool temporary = strcmp(u->password_state, "temporary") == 0;
    y = draw_field(y, width, _("Wachtwoord"), label_password(u->password_state, true),
                   temporary ? TR_WARNING : TR_NORMAL);
    if (u->role == ROLE_LEERLING)
        y = draw_field(y, width, "", _("Een nieuw wachtwoord vraag je aan je juf of meester."), TR_DIM);
    y = draw_field(y, width, _("Laatst ingelogd"), login, TR_NORMAL);
    if (u->synced)
        y = draw_field(y, width, _("Bron"), _("ParnasSys: naam en e-mail worden daar gewijzigd"), TR_DIM);
    return y;
}

static void draw_group(const struct km_group *g, int y, int width)
{
    char what[160];
    snprintf(what, sizeof what, "%s%s%s · %s", g->kind, *g->jaargroep ? _(" · jaargroep ") : "", g->jaargroep,
             g->schooljaar);
    draw_text(stdscr, y, 4, 22, g->name, TR_NORMAL);
    draw_text(stdscr, y, 27, width - 29, what, TR_DIM);
}

/* A parent's children, each with their groups; a student's parents, each with how they are related. */
static int draw_family(struct profile_screen *ps, int y, int bottom, int width)
{
    bool parent = ps->user.role == ROLE_OUDER;
    char head[96];
    snprintf(head, sizeof head, parent ? _("Je kinderen (%d)") : _("Je ouders (%d)"), (int)ps->family.n);
    draw_text(stdscr, y++, 2, width - 4, head, TR_TITLE);
    if (ps->family.n == 0)
        draw_text(stdscr, y++, 4, width - 6,
                  parent ? _("Nog geen kinderen gekoppeld; vraag het de school.") : _("Niemand gekoppeld."), TR_DIM);
    for (size_t i = 0; i < ps->family.n && y < bottom; i++, y++) {
        const struct km_child *c = &ps->family.items[i];
        const char *what = parent ? (*c->groups ? c->groups : _("nog in geen groep")) : c->relation;
        draw_text(stdscr, y, 4, 26, c->name, c->active ? TR_NORMAL : TR_DIM);
        draw_text(stdscr, y, 31, width - 33, what, TR_DIM);
    }
    return y + 1;
}

static void draw_groups(struct profile_screen *ps, int y, int bottom, int width)
{
    if (ps->user.role == ROLE_LEERLING || ps->user.role == ROLE_OUDER)
        y = draw_family(ps, y, bottom, width);
    if (ps->user.role == ROLE_OUDER)
        return;
    if (ps->user.role == ROLE_BEHEERDER) {
        draw_text(stdscr, y, 2, width - 4, _("Als beheerder zie je alle groepen onder GROEPEN."), TR_DIM);
        return;
    }
    char head[96];
    snprintf(head, sizeof head, _("Je groepen (%d)"), (int)ps->groups.n);
    draw_text(stdscr, y++, 2, width - 4, head, TR_TITLE);
    if (ps->groups.n == 0)
        draw_text(stdscr, y, 4, width - 6, _("Nog geen groepen."), TR_DIM);
    for (size_t i = 0; i < ps->groups.n && y < bottom; i++, y++) {
        if (y == bottom - 1 && i + 1 < ps->groups.n) { /* no room for the rest: say how many there are */
            char more[64];
            snprintf(more, sizeof more, _("… en nog %d"), (int)(ps->groups.n - i));
            draw_text(stdscr, y, 4, width - 6, more, TR_DIM);
            break;
        }
        draw_group(&ps->groups.items[i], y, width);
    }
}

static void profile_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct profile_screen *ps = (struct profile_screen *)s;
    if (!ps->found) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Je gegevens kunnen nu niet gelezen worden."), TR_WARNING);
        return;
    }
    int y = draw_person(ps, top, width) + 1;
    draw_groups(ps, y, top + h, width);
}

static int profile_action(struct screen *s, struct app *a, enum action act)
{
    (void)s;
    if (act == A_PASSWORD && a->session.role != ROLE_LEERLING) {
        app_push(a, password_screen_new(a, PW_OWN, 0));
        return R_DRAW;
    }
    return act == A_BACK ? R_POP : R_NONE;
}

static void profile_reload(struct screen *s, struct app *a)
{
    (void)a;
    profile_load((struct profile_screen *)s);
}

static void profile_destroy(struct screen *s)
{
    profile_clear((struct profile_screen *)s);
    free(s);
}

static const struct screen_ops profile_ops = {
    .draw = profile_draw,
    .on_action = profile_action,
    .reload = profile_reload,
    .resume = profile_reload,
    .destroy = profile_destroy,
};

struct screen *profile_screen_new(struct app *a)
{
    struct profile_screen *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    bool student = a->session.role == ROLE_LEERLING;
    ps->base.ops = &profile_ops;
    ps->base.actions = student ? student_actions : profile_actions;
    ps->base.words = student ? NULL : profile_words;
    ps->app = a;
    snprintf(ps->base.title, sizeof ps->base.title, "%s", "PROFIEL");
    profile_load(ps);
    return &ps->base;
}
