#include "core/db.h"
#include "core/db_sql.h"
#include "test.h"

TEST(db_create_and_reopen)
{
    char err[512];
    struct km_db *db = NULL;
    const char *path = test_tmp_path("a.db");
    REQUIRE(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) == KM_OK);
    char mode[16];
    CHECK(db_text(db, mode, sizeof mode, "PRAGMA journal_mode", NULL) == KM_OK);
    CHECK_STR(mode, "wal");
    int64_t v = 0;
    CHECK(db_int(db, &v, "PRAGMA user_version", NULL) == KM_OK);
    CHECK(v == db_schema_version());
    db_close(db);
}

/* The fuzz harnesses' school: the whole schema in memory, foreign keys on, no file anywhere. */
TEST(db_open_memory_has_the_schema)
{
    char err[512] = "";
    struct km_db *db = NULL;
    REQUIRE(db_open_memory(&db, err, sizeof err) == KM_OK);
    int64_t v = 0, fk = 0;
    CHECK(db_int(db, &v, "PRAGMA user_version", NULL) == KM_OK);
    CHECK(v == db_schema_version());
    CHECK(db_int(db, &fk, "PRAGMA foreign_keys", NULL) == KM_OK);
    CHECK(fk == 1);
    CHECK_STR(db_path(db), ":memory:");
    /* a savepoint rolled back leaves nothing behind, as the harnesses rely on */
    CHECK(db_exec(db, "SAVEPOINT t", NULL) == KM_OK);
    CHECK(db_exec(db, "INSERT INTO rooms (name, capacity) VALUES ('lokaal x', 3)", NULL) == KM_OK);
    CHECK(db_exec(db, "ROLLBACK TO t", NULL) == KM_OK && db_exec(db, "RELEASE t", NULL) == KM_OK);
    int64_t rooms = -1;
    CHECK(db_int(db, &rooms, "SELECT count(*) FROM rooms", NULL) == KM_OK);
    CHECK(rooms == 0);
    db_close(db);
}

#include <stdlib.h>
#include <sys/stat.h>

static enum km_rc open_err(const char *path, enum db_open_mode mode, char *err, size_t len)
{
    struct km_db *db = NULL;
    enum km_rc rc = db_open(path, mode, &db, err, len);
    db_close(db);
    return rc;
}

TEST(db_bad_files_give_one_sentence)
{
    char err[512];
    CHECK(open_err("/nonexistent-dir/x.db", DB_OPEN_CREATE, err, sizeof err) == KM_NOTFOUND);
    CHECK(strstr(err, "bestaat niet") != NULL);
    const char *missing = test_tmp_path("missing.db");
    CHECK(open_err(missing, DB_OPEN_EXISTING, err, sizeof err) == KM_NOTFOUND);
    const char *text = test_tmp_path("text.db");
    FILE *f = fopen(text, "w");
    REQUIRE(f);
    fputs("hallo, dit is tekst en geen database, echt niet\n", f);
    fclose(f);
    CHECK(open_err(text, DB_OPEN_EXISTING, err, sizeof err) == KM_INVALID);
    CHECK(strstr(err, "geen klassenmap-database") != NULL);
    const char *ro = test_tmp_path("ro.db");
    struct km_db *db = NULL;
    REQUIRE(db_open(ro, DB_OPEN_CREATE, &db, err, sizeof err) == KM_OK);
    db_close(db);
    chmod(ro, 0444);
    CHECK(open_err(ro, DB_OPEN_EXISTING, err, sizeof err) == KM_READONLY);
    CHECK(strstr(err, "alleen-lezen") != NULL);
}

static enum km_rc insert_school(struct km_db *db, void *arg)
{
    (void)arg;
    return db_exec(db, "INSERT INTO school (id, name, created_at) VALUES (1, ?, ?)", "tt", "OBS", "2026-01-01");
}

static enum km_rc failing_tx(struct km_db *db, void *arg)
{
    (void)arg;
    db_exec(db, "UPDATE school SET name = 'kapot'", NULL);
    return db_fail(db, KM_INVALID, "opzettelijk mislukt");
}

TEST(db_tx_commits_or_rolls_back_whole)
{
    char err[512];
    struct km_db *db = NULL;
    REQUIRE(db_open(test_tmp_path("tx.db"), DB_OPEN_CREATE, &db, err, sizeof err) == KM_OK);
    CHECK(db_tx(db, insert_school, NULL) == KM_OK);
    CHECK(db_tx(db, insert_school, NULL) == KM_EXISTS);
    CHECK(db_tx(db, failing_tx, NULL) == KM_INVALID);
    char name[32];
    CHECK(db_text(db, name, sizeof name, "SELECT name FROM school", NULL) == KM_OK);
    CHECK_STR(name, "OBS");
    int64_t dv1, dv2;
    CHECK(db_data_version(db, &dv1) == KM_OK);
    struct km_db *other = NULL;
    REQUIRE(db_open(db_path(db), DB_OPEN_EXISTING, &other, err, sizeof err) == KM_OK);
    CHECK(db_exec(other, "UPDATE school SET name = 'OBS 2'", NULL) == KM_OK);
    CHECK(db_data_version(db, &dv2) == KM_OK);
    CHECK(dv1 != dv2); /* another connection's commit is visible to the poll */
    db_close(other);
    struct db_health h;
    CHECK(db_health(db, &h) == KM_OK);
    CHECK_STR(h.integrity, "ok");
    CHECK(h.fk_errors == 0);
    db_close(db);
}
