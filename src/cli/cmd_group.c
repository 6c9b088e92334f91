/* group add | list | members | join | leave. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/groups.h"
#include "core/i18n.h"

int cmd_group_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *kind = "eigen", *year = NULL, *jaargroep = NULL;
    const struct cli_opt opts[] = {{"--kind", OPT_STRING, &kind},
                                   {"--schooljaar", OPT_STRING, &year},
                                   {"--jaargroep", OPT_STRING, &jaargroep},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam van de groep."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t id;
    int rc = groups_add(&s, pos[0], kind, year, jaargroep, &id) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf("Groep #%lld (", (long long)id);
        out_text(stdout, pos[0]);
        printf(_(", %s) gemaakt.\n"), kind);
    }
    db_close(db);
    return rc;
}

static void print_group(const struct km_group *g, bool json)
{
    if (json) {
        printf("{\"id\": %lld, \"name\": ", (long long)g->id);
        out_json_string(stdout, g->name);
        printf(_(", \"kind\": \"%s\", \"schooljaar\": \"%s\", \"jaargroep\": "), g->kind, g->schooljaar);
        out_json_string(stdout, g->jaargroep);
        printf(_(", \"students\": %d, \"teachers\": %d, \"synced\": %s}"), g->students, g->teachers,
               g->synced ? "true" : "false");
        return;
    }
    printf("#%-5lld ", (long long)g->id);
    out_cell(stdout, g->name, 24);
    printf(_("  %-12s %-9s %4d leerlingen, %d leerkracht%s\n"), g->kind, g->schooljaar, g->students, g->teachers,
           i18n_plural(g->teachers, "", "en", "", "s"));
}

int cmd_group_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *year = NULL;
    bool json = false;
    const struct cli_opt opts[] = {{"--schooljaar", OPT_STRING, &year}, {"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_group_list l;
    int rc = groups_list(&s, year, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (json && rc == EXIT_OK)
        printf("[");
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++) {
        if (json && i)
            printf(",\n ");
        print_group(&l.items[i], json);
    }
    if (json && rc == EXIT_OK)
        printf("]\n");
    groups_list_free(&l);
    db_close(db);
    return rc;
}

int cmd_group_members(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool json = false;
    const struct cli_opt opts[] = {{"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam of het nummer van de groep."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t id;
    struct group_member_list l = {0};
    int rc = groups_find(&s, pos[0], NULL, &id) == KM_OK && groups_members(&s, id, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (json && rc == EXIT_OK)
        printf("[");
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++) {
        char name[700];
        const struct km_user *u = &l.items[i].user;
        users_display_name(u, name, sizeof name);
        if (json) {
            printf("%s{\"username\": ", i ? ",\n " : "");
            out_json_string(stdout, u->username);
            printf(", \"name\": ");
            out_json_string(stdout, name);
            printf(", \"part\": \"%s\"}", l.items[i].teacher ? "leerkracht" : "leerling");
            continue;
        }
        out_cell(stdout, l.items[i].teacher ? "leerkracht" : "leerling", 12);
        out_cell(stdout, u->username, 24);
        out_text(stdout, name);
        printf("\n");
    }
    if (json && rc == EXIT_OK)
        printf("]\n");
    groups_members_free(&l);
    db_close(db);
    return rc;
}

static int change_members(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv, bool join)
{
    char *pos[65];
    int npos;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 65, &npos);
    if (npos < 2)
        return args_usage_error(help, _("geef een groep en minstens een gebruikersnaam."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t gid;
    int rc = groups_find(&s, pos[0], NULL, &gid) == KM_OK ? EXIT_OK : out_fail(db);
    for (int i = 1; rc == EXIT_OK && i < npos; i++) {
        struct km_user u;
        if (users_get(&s, pos[i], &u) != KM_OK) {
            rc = out_fail(db);
            break;
        }
        enum km_rc r = join ? groups_add_member(&s, gid, u.id) : groups_remove_member(&s, gid, u.id);
        rc = r == KM_OK ? EXIT_OK : out_fail(db);
        if (rc == EXIT_OK)
            printf("%s %s %s.\n", u.username, join ? _("zit nu in") : _("is uit"), pos[0]);
        users_free(&u);
    }
    db_close(db);
    return rc;
}

int cmd_group_join(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return change_members(c, help, argc, argv, true);
}

int cmd_group_leave(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return change_members(c, help, argc, argv, false);
}
