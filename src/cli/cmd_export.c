/* export ical: a person's lessons as an iCalendar file, for a phone or a desktop calendar. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/ical.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/users.h"

struct ical_export {
    struct km_session *s;
    int64_t user, first;
    int weeks;
};

static enum km_rc write_weeks(FILE *f, void *ctx)
{
    struct ical_export *e = ctx;
    ical_begin(f);
    for (int i = 0; i < e->weeks; i++) {
        char monday[11];
        dates_format(e->first + 7 * i, monday);
        struct planner_week w;
        enum km_rc rc = planner_week(e->s, e->user, monday, &w);
        if (rc != KM_OK)
            return rc;
        ical_week(f, &w);
        planner_week_free(&w);
    }
    ical_end(f);
    return KM_OK;
}

int cmd_export_ical(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *user = NULL, *from = NULL, *output = NULL;
    long weeks = 1;
    const struct cli_opt opts[] = {{"--user", OPT_STRING, &user},
                                   {"--from", OPT_DATE, &from},
                                   {"--weeks", OPT_INT, &weeks},
                                   {"--output", OPT_STRING, &output},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (!user)
        return args_usage_error(help, _("--user ontbreekt."));
    if (weeks < 1 || weeks > 60)
        return args_usage_error(help, _("--weeks is een aantal van 1 tot 60."));
    int64_t first = dates_monday(dates_today());
    if (from)
        dates_parse(from, &first); /* OPT_DATE: read already */
    first = dates_monday(first);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user u;
    int rc = users_get(&s, user, &u) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        struct ical_export e = {&s, u.id, first, (int)weeks};
        rc = cli_write_output(output, write_weeks, &e, db);
    }
    users_free(&u); /* zeroed by users_get on failure */
    db_close(db);
    return rc;
}
