#include "core/planning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/drafts.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

/* ---- who may see a lesson ---- */

/* The teachers (and beheerder) who may plan; students of its groups and their parents may look. */
static enum km_rc may_view(const struct km_session *s, int64_t instance_id, bool *may_edit)
{
    *may_edit = access_check(s, ACT_PLAN_GOALS, instance_id) == KM_OK;
    if (*may_edit)
        return KM_OK;
    int64_t one = 0;
    if (db_int(s->db, &one,
               "SELECT 1 FROM lesson_instances i JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id"
               " JOIN memberships m ON m.group_id = lg.group_id AND m.kind = 'leerling'"
               " WHERE i.id = ?1 AND (m.user_id = ?2 OR m.user_id IN (SELECT child_id FROM parent_child WHERE "
               "parent_id = ?2))"
               " LIMIT 1",
               "ii", instance_id, s->user_id) == KM_OK)
        return KM_OK;
    return db_fail(s->db, KM_DENIED, _("Geen toegang tot deze les."));
}

/* ---- reading a lesson ---- */

/* The note is read only for those who may (ACT_READ_NOTE): for anyone else it is "", so no screen, export or
 * command can show it by mistake. */
static enum km_rc read_header(struct km_db *db, int64_t id, struct lesson_detail *d)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT i.date, i.start_min, i.end_min,"
                 " COALESCE(h.name, '') || COALESCE(' / ' || dg.name, ''), COALESCE(r.name, ''),"
                 " COALESCE(t.roepnaam || CASE WHEN t.voorvoegsel = '' THEN '' ELSE ' ' || t.voorvoegsel END"
                 "  || ' ' || t.achternaam, ''),"
                 " COALESCE((SELECT group_concat(g.name, ', ') FROM lesson_groups lg JOIN groups g"
                 "  ON g.id = lg.group_id WHERE lg.lesson_id = i.lesson_id), ''),"
                 " CASE WHEN ?2 THEN i.note ELSE '' END, i.pupil_note,"
                 " COALESCE(l.hoofdgebied_id, 0), COALESCE(l.deelgebied_id, 0), i.version"
                 " FROM lesson_instances i LEFT JOIN lessons l ON l.id = i.lesson_id"
                 " LEFT JOIN hoofdgebieden h ON h.id = l.hoofdgebied_id"
                 " LEFT JOIN deelgebieden dg ON dg.id = l.deelgebied_id LEFT JOIN rooms r ON r.id = i.room_id"
                 " LEFT JOIN users t ON t.id = i.teacher_id WHERE i.id = ?1",
                 "id", id, d->may_read_note ? 1 : 0);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) != 1)
        return db_fail(db, KM_NOTFOUND, _("Deze les bestaat niet (meer); misschien is het rooster opnieuw gemaakt."));
    snprintf(d->date, sizeof d->date, "%s", db_col_text(st, 0));
    d->start_min = sqlite3_column_int(st, 1);
    d->end_min = sqlite3_column_int(st, 2);
    d->subject = db_col_dup(st, 3);
    d->room = db_col_dup(st, 4);
    d->teacher = db_col_dup(st, 5);
    d->groups = db_col_dup(st, 6);
    d->note = db_col_dup(st, 7);
    d->pupil_note = db_col_dup(st, 8);
    d->hoofdgebied_id = sqlite3_column_int64(st, 9);
    d->deelgebied_id = sqlite3_column_int64(st, 10);
    d->version = sqlite3_column_int64(st, 11);
    db_done(st);
    return d->subject && d->room && d->teacher && d->groups && d->note && d->pupil_note ? KM_OK : vec_no_memory(db);
}

static enum km_rc read_niveaus(struct km_db *db, int64_t id, struct lesson_detail *d)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT ln.niveau_id FROM lesson_instances i JOIN lesson_niveaus ln ON ln.lesson_id = i.lesson_id"
                 " WHERE i.id = ? ORDER BY ln.niveau_id",
                 "i", id);
    while (rc == KM_OK && d->nniveaus < 8 && db_step(db, st) == 1)
        d->niveau_ids[d->nniveaus++] = sqlite3_column_int64(st, 0);
    db_done(st);
    return rc;
}

#define GOAL_COLUMNS "g.id, g.code, g.title, h.name || ' / ' || d.name, COALESCE(n.name, '')"
#define GOAL_JOINS                                                                                                     \
    " JOIN deelgebieden d ON d.id = g.deelgebied_id JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id"                   \
    " LEFT JOIN niveaus n ON n.id = g.niveau_id"

static enum km_rc push_goal(struct km_db *db, struct planning_goal **goals, int *n, sqlite3_stmt *st)
{
    struct planning_goal *grown = vec_grow(*goals, *n, sizeof **goals);
    if (!grown)
        return vec_no_memory(db);
    *goals = grown;
    struct planning_goal *g = &grown[(*n)++];
    memset(g, 0, sizeof *g);
    g->goal_id = sqlite3_column_int64(st, 0);
    g->code = db_col_dup(st, 1);
    g->title = db_col_dup(st, 2);
    g->area = db_col_dup(st, 3);
    snprintf(g->niveau, sizeof g->niveau, "%s", db_col_text(st, 4));
    return g->code && g->title && g->area ? KM_OK : vec_no_memory(db);
}

static enum km_rc read_goals(struct km_db *db, int64_t id, struct lesson_detail *d)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT " GOAL_COLUMNS " FROM planned_goals p JOIN leerdoelen g ON g.id = p.goal_id" GOAL_JOINS
                 " WHERE p.instance_id = ? ORDER BY g.sort_order, g.code",
                 "i", id);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push_goal(db, &d->goals, &d->ngoals, st);
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

/* Per goal: how many students of the lesson's groups have each status; no row counts as status 0. */
static enum km_rc read_counts(struct km_db *db, int64_t id, struct lesson_detail *d)
{
    for (int i = 0; i < d->ngoals; i++) {
        sqlite3_stmt *st;
        enum km_rc rc = db_query(
            db, &st,
            "SELECT COALESCE(gs.status_id, 0), count(*) FROM (SELECT DISTINCT m.user_id FROM lesson_instances i"
            " JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id JOIN memberships m ON m.group_id = lg.group_id"
            " AND m.kind = 'leerling' JOIN users u ON u.id = m.user_id AND u.active = 1 WHERE i.id = ?1) k"
            " LEFT JOIN goal_status gs ON gs.student_id = k.user_id AND gs.goal_id = ?2 GROUP BY 1",
            "ii", id, d->goals[i].goal_id);
        while (rc == KM_OK && db_step(db, st) == 1) {
            int status = sqlite3_column_int(st, 0), n = sqlite3_column_int(st, 1);
            if (status >= 0 && status < PLANNING_STATUSES)
                d->goals[i].counts[status] += n;
            d->goals[i].students += n;
        }
        db_done(st);
        if (rc != KM_OK)
            return rc;
    }
    return KM_OK;
}

static enum km_rc read_own(struct km_db *db, int64_t student, struct lesson_detail *d)
{
    for (int i = 0; i < d->ngoals; i++) {
        int64_t status = 0;
        enum km_rc rc = db_int(db, &status, "SELECT status_id FROM goal_status WHERE student_id = ? AND goal_id = ?",
                               "ii", student, d->goals[i].goal_id);
        if (rc != KM_OK && rc != KM_NOTFOUND)
            return rc;
        d->goals[i].own_status = status;
    }
    return KM_OK;
}

struct lesson_ctx {
    int64_t id, student;
    struct lesson_detail *d;
};

static enum km_rc lesson_read(struct km_db *db, void *arg)
{
    struct lesson_ctx *c = arg;
    enum km_rc rc = read_header(db, c->id, c->d);
    if (rc == KM_OK)
        rc = read_niveaus(db, c->id, c->d);
    if (rc == KM_OK)
        rc = read_goals(db, c->id, c->d);
    if (rc == KM_OK && c->d->may_edit)
        rc = read_counts(db, c->id, c->d);
    if (rc == KM_OK && c->student)
        rc = read_own(db, c->student, c->d);
    return rc;
}

enum km_rc planning_lesson(const struct km_session *s, int64_t instance_id, int64_t for_student,
                           struct lesson_detail *out)
{
    memset(out, 0, sizeof *out);
    out->instance_id = instance_id;
    enum km_rc rc = may_view(s, instance_id, &out->may_edit);
    /* a student or parent is refused by the table itself, without a query */
    out->may_read_note = rc == KM_OK && (out->may_edit || (access_role_may(s->role, ACT_READ_NOTE) &&
                                                           access_check(s, ACT_READ_NOTE, instance_id) == KM_OK));
    if (rc == KM_OK && for_student && (rc = access_check(s, ACT_VIEW_STATUS, for_student)) != KM_OK)
        return rc;
    struct lesson_ctx c = {instance_id, for_student, out};
    if (rc == KM_OK)
        rc = db_read(s->db, lesson_read, &c);
    if (rc != KM_OK)
        planning_lesson_free(out);
    return rc;
}

/* ---- changing a lesson ---- */

struct change_ctx {
    const struct km_session *s;
    int64_t instance, goal, expected;
    const char *note;
    bool pupil; /* the line for students and parents, not the staff note */
};

static enum km_rc add_goal_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    char now[20];
    db_now(now);
    int64_t ok = 0;
    if (db_int(db, &ok, "SELECT 1 FROM leerdoelen WHERE id = ? AND retired = 0", "i", c->goal) != KM_OK)
        return db_fail(db, KM_INVALID, _("Dit leerdoel bestaat niet (meer) of is niet meer in gebruik."));
    enum km_rc rc = db_exec(db,
                            "INSERT OR IGNORE INTO planned_goals (instance_id, goal_id, added_by, added_at)"
                            " VALUES (?, ?, NULLIF(?, 0), ?)",
                            "iiit", c->instance, c->goal, c->s->user_id, now);
    if (rc == KM_OK && db_changes(db))
        rc = db_exec(db, "UPDATE lesson_instances SET version = version + 1 WHERE id = ?", "i", c->instance);
    return rc;
}

static enum km_rc remove_goal_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    enum km_rc rc =
        db_exec(db, "DELETE FROM planned_goals WHERE instance_id = ? AND goal_id = ?", "ii", c->instance, c->goal);
    if (rc == KM_OK && db_changes(db))
        rc = db_exec(db, "UPDATE lesson_instances SET version = version + 1 WHERE id = ?", "i", c->instance);
    return rc;
}

static enum km_rc text_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    char now[20];
    db_now(now);
    int64_t version = -1;
    db_int(db, &version, "SELECT version FROM lesson_instances WHERE id = ?", "i", c->instance);
    if (version < 0)
        return db_fail(db, KM_NOTFOUND, _("Deze les bestaat niet (meer)."));
    if (version != c->expected)
        return db_fail(db, KM_CONFLICT,
                       "Iemand anders (een duo-collega?) heeft deze les intussen gewijzigd; "
                       "de nieuwe tekst en leerdoelen staan nu op het scherm.");
    enum km_rc rc = c->pupil ? db_exec(db,
                                       "UPDATE lesson_instances SET pupil_note = ?, pupil_note_by = NULLIF(?, 0),"
                                       " pupil_note_at = ?, version = version + 1 WHERE id = ?",
                                       "titi", c->note, c->s->user_id, now, c->instance)
                             : db_exec(db,
                                       "UPDATE lesson_instances SET note = ?, note_by = NULLIF(?, 0), note_at = ?,"
                                       " version = version + 1 WHERE id = ?",
                                       "titi", c->note, c->s->user_id, now, c->instance);
    /* saved: the writer's draft of this text has done its work */
    return rc == KM_OK ? drafts_drop_tx(db, c->s->user_id, c->instance, c->pupil ? DRAFT_PUPIL : DRAFT_NOTE) : rc;
}

static enum km_rc change(const struct km_session *s, struct change_ctx *c, db_tx_fn fn)
{
    enum km_rc rc = access_check(s, ACT_PLAN_GOALS, c->instance);
    return rc == KM_OK ? db_tx(s->db, fn, c) : rc;
}

enum km_rc planning_add_goal(const struct km_session *s, int64_t instance_id, int64_t goal_id)
{
    struct change_ctx c = {s, instance_id, goal_id, 0, NULL, false};
    return change(s, &c, add_goal_tx);
}

enum km_rc planning_remove_goal(const struct km_session *s, int64_t instance_id, int64_t goal_id)
{
    struct change_ctx c = {s, instance_id, goal_id, 0, NULL, false};
    return change(s, &c, remove_goal_tx);
}

/* A text keeps its line breaks, so only other control characters are refused. */
static enum km_rc set_text(const struct km_session *s, int64_t instance_id, const char *text, int64_t expected_version,
                           bool pupil)
{
    size_t len = text ? strlen(text) : 0, max = pupil ? PLANNING_PUPIL_NOTE_MAX : PLANNING_NOTE_MAX;
    const char *what = pupil ? _("De tekst voor leerlingen en ouders") : _("Een notitie");
    if (len > max)
        return db_fail(s->db, KM_INVALID, _("%s heeft hoogstens %zu tekens."), what, max);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] < 0x20 && text[i] != '\n')
            return db_fail(s->db, KM_INVALID, _("%s bevat een stuurteken."), what);
    struct change_ctx c = {s, instance_id, 0, expected_version, text ? text : "", pupil};
    return change(s, &c, text_tx);
}

enum km_rc planning_set_note(const struct km_session *s, int64_t instance_id, const char *note,
                             int64_t expected_version)
{
    return set_text(s, instance_id, note, expected_version, false);
}

enum km_rc planning_set_pupil_note(const struct km_session *s, int64_t instance_id, const char *text,
                                   int64_t expected_version)
{
    return set_text(s, instance_id, text, expected_version, true);
}

/* ---- goals to choose from ---- */

enum km_rc planning_candidates(const struct km_session *s, const struct goal_filter *f, int limit,
                               struct planning_goal **out, int *n)
{
    *out = NULL;
    *n = 0;
    if (s->role != ROLE_LEERKRACHT && s->role != ROLE_BEHEERDER)
        return db_fail(s->db, KM_DENIED, _("Geen toegang: leerdoelen plannen doen leerkrachten."));
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(s->db, &st,
                 "SELECT " GOAL_COLUMNS " FROM leerdoelen g" GOAL_JOINS
                 " WHERE g.retired = 0 AND (?1 = 0 OR d.hoofdgebied_id = ?1) AND (?2 = 0 OR g.deelgebied_id = ?2)"
                 " AND (?3 = 0 OR g.niveau_id = ?3) ORDER BY h.sort_order, d.sort_order, g.sort_order, g.code",
                 "iii", f->hoofdgebied_id, f->deelgebied_id, f->niveau_id);
    int r;
    while (rc == KM_OK && *n < limit && (r = db_step(s->db, st)) != 0) {
        if (r < 0) {
            rc = db_last_rc(s->db);
            break;
        }
        char hay[1024];
        snprintf(hay, sizeof hay, "%s %s", db_col_text(st, 1), db_col_text(st, 2));
        if (f->text && *f->text && !text_matches(hay, f->text))
            continue;
        rc = push_goal(s->db, out, n, st);
    }
    db_done(st);
    if (rc != KM_OK) {
        planning_goals_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

enum km_rc planning_own_goals(const struct km_session *s, int64_t student_id, const char *from, const char *to,
                              struct planning_goal **out, int *n)
{
    *out = NULL;
    *n = 0;
    enum km_rc rc = access_check(s, ACT_VIEW_STATUS, student_id);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(
        s->db, &st,
        "SELECT DISTINCT " GOAL_COLUMNS ", COALESCE(gs.status_id, 0) FROM lesson_instances i"
        " JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id"
        " JOIN memberships m ON m.group_id = lg.group_id AND m.user_id = ?1 AND m.kind = 'leerling'"
        " JOIN planned_goals p ON p.instance_id = i.id JOIN leerdoelen g ON g.id = p.goal_id" GOAL_JOINS
        " LEFT JOIN goal_status gs ON gs.student_id = ?1 AND gs.goal_id = g.id"
        " LEFT JOIN status_values sv ON sv.id = gs.status_id"
        " WHERE i.date BETWEEN ?2 AND ?3 AND COALESCE(sv.mastered, 0) = 0 ORDER BY h.sort_order, g.sort_order, g.code",
        "itt", student_id, from, to);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        rc = r < 0 ? db_last_rc(s->db) : push_goal(s->db, out, n, st);
        if (rc == KM_OK)
            (*out)[*n - 1].own_status = sqlite3_column_int64(st, 5);
    }
    if (rc != KM_OK) {
        db_done(st);
        planning_goals_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void planning_goals_free(struct planning_goal *goals, int n)
{
    for (int i = 0; i < n; i++) {
        free(goals[i].code);
        free(goals[i].title);
        free(goals[i].area);
    }
    free(goals);
}

void planning_lesson_free(struct lesson_detail *d)
{
    free(d->subject);
    free(d->room);
    free(d->teacher);
    free(d->groups);
    free(d->note);
    free(d->pupil_note);
    planning_goals_free(d->goals, d->ngoals);
    memset(d, 0, sizeof *d);
}
