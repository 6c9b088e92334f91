/* Clashes in a week template: a teacher or a room in two lessons at once (refused), a child in two lessons
 * at once through group membership, more children than the room holds, a lesson outside school hours
 * (warnings). Each check is one query over the template; `scoped` limits it to the lessons in the temp
 * table conflict_scope (the ones being added or changed). */
#include "core/conflicts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/hours.h"
#include "core/i18n.h"

#define NAMES_SHOWN 4

bool conflict_refused(enum conflict_kind kind) { return kind == CONFLICT_TEACHER || kind == CONFLICT_ROOM; }

/* The lessons of the template with their day and times; a and b overlap on the same day. */
#define OVERLAPPING_PAIRS                                                                                      \
    "WITH ls AS (SELECT l.id, l.teacher_id, l.room_id, x.weekday, x.start_min, x.end_min FROM lessons l"      \
    "  JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id = ?1),"                                       \
    " pairs AS (SELECT a.id AS la, b.id AS lb, a.weekday AS wd, max(a.start_min, b.start_min) AS s,"           \
    "  min(a.end_min, b.end_min) AS e, a.teacher_id AS ta, b.teacher_id AS tb, a.room_id AS ra, b.room_id AS rb" \
    "  FROM ls a JOIN ls b ON a.weekday = b.weekday AND a.id < b.id AND a.start_min < b.end_min"              \
    "  AND b.start_min < a.end_min"                                                                            \
    "  WHERE ?2 = 0 OR a.id IN (SELECT id FROM conflict_scope) OR b.id IN (SELECT id FROM conflict_scope))"

/* "rekenen (groep 5a)": how a lesson is named in a message. */
#define LESSON_LABEL(alias)                                                                                    \
    "(SELECT COALESCE(NULLIF(COALESCE(h.name, '') || COALESCE(' / ' || d.name, ''), ''), 'les') || ' ('"       \
    "  || COALESCE((SELECT group_concat(g.name, ', ') FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id" \
    "  WHERE lg.lesson_id = " alias "), 'geen groep') || ')' FROM lessons l2 LEFT JOIN hoofdgebieden h"         \
    "  ON h.id = l2.hoofdgebied_id LEFT JOIN deelgebieden d ON d.id = l2.deelgebied_id WHERE l2.id = " alias ")"

static const char *const teacher_sql =
    OVERLAPPING_PAIRS
    " SELECT la, lb, wd, s, e, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"
    " || ' ' || u.achternaam, " LESSON_LABEL("la") ", " LESSON_LABEL("lb")
    " FROM pairs JOIN users u ON u.id = ta WHERE ta = tb ORDER BY wd, s";

static const char *const room_sql =
    OVERLAPPING_PAIRS
    " SELECT la, lb, wd, s, e, r.name, " LESSON_LABEL("la") ", " LESSON_LABEL("lb")
    " FROM pairs JOIN rooms r ON r.id = ra WHERE ra = rb ORDER BY wd, s";

/* Children in two overlapping lessons of one day, through the groups of each lesson (stamgroep, eigen
 * groep, …). Joined per child and day, so the work grows with a child's lessons, not with all pairs. */
static const char *const student_sql =
    "WITH ls AS (SELECT l.id, x.weekday, x.start_min, x.end_min FROM lessons l"
    "  JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id = ?1),"
    " kids AS MATERIALIZED (SELECT DISTINCT ls.id AS lid, m.user_id AS uid, ls.weekday AS wd, ls.start_min AS s,"
    "  ls.end_min AS e FROM ls JOIN lesson_groups lg ON lg.lesson_id = ls.id"
    "  JOIN memberships m ON m.group_id = lg.group_id AND m.kind = 'leerling'"
    "  JOIN users u ON u.id = m.user_id AND u.active = 1),"
    " clash AS (SELECT a.lid AS la, b.lid AS lb, a.wd AS wd, max(a.s, b.s) AS s, min(a.e, b.e) AS e, a.uid AS uid"
    "  FROM kids a JOIN kids b ON b.uid = a.uid AND b.wd = a.wd AND a.lid < b.lid AND a.s < b.e AND b.s < a.e"
    "  WHERE ?2 = 0 OR a.lid IN (SELECT id FROM conflict_scope) OR b.lid IN (SELECT id FROM conflict_scope))"
    " SELECT la, lb, wd, s, e, count(*), group_concat(name, ', '), " LESSON_LABEL("la") ", " LESSON_LABEL("lb")
    " FROM (SELECT c.*, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"
    "  || ' ' || u.achternaam AS name FROM clash c JOIN users u ON u.id = c.uid ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id)"
    " GROUP BY la, lb ORDER BY wd, s";

static const char *const capacity_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, r.name, r.capacity,"
    " (SELECT count(DISTINCT m.user_id) FROM lesson_groups lg JOIN memberships m ON m.group_id = lg.group_id"
    "  AND m.kind = 'leerling' JOIN users u ON u.id = m.user_id AND u.active = 1 WHERE lg.lesson_id = l.id) AS n, "
    LESSON_LABEL("l.id")
    " FROM lessons l JOIN time_slots x ON x.id = l.slot_id JOIN rooms r ON r.id = l.room_id"
    " WHERE x.template_id = ?1 AND r.capacity > 0 AND (?2 = 0 OR l.id IN (SELECT id FROM conflict_scope))"
    " AND n > r.capacity ORDER BY x.weekday, x.start_min";

static const char *const hours_sql =
    "SELECT l.id, x.weekday, x.start_min, x.end_min, COALESCE(h.start_min, -1), COALESCE(h.end_min, -1), "
    LESSON_LABEL("l.id")
    " FROM lessons l JOIN time_slots x ON x.id = l.slot_id LEFT JOIN school_hours h ON h.weekday = x.weekday"
    " WHERE x.template_id = ?1 AND (?2 = 0 OR l.id IN (SELECT id FROM conflict_scope))"
    " AND (h.weekday IS NULL OR x.start_min < h.start_min OR x.end_min > h.end_min) ORDER BY x.weekday, x.start_min";

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown list is kept in out->items, the text in its new item */
static enum km_rc push(struct km_db *db, struct conflict_list *out, enum conflict_kind kind, sqlite3_stmt *st,
                       bool pair, const char *text)
{
    struct conflict *n = realloc(out->items, (out->n + 1) * sizeof *n);
    char *copy = strdup(text);
    if (!n || !copy) {
        free(copy);
        if (n)
            out->items = n;
        return db_fail(db, KM_ERR, _("Onvoldoende geheugen."));
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
    snprintf(out, len, _("%s%s zit%s %s in twee lessen tegelijk: %s en %s."), names, more, i18n_plural(n, "", "ten", " is", " are"), w,
             db_col_text(st, 7), db_col_text(st, 8));
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
    enum km_rc rc = db_query(db, &st, kind == CONFLICT_CAPACITY ? capacity_sql : hours_sql, "id", template_id,
                             scoped ? 1 : 0);
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
    enum km_rc rc = run_pairs(db, teacher_sql, CONFLICT_TEACHER, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_pairs(db, room_sql, CONFLICT_ROOM, template_id, scoped, out);
    if (rc == KM_OK)
        rc = run_pairs(db, student_sql, CONFLICT_STUDENT, template_id, scoped, out);
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
