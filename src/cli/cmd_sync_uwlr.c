/* sync | sync status: the ParnasSys sync over UWLR (HTTPS), by hand or from the systemd timer or cron. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/mailspool.h"
#include "core/syncruns.h"
#include "sync/uwlr.h"

static void print_lines(FILE *f, const struct sync_report *rep)
{
    for (int i = 0; i < rep->nlines && i < SYNC_MAX_LINES; i++) {
        out_text(f, rep->lines[i]);
        fputc('\n', f);
    }
    if (rep->truncated)
        fprintf(f, _("… (meer regels dan er getoond worden)\n"));
}

static void print_counts(const struct sync_report *rep, bool dry_run)
{
    printf(_("%s %d toegevoegd, %d gewijzigd, %d gedeactiveerd, %d weer actief; groepen: %d nieuw, %d gewijzigd;"
             " %d lidmaatschappen gewijzigd.\n"),
           dry_run ? _("Proef (er is niets gewijzigd):") : "Gesynchroniseerd:", rep->added, rep->changed,
           rep->deactivated, rep->activated, rep->groups_added, rep->groups_changed, rep->memberships_changed);
    if (rep->relink)
        printf(_("%d eigen groep%s gekoppeld aan een groep van een vorig schooljaar; 'klassenmap sync status' toont"
                 " welke.\n"),
               rep->relink, rep->relink == 1 ? " is" : _("en zijn"));
}

int cmd_sync(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool dry_run = false;
    const struct cli_opt opts[] = {{"--dry-run", OPT_FLAG, &dry_run}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    if (!dry_run)
        mailspool_import(db); /* the timer's periodic write: the background mailer's results reach the log */
    struct sync_report *rep = calloc(1, sizeof *rep);
    char msg[UWLR_MESSAGE_MAX] = "";
    enum km_rc rc = rep ? uwlr_sync(db, c->cfg, dry_run, rep, msg, sizeof msg) : KM_ERR;
    int exit_code = EXIT_OK;
    if (!rep) {
        exit_code = out_error(_("Onvoldoende geheugen."));
    } else if (rc == KM_OK && msg[0]) { /* geenwijzigingen: a good run without anything to import */
        out_text(stdout, msg);
        fputc('\n', stdout);
    } else if (rc == KM_OK) {
        if (dry_run)
            print_lines(stdout, rep);
        print_counts(rep, dry_run);
    } else if (rc == KM_INVALID) {
        print_lines(stderr, rep); /* the importer's errors, each with its element and line */
        exit_code = out_error(_("%d fout%s in het antwoord van ParnasSys; er is niets gewijzigd."), rep->errors,
                              i18n_plural(rep->errors, "", "en", "", "s"));
    } else {
        exit_code = out_error("%s", msg[0] ? msg : db_errmsg(db));
    }
    free(rep);
    db_close(db);
    return exit_code;
}

/* ---- sync status ---- */

static void setting(const char *label, const char *value)
{
    printf("  %-19s", label);
    out_text(stdout, value);
    printf("\n");
}

static void print_settings(const struct km_config *cfg)
{
    char year[64], timeout[32];
    if (strcmp(cfg->schooljaar, "auto") == 0) {
        char now[12];
        groups_schooljaar(NULL, now);
        snprintf(year, sizeof year, _("auto (nu %s)"), now);
    } else {
        snprintf(year, sizeof year, "%s", cfg->schooljaar);
    }
    snprintf(timeout, sizeof timeout, _("%d seconden"), cfg->sync_timeout);
    printf(_("Synchronisatie met ParnasSys (uit %s):\n"), cfg->path[0] ? cfg->path : _("de standaardwaarden"));
    setting(_("adres"), cfg->uwlr_endpoint[0] ? cfg->uwlr_endpoint : _("(leeg: sync staat uit)"));
    setting("BRIN", cfg->brin[0] ? cfg->brin : _("(die van de school)"));
    setting(_("dependance"), cfg->dependancecode);
    setting(_("schooljaar"), year);
    setting("klantcode", cfg->klantcode[0] ? cfg->klantcode : _("(niet ingesteld: nodig voor UWLR)"));
    setting("klantnaam", cfg->klantnaam[0] ? cfg->klantnaam : _("(niet ingesteld: nodig voor UWLR)"));
    /* Only whether a key file is set: the key itself is never read here, let alone shown. */
    setting(_("sleutel"), cfg->key_file[0] ? _("in key_file (wordt nooit getoond)") : _("(geen key_file)"));
    setting(_("CA-bestand"), cfg->sync_ca_file[0] ? cfg->sync_ca_file : _("(die van het systeem)"));
    setting(_("clientcertificaat"), cfg->sync_client_cert[0] ? cfg->sync_client_cert : _("(geen)"));
    if (cfg->sync_client_cert[0]) /* like key_file: where the private key lives is not shown */
        setting(_("certificaatsleutel"), cfg->sync_client_key[0] ? _("in sync_client_key") : _("in sync_client_cert"));
    setting(_("wachttijd"), timeout);
}

/* A good run: its counts (and the importer's summary); a failed one: why, or how many errors. */
static void print_run(const struct syncrun *r)
{
    printf("  %s  ", r->started_at);
    out_cell(stdout, r->source, 20);
    printf("  %-8s %s", r->ok ? _("gelukt") : _("MISLUKT"), r->dry_run ? _("(proef) ") : "");
    if (r->ok)
        printf("+%d ~%d -%d%s", r->added, r->changed, r->deactivated, r->message[0] ? ": " : "");
    else if (!r->message[0])
        printf(_("%d fout%s"), r->errors, i18n_plural(r->errors, "", "en", "", "s"));
    out_text(stdout, r->message);
    printf("\n");
}

static int print_runs(struct km_session *s, int limit)
{
    struct syncrun_list runs;
    if (syncruns_list(s, limit, &runs) != KM_OK)
        return out_fail(s->db);
    printf(_("\nLaatste runs (nieuwste eerst; + toegevoegd, ~ gewijzigd, - gedeactiveerd):\n"));
    if (runs.n == 0)
        printf(_("  nog geen\n"));
    for (size_t i = 0; i < runs.n; i++)
        print_run(&runs.items[i]);
    syncruns_list_free(&runs);
    return EXIT_OK;
}

static int print_relink(struct km_session *s, const struct km_config *cfg)
{
    struct relink_list l;
    if (syncruns_relink(s, strcmp(cfg->schooljaar, "auto") == 0 ? NULL : cfg->schooljaar, &l) != KM_OK)
        return out_fail(s->db);
    printf(_("\nEigen groepen gekoppeld aan een groep van een vorig schooljaar:\n"));
    if (l.n == 0)
        printf(_("  geen\n"));
    for (size_t i = 0; i < l.n; i++) {
        printf("  ");
        out_text(stdout, l.items[i].name);
        printf(" (%s) -> ", l.items[i].schooljaar);
        out_text(stdout, l.items[i].linked_name);
        printf(" (%s)\n", l.items[i].linked_schooljaar);
    }
    syncruns_relink_free(&l);
    return EXIT_OK;
}

int cmd_sync_status(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    long limit = 10;
    const struct cli_opt opts[] = {{"--limit", OPT_INT, &limit}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (limit < 1 || limit > 1000)
        return args_usage_error(help, _("--limit is een getal van 1 tot 1000."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    print_settings(c->cfg);
    int rc = print_runs(&s, (int)limit);
    if (rc == EXIT_OK)
        rc = print_relink(&s, c->cfg);
    db_close(db);
    return rc;
}
