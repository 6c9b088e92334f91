#include "tui/app.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/dates.h"
#include "core/dbwatch.h"
#include "core/sessions.h"
#include "core/text.h"
#include "core/trusted.h"
#include "core/users.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/frame.h"
#include "tui/i18n.h"
#include "tui/paths.h"
#include "tui/screens.h"
#include "tui/termkeys.h"
#include "tui/termtype.h"

#define IDLE_MS 1000
#define MAX_READ_ERRORS 3

static volatile sig_atomic_t hangup;     /* the terminal is gone: nothing may be written to it */
static volatile sig_atomic_t terminated; /* asked to stop: the terminal is still there */

/* Only flags: curses is never touched from a signal handler. */
static void on_signal(int sig)
{
    if (sig == SIGHUP)
        hangup = 1;
    else
        terminated = 1;
}

/* The role names as core stores them, marked here so that gettext translates them on screen. */
static const char *const role_words[]
    __attribute__((unused)) = {N_("leerling"), N_("leerkracht"), N_("ouder"), N_("beheerder")};

static const enum action global_actions[] = {A_HELP, A_REFRESH, A_QUIT, A_LOGOUT, ACT_NONE};

int app_body_top(void) { return 2; }
int app_body_rows(const struct app *a) { return a->rows - 4; }

void app_push(struct app *a, struct screen *s)
{
    if (!s)
        return;
    if (a->depth == APP_STACK) {
        s->ops->destroy(s);
        return;
    }
    a->stack[a->depth++] = s;
    a->dirty = true;
}

void app_replace(struct app *a, struct screen *next) { a->next = next; }

static void app_pop(struct app *a)
{
    if (a->depth == 0)
        return;
    struct screen *s = a->stack[--a->depth];
    s->ops->destroy(s);
    if (a->next) { /* replaced: the screen below is not shown, so it is not reloaded either */
        struct screen *next = a->next;
        a->next = NULL;
        app_push(a, next);
    } else if (a->depth && a->stack[a->depth - 1]->ops->resume && !db_fault(a->db)) {
        /* a damaged or vanished file: what the screen below shows stays, rather than an empty screen */
        a->stack[a->depth - 1]->ops->resume(a->stack[a->depth - 1], a);
    }
    a->dirty = true;
}

void app_message(struct app *a, enum theme_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_role = role;
    a->dirty = true;
}

/* Core always says why; should a message ever be missing, the bar still says something rather than nothing. */
void app_core_error(struct app *a)
{
    const char *why = db_errmsg(a->db);
    app_message(a, TR_ERROR, "%s", *why ? why : _("Dat lukte niet; er is niets gewijzigd."));
}

void app_start_prompt(struct app *a, const char *label)
{
    a->prompt = label;
    a->prompt_text[0] = '\0';
    a->dirty = true;
}

/* ---- what a key does on a screen ---- */

const struct action_words *action_words_find(const struct action_words *words, enum action act)
{
    for (const struct action_words *w = words; w && w->act != ACT_NONE; w++)
        if (w->act == act)
            return w;
    return NULL;
}

static const struct action_words *screen_words(const struct screen *s, enum action act)
{
    const struct action_words *w = s && s->ops->words_now ? s->ops->words_now(s, act) : NULL;
    return w ? w : s ? action_words_find(s->words, act) : NULL;
}

const char *app_action_label(const struct app *a, const struct screen *s, enum action act)
{
    const struct action_words *w = screen_words(s, act);
    if (w && w->label && !*w->label)
        return ""; /* gettext would give the catalogue's header for "" */
    return _(w && w->label ? w->label : a->keys.entries[act].label);
}

const char *app_action_help(const struct app *a, const struct screen *s, enum action act)
{
    const struct action_words *w = screen_words(s, act);
    return _(w && w->help ? w->help : a->keys.entries[act].description);
}

/* ---- drawing the frame ---- */

static void today_text(char *out, size_t len)
{
    struct tm tm;
    clock_local(&tm);
    snprintf(out, len, "%s %d %s %d", _(dates_day_short(tm.tm_wday ? tm.tm_wday : 7)), tm.tm_mday,
             _(dates_month_short(tm.tm_mon + 1)), tm.tm_year + 1900);
}

static void draw_header(struct app *a)
{
    char left[300], right[300], date[40];
    today_text(date, sizeof date);
    snprintf(left, sizeof left, " klassenmap · %s", a->school.name);
    if (a->logged_in)
        snprintf(right, sizeof right, "%s (%s) · %s ", a->user_name, _(km_role_name(a->session.role)), date);
    else
        snprintf(right, sizeof right, "%s ", date);
    if (text_width(left) + text_width(right) + 2 > a->cols)
        snprintf(left, sizeof left, " %s", a->school.name); /* the program's name is the first to go */
    draw_fill(stdscr, 0, 0, 1, a->cols, TR_HEADER);
    /* Who and when matter more than the school's name: the left side gives way first. */
    int rw = text_width(right);
    if (rw > a->cols - 20)
        rw = a->cols - 20;
    draw_text(stdscr, 0, 0, a->cols - rw, left, TR_HEADER);
    draw_text(stdscr, 0, a->cols - rw, rw, right, TR_HEADER);
    const struct screen *top = a->depth ? a->stack[a->depth - 1] : NULL;
    draw_fill(stdscr, 1, 0, 1, a->cols, TR_TITLE);
    if (top)
        draw_text(stdscr, 1, 1, a->cols - 2, top->title, TR_TITLE);
    if (db_fault(a->db)) { /* on every screen, for as long as it lasts */
        const char *mark = _("niets wordt opgeslagen");
        int mw = text_width(mark);
        draw_text(stdscr, 1, a->cols - mw - 1, mw, mark, TR_ERROR);
    }
}

static int footer_item(struct app *a, const struct screen *top, int x, enum action act)
{
    char keys[64], item[160];
    keymap_keys_text(&a->keys, act, 2, keys, sizeof keys);
    const char *label = app_action_label(a, top, act);
    if (!*keys || !*label)
        return x;
    snprintf(item, sizeof item, "%s %s", keys, label);
    int w = text_width(item);
    if (x + w + 2 > a->cols)
        return -1;
    x += draw_text_raw(stdscr, a->rows - 1, x, text_width(keys), keys, TR_KEY);
    x += draw_text_raw(stdscr, a->rows - 1, x, a->cols - x, item + strlen(keys), TR_FOOTER);
    return x + 2;
}

/* While a prompt is open only Enter and Esc do something: prompt_key reads them as they are, not bound. */
static void draw_prompt_footer(struct app *a)
{
    int x = 1;
    x += draw_text_raw(stdscr, a->rows - 1, x, a->cols - x, "Enter", TR_KEY);
    x += draw_text_raw(stdscr, a->rows - 1, x, a->cols - x, _(" bevestig  "), TR_FOOTER);
    x += draw_text_raw(stdscr, a->rows - 1, x, a->cols - x, "Esc", TR_KEY);
    draw_text_raw(stdscr, a->rows - 1, x, a->cols - x, _(" annuleren"), TR_FOOTER);
}

/* The keys that work here, as many as fit; help (?) is always listed first so the rest can be found. */
static void draw_footer(struct app *a)
{
    draw_fill(stdscr, a->rows - 1, 0, 1, a->cols, TR_FOOTER);
    if (a->prompt) {
        draw_prompt_footer(a);
        return;
    }
    const struct screen *top = a->depth ? a->stack[a->depth - 1] : NULL;
    int x = footer_item(a, top, 1, A_HELP);
    for (const enum action *p = top ? top->actions : NULL; p && *p != ACT_NONE && x >= 0; p++)
        if (*p != A_HELP)
            x = footer_item(a, top, x, *p);
}

#define MESSAGE_MAX_ROWS 4

/* A message too long for its row takes rows above it (over the bottom of the screen, until the next key): a
 * sentence is never cut. */
static void draw_message_rows(struct app *a)
{
    int n = draw_wrapped_rows(a->message, a->cols - 2);
    if (n > MESSAGE_MAX_ROWS)
        n = MESSAGE_MAX_ROWS;
    int y = a->rows - 2 - (n > 1 ? n - 1 : 0);
    if (n > 1)
        draw_fill(stdscr, y, 0, n - 1, a->cols, TR_NORMAL);
    draw_wrapped(stdscr, y, 1, a->cols - 2, n > 0 ? n : 1, a->message, a->message_role);
}

/* Returns true when it placed the caret (a prompt being typed). */
static bool draw_message(struct app *a)
{
    int y = a->rows - 2;
    draw_fill(stdscr, y, 0, 1, a->cols, TR_NORMAL);
    if (a->prompt) {
        char line[300];
        snprintf(line, sizeof line, "%s %s", a->prompt, a->prompt_text);
        int w = draw_text_raw(stdscr, y, 1, a->cols - 2, line, TR_INPUT);
        move(y, 1 + w);
        return true;
    }
    if (a->message[0]) /* an empty message is no message: never a coloured bar without words */
        draw_message_rows(a);
    return false;
}

static void draw_too_small(struct app *a)
{
    char line[120];
    erase();
    snprintf(line, sizeof line, _("Maak het venster groter: minstens %dx%d (nu %dx%d)."), APP_MIN_COLS, APP_MIN_ROWS,
             a->cols, a->rows);
    for (int y = 0; y < a->rows; y++) /* wrapped by hand: a tiny window may hold only part of it */
        if (y * a->cols < (int)strlen(line))
            mvaddnstr(y, 0, line + y * a->cols, a->cols);
}

static void paint(struct app *a)
{
    a->dirty = false; /* before drawing: a screen that opens another while drawing asks for the next paint */
    getmaxyx(stdscr, a->rows, a->cols);
    bool caret = false;
    if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
        draw_too_small(a);
    } else {
        erase();
        draw_header(a);
        int cy = 0, cx = 0;
        if (a->depth) {
            struct screen *top = a->stack[a->depth - 1];
            top->ops->draw(top, a, app_body_top(), app_body_rows(a), a->cols);
            getyx(stdscr, cy, cx); /* where a text field left the caret, before the footer moves it */
        }
        draw_footer(a);
        bool cursor = a->depth && a->stack[a->depth - 1]->ops->wants_text && !a->stack[a->depth - 1]->ops->keys_only &&
                      a->stack[a->depth - 1]->ops->wants_text(a->stack[a->depth - 1]);
        caret = draw_message(a);
        if (cursor && !a->prompt) {
            move(cy, cx); /* a text field placed the cursor while drawing */
            caret = true;
        }
    }
    frame_show(caret);
}

/* ---- input ---- */

static bool top_wants_text(const struct app *a)
{
    const struct screen *s = a->depth ? a->stack[a->depth - 1] : NULL;
    return s && s->ops->wants_text && s->ops->wants_text(s);
}

static bool is_backspace(wint_t ch, bool is_key)
{
    return (is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8));
}

static int prompt_key(struct app *a, wint_t ch, bool is_key)
{
    size_t n = strlen(a->prompt_text);
    if (is_backspace(ch, is_key)) {
        while (n > 0 && ((unsigned char)a->prompt_text[--n] & 0xC0) == 0x80) {
        }
        a->prompt_text[n] = '\0';
    } else if (!is_key && (ch == '\n' || ch == '\r')) {
        a->prompt = NULL;
        struct screen *top = a->stack[a->depth - 1];
        a->prompt_confirmed = true;
        int r = top->ops->on_action(top, a, A_SEARCH);
        a->prompt_confirmed = false;
        return r | R_DRAW;
    } else if (!is_key && ch == 27) {
        a->prompt = NULL;
    } else if (!is_key && ch >= 32 && ch != 127) {
        char enc[4];
        int len = text_utf8_encode((uint32_t)ch, enc);
        if (n + (size_t)len < sizeof a->prompt_text - 1) {
            memcpy(a->prompt_text + n, enc, (size_t)len);
            a->prompt_text[n + (size_t)len] = '\0';
        }
    }
    return R_DRAW;
}

static int global_action(struct app *a, enum action act)
{
    switch (act) {
    case A_HELP:
        app_push(a, help_screen_new(a, a->stack[a->depth - 1]));
        return R_DRAW;
    case A_REFRESH:
        clearok(curscr, TRUE);
        return R_DRAW;
    case A_QUIT:
        return R_QUIT;
    case A_LOGOUT:
        if (a->logged_in)
            app_logout(a);
        return R_DRAW;
    default:
        return R_NONE;
    }
}

static int dispatch_key(struct app *a, wint_t ch, bool is_key)
{
    if (a->prompt)
        return prompt_key(a, ch, is_key);
    struct screen *top = a->stack[a->depth - 1];
    if (top_wants_text(a) && (is_backspace(ch, is_key) || (!is_key && ch >= 32 && ch != 127)))
        return top->ops->on_text(top, a, is_backspace(ch, is_key) ? L'\b' : ch);
    struct key k = {ch, is_key};
    enum action act = keymap_lookup(&a->keys, k, top->actions);
    if (act != ACT_NONE)
        return top->ops->on_action(top, a, act);
    act = keymap_lookup(&a->keys, k, global_actions);
    return act != ACT_NONE ? global_action(a, act) : R_NONE;
}

static int dispatch_mouse(struct app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !a->depth)
        return R_NONE;
    struct screen *top = a->stack[a->depth - 1];
    bool twice = (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0;
    if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) || !top->ops->on_click)
        return R_NONE;
    return top->ops->on_click(top, a, ev.y, ev.x, twice);
}

/* ---- leaving with unsaved work: one mechanism for every way out ---- */

enum leave { LEAVE_NONE, LEAVE_POP, LEAVE_QUIT, LEAVE_LOGOUT };

/* The highest screen from index `from` up that holds unsaved work, and what that work is. */
static struct screen *unsaved_from(const struct app *a, int from, const char **what)
{
    for (int i = a->depth - 1; i >= from && i >= 0; i--) {
        struct screen *s = a->stack[i];
        const char *w = s->ops->unsaved ? s->ops->unsaved(s) : NULL;
        if (w) {
            *what = w;
            return s;
        }
    }
    return NULL;
}

static void leave_answered(struct app *a, void *ctx, bool yes)
{
    (void)ctx;
    if (yes)
        a->leave_go = a->leave_asked;
    else
        app_message(a, TR_NORMAL, "%s", _("Je wijzigingen staan er nog; er is niets weggegooid."));
    a->leave_asked = LEAVE_NONE;
}

/* True when nothing would be lost by this way out; otherwise asks (once) and returns false: a "Ja" carries it
 * out after the dialog closes (finish_leave). */
static bool may_leave(struct app *a, enum leave how)
{
    const char *what = NULL;
    int from = how == LEAVE_POP ? a->depth - 1 : 1; /* logging out and quitting close everything above the login */
    if (!unsaved_from(a, from, &what))
        return true;
    if (a->leave_asked)
        return false; /* the question is already open */
    char q[300];
    if (how == LEAVE_QUIT)
        snprintf(q, sizeof q, _("Je wijzigingen in %s zijn nog niet opgeslagen. Toch afsluiten en ze weggooien?"),
                 what);
    else if (how == LEAVE_LOGOUT)
        snprintf(q, sizeof q, _("Je wijzigingen in %s zijn nog niet opgeslagen. Toch uitloggen en ze weggooien?"),
                 what);
    else
        snprintf(q, sizeof q, _("Je wijzigingen in %s zijn nog niet opgeslagen. Weggooien?"), what);
    struct screen *d = dialog_confirm_new(a, q, leave_answered, NULL);
    if (!d)
        return false;
    a->leave_asked = how;
    app_push(a, d);
    return false;
}

/* Every screen above the login screen closes. */
static void pop_to_login(struct app *a)
{
    while (a->depth > 1)
        app_pop(a);
}

/* Carried out by apply_result, after the handler (or the dialog) that asked for it has returned. */
void app_logout(struct app *a)
{
    if (may_leave(a, LEAVE_LOGOUT))
        a->leave_go = LEAVE_LOGOUT;
}

/* The answer was "Ja": what was asked happens now, without asking again. */
static void finish_leave(struct app *a)
{
    enum leave go = (enum leave)a->leave_go;
    a->leave_go = LEAVE_NONE;
    if (go == LEAVE_POP && a->depth)
        app_pop(a);
    else if (go == LEAVE_LOGOUT)
        pop_to_login(a);
    else if (go == LEAVE_QUIT)
        a->running = false;
}

/* The terminal is gone or the session timed out: every screen with unsaved work keeps it if it can. Returns
 * how many could not (their work is lost; nobody is there to ask); *kept counts the drafts kept. */
static int keep_drafts(struct app *a, int *kept)
{
    int lost = 0;
    *kept = 0;
    for (int i = a->depth - 1; i >= 0; i--) {
        struct screen *s = a->stack[i];
        if (!s->ops->unsaved || !s->ops->unsaved(s))
            continue;
        if (s->ops->keep_draft) {
            s->ops->keep_draft(s, a);
            (*kept)++;
        } else {
            lost++;
        }
    }
    return lost;
}

static void apply_result(struct app *a, int r)
{
    if ((r & R_QUIT) && may_leave(a, LEAVE_QUIT))
        a->running = false;
    /* a screen that gives way to another (app_replace) does so on purpose, after its work is done */
    if ((r & R_POP) && (a->next || may_leave(a, LEAVE_POP)))
        app_pop(a);
    if (a->leave_go)
        finish_leave(a);
    if (r)
        a->dirty = true;
    if (a->depth == 0)
        a->running = false;
}

/* ---- logging out after a while without a key ---- */

#define IDLE_WARN_SECONDS 60

static long monotonic_seconds(void);

static void idle_logout(struct app *a)
{
    int minutes = a->cfg->idle_logout_minutes, kept = 0;
    int lost = keep_drafts(a, &kept);
    pop_to_login(a);
    unsigned long n = (unsigned long)minutes;
    if (lost)
        app_message(a, TR_WARNING,
                    ngettext("Na %d minuut zonder toets uitgelogd; niet-opgeslagen werk is verloren.",
                             "Na %d minuten zonder toets uitgelogd; niet-opgeslagen werk is verloren.", n),
                    minutes);
    else if (kept)
        app_message(a, TR_WARNING,
                    ngettext("Na %d minuut zonder toets uitgelogd; je tekst is als concept bewaard.",
                             "Na %d minuten zonder toets uitgelogd; je tekst is als concept bewaard.", n),
                    minutes);
    else
        app_message(
            a, TR_NORMAL,
            ngettext("Na %d minuut zonder toets ben je uitgelogd.", "Na %d minuten zonder toets ben je uitgelogd.", n),
            minutes);
}

/* Called from the idle tick: a warning a minute before (halfway for a limit of two minutes or less), then the
 * logout. */
static void check_idle(struct app *a)
{
    int minutes = a->cfg->idle_logout_minutes;
    if (!a->logged_in || minutes <= 0)
        return;
    long idle = monotonic_seconds() - a->last_key, limit = (long)minutes * 60;
    long warn_at = limit > 2 * IDLE_WARN_SECONDS ? limit - IDLE_WARN_SECONDS : limit / 2;
    if (idle >= limit) {
        a->idle_warned = false;
        idle_logout(a);
    } else if (idle >= warn_at && !a->idle_warned) {
        a->idle_warned = true;
        app_message(a, TR_WARNING, "%s", _("Zonder toets word je zo uitgelogd; druk een toets om te blijven."));
    }
}

static void handle_key(struct app *a, int kr, wint_t ch)
{
    bool is_key = kr == KEY_CODE_YES;
    a->last_key = monotonic_seconds();
    a->idle_warned = false;
    if (is_key && ch == KEY_RESIZE) {
        a->dirty = true;
        return;
    }
    if (is_key && ch == KEY_MOUSE) {
        apply_result(a, dispatch_mouse(a));
        return;
    }
    if (a->message[0] && !a->prompt) {
        a->message[0] = '\0';
        a->message_role = TR_NORMAL;
        a->dirty = true;
    }
    if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
        struct key k = {ch, is_key};
        if (keymap_lookup(&a->keys, k, (const enum action[]){A_QUIT, A_BACK, ACT_NONE}) != ACT_NONE)
            a->running = false; /* the only thing to do in a tiny window is leave */
        return;
    }
    apply_result(a, dispatch_key(a, ch, is_key));
}

/* The first time the database is found damaged or gone, the screen says so, over whatever is open. */
static void notice_fault(struct app *a)
{
    if (a->fault_shown || !db_fault(a->db))
        return;
    a->fault_shown = true;
    app_push(a, dbfault_screen_new(a));
}

/* Another process committed: the visible screen reads its data again. True when it did. Each check also makes
 * sure that the file at the path is still the one opened (a restore done while people work). */
static bool check_data_version(struct app *a)
{
    int64_t v;
    if (db_file_check(a->db) != KM_OK) {
        notice_fault(a);
        return false;
    }
    if (db_data_version(a->db, &v) != KM_OK || v == a->data_version)
        return false;
    a->data_version = v;
    struct screen *top = a->depth ? a->stack[a->depth - 1] : NULL;
    if (top && top->ops->reload) {
        top->ops->reload(top, a);
        a->dirty = true;
    }
    return true;
}

/* Reads every key waiting. Returns false when the terminal is gone (EOF or repeated read errors). */
static bool read_keys(struct app *a)
{
    int errors = 0, got = 0;
    for (;;) {
        wint_t ch;
        int kr = wget_wch(stdscr, &ch);
        if (kr == ERR)
            break;
        got++;
        if (kr == OK && ch == 27 && termkeys_drop_unknown(stdscr))
            continue; /* a sequence of a key no table knows: nothing, rather than Esc */
        handle_key(a, kr, ch);
        if (!a->running)
            return true;
    }
    if (!got)
        errors++;
    return errors < MAX_READ_ERRORS;
}

/* ---- who is on: this process's row in `sessions` while someone is logged in ---- */

static struct {
    int64_t row;  /* 0: none */
    int64_t user; /* whose row it is (0: nobody logged in) */
    long attempt; /* seconds (monotonic) of the last register or touch: the database is written about once
                   * a minute, not per poll, whatever the wall clock does */
} presence;

static long monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec + 1; /* never 0, which means "not yet" */
}

static void presence_end(struct app *a)
{
    sessions_end(a->db, presence.row); /* best effort: a row left behind expires */
    presence.row = 0;
    presence.attempt = 0;
}

/* Follows the login state: a login registers, a logout or another person ends the row, and the row is
 * touched once a minute. A row cleaned away meanwhile (taken for dead) is registered again; other failures
 * (a busy database) wait for the next minute, and never reach the screen. */
static void presence_sync(struct app *a)
{
    int64_t want = a->logged_in ? a->session.user_id : 0;
    if (want != presence.user) {
        presence_end(a);
        presence.user = want;
    }
    long now = monotonic_seconds();
    if (!want || (presence.attempt && now - presence.attempt < SESSIONS_TOUCH_SECONDS))
        return;
    presence.attempt = now;
    if (presence.row) {
        if (sessions_touch(a->db, presence.row) != KM_NOTFOUND)
            return;
        presence.row = 0;
    }
    sessions_register(&a->session, (int)getpid(), &presence.row);
}

void app_reopen(struct app *a)
{
    char err[700];
    if (db_reopen(a->db, err, sizeof err) != KM_OK) {
        app_message(a, TR_ERROR, "%s", err);
        return;
    }
    memset(&presence, 0, sizeof presence); /* the row was in the old file */
    pop_to_login(a);
    a->logged_in = false;
    a->fault_shown = false;
    school_get(a->db, &a->school);
    db_data_version(a->db, &a->data_version);
    app_message(a, TR_NORMAL, "%s", _("Het nieuwe databasebestand is geopend; log opnieuw in."));
}

static long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After the kernel says a database file was written, data_version is asked a moment later (the writer may
 * not have finished its commit yet), and once more after a while when that found nothing new (a commit that
 * took longer; or this session's own, which changes nothing for it). After a reload the kernel's word is not
 * listened to for a while (the mute): 100 ms, doubling while the changes come as fast as the mute lets them in,
 * up to the poll's second, and shrinking again when they slow down. A change now and then shows at once, and a
 * storm of commits (200 people logging in) costs each screen no more reloads than the poll did. */
#define WAKE_CHECK_MS 5
#define WAKE_RECHECK_MS 100
#define WAKE_GAP_MIN_MS 100

struct wake {
    struct dbwatch w;
    long check_at, recheck_at; /* monotonic ms; 0: nothing due */
    long mute_until;           /* the watch is not polled before this */
    long gap_ms;               /* the next mute after a reload */
    long last_reload;
};

static bool wake_listening(const struct wake *k, long now)
{
    return k->w.fd >= 0 && !k->check_at && now >= k->mute_until;
}

/* How long poll may wait; *idle: the whole idle tick, nothing of the watch's due before it. */
static int wait_ms(const struct wake *k, long now, bool *idle)
{
    long due = k->check_at ? k->check_at : k->recheck_at;
    if (k->w.fd >= 0 && !k->check_at && k->mute_until > now && (!due || k->mute_until < due))
        due = k->mute_until; /* then listen again */
    *idle = !due;
    if (!due)
        return IDLE_MS;
    return due <= now ? 0 : (int)(due - now < IDLE_MS ? due - now : IDLE_MS);
}

/* A watched file was written. A watch that lost its file is given up here and opened again by the poll. */
static void wake_heard(struct wake *k)
{
    if (!dbwatch_drain(&k->w))
        dbwatch_close(&k->w);
    k->check_at = monotonic_ms() + WAKE_CHECK_MS;
}

/* Runs the check that is due. True when one ran. */
static bool wake_due(struct app *a, struct wake *k)
{
    long now = monotonic_ms();
    if (k->check_at && now >= k->check_at) {
        k->check_at = 0;
        if (!check_data_version(a)) {
            k->recheck_at = now + WAKE_RECHECK_MS;
            return true;
        }
        k->recheck_at = 0;
        long since = now - k->last_reload;
        if (k->gap_ms < WAKE_GAP_MIN_MS || since >= IDLE_MS)
            k->gap_ms = WAKE_GAP_MIN_MS; /* quiet for a while: the next change shows at once again */
        else if (since < 2 * k->gap_ms)  /* changes come about as fast as the mute lets them in: a storm */
            k->gap_ms = k->gap_ms * 2 > IDLE_MS ? IDLE_MS : k->gap_ms * 2;
        else if ((k->gap_ms /= 2) < WAKE_GAP_MIN_MS)
            k->gap_ms = WAKE_GAP_MIN_MS;
        k->last_reload = now;
        k->mute_until = now + k->gap_ms;
        return true;
    }
    if (!k->check_at && k->recheck_at && now >= k->recheck_at) {
        k->recheck_at = 0;
        if (check_data_version(a))
            k->last_reload = now;
        return true;
    }
    return false;
}

static void main_loop(struct app *a)
{
    struct wake k = {0};
    dbwatch_open(&k.w, a->db);
    int empty_reads = 0;
    while (a->running && !hangup && !terminated) {
        presence_sync(a);
        for (int i = 0; a->dirty && i < 2; i++) /* twice when drawing opened a screen (the first after login) */
            paint(a);
        long now = monotonic_ms();
        bool listening = wake_listening(&k, now), idle;
        int timeout = wait_ms(&k, now, &idle);
        struct pollfd in[2] = {{STDIN_FILENO, POLLIN, 0}, {k.w.fd, POLLIN, 0}};
        int r = poll(in, listening ? 2 : 1, timeout);
        if (hangup || terminated || (r > 0 && (in[0].revents & (POLLHUP | POLLERR | POLLNVAL))))
            break;
        if (r < 0 && errno != EINTR)
            break;
        bool key_ready = r > 0 && in[0].revents;
        if (r > 0 && listening && in[1].revents)
            wake_heard(&k);
        wake_due(a, &k);
        if (r < 0 || (r == 0 && idle)) {
            check_data_version(a); /* the poll: where the kernel cannot tell, or missed it */
            check_idle(a);
            if (k.w.fd < 0) /* a file was replaced; watch the new one */
                dbwatch_open(&k.w, a->db);
        }
        if (r < 0) /* EINTR: SIGWINCH; curses queues KEY_RESIZE */
            read_keys(a);
        if (!key_ready)
            continue;
        /* Readable but no key at all, several times running: the other end is gone (EOF). */
        empty_reads = read_keys(a) ? 0 : empty_reads + 1;
        notice_fault(a); /* a refusal while handling a key: the file turned out damaged or gone */
        if (empty_reads >= MAX_READ_ERRORS)
            break;
    }
    dbwatch_close(&k.w);
}

/* ---- start and end ---- */

static void ensure_utf8_locale(void)
{
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

static void setup_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static void start_curses(struct app *a, char *theme_err, size_t errlen)
{
    keypad(stdscr, TRUE);
    cbreak();
    noecho();
    nonl();
    nodelay(stdscr, TRUE);
    termkeys_install();
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED, NULL);
    mouseinterval(200);
    struct theme t;
    bool colour = has_colors() && !theme_no_color();
    if (colour)
        start_color();
    if (!colour) {
        theme_builtin_mono(&t);
    } else {
        char dir[4096];
        paths_data_dir("themes", dir, sizeof dir);
        /* On an error the message is shown on the login screen and t holds the built-in theme. */
        theme_load(dir, a->cfg->theme, COLORS, &t, theme_err, errlen);
    }
    theme_apply(&t);
    getmaxyx(stdscr, a->rows, a->cols);
}

/* newterm, unlike initscr, returns NULL instead of ending the process when the terminal cannot be used.
 * The size comes from the terminal itself: LINES and COLUMNS are variables anyone could set. */
static SCREEN *open_terminal(const char *term)
{
    unsetenv("LINES");
    unsetenv("COLUMNS");
    return newterm(term, stdout, stdin);
}

/* ---- logged in by sshd (--as) ---- */

static void set_user_name(struct app *a)
{
    struct km_user u;
    if (users_get_id(&a->session, a->session.user_id, &u) == KM_OK) {
        users_display_name(&u, a->user_name, sizeof a->user_name);
        users_free(&u);
    } else {
        snprintf(a->user_name, sizeof a->user_name, "%s", a->session.username);
    }
}

/* The login screen stays underneath, so logging out leads back to it as after a password login. */
static void enter_as(struct app *a, const struct login_result *res)
{
    a->logged_in = true;
    set_user_name(a);
    app_push(a, res->must_change_password ? password_screen_new(a, PW_FORCED, 0) : home_screen_new(a));
}

static int refuse(const char *msg)
{
    fprintf(stderr, "klassenmap: %s\n", msg);
    return 1;
}

/* Everything that can refuse to start, before the terminal is taken over, so the reason stays readable.
 * The --as login comes last: it is audited, so only once nothing else can stop the screens. */
static int prepare(struct app *a, const struct tui_options *o, struct login_result *res, char *term, size_t termlen,
                   char *term_msg, size_t msglen)
{
    char err[400];
    keymap_defaults(&a->keys);
    if (!keymap_apply_config(&a->keys, o->cfg, err, sizeof err))
        return refuse(err);
    if (school_get(a->db, &a->school) != KM_OK)
        return refuse(db_errmsg(a->db));
    if (!termtype_choose(term, termlen, term_msg, msglen))
        return refuse("dit terminaltype is onbekend en terminfo kent ook xterm en vt100 niet.");
    if (o->as_user && login_trusted(a->db, o->as_user, &a->session, res) != KM_OK)
        return refuse(db_errmsg(a->db));
    return 0;
}

int tui_run(const struct tui_options *o)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return refuse("de schermen hebben een terminal nodig; geef anders een opdracht (klassenmap --help).");
    ensure_utf8_locale();
    i18n_init(o->cfg->language);
    static struct app a; /* one per process; static keeps the large struct off the stack */
    memset(&a, 0, sizeof a);
    a.db = o->db;
    a.cfg = o->cfg;
    a.auth = o->auth;
    a.running = true;
    a.dirty = true;
    char err[400] = "", term[TERMTYPE_NAME_MAX + 1], term_msg[200];
    struct login_result res = {0};
    if (prepare(&a, o, &res, term, sizeof term, term_msg, sizeof term_msg) != 0)
        return 1;
    db_data_version(a.db, &a.data_version);
    setup_signals();
    SCREEN *scr = open_terminal(term);
    if (!scr)
        return refuse("de terminal kan niet worden gebruikt.");
    start_curses(&a, err, sizeof err);
    app_push(&a, login_screen_new(&a));
    if (*err || *term_msg)
        app_message(&a, TR_WARNING, "%s%s%s", term_msg, *term_msg && *err ? " " : "", err);
    if (o->as_user)
        enter_as(&a, &res);
    a.last_key = monotonic_seconds();
    main_loop(&a);
    int kept = 0;
    if (a.running) /* not left by choice: the terminal went away or the program was told to stop */
        keep_drafts(&a, &kept);
    presence_end(&a);
    while (a.depth)
        app_pop(&a);
    if (!hangup) {
        endwin();
        delscreen(scr);
    }
    return 0;
}
