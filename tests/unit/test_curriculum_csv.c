/* The curriculum spreadsheet in process: what a dry run lists, mistakes by line with nothing changed, and
 * mangled files that never crash and never half-import. */
#include <stdlib.h>

#include "core/curriculum.h"
#include "core/db_sql.h"
#include "fixture.h"
#include "sync/curriculum_csv.h"
#include "test.h"

static const char good[] = "hoofdgebied;deelgebied;niveau;code;titel;volgorde;ingetrokken\r\n"
                           "rekenen;breuken;;RE-BR-5.01;Ik kan breuken vergelijken en ordenen;0;nee\r\n"
                           "rekenen;breuken;5;RE-BR-5.02;Ik kan breuken optellen;1;nee\r\n"
                           "taal;spelling;5;TA-SP-5.01;\"Ik schrijf \"\"ij\"\"; of \"\"ei\"\"\";1;ja\r\n";

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    db_int(db, &n, sql, NULL);
    return n;
}

TEST(curriculum_csv_dry_run_lists_changes)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    struct curriculum_csv_result r;
    REQUIRE(curriculum_csv_import(&b, good, sizeof good - 1, true, &r) == KM_OK);
    CHECK(r.nerrors == 0);
    CHECK(r.new_hoofdgebieden == 1 && r.new_deelgebieden == 1 && r.new_niveaus == 1);
    CHECK(r.new_goals == 2 && r.changed_goals == 1 && r.unchanged_goals == 0);
    REQUIRE(r.nchanges == 6);
    CHECK(r.changes[0].kind == CCSV_NEW_HOOFDGEBIED && r.changes[0].line == 4);
    CHECK_STR(r.changes[1].name, "taal / spelling");
    CHECK(r.changes[2].kind == CCSV_NEW_NIVEAU);
    CHECK(r.changes[3].kind == CCSV_CHANGED_GOAL && r.changes[3].line == 2);
    CHECK_STR(r.changes[3].detail, "titel"); /* the fixture's goal, known by its code */
    CHECK_STR(r.changes[5].name, "TA-SP-5.01");
    curriculum_csv_result_free(&r);
    CHECK(count(db, "SELECT count(*) FROM leerdoelen") == 1); /* a dry run changes nothing */
    CHECK(count(db, "SELECT count(*) FROM niveaus") == 0);

    REQUIRE(curriculum_csv_import(&b, good, sizeof good - 1, false, &r) == KM_OK);
    curriculum_csv_result_free(&r);
    CHECK(count(db, "SELECT count(*) FROM leerdoelen") == 3);
    struct cur_goal g;
    REQUIRE(curriculum_goal_by_code(&b, "TA-SP-5.01", &g) == KM_OK);
    CHECK_STR(g.title, "Ik schrijf \"ij\"; of \"ei\"");
    CHECK(g.retired);
    curriculum_goal_free(&g);
    db_close(db);
}

TEST(curriculum_csv_refuses_by_line)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b, juf;
    fixture_session(&b, db, FX_BEHEERDER);
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(db_exec(db, "INSERT INTO niveaus (name) VALUES ('5')", NULL) == KM_OK);
    static const char bad[] = "hoofdgebied;deelgebied;niveau;code;titel\n"
                              "rekenen;breuken;5;A-1;Goed\n"
                              "rekenen;breuken;7;A-2;Onbekend niveau\n"
                              "rekenen;breuken;5;a-1;Dubbel\n"
                              "rekenen;breuken;5\n";
    struct curriculum_csv_result r;
    CHECK(curriculum_csv_import(&juf, bad, sizeof bad - 1, true, &r) == KM_DENIED); /* beheerder only */
    curriculum_csv_result_free(&r);
    REQUIRE(curriculum_csv_import(&b, bad, sizeof bad - 1, false, &r) == KM_INVALID);
    REQUIRE(r.nerrors == 3);
    CHECK(r.errors[0].line == 3 && strstr(r.errors[0].text, "onbekend niveau '7'"));
    CHECK(r.errors[1].line == 4 && strstr(r.errors[1].text, "staat ook op regel 2"));
    CHECK(r.errors[2].line == 5 && strstr(r.errors[2].text, "kolommen 'code', 'titel' ontbreken"));
    CHECK(r.nchanges == 0);
    CHECK(strstr(db_errmsg(db), "3 fouten") != NULL);
    curriculum_csv_result_free(&r);
    CHECK(count(db, "SELECT count(*) FROM leerdoelen") == 1);
    db_close(db);
}

/* Deterministic mangling of a good file: every result is a clean refusal or a whole import. */
TEST(curriculum_csv_mangled_files)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    static const char *const bits[] = {";", "\"", "\r\n", "\n", ",", "ja", "", "\xff", "\x1b[2J", "=", "9999999"};
    uint32_t seed = 12345;
    char buf[sizeof good + 256];
    for (int round = 0; round < 300; round++) {
        size_t len = sizeof good - 1;
        memcpy(buf, good, len);
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % (len + 1);
            const char *bit = bits[(seed >> 20) % (sizeof bits / sizeof bits[0])];
            size_t add = strlen(bit);
            if ((seed >> 4) % 3 == 0 && at < len) {
                memmove(buf + at, buf + at + 1, len - at - 1); /* drop a byte */
                len--;
            } else if (len + add < sizeof buf) {
                memmove(buf + at + add, buf + at, len - at);
                memcpy(buf + at, bit, add);
                len += add;
            }
        }
        int64_t before = count(db, "SELECT count(*) FROM leerdoelen");
        struct curriculum_csv_result r;
        enum km_rc rc = curriculum_csv_import(&b, buf, len, round % 2 == 0, &r);
        CHECK(rc == KM_OK || rc == KM_INVALID);
        if (rc == KM_INVALID)
            CHECK(r.nerrors > 0 && count(db, "SELECT count(*) FROM leerdoelen") == before);
        curriculum_csv_result_free(&r);
    }
    CHECK(count(db, "PRAGMA foreign_key_check") == -1); /* no row: nothing dangles */
    db_close(db);
}
