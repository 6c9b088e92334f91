/* LEERDOELEN for teachers and the beheerder: the status board.
 *
 * First three small lists side by side: the group (a teacher's own groups, the beheerder's all: core decides),
 * the deelgebied and the niveau (the group's jaargroep niveau is preselected). Then the board: the group's
 * students as rows (name and share mastered frozen on the left), the deelgebied's goals as columns (the code in
 * the frozen header row), each cell the status's glyph and letter (its colour role only as an extra). A status
 * is set with its letter or number, Space steps to the next; R and K set a whole row or column after a
 * confirmation that says how many cells. Under the table the counts per status per goal; beside it (from
 * SIDE_MIN columns on) the goal's full title and the cell's history, else on 'i'.
 *
 * A duo-collega's change arrives through reload(), which reads the board again and keeps the cursor on the
 * same student and goal; a set that crossed one (KM_CONFLICT) shows core's sentence and reloads. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/bulkstatus.h"
#include "core/children.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/goalstatus.h"
#include "core/groups.h"
#include "core/overview.h"
#include "core/statusread.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/search.h"

#define SIDE_MIN 100 /* from this many columns on, the goal and the cell's history stand beside the board */
#define PANEL_MIN 34 /* columns of that side panel */
#define PANEL_MAX 52
#define NAME_W_MIN 10 /* the frozen name column */
#define NAME_W_MAX 24
#define PCT_W 4       /* "100%" */
#define CELL_MIN 3    /* "● V" */
#define TITLE_LINES 4 /* of a goal's title in the side panel */

/* ---- the status scale: glyph and letter, never colour alone ---- */

static const struct km_status_value *scale_at(const struct km_status_scale *sc, int64_t id)
{
    return id ? status_scale_find(sc, id) : NULL;
}

static int scale_index(const struct km_status_scale *sc, int64_t id)
{
    for (size_t i = 0; i < sc->n; i++)
        if (sc->items[i].id == id)
            return (int)i;
    return -1;
}

/* "● V", or "–" when the goal has no status yet. */
static void status_short(const struct km_status_scale *sc, int64_t id, char *out, size_t len)
{
    const struct km_status_value *v = scale_at(sc, id);
    if (v)
        snprintf(out, len, "%s %s", v->glyph, v->letter);
    else
        snprintf(out, len, "%s", "–");
}

/* "● V beheerst", or "– geen status". */
static void status_long(const struct km_status_scale *sc, int64_t id, char *out, size_t len)
{
    const struct km_status_value *v = scale_at(sc, id);
    if (v)
        snprintf(out, len, "%s %s %s", v->glyph, v->letter, v->label);
    else
        snprintf(out, len, "– %s", _("geen status"));
}

static enum theme_role status_role(const struct km_status_scale *sc, int64_t id)
{
    const struct km_status_value *v = scale_at(sc, id);
    return v ? theme_role_by_name(v->colour_role) : TR_DIM;
}

/* The status a typed character names: its number (1 … n) or its letter, exactly as written or, for a
 * one-letter ASCII letter, in the other case. 0 when none. */
static int64_t status_for_char(const struct km_status_scale *sc, wint_t ch)
{
    if (ch >= L'1' && ch <= L'9' && (size_t)(ch - L'1') < sc->n)
        return sc->items[ch - L'1'].id;
    char enc[8] = {0};
    int n = text_utf8_encode((uint32_t)ch, enc);
    enc[n] = '\0';
    for (size_t i = 0; i < sc->n; i++)
        if (strcmp(sc->items[i].letter, enc) == 0)
            return sc->items[i].id;
    if (ch < 128 && isalpha((int)ch))
        for (size_t i = 0; i < sc->n; i++) {
            const char *l = sc->items[i].letter;
            if (l[0] && !l[1] && tolower((unsigned char)l[0]) == tolower((int)ch))
                return sc->items[i].id;
        }
    return 0;
}

/* Centres text in width columns (padding both sides). */
static void draw_centred(int y, int x, int width, const char *text, enum theme_role role)
{
    int tw = text_width(text);
    int off = tw < width ? (width - tw) / 2 : 0;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x + off, width - off, text, role);
}

/* ==== one cell: the goal's full title, the status now and its history ==== */

struct history_screen {
    struct screen base;
    struct app *app;
    int64_t student, goal;
    char student_name[200], code[64], title[600];
    struct km_status_scale scale;
    struct goal_status now;
    struct status_history hist;
    bool ok;
    struct list list;
};

static const enum action history_actions[] = {A_BACK, A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};

/* "12-11-2026 10:02  Aylin Çelik  ○ B mee bezig → ● V beheerst" */
static void change_line(const struct km_status_scale *sc, const struct status_change *c, int who_w, char *out,
                        size_t len)
{
    char when[40], from[80], to[80], who[200];
    label_local_time(c->changed_at, when, sizeof when);
    if (c->from_status)
        status_long(sc, c->from_status, from, sizeof from);
    else
        snprintf(from, sizeof from, "%s", _("(nieuw)"));
    status_long(sc, c->to_status, to, sizeof to);
    text_fit(*c->who ? c->who : _("onbekend"), who_w, true, who, sizeof who);
    snprintf(out, len, "%s  %s  %s → %s", when, who, from, to);
}

static void history_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct history_screen *h = ctx;
    char line[600];
    int who_w = width >= 90 ? 24 : 18;
    change_line(&h->scale, &h->hist.items[i], who_w, line, sizeof line);
    draw_text(stdscr, y, x, width, line, selected ? TR_SELECTED : TR_NORMAL);
}

static const char *history_row_text(void *ctx, int i) { return ((struct history_screen *)ctx)->hist.items[i].who; }

static void history_load(struct history_screen *h)
{
    status_history_free(&h->hist);
    memset(&h->now, 0, sizeof h->now);
    h->ok = goalstatus_get(&h->app->session, h->student, h->goal, &h->now) == KM_OK &&
            goal_status_history(&h->app->session, h->student, h->goal, &h->hist) == KM_OK;
    if (!h->ok)
        app_core_error(h->app);
    list_set_count(&h->list, (int)h->hist.n);
}

static void history_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct history_screen *hs = (struct history_screen *)s;
    char buf[700];
    int y = top, w = width - 4;
    draw_text_raw(stdscr, y, 2, 12, _("Leerdoel"), TR_TITLE);
    draw_text(stdscr, y++, 14, w - 12, hs->code, TR_NORMAL);
    y += draw_wrapped(stdscr, y, 14, w - 12, TITLE_LINES, hs->title, TR_NORMAL);
    y++;
    draw_text_raw(stdscr, y, 2, 12, _("Leerling"), TR_TITLE);
    draw_text(stdscr, y++, 14, w - 12, hs->student_name, TR_NORMAL);
    draw_text_raw(stdscr, y, 2, 12, _("Status"), TR_TITLE);
    status_long(&hs->scale, hs->now.status_id, buf, sizeof buf);
    int sw = draw_text_raw(stdscr, y, 14, w - 12, buf, status_role(&hs->scale, hs->now.status_id));
    if (hs->now.status_id) {
        char when[40], since[120];
        label_local_time(hs->now.updated_at, when, sizeof when);
        snprintf(since, sizeof since, _("  (sinds %s)"), when);
        draw_text(stdscr, y, 14 + sw, w - 12 - sw, since, TR_DIM);
    }
    y += 2;
    snprintf(buf, sizeof buf,
             ngettext("Wijzigingen: %d, de nieuwste eerst", "Wijzigingen: %d, de nieuwste eerst",
                      (unsigned long)hs->hist.n),
             (int)hs->hist.n);
    draw_text(stdscr, y++, 2, w, buf, TR_TITLE);
    if (!hs->ok)
        return;
    if (hs->hist.n == 0) {
        draw_text(stdscr, y, 2, w, _("Nog niets veranderd: dit leerdoel heeft nog geen status."), TR_DIM);
        return;
    }
    list_draw(&hs->list, y, 2, top + h - y, w);
}

static int history_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct history_screen *h = (struct history_screen *)s;
    if (list_move(&h->list, act))
        return R_DRAW;
    return act == A_BACK ? R_POP : R_NONE;
}

static void history_reload(struct screen *s, struct app *a)
{
    (void)a;
    history_load((struct history_screen *)s);
}

static void history_destroy(struct screen *s)
{
    struct history_screen *h = (struct history_screen *)s;
    status_history_free(&h->hist);
    status_scale_free(&h->scale);
    free(h);
}

static const struct screen_ops history_ops = {
    .actions = history_actions,
    .draw = history_draw,
    .on_action = history_action,
    .reload = history_reload,
    .destroy = history_destroy,
};

struct screen *goal_history_screen_new(struct app *a, int64_t student_id, const char *student, int64_t goal_id,
                                       const char *code, const char *title)
{
    struct history_screen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &history_ops;
    h->app = a;
    h->student = student_id;
    h->goal = goal_id;
    snprintf(h->student_name, sizeof h->student_name, "%s", student ? student : "");
    snprintf(h->code, sizeof h->code, "%s", code ? code : "");
    snprintf(h->title, sizeof h->title, "%s", title ? title : "");
    snprintf(h->base.title, sizeof h->base.title, "LEERDOELEN › %s › %s", _("WIJZIGINGEN"), h->code);
    if (status_scale(&a->session, &h->scale) != KM_OK)
        app_core_error(a);
    list_init(&h->list, history_row, history_row_text, h);
    history_load(h);
    return &h->base;
}

/* ==== the board ==== */

enum bulk { BULK_NONE, BULK_ROW, BULK_COLUMN };

enum { COL_NAME, COL_PCT, COL_GOALS }; /* grid columns: two frozen, then one per goal */

struct board_screen {
    struct screen base;
    struct app *app;
    int64_t group_id, deel_id, niveau_id;
    char group[160], area[200], niveau[64];
    struct board b;
    struct km_status_scale scale;
    bool loaded;
    int *counts;   /* ngoals × scale.n: students per status per goal */
    int *mastered; /* per student: goals with a mastered status */
    int name_w;
    char prefix[32]; /* the codes' common start ("RE-BR-"), left out of the headers when space is short */
    size_t prefix_len;
    bool compact;
    struct grid grid;
    /* the side panel's history, for the cell it was read for */
    int64_t hist_student, hist_goal;
    struct status_history hist;
    bool hist_ok;
    /* R or K pressed: the next status key chooses what the row or column becomes */
    enum bulk pending;
    int64_t pending_id; /* the student (row) or goal (column) */
    /* after the confirmation */
    enum bulk bulk;
    int64_t bulk_id, bulk_status;
    int64_t undo_id; /* the batch the open "terugzetten?" question is about */
};

static const enum action board_actions[] = {A_TOGGLE,  A_SET_ROW,   A_SET_COLUMN, A_UNDO, A_INFO,  A_SEARCH,
                                            A_SEARCH_NEXT, A_BACK, A_HELP,      A_UP,   A_DOWN,  A_LEFT,
                                            A_RIGHT,   A_PAGE_UP,   A_PAGE_DOWN,  A_HOME, A_END,   ACT_NONE};

/* "i" opens the changes of a cell: "geschiedenis" would read as the subject of that name. */
static const struct action_words board_words[] = {
    {A_TOGGLE, N_("volgende status"),
     N_("Zet de status van deze leerling voor dit leerdoel een stap verder op de schaal (na de laatste weer de "
        "eerste). Een cijfer of letter kiest een status meteen.")},
    {A_INFO, N_("wijzigingen"), N_("Toon het hele leerdoel en wie de status wanneer van wat naar wat veranderde.")},
    {A_SEARCH, N_("zoek leerling"), N_("Zoek een leerling op naam; accenten en hoofdletters tellen niet.")},
    {A_SEARCH_NEXT, N_("volgende leerling"), N_("Ga naar de volgende leerling die bij de zoekopdracht past.")},
    {ACT_NONE, NULL, NULL},
};

static int64_t cell_status(const struct board_screen *bs, int row, int goal)
{
    return bs->b.status[(size_t)row * (size_t)bs->b.ngoals + (size_t)goal];
}

static bool has_cell(const struct board_screen *bs) { return bs->b.nstudents > 0 && bs->b.ngoals > 0; }

static int cur_student(const struct board_screen *bs) { return bs->grid.cur_row; }
static int cur_goal(const struct board_screen *bs) { return bs->grid.cur_col - COL_GOALS; }

static int row_of_student(const struct board_screen *bs, int64_t id)
{
    for (int i = 0; i < bs->b.nstudents; i++)
        if (bs->b.students[i].id == id)
            return i;
    return -1;
}

static int col_of_goal(const struct board_screen *bs, int64_t id)
{
    for (int i = 0; i < bs->b.ngoals; i++)
        if (bs->b.goals[i].id == id)
            return i;
    return -1;
}

/* The header text of a goal column: its code, without the common prefix when compact. */
static const char *goal_header(const struct board_screen *bs, int goal)
{
    const char *code = bs->b.goals[goal].code;
    return bs->compact && strlen(code) > bs->prefix_len ? code + bs->prefix_len : code;
}

static void count_cells(struct board_screen *bs)
{
    free(bs->counts);
    free(bs->mastered);
    size_t ns = bs->scale.n ? bs->scale.n : 1;
    bs->counts = calloc((size_t)(bs->b.ngoals ? bs->b.ngoals : 1) * ns, sizeof *bs->counts);
    bs->mastered = calloc((size_t)(bs->b.nstudents ? bs->b.nstudents : 1), sizeof *bs->mastered);
    if (!bs->counts || !bs->mastered)
        return;
    for (int r = 0; r < bs->b.nstudents; r++)
        for (int g = 0; g < bs->b.ngoals; g++) {
            int k = scale_index(&bs->scale, cell_status(bs, r, g));
            if (k < 0)
                continue;
            bs->counts[(size_t)g * ns + (size_t)k]++;
            bs->mastered[r] += bs->scale.items[k].mastered;
        }
}

/* The longest start all codes share that ends in '-' ("RE-BR-" of "RE-BR-5.03"). */
static void find_prefix(struct board_screen *bs)
{
    bs->prefix[0] = '\0';
    bs->prefix_len = 0;
    if (bs->b.ngoals == 0)
        return;
    const char *first = bs->b.goals[0].code;
    size_t common = strlen(first);
    for (int g = 1; g < bs->b.ngoals; g++) {
        size_t k = 0;
        while (k < common && first[k] && first[k] == bs->b.goals[g].code[k])
            k++;
        common = k;
    }
    while (common > 0 && first[common - 1] != '-')
        common--;
    if (common >= sizeof bs->prefix)
        common = 0;
    memcpy(bs->prefix, first, common);
    bs->prefix[common] = '\0';
    bs->prefix_len = common;
}

static void measure(struct board_screen *bs)
{
    int w = text_width(_("Leerling"));
    for (int i = 0; i < bs->b.nstudents; i++) {
        int tw = text_width(bs->b.students[i].name);
        w = tw > w ? tw : w;
    }
    bs->name_w = w < NAME_W_MIN ? NAME_W_MIN : w > NAME_W_MAX ? NAME_W_MAX : w;
}

static void forget_history(struct board_screen *bs)
{
    status_history_free(&bs->hist);
    bs->hist_student = bs->hist_goal = 0;
    bs->hist_ok = false;
}

/* Reads the board (again); the cursor stays on the same student and goal when they are still there. */
static void board_reload_data(struct board_screen *bs)
{
    int64_t keep_s = has_cell(bs) ? bs->b.students[cur_student(bs)].id : 0;
    int64_t keep_g = has_cell(bs) ? bs->b.goals[cur_goal(bs)].id : 0;
    int row = bs->grid.cur_row, col = bs->grid.cur_col;
    board_free(&bs->b);
    forget_history(bs);
    bs->loaded = board_load(&bs->app->session, bs->group_id, bs->deel_id, bs->niveau_id, &bs->b) == KM_OK;
    if (!bs->loaded)
        app_core_error(bs->app);
    count_cells(bs);
    find_prefix(bs);
    measure(bs);
    int r = row_of_student(bs, keep_s), g = col_of_goal(bs, keep_g);
    if (r >= 0)
        row = r;
    if (g >= 0)
        col = COL_GOALS + g;
    if (bs->pending == BULK_ROW ? row_of_student(bs, bs->pending_id) < 0
                                : bs->pending == BULK_COLUMN && col_of_goal(bs, bs->pending_id) < 0)
        bs->pending = BULK_NONE;
    grid_set_size(&bs->grid, bs->b.nstudents, bs->b.ngoals ? COL_GOALS + bs->b.ngoals : COL_GOALS);
    grid_set_cursor(&bs->grid, row, col);
}

/* ---- the grid's cells ---- */

static int board_col_width(void *ctx, int col)
{
    struct board_screen *bs = ctx;
    if (col == COL_NAME)
        return bs->name_w;
    if (col == COL_PCT)
        return PCT_W;
    int w = text_width(goal_header(bs, col - COL_GOALS));
    return w < CELL_MIN ? CELL_MIN : w;
}

static void pct_text(int part, int whole, char *out, size_t len)
{
    if (whole <= 0)
        snprintf(out, len, "%s", "–");
    else
        snprintf(out, len, "%d%%", overview_percent(part, whole));
}

static void board_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct board_screen *bs = ctx;
    char text[64];
    if (col == COL_NAME) {
        draw_text(stdscr, y, x, width, bs->b.students[row].name, row == bs->grid.cur_row ? TR_TITLE : TR_NORMAL);
    } else if (col == COL_PCT) {
        pct_text(bs->mastered ? bs->mastered[row] : 0, bs->b.ngoals, text, sizeof text);
        int tw = text_width(text);
        draw_fill(stdscr, y, x, 1, width, TR_NORMAL);
        draw_text_raw(stdscr, y, x + (tw < width ? width - tw : 0), width, text, TR_DIM);
    } else {
        int64_t st = cell_status(bs, row, col - COL_GOALS);
        status_short(&bs->scale, st, text, sizeof text);
        draw_centred(y, x, width, text, selected ? TR_SELECTED : status_role(&bs->scale, st));
    }
}

static void board_draw_header(void *ctx, int col, int y, int x, int width)
{
    struct board_screen *bs = ctx;
    if (col == COL_NAME) {
        draw_text(stdscr, y, x, width, _("Leerling"), TR_GRID_HEADER);
    } else if (col == COL_PCT) {
        const char *t = _("beh.");
        int tw = text_width(t);
        draw_text_raw(stdscr, y, x + (tw < width ? width - tw : 0), width, t, TR_GRID_HEADER);
    } else {
        draw_centred(y, x, width, goal_header(bs, col - COL_GOALS),
                     TR_GRID_HEADER);
    }
}

static const char *board_row_text(void *ctx, int row) { return ((struct board_screen *)ctx)->b.students[row].name; }

static const struct grid_ops board_grid = {board_col_width, board_draw_cell, board_draw_header, board_row_text};

/* ---- drawing the board ---- */

static struct grid_layout layout_for(struct board_screen *bs, int width)
{
    return (struct grid_layout){board_col_width, bs, bs->grid.cols, bs->grid.frozen, bs->grid.gap, width};
}

/* Whether the full codes fit; else the headers leave out the common prefix. */
static void choose_compact(struct board_screen *bs, int width)
{
    bs->compact = false;
    if (bs->prefix_len == 0)
        return;
    struct grid_layout l = layout_for(bs, width);
    int need = grid_frozen_width(&l);
    for (int c = COL_GOALS; c < bs->grid.cols; c++)
        need += board_col_width(bs, c) + bs->grid.gap;
    bs->compact = need - bs->grid.gap > width;
}

static void draw_info(struct board_screen *bs, int y, int width)
{
    char pct[16];
    int total = 0;
    for (int r = 0; bs->mastered && r < bs->b.nstudents; r++)
        total += bs->mastered[r];
    pct_text(total, bs->b.nstudents * bs->b.ngoals, pct, sizeof pct);
    /* group and deelgebied are in the title */
    int used = draw_text_raw(stdscr, y, 2, width - 4, bs->niveau, TR_TITLE);
    char facts[300], codes[64] = "";
    if (bs->compact) /* the headers leave the common start out: say it once here */
        snprintf(codes, sizeof codes, " (%s…)", bs->prefix);
    snprintf(facts, sizeof facts, _(" · %d leerlingen × %d leerdoelen%s · groep: %s beheerst"), bs->b.nstudents,
             bs->b.ngoals, codes, pct);
    draw_text(stdscr, y, 2 + used, width - 4 - used, facts, TR_DIM);
}

/* The scale as a legend ("1 · N niet gestart  2 ○ B mee bezig …"), or the question of a pending R or K. */
static void draw_legend(struct board_screen *bs, struct app *a, int y, int width)
{
    if (bs->pending != BULK_NONE) {
        char line[400], last[16];
        snprintf(last, sizeof last, "%d", (int)bs->scale.n);
        if (bs->pending == BULK_ROW) {
            int r = row_of_student(bs, bs->pending_id);
            snprintf(line, sizeof line, _("Hele rij van %s: welke status? Typ 1–%s of de letter; Esc annuleert."),
                     r >= 0 ? bs->b.students[r].name : "?", last);
        } else {
            int g = col_of_goal(bs, bs->pending_id);
            snprintf(line, sizeof line, _("Hele kolom %s: welke status? Typ 1–%s of de letter; Esc annuleert."),
                     g >= 0 ? bs->b.goals[g].code : "?", last);
        }
        draw_text(stdscr, y, 2, width - 4, line, TR_INPUT);
        return;
    }
    int x = 2, end = width - 2;
    for (size_t i = 0; i < bs->scale.n && x < end; i++) {
        const struct km_status_value *v = &bs->scale.items[i];
        char item[120];
        snprintf(item, sizeof item, "%d %s %s %s", (int)i + 1, v->glyph, v->letter, v->label);
        x += draw_text_raw(stdscr, y, x, end - x, item, theme_role_by_name(v->colour_role)) + 3;
    }
    char keys[32], hint[120];
    keymap_keys_text(&a->keys, A_TOGGLE, 1, keys, sizeof keys);
    snprintf(hint, sizeof hint, _("%s: volgende"), keys);
    if (x + text_width(hint) <= end)
        draw_text_raw(stdscr, y, x, end - x, hint, TR_DIM);
}

/* Per status a row under the table: how many students have it, per goal column as the grid lays them out. */
static void draw_counts(struct board_screen *bs, int y, int x, int width, int rows)
{
    struct grid_layout l = layout_for(bs, width);
    struct grid_slice sl[GRID_MAX_SLICES];
    int n = grid_slices(&l, bs->grid.left, sl, GRID_MAX_SLICES);
    int fw = grid_frozen_width(&l);
    size_t ns = bs->scale.n;
    for (int k = 0; k < rows && (size_t)k < ns; k++) {
        const struct km_status_value *v = &bs->scale.items[k];
        enum theme_role role = theme_role_by_name(v->colour_role);
        char label[120];
        snprintf(label, sizeof label, "%s %s %s", v->glyph, v->letter, v->label);
        draw_fill(stdscr, y + k, x, 1, width, TR_NORMAL);
        draw_text(stdscr, y + k, x, fw - GRID_FROZEN_GAP, label, role);
        draw_text_raw(stdscr, y + k, x + fw - GRID_FROZEN_GAP + 1, 1, "│", TR_GRID);
        for (int i = 0; i < n; i++) {
            if (sl[i].col < COL_GOALS || !bs->counts)
                continue;
            char num[16];
            snprintf(num, sizeof num, "%d", bs->counts[(size_t)(sl[i].col - COL_GOALS) * ns + (size_t)k]);
            draw_centred(y + k, x + sl[i].x, sl[i].width, num, TR_DIM);
        }
    }
}

/* Reads the history of the cursor's cell when it is not the one read last. */
static void ensure_history(struct board_screen *bs)
{
    if (!has_cell(bs))
        return;
    int64_t s = bs->b.students[cur_student(bs)].id, g = bs->b.goals[cur_goal(bs)].id;
    if (s == bs->hist_student && g == bs->hist_goal)
        return;
    status_history_free(&bs->hist);
    bs->hist_student = s;
    bs->hist_goal = g;
    bs->hist_ok = goal_status_history(&bs->app->session, s, g, &bs->hist) == KM_OK;
}

static void draw_panel(struct board_screen *bs, int top, int h, int x, int w)
{
    for (int r = 0; r < h; r++)
        draw_text_raw(stdscr, top + r, x - 2, 1, "│", TR_GRID);
    if (!has_cell(bs))
        return;
    ensure_history(bs);
    const struct board_goal *g = &bs->b.goals[cur_goal(bs)];
    const struct board_student *s = &bs->b.students[cur_student(bs)];
    int64_t st = cell_status(bs, cur_student(bs), cur_goal(bs));
    char buf[600];
    int y = top, end = top + h;
    draw_text(stdscr, y++, x, w, g->code, TR_TITLE);
    y += draw_wrapped(stdscr, y, x, w, end - y < TITLE_LINES ? end - y : TITLE_LINES, g->title, TR_NORMAL);
    y++;
    if (y < end)
        draw_text(stdscr, y++, x, w, s->name, TR_TITLE);
    status_long(&bs->scale, st, buf, sizeof buf);
    if (y < end)
        draw_text(stdscr, y++, x, w, buf, status_role(&bs->scale, st));
    y++;
    if (y >= end)
        return;
    draw_text(stdscr, y++, x, w, _("Wijzigingen"), TR_TITLE);
    if (!bs->hist_ok) {
        if (y < end)
            draw_text(stdscr, y, x, w, _("Niet te lezen."), TR_WARNING);
        return;
    }
    if (bs->hist.n == 0 && y < end)
        draw_text(stdscr, y, x, w, _("nog geen wijzigingen"), TR_DIM);
    for (size_t i = 0; i < bs->hist.n && y < end; i++) {
        const struct status_change *c = &bs->hist.items[i];
        if (y + 1 >= end && i + 1 < bs->hist.n) {
            char keys[32];
            keymap_keys_text(&bs->app->keys, A_INFO, 1, keys, sizeof keys);
            snprintf(buf, sizeof buf, _("… en %d eerder (%s)"), (int)(bs->hist.n - i), keys);
            draw_text(stdscr, y++, x, w, buf, TR_DIM);
            break;
        }
        char when[40], from[80], to[80];
        label_local_time(c->changed_at, when, sizeof when);
        snprintf(buf, sizeof buf, "%s %s", when, *c->who ? c->who : _("onbekend"));
        draw_text(stdscr, y++, x, w, buf, TR_NORMAL);
        if (y >= end)
            break;
        status_short(&bs->scale, c->from_status, from, sizeof from);
        status_long(&bs->scale, c->to_status, to, sizeof to);
        snprintf(buf, sizeof buf, "  %s → %s", c->from_status ? from : _("(nieuw)"), to);
        draw_text(stdscr, y++, x, w, buf, TR_DIM);
    }
}

/* The grid counts its frozen columns too ("kolom 3–12 van 18"); a teacher counts goals ("kolom 1–10 van 16"). */
static void renumber_columns(struct board_screen *bs, int width)
{
    const struct grid *g = &bs->grid;
    struct grid_layout l = layout_for(bs, width);
    int last = grid_last_col(&l, g->left);
    bool more_left = g->left > g->frozen, more_right = last < g->cols - 1;
    if (!more_left && !more_right)
        return;
    char old[128], text[128];
    grid_range_text(g->left, last, g->cols, more_left, more_right, old, sizeof old);
    grid_range_text(g->left - COL_GOALS, last - COL_GOALS, bs->b.ngoals, more_left, more_right, text, sizeof text);
    int y = g->y0 + g->height, ow = text_width(old), tw = text_width(text);
    draw_fill(stdscr, y, g->x0 + g->width - ow, 1, ow, TR_NORMAL);
    draw_text_raw(stdscr, y, g->x0 + g->width - tw, tw, text, TR_DIM);
}

static void board_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct board_screen *bs = (struct board_screen *)s;
    bool side = width >= SIDE_MIN;
    int panel_w = side ? width * 36 / 100 : 0;
    if (side)
        panel_w = panel_w < PANEL_MIN ? PANEL_MIN : panel_w > PANEL_MAX ? PANEL_MAX : panel_w;
    int gw = width - 2 - (side ? panel_w + 3 : 0);
    choose_compact(bs, gw);
    draw_info(bs, top, gw + 2);
    draw_legend(bs, a, top + 1, gw + 2);
    if (!bs->loaded)
        return;
    if (bs->b.nstudents == 0 || bs->b.ngoals == 0) {
        draw_text(stdscr, top + 3, 2, gw,
                  bs->b.ngoals == 0 ? _("Geen leerdoelen in dit deelgebied op dit niveau.")
                                    : _("Deze groep heeft (nog) geen leerlingen."),
                  TR_WARNING);
        return;
    }
    int title_rows = side ? 0 : 1;
    int avail = h - 2 - title_rows;
    int counts = (int)bs->scale.n;
    if (avail - counts < 4) /* a very small body: the table first */
        counts = avail - 4 > 0 ? avail - 4 : 0;
    int gh = avail - counts;
    if (gh > bs->b.nstudents + 2)
        gh = bs->b.nstudents + 2; /* header, rows, and the line under the table */
    grid_draw(&bs->grid, top + 2, 1, gh, gw);
    renumber_columns(bs, gw);
    draw_counts(bs, top + 2 + gh, 1, gw, counts);
    if (side) {
        draw_panel(bs, top, h, width - panel_w - 1, panel_w);
    } else {
        const struct board_goal *g = &bs->b.goals[cur_goal(bs)];
        char keys[32], hint[80], line[800];
        keymap_keys_text(&a->keys, A_INFO, 1, keys, sizeof keys);
        snprintf(hint, sizeof hint, _("%s: wijzigingen"), keys);
        snprintf(line, sizeof line, "%s  %s", g->code, g->title);
        int y = top + h - 1, kw = text_width(hint);
        draw_text(stdscr, y, 2, gw - kw - 2, line, TR_NORMAL);
        draw_text_raw(stdscr, y, 2 + gw - kw, kw, hint, TR_DIM);
    }
}

/* ---- setting statuses ---- */

static void said_set(struct board_screen *bs, struct app *a, int row, int goal, int64_t status)
{
    char st[120];
    status_long(&bs->scale, status, st, sizeof st);
    app_message(a, TR_OK, "%s · %s: %s", bs->b.students[row].name, bs->b.goals[goal].code, st);
}

static int set_cell(struct board_screen *bs, struct app *a, int64_t status)
{
    if (!has_cell(bs))
        return R_NONE;
    int row = cur_student(bs), goal = cur_goal(bs);
    size_t i = (size_t)row * (size_t)bs->b.ngoals + (size_t)goal;
    int64_t v = 0;
    enum km_rc rc =
        goalstatus_set(&a->session, bs->b.students[row].id, bs->b.goals[goal].id, status, bs->b.version[i], &v);
    if (rc == KM_OK) {
        bs->b.status[i] = status;
        bs->b.version[i] = v;
        count_cells(bs);
        forget_history(bs);
        said_set(bs, a, row, goal, status);
    } else {
        /* KM_CONFLICT: a duo-collega changed it meanwhile; core's sentence says to what. Show what is now. */
        app_core_error(a);
        if (rc == KM_CONFLICT)
            board_reload_data(bs);
    }
    return R_DRAW;
}

static int step_cell(struct board_screen *bs, struct app *a)
{
    if (!has_cell(bs) || bs->scale.n == 0)
        return R_NONE;
    int k = scale_index(&bs->scale, cell_status(bs, cur_student(bs), cur_goal(bs)));
    return set_cell(bs, a, bs->scale.items[(size_t)(k + 1) % bs->scale.n].id);
}

/* The cells of a row (a student × every goal shown) or a column (a goal × every student shown). Returns how
 * many; cells holds room for the larger of the two. */
static int bulk_cells_of(const struct board_screen *bs, enum bulk kind, int64_t id, struct bulk_cell *cells)
{
    int r = kind == BULK_ROW ? row_of_student(bs, id) : -1, g = kind == BULK_COLUMN ? col_of_goal(bs, id) : -1;
    if (r < 0 && g < 0)
        return 0;
    int n = kind == BULK_ROW ? bs->b.ngoals : bs->b.nstudents;
    for (int k = 0; k < n; k++)
        cells[k] = (struct bulk_cell){bs->b.students[kind == BULK_ROW ? r : k].id, bs->b.goals[kind == BULK_ROW ? k : g].id};
    return n;
}

static struct bulk_cell *alloc_cells(const struct board_screen *bs)
{
    int n = bs->b.ngoals > bs->b.nstudents ? bs->b.ngoals : bs->b.nstudents;
    return calloc((size_t)(n ? n : 1), sizeof(struct bulk_cell));
}

/* "rij Sem de Jong" / "kolom RE-BR-5.01": how the batch is named in the history and by the undo. */
static void bulk_what(const struct board_screen *bs, enum bulk kind, int64_t id, char *out, size_t len)
{
    if (kind == BULK_ROW)
        snprintf(out, len, _("rij van %s"), bs->b.students[row_of_student(bs, id)].name);
    else
        snprintf(out, len, _("kolom %s"), bs->b.goals[col_of_goal(bs, id)].code);
}

/* "5 van leeg naar B, 2 van V naar B — lager": every status a changing cell comes from, and what it becomes. */
static void plan_text(const struct board_screen *bs, const struct bulk_plan *p, int64_t status, char *out, size_t len)
{
    const struct km_status_value *v = scale_at(&bs->scale, status);
    out[0] = '\0';
    FILE *f = fmemopen(out, len, "w"); /* a stream over the buffer: it stops at its end */
    if (!f)
        return;
    for (int i = 0; i < p->nfrom; i++) {
        const struct km_status_value *from = scale_at(&bs->scale, p->from[i].status_id);
        fprintf(f, "%s", i ? ", " : "");
        fprintf(f, _("%d van %s naar %s%s"), p->from[i].n, from ? from->letter : _("leeg"), v ? v->letter : "?",
                p->from[i].down ? _(" — lager") : "");
    }
    fclose(f);
}

/* After the answer: the cells as they are then are judged once more by core (someone may have changed one). */
static void bulk_apply_answer(struct app *a, struct board_screen *bs, enum bulk_mode mode)
{
    struct bulk_cell *cells = alloc_cells(bs);
    if (!cells)
        return;
    int n = bulk_cells_of(bs, bs->bulk, bs->bulk_id, cells), changed = 0;
    char what[240], st[120];
    bulk_what(bs, bs->bulk, bs->bulk_id, what, sizeof what);
    if (bulk_apply(&a->session, cells, n, bs->bulk_status, mode, what, &changed) != KM_OK) {
        app_core_error(a);
    } else {
        status_long(&bs->scale, bs->bulk_status, st, sizeof st);
        app_message(a, TR_OK, ngettext("%s: %d cel staat nu op %s.", "%s: %d cellen staan nu op %s.", (unsigned long)changed),
                    what, changed, st);
    }
    free(cells);
}

static void bulk_choice_done(struct app *a, void *ctx, int choice)
{
    struct board_screen *bs = ctx;
    static const enum bulk_mode modes[] = {BULK_ONLY_EMPTY, BULK_ONLY_UP, BULK_ALL};
    if (choice >= 0 && choice < 3)
        bulk_apply_answer(a, bs, modes[choice]);
    else
        app_message(a, TR_NORMAL, "%s", _("Niets veranderd."));
    bs->bulk = BULK_NONE;
}

static void bulk_confirm_done(struct app *a, void *ctx, bool yes)
{
    bulk_choice_done(a, ctx, yes ? 2 : -1);
}

/* R or K and a status: first what it would do. Only empty cells or only raises: a yes. Anything that already
 * had a status: the choice between only the empty cells, only where it goes up, and all. */
static int ask_bulk(struct board_screen *bs, struct app *a, int64_t status)
{
    enum bulk kind = bs->pending;
    int64_t id = bs->pending_id;
    bs->pending = BULK_NONE;
    struct bulk_cell *cells = alloc_cells(bs);
    if (!cells)
        return R_NONE;
    int n = bulk_cells_of(bs, kind, id, cells);
    struct bulk_plan p;
    enum km_rc rc = n ? bulk_plan(&a->session, cells, n, status, &p) : KM_NOTFOUND;
    free(cells);
    if (rc != KM_OK) {
        if (n)
            app_core_error(a);
        return R_DRAW;
    }
    char st[120], what[240], counts[600], q[1000];
    status_long(&bs->scale, status, st, sizeof st);
    if (p.up + p.down == 0) {
        app_message(a, TR_NORMAL, _("Alle %d cellen staan al op %s."), p.cells, st);
        return R_DRAW;
    }
    bulk_what(bs, kind, id, what, sizeof what);
    plan_text(bs, &p, status, counts, sizeof counts);
    snprintf(q, sizeof q, _("De hele %s op %s zetten? %s."), what, st, counts);
    bs->bulk = kind;
    bs->bulk_id = id;
    bs->bulk_status = status;
    if (p.up == p.empty && p.down == 0) { /* only empty cells change: nothing to choose */
        app_push(a, dialog_confirm_new(a, q, bulk_confirm_done, bs));
        return R_DRAW;
    }
    const struct dialog_choice choices[] = {
        {_("alleen de lege cellen (l)"), L'l'},
        {_("alleen waar de status omhoog gaat (o)"), L'o'},
        {p.down ? _("alle cellen, ook omlaag (a)") : _("alle cellen (a)"), L'a'},
        {_("niets veranderen (Esc)"), 0},
    };
    /* the safe answer first: nothing goes down by a stray Enter */
    app_push(a, dialog_choice_new(a, q, choices, 4, 1, bulk_choice_done, bs));
    return R_DRAW;
}

/* ---- u: undoing the last whole row or column ---- */

static void undo_done(struct app *a, void *ctx, bool yes)
{
    struct board_screen *bs = ctx;
    if (!yes) {
        app_message(a, TR_NORMAL, "%s", _("Niets veranderd."));
        return;
    }
    struct bulk_undo_result u;
    if (bulk_undo(&a->session, bs->undo_id, &u) != KM_OK) {
        app_core_error(a);
        return;
    }
    if (!u.left) {
        app_message(a, TR_OK, ngettext("%d cel teruggezet.", "%d cellen teruggezet.", (unsigned long)u.restored),
                    u.restored);
        return;
    }
    /* the cells left alone are named, all of them, in a box that waits to be read */
    char text[1600] = "";
    FILE *f = fmemopen(text, sizeof text, "w"); /* a stream over the buffer: it stops at its end */
    if (!f)
        return;
    fprintf(f, ngettext("%d cel teruggezet. ", "%d cellen teruggezet. ", (unsigned long)u.restored), u.restored);
    fprintf(f,
            ngettext("%d cel bleef staan, want die is intussen gewijzigd:",
                     "%d cellen bleven staan, want die zijn intussen gewijzigd:", (unsigned long)u.left),
            u.left);
    for (int i = 0; i < u.left && i < BULK_MAX_NAMED; i++)
        fprintf(f, "%s %s", i ? ";" : "", u.named[i]);
    if (u.left > BULK_MAX_NAMED)
        fprintf(f, _("; en nog %d"), u.left - BULK_MAX_NAMED);
    fclose(f);
    static const struct dialog_choice ok[] = {{N_("OK (Enter)"), 0}};
    struct dialog_choice shown = {_(ok[0].label), 0};
    app_push(a, dialog_choice_new(a, text, &shown, 1, 0, NULL, NULL));
}

static int ask_undo(struct board_screen *bs, struct app *a)
{
    struct bulk_batch b;
    enum km_rc rc = bulk_last(&a->session, &b);
    if (rc == KM_NOTFOUND) {
        app_message(a, TR_NORMAL, "%s", _("Er is geen hele rij of kolom om terug te zetten."));
        return R_DRAW;
    }
    if (rc != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    char st[120], when[40], q[600];
    status_long(&bs->scale, b.status_id, st, sizeof st);
    if (!dates_local_stamp(b.at, true, when, sizeof when))
        snprintf(when, sizeof when, "%s", b.at);
    snprintf(q, sizeof q,
             ngettext("Je laatste wijziging terugzetten: %s op %s (%d cel, %s)? Cellen die iemand intussen wijzigde, blijven.",
                      "Je laatste wijziging terugzetten: %s op %s (%d cellen, %s)? Cellen die iemand intussen wijzigde, blijven.",
                      (unsigned long)b.cells),
             b.what, st, b.cells, when);
    bs->undo_id = b.id;
    app_push(a, dialog_confirm_new(a, q, undo_done, bs));
    return R_DRAW;
}

/* R or K: the legend line asks which status; the next key answers (board_text). */
static int start_bulk(struct board_screen *bs, enum bulk kind)
{
    if (!has_cell(bs))
        return R_NONE;
    bs->pending = kind;
    bs->pending_id = kind == BULK_ROW ? bs->b.students[cur_student(bs)].id : bs->b.goals[cur_goal(bs)].id;
    return R_DRAW;
}

static int open_history(struct board_screen *bs, struct app *a)
{
    if (!has_cell(bs))
        return R_NONE;
    const struct board_goal *g = &bs->b.goals[cur_goal(bs)];
    const struct board_student *s = &bs->b.students[cur_student(bs)];
    app_push(a, goal_history_screen_new(a, s->id, s->name, g->id, g->code, g->title));
    return R_DRAW;
}

static int board_action(struct screen *s, struct app *a, enum action act)
{
    struct board_screen *bs = (struct board_screen *)s;
    if (bs->pending != BULK_NONE && !(act == A_SEARCH && a->prompt_confirmed)) {
        bs->pending = BULK_NONE; /* any other key than a status cancels R or K */
        if (act == A_BACK) {
            app_message(a, TR_NORMAL, "%s", _("Niets veranderd."));
            return R_DRAW;
        }
    }
    if (grid_move(&bs->grid, act))
        return R_DRAW;
    switch (act) {
    case A_TOGGLE:
        return step_cell(bs, a);
    case A_SET_ROW:
        return start_bulk(bs, BULK_ROW);
    case A_SET_COLUMN:
        return start_bulk(bs, BULK_COLUMN);
    case A_UNDO:
        return ask_undo(bs, a);
    case A_INFO:
        return open_history(bs, a);
    case A_SEARCH:
        return grid_search_action(a, &bs->grid, _("Zoek leerling:"), SEARCH_PEOPLE);
    case A_SEARCH_NEXT:
        return grid_search_next_action(a, &bs->grid, SEARCH_PEOPLE);
    case A_HELP:
        app_push(a, help_screen_new(a, s));
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

/* The board takes text so that a status letter reaches it; a key bound to one of its actions is that action
 * (so the vi keys and q keep working), any other character may name a status. */
static int board_text(struct screen *s, struct app *a, wint_t ch)
{
    struct board_screen *bs = (struct board_screen *)s;
    if (ch == L'\b')
        return R_NONE;
    enum action act = keymap_lookup(&a->keys, (struct key){ch, false}, board_actions);
    if (act != ACT_NONE)
        return board_action(s, a, act);
    int64_t status = status_for_char(&bs->scale, ch);
    if (!status) {
        if (bs->pending != BULK_NONE) {
            bs->pending = BULK_NONE;
            app_message(a, TR_NORMAL, "%s", _("Niets veranderd."));
            return R_DRAW;
        }
        return R_NONE;
    }
    return bs->pending != BULK_NONE ? ask_bulk(bs, a, status) : set_cell(bs, a, status);
}

static bool board_wants_text(const struct screen *s)
{
    (void)s;
    return true;
}

static int board_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct board_screen *bs = (struct board_screen *)s;
    if (!grid_click(&bs->grid, y, x))
        return R_NONE;
    return twice ? open_history(bs, a) : R_DRAW;
}

static void board_reload(struct screen *s, struct app *a)
{
    (void)a;
    board_reload_data((struct board_screen *)s);
}

static void board_destroy(struct screen *s)
{
    struct board_screen *bs = (struct board_screen *)s;
    board_free(&bs->b);
    status_scale_free(&bs->scale);
    forget_history(bs);
    free(bs->counts);
    free(bs->mastered);
    free(bs);
}

static const struct screen_ops board_ops = {
    .actions = board_actions,
    .draw = board_draw,
    .on_action = board_action,
    .on_text = board_text,
    .wants_text = board_wants_text,
    .keys_only = true,
    .reload = board_reload,
    .on_click = board_click,
    .destroy = board_destroy,
    .words = board_words,
};

static struct screen *status_board_new(struct app *a, int64_t group_id, const char *group, int64_t deel_id,
                                       const char *area, int64_t niveau_id, const char *niveau)
{
    struct board_screen *bs = calloc(1, sizeof *bs);
    if (!bs)
        return NULL;
    bs->base.ops = &board_ops;
    bs->app = a;
    bs->group_id = group_id;
    bs->deel_id = deel_id;
    bs->niveau_id = niveau_id;
    snprintf(bs->group, sizeof bs->group, "%s", group);
    snprintf(bs->area, sizeof bs->area, "%s", area);
    snprintf(bs->niveau, sizeof bs->niveau, "%s", niveau);
    snprintf(bs->base.title, sizeof bs->base.title, "LEERDOELEN › %s › %s", group, area);
    if (status_scale(&a->session, &bs->scale) != KM_OK)
        app_core_error(a);
    grid_init(&bs->grid, &board_grid, bs, COL_GOALS, false);
    board_reload_data(bs);
    return &bs->base;
}

/* ==== the Leerdoeloverzicht of a group: per goal and per student ==== */

#define BAR_W 10  /* a share as ten blocks */
#define CODE_W 12 /* goal codes in the per-goal list */
#define COUNT_W 4 /* one status's count */

/* "███████░░░": the share as a bar, so it reads without colour. */
static void bar_text(int pct, int width, char *out, size_t len)
{
    size_t used = 0;
    int full = (pct * width + 50) / 100;
    for (int i = 0; i < width && used + 4 < len; i++) {
        memcpy(out + used, i < full ? "█" : "░", 3);
        used += 3;
    }
    out[used] = '\0';
}

static void draw_number_right(int y, int x, int width, const char *text, enum theme_role role)
{
    int tw = text_width(text);
    draw_text_raw(stdscr, y, x + (tw < width ? width - tw : 0), width, text, role);
}

enum ov_view { OV_GOALS, OV_STUDENTS };
enum { OC_NAME, OC_NIVEAU, OC_TOTAL, OC_HOOFD }; /* the per-student grid's columns; one per hoofdgebied after */

struct ov_row {
    bool heading; /* a deelgebied's heading, else a goal */
    size_t index; /* into o.deel or o.goals */
};

struct overview_screen {
    struct screen base;
    struct app *app;
    int64_t group_id, niveau_id;
    char niveau[64];
    struct overview o;
    bool ok;
    enum ov_view view;
    struct ov_row *rows;
    int nrows;
    struct list list; /* per goal */
    struct grid grid; /* per student */
    int name_w;
    char text[700];
};

static const enum action overview_actions[] = {A_SELECT, A_NEXT_FIELD, A_SEARCH,  A_SEARCH_NEXT, A_BACK, A_UP,  A_DOWN,
                                               A_LEFT,   A_RIGHT,      A_PAGE_UP, A_PAGE_DOWN,   A_HOME, A_END, ACT_NONE};

/* the per-goal list's columns, right to left: share, bar, one count per status and "no status" */
static int ov_counts_x(const struct overview_screen *ov, int width)
{
    return width - 5 - BAR_W - 2 - COUNT_W * (int)(ov->o.scale.n + 1);
}

static void ov_goal_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct overview_screen *ov = ctx;
    const struct ov_row *r = &ov->rows[i];
    enum theme_role base = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, base);
    if (r->heading) {
        const struct overview_area *d = &ov->o.deel[r->index];
        snprintf(ov->text, sizeof ov->text, "%s › %s", ov->o.hoofd[d->hoofd].name, d->name);
        draw_text(stdscr, y, x, width, ov->text, selected ? TR_SELECTED : TR_GRID_HEADER);
        return;
    }
    const struct overview_goal *g = &ov->o.goals[r->index];
    int cx = x + ov_counts_x(ov, width), tw = cx - x - CODE_W - 3;
    draw_text(stdscr, y, x + 2, CODE_W, g->code, base);
    draw_text(stdscr, y, x + 2 + CODE_W + 1, tw, g->title, base);
    char num[24];
    for (size_t k = 0; k <= ov->o.scale.n; k++) {
        bool none = k == ov->o.scale.n;
        snprintf(num, sizeof num, "%d", none ? g->none : g->counts[k]);
        draw_number_right(y, cx + COUNT_W * (int)k, COUNT_W, num,
                          selected ? TR_SELECTED
                          : none   ? TR_DIM
                                   : theme_role_by_name(ov->o.scale.items[k].colour_role));
    }
    int pct = overview_percent(g->mastered, (int)ov->o.nstudents);
    char bar[64];
    bar_text(pct, BAR_W, bar, sizeof bar);
    int bx = cx + COUNT_W * (int)(ov->o.scale.n + 1) + 2;
    draw_text_raw(stdscr, y, bx, BAR_W, bar, selected ? TR_SELECTED : TR_STATUS_DONE);
    snprintf(num, sizeof num, "%d%%", pct);
    draw_number_right(y, bx + BAR_W, 5, num, base);
}

static const char *ov_goal_text(void *ctx, int i)
{
    struct overview_screen *ov = ctx;
    const struct ov_row *r = &ov->rows[i];
    if (r->heading)
        return ov->o.deel[r->index].name;
    snprintf(ov->text, sizeof ov->text, "%s %s", ov->o.goals[r->index].code, ov->o.goals[r->index].title);
    return ov->text;
}

static int ov_col_width(void *ctx, int col)
{
    struct overview_screen *ov = ctx;
    switch (col) {
    case OC_NAME:
        return ov->name_w;
    case OC_NIVEAU:
        return 6;
    case OC_TOTAL:
        return BAR_W + 5;
    default: {
        int w = text_width(ov->o.hoofd[col - OC_HOOFD].name);
        return w < 5 ? 5 : w > 16 ? 16 : w;
    }
    }
}

static void ov_share(const struct overview_count *c, char *out, size_t len)
{
    if (c->goals == 0)
        snprintf(out, len, "%s", "–");
    else
        snprintf(out, len, "%d%%", overview_percent(c->mastered, c->goals));
}

static void ov_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct overview_screen *ov = ctx;
    const struct overview_student *st = &ov->o.students[row];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    char text[96];
    draw_fill(stdscr, y, x, 1, width, role);
    switch (col) {
    case OC_NAME:
        draw_text(stdscr, y, x, width, st->name, row == ov->grid.cur_row ? TR_TITLE : TR_NORMAL);
        break;
    case OC_NIVEAU:
        draw_text(stdscr, y, x, width, *st->niveau ? st->niveau : "–", selected ? role : TR_DIM);
        break;
    case OC_TOTAL: {
        char bar[64], pct[16];
        bar_text(overview_percent(st->total.mastered, st->total.goals), BAR_W, bar, sizeof bar);
        draw_text_raw(stdscr, y, x, BAR_W, bar, selected ? role : TR_STATUS_DONE);
        ov_share(&st->total, pct, sizeof pct);
        draw_number_right(y, x + BAR_W, width - BAR_W, pct, role);
        break;
    }
    default:
        ov_share(&st->hoofd[col - OC_HOOFD], text, sizeof text);
        draw_number_right(y, x, width, text, role);
    }
}

static void ov_draw_header(void *ctx, int col, int y, int x, int width)
{
    struct overview_screen *ov = ctx;
    const char *t = col == OC_NAME     ? _("Leerling")
                    : col == OC_NIVEAU ? _("niveau")
                    : col == OC_TOTAL  ? _("beheerst")
                                       : ov->o.hoofd[col - OC_HOOFD].name;
    if (col <= OC_NIVEAU)
        draw_text(stdscr, y, x, width, t, TR_GRID_HEADER);
    else
        draw_number_right(y, x, width, t, TR_GRID_HEADER);
}

static const char *ov_student_text(void *ctx, int row) { return ((struct overview_screen *)ctx)->o.students[row].name; }

static const struct grid_ops ov_grid = {ov_col_width, ov_draw_cell, ov_draw_header, ov_student_text};

/* Reads the overview (again); the list and the grid keep their place (the grid on the same student). */
static void overview_load(struct overview_screen *ov)
{
    int64_t keep = ov->o.nstudents ? ov->o.students[ov->grid.cur_row].id : 0;
    int row = ov->grid.cur_row;
    overview_free(&ov->o);
    free(ov->rows);
    ov->rows = NULL;
    ov->nrows = 0;
    struct overview_filter f = {0, 0, ov->niveau_id, NULL, NULL};
    ov->ok = overview_group(&ov->app->session, ov->group_id, &f, &ov->o) == KM_OK;
    if (!ov->ok)
        app_core_error(ov->app);
    ov->rows = calloc(ov->o.ngoals * 2 + 1, sizeof *ov->rows);
    for (size_t i = 0; ov->rows && i < ov->o.ngoals; i++) {
        if (i == 0 || ov->o.goals[i].deel != ov->o.goals[i - 1].deel)
            ov->rows[ov->nrows++] = (struct ov_row){true, ov->o.goals[i].deel};
        ov->rows[ov->nrows++] = (struct ov_row){false, i};
    }
    list_set_count(&ov->list, ov->nrows);
    int w = text_width(_("Leerling"));
    for (size_t i = 0; i < ov->o.nstudents; i++) {
        int tw = text_width(ov->o.students[i].name);
        w = tw > w ? tw : w;
        if (ov->o.students[i].id == keep)
            row = (int)i;
    }
    ov->name_w = w < NAME_W_MIN ? NAME_W_MIN : w > NAME_W_MAX ? NAME_W_MAX : w;
    grid_set_size(&ov->grid, (int)ov->o.nstudents, OC_HOOFD + (int)ov->o.nhoofd);
    grid_set_cursor(&ov->grid, row, ov->grid.cur_col);
}

static void overview_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    int mastered = 0, goals = 0;
    for (size_t i = 0; i < ov->o.nstudents; i++) {
        mastered += ov->o.students[i].total.mastered;
        goals += ov->o.students[i].total.goals;
    }
    char pct[16], facts[300], keys[32];
    pct_text(mastered, goals, pct, sizeof pct);
    int used = draw_text_raw(stdscr, top, 2, width - 4, ov->niveau, TR_TITLE);
    snprintf(facts, sizeof facts, _(" · %d leerlingen · %d leerdoelen · groep: %s beheerst"), (int)ov->o.nstudents,
             (int)ov->o.ngoals, pct);
    draw_text(stdscr, top, 2 + used, width - 4 - used, facts, TR_DIM);
    /* the two views as tabs: the chosen one in brackets, so it reads without colour */
    int x = 2;
    static const char *const tabs[2] = {N_("Per leerdoel"), N_("Per leerling")};
    for (int t = 0; t < 2; t++) {
        char tab[80];
        bool on = (int)ov->view == t;
        snprintf(tab, sizeof tab, on ? "[ %s ]" : "  %s  ", _(tabs[t]));
        x += draw_text_raw(stdscr, top + 1, x, width - x - 2, tab, on ? TR_SELECTED : TR_DIM) + 1;
    }
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, keys, sizeof keys);
    snprintf(facts, sizeof facts, _("%s: wissel"), keys);
    draw_text_raw(stdscr, top + 1, x + 2, width - x - 4, facts, TR_DIM);
    if (!ov->ok)
        return;
    if (ov->view == OV_STUDENTS) {
        grid_draw(&ov->grid, top + 3, 1, h - 3, width - 2);
        return;
    }
    if (ov->o.ngoals == 0) {
        draw_text(stdscr, top + 3, 2, width - 4, _("Geen leerdoelen voor deze groep op dit niveau."), TR_DIM);
        return;
    }
    int lw = width - 4, cx = 2 + ov_counts_x(ov, lw);
    draw_fill(stdscr, top + 3, 1, 1, width - 2, TR_GRID_HEADER);
    draw_text(stdscr, top + 3, 4, CODE_W, _("Leerdoel"), TR_GRID_HEADER);
    for (size_t k = 0; k <= ov->o.scale.n; k++) {
        char head[32];
        if (k < ov->o.scale.n)
            snprintf(head, sizeof head, "%s %s", ov->o.scale.items[k].glyph, ov->o.scale.items[k].letter);
        else
            snprintf(head, sizeof head, "%s", "–");
        draw_number_right(top + 3, cx + COUNT_W * (int)k, COUNT_W, head, TR_GRID_HEADER);
    }
    draw_number_right(top + 3, cx + COUNT_W * (int)(ov->o.scale.n + 1) + 2, BAR_W + 5, _("beheerst"), TR_GRID_HEADER);
    list_draw(&ov->list, top + 4, 2, h - 4, lw);
}

static int overview_search(struct overview_screen *ov, struct app *a, bool next)
{
    if (ov->view == OV_STUDENTS)
        return next ? grid_search_next_action(a, &ov->grid, SEARCH_PEOPLE)
                    : grid_search_action(a, &ov->grid, _("Zoek leerling:"), SEARCH_PEOPLE);
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, _("Zoek leerdoel:"));
        return R_DRAW;
    }
    if (!list_search(&ov->list, next ? ov->list.search : a->prompt_text, next))
        app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
    return R_DRAW;
}

static const struct action_words *overview_words(const struct screen *s, enum action act)
{
    static const struct action_words by_goal[] = {
        {A_NEXT_FIELD, N_("per leerling"), N_("Toon het overzicht per leerling: beheerst per hoofdgebied.")},
        {A_SELECT, N_("open statusbord"), N_("Open het statusbord van het deelgebied van het gekozen leerdoel.")},
        {A_SEARCH, N_("zoek leerdoel"), N_("Zoek een leerdoel op code of tekst.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words by_student[] = {
        {A_NEXT_FIELD, N_("per leerdoel"), N_("Toon het overzicht per leerdoel: hoeveel leerlingen per status.")},
        {A_SELECT, N_("leerdoelen"), N_("Toon de leerdoelen en statussen van de gekozen leerling.")},
        {A_SEARCH, N_("zoek leerling"), N_("Zoek een leerling op naam.")},
        {ACT_NONE, NULL, NULL},
    };
    return action_words_find(((const struct overview_screen *)s)->view == OV_GOALS ? by_goal : by_student, act);
}

/* From the overview to the work: a goal opens the status board of its deelgebied with the cursor on it. */
static int open_goal(struct overview_screen *ov, struct app *a)
{
    if (!ov->nrows)
        return R_NONE;
    const struct ov_row *r = &ov->rows[ov->list.cur];
    size_t deel = r->heading ? r->index : ov->o.goals[r->index].deel;
    const struct overview_area *d = &ov->o.deel[deel];
    char area[200];
    snprintf(area, sizeof area, "%s / %s", ov->o.hoofd[d->hoofd].name, d->name);
    struct screen *s = status_board_new(a, ov->group_id, ov->o.title, d->id, area, ov->niveau_id, ov->niveau_id ? ov->niveau : "");
    struct board_screen *bs = (struct board_screen *)s;
    for (int g = 0; bs && !r->heading && g < bs->b.ngoals; g++)
        if (bs->b.goals[g].id == ov->o.goals[r->index].id)
            grid_set_cursor(&bs->grid, bs->grid.cur_row, COL_GOALS + g);
    app_push(a, s);
    return R_DRAW;
}

/* ... and a student opens that student's goals. */
static int open_student(struct overview_screen *ov, struct app *a)
{
    if (!ov->o.nstudents)
        return R_NONE;
    const struct overview_student *st = &ov->o.students[ov->grid.cur_row];
    app_push(a, student_goals_screen_new(a, st->id, st->name));
    return R_DRAW;
}

static int overview_action(struct screen *s, struct app *a, enum action act)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    if (ov->view == OV_STUDENTS ? grid_move(&ov->grid, act) : list_move(&ov->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return ov->view == OV_STUDENTS ? open_student(ov, a) : open_goal(ov, a);
    case A_NEXT_FIELD:
        ov->view = ov->view == OV_GOALS ? OV_STUDENTS : OV_GOALS;
        return R_DRAW;
    case A_SEARCH:
        return overview_search(ov, a, false);
    case A_SEARCH_NEXT:
        return overview_search(ov, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int overview_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)a;
    (void)twice;
    struct overview_screen *ov = (struct overview_screen *)s;
    bool hit = ov->view == OV_STUDENTS ? grid_click(&ov->grid, y, x) : list_click(&ov->list, y);
    return hit ? R_DRAW : R_NONE;
}

static void overview_reload(struct screen *s, struct app *a)
{
    (void)a;
    overview_load((struct overview_screen *)s);
}

static void overview_destroy(struct screen *s)
{
    struct overview_screen *ov = (struct overview_screen *)s;
    overview_free(&ov->o);
    free(ov->rows);
    free(ov);
}

static const struct screen_ops overview_ops = {
    .actions = overview_actions,
    .draw = overview_draw,
    .on_action = overview_action,
    .reload = overview_reload,
    .on_click = overview_click,
    .destroy = overview_destroy,
    .words_now = overview_words,
};

static struct screen *group_overview_new(struct app *a, int64_t group_id, const char *group, int64_t niveau_id,
                                         const char *niveau)
{
    struct overview_screen *ov = calloc(1, sizeof *ov);
    if (!ov)
        return NULL;
    ov->base.ops = &overview_ops;
    ov->app = a;
    ov->group_id = group_id;
    ov->niveau_id = niveau_id;
    snprintf(ov->niveau, sizeof ov->niveau, "%s", niveau_id ? niveau : _("ieder op het eigen niveau"));
    snprintf(ov->base.title, sizeof ov->base.title, "LEERDOELEN › %s › %s", _("OVERZICHT"), group);
    list_init(&ov->list, ov_goal_row, ov_goal_text, ov);
    grid_init(&ov->grid, &ov_grid, ov, 1, true);
    ov->grid.gap = 2;
    overview_load(ov);
    return &ov->base;
}

/* ==== first: group, deelgebied and niveau ==== */

struct deel_row {
    int64_t id;
    char *text; /* "rekenen › breuken" */
};

enum pane { P_GROUP, P_DEEL, P_NIVEAU, P__COUNT };

struct choose_screen {
    struct screen base;
    struct app *app;
    struct km_group_list all;
    const struct km_group **groups; /* the active ones */
    int ngroups;
    struct km_area_list areas;
    struct deel_row *deel;
    int ndeel;
    struct km_niveau_list niveaus; /* row 0 of the niveau list is "alle niveaus" */
    struct list list[P__COUNT];
    enum pane focus;
    char text[256];
};

static const enum action choose_actions[] = {A_SELECT,  A_NEXT_FIELD, A_PREV_FIELD, A_SEARCH, A_SEARCH_NEXT,
                                             A_BACK,    A_UP,         A_DOWN,       A_LEFT,   A_RIGHT,
                                             A_PAGE_UP, A_PAGE_DOWN,  A_HOME,       A_END,    ACT_NONE};

/* Enter opens what the three lists show chosen, from whichever list has the focus. */
static const struct action_words *choose_words(const struct screen *s, enum action act)
{
    static const struct action_words board = {A_SELECT, N_("open statusbord"),
                                              N_("Open het statusbord van de gekozen groep, het deelgebied en het niveau.")};
    static const struct action_words overview = {A_SELECT, N_("open overzicht"),
                                                 N_("Open het Leerdoeloverzicht van de gekozen groep.")};
    static const struct action_words next = {A_NEXT_FIELD, N_("volgende lijst"),
                                             N_("Ga naar de volgende lijst: groep, deelgebied, niveau.")};
    static const struct action_words prev = {A_PREV_FIELD, N_("vorige lijst"), N_("Ga naar de vorige lijst.")};
    const struct choose_screen *c = (const struct choose_screen *)s;
    if (act == A_SELECT)
        return c->ndeel && c->deel[c->list[P_DEEL].cur].id == 0 ? &overview : &board;
    return act == A_NEXT_FIELD ? &next : act == A_PREV_FIELD ? &prev : NULL;
}

static const char *group_text(void *ctx, int i) { return ((struct choose_screen *)ctx)->groups[i]->name; }

static const char *deel_text(void *ctx, int i) { return ((struct choose_screen *)ctx)->deel[i].text; }

static const char *niveau_text(void *ctx, int i)
{
    struct choose_screen *c = ctx;
    if (i == 0)
        return _("alle niveaus");
    snprintf(c->text, sizeof c->text, _("niveau %s"), c->niveaus.items[i - 1].name);
    return c->text;
}

static void choose_row(struct choose_screen *c, enum pane p, const char *text, int y, int x, int width, bool selected)
{
    bool focused = c->focus == p;
    enum theme_role role = selected ? (focused ? TR_SELECTED : TR_TITLE) : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, selected && focused ? TR_SELECTED : TR_NORMAL);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 2, width - 2, text, role);
}

static void group_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_GROUP, group_text(ctx, i), y, x, width, selected);
}

static void deel_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_DEEL, deel_text(ctx, i), y, x, width, selected);
}

static void niveau_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    choose_row(ctx, P_NIVEAU, niveau_text(ctx, i), y, x, width, selected);
}

/* The niveau named after the group's jaargroep (row in the niveau list), else "alle niveaus". */
static int default_niveau(const struct choose_screen *c)
{
    if (c->ngroups == 0)
        return 0;
    const char *jg = c->groups[c->list[P_GROUP].cur]->jaargroep;
    size_t jl = strlen(jg);
    for (size_t i = 0; jl && i < c->niveaus.n; i++) {
        const char *name = c->niveaus.items[i].name;
        size_t nl = strlen(name);
        /* "5", or a name ending in " 5", as core's overviews read a niveau */
        if (strcmp(name, jg) == 0 || (nl > jl && name[nl - jl - 1] == ' ' && strcmp(name + nl - jl, jg) == 0))
            return (int)i + 1;
    }
    return 0;
}

static void choose_clear(struct choose_screen *c)
{
    free(c->groups);
    c->groups = NULL;
    c->ngroups = 0;
    groups_list_free(&c->all);
    for (int i = 0; i < c->ndeel; i++)
        free(c->deel[i].text);
    free(c->deel);
    c->deel = NULL;
    c->ndeel = 0;
    curriculum_areas_free(&c->areas);
    curriculum_niveaus_free(&c->niveaus);
}

static bool choose_read(struct choose_screen *c)
{
    const struct km_session *s = &c->app->session;
    if (groups_list(s, NULL, &c->all) != KM_OK || curriculum_areas(s, &c->areas) != KM_OK ||
        curriculum_niveaus(s, &c->niveaus) != KM_OK)
        return false;
    c->groups = calloc(c->all.n ? c->all.n : 1, sizeof *c->groups);
    size_t nd = 0;
    for (size_t h = 0; h < c->areas.n; h++)
        nd += c->areas.items[h].ndeel;
    c->deel = calloc(nd + 1, sizeof *c->deel);
    if (!c->groups || !c->deel)
        return false;
    for (size_t i = 0; i < c->all.n; i++)
        if (c->all.items[i].active)
            c->groups[c->ngroups++] = &c->all.items[i];
    /* first the whole group's Leerdoeloverzicht (id 0), then the deelgebieden, each a board */
    char *all = strdup(_("▤ Leerdoeloverzicht van de groep"));
    if (!all)
        return false;
    c->deel[c->ndeel++] = (struct deel_row){0, all};
    for (size_t h = 0; h < c->areas.n; h++)
        for (size_t d = 0; d < c->areas.items[h].ndeel; d++) {
            const struct km_deelgebied *dg = &c->areas.items[h].deel[d];
            size_t len = strlen(c->areas.items[h].name) + strlen(dg->name) + 8;
            char *t = malloc(len);
            if (!t)
                return false;
            snprintf(t, len, "%s › %s", c->areas.items[h].name, dg->name);
            c->deel[c->ndeel++] = (struct deel_row){dg->id, t};
        }
    return true;
}

/* Reads the three lists (again), keeping each cursor on the same item. */
static void choose_load(struct choose_screen *c)
{
    int64_t keep_group = c->ngroups ? c->groups[c->list[P_GROUP].cur]->id : 0;
    int64_t keep_deel = c->ndeel ? c->deel[c->list[P_DEEL].cur].id : 0;
    int keep_niv = c->list[P_NIVEAU].cur;
    int64_t keep_niv_id = keep_niv > 0 && (size_t)keep_niv <= c->niveaus.n ? c->niveaus.items[keep_niv - 1].id : 0;
    choose_clear(c);
    if (!choose_read(c))
        app_core_error(c->app);
    list_set_count(&c->list[P_GROUP], c->ngroups);
    list_set_count(&c->list[P_DEEL], c->ndeel);
    list_set_count(&c->list[P_NIVEAU], (int)c->niveaus.n + 1);
    for (int i = 0; i < c->ngroups; i++)
        if (c->groups[i]->id == keep_group)
            c->list[P_GROUP].cur = i;
    for (int i = 0; i < c->ndeel; i++)
        if (c->deel[i].id == keep_deel)
            c->list[P_DEEL].cur = i;
    if (keep_niv > 0) {
        c->list[P_NIVEAU].cur = 0;
        for (size_t i = 0; i < c->niveaus.n; i++)
            if (c->niveaus.items[i].id == keep_niv_id)
                c->list[P_NIVEAU].cur = (int)i + 1;
    }
    for (int p = 0; p < P__COUNT; p++)
        list_set_count(&c->list[p], c->list[p].count);
}

/* The three lists side by side: where each starts and how wide it is. */
static void pane_geometry(int width, int x[P__COUNT], int w[P__COUNT])
{
    w[P_GROUP] = (width - 8) * 30 / 100;
    w[P_NIVEAU] = (width - 8) * 22 / 100;
    w[P_DEEL] = width - 8 - w[P_GROUP] - w[P_NIVEAU];
    x[P_GROUP] = 2;
    x[P_DEEL] = x[P_GROUP] + w[P_GROUP] + 2;
    x[P_NIVEAU] = x[P_DEEL] + w[P_DEEL] + 2;
}

static void choose_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct choose_screen *c = (struct choose_screen *)s;
    if (c->ngroups == 0) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Je hebt (nog) geen groepen."), TR_NORMAL);
        return;
    }
    int x[P__COUNT], w[P__COUNT];
    pane_geometry(width, x, w);
    static const char *const head[P__COUNT] = {N_("Groep"), N_("Deelgebied"), N_("Niveau")};
    for (int p = 0; p < P__COUNT; p++) {
        draw_text(stdscr, top, x[p], w[p], _(head[p]), c->focus == (enum pane)p ? TR_TITLE : TR_DIM);
        draw_hline(stdscr, top + 1, x[p], w[p], c->focus == (enum pane)p ? TR_TITLE : TR_DIM);
        list_draw(&c->list[p], top + 2, x[p], h - 4, w[p]);
    }
    char sel[32], next[32], line[400];
    keymap_keys_text(&a->keys, A_SELECT, 1, sel, sizeof sel);
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, next, sizeof next);
    const struct deel_row *d = &c->deel[c->list[P_DEEL].cur];
    if (d->id == 0)
        snprintf(line, sizeof line, _("%s: open het Leerdoeloverzicht van %s · ←/→ of %s: naar een andere lijst"), sel,
                 c->groups[c->list[P_GROUP].cur]->name, next);
    else
        snprintf(line, sizeof line, _("%s: open het statusbord van %s, %s · ←/→ of %s: naar een andere lijst"), sel,
                 c->groups[c->list[P_GROUP].cur]->name, d->text, next);
    draw_wrapped(stdscr, top + h - 2, 2, width - 4, 2, line, TR_DIM);
}

static int open_board(struct choose_screen *c, struct app *a)
{
    if (c->ngroups == 0 || c->ndeel == 0)
        return R_NONE;
    const struct km_group *g = c->groups[c->list[P_GROUP].cur];
    const struct deel_row *d = &c->deel[c->list[P_DEEL].cur];
    int nv = c->list[P_NIVEAU].cur;
    int64_t niveau_id = nv > 0 ? c->niveaus.items[nv - 1].id : 0;
    char niveau[64];
    snprintf(niveau, sizeof niveau, "%s", niveau_text(c, nv));
    if (d->id == 0)
        app_push(a, group_overview_new(a, g->id, g->name, niveau_id, niveau));
    else
        app_push(a, status_board_new(a, g->id, g->name, d->id, d->text, niveau_id, niveau));
    return R_DRAW;
}

static int choose_search(struct choose_screen *c, struct app *a, bool next)
{
    struct list *l = &c->list[c->focus];
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, c->focus == P_GROUP ? _("Zoek groep:") : _("Zoek:"));
        return R_DRAW;
    }
    if (!list_search(l, next ? l->search : a->prompt_text, next))
        app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
    if (c->focus == P_GROUP)
        c->list[P_NIVEAU].cur = default_niveau(c);
    return R_DRAW;
}

static int choose_action(struct screen *s, struct app *a, enum action act)
{
    struct choose_screen *c = (struct choose_screen *)s;
    if (list_move(&c->list[c->focus], act)) {
        if (c->focus == P_GROUP) /* another group: its own niveau */
            c->list[P_NIVEAU].cur = default_niveau(c);
        return R_DRAW;
    }
    switch (act) {
    case A_SELECT: /* from any of the three lists: the group, deelgebied and niveau are all chosen already */
        return open_board(c, a);
    case A_RIGHT:
    case A_NEXT_FIELD:
        c->focus = (enum pane)((c->focus + 1) % P__COUNT);
        return R_DRAW;
    case A_LEFT:
    case A_PREV_FIELD:
        c->focus = (enum pane)((c->focus + P__COUNT - 1) % P__COUNT);
        return R_DRAW;
    case A_SEARCH:
        return choose_search(c, a, false);
    case A_SEARCH_NEXT:
        return choose_search(c, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int choose_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct choose_screen *c = (struct choose_screen *)s;
    int px[P__COUNT], pw[P__COUNT];
    pane_geometry(a->cols, px, pw);
    for (int p = 0; p < P__COUNT; p++) {
        int left = px[p], right = px[p] + pw[p];
        if (x < left || x >= right || !list_click(&c->list[p], y))
            continue;
        c->focus = (enum pane)p;
        if (p == P_GROUP)
            c->list[P_NIVEAU].cur = default_niveau(c);
        return twice && p != P_GROUP ? open_board(c, a) : R_DRAW;
    }
    return R_NONE;
}

static void choose_reload(struct screen *s, struct app *a)
{
    (void)a;
    choose_load((struct choose_screen *)s);
}

static void choose_destroy(struct screen *s)
{
    choose_clear((struct choose_screen *)s);
    free(s);
}

static const struct screen_ops choose_ops = {
    .actions = choose_actions,
    .draw = choose_draw,
    .on_action = choose_action,
    .reload = choose_reload,
    .on_click = choose_click,
    .destroy = choose_destroy,
    .words_now = choose_words,
};

struct screen *board_screen_new(struct app *a)
{
    struct choose_screen *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &choose_ops;
    c->app = a;
    snprintf(c->base.title, sizeof c->base.title, "LEERDOELEN › %s", _("kies een groep en een deelgebied"));
    list_init(&c->list[P_GROUP], group_row, group_text, c);
    list_init(&c->list[P_DEEL], deel_row, deel_text, c);
    list_init(&c->list[P_NIVEAU], niveau_row, niveau_text, c);
    choose_load(c);
    c->list[P_NIVEAU].cur = default_niveau(c);
    if (c->ndeel > 1)
        c->list[P_DEEL].cur = 1; /* the first deelgebied; the overview is one up */
    return &c->base;
}
