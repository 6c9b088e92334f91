/* init, demo and check: the database as a whole. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/demo.h"
#include "core/i18n.h"
#include "core/mailspool.h"
#include "core/plugin.h"
#include "core/school.h"
#include "core/text.h"

int cmd_init(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *school = NULL, *brin = NULL;
    const struct cli_opt opts[] = {{"--school", OPT_STRING, &school}, {"--brin", OPT_STRING, &brin}, {0}};
    char *pos[1];
    int npos, rc;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (!school || !*school)
        return args_usage_error(help, _("--school ontbreekt."));
    /* Checked before the file is made, so a typo leaves no half-made database behind. */
    if (brin && !school_valid_brin(brin))
        return out_error(_("Ongeldige BRIN-code '%.10s': twee cijfers en twee hoofdletters of cijfers, zoals 99ZZ."),
                         brin);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_CREATE, &db, &s))
        return EXIT_FAIL;
    rc = school_create(&s, school, brin) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf(_("Database %s gemaakt voor "), c->db_path);
        out_text(stdout, school);
        printf(".\n");
    }
    db_close(db);
    return rc;
}

static void print_demo_report(const struct cli_ctx *c, const struct demo_report *r, const char *password)
{
    printf(_("Demoschool gemaakt in %s:\n"), c->db_path);
    printf(_("  %d leerlingen, %d leerkrachten, %d ouders, %d beheerders\n"), r->students, r->teachers, r->parents,
           r->beheerders);
    printf(_("  %d stamgroepen, %d eigen groepen, %d leerdoelen, %d statussen, %d lokalen\n"), r->groups_stam,
           r->groups_eigen, r->goals, r->statuses, r->rooms);
    printf(_("  %d weeksjablonen met %d tijdsloten en %d lessen; rooster van %d weken met %d lessen, %d geplande "
             "leerdoelen\n"),
           r->templates, r->slots, r->lessons, r->weeks, r->instances, r->planned);
    printf(_("\nDemo-accounts (wachtwoord: %s):\n"), password);
    for (int i = 0; i < 4; i++) {
        printf("  ");
        out_cell(stdout, r->accounts[i].role, 12);
        out_cell(stdout, r->accounts[i].username, 14);
        out_text(stdout, r->accounts[i].name);
        printf("\n");
    }
}

int cmd_demo(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *size = "small", *password = "demo";
    long seed = 1;
    const struct cli_opt opts[] = {
        {"--size", OPT_STRING, &size}, {"--seed", OPT_INT, &seed}, {"--password", OPT_STRING, &password}, {0}};
    char *pos[1];
    int npos, rc;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (strcmp(size, "small") != 0 && strcmp(size, "large") != 0 && strcmp(size, "xl") != 0)
        return args_usage_error(help, _("--size is small, large of xl, niet '%.20s'."), size);
    if (seed < 0 || seed > 0xffffffffL)
        return args_usage_error(help, _("--seed is een getal van 0 tot 4294967295."));
    if (!*password)
        return args_usage_error(help, _("--password mag niet leeg zijn."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_CREATE, &db, &s))
        return EXIT_FAIL;
    enum demo_size kind = strcmp(size, "xl") == 0 ? DEMO_XL : strcmp(size, "large") == 0 ? DEMO_LARGE : DEMO_SMALL;
    struct demo_options o = {kind, (uint32_t)seed, password, c->auth.params};
    struct demo_report r;
    rc = demo_create(db, &o, &r) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK)
        print_demo_report(c, &r, password);
    db_close(db);
    return rc;
}

static bool print_check(const char *what, bool ok, const char *detail)
{
    printf("%-14s %s", what, ok ? "ok" : _("FOUT"));
    if (detail && *detail) {
        printf(" (");
        out_text(stdout, detail);
        printf(")");
    }
    printf("\n");
    return ok;
}

/* Mail that does not work fails the check: the person asking for a code is told nothing about it. */
static bool check_mail(struct km_db *db, const struct km_session *s)
{
    struct mail_health m;
    mailspool_import(db); /* the check writes: the background mailer's results first (best effort) */
    if (mailspool_health(s, &m) != KM_OK)
        return print_check("mail", false, db_errmsg(db));
    if (!m.failing)
        return print_check("mail", true, "");
    char since[40], detail[600];
    if (!dates_local_stamp(m.since, true, since, sizeof since))
        snprintf(since, sizeof since, "%s", m.since);
    snprintf(detail, sizeof detail, _("werkt niet sinds %s: %s"), since, m.last_error);
    return print_check("mail", false, detail);
}

static void print_finding(void *ctx, const char *finding)
{
    (void)ctx;
    printf("  ");
    out_text(stdout, finding);
    printf("\n");
}

/* Every finding of integrity_check, on a connection of its own: also when the file is too damaged to open. */
static bool check_integrity(const char *path)
{
    char err[600] = "";
    int n = db_integrity_file(path, print_finding, NULL, err, sizeof err);
    if (n < 0) { /* not a finding about the file: why it could not be read */
        printf("%-14s %s (", "integriteit", _("niet gecontroleerd"));
        out_text(stdout, err);
        printf(")\n");
        return false;
    }
    return print_check("integriteit", n == 0, n ? _("zie de regels hierboven") : "");
}

/* The plugins for mail and the sync (core/plugin.h), loaded now rather than found missing when the nightly sync
 * runs or someone asks for a code. */
static bool check_plugins(void)
{
    char detail[700];
    bool ok = plugin_check_all(detail, sizeof detail);
    if (ok)
        plugin_dir(detail, sizeof detail);
    return print_check("onderdelen", ok, detail);
}

int cmd_check(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *pos[1];
    int npos, rc;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    char err[600];
    if (db_open(c->db_path, DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK) {
        out_error("%s", err);
        /* A file that is there but does not open: what integrity_check finds in it tells a damaged file from a
         * full disk or a permission (the file itself is then in order). */
        if (c->db_path && *c->db_path && access(c->db_path, F_OK) == 0)
            check_integrity(c->db_path);
        return EXIT_FAIL;
    }
    session_server(&s, db);
    struct db_health h;
    if (db_health(db, &h) != KM_OK) {
        rc = out_fail(db);
        check_integrity(c->db_path);
        db_close(db);
        return rc;
    }
    char detail[300];
    bool ok = true;
    snprintf(detail, sizeof detail, "%s", c->db_path);
    ok &= print_check("database", true, detail);
    ok &= check_integrity(c->db_path);
    snprintf(detail, sizeof detail, "journal_mode=%s", h.journal_mode);
    ok &= print_check("wal", strcmp(h.journal_mode, "wal") == 0, detail);
    snprintf(detail, sizeof detail, _("versie %d van %d"), h.schema, db_schema_version());
    ok &= print_check("schema", h.schema == db_schema_version(), detail);
    snprintf(detail, sizeof detail, _("%lld verwijzingen naar iets dat niet meer bestaat"), (long long)h.fk_errors);
    ok &= print_check("verwijzingen", h.fk_errors == 0, h.fk_errors ? detail : "");
    struct school_info school;
    ok &= print_check("school", school_get(db, &school) == KM_OK, school.name);
    ok &= print_check("configuratie", true, *c->cfg->path ? c->cfg->path : _("geen bestand, standaardwaarden"));
    ok &= check_mail(db, &s);
    ok &= check_plugins();
    db_close(db);
    return ok ? EXIT_OK : EXIT_FAIL;
}
