#include "core/vec.h"
#include "core/db_sql.h"
#include "core/weekplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/dates.h"
#include "core/school.h"
#include "core/i18n.h"

/* Makes room for one more item of size bytes in *items (n used, *cap allocated): doubling, so a long week
 * costs few reallocs. */
static bool room_for(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t grown = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, grown * size);
    if (!p)
        return false;
    *items = p;
    *cap = grown;
    return true;
}

/* Adds a copy of column col to the string list. */
KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown lists are kept in the weekplan and freed by weekplan_free */
    static enum km_rc
    push_text(struct km_db *db, char ***list, int *n, size_t *cap, sqlite3_stmt *st, int col)
{
    if (!room_for((void **)list, cap, (size_t)*n, sizeof **list))
        return vec_no_memory(db);
    char *t = db_col_dup(st, col);
    if (!t)
        return vec_no_memory(db);
    (*list)[(*n)++] = t;
    return KM_OK;
}
KM_GCC_ANALYZER_END

/* The texts of one owner (a lesson's goals, a student's own goals). */
struct texts_ref {
    char ***list;
    int *n;
};
typedef int64_t (*owner_fn)(struct weekplan *w, int k, struct texts_ref *t); /* returns the owner's id */

static int64_t lesson_owner(struct weekplan *w, int k, struct texts_ref *t)
{
    t->list = &w->lessons[k].goals;
    t->n = &w->lessons[k].ngoals;
    return w->lessons[k].instance_id;
}

static int64_t student_owner(struct weekplan *w, int k, struct texts_ref *t)
{
    t->list = &w->students[k].own;
    t->n = &w->students[k].nown;
    return w->students[k].id;
}

/* Rows (owner id, text) come in the owners' own order, so one forward walk attaches them. */
static enum km_rc attach_texts(struct km_db *db, sqlite3_stmt *st, struct weekplan *w, int owners, size_t *caps,
                               owner_fn owner)
{
    struct texts_ref t;
    int k = 0, r;
    enum km_rc rc = KM_OK;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        while (k < owners && owner(w, k, &t) != sqlite3_column_int64(st, 0))
            k++;
        if (k < owners)
            rc = push_text(db, t.list, t.n, &caps[k], st, 1);
    }
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

struct build {
    int64_t group;
    char from[11], to[11]; /* Monday and Sunday */
    struct weekplan *w;
    size_t cap_lessons, cap_students, *cap_goals, *cap_own;
};

/* The group's lessons of the week (?1 group, ?2 Monday, ?3 Sunday), by date and time. */
#define WEEK_LESSONS                                                                                                   \
    " FROM lesson_instances i JOIN lessons l ON l.id = i.lesson_id"                                                    \
    " WHERE i.date BETWEEN ?2 AND ?3"                                                                                  \
    "   AND EXISTS (SELECT 1 FROM lesson_groups lg WHERE lg.lesson_id = i.lesson_id AND lg.group_id = ?1)"
#define LESSON_ORDER " i.date, i.start_min, i.id"
#define GOAL_JOINS                                                                                                     \
    " JOIN leerdoelen g ON g.id = p.goal_id JOIN deelgebieden d ON d.id = g.deelgebied_id"                             \
    " JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id"
#define GOAL_ORDER " h.sort_order, h.name, d.sort_order, d.name, g.sort_order, g.code"

/* When, what and where; never the note. */
KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown lists are kept in the weekplan and freed by weekplan_free */
    static enum km_rc
    read_lessons(struct km_db *db, struct build *b)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT i.id, i.date, i.start_min, i.end_min,"
                 " COALESCE((SELECT name FROM hoofdgebieden WHERE id = l.hoofdgebied_id), '')"
                 "  || COALESCE(' / ' || (SELECT name FROM deelgebieden WHERE id = l.deelgebied_id), ''),"
                 " COALESCE((SELECT name FROM rooms WHERE id = i.room_id), '')" WEEK_LESSONS " ORDER BY" LESSON_ORDER,
                 "itt", b->group, b->from, b->to);
    struct weekplan *w = b->w;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0 || !room_for((void **)&w->lessons, &b->cap_lessons, (size_t)w->nlessons, sizeof *w->lessons)) {
            rc = r < 0 ? db_last_rc(db) : vec_no_memory(db);
            break;
        }
        struct weekplan_lesson *l = &w->lessons[w->nlessons++];
        memset(l, 0, sizeof *l);
        l->instance_id = sqlite3_column_int64(st, 0);
        snprintf(l->date, sizeof l->date, "%s", db_col_text(st, 1));
        int64_t day = 0;
        l->weekday = dates_parse(l->date, &day) ? dates_weekday(day) : 1;
        l->start_min = sqlite3_column_int(st, 2);
        l->end_min = sqlite3_column_int(st, 3);
        l->subject = db_col_dup(st, 4);
        l->room = db_col_dup(st, 5);
        if (!l->subject || !l->room)
            rc = vec_no_memory(db);
        w->open[l->weekday] = true;
    }
    if (rc != KM_OK)
        db_done(st);
    return rc;
}
KM_GCC_ANALYZER_END

/* The goals of each lesson, in the lessons' own order, so one forward walk attaches them. */
static enum km_rc read_goals(struct km_db *db, struct build *b)
{
    struct weekplan *w = b->w;
    if (w->nlessons && !(b->cap_goals = calloc((size_t)w->nlessons, sizeof *b->cap_goals)))
        return vec_no_memory(db);
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT i.id, g.title FROM (SELECT i.id, i.date, i.start_min" WEEK_LESSONS ") i"
                 " JOIN planned_goals p ON p.instance_id = i.id" GOAL_JOINS " ORDER BY" LESSON_ORDER "," GOAL_ORDER,
                 "itt", b->group, b->from, b->to);
    return rc == KM_OK ? attach_texts(db, st, w, w->nlessons, b->cap_goals, lesson_owner) : rc;
}

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown lists are kept in the weekplan and freed by weekplan_free */
    static enum km_rc
    read_students(struct km_db *db, struct build *b)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT u.id, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"
                 " || ' ' || u.achternaam FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1"
                 " WHERE m.group_id = ? AND m.kind = 'leerling'"
                 " ORDER BY u.achternaam COLLATE NOCASE, u.roepnaam COLLATE NOCASE, u.id",
                 "i", b->group);
    struct weekplan *w = b->w;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0 || !room_for((void **)&w->students, &b->cap_students, (size_t)w->nstudents, sizeof *w->students)) {
            rc = r < 0 ? db_last_rc(db) : vec_no_memory(db);
            break;
        }
        struct weekplan_student *s = &w->students[w->nstudents++];
        memset(s, 0, sizeof *s);
        s->id = sqlite3_column_int64(st, 0);
        if (!(s->name = db_col_dup(st, 1)))
            rc = vec_no_memory(db);
    }
    if (rc != KM_OK)
        db_done(st);
    return rc;
}
KM_GCC_ANALYZER_END

/* "Hier kan ik zelf aan werken": per student, the week's goals without a status that counts as mastered;
 * students in the same order as read_students, so one forward walk attaches them. */
static enum km_rc read_own(struct km_db *db, struct build *b)
{
    struct weekplan *w = b->w;
    if (w->nstudents && !(b->cap_own = calloc((size_t)w->nstudents, sizeof *b->cap_own)))
        return vec_no_memory(db);
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "WITH week(goal_id) AS (SELECT DISTINCT p.goal_id FROM planned_goals p WHERE p.instance_id IN (SELECT "
                 "i.id" WEEK_LESSONS "))"
                 " SELECT u.id, g.title FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1"
                 " JOIN week p JOIN leerdoelen g ON g.id = p.goal_id JOIN deelgebieden d ON d.id = g.deelgebied_id"
                 " JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id"
                 " LEFT JOIN goal_status gs ON gs.student_id = u.id AND gs.goal_id = g.id"
                 " LEFT JOIN status_values sv ON sv.id = gs.status_id"
                 " WHERE m.group_id = ?1 AND m.kind = 'leerling' AND COALESCE(sv.mastered, 0) = 0"
                 " ORDER BY u.achternaam COLLATE NOCASE, u.roepnaam COLLATE NOCASE, u.id," GOAL_ORDER,
                 "itt", b->group, b->from, b->to);
    return rc == KM_OK ? attach_texts(db, st, w, w->nstudents, b->cap_own, student_owner) : rc;
}

static enum km_rc read_header(struct km_db *db, struct build *b)
{
    struct weekplan *w = b->w;
    struct school_info school;
    enum km_rc rc = school_get(db, &school);
    if (rc == KM_OK)
        snprintf(w->school, sizeof w->school, "%s", school.name);
    if (rc == KM_OK)
        rc = db_text(db, w->group, sizeof w->group, "SELECT name FROM groups WHERE id = ?", "i", b->group);
    if (rc == KM_NOTFOUND)
        return db_fail(db, KM_NOTFOUND, _("Deze groep bestaat niet (meer)."));
    sqlite3_stmt *st;
    if (rc == KM_OK)
        rc = db_query(db, &st, "SELECT weekday FROM school_hours", NULL);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        int d = sqlite3_column_int(st, 0);
        if (d >= 1 && d <= 7)
            w->open[d] = true;
    }
    return rc;
}

/* One moment of the database for the whole sheet. */
static enum km_rc build_read(struct km_db *db, void *arg)
{
    struct build *b = arg;
    enum km_rc rc = read_header(db, b);
    if (rc == KM_OK)
        rc = read_lessons(db, b);
    if (rc == KM_OK)
        rc = read_goals(db, b);
    if (rc == KM_OK)
        rc = read_students(db, b);
    if (rc == KM_OK)
        rc = read_own(db, b);
    return rc;
}

static enum km_rc may_print(const struct km_session *s, int64_t group_id)
{
    enum km_rc rc = access_session(s);
    if (rc != KM_OK || s->role == ROLE_BEHEERDER)
        return rc;
    if (s->role == ROLE_LEERKRACHT && access_teaches_group(s->db, s->user_id, group_id))
        return KM_OK;
    return db_fail(s->db, KM_DENIED,
                   _("Geen toegang: de weektaak van een groep is voor haar leerkrachten en de beheerder."));
}

enum km_rc weekplan_build(const struct km_session *s, int64_t group_id, const char *date, struct weekplan *out)
{
    memset(out, 0, sizeof *out);
    int64_t day = 0;
    if (!date || !dates_parse(date, &day))
        return db_fail(s->db, KM_INVALID, _("Ongeldige datum '%.20s' (zoals 2026-11-30)."), date ? date : "");
    enum km_rc rc = may_print(s, group_id);
    if (rc != KM_OK)
        return rc;
    struct build b = {.group = group_id, .w = out};
    int64_t monday = dates_monday(day);
    dates_format(monday, b.from);
    dates_format(monday + 6, b.to);
    snprintf(out->monday, sizeof out->monday, "%s", b.from);
    out->iso_week = dates_iso_week(monday, &out->iso_year);
    rc = db_read(s->db, build_read, &b);
    free(b.cap_goals);
    free(b.cap_own);
    if (rc != KM_OK)
        weekplan_free(out);
    return rc;
}

static void free_texts(char **list, int n)
{
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void weekplan_free(struct weekplan *w)
{
    for (int i = 0; i < w->nlessons; i++) {
        free(w->lessons[i].subject);
        free(w->lessons[i].room);
        free_texts(w->lessons[i].goals, w->lessons[i].ngoals);
    }
    for (int i = 0; i < w->nstudents; i++) {
        free(w->students[i].name);
        free_texts(w->students[i].own, w->students[i].nown);
    }
    free(w->lessons);
    free(w->students);
    memset(w, 0, sizeof *w);
}
