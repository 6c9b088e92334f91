/* The lessons of one time slot: who teaches what to which groups where, and which lessons run on as a
 * blokuur. a = VOEG EEN LES TOE opens the lesson wizard; Enter or e changes a lesson, d deletes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/lessons.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/screens.h"
#include "tui/search.h"
#include "tui/slot_lookup.h"

/* The blokuur comes before the niveaus: which slots a lesson spans matters more when the screen is narrow. */
enum scol { SC_TEACHER, SC_SUBJECT, SC_ROOM, SC_GROUPS, SC_BLOCK, SC_NIVEAUS, SC__COUNT };

struct scol_spec {
    const char *title; /* translated when drawn */
    int min, max;      /* width limits; within them the widest value decides */
};

static const struct scol_spec scols[SC__COUNT] = {
    [SC_TEACHER] = {N_("Leerkracht"), 10, 24}, [SC_SUBJECT] = {N_("Vak"), 6, 28},
    [SC_ROOM] = {N_("Lokaal"), 6, 16},         [SC_GROUPS] = {N_("Groepen"), 8, 40},
    [SC_NIVEAUS] = {N_("Niveaus"), 7, 24},     [SC_BLOCK] = {N_("Blokuur"), 7, 12},
};

struct slot_screen {
    struct screen base;
    struct app *app;
    int64_t slot_id;
    bool found;
    struct slot_place place;
    struct km_lesson_list lessons;
    char (*block)[32]; /* per lesson: "" or the whole blokuur's times ("08:30–10:15") */
    int width[SC__COUNT];
    struct grid grid;
    int64_t pending_delete;
    char cell[256];
    char text[1024];
};

static const enum action slot_actions[] = {A_ADD,       A_SELECT, A_EDIT, A_DELETE, A_SEARCH, A_SEARCH_NEXT,
                                           A_BACK,      A_UP,     A_DOWN, A_LEFT,   A_RIGHT,  A_PAGE_UP,
                                           A_PAGE_DOWN, A_HOME,   A_END,  ACT_NONE};

/* ---- the table ---- */

static const char *or_dash(const char *s) { return *s ? s : "—"; }

static const char *cell_text(struct slot_screen *ss, int row, enum scol c)
{
    const struct km_lesson *l = &ss->lessons.items[row];
    switch (c) {
    case SC_TEACHER:
        return *l->teacher ? l->teacher : _("geen");
    case SC_SUBJECT:
        return or_dash(l->subject);
    case SC_ROOM:
        return or_dash(l->room);
    case SC_GROUPS:
        return l->groups;
    case SC_NIVEAUS:
        return or_dash(l->niveaus);
    case SC_BLOCK:
        return ss->block ? ss->block[row] : "";
    default:
        return "";
    }
}

static int slot_col_width(void *ctx, int col) { return ((struct slot_screen *)ctx)->width[col]; }

static void slot_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct slot_screen *ss = ctx;
    const char *t = cell_text(ss, row, (enum scol)col);
    bool empty = strcmp(t, "—") == 0 || (col == SC_TEACHER && !*ss->lessons.items[row].teacher);
    draw_text(stdscr, y, x, width, t, selected ? TR_SELECTED : empty ? TR_DIM : TR_NORMAL);
}

static void slot_draw_header(void *ctx, int col, int y, int x, int width)
{
    (void)ctx;
    draw_text(stdscr, y, x, width, _(scols[col].title), TR_GRID_HEADER);
}

static const char *slot_row_text(void *ctx, int row)
{
    struct slot_screen *ss = ctx;
    const struct km_lesson *l = &ss->lessons.items[row];
    snprintf(ss->text, sizeof ss->text, "%s %s %s %s %s", l->teacher, l->subject, l->room, l->groups, l->niveaus);
    return ss->text;
}

static const struct grid_ops slot_grid = {slot_col_width, slot_draw_cell, slot_draw_header, slot_row_text};

/* ---- loading ---- */

static void measure(struct slot_screen *ss)
{
    for (int c = 0; c < SC__COUNT; c++) {
        int w = text_width(_(scols[c].title));
        for (size_t i = 0; i < ss->lessons.n; i++) {
            int tw = text_width(cell_text(ss, (int)i, (enum scol)c));
            w = tw > w ? tw : w;
        }
        ss->width[c] = w < scols[c].min ? scols[c].min : w > scols[c].max ? scols[c].max : w;
    }
}

static const struct km_slot *slot_by_id(const struct slot_screen *ss, int64_t id)
{
    for (size_t i = 0; i < ss->place.slots.n; i++)
        if (ss->place.slots.items[i].id == id)
            return &ss->place.slots.items[i];
    return NULL;
}

/* A blokuur is told by its whole span ("blokuur 08:30–10:45"): the head lesson knows its linked slots. */
static void block_text(struct slot_screen *ss, const struct km_lesson *l, char *out, size_t len)
{
    struct lesson_input in;
    int64_t version;
    out[0] = '\0';
    if (!l->block_id)
        return;
    snprintf(out, len, "%s", _("blokuur"));
    if (lessons_get_input(&ss->app->session, l->block_id, &in, &version) != KM_OK)
        return;
    const struct km_slot *first = slot_by_id(ss, in.slot_id);
    const struct km_slot *last = in.nlinked ? slot_by_id(ss, in.linked_slots[in.nlinked - 1]) : first;
    if (!first || !last)
        return;
    char a[6], b[6];
    hours_format(first->start_min, a);
    hours_format(last->end_min, b);
    snprintf(out, len, "%s–%s", a, b);
}

static void clear_data(struct slot_screen *ss)
{
    lessons_list_free(&ss->lessons);
    slot_lookup_free(&ss->place);
    free(ss->block);
    ss->block = NULL;
    ss->found = false;
}

static void set_title(struct slot_screen *ss)
{
    const struct km_slot *x = slot_lookup_slot(&ss->place);
    if (!ss->found || !x) {
        snprintf(ss->base.title, sizeof ss->base.title, "%s", _("TIJDSLOT"));
        return;
    }
    char a[6], b[6];
    hours_format(x->start_min, a);
    hours_format(x->end_min, b);
    char title[512];
    snprintf(title, sizeof title, "%s › %s › %s %s–%s %s", _("WEEK SJABLONEN"), ss->place.template_name,
             _(hours_day_short(x->weekday)), a, b, x->name);
    text_fit(title, 120, false, ss->base.title, sizeof ss->base.title); /* cut whole characters, not bytes */
}

static void read_lessons(struct slot_screen *ss)
{
    struct app *a = ss->app;
    if (lessons_list(&a->session, 0, ss->slot_id, &ss->lessons) != KM_OK) {
        app_core_error(a);
        return;
    }
    ss->block = calloc(ss->lessons.n ? ss->lessons.n : 1, sizeof *ss->block);
    for (size_t i = 0; ss->block && i < ss->lessons.n; i++)
        block_text(ss, &ss->lessons.items[i], ss->block[i], sizeof ss->block[i]);
}

/* Reads the slot and its lessons again; the cursor stays on the same lesson when it is still there. */
static void load(struct slot_screen *ss)
{
    int64_t keep = ss->lessons.n ? ss->lessons.items[ss->grid.cur_row].id : 0;
    int keep_row = ss->grid.cur_row;
    clear_data(ss);
    ss->found = slot_lookup(&ss->app->session, ss->slot_id, &ss->place);
    if (ss->found)
        read_lessons(ss);
    set_title(ss);
    measure(ss);
    int row = keep_row;
    for (size_t i = 0; i < ss->lessons.n; i++)
        row = ss->lessons.items[i].id == keep ? (int)i : row;
    grid_set_size(&ss->grid, (int)ss->lessons.n, SC__COUNT);
    grid_set_cursor(&ss->grid, row, ss->grid.cur_col);
}

/* ---- the screen ---- */

static void slot_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct slot_screen *ss = (struct slot_screen *)s;
    const struct km_slot *x = slot_lookup_slot(&ss->place);
    if (!ss->found || !x) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Dit tijdslot bestaat niet (meer)."), TR_WARNING);
        return;
    }
    char d[200], line[400], add[32];
    slot_lookup_describe(x, d, sizeof d);
    keymap_keys_text(&a->keys, A_ADD, 1, add, sizeof add);
    snprintf(line, sizeof line, ngettext("%s · %d les", "%s · %d lessen", (unsigned long)ss->lessons.n), d,
             (int)ss->lessons.n);
    draw_text(stdscr, top, 2, width - 4, line, TR_NORMAL);
    if (x->is_break) {
        draw_text(stdscr, top + 2, 2, width - 4, _("Dit tijdslot is een pauze: daarin komen geen lessen."), TR_DIM);
        return;
    }
    if (ss->lessons.n == 0) {
        snprintf(line, sizeof line, _("Nog geen lessen in dit tijdslot. %s = VOEG EEN LES TOE."), add);
        draw_text(stdscr, top + 2, 2, width - 4, line, TR_NORMAL);
        return;
    }
    snprintf(line, sizeof line, _("%s = VOEG EEN LES TOE"), add);
    draw_text(stdscr, top + 1, 2, width - 4, line, TR_DIM);
    grid_draw(&ss->grid, top + 2, 1, h - 2, width - 2);
}

static const struct km_lesson *current(const struct slot_screen *ss)
{
    return ss->lessons.n ? &ss->lessons.items[ss->grid.cur_row] : NULL;
}

static int add_lesson(struct slot_screen *ss, struct app *a)
{
    const struct km_slot *x = slot_lookup_slot(&ss->place);
    if (!x)
        return R_NONE;
    if (x->is_break)
        app_message(a, TR_WARNING, "%s", _("Dit tijdslot is een pauze; daarin komen geen lessen."));
    else
        app_push(a, lesson_screen_new(a, ss->slot_id, 0));
    return R_DRAW;
}

/* A part of a blokuur is changed through its first lesson: the blokuur changes as a whole. */
static int edit_lesson(struct slot_screen *ss, struct app *a)
{
    const struct km_lesson *l = current(ss);
    if (!l)
        return R_NONE;
    if (l->block_id && l->block_id != l->id)
        app_message(a, TR_NORMAL, "%s", _("Dit is een vervolg van een blokuur: je wijzigt het hele blokuur."));
    app_push(a, lesson_screen_new(a, ss->slot_id, l->block_id ? l->block_id : l->id));
    return R_DRAW;
}

static void delete_done(struct app *a, void *ctx, bool yes)
{
    struct slot_screen *ss = ctx;
    if (yes && ss->pending_delete) {
        if (lessons_delete(&a->session, ss->pending_delete) == KM_OK)
            app_message(a, TR_OK, "%s", _("Les verwijderd."));
        else
            app_core_error(a);
    }
    ss->pending_delete = 0; /* the list reloads after this returns */
}

static void delete_question(struct slot_screen *ss, const struct km_lesson *l, char *out, size_t len)
{
    char who[200];
    if (*l->teacher)
        snprintf(who, sizeof who, _("Les van %s voor %s verwijderen?"), l->teacher, l->groups);
    else
        snprintf(who, sizeof who, _("Les voor %s verwijderen?"), l->groups);
    if (l->block_id)
        snprintf(out, len, _("%s Dit is een blokuur (%s): alle delen gaan mee, ook in de andere tijdsloten."), who,
                 ss->block[ss->grid.cur_row]);
    else
        snprintf(out, len, "%s", who);
}

static int delete_lesson(struct slot_screen *ss, struct app *a)
{
    const struct km_lesson *l = current(ss);
    if (!l || !ss->block)
        return R_NONE;
    char q[600];
    delete_question(ss, l, q, sizeof q);
    ss->pending_delete = l->id;
    app_push(a, dialog_confirm_new(a, q, delete_done, ss));
    return R_DRAW;
}

static int slot_action(struct screen *s, struct app *a, enum action act)
{
    struct slot_screen *ss = (struct slot_screen *)s;
    if (grid_move(&ss->grid, act))
        return R_DRAW;
    switch (act) {
    case A_ADD:
        return add_lesson(ss, a);
    case A_SELECT:
    case A_EDIT:
        return edit_lesson(ss, a);
    case A_DELETE:
        return delete_lesson(ss, a);
    case A_SEARCH:
        return grid_search_action(a, &ss->grid, _("Zoek (leerkracht, vak, lokaal, groep):"), SEARCH_THINGS);
    case A_SEARCH_NEXT:
        return grid_search_next_action(a, &ss->grid, SEARCH_THINGS);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int slot_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct slot_screen *ss = (struct slot_screen *)s;
    if (!ss->lessons.n || !grid_click(&ss->grid, y, x))
        return R_NONE;
    return twice ? edit_lesson(ss, a) : R_DRAW;
}

static void slot_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct slot_screen *)s);
}

static void slot_destroy(struct screen *s)
{
    clear_data((struct slot_screen *)s);
    free(s);
}

static const struct action_words slot_words[] = {
    {A_ADD, N_("les toevoegen"), N_("VOEG EEN LES TOE aan dit tijdslot, stap voor stap.")},
    {A_SELECT, N_("les wijzigen"), N_("Wijzig de gekozen les: leerkracht, vak, lokaal, niveaus, groepen.")},
    {A_EDIT, N_("les wijzigen"), N_("Wijzig de gekozen les: leerkracht, vak, lokaal, niveaus, groepen.")},
    {A_DELETE, N_("les verwijderen"), N_("Verwijder de gekozen les; eerst wordt om bevestiging gevraagd.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops slot_ops = {
    .draw = slot_draw,
    .on_action = slot_action,
    .reload = slot_reload,
    .resume = slot_reload,
    .on_click = slot_click,
    .destroy = slot_destroy,
};

struct screen *slot_screen_new(struct app *a, int64_t slot_id)
{
    struct slot_screen *ss = calloc(1, sizeof *ss);
    if (!ss)
        return NULL;
    ss->base.ops = &slot_ops;
    ss->base.actions = slot_actions;
    ss->base.words = slot_words;
    ss->app = a;
    ss->slot_id = slot_id;
    grid_init(&ss->grid, &slot_grid, ss, 1, true);
    ss->grid.gap = 2; /* words in neighbouring columns must not run together */
    load(ss);
    return &ss->base;
}
