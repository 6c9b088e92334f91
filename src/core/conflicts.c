/* Clashes in a week template: a teacher or a room in two lessons at once (refused), a child in two lessons
 * at once through group membership, more children than the room holds, a lesson outside school hours
 * (warnings). Each check is one query over the template; `scoped` limits it to the lessons in the temp
 * table conflict_scope (the ones being added or changed), and then starts from those lessons, so adding one
 * lesson costs the same in a small template as in a full one. */
#include "core/conflicts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/vec.h"

#define NAMES_SHOWN 4

bool conflict_refused(enum conflict_kind kind) { return kind == CONFLICT_TEACHER || kind == CONFLICT_ROOM; }

/* The lessons of the template with their day and times; a and b overlap on the same day and share `key`
 * (the teacher or the room): joined on it, so the work follows the lessons of one teacher or room, not the
 * square of the lessons in a slot. */
#define OVERLAPPING_PAIRS(key)                                                                                         \
    "WITH ls AS (SELECT l.id, l.teacher_id, l.room_id, x.weekday, x.start_min, x.end_min FROM lessons l"               \
    "  JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id = ?1),"                                               \
    " pairs AS (SELECT a.id AS la, b.id AS lb, a.weekday AS wd, max(a.start_min, b.start_min) AS s,"                   \
    "  min(a.end_min, b.end_min) AS e, a.teacher_id AS ta, b.teacher_id AS tb, a.room_id AS ra, b.room_id AS rb"       \
    "  FROM ls a JOIN ls b ON b." key " = a." key " AND a.weekday = b.weekday AND a.id < b.id"                         \
    "  AND a.start_min < b.end_min AND b.start_min < a.end_min"                                                        \
    "  WHERE ?2 = 0 OR a.id IN (SELECT id FROM conflict_scope) OR b.id IN (SELECT id FROM conflict_scope))"

/* The same pairs, starting from the lessons in conflict_scope: each with the lessons of the overlapping slots
 * of its day (CROSS JOIN keeps that order). A pair of two scoped lessons is found once (a.id < b.id), a pair
 * with an unscoped one once, from the scoped side. */
#define SCOPED_PAIRS                                                                                                   \
    "WITH pairs AS (SELECT min(a.id, b.id) AS la, max(a.id, b.id) AS lb, xa.weekday AS wd,"                            \
    "  max(xa.start_min, xb.start_min) AS s, min(xa.end_min, xb.end_min) AS e, a.teacher_id AS ta,"                    \
    "  b.teacher_id AS tb, a.room_id AS ra, b.room_id AS rb"                                                           \
    "  FROM conflict_scope c CROSS JOIN lessons a ON a.id = c.id"                                                      \
    "  CROSS JOIN time_slots xa ON xa.id = a.slot_id AND xa.template_id = ?1"                                          \
    "  CROSS JOIN time_slots xb ON xb.template_id = ?1 AND xb.weekday = xa.weekday"                                    \
    "  AND xa.start_min < xb.end_min AND xb.start_min < xa.end_min"                                                    \
    "  CROSS JOIN lessons b ON b.slot_id = xb.id AND b.id <> a.id"                                                     \
    "  WHERE ?2 = 1 AND (a.id < b.id OR b.id NOT IN (SELECT id FROM conflict_scope)))"

/* "rekenen (groep 5a)": how a lesson is named in a message. */
#define LESSON_LABEL(alias)                                                                                            \
    "(SELECT COALESCE(NULLIF(COALESCE(h.name, '') || COALESCE(' / ' || d.name, ''), ''), 'les') || ' ('"               \
    "  || COALESCE((SELECT group_concat(g.name, ', ') FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id"       \
    "  WHERE lg.lesson_id = " alias "), 'geen groep') || ')' FROM lessons l2 LEFT JOIN hoofdgebieden h"                \
    "  ON h.id = l2.hoofdgebied_id LEFT JOIN deelgebieden d ON d.id = l2.deelgebied_id WHERE l2.id = " alias ")"

#define TEACHER_PAIRS                                                                                                  \
    " SELECT la, lb, wd, s, e, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"       \
    " || ' ' || u.achternaam, " LESSON_LABEL("la") ", " LESSON_LABEL(                                                  \
        "lb") " FROM pairs JOIN users u ON u.id = ta WHERE ta = tb ORDER BY wd, s"

#define ROOM_PAIRS                                                                                                     \
    " SELECT la, lb, wd, s, e, r.name, " LESSON_LABEL("la") ", " LESSON_LABEL(                                         \
        "lb") " FROM pairs JOIN rooms r ON r.id = ra WHERE ra = rb ORDER BY wd, s"

static const char *const teacher_sql = OVERLAPPING_PAIRS("teacher_id") TEACHER_PAIRS;
static const char *const room_sql = OVERLAPPING_PAIRS("room_id") ROOM_PAIRS;
static const char *const teacher_scoped_sql = SCOPED_PAIRS TEACHER_PAIRS;
static const char *const room_scoped_sql = SCOPED_PAIRS ROOM_PAIRS;

/* Children in two overlapping lessons of one day, through the groups of each lesson (stamgroep, eigen
 * groep, …). Joined per child and day, so the work grows with a child's lessons, not with all pairs. */
#define STUDENT_CLASHES                                                                                                \
    " clash AS (SELECT a.lid AS la, b.lid AS lb, a.wd AS wd, max(a.s, b.s) AS s, min(a.e, b.e) AS e, a.uid AS uid"     \
    "  FROM kids a JOIN kids b ON b.uid = a.uid AND b.wd = a.wd AND a.lid < b.lid AND a.s < b.e AND b.s < a.e"         \
    "  WHERE ?2 = 0 OR a.lid IN (SELECT id FROM conflict_scope) OR b.lid IN (SELECT id FROM conflict_scope))"          \
    " SELECT la, lb, wd, s, e, count(*), group_concat(name, ', '), " LESSON_LABEL("la") ", " LESSON_LABEL(             \
        "lb") " FROM (SELECT c.*, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"    \
              "  || ' ' || u.achternaam AS name FROM clash c JOIN users u ON u.id = c.uid"                             \
              "  ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id)"                                 \
              " GROUP BY la, lb ORDER BY wd, s"

static const char *const student_sql =
    "WITH ls AS (SELECT l.id, x.weekday, x.start_min, x.end_min FROM lessons l"
    "  JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id = ?1),"
    " kids AS MATERIALIZED (SELECT DISTINCT ls.id AS lid, m.user_id AS uid, ls.weekday AS wd, ls.start_min AS s,"
    "  ls.end_min AS e FROM ls JOIN lesson_groups lg ON lg.lesson_id = ls.id"
    "  JOIN memberships m ON m.group_id = lg.group_id AND m.kind = 'leerling'"
    "  JOIN users u ON u.id = m.user_id AND u.active = 1)," STUDENT_CLASHES;

/* Scoped: only the children of the scoped lessons, with their other lessons of that day in the template
 * (through their own memberships), instead of every child of the template. CROSS JOIN keeps that order: from
 * the few children to their lessons, never from the template's slots to every child. */
static const char *const student_scoped_sql =
    "WITH touched AS MATERIALIZED (SELECT DISTINCT m.user_id AS uid, x.weekday AS wd FROM conflict_scope c"
    "  CROSS JOIN lessons l ON l.id = c.id CROSS JOIN time_slots x ON x.id = l.slot_id AND x.template_id = ?1"
    "  CROSS JOIN lesson_groups lg ON lg.lesson_id = l.id"
    "  CROSS JOIN memberships m ON m.group_id = lg.group_id AND m.kind = 'leerling'"
    "  CROSS JOIN users u ON u.id = m.user_id AND u.active = 1),"
    " kids AS MATERIALIZED (SELECT DISTINCT l.id AS lid, t.uid AS uid, t.wd AS wd, x.start_min AS s,"
    "  x.end_min AS e FROM touched t CROSS JOIN memberships m ON m.user_id = t.uid AND m.kind = 'leerling'"
    "  CROSS JOIN lesson_groups lg ON lg.group_id = m.group_id CROSS JOIN lessons l ON l.id = lg.lesson_id"
    "  CROSS JOIN time_slots x ON x.id = l.slot_id AND x.template_id = ?1 AND x.weekday = t.wd)," STUDENT_CLASHES;

static const char *const capacity_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, r.name, r.capacity,"
    " (SELECT count(DISTINCT m.user_id) FROM lesson_groups lg JOIN memberships m ON m.group_id = lg.group_id"
    "  AND m.kind = 'leerling' JOIN users u ON u.id = m.user_id AND u.active = 1 WHERE lg.lesson_id = l.id) AS "
    "n, " LESSON_LABEL(
        "l.id") " FROM lessons l JOIN time_slots x ON x.id = l.slot_id JOIN rooms r ON r.id = l.room_id"
                " WHERE x.template_id = ?1 AND r.capacity > 0 AND (?2 = 0 OR l.id IN (SELECT id FROM conflict_scope))"
                " AND n > r.capacity ORDER BY x.weekday, x.start_min";

static const char *const hours_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, COALESCE(h.start_min, -1), COALESCE(h.end_min, -1), " LESSON_LABEL(
        "l.id") " FROM lessons l JOIN time_slots x ON x.id = l.slot_id LEFT JOIN school_hours h ON h.weekday = "
                "x.weekday"
                " WHERE x.template_id = ?1 AND (?2 = 0 OR l.id IN (SELECT id FROM conflict_scope))"
                " AND (h.weekday IS NULL OR x.start_min < h.start_min OR x.end_min > h.end_min) ORDER BY x.weekday, "
                "x.start_min";

/* The same two, from the scoped lessons rather than over the template (CROSS JOIN: in that order). */
static const char *const capacity_scoped_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, r.name, r.capacity,"
    " (SELECT count(DISTINCT m.user_id) FROM lesson_groups lg JOIN memberships m ON m.group_id = lg.group_id"
    "  AND m.kind = 'leerling' JOIN users u ON u.id = m.user_id AND u.active = 1 WHERE lg.lesson_id = l.id) AS "
    "n, " LESSON_LABEL(
        "l.id") " FROM conflict_scope c CROSS JOIN lessons l ON l.id = c.id CROSS JOIN time_slots x ON x.id = l.slot_id"
                " CROSS JOIN rooms r ON r.id = l.room_id"
                " WHERE x.template_id = ?1 AND ?2 = 1 AND r.capacity > 0 AND n > r.capacity ORDER BY x.weekday, "
                "x.start_min";

static const char *const hours_scoped_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, COALESCE(h.start_min, -1), COALESCE(h.end_min, -1), " LESSON_LABEL(
        "l.id") " FROM conflict_scope c CROSS JOIN lessons l ON l.id = c.id CROSS JOIN time_slots x ON x.id = l.slot_id"
                " LEFT JOIN school_hours h ON h.weekday = x.weekday"
                " WHERE x.template_id = ?1 AND ?2 = 1"
                " AND (h.weekday IS NULL OR x.start_min < h.start_min OR x.end_min > h.end_min) ORDER BY x.weekday, "
                "x.start_min";

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown list is kept in out->items, the text in its new item */
    static enum km_rc
    push(struct km_db *db, struct conflict_list *out, enum conflict_kind kind, sqlite3_stmt *st, bool pair,
         const char *text)
{
    struct conflict *n = vec_grow(out->items, out->n, sizeof *n);
    char *copy = strdup(text);
    if (!n || !copy) {
        free(copy);
        if (n)
            out->items = n;
        return vec_no_memory(db);
    }
    out->items = n;
    struct conflict *c = &n[out->n++];
    c->kind = kind;
    c->lesson_a = sqlite3_column_int64(st, 0);
    c->lesson_b = pair ? sqlite3_column_int64(st, 1) : 0;
    int col = pair ? 2 : 1;
    c->weekday = sqlite3_column_int(st, col);
    c->start_min = sqlite3_column_int(st, col + 1);
    c->end_min = sqlite3_column_int(st, col + 2);
    c->text = copy;
    return KM_OK;
}
KM_GCC_ANALYZER_END

/* "op dinsdag 09:30–10:15" */
static void when(sqlite3_stmt *st, int col, char *out, size_t len)
{
    char a[6], b[6];
    hours_format(sqlite3_column_int(st, col + 1), a);
    hours_format(sqlite3_column_int(st, col + 2), b);
    snprintf(out, len, "op %s %s–%s", hours_day_name(sqlite3_column_int(st, col)), a, b);
}

static void describe_pair(enum conflict_kind kind, sqlite3_stmt *st, char *out, size_t len)
{
    char w[64];
    when(st, 2, w, sizeof w);
    if (kind == CONFLICT_TEACHER)
        snprintf(out, len, _("%s geeft %s twee lessen tegelijk: %s en %s."), db_col_text(st, 5), w, db_col_text(st, 6),
                 db_col_text(st, 7));
    else
        snprintf(out, len, _("Lokaal %s is %s dubbel bezet: %s en %s."), db_col_text(st, 5), w, db_col_text(st, 6),
                 db_col_text(st, 7));
}

static void describe_students(sqlite3_stmt *st, char *out, size_t len)
{
    char w[64], names[600], more[32] = "";
    when(st, 2, w, sizeof w);
    int n = sqlite3_column_int(st, 5);
    /* the names, at most a few, then "en N anderen" */
    const char *all = db_col_text(st, 6);
    const char *p = all;
    for (int i = 0; i < NAMES_SHOWN && *p; i++) {
        const char *comma = strstr(p, ", ");
        p = comma ? comma + 2 : p + strlen(p);
    }
    size_t shown = *p ? (size_t)(p - all - 2) : strlen(all);
    snprintf(names, sizeof names, "%.*s", (int)(shown < 500 ? shown : 500), all);
    if (n > NAMES_SHOWN)
        snprintf(more, sizeof more, _(" en %d anderen"), n - NAMES_SHOWN);
    snprintf(out, len, _("%s%s zit%s %s in twee lessen tegelijk: %s en %s."), names, more,
             i18n_plural(n, "", "ten", " is", " are"), w, db_col_text(st, 7), db_col_text(st, 8));
}

static enum km_rc run_pairs(struct km_db *db, const char *sql, enum conflict_kind kind, int64_t template_id,
                            bool scoped, struct conflict_list *out)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, sql, "id", template_id, scoped ? 1 : 0);
    int r;
    char text[1400];
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        if (kind == CONFLICT_STUDENT)
            describe_students(st, text, sizeof text);
        else
            describe_pair(kind, st, text, sizeof text);
        rc = push(db, out, kind, st, true, text);
    }
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

static enum km_rc run_singles(struct km_db *db, enum conflict_kind kind, int64_t template_id, bool scoped,
                              struct conflict_list *out)
{
    sqlite3_stmt *st;
    const char *sql = kind == CONFLICT_CAPACITY ? (scoped ? capacity_scoped_sql : capacity_sql)
                                                : (scoped ? hours_scoped_sql : hours_sql);
    enum km_rc rc = db_query(db, &st, sql, "id", template_id, scoped ? 1 : 0);
    int r;
    char text[600], w[64], a[6], b[6];
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        when(st, 1, w, sizeof w);
        if (kind == CONFLICT_CAPACITY) {
            snprintf(text, sizeof text, _("%s %s: %d kinderen in lokaal %s, dat plaats heeft voor %d."),
                     db_col_text(st, 7), w, sqlite3_column_int(st, 6), db_col_text(st, 4), sqlite3_column_int(st, 5));
        } else if (sqlite3_column_int(st, 4) < 0) {
            snprintf(text, sizeof text, _("%s %s: de school is dan dicht."), db_col_text(st, 6), w);
        } else {
            hours_format(sqlite3_column_int(st, 4), a);
            hours_format(sqlite3_column_int(st, 5), b);
            snprintf(text, sizeof text, _("%s %s valt buiten de schooltijden (%s–%s)."), db_col_text(st, 6), w, a, b);
        }
        rc = push(db, out, kind, st, false, text);
    }
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

enum km_rc conflicts_find(struct km_db *db, int64_t template_id, bool scoped, struct conflict_list *out)
{
    if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS conflict_scope (id INTEGER PRIMARY KEY)", NULL) != KM_OK)
        return db_last_rc(db);
    enum km_rc rc =
        run_pairs(db, scoped ? teacher_scoped_sql : teacher_sql, CONFLICT_TEACHER, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_pairs(db, scoped ? room_scoped_sql : room_sql, CONFLICT_ROOM, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_pairs(db, scoped ? student_scoped_sql : student_sql, CONFLICT_STUDENT, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_singles(db, CONFLICT_CAPACITY, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_singles(db, CONFLICT_HOURS, template_id, scoped, out);
    return rc;
}

struct check_ctx {
    int64_t template_id;
    struct conflict_list *out;
};

static enum km_rc check_read(struct km_db *db, void *arg)
{
    struct check_ctx *c = arg;
    return conflicts_find(db, c->template_id, false, c->out);
}

enum km_rc conflicts_check(const struct km_session *s, int64_t template_id, struct conflict_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct check_ctx c = {template_id, out};
    if (rc == KM_OK)
        rc = db_read(s->db, check_read, &c);
    if (rc != KM_OK)
        conflicts_free(out);
    return rc;
}

void conflicts_free(struct conflict_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].text);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
