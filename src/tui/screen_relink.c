/* The bron of an eigen groep, and re-linking after the school-year renewal (beheerder). The bron screen lists
 * the active stamgroepen and samengestelde groepen to choose from; the relink screen lists the eigen groepen
 * whose bron is last year's group, each with the proposed new bron (same name and jaargroep), accepted one by
 * one with Enter or all at once. Core decides and refuses; its sentence is shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/groups.h"
#include "core/relink.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

/* ---- the bron of one eigen groep ---- */

struct bron_screen {
    struct screen base;
    struct app *app;
    int64_t group_id, version, current;
    struct km_group_list all;
    int *rows; /* indexes into all of the groups that can be a bron; -1: no bron */
    int n;
    struct list list;
    char intro[300];
};

static const enum action bron_actions[] = {A_SELECT,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,    A_DOWN,
                                           A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};

static void bron_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct bron_screen *bs = ctx;
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    if (bs->rows[i] < 0) {
        draw_text(stdscr, y, x + 2, width - 2, _("— geen bron —"), role);
        return;
    }
    const struct km_group *g = &bs->all.items[bs->rows[i]];
    char what[160];
    snprintf(what, sizeof what, "%s%s%s · %s%s", g->kind, *g->jaargroep ? _(" · jaargroep ") : "", g->jaargroep,
             g->schooljaar, g->id == bs->current ? _(" · nu de bron") : "");
    draw_text(stdscr, y, x + 2, 26, g->name, role);
    draw_text(stdscr, y, x + 30, width - 30, what, selected ? role : TR_DIM);
}

static const char *bron_text(void *ctx, int i)
{
    struct bron_screen *bs = ctx;
    return bs->rows[i] < 0 ? "" : bs->all.items[bs->rows[i]].name;
}

static void bron_load(struct bron_screen *bs)
{
    struct app *a = bs->app;
    groups_list_free(&bs->all);
    free(bs->rows);
    bs->rows = NULL;
    bs->n = 0;
    struct km_group g;
    if (groups_get(&a->session, bs->group_id, &g) == KM_OK) {
        bs->version = g.version;
        bs->current = g.linked_group_id;
        snprintf(bs->intro, sizeof bs->intro, _("Welke groep volgt eigen groep '%s'? (/ zoekt)"), g.name);
        groups_free(&g);
    }
    if (groups_list(&a->session, NULL, &bs->all) != KM_OK || !(bs->rows = calloc(bs->all.n + 1, sizeof *bs->rows))) {
        app_core_error(a);
        list_set_count(&bs->list, 0);
        return;
    }
    bs->rows[bs->n++] = -1;
    for (size_t i = 0; i < bs->all.n; i++)
        if (bs->all.items[i].active && strcmp(bs->all.items[i].kind, "eigen") != 0) {
            if (bs->all.items[i].id == bs->current)
                bs->list.cur = bs->n;
            bs->rows[bs->n++] = (int)i;
        }
    list_set_count(&bs->list, bs->n);
}

static void bron_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct bron_screen *bs = (struct bron_screen *)s;
    draw_text(stdscr, top, 2, width - 4, bs->intro, TR_NORMAL);
    list_draw(&bs->list, top + 2, 2, h - 2, width - 4);
}

static int bron_choose(struct bron_screen *bs, struct app *a)
{
    if (!bs->n)
        return R_NONE;
    int row = bs->rows[bs->list.cur];
    int64_t bron = row < 0 ? 0 : bs->all.items[row].id;
    if (groups_set_bron(&a->session, bs->group_id, bron, bs->version) != KM_OK) {
        app_core_error(a);
        bron_load(bs);
        return R_DRAW;
    }
    if (bron)
        app_message(a, TR_OK, _("De eigen groep volgt nu %s (%s)."), bs->all.items[row].name,
                    bs->all.items[row].schooljaar);
    else
        app_message(a, TR_OK, "%s", _("De eigen groep volgt geen bron meer."));
    return R_POP;
}

static int bron_action(struct screen *s, struct app *a, enum action act)
{
    struct bron_screen *bs = (struct bron_screen *)s;
    if (list_move(&bs->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return bron_choose(bs, a);
    case A_SEARCH:
    case A_SEARCH_NEXT:
        if (act == A_SEARCH && !a->prompt_confirmed) {
            app_start_prompt(a, _("Zoek een groep:"));
            return R_DRAW;
        }
        if (!list_search(&bs->list, act == A_SEARCH ? a->prompt_text : bs->list.search, act == A_SEARCH_NEXT))
            app_message(a, TR_WARNING, "%s", _("Niets gevonden."));
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static void bron_reload(struct screen *s, struct app *a)
{
    (void)a;
    bron_load((struct bron_screen *)s);
}

static void bron_destroy(struct screen *s)
{
    struct bron_screen *bs = (struct bron_screen *)s;
    groups_list_free(&bs->all);
    free(bs->rows);
    free(bs);
}

static const struct screen_ops bron_ops = {
    .draw = bron_draw, .on_action = bron_action, .reload = bron_reload, .destroy = bron_destroy};

struct screen *bron_screen_new(struct app *a, int64_t group_id)
{
    struct bron_screen *bs = calloc(1, sizeof *bs);
    if (!bs)
        return NULL;
    bs->base.ops = &bron_ops;
    bs->base.actions = bron_actions;
    bs->app = a;
    bs->group_id = group_id;
    snprintf(bs->base.title, sizeof bs->base.title, "GROEPEN › %s", _("bron kiezen"));
    list_init(&bs->list, bron_row, bron_text, bs);
    bron_load(bs);
    return &bs->base;
}

/* ---- re-linking after the renewal ---- */

struct relink_screen {
    struct screen base;
    struct app *app;
    struct relink_list l;
    struct list list;
};

static const enum action relink_actions[] = {A_SELECT,  A_ALL,       A_BRON, A_BACK, A_UP,    A_DOWN,
                                             A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END,  ACT_NONE};

static void relink_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct relink_screen *rs = ctx;
    const struct relink_group *g = &rs->l.items[i];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    char was[300], to[300];
    snprintf(was, sizeof was, "%s (%s)", g->linked_name, g->linked_schooljaar);
    if (g->proposed_id)
        snprintf(to, sizeof to, "→ %s (%s)", g->proposed_name, g->proposed_schooljaar);
    else
        snprintf(to, sizeof to, "%s", _("→ geen voorstel: kies een bron"));
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 2, 22, g->name, role);
    draw_text(stdscr, y, x + 26, 22, was, selected ? role : TR_DIM);
    draw_text(stdscr, y, x + 50, width - 50, to, selected ? role : g->proposed_id ? TR_OK : TR_WARNING);
}

static const char *relink_text(void *ctx, int i) { return ((struct relink_screen *)ctx)->l.items[i].name; }

static void relink_load(struct relink_screen *rs)
{
    relink_free(&rs->l);
    if (relink_list(&rs->app->session, NULL, &rs->l) != KM_OK)
        app_core_error(rs->app);
    list_set_count(&rs->list, (int)rs->l.n);
}

static void relink_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct relink_screen *rs = (struct relink_screen *)s;
    char line[300], all[32], sel[32], bron[32];
    keymap_keys_text(&a->keys, A_SELECT, 1, sel, sizeof sel);
    keymap_keys_text(&a->keys, A_ALL, 1, all, sizeof all);
    keymap_keys_text(&a->keys, A_BRON, 1, bron, sizeof bron);
    snprintf(line, sizeof line, _("Eigen groepen die nog een groep van voor %s volgen: %d."), rs->l.schooljaar,
             (int)rs->l.n);
    draw_text(stdscr, top, 2, width - 4, line, TR_NORMAL);
    if (!rs->l.n) {
        draw_text(stdscr, top + 2, 4, width - 6, _("Alles is gekoppeld."), TR_OK);
        return;
    }
    snprintf(line, sizeof line,
             _("%s: voorstel overnemen · %s: alle voorstellen · %s: een andere bron. De planning blijft bij de eigen "
               "groep."),
             sel, all, bron);
    draw_text(stdscr, top + 1, 2, width - 4, line, TR_DIM);
    list_draw(&rs->list, top + 3, 2, h - 3, width - 4);
}

static int accept_one(struct relink_screen *rs, struct app *a)
{
    if (!rs->l.n)
        return R_NONE;
    const struct relink_group *g = &rs->l.items[rs->list.cur];
    if (!g->proposed_id) {
        app_push(a, bron_screen_new(a, g->id));
        return R_DRAW;
    }
    if (groups_set_bron(&a->session, g->id, g->proposed_id, -1) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, _("%s volgt nu %s van %s."), g->name, g->proposed_name, g->proposed_schooljaar);
    relink_load(rs);
    return R_DRAW;
}

static void all_done(struct app *a, void *ctx, bool yes)
{
    struct relink_screen *rs = ctx;
    int linked = 0, left = 0;
    if (!yes)
        return;
    if (relink_all(&a->session, false, &linked, &left) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, _("Gekoppeld: %d; zonder voorstel: %d (kies daar zelf een bron)."), linked, left);
    relink_load(rs);
}

static int accept_all(struct relink_screen *rs, struct app *a)
{
    int n = 0;
    for (size_t i = 0; i < rs->l.n; i++)
        n += rs->l.items[i].proposed_id != 0;
    if (!n) {
        app_message(a, TR_NORMAL, "%s", _("Er is geen voorstel om over te nemen."));
        return R_DRAW;
    }
    char q[200];
    snprintf(q, sizeof q,
             ngettext("%d eigen groep aan haar nieuwe bron koppelen?", "%d eigen groepen aan hun nieuwe bron koppelen?",
                      (unsigned long)n),
             n);
    app_push(a, dialog_confirm_new(a, q, all_done, rs));
    return R_DRAW;
}

static int relink_action(struct screen *s, struct app *a, enum action act)
{
    struct relink_screen *rs = (struct relink_screen *)s;
    if (list_move(&rs->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return accept_one(rs, a);
    case A_ALL:
        return accept_all(rs, a);
    case A_BRON:
        if (rs->l.n)
            app_push(a, bron_screen_new(a, rs->l.items[rs->list.cur].id));
        return R_DRAW;
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static void relink_reload(struct screen *s, struct app *a)
{
    (void)a;
    relink_load((struct relink_screen *)s);
}

static void relink_destroy(struct screen *s)
{
    relink_free(&((struct relink_screen *)s)->l);
    free(s);
}

static const struct screen_ops relink_ops = {.draw = relink_draw,
                                             .on_action = relink_action,
                                             .reload = relink_reload,
                                             .resume = relink_reload,
                                             .destroy = relink_destroy};

struct screen *relink_screen_new(struct app *a)
{
    struct relink_screen *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->base.ops = &relink_ops;
    rs->base.actions = relink_actions;
    rs->app = a;
    snprintf(rs->base.title, sizeof rs->base.title, "GROEPEN › %s", _("opnieuw koppelen"));
    list_init(&rs->list, relink_row, relink_text, rs);
    relink_load(rs);
    return &rs->base;
}
