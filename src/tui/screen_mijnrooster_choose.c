/* MIJNROOSTER, first a choice: the parent's child, or the beheerder's teacher, group or room. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/hours.h"
#include "core/planner.h"
#include "core/planning.h"
#include "core/rooms.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/mijnrooster_common.h"

struct pick {
    struct subject subj;
    const char *kind; /* translated word: "leerkracht", "groep", "lokaal"; NULL for children */
    char *info;
};

struct chooser {
    struct screen base;
    struct app *app;
    bool parent;
    struct pick *items;
    int n;
    struct list list;
    int name_w;
    char text[512];
};

static const enum action chooser_actions[] = {A_SELECT,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,    A_DOWN,
                                              A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};

static void chooser_clear(struct chooser *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->items[i].info);
    free(c->items);
    c->items = NULL;
    c->n = 0;
}

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown list is kept in c->items, its info freed by chooser_clear */
    static struct pick *
    add_pick(struct chooser *c, enum subj_kind kind, int64_t id, const char *name, const char *info)
{
    struct pick *grown = vec_grow(c->items, c->n, sizeof *grown);
    if (!grown)
        return NULL;
    c->items = grown;
    struct pick *p = &grown[c->n];
    memset(p, 0, sizeof *p);
    p->subj.kind = kind;
    p->subj.id = id;
    snprintf(p->subj.name, sizeof p->subj.name, "%s", name);
    p->info = strdup(info ? info : "");
    if (!p->info)
        return NULL;
    c->n++;
    return p;
}
KM_GCC_ANALYZER_END

static void load_children(struct chooser *c)
{
    struct km_child_list l;
    if (children_of(&c->app->session, c->app->session.user_id, &l) != KM_OK) {
        app_core_error(c->app);
        return;
    }
    for (size_t i = 0; i < l.n; i++) {
        struct pick *p = add_pick(c, SUBJ_PERSON, l.items[i].id, l.items[i].name, l.items[i].groups);
        if (p)
            p->subj.student = l.items[i].id;
    }
    children_free(&l);
}

static void load_all(struct chooser *c)
{
    const struct km_session *s = &c->app->session;
    struct km_user_list users;
    struct user_filter f = {.any_role = false, .role = ROLE_LEERKRACHT, .include_inactive = false};
    if (users_list(s, &f, &users) == KM_OK) {
        for (size_t i = 0; i < users.n; i++) {
            char *name = label_display_name(&users.items[i]);
            struct pick *p = add_pick(c, SUBJ_PERSON, users.items[i].id, name ? name : users.items[i].username,
                                      users.items[i].username);
            if (p)
                p->kind = _("leerkracht");
            free(name);
        }
        users_list_free(&users);
    } else {
        app_core_error(c->app);
    }
    struct km_group_list groups;
    if (groups_list(s, NULL, &groups) == KM_OK) {
        for (size_t i = 0; i < groups.n; i++) {
            const struct km_group *g = &groups.items[i];
            if (!g->active)
                continue;
            char info[160];
            snprintf(info, sizeof info,
                     ngettext("%s · %s · %d leerling", "%s · %s · %d leerlingen", (unsigned long)g->students), g->kind,
                     g->schooljaar, g->students);
            struct pick *p = add_pick(c, SUBJ_GROUP, g->id, g->name, info);
            if (p)
                p->kind = _("groep");
        }
        groups_list_free(&groups);
    }
    struct km_room_list rooms;
    if (rooms_list(s, &rooms) == KM_OK) {
        for (size_t i = 0; i < rooms.n; i++) {
            char info[64];
            snprintf(info, sizeof info, _("%d plaatsen"), rooms.items[i].capacity);
            struct pick *p = add_pick(c, SUBJ_ROOM, rooms.items[i].id, rooms.items[i].name, info);
            if (p)
                p->kind = _("lokaal");
        }
        rooms_list_free(&rooms);
    }
}

static void chooser_load(struct chooser *c)
{
    enum subj_kind kkind = c->n ? c->items[c->list.cur].subj.kind : SUBJ_PERSON;
    int64_t kid = c->n ? c->items[c->list.cur].subj.id : 0;
    chooser_clear(c);
    if (c->parent)
        load_children(c);
    else
        load_all(c);
    c->name_w = 12;
    for (int i = 0; i < c->n; i++) {
        int w = text_width(c->items[i].subj.name);
        c->name_w = w > c->name_w ? (w < 32 ? w : 32) : c->name_w;
        if (c->items[i].subj.kind == kkind && c->items[i].subj.id == kid)
            c->list.cur = i;
    }
    list_set_count(&c->list, c->n);
}

static void chooser_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct chooser *c = ctx;
    const struct pick *p = &c->items[i];
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    int cx = x + 2;
    if (p->kind) {
        draw_text(stdscr, y, cx, 11, p->kind, selected ? role : TR_DIM);
        cx += 12;
    }
    draw_text(stdscr, y, cx, c->name_w, p->subj.name, role);
    cx += c->name_w + 2;
    draw_text(stdscr, y, cx, x + width - cx, p->info, selected ? role : TR_DIM);
}

static const char *chooser_row_text(void *ctx, int i)
{
    struct chooser *c = ctx;
    snprintf(c->text, sizeof c->text, "%s %s %s", c->items[i].kind ? c->items[i].kind : "", c->items[i].subj.name,
             c->items[i].info);
    return c->text;
}

static void chooser_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct chooser *c = (struct chooser *)s;
    const char *intro = c->parent ? _("Van welk kind wil je het rooster zien?")
                                  : _("Wiens week wil je zien? Kies een leerkracht, groep of lokaal (/ zoekt).");
    draw_text(stdscr, top, 2, width - 4, intro, TR_NORMAL);
    if (c->n == 0) {
        draw_text(stdscr, top + 2, 4, width - 6,
                  c->parent ? _("Er zijn (nog) geen kinderen aan je account gekoppeld; vraag het de school.")
                            : _("Er zijn geen leerkrachten, groepen of lokalen."),
                  TR_DIM);
        return;
    }
    list_draw(&c->list, top + 2, 2, h - 2, width - 4);
}

static int chooser_open(struct chooser *c, struct app *a)
{
    if (!c->n)
        return R_NONE;
    const struct pick *p = &c->items[c->list.cur];
    /* the child's day first, like a student's; the beheerder's choice as a week */
    app_push(a, mijnrooster_subject_screen_new(a, &p->subj, c->parent));
    return R_DRAW;
}

static const struct action_words chooser_words[] = {
    {A_SELECT, N_("toon rooster"), N_("Toon het rooster van wie of wat gekozen is.")},
    {ACT_NONE, NULL, NULL},
};

static int chooser_search(struct chooser *c, struct app *a, bool next)
{
    if (!next && !a->prompt_confirmed) {
        app_start_prompt(a, c->parent ? _("Zoek een kind:") : _("Zoek (naam, groep, lokaal):"));
        return R_DRAW;
    }
    const char *needle = next ? c->list.search : a->prompt_text;
    if (!*needle) {
        if (next)
            app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
        return R_DRAW;
    }
    if (!list_search(&c->list, needle, true))
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'."), needle);
    return R_DRAW;
}

static int chooser_action(struct screen *s, struct app *a, enum action act)
{
    struct chooser *c = (struct chooser *)s;
    if (list_move(&c->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return chooser_open(c, a);
    case A_SEARCH:
        return chooser_search(c, a, false);
    case A_SEARCH_NEXT:
        return chooser_search(c, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int chooser_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct chooser *c = (struct chooser *)s;
    if (!list_click(&c->list, y))
        return R_NONE;
    return twice ? chooser_open(c, a) : R_DRAW;
}

static void chooser_reload(struct screen *s, struct app *a)
{
    (void)a;
    chooser_load((struct chooser *)s);
}

static void chooser_destroy(struct screen *s)
{
    chooser_clear((struct chooser *)s);
    free(s);
}

static const struct screen_ops chooser_ops = {
    .draw = chooser_draw,
    .on_action = chooser_action,
    .reload = chooser_reload,
    .resume = chooser_reload,
    .on_click = chooser_click,
    .destroy = chooser_destroy,
};

static struct chooser *chooser_new(struct app *a, bool parent)
{
    struct chooser *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ops = &chooser_ops;
    c->base.actions = chooser_actions;
    c->base.words = chooser_words;
    c->app = a;
    c->parent = parent;
    snprintf(c->base.title, sizeof c->base.title, "MIJNROOSTER › %s",
             parent ? _("kies een kind") : _("kies een leerkracht, groep of lokaal"));
    list_init(&c->list, chooser_row, chooser_row_text, c);
    chooser_load(c);
    return c;
}

struct screen *mijnrooster_choose_screen_new(struct app *a, bool parent)
{
    struct chooser *c = chooser_new(a, parent);
    if (c && parent && c->n == 1) { /* one child: straight to their day */
        struct screen *r = mijnrooster_subject_screen_new(a, &c->items[0].subj, true);
        chooser_destroy(&c->base);
        return r;
    }
    return c ? &c->base : NULL;
}
