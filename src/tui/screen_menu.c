/* The home menu per role and its submenus, with the names the school knows. A role sees only what it may
 * use (access_role_may); core still checks every action itself. The digits 1 … 9 open an item at once, and
 * a teacher's home menu opens the lesson of now (or the next one) with one key. Right after logging in, a
 * student lands on today's day view and a parent on their child's day (or the choice of a child); Esc there
 * leads to this menu. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/db.h"
#include "core/text.h"
#include "core/dates.h"
#include "core/mailspool.h"
#include "core/planner.h"
#include "tui/dialog.h"
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
    const char *label;    /* as the school knows it; not translated */
    const char *hint;     /* translated */
    enum km_action needs; /* ACT__COUNT: every role */
    enum target go;
};

static const struct menu_item items[] = {
    {MENU_HOME, "MIJNROOSTER", N_("je dag en week: lessen, lokalen, leerdoelen"), ACT__COUNT, GO_ROOSTER},
    {MENU_HOME, "LEERDOELEN", N_("statussen van leerlingen en overzichten"), ACT__COUNT, GO_LEERDOELEN},
    {MENU_HOME, "GROEPEN", N_("GroepsProfiel: leden en wachtwoorden"), ACT_SET_STUDENT_PASSWORD, GO_GROUPS},
    {MENU_HOME, "MIJNGEBRUIKERS", N_("leraren, leerlingen en ouders"), ACT_MANAGE_USERS, GO_MENU_USERS},
    {MENU_HOME, "MIJNROOSTER INSTELLINGEN", N_("schooltijden, weeksjablonen, schoolrooster"), ACT_EDIT_TIMETABLE,
     GO_MENU_TIMETABLE},
    {MENU_HOME, "SCHOOL INSTELLINGEN", N_("synchronisatie met ParnasSys (alleen lezen)"), ACT_READ_SYNC_SETTINGS,
     GO_SCHOOL},
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
    bool land; /* right after logging in: show the role's first screen on top at the first draw */
    const struct menu_item *shown[NITEMS];
    struct list list;
    struct app *app;
    int digit_col;           /* the hints get the rest of the row: a menu of short names leaves them more */
    struct mail_health mail; /* the beheerder's home: whether mail works (a person asking for a code is not told) */
};

static const enum action menu_actions[] = {A_SELECT, A_UP, A_DOWN, A_HOME, A_END, A_BACK, A_LOGOUT, A_QUIT, ACT_NONE};
static const enum action teacher_actions[] = {A_SELECT, A_NOW,  A_UP,     A_DOWN, A_HOME,
                                              A_END,    A_BACK, A_LOGOUT, A_QUIT, ACT_NONE};

#define DIGIT_COL_MIN 17 /* the item's digit: two columns after the widest label of this menu, at least here */

static void draw_item(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct menu_screen *m = ctx;
    const struct menu_item *it = m->shown[i];
    enum theme_role role = selected ? TR_SELECTED : TR_MENU;
    draw_fill(stdscr, y, x, 1, width, selected ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x + 1, 2, selected ? "▶" : " ", role);
    int dc = m->digit_col;
    draw_text(stdscr, y, x + 3, dc - 5, it->label, role);
    if (i < 9) {
        char digit[2] = {(char)('1' + i), '\0'};
        draw_text_raw(stdscr, y, x + dc, 1, digit, selected ? TR_SELECTED : TR_DIM);
    }
    draw_text(stdscr, y, x + dc + 2, width - dc - 3, _(it->hint), selected ? TR_SELECTED : TR_DIM);
}

static const char *item_text(void *ctx, int i) { return ((struct menu_screen *)ctx)->shown[i]->label; }

/* Mail that does not work is said where the beheerder looks first; it is read again whenever the screen is. */
static void read_mail_health(struct menu_screen *m, struct app *a)
{
    memset(&m->mail, 0, sizeof m->mail);
    if (m->id == MENU_HOME && access_role_may(a->session.role, ACT_READ_AUDIT)) {
        db_probe(a->db);                         /* once per process: the damage another session met shows here */
        mailspool_health(&a->session, &m->mail); /* best effort: a busy database shows it at the next reload */
    }
}

/* A damaged or vanished database goes before everything else on the beheerder's home. */
static bool shows_fault(const struct menu_screen *m, const struct app *a)
{
    return m->id == MENU_HOME && access_role_may(a->session.role, ACT_READ_AUDIT) && db_fault(a->db);
}

static void draw_fault_warning(const struct app *a, int y, int width)
{
    char line[700];
    dbfault_sentence(db_fault(a->db), db_path(a->db), line, sizeof line);
    draw_wrapped(stdscr, y, 2, width - 4, 4, line, TR_ERROR);
}

static void draw_mail_warning(const struct menu_screen *m, int y, int width)
{
    char since[40], line[700];
    if (!dates_local_stamp(m->mail.since, true, since, sizeof since))
        snprintf(since, sizeof since, "%s", m->mail.since);
    snprintf(line, sizeof line,
             _("Let op: mail werkt niet sinds %s, dus een code voor een nieuw wachtwoord komt niet aan. "
               "%s"),
             since, m->mail.last_error);
    draw_wrapped(stdscr, y, 2, width - 4, 4, line, TR_WARNING);
}

/* A student's day, a parent's child (or the choice of one); others stay on the menu. */
static struct screen *landing_new(struct app *a)
{
    if (a->session.role == ROLE_LEERLING || a->session.role == ROLE_OUDER)
        return mijnrooster_screen_new(a);
    return NULL;
}

static void menu_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct menu_screen *m = (struct menu_screen *)s;
    int w = width < 90 ? width - 4 : 86;
    bool fault = shows_fault(m, a);
    int warn = m->mail.failing || fault ? 5 : 0;
    list_draw(&m->list, top + 1, 2, h - 1 - warn, w);
    if (fault)
        draw_fault_warning(a, top + h - 4, width);
    else if (warn)
        draw_mail_warning(m, top + h - 4, width);
    if (m->id == MENU_HOME && a->session.role == ROLE_LEERKRACHT && h > m->list.count + 3) {
        char keys[32], hint[160];
        keymap_keys_text(&a->keys, A_NOW, 1, keys, sizeof keys);
        snprintf(hint, sizeof hint, _("%s opent de les van nu, of de volgende."), keys);
        draw_text(stdscr, top + m->list.count + 2, 5, w - 4, hint, TR_DIM);
    }
    move(m->list.y0 + m->list.cur - m->list.top, 3); /* the caret (the menu takes text) rests on the ▶ */
    if (m->land) { /* drawn once underneath, so Esc on the first screen comes back here */
        m->land = false;
        app_push(a, landing_new(a));
    }
}

static int open_now(struct app *a)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char today[11];
    dates_format(dates_today(), today);
    int64_t id = 0;
    if (planner_current_lesson(&a->session, a->session.user_id, today, tm.tm_hour * 60 + tm.tm_min, &id) != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    lesson_detail_open(a, id, 0); /* offers back a draft left there */
    return R_DRAW;
}

static void menu_reload(struct screen *s, struct app *a) { read_mail_health((struct menu_screen *)s, a); }

static int open_item(struct app *a, const struct menu_item *it)
{
    switch (it->go) {
    case GO_MENU_USERS:
        app_push(a, menu_screen_new(a, MENU_USERS));
        break;
    case GO_MENU_TIMETABLE:
        app_push(a, menu_screen_new(a, MENU_TIMETABLE));
        break;
    case GO_ROOSTER:
        app_push(a, mijnrooster_screen_new(a));
        break;
    case GO_LEERDOELEN: /* the status board for staff, one's own (or a child's) goals for students and parents */
        app_push(a, a->session.role == ROLE_LEERKRACHT || a->session.role == ROLE_BEHEERDER ? board_choose_screen_new(a)
                                                                                            : mygoals_screen_new(a));
        break;
    case GO_GROUPS:
        app_push(a, groups_screen_new(a));
        break;
    case GO_TEACHERS:
        app_push(a, users_screen_new(a, ROLE_LEERKRACHT));
        break;
    case GO_STUDENTS:
        app_push(a, users_screen_new(a, ROLE_LEERLING));
        break;
    case GO_PARENTS:
        app_push(a, users_screen_new(a, ROLE_OUDER));
        break;
    case GO_AUDIT:
        app_push(a, audit_screen_new(a));
        break;
    case GO_WHO:
        app_push(a, who_screen_new(a));
        break;
    case GO_HOURS:
        app_push(a, hours_screen_new(a));
        break;
    case GO_TEMPLATES:
        app_push(a, templates_screen_new(a));
        break;
    case GO_ROOMS:
        app_push(a, rooms_screen_new(a));
        break;
    case GO_ROSTER:
        app_push(a, roster_screen_new(a));
        break;
    case GO_SCHOOL:
        app_push(a, school_settings_screen_new(a));
        break;
    case GO_PROFILE:
        app_push(a, profile_screen_new(a));
        break;
    case GO_LOGOUT:
        app_logout(a);
        break;
    }
    return R_DRAW;
}

static void logout_answered(struct app *a, void *ctx, bool yes)
{
    (void)ctx;
    if (yes)
        app_logout(a);
}

static int menu_action(struct screen *s, struct app *a, enum action act)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (list_move(&m->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return m->list.count ? open_item(a, m->shown[m->list.cur]) : R_NONE;
    case A_NOW:
        return open_now(a);
    case A_BACK:
        /* a submenu goes back; on the home menu Esc would log out, which is asked first */
        if (m->id != MENU_HOME)
            return R_POP;
        app_push(a, dialog_confirm_new(a, _("Uitloggen?"), logout_answered, NULL));
        return R_DRAW;
    case A_LOGOUT:
        app_logout(a);
        return R_DRAW;
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
    return twice ? open_item(a, m->shown[m->list.cur]) : R_DRAW;
}

/* The menu takes text only for its digits; every other key is looked up as usual. */
static int menu_text(struct screen *s, struct app *a, wint_t ch)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (ch >= L'1' && ch <= L'9' && (int)(ch - L'1') < m->list.count) {
        m->list.cur = (int)(ch - L'1');
        return open_item(a, m->shown[m->list.cur]);
    }
    struct key k = {ch, false};
    enum action act = keymap_lookup(&a->keys, k, s->actions);
    if (act != ACT_NONE)
        return s->ops->on_action(s, a, act);
    if (keymap_lookup(&a->keys, k, (const enum action[]){A_HELP, ACT_NONE}) == A_HELP) {
        app_push(a, help_screen_new(a, s));
        return R_DRAW;
    }
    return R_NONE;
}

static bool menu_wants_text(const struct screen *s)
{
    (void)s;
    return true;
}

static void menu_destroy(struct screen *s) { free(s); }

/* Esc on the home menu logs out (after a question), in a submenu it goes back to the home menu. */
static const struct action_words *menu_words(const struct screen *s, enum action act)
{
    static const struct action_words open = {A_SELECT, N_("open"), N_("Open het gekozen onderdeel.")};
    static const struct action_words logout = {A_BACK, N_("uitloggen"),
                                               N_("Log uit en ga terug naar het inlogscherm (eerst wordt gevraagd).")};
    static const struct action_words back = {A_BACK, N_("hoofdmenu"), N_("Ga terug naar het hoofdmenu.")};
    if (act == A_SELECT)
        return &open;
    if (act == A_BACK)
        return ((const struct menu_screen *)s)->id == MENU_HOME ? &logout : &back;
    return NULL;
}

static const struct screen_ops teacher_ops = {
    .draw = menu_draw,
    .on_action = menu_action,
    .on_text = menu_text,
    .wants_text = menu_wants_text,
    .on_click = menu_click,
    .destroy = menu_destroy,
    .words_now = menu_words,
};

static const struct screen_ops menu_ops = {
    .draw = menu_draw,
    .on_action = menu_action,
    .on_text = menu_text,
    .wants_text = menu_wants_text,
    .on_click = menu_click,
    .reload = menu_reload,
    .resume = menu_reload,
    .destroy = menu_destroy,
    .words_now = menu_words,
};

static void menu_title(struct menu_screen *m, struct app *a)
{
    if (m->id == MENU_HOME)
        snprintf(m->base.title, sizeof m->base.title, _("Hoofdmenu — welkom, %s"), a->user_name);
    else
        snprintf(m->base.title, sizeof m->base.title, "%s",
                 m->id == MENU_USERS ? "MIJNGEBRUIKERS" : "MIJNROOSTER INSTELLINGEN");
}

struct screen *menu_screen_new(struct app *a, int menu_id)
{
    struct menu_screen *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->id = (enum menu_id)menu_id;
    bool teacher_home = m->id == MENU_HOME && a->session.role == ROLE_LEERKRACHT;
    m->base.ops = teacher_home ? &teacher_ops : &menu_ops;
    m->base.actions = teacher_home ? teacher_actions : menu_actions;
    m->app = a;
    menu_title(m, a);
    int n = 0;
    for (size_t i = 0; i < NITEMS; i++)
        if (items[i].menu == m->id &&
            (items[i].needs == ACT__COUNT || access_role_may(a->session.role, items[i].needs)))
            m->shown[n++] = &items[i];
    m->digit_col = DIGIT_COL_MIN;
    for (int i = 0; i < n; i++)
        if (text_width(m->shown[i]->label) + 5 > m->digit_col)
            m->digit_col = text_width(m->shown[i]->label) + 5;
    list_init(&m->list, draw_item, item_text, m);
    list_set_count(&m->list, n);
    read_mail_health(m, a);
    return &m->base;
}

/* Made only right after logging in: so it also brings the role's first screen. */
struct screen *home_screen_new(struct app *a)
{
    struct screen *s = menu_screen_new(a, MENU_HOME);
    if (s)
        ((struct menu_screen *)s)->land = true;
    return s;
}
