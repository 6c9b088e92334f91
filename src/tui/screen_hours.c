/* MIJNROOSTER INSTELLINGEN → INSTELLINGEN: the school hours of the seven weekdays. Space switches a day
 * between the standard time and closed, Enter/e changes its times, d closes it. Every change carries the
 * version the screen showed, so a change another beheerder made meanwhile is refused, never overwritten.
 * Beside each day stand the time slots the week templates have on it: closing or narrowing a day that
 * has slots leaves them outside the school hours, and the beheerder is told so before and after. */
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/templates.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

/* A time slot of some template, reduced to what the school hours touch. */
struct span {
    int weekday, start, end;
};

struct hours_screen {
    struct screen base;
    struct app *app;
    struct school_day days[7];
    struct span *spans; /* every slot of every template */
    int nspans;
    int templates[7]; /* templates with at least one slot on that day */
    struct list list;
    int ask_day;         /* the weekday the open dialog is about */
    int64_t ask_version; /* its version when the question was asked */
};

static const enum action hours_actions[] = {A_EDIT, A_TOGGLE, A_DELETE, A_SELECT, A_BACK,
                                            A_UP,   A_DOWN,   A_HOME,   A_END,    ACT_NONE};

static const struct action_words hours_words[] = {
    {A_EDIT, N_("tijden"), N_("Wijzig het begin en eind van de gekozen dag.")},
    {A_SELECT, N_("tijden"), N_("Wijzig het begin en eind van de gekozen dag.")},
    {A_TOGGLE, N_("open/dicht"), N_("Open de dag met de standaardtijden, of sluit hem (eerst wordt gevraagd).")},
    {A_DELETE, N_("sluiten"), N_("Sluit de gekozen dag; eerst wordt om bevestiging gevraagd.")},
    {ACT_NONE, NULL, NULL},
};

/* ---- reading ---- */

static bool add_template(struct hours_screen *hs, const struct km_slot_list *l)
{
    struct span *n = realloc(hs->spans, (size_t)(hs->nspans + (int)l->n + 1) * sizeof *n);
    if (!n)
        return false;
    hs->spans = n;
    bool seen[7] = {false};
    for (size_t i = 0; i < l->n; i++) {
        const struct km_slot *x = &l->items[i];
        if (x->weekday < 1 || x->weekday > 7)
            continue;
        hs->spans[hs->nspans++] = (struct span){x->weekday, x->start_min, x->end_min};
        hs->templates[x->weekday - 1] += !seen[x->weekday - 1];
        seen[x->weekday - 1] = true;
    }
    return true;
}

/* Only for the warnings: when they cannot be read, the screen still works without them. */
static void read_slots(struct hours_screen *hs)
{
    free(hs->spans);
    hs->spans = NULL;
    hs->nspans = 0;
    memset(hs->templates, 0, sizeof hs->templates);
    struct km_template_list tl;
    if (templates_list(&hs->app->session, &tl) != KM_OK)
        return;
    bool ok = true;
    for (size_t t = 0; t < tl.n && ok; t++) {
        struct km_slot_list l;
        if (slots_list(&hs->app->session, tl.items[t].id, &l) != KM_OK)
            continue;
        ok = add_template(hs, &l);
        slots_list_free(&l);
    }
    templates_list_free(&tl);
}

static void load(struct hours_screen *hs)
{
    if (hours_get(&hs->app->session, hs->days) != KM_OK)
        app_core_error(hs->app);
    read_slots(hs);
    list_set_count(&hs->list, 7);
}

/* ---- texts ---- */

static void times_text(const struct school_day *d, char *out, size_t len)
{
    char a[6], b[6];
    hours_format(d->start_min, a);
    hours_format(d->end_min, b);
    snprintf(out, len, "%s – %s", a, b);
}

static int slots_on(const struct hours_screen *hs, int weekday)
{
    int n = 0;
    for (int i = 0; i < hs->nspans; i++)
        n += hs->spans[i].weekday == weekday;
    return n;
}

/* Slots of that day that would not lie within [start, end]: they keep their lessons, which the check then
 * reports as outside the school hours. A closed day passes start > end, so every slot counts. */
static int slots_outside(const struct hours_screen *hs, int weekday, int start, int end)
{
    int n = 0;
    for (int i = 0; i < hs->nspans; i++) {
        const struct span *x = &hs->spans[i];
        n += x->weekday == weekday && (x->start < start || x->end > end);
    }
    return n;
}

static int outside_now(const struct hours_screen *hs, const struct school_day *d)
{
    return d->open ? slots_outside(hs, d->weekday, d->start_min, d->end_min) : slots_on(hs, d->weekday);
}

static void slots_text(const struct hours_screen *hs, const struct school_day *day, char *out, size_t len)
{
    int n = slots_on(hs, day->weekday), out_n = outside_now(hs, day), t = hs->templates[day->weekday - 1];
    char what[40];
    /* two plurals in one line: each number chooses its own */
    snprintf(what, sizeof what, ngettext("%d tijdslot", "%d tijdsloten", (unsigned long)n), n);
    if (n == 0)
        snprintf(out, len, "%s", _("geen tijdsloten"));
    else if (!day->open) /* the '!' says it without colour */
        snprintf(out, len, _("! %s, maar dicht"), what);
    else if (out_n)
        snprintf(out, len, _("! %d van de %s erbuiten"), out_n, what);
    else
        snprintf(out, len, ngettext("%s in %d sjabloon", "%s in %d sjablonen", (unsigned long)t), what, t);
}

/* ---- drawing ---- */

static void draw_day(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct hours_screen *hs = ctx;
    const struct school_day *d = &hs->days[i];
    enum theme_role r = selected ? TR_SELECTED : TR_NORMAL;
    char times[40], slots[120];
    draw_fill(stdscr, y, x, 1, width, r);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", r);
    draw_text(stdscr, y, x + 2, 11, _(hours_day_name(d->weekday)), r);
    /* open or closed: a glyph and a word, never colour alone */
    draw_text(stdscr, y, x + 14, 9, d->open ? _("● open") : _("○ dicht"), selected ? r : d->open ? TR_OK : TR_DIM);
    if (d->open)
        times_text(d, times, sizeof times);
    draw_text(stdscr, y, x + 24, 15, d->open ? times : "—", selected ? r : d->open ? TR_NORMAL : TR_DIM);
    slots_text(hs, d, slots, sizeof slots);
    draw_text(stdscr, y, x + 40, width - 40, slots, selected ? r : outside_now(hs, d) ? TR_WARNING : TR_DIM);
}

static void hours_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct hours_screen *hs = (struct hours_screen *)s;
    int w = width < 100 ? width - 4 : 96;
    draw_text(stdscr, top, 2, w, _("De schooltijden per weekdag; elk weekrooster wordt hieruit getekend."), TR_DIM);
    draw_fill(stdscr, top + 2, 2, 1, w, TR_GRID_HEADER);
    draw_text(stdscr, top + 2, 4, 11, _("Dag"), TR_GRID_HEADER);
    draw_text(stdscr, top + 2, 16, 9, _("Open"), TR_GRID_HEADER);
    draw_text(stdscr, top + 2, 26, 15, _("Tijden"), TR_GRID_HEADER);
    draw_text(stdscr, top + 2, 42, w - 40, _("Tijdsloten in de weeksjablonen"), TR_GRID_HEADER);
    list_draw(&hs->list, top + 3, 2, 7, w);
    char hint[200];
    char a1[6], b1[6];
    hours_format(HOURS_STANDARD_START, a1);
    hours_format(HOURS_STANDARD_END, b1);
    snprintf(hint, sizeof hint, _("Spatie: open %s–%s of dicht · Enter/e: tijden wijzigen · d: sluiten"), a1, b1);
    if (h > 12)
        draw_text(stdscr, top + 11, 2, w, hint, TR_DIM);
}

/* ---- changing a day ---- */

static void after_change(struct app *a, enum km_rc rc)
{
    if (rc != KM_OK)
        app_core_error(a); /* KM_CONFLICT names what changed; the reload then shows it */
}

static void warn_outside(struct hours_screen *hs, int weekday, int start, int end)
{
    int n = slots_outside(hs, weekday, start, end);
    if (n)
        app_message(hs->app, TR_WARNING,
                    ngettext("Opgeslagen. Let op: %d tijdslot op %s ligt buiten deze tijden (zie controle).",
                             "Opgeslagen. Let op: %d tijdsloten op %s liggen buiten deze tijden (zie controle).",
                             (unsigned long)n),
                    n, _(hours_day_name(weekday)));
}

static void open_standard(struct hours_screen *hs, const struct school_day *d)
{
    enum km_rc rc = hours_set(&hs->app->session, d->weekday, HOURS_STANDARD_START, HOURS_STANDARD_END, d->version);
    after_change(hs->app, rc);
    if (rc == KM_OK) {
        app_message(hs->app, TR_OK, _("Op %s is de school nu open."), _(hours_day_name(d->weekday)));
        warn_outside(hs, d->weekday, HOURS_STANDARD_START, HOURS_STANDARD_END);
    }
    load(hs);
}

static void close_answered(struct app *a, void *ctx, bool yes)
{
    struct hours_screen *hs = ctx;
    if (!yes)
        return;
    enum km_rc rc = hours_close(&a->session, hs->ask_day, hs->ask_version);
    after_change(a, rc);
    if (rc == KM_OK)
        app_message(a, TR_OK, _("Op %s is de school nu dicht."), _(hours_day_name(hs->ask_day)));
    /* the screen reloads itself once the dialog is gone */
}

static int ask_close(struct hours_screen *hs, struct app *a, const struct school_day *d)
{
    if (!d->open) {
        app_message(a, TR_NORMAL, _("Op %s is de school al dicht."), _(hours_day_name(d->weekday)));
        return R_DRAW;
    }
    int n = slots_on(hs, d->weekday);
    char q[400];
    if (n)
        snprintf(
            q, sizeof q,
            ngettext("De school op %s sluiten? Op %s is er %d tijdslot; dat valt dan buiten de schooltijden.",
                     "De school op %s sluiten? Op %s zijn er %d tijdsloten; die vallen dan buiten de schooltijden.",
                     (unsigned long)n),
            _(hours_day_name(d->weekday)), _(hours_day_name(d->weekday)), n);
    else
        snprintf(q, sizeof q, _("De school op %s sluiten?"), _(hours_day_name(d->weekday)));
    hs->ask_day = d->weekday;
    hs->ask_version = d->version;
    app_push(a, dialog_confirm_new(a, q, close_answered, hs));
    return R_DRAW;
}

/* ---- the form for one day ---- */

struct day_form {
    struct form_screen fs;      /* first: the shared form glue */
    struct hours_screen *owner; /* below this screen on the stack for as long as the form lives */
    int weekday;
    int64_t version; /* of the day as the list showed it */
};

enum { F_START, F_END, F_SAVE };

static const enum action form_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_UP, A_DOWN, A_BACK, ACT_NONE};

static void day_form_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    (void)h;
    struct day_form *df = (struct day_form *)s;
    int x = (width - 72) / 2;
    char line[200];
    snprintf(line, sizeof line, _("Van wanneer tot wanneer is de school open op %s?"), _(hours_day_name(df->weekday)));
    draw_text(stdscr, top + 1, x, 72, line, TR_NORMAL);
    draw_text(stdscr, top + 2, x, 72, _("Tijden als 08:30; de eindtijd ligt na de begintijd."), TR_DIM);
    form_draw(&df->fs.form, top + 4, x, 72);
}

/* The formats are checked by the form; that the day ends after it starts, here, beside the field. */
static bool read_times(struct day_form *df, int *start, int *end)
{
    if (form_validate(&df->fs.form) >= 0)
        return false;
    *start = hours_parse(df->fs.form.fields[F_START].value);
    *end = hours_parse(df->fs.form.fields[F_END].value);
    if (*end > *start)
        return true;
    snprintf(df->fs.form.fields[F_END].error, sizeof df->fs.form.fields[F_END].error, "%s", _("na de begintijd"));
    df->fs.form.focus = F_END;
    return false;
}

static int save_day(struct form_screen *fs, struct app *a, int field)
{
    (void)field;
    struct day_form *df = (struct day_form *)fs;
    int start, end;
    if (!read_times(df, &start, &end))
        return R_DRAW;
    enum km_rc rc = hours_set(&a->session, df->weekday, start, end, df->version);
    if (rc == KM_INVALID) { /* stay: the times can be corrected */
        app_core_error(a);
        return R_DRAW;
    }
    after_change(a, rc); /* a conflict closes the form: the list below reloads and shows the new state */
    if (rc == KM_OK) {
        char line[40];
        struct school_day d = {df->weekday, true, start, end, 0};
        times_text(&d, line, sizeof line);
        app_message(a, TR_OK, _("Op %s is de school open van %s."), _(hours_day_name(df->weekday)), line);
        warn_outside(df->owner, df->weekday, start, end);
    }
    return R_POP;
}

/* A closed day starts from the standard time, so opening it is one Enter away. */
static struct screen *day_form_new(struct hours_screen *hs, const struct school_day *d)
{
    struct day_form *df = calloc(1, sizeof *df);
    if (!df)
        return NULL;
    df->owner = hs;
    df->weekday = d->weekday;
    df->version = d->version;
    snprintf(df->fs.base.title, sizeof df->fs.base.title, "INSTELLINGEN › %s", _(hours_day_name(d->weekday)));
    form_screen_init(&df->fs, form_actions, day_form_draw, save_day, 12);
    if (form_add(&df->fs.form, FIELD_TIME, _("Begin"), true) != F_START ||
        form_add(&df->fs.form, FIELD_TIME, _("Eind"), true) != F_END ||
        form_add(&df->fs.form, FIELD_BUTTON, _("Schooltijden opslaan"), false) != F_SAVE) {
        form_screen_destroy(&df->fs.base);
        return NULL;
    }
    char t[6];
    hours_format(d->open ? d->start_min : HOURS_STANDARD_START, t);
    form_set_value(&df->fs.form, F_START, t);
    hours_format(d->open ? d->end_min : HOURS_STANDARD_END, t);
    form_set_value(&df->fs.form, F_END, t);
    for (int i = F_START; i <= F_END; i++)
        df->fs.form.fields[i].max_chars = 5;
    return &df->fs.base;
}

/* ---- the screen ---- */

static int hours_action(struct screen *s, struct app *a, enum action act)
{
    struct hours_screen *hs = (struct hours_screen *)s;
    if (list_move(&hs->list, act))
        return R_DRAW;
    const struct school_day *d = &hs->days[hs->list.cur];
    switch (act) {
    case A_SELECT:
    case A_EDIT:
        app_push(a, day_form_new(hs, d));
        return R_DRAW;
    case A_TOGGLE:
        if (d->open)
            return ask_close(hs, a, d);
        open_standard(hs, d);
        return R_DRAW;
    case A_DELETE:
        return ask_close(hs, a, d);
    case A_BACK:
        return R_POP;
    default:
        return R_NONE;
    }
}

static int hours_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct hours_screen *hs = (struct hours_screen *)s;
    if (!list_click(&hs->list, y))
        return R_NONE;
    return twice ? hours_action(s, a, A_EDIT) : R_DRAW;
}

static void hours_reload(struct screen *s, struct app *a)
{
    (void)a;
    load((struct hours_screen *)s);
}

static void hours_destroy(struct screen *s)
{
    free(((struct hours_screen *)s)->spans);
    free(s);
}

static const struct screen_ops hours_ops = {
    .draw = hours_draw,
    .on_action = hours_action,
    .reload = hours_reload,
    .resume = hours_reload,
    .on_click = hours_click,
    .destroy = hours_destroy,
};

struct screen *hours_screen_new(struct app *a)
{
    struct hours_screen *hs = calloc(1, sizeof *hs);
    if (!hs)
        return NULL;
    hs->base.ops = &hours_ops;
    hs->base.actions = hours_actions;
    hs->base.words = hours_words;
    hs->app = a;
    snprintf(hs->base.title, sizeof hs->base.title, "INSTELLINGEN — %s", _("schooltijden"));
    list_init(&hs->list, draw_day, NULL, hs);
    load(hs);
    return &hs->base;
}
