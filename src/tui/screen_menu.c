/* The home menu per role and its submenus, with the names the school knows. A role sees only what it may
 * use (access_role_may); core still checks every action itself. */
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

enum menu_id { MENU_HOME, MENU_USERS, MENU_TIMETABLE };

enum target {
    GO_MENU_USERS,
    GO_MENU_TIMETABLE,
    GO_ROOSTER,
    GO_LEERDOELEN,
    GO_GROUPS,
    GO_TEACHERS,
    GO_STUDENTS,
    GO_PARENTS,
    GO_AUDIT,
    GO_WHO,
    GO_HOURS,
    GO_TEMPLATES,
    GO_ROSTER,
    GO_ROOMS,
    GO_SCHOOL,
    GO_PROFILE,
    GO_LOGOUT,
};

struct menu_item {
    enum menu_id menu;
    const char *label; /* as the school knows it; not translated */
    const char *hint;  /* translated */
    enum km_action needs; /* ACT__COUNT: every role */
    enum target go;
};

static const struct menu_item items[] = {
    {MENU_HOME, "MIJNROOSTER", N_("je dag en week: lessen, lokalen en leerdoelen"), ACT__COUNT, GO_ROOSTER},
    {MENU_HOME, "LEERDOELEN", N_("statussen van leerlingen en overzichten"), ACT__COUNT, GO_LEERDOELEN},
    {MENU_HOME, "GROEPEN", N_("GroepsProfiel: leden en wachtwoorden"), ACT_SET_STUDENT_PASSWORD, GO_GROUPS},
    {MENU_HOME, "MIJNGEBRUIKERS", N_("leraren, leerlingen en ouders"), ACT_MANAGE_USERS, GO_MENU_USERS},
    {MENU_HOME, "MIJNROOSTER INSTELLINGEN", N_("schooltijden, weeksjablonen, schoolrooster"), ACT_EDIT_TIMETABLE,
     GO_MENU_TIMETABLE},
    {MENU_HOME, "SCHOOL INSTELLINGEN", N_("synchronisatie met ParnasSys (alleen lezen)"), ACT_READ_SYNC_SETTINGS, GO_SCHOOL},
    {MENU_HOME, "PROFIEL", N_("je gegevens en je wachtwoord"), ACT__COUNT, GO_PROFILE},
    {MENU_HOME, "UITLOGGEN", N_("terug naar het inlogscherm"), ACT__COUNT, GO_LOGOUT},
    {MENU_USERS, "LERAREN", N_("leerkrachten en beheerders"), ACT_MANAGE_USERS, GO_TEACHERS},
    {MENU_USERS, "LEERLINGEN", N_("alle leerlingen"), ACT_MANAGE_USERS, GO_STUDENTS},
    {MENU_USERS, "OUDERS", N_("ouders en verzorgers"), ACT_MANAGE_USERS, GO_PARENTS},
    {MENU_USERS, "AUDITLOG", N_("wie deed wat en wanneer: logins, wachtwoorden, accounts"), ACT_READ_AUDIT, GO_AUDIT},
    {MENU_USERS, "WIE IS ER OP?", N_("wie er nu in klassenmap werkt, live"), ACT_MANAGE_USERS, GO_WHO},
    {MENU_TIMETABLE, "INSTELLINGEN", N_("schooltijden per weekdag"), ACT_EDIT_TIMETABLE, GO_HOURS},
    {MENU_TIMETABLE, "WEEK SJABLONEN", N_("weken met tijdsloten en lessen"), ACT_EDIT_TIMETABLE, GO_TEMPLATES},
    {MENU_TIMETABLE, "SCHOOL ROOSTER", N_("een sjabloon per week, voor N weken"), ACT_EDIT_TIMETABLE, GO_ROSTER},
    {MENU_TIMETABLE, "LOKALEN", N_("lokalen en hoeveel kinderen erin passen"), ACT_EDIT_TIMETABLE, GO_ROOMS},
};

#define NITEMS (sizeof items / sizeof items[0])

struct menu_screen {
    struct screen base;
    enum menu_id id;
    const struct menu_item *shown[NITEMS];
    struct list list;
    struct app *app;
    int label_w; /* the widest label shown, so the hints get the rest of the row */
};

static const enum action menu_actions[] = {A_SELECT, A_UP, A_DOWN, A_HOME, A_END, A_BACK, A_LOGOUT, A_QUIT, ACT_NONE};
/* A submenu has no L: logging out is done from the home menu. */
static const enum action submenu_actions[] = {A_SELECT, A_UP, A_DOWN, A_HOME, A_END, A_BACK, A_QUIT, ACT_NONE};

static const struct action_words home_words[] = {
    {A_SELECT, N_("open"), N_("Open het gekozen onderdeel.")},
    {A_BACK, N_("uitloggen"), N_("Log uit en ga terug naar het inlogscherm.")},
    {ACT_NONE, NULL, NULL},
};
static const struct action_words submenu_words[] = {
    {A_SELECT, N_("open"), N_("Open het gekozen onderdeel.")},
    {A_BACK, N_("hoofdmenu"), N_("Ga terug naar het hoofdmenu.")},
    {ACT_NONE, NULL, NULL},
};

static void draw_item(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct menu_screen *m = ctx;
    const struct menu_item *it = m->shown[i];
    enum theme_role role = selected ? TR_SELECTED : TR_MENU;
    draw_fill(stdscr, y, x, 1, width, selected ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x + 1, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 3, m->label_w, it->label, role);
    draw_text(stdscr, y, x + 6 + m->label_w, width - 7 - m->label_w, _(it->hint), selected ? TR_SELECTED : TR_DIM);
}

static const char *item_text(void *ctx, int i) { return ((struct menu_screen *)ctx)->shown[i]->label; }

static void menu_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct menu_screen *m = (struct menu_screen *)s;
    (void)a;
    int w = width < 90 ? width - 4 : 86;
    list_draw(&m->list, top + 1, 2, h - 1, w);
}

static int open_item(struct menu_screen *m, struct app *a, const struct menu_item *it)
{
    switch (it->go) {
    case GO_MENU_USERS: app_push(a, menu_screen_new(a, MENU_USERS)); break;
    case GO_MENU_TIMETABLE: app_push(a, menu_screen_new(a, MENU_TIMETABLE)); break;
    case GO_ROOSTER: app_push(a, mijnrooster_screen_new(a)); break;
    case GO_LEERDOELEN: /* the status board for staff, one's own (or a child's) goals for students and parents */
        app_push(a, a->session.role == ROLE_LEERKRACHT || a->session.role == ROLE_BEHEERDER ? board_screen_new(a)
                                                                                            : mygoals_screen_new(a));
        break;
    case GO_GROUPS: app_push(a, groups_screen_new(a)); break;
    case GO_TEACHERS: app_push(a, users_screen_new(a, ROLE_LEERKRACHT)); break;
    case GO_STUDENTS: app_push(a, users_screen_new(a, ROLE_LEERLING)); break;
    case GO_PARENTS: app_push(a, users_screen_new(a, ROLE_OUDER)); break;
    case GO_AUDIT: app_push(a, audit_screen_new(a)); break;
    case GO_WHO: app_push(a, who_screen_new(a)); break;
    case GO_HOURS: app_push(a, hours_screen_new(a)); break;
    case GO_TEMPLATES: app_push(a, templates_screen_new(a)); break;
    case GO_ROOMS: app_push(a, rooms_screen_new(a)); break;
    case GO_ROSTER: app_push(a, roster_screen_new(a)); break;
    case GO_SCHOOL: app_push(a, school_settings_screen_new(a)); break;
    case GO_PROFILE: app_push(a, profile_screen_new(a)); break;
    case GO_LOGOUT: return m->id == MENU_HOME ? R_POP : R_NONE;
    }
    return R_DRAW;
}

static int menu_action(struct screen *s, struct app *a, enum action act)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (list_move(&m->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return m->list.count ? open_item(m, a, m->shown[m->list.cur]) : R_NONE;
    case A_BACK:
        /* Esc on the home menu logs out, as leaving would; a submenu goes back. */
        return R_POP;
    case A_LOGOUT:
        return m->id == MENU_HOME ? R_POP : R_NONE;
    case A_QUIT:
        return R_QUIT;
    default:
        return R_NONE;
    }
}

static int menu_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct menu_screen *m = (struct menu_screen *)s;
    if (!list_click(&m->list, y))
        return R_NONE;
    return twice ? open_item(m, a, m->shown[m->list.cur]) : R_DRAW;
}

static void menu_destroy(struct screen *s) { free(s); }

static const struct screen_ops menu_ops = {
    .actions = menu_actions,
    .draw = menu_draw,
    .on_action = menu_action,
    .on_click = menu_click,
    .destroy = menu_destroy,
    .words = home_words,
};

static const struct screen_ops submenu_ops = {
    .actions = submenu_actions,
    .draw = menu_draw,
    .on_action = menu_action,
    .on_click = menu_click,
    .destroy = menu_destroy,
    .words = submenu_words,
};

static void menu_title(struct menu_screen *m, struct app *a)
{
    if (m->id == MENU_HOME)
        snprintf(m->base.title, sizeof m->base.title, _("Hoofdmenu — welkom, %s"), a->user_name);
    else
        snprintf(m->base.title, sizeof m->base.title, "%s", m->id == MENU_USERS ? "MIJNGEBRUIKERS" : "MIJNROOSTER INSTELLINGEN");
}

struct screen *menu_screen_new(struct app *a, int menu_id)
{
    struct menu_screen *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->id = (enum menu_id)menu_id;
    m->base.ops = m->id == MENU_HOME ? &menu_ops : &submenu_ops;
    m->app = a;
    menu_title(m, a);
    int n = 0;
    for (size_t i = 0; i < NITEMS; i++)
        if (items[i].menu == m->id && (items[i].needs == ACT__COUNT || access_role_may(a->session.role, items[i].needs)))
            m->shown[n++] = &items[i];
    m->label_w = 12;
    for (int i = 0; i < n; i++)
        if (text_width(m->shown[i]->label) > m->label_w)
            m->label_w = text_width(m->shown[i]->label);
    list_init(&m->list, draw_item, item_text, m);
    list_set_count(&m->list, n);
    return &m->base;
}

struct screen *home_screen_new(struct app *a) { return menu_screen_new(a, MENU_HOME); }
