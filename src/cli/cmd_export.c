/* export ical: a person's lessons as an iCalendar file, for a phone or a desktop calendar. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/ical.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/users.h"

static int write_weeks(struct km_session *s, int64_t user, int64_t first, int weeks, FILE *f)
{
    ical_begin(f);
    for (int i = 0; i < weeks; i++) {
        char monday[11];
        dates_format(first + 7 * i, monday);
        struct planner_week w;
        if (planner_week(s, user, monday, &w) != KM_OK)
            return out_fail(s->db);
        ical_week(f, &w);
        planner_week_free(&w);
    }
    ical_end(f);
    return EXIT_OK;
}

int cmd_export_ical(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *user = NULL, *from = NULL, *output = NULL;
    long weeks = 1;
    const struct cli_opt opts[] = {{"--user", OPT_STRING, &user},
                                   {"--from", OPT_STRING, &from},
                                   {"--weeks", OPT_INT, &weeks},
                                   {"--output", OPT_STRING, &output},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (!user)
        return args_usage_error(help, "--user ontbreekt.");
    if (weeks < 1 || weeks > 60)
        return args_usage_error(help, "--weeks is een aantal van 1 tot 60.");
    int64_t first = dates_monday(dates_today());
    if (from && !dates_parse(from, &first))
        return args_usage_error(help, "--from verwacht een datum als 2026-11-30.");
    first = dates_monday(first);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user u;
    int rc = users_get(&s, user, &u) == KM_OK ? EXIT_OK : out_fail(db);
    FILE *f = stdout;
    if (rc == EXIT_OK && output && !(f = fopen(output, "w")))
        rc = out_error("%s kan niet geschreven worden.", output);
    if (rc == EXIT_OK) {
        rc = write_weeks(&s, u.id, first, (int)weeks, f);
        if (f != stdout && fclose(f) != 0 && rc == EXIT_OK)
            rc = out_error("%s kan niet geschreven worden.", output);
    }
    users_free(&u); /* zeroed by users_get on failure */
    db_close(db);
    return rc;
}
