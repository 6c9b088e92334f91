/* The school roster: weeks made from templates, holiday weeks, and no planning lost without a yes. */
#include <string.h>

#include "core/dates.h"
#include "core/db_sql.h"
#include "core/roster.h"
#include "fixture.h"
#include "test.h"

static struct roster_plan plan_of(const char *monday, int weeks, int64_t tpl, int holiday)
{
    struct roster_plan p;
    memset(&p, 0, sizeof p);
    dates_parse(monday, &p.first_monday);
    p.weeks = weeks;
    for (int i = 0; i < weeks; i++)
        p.template_ids[i] = i == holiday ? 0 : tpl;
    return p;
}

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    db_int(db, &n, sql, NULL);
    return n;
}

TEST(roster_generates_weeks_and_holidays)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    /* the fixture's template 'standaard' (id 1) has one Monday slot with two lessons */
    struct roster_plan p = plan_of("2026-12-07", 4, 1, 2);
    int made = 0;
    REQUIRE(roster_generate(&b, &p, false, NULL, &made) == KM_OK);
    CHECK(made == 6); /* 3 weeks × 2 lessons; week 3 is a holiday */
    CHECK(count(db, "SELECT count(*) FROM roster_weeks WHERE template_id IS NULL AND week_start = '2026-12-21'") == 1);
    CHECK(count(db, "SELECT count(*) FROM lesson_instances WHERE date = '2026-12-14' AND start_min = 510") == 2);
    struct roster_week_info w[4];
    REQUIRE(roster_weeks(&b, p.first_monday, 4, w) == KM_OK);
    CHECK(w[0].exists && w[0].iso_week == 50 && strcmp(w[0].template_name, "standaard") == 0 && w[0].lessons == 2);
    CHECK(w[2].exists && w[2].template_id == 0 && w[2].lessons == 0);
    struct roster_plan bad = p;
    bad.first_monday += 1; /* a Tuesday */
    CHECK(roster_generate(&b, &bad, true, NULL, NULL) == KM_INVALID);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    CHECK(roster_generate(&juf, &p, true, NULL, NULL) == KM_DENIED);
    db_close(db);
}

TEST(roster_regenerating_planned_weeks_asks_first)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    struct roster_plan p = plan_of("2026-12-07", 2, 1, -1);
    REQUIRE(roster_generate(&b, &p, false, NULL, NULL) == KM_OK);
    /* a teacher planned a goal and wrote a note in week 50 */
    REQUIRE(db_exec(db,
                    "INSERT INTO planned_goals (instance_id, goal_id, added_at) SELECT id, 1, '2026-12-01'"
                    " FROM lesson_instances WHERE date = '2026-12-07' AND teacher_id = 3",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "UPDATE lesson_instances SET note = 'Instructietafel' WHERE date = '2026-12-07' AND teacher_id = 4",
                    NULL) == KM_OK);
    int64_t before = count(db, "SELECT count(*) FROM lesson_instances");
    struct roster_impact impact;
    CHECK(roster_generate(&b, &p, false, &impact, NULL) == KM_CONFLICT);
    CHECK(impact.goals == 1 && impact.notes == 1 && impact.lessons == 2 && impact.nweeks == 1);
    CHECK(strstr(db_errmsg(db), "week 50") && strstr(db_errmsg(db), "1 geplande leerdoelen"));
    CHECK(count(db, "SELECT count(*) FROM planned_goals") == 1); /* nothing changed on no */
    CHECK(count(db, "SELECT count(*) FROM lesson_instances") == before);
    /* a week without planning is replaced without asking */
    struct roster_plan second = plan_of("2026-12-14", 1, 1, -1);
    CHECK(roster_generate(&b, &second, false, NULL, NULL) == KM_OK);
    CHECK(roster_generate(&b, &p, true, &impact, NULL) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM planned_goals") == 0);
    db_close(db);
}
