/* audit: read the audit log. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "core/audit.h"
#include "core/i18n.h"

static void print_entry(const struct audit_entry *e, bool json, bool first)
{
    if (json) {
        printf(_("%s{\"at\": \"%s\", \"actor\": "), first ? "" : ",\n ", e->at);
        out_json_string(stdout, e->actor);
        printf(", \"subject\": ");
        out_json_string(stdout, e->subject);
        printf(", \"kind\": ");
        out_json_string(stdout, e->kind);
        printf(", \"detail\": ");
        out_json_string(stdout, e->detail);
        printf("}");
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
                                   {"--kind", OPT_STRING, &kind},   {"--limit", OPT_INT, &limit},
                                   {"--json", OPT_FLAG, &json},     {0}};
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
    if (json && rc == EXIT_OK)
        printf("[");
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++)
        print_entry(&l.items[i], json, i == 0);
    if (json && rc == EXIT_OK)
        printf("]\n");
    audit_list_free(&l);
    db_close(db);
    return rc;
}
