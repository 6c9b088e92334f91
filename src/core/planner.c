#include "core/planner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

/* What every week view shows of a lesson: when, what, where, who, which groups, how much is planned. */
#define WEEK_COLUMNS                                                                                                   \
    "SELECT i.id, i.date, i.start_min, i.end_min,"                                                                     \
    "  COALESCE(h.name, '') || CASE WHEN d.name IS NULL THEN '' ELSE ' / ' || d.name END,"                             \
    "  COALESCE(r.name, ''), COALESCE(t.roepnaam || CASE WHEN t.voorvoegsel = '' THEN '' ELSE ' ' ||"                  \
    "  t.voorvoegsel END || ' ' || t.achternaam, ''),"                                                                 \
    "  COALESCE((SELECT group_concat(g.name, ', ') FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id"          \
    "            WHERE lg.lesson_id = i.lesson_id), ''),"                                                              \
    "  (SELECT count(*) FROM planned_goals p WHERE p.instance_id = i.id), i.note <> '', i.pupil_note,"                 \
    "  COALESCE(i.teacher_id, 0)"                                                                                      \
    " FROM lesson_instances i LEFT JOIN lessons l ON l.id = i.lesson_id"                                               \
    " LEFT JOIN hoofdgebieden h ON h.id = l.hoofdgebied_id LEFT JOIN deelgebieden d ON d.id = l.deelgebied_id"         \
    " LEFT JOIN rooms r ON r.id = i.room_id LEFT JOIN users t ON t.id = i.teacher_id"

/* The instances of a person between two dates: taught by them (the index on lesson_instances(teacher_id,
 * date)), or given to a group they teach (duo-collega) or are a student of (memberships(user_id), then
 * lesson_groups(group_id) and lesson_instances(lesson_id, date)). Two indexed halves of a UNION, so the cost
 * follows the person's lessons, not the school's: `teacher_id = ? OR EXISTS (...)` would read every lesson of
 * the week. */
#define PERSON_INSTANCES(from, to)                                                                                     \
    "WITH mine(group_id) AS (SELECT group_id FROM memberships WHERE user_id = ?1),"                                    \
    " ids(id) AS (SELECT i.id FROM lesson_instances i WHERE i.teacher_id = ?1 AND i.date >= " from                     \
    "  AND i.date < " to " UNION SELECT i.id FROM mine JOIN lesson_groups lg ON lg.group_id = mine.group_id"           \
    "  JOIN lesson_instances i ON i.lesson_id = lg.lesson_id AND i.date >= " from " AND i.date < " to ")"

static const char *const week_sql = PERSON_INSTANCES("?2", "date(?2, '+7 days')") WEEK_COLUMNS
    " WHERE i.id IN (SELECT id FROM ids) ORDER BY i.date, i.start_min, i.id";

/* The same columns for a group's or a room's week. */
static const char *const subject_week_sql = WEEK_COLUMNS
    " WHERE i.date >= ?3 AND i.date < date(?3, '+7 days')"
    "   AND ((?1 = 0 AND EXISTS (SELECT 1 FROM lesson_groups lg WHERE lg.lesson_id = i.lesson_id AND lg.group_id = ?2))"
    "     OR (?1 = 1 AND i.room_id = ?2))"
    " ORDER BY i.date, i.start_min, i.id";

static enum km_rc push_lesson(struct planner_week *w, sqlite3_stmt *st)
{
    struct planned_lesson *n = vec_grow(w->lessons, w->n, sizeof *n);
    if (!n)
        return KM_ERR;
    w->lessons = n;
    struct planned_lesson *l = &n[w->n++];
    memset(l, 0, sizeof *l);
    l->instance_id = sqlite3_column_int64(st, 0);
    snprintf(l->date, sizeof l->date, "%s", db_col_text(st, 1));
    l->start_min = sqlite3_column_int(st, 2);
    l->end_min = sqlite3_column_int(st, 3);
    l->subject = db_col_dup(st, 4);
    l->room = db_col_dup(st, 5);
    l->teacher = db_col_dup(st, 6);
    l->groups = db_col_dup(st, 7);
    l->goals = sqlite3_column_int(st, 8);
    l->has_note = sqlite3_column_int(st, 9) != 0;
    l->pupil_note = db_col_dup(st, 10);
    l->teacher_id = sqlite3_column_int64(st, 11);
    return l->subject && l->room && l->teacher && l->groups && l->pupil_note ? KM_OK : KM_ERR;
}

/* Reads the rows of a prepared week query into out. */
static enum km_rc collect(const struct km_session *s, enum km_rc rc, sqlite3_stmt *st, struct planner_week *out)
{
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_lesson(out, st);
    if (rc != KM_OK) {
        db_done(st);
        planner_week_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

/* Whether a note exists is staff data too: it is shown only in the week of a teacher or beheerder (whose lessons
 * are their own or their groups', so they may read those notes), seen by that person or the beheerder. A
 * student's or parent's week, also when the server exports it, never says that a lesson has a note. */
static bool notes_visible(const struct km_session *s, int64_t person_id)
{
    char role[16] = "";
    if (db_text(s->db, role, sizeof role, "SELECT role FROM users WHERE id = ?", "i", person_id) != KM_OK)
        return false;
    bool staff = strcmp(role, "leerkracht") == 0 || strcmp(role, "beheerder") == 0;
    return staff && (s->role == ROLE_BEHEERDER || s->user_id == person_id);
}

static void hide_notes(struct planner_week *w)
{
    for (int i = 0; i < w->n; i++)
        w->lessons[i].has_note = false;
}

enum km_rc planner_week(const struct km_session *s, int64_t person_id, const char *monday, struct planner_week *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->monday, sizeof out->monday, "%s", monday);
    enum km_rc rc = access_check(s, ACT_VIEW_PLANNING, person_id);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st, week_sql, "it", person_id, monday);
    rc = collect(s, rc, st, out);
    if (rc == KM_OK && !notes_visible(s, person_id))
        hide_notes(out);
    return rc;
}

enum km_rc planner_week_of(const struct km_session *s, enum planner_subject kind, int64_t id, const char *monday,
                           struct planner_week *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->monday, sizeof out->monday, "%s", monday);
    if (s->role != ROLE_BEHEERDER)
        return db_fail(s->db, KM_DENIED, _("Geen toegang: de week van een groep of lokaal is voor de beheerder."));
    sqlite3_stmt *st;
    enum km_rc rc = db_query(s->db, &st, subject_week_sql, "dit", kind == PLANNER_ROOM ? 1 : 0, id, monday);
    return collect(s, rc, st, out);
}

/* The lessons of a teacher (own, or of a group they teach) and of a student (of their groups). */
static const char *const next_sql = PERSON_INSTANCES(
    "?2", "date(?2, '+60 days')") " SELECT i.id FROM lesson_instances i"
                                  " WHERE i.id IN (SELECT id FROM ids) AND (i.date > ?2 OR i.end_min > ?3)"
                                  " ORDER BY i.date, i.start_min, i.id LIMIT 1";

enum km_rc planner_current_lesson(const struct km_session *s, int64_t person_id, const char *date, int minute,
                                  int64_t *instance_id)
{
    *instance_id = 0;
    enum km_rc rc = access_check(s, ACT_VIEW_PLANNING, person_id);
    if (rc != KM_OK)
        return rc;
    rc = db_int(s->db, instance_id, next_sql, "itd", person_id, date, minute);
    if (rc == KM_NOTFOUND)
        return db_fail(s->db, KM_NOTFOUND, _("Er is nu geen les en er komt er de komende weken ook geen."));
    return rc;
}

void planner_week_free(struct planner_week *w)
{
    for (int i = 0; i < w->n; i++) {
        free(w->lessons[i].subject);
        free(w->lessons[i].room);
        free(w->lessons[i].teacher);
        free(w->lessons[i].groups);
        free(w->lessons[i].pupil_note);
    }
    free(w->lessons);
    w->lessons = NULL;
    w->n = 0;
}
