/* room add | list; template list | add | delete | check | export | import: the week templates from the
 * command line, and their spreadsheet round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/files.h"
#include "cli/out.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/lessons.h"
#include "core/rooms.h"
#include "core/templates.h"
#include "sync/csv.h"
#include "sync/template_csv.h"

/* ---- rooms ---- */

int cmd_room_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    long capacity = -1;
    const struct cli_opt opts[] = {{"--capacity", OPT_INT, &capacity}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam van het lokaal."));
    if (capacity < 0 || capacity > 100000)
        return args_usage_error(help, _("--capacity is het aantal plaatsen (0 = onbekend)."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int rc = rooms_add(&s, pos[0], (int)capacity, NULL) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf("Lokaal ");
        out_text(stdout, pos[0]);
        printf(_(" (%ld plaatsen) toegevoegd.\n"), capacity);
    }
    db_close(db);
    return rc;
}

static void print_room(const struct km_room *r, struct json_out *json)
{
    if (json) {
        json_object_begin(json);
        json_string(json, "name", r->name);
        json_int(json, "capacity", r->capacity);
        json_int(json, "lessons", r->lessons);
        json_object_end(json);
        return;
    }
    out_cell(stdout, r->name, 24);
    printf(_("  %4d plaatsen  %4d les%s in sjablonen\n"), r->capacity, r->lessons,
           i18n_plural(r->lessons, "", "sen", "", "s"));
}

int cmd_room_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool json = false;
    const struct cli_opt opts[] = {{"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_room_list l;
    int rc = rooms_list(&s, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        struct json_out j;
        if (json)
            json_list_begin(&j, stdout);
        for (size_t i = 0; i < l.n; i++)
            print_room(&l.items[i], json ? &j : NULL);
        if (json)
            json_list_end(&j);
        rooms_list_free(&l);
    }
    db_close(db);
    return rc;
}

/* ---- templates ---- */

static void print_template(const struct km_template *t, struct json_out *json)
{
    if (json) {
        json_object_begin(json);
        json_string(json, "name", t->name);
        json_int(json, "slots", t->slots);
        json_int(json, "lessons", t->lessons);
        json_int(json, "roster_weeks", t->roster_weeks);
        json_object_end(json);
        return;
    }
    out_cell(stdout, t->name, 24);
    printf(_("  %3d tijdsloten  %4d lessen"), t->slots, t->lessons);
    if (t->roster_weeks)
        printf(_("  (in %d roosterwe%s)"), t->roster_weeks, i18n_plural(t->roster_weeks, "ek", "ken", "", "s"));
    printf("\n");
}

int cmd_template_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool json = false;
    const struct cli_opt opts[] = {{"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_template_list l;
    int rc = templates_list(&s, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        struct json_out j;
        if (json)
            json_list_begin(&j, stdout);
        for (size_t i = 0; i < l.n; i++)
            print_template(&l.items[i], json ? &j : NULL);
        if (json)
            json_list_end(&j);
        templates_list_free(&l);
    }
    db_close(db);
    return rc;
}

/* Parses the one positional argument (a template's name) and opens the database. */
static int open_named(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv,
                      const struct cli_opt *opts, char **name, struct km_db **db, struct km_session *s)
{
    char *pos[1];
    int npos;
    int rc = args_parse(help, opts, argc, argv, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1) {
        args_usage_error(help, _("geef de naam van het weeksjabloon."));
        return EXIT_USAGE; /* spelled out: the callers read name and db after every 0 */
    }
    *name = pos[0];
    return cli_open(c, DB_OPEN_EXISTING, db, s) ? EXIT_FAIL : EXIT_OK;
}

#define OPEN_NAMED_OR_RETURN(opts)                                                                                     \
    do {                                                                                                               \
        int rc_ = open_named(c, help, argc, argv, opts, &name, &db, &s);                                               \
        if (rc_)                                                                                                       \
            return rc_ == ARGS_HELP ? EXIT_OK : rc_;                                                                   \
    } while (0)

int cmd_template_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *name;
    struct km_db *db;
    struct km_session s;
    OPEN_NAMED_OR_RETURN(NULL);
    int rc = templates_add(&s, name, NULL) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf("Weeksjabloon ");
        out_text(stdout, name);
        printf(_(" gemaakt.\n"));
    }
    db_close(db);
    return rc;
}

int cmd_template_delete(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *name;
    struct km_db *db;
    struct km_session s;
    OPEN_NAMED_OR_RETURN(NULL);
    int64_t id;
    int rc = templates_find(&s, name, &id) == KM_OK && templates_delete(&s, id) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf("Weeksjabloon ");
        out_text(stdout, name);
        printf(_(" verwijderd, met zijn tijdsloten en lessen.\n"));
    }
    db_close(db);
    return rc;
}

/* Every clash on its own line, refused ones first marked FOUT; exit 1 when there is one. */
static int print_conflicts(const struct conflict_list *l)
{
    size_t refused = 0;
    for (size_t i = 0; i < l->n; i++) {
        bool r = conflict_refused(l->items[i].kind);
        refused += r;
        printf("%s", r ? _("FOUT    ") : _("LET OP  "));
        out_text(stdout, l->items[i].text);
        printf("\n");
    }
    if (l->n == 0) {
        printf(_("geen botsingen\n"));
        return EXIT_OK;
    }
    printf(_("%zu botsing%s: %zu FOUT, %zu LET OP\n"), l->n, i18n_plural(l->n, "", "en", "", "es"), refused,
           l->n - refused);
    if (refused)
        return out_error(_("%zu botsing%s die niet mag%s (een leerkracht of lokaal tegelijk op twee plaatsen)."),
                         refused, i18n_plural(refused, "", "en", "", "es"),
                         i18n_plural(refused, "", "en", " is", " are"));
    return EXIT_OK;
}

int cmd_template_check(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *name;
    struct km_db *db;
    struct km_session s;
    OPEN_NAMED_OR_RETURN(NULL);
    int64_t id;
    struct conflict_list l = {0}; /* out_fail is not EXIT_OK, but the analyzer cannot see into out.c */
    int rc = templates_find(&s, name, &id) == KM_OK && conflicts_check(&s, id, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        rc = print_conflicts(&l);
        conflicts_free(&l);
    }
    db_close(db);
    return rc;
}

/* ---- the spreadsheet ---- */

struct template_export {
    struct km_session *s;
    int64_t id;
};

static enum km_rc write_template(FILE *f, void *ctx)
{
    struct template_export *e = ctx;
    return template_csv_export(e->s, e->id, f);
}

static int export_to(struct km_session *s, int64_t id, const char *path)
{
    struct template_export e = {s, id};
    return cli_write_output(path, write_template, &e, s->db);
}

int cmd_template_export(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool csv = false;
    const char *output = NULL;
    const struct cli_opt opts[] = {{"--csv", OPT_FLAG, &csv}, {"--output", OPT_STRING, &output}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam van het weeksjabloon."));
    if (!csv)
        return args_usage_error(help, _("kies het formaat: --csv."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t id;
    int rc = templates_find(&s, pos[0], &id) == KM_OK ? export_to(&s, id, output) : out_fail(db);
    db_close(db);
    return rc;
}

static void print_counts(const struct template_csv_result *res)
{
    printf(_("%d tijdslot%s ("), res->slots, i18n_plural(res->slots, "", "en", "", "s"));
    bool first = true;
    for (int d = 1; d <= 7; d++) {
        if (!res->slots_per_day[d])
            continue;
        printf("%s%s %d", first ? "" : ", ", hours_day_short(d), res->slots_per_day[d]);
        first = false;
    }
    printf(_("), %d les%s, %d %s"), res->lessons, i18n_plural(res->lessons, "", "sen", "", "s"), res->blokuren,
           res->blokuren == 1 ? "blokuur" : "blokuren");
}

/* A dry run shows what it would make also when there are mistakes, so a school sees how far its sheet got. */
static void print_import(const struct template_csv_result *res, const char *intro)
{
    if (intro) {
        printf("%s", intro);
        out_text(stdout, res->name);
        printf(" met ");
        print_counts(res);
        printf(".\n");
    }
    for (size_t i = 0; i < res->warnings.n; i++) {
        printf(_("LET OP  "));
        out_text(stdout, res->warnings.items[i].text);
        printf("\n");
    }
    for (size_t i = 0; i < res->nerrors; i++) {
        char line[32] = "";
        if (res->errors[i].line)
            snprintf(line, sizeof line, _("regel %d: "), res->errors[i].line);
        fprintf(stderr, "%s", line);
        out_text(stderr, res->errors[i].text);
        fprintf(stderr, "\n");
    }
}

int cmd_template_import(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *name = NULL;
    bool dry_run = false;
    const struct cli_opt opts[] = {{"--name", OPT_STRING, &name}, {"--dry-run", OPT_FLAG, &dry_run}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef het CSV-bestand (of - voor standaardinvoer)."));
    char *data = NULL;
    size_t len = 0;
    if (cli_read_file(pos[0], &data, &len))
        return EXIT_FAIL;
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s)) {
        free(data);
        return EXIT_FAIL;
    }
    struct template_csv_options o = {name, c->cfg ? c->cfg->slot_step_minutes : 5, dry_run};
    struct template_csv_result res;
    enum km_rc r = template_csv_import(&s, data, len, &o, &res);
    free(data);
    if (dry_run && (r == KM_OK || res.nerrors))
        print_import(&res, _("Proef, er verandert niets. Zou maken: weeksjabloon "));
    else
        print_import(&res, r == KM_OK ? "Gemaakt: weeksjabloon " : NULL);
    int rc = r == KM_OK ? EXIT_OK : out_fail(db);
    template_csv_result_free(&res);
    db_close(db);
    return rc;
}
