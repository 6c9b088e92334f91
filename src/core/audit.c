#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/vec.h"

enum km_rc audit_add(const struct km_session *s, int64_t subject_id, const char *kind, const char *detail)
{
    char now[20];
    db_now(now);
    return db_exec(
        s->db,
        "INSERT INTO audit_log (at, actor_id, actor_name, subject_id, subject_name, kind, detail)"
        " VALUES (?, NULLIF(?, 0), ?, NULLIF(?, 0), COALESCE((SELECT username FROM users WHERE id = ?), ''), ?, ?)",
        "titiitt", now, s->user_id, session_actor_name(s), subject_id, subject_id, kind, detail ? detail : "");
}

static enum km_rc push_entry(struct audit_list *out, sqlite3_stmt *st)
{
    struct audit_entry *items = vec_grow(out->items, out->n, sizeof *items);
    if (!items)
        return KM_ERR;
    out->items = items;
    struct audit_entry *e = &items[out->n++];
    e->id = sqlite3_column_int64(st, 0);
    snprintf(e->at, sizeof e->at, "%s", db_col_text(st, 1));
    e->actor = db_col_dup(st, 2);
    e->subject = db_col_dup(st, 3);
    e->kind = db_col_dup(st, 4);
    e->detail = db_col_dup(st, 5);
    return e->actor && e->subject && e->kind && e->detail ? KM_OK : KM_ERR;
}

enum km_rc audit_list(const struct km_session *s, const struct audit_filter *f, struct audit_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_check(s, ACT_READ_AUDIT, 0);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT id, datetime(at, 'localtime'), actor_name, subject_name, kind, detail FROM audit_log"
                  " WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR actor_name = ?2 COLLATE NOCASE"
                  "   OR subject_name = ?2 COLLATE NOCASE) AND (?3 IS NULL OR kind = ?3)"
                  " ORDER BY id DESC LIMIT ?4",
                  "eeed", f->since, f->username, f->kind, f->limit > 0 ? f->limit : 1000);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        rc = r < 0 ? db_last_rc(s->db) : push_entry(out, st);
    }
    if (rc != KM_OK) {
        db_done(st);
        audit_list_free(out);
    }
    return rc;
}

void audit_list_free(struct audit_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].actor);
        free(l->items[i].subject);
        free(l->items[i].kind);
        free(l->items[i].detail);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
