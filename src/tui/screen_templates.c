/* MIJNROOSTER INSTELLINGEN → WEEK SJABLONEN: the school's week templates with how full they are and how
 * many roster weeks use them. a (VOEG WEEK TOE) makes one and opens it, e renames or copies, d deletes
 * after asking (core refuses while the roster uses it), Enter opens its grid of time slots, c checks it
 * for clashes. Renames carry the version the list showed, so another beheerder's change is never
 * overwritten; the list reloads by itself when someone else commits. */
#include <stdlib.h>
#include <string.h>

#include "core/templates.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

#define NAME_MAX_CHARS 40 /* core's limit for a template's name */
#define NAME_MIN_W 14
#define NUM_W 13 /* each number column */

struct templates_screen {
    struct screen base;
    struct app *app;
    struct km_template_list t;
    struct list list;
    int name_w;
    int64_t keep_id;    /* put the cursor here at the next load (a new template or copy); 0 = stay */
    int64_t ask_id;     /* the template the open dialog is about */
    char ask_name[128]; /* its name, for the message afterwards */
};

static const enum action templates_actions[] = {A_ADD,     A_EDIT,        A_DELETE, A_SELECT, A_CHECK,
                                                A_SEARCH,  A_SEARCH_NEXT, A_BACK,   A_UP,     A_DOWN,
                                                A_PAGE_UP, A_PAGE_DOWN,   A_HOME,   A_END,    ACT_NONE};

static const struct km_template *current(const struct templates_screen *ts)
{
    return ts->t.n ? &ts->t.items[ts->list.cur] : NULL;
}

/* ---- reading ---- */

static void measure(struct templates_screen *ts)
{
    ts->name_w = NAME_MIN_W;
    for (size_t i = 0; i < ts->t.n; i++) {
        int w = text_width(ts->t.items[i].name);
        ts->name_w = w > ts->name_w ? w : ts->name_w;
    }
    if (ts->name_w > NAME_MAX_CHARS)
        ts->name_w = NAME_MAX_CHARS;
}

/* Reads the templates again; the cursor stays on the same one (or goes to keep_id) when it is there. */
static void load(struct templates_screen *ts)
{
    const struct km_template *cur = current(ts);
    int64_t keep = ts->keep_id ? ts->keep_id : cur ? cur->id : 0;
    ts->keep_id = 0;
    templates_list_free(&ts->t);
    if (templates_list(&ts->app->session, &ts->t) != KM_OK)
        app_core_error(ts->app);
    for (size_t i = 0; i < ts->t.n; i++)
        if (ts->t.items[i].id == keep)
            ts->list.cur = (int)i;
    measure(ts);
    list_set_count(&ts->list, (int)ts->t.n);
}

/* ---- drawing ---- */

/* Right-aligned in w columns (numbers under their heading); the row is already filled in its role. */
static void draw_right(int y, int x, int w, const char *s, enum theme_role r)
{
    int tw = text_width(s);
    draw_text(stdscr, y, tw < w ? x + w - tw : x, tw < w ? tw : w, s, r);
}

static void draw_number(int y, int x, int n, enum theme_role r)
{
    char num[32];
    snprintf(num, sizeof num, "%d", n);
    draw_right(y, x, NUM_W, n ? num : "—", r);
}

static void draw_template(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct templates_screen *ts = ctx;
    const struct km_template *t = &ts->t.items[i];
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL, dim = selected ? TR_SELECTED : TR_DIM;
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", r);
    int cx = x + 2;
    draw_text(stdscr, y, cx, ts->name_w, t->name, r);
    cx += ts->name_w + 1;
    draw_number(y, cx, t->slots, t->slots ? r : dim);
    draw_number(y, cx + NUM_W + 1, t->lessons, t->lessons ? r : dim);
    draw_number(y, cx + 2 * (NUM_W + 1), t->roster_weeks, t->roster_weeks ? r : dim);
}

static const char *template_text(void *ctx, int i) { return ((struct templates_screen *)ctx)->t.items[i].name; }

static void draw_head(const struct templates_screen *ts, int y, int x, int width)
{
    static const char *const heads[3] = {N_("Tijdsloten"), N_("Lessen"), N_("Roosterweken")};
    draw_fill(stdscr, y, x, 1, width, TR_GRID_HEADER);
    int cx = x + 2;
    draw_text(stdscr, y, cx, ts->name_w, _("Naam"), TR_GRID_HEADER);
    cx += ts->name_w + 1;
    for (int k = 0; k < 3; k++)
        draw_right(y, cx + k * (NUM_W + 1), NUM_W, _(heads[k]), TR_GRID_HEADER);
}

static void templates_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct templates_screen *ts = (struct templates_screen *)s;
    int w = width < 100 ? width - 4 : 96;
    char line[160];
    snprintf(line, sizeof line, ngettext("%d weeksjabloon", "%d weeksjablonen", (unsigned long)ts->t.n), (int)ts->t.n);
    draw_text(stdscr, top, 2, w, line, TR_DIM);
    if (ts->t.n == 0) {
        draw_text(stdscr, top + 2, 2, w, _("Nog geen weeksjablonen. Druk op a (VOEG WEEK TOE) om er een te maken."),
                  TR_NORMAL);
        return;
    }
    draw_head(ts, top + 2, 2, w);
    list_draw(&ts->list, top + 3, 2, h - 5, w);
    /* e and c do more than their footer labels say: the hint names it */
    draw_text(stdscr, top + h - 1, 2, w, _("Enter: tijdsloten en lessen · e: hernoemen of kopiëren · c: controleren"),
              TR_DIM);
}

/* ---- deleting ---- */

static void delete_answered(struct app *a, void *ctx, bool yes)
{
    struct templates_screen *ts = ctx;
    if (!yes)
        return;
    if (templates_delete(&a->session, ts->ask_id) != KM_OK)
        app_core_error(a);
    else
        app_message(a, TR_OK, _("Weeksjabloon '%s' is verwijderd."), ts->ask_name);
    /* the list reloads once the dialog is gone */
}

static int ask_delete(struct templates_screen *ts, struct app *a)
{
    const struct km_template *t = current(ts);
    if (!t)
        return R_NONE;
    if (t->roster_weeks) { /* core would refuse: say so at once, without a question first */
        app_message(a, TR_WARNING,
                    ngettext("In gebruik in %d week van het SCHOOL ROOSTER; vervang het daar eerst.",
                             "In gebruik in %d weken van het SCHOOL ROOSTER; vervang het daar eerst.",
                             (unsigned long)t->roster_weeks),
                    t->roster_weeks);
        return R_DRAW;
    }
    char q[400], what[160];
    snprintf(what, sizeof what, ngettext("%d tijdslot", "%d tijdsloten", (unsigned long)t->slots), t->slots);
    if (t->slots && !t->lessons)
        snprintf(q, sizeof q,
                 ngettext("Weeksjabloon '%s' verwijderen? Ook %s gaat weg.",
                          "Weeksjabloon '%s' verwijderen? Ook %s gaan weg.", (unsigned long)t->slots),
                 t->name, what);
    else if (t->slots) /* two things: the verb is plural either way */
        snprintf(q, sizeof q,
                 ngettext("Weeksjabloon '%s' verwijderen? Ook %s en %d les gaan weg.",
                          "Weeksjabloon '%s' verwijderen? Ook %s en %d lessen gaan weg.", (unsigned long)t->lessons),
                 t->name, what, t->lessons);
    else
        snprintf(q, sizeof q, _("Weeksjabloon '%s' verwijderen?"), t->name);
    ts->ask_id = t->id;
    snprintf(ts->ask_name, sizeof ts->ask_name, "%s", t->name);
    app_push(a, dialog_confirm_new(a, q, delete_answered, ts));
    return R_DRAW;
}

/* ---- the name form: VOEG WEEK TOE, or rename / copy ---- */

struct name_form {
    struct form_screen fs;          /* first: the shared form glue */
    struct templates_screen *owner; /* below this screen on the stack for as long as the form lives */
    int64_t id, version;            /* 0 when adding */
    char old_name[128];
};

enum { F_NAME, F_FIRST_BUTTON, F_COPY }; /* F_COPY only when editing */

static const enum action form_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP, A_DOWN, A_BACK, ACT_NONE};

static void name_form_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    (void)h;
    struct name_form *nf = (struct name_form *)s;
    int x = (width - 72) / 2;
    if (nf->id) {
        draw_text(stdscr, top + 1, x, 72, _("Geef het weeksjabloon een nieuwe naam, of maak er een kopie van"),
                  TR_NORMAL);
        draw_text(stdscr, top + 2, x, 72, _("met alle tijdsloten en lessen (blokuren blijven blokuren)."), TR_NORMAL);
    } else {
        draw_text(stdscr, top + 1, x, 72, _("Hoe heet de nieuwe week? Bijvoorbeeld 'Standaardweek' of 'Toetsweek'."),
                  TR_NORMAL);
        draw_text(stdscr, top + 2, x, 72, _("Daarna maak je de tijdsloten en lessen."), TR_DIM);
    }
    form_draw(&nf->fs.form, top + 4, x, 72);
}

static const char *typed_name(struct name_form *nf, char *clean, size_t len)
{
    text_clean(nf->fs.form.fields[F_NAME].value, clean, len);
    return clean;
}

/* VOEG WEEK TOE: made, then opened, so the beheerder goes on with its slots. */
static int submit_add(struct name_form *nf, struct app *a, const char *name)
{
    int64_t id = 0;
    if (templates_add(&a->session, name, &id) != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    nf->owner->keep_id = id;
    app_message(a, TR_OK, _("Weeksjabloon '%s' is gemaakt; maak nu de tijdsloten."), name);
    app_replace(a, template_screen_new(a, id));
    return R_POP;
}

static int submit_rename(struct name_form *nf, struct app *a, const char *name)
{
    if (strcmp(name, nf->old_name) == 0)
        return R_POP; /* nothing changed */
    enum km_rc rc = templates_rename(&a->session, nf->id, name, nf->version);
    if (rc == KM_CONFLICT) { /* someone else changed it: back to the list, which reloads */
        app_core_error(a);
        return R_POP;
    }
    if (rc != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    app_message(a, TR_OK, _("Het weeksjabloon heet nu '%s'."), name);
    return R_POP;
}

/* A copy under the typed name; when the name was left as it was, "… (kopie)". */
static int submit_copy(struct name_form *nf, struct app *a, const char *name)
{
    char copy_name[300];
    if (strcmp(name, nf->old_name) == 0)
        snprintf(copy_name, sizeof copy_name, _("%s (kopie)"), name);
    else
        snprintf(copy_name, sizeof copy_name, "%s", name);
    int64_t id = 0;
    if (templates_copy(&a->session, nf->id, copy_name, &id) != KM_OK) {
        app_core_error(a);
        form_set_value(&nf->fs.form, F_NAME, copy_name); /* so the name can be corrected */
        nf->fs.form.focus = F_NAME;
        return R_DRAW;
    }
    nf->owner->keep_id = id;
    app_message(a, TR_OK, _("Kopie '%s' is gemaakt; Enter opent hem."), copy_name);
    return R_POP;
}

static int submit(struct form_screen *fs, struct app *a, int field)
{
    struct name_form *nf = (struct name_form *)fs;
    if (form_validate(&nf->fs.form) >= 0) {
        nf->fs.form.focus = F_NAME;
        return R_DRAW;
    }
    char clean[FIELD_VALUE_MAX];
    const char *name = typed_name(nf, clean, sizeof clean);
    if (!nf->id)
        return submit_add(nf, a, name);
    return field == F_COPY ? submit_copy(nf, a, name) : submit_rename(nf, a, name);
}

static bool add_fields(struct name_form *nf)
{
    struct form *f = &nf->fs.form;
    if (form_add(f, FIELD_TEXT, _("Naam"), true) != F_NAME)
        return false;
    f->fields[F_NAME].max_chars = NAME_MAX_CHARS;
    if (!nf->id)
        return form_add(f, FIELD_BUTTON, "VOEG WEEK TOE", false) == F_FIRST_BUTTON;
    return form_add(f, FIELD_BUTTON, _("Naam opslaan"), false) == F_FIRST_BUTTON &&
           form_add(f, FIELD_BUTTON, _("Kopieer als nieuw sjabloon"), false) == F_COPY;
}

/* t NULL: VOEG WEEK TOE; else rename or copy t. */
static struct screen *name_form_new(struct templates_screen *ts, const struct km_template *t)
{
    struct name_form *nf = calloc(1, sizeof *nf);
    if (!nf)
        return NULL;
    nf->owner = ts;
    form_screen_init(&nf->fs, form_actions, name_form_draw, submit, 8);
    if (t) {
        nf->id = t->id;
        nf->version = t->version;
        snprintf(nf->old_name, sizeof nf->old_name, "%s", t->name);
        snprintf(nf->fs.base.title, sizeof nf->fs.base.title, "WEEK SJABLONEN › %s", t->name);
    } else {
        snprintf(nf->fs.base.title, sizeof nf->fs.base.title, "WEEK SJABLONEN › VOEG WEEK TOE");
    }
    if (!add_fields(nf)) {
        form_screen_destroy(&nf->fs.base);
        return NULL;
    }
    form_set_value(&nf->fs.form, F_NAME, nf->old_name);
    return &nf->fs.base;
}

/* ---- the screen ---- */

static int search(struct templates_screen *ts, struct app *a, bool again)
{
    if (!again && !a->prompt_confirmed) { /* '/' opens the prompt; its Enter comes back here */
        app_start_prompt(a, _("Zoek weeksjabloon:"));
        return R_DRAW;
    }
    if (again && !ts->list.search[0])
        app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
    else if (!list_search(&ts->list, again ? ts->list.search : a->prompt_text, true) && ts->list.search[0])
        app_message(a, TR_WARNING, _("Geen weeksjabloon gevonden met '%s'."), ts->list.search);
    return R_DRAW;
}

static int templates_action(struct screen *s, struct app *a, enum action act)
{
    struct templates_screen *ts = (struct templates_screen *)s;
    if (list_move(&ts->list, act))
        return R_DRAW;
    const struct km_template *t = current(ts);
    switch (act) {
    case A_ADD:
        app_push(a, name_form_new(ts, NULL));
        return R_DRAW;
    case A_EDIT:
        if (t)
            app_push(a, name_form_new(ts, t));
        return R_DRAW;
    case A_DELETE:
        return ask_delete(ts, a);
    case A_SELECT:
        if (t)
            app_push(a, template_screen_new(a, t->id));
        return R_DRAW;
    case A_CHECK:
        if (t)
            app_push(a, check_screen_new(a, t->id));
        return R_DRAW;
    case A_SEARCH:
        return search(ts, a, false);
    case A_SEARCH_NEXT:
        return search(ts, a, true);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int templates_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct templates_screen *ts = (struct templates_screen *)s;
    if (!list_click(&ts->list, y))
        return R_NONE;
    return twice ? templates_action(s, a, A_SELECT) : R_DRAW;
}

static void templates_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct templates_screen *)s);
}

static void templates_destroy(struct screen *s)
{
    templates_list_free(&((struct templates_screen *)s)->t);
    free(s);
}

static const struct action_words templates_words[] = {
    {A_ADD, N_("nieuw"), N_("Maak een nieuw, leeg weeksjabloon.")},
    {A_EDIT, N_("hernoem/kopieer"), N_("Geef het gekozen sjabloon een andere naam, of maak er een kopie van.")},
    {A_DELETE, N_("verwijderen"), N_("Verwijder het gekozen sjabloon; eerst wordt om bevestiging gevraagd.")},
    {A_SELECT, N_("open"), N_("Open het gekozen sjabloon: de week met tijdsloten en lessen.")},
    {A_CHECK, N_("controleer"), N_("Zoek botsingen in het gekozen sjabloon: leerkrachten, lokalen, leerlingen.")},
    {ACT_NONE, NULL, NULL},
};

static const struct screen_ops templates_ops = {
    .draw = templates_draw,
    .on_action = templates_action,
    .reload = templates_reload,
    .resume = templates_reload,
    .on_click = templates_click,
    .destroy = templates_destroy,
};

struct screen *templates_screen_new(struct app *a)
{
    struct templates_screen *ts = calloc(1, sizeof *ts);
    if (!ts)
        return NULL;
    ts->base.ops = &templates_ops;
    ts->base.actions = templates_actions;
    ts->base.words = templates_words;
    ts->app = a;
    snprintf(ts->base.title, sizeof ts->base.title, "%s", "WEEK SJABLONEN");
    list_init(&ts->list, draw_template, template_text, ts);
    load(ts);
    return &ts->base;
}
