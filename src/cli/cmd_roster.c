/* roster generate | show: the school roster from the command line. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/roster.h"
#include "core/templates.h"

/* "Standaardweek,Standaardweek,-,Toetsweek": one name per week, '-' (or "vakantie") for a holiday week;
 * when fewer names than weeks are given, the last one repeats. */
static int parse_templates(struct km_session *s, const char *list, struct roster_plan *p)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", list);
    int n = 0;
    int64_t last = 0;
    for (char *save = NULL, *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        while (*name == ' ')
            name++;
        if (n >= ROSTER_MAX_WEEKS)
            return out_error(_("Meer sjablonen dan weken."));
        if (strcmp(name, "-") == 0 || strcmp(name, "vakantie") == 0)
            last = 0;
        else if (templates_find(s, name, &last) != KM_OK)
            return out_fail(s->db);
        p->template_ids[n++] = last;
    }
    for (int i = n; i < p->weeks; i++)
        p->template_ids[i] = last;
    return n == 0 ? out_error(_("Geef minstens één sjabloon (of - voor een vakantieweek).")) : EXIT_OK;
}

static int parse_start(const struct cli_command_help *help, const char *from, int64_t *monday)
{
    if (!from || !dates_parse(from, monday))
        return args_usage_error(help, _("--from verwacht een datum als 2026-11-30."));
    if (dates_weekday(*monday) != 1)
        return out_error(_("%s is geen maandag; het rooster begint op de maandag van een week."), from);
    return EXIT_OK;
}

static void print_plan(const struct roster_plan *p, struct km_session *s)
{
    struct roster_week_info w[ROSTER_MAX_WEEKS];
    if (roster_weeks(s, p->first_monday, p->weeks, w) != KM_OK)
        return;
    for (int i = 0; i < p->weeks; i++) {
        char day[11];
        dates_format(w[i].monday, day);
        printf("week %2d  %s  ", w[i].iso_week, day);
        if (!w[i].exists)
            printf(_("(nog niet gemaakt)\n"));
        else if (w[i].template_id == 0)
            printf("vakantie\n");
        else {
            out_cell(stdout, w[i].template_name, 20);
            printf(_("  %4d lessen, %d leerdoelen gepland, %d notities\n"), w[i].lessons, w[i].goals, w[i].notes);
        }
    }
}

int cmd_roster_generate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *from = NULL, *templates = NULL;
    long weeks = 0;
    bool yes = false;
    const struct cli_opt opts[] = {{"--from", OPT_DATE, &from},
                                   {"--weeks", OPT_INT, &weeks},
                                   {"--template", OPT_STRING, &templates},
                                   {"--yes", OPT_FLAG, &yes},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct roster_plan p;
    memset(&p, 0, sizeof p);
    if (weeks < 1 || weeks > ROSTER_MAX_WEEKS)
        return args_usage_error(help, _("--weeks is een aantal van 1 tot %d."), ROSTER_MAX_WEEKS);
    if (!templates)
        return args_usage_error(help, _("--template ontbreekt."));
    p.weeks = (int)weeks;
    int rc = parse_start(help, from, &p.first_monday);
    if (rc)
        return rc;
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    rc = parse_templates(&s, templates, &p);
    int made = 0;
    if (rc == EXIT_OK && roster_generate(&s, &p, yes, NULL, &made) != KM_OK) {
        rc = out_fail(db);
        if (!yes)
            fprintf(stderr, _("Er is niets gewijzigd. Met --yes wordt het rooster toch opnieuw gemaakt.\n"));
    }
    if (rc == EXIT_OK) {
        printf(_("Rooster gemaakt: %d weken, %d lessen.\n"), p.weeks, made);
        print_plan(&p, &s);
    }
    db_close(db);
    return rc;
}

/* Without --from: every week from the roster's first to its last, in parts of at most ROSTER_MAX_WEEKS. */
static int show_all(struct km_session *s)
{
    int64_t first, last;
    enum km_rc rc = roster_span(s, &first, &last);
    if (rc == KM_NOTFOUND) {
        printf("%s\n", db_errmsg(s->db));
        return EXIT_OK;
    }
    if (rc != KM_OK)
        return out_fail(s->db);
    for (int64_t monday = first; monday <= last; monday += 7 * ROSTER_MAX_WEEKS) {
        struct roster_plan p;
        memset(&p, 0, sizeof p);
        p.first_monday = monday;
        int64_t left = (last - monday) / 7 + 1;
        p.weeks = left < ROSTER_MAX_WEEKS ? (int)left : ROSTER_MAX_WEEKS;
        print_plan(&p, s);
    }
    return EXIT_OK;
}

int cmd_roster_show(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *from = NULL;
    long weeks = 0;
    const struct cli_opt opts[] = {{"--from", OPT_DATE, &from}, {"--weeks", OPT_INT, &weeks}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct roster_plan p;
    memset(&p, 0, sizeof p);
    if (from && weeks == 0)
        weeks = 1; /* --from alone: that one week */
    if (weeks < 0 || weeks > ROSTER_MAX_WEEKS || (from && weeks < 1))
        return args_usage_error(help, _("--weeks is een aantal van 1 tot %d."), ROSTER_MAX_WEEKS);
    if (!from && weeks)
        return args_usage_error(help, _("--weeks hoort bij --from; zonder --from komen alle weken van het rooster."));
    int rc = from ? parse_start(help, from, &p.first_monday) : 0;
    if (rc)
        return rc;
    p.weeks = (int)weeks;
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    if (from)
        print_plan(&p, &s);
    else
        rc = show_all(&s);
    db_close(db);
    return rc;
}
