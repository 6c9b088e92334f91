/* The demo school generator: counts, fixed accounts, password, determinism, refusal of a non-empty
 * database, and its Digitale Klassenmap (templates, lessons, roster, planned goals). Only the small size: the large one
 * takes a second and belongs to the benchmarks. */
#include <stdlib.h>

#include "core/auth.h"
#include "core/db.h"
#include "core/db_sql.h"
#include "core/demo.h"
#include "test.h"

#define DEMO_PASSWORD "Regenboog-demo-2026"

static enum km_rc make_demo(const char *file, uint32_t seed, struct km_db **db, struct demo_report *rep)
{
    char err[512];
    *db = NULL;
    if (auth_init() != KM_OK || db_open(test_tmp_path(file), DB_OPEN_CREATE, db, err, sizeof err) != KM_OK)
        return KM_ERR;
    struct demo_options opt = {
        .size = DEMO_SMALL, .seed = seed, .password = DEMO_PASSWORD, .hash_params = auth_min_params()};
    return demo_create(*db, &opt, rep);
}

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    return db_int(db, &n, sql, NULL) == KM_OK ? n : -1;
}

static int64_t user_id(struct km_db *db, const char *username)
{
    int64_t id = 0;
    return db_int(db, &id, "SELECT id FROM users WHERE username = ?", "t", username) == KM_OK ? id : 0;
}

/* All rows of a query, columns joined by '|' and rows by '\n', in a malloc'd string (NULL on error). */
static char *dump(struct km_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (db_query(db, &st, sql, NULL) != KM_OK)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    int r;
    while (out && (r = db_step(db, st)) == 1) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = db_col_text(st, c);
            size_t need = len + strlen(v) + 2;
            if (need > cap) {
                char *bigger = realloc(out, cap = need * 2);
                if (!bigger) {
                    free(out);
                    out = NULL;
                    break;
                }
                out = bigger;
            }
            len += (size_t)snprintf(out + len, cap - len, "%s%c", v, c + 1 < sqlite3_column_count(st) ? '|' : '\n');
        }
    }
    db_done(st);
    if (out)
        out[len] = '\0';
    return out;
}

TEST(demo_small_counts_match_tables)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 7, &db, &r) == KM_OK);
    CHECK(r.students == count(db, "SELECT count(*) FROM users WHERE role = 'leerling'"));
    CHECK(r.teachers == count(db, "SELECT count(*) FROM users WHERE role = 'leerkracht'"));
    CHECK(r.parents == count(db, "SELECT count(*) FROM users WHERE role = 'ouder'"));
    CHECK(r.beheerders == count(db, "SELECT count(*) FROM users WHERE role = 'beheerder'"));
    CHECK(r.groups_stam == count(db, "SELECT count(*) FROM groups WHERE kind = 'stamgroep'"));
    CHECK(r.groups_eigen == count(db, "SELECT count(*) FROM groups WHERE kind = 'eigen'"));
    CHECK(r.goals == count(db, "SELECT count(*) FROM leerdoelen"));
    CHECK(r.statuses == count(db, "SELECT count(*) FROM goal_status"));
    CHECK(r.statuses == count(db, "SELECT count(*) FROM goal_status_history WHERE from_status_id IS NULL"));
    CHECK(r.rooms == count(db, "SELECT count(*) FROM rooms"));
    /* the shape the brief asks for */
    CHECK(r.students == 50 && r.teachers == 3 && r.beheerders == 1 && r.groups_stam == 2 && r.groups_eigen == 2);
    CHECK(r.goals >= 90 && r.goals <= 110 && r.statuses > r.students * 20);
    CHECK(count(db, "SELECT count(*) FROM school WHERE id = 1 AND demo = 1 AND brin = '99ZZ'") == 1);
    CHECK(count(db, "SELECT count(*) FROM hoofdgebieden") == 5);
    CHECK(count(db, "SELECT count(*) FROM niveaus") == 8);
    CHECK(count(db, "SELECT count(*) FROM school_hours") == 5);
    CHECK(count(db, "SELECT end_min FROM school_hours WHERE weekday = 3") == 12 * 60 + 15);
    /* every student has 1 or 2 parents; some parent has two children; one stamgroep has duo-collega's */
    CHECK(count(db, "SELECT count(*) FROM users u WHERE role = 'leerling' AND (SELECT count(*) FROM parent_child"
                    " WHERE child_id = u.id) NOT BETWEEN 1 AND 2") == 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT parent_id FROM parent_child GROUP BY parent_id"
                    " HAVING count(*) > 1)") > 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT group_id FROM memberships WHERE kind = 'leerkracht'"
                    " GROUP BY group_id HAVING count(*) = 2)") == 1);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE kind = 'eigen' AND linked_group_id IS NULL") == 0);
    /* usernames: ASCII, lower case, unique */
    CHECK(count(db, "SELECT count(*) FROM users WHERE username GLOB '*[^a-z0-9.]*'") == 0);
    CHECK(count(db, "SELECT count(DISTINCT lower(username)) FROM users") == count(db, "SELECT count(*) FROM users"));
    db_close(db);
}

TEST(demo_fixed_accounts_and_relations)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 1, &db, &r) == KM_OK);
    static const char *const names[4] = {"beheerder", "leerkracht", "leerling", "ouder"};
    for (int i = 0; i < 4; i++) {
        CHECK_STR(r.accounts[i].username, names[i]);
        CHECK_STR(r.accounts[i].role, names[i]);
        char role[16] = "";
        CHECK(db_text(db, role, sizeof role, "SELECT role FROM users WHERE username = ?", "t", names[i]) == KM_OK);
        CHECK_STR(role, names[i]);
    }
    int64_t teacher = user_id(db, "leerkracht"), student = user_id(db, "leerling"), parent = user_id(db, "ouder");
    REQUIRE(teacher && student && parent);
    int64_t n = 0;
    /* the teacher teaches the student's stamgroep, and it is the first one */
    CHECK(db_int(db, &n,
                 "SELECT count(*) FROM memberships t JOIN memberships s ON s.group_id = t.group_id"
                 " JOIN groups g ON g.id = t.group_id"
                 " WHERE t.user_id = ? AND t.kind = 'leerkracht' AND s.user_id = ? AND s.kind = 'leerling'"
                 " AND g.kind = 'stamgroep' AND g.id = (SELECT min(id) FROM groups WHERE kind = 'stamgroep')",
                 "ii", teacher, student) == KM_OK);
    CHECK(n == 1);
    CHECK(db_int(db, &n, "SELECT count(*) FROM parent_child WHERE parent_id = ? AND child_id = ?", "ii", parent,
                 student) == KM_OK);
    CHECK(n == 1);
    CHECK(count(db, "SELECT count(*) FROM users WHERE roepnaam = 'Daniëlle'") >= 1);
    CHECK(count(db, "SELECT count(*) FROM users WHERE achternaam = 'Çelik'") >= 1);
    CHECK(count(db, "SELECT count(*) FROM users WHERE voorvoegsel = 'van ''t'") >= 1);
    CHECK_STR(r.accounts[2].name, "Daniëlle van 't Hof");
    db_close(db);
}

TEST(demo_password_is_hashed_once_and_verifies)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 3, &db, &r) == KM_OK);
    char hash[AUTH_HASH_LEN] = "";
    CHECK(db_text(db, hash, sizeof hash, "SELECT password_hash FROM users WHERE username = 'leerling'", NULL) == KM_OK);
    CHECK(auth_verify(hash, DEMO_PASSWORD));
    CHECK(!auth_verify(hash, "regenboog-demo-2026"));
    CHECK(!auth_verify(hash, ""));
    CHECK(count(db, "SELECT count(*) FROM users WHERE password_state <> 'set' OR password_hash IS NULL") == 0);
    CHECK(count(db, "SELECT count(DISTINCT password_hash) FROM users") == 1);
    CHECK(count(db, "SELECT count(*) FROM users WHERE instr(password_hash, '" DEMO_PASSWORD "') > 0") == 0);
    db_close(db);
}

TEST(demo_same_seed_same_school)
{
    struct km_db *a, *b, *c;
    struct demo_report ra, rb, rc;
    REQUIRE(make_demo("a.db", 2026, &a, &ra) == KM_OK);
    REQUIRE(make_demo("b.db", 2026, &b, &rb) == KM_OK);
    REQUIRE(make_demo("c.db", 2027, &c, &rc) == KM_OK);
    static const char users_sql[] = "SELECT username, roepnaam, voorvoegsel, achternaam, email FROM users ORDER BY id";
    static const char status_sql[] = "SELECT student_id, goal_id, status_id, updated_by FROM goal_status"
                                     " ORDER BY student_id, goal_id";
    static const char groups_sql[] = "SELECT g.name, m.user_id, m.kind FROM memberships m JOIN groups g"
                                     " ON g.id = m.group_id ORDER BY g.id, m.user_id";
    static const char lessons_sql[] = "SELECT l.id, s.weekday, s.start_min, l.teacher_id, l.deelgebied_id, l.room_id,"
                                      " l.block_id FROM lessons l JOIN time_slots s ON s.id = l.slot_id ORDER BY l.id";
    static const char planned_sql[] = "SELECT i.lesson_id, i.start_min, p.goal_id, p.added_by, i.note"
                                      " FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                                      " ORDER BY i.id, p.goal_id";
    const char *const queries[] = {users_sql, status_sql, groups_sql, lessons_sql, planned_sql};
    for (int q = 0; q < 5; q++) {
        char *da = dump(a, queries[q]), *db_ = dump(b, queries[q]), *dc = dump(c, queries[q]);
        REQUIRE(da && db_ && dc);
        CHECK(strlen(da) > 100);
        CHECK(strcmp(da, db_) == 0);
        if (q == 0)
            CHECK(strcmp(da, dc) != 0); /* another seed, other people */
        free(da);
        free(db_);
        free(dc);
    }
    CHECK(ra.statuses == rb.statuses && ra.planned == rb.planned && ra.instances == rb.instances);
    db_close(a);
    db_close(b);
    db_close(c);
}

TEST(demo_refuses_a_database_that_is_not_empty)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 5, &db, &r) == KM_OK);
    int64_t users = count(db, "SELECT count(*) FROM users"), statuses = count(db, "SELECT count(*) FROM goal_status");
    int64_t before = 0, after = 0;
    CHECK(db_int(db, &before, "SELECT total_changes()", NULL) == KM_OK);
    struct demo_options opt = {.size = DEMO_SMALL, .seed = 6, .password = "x", .hash_params = auth_min_params()};
    struct demo_report again;
    CHECK(demo_create(db, &opt, &again) == KM_EXISTS);
    CHECK(strlen(db_errmsg(db)) > 0);
    CHECK(again.students == 0);
    CHECK(db_int(db, &after, "SELECT total_changes()", NULL) == KM_OK);
    CHECK(before == after);
    CHECK(users == count(db, "SELECT count(*) FROM users"));
    CHECK(statuses == count(db, "SELECT count(*) FROM goal_status"));
    db_close(db);
}

TEST(demo_foreign_keys_and_integrity)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 9, &db, &r) == KM_OK);
    char *fk = dump(db, "PRAGMA foreign_key_check");
    REQUIRE(fk);
    CHECK_STR(fk, "");
    free(fk);
    char ok[16] = "";
    CHECK(db_text(db, ok, sizeof ok, "PRAGMA integrity_check", NULL) == KM_OK);
    CHECK_STR(ok, "ok");
    db_close(db);
}

/* ---- the Digitale Klassenmap: templates, lessons, the roster, planned goals ---- */

/* The Monday of today's ISO week by SQLite's own date functions, not by the generator's. */
#define THIS_MONDAY "date('now', 'localtime', 'weekday 0', '-6 days')"

TEST(demo_planner_counts_match_tables)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 11, &db, &r) == KM_OK);
    CHECK(r.templates == count(db, "SELECT count(*) FROM week_templates"));
    CHECK(r.slots == count(db, "SELECT count(*) FROM time_slots"));
    CHECK(r.lessons == count(db, "SELECT count(*) FROM lessons"));
    CHECK(r.weeks == count(db, "SELECT count(*) FROM roster_weeks"));
    CHECK(r.instances == count(db, "SELECT count(*) FROM lesson_instances"));
    CHECK(r.planned == count(db, "SELECT count(*) FROM planned_goals"));
    /* one Standaardweek of 4 x 7 + 5 slots; 24 lessons per stamgroep; 8 weeks of which one is a holiday */
    CHECK(r.templates == 1 && count(db, "SELECT count(*) FROM week_templates WHERE name = 'Standaardweek'") == 1);
    CHECK(r.slots == 33 && r.lessons == 2 * 24 && r.weeks == 8 && r.instances == 7 * r.lessons);
    CHECK(r.planned > 0 && r.planned < r.instances);
    /* slots lie inside the school hours; a pauze holds no lessons */
    CHECK(count(db, "SELECT count(*) FROM time_slots s LEFT JOIN school_hours h ON h.weekday = s.weekday"
                    " WHERE h.weekday IS NULL OR s.start_min < h.start_min OR s.end_min > h.end_min") == 0);
    CHECK(count(db, "SELECT count(*) FROM time_slots WHERE is_break = 1 AND weekday = 3") == 1);
    CHECK(count(db, "SELECT count(*) FROM lessons l JOIN time_slots s ON s.id = l.slot_id WHERE s.is_break") == 0);
    db_close(db);
}

TEST(demo_lessons_have_group_niveau_room_and_teacher)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 12, &db, &r) == KM_OK);
    /* every lesson: exactly one mandatory stamgroep, taught by one of its teachers in a lokaal, at its niveau */
    CHECK(count(db, "SELECT count(*) FROM lessons l WHERE (SELECT count(*) FROM lesson_groups lg JOIN groups g"
                    " ON g.id = lg.group_id WHERE lg.lesson_id = l.id AND g.kind = 'stamgroep' AND lg.mandatory = 1)"
                    " <> 1") == 0);
    CHECK(count(db, "SELECT count(*) FROM lessons l JOIN lesson_groups lg ON lg.lesson_id = l.id AND lg.mandatory = 1"
                    " WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = lg.group_id"
                    " AND m.user_id = l.teacher_id AND m.kind = 'leerkracht')") == 0);
    CHECK(count(db, "SELECT count(*) FROM lessons l LEFT JOIN rooms r ON r.id = l.room_id"
                    " WHERE r.name IS NULL OR r.name NOT LIKE 'lokaal %'") == 0);
    CHECK(count(db, "SELECT count(*) FROM lessons l JOIN lesson_groups lg ON lg.lesson_id = l.id AND lg.mandatory = 1"
                    " JOIN groups g ON g.id = lg.group_id JOIN lesson_niveaus ln ON ln.lesson_id = l.id"
                    " JOIN niveaus n ON n.id = ln.niveau_id WHERE n.name <> g.jaargroep") == 0);
    CHECK(count(db, "SELECT count(*) FROM lessons l JOIN deelgebieden d ON d.id = l.deelgebied_id"
                    " WHERE d.hoofdgebied_id <> l.hoofdgebied_id") == 0);
    /* the duo-collega's both teach their group */
    CHECK(count(db, "SELECT count(*) FROM (SELECT lg.group_id FROM lessons l JOIN lesson_groups lg"
                    " ON lg.lesson_id = l.id GROUP BY lg.group_id HAVING count(DISTINCT l.teacher_id) = 2)") == 1);
    /* each eigen groep has one lesson a week, optional, with its own teacher */
    CHECK(count(db, "SELECT count(*) FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id"
                    " JOIN lessons l ON l.id = lg.lesson_id JOIN memberships m ON m.group_id = g.id"
                    " AND m.user_id = l.teacher_id AND m.kind = 'leerkracht'"
                    " WHERE g.kind = 'eigen' AND lg.mandatory = 0") == r.groups_eigen);
    CHECK(count(db, "SELECT count(*) FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id"
                    " WHERE g.kind = 'eigen'") == r.groups_eigen);
    db_close(db);
}

TEST(demo_no_teacher_or_room_in_two_places)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 13, &db, &r) == KM_OK);
    REQUIRE(r.instances > 0);
    CHECK(count(db, "SELECT count(*) FROM lesson_instances a JOIN lesson_instances b ON b.date = a.date"
                    " AND b.teacher_id = a.teacher_id AND b.id > a.id"
                    " AND a.start_min < b.end_min AND b.start_min < a.end_min") == 0);
    CHECK(count(db, "SELECT count(*) FROM lesson_instances a JOIN lesson_instances b ON b.date = a.date"
                    " AND b.room_id = a.room_id AND b.id > a.id"
                    " AND a.start_min < b.end_min AND b.start_min < a.end_min") == 0);
    /* instances copy their slot's times, their lesson's teacher and room, and fall on their slot's weekday */
    CHECK(count(db, "SELECT count(*) FROM lesson_instances i JOIN lessons l ON l.id = i.lesson_id"
                    " JOIN time_slots s ON s.id = l.slot_id WHERE i.start_min <> s.start_min"
                    " OR i.end_min <> s.end_min OR i.teacher_id IS NOT l.teacher_id OR i.room_id IS NOT l.room_id"
                    " OR CAST(strftime('%w', i.date) AS INTEGER) <> s.weekday"
                    " OR i.date <> date(i.week_start, '+' || (s.weekday - 1) || ' days')") == 0);
    db_close(db);
}

TEST(demo_roster_weeks_holiday_and_this_week)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 14, &db, &r) == KM_OK);
    CHECK(count(db, "SELECT count(*) FROM roster_weeks WHERE strftime('%w', week_start) <> '1'") == 0);
    CHECK(count(db, "SELECT min(week_start) = date(" THIS_MONDAY ", '-14 days') FROM roster_weeks") == 1);
    CHECK(count(db, "SELECT max(week_start) = date(" THIS_MONDAY ", '+35 days') FROM roster_weeks") == 1);
    /* the 6th week is the holiday: no template, no lessons */
    CHECK(count(db, "SELECT count(*) FROM roster_weeks WHERE template_id IS NULL") == 1);
    CHECK(count(db, "SELECT week_start = date(" THIS_MONDAY ", '+21 days') FROM roster_weeks"
                    " WHERE template_id IS NULL") == 1);
    CHECK(count(db, "SELECT count(*) FROM lesson_instances i JOIN roster_weeks w ON w.week_start = i.week_start"
                    " WHERE w.template_id IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM roster_weeks w WHERE template_id IS NOT NULL AND NOT EXISTS"
                    " (SELECT 1 FROM lesson_instances i WHERE i.week_start = w.week_start)") == 0);
    /* this week the leerkracht account teaches */
    int64_t teacher = user_id(db, "leerkracht"), n = 0;
    REQUIRE(teacher);
    CHECK(db_int(db, &n, "SELECT count(*) FROM lesson_instances WHERE teacher_id = ? AND week_start = " THIS_MONDAY,
                 "i", teacher) == KM_OK);
    CHECK(n > 0);
    db_close(db);
}

TEST(demo_planned_goals_fit_their_lessons)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 15, &db, &r) == KM_OK);
    REQUIRE(r.planned > 0);
    /* the goal's niveau is one of the lesson's, its deelgebied the lesson's; added by the lesson's teacher */
    CHECK(count(db, "SELECT count(*) FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                    " JOIN leerdoelen d ON d.id = p.goal_id WHERE NOT EXISTS (SELECT 1 FROM lesson_niveaus n"
                    " WHERE n.lesson_id = i.lesson_id AND n.niveau_id = d.niveau_id)") == 0);
    CHECK(count(db, "SELECT count(*) FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                    " JOIN lessons l ON l.id = i.lesson_id JOIN leerdoelen d ON d.id = p.goal_id"
                    " WHERE d.deelgebied_id <> l.deelgebied_id OR p.added_by IS NOT l.teacher_id") == 0);
    /* only up to and including this week; 1-3 per lesson, in roughly a third of those lessons */
    CHECK(count(db, "SELECT count(*) FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                    " WHERE i.week_start > " THIS_MONDAY) == 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT instance_id FROM planned_goals GROUP BY instance_id"
                    " HAVING count(*) > 3)") == 0);
    int64_t planned = count(db, "SELECT count(DISTINCT instance_id) FROM planned_goals");
    int64_t lessons = count(db, "SELECT count(*) FROM lesson_instances WHERE week_start <= " THIS_MONDAY);
    CHECK(planned * 5 > lessons && planned * 2 < lessons);
    /* some of them have a note, by the teacher */
    CHECK(count(db, "SELECT count(*) FROM lesson_instances WHERE note <> ''") > 0);
    CHECK(count(db, "SELECT count(*) FROM lesson_instances WHERE note <> '' AND (note_by IS NOT teacher_id"
                    " OR note_at IS NULL OR id NOT IN (SELECT instance_id FROM planned_goals))") == 0);
    db_close(db);
}

TEST(demo_blokuur_spans_two_consecutive_slots)
{
    struct km_db *db;
    struct demo_report r;
    REQUIRE(make_demo("d.db", 16, &db, &r) == KM_OK);
    /* a block's lessons share the id of the first; per stamgroep one, on Monday 08:30-10:15 */
#define BLOCK_PAIRS                                                                                                    \
    "SELECT count(*) FROM lessons a JOIN lessons b ON b.block_id = a.id AND b.id <> a.id"                              \
    " JOIN time_slots sa ON sa.id = a.slot_id JOIN time_slots sb ON sb.id = b.slot_id"                                 \
    " WHERE a.block_id = a.id AND sa.template_id = sb.template_id"                                                     \
    " AND sa.weekday = sb.weekday AND sa.end_min = sb.start_min"
    CHECK(count(db, BLOCK_PAIRS) == r.groups_stam);
    CHECK(count(db, "SELECT count(*) FROM lessons WHERE block_id IS NOT NULL") == 2 * r.groups_stam);
    CHECK(count(db,
                BLOCK_PAIRS " AND sa.weekday = 1 AND sa.start_min = 510 AND sb.end_min = 615"
                            " AND a.teacher_id = b.teacher_id AND a.deelgebied_id = b.deelgebied_id") == r.groups_stam);
    db_close(db);
}
