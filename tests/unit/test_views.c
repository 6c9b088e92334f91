/* The read models the screens use: a person's week and a group's status board. */
#include <string.h>

#include "core/board.h"
#include "core/goalstatus.h"
#include "core/planner.h"
#include "fixture.h"
#include "test.h"

TEST(planner_week_per_role)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct planner_week w;
    fixture_session(&s, db, FX_JUF1);
    REQUIRE(planner_week(&s, FX_JUF1, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && w.lessons[0].instance_id == FX_LESSON1 && w.lessons[0].start_min == 510);
    CHECK(w.n == 1 && strcmp(w.lessons[0].groups, "groep 5a") == 0);
    planner_week_free(&w);
    CHECK(planner_week(&s, FX_JUF2, "2026-11-30", &w) == KM_DENIED);
    fixture_session(&s, db, FX_DUO); /* duo-collega: juf2's lesson to the shared group */
    REQUIRE(planner_week(&s, FX_DUO, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && w.lessons[0].instance_id == FX_LESSON2);
    planner_week_free(&w);
    fixture_session(&s, db, FX_OUDER1);
    REQUIRE(planner_week(&s, FX_LEERLING1, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && w.lessons[0].instance_id == FX_LESSON1);
    planner_week_free(&w);
    CHECK(planner_week(&s, FX_LEERLING2, "2026-11-30", &w) == KM_DENIED);
    REQUIRE(planner_week(&s, FX_LEERLING1, "2026-12-07", &w) == KM_OK);
    CHECK(w.n == 0);
    db_close(db);
}

TEST(board_loads_cells_for_own_group_only)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_JUF1);
    REQUIRE(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 3, 0, NULL) == KM_OK);
    struct board b;
    REQUIRE(board_load(&s, FX_GROUP1, 1, 0, &b) == KM_OK);
    CHECK(b.nstudents == 1 && b.ngoals == 1);
    CHECK(b.status[0] == 3 && b.version[0] == 1);
    CHECK(strcmp(b.students[0].name, "Daniëlle Çelik") == 0);
    board_free(&b);
    CHECK(board_load(&s, FX_GROUP2, 1, 0, &b) == KM_DENIED);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(board_load(&s, FX_GROUP1, 1, 0, &b) == KM_DENIED);
    db_close(db);
}
