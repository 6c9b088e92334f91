/* One week template as a grid: the open days side by side, time running down (a quarter of an hour per row
 * when the slots allow, else the config's slot step), and each time slot a block over its rows. A new slot is made the
 * way one would drag with a mouse: Space on the start, Down to the end, Space again, then a small form for its name,
 * break and days. Enter opens a slot's lessons; e and d change or delete it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/strbuf.h"
#include "core/templates.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/screens.h"
#include "tui/slot_lookup.h"

#define TIME_COL_W 5 /* "08:30" */
#define DAY_COL_MIN 10
#define DAY_COL_MAX 28
#define FORM_BOX_W 56      /* the five days' ticks fit, and at 80 columns one day column stays in sight */
#define ROW_MAX_MINUTES 15 /* coarser rows would hide where a quarter-hour slot starts */

struct template_screen {
    struct screen base;
    struct app *app;
    int64_t template_id;
    bool found;
    struct school_day days[7];
    int open[7]; /* the weekday of each day column, in order */
    int nopen;
    struct km_slot_list slots;
    int hidden; /* slots on days the school is now closed: not in the grid */
    int step;   /* minutes per row: a multiple of the config's slot step that every time in the grid fits */
    int t0;     /* the first row's time */
    int nrows;
    int *cell; /* nrows × nopen: index into slots, or -1 */
    struct grid grid;
    int day_w;    /* width of a day column at the last draw */
    bool marking; /* Space was pressed on a start cell; Down extends the mark */
    int mark_row; /* the anchor: where the mark started */
    int64_t pending_delete;
    char text[256];
};

static const enum action template_actions[] = {A_SELECT,  A_TOGGLE,    A_ADD,  A_EDIT, A_DELETE,
                                               A_BACK,    A_UP,        A_DOWN, A_LEFT, A_RIGHT,
                                               A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,  ACT_NONE};

/* While a slot is being marked only these keys work, so footer and help list them instead. */
static const enum action marking_actions[] = {A_TOGGLE,    A_SELECT, A_BACK, A_UP,   A_DOWN,  A_PAGE_UP,
                                              A_PAGE_DOWN, A_HOME,   A_END,  A_LEFT, A_RIGHT, ACT_NONE};

static void set_marking(struct template_screen *ts, bool on)
{
    ts->marking = on;
    ts->base.actions = on ? marking_actions : template_actions;
}

/* ---- where things are ---- */

/* Slot times snap to this; the rows may be coarser (choose_row_step). */
static int config_step(const struct template_screen *ts)
{
    int step = ts->app->cfg->slot_step_minutes;
    return step > 0 && step <= 60 ? step : 5;
}

static int row_time(const struct template_screen *ts, int row) { return ts->t0 + row * ts->step; }

static int row_of_time(const struct template_screen *ts, int minute)
{
    int r = ts->step ? (minute - ts->t0) / ts->step : 0;
    return r < 0 ? 0 : r >= ts->nrows ? ts->nrows - 1 : r;
}

/* The weekday of grid column col (column 0 holds the times). */
static int col_day(const struct template_screen *ts, int col)
{
    return col >= 1 && col <= ts->nopen ? ts->open[col - 1] : 0;
}

static int col_of_day(const struct template_screen *ts, int weekday)
{
    for (int i = 0; i < ts->nopen; i++)
        if (ts->open[i] >= weekday)
            return i + 1;
    return ts->nopen;
}

static int slot_at(const struct template_screen *ts, int row, int col)
{
    if (!ts->cell || row < 0 || row >= ts->nrows || col < 1 || col > ts->nopen)
        return -1;
    return ts->cell[row * ts->nopen + col - 1];
}

static const struct km_slot *cursor_slot(const struct template_screen *ts)
{
    int i = slot_at(ts, ts->grid.cur_row, ts->grid.cur_col);
    return i >= 0 ? &ts->slots.items[i] : NULL;
}

static bool school_open_at(const struct template_screen *ts, int row, int col)
{
    if (col_day(ts, col) == 0)
        return false;
    const struct school_day *d = &ts->days[col_day(ts, col) - 1];
    int m = row_time(ts, row);
    return d->open && m >= d->start_min && m < d->end_min;
}

static int first_row(const struct template_screen *ts, const struct km_slot *x)
{
    return row_of_time(ts, x->start_min);
}
static int last_row(const struct template_screen *ts, const struct km_slot *x)
{
    return row_of_time(ts, x->end_min - 1);
}

/* The marked rows, in order, whichever way the cursor moved from the anchor. */
static void mark_range(const struct template_screen *ts, int *r0, int *r1)
{
    int cur = ts->grid.cur_row;
    *r0 = cur < ts->mark_row ? cur : ts->mark_row;
    *r1 = cur < ts->mark_row ? ts->mark_row : cur;
}

static bool in_mark(const struct template_screen *ts, int row, int col)
{
    int r0, r1;
    mark_range(ts, &r0, &r1);
    return ts->marking && col == ts->grid.cur_col && row >= r0 && row <= r1;
}

/* ---- loading ---- */

static void clear_data(struct template_screen *ts)
{
    slots_list_free(&ts->slots);
    free(ts->cell);
    ts->cell = NULL;
    ts->nopen = ts->nrows = ts->hidden = 0;
}

static void find_template(struct template_screen *ts)
{
    struct km_template_list l;
    ts->found = false;
    if (templates_list(&ts->app->session, &l) != KM_OK)
        return;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].id == ts->template_id) {
            ts->found = true;
            snprintf(ts->base.title, sizeof ts->base.title, _("WEEK SJABLONEN › %s · %d tijdsloten · %d lessen"),
                     l.items[i].name, l.items[i].slots, l.items[i].lessons);
        }
    templates_list_free(&l);
}

/* The rows run from the earliest opening to the latest closing, widened to hold every slot of an open day
 * (hours may have changed after the slots were made). */
static void time_range(struct template_screen *ts, int *from, int *to)
{
    *from = 24 * 60;
    *to = 0;
    for (int d = 0; d < 7; d++)
        if (ts->days[d].open) {
            *from = ts->days[d].start_min < *from ? ts->days[d].start_min : *from;
            *to = ts->days[d].end_min > *to ? ts->days[d].end_min : *to;
        }
    for (size_t i = 0; i < ts->slots.n; i++) {
        const struct km_slot *x = &ts->slots.items[i];
        if (!ts->days[x->weekday - 1].open)
            continue;
        *from = x->start_min < *from ? x->start_min : *from;
        *to = x->end_min > *to ? x->end_min : *to;
    }
}

static bool build_cells(struct template_screen *ts)
{
    size_t ncells = (size_t)(ts->nrows > 0 ? ts->nrows : 1) * (size_t)(ts->nopen > 0 ? ts->nopen : 1);
    ts->cell = malloc(ncells * sizeof *ts->cell);
    if (!ts->cell)
        return false;
    memset(ts->cell, 0xff, ncells * sizeof *ts->cell); /* every cell -1 (all bits set), so none is read unset */
    for (size_t i = 0; i < ts->slots.n; i++) {
        const struct km_slot *x = &ts->slots.items[i];
        int col = 0;
        for (int c = 0; c < ts->nopen; c++)
            col = ts->open[c] == x->weekday ? c + 1 : col;
        if (col == 0) {
            ts->hidden++;
            continue;
        }
        if (ts->nrows <= 0) /* no rows (no times): row_of_time would give -1, outside the cells */
            continue;
        for (int r = first_row(ts, x); r <= last_row(ts, x); r++)
            if (ts->cell[r * ts->nopen + col - 1] < 0)
                ts->cell[r * ts->nopen + col - 1] = (int)i;
    }
    return true;
}

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* The grid stays short: rows are as coarse as the school's times allow (up to a quarter of an hour), so a
 * day fits the screen when every slot starts on a quarter; one slot at 10:05 makes the rows five minutes. */
static int choose_row_step(const struct template_screen *ts, int config_step)
{
    int g = 0;
    for (int d = 0; d < 7; d++)
        if (ts->days[d].open)
            g = gcd(gcd(g, ts->days[d].start_min), ts->days[d].end_min);
    for (size_t i = 0; i < ts->slots.n; i++)
        if (ts->days[ts->slots.items[i].weekday - 1].open)
            g = gcd(gcd(g, ts->slots.items[i].start_min), ts->slots.items[i].end_min);
    int best = config_step;
    for (int m = config_step; m <= ROW_MAX_MINUTES; m += config_step)
        best = g % m == 0 ? m : best;
    return best;
}

static void lay_out(struct template_screen *ts)
{
    for (int d = 0; d < 7; d++)
        if (ts->days[d].open)
            ts->open[ts->nopen++] = d + 1;
    ts->step = choose_row_step(ts, config_step(ts));
    int from, to;
    time_range(ts, &from, &to);
    ts->t0 = from - from % ts->step;
    ts->nrows = to > ts->t0 ? (to - ts->t0 + ts->step - 1) / ts->step : 0;
    if (!build_cells(ts)) {
        ts->nrows = 0;
        app_message(ts->app, TR_ERROR, "%s", _("Onvoldoende geheugen."));
    }
}

/* Reads hours and slots again; the cursor (and a mark being made) stay on the same day and time. */
static void load(struct template_screen *ts)
{
    struct app *a = ts->app;
    int keep_day = col_day(ts, ts->grid.cur_col), keep_min = row_time(ts, ts->grid.cur_row);
    int mark_min = row_time(ts, ts->mark_row);
    clear_data(ts);
    find_template(ts);
    if (!ts->found)
        snprintf(ts->base.title, sizeof ts->base.title, "%s", _("WEEK SJABLONEN"));
    if (ts->found &&
        (hours_get(&a->session, ts->days) != KM_OK || slots_list(&a->session, ts->template_id, &ts->slots) != KM_OK))
        app_core_error(a);
    if (ts->found)
        lay_out(ts);
    grid_set_size(&ts->grid, ts->nrows, ts->nopen + 1);
    grid_set_cursor(&ts->grid, keep_day ? row_of_time(ts, keep_min) : 0, keep_day ? col_of_day(ts, keep_day) : 1);
    ts->mark_row = row_of_time(ts, mark_min);
    set_marking(ts, ts->marking && ts->nrows > 0);
}

/* ---- drawing ---- */

static int tpl_col_width(void *ctx, int col)
{
    const struct template_screen *ts = ctx;
    return col == 0 ? TIME_COL_W : ts->day_w;
}

static void draw_time(const struct template_screen *ts, int row, int y, int x, int width)
{
    char t[6];
    int m = row_time(ts, row);
    hours_format(m, t);
    /* whole hours stand out, so the eye finds its way in a column of five-minute rows */
    draw_text(stdscr, y, x, width, t, m % 60 == 0 ? TR_NORMAL : TR_DIM);
}

/* What row k of a slot block of nr rows says: its name, its times, and what it holds ("48 lessen" or
 * "pauze"); a short block puts name and contents on one row. */
static void slot_line(const struct km_slot *x, int k, int nr, char *out, size_t len)
{
    char what[48], head[96], a[6], b[6];
    const char *name = *x->name ? x->name : x->is_break ? _("pauze") : _("tijdslot");
    bool says_break = x->is_break && text_matches(name, _("pauze")); /* "pauze · pauze" says nothing */
    if (x->is_break)
        snprintf(what, sizeof what, "%s", _("pauze"));
    else if (nr < 3)
        snprintf(what, sizeof what, _("%d l."), x->lessons);
    else
        snprintf(what, sizeof what, ngettext("%d les", "%d lessen", (unsigned long)x->lessons), x->lessons);
    if (nr < 3 && !says_break)
        snprintf(head, sizeof head, "%s · %s", name, what);
    else
        snprintf(head, sizeof head, "%s", name);
    hours_format(x->start_min, a);
    hours_format(x->end_min, b);
    const char *edge = nr == 1 ? "▪" : k == 0 ? "┌" : k == nr - 1 ? "└" : "│";
    if (k == 0)
        snprintf(out, len, "%s%s", edge, head);
    else if (k == 1)
        snprintf(out, len, "%s%s–%s", edge, a, b);
    else if (k == 2 && !says_break)
        snprintf(out, len, "%s%s", edge, what);
    else
        snprintf(out, len, "%s", edge);
}

static void draw_slot_cell(struct template_screen *ts, int si, int row, int y, int x, int width)
{
    const struct km_slot *s = &ts->slots.items[si];
    int k = row - first_row(ts, s), nr = last_row(ts, s) - first_row(ts, s) + 1;
    slot_line(s, k, nr, ts->text, sizeof ts->text);
    /* the whole block under the cursor lights up: that is what Enter, e and d act on */
    bool under_cursor = !ts->marking && slot_at(ts, ts->grid.cur_row, ts->grid.cur_col) == si;
    draw_text(stdscr, y, x, width, ts->text, under_cursor ? TR_SELECTED : s->is_break ? TR_DIM : TR_GRID);
}

static void draw_mark_cell(struct template_screen *ts, int row, int y, int x, int width)
{
    int r0, r1;
    mark_range(ts, &r0, &r1);
    char t[6];
    if (r0 == r1) {
        char u[6];
        hours_format(row_time(ts, r0), t);
        hours_format(row_time(ts, r1 + 1), u);
        snprintf(ts->text, sizeof ts->text, "▶%s–%s", t, u);
    } else if (row == r0 || row == r1) {
        hours_format(row_time(ts, row == r0 ? r0 : r1 + 1), t);
        snprintf(ts->text, sizeof ts->text, "%s %s", row == r0 ? "┏" : "┗", t);
    } else {
        snprintf(ts->text, sizeof ts->text, "┃");
    }
    /* the moving end is the cursor; the rest of the mark has its own role and glyphs */
    draw_text(stdscr, y, x, width, ts->text, row == ts->grid.cur_row ? TR_SELECTED : TR_NOW);
}

static void tpl_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct template_screen *ts = ctx;
    if (col == 0) {
        draw_time(ts, row, y, x, width);
        return;
    }
    if (in_mark(ts, row, col)) {
        draw_mark_cell(ts, row, y, x, width);
        return;
    }
    int si = slot_at(ts, row, col);
    if (si >= 0) {
        draw_slot_cell(ts, si, row, y, x, width);
        return;
    }
    /* closed time is shaded, not only coloured: the school is not open then */
    ts->text[0] = '\0';
    for (int i = 0; !school_open_at(ts, row, col) && i < width && i < DAY_COL_MAX; i++)
        memcpy(ts->text + 3 * i, "░", 4); /* 3 bytes and the terminating zero */
    draw_text(stdscr, y, x, width, ts->text, selected ? TR_SELECTED : TR_DIM);
}

static void tpl_draw_header(void *ctx, int col, int y, int x, int width)
{
    struct template_screen *ts = ctx;
    if (col == 0) {
        draw_text(stdscr, y, x, width, _("tijd"), TR_GRID_HEADER);
        return;
    }
    int d = col_day(ts, col);
    const char *name = slot_lookup_day_name(d);
    char a[6], b[6];
    hours_format(ts->days[d - 1].start_min, a);
    hours_format(ts->days[d - 1].end_min, b);
    snprintf(ts->text, sizeof ts->text, "%s %s–%s", name, a, b);
    if (text_width(ts->text) > width)
        snprintf(ts->text, sizeof ts->text, "%s", text_width(name) <= width ? name : _(hours_day_short(d)));
    draw_text(stdscr, y, x, width, ts->text, col == ts->grid.cur_col ? TR_TODAY : TR_GRID_HEADER);
}

static const struct grid_ops template_grid = {tpl_col_width, tpl_draw_cell, tpl_draw_header, NULL};

/* The line above the grid: what the cursor stands on, and the key that does the next useful thing. */
static void cursor_text(struct template_screen *ts, char *out, size_t len)
{
    struct keymap *k = &ts->app->keys;
    char space[32], enter[32], back[32], down[32], up[32], t[6];
    keymap_keys_text(k, A_DOWN, 1, down, sizeof down);
    keymap_keys_text(k, A_UP, 1, up, sizeof up);
    keymap_keys_text(k, A_TOGGLE, 1, space, sizeof space);
    keymap_keys_text(k, A_SELECT, 1, enter, sizeof enter);
    keymap_keys_text(k, A_BACK, 1, back, sizeof back);
    const struct km_slot *x = cursor_slot(ts);
    int col = ts->grid.cur_col;
    hours_format(row_time(ts, ts->grid.cur_row), t);
    if (ts->marking) {
        snprintf(out, len, _("Markeren: %s/%s tot de eindtijd · %s of %s: klaar · %s: stoppen"), down, up, space, enter,
                 back);
    } else if (x) {
        char d[160];
        slot_lookup_describe(x, d, sizeof d);
        if (x->is_break)
            snprintf(out, len, "%s", d);
        else
            snprintf(out, len,
                     ngettext("%s · %d les · %s: lessen", "%s · %d lessen · %s: lessen", (unsigned long)x->lessons), d,
                     x->lessons, enter);
    } else if (school_open_at(ts, ts->grid.cur_row, col)) {
        snprintf(out, len, _("%s %s · leeg · %s: markeer een nieuw tijdslot"), slot_lookup_day_name(col_day(ts, col)),
                 t, space);
    } else {
        snprintf(out, len, _("%s %s · de school is dan dicht"), slot_lookup_day_name(col_day(ts, col)), t);
    }
}

static void template_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct template_screen *ts = (struct template_screen *)s;
    if (!ts->found) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Dit weeksjabloon bestaat niet (meer)."), TR_WARNING);
        return;
    }
    if (ts->nopen == 0) {
        draw_text(stdscr, top + 1, 2, width - 4,
                  _("De school is op geen enkele dag open: stel eerst de schooltijden in (INSTELLINGEN)."), TR_WARNING);
        return;
    }
    char line[400];
    cursor_text(ts, line, sizeof line);
    draw_text(stdscr, top, 1, width - 2, line, ts->marking ? TR_NOW : TR_NORMAL);
    int gw = width - 2, gap = ts->grid.gap;
    ts->day_w = (gw - TIME_COL_W - GRID_FROZEN_GAP - (ts->nopen - 1) * gap) / ts->nopen;
    ts->day_w = ts->day_w < DAY_COL_MIN ? DAY_COL_MIN : ts->day_w > DAY_COL_MAX ? DAY_COL_MAX : ts->day_w;
    int gh = h - 1 - (ts->hidden ? 1 : 0);
    grid_draw(&ts->grid, top + 1, 1, gh, gw);
    if (ts->hidden) {
        snprintf(line, sizeof line,
                 ngettext("%d tijdslot op een dag dat de school nu dicht is, staat niet in het rooster.",
                          "%d tijdsloten op dagen dat de school nu dicht is, staan niet in het rooster.",
                          (unsigned long)ts->hidden),
                 ts->hidden);
        draw_text(stdscr, top + h - 1, 1, width - 2, line, TR_WARNING);
    }
}

/* ---- the form for a new or changed slot ---- */

static const char *const break_choices[] = {N_("nee"), N_("ja")};

struct slot_form {
    struct form_screen fs;         /* first: the shared form glue */
    struct template_screen *owner; /* below this one on the stack, so it outlives the form */
    int64_t slot_id;               /* 0: a new slot */
    int64_t version;
    const char *break_text[2];
    const char *day_text[7];
    int name_field, break_field, days_field, start_field, end_field, button;
    int range_field; /* the typed form: "10:45-11:30" in one field; -1 otherwise */
    char intro[200];
};

static const enum action form_actions[] = {A_SELECT, A_TOGGLE, A_NEXT_FIELD, A_PREV_FIELD, A_UP,
                                           A_DOWN,   A_LEFT,   A_RIGHT,      A_BACK,       ACT_NONE};
static const enum action typed_actions[] = {A_SELECT, A_TOGGLE, A_ALL,   A_NEXT_FIELD, A_PREV_FIELD, A_UP,
                                            A_DOWN,   A_LEFT,   A_RIGHT, A_BACK,       ACT_NONE};

/* Beside the day being marked or changed when there is room, so it stays in sight; else in the middle. */
static int box_x(const struct template_screen *ts, int bw, int width)
{
    const struct grid *g = &ts->grid;
    int day_x = g->x0 + TIME_COL_W + GRID_FROZEN_GAP + (g->cur_col - g->left) * (ts->day_w + g->gap);
    if (day_x + ts->day_w + 1 + bw <= width)
        return day_x + ts->day_w + 1;
    if (day_x - 1 - bw >= 0)
        return day_x - 1 - bw;
    return (width - bw) / 2;
}

static void slot_form_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct slot_form *f = (struct slot_form *)s;
    f->owner->base.ops->draw(&f->owner->base, a, top, h, width);
    int bw = form_min_width(&f->fs.form) + 4; /* every day's tick in sight, in every language */
    bw = bw < FORM_BOX_W ? FORM_BOX_W : bw;
    bw = bw > width - 4 ? width - 4 : bw;
    int bh = 4 + 2 * f->fs.form.n;
    int y = top + (h - bh) / 2, x = box_x(f->owner, bw, width);
    draw_fill(stdscr, y, x, bh, bw, TR_NORMAL);
    draw_box(stdscr, y, x, bh, bw, f->slot_id ? _("Tijdslot wijzigen") : _("Nieuw tijdslot"), TR_TITLE);
    draw_text(stdscr, y + 1, x + 2, bw - 4, f->intro, TR_DIM);
    form_draw(&f->fs.form, y + 3, x + 2, bw - 4);
}

static unsigned chosen_days(const struct slot_form *f)
{
    unsigned mask = 0;
    const struct field *d = &f->fs.form.fields[f->days_field];
    for (int c = 0; c < d->nchoices; c++)
        if ((d->chosen >> c) & 1)
            mask |= 1u << f->owner->open[c];
    return mask;
}

/* Appends s, cut at the end of out (the day names are short and plain). */
static void days_text(unsigned mask, char *out, size_t len)
{
    out[0] = '\0';
    for (int d = 1; d <= 7; d++)
        if (mask & (1u << d)) {
            if (*out)
                strbuf_append(out, len, ", ");
            strbuf_append(out, len, _(hours_day_short(d)));
        }
}

/* "10:45-11:30", "10.45 - 11.30", "1045–1130": two times of day; false when it is not that. */
static bool parse_range(const char *text, int *start, int *end)
{
    char a[16], b[16];
    const char *dash = strpbrk(text, "-");
    const char *en = strstr(text, "–");
    size_t skip = 1;
    if (!dash || (en && en < dash)) {
        dash = en;
        skip = strlen("–");
    }
    if (!dash || (size_t)(dash - text) >= sizeof a)
        return false;
    snprintf(a, sizeof a, "%.*s", (int)(dash - text), text);
    snprintf(b, sizeof b, "%s", dash + skip);
    char *pa = a, *pb = b;
    while (*pa == ' ')
        pa++;
    while (*pb == ' ')
        pb++;
    for (char *q = pa + strlen(pa); q > pa && q[-1] == ' ';)
        *--q = '\0';
    *start = hours_parse(pa);
    *end = hours_parse(pb);
    return *start >= 0 && *end >= 0;
}

static int submit_add(struct slot_form *f, struct app *a)
{
    struct template_screen *ts = f->owner;
    unsigned mask = chosen_days(f);
    int start, end;
    if (f->range_field >= 0 && !parse_range(f->fs.form.fields[f->range_field].value, &start, &end)) {
        snprintf(f->fs.form.fields[f->range_field].error, sizeof f->fs.form.fields[f->range_field].error, "%s",
                 _("zoals 10:45-11:30"));
        f->fs.form.focus = f->range_field;
        return R_DRAW;
    }
    if (f->range_field < 0) {
        start = hours_parse(f->fs.form.fields[f->start_field].value);
        end = hours_parse(f->fs.form.fields[f->end_field].value);
    }
    bool is_break = f->fs.form.fields[f->break_field].choice == 1;
    if (slots_add(&a->session, ts->template_id, mask, start, end, f->fs.form.fields[f->name_field].value, is_break,
                  config_step(ts)) != KM_OK) {
        app_core_error(a); /* nothing was made; the form stays, to untick a day or change a time */
        return R_DRAW;
    }
    char days[64];
    days_text(mask, days, sizeof days);
    app_message(a, TR_OK, _("Tijdslot gemaakt op %s."), days);
    set_marking(ts, false);
    grid_set_cursor(&ts->grid, row_of_time(ts, start), ts->grid.cur_col);
    return R_POP;
}

static int submit_edit(struct slot_form *f, struct app *a)
{
    int start = hours_parse(f->fs.form.fields[f->start_field].value),
        end = hours_parse(f->fs.form.fields[f->end_field].value);
    bool is_break = f->fs.form.fields[f->break_field].choice == 1;
    enum km_rc rc = slots_update(&a->session, f->slot_id, start, end, f->fs.form.fields[f->name_field].value, is_break,
                                 config_step(f->owner), f->version);
    if (rc == KM_OK) {
        app_message(a, TR_OK, "%s", _("Tijdslot gewijzigd."));
        grid_set_cursor(&f->owner->grid, row_of_time(f->owner, start), f->owner->grid.cur_col);
    } else {
        app_core_error(a);
    }
    /* someone else changed it meanwhile: back to the grid, which shows it as it is now */
    return rc == KM_OK || rc == KM_CONFLICT || rc == KM_NOTFOUND ? R_POP : R_DRAW;
}

/* Enter on the button: the form checks its fields first. */
static int submit(struct form_screen *fs, struct app *a, int field)
{
    (void)field;
    struct slot_form *f = (struct slot_form *)fs;
    if (form_validate(&f->fs.form) >= 0)
        return R_DRAW;
    return f->slot_id ? submit_edit(f, a) : submit_add(f, a);
}

/* A, "ma t/m vr": every open weekday from Monday to Friday. */
static int all_weekdays(struct slot_form *f)
{
    struct field *d = &f->fs.form.fields[f->days_field];
    d->chosen = 0;
    for (int c = 0; c < d->nchoices; c++)
        if (f->owner->open[c] >= 1 && f->owner->open[c] <= 5)
            d->chosen |= 1UL << c;
    f->fs.form.focus = f->days_field;
    return R_DRAW;
}

static int slot_form_action(struct screen *s, struct app *a, enum action act)
{
    struct slot_form *f = (struct slot_form *)s;
    if (act == A_ALL && f->days_field >= 0)
        return all_weekdays(f);
    /* the typed form: Enter on the days makes the slot (naam and pauze are optional) */
    if (act == A_SELECT && f->range_field >= 0 && f->fs.form.focus == f->days_field)
        return submit(&f->fs, a, f->button);
    if (act == A_BACK && !f->slot_id && f->range_field < 0)
        app_message(a, TR_NORMAL, "%s", _("De markering staat er nog: verleng of verkort haar, of stop met Esc."));
    return form_screen_action(s, a, act);
}

static struct slot_form *slot_form_new(struct template_screen *ts)
{
    struct slot_form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->owner = ts;
    snprintf(f->fs.base.title, sizeof f->fs.base.title, "%s", ts->base.title);
    for (int i = 0; i < 2; i++)
        f->break_text[i] = _(break_choices[i]);
    for (int i = 0; i < ts->nopen; i++)
        f->day_text[i] = _(hours_day_short(ts->open[i]));
    form_screen_init(&f->fs, form_actions, slot_form_draw, submit, 10);
    f->fs.ops.on_action = slot_form_action; /* Esc on a new slot says the mark stays */
    f->start_field = f->end_field = f->days_field = f->range_field = -1;
    return f;
}

static bool add_time_field(struct slot_form *f, int *field, const char *label, int minutes)
{
    char t[6];
    hours_format(minutes, t);
    *field = form_add(&f->fs.form, FIELD_TIME, label, true);
    if (*field < 0)
        return false;
    f->fs.form.fields[*field].max_chars = 5;
    form_set_value(&f->fs.form, *field, t);
    return true;
}

static bool add_name_and_break(struct slot_form *f, const char *name, bool is_break)
{
    f->name_field = form_add(&f->fs.form, FIELD_TEXT, _("Naam"), false);
    f->break_field = form_add(&f->fs.form, FIELD_CHOICE, _("Pauze"), false);
    if (f->name_field < 0 || f->break_field < 0)
        return false;
    f->fs.form.fields[f->name_field].max_chars = 30;
    form_set_value(&f->fs.form, f->name_field, name);
    form_set_choices(&f->fs.form, f->break_field, f->break_text, 2);
    f->fs.form.fields[f->break_field].choice = is_break ? 1 : 0;
    return true;
}

/* The times of the mark (to set to the minute when the rows are coarser), naam, pauze and the days, with the
 * day of the mark ticked: one form makes the slot on each ticked day. */
static struct screen *add_form_new(struct template_screen *ts, int start, int end)
{
    struct slot_form *f = slot_form_new(ts);
    if (!f)
        return NULL;
    snprintf(f->intro, sizeof f->intro, "%s", _("Het tijdslot komt op elke aangevinkte dag."));
    bool ok = add_time_field(f, &f->start_field, _("Begin"), start) &&
              add_time_field(f, &f->end_field, _("Eind"), end) && add_name_and_break(f, "", false) &&
              (f->days_field = form_add(&f->fs.form, FIELD_MULTI, _("Dagen"), true)) >= 0 &&
              (f->button = form_add(&f->fs.form, FIELD_BUTTON, _("Maak tijdslot"), false)) >= 0;
    if (!ok) {
        form_screen_destroy(&f->fs.base);
        return NULL;
    }
    form_set_choices(&f->fs.form, f->days_field, f->day_text, ts->nopen);
    f->fs.form.fields[f->days_field].chosen = 1UL << (ts->grid.cur_col - 1);
    f->fs.form.fields[f->days_field].choice = ts->grid.cur_col - 1;
    f->fs.form.focus = f->name_field; /* the times come from the mark */
    return &f->fs.base;
}

/* a (VOEG TOE) on the grid: the times typed in one field ("10:45-11:30"), the days (the cursor's, or A for ma t/m
 * vr), then Enter; naam and pauze below are optional. */
static struct screen *typed_form_new(struct template_screen *ts)
{
    struct slot_form *f = slot_form_new(ts);
    if (!f)
        return NULL;
    f->fs.base.actions = typed_actions;
    char all[32];
    keymap_keys_text(&ts->app->keys, A_ALL, 1, all, sizeof all);
    snprintf(f->intro, sizeof f->intro, _("10:45-11:30 · %s: ma t/m vr · Enter bij Dagen: maken"), all);
    bool ok = (f->range_field = form_add(&f->fs.form, FIELD_TEXT, _("Tijd"), true)) >= 0 &&
              (f->days_field = form_add(&f->fs.form, FIELD_MULTI, _("Dagen"), true)) >= 0 &&
              add_name_and_break(f, "", false) &&
              (f->button = form_add(&f->fs.form, FIELD_BUTTON, _("Maak tijdslot"), false)) >= 0;
    if (!ok) {
        form_screen_destroy(&f->fs.base);
        return NULL;
    }
    f->fs.form.fields[f->range_field].max_chars = 20;
    form_set_choices(&f->fs.form, f->days_field, f->day_text, ts->nopen);
    f->fs.form.fields[f->days_field].chosen = 1UL << (ts->grid.cur_col - 1);
    f->fs.form.fields[f->days_field].choice = ts->grid.cur_col - 1;
    f->fs.form.focus = f->range_field;
    return &f->fs.base;
}

/* begin, eind, naam and pauze of an existing slot; its day stays. */
static struct screen *edit_form_new(struct template_screen *ts, const struct km_slot *x)
{
    struct slot_form *f = slot_form_new(ts);
    if (!f)
        return NULL;
    f->slot_id = x->id;
    f->version = x->version;
    snprintf(f->intro, sizeof f->intro, ngettext("%s · %d les", "%s · %d lessen", (unsigned long)x->lessons),
             slot_lookup_day_name(x->weekday), x->lessons);
    bool ok = add_time_field(f, &f->start_field, _("Begin"), x->start_min) &&
              add_time_field(f, &f->end_field, _("Eind"), x->end_min) && add_name_and_break(f, x->name, x->is_break) &&
              (f->button = form_add(&f->fs.form, FIELD_BUTTON, _("Wijzig tijdslot"), false)) >= 0;
    if (!ok) {
        form_screen_destroy(&f->fs.base);
        return NULL;
    }
    return &f->fs.base;
}

/* ---- the grid's keys ---- */

static void show_mark(struct template_screen *ts)
{
    int r0, r1;
    mark_range(ts, &r0, &r1);
    char a[6], b[6];
    hours_format(row_time(ts, r0), a);
    hours_format(row_time(ts, r1 + 1), b);
    app_message(ts->app, TR_NORMAL, _("Nieuw tijdslot op %s: %s–%s (%d minuten)"),
                slot_lookup_day_name(col_day(ts, ts->grid.cur_col)), a, b, (r1 + 1 - r0) * ts->step);
}

static int start_mark(struct template_screen *ts, struct app *a)
{
    const struct km_slot *x = cursor_slot(ts);
    if (x) {
        app_message(a, TR_WARNING, _("Hier staat al tijdslot '%s'. Begin een nieuw tijdslot op een lege tijd."),
                    *x->name ? x->name : _("zonder naam"));
        return R_DRAW;
    }
    set_marking(ts, true);
    ts->mark_row = ts->grid.cur_row;
    show_mark(ts);
    return R_DRAW;
}

static int finish_mark(struct template_screen *ts, struct app *a)
{
    int r0, r1;
    mark_range(ts, &r0, &r1);
    app_push(a, add_form_new(ts, row_time(ts, r0), row_time(ts, r1 + 1)));
    return R_DRAW;
}

static int mark_action(struct template_screen *ts, struct app *a, enum action act)
{
    switch (act) {
    case A_TOGGLE:
    case A_SELECT:
        return finish_mark(ts, a);
    case A_BACK:
        set_marking(ts, false);
        app_message(a, TR_NORMAL, "%s", _("Markeren gestopt; er is niets gemaakt."));
        return R_DRAW;
    case A_LEFT:
    case A_RIGHT:
        app_message(a, TR_NORMAL, "%s", _("Een tijdslot ligt op één dag; meer dagen kies je straks in het formulier."));
        return R_DRAW;
    default:
        if (!grid_move(&ts->grid, act))
            return R_NONE;
        show_mark(ts);
        return R_DRAW;
    }
}

/* On a slot the keys work on that slot; on an empty time Space starts a new one. While marking, Space or Enter
 * makes the slot that is marked. */
static const struct action_words *template_words(const struct screen *s, enum action act)
{
    static const struct action_words on_slot[] = {
        {A_SELECT, N_("lessen"), N_("Open het tijdslot: de lessen erin.")},
        {A_EDIT, N_("tijdslot wijzigen"), N_("Wijzig begin, eind, naam of pauze van het tijdslot.")},
        {A_DELETE, N_("tijdslot verwijderen"), N_("Verwijder het tijdslot; eerst wordt om bevestiging gevraagd.")},
        {A_TOGGLE, "", NULL},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words on_empty[] = {
        {A_TOGGLE, N_("nieuw tijdslot"),
         N_("Begin hier een nieuw tijdslot: ↓ maakt het langer, Spatie of Enter maakt het.")},
        {A_SELECT, "", NULL},
        {A_EDIT, "", NULL},
        {A_DELETE, "", NULL},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words marking[] = {
        {A_TOGGLE, N_("maak tijdslot"), N_("Maak het gemarkeerde tijdslot: daarna kies je naam en dagen.")},
        {A_SELECT, N_("maak tijdslot"), N_("Maak het gemarkeerde tijdslot: daarna kies je naam en dagen.")},
        {A_BACK, N_("stop markeren"), N_("Stop met markeren; er wordt niets gemaakt.")},
        {ACT_NONE, NULL, NULL},
    };
    const struct template_screen *ts = (const struct template_screen *)s;
    if (ts->marking)
        return action_words_find(marking, act);
    return action_words_find(cursor_slot(ts) ? on_slot : on_empty, act);
}

static int open_slot(struct template_screen *ts, struct app *a)
{
    const struct km_slot *x = cursor_slot(ts);
    char space[32];
    keymap_keys_text(&a->keys, A_TOGGLE, 1, space, sizeof space);
    if (x)
        app_push(a, slot_screen_new(a, x->id));
    else
        app_message(a, TR_NORMAL, _("Hier is geen tijdslot. %s begint een nieuw."), space);
    return R_DRAW;
}

static int edit_slot(struct template_screen *ts, struct app *a)
{
    const struct km_slot *x = cursor_slot(ts);
    if (x)
        app_push(a, edit_form_new(ts, x));
    else
        app_message(a, TR_NORMAL, "%s", _("Zet de cursor op een tijdslot om het te wijzigen."));
    return R_DRAW;
}

static void delete_done(struct app *a, void *ctx, bool yes)
{
    struct template_screen *ts = ctx;
    if (!yes || !ts->pending_delete)
        return;
    if (slots_delete(&a->session, ts->pending_delete) == KM_OK)
        app_message(a, TR_OK, "%s", _("Tijdslot verwijderd."));
    else
        app_core_error(a);
    ts->pending_delete = 0; /* the grid reloads after this returns */
}

static int delete_slot(struct template_screen *ts, struct app *a)
{
    const struct km_slot *x = cursor_slot(ts);
    if (!x) {
        app_message(a, TR_NORMAL, "%s", _("Zet de cursor op een tijdslot om het te verwijderen."));
        return R_DRAW;
    }
    char d[160], q[400];
    slot_lookup_describe(x, d, sizeof d);
    if (x->lessons)
        snprintf(q, sizeof q,
                 ngettext("Tijdslot %s verwijderen? De les erin gaat mee.",
                          "Tijdslot %s verwijderen? De %d lessen erin gaan mee.", (unsigned long)x->lessons),
                 d, x->lessons);
    else
        snprintf(q, sizeof q, _("Tijdslot %s verwijderen? Er zijn geen lessen in."), d);
    ts->pending_delete = x->id;
    app_push(a, dialog_confirm_new(a, q, delete_done, ts));
    return R_DRAW;
}

static int template_action(struct screen *s, struct app *a, enum action act)
{
    struct template_screen *ts = (struct template_screen *)s;
    if (ts->marking)
        return mark_action(ts, a, act);
    if (act == A_BACK)
        return R_POP;
    if (ts->nrows == 0 || ts->nopen == 0)
        return R_NONE;
    if (grid_move(&ts->grid, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return open_slot(ts, a);
    case A_TOGGLE:
        return start_mark(ts, a);
    case A_ADD:
        app_push(a, typed_form_new(ts));
        return R_DRAW;
    case A_EDIT:
        return edit_slot(ts, a);
    case A_DELETE:
        return delete_slot(ts, a);
    default:
        return R_NONE;
    }
}

static int template_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct template_screen *ts = (struct template_screen *)s;
    if (ts->marking || !grid_click(&ts->grid, y, x))
        return R_NONE;
    return twice ? open_slot(ts, a) : R_DRAW;
}

static void template_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct template_screen *)s);
}

static void template_destroy(struct screen *s)
{
    clear_data((struct template_screen *)s);
    free(s);
}

static const struct screen_ops template_ops = {
    .draw = template_draw,
    .on_action = template_action,
    .reload = template_reload,
    .resume = template_reload,
    .on_click = template_click,
    .destroy = template_destroy,
    .words_now = template_words,
};

struct screen *template_screen_new(struct app *a, int64_t template_id)
{
    struct template_screen *ts = calloc(1, sizeof *ts);
    if (!ts)
        return NULL;
    ts->base.ops = &template_ops;
    ts->base.actions = template_actions;
    ts->app = a;
    ts->template_id = template_id;
    ts->step = config_step(ts);
    grid_init(&ts->grid, &template_grid, ts, 1, false);
    load(ts);
    /* start on the first day at the first opening time */
    grid_set_cursor(&ts->grid, 0, 1);
    return &ts->base;
}
