/* Every action of the design's role table, for every role, on a target that is the actor's own (own
 * child, own group's student, own lesson) and on one that is not. */
#include "core/access.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

enum { D = 0, A = 1 }; /* denied, allowed */

struct access_row {
    enum km_action action;
    /* per role (leerling, leerkracht, ouder, beheerder): target that is "own", expected; other target, expected */
    int own_target[ROLE__COUNT];
    int own_expect[ROLE__COUNT];
    int other_target[ROLE__COUNT];
    int other_expect[ROLE__COUNT];
};

/* Actors: leerling1, juf1, ouder1, beheer. Own targets: leerling1 herself / juf1's student leerling1 /
 * ouder1's child leerling1 / for the beheerder anything. Other targets: leerling2 (another group). */
static const struct access_row rows[] = {
    {ACT_VIEW_PLANNING,
     {FX_LEERLING1, FX_JUF1, FX_LEERLING1, FX_LEERLING1},
     {A, A, A, A},
     {FX_LEERLING2, FX_JUF2, FX_LEERLING2, FX_LEERLING2},
     {D, D, D, A}},
    {ACT_VIEW_STATUS,
     {FX_LEERLING1, FX_LEERLING1, FX_LEERLING1, FX_LEERLING1},
     {A, A, A, A},
     {FX_LEERLING2, FX_LEERLING2, FX_LEERLING2, FX_LEERLING2},
     {D, D, D, A}},
    {ACT_SET_STATUS,
     {FX_LEERLING1, FX_LEERLING1, FX_LEERLING1, FX_LEERLING1},
     {D, A, D, A},
     {FX_LEERLING2, FX_LEERLING2, FX_LEERLING2, FX_LEERLING2},
     {D, D, D, A}},
    {ACT_PLAN_GOALS,
     {FX_LESSON1, FX_LESSON1, FX_LESSON1, FX_LESSON1},
     {D, A, D, A},
     {FX_LESSON2, FX_LESSON2, FX_LESSON2, FX_LESSON2},
     {D, D, D, A}},
    /* the note is staff-only: the lesson's own student and parent never read it */
    {ACT_READ_NOTE,
     {FX_LESSON1, FX_LESSON1, FX_LESSON1, FX_LESSON1},
     {D, A, D, A},
     {FX_LESSON2, FX_LESSON2, FX_LESSON2, FX_LESSON2},
     {D, D, D, A}},
    {ACT_CHANGE_OWN_PASSWORD, {0, 0, 0, 0}, {D, A, A, A}, {0, 0, 0, 0}, {D, A, A, A}},
    {ACT_FORGOT_PASSWORD, {0, 0, 0, 0}, {D, A, A, A}, {0, 0, 0, 0}, {D, A, A, A}},
    {ACT_SET_STUDENT_PASSWORD,
     {FX_LEERLING1, FX_LEERLING1, FX_LEERLING1, FX_LEERLING1},
     {D, A, D, A},
     {FX_LEERLING2, FX_LEERLING2, FX_LEERLING2, FX_LEERLING2},
     {D, D, D, A}},
    {ACT_SET_STAFF_PASSWORD,
     {FX_JUF2, FX_JUF2, FX_JUF2, FX_JUF2},
     {D, D, D, A},
     {FX_OUDER1, FX_OUDER1, FX_OUDER1, FX_OUDER1},
     {D, D, D, A}},
    {ACT_EDIT_TIMETABLE, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_EDIT_CURRICULUM, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_MANAGE_USERS, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_MANAGE_GROUPS, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_READ_SYNC_SETTINGS, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_READ_AUDIT, {0, 0, 0, 0}, {D, D, D, A}, {0, 0, 0, 0}, {D, D, D, A}},
    {ACT_EDIT_SYNCED,
     {FX_LEERLING1, FX_LEERLING1, FX_LEERLING1, FX_LEERLING1},
     {D, D, D, D},
     {FX_LEERLING2, FX_LEERLING2, FX_LEERLING2, FX_LEERLING2},
     {D, D, D, D}},
};

static const enum fixture_user actors[ROLE__COUNT] = {FX_LEERLING1, FX_JUF1, FX_OUDER1, FX_BEHEERDER};

static void check_pair(struct km_db *db, const struct access_row *row, int role, int target, int expect)
{
    struct km_session s;
    fixture_session(&s, db, actors[role]);
    enum km_rc rc = access_check(&s, row->action, target);
    if ((rc == KM_OK) != (expect == A)) {
        fprintf(stderr, "    %s as %s on target %d: got %s, want %s\n", access_action_name(row->action),
                km_role_name((enum km_role)role), target, km_rc_name(rc), expect ? "allowed" : "denied");
        test_failures++;
    }
    if (rc != KM_OK)
        CHECK(*db_errmsg(db) != '\0'); /* a denial always says why */
}

TEST(access_every_role_and_action)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    bool covered[ACT__COUNT] = {0};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        covered[rows[i].action] = true;
        for (int role = 0; role < ROLE__COUNT; role++) {
            check_pair(db, &rows[i], role, rows[i].own_target[role], rows[i].own_expect[role]);
            check_pair(db, &rows[i], role, rows[i].other_target[role], rows[i].other_expect[role]);
        }
    }
    for (int a = 0; a < ACT__COUNT; a++)
        CHECK(covered[a]); /* a new action needs a row here */
    db_close(db);
}

TEST(access_table_matches_role_may)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        for (int role = 0; role < ROLE__COUNT; role++) {
            bool any = rows[i].own_expect[role] == A || rows[i].other_expect[role] == A;
            CHECK(access_role_may((enum km_role)role, rows[i].action) == any);
        }
}

TEST(access_duo_collega_reaches_shared_group)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_DUO);
    CHECK(access_check(&s, ACT_SET_STATUS, FX_LEERLING2) == KM_OK);
    CHECK(access_check(&s, ACT_PLAN_GOALS, FX_LESSON2) == KM_OK); /* juf2's lesson, given to the shared group */
    CHECK(access_check(&s, ACT_READ_NOTE, FX_LESSON2) == KM_OK);  /* ... and its note */
    CHECK(access_check(&s, ACT_READ_NOTE, FX_LESSON1) == KM_DENIED);
    CHECK(access_check(&s, ACT_SET_STATUS, FX_LEERLING1) == KM_DENIED);
    db_close(db);
}

TEST(access_sync_alone_edits_synced_data)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    session_server(&s, db);
    CHECK(access_check(&s, ACT_EDIT_SYNCED, FX_LEERLING1) == KM_READONLY);
    session_sync(&s, db);
    CHECK(access_check(&s, ACT_EDIT_SYNCED, FX_LEERLING1) == KM_OK);
    db_close(db);
}

TEST(access_enforced_in_core_functions)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct auth_settings a = fixture_auth();
    REQUIRE(auth_init() == KM_OK);
    fixture_session(&s, db, FX_JUF1);
    CHECK(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 2, 0, NULL) == KM_OK);
    CHECK(goalstatus_set(&s, FX_LEERLING2, FX_GOAL, 2, 0, NULL) == KM_DENIED);
    CHECK(users_set_password(&s, FX_LEERLING1, "appeltaart7", &a) == KM_OK);
    CHECK(users_set_password(&s, FX_LEERLING2, "appeltaart7", &a) == KM_DENIED);
    CHECK(users_set_password(&s, FX_OUDER1, "appeltaart-met-slagroom", &a) == KM_DENIED);
    struct user_new u = {ROLE_LEERLING, "nieuw", "Nieuw", "", "Kind", NULL};
    CHECK(users_add(&s, &u, NULL) == KM_DENIED);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(users_set_password(&s, FX_LEERLING1, "appeltaart7", &a) == KM_DENIED); /* students ask the teacher */
    struct goal_status gs;
    CHECK(goalstatus_get(&s, FX_LEERLING1, FX_GOAL, &gs) == KM_OK && gs.status_id == 2);
    CHECK(goalstatus_get(&s, FX_LEERLING2, FX_GOAL, &gs) == KM_DENIED);
    fixture_session(&s, db, FX_OUDER1);
    CHECK(goalstatus_get(&s, FX_LEERLING1, FX_GOAL, &gs) == KM_OK);
    CHECK(goalstatus_set(&s, FX_LEERLING1, FX_GOAL, 3, -1, NULL) == KM_DENIED);
    CHECK(users_set_password(&s, FX_OUDER1, "appeltaart-met-slagroom", &a) == KM_OK);
    db_close(db);
}

TEST(access_follows_the_account_not_the_login)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, server;
    fixture_session(&juf, db, FX_JUF1);
    session_server(&server, db);
    CHECK(access_check(&juf, ACT_SET_STATUS, FX_LEERLING1) == KM_OK);
    REQUIRE(users_deactivate(&server, "juf1") == KM_OK);
    /* the open session of a deactivated teacher can do nothing more */
    CHECK(access_check(&juf, ACT_SET_STATUS, FX_LEERLING1) == KM_DENIED);
    CHECK(goalstatus_set(&juf, FX_LEERLING1, FX_GOAL, 2, -1, NULL) == KM_DENIED);
    struct km_session ouder;
    fixture_session(&ouder, db, FX_OUDER1);
    REQUIRE(db_exec(db, "UPDATE users SET role = 'leerling' WHERE id = ?", "i", (int64_t)FX_OUDER1) == KM_OK);
    CHECK(access_check(&ouder, ACT_CHANGE_OWN_PASSWORD, 0) == KM_DENIED); /* role changed since login */
    db_close(db);
}

TEST(access_inactive_group_no_longer_counts)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db, "UPDATE groups SET active = 0 WHERE id = 1", NULL) == KM_OK);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    CHECK(access_check(&juf, ACT_VIEW_STATUS, FX_LEERLING1) == KM_DENIED);
    CHECK(!access_teaches_group(db, FX_JUF1, FX_GROUP1));
    db_close(db);
}
