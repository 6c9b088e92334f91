/* MIJNGEBRUIKERS → LERAREN, LEERLINGEN, OUDERS: everyone of one kind in a table (name frozen on the left),
 * searchable with '/', and a person's details with their groups on Enter. Only the password's state is
 * shown, never anything derived from the password itself. Core decides who may list accounts (beheerder). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/children.h"
#include "core/dates.h"
#include "core/memberships.h"
#include "core/text.h"
#include "core/users.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/search.h"

enum ucol { UC_NAME, UC_USERNAME, UC_GROUP, UC_ROLE, UC_EMAIL, UC_STATUS, UC_PASSWORD, UC__COUNT };

struct ucol_spec {
    const char *title; /* translated when drawn */
    int min, max;      /* width limits; within them the widest value decides */
};

static const struct ucol_spec ucols[UC__COUNT] = {
    [UC_NAME] = {N_("Naam"), 12, 30},          [UC_USERNAME] = {N_("Gebruikersnaam"), 14, 26},
    [UC_GROUP] = {N_("Groep"), 6, 24},         [UC_ROLE] = {N_("Rol"), 6, 12},
    [UC_EMAIL] = {N_("E-mail"), 10, 44},       [UC_STATUS] = {N_("Status"), 6, 22},
    [UC_PASSWORD] = {N_("Wachtwoord"), 6, 12},
};

struct urow {
    const struct km_user *u;
    char *name; /* display name, made once per load */
};

struct users_screen {
    struct screen base;
    struct app *app;
    enum km_role role; /* ROLE_LEERKRACHT: leerkrachten and beheerders */
    struct km_user_list all;
    struct urow *rows;
    int n, inactive;
    enum ucol cols[UC__COUNT]; /* the columns shown, in order */
    int ncols;
    int width[UC__COUNT];
    struct grid grid;
    char text[1024]; /* row_text's answer */
    char cell[256];  /* a cell's text while it is measured or drawn */
};

static const enum action users_actions[] = {A_SELECT, A_SEARCH,  A_SEARCH_NEXT, A_BACK, A_UP,  A_DOWN,  A_LEFT,
                                            A_RIGHT,  A_PAGE_UP, A_PAGE_DOWN,   A_HOME, A_END, ACT_NONE};

/* ---- texts ---- */

/* Dates are stored as YYYY-MM-DD; shown the Dutch way, DD-MM-YYYY. Anything else is shown as it is. */
static void date_text(const char *iso, char *out, size_t len)
{
    int64_t day;
    char nl[11];
    if (dates_parse(iso, &day)) {
        dates_format_nl(day, nl);
        snprintf(out, len, "%s", nl);
    } else {
        snprintf(out, len, "%s", iso);
    }
}

/* ---- the table ---- */

static const char *cell_text(struct users_screen *us, int row, enum ucol c)
{
    const struct km_user *u = us->rows[row].u;
    switch (c) {
    case UC_NAME:
        return us->rows[row].name;
    case UC_USERNAME:
        return u->username;
    case UC_GROUP:
        return u->groups && *u->groups ? u->groups : "—";
    case UC_ROLE:
        return _(km_role_name(u->role));
    case UC_EMAIL:
        return *u->email ? u->email : "—";
    case UC_STATUS: /* a lock says so first: it is what the beheerder is looked for about */
        if (!label_locked(u, us->cell, sizeof us->cell))
            label_status(u->active, u->synced, us->cell, sizeof us->cell);
        return us->cell;
    case UC_PASSWORD:
        return label_password(u->password_state, false);
    default:
        return "";
    }
}

static int col_width(void *ctx, int col)
{
    struct users_screen *us = ctx;
    return us->width[us->cols[col]];
}

static void draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct users_screen *us = ctx;
    enum ucol c = us->cols[col];
    const struct km_user *u = us->rows[row].u;
    enum theme_role role = TR_NORMAL;
    /* inactive people and missing e-mail addresses step back, but keep their words */
    if (!u->active || (c == UC_EMAIL && !*u->email))
        role = TR_DIM;
    if (c == UC_STATUS && *u->locked_until)
        role = TR_WARNING;
    draw_text(stdscr, y, x, width, cell_text(us, row, c), selected ? TR_SELECTED : role);
}

static void draw_header(void *ctx, int col, int y, int x, int width)
{
    struct users_screen *us = ctx;
    draw_text(stdscr, y, x, width, _(ucols[us->cols[col]].title), TR_GRID_HEADER);
}

static const char *row_text(void *ctx, int row)
{
    struct users_screen *us = ctx;
    const struct km_user *u = us->rows[row].u;
    snprintf(us->text, sizeof us->text, "%s %s %s %s", us->rows[row].name, u->username, u->email,
             u->groups ? u->groups : "");
    return us->text;
}

static const struct grid_ops users_grid = {col_width, draw_cell, draw_header, row_text};

static bool wanted(const struct users_screen *us, const struct km_user *u)
{
    if (us->role == ROLE_LEERKRACHT)
        return u->role == ROLE_LEERKRACHT || u->role == ROLE_BEHEERDER;
    return u->role == us->role;
}

static void free_rows(struct users_screen *us)
{
    for (int i = 0; i < us->n; i++)
        free(us->rows[i].name);
    free(us->rows);
    us->rows = NULL;
    us->n = us->inactive = 0;
    users_list_free(&us->all);
}

static void measure(struct users_screen *us)
{
    for (int k = 0; k < us->ncols; k++) {
        enum ucol c = us->cols[k];
        int w = text_width(_(ucols[c].title));
        for (int i = 0; i < us->n; i++) {
            int tw = text_width(cell_text(us, i, c));
            w = tw > w ? tw : w;
        }
        us->width[c] = w < ucols[c].min ? ucols[c].min : w > ucols[c].max ? ucols[c].max : w;
    }
}

static bool fill_rows(struct users_screen *us)
{
    us->n = us->inactive = 0; /* free_rows did so too, but users_list(&us->all) may have written anywhere in us */
    us->rows = calloc(us->all.n ? us->all.n : 1, sizeof *us->rows);
    if (!us->rows)
        return false;
    for (size_t i = 0; i < us->all.n; i++) {
        const struct km_user *u = &us->all.items[i];
        if (!wanted(us, u))
            continue;
        struct urow *r = &us->rows[us->n];
        r->u = u;
        if (!(r->name = label_display_name(u)))
            return false;
        us->n++;
        us->inactive += !u->active;
    }
    return true;
}

static int row_of_id(const struct users_screen *us, int64_t id)
{
    for (int i = 0; i < us->n; i++)
        if (us->rows[i].u->id == id)
            return i;
    return -1;
}

/* Reads the accounts again; the cursor stays on the same person when they are still there. */
static void load(struct users_screen *us)
{
    struct app *a = us->app;
    int64_t keep = us->n ? us->rows[us->grid.cur_row].u->id : 0;
    int keep_row = us->grid.cur_row;
    free_rows(us);
    struct user_filter f = {.any_role = us->role == ROLE_LEERKRACHT, .role = us->role, .include_inactive = true};
    if (users_list(&a->session, &f, &us->all) != KM_OK) {
        app_core_error(a);
    } else if (!fill_rows(us)) {
        free_rows(us);
        app_message(a, TR_ERROR, "%s", _("Onvoldoende geheugen."));
    }
    measure(us);
    int row = row_of_id(us, keep);
    grid_set_size(&us->grid, us->n, us->ncols);
    grid_set_cursor(&us->grid, row >= 0 ? row : keep_row, us->grid.cur_col);
}

/* ---- the screen ---- */

static void users_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct users_screen *us = (struct users_screen *)s;
    char line[160];
    int n = snprintf(line, sizeof line, ngettext("%d persoon", "%d personen", (unsigned long)us->n), us->n);
    if (us->inactive && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, _(" · %d inactief"), us->inactive);
    draw_text(stdscr, top, 2, width - 4, line, TR_DIM);
    if (us->n == 0) {
        draw_text(stdscr, top + 2, 2, width - 4, _("Er zijn hier (nog) geen accounts."), TR_NORMAL);
        return;
    }
    grid_draw(&us->grid, top + 2, 1, h - 2, width - 2);
}

static const char *list_title(enum km_role role)
{
    /* the names the school knows from the menu; not translated */
    return role == ROLE_LEERLING ? "LEERLINGEN" : role == ROLE_OUDER ? "OUDERS" : "LERAREN";
}

static struct screen *person_screen_new(struct app *a, int64_t id, const char *from);

static int open_person(struct users_screen *us, struct app *a)
{
    if (us->n)
        app_push(a, person_screen_new(a, us->rows[us->grid.cur_row].u->id, list_title(us->role)));
    return R_DRAW;
}

static int users_action(struct screen *s, struct app *a, enum action act)
{
    struct users_screen *us = (struct users_screen *)s;
    if (grid_move(&us->grid, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return open_person(us, a);
    case A_SEARCH:
        return grid_search_action(a, &us->grid, _("Zoek (naam, gebruikersnaam, e-mail):"), SEARCH_PEOPLE);
    case A_SEARCH_NEXT:
        return grid_search_next_action(a, &us->grid, SEARCH_PEOPLE);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int users_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct users_screen *us = (struct users_screen *)s;
    if (!grid_click(&us->grid, y, x))
        return R_NONE;
    return twice ? open_person(us, a) : R_DRAW;
}

static void users_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct users_screen *)s);
}

static void users_destroy(struct screen *s)
{
    free_rows((struct users_screen *)s);
    free(s);
}

static const struct action_words users_words[] = {
    {A_SELECT, N_("open"), N_("Open de gegevens van de gekozen persoon: groepen, wachtwoord, blokkade.")},
    {A_SEARCH, N_("zoek"), N_("Zoek op naam, gebruikersnaam of e-mail; accenten en hoofdletters tellen niet.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops users_ops = {
    .draw = users_draw,
    .on_action = users_action,
    .reload = users_reload,
    .resume = users_reload,
    .on_click = users_click,
    .destroy = users_destroy,
};

static void choose_columns(struct users_screen *us)
{
    /* the status (inactive, locked) before the long e-mail addresses, so a lock is seen at 80 columns too */
    static const enum ucol staff[] = {UC_NAME, UC_USERNAME, UC_ROLE, UC_STATUS, UC_EMAIL, UC_PASSWORD};
    static const enum ucol students[] = {UC_NAME, UC_GROUP, UC_USERNAME, UC_STATUS, UC_EMAIL, UC_PASSWORD};
    static const enum ucol others[] = {UC_NAME, UC_USERNAME, UC_STATUS, UC_EMAIL, UC_PASSWORD};
    /* LERAREN holds two roles, so only there a role column tells them apart */
    /* and in LEERLINGEN the group tells two children with the same name apart */
    const enum ucol *cols = us->role == ROLE_LEERKRACHT ? staff : us->role == ROLE_LEERLING ? students : others;
    us->ncols = us->role == ROLE_OUDER ? (int)(sizeof others / sizeof *others) : (int)(sizeof staff / sizeof *staff);
    memcpy(us->cols, cols, (size_t)us->ncols * sizeof *cols);
}

struct screen *users_screen_new(struct app *a, enum km_role role)
{
    struct users_screen *us = calloc(1, sizeof *us);
    if (!us)
        return NULL;
    us->base.ops = &users_ops;
    us->base.actions = users_actions;
    us->base.words = users_words;
    us->app = a;
    us->role = role == ROLE_BEHEERDER ? ROLE_LEERKRACHT : role;
    snprintf(us->base.title, sizeof us->base.title, "%s", list_title(us->role));
    choose_columns(us);
    grid_init(&us->grid, &users_grid, us, 1, true);
    us->grid.gap = 2; /* words in neighbouring columns must not run together */
    load(us);
    return &us->base;
}

/* ---- one person: details and groups ---- */

struct person_screen {
    struct screen base;
    struct app *app;
    int64_t id;
    bool found;
    struct km_user user;
    char *name;
    struct km_membership_list groups; /* the person's groups, and whether they teach each */
    int ngroups;
    struct km_child_list family; /* a parent's children, a student's parents: listed after the groups */
    struct list list;
    int group_w;      /* the widest group name, within limits */
    const char *from; /* the list it was opened from (a static name), for the title */
};

static const enum action person_actions[] = {A_PASSWORD, A_UNLOCK,    A_SELECT, A_BACK, A_UP,    A_DOWN,
                                             A_PAGE_UP,  A_PAGE_DOWN, A_HOME,   A_END,  ACT_NONE};
/* a student's or parent's page: the family links too */
static const enum action family_actions[] = {A_PASSWORD, A_UNLOCK,  A_SELECT,    A_ADD,  A_DELETE, A_BACK,  A_UP,
                                             A_DOWN,     A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,    ACT_NONE};

static const struct screen_ops person_ops, family_ops;

static void draw_relative(struct person_screen *ps, int i, int y, int x, int width, bool selected)
{
    const struct km_child *c = &ps->family.items[i];
    char what[300];
    bool parent = ps->user.role == ROLE_OUDER;
    snprintf(what, sizeof what, "%s%s%.40s%s%.160s%s", parent ? _("kind") : _("ouder"), *c->relation ? " · " : "",
             c->relation, parent && *c->groups ? " · " : "", parent ? c->groups : "",
             c->synced ? _(" · uit ParnasSys") : "");
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 2, ps->group_w, c->name, role);
    draw_text(stdscr, y, x + 4 + ps->group_w, width - 4 - ps->group_w, what, selected ? role : TR_DIM);
}

static void draw_group(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct person_screen *ps = ctx;
    if (i >= ps->ngroups) {
        draw_relative(ps, i - ps->ngroups, y, x, width, selected);
        return;
    }
    const struct km_group *g = &ps->groups.items[i].group;
    char what[160];
    snprintf(what, sizeof what, "%s%s%s · %s · %s", g->kind, *g->jaargroep ? _(" · jaargroep ") : "", g->jaargroep,
             g->schooljaar, ps->groups.items[i].teacher ? _("leerkracht") : _("leerling"));
    draw_fill(stdscr, y, x, 1, width, selected ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", selected ? TR_SELECTED : TR_NORMAL);
    draw_text(stdscr, y, x + 2, ps->group_w, g->name, selected ? TR_SELECTED : TR_NORMAL);
    draw_text(stdscr, y, x + 4 + ps->group_w, width - 4 - ps->group_w, what, selected ? TR_SELECTED : TR_DIM);
}

static const char *group_text(void *ctx, int i)
{
    struct person_screen *ps = ctx;
    return i < ps->ngroups ? ps->groups.items[i].group.name : ps->family.items[i - ps->ngroups].name;
}

static void person_clear(struct person_screen *ps)
{
    if (ps->found)
        users_free(&ps->user);
    ps->found = false;
    free(ps->name);
    ps->name = NULL;
    memberships_free(&ps->groups);
    ps->ngroups = 0;
    children_free(&ps->family);
}

/* Only students and teachers are members of groups. */
static void find_groups(struct person_screen *ps)
{
    if (ps->user.role != ROLE_LEERLING && ps->user.role != ROLE_LEERKRACHT)
        return;
    if (groups_of_user(&ps->app->session, ps->id, &ps->groups) != KM_OK)
        return;
    ps->ngroups = ps->groups.n < INT_MAX ? (int)ps->groups.n : INT_MAX;
}

static void person_load(struct person_screen *ps)
{
    int64_t keep = ps->list.cur < ps->ngroups ? ps->groups.items[ps->list.cur].group.id : 0;
    int keep_row = ps->list.cur;
    person_clear(ps);
    if (users_get_id(&ps->app->session, ps->id, &ps->user) != KM_OK) {
        app_core_error(ps->app);
    } else {
        ps->found = true;
        ps->name = label_display_name(&ps->user);
        find_groups(ps);
        if (ps->user.role == ROLE_OUDER)
            children_of(&ps->app->session, ps->id, &ps->family);
        else if (ps->user.role == ROLE_LEERLING)
            children_parents(&ps->app->session, ps->id, &ps->family);
    }
    bool family = ps->user.role == ROLE_OUDER || ps->user.role == ROLE_LEERLING;
    ps->base.ops = family ? &family_ops : &person_ops;
    ps->base.actions = family ? family_actions : person_actions;
    snprintf(ps->base.title, sizeof ps->base.title, "%s › %s", ps->from, ps->name ? ps->name : "?");
    ps->group_w = 12;
    for (int i = 0; i < ps->ngroups; i++) {
        const struct km_group *g = &ps->groups.items[i].group;
        int w = text_width(g->name);
        ps->group_w = w > ps->group_w ? (w < 30 ? w : 30) : ps->group_w;
        if (g->id == keep)
            keep_row = i;
    }
    for (size_t i = 0; i < ps->family.n; i++) {
        int w = text_width(ps->family.items[i].name);
        ps->group_w = w > ps->group_w ? (w < 30 ? w : 30) : ps->group_w;
    }
    list_set_count(&ps->list, ps->ngroups + (int)ps->family.n);
    ps->list.cur = keep_row < ps->list.count ? keep_row : ps->list.count ? ps->list.count - 1 : 0;
}

static int draw_field(int y, int width, const char *label, const char *value, enum theme_role role)
{
    draw_text(stdscr, y, 4, 18, label, TR_DIM);
    draw_text(stdscr, y, 23, width - 25, value, role);
    return y + 1;
}

/* The optional dates of a student's school career; returns the next free row. */
static int draw_career(const struct km_user *u, int y, int width)
{
    char date[64];
    if (*u->instroom) {
        date_text(u->instroom, date, sizeof date);
        y = draw_field(y, width, _("Instroom"), date, TR_NORMAL);
    }
    if (*u->uitstroom) {
        date_text(u->uitstroom, date, sizeof date);
        y = draw_field(y, width, _("Uitstroom"), date, TR_NORMAL);
    }
    return y;
}

static int draw_details(struct person_screen *ps, int y, int width)
{
    const struct km_user *u = &ps->user;
    char status[96], login[64];
    label_status(u->active, u->synced, status, sizeof status);
    label_local_time(u->last_login, login, sizeof login);
    draw_text(stdscr, y++, 2, width - 4, ps->name, TR_TITLE);
    y++;
    y = draw_field(y, width, _("Gebruikersnaam"), u->username, TR_NORMAL);
    y = draw_field(y, width, _("Rol"), _(km_role_name(u->role)), TR_NORMAL);
    y = draw_field(y, width, _("E-mail"), *u->email ? u->email : "—", *u->email ? TR_NORMAL : TR_DIM);
    y = draw_field(y, width, _("Status"), status, u->active ? TR_NORMAL : TR_WARNING);
    char lock[96], line[200], o[32];
    if (label_locked(u, lock, sizeof lock)) { /* and how to lift it, right there */
        keymap_keys_text(&ps->app->keys, A_UNLOCK, 1, o, sizeof o);
        snprintf(line, sizeof line, _("%s · %s: ontgrendelen"), lock, o);
        y = draw_field(y, width, _("Blokkade"), line, TR_WARNING);
    }
    y = draw_field(y, width, _("Wachtwoord"), label_password(u->password_state, false), TR_NORMAL);
    y = draw_field(y, width, _("Laatst ingelogd"), login, TR_NORMAL);
    return draw_career(u, y, width);
}

static void person_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct person_screen *ps = (struct person_screen *)s;
    if (!ps->found) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Deze gebruiker is niet (meer) te zien."), TR_WARNING);
        return;
    }
    int y = draw_details(ps, top, width) + 1;
    char head[160];
    if (ps->user.role == ROLE_OUDER)
        snprintf(head, sizeof head, _("Kinderen (%d)"), (int)ps->family.n);
    else if (ps->user.role == ROLE_LEERLING)
        snprintf(head, sizeof head, _("Groepen (%d) en ouders (%d)"), ps->ngroups, (int)ps->family.n);
    else
        snprintf(head, sizeof head, _("Groepen (%d)"), ps->ngroups);
    draw_text(stdscr, y++, 2, width - 4, head, TR_TITLE);
    if (ps->list.count == 0)
        draw_text(stdscr, y, 4, width - 6,
                  ps->user.role == ROLE_OUDER ? _("Nog geen kinderen gekoppeld.") : _("Niet in een groep."), TR_DIM);
    else
        list_draw(&ps->list, y, 2, top + h - y, width < 100 ? width - 4 : 96);
}

static int open_group(struct person_screen *ps, struct app *a)
{
    if (ps->list.cur < ps->ngroups)
        app_push(a, group_profile_screen_new(a, ps->groups.items[ps->list.cur].group.id));
    else if (ps->list.cur - ps->ngroups < (int)ps->family.n)
        app_push(a, person_screen_new(a, ps->family.items[ps->list.cur - ps->ngroups].id, ps->from));
    return R_DRAW;
}

/* ---- links between parents and children (beheerder) ---- */

static void linked(struct app *a, void *ctx, const int64_t *ids, size_t n)
{
    struct person_screen *ps = ctx;
    bool parent = ps->user.role == ROLE_OUDER;
    for (size_t i = 0; i < n; i++)
        if ((parent ? children_link(&a->session, ps->id, ids[i], NULL)
                    : children_link(&a->session, ids[i], ps->id, NULL)) != KM_OK) {
            app_core_error(a);
            return;
        }
    app_message(a, TR_OK, "%s", _("Gekoppeld."));
}

/* A parent gets children to choose from, a child parents; those linked already are left out. */
static int link(struct person_screen *ps, struct app *a)
{
    bool parent = ps->user.role == ROLE_OUDER;
    struct km_user_list all, pick = {0};
    struct user_filter f = {.role = parent ? ROLE_LEERLING : ROLE_OUDER};
    if (users_list(&a->session, &f, &all) != KM_OK || !(pick.items = calloc(all.n + 1, sizeof *pick.items))) {
        app_core_error(a);
        return R_DRAW;
    }
    for (size_t i = 0; i < all.n; i++) {
        bool known = false;
        for (size_t k = 0; k < ps->family.n; k++)
            known = known || ps->family.items[k].id == all.items[i].id;
        if (!known) {
            pick.items[pick.n++] = all.items[i];
            memset(&all.items[i], 0, sizeof all.items[i]); /* moved over */
        }
    }
    users_list_free(&all);
    char title[200], intro[300];
    snprintf(title, sizeof title, "%s › %s", ps->base.title, parent ? _("kind koppelen") : _("ouder koppelen"));
    snprintf(intro, sizeof intro,
             parent ? _("Welk kind volgt %s? (ouders uit ParnasSys koppelt de sync)")
                    : _("Welke ouder volgt %s? (ouders uit ParnasSys koppelt de sync)"),
             ps->name ? ps->name : "");
    app_push(a, pick_people_screen_new(a, title, intro, &pick, true, linked, ps));
    return R_DRAW;
}

static void unlinked(struct app *a, void *ctx, bool yes)
{
    struct person_screen *ps = ctx;
    int k = ps->list.cur - ps->ngroups;
    if (!yes || k < 0 || k >= (int)ps->family.n)
        return;
    int64_t other = ps->family.items[k].id;
    enum km_rc rc = ps->user.role == ROLE_OUDER ? children_unlink(&a->session, ps->id, other)
                                                : children_unlink(&a->session, other, ps->id);
    if (rc != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, "%s", _("De koppeling is weg."));
}

static int unlink_one(struct person_screen *ps, struct app *a)
{
    int k = ps->list.cur - ps->ngroups;
    if (k < 0 || k >= (int)ps->family.n) {
        app_message(a, TR_NORMAL, "%s", _("Kies eerst een ouder of kind in de lijst."));
        return R_DRAW;
    }
    if (ps->family.items[k].synced) {
        app_message(a, TR_WARNING, "%s", _("Deze koppeling komt uit ParnasSys; wijzigen in ParnasSys."));
        return R_DRAW;
    }
    char q[400];
    snprintf(q, sizeof q, _("De koppeling tussen %s en %s weghalen?"), ps->name ? ps->name : "",
             ps->family.items[k].name);
    app_push(a, dialog_confirm_new(a, q, unlinked, ps));
    return R_DRAW;
}

static int unlock(struct person_screen *ps, struct app *a)
{
    if (!users_locked(a->db, ps->id)) {
        app_message(a, TR_NORMAL, "%s", _("Dit account is niet geblokkeerd."));
        return R_DRAW;
    }
    if (users_unlock(&a->session, ps->id) != KM_OK) {
        app_core_error(a);
    } else {
        app_message(a, TR_OK, "%s", _("De blokkade is opgeheven; inloggen kan weer."));
        person_load(ps); /* this session's own change: data_version does not tell it */
    }
    return R_DRAW;
}

/* Enter opens the chosen group: a person without groups has nothing to open. */
static const struct action_words *person_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_SELECT, N_("open groep"), N_("Open het GroepsProfiel van de gekozen groep.")},
        {A_PASSWORD, N_("nieuw wachtwoord"), N_("Stel een nieuw wachtwoord in voor deze persoon.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words no_groups = {A_SELECT, "", NULL};
    if (act == A_SELECT && ((const struct person_screen *)s)->ngroups == 0)
        return &no_groups;
    return action_words_find(words, act);
}

static int person_action(struct screen *s, struct app *a, enum action act)
{
    struct person_screen *ps = (struct person_screen *)s;
    if (list_move(&ps->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return open_group(ps, a);
    case A_ADD:
        return link(ps, a);
    case A_DELETE:
        return unlink_one(ps, a);
    case A_PASSWORD:
        app_push(a, password_screen_new(a, PW_OTHER, ps->id));
        return R_DRAW;
    case A_UNLOCK:
        return unlock(ps, a);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int person_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct person_screen *ps = (struct person_screen *)s;
    if (!list_click(&ps->list, y))
        return R_NONE;
    return twice ? open_group(ps, a) : R_DRAW;
}

static void person_reload(struct screen *s, struct app *a)
{
    (void)a;
    person_load((struct person_screen *)s);
}

static void person_destroy(struct screen *s)
{
    person_clear((struct person_screen *)s);
    free(s);
}

static const struct screen_ops family_ops = {
    .draw = person_draw,
    .on_action = person_action,
    .reload = person_reload,
    .resume = person_reload,
    .on_click = person_click,
    .destroy = person_destroy,
};

static const struct screen_ops person_ops = {
    .draw = person_draw,
    .on_action = person_action,
    .reload = person_reload,
    .resume = person_reload,
    .on_click = person_click,
    .destroy = person_destroy,
    .words_now = person_words,
};

static struct screen *person_screen_new(struct app *a, int64_t id, const char *from)
{
    struct person_screen *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    ps->base.ops = &person_ops;
    ps->base.actions = person_actions;
    ps->app = a;
    ps->id = id;
    ps->from = from;
    list_init(&ps->list, draw_group, group_text, ps);
    person_load(ps);
    return &ps->base;
}
