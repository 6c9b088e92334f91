/* group add | list | members | join | leave | rename | deactivate | activate | bron | relink. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/out.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/relink.h"

int cmd_group_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *kind = "eigen", *year = NULL, *jaargroep = NULL, *bron = NULL;
    const struct cli_opt opts[] = {{"--kind", OPT_STRING, &kind},
                                   {"--schooljaar", OPT_STRING, &year},
                                   {"--jaargroep", OPT_STRING, &jaargroep},
                                   {"--bron", OPT_STRING, &bron},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam van de groep."));
    if (bron && strcmp(kind, "eigen") != 0)
        return args_usage_error(help, _("alleen een eigen groep heeft een bron."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t id = 0, bron_id = 0;
    /* the bron first: a bron that does not exist makes no group */
    int rc = !bron || groups_find(&s, bron, year, &bron_id) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK)
        rc = groups_add(&s, pos[0], kind, year, jaargroep, &id) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK && bron_id && groups_set_bron(&s, id, bron_id, -1) != KM_OK)
        rc = out_fail(db); /* the group stays, without a bron; the message says why */
    if (rc == EXIT_OK) {
        printf(_("Groep #%lld ("), (long long)id);
        out_text(stdout, pos[0]);
        printf(_(", %s) gemaakt"), kind);
        if (bron_id) {
            printf(", bron ");
            out_text(stdout, bron);
        }
        printf(".\n");
    }
    db_close(db);
    return rc;
}

static void print_group(const struct km_group *g, struct json_out *json)
{
    if (json) {
        json_object_begin(json);
        json_int(json, "id", g->id);
        json_string(json, "name", g->name);
        json_string(json, "kind", g->kind);
        json_string(json, "schooljaar", g->schooljaar);
        json_string(json, "jaargroep", g->jaargroep);
        json_int(json, "students", g->students);
        json_int(json, "teachers", g->teachers);
        json_bool(json, "synced", g->synced);
        json_object_end(json);
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
    struct json_out j;
    if (json && rc == EXIT_OK)
        json_list_begin(&j, stdout);
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++)
        print_group(&l.items[i], json ? &j : NULL);
    if (json && rc == EXIT_OK)
        json_list_end(&j);
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
    int rc =
        groups_find(&s, pos[0], NULL, &id) == KM_OK && groups_members(&s, id, &l) == KM_OK ? EXIT_OK : out_fail(db);
    struct json_out j;
    if (json && rc == EXIT_OK)
        json_list_begin(&j, stdout);
    for (size_t i = 0; rc == EXIT_OK && i < l.n; i++) {
        char name[700];
        const struct km_user *u = &l.items[i].user;
        users_display_name(u, name, sizeof name);
        if (json) {
            json_object_begin(&j);
            json_string(&j, "username", u->username);
            json_string(&j, "name", name);
            json_string(&j, "part", l.items[i].teacher ? "leerkracht" : "leerling");
            json_object_end(&j);
            continue;
        }
        out_cell(stdout, l.items[i].teacher ? "leerkracht" : "leerling", 12);
        out_cell(stdout, u->username, 24);
        out_text(stdout, name);
        printf("\n");
    }
    if (json && rc == EXIT_OK)
        json_list_end(&j);
    groups_members_free(&l);
    db_close(db);
    return rc;
}

/* Opens the database and finds the group named on the command line. */
static int open_group(struct cli_ctx *c, const char *name, struct km_db **db, struct km_session *s, int64_t *id)
{
    if (cli_open(c, DB_OPEN_EXISTING, db, s))
        return EXIT_FAIL;
    if (groups_find(s, name, NULL, id) == KM_OK)
        return EXIT_OK;
    int rc = out_fail(*db);
    db_close(*db);
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
    int64_t gid, ids[64];
    if (open_group(c, pos[0], &db, &s, &gid))
        return EXIT_FAIL;
    int rc = EXIT_OK;
    for (int i = 1; rc == EXIT_OK && i < npos; i++) {
        struct km_user u;
        rc = users_get(&s, pos[i], &u) == KM_OK ? EXIT_OK : out_fail(db);
        ids[i - 1] = u.id;
        users_free(&u);
    }
    /* all or none: one wrong name or a group from ParnasSys changes nothing */
    if (rc == EXIT_OK)
        rc = groups_change_members(&s, gid, ids, (size_t)(npos - 1), join) == KM_OK ? EXIT_OK : out_fail(db);
    for (int i = 1; rc == EXIT_OK && i < npos; i++) {
        out_text(stdout, pos[i]);
        printf(" %s ", join ? _("zit nu in") : _("is uit"));
        out_text(stdout, pos[0]);
        printf(".\n");
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

int cmd_group_rename(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *pos[2];
    int npos;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 2, &npos);
    if (npos != 2)
        return args_usage_error(help, _("geef de groep en haar nieuwe naam."));
    struct km_db *db;
    struct km_session s;
    int64_t id;
    if (open_group(c, pos[0], &db, &s, &id))
        return EXIT_FAIL;
    int rc = groups_rename(&s, id, pos[1], -1) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        printf(_("Groep #%lld heet nu "), (long long)id);
        out_text(stdout, pos[1]);
        printf(".\n");
    }
    db_close(db);
    return rc;
}

static int set_active(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv, bool active)
{
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef de naam of het nummer van de groep."));
    struct km_db *db;
    struct km_session s;
    int64_t id;
    if (open_group(c, pos[0], &db, &s, &id))
        return EXIT_FAIL;
    int rc = groups_set_active(&s, id, active, -1) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        out_text(stdout, pos[0]);
        printf(" is %s.\n", active ? _("weer actief") : _("gedeactiveerd (leden en planning blijven bewaard)"));
    }
    db_close(db);
    return rc;
}

int cmd_group_deactivate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return set_active(c, help, argc, argv, false);
}

int cmd_group_activate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    return set_active(c, help, argc, argv, true);
}

int cmd_group_bron(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool none = false;
    const struct cli_opt opts[] = {{"--none", OPT_FLAG, &none}, {0}};
    char *pos[2];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 2, &npos);
    if (npos != (none ? 1 : 2))
        return args_usage_error(help, _("geef de eigen groep en haar bron, of de groep en --none."));
    struct km_db *db;
    struct km_session s;
    int64_t id, bron = 0;
    if (open_group(c, pos[0], &db, &s, &id))
        return EXIT_FAIL;
    int rc = none || groups_find(&s, pos[1], NULL, &bron) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK)
        rc = groups_set_bron(&s, id, bron, -1) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        out_text(stdout, pos[0]);
        if (none)
            printf(_(" volgt geen bron meer.\n"));
        else {
            printf(_(" volgt nu "));
            out_text(stdout, pos[1]);
            printf(".\n");
        }
    }
    db_close(db);
    return rc;
}

static void print_relink(const struct relink_group *g)
{
    printf("  ");
    out_cell(stdout, g->name, 24);
    printf("  ");
    out_text(stdout, g->linked_name);
    printf(" (%s) -> ", g->linked_schooljaar);
    if (g->proposed_id) {
        out_text(stdout, g->proposed_name);
        printf(" (%s)\n", g->proposed_schooljaar);
    } else {
        printf(_("geen voorstel: kies een bron met 'group bron'\n"));
    }
}

static int relink_report(struct km_session *s)
{
    struct relink_list l;
    if (relink_list(s, NULL, &l) != KM_OK)
        return out_fail(s->db);
    printf(_("Eigen groepen gekoppeld aan een groep van voor %s: %zu.\n"), l.schooljaar, l.n);
    for (size_t i = 0; i < l.n; i++)
        print_relink(&l.items[i]);
    relink_free(&l);
    return EXIT_OK;
}

/* One eigen groep: to the given bron, or to its proposal. */
static int relink_one(struct km_session *s, const char *group, const char *bron, bool dry_run)
{
    int64_t id, bron_id = 0;
    if (groups_find(s, group, NULL, &id) != KM_OK || (bron && groups_find(s, bron, NULL, &bron_id) != KM_OK))
        return out_fail(s->db);
    struct relink_list l;
    if (!bron && relink_list(s, NULL, &l) != KM_OK)
        return out_fail(s->db);
    for (size_t i = 0; !bron && i < l.n; i++)
        if (l.items[i].id == id)
            bron_id = l.items[i].proposed_id;
    if (!bron)
        relink_free(&l);
    if (!bron_id)
        return out_error(_("Voor '%.64s' is er geen voorstel; geef de nieuwe bron erbij: group relink GROEP BRON."),
                         group);
    if (!dry_run && groups_set_bron(s, id, bron_id, -1) != KM_OK)
        return out_fail(s->db);
    out_text(stdout, group);
    printf(dry_run ? _(" zou gekoppeld worden aan groep #%lld (proefdraai: er is niets gewijzigd).\n")
                   : _(" is gekoppeld aan groep #%lld; de planning blijft bij de eigen groep.\n"),
           (long long)bron_id);
    return EXIT_OK;
}

int cmd_group_relink(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool all = false, dry_run = false;
    const struct cli_opt opts[] = {{"--all", OPT_FLAG, &all}, {"--dry-run", OPT_FLAG, &dry_run}, {0}};
    char *pos[2];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 2, &npos);
    if (all && npos)
        return args_usage_error(help, _("--all koppelt alle groepen; noem dan geen groep."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int rc = EXIT_OK, linked = 0, left = 0;
    if (npos)
        rc = relink_one(&s, pos[0], npos > 1 ? pos[1] : NULL, dry_run);
    else if (!all)
        rc = relink_report(&s);
    else if ((rc = relink_report(&s)) == EXIT_OK) {
        rc = relink_all(&s, dry_run, &linked, &left) == KM_OK ? EXIT_OK : out_fail(db);
        if (rc == EXIT_OK)
            printf(_("%s: %d eigen groep%s, %d zonder voorstel%s.\n"), dry_run ? _("Zou koppelen") : _("Gekoppeld"),
                   linked, linked == 1 ? "" : "en", left, dry_run ? _(" (proefdraai: er is niets gewijzigd)") : "");
    }
    db_close(db);
    return rc;
}
