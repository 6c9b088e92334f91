/* SCHOOL INSTELLINGEN: the school, the database and the ParnasSys sync settings, read-only. They live in
 * the server's configuration file, so the screen says where, and never shows a secret: of the
 * autorisatiesleutel only whether a key file is configured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/groups.h"
#include "core/school.h"
#include "core/syncruns.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/screens.h"

#define LABEL_W 22

#define RUNS_SHOWN 8

struct school_screen {
    struct screen base;
    struct app *app;
    bool allowed;
    bool have_school;
    struct school_info school;
    struct syncrun_list runs;
    struct relink_list relink;
    int page;  /* 0: settings, 1: runs and groups to re-link (both at once on a tall terminal) */
    bool both; /* the last draw had room for both pages: Tab has nothing to switch */
};

static const enum action school_actions[] = {A_NEXT_FIELD, A_BACK, ACT_NONE};

static void school_load(struct school_screen *ss)
{
    struct app *a = ss->app;
    ss->allowed = access_check(&a->session, ACT_READ_SYNC_SETTINGS, 0) == KM_OK;
    if (!ss->allowed) {
        app_core_error(a);
        return;
    }
    ss->have_school = school_get(a->db, &ss->school) == KM_OK;
    syncruns_list_free(&ss->runs);
    syncruns_relink_free(&ss->relink);
    if (syncruns_list(&a->session, RUNS_SHOWN, &ss->runs) != KM_OK ||
        syncruns_relink(&a->session, NULL, &ss->relink) != KM_OK)
        app_core_error(a);
}

/* A label and its value on row y; an empty value shows `none` dimmed. Returns the next row. */
static int field(int y, int width, const char *label, const char *value, const char *none)
{
    draw_text(stdscr, y, 4, LABEL_W, label, TR_DIM);
    bool empty = !*value;
    draw_text(stdscr, y, 5 + LABEL_W, width - 7 - LABEL_W, empty ? none : value, empty ? TR_DIM : TR_NORMAL);
    return y + 1;
}

static int heading(int y, int width, const char *text)
{
    draw_text(stdscr, y, 2, width - 4, text, TR_TITLE);
    return y + 1;
}

static int draw_school(struct school_screen *ss, int y, int width)
{
    const struct km_config *c = ss->app->cfg;
    y = heading(y, width, _("School"));
    y = field(y, width, _("Naam"), ss->have_school ? ss->school.name : "", _("onbekend"));
    y = field(y, width, "BRIN", ss->have_school ? ss->school.brin : "", _("onbekend"));
    const char *path = db_path(ss->app->db);
    y = field(y, width, _("Database"), path ? path : "", _("onbekend"));
    return field(y, width, _("Configuratiebestand"), c->path, _("geen: standaardwaarden"));
}

static void schooljaar_text(const char *setting, char *out, size_t len)
{
    char now[12];
    if (strcmp(setting, "auto") != 0) {
        snprintf(out, len, "%s", setting);
        return;
    }
    groups_schooljaar(NULL, now);
    snprintf(out, len, _("automatisch (nu %s; wisselt op 1 augustus)"), now);
}

/* The BRIN as the sync will ask for it, and where it comes from. */
static const char *sync_brin_text(const struct school_screen *ss, char *out, size_t len)
{
    char brin[8];
    switch (school_sync_brin(ss->have_school ? &ss->school : NULL, ss->app->cfg->brin, brin)) {
    case BRIN_FROM_CONFIG:
        snprintf(out, len, _("%s (uit de configuratie)"), brin);
        break;
    case BRIN_FROM_SCHOOL:
        snprintf(out, len, _("%s (die van de school)"), brin);
        break;
    case BRIN_NONE:
        snprintf(out, len, "%s", _("geen: de synchronisatie kan niet"));
        break;
    case BRIN_INVALID:
        snprintf(out, len, _("%s: geen BRIN zoals UWLR die vraagt; de synchronisatie weigert"), brin);
        break;
    case BRIN_CONFLICT:
        snprintf(out, len, _("%s in de configuratie, %s van de school: de synchronisatie weigert"), ss->app->cfg->brin,
                 ss->school.brin);
        break;
    }
    return out;
}

static int draw_sync(struct school_screen *ss, int y, int width)
{
    const struct km_config *c = ss->app->cfg;
    char year[96], timeout[48], used[160], brin[200], klant[sizeof c->klantcode + sizeof c->klantnaam + 4];
    schooljaar_text(c->schooljaar, year, sizeof year);
    snprintf(timeout, sizeof timeout, _("%d seconden"), c->sync_timeout);
    snprintf(brin, sizeof brin, _("%s, dependance %s"), sync_brin_text(ss, used, sizeof used), c->dependancecode);
    klant[0] = '\0';
    if (*c->klantcode || *c->klantnaam)
        snprintf(klant, sizeof klant, "%s (%s)", c->klantcode, c->klantnaam);
    y = heading(y, width, _("Synchronisatie met ParnasSys (UWLR)"));
    y = field(y, width, _("UWLR-adres"), c->uwlr_endpoint, _("niet ingesteld: de synchronisatie staat uit"));
    y = field(y, width, "BRIN", brin, "");
    y = field(y, width, _("Klantcode (-naam)"), klant, _("niet ingesteld: nodig voor de synchronisatie"));
    /* the key itself and its file stay out of sight: only whether one is configured */
    y = field(y, width, _("Autorisatiesleutel"), *c->key_file ? _("ingesteld") : "", _("niet ingesteld"));
    y = field(y, width, _("Schooljaar"), year, "");
    y = field(y, width, _("CA-bestand"), c->sync_ca_file, _("de certificaten van het systeem"));
    /* the certificate is public; its private key's file is not shown, like the key file */
    y = field(y, width, _("Clientcertificaat"), c->sync_client_cert, _("geen"));
    return field(y, width, _("Time-out"), timeout, "");
}

/* A BRIN in the configuration that is not the school's would sync another school's data. */
static void draw_brin_check(struct school_screen *ss, int y, int width)
{
    const char *cfg_brin = ss->app->cfg->brin;
    char used[8];
    if (school_sync_brin(ss->have_school ? &ss->school : NULL, cfg_brin, used) != BRIN_CONFLICT)
        return;
    char line[160];
    snprintf(line, sizeof line, _("Let op: de BRIN in de configuratie (%s) is niet die van de school (%s)."), cfg_brin,
             ss->school.brin);
    draw_text(stdscr, y, 2, width - 4, line, TR_WARNING);
}

/* "30-11 06:00  uwlr  ok  3 nieuw, 2 gewijzigd, 1 inactief" or the failure's sentence. */
static void run_line(const struct syncrun *r, char *out, size_t len)
{
    char when[20] = "";
    if (strlen(r->started_at) >= 16) /* 'YYYY-MM-DD HH:MM:SS' → 'DD-MM HH:MM' */
        snprintf(when, sizeof when, "%.2s-%.2s %.5s", r->started_at + 8, r->started_at + 5, r->started_at + 11);
    if (!r->ok)
        snprintf(out, len, _("%s  %s  MISLUKT: %s"), when, r->source, r->message);
    else
        snprintf(out, len, _("%s  %s%s  %d nieuw, %d gewijzigd, %d inactief, %d fouten"), when, r->source,
                 r->dry_run ? _(" (proef)") : "", r->added, r->changed, r->deactivated, r->errors);
}

static int draw_runs(struct school_screen *ss, int y, int bottom, int width)
{
    y = heading(y, width, _("Laatste synchronisaties"));
    if (ss->runs.n == 0) {
        draw_text(stdscr, y, 4, width - 6, _("nog geen"), TR_DIM);
        return y + 1;
    }
    for (size_t i = 0; i < ss->runs.n && y < bottom; i++) {
        char line[600];
        run_line(&ss->runs.items[i], line, sizeof line);
        draw_text(stdscr, y++, 4, width - 6, line, ss->runs.items[i].ok ? TR_NORMAL : TR_ERROR);
    }
    return y;
}

static int draw_relink(struct school_screen *ss, int y, int bottom, int width)
{
    y = heading(y, width, _("Eigen groepen om opnieuw te koppelen (nieuw schooljaar)"));
    if (ss->relink.n == 0) {
        draw_text(stdscr, y, 4, width - 6, _("geen"), TR_DIM);
        return y + 1;
    }
    for (size_t i = 0; i < ss->relink.n && y < bottom; i++) {
        char line[700];
        const struct relink_group *g = &ss->relink.items[i];
        snprintf(line, sizeof line, _("%s is gekoppeld aan %s van %s"), g->name, g->linked_name, g->linked_schooljaar);
        draw_text(stdscr, y++, 4, width - 6, line, TR_WARNING);
    }
    return y;
}

static void school_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct school_screen *ss = (struct school_screen *)s;
    if (!ss->allowed) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Alleen de beheerder ziet de instellingen van de school."),
                  TR_WARNING);
        return;
    }
    bool both = ss->both = h >= 36;
    int y = top, bottom = top + h;
    if (both || ss->page == 0) {
        draw_text(stdscr, y, 2, width - 4, _("Deze instellingen staan in het configuratiebestand van de server."),
                  TR_NORMAL);
        draw_text(stdscr, y + 1, 2, width - 4,
                  _("Hier kun je ze alleen lezen; de beheerder van de server wijzigt ze daar."), TR_DIM);
        y = draw_school(ss, y + 3, width) + 1;
        y = draw_sync(ss, y, width);
        draw_brin_check(ss, y, width);
        y += 2;
    }
    if (both || ss->page == 1) {
        y = draw_runs(ss, y, bottom - 4, width) + 1;
        draw_relink(ss, y, bottom, width);
    }
    if (!both)
        draw_text(stdscr, bottom - 1, 2, width - 4,
                  ss->page == 0 ? _("Tab: de laatste synchronisaties") : _("Tab: de instellingen"), TR_DIM);
}

/* The footer is drawn after the body, so `both` is what the screen shows now. */
static const struct action_words *school_words(const struct screen *s, enum action act)
{
    static const struct action_words runs = {
        A_NEXT_FIELD, N_("synchronisaties"),
        N_("Toon de laatste synchronisaties en de groepen om opnieuw te koppelen.")};
    static const struct action_words settings = {A_NEXT_FIELD, N_("instellingen"), N_("Toon de instellingen.")};
    static const struct action_words none = {A_NEXT_FIELD, "", NULL};
    const struct school_screen *ss = (const struct school_screen *)s;
    if (act != A_NEXT_FIELD)
        return NULL;
    return ss->both ? &none : ss->page == 0 ? &runs : &settings;
}

static int school_action(struct screen *s, struct app *a, enum action act)
{
    (void)a;
    struct school_screen *ss = (struct school_screen *)s;
    if (act == A_NEXT_FIELD) {
        ss->page = !ss->page;
        return R_DRAW;
    }
    return act == A_BACK ? R_POP : R_NONE;
}

static void school_reload(struct screen *s, struct app *a)
{
    (void)a;
    school_load((struct school_screen *)s);
}

static void school_destroy(struct screen *s)
{
    struct school_screen *ss = (struct school_screen *)s;
    syncruns_list_free(&ss->runs);
    syncruns_relink_free(&ss->relink);
    free(s);
}

static const struct screen_ops school_ops = {
    .draw = school_draw,
    .on_action = school_action,
    .reload = school_reload,
    .resume = school_reload,
    .destroy = school_destroy,
    .words_now = school_words,
};

struct screen *school_settings_screen_new(struct app *a)
{
    struct school_screen *ss = calloc(1, sizeof *ss);
    if (!ss)
        return NULL;
    ss->base.ops = &school_ops;
    ss->base.actions = school_actions;
    ss->app = a;
    snprintf(ss->base.title, sizeof ss->base.title, "%s", "SCHOOL INSTELLINGEN");
    school_load(ss);
    return &ss->base;
}
