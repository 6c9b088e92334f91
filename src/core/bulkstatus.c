#include "core/bulkstatus.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/i18n.h"

/* ---- the scale's order ---- */

#define ORDER_SLOTS 64

struct order {
    int64_t id[ORDER_SLOTS];
    int rank[ORDER_SLOTS];
    int n;
};

static enum km_rc read_order(struct km_db *db, struct order *o)
{
    o->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT id FROM status_values ORDER BY sort_order, id", NULL);
    while (rc == KM_OK && o->n < ORDER_SLOTS && db_step(db, st) == 1) {
        o->id[o->n] = sqlite3_column_int64(st, 0);
        o->rank[o->n] = o->n + 1;
        o->n++;
    }
    db_done(st);
    return rc;
}

/* 0 for no status, then 1, 2 … in the scale's order. */
static int rank_of(const struct order *o, int64_t id)
{
    for (int i = 0; i < o->n; i++)
        if (o->id[i] == id)
            return o->rank[i];
    return 0;
}

static bool wanted(const struct order *o, int64_t now, int64_t to, enum bulk_mode mode)
{
    if (now == to)
        return false;
    if (mode == BULK_ONLY_EMPTY)
        return now == 0;
    if (mode == BULK_ONLY_UP)
        return rank_of(o, now) < rank_of(o, to);
    return true;
}

/* Every student of the cells may be given a status by this session; each is checked once. */
static enum km_rc may_set_all(const struct km_session *s, const struct bulk_cell *cells, int n, int64_t status_id)
{
    int64_t ok = 0;
    if (db_int(s->db, &ok, "SELECT 1 FROM status_values WHERE id = ?", "i", status_id) != KM_OK || !ok)
        return db_fail(s->db, KM_INVALID, _("Onbekende status."));
    for (int i = 0; i < n; i++) {
        bool seen = false;
        for (int k = 0; k < i && !seen; k++)
            seen = cells[k].student_id == cells[i].student_id;
        enum km_rc rc = seen ? KM_OK : access_check(s, ACT_SET_STATUS, cells[i].student_id);
        if (rc != KM_OK)
            return rc;
    }
    return KM_OK;
}

/* ---- the plan ---- */

struct plan_ctx {
    const struct bulk_cell *cells;
    int n;
    int64_t to;
    struct bulk_plan *out;
};

static void count_from(struct bulk_plan *p, const struct order *o, int64_t from, int64_t to)
{
    for (int i = 0; i < p->nfrom; i++)
        if (p->from[i].status_id == from) {
            p->from[i].n++;
            return;
        }
    if (p->nfrom == BULK_MAX_FROM)
        return;
    /* kept in order: empty first, then the scale's */
    int at = p->nfrom;
    while (at > 0 && rank_of(o, p->from[at - 1].status_id) > rank_of(o, from)) {
        p->from[at] = p->from[at - 1];
        at--;
    }
    p->from[at] = (struct bulk_from){from, 1, rank_of(o, from) > rank_of(o, to)};
    p->nfrom++;
}

static enum km_rc plan_read(struct km_db *db, void *arg)
{
    struct plan_ctx *c = arg;
    struct bulk_plan *p = c->out;
    struct order o;
    enum km_rc rc = read_order(db, &o);
    for (int i = 0; rc == KM_OK && i < c->n; i++) {
        struct goal_status cur;
        rc = goalstatus_read(db, c->cells[i].student_id, c->cells[i].goal_id, &cur);
        if (rc != KM_OK)
            break;
        p->cells++;
        if (cur.status_id == c->to) {
            p->same++;
            continue;
        }
        bool down = rank_of(&o, cur.status_id) > rank_of(&o, c->to);
        p->down += down;
        p->up += !down;
        p->empty += cur.status_id == 0;
        count_from(p, &o, cur.status_id, c->to);
    }
    return rc;
}

enum km_rc bulk_plan(const struct km_session *s, const struct bulk_cell *cells, int n, int64_t status_id,
                     struct bulk_plan *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = may_set_all(s, cells, n, status_id);
    struct plan_ctx c = {cells, n, status_id, out};
    return rc == KM_OK ? db_read(s->db, plan_read, &c) : rc;
}

/* ---- applying ---- */

struct apply_ctx {
    const struct km_session *s;
    const struct bulk_cell *cells;
    int n;
    int64_t to;
    enum bulk_mode mode;
    const char *what;
    int changed;
};

static enum km_rc apply_tx(struct km_db *db, void *arg)
{
    struct apply_ctx *c = arg;
    char now[20];
    db_now(now);
    c->changed = 0;
    struct order o;
    enum km_rc rc = read_order(db, &o);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO status_batches (changed_by, changed_at, status_id, what, cells) VALUES"
                     " (NULLIF(?, 0), ?, ?, ?, 0)",
                     "itit", c->s->user_id, now, c->to, c->what);
    int64_t batch = db_last_id(db);
    for (int i = 0; rc == KM_OK && i < c->n; i++) {
        struct goal_status cur;
        rc = goalstatus_read(db, c->cells[i].student_id, c->cells[i].goal_id, &cur);
        if (rc != KM_OK || !wanted(&o, cur.status_id, c->to, c->mode))
            continue;
        rc = goalstatus_write(db, c->s->user_id, c->cells[i].student_id, c->cells[i].goal_id, cur.status_id, c->to,
                              batch);
        c->changed++;
    }
    if (rc != KM_OK)
        return rc;
    if (c->changed == 0) /* nothing to undo later: no batch */
        return db_exec(db, "DELETE FROM status_batches WHERE id = ?", "i", batch);
    return db_exec(db, "UPDATE status_batches SET cells = ? WHERE id = ?", "di", c->changed, batch);
}

enum km_rc bulk_apply(const struct km_session *s, const struct bulk_cell *cells, int n, int64_t status_id,
                      enum bulk_mode mode, const char *what, int *changed)
{
    *changed = 0;
    enum km_rc rc = may_set_all(s, cells, n, status_id);
    struct apply_ctx c = {s, cells, n, status_id, mode, what ? what : "", 0};
    if (rc == KM_OK)
        rc = db_tx(s->db, apply_tx, &c);
    if (rc == KM_OK)
        *changed = c.changed;
    return rc;
}

/* ---- undoing ---- */

enum km_rc bulk_last(const struct km_session *s, struct bulk_batch *out)
{
    memset(out, 0, sizeof *out);
    if (!access_role_may(s->role, ACT_SET_STATUS))
        return db_fail(s->db, KM_DENIED, _("Geen toegang: statussen zetten doen leerkrachten."));
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT id, status_id, what, changed_at, cells FROM status_batches"
                  " WHERE changed_by IS NULLIF(?, 0) AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
                  "i", s->user_id);
    if (rc != KM_OK)
        return rc;
    int r = db_step(s->db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(s->db) : KM_NOTFOUND;
    out->id = sqlite3_column_int64(st, 0);
    out->status_id = sqlite3_column_int64(st, 1);
    snprintf(out->what, sizeof out->what, "%s", db_col_text(st, 2));
    snprintf(out->at, sizeof out->at, "%s", db_col_text(st, 3));
    out->cells = sqlite3_column_int(st, 4);
    db_done(st);
    return KM_OK;
}

struct undo_ctx {
    const struct km_session *s;
    int64_t batch;
    struct bulk_undo_result *out;
};

/* "Sem de Jong · RE-BR-5.01: nu V, door Anneke de Vries" for a cell the undo leaves as it is. */
static void name_left(struct km_db *db, int64_t student, int64_t goal, struct bulk_undo_result *out)
{
    if (out->left++ >= BULK_MAX_NAMED)
        return;
    char *line = out->named[out->left - 1];
    sqlite3_stmt *st;
    if (db_query(db, &st,
                 "SELECT u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END || ' ' ||"
                 " u.achternaam, g.code, COALESCE((SELECT v.letter FROM goal_status gs JOIN status_values v"
                 "  ON v.id = gs.status_id WHERE gs.student_id = ?1 AND gs.goal_id = ?2), '–'),"
                 " COALESCE((SELECT b.roepnaam || CASE WHEN b.voorvoegsel = '' THEN '' ELSE ' ' || b.voorvoegsel END"
                 "  || ' ' || b.achternaam FROM goal_status_history h JOIN users b ON b.id = h.changed_by"
                 "  WHERE h.student_id = ?1 AND h.goal_id = ?2 ORDER BY h.id DESC LIMIT 1), 'de server')"
                 " FROM users u, leerdoelen g WHERE u.id = ?1 AND g.id = ?2",
                 "ii", student, goal) != KM_OK ||
        db_step(db, st) != 1) {
        snprintf(line, 200, "?");
        return;
    }
    snprintf(line, 200, _("%s · %s: nu %s, door %s"), db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
             db_col_text(st, 3));
    db_done(st);
}

/* One cell of the batch: back to what it was, when its last change is still this batch's. */
static enum km_rc undo_cell(struct undo_ctx *c, struct km_db *db, int64_t hist, int64_t student, int64_t goal,
                            int64_t from, int64_t to)
{
    int64_t last = 0;
    struct goal_status cur;
    enum km_rc rc = db_int(db, &last, "SELECT max(id) FROM goal_status_history WHERE student_id = ? AND goal_id = ?",
                           "ii", student, goal);
    if (rc == KM_OK)
        rc = goalstatus_read(db, student, goal, &cur);
    if (rc != KM_OK)
        return rc;
    if (last != hist || cur.status_id != to || access_check(c->s, ACT_SET_STATUS, student) != KM_OK) {
        name_left(db, student, goal, c->out);
        return KM_OK;
    }
    c->out->restored++;
    return goalstatus_write(db, c->s->user_id, student, goal, to, from, 0);
}

#define UNDO_MAX_CELLS 4096 /* a row or column of a board: far fewer */

static enum km_rc undo_tx(struct km_db *db, void *arg)
{
    struct undo_ctx *c = arg;
    memset(c->out, 0, sizeof *c->out);
    int64_t mine = 0;
    if (db_int(db, &mine,
               "SELECT 1 FROM status_batches WHERE id = ? AND changed_by IS NULLIF(?, 0) AND undone_at IS NULL", "ii",
               c->batch, c->s->user_id) != KM_OK ||
        !mine)
        return db_fail(db, KM_NOTFOUND, _("Deze wijziging is al teruggezet, of is niet van jou."));
    /* the batch's rows first (the cursor is done before any cell is written) */
    static int64_t rows[UNDO_MAX_CELLS][5];
    int n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT id, student_id, goal_id, COALESCE(from_status_id, 0), COALESCE(to_status_id, 0)"
                             " FROM goal_status_history WHERE batch_id = ? ORDER BY id",
                             "i", c->batch);
    while (rc == KM_OK && n < UNDO_MAX_CELLS && db_step(db, st) == 1) {
        for (int k = 0; k < 5; k++)
            rows[n][k] = sqlite3_column_int64(st, k);
        n++;
    }
    db_done(st);
    for (int i = 0; rc == KM_OK && i < n; i++)
        rc = undo_cell(c, db, rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]);
    char now[20];
    db_now(now);
    return rc == KM_OK ? db_exec(db, "UPDATE status_batches SET undone_at = ? WHERE id = ?", "ti", now, c->batch) : rc;
}

enum km_rc bulk_undo(const struct km_session *s, int64_t batch_id, struct bulk_undo_result *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_session(s);
    struct undo_ctx c = {s, batch_id, out};
    return rc == KM_OK ? db_tx(s->db, undo_tx, &c) : rc;
}
