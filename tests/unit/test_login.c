/* Logging in: one answer for every failure, lock-out shared through the database, temporary passwords,
 * hash upgrades, and the audit trail. */
#include <string.h>

#include "core/db_sql.h"
#include "core/login.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

static struct km_db *school_with_passwords(struct auth_settings *a)
{
    if (auth_init() != KM_OK)
        return NULL;
    struct km_db *db = fixture_open();
    if (!db)
        return NULL;
    *a = fixture_auth();
    struct km_session server;
    session_server(&server, db);
    if (users_set_password(&server, FX_JUF1, "Paarse-Olifant-9", a) != KM_OK ||
        users_set_password(&server, FX_LEERLING1, "zonnebloem", a) != KM_OK) {
        db_close(db);
        return NULL;
    }
    return db;
}

static int64_t count(struct km_db *db, const char *kind)
{
    int64_t n = 0;
    db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind = ?", "t", kind);
    return n;
}

TEST(login_success_and_uniform_failures)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    struct km_session s;
    struct login_result r;
    REQUIRE(login_attempt(db, &a, "leerling1", "zonnebloem", &s, &r) == KM_OK);
    CHECK(s.user_id == FX_LEERLING1 && s.role == ROLE_LEERLING && !r.must_change_password);
    char wrong_pw[256], no_user[256], no_pw[256];
    CHECK(login_attempt(db, &a, "leerling1", "zonnebloem!", &s, &r) == KM_DENIED);
    snprintf(wrong_pw, sizeof wrong_pw, "%s", db_errmsg(db));
    CHECK(login_attempt(db, &a, "niemand", "zonnebloem", &s, &r) == KM_DENIED);
    snprintf(no_user, sizeof no_user, "%s", db_errmsg(db));
    CHECK(login_attempt(db, &a, "leerling2", "", &s, &r) == KM_DENIED); /* account without a password */
    snprintf(no_pw, sizeof no_pw, "%s", db_errmsg(db));
    CHECK_STR(wrong_pw, "Onjuiste gebruikersnaam of wachtwoord.");
    CHECK_STR(no_user, wrong_pw);
    CHECK_STR(no_pw, wrong_pw);
    CHECK(count(db, "login") == 1 && count(db, "login-mislukt") == 2);
    db_close(db);
}

TEST(login_staff_password_set_by_beheerder_is_temporary)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    struct km_session s;
    struct login_result r;
    REQUIRE(login_attempt(db, &a, "juf1", "Paarse-Olifant-9", &s, &r) == KM_OK);
    CHECK(r.must_change_password);
    REQUIRE(users_set_password(&s, FX_JUF1, "Eigen-Gekozen-Zin-7", &a) == KM_OK);
    REQUIRE(login_attempt(db, &a, "juf1", "Eigen-Gekozen-Zin-7", &s, &r) == KM_OK);
    CHECK(!r.must_change_password);
    db_close(db);
}

TEST(login_locks_after_failures_until_unlocked)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    struct km_session s;
    for (int i = 0; i < a.limits.max_failures; i++)
        CHECK(login_attempt(db, &a, "juf1", "fout", &s, NULL) == KM_DENIED);
    CHECK(users_locked(db, FX_JUF1));
    CHECK(count(db, "account-geblokkeerd") == 1);
    /* locked: even the right password fails, with the same sentence */
    CHECK(login_attempt(db, &a, "juf1", "Paarse-Olifant-9", &s, NULL) == KM_DENIED);
    CHECK_STR(db_errmsg(db), "Onjuiste gebruikersnaam of wachtwoord.");
    /* a second process sees the same lock: it is in the file, not in memory */
    char err[512];
    struct km_db *other;
    REQUIRE(db_open(db_path(db), DB_OPEN_EXISTING, &other, err, sizeof err) == KM_OK);
    CHECK(login_attempt(other, &a, "juf1", "Paarse-Olifant-9", &s, NULL) == KM_DENIED);
    struct km_session juf2, beheer;
    fixture_session(&juf2, db, FX_JUF2);
    CHECK(users_unlock(&juf2, FX_JUF1) == KM_DENIED);
    fixture_session(&beheer, db, FX_BEHEERDER);
    REQUIRE(users_unlock(&beheer, FX_JUF1) == KM_OK);
    CHECK(login_attempt(other, &a, "juf1", "Paarse-Olifant-9", &s, NULL) == KM_OK);
    CHECK(count(db, "account-ontgrendeld") == 1);
    db_close(other);
    db_close(db);
}

TEST(login_upgrades_old_hash_parameters)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    char before[AUTH_HASH_LEN], after[AUTH_HASH_LEN];
    REQUIRE(db_text(db, before, sizeof before, "SELECT password_hash FROM users WHERE id = 1", NULL) == KM_OK);
    a.params.opslimit += 1; /* the school raised the cost in the config */
    struct km_session s;
    REQUIRE(login_attempt(db, &a, "leerling1", "zonnebloem", &s, NULL) == KM_OK);
    REQUIRE(db_text(db, after, sizeof after, "SELECT password_hash FROM users WHERE id = 1", NULL) == KM_OK);
    CHECK(strcmp(before, after) != 0);
    CHECK(!auth_needs_rehash(after, &a.params));
    CHECK(auth_verify(after, "zonnebloem"));
    db_close(db);
}

static bool contains(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return true;
    return false;
}

TEST(login_no_password_in_the_database_file)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    struct km_session s;
    login_attempt(db, &a, "juf1", "Paarse-Olifant-9", &s, NULL);
    login_attempt(db, &a, "juf1", "Verkeerd-Geraden-1", &s, NULL);
    char path[600];
    snprintf(path, sizeof path, "%s", db_path(db));
    db_close(db); /* checkpoints the WAL into the file */
    const char *secrets[] = {"Paarse-Olifant-9", "Verkeerd-Geraden-1", "zonnebloem"};
    FILE *f = fopen(path, "rb");
    REQUIRE(f);
    static char buf[4 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        CHECK(!contains(buf, n, secrets[i]));
}

/* PROFIEL's "laatst ingelogd" is the login before this one, not this one. */
TEST(login_previous_is_the_one_before)
{
    struct auth_settings a;
    struct km_db *db = school_with_passwords(&a);
    REQUIRE(db);
    struct km_session s;
    char prev[20] = "x";
    REQUIRE(login_attempt(db, &a, "leerling1", "zonnebloem", &s, NULL) == KM_OK);
    REQUIRE(users_previous_login(&s, prev, sizeof prev) == KM_OK);
    CHECK_STR(prev, ""); /* the first */
    REQUIRE(db_exec(db, "UPDATE audit_log SET at = '2026-11-01 08:00:00' WHERE kind = 'login'", NULL) == KM_OK);
    REQUIRE(login_attempt(db, &a, "leerling1", "zonnebloem", &s, NULL) == KM_OK);
    REQUIRE(users_previous_login(&s, prev, sizeof prev) == KM_OK);
    CHECK_STR(prev, "2026-11-01 08:00:00");
    struct km_session server;
    session_server(&server, db);
    CHECK(users_previous_login(&server, prev, sizeof prev) == KM_DENIED);
    db_close(db);
}
