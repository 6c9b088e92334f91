/* A mail that failed in the background process reaches the audit log through the spool. */
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
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
    mailspool_write(db_path(db), FX_JUF1, "juf1", "De mail kon niet worden verstuurd via smtp://x: de mailserver is niet bereikbaar (Couldn't connect to server).");
    sleep(1);
    mailspool_write(db_path(db), FX_OUDER1, "ouder1", "tweede keer");
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(h.failing && h.since[0]);
    CHECK_STR(h.last_error, "tweede keer");
    char first[20];
    snprintf(first, sizeof first, "%s", h.since);
    int64_t n = 0;
    REQUIRE(db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind = 'mail-mislukt' AND detail LIKE '%niet bereikbaar%'", NULL) == KM_OK);
    CHECK(n == 1);
    REQUIRE(mailspool_record(db, FX_JUF1, "juf1", "derde keer") == KM_OK);
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK_STR(h.since, first); /* still since the first failure */
    mailspool_write(db_path(db), FX_JUF1, "juf1", NULL); /* a mail that went */
    REQUIRE(mailspool_health(&server, &h) == KM_OK);
    CHECK(!h.failing);
    db_close(db);
}
