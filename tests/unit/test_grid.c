/* The grid's scroll arithmetic and its cursor, without a terminal: nothing here draws. */
#include "test.h"
#include "tui/grid.h"

struct widths {
    const int *w;
};

static int width_of(void *ctx, int col) { return ((const struct widths *)ctx)->w[col]; }

/* A name column of 10 frozen (13 with its " │ "), then 12 columns of 5 (each takes 6 with its gap). */
static const int twelve[] = {10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
static struct widths twelve_w = {twelve};

static struct grid_layout lay(struct widths *w, int cols, int frozen, int width)
{
    return (struct grid_layout){width_of, w, cols, frozen, 1, width};
}

TEST(grid_frozen_width)
{
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    CHECK(grid_frozen_width(&l) == 13);
    l.frozen = 0;
    CHECK(grid_frozen_width(&l) == 0);
    l.frozen = 2;
    CHECK(grid_frozen_width(&l) == 11 + 8);
    l.gap = 2; /* the owner's gap is between scrolling columns; the frozen part ends with " │ " */
    CHECK(grid_frozen_width(&l) == 12 + 8);
    l.gap = 1;
    l.frozen = 20; /* more frozen than there are columns: only the real ones count, and no " │ " */
    CHECK(grid_frozen_width(&l) == 11 + 12 * 6);
}

TEST(grid_last_col)
{
    /* 60 wide: 13 frozen, 47 left; 5 + 6k <= 47 gives 8 columns (5 + 7*6 = 47). */
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    CHECK(grid_last_col(&l, 1) == 8);
    CHECK(grid_last_col(&l, 5) == 12);
    CHECK(grid_last_col(&l, 12) == 12);
    /* a last column that fits without its gap is shown: 13 + 5 + 1 + 5 = 24 wide holds exactly two */
    l.width = 24;
    CHECK(grid_last_col(&l, 1) == 2);
    l.width = 23;
    CHECK(grid_last_col(&l, 1) == 1);
    /* even the first scrolling column does not fit: it is shown cut */
    l.width = 13;
    CHECK(grid_last_col(&l, 3) == 3);
    /* no scrolling columns */
    l.frozen = 13;
    CHECK(grid_last_col(&l, 13) == 12);
}

TEST(grid_max_left)
{
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    /* from column 5 the last 8 columns fit (47), from 4 nine would not (53) */
    CHECK(grid_max_left(&l) == 5);
    l.width = 200; /* everything fits: no scrolling */
    CHECK(grid_max_left(&l) == 1);
    l.width = 12; /* nothing fits: the last column alone, cut */
    CHECK(grid_max_left(&l) == 12);
    l.frozen = 13;
    CHECK(grid_max_left(&l) == 13);
}

TEST(grid_fit_left)
{
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    CHECK(grid_fit_left(&l, 1, 1) == 1);
    CHECK(grid_fit_left(&l, 1, 8) == 1);  /* still shown: no scrolling */
    CHECK(grid_fit_left(&l, 1, 9) == 2);  /* one past the edge: one column */
    CHECK(grid_fit_left(&l, 1, 12) == 5); /* to the end: never past max_left */
    CHECK(grid_fit_left(&l, 5, 3) == 3);  /* left of the view: it becomes the first */
    CHECK(grid_fit_left(&l, 4, 6) == 4);  /* inside: unchanged */
    /* out of range lefts are pulled back, a frozen or absent cursor only clamps */
    CHECK(grid_fit_left(&l, 0, 0) == 1);
    CHECK(grid_fit_left(&l, 11, -1) == 5);
    CHECK(grid_fit_left(&l, -3, -1) == 1);
    /* after a resize to wider the view slides back so no space is wasted */
    l.width = 200;
    CHECK(grid_fit_left(&l, 5, 12) == 1);
    l.frozen = 13;
    CHECK(grid_fit_left(&l, 1, 5) == 13);
}

TEST(grid_fit_left_wide_columns)
{
    /* columns of very different widths: a 30-wide column needs a view of its own */
    static const int w[] = {8, 30, 4, 4, 30, 4};
    struct widths ww = {w};
    struct grid_layout l = lay(&ww, 6, 1, 47); /* 11 frozen, 36 left */
    CHECK(grid_last_col(&l, 1) == 2);          /* 30 + 1 + 4 = 35 fits, one more would be 40 */
    CHECK(grid_fit_left(&l, 1, 4) == 3);       /* 4 + 1 + 30 = 35: column 3 stays in view */
    CHECK(grid_last_col(&l, 3) == 4);
    CHECK(grid_fit_left(&l, 3, 5) == 4);
    CHECK(grid_max_left(&l) == 4);
}

TEST(grid_col_at)
{
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    CHECK(grid_col_at(&l, 1, 0) == 0);
    CHECK(grid_col_at(&l, 1, 9) == 0);
    CHECK(grid_col_at(&l, 1, 10) == -1); /* the " │ " */
    CHECK(grid_col_at(&l, 1, 12) == -1);
    CHECK(grid_col_at(&l, 1, 13) == 1);
    CHECK(grid_col_at(&l, 1, 17) == 1);
    CHECK(grid_col_at(&l, 1, 18) == -1);
    CHECK(grid_col_at(&l, 1, 19) == 2);
    CHECK(grid_col_at(&l, 4, 13) == 4); /* scrolled: the first shown column is under the same place */
    CHECK(grid_col_at(&l, 1, 59) == 8); /* the last whole column ends at the edge */
    CHECK(grid_col_at(&l, 1, 60) == -1);
    CHECK(grid_col_at(&l, 1, -1) == -1);
}

TEST(grid_slices)
{
    struct grid_slice sl[GRID_MAX_SLICES];
    struct grid_layout l = lay(&twelve_w, 13, 1, 60);
    REQUIRE(grid_slices(&l, 1, sl, GRID_MAX_SLICES) == 9); /* the name and 8 whole columns */
    CHECK(sl[0].col == 0 && sl[0].x == 0 && sl[0].width == 10);
    CHECK(sl[1].col == 1 && sl[1].x == 13 && sl[1].width == 5);
    CHECK(sl[8].col == 8 && sl[8].x == 55 && sl[8].width == 5);
    l.width = 64; /* 3 columns to spare: too few for a cut column */
    CHECK(grid_slices(&l, 1, sl, GRID_MAX_SLICES) == 9);
    l.width = 65; /* 4 to spare: the next column shows its beginning */
    REQUIRE(grid_slices(&l, 1, sl, GRID_MAX_SLICES) == 10);
    CHECK(sl[9].col == 9 && sl[9].x == 61 && sl[9].width == 4);
    CHECK(grid_last_col(&l, 1) == 8); /* …but only whole columns count as shown */
    l.width = 15;                     /* not even one scrolling column fits: it is cut */
    REQUIRE(grid_slices(&l, 1, sl, GRID_MAX_SLICES) == 2);
    CHECK(sl[1].col == 1 && sl[1].x == 13 && sl[1].width == 2);
    l.width = 6; /* narrower than the frozen part */
    REQUIRE(grid_slices(&l, 1, sl, GRID_MAX_SLICES) == 1);
    CHECK(sl[0].width == 6);
    CHECK(grid_slices(&l, 1, sl, 0) == 0); /* bounded by max */
}

TEST(grid_fit_top)
{
    CHECK(grid_fit_top(0, 0, 10, 50) == 0);
    CHECK(grid_fit_top(0, 9, 10, 50) == 0);
    CHECK(grid_fit_top(0, 10, 10, 50) == 1);
    CHECK(grid_fit_top(20, 5, 10, 50) == 5);
    CHECK(grid_fit_top(45, 49, 10, 50) == 40); /* never a half-empty page at the end */
    CHECK(grid_fit_top(5, 3, 10, 4) == 0);     /* fewer rows than fit */
    CHECK(grid_fit_top(3, 0, 0, 0) == 0);      /* empty, and a zero height counts as one */
}

TEST(grid_range_text)
{
    char buf[128];
    grid_range_text(2, 6, 12, true, true, buf, sizeof buf);
    CHECK_STR(buf, "◀ kolom 3–7 van 12 ▶");
    grid_range_text(1, 4, 12, false, true, buf, sizeof buf);
    CHECK_STR(buf, "  kolom 2–5 van 12 ▶");
    grid_range_text(11, 11, 12, true, false, buf, sizeof buf);
    CHECK_STR(buf, "◀ kolom 12 van 12  ");
    char tiny[8];
    grid_range_text(2, 6, 12, true, true, tiny, sizeof tiny); /* bounded */
    CHECK(strlen(tiny) < sizeof tiny);
}

/* ---- the widget's cursor, without drawing ---- */

static const char *const names[] = {"Daniëlle van 't Hof", "Aylin Çelik", "Sjoerd Bakker", "Daan de Vries"};

static const char *row_text(void *ctx, int row)
{
    (void)ctx;
    return names[row];
}

static const struct grid_ops ops = {width_of, NULL, NULL, row_text};

static void sized(struct grid *g, bool row_cursor, int width, int height)
{
    grid_init(g, &ops, &twelve_w, 1, row_cursor);
    g->width = width; /* what a draw would have set */
    g->height = height;
    grid_set_size(g, 4, 13);
}

TEST(grid_move_cells)
{
    struct grid g;
    sized(&g, false, 60, 2);
    CHECK(g.cur_row == 0 && g.cur_col == 1); /* never in the frozen name column */
    CHECK(grid_move(&g, A_LEFT) && g.cur_col == 1);
    for (int i = 0; i < 8; i++)
        grid_move(&g, A_RIGHT);
    CHECK(g.cur_col == 9 && g.left == 2);
    grid_move(&g, A_RIGHT);
    grid_move(&g, A_RIGHT);
    grid_move(&g, A_RIGHT);
    grid_move(&g, A_RIGHT); /* past the end stays on the last */
    CHECK(g.cur_col == 12 && g.left == 5);
    grid_move(&g, A_DOWN);
    grid_move(&g, A_DOWN);
    CHECK(g.cur_row == 2 && g.top == 1);
    CHECK(grid_move(&g, A_END) && g.cur_row == 3 && g.top == 2);
    CHECK(grid_move(&g, A_HOME) && g.cur_row == 0 && g.top == 0);
    CHECK(grid_move(&g, A_PAGE_DOWN) && g.cur_row == 1);
    CHECK(!grid_move(&g, A_SELECT));
}

TEST(grid_move_rows_scrolls)
{
    struct grid g;
    sized(&g, true, 60, 10);
    grid_move(&g, A_RIGHT);
    grid_move(&g, A_RIGHT);
    CHECK(g.left == 3 && g.cur_row == 0);
    for (int i = 0; i < 10; i++)
        grid_move(&g, A_RIGHT);
    CHECK(g.left == 5); /* no further than needed to see the last column */
    grid_move(&g, A_LEFT);
    CHECK(g.left == 4);
}

TEST(grid_keys_before_the_first_draw)
{
    /* keys typed ahead of the first draw must not scroll by a guessed size */
    struct grid g;
    grid_init(&g, &ops, &twelve_w, 1, true);
    grid_set_size(&g, 4, 13);
    grid_move(&g, A_DOWN);
    grid_move(&g, A_RIGHT);
    CHECK(g.cur_row == 1 && g.top == 0 && g.left == 2);
    g.width = 60; /* what the first draw sets */
    g.height = 10;
    grid_set_cursor(&g, g.cur_row, g.cur_col);
    CHECK(g.top == 0 && g.left == 2);
}

TEST(grid_set_size_keeps_cursor_in_range)
{
    struct grid g;
    sized(&g, false, 60, 10);
    grid_set_cursor(&g, 3, 12);
    CHECK(g.cur_row == 3 && g.cur_col == 12);
    grid_set_size(&g, 2, 5); /* fewer rows and columns after a reload */
    CHECK(g.cur_row == 1 && g.cur_col == 4 && g.left == 1);
    grid_set_size(&g, 0, 5);
    CHECK(g.cur_row == 0 && g.top == 0);
}

TEST(grid_click_cells)
{
    struct grid g;
    sized(&g, false, 60, 10);
    g.y0 = 5;
    g.x0 = 2;
    CHECK(grid_click(&g, 7, 2 + 19)); /* row 2, column 2 */
    CHECK(g.cur_row == 2 && g.cur_col == 2);
    CHECK(grid_click(&g, 6, 2 + 3)); /* the frozen name: the row only */
    CHECK(g.cur_row == 1 && g.cur_col == 2);
    CHECK(!grid_click(&g, 4, 20)); /* the header */
    CHECK(!grid_click(&g, 9, 20)); /* below the last row */
}

TEST(grid_search)
{
    struct grid g;
    sized(&g, true, 60, 10);
    CHECK(grid_search(&g, "celik", false) && g.cur_row == 1);
    CHECK(grid_search(&g, "DANIELLE", false) && g.cur_row == 0);
    CHECK(grid_search(&g, "da", true) && g.cur_row == 3); /* next after the cursor */
    CHECK(grid_search(&g, NULL, true) && g.cur_row == 0); /* repeats, wrapping */
    CHECK(!grid_search(&g, "xyz", false) && g.cur_row == 0);
}
