/* Arguments, configuration and dispatch: a command goes to the command line, no command opens the screens. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */
#include "cli/cli.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/names.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/keys_doc.h"

struct globals {
    const char *db;
    const char *config;
    const char *as_user; /* --as: the screens as this person, logged in by sshd's key check */
    int first_command;   /* index in argv, or argc when none */
};

static int take_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (strcmp(argv[*i], name) != 0)
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, _("klassenmap: %s verwacht een waarde.\n"), name);
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

/* Returns -1 to exit with success (--help, --version), EXIT_USAGE on a mistake, 0 to go on. */
static int parse_globals(int argc, char **argv, struct globals *g)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        int r;
        if (strcmp(argv[i], "--") == 0) { /* the end of the options: a command follows */
            i++;
            break;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            cli_usage(stdout);
            return -1;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("klassenmap %s\n", KM_VERSION);
            return -1;
        }
        if (strcmp(argv[i], "--print-keys") == 0) { /* for `make keys-doc`: doc/keys.md's table */
            keys_doc_print(stdout);
            return -1;
        }
        if ((r = take_value(argc, argv, &i, "--db", &g->db)) != 0 ||
            (r = take_value(argc, argv, &i, "--config", &g->config)) != 0 ||
            (r = take_value(argc, argv, &i, "--as", &g->as_user)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
            continue;
        }
        fprintf(stderr, _("klassenmap: onbekende optie '%.40s'; 'klassenmap --help' toont de opties.\n"), argv[i]);
        return EXIT_USAGE;
    }
    g->first_command = i;
    return 0;
}

static int load_config(const struct globals *g, struct km_config *cfg)
{
    config_defaults(cfg);
    const char *path = config_find(g->config);
    if (!path)
        return 0;
    char err[600];
    if (config_load(path, cfg, err, sizeof err) != KM_OK) {
        fprintf(stderr, "klassenmap: %s\n", err);
        return EXIT_FAIL;
    }
    return 0;
}

/* --as skips the password, so it is off unless the school's configuration turns it on; it only opens the
 * screens, never a command, which would act as the server rather than as the person. */
static int check_as(const struct globals *g, int argc, const struct km_config *cfg)
{
    if (!g->as_user)
        return 0;
    if (g->first_command < argc) {
        fprintf(stderr, _("klassenmap: --as opent alleen het scherm; het gaat niet samen met een opdracht.\n"));
        return EXIT_USAGE;
    }
    if (!cfg->allow_as) {
        fprintf(stderr, _("klassenmap: --as staat uit in de configuratie ([login] allow_as).\n"));
        return EXIT_USAGE;
    }
    return 0;
}

static struct auth_settings auth_from_config(const struct km_config *cfg)
{
    struct auth_settings a;
    a.params.opslimit = cfg->argon_opslimit;
    a.params.memlimit = cfg->argon_memlimit_kib * 1024u;
    a.policy.min_student = cfg->min_length_student;
    a.policy.min_staff = cfg->min_length_staff;
    a.policy.max_len = cfg->max_length;
    a.limits.max_failures = cfg->max_failures;
    a.limits.lock_minutes = cfg->lock_minutes;
    a.limits.delay_step_ms = cfg->delay_step_ms;
    a.limits.max_concurrent_hashes = cfg->max_concurrent_hashes;
    a.limits.student_temporary = cfg->student_temporary;
    return a;
}

static int run_screens(const struct cli_ctx *ctx, const char *as_user)
{
    char err[600];
    struct km_db *db;
    if (db_open(ctx->db_path, DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK) {
        fprintf(stderr, "klassenmap: %s\n", err);
        return EXIT_FAIL;
    }
    struct tui_options o = {db, ctx->cfg, ctx->auth, as_user};
    int rc = tui_run(&o);
    db_close(db);
    return rc;
}

int main(int argc, char **argv)
{
    /* A core dump could hold a password that was being typed or hashed; not dumpable also keeps other
     * sessions of the same server account from reading this process's memory. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    /* A file-size limit (ulimit -f) would kill the process with SIGXFSZ in the middle of a write, without a word;
     * ignored, the write fails with EFBIG, SQLite rolls the transaction back and the sentence says "bestand te
     * groot". What was committed before stays. */
    signal(SIGXFSZ, SIG_IGN);
    setlocale(LC_ALL, "");
    i18n_init(NULL); /* the environment's language, until the configuration is read */

    if (!clock_init()) {
        fprintf(stderr, _("klassenmap: %s moet de vorm 'JJJJ-MM-DD UU:MM' hebben.\n"), CLOCK_TEST_ENV);
        return EXIT_USAGE;
    }
    struct globals g = {0};
    int rc = parse_globals(argc, argv, &g);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    static struct km_config cfg;
    if ((rc = load_config(&g, &cfg)) != 0)
        return rc;
    i18n_init(cfg.language);
    names_set_order(strcmp(cfg.name_order, "roepnaam") == 0 ? NAMES_BY_ROEPNAAM : NAMES_BY_SURNAME);
    if ((rc = check_as(&g, argc, &cfg)) != 0)
        return rc;
    if (auth_init() != KM_OK) {
        fprintf(stderr, _("klassenmap: libsodium kan niet starten.\n"));
        return EXIT_FAIL;
    }
    const char *env_db = getenv("KLASSENMAP_DB");
    struct cli_ctx ctx = {
        .db_path = g.db ? g.db : (env_db && *env_db ? env_db : cfg.database),
        .cfg = &cfg,
        .auth = auth_from_config(&cfg),
    };
    char err[600];
    if (cfg.blocklist[0] && auth_policy_load_blocklist(&ctx.auth.policy, cfg.blocklist, err, sizeof err) != KM_OK) {
        fprintf(stderr, "klassenmap: %s\n", err);
        return EXIT_FAIL;
    }
    if (g.first_command < argc)
        return cli_run(&ctx, argc - g.first_command, argv + g.first_command);
    return run_screens(&ctx, g.as_user);
}
