/* Benchmarks on a demo school (make bench runs them on the large one and on xl, four times larger): the query
 * time of a teacher's week and of a group's status board, as the screens ask them, and the bulk work of a
 * template (import, export, clash check, roster). Prints median and 95th percentile over many runs, and where the
 * figure has a goal (issue 17) the goal and the median's ratio to the limit (what the work itself costs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/board.h"
#include "core/bulkstatus.h"
#include "core/db.h"
#include "core/db_sql.h"
#include "core/groups.h"
#include "core/dates.h"
#include "core/lessons.h"
#include "core/roster.h"
#include "core/templates.h"
#include "core/planner.h"
#include "sync/template_csv.h"

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

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The goal and the limit (ms) of a figure, 0 when it has none, and the mean CPU time of one run (what the work
 * costs whatever else the machine runs; 0: not measured); see report_goal. */
struct goal {
    double goal, limit, cpu;
};

static void report_goal(const char *what, double *t, int n, const char *detail, struct goal g)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    printf("%-40s median %9.3f ms   p95 %9.3f ms   (%s)", what, t[n / 2], t[n * 95 / 100], detail);
    if (g.goal > 0)
        printf("   doel <= %g ms%s", g.goal, t[n / 2] <= g.goal ? "" : " NIET GEHAALD");
    if (g.limit > 0)
        printf(", %.2fx de grens (%g ms)", t[n / 2] / g.limit, g.limit);
    if (g.cpu > 0)
        printf(", cpu %.*f ms", g.cpu < 10 ? 3 : 1, g.cpu);
    printf("\n");
}

static void report(const char *what, double *t, int n, const char *detail)
{
    report_goal(what, t, n, detail, (struct goal){0, 0, 0});
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
    double t[RUNS], c0 = cpu_ms();
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
    /* the goal: the same at xl as at large (make bench prints the ratio); the limit: reading 24 lessons */
    report_goal("week van een leerkracht", t, RUNS, detail, (struct goal){0, 0, (cpu_ms() - c0) / RUNS});
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
    double t[3], c0 = cpu_ms();
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
    snprintf(detail, sizeof detail, "40 weken over bestaande weken, %d lessen per keer", made);
    report_goal("schoolrooster maken", t, 3, detail, (struct goal){500, 500, (cpu_ms() - c0) / 3});
}

static enum km_rc export_to(struct km_session *b, int64_t tpl, char **buf, size_t *len)
{
    FILE *f = open_memstream(buf, len);
    if (!f)
        return KM_ERR;
    enum km_rc rc = template_csv_export(b, tpl, f);
    fclose(f);
    return rc;
}

/* The Standaardweek as a spreadsheet (export), and that spreadsheet made into a new template (import), which
 * goes again after each run. */
static void bench_template_csv(struct km_db *db)
{
    struct km_session b;
    session_server(&b, db);
    int64_t tpl, copy;
    if (templates_find(&b, "Standaardweek", &tpl) != KM_OK)
        return;
    double t[RUNS / 10], imp[3];
    char *csv = NULL, detail[120];
    size_t len = 0;
    int runs = RUNS / 10;
    double c0 = cpu_ms();
    for (int i = 0; i < runs; i++) {
        free(csv);
        csv = NULL;
        double t0 = now_ms();
        if (export_to(&b, tpl, &csv, &len) != KM_OK) {
            printf("export: %s\n", db_errmsg(db));
            free(csv);
            return;
        }
        t[i] = now_ms() - t0;
    }
    snprintf(detail, sizeof detail, "Standaardweek, %zu kB", len / 1024);
    report_goal("sjabloon exporteren (csv)", t, runs, detail, (struct goal){50, 0, (cpu_ms() - c0) / runs});
    struct template_csv_options o = {"Bench-import", 5, false};
    struct template_csv_result res;
    double cpu = 0;
    for (int i = 0; i < 3; i++) {
        double t0 = now_ms(), c1 = cpu_ms();
        enum km_rc rc = template_csv_import(&b, csv, len, &o, &res);
        imp[i] = now_ms() - t0;
        cpu += cpu_ms() - c1;
        snprintf(detail, sizeof detail, "%d lessen, %zu waarschuwingen", res.lessons, res.warnings.n);
        template_csv_result_free(&res);
        if (rc != KM_OK || templates_find(&b, "Bench-import", &copy) != KM_OK || templates_delete(&b, copy) != KM_OK) {
            printf("import: %s\n", db_errmsg(db));
            free(csv);
            return;
        }
    }
    free(csv);
    /* the limit: the same rows in plain SQL and one clash check (issue 17) */
    report_goal("sjabloon importeren (csv)", imp, 3, detail, (struct goal){1000, 200, cpu / 3});
}

/* One lesson more in the full Standaardweek (and gone again): the clash check starts from that lesson. */
static void bench_add_lesson(struct km_db *db)
{
    struct km_session b;
    session_server(&b, db);
    int64_t tpl, slot = 0, group = 0;
    if (templates_find(&b, "Standaardweek", &tpl) != KM_OK ||
        db_int(db, &slot,
               "SELECT id FROM time_slots WHERE template_id = ? AND is_break = 0 ORDER BY weekday, start_min"
               " LIMIT 1",
               "i", tpl) != KM_OK ||
        db_int(db, &group,
               "SELECT lg.group_id FROM lessons l JOIN lesson_groups lg ON lg.lesson_id = l.id"
               " WHERE l.slot_id = ? LIMIT 1",
               "i", slot) != KM_OK)
        return;
    struct lesson_input in;
    memset(&in, 0, sizeof in);
    in.slot_id = slot;
    in.groups[in.ngroups++] = (struct lesson_group){group, true};
    double t[RUNS / 10];
    size_t warned = 0;
    for (int i = 0; i < RUNS / 10; i++) {
        struct conflict_list w;
        int64_t id = 0;
        double t0 = now_ms();
        enum km_rc rc = lessons_add(&b, &in, true, &w, &id);
        t[i] = now_ms() - t0;
        warned = w.n;
        conflicts_free(&w);
        if (rc != KM_OK || lessons_delete(&b, id) != KM_OK) {
            printf("les: %s\n", db_errmsg(db));
            return;
        }
    }
    char detail[80];
    snprintf(detail, sizeof detail, "een groep die er al les heeft: %zu waarschuwing(en)", warned);
    report("les toevoegen aan een vol sjabloon", t, RUNS / 10, detail);
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
    bench_add_lesson(db);
    bench_template_csv(db);
    bench_roster(db);
    db_close(db);
    return 0;
}
