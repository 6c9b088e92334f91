/* Benchmarks on the large demo school (make bench): the query time of a teacher's week and of a group's
 * status board, as the screens ask them. Prints median and 95th percentile over many runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/board.h"
#include "core/bulkstatus.h"
#include "core/db.h"
#include "core/groups.h"
#include "core/dates.h"
#include "core/lessons.h"
#include "core/roster.h"
#include "core/templates.h"
#include "core/planner.h"

#define RUNS 200

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n, const char *detail)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    printf("%-40s median %7.3f ms   p95 %7.3f ms   (%s)\n", what, t[n / 2], t[n * 95 / 100], detail);
}

static void this_monday(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int back = (tm.tm_wday + 6) % 7;
    now -= (time_t)back * 86400;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static void bench_week(struct km_session *s)
{
    char monday[11], detail[64];
    this_monday(monday);
    double t[RUNS];
    int lessons = 0;
    for (int i = 0; i < RUNS; i++) {
        struct planner_week w;
        double t0 = now_ms();
        if (planner_week(s, s->user_id, monday, &w) != KM_OK) {
            printf("week: %s\n", db_errmsg(s->db));
            return;
        }
        t[i] = now_ms() - t0;
        lessons = w.n;
        planner_week_free(&w);
    }
    snprintf(detail, sizeof detail, "%d lessen in de week van %s", lessons, monday);
    report("week van een leerkracht", t, RUNS, detail);
}

static void bench_board(struct km_session *s)
{
    struct km_group_list groups;
    if (groups_list(s, NULL, &groups) != KM_OK || groups.n == 0) {
        printf("board: geen groep\n");
        return;
    }
    int64_t group = groups.items[0].id, deelgebied = 0;
    /* The deelgebied with the most goals at the group's niveau: the fullest board a teacher opens. */
    db_int(s->db, &deelgebied,
           "SELECT l.deelgebied_id FROM leerdoelen l JOIN niveaus n ON n.id = l.niveau_id WHERE n.name = ?"
           " GROUP BY l.deelgebied_id ORDER BY count(*) DESC LIMIT 1",
           "t", groups.items[0].jaargroep);
    groups_list_free(&groups);
    double t[RUNS];
    char detail[80];
    for (int i = 0; i < RUNS; i++) {
        struct board b;
        double t0 = now_ms();
        if (board_load(s, group, deelgebied, 0, &b) != KM_OK) {
            printf("board: %s\n", db_errmsg(s->db));
            return;
        }
        t[i] = now_ms() - t0;
        snprintf(detail, sizeof detail, "%d leerlingen x %d leerdoelen", b.nstudents, b.ngoals);
        board_free(&b);
    }
    report("statusbord van een groep", t, RUNS, detail);
}

static void bench_conflicts(struct km_db *db)
{
    struct km_session b;
    session_server(&b, db);
    int64_t tpl;
    if (templates_find(&b, "Standaardweek", &tpl) != KM_OK) {
        printf("conflicts: %s\n", db_errmsg(db));
        return;
    }
    struct km_slot_list slots;
    struct km_lesson_list lessons;
    slots_list(&b, tpl, &slots);
    lessons_list(&b, tpl, 0, &lessons);
    double t[20];
    size_t found = 0;
    for (int i = 0; i < 20; i++) {
        struct conflict_list c;
        double t0 = now_ms();
        if (conflicts_check(&b, tpl, &c) != KM_OK) {
            printf("conflicts: %s\n", db_errmsg(db));
            break;
        }
        t[i] = now_ms() - t0;
        found = c.n;
        conflicts_free(&c);
    }
    char detail[120];
    snprintf(detail, sizeof detail, "%zu tijdsloten, %zu lessen, 48 groepen; %zu botsingen", slots.n, lessons.n, found);
    report("botsingen in een weeksjabloon", t, 20, detail);
    slots_list_free(&slots);
    lessons_list_free(&lessons);
}

/* 40 weeks of the large school's Standaardweek, in weeks far ahead so the demo's own planning stays. */
static void bench_roster(struct km_db *db)
{
    struct km_session b;
    session_server(&b, db);
    struct roster_plan p;
    memset(&p, 0, sizeof p);
    p.first_monday = dates_from_civil(2031, 1, 6);
    p.weeks = 40;
    int64_t tpl;
    if (templates_find(&b, "Standaardweek", &tpl) != KM_OK)
        return;
    for (int i = 0; i < p.weeks; i++)
        p.template_ids[i] = tpl;
    double t[3];
    int made = 0;
    for (int i = 0; i < 3; i++) {
        double t0 = now_ms();
        if (roster_generate(&b, &p, true, NULL, &made) != KM_OK) {
            printf("roster: %s\n", db_errmsg(db));
            return;
        }
        t[i] = now_ms() - t0;
    }
    char detail[80];
    snprintf(detail, sizeof detail, "40 weken, %d lessen per keer", made);
    report("schoolrooster maken", t, 3, detail);
}

/* A whole column of a group's board (R/K): what it would do, the batch, and its undo. */
static void bench_bulk(struct km_session *s)
{
    struct board b;
    struct km_group_list groups;
    if (groups_list(s, NULL, &groups) != KM_OK || groups.n == 0)
        return;
    int64_t group = groups.items[0].id, deelgebied = 0;
    db_int(s->db, &deelgebied, "SELECT deelgebied_id FROM leerdoelen WHERE retired = 0 LIMIT 1", NULL);
    groups_list_free(&groups);
    if (board_load(s, group, deelgebied, 0, &b) != KM_OK || b.nstudents == 0 || b.ngoals == 0) {
        printf("bulk: geen statusbord (%s)\n", db_errmsg(s->db));
        return;
    }
    struct bulk_cell cells[256];
    int n = b.nstudents < 256 ? b.nstudents : 256;
    for (int i = 0; i < n; i++)
        cells[i] = (struct bulk_cell){b.students[i].id, b.goals[0].id};
    board_free(&b);
    double plan[RUNS], apply[RUNS], undo[RUNS];
    char detail[80];
    for (int i = 0; i < RUNS; i++) {
        struct bulk_plan p;
        struct bulk_batch last;
        struct bulk_undo_result u;
        int changed = 0;
        double t0 = now_ms();
        enum km_rc rc = bulk_plan(s, cells, n, 2, &p);
        double t1 = now_ms();
        if (rc == KM_OK)
            rc = bulk_apply(s, cells, n, 2, BULK_ALL, "kolom (bench)", &changed);
        double t2 = now_ms();
        if (rc == KM_OK && changed)
            rc = bulk_last(s, &last) == KM_OK ? bulk_undo(s, last.id, &u) : KM_OK;
        double t3 = now_ms();
        if (rc != KM_OK) {
            printf("bulk: %s\n", db_errmsg(s->db));
            return;
        }
        plan[i] = t1 - t0, apply[i] = t2 - t1, undo[i] = t3 - t2;
    }
    snprintf(detail, sizeof detail, "een kolom van %d leerlingen", n);
    report("hele kolom: wat het doet (R/K)", plan, RUNS, detail);
    report("hele kolom: zetten", apply, RUNS, detail);
    report("hele kolom: terugzetten (u)", undo, RUNS, detail);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "gebruik: bench DATABASE\n");
        return 2;
    }
    char err[512];
    struct km_db *db;
    if (db_open(argv[1], DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    struct km_session s;
    if (session_for_user(&s, db, "leerkracht") != KM_OK) {
        fprintf(stderr, "%s\n", db_errmsg(db));
        return 1;
    }
    bench_week(&s);
    bench_board(&s);
    bench_bulk(&s);
    bench_conflicts(db);
    bench_roster(db);
    db_close(db);
    return 0;
}
