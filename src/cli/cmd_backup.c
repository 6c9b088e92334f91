/* backup: a consistent, checked copy of the database while people keep working (for cron or a timer). */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/backup.h"
#include "core/i18n.h"

int cmd_backup(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool force = false;
    const struct cli_opt opts[] = {{"--force", OPT_FLAG, &force}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef het bestand voor de reservekopie op."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct backup_info info;
    int rc = backup_to_file(&s, pos[0], force, &info) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf(_("Reservekopie gemaakt: "));
        out_text(stdout, pos[0]);
        printf(_(" (%.1f MiB); integriteit van de kopie: %s.\n"), (double)info.bytes / (1024.0 * 1024.0),
               info.integrity);
    }
    db_close(db);
    return rc;
}
