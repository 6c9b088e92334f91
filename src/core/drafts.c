#include "core/drafts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

static const char *field_name(enum draft_field f) { return f == DRAFT_PUPIL ? "pupil" : "note"; }

/* A draft is a person's: the command line and the sync have none, and only who may write the texts keeps one. */
static enum km_rc may_draft(const struct km_session *s, int64_t instance_id)
{
    if (s->origin != ORIGIN_USER || s->user_id == 0)
        return db_fail(s->db, KM_DENIED, _("Alleen een ingelogde leerkracht of beheerder heeft concepten."));
    return access_check(s, ACT_PLAN_GOALS, instance_id);
}

struct keep_ctx {
    const struct km_session *s;
    int64_t instance, base;
    enum draft_field field;
    const char *text;
};

static enum km_rc keep_tx(struct km_db *db, void *arg)
{
    struct keep_ctx *c = arg;
    char now[20];
    db_now(now);
    return db_exec(db,
                   "INSERT INTO note_drafts (user_id, instance_id, field, text, base_version, saved_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (user_id, instance_id, field) DO UPDATE SET"
                   " text = ?4, base_version = ?5, saved_at = ?6",
                   "iittit", c->s->user_id, c->instance, field_name(c->field), c->text, c->base, now);
}

enum km_rc drafts_keep(const struct km_session *s, int64_t instance_id, enum draft_field field, const char *text,
                       int64_t base_version)
{
    enum km_rc rc = may_draft(s, instance_id);
    struct keep_ctx c = {s, instance_id, base_version, field, text ? text : ""};
    return rc == KM_OK ? db_tx(s->db, keep_tx, &c) : rc;
}

enum km_rc drafts_get(const struct km_session *s, int64_t instance_id, enum draft_field field, struct km_draft *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = may_draft(s, instance_id);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(
        s->db, &st,
        "SELECT text, base_version, saved_at FROM note_drafts WHERE user_id = ? AND instance_id = ? AND field = ?",
        "iit", s->user_id, instance_id, field_name(field));
    if (rc != KM_OK)
        return rc;
    int r = db_step(s->db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(s->db) : KM_NOTFOUND;
    out->text = db_col_dup(st, 0);
    out->base_version = sqlite3_column_int64(st, 1);
    snprintf(out->saved_at, sizeof out->saved_at, "%s", db_col_text(st, 2));
    db_done(st);
    return out->text ? KM_OK : vec_no_memory(s->db);
}

enum km_rc drafts_drop_tx(struct km_db *db, int64_t user_id, int64_t instance_id, enum draft_field field)
{
    return db_exec(db, "DELETE FROM note_drafts WHERE user_id = ? AND instance_id = ? AND field = ?", "iit", user_id,
                   instance_id, field_name(field));
}

struct drop_ctx {
    int64_t user, instance;
    enum draft_field field;
};

static enum km_rc drop_tx(struct km_db *db, void *arg)
{
    struct drop_ctx *c = arg;
    return drafts_drop_tx(db, c->user, c->instance, c->field);
}

enum km_rc drafts_drop(const struct km_session *s, int64_t instance_id, enum draft_field field)
{
    if (s->origin != ORIGIN_USER || s->user_id == 0)
        return KM_OK; /* nobody's drafts to drop */
    struct drop_ctx c = {s->user_id, instance_id, field};
    return db_tx(s->db, drop_tx, &c);
}

void drafts_free(struct km_draft *d)
{
    free(d->text);
    d->text = NULL;
}
