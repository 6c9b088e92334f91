/* Planning goals into a lesson, the note, and what a student sees. */
#include <string.h>

#include "core/goalstatus.h"
#include "core/planning.h"
#include "fixture.h"
#include "test.h"

TEST(planning_teacher_plans_student_sees)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, kind, ouder, other;
    fixture_session(&juf, db, FX_JUF1);
    fixture_session(&kind, db, FX_LEERLING1);
    fixture_session(&ouder, db, FX_OUDER1);
    fixture_session(&other, db, FX_JUF2);
    REQUIRE(planning_add_goal(&juf, FX_LESSON1, FX_GOAL) == KM_OK);
    CHECK(planning_add_goal(&other, FX_LESSON1, FX_GOAL) == KM_DENIED);
    CHECK(planning_add_goal(&kind, FX_LESSON1, FX_GOAL) == KM_DENIED);
    struct lesson_detail d;
    REQUIRE(planning_lesson(&juf, FX_LESSON1, 0, &d) == KM_OK);
    CHECK(d.may_edit && d.ngoals == 1 && d.goals[0].students == 1 && d.goals[0].counts[0] == 1);
    int64_t version = d.version;
    planning_lesson_free(&d);
    REQUIRE(planning_set_note(&juf, FX_LESSON1, "Instructie aan de tafel.\nDaarna zelf.", version) == KM_OK);
    CHECK(planning_set_note(&juf, FX_LESSON1, "oud", version) == KM_CONFLICT); /* a duo changed it meanwhile */
    CHECK(planning_set_note(&juf, FX_LESSON1, "\x1b[2J", version + 1) == KM_INVALID);
    REQUIRE(planning_lesson(&kind, FX_LESSON1, FX_LEERLING1, &d) == KM_OK);
    CHECK(!d.may_edit && d.ngoals == 1 && strcmp(d.note, "Instructie aan de tafel.\nDaarna zelf.") == 0);
    planning_lesson_free(&d);
    REQUIRE(planning_lesson(&ouder, FX_LESSON1, FX_LEERLING1, &d) == KM_OK);
    planning_lesson_free(&d);
    CHECK(planning_lesson(&kind, FX_LESSON2, FX_LEERLING1, &d) == KM_DENIED); /* another group's lesson */
    struct planning_goal *own;
    int n;
    REQUIRE(planning_own_goals(&kind, FX_LEERLING1, "2026-11-30", "2026-12-06", &own, &n) == KM_OK);
    CHECK(n == 1 && strcmp(own[0].code, "RE-BR-5.01") == 0);
    planning_goals_free(own, n);
    /* once mastered it is no longer something to work on */
    REQUIRE(goalstatus_set(&juf, FX_LEERLING1, FX_GOAL, 4, -1, NULL) == KM_OK);
    REQUIRE(planning_own_goals(&kind, FX_LEERLING1, "2026-11-30", "2026-12-06", &own, &n) == KM_OK);
    CHECK(n == 0);
    planning_goals_free(own, n);
    CHECK(planning_own_goals(&kind, FX_LEERLING2, "2026-11-30", "2026-12-06", &own, &n) == KM_DENIED);
    REQUIRE(planning_remove_goal(&juf, FX_LESSON1, FX_GOAL) == KM_OK);
    struct goal_filter f = {0, 1, 0, "vergelijk"};
    REQUIRE(planning_candidates(&juf, &f, 50, &own, &n) == KM_OK);
    CHECK(n == 1);
    planning_goals_free(own, n);
    CHECK(planning_candidates(&kind, &f, 50, &own, &n) == KM_DENIED);
    db_close(db);
}
