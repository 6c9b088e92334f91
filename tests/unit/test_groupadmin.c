/* GROEPEN for the beheerder (core/groups.h): eigen groepen made, renamed, deactivated, with a bron; members
 * several at once; duo-collega's sharing planning and statuses; groups from ParnasSys read-only; and the
 * links between parents and children the school makes itself (core/children.h). */
#include <string.h>

#include "core/children.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/groups.h"
#include "core/planner.h"
#include "core/planning.h"
#include "fixture.h"
#include "test.h"

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    return db_int(db, &n, sql, NULL) == KM_OK ? n : -1;
}

/* Another student and teacher, so a group can hold three students and two teachers. */
static void more_people(struct km_db *db)
{
    CHECK(db_exec(db,
                  "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at) VALUES"
                  " (20, 'leerling', 'leerling3', 'Noor', 'Visser', '2026-01-01'),"
                  " (21, 'leerkracht', 'juf3', 'Kim', 'Dekker', '2026-01-01')",
                  NULL) == KM_OK);
}

TEST(groupadmin_make_rename_deactivate)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s, juf;
    fixture_session(&s, db, FX_BEHEERDER);
    fixture_session(&juf, db, FX_JUF1);
    int64_t id = 0;
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", NULL, NULL, &id) == KM_OK);
    CHECK(groups_add(&juf, "van de juf", "eigen", NULL, NULL, NULL) == KM_DENIED);
    CHECK(groups_add(&s, "stam", "stamgroep", NULL, NULL, NULL) == KM_READONLY); /* from ParnasSys only */
    struct km_group g;
    REQUIRE(groups_get(&s, id, &g) == KM_OK);
    CHECK_STR(g.name, "rekenen plus");
    CHECK(strcmp(g.kind, "eigen") == 0 && g.active && g.linked_group_id == 0);
    int64_t v = g.version;
    groups_free(&g);
    /* rename: the version the editor saw, a conflict after someone else's change, bad names change nothing */
    REQUIRE(groups_rename(&s, id, "rekenen plus 5", v) == KM_OK);
    CHECK(groups_rename(&s, id, "rekenen ++", v) == KM_CONFLICT && strstr(db_errmsg(db), "intussen"));
    CHECK(groups_rename(&s, id, "  ", -1) == KM_INVALID);
    CHECK(groups_rename(&s, id, "groep 5a", -1) == KM_EXISTS);
    CHECK(groups_rename(&juf, id, "van de juf", -1) == KM_DENIED);
    REQUIRE(groups_get(&s, id, &g) == KM_OK);
    CHECK_STR(g.name, "rekenen plus 5");
    groups_free(&g);
    /* deactivate keeps the group and its members; nobody joins it then */
    REQUIRE(groups_add_member(&s, id, FX_LEERLING1) == KM_OK);
    REQUIRE(groups_set_active(&s, id, false, -1) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM memberships WHERE group_id = 3") == 1);
    CHECK(groups_add_member(&s, id, FX_LEERLING2) == KM_INVALID && strstr(db_errmsg(db), "activeer"));
    REQUIRE(groups_set_active(&s, id, true, -1) == KM_OK);
    CHECK(groups_add_member(&s, id, FX_LEERLING2) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE kind IN ('groep-hernoemd', 'groep-gedeactiveerd', "
                    "'groep-geactiveerd')") == 3);
    /* a teacher sees their own group through groups_get, not another */
    CHECK(groups_get(&juf, FX_GROUP1, &g) == KM_OK);
    groups_free(&g);
    CHECK(groups_get(&juf, FX_GROUP2, &g) == KM_NOTFOUND);
    db_close(db);
}

TEST(groupadmin_members_several_at_once_all_or_none)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    more_people(db);
    struct km_session s;
    fixture_session(&s, db, FX_BEHEERDER);
    int64_t id = 0;
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", NULL, NULL, &id) == KM_OK);
    const int64_t members[] = {FX_LEERLING1, FX_LEERLING2, 20, FX_JUF1, FX_DUO};
    REQUIRE(groups_change_members(&s, id, members, 5, true) == KM_OK);
    struct km_group g;
    REQUIRE(groups_get(&s, id, &g) == KM_OK);
    CHECK(g.students == 3 && g.teachers == 2);
    groups_free(&g);
    /* a parent in the list: nothing of it happens */
    const int64_t wrong[] = {21, FX_OUDER1};
    CHECK(groups_change_members(&s, id, wrong, 2, true) == KM_INVALID && strstr(db_errmsg(db), "ouder1"));
    CHECK(count(db, "SELECT count(*) FROM memberships WHERE group_id = 3 AND user_id = 21") == 0);
    /* an inactive account joins no group */
    REQUIRE(db_exec(db, "UPDATE users SET active = 0 WHERE id = 21", NULL) == KM_OK);
    CHECK(groups_add_member(&s, id, 21) == KM_INVALID);
    const int64_t out[] = {FX_LEERLING2, 20};
    REQUIRE(groups_change_members(&s, id, out, 2, false) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM memberships WHERE group_id = 3 AND kind = 'leerling'") == 1);
    db_close(db);
}

/* An eigen groep with two teachers: the lesson of the first is the duo-collega's too. */
TEST(groupadmin_duo_collegas_share_planning_and_statuses)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    more_people(db);
    struct km_session s, juf1, duo, juf3;
    fixture_session(&s, db, FX_BEHEERDER);
    fixture_session(&juf1, db, FX_JUF1);
    fixture_session(&duo, db, FX_DUO);
    REQUIRE(session_for_user(&juf3, db, "juf3") == KM_OK);
    int64_t id = 0;
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", NULL, NULL, &id) == KM_OK);
    const int64_t members[] = {FX_LEERLING2, 20, FX_JUF1, FX_DUO};
    REQUIRE(groups_change_members(&s, id, members, 4, true) == KM_OK);
    /* a lesson of juf1 for the eigen groep, on the fixture's Monday */
    REQUIRE(db_exec(db, "INSERT INTO lessons (id, slot_id, teacher_id) VALUES (3, 1, 3)", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO lesson_groups (lesson_id, group_id) VALUES (3, 3)", NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO lesson_instances (id, lesson_id, week_start, date, start_min, end_min, teacher_id)"
                    " VALUES (3, 3, '2026-11-30', '2026-11-30', 600, 660, 3)",
                    NULL) == KM_OK);
    /* the duo-collega plans into it, sets a status of its student and sees it in the week */
    CHECK(planning_add_goal(&duo, 3, FX_GOAL) == KM_OK);
    CHECK(goalstatus_set(&duo, 20, FX_GOAL, 2, -1, NULL) == KM_OK);
    struct planner_week w;
    REQUIRE(planner_week(&duo, FX_DUO, "2026-11-30", &w) == KM_OK);
    bool seen = false;
    for (int i = 0; i < w.n; i++)
        seen = seen || w.lessons[i].instance_id == 3;
    CHECK(seen);
    planner_week_free(&w);
    /* the first teacher sees the status the duo set; a teacher outside the group may do none of it */
    struct goal_status st;
    CHECK(goalstatus_get(&juf1, 20, FX_GOAL, &st) == KM_OK && st.status_id == 2);
    CHECK(planning_remove_goal(&juf3, 3, FX_GOAL) == KM_DENIED);
    CHECK(goalstatus_set(&juf3, 20, FX_GOAL, 3, -1, NULL) == KM_DENIED);
    /* out of the group, the duo's rights go with it */
    REQUIRE(groups_remove_member(&s, id, FX_DUO) == KM_OK);
    CHECK(planning_remove_goal(&duo, 3, FX_GOAL) == KM_DENIED);
    CHECK(goalstatus_set(&duo, 20, FX_GOAL, 3, -1, NULL) == KM_DENIED);
    /* a deactivated group gives no rights either */
    REQUIRE(groups_set_active(&s, id, false, -1) == KM_OK);
    CHECK(goalstatus_set(&juf1, 20, FX_GOAL, 3, -1, NULL) == KM_DENIED);
    db_close(db);
}

TEST(groupadmin_parnassys_group_refuses_changes_with_the_reason)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db, "UPDATE groups SET source = 'parnassys', source_key = 'G5A' WHERE id = 1", NULL) == KM_OK);
    struct km_session s, server;
    fixture_session(&s, db, FX_BEHEERDER);
    session_server(&server, db);
    CHECK(groups_add_member(&s, FX_GROUP1, FX_LEERLING2) == KM_READONLY);
    CHECK(strstr(db_errmsg(db), "komt uit ParnasSys; wijzigen in ParnasSys") != NULL);
    CHECK(groups_remove_member(&server, FX_GROUP1, FX_LEERLING1) == KM_READONLY);
    CHECK(groups_rename(&s, FX_GROUP1, "5A", -1) == KM_READONLY);
    CHECK(groups_set_active(&s, FX_GROUP1, false, -1) == KM_READONLY);
    CHECK(count(db, "SELECT count(*) FROM memberships WHERE group_id = 1") == 2);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE id = 1 AND name = 'groep 5a' AND active = 1") == 1);
    db_close(db);
}

TEST(groupadmin_bron_of_an_eigen_groep)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_BEHEERDER);
    int64_t id = 0, other = 0;
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", NULL, NULL, &id) == KM_OK);
    REQUIRE(groups_add(&s, "lezen", "eigen", NULL, NULL, &other) == KM_OK);
    REQUIRE(groups_set_bron(&s, id, FX_GROUP1, -1) == KM_OK);
    struct km_group g;
    REQUIRE(groups_get(&s, id, &g) == KM_OK);
    CHECK(g.linked_group_id == FX_GROUP1);
    groups_free(&g);
    CHECK(groups_set_bron(&s, id, other, -1) == KM_INVALID);            /* an eigen groep is no bron */
    CHECK(groups_set_bron(&s, FX_GROUP2, FX_GROUP1, -1) == KM_INVALID); /* only an eigen groep follows one */
    CHECK(groups_set_bron(&s, id, 999, -1) == KM_NOTFOUND);
    REQUIRE(db_exec(db, "UPDATE groups SET active = 0 WHERE id = 2", NULL) == KM_OK);
    CHECK(groups_set_bron(&s, id, FX_GROUP2, -1) == KM_INVALID); /* last year's, inactive */
    REQUIRE(groups_set_bron(&s, id, 0, -1) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE id = 3 AND linked_group_id IS NULL") == 1);
    db_close(db);
}

TEST(groupadmin_find_falls_back_to_the_newest_year)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db,
                    "INSERT INTO groups (id, name, kind, schooljaar, created_at) VALUES"
                    " (30, 'plusklas', 'eigen', '2098-2099', '2026-01-01'),"
                    " (31, 'plusklas', 'eigen', '2097-2098', '2026-01-01')",
                    NULL) == KM_OK);
    struct km_session s;
    session_server(&s, db);
    int64_t id = 0;
    CHECK(groups_find(&s, "plusklas", NULL, &id) == KM_OK && id == 30);
    CHECK(groups_find(&s, "plusklas", "2097-2098", &id) == KM_OK && id == 31);
    CHECK(groups_find(&s, "bestaat niet", NULL, &id) == KM_NOTFOUND);
    db_close(db);
}

TEST(children_link_unlink_and_parents)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s, ouder, kind, juf;
    fixture_session(&s, db, FX_BEHEERDER);
    fixture_session(&ouder, db, FX_OUDER1);
    fixture_session(&kind, db, FX_LEERLING2);
    fixture_session(&juf, db, FX_JUF2);
    REQUIRE(children_link(&s, FX_OUDER1, FX_LEERLING2, "moeder") == KM_OK);
    CHECK(children_link(&s, FX_OUDER1, FX_LEERLING2, "") == KM_OK); /* twice: nothing changes */
    CHECK(count(db, "SELECT count(*) FROM parent_child WHERE parent_id = 5 AND child_id = 2 AND relation = 'moeder'") ==
          1);
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE kind = 'ouder-gekoppeld'") == 1);
    struct km_child_list l;
    REQUIRE(children_of(&ouder, FX_OUDER1, &l) == KM_OK);
    CHECK(l.n == 2);
    children_free(&l);
    /* the child, the parent and the beheerder see the child's parents */
    REQUIRE(children_parents(&kind, FX_LEERLING2, &l) == KM_OK);
    REQUIRE(l.n == 1);
    CHECK_STR(l.items[0].name, "Fatma Çelik");
    CHECK_STR(l.items[0].username, "ouder1");
    CHECK_STR(l.items[0].relation, "moeder");
    CHECK(!l.items[0].synced);
    children_free(&l);
    CHECK(children_parents(&ouder, FX_LEERLING2, &l) == KM_OK && l.n == 1);
    children_free(&l);
    CHECK(children_parents(&juf, FX_LEERLING2, &l) == KM_DENIED);
    CHECK(children_parents(&kind, FX_LEERLING1, &l) == KM_DENIED);
    /* wrong roles, other sessions */
    CHECK(children_link(&s, FX_LEERLING1, FX_LEERLING2, NULL) == KM_INVALID);
    CHECK(children_link(&s, FX_OUDER1, FX_JUF1, NULL) == KM_INVALID);
    CHECK(children_link(&juf, FX_OUDER1, FX_LEERLING2, NULL) == KM_DENIED);
    CHECK(children_unlink(&ouder, FX_OUDER1, FX_LEERLING2) == KM_DENIED);
    REQUIRE(children_unlink(&s, FX_OUDER1, FX_LEERLING2) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM parent_child WHERE parent_id = 5 AND child_id = 2") == 0);
    CHECK(count(db, "SELECT count(*) FROM audit_log WHERE kind = 'ouder-ontkoppeld'") == 1);
    /* a parent from ParnasSys: linked and unlinked only by the sync */
    REQUIRE(db_exec(db, "UPDATE users SET source = 'parnassys', source_key = 'ouder:1' WHERE id = 5", NULL) == KM_OK);
    CHECK(children_unlink(&s, FX_OUDER1, FX_LEERLING1) == KM_READONLY &&
          strstr(db_errmsg(db), "wijzigen in ParnasSys"));
    CHECK(children_link(&s, FX_OUDER1, FX_LEERLING2, NULL) == KM_READONLY);
    CHECK(count(db, "SELECT count(*) FROM parent_child WHERE parent_id = 5") == 1);
    db_close(db);
}
