/* The school's status scale: the default values, the rules for letters and glyphs, at least one mastered
 * value, and no deleting a value that statuses or their history use. */
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/statusscale.h"
#include "fixture.h"
#include "test.h"

static struct status_input input(const char *label, const char *letter, const char *glyph, bool mastered)
{
    return (struct status_input){label, letter, glyph, "status_busy", mastered};
}

TEST(statusscale_default_four)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_LEERLING1); /* everyone reads the scale */
    struct status_scale l;
    REQUIRE(statusscale_list(&s, &l) == KM_OK);
    REQUIRE(l.n == 4);
    CHECK_STR(l.items[0].letter, "N");
    CHECK_STR(l.items[1].letter, "B");
    CHECK_STR(l.items[2].letter, "J");
    CHECK_STR(l.items[3].letter, "V");
    CHECK_STR(l.items[3].label, "beheerst");
    CHECK_STR(l.items[3].glyph, "●");
    CHECK_STR(l.items[3].colour_role, "status_done");
    CHECK(l.items[3].mastered && !l.items[0].mastered && !l.items[1].mastered && !l.items[2].mastered);
    CHECK(statusscale_index(&l, l.items[2].id) == 2);
    CHECK(statusscale_index(&l, 999) == -1);
    statusscale_free(&l);
    db_close(db);
}

TEST(statusscale_input_rules)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    char why[160];
    struct status_input in = input("extra", "x", "+", false);
    CHECK(statusscale_input_ok(&in, why, sizeof why));
    struct status_input bad[] = {
        input("", "X", "+", false),
        input("extra", "XY", "+", false),
        input("extra", "", "+", false),
        input("extra", "é", "+", false),
        input("extra", "X", "++", false),
        input("extra", "X", "", false),
        input("extra", "X", "\x1b", false),
        input("extra", "X", "😀", false), /* wide */
        input("een naam die veel te lang is voor een status", "X", "+", false),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(!statusscale_input_ok(&bad[i], why, sizeof why));
        CHECK(statusscale_add(&b, &bad[i], NULL) == KM_INVALID);
    }
    struct status_input role = {"extra", "X", "+", "rood", false};
    CHECK(statusscale_add(&b, &role, NULL) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "status_done") != NULL);

    struct status_input dup_letter = input("anders", "v", "+", false); /* V is beheerst's, case ignored */
    CHECK(statusscale_add(&b, &dup_letter, NULL) == KM_EXISTS);
    CHECK(strstr(db_errmsg(db), "beheerst") != NULL);
    struct status_input dup_label = input("Bijna", "Q", "+", false);
    CHECK(statusscale_add(&b, &dup_label, NULL) == KM_EXISTS);

    int64_t id = 0;
    REQUIRE(statusscale_add(&b, &in, &id) == KM_OK);
    struct status_scale l;
    REQUIRE(statusscale_list(&b, &l) == KM_OK);
    REQUIRE(l.n == 5);
    CHECK(l.items[4].id == id);
    CHECK_STR(l.items[4].letter, "X"); /* stored in upper case */
    CHECK(l.items[4].sort_order == 5);
    statusscale_free(&l);
    struct status_input digit = input("zeven", "7", "7", false);
    CHECK(statusscale_add(&b, &digit, NULL) == KM_OK);
    for (int i = 0; i < 4; i++) {
        char label[8] = {'w', (char)('0' + i), 0}, letter[2] = {(char)('K' + i), 0};
        struct status_input more = input(label, letter, "-", false);
        CHECK(statusscale_add(&b, &more, NULL) == (i < 2 ? KM_OK : KM_INVALID)); /* STATUSSCALE_MAX */
    }
    db_close(db);
}

TEST(statusscale_mastered_stays)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    struct status_scale l;
    REQUIRE(statusscale_list(&b, &l) == KM_OK);
    struct status_value v = l.items[3], j = l.items[2];
    statusscale_free(&l);
    struct status_input not_mastered = input("beheerst", "V", "●", false);
    CHECK(statusscale_update(&b, v.id, &not_mastered, v.version) == KM_INVALID);
    CHECK(statusscale_delete(&b, v.id, -1) == KM_INVALID); /* the last mastered value */
    CHECK(strstr(db_errmsg(db), "beheerst") != NULL);
    struct status_input j_mastered = {"bijna", "j", "◐", "status_almost", true};
    REQUIRE(statusscale_update(&b, j.id, &j_mastered, j.version) == KM_OK);
    CHECK(statusscale_update(&b, j.id, &j_mastered, j.version) == KM_CONFLICT); /* stale */
    CHECK(statusscale_update(&b, v.id, &not_mastered, v.version) == KM_OK);     /* J counts now */
    REQUIRE(statusscale_list(&b, &l) == KM_OK);
    CHECK(l.items[2].mastered && !l.items[3].mastered);
    statusscale_free(&l);
    CHECK(statusscale_delete(&b, v.id, -1) == KM_OK); /* unused */
    int64_t n = 0;
    db_int(db, &n, "SELECT count(*) FROM audit_log WHERE kind LIKE 'status-waarde-%'", NULL);
    CHECK(n == 3);
    db_close(db);
}

TEST(statusscale_delete_refused_while_used)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b, juf;
    fixture_session(&b, db, FX_BEHEERDER);
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, FX_GOAL, 2, 0, NULL) == KM_OK);
    CHECK(statusscale_delete(&b, 2, -1) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "1 leerdoel") != NULL);
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, FX_GOAL, 3, -1, NULL) == KM_OK);
    CHECK(statusscale_delete(&b, 2, -1) == KM_INVALID); /* the history still names it */
    CHECK(strstr(db_errmsg(db), "geschiedenis") != NULL);
    struct status_scale l;
    REQUIRE(statusscale_list(&b, &l) == KM_OK);
    CHECK(l.items[1].uses == -1 && l.items[1].history == -1); /* not counted by the list */
    REQUIRE(statusscale_count_uses(&b, &l) == KM_OK);
    CHECK(l.items[1].uses == 0 && l.items[1].history == 2 && l.items[2].uses == 1 && l.items[2].history == 1);
    CHECK(l.items[0].uses == 0 && l.items[0].history == 0);
    statusscale_free(&l);
    CHECK(statusscale_delete(&b, 1, -1) == KM_OK); /* niet gestart was never used */
    CHECK(statusscale_delete(&b, 1, -1) == KM_NOTFOUND);
    db_close(db);
}

TEST(statusscale_move_and_access)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b, juf;
    fixture_session(&b, db, FX_BEHEERDER);
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(statusscale_move(&b, 4, -3, -1) == KM_OK);
    struct status_scale l;
    REQUIRE(statusscale_list(&b, &l) == KM_OK);
    REQUIRE(l.n == 4);
    CHECK(l.items[0].id == 4 && l.items[1].id == 1 && l.items[3].id == 3);
    CHECK(l.items[0].sort_order == 1 && l.items[3].sort_order == 4);
    statusscale_free(&l);
    struct status_input in = input("extra", "X", "+", false);
    CHECK(statusscale_add(&juf, &in, NULL) == KM_DENIED);
    CHECK(statusscale_update(&juf, 1, &in, -1) == KM_DENIED);
    CHECK(statusscale_move(&juf, 1, 1, -1) == KM_DENIED);
    CHECK(statusscale_delete(&juf, 1, -1) == KM_DENIED);
    db_close(db);
}
