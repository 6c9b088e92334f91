/* Parents from a ParnasSys CSV export (sync/parents_csv.h, core/parents.h) and their invitations. */
#include <stdlib.h>
#include <string.h>

#include "core/db_sql.h"
#include "core/invite.h"
#include "core/parents.h"
#include "fixture.h"
#include "sync/parents_csv.h"
#include "test.h"

/* The fixture with its two students as synced leerlingen (keys L1 and L2). */
static struct km_db *school(void)
{
    struct km_db *db = fixture_open();
    if (db && db_exec(db, "UPDATE users SET source = 'parnassys', source_key = 'L' || id WHERE role = 'leerling'",
                      NULL) != KM_OK) {
        db_close(db);
        return NULL;
    }
    return db;
}

static enum km_rc import(struct km_db *db, const char *csv, bool dry_run, struct parents_result *res)
{
    struct km_session s;
    session_sync(&s, db);
    char ignored[200];
    return parents_csv_import(&s, csv, strlen(csv), dry_run, res, ignored, sizeof ignored);
}

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    db_int(db, &n, sql, NULL);
    return n;
}

static bool has_error(const struct parents_result *res, int line, const char *part)
{
    for (size_t i = 0; i < res->nerrors; i++)
        if (res->errors[i].line == line && strstr(res->errors[i].text, part))
            return true;
    return false;
}

static const char *const two_parents = "leerling_sleutel;roepnaam;voorvoegsel;achternaam;email;relatie\r\n"
                                       "L1;Anna;de;Vries;anna@example.nl;moeder\r\n"
                                       "L2;Anna;de;Vries;Anna@Example.nl;moeder\r\n"
                                       "L2;Piet;;Jong;piet@example.nl;vader\r\n";

TEST(parents_import_adds_parents_with_children)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct parents_result res;
    REQUIRE(import(db, two_parents, false, &res) == KM_OK);
    CHECK(res.added == 2 && res.links_added == 3 && res.changed == 0 && res.nerrors == 0 && res.nadded == 2);
    parents_result_free(&res);
    char username[40] = "", key[80] = "";
    REQUIRE(db_text(db, username, sizeof username, "SELECT username FROM users WHERE email = 'anna@example.nl'",
                    NULL) == KM_OK);
    CHECK_STR(username, "anna.devries");
    db_text(db, key, sizeof key, "SELECT source_key FROM users WHERE username = 'anna.devries'", NULL);
    CHECK_STR(key, "ouder-email:anna@example.nl");
    CHECK(count(db, "SELECT count(*) FROM parent_child pc JOIN users u ON u.id = pc.parent_id"
                    " WHERE u.username = 'anna.devries' AND pc.source = 'parnassys' AND pc.relation = 'moeder'") == 2);
    CHECK(count(db, "SELECT count(*) FROM users WHERE role = 'ouder' AND source = 'parnassys' AND invited_at IS NULL"
                    " AND password_state = 'none'") == 2);
    /* the same file again changes nothing */
    int64_t audit = count(db, "SELECT count(*) FROM audit_log");
    REQUIRE(import(db, two_parents, false, &res) == KM_OK);
    CHECK(res.added == 0 && res.changed == 0 && res.links_added == 0 && res.unchanged == 2 && res.nchanges == 0);
    CHECK(count(db, "SELECT count(*) FROM audit_log") == audit);
    parents_result_free(&res);
    db_close(db);
}

TEST(parents_import_errors_by_line_change_nothing)
{
    struct km_db *db = school();
    REQUIRE(db);
    static const char *const bad = "leerling_sleutel;roepnaam;achternaam;email\n"
                                   "L1;Anna;Vries;anna@example.nl\n"
                                   "L9;Bert;Bos;bert@example.nl\n"
                                   "L1;Cor;;cor@example.nl\n"
                                   "L2;Dirk;Dam;geen-adres\n"
                                   "L2;Annie;Vries;anna@example.nl\n"
                                   "L1;Anna;Vries;anna@example.nl\n"
                                   "L2;Eva;Eik;eva@example.nl;extra\n";
    int64_t users = count(db, "SELECT count(*) FROM users"), links = count(db, "SELECT count(*) FROM parent_child");
    struct parents_result res;
    CHECK(import(db, bad, false, &res) == KM_INVALID);
    CHECK(has_error(&res, 3, "geen leerling met sleutel 'L9'"));
    CHECK(has_error(&res, 4, "achternaam ontbreekt"));
    CHECK(has_error(&res, 5, "geen e-mailadres"));
    CHECK(has_error(&res, 6, "regel 2 een andere roepnaam"));
    CHECK(has_error(&res, 7, "staat al op regel 2"));
    CHECK(has_error(&res, 8, "velden"));
    for (size_t i = 1; i < res.nerrors; i++)
        CHECK(res.errors[i - 1].line <= res.errors[i].line);
    CHECK(res.nchanges == 0 && res.nadded == 0);
    parents_result_free(&res);
    CHECK(count(db, "SELECT count(*) FROM users") == users);
    CHECK(count(db, "SELECT count(*) FROM parent_child") == links);
    CHECK(count(db, "SELECT count(*) FROM audit_log") == 0);
    /* a missing column, an empty file, a file without parents */
    CHECK(import(db, "leerling_sleutel;roepnaam;email\nL1;Anna;a@b.nl\n", false, &res) == KM_INVALID);
    CHECK(has_error(&res, 1, "kolom 'achternaam' ontbreekt"));
    parents_result_free(&res);
    CHECK(import(db, "", false, &res) == KM_INVALID && has_error(&res, 0, "leeg"));
    parents_result_free(&res);
    CHECK(import(db, "leerling_sleutel;roepnaam;achternaam;email\n", false, &res) == KM_INVALID);
    CHECK(has_error(&res, 0, "geen enkele ouder"));
    parents_result_free(&res);
    db_close(db);
}

TEST(parents_import_dry_run_is_exact_and_changes_nothing)
{
    struct km_db *db = school();
    REQUIRE(db);
    int64_t users = count(db, "SELECT count(*) FROM users");
    struct parents_result res;
    REQUIRE(import(db, two_parents, true, &res) == KM_OK);
    CHECK(res.added == 2 && res.links_added == 3);
    bool named = false;
    for (size_t i = 0; i < res.nchanges; i++)
        named = named || strstr(res.changes[i].text, "anna.devries");
    CHECK(named);
    parents_result_free(&res);
    CHECK(count(db, "SELECT count(*) FROM users") == users);
    CHECK(count(db, "SELECT count(*) FROM audit_log") == 0);
    db_close(db);
}

TEST(parents_import_snapshot_changes_deactivates_and_keys)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct parents_result res;
    REQUIRE(import(db, two_parents, false, &res) == KM_OK);
    parents_result_free(&res);
    /* Anna is renamed and loses a child; Piet is gone; with keys now, Anna is still Anna */
    static const char *const next = "ouder_sleutel,leerling_sleutel,roepnaam,voorvoegsel,achternaam,email,relatie\n"
                                    "P1,L1,Anna,,Vries-Bos,anna@example.nl,voogd\n";
    REQUIRE(import(db, next, false, &res) == KM_OK);
    CHECK(res.added == 0 && res.changed == 1 && res.deactivated == 1);
    CHECK(res.links_changed == 1 && res.links_removed == 2);
    parents_result_free(&res);
    char username[40] = "", key[40] = "";
    db_text(db, username, sizeof username, "SELECT username FROM users WHERE achternaam = 'Vries-Bos'", NULL);
    CHECK_STR(username, "anna.devries"); /* stable */
    db_text(db, key, sizeof key, "SELECT source_key FROM users WHERE username = 'anna.devries'", NULL);
    CHECK_STR(key, "ouder:P1");
    CHECK(count(db, "SELECT active FROM users WHERE username = 'piet.jong'") == 0);
    CHECK(count(db, "SELECT count(*) FROM parent_child WHERE parent_id = (SELECT id FROM users WHERE username ="
                    " 'piet.jong')") == 0);
    /* the local link of the fixture (ouder1 - leerling1) is not the sync's: it stays */
    CHECK(count(db, "SELECT count(*) FROM parent_child WHERE parent_id = 5 AND child_id = 1") == 1);
    /* Piet comes back: active again, same account */
    REQUIRE(import(db, "leerling_sleutel;roepnaam;achternaam;email\nL2;Piet;Jong;piet@example.nl\n", false, &res) ==
            KM_OK);
    CHECK(res.reactivated == 1 && res.added == 0 && res.deactivated == 1);
    parents_result_free(&res);
    CHECK(count(db, "SELECT active FROM users WHERE username = 'piet.jong'") == 1);
    db_close(db);
}

TEST(parents_import_adopts_local_parent_and_needs_the_sync)
{
    struct km_db *db = school();
    REQUIRE(db);
    REQUIRE(db_exec(db, "UPDATE users SET email = 'fatma@example.nl', password_state = 'set' WHERE id = 5", NULL) ==
            KM_OK);
    struct parents_result res;
    REQUIRE(import(db, "leerling_sleutel;roepnaam;achternaam;email\nL1;Fatma;Çelik;FATMA@example.nl\n", false, &res) ==
            KM_OK);
    CHECK(res.added == 0 && res.changed == 1 && res.nadded == 0);
    parents_result_free(&res);
    CHECK(count(db, "SELECT count(*) FROM users WHERE role = 'ouder'") == 1);
    CHECK(count(db, "SELECT source = 'parnassys' FROM users WHERE id = 5") == 1);
    /* someone else than the sync may not */
    struct km_session s;
    session_server(&s, db);
    const char *csv = "leerling_sleutel;roepnaam;achternaam;email\nL1;Ab;Cd;ab@example.nl\n";
    memset(&res, 0, sizeof res);
    CHECK(parents_csv_import(&s, csv, strlen(csv), false, &res, NULL, 0) == KM_READONLY);
    parents_result_free(&res);
    db_close(db);
}

TEST(parents_import_ignores_unknown_columns)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session s;
    session_sync(&s, db);
    const char *csv = "leerling_sleutel;telefoon;roepnaam;achternaam;E-mail;adres\n"
                      "L1;0612345678;Ria;Roos;ria@example.nl;Dorpsstraat 1\n";
    char ignored[100];
    struct parents_result res;
    REQUIRE(parents_csv_import(&s, csv, strlen(csv), false, &res, ignored, sizeof ignored) == KM_OK);
    CHECK_STR(ignored, "telefoon, adres");
    parents_result_free(&res);
    CHECK(count(db, "SELECT count(*) FROM users WHERE email = 'ria@example.nl'") == 1);
    db_close(db);
}

TEST(parents_invitations)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct parents_result res;
    REQUIRE(import(db, two_parents, false, &res) == KM_OK);
    parents_result_free(&res);
    struct km_session s;
    session_server(&s, db);
    struct parents_invitee_list l;
    REQUIRE(parents_uninvited(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 2); /* ouder1 of the fixture has no e-mail address */
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].username, "piet.jong"); /* by achternaam: Jong before Vries */
    CHECK_STR(l.items[1].name, "Anna de Vries");
    int64_t anna = l.items[1].id;
    char body[4096];
    invite_compose("OBS Test", &l.items[1], body, sizeof body);
    CHECK(strstr(body, "Beste Anna,") && strstr(body, "anna.devries") && strstr(body, "wachtwoord vergeten"));
    parents_invitee_list_free(&l);
    /* only parents of groep 5a (leerling1): Anna */
    struct parents_invite_filter f = {.group_id = 1};
    REQUIRE(parents_uninvited(&s, &f, &l) == KM_OK);
    CHECK(l.n == 1 && l.items[0].id == anna);
    parents_invitee_list_free(&l);
    REQUIRE(parents_mark_invited(&s, anna) == KM_OK);
    REQUIRE(parents_uninvited(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 1);
    parents_invitee_list_free(&l);
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE kind = 'ouder-uitgenodigd'") == 1);
    /* a teacher may not list them */
    fixture_session(&s, db, FX_JUF1);
    CHECK(parents_uninvited(&s, NULL, &l) == KM_DENIED);
    db_close(db);
}
