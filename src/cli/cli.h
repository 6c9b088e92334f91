/* The command line: the same binary without a terminal, for the server's administrator and cron. */
#ifndef KM_CLI_H
#define KM_CLI_H

#include "core/auth.h"
#include "core/config.h"
#include "core/db.h"

/* Exit codes, documented in --help and the man page. */
enum cli_exit { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli_ctx {
    const char *db_path; /* from --db, KLASSENMAP_DB or the config */
    const struct km_config *cfg;
    struct auth_settings auth;
};

/* argv[0] is the command name. Returns an exit code. */
int cli_run(struct cli_ctx *c, int argc, char **argv);
void cli_usage(FILE *out);
bool cli_is_command(const char *name);

#endif
