/* Leerdoeloverzichten: the counts per goal and status, the share mastered, each student's progress per area
 * over the goals of their niveau, the niveau and period filters, and who may see which overview. */
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/overview.h"
#include "fixture.h"
#include "test.h"

/* groep 5a (jaargroep 5) gets three more students (8, 9, 10); niveaus 5 and 6; goals 2 (breuken, 5), 3 (breuken,
 * 6), 4 (meten, 5) next to the fixture's goal 1 (breuken, no niveau). Statuses (1 N, 2 B, 3 J, 4 V):
 *   leerling1: goal 1 V, goal 2 B;  8: goal 2 V;  9: goal 2 V, goal 4 J;  10: none. */
static const char *const school_sql[] = {
    "UPDATE groups SET jaargroep = '5' WHERE id = 1",
    "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at) VALUES"
    " (8, 'leerling', 'bo', 'Bo', 'Aa', '2026-01-01'), (9, 'leerling', 'cas', 'Cas', 'Bos', '2026-01-01'),"
    " (10, 'leerling', 'eva', 'Eva', 'Dijk', '2026-01-01')",
    "INSERT INTO memberships (group_id, user_id, kind) VALUES (1, 8, 'leerling'), (1, 9, 'leerling'),"
    " (1, 10, 'leerling')",
    "INSERT INTO niveaus (id, name, sort_order) VALUES (5, '5', 1), (6, '6', 2)",
    "INSERT INTO deelgebieden (id, hoofdgebied_id, name, sort_order) VALUES (2, 1, 'meten', 2)",
    "INSERT INTO leerdoelen (id, deelgebied_id, niveau_id, code, title, sort_order) VALUES"
    " (2, 1, 5, 'RE-BR-5.02', 'Ik kan breuken optellen', 1), (3, 1, 6, 'RE-BR-6.01', 'Ik kan breuken delen', 1),"
    " (4, 2, 5, 'RE-ME-5.01', 'Ik kan meters omrekenen', 1)",
};

static const int64_t statuses[][3] = {{1, 1, 4}, {1, 2, 2}, {8, 2, 4}, {9, 2, 4}, {9, 4, 3}};

static struct km_db *school(void)
{
    struct km_db *db = fixture_open();
    if (!db)
        return NULL;
    for (size_t i = 0; i < sizeof school_sql / sizeof school_sql[0]; i++)
        if (db_exec(db, school_sql[i], NULL) != KM_OK) {
            fprintf(stderr, "    school: %s\n", db_errmsg(db));
            db_close(db);
            return NULL;
        }
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (goalstatus_set(&juf, statuses[i][0], statuses[i][1], statuses[i][2], -1, NULL) != KM_OK) {
            fprintf(stderr, "    status: %s\n", db_errmsg(db));
            db_close(db);
            return NULL;
        }
    return db;
}

static long goal_at(const struct overview *o, int64_t id)
{
    for (size_t i = 0; i < o->ngoals; i++)
        if (o->goals[i].id == id)
            return (long)i;
    return -1;
}

static long student_at(const struct overview *o, int64_t id)
{
    for (size_t i = 0; i < o->nstudents; i++)
        if (o->students[i].id == id)
            return (long)i;
    return -1;
}

TEST(overview_counts_per_goal)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    struct overview o;
    REQUIRE(overview_group(&juf, FX_GROUP1, NULL, &o) == KM_OK);
    CHECK_STR(o.title, "groep 5a");
    REQUIRE(o.scale.n == 4);
    REQUIRE(o.nstudents == 4);
    CHECK_STR(o.students[0].name, "Bo Aa"); /* by roepnaam, as the board */
    REQUIRE(o.ngoals == 3);                 /* niveau 6 is no one's here */
    CHECK(goal_at(&o, 3) < 0);
    CHECK(o.goals[0].id == 1 && o.goals[1].id == 2 && o.goals[2].id == 4); /* curriculum order */
    REQUIRE(o.ndeel == 2 && o.nhoofd == 1);
    CHECK_STR(o.deel[0].name, "breuken");
    CHECK_STR(o.deel[1].name, "meten");
    CHECK(o.goals[2].deel == 1 && o.deel[1].hoofd == 0);

    const struct overview_goal *g2 = &o.goals[1];
    CHECK(g2->counts[0] == 0 && g2->counts[1] == 1 && g2->counts[2] == 0 && g2->counts[3] == 2);
    CHECK(g2->none == 1 && g2->mastered == 2);
    CHECK(overview_percent(g2->mastered, (int)o.nstudents) == 50);
    const struct overview_goal *g1 = &o.goals[0], *g4 = &o.goals[2];
    CHECK(g1->counts[3] == 1 && g1->none == 3 && g1->mastered == 1);
    CHECK(g4->counts[2] == 1 && g4->none == 3 && g4->mastered == 0);

    long l1 = student_at(&o, FX_LEERLING1), s9 = student_at(&o, 9);
    REQUIRE(l1 >= 0 && s9 >= 0);
    CHECK(o.cells[(size_t)l1 * o.ngoals + 0] == 3 && o.cells[(size_t)l1 * o.ngoals + 2] == -1);
    const struct overview_student *x = &o.students[l1];
    CHECK_STR(x->niveau, "5");
    CHECK(x->total.goals == 3 && x->total.mastered == 1);
    CHECK(x->deel[0].goals == 2 && x->deel[0].mastered == 1);
    CHECK(x->deel[1].goals == 1 && x->deel[1].mastered == 0);
    CHECK(x->hoofd[0].goals == 3 && x->hoofd[0].mastered == 1);
    CHECK(o.students[s9].total.mastered == 1 && o.students[s9].deel[1].mastered == 0);
    overview_free(&o);
    CHECK(o.goals == NULL && o.ngoals == 0);
    db_close(db);
}

/* A student counts the goals of their own niveau; goals without a niveau count for everyone; a student whose
 * niveau is unknown counts all, and then the group shows every niveau's goals. */
TEST(overview_niveau_of_each_student)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    REQUIRE(db_exec(db,
                    "INSERT INTO groups (id, name, kind, schooljaar, jaargroep, created_at) VALUES"
                    " (3, 'groep 6a', 'stamgroep', '2026-2027', '6', '2026-01-01')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE groups SET jaargroep = '6' WHERE id = 2", NULL) == KM_OK);
    REQUIRE(db_exec(db, "DELETE FROM memberships WHERE user_id = 10", NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO memberships (group_id, user_id, kind) VALUES (3, 10, 'leerling'),"
                    " (1, 2, 'leerling')",
                    NULL) == KM_OK);
    /* eva is in groep 6a only (not in 5a any more); leerling2 (stamgroep 6b, jaargroep 6) joins 5a: the
     * overview's own group decides */
    struct overview o;
    REQUIRE(overview_group(&b, FX_GROUP1, NULL, &o) == KM_OK);
    long l2 = student_at(&o, FX_LEERLING2);
    REQUIRE(l2 >= 0 && o.nstudents == 4);
    CHECK_STR(o.students[l2].niveau, "5");
    overview_free(&o);

    REQUIRE(db_exec(db, "UPDATE groups SET jaargroep = NULL WHERE id = 1", NULL) == KM_OK);
    REQUIRE(overview_group(&b, FX_GROUP1, NULL, &o) == KM_OK);
    CHECK(o.ngoals == 4); /* the students' niveaus are unknown now: every goal */
    CHECK_STR(o.students[0].niveau, "");
    CHECK(o.students[0].total.goals == 4);
    overview_free(&o);

    REQUIRE(overview_student(&b, 10, NULL, &o) == KM_OK); /* eva: niveau 6 from groep 6a */
    REQUIRE(o.nstudents == 1);
    CHECK_STR(o.students[0].niveau, "6");
    CHECK(o.ngoals == 2 && goal_at(&o, 3) >= 0 && goal_at(&o, 1) >= 0);
    CHECK(o.students[0].total.goals == 2 && o.students[0].total.mastered == 0);
    overview_free(&o);
    db_close(db);
}

TEST(overview_niveau_filter)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    struct overview_filter f = {0, 0, 6, NULL, NULL};
    struct overview o;
    REQUIRE(overview_group(&juf, FX_GROUP1, &f, &o) == KM_OK);
    REQUIRE(o.ngoals == 1);
    CHECK(o.goals[0].id == 3);
    CHECK_STR(o.students[0].niveau, "6"); /* the filter is everyone's niveau */
    CHECK(o.students[0].total.goals == 1);
    overview_free(&o);
    f = (struct overview_filter){0, 1, 5, NULL, NULL}; /* and a deelgebied */
    REQUIRE(overview_group(&juf, FX_GROUP1, &f, &o) == KM_OK);
    CHECK(o.ngoals == 1 && o.goals[0].id == 2 && o.ndeel == 1);
    overview_free(&o);
    f.niveau_id = 99;
    CHECK(overview_group(&juf, FX_GROUP1, &f, &o) == KM_NOTFOUND);
    db_close(db);
}

TEST(overview_period_filter)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    /* goal 2 planned in groep 5a's lesson on 2026-11-30, goal 3 in groep 6b's (not 5a's students') */
    REQUIRE(db_exec(db,
                    "INSERT INTO planned_goals (instance_id, goal_id, added_at) VALUES (1, 2, '2026-11-01'),"
                    " (2, 3, '2026-11-01')",
                    NULL) == KM_OK);
    struct overview_filter f = {0, 0, 0, "2026-11-30", "2026-11-30"};
    struct overview o;
    REQUIRE(overview_group(&juf, FX_GROUP1, &f, &o) == KM_OK);
    REQUIRE(o.ngoals == 1);
    CHECK(o.goals[0].id == 2 && o.goals[0].mastered == 2);
    CHECK(o.students[0].total.goals == 1);
    overview_free(&o);
    f = (struct overview_filter){0, 0, 0, "2026-12-01", "2026-12-31"};
    REQUIRE(overview_group(&juf, FX_GROUP1, &f, &o) == KM_OK);
    CHECK(o.ngoals == 0 && o.nstudents == 4 && o.students[0].total.goals == 0);
    overview_free(&o);
    f = (struct overview_filter){0, 0, 0, "2026-11-30", NULL};
    CHECK(overview_group(&juf, FX_GROUP1, &f, &o) == KM_INVALID);
    f = (struct overview_filter){0, 0, 0, "2026-12-01", "2026-11-30"};
    CHECK(overview_group(&juf, FX_GROUP1, &f, &o) == KM_INVALID);
    f = (struct overview_filter){0, 0, 0, "30-11-2026", "2026-12-01"};
    CHECK(overview_group(&juf, FX_GROUP1, &f, &o) == KM_INVALID);
    db_close(db);
}

TEST(overview_leaves_out_retired_goals)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    REQUIRE(db_exec(db, "UPDATE leerdoelen SET retired = 1 WHERE id = 2", NULL) == KM_OK);
    struct overview o;
    REQUIRE(overview_group(&juf, FX_GROUP1, NULL, &o) == KM_OK);
    CHECK(o.ngoals == 2 && goal_at(&o, 2) < 0);
    long s8 = student_at(&o, 8);
    REQUIRE(s8 >= 0);
    CHECK(o.students[s8].total.mastered == 0); /* the retired goal was bo's only one */
    overview_free(&o);
    db_close(db);
}

TEST(overview_access)
{
    struct km_db *db = school();
    REQUIRE(db);
    struct {
        enum fixture_user who;
        int64_t group;
        enum km_rc want;
    } groups[] = {
        {FX_JUF1, FX_GROUP1, KM_OK},      {FX_JUF2, FX_GROUP1, KM_DENIED},      {FX_DUO, FX_GROUP2, KM_OK},
        {FX_BEHEERDER, FX_GROUP1, KM_OK}, {FX_LEERLING1, FX_GROUP1, KM_DENIED}, {FX_OUDER1, FX_GROUP1, KM_DENIED},
    };
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        struct km_session s;
        struct overview o;
        fixture_session(&s, db, groups[i].who);
        enum km_rc rc = overview_group(&s, groups[i].group, NULL, &o);
        if (rc != groups[i].want)
            fprintf(stderr, "    group case %zu: %s\n", i, km_rc_name(rc));
        CHECK(rc == groups[i].want);
        if (rc == KM_OK)
            overview_free(&o);
        else
            CHECK(o.goals == NULL && *db_errmsg(db));
    }
    struct {
        enum fixture_user who;
        int64_t student;
        enum km_rc want;
    } students[] = {
        {FX_LEERLING1, FX_LEERLING1, KM_OK}, {FX_LEERLING1, FX_LEERLING2, KM_DENIED},
        {FX_OUDER1, FX_LEERLING1, KM_OK},    {FX_OUDER1, FX_LEERLING2, KM_DENIED},
        {FX_JUF1, FX_LEERLING1, KM_OK},      {FX_JUF1, FX_LEERLING2, KM_DENIED},
        {FX_BEHEERDER, FX_LEERLING2, KM_OK}, {FX_BEHEERDER, FX_JUF1, KM_NOTFOUND},
    };
    for (size_t i = 0; i < sizeof students / sizeof students[0]; i++) {
        struct km_session s;
        struct overview o;
        fixture_session(&s, db, students[i].who);
        enum km_rc rc = overview_student(&s, students[i].student, NULL, &o);
        if (rc != students[i].want)
            fprintf(stderr, "    student case %zu: %s\n", i, km_rc_name(rc));
        CHECK(rc == students[i].want);
        if (rc == KM_OK) {
            CHECK(o.nstudents == 1 && o.students[0].id == students[i].student);
            overview_free(&o);
        }
    }
    struct km_session l1;
    struct overview o;
    fixture_session(&l1, db, FX_LEERLING1);
    REQUIRE(overview_student(&l1, FX_LEERLING1, NULL, &o) == KM_OK);
    CHECK(o.ngoals == 3 && o.students[0].total.mastered == 1);
    CHECK(o.goals[1].counts[1] == 1 && o.goals[1].mastered == 0); /* only her own status counts */
    overview_free(&o);
    db_close(db);
}

TEST(overview_percent_rounds)
{
    CHECK(overview_percent(0, 0) == 0);
    CHECK(overview_percent(1, 3) == 33);
    CHECK(overview_percent(2, 3) == 67);
    CHECK(overview_percent(1, 8) == 13); /* 12.5 rounds up */
    CHECK(overview_percent(5, 5) == 100);
}
