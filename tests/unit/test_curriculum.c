/* The curriculum editor's core: areas and niveaus with names, order and versions; goals with codes, retiring
 * that keeps history and hides the goal from choices; only the beheerder changes anything. */
#include "core/board.h"
#include "core/curriculum.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "fixture.h"
#include "test.h"

static struct km_db *open_as(struct km_session *s, enum fixture_user who)
{
    struct km_db *db = fixture_open();
    if (db)
        fixture_session(s, db, who);
    return db;
}

static int64_t version_of(struct km_session *s, enum cur_level level, int64_t id)
{
    struct cur_item_list l;
    int64_t v = -2;
    if (curriculum_items(s, level, 0, &l) != KM_OK)
        return v;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].id == id)
            v = l.items[i].version;
    curriculum_items_free(&l);
    return v;
}

TEST(curriculum_areas_add_rename_move_delete)
{
    struct km_session b;
    struct km_db *db = open_as(&b, FX_BEHEERDER);
    REQUIRE(db);
    int64_t taal = 0, spelling = 0, lezen = 0;
    REQUIRE(curriculum_add(&b, CUR_HOOFDGEBIED, 0, "  taal ", &taal) == KM_OK);
    CHECK(curriculum_add(&b, CUR_HOOFDGEBIED, 0, "Rekenen", NULL) == KM_EXISTS); /* case ignored */
    CHECK(curriculum_add(&b, CUR_HOOFDGEBIED, 0, "", NULL) == KM_INVALID);
    REQUIRE(curriculum_add(&b, CUR_DEELGEBIED, taal, "spelling", &spelling) == KM_OK);
    REQUIRE(curriculum_add(&b, CUR_DEELGEBIED, taal, "lezen", &lezen) == KM_OK);
    CHECK(curriculum_add(&b, CUR_DEELGEBIED, taal, "LEZEN", NULL) == KM_EXISTS);
    CHECK(curriculum_add(&b, CUR_DEELGEBIED, 1, "lezen", NULL) == KM_OK); /* another hoofdgebied may have one */
    CHECK(curriculum_add(&b, CUR_DEELGEBIED, 99, "x", NULL) == KM_NOTFOUND);

    struct cur_item_list l;
    REQUIRE(curriculum_items(&b, CUR_HOOFDGEBIED, 0, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].name, "rekenen");
    CHECK_STR(l.items[1].name, "taal");
    CHECK(l.items[0].goals == 1);
    int64_t v = l.items[1].version;
    curriculum_items_free(&l);

    CHECK(curriculum_move(&b, CUR_HOOFDGEBIED, taal, -5, v) == KM_OK); /* stops at the top */
    REQUIRE(curriculum_items(&b, CUR_HOOFDGEBIED, 0, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].name, "taal");
    CHECK(l.items[0].sort_order == 1 && l.items[1].sort_order == 2);
    curriculum_items_free(&l);

    v = version_of(&b, CUR_HOOFDGEBIED, taal);
    CHECK(curriculum_rename(&b, CUR_HOOFDGEBIED, taal, "Nederlandse taal", v) == KM_OK);
    CHECK(curriculum_rename(&b, CUR_HOOFDGEBIED, taal, "taal", v) == KM_CONFLICT); /* renamed since */
    CHECK(strstr(db_errmsg(db), "Nederlandse taal") != NULL);                      /* says what it is now */
    CHECK(version_of(&b, CUR_HOOFDGEBIED, taal) == v + 1);
    CHECK(curriculum_rename(&b, CUR_DEELGEBIED, lezen, "Spelling", -1) == KM_EXISTS);

    REQUIRE(curriculum_items(&b, CUR_DEELGEBIED, taal, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].name, "spelling");
    CHECK(l.items[0].parent_id == taal);
    curriculum_items_free(&l);
    REQUIRE(curriculum_move(&b, CUR_DEELGEBIED, lezen, -1, -1) == KM_OK);
    REQUIRE(curriculum_items(&b, CUR_DEELGEBIED, taal, &l) == KM_OK);
    CHECK_STR(l.items[0].name, "lezen");
    curriculum_items_free(&l);

    CHECK(curriculum_delete(&b, CUR_HOOFDGEBIED, taal, -1) == KM_INVALID); /* still has deelgebieden */
    CHECK(strstr(db_errmsg(db), "deelgebied") != NULL);
    CHECK(curriculum_delete(&b, CUR_DEELGEBIED, 1, -1) == KM_INVALID); /* breuken has the fixture's goal */
    CHECK(curriculum_delete(&b, CUR_DEELGEBIED, spelling, -1) == KM_OK);
    CHECK(curriculum_delete(&b, CUR_DEELGEBIED, spelling, -1) == KM_NOTFOUND);
    int64_t audit = 0;
    db_int(db, &audit, "SELECT count(*) FROM audit_log WHERE kind LIKE 'curriculum-%'", NULL);
    CHECK(audit >= 8);
    db_close(db);
}

TEST(curriculum_niveaus_in_order)
{
    struct km_session b;
    struct km_db *db = open_as(&b, FX_BEHEERDER);
    REQUIRE(db);
    int64_t n1, n2, n3;
    REQUIRE(curriculum_add(&b, CUR_NIVEAU, 0, "1F", &n1) == KM_OK);
    REQUIRE(curriculum_add(&b, CUR_NIVEAU, 0, "2F", &n2) == KM_OK);
    REQUIRE(curriculum_add(&b, CUR_NIVEAU, 0, "1S", &n3) == KM_OK);
    CHECK(curriculum_add(&b, CUR_NIVEAU, 0, "1f", NULL) == KM_EXISTS);
    CHECK(curriculum_add(&b, CUR_NIVEAU, 0, "een heel lang niveau met meer dan dertig tekens", NULL) == KM_INVALID);
    REQUIRE(curriculum_move(&b, CUR_NIVEAU, n3, -1, -1) == KM_OK);
    struct cur_item_list l;
    REQUIRE(curriculum_items(&b, CUR_NIVEAU, 0, &l) == KM_OK);
    REQUIRE(l.n == 3);
    CHECK(l.items[0].id == n1 && l.items[1].id == n3 && l.items[2].id == n2);
    curriculum_items_free(&l);
    REQUIRE(db_exec(db, "UPDATE leerdoelen SET niveau_id = ? WHERE id = 1", "i", n1) == KM_OK);
    CHECK(curriculum_delete(&b, CUR_NIVEAU, n1, -1) == KM_INVALID); /* a goal has it */
    CHECK(curriculum_delete(&b, CUR_NIVEAU, n2, -1) == KM_OK);
    db_close(db);
}

TEST(curriculum_only_the_beheerder_changes)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    static const enum fixture_user others[] = {FX_LEERLING1, FX_JUF1, FX_OUDER1};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        struct km_session s;
        fixture_session(&s, db, others[i]);
        CHECK(curriculum_add(&s, CUR_HOOFDGEBIED, 0, "taal", NULL) == KM_DENIED);
        CHECK(curriculum_rename(&s, CUR_HOOFDGEBIED, 1, "x", -1) == KM_DENIED);
        CHECK(curriculum_move(&s, CUR_HOOFDGEBIED, 1, 1, -1) == KM_DENIED);
        CHECK(curriculum_delete(&s, CUR_DEELGEBIED, 1, -1) == KM_DENIED);
        CHECK(curriculum_goal_retire(&s, FX_GOAL, true, -1) == KM_DENIED);
        struct cur_goal_input in = {1, 0, "X-1", "iets", -1, false};
        CHECK(curriculum_goal_add(&s, &in, NULL) == KM_DENIED);
        CHECK(curriculum_goal_update(&s, FX_GOAL, &in, -1) == KM_DENIED);
        CHECK(curriculum_goal_move(&s, FX_GOAL, 1, -1) == KM_DENIED);
        /* reading needs only a login */
        struct cur_goal_list goals;
        CHECK(curriculum_goals(&s, NULL, &goals) == KM_OK && goals.n == 1);
        curriculum_goals_free(&goals);
        struct cur_item_list items;
        CHECK(curriculum_items(&s, CUR_DEELGEBIED, 0, &items) == KM_OK && items.n == 1);
        curriculum_items_free(&items);
    }
    int64_t n = 0;
    db_int(db, &n, "SELECT count(*) FROM hoofdgebieden", NULL);
    CHECK(n == 1);
    db_close(db);
}

TEST(curriculum_goals_add_update_conflict)
{
    struct km_session b;
    struct km_db *db = open_as(&b, FX_BEHEERDER);
    REQUIRE(db);
    int64_t n5, g2, g3;
    REQUIRE(curriculum_add(&b, CUR_NIVEAU, 0, "5", &n5) == KM_OK);
    struct cur_goal_input in = {1, n5, " RE-BR-5.02 ", "Ik kan  breuken optellen", -1, false};
    REQUIRE(curriculum_goal_add(&b, &in, &g2) == KM_OK);
    in.code = "RE-BR-5.03";
    in.title = "Ik kan breuken aftrekken";
    REQUIRE(curriculum_goal_add(&b, &in, &g3) == KM_OK);
    in.code = "re-br-5.03"; /* codes are unique without regard to case */
    CHECK(curriculum_goal_add(&b, &in, NULL) == KM_EXISTS);
    CHECK(strstr(db_errmsg(db), "breuken aftrekken") != NULL);
    in.code = "";
    CHECK(curriculum_goal_add(&b, &in, NULL) == KM_INVALID);
    in.code = "X";
    in.deelgebied_id = 42;
    CHECK(curriculum_goal_add(&b, &in, NULL) == KM_NOTFOUND);

    struct cur_goal g;
    REQUIRE(curriculum_goal_by_code(&b, "re-br-5.02", &g) == KM_OK);
    CHECK(g.id == g2);
    CHECK_STR(g.code, "RE-BR-5.02");
    CHECK_STR(g.title, "Ik kan breuken optellen"); /* cleaned */
    CHECK_STR(g.niveau, "5");
    CHECK_STR(g.hoofdgebied, "rekenen");
    CHECK(g.sort_order == 1); /* first of (breuken, 5) */
    int64_t seen = g.version;
    curriculum_goal_free(&g);
    REQUIRE(curriculum_goal_get(&b, g3, &g) == KM_OK);
    CHECK(g.sort_order == 2);
    curriculum_goal_free(&g);
    CHECK(curriculum_goal_by_code(&b, "nope", &g) == KM_NOTFOUND);

    struct cur_goal_input up = {1, n5, "RE-BR-5.02", "Ik kan gelijknamige breuken optellen", -1, false};
    REQUIRE(curriculum_goal_update(&b, g2, &up, seen) == KM_OK);
    up.title = "Iets anders";
    CHECK(curriculum_goal_update(&b, g2, &up, seen) == KM_CONFLICT); /* the person saw the old version */
    CHECK(strstr(db_errmsg(db), "gelijknamige") != NULL);            /* says what it is now */
    up.code = "RE-BR-5.03";
    CHECK(curriculum_goal_update(&b, g2, &up, -1) == KM_EXISTS);
    REQUIRE(curriculum_goal_get(&b, g2, &g) == KM_OK);
    int64_t v = g.version;
    curriculum_goal_free(&g);
    up.code = "RE-BR-5.02";
    up.title = "Ik kan gelijknamige breuken optellen";
    REQUIRE(curriculum_goal_update(&b, g2, &up, v) == KM_OK); /* nothing changes: same version */
    REQUIRE(curriculum_goal_get(&b, g2, &g) == KM_OK);
    CHECK(g.version == v);
    curriculum_goal_free(&g);

    REQUIRE(curriculum_goal_move(&b, g3, -1, -1) == KM_OK);
    struct cur_goal_list l;
    struct cur_goal_filter f = {0, 1, n5, false, 0};
    REQUIRE(curriculum_goals(&b, &f, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK(l.items[0].id == g3 && l.items[0].sort_order == 1);
    CHECK(l.items[1].id == g2 && l.items[1].sort_order == 2);
    curriculum_goals_free(&l);
    /* order of all goals: the goal without a niveau before those of niveau 5 */
    REQUIRE(curriculum_goals(&b, NULL, &l) == KM_OK);
    REQUIRE(l.n == 3);
    CHECK(l.items[0].id == FX_GOAL && l.items[0].niveau_id == 0);
    curriculum_goals_free(&l);
    db_close(db);
}

/* A retired goal keeps its statuses and their history, leaves the board and the lists, and comes back. */
TEST(curriculum_retire_keeps_history)
{
    struct km_session b, juf;
    struct km_db *db = open_as(&b, FX_BEHEERDER);
    REQUIRE(db);
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, FX_GOAL, 4, 0, NULL) == KM_OK);
    struct cur_goal g;
    REQUIRE(curriculum_goal_get(&b, FX_GOAL, &g) == KM_OK);
    CHECK(curriculum_goal_retire(&b, FX_GOAL, true, g.version + 1) == KM_CONFLICT);
    REQUIRE(curriculum_goal_retire(&b, FX_GOAL, true, g.version) == KM_OK);
    curriculum_goal_free(&g);

    struct cur_goal_list l;
    REQUIRE(curriculum_goals(&b, NULL, &l) == KM_OK);
    CHECK(l.n == 0);
    curriculum_goals_free(&l);
    struct cur_goal_filter all = {0, 0, 0, true, 0};
    REQUIRE(curriculum_goals(&b, &all, &l) == KM_OK);
    CHECK(l.n == 1 && l.items[0].retired);
    curriculum_goals_free(&l);
    struct board bd;
    REQUIRE(board_load(&juf, FX_GROUP1, 1, 0, &bd) == KM_OK);
    CHECK(bd.ngoals == 0);
    board_free(&bd);
    struct goal_status st;
    REQUIRE(goalstatus_get(&juf, FX_LEERLING1, FX_GOAL, &st) == KM_OK);
    CHECK(st.status_id == 4);
    int64_t hist = 0;
    db_int(db, &hist, "SELECT count(*) FROM goal_status_history WHERE goal_id = ?", "i", (int64_t)FX_GOAL);
    CHECK(hist == 1);
    struct cur_item_list items;
    REQUIRE(curriculum_items(&b, CUR_DEELGEBIED, 0, &items) == KM_OK);
    CHECK(items.n == 1 && items.items[0].goals == 0 && items.items[0].retired == 1);
    curriculum_items_free(&items);

    int changed = -1;
    REQUIRE(curriculum_retire_area(&b, CUR_HOOFDGEBIED, 1, false, &changed) == KM_OK);
    CHECK(changed == 1);
    REQUIRE(curriculum_retire_area(&b, CUR_DEELGEBIED, 1, false, &changed) == KM_OK);
    CHECK(changed == 0);
    CHECK(curriculum_retire_area(&b, CUR_NIVEAU, 1, true, &changed) == KM_INVALID);
    REQUIRE(board_load(&juf, FX_GROUP1, 1, 0, &bd) == KM_OK);
    CHECK(bd.ngoals == 1 && bd.status[0] == 4);
    board_free(&bd);
    db_close(db);
}

TEST(curriculum_checks_without_database)
{
    char why[160];
    CHECK(curriculum_name_ok(CUR_HOOFDGEBIED, "rekenen", why, sizeof why));
    CHECK(!curriculum_name_ok(CUR_DEELGEBIED, "", why, sizeof why));
    CHECK(strstr(why, "deelgebied") != NULL);
    CHECK(curriculum_goal_ok("A", "t", -1, why, sizeof why));
    CHECK(!curriculum_goal_ok("A", "t", -2, why, sizeof why));
    CHECK(!curriculum_goal_ok("A", "t", CURRICULUM_ORDER_MAX + 1, why, sizeof why));
    CHECK(!curriculum_goal_ok("0123456789012345678901234567890", "t", 1, why, sizeof why));
    CHECK(!curriculum_goal_ok("A", "", 1, why, sizeof why));
    CHECK(strstr(why, "titel") != NULL);
}

/* An older database gets the index on the goals' codes as people type them; a code lookup then uses it. */
TEST(curriculum_migration_adds_the_code_index)
{
    const char *path = fixture_older_file("leerdoelen_code_nocase");
    REQUIRE(path);
    char err[512];
    struct km_db *db = NULL;
    REQUIRE(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) == KM_OK);
    int64_t n = 0;
    CHECK(db_int(db, &n, "SELECT count(*) FROM sqlite_master WHERE name = 'leerdoelen_code_nocase'", NULL) == KM_OK);
    CHECK(n == 1);
    sqlite3_stmt *st = NULL;
    REQUIRE(
        sqlite3_prepare_v2(db_handle(db),
                           "EXPLAIN QUERY PLAN SELECT title FROM leerdoelen WHERE code = ? COLLATE NOCASE AND id <> ?",
                           -1, &st, NULL) == SQLITE_OK);
    bool indexed = false;
    while (sqlite3_step(st) == SQLITE_ROW)
        indexed |= strstr((const char *)sqlite3_column_text(st, 3), "leerdoelen_code_nocase") != NULL;
    sqlite3_finalize(st);
    CHECK(indexed);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    struct cur_goal g;
    CHECK(curriculum_goal_by_code(&b, "nope", &g) == KM_NOTFOUND);
    db_close(db);
}
