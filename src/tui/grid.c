#include "tui/grid.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"

/* ---- the arithmetic ---- */

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static int col_w(const struct grid_layout *l, int c)
{
    int w = l->col_width(l->ctx, c);
    return w < 1 ? 1 : w;
}

static int frozen_count(const struct grid_layout *l) { return l->frozen < l->cols ? l->frozen : l->cols; }

static int gap_of(const struct grid_layout *l) { return l->gap > 0 ? l->gap : 1; }

/* The space after column c: the frozen part ends with " │ " when scrolling columns follow it. */
static int gap_after(const struct grid_layout *l, int c)
{
    return c == l->frozen - 1 && l->frozen < l->cols ? GRID_FROZEN_GAP : gap_of(l);
}

int grid_frozen_width(const struct grid_layout *l)
{
    int w = 0;
    for (int c = 0; c < frozen_count(l); c++)
        w += col_w(l, c) + gap_after(l, c);
    return w;
}

int grid_last_col(const struct grid_layout *l, int left)
{
    if (left >= l->cols)
        return left - 1;
    int avail = l->width - grid_frozen_width(l);
    int used = 0, last = left; /* the first column is shown even when cut */
    for (int c = left; c < l->cols; c++) {
        int need = used + (c == left ? 0 : gap_of(l)) + col_w(l, c);
        if (need > avail)
            break;
        used = need;
        last = c;
    }
    return last;
}

int grid_max_left(const struct grid_layout *l)
{
    if (l->frozen >= l->cols)
        return l->cols;
    int avail = l->width - grid_frozen_width(l);
    int used = 0, left = l->cols - 1;
    for (int c = l->cols - 1; c >= l->frozen; c--) {
        int need = used + (c == l->cols - 1 ? 0 : gap_of(l)) + col_w(l, c);
        if (need > avail)
            break;
        used = need;
        left = c;
    }
    return left;
}

int grid_fit_left(const struct grid_layout *l, int left, int cur)
{
    if (l->frozen >= l->cols)
        return l->cols;
    left = clampi(left, l->frozen, grid_max_left(l));
    if (cur < l->frozen || cur >= l->cols)
        return left;
    if (cur < left)
        return cur;
    /* Scroll right one column at a time: the columns already shown stay as far left as possible. */
    while (left < cur && grid_last_col(l, left) < cur)
        left++;
    return left;
}

/* Adds column c at x when any of it is inside the table; returns the x after it and its gap. */
static int add_slice(const struct grid_layout *l, int c, int x, int gap, struct grid_slice *out, int *n, int max)
{
    int w = col_w(l, c);
    if (x < l->width && *n < max)
        out[(*n)++] = (struct grid_slice){c, x, w < l->width - x ? w : l->width - x};
    return x + w + gap;
}

int grid_slices(const struct grid_layout *l, int left, struct grid_slice *out, int max)
{
    int n = 0, x = 0;
    for (int c = 0; c < frozen_count(l); c++)
        x = add_slice(l, c, x, gap_after(l, c), out, &n, max);
    if (left >= l->cols)
        return n;
    int last = grid_last_col(l, left);
    for (int c = left; c <= last; c++)
        x = add_slice(l, c, x, gap_of(l), out, &n, max);
    /* a column that no longer fits whole still shows its beginning, so the table does not end in a void */
    if (last + 1 < l->cols && l->width - x >= GRID_MIN_PARTIAL)
        add_slice(l, last + 1, x, 0, out, &n, max);
    return n;
}

int grid_col_at(const struct grid_layout *l, int left, int dx)
{
    struct grid_slice sl[GRID_MAX_SLICES];
    int n = grid_slices(l, left, sl, GRID_MAX_SLICES);
    for (int i = 0; i < n; i++)
        if (dx >= sl[i].x && dx < sl[i].x + sl[i].width)
            return sl[i].col;
    return -1;
}

int grid_fit_top(int top, int cur, int height, int rows)
{
    int h = height > 0 ? height : 1;
    if (cur < top)
        top = cur;
    if (cur >= top + h)
        top = cur - h + 1;
    if (top > rows - h)
        top = rows - h;
    return top < 0 ? 0 : top;
}

void grid_range_text(int first, int last, int cols, bool more_left, bool more_right, char *out, size_t len)
{
    char range[96];
    if (first == last)
        snprintf(range, sizeof range, _("kolom %d van %d"), first + 1, cols);
    else
        snprintf(range, sizeof range, _("kolom %d–%d van %d"), first + 1, last + 1, cols);
    snprintf(out, len, "%s %s %s", more_left ? "◀" : " ", range, more_right ? "▶" : " ");
}

/* ---- the widget ---- */

static struct grid_layout layout_of(const struct grid *g, int width)
{
    return (struct grid_layout){g->ops->col_width, g->ctx, g->cols, g->frozen, g->gap, width};
}

/* The first column the cursor may stand in. */
static int min_cursor_col(const struct grid *g) { return g->frozen < g->cols ? g->frozen : 0; }

static void clamp_cursor(struct grid *g)
{
    g->cur_row = clampi(g->cur_row, 0, g->rows > 0 ? g->rows - 1 : 0);
    g->cur_col = clampi(g->cur_col, min_cursor_col(g), g->cols > 0 ? g->cols - 1 : 0);
}

/* Cursor and scroll in range for the size of the last draw. Before the first draw the size is unknown (0):
 * then nothing scrolls, or keys typed ahead of the first draw would scroll by a guessed size. */
static void settle(struct grid *g)
{
    clamp_cursor(g);
    struct grid_layout l = layout_of(g, g->width);
    if (g->width > 0)
        g->left = grid_fit_left(&l, g->left, g->row_cursor ? -1 : g->cur_col);
    else
        g->left = clampi(g->left, g->frozen, g->cols > g->frozen ? g->cols - 1 : g->frozen);
    if (g->height > 0)
        g->top = grid_fit_top(g->top, g->cur_row, g->height, g->rows);
    else
        g->top = clampi(g->top, 0, g->cur_row);
}

void grid_init(struct grid *g, const struct grid_ops *ops, void *ctx, int frozen, bool row_cursor)
{
    memset(g, 0, sizeof *g);
    g->ops = ops;
    g->ctx = ctx;
    g->frozen = frozen > 0 ? frozen : 0;
    g->left = g->frozen;
    g->cur_col = g->frozen;
    g->row_cursor = row_cursor;
    g->gap = 1;
}

void grid_set_size(struct grid *g, int rows, int cols)
{
    g->rows = rows > 0 ? rows : 0;
    g->cols = cols > 0 ? cols : 0;
    settle(g);
}

void grid_set_cursor(struct grid *g, int row, int col)
{
    g->cur_row = row;
    g->cur_col = col;
    settle(g);
}

/* The "│" in the middle of the " │ " after the frozen columns. */
static void draw_separator(const struct grid *g, int y, int fw, enum theme_role role)
{
    int x = fw - GRID_FROZEN_GAP + 1;
    if (g->frozen > 0 && g->frozen < g->cols && x >= 0 && x < g->width)
        draw_text_raw(stdscr, y, g->x0 + x, 1, "│", role);
}

/* The header (row < 0) or one data row, column by column as grid_slices lays them out. */
static void draw_cells(struct grid *g, int y, int row)
{
    struct grid_layout l = layout_of(g, g->width);
    struct grid_slice sl[GRID_MAX_SLICES];
    int n = grid_slices(&l, g->left, sl, GRID_MAX_SLICES);
    for (int i = 0; i < n; i++) {
        if (row < 0)
            g->ops->draw_col_header(g->ctx, sl[i].col, y, g->x0 + sl[i].x, sl[i].width);
        else
            g->ops->draw_cell(g->ctx, row, sl[i].col, y, g->x0 + sl[i].x, sl[i].width,
                              row == g->cur_row && (g->row_cursor || sl[i].col == g->cur_col));
    }
}

static void draw_row(struct grid *g, int y, int row, int fw)
{
    bool bar = g->row_cursor && row == g->cur_row;
    /* A whole-row cursor is one bar, gaps included, like a list's. */
    draw_fill(stdscr, y, g->x0, 1, g->width, bar ? TR_SELECTED : TR_NORMAL);
    draw_cells(g, y, row);
    draw_separator(g, y, fw, bar ? TR_SELECTED : TR_GRID);
}

static void draw_position(struct grid *g, int y)
{
    struct grid_layout l = layout_of(g, g->width);
    int last = grid_last_col(&l, g->left);
    bool more_left = g->left > g->frozen, more_right = last < g->cols - 1;
    draw_fill(stdscr, y, g->x0, 1, g->width, TR_NORMAL);
    if (g->rows > g->height) {
        char rows[64];
        snprintf(rows, sizeof rows, _("rij %d van %d"), g->cur_row + 1, g->rows);
        draw_text_raw(stdscr, y, g->x0, g->width / 2, rows, TR_DIM);
    }
    if (more_left || more_right) {
        char text[128];
        grid_range_text(g->left, last, g->cols, more_left, more_right, text, sizeof text);
        int w = text_width(text);
        draw_text_raw(stdscr, y, g->x0 + g->width - w, w, text, TR_DIM);
    }
}

void grid_draw(struct grid *g, int y, int x, int h, int width)
{
    if (h < 2 || width < 1)
        return;
    g->x0 = x;
    g->y0 = y + 1;
    g->width = width;
    struct grid_layout l = layout_of(g, width);
    /* A line under the table says what is out of sight, when something is. */
    bool cols_hidden = grid_max_left(&l) > g->frozen && g->frozen < g->cols;
    bool rows_hidden = g->rows > h - 1;
    bool status = (cols_hidden || rows_hidden) && h >= 3;
    g->height = h - 1 - (status ? 1 : 0);
    settle(g);
    int fw = grid_frozen_width(&l);
    draw_fill(stdscr, y, x, 1, width, TR_GRID_HEADER);
    draw_cells(g, y, -1);
    draw_separator(g, y, fw, TR_GRID_HEADER);
    for (int r = 0; r < g->height && g->top + r < g->rows; r++)
        draw_row(g, g->y0 + r, g->top + r, fw);
    if (status)
        draw_position(g, g->y0 + g->height);
}

bool grid_move(struct grid *g, enum action act)
{
    int page = g->height > 1 ? g->height - 1 : 1;
    switch (act) {
    case A_UP:
        g->cur_row--;
        break;
    case A_DOWN:
        g->cur_row++;
        break;
    case A_PAGE_UP:
        g->cur_row -= page;
        break;
    case A_PAGE_DOWN:
        g->cur_row += page;
        break;
    case A_HOME:
        g->cur_row = 0;
        break;
    case A_END:
        g->cur_row = g->rows - 1;
        break;
    case A_LEFT:
        *(g->row_cursor ? &g->left : &g->cur_col) -= 1; /* a row cursor scrolls the columns */
        break;
    case A_RIGHT:
        *(g->row_cursor ? &g->left : &g->cur_col) += 1;
        break;
    default:
        return false;
    }
    settle(g);
    return true;
}

bool grid_click(struct grid *g, int y, int x)
{
    int row = g->top + (y - g->y0);
    if (y < g->y0 || y >= g->y0 + g->height || row >= g->rows)
        return false;
    struct grid_layout l = layout_of(g, g->width);
    int col = grid_col_at(&l, g->left, x - g->x0);
    g->cur_row = row;
    if (!g->row_cursor && col >= min_cursor_col(g))
        g->cur_col = col;
    settle(g);
    return true;
}

bool grid_search(struct grid *g, const char *needle, bool from_next)
{
    if (needle && needle != g->search)
        snprintf(g->search, sizeof g->search, "%s", needle);
    if (!g->ops->row_text || g->rows == 0 || !g->search[0])
        return false;
    for (int k = from_next ? 1 : 0; k <= g->rows; k++) {
        int r = (g->cur_row + k) % g->rows;
        if (text_matches(g->ops->row_text(g->ctx, r), g->search)) {
            g->cur_row = r;
            settle(g);
            return true;
        }
    }
    return false;
}
