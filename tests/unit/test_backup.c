/* backup: a checked copy, made while another connection writes; never over an existing file without force,
 * never onto the database itself, only by the server's command line. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/backup.h"
#include "core/db_sql.h"
#include "fixture.h"
#include "test.h"

static int64_t users_in(const char *path)
{
    char err[512];
    struct km_db *db = NULL;
    int64_t n = -1;
    if (db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK)
        return -1;
    db_int(db, &n, "SELECT count(*) FROM users", NULL);
    db_close(db);
    return n;
}

/* Byte 18 of the header: 1 = rollback journal, 2 = WAL. The copy must be one self-contained file. */
static int header_mode(const char *path)
{
    unsigned char h[20] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    return n == sizeof h ? h[18] : -1;
}

static void touch_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
}

TEST(backup_makes_a_checked_copy)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session server;
    session_server(&server, db);
    char dest[512];
    snprintf(dest, sizeof dest, "%s", test_tmp_path("copy.db"));
    struct backup_info info;
    REQUIRE(backup_to_file(&server, dest, false, &info) == KM_OK);
    CHECK_STR(info.integrity, "ok");
    CHECK(info.bytes > 0);
    CHECK(header_mode(dest) == 1);
    struct stat st;
    CHECK(stat(dest, &st) == 0 && (st.st_mode & 0077) == 0); /* holds every account: owner only */
    char side[600];
    snprintf(side, sizeof side, "%s-wal", dest);
    CHECK(access(side, F_OK) != 0);
    CHECK(users_in(dest) == 7);
    db_close(db);
}

TEST(backup_sees_one_moment_while_another_connection_writes)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char err[512];
    struct km_db *writer = NULL;
    REQUIRE(db_open(db_path(db), DB_OPEN_EXISTING, &writer, err, sizeof err) == KM_OK);
    /* a write committed by another connection before the copy is in it */
    REQUIRE(db_exec(writer,
                    "INSERT INTO users (role, username, roepnaam, achternaam, created_at)"
                    " VALUES ('leerling', 'nieuw', 'Nieuw', 'Kind', '2026-01-01')",
                    NULL) == KM_OK);
    struct km_session server;
    session_server(&server, db);
    char dest[512];
    snprintf(dest, sizeof dest, "%s", test_tmp_path("copy.db"));
    struct backup_info info;
    REQUIRE(backup_to_file(&server, dest, false, &info) == KM_OK);
    CHECK(users_in(dest) == 8);
    db_close(writer);
    db_close(db);
}

TEST(backup_refuses_existing_self_and_non_server)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session server, boss;
    session_server(&server, db);
    fixture_session(&boss, db, FX_BEHEERDER);
    char dest[512], side[600];
    snprintf(dest, sizeof dest, "%s", test_tmp_path("copy.db"));
    struct backup_info info;
    CHECK(backup_to_file(&boss, dest, false, &info) == KM_DENIED);
    CHECK(access(dest, F_OK) != 0);
    CHECK(backup_to_file(&server, db_path(db), true, &info) == KM_INVALID);
    CHECK(backup_to_file(&server, "", false, &info) == KM_INVALID);
    touch_file(dest);
    CHECK(backup_to_file(&server, dest, false, &info) == KM_EXISTS);
    CHECK(backup_to_file(&server, dest, true, &info) == KM_OK);
    CHECK(users_in(dest) == 7);
    /* a leftover -wal beside the name would be applied to the copy: refused, and removed with --force */
    snprintf(dest, sizeof dest, "%s", test_tmp_path("other.db"));
    snprintf(side, sizeof side, "%s-wal", dest);
    touch_file(side);
    CHECK(backup_to_file(&server, dest, false, &info) == KM_EXISTS);
    CHECK(backup_to_file(&server, dest, true, &info) == KM_OK);
    CHECK(access(side, F_OK) != 0);
    /* a missing directory: an error, and nothing left behind */
    snprintf(dest, sizeof dest, "%s/no/such/dir/copy.db", test_tmp_path("x"));
    CHECK(backup_to_file(&server, dest, false, &info) == KM_ERR);
    db_close(db);
}
