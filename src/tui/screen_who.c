/* WIE IS ER OP? (beheerder, MIJNGEBRUIKERS): the screen sessions running now. It follows every commit like
 * any screen, and each session touches its row once a minute, so the list stays current while it is open;
 * Ctrl-L reads it again at once. */
#include <stdlib.h>
#include <string.h>

#include "core/sessions.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"

/* Column widths; the name takes what is left. */
enum {
    W_USER = 16,
    W_ROLE = 13, /* "administrator" */
    W_SINCE = 11,
    W_SEEN = 8,
    W_PID = 7,
    FIXED = W_USER + W_ROLE + W_SINCE + W_SEEN + W_PID + 6
};

struct who_screen {
    struct screen base;
    struct sessions_list all;
    struct list list;
};

static const enum action who_actions[] = {A_BACK, A_UP,  A_DOWN,    A_PAGE_UP, A_PAGE_DOWN,
                                          A_HOME, A_END, A_REFRESH, ACT_NONE};

static int name_width(int width) { return width - FIXED > 8 ? width - FIXED : 8; }

static void draw_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct who_screen *ws = ctx;
    const struct sessions_entry *e = &ws->all.items[i];
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL, dim = selected ? TR_SELECTED : TR_DIM;
    int nw = name_width(width);
    char pid[16], since[32], seen[16];
    snprintf(pid, sizeof pid, "%d", e->pid);
    /* 'YYYY-MM-DD HH:MM:SS': the day and minute of the start, the time of the last sign of life */
    label_day_month(e->since, false, since, sizeof since);
    snprintf(seen, sizeof seen, "%.8s", strlen(e->last_seen) >= 19 ? e->last_seen + 11 : e->last_seen);
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text(stdscr, y, x, W_USER, e->username, r);
    x += W_USER + 1;
    draw_text(stdscr, y, x, nw, e->name, r);
    x += nw + 1;
    draw_text(stdscr, y, x, W_ROLE, _(km_role_name(e->role)), r);
    x += W_ROLE + 1;
    draw_text(stdscr, y, x, W_SINCE, since, dim);
    x += W_SINCE + 1;
    draw_text(stdscr, y, x, W_SEEN, seen, dim);
    x += W_SEEN + 1;
    draw_text(stdscr, y, x, W_PID, pid, dim);
}

static const char *row_text(void *ctx, int i) { return ((struct who_screen *)ctx)->all.items[i].username; }

/* Reads into a new list and swaps only on success; the cursor stays on the same session. */
static bool load(struct who_screen *ws, struct app *a)
{
    struct sessions_list fresh;
    if (sessions_list(&a->session, &fresh) != KM_OK) {
        app_core_error(a);
        return false;
    }
    int64_t cur_id = ws->all.n && ws->list.cur < (int)ws->all.n ? ws->all.items[ws->list.cur].id : 0;
    sessions_list_free(&ws->all);
    ws->all = fresh;
    for (size_t i = 0; cur_id && i < ws->all.n; i++)
        if (ws->all.items[i].id == cur_id)
            ws->list.cur = (int)i;
    list_set_count(&ws->list, (int)ws->all.n);
    return true;
}

static void header_cell(int y, int *x, int w, const char *label)
{
    draw_text(stdscr, y, *x, w, label, TR_GRID_HEADER);
    *x += w + 1;
}

static void who_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct who_screen *ws = (struct who_screen *)s;
    (void)a;
    char head[160];
    snprintf(head, sizeof head, _("Open sessies: %d (elke sessie meldt zich eens per minuut)"), (int)ws->all.n);
    draw_text(stdscr, top, 1, width - 2, head, TR_DIM);
    int x = 1, nw = name_width(width - 2);
    header_cell(top + 1, &x, W_USER, _("gebruiker"));
    header_cell(top + 1, &x, nw, _("naam"));
    header_cell(top + 1, &x, W_ROLE, _("rol"));
    header_cell(top + 1, &x, W_SINCE, _("sinds"));
    header_cell(top + 1, &x, W_SEEN, _("gezien"));
    header_cell(top + 1, &x, W_PID, "pid");
    if (ws->all.n == 0)
        draw_text(stdscr, top + 3, 1, width - 2, _("Er is niemand ingelogd."), TR_DIM);
    list_draw(&ws->list, top + 2, 1, h - 2, width - 2);
}

static int who_action(struct screen *s, struct app *a, enum action act)
{
    struct who_screen *ws = (struct who_screen *)s;
    if (list_move(&ws->list, act))
        return R_DRAW;
    switch (act) {
    case A_REFRESH:
        load(ws, a);
        clearok(curscr, TRUE);
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static void who_reload(struct screen *s, struct app *a) { load((struct who_screen *)s, a); }

static void who_destroy(struct screen *s)
{
    struct who_screen *ws = (struct who_screen *)s;
    sessions_list_free(&ws->all);
    free(ws);
}

static const struct screen_ops who_ops = {
    .draw = who_draw,
    .on_action = who_action,
    .reload = who_reload,
    .resume = who_reload,
    .destroy = who_destroy,
};

struct screen *who_screen_new(struct app *a)
{
    struct who_screen *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    ws->base.ops = &who_ops;
    ws->base.actions = who_actions;
    snprintf(ws->base.title, sizeof ws->base.title, "%s", "WIE IS ER OP?");
    list_init(&ws->list, draw_row, row_text, ws);
    if (!load(ws, a)) {
        who_destroy(&ws->base);
        return NULL;
    }
    return &ws->base;
}
