/* import edex: a ParnasSys export (EDEXML) read as the whole school; see core/snapshot.h for the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/fileread.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "sync/edex.h"

static void print_counts(const struct sync_report *r, bool dry_run)
{
    if (dry_run)
        printf("Proef: er verandert niets. Dit zou de import doen:\n");
    printf(_("Leerlingen en leerkrachten: %d nieuw, %d gewijzigd, %d gedeactiveerd, %d geactiveerd.\n"), r->added,
           r->changed, r->deactivated, r->activated);
    printf("Groepen: %d nieuw, %d gewijzigd; lidmaatschappen: %d gewijzigd.\n", r->groups_added, r->groups_changed,
           r->memberships_changed);
    printf(_("Eigen groepen opnieuw te koppelen: %d.\n"), r->relink);
}

static void print_lines(FILE *f, const struct sync_report *r)
{
    for (int i = 0; i < r->nlines; i++) {
        out_text(f, r->lines[i]);
        fputc('\n', f);
    }
    if (r->truncated)
        fprintf(f, _("(en meer; alleen de eerste %d regels staan hier)\n"), SYNC_MAX_LINES);
}

/* Standard input ("-"), at most EDEX_MAX_BYTES and one byte more, so the importer can say it is too big. */
static char *read_stdin(size_t *len) { return fileread_all(stdin, EDEX_MAX_BYTES, len); }

static enum km_rc run_import(struct km_db *db, const char *path, const struct edex_options *o, struct sync_report *r)
{
    if (strcmp(path, "-") != 0)
        return edex_import_path(db, path, o, r);
    size_t len;
    char *data = read_stdin(&len);
    if (!data)
        return db_fail(db, KM_ERR, _("Kan de standaardinvoer niet lezen."));
    enum km_rc rc = edex_import(db, data, len, o, r);
    free(data);
    return rc;
}

int cmd_import_edex(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool dry_run = false;
    const char *schooljaar = NULL;
    const struct cli_opt opts[] = {{"--dry-run", OPT_FLAG, &dry_run}, {"--schooljaar", OPT_STRING, &schooljaar}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef het EDEXML-bestand (of - voor standaardinvoer)."));
    if (schooljaar && !groups_valid_schooljaar(schooljaar))
        return args_usage_error(help, _("--schooljaar is een schooljaar zoals 2026-2027, niet '%.20s'."), schooljaar);
    struct sync_report *r = calloc(1, sizeof *r); /* empty: stdin may fail before the importer fills it */
    if (!r)
        return out_error(_("Onvoldoende geheugen."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s)) {
        free(r);
        return EXIT_FAIL;
    }
    struct edex_options o = {.dry_run = dry_run, .source_name = "edexml", .accept_schooljaar = schooljaar};
    enum km_rc rc = run_import(db, pos[0], &o, r);
    if (rc == KM_OK) {
        print_counts(r, dry_run);
        print_lines(stdout, r);
    } else {
        print_lines(stderr, r);
    }
    int code = rc == KM_OK ? EXIT_OK : out_fail(db);
    free(r);
    db_close(db);
    return code;
}
