/* SCHOOL INSTELLINGEN: the school, the database and the ParnasSys sync settings, read-only. They live in
 * the server's configuration file, so the screen says where, and never shows a secret: of the
 * autorisatiesleutel only whether a key file is configured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/groups.h"
#include "core/school.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/screens.h"

#define LABEL_W 22

struct school_screen {
    struct screen base;
    struct app *app;
    bool allowed;
    bool have_school;
    struct school_info school;
};

static const enum action school_actions[] = {A_BACK, ACT_NONE};

static void school_load(struct school_screen *ss)
{
    struct app *a = ss->app;
    ss->allowed = access_check(&a->session, ACT_READ_SYNC_SETTINGS, 0) == KM_OK;
    if (!ss->allowed) {
        app_core_error(a);
        return;
    }
    ss->have_school = school_get(a->db, &ss->school) == KM_OK;
}

/* A label and its value on row y; an empty value shows `none` dimmed. Returns the next row. */
static int field(int y, int width, const char *label, const char *value, const char *none)
{
    draw_text(stdscr, y, 4, LABEL_W, label, TR_DIM);
    bool empty = !value || !*value;
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
    y = field(y, width, _("Database"), db_path(ss->app->db), _("onbekend"));
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

static int draw_sync(struct school_screen *ss, int y, int width)
{
    const struct km_config *c = ss->app->cfg;
    char year[96], timeout[48];
    schooljaar_text(c->schooljaar, year, sizeof year);
    snprintf(timeout, sizeof timeout, _("%d seconden"), c->sync_timeout);
    y = heading(y, width, _("Synchronisatie met ParnasSys (UWLR)"));
    y = field(y, width, _("UWLR-adres"), c->uwlr_endpoint, _("niet ingesteld: de synchronisatie staat uit"));
    y = field(y, width, "BRIN", c->brin, _("niet ingesteld"));
    /* the key itself and its file stay out of sight: only whether one is configured */
    y = field(y, width, _("Autorisatiesleutel"), *c->key_file ? _("ingesteld") : "", _("niet ingesteld"));
    y = field(y, width, _("Schooljaar"), year, "");
    y = field(y, width, _("CA-bestand"), c->sync_ca_file, _("de certificaten van het systeem"));
    return field(y, width, _("Time-out"), timeout, "");
}

/* A BRIN in the configuration that is not the school's would sync another school's data. */
static void draw_brin_check(struct school_screen *ss, int y, int width)
{
    const char *cfg_brin = ss->app->cfg->brin;
    if (!*cfg_brin || !ss->have_school || strcmp(cfg_brin, ss->school.brin) == 0)
        return;
    char line[160];
    snprintf(line, sizeof line, _("Let op: de BRIN in de configuratie (%s) is niet die van de school (%s)."), cfg_brin,
             ss->school.brin);
    draw_text(stdscr, y, 2, width - 4, line, TR_WARNING);
}

static void school_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    (void)h;
    struct school_screen *ss = (struct school_screen *)s;
    if (!ss->allowed) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Alleen de beheerder ziet de instellingen van de school."),
                  TR_WARNING);
        return;
    }
    draw_text(stdscr, top, 2, width - 4, _("Deze instellingen staan in het configuratiebestand van de server."),
              TR_NORMAL);
    draw_text(stdscr, top + 1, 2, width - 4,
              _("Hier kun je ze alleen lezen; de beheerder van de server wijzigt ze daar."), TR_DIM);
    int y = draw_school(ss, top + 3, width) + 1;
    y = draw_sync(ss, y, width) + 1;
    draw_brin_check(ss, y, width);
}

static int school_action(struct screen *s, struct app *a, enum action act)
{
    (void)s;
    (void)a;
    return act == A_BACK ? R_POP : R_NONE;
}

static void school_reload(struct screen *s, struct app *a)
{
    (void)a;
    school_load((struct school_screen *)s);
}

static void school_destroy(struct screen *s) { free(s); }

static const struct screen_ops school_ops = {
    .actions = school_actions,
    .draw = school_draw,
    .on_action = school_action,
    .reload = school_reload,
    .destroy = school_destroy,
};

struct screen *school_settings_screen_new(struct app *a)
{
    struct school_screen *ss = calloc(1, sizeof *ss);
    if (!ss)
        return NULL;
    ss->base.ops = &school_ops;
    ss->app = a;
    snprintf(ss->base.title, sizeof ss->base.title, "%s", "SCHOOL INSTELLINGEN");
    school_load(ss);
    return &ss->base;
}
