#include "core/memberships.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

/* The columns of groups_list (same order), then the person's part in the group. */
static const char *const user_groups_sql =
    "SELECT g.id, g.name, g.kind, g.schooljaar, COALESCE(g.jaargroep, ''), g.source = 'parnassys', g.active,"
    " COALESCE(g.linked_group_id, 0), g.version,"
    " (SELECT count(*) FROM memberships c WHERE c.group_id = g.id AND c.kind = 'leerling'),"
    " (SELECT count(*) FROM memberships c WHERE c.group_id = g.id AND c.kind = 'leerkracht'),"
    " m.kind = 'leerkracht'"
    " FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?"
    " ORDER BY g.schooljaar DESC, g.kind <> 'stamgroep', g.name COLLATE NOCASE, g.id";

/* One's own groups as one's own planning: every role may. Someone else's as their goal statuses: the
 * beheerder anyone's, a teacher their students', a parent their children's. */
static enum km_rc may_see_groups_of(const struct km_session *s, int64_t user_id)
{
    if (s->origin == ORIGIN_USER && user_id == s->user_id)
        return access_check(s, ACT_VIEW_PLANNING, user_id);
    return access_check(s, ACT_VIEW_STATUS, user_id);
}

static enum km_rc read_row(struct km_membership *row, sqlite3_stmt *st)
{
    memset(row, 0, sizeof *row);
    row->teacher = sqlite3_column_int(st, 11) != 0;
    return groups_read_row(st, &row->group);
}

static enum km_rc push_row(struct km_db *db, struct km_membership_list *out, size_t *cap, sqlite3_stmt *st)
{
    if (out->n == *cap) {
        size_t want = *cap ? *cap * 2 : 8;
        struct km_membership *items = realloc(out->items, want * sizeof *items);
        if (!items)
            return vec_no_memory(db);
        out->items = items;
        *cap = want;
    }
    if (read_row(&out->items[out->n++], st) != KM_OK)
        return vec_no_memory(db);
    return KM_OK;
}

enum km_rc groups_of_user(const struct km_session *s, int64_t user_id, struct km_membership_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = may_see_groups_of(s, user_id);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st, user_groups_sql, "i", user_id);
    size_t cap = 0;
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_row(s->db, out, &cap, st);
    if (rc != KM_OK) {
        db_done(st);
        memberships_free(out);
    }
    return rc;
}

void memberships_free(struct km_membership_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].group.name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
