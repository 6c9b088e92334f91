#include "core/db.h"
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
