/* user add | list | show | deactivate, and passwd. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/pwread.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/users.h"

int cmd_user_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *role = NULL, *username = NULL, *name = NULL, *email = NULL;
    const struct cli_opt opts[] = {{"--role", OPT_STRING, &role},
                                   {"--username", OPT_STRING, &username},
                                   {"--name", OPT_STRING, &name},
                                   {"--email", OPT_STRING, &email},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct user_new u = {0};
    if (!role || !km_role_parse(role, &u.role))
        return args_usage_error(help, _("--role is leerling, leerkracht, ouder of beheerder."));
    if (!name)
        return args_usage_error(help, _("--name ontbreekt."));
    char roep[512], voor[64], achter[512];
    if (users_split_name(name, roep, voor, achter, sizeof roep) != KM_OK)
        return out_error(_("Geef roepnaam en achternaam, zoals --name \"Sjoerd van 't Hof\"."));
    u.username = username;
    u.roepnaam = roep;
    u.voorvoegsel = voor;
    u.achternaam = achter;
    u.email = email;
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int64_t id;
    int rc = users_add(&s, &u, &id) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        struct km_user made;
        if (users_get_id(&s, id, &made) == KM_OK) {
            printf(_("Gebruiker %s (%s) toegevoegd.\n"), made.username, km_role_name(made.role));
            users_free(&made);
        }
    }
    db_close(db);
    return rc;
}

static void print_user_json(struct json_out *j, const struct km_user *u)
{
    char name[700];
    users_display_name(u, name, sizeof name);
    json_object_begin(j);
    json_string(j, "username", u->username);
    json_string(j, "role", km_role_name(u->role));
    json_string(j, "name", name);
    json_string(j, "roepnaam", u->roepnaam);
    json_string(j, "voorvoegsel", u->voorvoegsel);
    json_string(j, "achternaam", u->achternaam);
    json_string(j, "email", u->email);
    json_bool(j, "active", u->active);
    json_bool(j, "synced", u->synced);
    json_string(j, "password", u->password_state);
    json_string_or_null(j, "locked_until", u->locked_until);
    json_object_end(j);
}

/* "geblokkeerd tot 14:05" (local time) while the account is locked after too many failed logins. */
static bool lock_text(const struct km_user *u, char *out, size_t len)
{
    char at[32];
    if (!*u->locked_until || !dates_local_stamp(u->locked_until, false, at, sizeof at))
        return false;
    snprintf(out, len, _("geblokkeerd tot %s"), at);
    return true;
}

static void print_user_row(const struct km_user *u)
{
    char name[700];
    users_display_name(u, name, sizeof name);
    out_cell(stdout, u->username, 22);
    printf("  ");
    out_cell(stdout, km_role_name(u->role), 10);
    printf("  ");
    out_cell(stdout, name, 32);
    printf("  ");
    out_cell(stdout, u->email, 0);
    if (!u->active)
        printf("  (inactief)");
    char lock[64];
    if (lock_text(u, lock, sizeof lock))
        printf("  (%s)", lock);
    printf("\n");
}

int cmd_user_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    const char *role = NULL;
    bool all = false, json = false;
    const struct cli_opt opts[] = {
        {"--role", OPT_STRING, &role}, {"--all", OPT_FLAG, &all}, {"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    struct user_filter f = {.any_role = role == NULL, .include_inactive = all};
    if (role && !km_role_parse(role, &f.role))
        return args_usage_error(help, _("--role is leerling, leerkracht, ouder of beheerder."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user_list l;
    int rc = users_list(&s, &f, &l) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK && json) {
        struct json_out j;
        json_list_begin(&j, stdout);
        for (size_t i = 0; i < l.n; i++)
            print_user_json(&j, &l.items[i]);
        json_list_end(&j);
    } else if (rc == EXIT_OK) {
        for (size_t i = 0; i < l.n; i++)
            print_user_row(&l.items[i]);
    }
    users_list_free(&l);
    db_close(db);
    return rc;
}

static void print_user_details(const struct km_user *u)
{
    static const char *const pw_words[] = {"none",      N_("geen"),
                                           "set",       N_("ingesteld"),
                                           "temporary", N_("tijdelijk (moet bij de volgende login worden gewijzigd)")};
    const char *pw = u->password_state;
    for (size_t i = 0; i < sizeof pw_words / sizeof pw_words[0]; i += 2)
        if (strcmp(u->password_state, pw_words[i]) == 0)
            pw = _(pw_words[i + 1]);
    char name[700], lock[200] = "", at[64];
    users_display_name(u, name, sizeof name);
    if (lock_text(u, at, sizeof at))
        snprintf(lock, sizeof lock, _("%s (na te veel mislukte logins; opheffen: klassenmap user unlock %.64s)"), at,
                 u->username);
    const char *rows[][2] = {{_("gebruikersnaam"), u->username},
                             {_("rol"), km_role_name(u->role)},
                             {_("naam"), name},
                             {_("e-mail"), u->email},
                             {_("actief"), u->active ? _("ja") : _("nee")},
                             {_("bron"), u->synced ? _("ParnasSys (alleen-lezen)") : "klassenmap"},
                             {_("instroom"), u->instroom},
                             {_("uitstroom"), u->uitstroom},
                             {_("wachtwoord"), pw},
                             {_("laatste login"), u->last_login},
                             {_("blokkade"), lock}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        printf("%-15s ", rows[i][0]);
        out_text(stdout, *rows[i][1] ? rows[i][1] : "-");
        printf("\n");
    }
}

int cmd_user_show(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool json = false;
    const struct cli_opt opts[] = {{"--json", OPT_FLAG, &json}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef een gebruikersnaam."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user u;
    int rc = users_get(&s, pos[0], &u) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        if (json) {
            struct json_out j = {stdout, 0, 0};
            print_user_json(&j, &u);
            printf("\n");
        } else {
            print_user_details(&u);
        }
        users_free(&u);
    }
    db_close(db);
    return rc;
}

int cmd_user_deactivate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef een gebruikersnaam."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    int rc = users_deactivate(&s, pos[0]) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK)
        printf(_("Gebruiker %s is nu inactief; de gegevens blijven bewaard.\n"), pos[0]);
    db_close(db);
    return rc;
}

static int set_password(struct cli_ctx *c, struct km_session *s, const struct km_user *u, bool temporary)
{
    char *pw = sodium_malloc(AUTH_PASSWORD_MAX + 2);
    if (!pw)
        return out_error(_("Onvoldoende geheugen."));
    char err[200];
    int rc = EXIT_OK;
    if (temporary)
        auth_generate_password(pw, 11);
    else if (pw_read(_("Nieuw wachtwoord: "), true, pw, AUTH_PASSWORD_MAX + 2, err, sizeof err) != 0)
        rc = out_error("%s", err);
    if (rc == EXIT_OK && users_set_password(s, u->id, pw, &c->auth) != KM_OK)
        rc = out_fail(s->db);
    bool must_change = false;
    struct km_user after;
    if (rc == EXIT_OK && users_get_id(s, u->id, &after) == KM_OK) {
        must_change = strcmp(after.password_state, "temporary") == 0;
        users_free(&after);
    }
    if (rc == EXIT_OK && temporary)
        printf(_("Tijdelijk wachtwoord voor %s: %s\n(Het wordt niet opnieuw getoond.%s)\n"), u->username, pw,
               must_change ? _(" Bij de volgende login kiest de gebruiker een eigen wachtwoord.") : "");
    else if (rc == EXIT_OK)
        printf(_("Wachtwoord van %s is gewijzigd.%s\n"), u->username,
               must_change ? _(" Bij de volgende login kiest de gebruiker een eigen wachtwoord.") : "");
    sodium_free(pw); /* wipes before freeing */
    return rc;
}

int cmd_passwd(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    bool temporary = false;
    const struct cli_opt opts[] = {{"--temporary", OPT_FLAG, &temporary}, {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef een gebruikersnaam."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user u;
    int rc = users_get(&s, pos[0], &u) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        rc = set_password(c, &s, &u, temporary);
        users_free(&u);
    }
    db_close(db);
    return rc;
}

int cmd_user_unlock(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, NULL, argc, argv, pos, 1, &npos);
    if (npos != 1)
        return args_usage_error(help, _("geef een gebruikersnaam."));
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct km_user u;
    int rc = users_get(&s, pos[0], &u) == KM_OK ? EXIT_OK : out_fail(db);
    if (rc == EXIT_OK) {
        rc = users_unlock(&s, u.id) == KM_OK ? EXIT_OK : out_fail(db);
        if (rc == EXIT_OK)
            printf(_("%s kan weer inloggen.\n"), u.username);
        users_free(&u);
    }
    db_close(db);
    return rc;
}
