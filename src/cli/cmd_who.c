/* who: the screen sessions running now, for the server's administrator. */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/out.h"
#include "core/i18n.h"
#include "core/sessions.h"

static void print_json(struct json_out *j, const struct sessions_entry *e)
{
    json_object_begin(j);
    json_string(j, "username", e->username);
    json_string(j, "name", e->name);
    json_string(j, "role", km_role_name(e->role));
    json_string(j, "since", e->since);
    json_string(j, "last_seen", e->last_seen);
    json_int(j, "pid", e->pid);
    json_object_end(j);
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
        struct json_out j;
        json_list_begin(&j, stdout);
        for (size_t i = 0; i < l->n; i++)
            print_json(&j, &l->items[i]);
        json_list_end(&j);
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
