/* A mail that failed in the background process reaches the audit log through the spool. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/db_sql.h"
#include "core/fileread.h"
#include "core/mailspool.h"
#include "fixture.h"
#include "test.h"

TEST(mailspool_failures_reach_the_audit_log_once)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    mailspool_write(db_path(db), FX_JUF1, "juf1", "De mail kon niet worden verstuurd:\tgeen verbinding\n.");
    mailspool_write(db_path(db), FX_OUDER1, "ouder1", "time-out");
    char spool[4200];
    snprintf(spool, sizeof spool, "%s.mailfouten", db_path(db));
    CHECK(access(spool, F_OK) == 0);
    REQUIRE(mailspool_import(db) == KM_OK);
    CHECK(access(spool, F_OK) != 0); /* taken */
    int64_t n = 0;
    REQUIRE(db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind = 'mail-mislukt'", NULL) == KM_OK);
    CHECK(n == 2);
    char detail[200];
    REQUIRE(db_text(db, detail, sizeof detail, "SELECT detail FROM audit_log WHERE subject_id = 3", NULL) == KM_OK);
    CHECK_STR(detail, "De mail kon niet worden verstuurd: geen verbinding .");
    REQUIRE(mailspool_import(db) == KM_OK); /* nothing left: nothing twice */
    REQUIRE(db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind = 'mail-mislukt'", NULL) == KM_OK);
    CHECK(n == 2);
    db_close(db);
}

/* Mail that stops working shows as "not working since" the first failure; a mail that went clears it. Only the
 * beheerder (and the server) may read it. */
TEST(mailspool_health_since_first_failure)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session server, juf;
    session_server(&server, db);
    fixture_session(&juf, db, FX_JUF1);
    struct mail_health h;
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(!h.failing);
    CHECK(mailspool_health(&juf, &h) == KM_DENIED);
    mailspool_write(db_path(db), FX_JUF1, "juf1",
                    "De mail kon niet worden verstuurd via smtp://x: de mailserver is niet bereikbaar (Couldn't "
                    "connect to server).");
    sleep(1);
    mailspool_write(db_path(db), FX_OUDER1, "ouder1", "tweede keer");
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(!h.failing); /* reading only reads: the spool waits for a step that writes */
    REQUIRE(mailspool_import(db) == KM_OK);
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(h.failing && h.since[0]);
    CHECK_STR(h.last_error, "tweede keer");
    char first[20];
    snprintf(first, sizeof first, "%s", h.since);
    int64_t n = 0;
    REQUIRE(db_int(db, &n,
                   "SELECT count(*) FROM audit_log WHERE kind = 'mail-mislukt' AND detail LIKE '%niet bereikbaar%'",
                   NULL) == KM_OK);
    CHECK(n == 1);
    REQUIRE(mailspool_record(db, FX_JUF1, "juf1", "derde keer") == KM_OK);
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK_STR(h.since, first);                           /* still since the first failure */
    mailspool_write(db_path(db), FX_JUF1, "juf1", NULL); /* a mail that went */
    REQUIRE(mailspool_import(db) == KM_OK);
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(!h.failing);
    db_close(db);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = f ? fileread_all(f, (size_t)1 << 30, len) : NULL;
    if (f)
        fclose(f);
    return data;
}

/* Reading the audit log and the mail's health only reads: on a connection that refuses every write (SQLite's
 * query_only: a write fails as on a read-only file, also for root, whom file modes do not stop; db_open itself
 * refuses a read-only file on purpose) both work, the spool stays where it is and the file is unchanged. */
TEST(mailspool_reading_the_audit_log_writes_nothing)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char path[4200], spool[4300];
    snprintf(path, sizeof path, "%s", db_path(db));
    snprintf(spool, sizeof spool, "%s.mailfouten", path);
    mailspool_write(path, FX_JUF1, "juf1", "geen verbinding");
    db_close(db);
    size_t before_len = 0, spool_len = 0, after_len = 0, spool_after = 0;
    char *before = slurp(path, &before_len), *spool_before = slurp(spool, &spool_len);
    REQUIRE(before && spool_before);
    struct stat spool_st, spool_st_after;
    REQUIRE(stat(spool, &spool_st) == 0);
    char err[512];
    db = NULL;
    CHECK(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) == KM_OK);
    if (!db)
        fprintf(stderr, "    %s\n", err);
    if (db) {
        REQUIRE(db_exec(db, "PRAGMA query_only = ON", NULL) == KM_OK);
        struct km_session server;
        session_server(&server, db);
        struct audit_filter f = {0};
        struct audit_list l;
        CHECK(audit_list(&server, &f, &l) == KM_OK);
        for (size_t i = 0; i < l.n; i++)
            CHECK(strcmp(l.items[i].kind, "mail-mislukt") != 0); /* still in the spool */
        audit_list_free(&l);
        struct mail_health h;
        CHECK(mailspool_health(&server, &h) == KM_OK);
        CHECK(!h.failing);
        db_close(db);
    }
    char *after = slurp(path, &after_len), *spool_now = slurp(spool, &spool_after);
    CHECK(after && before_len == after_len && memcmp(before, after, before_len) == 0);
    REQUIRE(stat(spool, &spool_st_after) == 0); /* not even taken and put back: a rename changes ctime */
    CHECK(spool_st.st_ctim.tv_sec == spool_st_after.st_ctim.tv_sec &&
          spool_st.st_ctim.tv_nsec == spool_st_after.st_ctim.tv_nsec);
    CHECK(spool_now && spool_len == spool_after && memcmp(spool_before, spool_now, spool_len) == 0);
    free(before);
    free(after);
    free(spool_before);
    free(spool_now);
}
