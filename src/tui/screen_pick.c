/* Choosing people from a list: students and teachers for a group, a parent for a child, a child for a parent.
 * '/' narrows the list to the names (or groups, usernames) that match, Space ticks several at once when the
 * caller allows it, Enter takes the ticked ones, or the one under the cursor when none is ticked. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/users.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"

struct pick_row {
    const struct km_user *u;
    char *name;
    bool ticked;
};

struct pick_screen {
    struct screen base;
    struct app *app;
    struct km_user_list people;
    struct pick_row *rows; /* every person */
    int n;
    int *shown; /* indexes into rows that match the filter */
    int nshown;
    char filter[128];
    bool multi;
    pick_done_fn done;
    void *ctx;
    struct list list;
    int name_w;
    char intro[200];
    char text[600];
};

static const enum action pick_single[] = {A_SELECT,  A_SEARCH,    A_BACK, A_UP,  A_DOWN,
                                          A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};
static const enum action pick_multi[] = {A_SELECT,  A_TOGGLE,    A_SEARCH, A_BACK, A_UP,    A_DOWN,
                                         A_PAGE_UP, A_PAGE_DOWN, A_HOME,   A_END,  ACT_NONE};

static void pick_row_draw(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct pick_screen *ps = ctx;
    const struct pick_row *r = &ps->rows[ps->shown[i]];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    int cx = x + 1;
    if (ps->multi) {
        draw_text_raw(stdscr, y, cx, 3, r->ticked ? "[x]" : "[ ]", role);
        cx += 4;
    }
    draw_text(stdscr, y, cx, ps->name_w, r->name, role);
    cx += ps->name_w + 2;
    const char *what = r->u->role == ROLE_LEERLING ? (r->u->groups && *r->u->groups ? r->u->groups : _("leerling"))
                                                   : _(km_role_name(r->u->role));
    draw_text(stdscr, y, cx, 24, what, selected ? role : TR_DIM);
    cx += 26;
    if (cx < x + width)
        draw_text(stdscr, y, cx, x + width - cx, r->u->username, selected ? role : TR_DIM);
}

static const char *pick_row_text(void *ctx, int i)
{
    struct pick_screen *ps = ctx;
    const struct pick_row *r = &ps->rows[ps->shown[i]];
    snprintf(ps->text, sizeof ps->text, "%s %s %s", r->name, r->u->username, r->u->groups ? r->u->groups : "");
    return ps->text;
}

/* The rows that match the filter (all when it is empty); the cursor stays on the same person if shown. */
static void apply_filter(struct pick_screen *ps)
{
    int keep = ps->nshown ? ps->shown[ps->list.cur] : -1;
    ps->nshown = 0;
    for (int i = 0; i < ps->n; i++) {
        const struct pick_row *r = &ps->rows[i];
        char hay[700];
        snprintf(hay, sizeof hay, "%s %s %s", r->name, r->u->username, r->u->groups ? r->u->groups : "");
        if (!*ps->filter || text_matches(hay, ps->filter))
            ps->shown[ps->nshown++] = i;
    }
    list_set_count(&ps->list, ps->nshown);
    for (int i = 0; i < ps->nshown; i++)
        if (ps->shown[i] == keep)
            ps->list.cur = i;
}

static int ticked(const struct pick_screen *ps)
{
    int n = 0;
    for (int i = 0; i < ps->n; i++)
        n += ps->rows[i].ticked;
    return n;
}

static void pick_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct pick_screen *ps = (struct pick_screen *)s;
    char line[300];
    draw_text(stdscr, top, 2, width - 4, ps->intro, TR_NORMAL);
    char sk[32], tk[32];
    keymap_keys_text(&a->keys, A_SEARCH, 1, sk, sizeof sk);
    keymap_keys_text(&a->keys, A_TOGGLE, 1, tk, sizeof tk);
    if (*ps->filter)
        snprintf(line, sizeof line, _("%d van %d met '%s' (%s: anders zoeken) · %d aangevinkt"), ps->nshown, ps->n,
                 ps->filter, sk, ticked(ps));
    else if (ps->multi)
        snprintf(line, sizeof line, _("%d personen · %s zoekt · %s vinkt aan (meer tegelijk) · %d aangevinkt"), ps->n,
                 sk, tk, ticked(ps));
    else
        snprintf(line, sizeof line, _("%d personen · %s zoekt"), ps->n, sk);
    draw_text(stdscr, top + 1, 2, width - 4, line, TR_DIM);
    if (!ps->nshown) {
        draw_text(stdscr, top + 3, 4, width - 6, ps->n ? _("Niemand gevonden.") : _("Er is niemand om te kiezen."),
                  TR_DIM);
        return;
    }
    list_draw(&ps->list, top + 3, 2, h - 3, width - 4);
}

static int take(struct pick_screen *ps, struct app *a)
{
    int64_t *ids = calloc((size_t)(ps->n ? ps->n : 1), sizeof *ids);
    if (!ids)
        return R_NONE;
    size_t n = 0;
    for (int i = 0; i < ps->n; i++)
        if (ps->rows[i].ticked)
            ids[n++] = ps->rows[i].u->id;
    if (!n && ps->nshown)
        ids[n++] = ps->rows[ps->shown[ps->list.cur]].u->id;
    if (n)
        ps->done(a, ps->ctx, ids, n);
    free(ids);
    return n ? R_POP : R_NONE;
}

static int pick_search(struct pick_screen *ps, struct app *a)
{
    if (!a->prompt_confirmed) {
        app_start_prompt(a, _("Zoek (leeg: iedereen):"));
        return R_DRAW;
    }
    snprintf(ps->filter, sizeof ps->filter, "%s", a->prompt_text);
    apply_filter(ps);
    return R_DRAW;
}

static int pick_action(struct screen *s, struct app *a, enum action act)
{
    struct pick_screen *ps = (struct pick_screen *)s;
    if (list_move(&ps->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return take(ps, a);
    case A_TOGGLE:
        if (ps->nshown) {
            ps->rows[ps->shown[ps->list.cur]].ticked ^= true;
            list_move(&ps->list, A_DOWN);
        }
        return R_DRAW;
    case A_SEARCH:
        return pick_search(ps, a);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static void pick_destroy(struct screen *s)
{
    struct pick_screen *ps = (struct pick_screen *)s;
    for (int i = 0; i < ps->n; i++)
        free(ps->rows[i].name);
    free(ps->rows);
    free(ps->shown);
    users_list_free(&ps->people);
    free(ps);
}

static const struct screen_ops pick_ops = {.draw = pick_draw, .on_action = pick_action, .destroy = pick_destroy};

struct screen *pick_people_screen_new(struct app *a, const char *title, const char *intro, struct km_user_list *people,
                                      bool multi, pick_done_fn done, void *ctx)
{
    struct pick_screen *ps = calloc(1, sizeof *ps);
    if (!ps) {
        users_list_free(people);
        return NULL;
    }
    ps->base.ops = &pick_ops;
    ps->base.actions = multi ? pick_multi : pick_single;
    ps->app = a;
    ps->people = *people;
    memset(people, 0, sizeof *people);
    ps->multi = multi;
    ps->done = done;
    ps->ctx = ctx;
    ps->rows = calloc(ps->people.n ? ps->people.n : 1, sizeof *ps->rows);
    ps->shown = calloc(ps->people.n ? ps->people.n : 1, sizeof *ps->shown);
    if (!ps->rows || !ps->shown) {
        pick_destroy(&ps->base);
        return NULL;
    }
    /* After the allocations: clang's analyzer takes a write into one field as one into all of ps (ps->n too) */
    snprintf(ps->base.title, sizeof ps->base.title, "%s", title);
    snprintf(ps->intro, sizeof ps->intro, "%s", intro);
    ps->name_w = 12;
    for (size_t i = 0; i < ps->people.n; i++) {
        struct pick_row *r = &ps->rows[ps->n];
        r->u = &ps->people.items[i];
        if (!(r->name = label_display_name(r->u)))
            continue;
        int w = text_width(r->name);
        ps->name_w = w > ps->name_w ? (w < 30 ? w : 30) : ps->name_w;
        ps->n++;
    }
    list_init(&ps->list, pick_row_draw, pick_row_text, ps);
    apply_filter(ps);
    return &ps->base;
}
