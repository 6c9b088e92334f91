/* The demo school generator: counts, fixed accounts, password, determinism, refusal of a non-empty
 * database. Only the small size: the large one takes a second and belongs to the benchmarks. */
#include <stdlib.h>

#include "core/auth.h"
#include "core/db.h"
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
    const char *const queries[] = {users_sql, status_sql, groups_sql};
    for (int q = 0; q < 3; q++) {
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
    CHECK(ra.statuses == rb.statuses);
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
