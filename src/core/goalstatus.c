#include "core/goalstatus.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"

enum km_rc goalstatus_read(struct km_db *db, int64_t student_id, int64_t goal_id, struct goal_status *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st, "SELECT status_id, version, updated_at FROM goal_status WHERE student_id = ? AND goal_id = ?",
                 "ii", student_id, goal_id);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r < 0)
        return db_last_rc(db);
    if (r > 0) {
        out->status_id = sqlite3_column_int64(st, 0);
        out->version = sqlite3_column_int64(st, 1);
        snprintf(out->updated_at, sizeof out->updated_at, "%s", db_col_text(st, 2));
        db_done(st);
    }
    return KM_OK;
}

enum km_rc goalstatus_get(const struct km_session *s, int64_t student_id, int64_t goal_id, struct goal_status *out)
{
    enum km_rc rc = access_check(s, ACT_VIEW_STATUS, student_id);
    return rc == KM_OK ? goalstatus_read(s->db, student_id, goal_id, out) : rc;
}

struct set_ctx {
    const struct km_session *s;
    int64_t student, goal, status, expected, version;
};

static enum km_rc label_of(struct km_db *db, int64_t status_id, char *buf, size_t len)
{
    if (db_text(db, buf, len, "SELECT label FROM status_values WHERE id = ?", "i", status_id) != KM_OK)
        snprintf(buf, len, _("geen status"));
    return KM_OK;
}

static enum km_rc set_tx(struct km_db *db, void *arg)
{
    struct set_ctx *c = arg;
    struct goal_status cur;
    enum km_rc rc = goalstatus_read(db, c->student, c->goal, &cur);
    if (rc != KM_OK)
        return rc;
    if (c->expected >= 0 && cur.version != c->expected) {
        char label[64];
        label_of(db, cur.status_id, label, sizeof label);
        return db_fail(db, KM_CONFLICT, _("Iemand anders heeft deze status intussen gewijzigd (nu: %s, om %s)."), label,
                       cur.updated_at);
    }
    c->version = cur.version;
    if (cur.status_id == c->status)
        return KM_OK; /* nothing changes, so no history row either */
    c->version = cur.version + 1;
    return goalstatus_write(db, c->s->user_id, c->student, c->goal, cur.status_id, c->status, 0);
}

enum km_rc goalstatus_write(struct km_db *db, int64_t actor_id, int64_t student, int64_t goal, int64_t from, int64_t to,
                            int64_t batch_id)
{
    char now[20];
    db_now(now);
    enum km_rc rc;
    if (to) /* the version goes on counting, so a board that saw the old one finds out */
        rc = db_exec(db,
                     "INSERT INTO goal_status (student_id, goal_id, status_id, updated_by, updated_at, version)"
                     " VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, 1) ON CONFLICT (student_id, goal_id) DO UPDATE SET"
                     " status_id = ?3, updated_by = NULLIF(?4, 0), updated_at = ?5, version = version + 1",
                     "iiiit", student, goal, to, actor_id, now);
    else /* back to no status at all (an undo): no row, as before the first status */
        rc = db_exec(db, "DELETE FROM goal_status WHERE student_id = ? AND goal_id = ?", "ii", student, goal);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO goal_status_history (student_id, goal_id, from_status_id, to_status_id, changed_by,"
                     " changed_at, batch_id) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, NULLIF(?, 0))",
                     "iiiiiti", student, goal, from, to, actor_id, now, batch_id);
    return rc;
}

enum km_rc goalstatus_set(const struct km_session *s, int64_t student_id, int64_t goal_id, int64_t status_id,
                          int64_t expected_version, int64_t *new_version)
{
    enum km_rc rc = access_check(s, ACT_SET_STATUS, student_id);
    if (rc != KM_OK)
        return rc;
    int64_t ok = 0;
    if (db_int(s->db, &ok,
               "SELECT (SELECT 1 FROM status_values WHERE id = ?) AND (SELECT 1 FROM leerdoelen WHERE id = ?)", "ii",
               status_id, goal_id) != KM_OK ||
        !ok)
        return db_fail(s->db, KM_INVALID, _("Onbekende status of onbekend leerdoel."));
    struct set_ctx c = {s, student_id, goal_id, status_id, expected_version, 0};
    rc = db_tx(s->db, set_tx, &c);
    if (rc == KM_OK && new_version)
        *new_version = c.version;
    return rc;
}
