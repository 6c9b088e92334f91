/* MIJNROOSTER INSTELLINGEN → LOKALEN: the rooms with how many children fit in each and how many lessons
 * of the week templates use them. a adds, e changes (with the version the list showed, so another
 * beheerder's change is refused rather than overwritten), d deletes after asking (core refuses while a
 * lesson uses the room). The capacity is what the check compares a lesson's groups with. */
#include <stdlib.h>
#include <string.h>

#include "core/rooms.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

#define NAME_MAX_CHARS 40 /* core's limit for a room's name */
#define CAPACITY_MAX 1000 /* core's limit for a capacity */
#define NAME_MIN_W 14
#define NUM_W 12

struct rooms_screen {
    struct screen base;
    struct app *app;
    struct km_room_list r;
    struct list list;
    int name_w;
    int64_t keep_id;    /* put the cursor here at the next load (a new room); 0 = stay */
    int64_t ask_id;     /* the room the open dialog is about */
    char ask_name[128]; /* its name, for the message afterwards */
};

static const enum action rooms_actions[] = {A_ADD,  A_EDIT,    A_DELETE,    A_SEARCH, A_SEARCH_NEXT, A_BACK,  A_UP,
                                            A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME,   A_END,         ACT_NONE};

static const struct km_room *current(const struct rooms_screen *rs)
{
    return rs->r.n ? &rs->r.items[rs->list.cur] : NULL;
}

/* ---- reading ---- */

static void measure(struct rooms_screen *rs)
{
    rs->name_w = NAME_MIN_W;
    for (size_t i = 0; i < rs->r.n; i++) {
        int w = text_width(rs->r.items[i].name);
        rs->name_w = w > rs->name_w ? w : rs->name_w;
    }
    if (rs->name_w > NAME_MAX_CHARS)
        rs->name_w = NAME_MAX_CHARS;
}

/* Reads the rooms again; the cursor stays on the same room (or goes to keep_id) when it is there. */
static void load(struct rooms_screen *rs)
{
    const struct km_room *cur = current(rs);
    int64_t keep = rs->keep_id ? rs->keep_id : cur ? cur->id : 0;
    rs->keep_id = 0;
    rooms_list_free(&rs->r);
    if (rooms_list(&rs->app->session, &rs->r) != KM_OK)
        app_core_error(rs->app);
    for (size_t i = 0; i < rs->r.n; i++)
        if (rs->r.items[i].id == keep)
            rs->list.cur = (int)i;
    measure(rs);
    list_set_count(&rs->list, (int)rs->r.n);
}

/* ---- drawing ---- */

/* Right-aligned in w columns (numbers under their heading); the row is already filled in its role. */
static void draw_right(int y, int x, int w, const char *s, enum theme_role r)
{
    int tw = text_width(s);
    draw_text(stdscr, y, tw < w ? x + w - tw : x, tw < w ? tw : w, s, r);
}

static void draw_room(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct rooms_screen *rs = ctx;
    const struct km_room *room = &rs->r.items[i];
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL, dim = selected ? TR_SELECTED : TR_DIM;
    char num[32];
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", r);
    int cx = x + 2;
    draw_text(stdscr, y, cx, rs->name_w, room->name, r);
    cx += rs->name_w + 1;
    snprintf(num, sizeof num, "%d", room->capacity);
    draw_right(y, cx, NUM_W, num, r);
    snprintf(num, sizeof num, "%d", room->lessons);
    draw_right(y, cx + NUM_W + 1, NUM_W, room->lessons ? num : "—", room->lessons ? r : dim);
}

static const char *room_text(void *ctx, int i) { return ((struct rooms_screen *)ctx)->r.items[i].name; }

static void draw_head(const struct rooms_screen *rs, int y, int x, int width)
{
    draw_fill(stdscr, y, x, 1, width, TR_GRID_HEADER);
    draw_text(stdscr, y, x + 2, rs->name_w, _("Lokaal"), TR_GRID_HEADER);
    draw_right(y, x + 3 + rs->name_w, NUM_W, _("Capaciteit"), TR_GRID_HEADER);
    draw_right(y, x + 4 + rs->name_w + NUM_W, NUM_W, _("Lessen"), TR_GRID_HEADER);
}

static void rooms_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct rooms_screen *rs = (struct rooms_screen *)s;
    int w = width < 100 ? width - 4 : 96;
    char line[200];
    snprintf(line, sizeof line,
             ngettext("%d lokaal · de capaciteit is hoeveel kinderen erin passen",
                      "%d lokalen · de capaciteit is hoeveel kinderen erin passen", (unsigned long)rs->r.n),
             (int)rs->r.n);
    draw_text(stdscr, top, 2, w, line, TR_DIM);
    if (rs->r.n == 0) {
        draw_text(stdscr, top + 2, 2, w, _("Er zijn nog geen lokalen. Druk op a om er een toe te voegen."), TR_NORMAL);
        return;
    }
    draw_head(rs, top + 2, 2, w);
    list_draw(&rs->list, top + 3, 2, h - 3, w);
}

/* ---- deleting ---- */

static void delete_answered(struct app *a, void *ctx, bool yes)
{
    struct rooms_screen *rs = ctx;
    if (!yes)
        return;
    if (rooms_delete(&a->session, rs->ask_id) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, _("Lokaal '%s' is verwijderd."), rs->ask_name);
    /* the list reloads once the dialog is gone */
}

static int ask_delete(struct rooms_screen *rs, struct app *a)
{
    const struct km_room *room = current(rs);
    if (!room)
        return R_NONE;
    if (room->lessons) { /* core would refuse: say so at once, without a question first */
        app_message(a, TR_WARNING,
                    ngettext("%d les gebruikt dit lokaal; kies daar eerst een ander lokaal.",
                             "%d lessen gebruiken dit lokaal; kies daar eerst een ander lokaal.",
                             (unsigned long)room->lessons),
                    room->lessons);
        return R_DRAW;
    }
    char q[300];
    snprintf(q, sizeof q, _("Lokaal '%s' verwijderen?"), room->name);
    rs->ask_id = room->id;
    snprintf(rs->ask_name, sizeof rs->ask_name, "%s", room->name);
    app_push(a, dialog_confirm_new(a, q, delete_answered, rs));
    return R_DRAW;
}

/* ---- the form: a new room, or a change ---- */

struct room_form {
    struct form_screen fs;      /* first: the shared form glue */
    struct rooms_screen *owner; /* below this screen on the stack for as long as the form lives */
    int64_t id, version;        /* 0 when adding */
};

enum { F_NAME, F_CAPACITY, F_SAVE };

static const enum action form_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP, A_DOWN, A_BACK, ACT_NONE};

static void room_form_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    (void)h;
    struct room_form *rf = (struct room_form *)s;
    int x = (width - 72) / 2;
    draw_text(stdscr, top + 1, x, 72, _("De naam zoals iedereen het lokaal kent, en hoeveel kinderen erin passen."),
              TR_NORMAL);
    draw_text(stdscr, top + 2, x, 72, _("Een les met meer kinderen dan dit geeft een waarschuwing."), TR_DIM);
    form_draw(&rf->fs.form, top + 4, x, 72);
}

/* 0 … CAPACITY_MAX, digits only; -1 otherwise. */
static int parse_capacity(const char *s)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 4)
        return -1;
    int n = atoi(s);
    return n <= CAPACITY_MAX ? n : -1;
}

static int submit(struct form_screen *fs, struct app *a, int field)
{
    (void)field;
    struct room_form *rf = (struct room_form *)fs;
    int bad = form_validate(&rf->fs.form);
    struct field *cap = &rf->fs.form.fields[F_CAPACITY];
    int capacity = parse_capacity(cap->value);
    if (bad < 0 && capacity < 0) {
        snprintf(cap->error, sizeof cap->error, _("een aantal van 0 tot %d"), CAPACITY_MAX);
        bad = F_CAPACITY;
    }
    if (bad >= 0) {
        rf->fs.form.focus = bad;
        return R_DRAW;
    }
    char name[FIELD_VALUE_MAX];
    text_clean(rf->fs.form.fields[F_NAME].value, name, sizeof name); /* as core stores it, for the message */
    int64_t id = 0;
    enum km_rc rc = rf->id ? rooms_update(&a->session, rf->id, name, capacity, rf->version)
                           : rooms_add(&a->session, name, capacity, &id);
    if (rc != KM_OK) {
        app_core_error(a);
        /* someone else changed it: back to the list, which reloads; else stay to correct it */
        return rc == KM_CONFLICT ? R_POP : R_DRAW;
    }
    rf->owner->keep_id = id;
    app_message(a, TR_OK, rf->id ? _("Lokaal '%s' is gewijzigd.") : _("Lokaal '%s' is toegevoegd."), name);
    return R_POP;
}

/* room NULL: a new one. */
static struct screen *room_form_new(struct rooms_screen *rs, const struct km_room *room)
{
    struct room_form *rf = calloc(1, sizeof *rf);
    if (!rf)
        return NULL;
    rf->owner = rs;
    form_screen_init(&rf->fs, form_actions, room_form_draw, submit, 12);
    if (form_add(&rf->fs.form, FIELD_TEXT, _("Naam"), true) != F_NAME ||
        form_add(&rf->fs.form, FIELD_TEXT, _("Capaciteit"), true) != F_CAPACITY ||
        form_add(&rf->fs.form, FIELD_BUTTON, _("Lokaal opslaan"), false) != F_SAVE) {
        form_screen_destroy(&rf->fs.base);
        return NULL;
    }
    rf->fs.form.fields[F_NAME].max_chars = NAME_MAX_CHARS;
    rf->fs.form.fields[F_CAPACITY].max_chars = 4;
    if (room) {
        char cap[16];
        rf->id = room->id;
        rf->version = room->version;
        snprintf(cap, sizeof cap, "%d", room->capacity);
        form_set_value(&rf->fs.form, F_NAME, room->name);
        form_set_value(&rf->fs.form, F_CAPACITY, cap);
        snprintf(rf->fs.base.title, sizeof rf->fs.base.title, "LOKALEN › %s", room->name);
    } else {
        snprintf(rf->fs.base.title, sizeof rf->fs.base.title, "LOKALEN › %s", _("nieuw lokaal"));
    }
    return &rf->fs.base;
}

/* ---- the screen ---- */

static int search(struct rooms_screen *rs, struct app *a, bool again)
{
    if (!again && !a->prompt_confirmed) { /* '/' opens the prompt; its Enter comes back here */
        app_start_prompt(a, _("Zoek lokaal:"));
        return R_DRAW;
    }
    if (again && !rs->list.search[0])
        app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
    else if (!list_search(&rs->list, again ? rs->list.search : a->prompt_text, true) && rs->list.search[0])
        app_message(a, TR_WARNING, _("Geen lokaal gevonden met '%s'."), rs->list.search);
    return R_DRAW;
}

static int rooms_action(struct screen *s, struct app *a, enum action act)
{
    struct rooms_screen *rs = (struct rooms_screen *)s;
    if (list_move(&rs->list, act))
        return R_DRAW;
    const struct km_room *room = current(rs);
    switch (act) {
    case A_ADD:
        app_push(a, room_form_new(rs, NULL));
        return R_DRAW;
    case A_EDIT:
        if (room)
            app_push(a, room_form_new(rs, room));
        return R_DRAW;
    case A_DELETE:
        return ask_delete(rs, a);
    case A_SEARCH:
        return search(rs, a, false);
    case A_SEARCH_NEXT:
        return search(rs, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int rooms_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct rooms_screen *rs = (struct rooms_screen *)s;
    if (!list_click(&rs->list, y))
        return R_NONE;
    return twice ? rooms_action(s, a, A_EDIT) : R_DRAW;
}

static void rooms_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct rooms_screen *)s);
}

static void rooms_destroy(struct screen *s)
{
    rooms_list_free(&((struct rooms_screen *)s)->r);
    free(s);
}

static const struct action_words rooms_words[] = {
    {A_ADD, N_("nieuw lokaal"), N_("Voeg een lokaal toe, met hoeveel kinderen erin passen.")},
    {A_EDIT, N_("wijzigen"), N_("Wijzig naam of capaciteit van het gekozen lokaal.")},
    {A_DELETE, N_("verwijderen"), N_("Verwijder het gekozen lokaal; eerst wordt om bevestiging gevraagd.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops rooms_ops = {
    .draw = rooms_draw,
    .on_action = rooms_action,
    .reload = rooms_reload,
    .resume = rooms_reload,
    .on_click = rooms_click,
    .destroy = rooms_destroy,
};

struct screen *rooms_screen_new(struct app *a)
{
    struct rooms_screen *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->base.ops = &rooms_ops;
    rs->base.actions = rooms_actions;
    rs->base.words = rooms_words;
    rs->app = a;
    snprintf(rs->base.title, sizeof rs->base.title, "%s", "LOKALEN");
    list_init(&rs->list, draw_room, room_text, rs);
    load(rs);
    return &rs->base;
}
