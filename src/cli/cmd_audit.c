/* audit: read the audit log. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/out.h"
#include "core/audit.h"
#include "core/i18n.h"

static void print_entry(const struct audit_entry *e, struct json_out *json)
{
    if (json) {
        json_object_begin(json);
        json_string(json, "at", e->at);
        json_string(json, "actor", e->actor);
        json_string(json, "subject", e->subject);
        json_string(json, "kind", e->kind);
        json_string(json, "detail", e->detail);
        json_object_end(json);
        return;
    }
    printf("%s  ", e->at);
    out_cell(stdout, e->actor, 14);
    printf("  ");
    out_cell(stdout, e->kind, 24);
    printf("  ");
    out_cell(stdout, e->subject, 22);
    printf("  ");
    out_text(stdout, e->detail);
    printf("\n");
}

int cmd_audit(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *since = NULL, *user = NULL, *kind = NULL;
    long limit = 1000;
    bool json = false;
    const struct cli_opt opts[] = {{"--since", OPT_DATE, &since}, {"--user", OPT_STRING, &user},
                                   {"--kind", OPT_STRING, &kind}, {"--limit", OPT_INT, &limit},
                                   {"--json", OPT_FLAG, &json},   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    if (limit < 1 || limit > 1000000)
        return args_usage_error(help, _("--limit is een getal van 1 tot 1000000."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct audit_filter f = {since, user, kind, (int)limit};
    struct audit_list l;
    int rc = audit_list(&s, &f, &l) == KM_OK ? EXIT_OK : out_fail(db);
    struct json_out j;
    if (json && rc == EXIT_OK)
        json_list_begin(&j, stdout);
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++)
        print_entry(&l.items[i], json ? &j : NULL);
    if (json && rc == EXIT_OK)
        json_list_end(&j);
    audit_list_free(&l);
    db_close(db);
    return rc;
}
