/* Planning goals into a lesson, the note, and what a student sees. */
#include <string.h>

#include "core/db_sql.h"
#include "core/drafts.h"
#include "core/goalstatus.h"
#include "core/planner.h"
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
    CHECK(!d.may_edit && d.ngoals == 1);
    CHECK(!d.may_read_note && strcmp(d.note, "") == 0); /* the note is for staff only */
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

/* AVG: the note is read by the lesson's teachers, their duo-collega's and the beheerder, never by a student or a
 * parent; the line for the class is read by everyone who sees the lesson. */
TEST(planning_note_is_staff_only)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf2, duo, kind, ouder, beheer, juf1, server;
    fixture_session(&juf2, db, FX_JUF2);
    fixture_session(&duo, db, FX_DUO);
    fixture_session(&kind, db, FX_LEERLING2);
    fixture_session(&ouder, db, FX_OUDER1);
    fixture_session(&beheer, db, FX_BEHEERDER);
    fixture_session(&juf1, db, FX_JUF1);
    session_server(&server, db);
    struct lesson_detail d;
    REQUIRE(planning_lesson(&juf2, FX_LESSON2, 0, &d) == KM_OK);
    int64_t v = d.version;
    planning_lesson_free(&d);
    REQUIRE(planning_set_note(&juf2, FX_LESSON2, "café-groepje (Zoë) extra uitleg?", v) == KM_OK);
    REQUIRE(planning_set_pupil_note(&juf2, FX_LESSON2, "Neem je gymspullen mee.", v + 1) == KM_OK);
    CHECK(planning_set_pupil_note(&juf2, FX_LESSON2, "oud", v + 1) == KM_CONFLICT); /* versioned like the note */
    CHECK(planning_set_pupil_note(&kind, FX_LESSON2, "hoi", v + 2) == KM_DENIED);
    CHECK(planning_set_pupil_note(&juf1, FX_LESSON2, "hoi", v + 2) == KM_DENIED);
    char big[PLANNING_PUPIL_NOTE_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(planning_set_pupil_note(&juf2, FX_LESSON2, big, v + 2) == KM_INVALID);
    const struct km_session *staff[] = {&juf2, &duo, &beheer};
    for (size_t i = 0; i < 3; i++) {
        REQUIRE(planning_lesson(staff[i], FX_LESSON2, 0, &d) == KM_OK);
        CHECK(d.may_read_note);
        CHECK_STR(d.note, "café-groepje (Zoë) extra uitleg?");
        CHECK_STR(d.pupil_note, "Neem je gymspullen mee.");
        planning_lesson_free(&d);
    }
    REQUIRE(planning_lesson(&kind, FX_LESSON2, FX_LEERLING2, &d) == KM_OK);
    CHECK(!d.may_read_note);
    CHECK_STR(d.note, "");
    CHECK_STR(d.pupil_note, "Neem je gymspullen mee.");
    planning_lesson_free(&d);
    /* the parent of leerling1 cannot see this lesson at all; of leerling1's own lesson, no note either */
    CHECK(planning_lesson(&ouder, FX_LESSON2, 0, &d) == KM_DENIED);
    REQUIRE(planning_lesson(&juf1, FX_LESSON1, 0, &d) == KM_OK);
    v = d.version;
    planning_lesson_free(&d);
    REQUIRE(planning_set_note(&juf1, FX_LESSON1, "Daniëlle: thuis lastig", v) == KM_OK);
    REQUIRE(planning_lesson(&ouder, FX_LESSON1, FX_LEERLING1, &d) == KM_OK);
    CHECK_STR(d.note, "");
    planning_lesson_free(&d);
    /* a week: whether a lesson has a note is staff data too, also when the server exports a student's week */
    struct planner_week w;
    REQUIRE(planner_week(&juf2, FX_JUF2, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && w.lessons[0].has_note && strcmp(w.lessons[0].pupil_note, "Neem je gymspullen mee.") == 0);
    planner_week_free(&w);
    REQUIRE(planner_week(&kind, FX_LEERLING2, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && !w.lessons[0].has_note && strcmp(w.lessons[0].pupil_note, "Neem je gymspullen mee.") == 0);
    planner_week_free(&w);
    REQUIRE(planner_week(&server, FX_LEERLING2, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && !w.lessons[0].has_note);
    planner_week_free(&w);
    REQUIRE(planner_week(&ouder, FX_LEERLING1, "2026-11-30", &w) == KM_OK);
    CHECK(w.n == 1 && !w.lessons[0].has_note);
    planner_week_free(&w);
    db_close(db);
}

/* A draft is one person's, for one lesson and one text; saving or dropping wipes it. */
TEST(planning_drafts_per_person)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf2, duo, kind, server;
    fixture_session(&juf2, db, FX_JUF2);
    fixture_session(&duo, db, FX_DUO);
    fixture_session(&kind, db, FX_LEERLING2);
    session_server(&server, db);
    struct km_draft dr;
    CHECK(drafts_get(&juf2, FX_LESSON2, DRAFT_NOTE, &dr) == KM_NOTFOUND);
    REQUIRE(drafts_keep(&juf2, FX_LESSON2, DRAFT_NOTE, "half af: Sem extra", 1) == KM_OK);
    REQUIRE(drafts_keep(&juf2, FX_LESSON2, DRAFT_NOTE, "half af: Sem extra uitleg", 1) == KM_OK); /* replaced */
    REQUIRE(drafts_keep(&duo, FX_LESSON2, DRAFT_PUPIL, "Morgen toets", 1) == KM_OK);
    CHECK(drafts_keep(&kind, FX_LESSON2, DRAFT_PUPIL, "x", 1) == KM_DENIED);
    CHECK(drafts_keep(&server, FX_LESSON2, DRAFT_NOTE, "x", 1) == KM_DENIED);
    CHECK(drafts_keep(&juf2, FX_LESSON1, DRAFT_NOTE, "x", 1) == KM_DENIED); /* not juf2's lesson */
    REQUIRE(drafts_get(&juf2, FX_LESSON2, DRAFT_NOTE, &dr) == KM_OK);
    CHECK_STR(dr.text, "half af: Sem extra uitleg");
    CHECK(dr.base_version == 1 && dr.saved_at[0]);
    drafts_free(&dr);
    CHECK(drafts_get(&duo, FX_LESSON2, DRAFT_NOTE, &dr) == KM_NOTFOUND); /* the duo does not read juf2's draft */
    CHECK(drafts_get(&juf2, FX_LESSON2, DRAFT_PUPIL, &dr) == KM_NOTFOUND);
    CHECK(drafts_get(&kind, FX_LESSON2, DRAFT_PUPIL, &dr) == KM_DENIED);
    /* saving the note wipes juf2's note draft, not the duo's draft of the other text */
    struct lesson_detail d;
    REQUIRE(planning_lesson(&juf2, FX_LESSON2, 0, &d) == KM_OK);
    REQUIRE(planning_set_note(&juf2, FX_LESSON2, "Sem extra uitleg", d.version) == KM_OK);
    planning_lesson_free(&d);
    CHECK(drafts_get(&juf2, FX_LESSON2, DRAFT_NOTE, &dr) == KM_NOTFOUND);
    REQUIRE(drafts_get(&duo, FX_LESSON2, DRAFT_PUPIL, &dr) == KM_OK);
    drafts_free(&dr);
    REQUIRE(drafts_drop(&duo, FX_LESSON2, DRAFT_PUPIL) == KM_OK);
    CHECK(drafts_get(&duo, FX_LESSON2, DRAFT_PUPIL, &dr) == KM_NOTFOUND);
    db_close(db);
}

/* An older database gets the line for the class and the drafts; the notes already written stay. */
TEST(planning_migration_adds_pupil_note_and_drafts)
{
    const char *path = fixture_older_file("note_drafts");
    REQUIRE(path);
    sqlite3 *h = NULL;
    REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "UPDATE lesson_instances SET note = 'oud' WHERE id = 1", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    char err[512];
    struct km_db *db = NULL;
    REQUIRE(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) == KM_OK);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    struct lesson_detail d;
    REQUIRE(planning_lesson(&juf, FX_LESSON1, 0, &d) == KM_OK);
    CHECK_STR(d.note, "oud");
    CHECK_STR(d.pupil_note, "");
    planning_lesson_free(&d);
    CHECK(drafts_keep(&juf, FX_LESSON1, DRAFT_NOTE, "concept", 1) == KM_OK);
    db_close(db);
}
