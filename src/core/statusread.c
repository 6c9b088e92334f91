#include "core/statusread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

/* ---- the history of one cell ---- */

static enum km_rc push_change(struct status_history *out, sqlite3_stmt *st)
{
    struct status_change *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct status_change *c = &n[out->n++];
    memset(c, 0, sizeof *c);
    c->from_status = sqlite3_column_int64(st, 0);
    c->to_status = sqlite3_column_int64(st, 1);
    snprintf(c->changed_at, sizeof c->changed_at, "%s", db_col_text(st, 2));
    snprintf(c->who, sizeof c->who, "%s", db_col_text(st, 3));
    return KM_OK;
}

enum km_rc goal_status_history(const struct km_session *s, int64_t student_id, int64_t goal_id,
                               struct status_history *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_check(s, ACT_VIEW_STATUS, student_id);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT COALESCE(h.from_status_id, 0), COALESCE(h.to_status_id, 0), h.changed_at,"
                  " COALESCE(u.roepnaam || ' ' || CASE WHEN u.voorvoegsel = '' THEN '' ELSE u.voorvoegsel || ' ' END"
                  "  || u.achternaam, '')"
                  " FROM goal_status_history h LEFT JOIN users u ON u.id = h.changed_by"
                  " WHERE h.student_id = ?1 AND h.goal_id = ?2 ORDER BY h.id DESC",
                  "ii", student_id, goal_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_change(out, st);
    if (rc != KM_OK) {
        db_done(st);
        status_history_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

void status_history_free(struct status_history *h)
{
    free(h->items);
    h->items = NULL;
    h->n = 0;
}

/* ---- a student's own goals ---- */

/* The student's niveaus: named after the jaargroep of an active group they are a student in ("5", or a name
 * ending in " 5"), as the Leerdoeloverzichten count them. */
#define STUDENT_NIVEAUS                                                                                                \
    "SELECT DISTINCT n.id, n.name, n.sort_order FROM memberships m"                                                    \
    " JOIN groups g ON g.id = m.group_id AND g.active = 1 AND g.jaargroep <> ''"                                       \
    " JOIN niveaus n ON n.name = g.jaargroep OR substr(n.name, -length(g.jaargroep) - 1) = ' ' || g.jaargroep"         \
    " WHERE m.user_id = ?1 AND m.kind = 'leerling'"

static enum km_rc push_goal(struct own_goal_list *out, sqlite3_stmt *st)
{
    struct own_goal *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct own_goal *g = &n[out->n++];
    memset(g, 0, sizeof *g);
    g->goal_id = sqlite3_column_int64(st, 0);
    g->code = db_col_dup(st, 1);
    g->title = db_col_dup(st, 2);
    g->hoofdgebied_id = sqlite3_column_int64(st, 3);
    g->hoofdgebied = db_col_dup(st, 4);
    g->deelgebied_id = sqlite3_column_int64(st, 5);
    g->deelgebied = db_col_dup(st, 6);
    snprintf(g->niveau, sizeof g->niveau, "%s", db_col_text(st, 7));
    g->status_id = sqlite3_column_int64(st, 8);
    snprintf(g->updated_at, sizeof g->updated_at, "%s", db_col_text(st, 9));
    return g->code && g->title && g->hoofdgebied && g->deelgebied ? KM_OK : KM_ERR;
}

struct goals_ctx {
    int64_t student;
    struct own_goal_list *out;
};

static enum km_rc read_goals(struct km_db *db, void *arg)
{
    struct goals_ctx *c = arg;
    enum km_rc rc = db_text(db, c->out->niveaus, sizeof c->out->niveaus,
                            "SELECT COALESCE(group_concat(name, ', '), '') FROM (" STUDENT_NIVEAUS
                            " ORDER BY n.sort_order, n.name)",
                            "i", c->student);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(db, &st,
                  "SELECT l.id, l.code, l.title, h.id, h.name, d.id, d.name, COALESCE(n.name, ''),"
                  " COALESCE(gs.status_id, 0), COALESCE(gs.updated_at, '')"
                  " FROM leerdoelen l"
                  " JOIN deelgebieden d ON d.id = l.deelgebied_id"
                  " JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id"
                  " LEFT JOIN niveaus n ON n.id = l.niveau_id"
                  " LEFT JOIN goal_status gs ON gs.student_id = ?1 AND gs.goal_id = l.id"
                  " WHERE l.retired = 0 AND (l.niveau_id IS NULL OR gs.status_id IS NOT NULL"
                  "   OR l.niveau_id IN (SELECT id FROM (" STUDENT_NIVEAUS ")))"
                  " ORDER BY h.sort_order, h.name COLLATE NOCASE, h.id, d.sort_order, d.name COLLATE NOCASE, d.id,"
                  "  n.sort_order, l.sort_order, l.code",
                  "i", c->student);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push_goal(c->out, st);
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

enum km_rc student_goals(const struct km_session *s, int64_t student_id, struct own_goal_list *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_VIEW_STATUS, student_id);
    if (rc != KM_OK)
        return rc;
    struct goals_ctx c = {student_id, out};
    rc = db_read(s->db, read_goals, &c);
    if (rc != KM_OK) {
        student_goals_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

void student_goals_free(struct own_goal_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].code);
        free(l->items[i].title);
        free(l->items[i].hoofdgebied);
        free(l->items[i].deelgebied);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}
