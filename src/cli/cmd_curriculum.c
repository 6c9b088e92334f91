/* curriculum export | import: the learning goals as a spreadsheet, out and back in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/out.h"
#include "core/i18n.h"
#include "sync/csv.h"
#include "sync/curriculum_csv.h"

static enum km_rc write_curriculum(FILE *f, void *ctx) { return curriculum_csv_export(ctx, f); }

static int export_to(struct km_session *s, const char *path)
{
    return cli_write_output(path, write_curriculum, s, s->db);
}

int cmd_curriculum_export(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *output = NULL;
    const struct cli_opt opts[] = {{"--output", OPT_STRING, &output}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int rc = export_to(&s, output);
    db_close(db);
    return rc;
}

static const char *const change_names[] = {
    [CCSV_NEW_HOOFDGEBIED] = N_("nieuw hoofdgebied"),
    [CCSV_NEW_DEELGEBIED] = N_("nieuw deelgebied"),
    [CCSV_NEW_NIVEAU] = N_("nieuw niveau"),
    [CCSV_NEW_GOAL] = N_("nieuw leerdoel"),
    [CCSV_CHANGED_GOAL] = "gewijzigd",
};

static void print_changes(const struct curriculum_csv_result *res)
{
    for (size_t i = 0; i < res->nchanges; i++) {
        const struct curriculum_csv_change *ch = &res->changes[i];
        printf(_("regel %-5d %-18s "), ch->line, _(change_names[ch->kind]));
        out_text(stdout, ch->name);
        if (*ch->detail) {
            printf("  ");
            out_text(stdout, ch->detail);
        }
        printf("\n");
    }
}

static void print_counts(const struct curriculum_csv_result *res, bool dry_run)
{
    printf(_("%s %d hoofdgebied%s, %d deelgebied%s, %d niveau%s en %d leerdoel%s; %s %d leerdoel%s; %d ongewijzigd.\n"),
           dry_run ? _("Zou toevoegen:") : _("Toegevoegd:"), res->new_hoofdgebieden,
           i18n_plural(res->new_hoofdgebieden, "", "en", "", "en"), res->new_deelgebieden,
           i18n_plural(res->new_deelgebieden, "", "en", "", "en"), res->new_niveaus,
           i18n_plural(res->new_niveaus, "", "s", "", "s"), res->new_goals,
           i18n_plural(res->new_goals, "", "en", "", "s"), dry_run ? _("zou wijzigen:") : _("gewijzigd:"),
           res->changed_goals, i18n_plural(res->changed_goals, "", "en", "", "s"), res->unchanged_goals);
}

static void print_errors(const struct curriculum_csv_result *res)
{
    for (size_t i = 0; i < res->nerrors; i++) {
        if (res->errors[i].line)
            fprintf(stderr, _("regel %d: "), res->errors[i].line);
        out_text(stderr, res->errors[i].text);
        fprintf(stderr, "\n");
    }
}

int cmd_curriculum_import(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool dry_run = false;
    const struct cli_opt opts[] = {{"--dry-run", OPT_FLAG, &dry_run}, {0}};
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
    struct curriculum_csv_result res;
    enum km_rc r = curriculum_csv_import(&s, data, len, dry_run, &res);
    free(data);
    if (r == KM_OK && dry_run) {
        printf(_("Proef, er verandert niets.\n"));
        print_changes(&res);
    }
    if (r == KM_OK)
        print_counts(&res, dry_run);
    print_errors(&res);
    int rc = r == KM_OK ? EXIT_OK : out_fail(db);
    curriculum_csv_result_free(&res);
    db_close(db);
    return rc;
}
