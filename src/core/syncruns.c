#include "core/syncruns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

struct record_ctx {
    const struct syncrun *run;
    const char *message;
};

static enum km_rc record_tx(struct km_db *db, void *arg)
{
    struct record_ctx *c = arg;
    const struct syncrun *r = c->run;
    char now[20];
    db_now(now);
    return db_exec(db,
                   "INSERT INTO sync_runs (started_at, finished_at, source, dry_run, ok, added, changed, deactivated,"
                   " errors, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "tttddddddt", r->started_at[0] ? r->started_at : now, now, r->source, r->dry_run ? 1 : 0,
                   r->ok ? 1 : 0, r->added, r->changed, r->deactivated, r->errors, c->message);
}

enum km_rc syncruns_record(const struct km_session *s, const struct syncrun *run)
{
    enum km_rc rc = access_check(s, ACT_EDIT_SYNCED, 0);
    if (rc != KM_OK)
        return rc;
    /* The message may quote a server's fault text: it is stored clean, like anything else from outside. */
    char message[SYNCRUNS_MESSAGE_MAX];
    text_clean(run->message, message, sizeof message);
    struct record_ctx c = {run, message};
    return db_tx(s->db, record_tx, &c);
}

enum km_rc syncruns_record_failure(const struct km_session *s, const char *source, bool dry_run, const char *started_at,
                                   const char *message)
{
    struct syncrun r = {.dry_run = dry_run, .ok = false, .errors = 1};
    snprintf(r.source, sizeof r.source, "%s", source);
    snprintf(r.started_at, sizeof r.started_at, "%s", started_at ? started_at : "");
    snprintf(r.message, sizeof r.message, "%s", message ? message : "");
    return syncruns_record(s, &r);
}

static void read_run(sqlite3_stmt *st, struct syncrun *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    snprintf(r->started_at, sizeof r->started_at, "%s", db_col_text(st, 1));
    snprintf(r->finished_at, sizeof r->finished_at, "%s", db_col_text(st, 2));
    snprintf(r->source, sizeof r->source, "%s", db_col_text(st, 3));
    r->dry_run = sqlite3_column_int(st, 4) != 0;
    r->ok = sqlite3_column_int(st, 5) != 0;
    r->added = sqlite3_column_int(st, 6);
    r->changed = sqlite3_column_int(st, 7);
    r->deactivated = sqlite3_column_int(st, 8);
    r->errors = sqlite3_column_int(st, 9);
    snprintf(r->message, sizeof r->message, "%s", db_col_text(st, 10));
}

/* Room for one more item: the list doubles, so a long history costs few reallocs. */
static struct syncrun *push_run(struct syncrun_list *l, size_t *cap)
{
    if (l->n == *cap) {
        size_t grown = *cap ? *cap * 2 : 16;
        struct syncrun *p = realloc(l->items, grown * sizeof *p);
        if (!p)
            return NULL;
        l->items = p;
        *cap = grown;
    }
    return &l->items[l->n++];
}

enum km_rc syncruns_list(const struct km_session *s, int limit, struct syncrun_list *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_READ_SYNC_SETTINGS, 0);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT id, datetime(started_at, 'localtime'), COALESCE(datetime(finished_at, 'localtime'), ''),"
                  " source, dry_run, ok, added, changed, deactivated, errors, message FROM sync_runs"
                  " ORDER BY id DESC LIMIT ?",
                  "d",
                  limit < 1      ? 1
                  : limit > 1000 ? 1000
                                 : limit);
    size_t cap = 0;
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        struct syncrun *item = r < 0 ? NULL : push_run(out, &cap);
        if (item)
            read_run(st, item);
        else
            rc = r < 0 ? db_last_rc(s->db) : vec_no_memory(s->db);
    }
    if (rc != KM_OK) {
        db_done(st);
        syncruns_list_free(out);
    }
    return rc;
}

void syncruns_list_free(struct syncrun_list *l)
{
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

enum km_rc syncruns_relink(const struct km_session *s, const char *schooljaar, struct relink_list *out)
{
    return relink_list(s, schooljaar, out);
}

void syncruns_relink_free(struct relink_list *l) { relink_free(l); }
