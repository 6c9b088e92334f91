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
#include "tui/board_common.h"

#define SIDE_MIN 100 /* from this many columns on, the goal and the cell's history stand beside the board */
#define PANEL_MIN 34 /* columns of that side panel */
#define PANEL_MAX 52
#define PCT_W 4    /* "100%" */
#define CELL_MIN 3 /* "● V" */

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

static const enum action board_actions[] = {A_TOGGLE,      A_SET_ROW, A_SET_COLUMN, A_UNDO, A_INFO, A_SEARCH,
                                            A_SEARCH_NEXT, A_BACK,    A_HELP,       A_UP,   A_DOWN, A_LEFT,
                                            A_RIGHT,       A_PAGE_UP, A_PAGE_DOWN,  A_HOME, A_END,  ACT_NONE};

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
        draw_centred(y, x, width, goal_header(bs, col - COL_GOALS), TR_GRID_HEADER);
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
        cells[k] =
            (struct bulk_cell){bs->b.students[kind == BULK_ROW ? r : k].id, bs->b.goals[kind == BULK_ROW ? k : g].id};
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
        app_message(a, TR_OK,
                    ngettext("%s: %d cel staat nu op %s.", "%s: %d cellen staan nu op %s.", (unsigned long)changed),
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

static void bulk_confirm_done(struct app *a, void *ctx, bool yes) { bulk_choice_done(a, ctx, yes ? 2 : -1); }

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
    snprintf(
        q, sizeof q,
        ngettext(
            "Je laatste wijziging terugzetten: %s op %s (%d cel, %s)? Cellen die iemand intussen wijzigde, blijven.",
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
    .draw = board_draw,
    .on_action = board_action,
    .on_text = board_text,
    .wants_text = board_wants_text,
    .keys_only = true,
    .reload = board_reload,
    .resume = board_reload,
    .on_click = board_click,
    .destroy = board_destroy,
};

struct screen *board_screen_new(struct app *a, int64_t group_id, const char *group, int64_t deel_id, const char *area,
                                int64_t niveau_id, const char *niveau)
{
    struct board_screen *bs = calloc(1, sizeof *bs);
    if (!bs)
        return NULL;
    bs->base.ops = &board_ops;
    bs->base.actions = board_actions;
    bs->base.words = board_words;
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

void board_screen_show_goal(struct screen *s, int64_t goal_id)
{
    struct board_screen *bs = (struct board_screen *)s;
    for (int g = 0; g < bs->b.ngoals; g++)
        if (bs->b.goals[g].id == goal_id)
            grid_set_cursor(&bs->grid, bs->grid.cur_row, COL_GOALS + g);
}
