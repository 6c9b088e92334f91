/* --as: a login that sshd already authenticated by key. The account must exist and be active; the login
 * is audited as such; a temporary password still has to be changed. */
#include <string.h>

#include "core/db_sql.h"
#include "core/trusted.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

static int64_t audited(struct km_db *db, const char *kind, const char *detail)
{
    int64_t n = -1;
    db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind = ? AND detail LIKE ?", "tt", kind, detail);
    return n;
}

TEST(trusted_login_active_account)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct login_result r = {true};
    REQUIRE(login_trusted(db, "juf1", &s, &r) == KM_OK);
    CHECK(s.user_id == FX_JUF1 && s.role == ROLE_LEERKRACHT && s.origin == ORIGIN_USER);
    CHECK_STR(s.username, "juf1");
    CHECK(!r.must_change_password);
    CHECK(audited(db, "login", "ssh-sleutel") == 1);
    int64_t stamped = 0;
    db_int(db, &stamped, "SELECT last_login_at IS NOT NULL FROM users WHERE id = ?", "i", (int64_t)FX_JUF1);
    CHECK(stamped == 1);
    CHECK(login_trusted(db, "JUF1", &s, NULL) == KM_OK); /* usernames are case-insensitive */
    db_close(db);
}

TEST(trusted_login_temporary_password_must_change)
{
    REQUIRE(auth_init() == KM_OK);
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct auth_settings a = fixture_auth();
    struct km_session server, s;
    session_server(&server, db);
    REQUIRE(users_set_password(&server, FX_JUF2, "Paarse-Olifant-9", &a) == KM_OK); /* set by the server: temporary */
    struct login_result r = {false};
    REQUIRE(login_trusted(db, "juf2", &s, &r) == KM_OK);
    CHECK(r.must_change_password);
    db_close(db);
}

TEST(trusted_login_refuses_unknown_inactive_and_bad_names)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session server, s;
    session_server(&server, db);
    REQUIRE(users_deactivate(&server, "juf2") == KM_OK);
    CHECK(login_trusted(db, "niemand", &s, NULL) == KM_DENIED);
    CHECK(strstr(db_errmsg(db), "bestaat niet of is niet actief") != NULL);
    CHECK(login_trusted(db, "juf2", &s, NULL) == KM_DENIED);
    CHECK(s.user_id == 0);
    CHECK(audited(db, "login-mislukt", "ssh-sleutel%") == 2);
    CHECK(audited(db, "login", "ssh-sleutel") == 0);
    char longname[80];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CHECK(login_trusted(db, "", &s, NULL) == KM_INVALID);
    CHECK(login_trusted(db, NULL, &s, NULL) == KM_INVALID);
    CHECK(login_trusted(db, longname, &s, NULL) == KM_INVALID);
    CHECK(login_trusted(db, "juf1\n", &s, NULL) == KM_INVALID);
    db_close(db);
}
