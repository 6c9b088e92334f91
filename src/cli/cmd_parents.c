/* import parents | invite parents | parent link | parent unlink: parents and guardians from a ParnasSys CSV
 * export, their account mail, and the links the school makes itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/out.h"
#include "core/children.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/invite.h"
#include "core/syncruns.h"
#include "sync/csv.h"
#include "sync/parents_csv.h"

/* ---- invitations ---- */

/* Mails every parent in the list; returns how many failed (each one named on stderr). */
static int send_invitations(struct km_session *s, const struct km_config *cfg, const struct parents_invitee_list *l)
{
    int failed = 0;
    for (size_t i = 0; i < l->n; i++) {
        char err[600];
        if (invite_send(s, cfg, &l->items[i], err, sizeof err) == KM_OK) {
            printf(_("Uitnodiging gemaild aan "));
            out_text(stdout, l->items[i].username);
            printf(".\n");
            continue;
        }
        failed++;
        fprintf(stderr, "klassenmap: ");
        out_text(stderr, l->items[i].username);
        fprintf(stderr, ": ");
        out_text(stderr, err);
        fprintf(stderr, "\n");
    }
    return failed;
}

static int invitation_result(int failed, size_t total)
{
    if (!failed)
        return EXIT_OK;
    return out_error(
        _("%d van de %zu uitnodigingen %s niet verstuurd; 'klassenmap invite parents' probeert het later opnieuw."),
        failed, total, failed == 1 ? "is" : "zijn");
}

static int invite_new(struct km_session *s, const struct km_config *cfg, const struct parents_result *res)
{
    struct parents_invite_filter f = {.ids = res->added_ids, .nids = res->nadded};
    struct parents_invitee_list l;
    if (parents_uninvited(s, &f, &l) != KM_OK)
        return out_fail(s->db);
    int failed = send_invitations(s, cfg, &l);
    int rc = invitation_result(failed, l.n);
    parents_invitee_list_free(&l);
    return rc;
}

/* ---- import parents ---- */

static void print_lines(FILE *f, const struct line_error *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (lines[i].line)
            fprintf(f, _("regel %d: "), lines[i].line);
        out_text(f, lines[i].text);
        fputc('\n', f);
    }
}

static void print_counts(const struct parents_result *res, bool dry_run, bool invite)
{
    printf(_("%s ouders: %d nieuw, %d gewijzigd, %d weer actief, %d gedeactiveerd, %d ongewijzigd;"
             " koppelingen met leerlingen: %d nieuw, %d gewijzigd, %d verwijderd.\n"),
           dry_run ? _("Proef (er is niets gewijzigd):") : "Geïmporteerd:", res->added, res->changed, res->reactivated,
           res->deactivated, res->unchanged, res->links_added, res->links_changed, res->links_removed);
    if (res->added && dry_run)
        printf(
            invite
                ? _("Er zouden %d uitnodigingen worden gemaild.\n")
                : _("Zonder uitnodiging (--no-invite): 'klassenmap invite parents' mailt de %d nieuwe ouders later.\n"),
            res->added);
    else if (res->added && !invite)
        printf(_("Geen uitnodigingen gemaild (--no-invite); 'klassenmap invite parents' mailt de %d nieuwe ouders "
                 "later.\n"),
               res->added);
}

/* The run goes into sync_runs, like every import from ParnasSys, so SCHOOL INSTELLINGEN shows it. */
static void record_run(struct km_session *s, const char *path, const char *started, bool dry_run, enum km_rc rc,
                       const struct parents_result *res)
{
    struct syncrun run = {.dry_run = dry_run, .ok = rc == KM_OK};
    const char *slash = strrchr(path, '/');
    snprintf(run.source, sizeof run.source, "ouders %.56s", slash ? slash + 1 : path);
    snprintf(run.started_at, sizeof run.started_at, "%s", started);
    run.added = res->added;
    run.changed = res->changed + res->reactivated;
    run.deactivated = res->deactivated;
    run.errors = rc == KM_OK ? 0 : res->nerrors ? (int)res->nerrors : 1;
    snprintf(run.message, sizeof run.message, "%s", rc == KM_OK ? "" : db_errmsg(s->db));
    syncruns_record(s, &run);
}

static int report(struct km_session *s, enum km_rc rc, const struct parents_result *res, const char *ignored,
                  bool dry_run, bool invite)
{
    if (*ignored) {
        printf(_("Genegeerde kolommen (niet opgeslagen): "));
        out_text(stdout, ignored);
        printf(".\n");
    }
    if (rc != KM_OK) {
        print_lines(stderr, res->errors, res->nerrors);
        return out_fail(s->db);
    }
    if (dry_run)
        print_lines(stdout, res->changes, res->nchanges);
    print_counts(res, dry_run, invite);
    return EXIT_OK;
}

int cmd_import_parents(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool no_invite = false, dry_run = false;
    const struct cli_opt opts[] = {{"--no-invite", OPT_FLAG, &no_invite}, {"--dry-run", OPT_FLAG, &dry_run}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef het CSV-bestand met de ouders (of - voor standaardinvoer)."));
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
    session_sync(&s, db); /* parents from ParnasSys are synced data: only the sync writes them */
    char started[20], ignored[400];
    db_now(started);
    struct parents_result res;
    enum km_rc rc = parents_csv_import(&s, data, len, dry_run, &res, ignored, sizeof ignored);
    free(data);
    char why[400];
    snprintf(why, sizeof why, "%s", db_errmsg(db)); /* recording the run must not replace the message */
    record_run(&s, pos[0], started, dry_run, rc, &res);
    if (rc != KM_OK)
        db_fail(db, rc, "%s", why);
    int exit_code = report(&s, rc, &res, ignored, dry_run, !no_invite);
    if (exit_code == EXIT_OK && !dry_run && !no_invite && res.nadded)
        exit_code = invite_new(&s, c->cfg, &res);
    parents_result_free(&res);
    db_close(db);
    return exit_code;
}

/* ---- invite parents ---- */

int cmd_invite_parents(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *group = NULL;
    bool dry_run = false;
    const struct cli_opt opts[] = {{"--group", OPT_STRING, &group}, {"--dry-run", OPT_FLAG, &dry_run}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct parents_invite_filter f = {0};
    struct parents_invitee_list l = {0};
    int rc = EXIT_OK;
    if (group && groups_find(&s, group, NULL, &f.group_id) != KM_OK)
        rc = out_fail(db);
    else if (parents_uninvited(&s, &f, &l) != KM_OK)
        rc = out_fail(db);
    else if (l.n == 0)
        printf(_("Alle ouders%s met een e-mailadres hebben al een uitnodiging of een wachtwoord.\n"),
               group ? _(" van de groep") : "");
    else if (dry_run)
        for (size_t i = 0; i < l.n; i++) {
            printf(_("Zou uitnodigen: "));
            out_text(stdout, l.items[i].username);
            printf("\n");
        }
    else
        rc = invitation_result(send_invitations(&s, c->cfg, &l), l.n);
    parents_invitee_list_free(&l);
    db_close(db);
    return rc;
}

/* ---- links made by the school ---- */

static int change_link(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv, bool link)
{
    const char *relation = NULL;
    const struct cli_opt opts[] = {{"--relation", OPT_STRING, &relation}, {0}};
    char *pos[2];
    int npos;
    PARSE_OR_RETURN(help, link ? opts : NULL, argc, argv, pos, 2, &npos);
    if (npos != 2)
        return args_usage_error(help, _("geef de gebruikersnaam van de ouder en die van de leerling."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user parent = {0}, child = {0};
    int rc = users_get(&s, pos[0], &parent) == KM_OK && users_get(&s, pos[1], &child) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        enum km_rc r =
            link ? children_link(&s, parent.id, child.id, relation) : children_unlink(&s, parent.id, child.id);
        rc = r == KM_OK ? EXIT_OK : out_fail(db);
    }
    if (rc == EXIT_OK) {
        out_text(stdout, parent.username);
        printf(link ? _(" volgt nu ") : _(" volgt niet meer "));
        out_text(stdout, child.username);
        printf(".\n");
    }
    users_free(&parent);
    users_free(&child);
    db_close(db);
    return rc;
}

int cmd_parent_link(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return change_link(c, help, argc, argv, true);
}

int cmd_parent_unlink(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return change_link(c, help, argc, argv, false);
}
