/* The WAL bounds every connection of klassenmap sets (src/core/db.c, doc/architecture.md): checkpoints
 * while sessions stay open, and a file cut back after a burst. tests/cli/test_wal.sh checks the effect. */
#include "core/db.h"
#include "core/db_sql.h"
#include "fixture.h"
#include "test.h"

TEST(wal_checkpoint_settings)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    int64_t pages = 0, limit = 0;
    char mode[16] = "";
    CHECK(db_int(db, &pages, "PRAGMA wal_autocheckpoint", NULL) == KM_OK && pages == 1000);
    CHECK(db_int(db, &limit, "PRAGMA journal_size_limit", NULL) == KM_OK && limit == 8388608);
    CHECK(db_text(db, mode, sizeof mode, "PRAGMA journal_mode", NULL) == KM_OK);
    CHECK_STR(mode, "wal");
    db_close(db);
}
