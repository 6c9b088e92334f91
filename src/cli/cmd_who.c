/* who: the screen sessions running now, for the server's administrator. */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/i18n.h"
#include "core/sessions.h"

static void print_json(const struct sessions_entry *e, bool first)
{
    printf("%s{\"username\": ", first ? "" : ",\n ");
    out_json_string(stdout, e->username);
    printf(", \"name\": ");
    out_json_string(stdout, e->name);
    printf(_(", \"role\": \"%s\", \"since\": \"%s\", \"last_seen\": \"%s\", \"pid\": %d}"), km_role_name(e->role),
           e->since, e->last_seen, e->pid);
}

static void print_header(void)
{
    printf("%-22s  %-30s  %-10s  %-19s  %-19s  %s\n", "gebruiker", "naam", "rol", "sinds", _("laatst gezien"), "pid");
}

static void print_row(const struct sessions_entry *e)
{
    out_cell(stdout, e->username, 22);
    printf("  ");
    out_cell(stdout, e->name, 30);
    printf("  %-10s  %-19s  %-19s  %d\n", km_role_name(e->role), e->since, e->last_seen, e->pid);
}

static void print_list(const struct sessions_list *l, bool json)
{
    if (json) {
        printf("[");
        for (size_t i = 0; i < l->n; i++)
            print_json(&l->items[i], i == 0);
        printf("]\n");
        return;
    }
    if (l->n == 0) {
        printf(_("Er is niemand ingelogd.\n"));
        return;
    }
    print_header();
    for (size_t i = 0; i < l->n; i++)
        print_row(&l->items[i]);
}

int cmd_who(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool json = false;
    const struct cli_opt opts[] = {{"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct sessions_list l;
    int rc = sessions_list(&s, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK)
        print_list(&l, json);
    sessions_list_free(&l);
    db_close(db);
    return rc;
}
