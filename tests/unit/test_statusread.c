/* A cell's history and a student's own goals (core/statusread.h). */
#include <string.h>

#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/statusread.h"
#include "fixture.h"
#include "test.h"

TEST(statusread_history_newest_first_with_who)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct status_history h;
    fixture_session(&s, db, FX_JUF1);
    /* nothing yet */
    REQUIRE(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_OK);
    CHECK(h.n == 0);
    status_history_free(&h);
    int64_t v = 0;
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 2, 0, &v) == KM_OK);
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 4, v, &v) == KM_OK);
    /* the same status again writes no history */
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 4, v, &v) == KM_OK);
    REQUIRE(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_OK);
    REQUIRE(h.n == 2);
    CHECK(h.items[0].from_status == 2 && h.items[0].to_status == 4);
    CHECK(h.items[1].from_status == 0 && h.items[1].to_status == 2);
    CHECK_STR(h.items[0].who, "Anneke Vries");
    CHECK(strlen(h.items[0].changed_at) == 19);
    status_history_free(&h);
    CHECK(h.items == NULL && h.n == 0);
    /* the beheerder's change is named too; a deleted account leaves an empty name */
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 3, -1, NULL) == KM_OK);
    REQUIRE(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_OK);
    REQUIRE(h.n == 3);
    CHECK_STR(h.items[0].who, "Kees Smit");
    CHECK(h.items[0].from_status == 4 && h.items[0].to_status == 3);
    status_history_free(&h);
    REQUIRE(db_exec(db, "UPDATE goal_status_history SET changed_by = NULL WHERE to_status_id = 2", NULL) == KM_OK);
    REQUIRE(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_OK);
    REQUIRE(h.n == 3);
    CHECK_STR(h.items[2].who, "");
    status_history_free(&h);
    /* one student's history is not another's */
    REQUIRE(goal_status_history(&s, FX_LEERLING2, FX_GOAL, &h) == KM_OK);
    CHECK(h.n == 0);
    status_history_free(&h);
    db_close(db);
}

TEST(statusread_history_access)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct status_history h;
    fixture_session(&s, db, FX_JUF1);
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 1, 0, NULL) == KM_OK);
    /* the student, a parent, the teacher of the group and the beheerder may read it */
    static const enum fixture_user may[] = {FX_LEERLING1, FX_OUDER1, FX_JUF1, FX_BEHEERDER};
    for (size_t i = 0; i < sizeof may / sizeof may[0]; i++) {
        fixture_session(&s, db, may[i]);
        CHECK(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_OK);
        CHECK(h.n == 1);
        status_history_free(&h);
    }
    /* another student, a teacher of another group (and the duo there) may not */
    static const enum fixture_user may_not[] = {FX_LEERLING2, FX_JUF2, FX_DUO};
    for (size_t i = 0; i < sizeof may_not / sizeof may_not[0]; i++) {
        fixture_session(&s, db, may_not[i]);
        CHECK(goal_status_history(&s, FX_LEERLING1, FX_GOAL, &h) == KM_DENIED);
        CHECK(h.n == 0 && h.items == NULL);
    }
    /* a parent sees only their own child */
    fixture_session(&s, db, FX_OUDER1);
    CHECK(goal_status_history(&s, FX_LEERLING2, FX_GOAL, &h) == KM_DENIED);
    db_close(db);
}

/* Niveaus 5 and 6, groep 5a as jaargroep 5, and goals on both niveaus in two deelgebieden. */
static struct km_db *goals_fixture(void)
{
    struct km_db *db = fixture_open();
    if (!db)
        return NULL;
    static const char *const sql[] = {
        "INSERT INTO niveaus (id, name, sort_order) VALUES (5, '5', 5), (6, '6', 6)",
        "UPDATE groups SET jaargroep = '5' WHERE id = 1",
        "UPDATE groups SET jaargroep = '6' WHERE id = 2",
        "UPDATE hoofdgebieden SET sort_order = 2 WHERE id = 1",
        "UPDATE deelgebieden SET sort_order = 2 WHERE id = 1",
        "INSERT INTO hoofdgebieden (id, name, sort_order) VALUES (2, 'taal', 1)",
        "INSERT INTO deelgebieden (id, hoofdgebied_id, name, sort_order) VALUES (2, 2, 'woordenschat', 1),"
        " (3, 1, 'getallen', 0)",
        "INSERT INTO leerdoelen (id, deelgebied_id, niveau_id, code, title, sort_order, retired) VALUES"
        " (2, 1, 5, 'RE-BR-5.02', 'Ik kan breuken optellen', 2, 0),"
        " (3, 1, 6, 'RE-BR-6.01', 'Ik kan breuken vermenigvuldigen', 1, 0),"
        " (4, 2, 5, 'TA-WO-5.01', 'Ik ken de woorden van het thema', 1, 0),"
        " (5, 3, 5, 'RE-GE-5.01', 'Ik kan getallen tot 10 000 lezen', 1, 0),"
        " (6, 3, 5, 'RE-GE-5.02', 'Een oud doel', 2, 1),"
        " (7, 3, 6, 'RE-GE-6.01', 'Ik kan getallen tot een miljoen lezen', 1, 0)",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (db_exec(db, sql[i], NULL) != KM_OK) {
            fprintf(stderr, "    %s\n", db_errmsg(db));
            db_close(db);
            return NULL;
        }
    return db;
}

TEST(statusread_student_goals_of_own_niveau)
{
    struct km_db *db = goals_fixture();
    REQUIRE(db);
    struct km_session s;
    struct own_goal_list l;
    fixture_session(&s, db, FX_LEERLING1);
    REQUIRE(student_goals(&s, FX_LEERLING1, &l) == KM_OK);
    CHECK_STR(l.niveaus, "5");
    /* taal first (sort order), then rekenen: getallen before breuken; niveau 6 and the retired goal left out;
     * the goal without a niveau is everyone's */
    REQUIRE(l.n == 4);
    CHECK_STR(l.items[0].code, "TA-WO-5.01");
    CHECK_STR(l.items[0].hoofdgebied, "taal");
    CHECK_STR(l.items[0].deelgebied, "woordenschat");
    CHECK_STR(l.items[1].code, "RE-GE-5.01");
    CHECK(l.items[1].deelgebied_id == 3 && l.items[1].hoofdgebied_id == 1);
    CHECK_STR(l.items[2].code, "RE-BR-5.01");
    CHECK_STR(l.items[2].niveau, "");
    CHECK_STR(l.items[3].code, "RE-BR-5.02");
    CHECK_STR(l.items[3].niveau, "5");
    CHECK_STR(l.items[3].title, "Ik kan breuken optellen");
    for (size_t i = 0; i < l.n; i++)
        CHECK(l.items[i].status_id == 0 && l.items[i].updated_at[0] == '\0');
    student_goals_free(&l);
    CHECK(l.n == 0 && l.items == NULL);

    /* statuses come along, and a goal of another niveau that has a status is shown too */
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, 2, 4, 0, NULL) == KM_OK);
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, 7, 2, 0, NULL) == KM_OK);
    REQUIRE(student_goals(&s, FX_LEERLING1, &l) == KM_OK);
    REQUIRE(l.n == 5);
    CHECK_STR(l.items[2].code, "RE-GE-6.01");
    CHECK(l.items[2].status_id == 2 && strlen(l.items[2].updated_at) == 19);
    CHECK_STR(l.items[4].code, "RE-BR-5.02");
    CHECK(l.items[4].status_id == 4);
    student_goals_free(&l);

    /* the other student, of niveau 6 */
    fixture_session(&s, db, FX_LEERLING2);
    REQUIRE(student_goals(&s, FX_LEERLING2, &l) == KM_OK);
    CHECK_STR(l.niveaus, "6");
    REQUIRE(l.n == 3);
    CHECK_STR(l.items[0].code, "RE-GE-6.01");
    CHECK_STR(l.items[1].code, "RE-BR-5.01");
    CHECK_STR(l.items[2].code, "RE-BR-6.01");
    student_goals_free(&l);

    /* a niveau may be named "niveau 6": it still is jaargroep 6's */
    REQUIRE(db_exec(db, "UPDATE niveaus SET name = 'niveau 6' WHERE id = 6", NULL) == KM_OK);
    REQUIRE(student_goals(&s, FX_LEERLING2, &l) == KM_OK);
    CHECK_STR(l.niveaus, "niveau 6");
    CHECK(l.n == 3);
    student_goals_free(&l);
    REQUIRE(db_exec(db, "UPDATE niveaus SET name = '16' WHERE id = 6", NULL) == KM_OK);
    REQUIRE(student_goals(&s, FX_LEERLING2, &l) == KM_OK);
    CHECK_STR(l.niveaus, ""); /* "16" is not 6 */
    CHECK(l.n == 1);
    student_goals_free(&l);
    REQUIRE(db_exec(db, "UPDATE niveaus SET name = '6' WHERE id = 6", NULL) == KM_OK);

    /* a group that is no longer active gives no niveau */
    REQUIRE(db_exec(db, "UPDATE groups SET active = 0 WHERE id = 2", NULL) == KM_OK);
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(student_goals(&s, FX_LEERLING2, &l) == KM_OK);
    CHECK_STR(l.niveaus, "");
    REQUIRE(l.n == 1);
    CHECK_STR(l.items[0].code, "RE-BR-5.01");
    student_goals_free(&l);
    db_close(db);
}

TEST(statusread_student_goals_access)
{
    struct km_db *db = goals_fixture();
    REQUIRE(db);
    struct km_session s;
    struct own_goal_list l;
    fixture_session(&s, db, FX_OUDER1);
    CHECK(student_goals(&s, FX_LEERLING1, &l) == KM_OK && l.n == 4);
    student_goals_free(&l);
    CHECK(student_goals(&s, FX_LEERLING2, &l) == KM_DENIED && l.n == 0);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(student_goals(&s, FX_LEERLING2, &l) == KM_DENIED);
    fixture_session(&s, db, FX_JUF2);
    CHECK(student_goals(&s, FX_LEERLING1, &l) == KM_DENIED);
    CHECK(student_goals(&s, FX_LEERLING2, &l) == KM_OK && l.n == 3);
    student_goals_free(&l);
    fixture_session(&s, db, FX_BEHEERDER);
    CHECK(student_goals(&s, FX_LEERLING1, &l) == KM_OK && l.n == 4);
    student_goals_free(&l);
    db_close(db);
}
