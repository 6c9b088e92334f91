/* users, groups, goal statuses and audit through core, as the command line and screens use them. */
#include <stdlib.h>
#include <string.h>

#include "core/db_sql.h"
#include "core/school.h"
#include "core/audit.h"
#include "core/goalstatus.h"
#include "core/groups.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

TEST(users_split_name_prefixes)
{
    char r[64], v[64], a[64];
    CHECK(users_split_name("Sjoerd van 't Hof", r, v, a, sizeof r) == KM_OK);
    CHECK_STR(r, "Sjoerd");
    CHECK_STR(v, "van 't");
    CHECK_STR(a, "Hof");
    CHECK(users_split_name("Daan van der Berg", r, v, a, sizeof r) == KM_OK);
    CHECK_STR(v, "van der");
    CHECK_STR(a, "Berg");
    CHECK(users_split_name("Daniëlle Çelik", r, v, a, sizeof r) == KM_OK);
    CHECK_STR(v, "");
    CHECK_STR(a, "Çelik");
    CHECK(users_split_name("Cher", r, v, a, sizeof r) == KM_INVALID);
}

TEST(users_add_makes_stable_unique_usernames)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    struct user_new u = {ROLE_LEERLING, NULL, "Daniëlle", "", "Çelik", NULL};
    int64_t id1, id2;
    REQUIRE(users_add(&s, &u, &id1) == KM_OK);
    REQUIRE(users_add(&s, &u, &id2) == KM_OK);
    struct km_user a, b;
    REQUIRE(users_get_id(&s, id1, &a) == KM_OK);
    REQUIRE(users_get_id(&s, id2, &b) == KM_OK);
    CHECK_STR(a.username, "danielle.celik");
    CHECK_STR(b.username, "danielle.celik2");
    users_free(&a);
    users_free(&b);
    db_close(db);
}

TEST(users_add_rejects_bad_input_and_strips_controls)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    struct user_new u = {ROLE_LEERLING, "Hoofd Letters", "A", "", "B", NULL};
    CHECK(users_add(&s, &u, NULL) == KM_INVALID);
    u.username = "ok.naam";
    u.email = "a@b";
    CHECK(users_add(&s, &u, NULL) == KM_INVALID);
    u.email = NULL;
    u.roepnaam = "Evil\x1b[2J";
    int64_t id;
    REQUIRE(users_add(&s, &u, &id) == KM_OK);
    struct km_user got;
    REQUIRE(users_get_id(&s, id, &got) == KM_OK);
    CHECK(strchr(got.roepnaam, 0x1b) == NULL);
    users_free(&got);
    db_close(db);
}

TEST(users_deactivate_keeps_data_and_refuses_synced)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    CHECK(users_deactivate(&s, "leerling2") == KM_OK);
    struct km_user u;
    REQUIRE(users_get(&s, "leerling2", &u) == KM_OK);
    CHECK(!u.active);
    users_free(&u);
    REQUIRE(db_exec(db, "UPDATE users SET source = 'parnassys', source_key = 'k1' WHERE username = 'leerling1'",
                    NULL) == KM_OK);
    CHECK(users_deactivate(&s, "leerling1") == KM_READONLY);
    db_close(db);
}

TEST(users_password_is_hashed_and_temporary)
{
    REQUIRE(auth_init() == KM_OK);
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    struct auth_settings a = fixture_auth();
    CHECK(users_set_password(&s, FX_JUF1, "kort", &a) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "te kort") != NULL);
    CHECK(users_set_password(&s, FX_JUF1, "wachtwoord", &a) == KM_INVALID);
    CHECK(users_set_password(&s, FX_JUF1, "juf1", &a) == KM_INVALID);
    REQUIRE(users_set_password(&s, FX_JUF1, "Paarse-Olifant-9", &a) == KM_OK);
    char hash[AUTH_HASH_LEN], state[16];
    REQUIRE(db_text(db, hash, sizeof hash, "SELECT password_hash FROM users WHERE id = 3", NULL) == KM_OK);
    REQUIRE(db_text(db, state, sizeof state, "SELECT password_state FROM users WHERE id = 3", NULL) == KM_OK);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK(auth_verify(hash, "Paarse-Olifant-9"));
    CHECK(!auth_verify(hash, "paarse-olifant-9"));
    CHECK_STR(state, "temporary");
    char detail[64];
    REQUIRE(db_text(db, detail, sizeof detail, "SELECT kind FROM audit_log ORDER BY id DESC LIMIT 1", NULL) == KM_OK);
    CHECK_STR(detail, "wachtwoord-ingesteld");
    db_close(db);
}

TEST(groups_visible_per_role)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct km_group_list l;
    fixture_session(&s, db, FX_JUF1);
    REQUIRE(groups_list(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 1 && strcmp(l.items[0].name, "groep 5a") == 0);
    groups_list_free(&l);
    fixture_session(&s, db, FX_OUDER1);
    REQUIRE(groups_list(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 1 && l.items[0].students == 1);
    groups_list_free(&l);
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(groups_list(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 2);
    groups_list_free(&l);
    struct group_member_list m;
    fixture_session(&s, db, FX_JUF2);
    CHECK(groups_members(&s, FX_GROUP1, &m) == KM_DENIED);
    REQUIRE(groups_members(&s, FX_GROUP2, &m) == KM_OK);
    CHECK(m.n == 3); /* two teachers (duo) and a student */
    groups_members_free(&m);
    db_close(db);
}

TEST(groups_user_makes_only_eigen_groepen)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_BEHEERDER);
    CHECK(groups_add(&s, "groep 7c", "stamgroep", NULL, "7", NULL) == KM_READONLY);
    int64_t id;
    CHECK(groups_add(&s, "rekenen niveau 3", "eigen", NULL, NULL, &id) == KM_OK);
    CHECK(groups_add_member(&s, id, FX_LEERLING1) == KM_OK);
    CHECK(groups_add(&s, "rekenen niveau 3", "eigen", NULL, NULL, NULL) == KM_EXISTS);
    CHECK(groups_add(&s, "x", "eigen", "2026/2027", NULL, NULL) == KM_INVALID);
    fixture_session(&s, db, FX_JUF1);
    CHECK(groups_add(&s, "mijn groep", "eigen", NULL, NULL, NULL) == KM_DENIED);
    db_close(db);
}

TEST(groups_schooljaar_turns_on_august)
{
    char y[12];
    groups_schooljaar("2026-07-31", y);
    CHECK_STR(y, "2025-2026");
    groups_schooljaar("2026-08-01", y);
    CHECK_STR(y, "2026-2027");
    CHECK(groups_valid_schooljaar("2026-2027"));
    CHECK(!groups_valid_schooljaar("2026-2028"));
    CHECK(!groups_valid_schooljaar("2026-20277"));
}

TEST(goalstatus_versions_prevent_lost_updates)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, duo;
    fixture_session(&juf, db, FX_JUF2);
    fixture_session(&duo, db, FX_DUO);
    int64_t v1, v2;
    REQUIRE(goalstatus_set(&juf, FX_LEERLING2, FX_GOAL, 2, 0, &v1) == KM_OK);
    CHECK(v1 == 1);
    /* The duo-collega saw version 1 and sets it; juf2 still thinks version 0 and is told. */
    REQUIRE(goalstatus_set(&duo, FX_LEERLING2, FX_GOAL, 3, v1, &v2) == KM_OK);
    CHECK(goalstatus_set(&juf, FX_LEERLING2, FX_GOAL, 4, v1, NULL) == KM_CONFLICT);
    CHECK(strstr(db_errmsg(db), "bijna") != NULL);
    int64_t hist = 0;
    REQUIRE(db_int(db, &hist, "SELECT count(*) FROM goal_status_history WHERE student_id = 2", NULL) == KM_OK);
    CHECK(hist == 2);
    CHECK(goalstatus_set(&duo, FX_LEERLING2, FX_GOAL, 99, -1, NULL) == KM_INVALID);
    db_close(db);
}

TEST(audit_readable_by_beheerder_only)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    REQUIRE(users_deactivate(&s, "leerling2") == KM_OK);
    struct audit_list l;
    struct audit_filter f = {NULL, "leerling2", NULL, 0};
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(audit_list(&s, &f, &l) == KM_OK);
    CHECK(l.n == 1 && strcmp(l.items[0].kind, "gebruiker-gedeactiveerd") == 0 &&
          strcmp(l.items[0].actor, "server") == 0);
    audit_list_free(&l);
    fixture_session(&s, db, FX_JUF1);
    CHECK(audit_list(&s, &f, &l) == KM_DENIED);
    db_close(db);
}

TEST(auth_generated_passwords_are_readable_and_pass_the_policy)
{
    REQUIRE(auth_init() == KM_OK);
    struct auth_policy pol = auth_default_policy();
    for (int i = 0; i < 200; i++) {
        char pw[11], why[160];
        auth_generate_password(pw, sizeof pw);
        CHECK(strlen(pw) == 10);
        CHECK(strpbrk(pw, "0O1lI") == NULL);
        CHECK(pw[8] >= '2' && pw[8] <= '9' && pw[9] >= '2' && pw[9] <= '9');
        CHECK(auth_policy_check(&pol, ROLE_LEERLING, pw, "kind", why, sizeof why) == KM_OK);
    }
}

/* The BRIN the sync asks for, as SCHOOL INSTELLINGEN shows it: the configuration's, else the school's. */
TEST(school_sync_brin_one_rule)
{
    struct school_info school = {.brin = "99ZZ"}, none = {.brin = ""};
    char out[8];
    CHECK(school_sync_brin(&school, "", out) == BRIN_FROM_SCHOOL);
    CHECK_STR(out, "99ZZ");
    CHECK(school_sync_brin(&school, "99ZZ", out) == BRIN_FROM_CONFIG);
    CHECK(school_sync_brin(&(struct school_info){.brin = "9Z"}, "", out) ==
          BRIN_INVALID); /* made before BRINs were checked */
    CHECK(school_sync_brin(&school, "12AB", out) == BRIN_CONFLICT);
    CHECK_STR(out, "");
    CHECK(school_sync_brin(&none, "12AB", out) == BRIN_FROM_CONFIG);
    CHECK_STR(out, "12AB");
    CHECK(school_sync_brin(NULL, "", out) == BRIN_NONE);
}
