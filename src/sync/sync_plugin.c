/* The program's EDEXML import and UWLR sync: the real ones (sync/edex.c, sync/uwlr.c and sync/uwlr_answer.c, over
 * libxml2 and libcurl) are in klassenmap-sync.so, loaded when an import or a sync runs (core/plugin.h). */
#include <stdio.h>
#include <string.h>

#include "core/plugin.h"
#include "core/syncruns.h"
#include "sync/edex.h"
#include "sync/uwlr.h"

static plugin_fn sync_function(const char *symbol, char *err, size_t errlen)
{
    return plugin_function(PLUGIN_SYNC, symbol, err, errlen);
}

/* As the importer fails: an empty report and the sentence in the handle. */
static enum km_rc import_not_loaded(struct km_db *db, struct sync_report *out, const char *err)
{
    memset(out, 0, sizeof *out);
    return db_fail(db, KM_ERR, "%s", err);
}

enum km_rc edex_import(struct km_db *db, const char *xml, size_t len, const struct edex_options *o,
                       struct sync_report *out)
{
    char err[600];
    __typeof__(edex_import) *f = (__typeof__(edex_import) *)sync_function("edex_import", err, sizeof err);
    return f ? f(db, xml, len, o, out) : import_not_loaded(db, out, err);
}

enum km_rc edex_import_path(struct km_db *db, const char *path, const struct edex_options *o, struct sync_report *out)
{
    char err[600];
    __typeof__(edex_import_path) *f =
        (__typeof__(edex_import_path) *)sync_function("edex_import_path", err, sizeof err);
    return f ? f(db, path, o, out) : import_not_loaded(db, out, err);
}

/* A sync that cannot run is a failed run in sync_runs, as any failure before the import: the nightly timer's
 * failure shows on SCHOOL INSTELLINGEN and in `sync status`, not only in a log. */
enum km_rc uwlr_sync(struct km_db *db, const struct km_config *cfg, bool dry_run, struct sync_report *rep, char *msg,
                     size_t msglen)
{
    __typeof__(uwlr_sync) *f = (__typeof__(uwlr_sync) *)sync_function("uwlr_sync", msg, msglen);
    if (f)
        return f(db, cfg, dry_run, rep, msg, msglen);
    memset(rep, 0, sizeof *rep);
    char started[20];
    db_now(started);
    struct km_session s;
    session_sync(&s, db);
    syncruns_record_failure(&s, "uwlr", dry_run, started, msg);
    return KM_ERR;
}
