#include "core/roster.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/i18n.h"

static enum km_rc week_counts(struct km_db *db, const char *monday, int *lessons, int *goals, int *notes)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT count(*), COALESCE(sum((SELECT count(*) FROM planned_goals p WHERE p.instance_id = i.id)), 0),"
                 " COALESCE(sum((i.note <> '') + (i.pupil_note <> '')), 0) FROM lesson_instances i"
                 " WHERE i.week_start = ?",
                 "t", monday);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) != 1)
        return db_last_rc(db);
    *lessons = sqlite3_column_int(st, 0);
    *goals = sqlite3_column_int(st, 1);
    *notes = sqlite3_column_int(st, 2);
    db_done(st);
    return KM_OK;
}

static enum km_rc week_info(struct km_db *db, int64_t monday, struct roster_week_info *w)
{
    char day[11];
    dates_format(monday, day);
    memset(w, 0, sizeof *w);
    w->monday = monday;
    w->iso_week = dates_iso_week(monday, &w->iso_year);
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT COALESCE(w.template_id, 0), COALESCE(t.name, '') FROM roster_weeks w"
                             " LEFT JOIN week_templates t ON t.id = w.template_id WHERE w.week_start = ?",
                             "t", day);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) == 1) {
        w->exists = true;
        w->template_id = sqlite3_column_int64(st, 0);
        snprintf(w->template_name, sizeof w->template_name, "%s", db_col_text(st, 1));
        db_done(st);
    }
    return week_counts(db, day, &w->lessons, &w->goals, &w->notes);
}

static enum km_rc check_plan_shape(struct km_db *db, int64_t first_monday, int weeks)
{
    if (weeks < 1 || weeks > ROSTER_MAX_WEEKS)
        return db_fail(db, KM_INVALID, _("Een rooster gaat over 1 tot %d weken."), ROSTER_MAX_WEEKS);
    if (dates_weekday(first_monday) != 1)
        return db_fail(db, KM_INVALID, _("Het rooster begint op een maandag."));
    return KM_OK;
}

struct weeks_ctx {
    int64_t first;
    int weeks;
    struct roster_week_info *out;
};

static enum km_rc weeks_read(struct km_db *db, void *arg)
{
    struct weeks_ctx *c = arg;
    enum km_rc rc = KM_OK;
    for (int i = 0; rc == KM_OK && i < c->weeks; i++)
        rc = week_info(db, c->first + 7 * i, &c->out[i]);
    return rc;
}

enum km_rc roster_weeks(const struct km_session *s, int64_t first_monday, int weeks, struct roster_week_info *out)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc == KM_OK)
        rc = check_plan_shape(s->db, first_monday, weeks);
    struct weeks_ctx c = {first_monday, weeks, out};
    return rc == KM_OK ? db_read(s->db, weeks_read, &c) : rc;
}

enum km_rc roster_span(const struct km_session *s, int64_t *first_monday, int64_t *last_monday)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    char first[16] = "", last[16] = "";
    if (rc == KM_OK)
        rc = db_text(s->db, first, sizeof first, "SELECT min(week_start) FROM roster_weeks", NULL);
    if (rc == KM_OK)
        rc = db_text(s->db, last, sizeof last, "SELECT max(week_start) FROM roster_weeks", NULL);
    if (rc != KM_OK)
        return rc;
    if (!dates_parse(first, first_monday) || !dates_parse(last, last_monday))
        return db_fail(s->db, KM_NOTFOUND,
                       _("Er is nog geen schoolrooster; maak het met 'klassenmap roster generate'."));
    return KM_OK;
}

static enum km_rc compute_impact(struct km_db *db, const struct roster_plan *plan, struct roster_impact *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < plan->weeks; i++) {
        char day[11];
        dates_format(plan->first_monday + 7 * i, day);
        int lessons = 0, goals = 0, notes = 0, with_planning = 0;
        enum km_rc rc = week_counts(db, day, &lessons, &goals, &notes);
        if (rc == KM_OK && (goals || notes)) {
            int64_t n = 0;
            rc = db_int(
                db, &n,
                "SELECT count(*) FROM lesson_instances i WHERE i.week_start = ? AND (i.note <> '' OR i.pupil_note <> ''"
                " OR EXISTS (SELECT 1 FROM planned_goals p WHERE p.instance_id = i.id))",
                "t", day);
            with_planning = (int)n;
        }
        if (rc != KM_OK)
            return rc;
        if (goals || notes) {
            out->lessons += with_planning;
            out->goals += goals;
            out->notes += notes;
            out->mondays[out->nweeks++] = plan->first_monday + 7 * i;
        }
    }
    return KM_OK;
}

struct impact_ctx {
    const struct roster_plan *plan;
    struct roster_impact *out;
};

static enum km_rc impact_read(struct km_db *db, void *arg)
{
    struct impact_ctx *c = arg;
    return compute_impact(db, c->plan, c->out);
}

enum km_rc roster_impact(const struct km_session *s, const struct roster_plan *plan, struct roster_impact *out)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc == KM_OK)
        rc = check_plan_shape(s->db, plan->first_monday, plan->weeks);
    struct impact_ctx c = {plan, out};
    return rc == KM_OK ? db_read(s->db, impact_read, &c) : rc;
}

void roster_weeks_text(const struct roster_impact *impact, char *out, size_t len)
{
    char text[400] = "week";
    for (int i = 0; i < impact->nweeks; i++) {
        const char *sep = i == 0 ? " " : i == impact->nweeks - 1 ? " en " : ", ";
        char part[24];
        snprintf(part, sizeof part, "%s%d", sep, dates_iso_week(impact->mondays[i], NULL));
        size_t used = strlen(text), n = strlen(part);
        if (used + n + 1 > sizeof text)
            break;
        memcpy(text + used, part, n + 1);
    }
    snprintf(out, len, "%s", text);
}

struct generate_ctx {
    const struct km_session *s;
    const struct roster_plan *plan;
    bool confirmed;
    struct roster_impact impact;
    int made;
};

/* A week made again from a template keeps the rows of the lessons it gives again on the same day (made like new:
 * times, teacher and room from the template, notes, planned goals and drafts gone), and only writes those that
 * differ; the rest go and the missing ones are added. The same result as deleting the week and inserting it
 * again, without rewriting every index for the weeks that did not change. */
/* The date of a slot's weekday in the week: ?3 … ?9, formatted once rather than by date() for every row. */
#define DAY_OF_SLOT                                                                                                    \
    "CASE x.weekday WHEN 1 THEN ?3 WHEN 2 THEN ?4 WHEN 3 THEN ?5 WHEN 4 THEN ?6 WHEN 5 THEN ?7 WHEN 6 THEN ?8"         \
    " ELSE ?9 END"

static enum km_rc make_week(struct km_db *db, int64_t monday, int64_t template_id, int *made)
{
    char day[11], now[20], d[8][11];
    dates_format(monday, day);
    for (int k = 1; k <= 7; k++)
        dates_format(monday + k - 1, d[k]);
    db_now(now);
    enum km_rc rc =
        db_exec(db,
                "INSERT INTO roster_weeks (week_start, template_id, generated_at) VALUES (?1, NULLIF(?2, 0), ?3)"
                " ON CONFLICT (week_start) DO UPDATE SET template_id = NULLIF(?2, 0), generated_at = ?3,"
                " version = version + 1",
                "tit", day, template_id, now);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "DELETE FROM lesson_instances WHERE week_start = ?1 AND NOT EXISTS (SELECT 1 FROM lessons l"
                     " JOIN time_slots x ON x.id = l.slot_id WHERE l.id = lesson_instances.lesson_id"
                     " AND x.template_id = ?2 AND x.is_break = 0 AND lesson_instances.date = " DAY_OF_SLOT ")",
                     "tittttttt", day, template_id, d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
    if (rc != KM_OK || template_id == 0)
        return rc;
    rc = db_exec(
        db, "DELETE FROM planned_goals WHERE instance_id IN (SELECT id FROM lesson_instances WHERE week_start = ?)",
        "t", day);
    if (rc == KM_OK)
        rc = db_exec(db, /* drafts are few: from them to their lesson */
                     "DELETE FROM note_drafts WHERE EXISTS (SELECT 1 FROM lesson_instances i"
                     " WHERE i.id = note_drafts.instance_id AND i.week_start = ?)",
                     "t", day);
    if (rc == KM_OK)
        rc = db_exec(
            db,
            "INSERT INTO lesson_instances (lesson_id, week_start, date, start_min, end_min, teacher_id, room_id)"
            " SELECT l.id, ?1, " DAY_OF_SLOT ", x.start_min, x.end_min,"
            " l.teacher_id, l.room_id FROM lessons l JOIN time_slots x ON x.id = l.slot_id"
            " WHERE x.template_id = ?2 AND x.is_break = 0"
            " ON CONFLICT (lesson_id, date) DO UPDATE SET start_min = excluded.start_min,"
            " end_min = excluded.end_min, teacher_id = excluded.teacher_id, room_id = excluded.room_id,"
            " note = '', note_by = NULL, note_at = NULL, pupil_note = '', pupil_note_by = NULL,"
            " pupil_note_at = NULL, version = version + 1"
            " WHERE start_min IS NOT excluded.start_min OR end_min IS NOT excluded.end_min"
            " OR teacher_id IS NOT excluded.teacher_id OR room_id IS NOT excluded.room_id OR note <> ''"
            " OR note_by IS NOT NULL OR pupil_note <> '' OR pupil_note_by IS NOT NULL",
            "tittttttt", day, template_id, d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
    int64_t n = 0;
    if (rc == KM_OK)
        rc = db_int(db, &n, "SELECT count(*) FROM lesson_instances WHERE week_start = ?", "t", day);
    *made += (int)n;
    return rc;
}

static enum km_rc generate_tx(struct km_db *db, void *arg)
{
    struct generate_ctx *c = arg;
    c->made = 0;
    enum km_rc rc = compute_impact(db, c->plan, &c->impact);
    if (rc != KM_OK)
        return rc;
    if (c->impact.nweeks && !c->confirmed) {
        char weeks[300];
        roster_weeks_text(&c->impact, weeks, sizeof weeks);
        return db_fail(
            db, KM_CONFLICT,
            _("In %s staat planning: %d geplande leerdoelen en %d notities in %d lessen. Opnieuw maken wist die."),
            weeks, c->impact.goals, c->impact.notes, c->impact.lessons);
    }
    for (int i = 0; rc == KM_OK && i < c->plan->weeks; i++) {
        int64_t t = c->plan->template_ids[i];
        int64_t ok = 0;
        if (t && db_int(db, &ok, "SELECT 1 FROM week_templates WHERE id = ?", "i", t) != KM_OK)
            return db_fail(db, KM_NOTFOUND, _("Een gekozen weeksjabloon bestaat niet (meer)."));
        rc = make_week(db, c->plan->first_monday + 7 * i, t, &c->made);
    }
    char detail[120], first[11];
    dates_format(c->plan->first_monday, first);
    snprintf(detail, sizeof detail, _("%d weken vanaf %s, %d lessen%s"), c->plan->weeks, first, c->made,
             c->impact.nweeks ? _(", bestaande planning gewist na bevestiging") : "");
    return rc == KM_OK ? audit_add(c->s, 0, "rooster-gemaakt", detail) : rc;
}

enum km_rc roster_generate(const struct km_session *s, const struct roster_plan *plan, bool confirmed,
                           struct roster_impact *impact, int *made)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc == KM_OK)
        rc = check_plan_shape(s->db, plan->first_monday, plan->weeks);
    struct generate_ctx c = {s, plan, confirmed, {0}, 0};
    if (rc == KM_OK)
        rc = db_tx(s->db, generate_tx, &c);
    if (impact)
        *impact = c.impact;
    if (made)
        *made = c.made;
    return rc;
}
