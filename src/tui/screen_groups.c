/* GROEPEN: the groups this session may see (core decides: a teacher their own, the beheerder all), and per
 * group its GroepsProfiel: the teachers (duo-collega's) and the students. The beheerder makes, renames and
 * deactivates eigen groepen, chooses their bron, re-links them after the new school year, and adds and removes
 * members; the members of a group from ParnasSys are read-only here, and the screen says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/groups.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/screens.h"
#include "tui/search.h"

/* ---- shared by both tables ---- */

struct col_spec {
    const char *title; /* translated when drawn */
    int min, max;      /* width limits; within them the widest value decides */
    bool right;        /* numbers line up on the right */
};

static int clamp_width(int w, const struct col_spec *c) { return w < c->min ? c->min : w > c->max ? c->max : w; }

static void draw_header_cell(const struct col_spec *c, int y, int x, int width)
{
    draw_text(stdscr, y, x, width, _(c->title), TR_GRID_HEADER);
}

/* Right-aligns a number in width columns. */
static void draw_number(int y, int x, int width, int n, enum theme_role role)
{
    char num[24];
    snprintf(num, sizeof num, "%d", n);
    int tw = text_width(num);
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x + (tw < width ? width - tw : 0), width, num, role);
}

/* ---- GROEPEN: the list ---- */

enum gcol { GC_NAME, GC_KIND, GC_JAARGROEP, GC_YEAR, GC_STUDENTS, GC_TEACHERS, GC_STATUS, GC__COUNT };

static const struct col_spec gcols[GC__COUNT] = {
    [GC_NAME] = {N_("Groep"), 10, 30, false},         [GC_KIND] = {N_("Soort"), 6, 14, false},
    [GC_JAARGROEP] = {N_("Jaargroep"), 4, 10, false}, [GC_YEAR] = {N_("Schooljaar"), 9, 10, false},
    [GC_STUDENTS] = {N_("Leerlingen"), 4, 10, true},  [GC_TEACHERS] = {N_("Leerkrachten"), 4, 12, true},
    [GC_STATUS] = {N_("Status"), 6, 20, false},
};

enum pending { P_NONE, P_ADD, P_RENAME };

struct groups_screen {
    struct screen base;
    struct app *app;
    enum pending pending; /* what the open prompt's text is for */
    struct km_group_list groups;
    int width[GC__COUNT];
    struct grid grid;
    char cell[96];
};

static const enum action groups_actions[] = {A_SELECT, A_SEARCH,  A_SEARCH_NEXT, A_BACK, A_UP,  A_DOWN,  A_LEFT,
                                             A_RIGHT,  A_PAGE_UP, A_PAGE_DOWN,   A_HOME, A_END, ACT_NONE};
static const enum action manage_actions[] = {A_SELECT, A_ADD,         A_EDIT,      A_DELETE, A_BRON, A_RELINK,
                                             A_SEARCH, A_SEARCH_NEXT, A_BACK,      A_UP,     A_DOWN, A_LEFT,
                                             A_RIGHT,  A_PAGE_UP,     A_PAGE_DOWN, A_HOME,   A_END,  ACT_NONE};

static const char *group_cell(struct groups_screen *gs, int row, enum gcol c)
{
    const struct km_group *g = &gs->groups.items[row];
    switch (c) {
    case GC_NAME:
        return g->name;
    case GC_KIND:
        return g->kind;
    case GC_JAARGROEP:
        return *g->jaargroep ? g->jaargroep : "—";
    case GC_YEAR:
        return g->schooljaar;
    case GC_STUDENTS:
        snprintf(gs->cell, sizeof gs->cell, "%d", g->students);
        return gs->cell;
    case GC_TEACHERS:
        snprintf(gs->cell, sizeof gs->cell, "%d", g->teachers);
        return gs->cell;
    case GC_STATUS:
        label_status(g->active, g->synced, gs->cell, sizeof gs->cell);
        return gs->cell;
    default:
        return "";
    }
}

static int groups_col_width(void *ctx, int col) { return ((struct groups_screen *)ctx)->width[col]; }

static void groups_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct groups_screen *gs = ctx;
    const struct km_group *g = &gs->groups.items[row];
    enum theme_role role = selected ? TR_SELECTED : g->active ? TR_NORMAL : TR_DIM;
    if (col == GC_STUDENTS || col == GC_TEACHERS)
        draw_number(y, x, width, col == GC_STUDENTS ? g->students : g->teachers, role);
    else
        draw_text(stdscr, y, x, width, group_cell(gs, row, (enum gcol)col), role);
}

static void groups_draw_header(void *ctx, int col, int y, int x, int width)
{
    (void)ctx;
    const struct col_spec *c = &gcols[col];
    if (!c->right) {
        draw_header_cell(c, y, x, width);
        return;
    }
    int tw = text_width(_(c->title));
    draw_text(stdscr, y, x + (tw < width ? width - tw : 0), width, _(c->title), TR_GRID_HEADER);
}

static const char *groups_row_text(void *ctx, int row) { return ((struct groups_screen *)ctx)->groups.items[row].name; }

static const struct grid_ops groups_grid = {groups_col_width, groups_draw_cell, groups_draw_header, groups_row_text};

static void groups_measure(struct groups_screen *gs)
{
    for (int c = 0; c < GC__COUNT; c++) {
        int w = text_width(_(gcols[c].title));
        for (size_t i = 0; i < gs->groups.n; i++) {
            int tw = text_width(group_cell(gs, (int)i, (enum gcol)c));
            w = tw > w ? tw : w;
        }
        gs->width[c] = clamp_width(w, &gcols[c]);
    }
}

/* Reads the groups again; the cursor stays on the same group when it is still there. */
static void groups_load(struct groups_screen *gs)
{
    int64_t keep = gs->groups.n ? gs->groups.items[gs->grid.cur_row].id : 0;
    int row = gs->grid.cur_row;
    groups_list_free(&gs->groups);
    if (groups_list(&gs->app->session, NULL, &gs->groups) != KM_OK)
        app_core_error(gs->app);
    for (size_t i = 0; i < gs->groups.n; i++)
        if (gs->groups.items[i].id == keep)
            row = (int)i;
    groups_measure(gs);
    grid_set_size(&gs->grid, (int)gs->groups.n, GC__COUNT);
    grid_set_cursor(&gs->grid, row, gs->grid.cur_col);
}

static void groups_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct groups_screen *gs = (struct groups_screen *)s;
    char line[128];
    snprintf(line, sizeof line, ngettext("%d groep", "%d groepen", (unsigned long)gs->groups.n), (int)gs->groups.n);
    draw_text(stdscr, top, 2, width - 4, line, TR_DIM);
    if (gs->groups.n == 0) {
        draw_text(stdscr, top + 2, 2, width - 4, _("Je hebt (nog) geen groepen."), TR_NORMAL);
        return;
    }
    grid_draw(&gs->grid, top + 2, 1, h - 2, width - 2);
}

static int open_group(struct groups_screen *gs, struct app *a)
{
    if (gs->groups.n)
        app_push(a, group_profile_screen_new(a, gs->groups.items[gs->grid.cur_row].id));
    return R_DRAW;
}

static const struct km_group *current_group(const struct groups_screen *gs)
{
    return gs->groups.n ? &gs->groups.items[gs->grid.cur_row] : NULL;
}

static void select_group(struct groups_screen *gs, int64_t id)
{
    for (size_t i = 0; i < gs->groups.n; i++)
        if (gs->groups.items[i].id == id)
            grid_set_cursor(&gs->grid, (int)i, gs->grid.cur_col);
}

/* The prompt's text: the name of a new eigen groep (its GroepsProfiel opens, to fill it), or a new name. */
static int named(struct groups_screen *gs, struct app *a)
{
    enum pending p = gs->pending;
    gs->pending = P_NONE;
    const struct km_group *g = current_group(gs);
    int64_t id = 0;
    if (p == P_ADD && groups_add(&a->session, a->prompt_text, "eigen", NULL, NULL, &id) == KM_OK) {
        groups_load(gs);
        select_group(gs, id);
        app_message(a, TR_OK, _("Eigen groep '%s' gemaakt; voeg leerlingen en leerkrachten toe."), a->prompt_text);
        app_push(a, group_profile_screen_new(a, id));
    } else if (p == P_RENAME && g && groups_rename(&a->session, g->id, a->prompt_text, g->version) == KM_OK) {
        app_message(a, TR_OK, _("De groep heet nu '%s'."), a->prompt_text);
        groups_load(gs);
    } else {
        app_core_error(a);
    }
    return R_DRAW;
}

static int ask_name(struct groups_screen *gs, struct app *a, enum pending p)
{
    const struct km_group *g = current_group(gs);
    if (p == P_RENAME && !g)
        return R_NONE;
    gs->pending = p;
    app_start_prompt(a, p == P_ADD ? _("Naam van de nieuwe eigen groep:") : _("Nieuwe naam:"));
    if (p == P_RENAME)
        snprintf(a->prompt_text, sizeof a->prompt_text, "%s", g->name);
    return R_DRAW;
}

static void active_done(struct app *a, void *ctx, bool yes)
{
    struct groups_screen *gs = ctx;
    const struct km_group *g = current_group(gs);
    if (!yes || !g)
        return;
    if (groups_set_active(&a->session, g->id, !g->active, g->version) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK,
                    g->active ? _("Groep '%s' is gedeactiveerd; leden en planning blijven bewaard.")
                              : _("Groep '%s' is weer actief."),
                    g->name);
}

static int toggle_active(struct groups_screen *gs, struct app *a)
{
    const struct km_group *g = current_group(gs);
    if (!g)
        return R_NONE;
    if (g->synced) {
        app_message(a, TR_WARNING, "%s", _("Deze groep komt uit ParnasSys; wijzigen in ParnasSys."));
        return R_DRAW;
    }
    char q[300];
    snprintf(q, sizeof q,
             g->active ? _("Groep '%s' deactiveren? Leden en planning blijven bewaard.")
                       : _("Groep '%s' weer actief maken?"),
             g->name);
    app_push(a, dialog_confirm_new(a, q, active_done, gs));
    return R_DRAW;
}

static int choose_bron(struct groups_screen *gs, struct app *a)
{
    const struct km_group *g = current_group(gs);
    if (g && strcmp(g->kind, "eigen") != 0) {
        app_message(a, TR_WARNING, "%s", _("Alleen een eigen groep volgt een bron."));
        return R_DRAW;
    }
    if (g)
        app_push(a, bron_screen_new(a, g->id));
    return R_DRAW;
}

static int groups_action(struct screen *s, struct app *a, enum action act)
{
    struct groups_screen *gs = (struct groups_screen *)s;
    if (grid_move(&gs->grid, act))
        return R_DRAW;
    if (act == A_SEARCH && a->prompt_confirmed && gs->pending != P_NONE)
        return named(gs, a);
    switch (act) {
    case A_SELECT:
        return open_group(gs, a);
    case A_ADD:
        return ask_name(gs, a, P_ADD);
    case A_EDIT:
        return ask_name(gs, a, P_RENAME);
    case A_DELETE:
        return toggle_active(gs, a);
    case A_BRON:
        return choose_bron(gs, a);
    case A_RELINK:
        app_push(a, relink_screen_new(a));
        return R_DRAW;
    case A_SEARCH:
        gs->pending = P_NONE;
        return grid_search_action(a, &gs->grid, _("Zoek groep:"), SEARCH_THINGS);
    case A_SEARCH_NEXT:
        return grid_search_next_action(a, &gs->grid, SEARCH_THINGS);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int groups_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    struct groups_screen *gs = (struct groups_screen *)s;
    if (!grid_click(&gs->grid, y, x))
        return R_NONE;
    return twice ? open_group(gs, a) : R_DRAW;
}

static void groups_reload(struct screen *s, struct app *a)
{
    (void)a;
    groups_load((struct groups_screen *)s);
}

static void groups_destroy(struct screen *s)
{
    groups_list_free(&((struct groups_screen *)s)->groups);
    free(s);
}

static const struct action_words groups_words[] = {
    {A_SELECT, N_("GroepsProfiel"),
     N_("Open het GroepsProfiel van de gekozen groep: leden, leerkrachten, wachtwoorden.")},
    {ACT_NONE, NULL, NULL},
};

/* The beheerder's GROEPEN: d takes a group out of use (or back), it does not delete it. */
static const struct action_words manage_words[] = {
    {A_SELECT, N_("GroepsProfiel"),
     N_("Open het GroepsProfiel van de gekozen groep: leden, leerkrachten, wachtwoorden.")},
    {A_ADD, N_("nieuwe groep"), N_("Maak een eigen groep.")},
    {A_EDIT, N_("hernoemen"), N_("Geef de gekozen eigen groep een andere naam.")},
    {A_DELETE, N_("actief/inactief"),
     N_("Zet de gekozen groep buiten gebruik, of weer in gebruik; leden en planning blijven bewaard.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops groups_ops = {
    .draw = groups_draw,
    .on_action = groups_action,
    .reload = groups_reload,
    .resume = groups_reload,
    .on_click = groups_click,
    .destroy = groups_destroy,
};

struct screen *groups_screen_new(struct app *a)
{
    struct groups_screen *gs = calloc(1, sizeof *gs);
    if (!gs)
        return NULL;
    bool manage = access_role_may(a->session.role, ACT_MANAGE_GROUPS);
    gs->base.ops = &groups_ops;
    gs->base.actions = manage ? manage_actions : groups_actions;
    gs->base.words = manage ? manage_words : groups_words;
    gs->app = a;
    snprintf(gs->base.title, sizeof gs->base.title, "%s", "GROEPEN");
    grid_init(&gs->grid, &groups_grid, gs, 1, true);
    gs->grid.gap = 2;
    groups_load(gs);
    return &gs->base;
}

/* ---- GroepsProfiel: one group's teachers and students ---- */

enum mcol { MC_NAME, MC_ROLE, MC_USERNAME, MC_PASSWORD, MC_STATUS, MC__COUNT };

static const struct col_spec mcols[MC__COUNT] = {
    [MC_NAME] = {N_("Naam"), 12, 30, false},
    [MC_ROLE] = {N_("Rol"), 6, 12, false},
    [MC_USERNAME] = {N_("Gebruikersnaam"), 14, 26, false},
    [MC_PASSWORD] = {N_("Wachtwoord"), 6, 12, false},
    [MC_STATUS] = {N_("Status"), 6, 22, false},
};

struct member_row {
    const struct group_member *m;
    char *name;
};

struct profile_screen {
    struct screen base;
    struct app *app;
    int64_t id;
    bool found;
    struct km_group group; /* name owned here */
    struct group_member_list members;
    struct member_row *rows; /* teachers first, then students */
    int n, nteachers;
    char *teachers; /* "Aylin Çelik en Hélène ter Haar" */
    int width[MC__COUNT];
    struct grid grid;
    char cell[96];
    char text[512]; /* member_row_text's answer */
    char bron[300]; /* "groep 5a (2026-2027)", "" when none */
};

static const enum action profile_actions[] = {A_PASSWORD, A_SEARCH,  A_SEARCH_NEXT, A_BACK, A_UP,  A_DOWN,  A_LEFT,
                                              A_RIGHT,    A_PAGE_UP, A_PAGE_DOWN,   A_HOME, A_END, ACT_NONE};
static const enum action profile_manage[] = {A_PASSWORD,  A_ADD,  A_DELETE, A_BRON,  A_SEARCH, A_SEARCH_NEXT,
                                             A_BACK,      A_UP,   A_DOWN,   A_LEFT,  A_RIGHT,  A_PAGE_UP,
                                             A_PAGE_DOWN, A_HOME, A_END,    ACT_NONE};

static const char *member_cell(struct profile_screen *ps, int row, enum mcol c)
{
    const struct km_user *u = &ps->rows[row].m->user;
    switch (c) {
    case MC_NAME:
        return ps->rows[row].name;
    case MC_ROLE:
        return ps->rows[row].m->teacher ? _("leerkracht") : _("leerling");
    case MC_USERNAME:
        return u->username;
    case MC_PASSWORD:
        /* The pencil of WACHTWOORD INSTELLEN: every student of the group can get a new password here. */
        if (!ps->rows[row].m->teacher && u->active) {
            snprintf(ps->cell, sizeof ps->cell, "✎ %s", label_password(u->password_state, false));
            return ps->cell;
        }
        return label_password(u->password_state, false);
    case MC_STATUS:
        label_status(u->active, u->synced, ps->cell, sizeof ps->cell);
        return ps->cell;
    default:
        return "";
    }
}

static int member_col_width(void *ctx, int col) { return ((struct profile_screen *)ctx)->width[col]; }

static void member_draw_cell(void *ctx, int row, int col, int y, int x, int width, bool selected)
{
    struct profile_screen *ps = ctx;
    const struct group_member *m = ps->rows[row].m;
    enum theme_role role = !m->user.active ? TR_DIM : m->teacher && col == MC_ROLE ? TR_TITLE : TR_NORMAL;
    draw_text(stdscr, y, x, width, member_cell(ps, row, (enum mcol)col), selected ? TR_SELECTED : role);
}

static void member_draw_header(void *ctx, int col, int y, int x, int width)
{
    (void)ctx;
    draw_header_cell(&mcols[col], y, x, width);
}

static const char *member_row_text(void *ctx, int row)
{
    struct profile_screen *ps = ctx;
    snprintf(ps->text, sizeof ps->text, "%s %s", ps->rows[row].name, ps->rows[row].m->user.username);
    return ps->text;
}

static const struct grid_ops members_grid = {member_col_width, member_draw_cell, member_draw_header, member_row_text};

static void profile_clear(struct profile_screen *ps)
{
    for (int i = 0; i < ps->n; i++)
        free(ps->rows[i].name);
    free(ps->rows);
    ps->rows = NULL;
    ps->n = ps->nteachers = 0;
    free(ps->teachers);
    ps->teachers = NULL;
    groups_members_free(&ps->members);
    free(ps->group.name);
    ps->group.name = NULL;
    ps->found = false;
}

/* The group's own row, and the name of its bron. */
static bool find_group(struct profile_screen *ps)
{
    ps->found = groups_get(&ps->app->session, ps->id, &ps->group) == KM_OK;
    ps->bron[0] = '\0';
    struct km_group b;
    if (ps->found && ps->group.linked_group_id &&
        groups_get(&ps->app->session, ps->group.linked_group_id, &b) == KM_OK) {
        snprintf(ps->bron, sizeof ps->bron, "%s (%s)", b.name, b.schooljaar);
        groups_free(&b);
    }
    return ps->found;
}

/* Teachers first, as core lists students before teachers. */
static bool order_members(struct profile_screen *ps)
{
    ps->rows = calloc(ps->members.n ? ps->members.n : 1, sizeof *ps->rows);
    if (!ps->rows)
        return false;
    ps->n = ps->nteachers = 0; /* counted here, whatever the reading of members did to ps */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ps->members.n; i++) {
            const struct group_member *m = &ps->members.items[i];
            if (m->teacher != (pass == 0))
                continue;
            if (!(ps->rows[ps->n].name = label_display_name(&m->user)))
                return false;
            ps->rows[ps->n++].m = m;
            ps->nteachers += m->teacher;
        }
    return true;
}

/* "A", "A en B", "A, B en C": the duo-collega's on one line. */
static bool join_teachers(struct profile_screen *ps)
{
    size_t len = 1;
    for (int i = 0; i < ps->nteachers; i++)
        len += strlen(ps->rows[i].name) + 8;
    if (!(ps->teachers = calloc(1, len)))
        return false;
    size_t used = 0;
    for (int i = 0; i < ps->nteachers; i++) {
        const char *sep = i == 0 ? "" : i == ps->nteachers - 1 ? _(" en ") : ", ";
        int w = snprintf(ps->teachers + used, len - used, "%s%s", sep, ps->rows[i].name);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
    return true;
}

static void member_measure(struct profile_screen *ps)
{
    for (int c = 0; c < MC__COUNT; c++) {
        int w = text_width(_(mcols[c].title));
        for (int i = 0; i < ps->n; i++) {
            int tw = text_width(member_cell(ps, i, (enum mcol)c));
            w = tw > w ? tw : w;
        }
        ps->width[c] = clamp_width(w, &mcols[c]);
    }
}

static int row_of_user(const struct profile_screen *ps, int64_t id)
{
    for (int i = 0; i < ps->n; i++)
        if (ps->rows[i].m->user.id == id)
            return i;
    return -1;
}

static void set_title(struct profile_screen *ps)
{
    const char *name = ps->found ? ps->group.name : "?";
    snprintf(ps->base.title, sizeof ps->base.title, "GroepsProfiel — %s", name);
}

/* Reads group and members again; the cursor stays on the same person when they are still there. */
static void profile_load(struct profile_screen *ps)
{
    struct app *a = ps->app;
    int64_t keep = ps->n ? ps->rows[ps->grid.cur_row].m->user.id : 0;
    int keep_row = ps->grid.cur_row;
    profile_clear(ps);
    if (!find_group(ps) || groups_members(&a->session, ps->id, &ps->members) != KM_OK)
        app_core_error(a);
    else if (!order_members(ps) || !join_teachers(ps))
        app_message(a, TR_ERROR, "%s", _("Onvoldoende geheugen."));
    set_title(ps);
    member_measure(ps);
    int row = row_of_user(ps, keep);
    grid_set_size(&ps->grid, ps->n, MC__COUNT);
    grid_set_cursor(&ps->grid, row >= 0 ? row : keep_row, ps->grid.cur_col);
}

static void draw_group_facts(struct profile_screen *ps, int y, int width)
{
    const struct km_group *g = &ps->group;
    char facts[200], status[64];
    label_status(g->active, g->synced, status, sizeof status);
    snprintf(facts, sizeof facts, "%s", g->kind);
    if (*g->jaargroep)
        strbuf_appendf(facts, sizeof facts, _(" · jaargroep %s"), g->jaargroep);
    strbuf_appendf(facts, sizeof facts, " · %s · %s", g->schooljaar, status);
    if (*ps->bron)
        strbuf_appendf(facts, sizeof facts, _(" · bron: %s"), ps->bron);
    draw_text(stdscr, y, 2, width - 4, facts, TR_DIM);
}

static void draw_teachers(struct profile_screen *ps, int y, int width)
{
    const char *label = ngettext("Leerkracht:", "Leerkrachten:", (unsigned long)ps->nteachers);
    int lw = draw_text_raw(stdscr, y, 2, width - 4, label, TR_TITLE) + 1;
    if (ps->nteachers == 0)
        draw_text(stdscr, y, 2 + lw, width - 4 - lw, _("nog geen"), TR_DIM);
    else
        draw_text(stdscr, y, 2 + lw, width - 4 - lw, ps->teachers, TR_NORMAL);
    char count[64];
    int students = ps->n - ps->nteachers;
    snprintf(count, sizeof count, ngettext("%d leerling", "%d leerlingen", (unsigned long)students), students);
    draw_text(stdscr, y + 1, 2, width - 4, count, TR_TITLE);
}

static void profile_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct profile_screen *ps = (struct profile_screen *)s;
    if (!ps->found) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Deze groep is niet (meer) te zien."), TR_WARNING);
        return;
    }
    draw_group_facts(ps, top, width);
    draw_teachers(ps, top + 1, width);
    if (ps->group.synced)
        draw_text(stdscr, top + 3, 2, width - 4, _("Leden: komt uit ParnasSys; wijzigen in ParnasSys."), TR_DIM);
    if (ps->n > ps->nteachers) {
        char keys[32], hint[160];
        keymap_keys_text(&a->keys, A_PASSWORD, 1, keys, sizeof keys);
        snprintf(hint, sizeof hint, _("✎ WACHTWOORD INSTELLEN: kies een leerling, dan %s"), keys);
        draw_text(stdscr, top + 2, 28, width - 30, hint, TR_DIM);
    }
    if (ps->n)
        grid_draw(&ps->grid, top + 4, 1, h - 4, width - 2);
    else
        draw_text(stdscr, top + 4, 2, width - 4, _("Deze groep heeft nog geen leden."), TR_DIM);
}

static int set_password(struct profile_screen *ps, struct app *a)
{
    if (ps->n == 0)
        return R_NONE;
    const struct group_member *m = ps->rows[ps->grid.cur_row].m;
    if (m->teacher) {
        app_message(a, TR_WARNING, "%s", _("Hier stel je het wachtwoord van een leerling in; kies een leerling."));
        return R_DRAW;
    }
    app_push(a, password_screen_new(a, PW_OTHER, m->user.id));
    return R_DRAW;
}

/* p sets a student's password: on a teacher's row it is not offered. */
static const struct action_words *group_profile_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_PASSWORD, N_("nieuw wachtwoord"),
         N_("WACHTWOORD INSTELLEN: een nieuw wachtwoord voor de gekozen leerling.")},
        {A_SEARCH, N_("zoek"), N_("Zoek in de groep op naam of gebruikersnaam.")},
        {A_ADD, N_("leden toevoegen"), N_("Zet leerlingen of leerkrachten in deze groep.")},
        {A_DELETE, N_("lid eruit"), N_("Haal de gekozen persoon uit deze groep; eerst wordt om bevestiging gevraagd.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words teacher = {A_PASSWORD, "", NULL};
    const struct profile_screen *ps = (const struct profile_screen *)s;
    if (act == A_PASSWORD && (ps->n == 0 || ps->rows[ps->grid.cur_row].m->teacher))
        return &teacher;
    return action_words_find(words, act);
}

/* Members are the school's own, except in a group from ParnasSys: then the screen says why not. */
static bool members_editable(struct profile_screen *ps, struct app *a)
{
    if (ps->found && ps->group.synced) {
        app_message(a, TR_WARNING, "%s", _("De leden van deze groep komen uit ParnasSys; wijzigen in ParnasSys."));
        return false;
    }
    return ps->found;
}

static void members_added(struct app *a, void *ctx, const int64_t *ids, size_t n)
{
    struct profile_screen *ps = ctx;
    if (groups_change_members(&a->session, ps->id, ids, n, true) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, ngettext("%d lid toegevoegd.", "%d leden toegevoegd.", (unsigned long)n), (int)n);
}

/* Every active student and teacher who is not in the group yet, by the Dutch rule. */
static int add_members(struct profile_screen *ps, struct app *a)
{
    if (!members_editable(ps, a))
        return R_DRAW;
    struct km_user_list all, pick = {0};
    struct user_filter f = {.any_role = true};
    if (users_list(&a->session, &f, &all) != KM_OK || !(pick.items = calloc(all.n + 1, sizeof *pick.items))) {
        app_core_error(a);
        return R_DRAW;
    }
    for (size_t i = 0; i < all.n; i++) {
        const struct km_user *u = &all.items[i];
        if ((u->role == ROLE_LEERLING || u->role == ROLE_LEERKRACHT) && row_of_user(ps, u->id) < 0) {
            pick.items[pick.n++] = *u;
            memset(&all.items[i], 0, sizeof all.items[i]); /* moved over */
        }
    }
    users_list_free(&all);
    char title[200], intro[300];
    snprintf(title, sizeof title, "%s › %s", ps->base.title, _("leden toevoegen"));
    snprintf(intro, sizeof intro, _("Wie komen in '%s'? Twee of meer leerkrachten zijn duo-collega's."),
             ps->group.name);
    app_push(a, pick_people_screen_new(a, title, intro, &pick, true, members_added, ps));
    return R_DRAW;
}

static void member_removed(struct app *a, void *ctx, bool yes)
{
    struct profile_screen *ps = ctx;
    if (!yes || !ps->n)
        return;
    int64_t id = ps->rows[ps->grid.cur_row].m->user.id;
    if (groups_change_members(&a->session, ps->id, &id, 1, false) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, _("%s is uit de groep."), ps->rows[ps->grid.cur_row].name);
}

static int remove_member(struct profile_screen *ps, struct app *a)
{
    if (!members_editable(ps, a) || !ps->n)
        return R_DRAW;
    char q[400];
    snprintf(q, sizeof q, _("%s uit '%s' halen?"), ps->rows[ps->grid.cur_row].name, ps->group.name);
    app_push(a, dialog_confirm_new(a, q, member_removed, ps));
    return R_DRAW;
}

static int profile_action(struct screen *s, struct app *a, enum action act)
{
    struct profile_screen *ps = (struct profile_screen *)s;
    if (grid_move(&ps->grid, act))
        return R_DRAW;
    switch (act) {
    case A_ADD:
        return add_members(ps, a);
    case A_DELETE:
        return remove_member(ps, a);
    case A_BRON:
        if (ps->found && strcmp(ps->group.kind, "eigen") == 0)
            app_push(a, bron_screen_new(a, ps->id));
        else
            app_message(a, TR_WARNING, "%s", _("Alleen een eigen groep volgt een bron."));
        return R_DRAW;
    case A_PASSWORD:
        return set_password(ps, a);
    case A_SEARCH:
        return grid_search_action(a, &ps->grid, _("Zoek in de groep:"), SEARCH_THINGS);
    case A_SEARCH_NEXT:
        return grid_search_next_action(a, &ps->grid, SEARCH_THINGS);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int profile_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)a;
    (void)twice;
    return grid_click(&((struct profile_screen *)s)->grid, y, x) ? R_DRAW : R_NONE;
}

static void profile_reload(struct screen *s, struct app *a)
{
    (void)a;
    profile_load((struct profile_screen *)s);
}

static void profile_destroy(struct screen *s)
{
    profile_clear((struct profile_screen *)s);
    free(s);
}

static const struct screen_ops profile_ops = {
    .draw = profile_draw,
    .on_action = profile_action,
    .reload = profile_reload,
    .resume = profile_reload,
    .on_click = profile_click,
    .destroy = profile_destroy,
    .words_now = group_profile_words,
};

struct screen *group_profile_screen_new(struct app *a, int64_t group_id)
{
    struct profile_screen *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    ps->base.ops = &profile_ops;
    ps->base.actions = access_role_may(a->session.role, ACT_MANAGE_GROUPS) ? profile_manage : profile_actions;
    ps->app = a;
    ps->id = group_id;
    grid_init(&ps->grid, &members_grid, ps, 1, true);
    ps->grid.gap = 2;
    profile_load(ps);
    if (ps->n > ps->nteachers) /* WACHTWOORD INSTELLEN is for the students: start on the first */
        grid_set_cursor(&ps->grid, ps->nteachers, ps->grid.cur_col);
    return &ps->base;
}
