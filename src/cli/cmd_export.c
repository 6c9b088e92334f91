/* export ical: a person's lessons as an iCalendar file, for a phone or a desktop calendar.
 * export weekplan: a group's weektaak, one printable A4 page per student. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/ical.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/users.h"
#include "core/weekplan.h"

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

/* "50" (the week 50 nearest to today), "2026-W50", or any date of the week; 0 when it is none of these. */
static int64_t parse_week(const char *text)
{
    int y = 0, w = 0;
    char tail;
    int64_t day = 0;
    if (dates_parse(text, &day))
        return dates_monday(day);
    if (sscanf(text, "%4d-W%2d%c", &y, &w, &tail) == 2 && dates_from_iso_week(y, w, &day))
        return day;
    if (strspn(text, "0123456789") == strlen(text) && sscanf(text, "%2d%c", &w, &tail) == 1 && w >= 1 && w <= 53)
        return dates_nearest_week(w, dates_today());
    return 0;
}

static enum km_rc write_weekplan(FILE *f, void *ctx) { return weekplan_html(f, ctx); }

int cmd_export_weekplan(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *group = NULL, *week = NULL, *format = "html", *output = NULL;
    const struct cli_opt opts[] = {{"--group", OPT_STRING, &group},
                                   {"--week", OPT_STRING, &week},
                                   {"--format", OPT_STRING, &format},
                                   {"--output", OPT_STRING, &output},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (!group || !week)
        return args_usage_error(help, _("--group en --week zijn nodig."));
    /* No PDF writer of our own and no programs started: the browser prints the HTML (A4, a page per student). */
    if (strcmp(format, "pdf") == 0)
        return args_usage_error(help, _("PDF maakt klassenmap niet zelf: open de HTML in een browser en druk af "
                                        "(A4, een bladzijde per leerling)."));
    if (strcmp(format, "html") != 0)
        return args_usage_error(help, _("--format is html (of pdf: zie hieronder)."));
    int64_t monday = parse_week(week);
    if (!monday)
        return args_usage_error(
            help, _("--week verwacht een weeknummer (50), een week (2026-W50) of een datum (2026-12-07)."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t gid;
    char date[11];
    dates_format(monday, date);
    struct weekplan w;
    int rc = groups_find(&s, group, NULL, &gid) == KM_OK && weekplan_build(&s, gid, date, &w) == KM_OK ? EXIT_OK
                                                                                                       : out_fail(db);
    if (rc == EXIT_OK) {
        rc = cli_write_output(output, write_weekplan, &w, db);
        weekplan_free(&w);
    }
    db_close(db);
    return rc;
}
