/* The query plans of the hot queries: a teacher's, a student's and a parent's week, the lesson of now, the
 * status board, the overview of a group and of a child, and adding one lesson to a full template. Every statement these
 * run is taken from SQLite's trace and explained (EXPLAIN QUERY PLAN); none may SCAN one of the tables that grow with
 * the school, nor search the lessons by date alone (every lesson of the school that week). Their cost then follows the
 * person or the group, and a later change cannot lose an index without this test saying which query and which table.
 * The plans are the ones the large school gets: without ANALYZE, SQLite plans from the schema alone, not from the
 * number of rows. */
#include <stdlib.h>

#include "core/auth.h"
#include "core/board.h"
#include "core/db.h"
#include "core/db_sql.h"
#include "core/demo.h"
#include "core/groups.h"
#include "core/lessons.h"
#include "core/overview.h"
#include "core/planner.h"
#include "core/templates.h"
#include "test.h"

/* The tables that grow with the number of students, goals, lessons or weeks. */
static const char *const big_tables[] = {
    "users",   "memberships",   "parent_child",   "leerdoelen",       "goal_status",   "goal_status_history",
    "lessons", "lesson_groups", "lesson_niveaus", "lesson_instances", "planned_goals", "audit_log",
};
#define NBIG (sizeof big_tables / sizeof big_tables[0])

/* Indexes that lead with the date: a search on them reads every lesson of the school in those days. */
static const char *const school_wide[] = {"lesson_instances_date", "lesson_instances_week"};

#define MAX_SQL 256

struct seen {
    char *sql[MAX_SQL];
    int n;
};

static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)x;
    struct seen *s = ctx;
    const char *sql = type == SQLITE_TRACE_STMT ? sqlite3_sql(p) : NULL;
    if (!sql || strncmp(sql, "EXPLAIN", 7) == 0)
        return 0;
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->sql[i], sql) == 0)
            return 0;
    if (s->n < MAX_SQL)
        s->sql[s->n++] = strdup(sql);
    return 0;
}

static void forget(struct seen *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->sql[i]);
    s->n = 0;
}

static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The word after position p (skipping spaces and an AS), into out; "" when none. */
static void next_word(const char *p, char *out, size_t len)
{
    for (int k = 0; k < 2; k++) {
        while (*p == ' ' || *p == '\n')
            p++;
        size_t n = 0;
        while (ident_char(p[n]))
            n++;
        snprintf(out, len, "%.*s", (int)n, p);
        if (strcasecmp(out, "AS") != 0)
            return;
        p += n;
    }
}

/* Whether the plan's "SCAN x" names a big table: x is one, or an alias given to one in sql. */
static const char *big_scan(const char *sql, const char *x)
{
    static const char *const not_alias[] = {"JOIN",    "LEFT",  "CROSS", "INNER", "WHERE", "ON",
                                            "USING",   "GROUP", "ORDER", "LIMIT", "SET",   "VALUES",
                                            "INDEXED", "NOT",   "AND",   "OR",    ""};
    for (size_t t = 0; t < NBIG; t++) {
        const char *name = big_tables[t];
        size_t n = strlen(name);
        if (strcmp(x, name) == 0)
            return name;
        for (const char *p = strstr(sql, name); p; p = strstr(p + 1, name)) {
            if ((p > sql && ident_char(p[-1])) || ident_char(p[n]) || p[n] == '(')
                continue;
            char alias[64];
            next_word(p + n, alias, sizeof alias);
            bool keyword = false;
            for (size_t k = 0; k < sizeof not_alias / sizeof not_alias[0]; k++)
                keyword |= strcasecmp(alias, not_alias[k]) == 0;
            if (!keyword && strcmp(alias, x) == 0)
                return name;
        }
    }
    return NULL;
}

/* Explains every statement seen since the last call; a SCAN of a big table fails the test, named. */
static void check_plans(struct km_db *db, struct seen *s, const char *what)
{
    CHECK(s->n > 0);
    for (int i = 0; i < s->n; i++) {
        size_t len = strlen(s->sql[i]) + 32;
        char *q = malloc(len);
        REQUIRE(q);
        snprintf(q, len, "EXPLAIN QUERY PLAN %s", s->sql[i]);
        sqlite3_stmt *st = NULL;
        CHECK(sqlite3_prepare_v2(db_handle(db), q, -1, &st, NULL) == SQLITE_OK);
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            const char *detail = (const char *)sqlite3_column_text(st, 3);
            char x[64];
            for (size_t k = 0; detail && k < sizeof school_wide / sizeof school_wide[0]; k++)
                if (strstr(detail, school_wide[k])) {
                    fprintf(stderr, "  %s: '%s' reads the whole school's days:\n    %.300s\n", what, detail, s->sql[i]);
                    CHECK(!"a hot query reads every lesson of the school in a period");
                }
            if (!detail || strncmp(detail, "SCAN ", 5) != 0)
                continue;
            next_word(detail + 5, x, sizeof x);
            const char *table = big_scan(s->sql[i], x);
            if (table) {
                fprintf(stderr, "  %s: '%s' reads all of %s:\n    %.300s\n", what, detail, table, s->sql[i]);
                CHECK(!"a hot query scans a big table");
            }
        }
        sqlite3_finalize(st);
        free(q);
    }
    forget(s);
}

static int64_t user_id(struct km_db *db, const char *username)
{
    int64_t id = 0;
    db_int(db, &id, "SELECT id FROM users WHERE username = ?", "t", username);
    return id;
}

TEST(plans_of_hot_queries_use_indexes)
{
    char err[512];
    struct km_db *db = NULL;
    REQUIRE(auth_init() == KM_OK);
    REQUIRE(db_open(test_tmp_path("plans.db"), DB_OPEN_CREATE, &db, err, sizeof err) == KM_OK);
    struct demo_options opt = {
        .size = DEMO_SMALL, .seed = 1, .password = "Regenboog-demo-2026", .hash_params = auth_min_params()};
    REQUIRE(demo_create(db, &opt, NULL) == KM_OK);
    char monday[11] = "";
    REQUIRE(db_text(db, monday, sizeof monday,
                    "SELECT week_start FROM roster_weeks WHERE template_id IS NOT NULL ORDER BY week_start LIMIT 1",
                    NULL) == KM_OK);
    int64_t teacher = user_id(db, "leerkracht"), student = user_id(db, "leerling");
    struct km_session juf, kind, ouder, beheer;
    REQUIRE(session_for_user(&juf, db, "leerkracht") == KM_OK);
    REQUIRE(session_for_user(&kind, db, "leerling") == KM_OK);
    REQUIRE(session_for_user(&ouder, db, "ouder") == KM_OK);
    session_server(&beheer, db);
    struct seen seen = {.n = 0};
    sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, on_statement, &seen);

    struct planner_week w;
    REQUIRE(planner_week(&juf, teacher, monday, &w) == KM_OK);
    CHECK(w.n > 0);
    planner_week_free(&w);
    check_plans(db, &seen, "week van een leerkracht");
    REQUIRE(planner_week(&kind, student, monday, &w) == KM_OK);
    CHECK(w.n > 0);
    planner_week_free(&w);
    check_plans(db, &seen, "week van een leerling");
    REQUIRE(planner_week(&ouder, student, monday, &w) == KM_OK);
    CHECK(w.n > 0);
    planner_week_free(&w);
    check_plans(db, &seen, "week van een kind voor de ouder");
    int64_t now = 0;
    CHECK(planner_current_lesson(&juf, teacher, monday, 0, &now) == KM_OK && now > 0);
    check_plans(db, &seen, "de les van nu");

    int64_t group = 0, deelgebied = 0;
    REQUIRE(db_int(db, &group, "SELECT group_id FROM memberships WHERE user_id = ? AND kind = 'leerling'", "i",
                   student) == KM_OK);
    REQUIRE(db_int(db, &deelgebied, "SELECT deelgebied_id FROM leerdoelen LIMIT 1", NULL) == KM_OK);
    forget(&seen);
    struct board b;
    REQUIRE(board_load(&juf, group, deelgebied, 0, &b) == KM_OK);
    CHECK(b.nstudents > 0);
    board_free(&b);
    check_plans(db, &seen, "statusbord");

    forget(&seen);
    struct overview o;
    struct overview_filter f = {0, 0, 0, NULL, NULL};
    REQUIRE(overview_group(&juf, group, &f, &o) == KM_OK);
    CHECK(o.ngoals > 0);
    overview_free(&o);
    check_plans(db, &seen, "overzicht van een groep");
    REQUIRE(overview_student(&ouder, student, &f, &o) == KM_OK);
    overview_free(&o);
    check_plans(db, &seen, "overzicht van een kind");

    /* One lesson more in a full template: the clash check starts from that lesson. */
    int64_t tpl = 0, slot = 0;
    REQUIRE(db_int(db, &tpl, "SELECT id FROM week_templates ORDER BY id LIMIT 1", NULL) == KM_OK);
    REQUIRE(db_int(db, &slot, "SELECT id FROM time_slots WHERE template_id = ? AND is_break = 0 ORDER BY id LIMIT 1",
                   "i", tpl) == KM_OK);
    struct lesson_input in;
    memset(&in, 0, sizeof in);
    in.slot_id = slot;
    in.groups[in.ngroups++] = (struct lesson_group){group, true};
    struct conflict_list warnings;
    forget(&seen);
    CHECK(lessons_add(&beheer, &in, true, &warnings, NULL) == KM_OK);
    CHECK(warnings.n > 0); /* the group has a lesson in that slot already */
    conflicts_free(&warnings);
    check_plans(db, &seen, "een les toevoegen");

    sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
    forget(&seen);
    db_close(db);
}
