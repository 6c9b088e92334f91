#include "core/mailspool.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/session.h"
#include "core/text.h"

static void spool_path(const char *db_file, char *out, size_t len)
{
    snprintf(out, len, "%.4000s.mailfouten", db_file);
}

/* A line: user id, username, error ("" when the mail went) and when, tab-separated. */
void mailspool_write(const char *db_file, int64_t user_id, const char *username, const char *error)
{
    char path[4200], clean_err[400], clean_user[80], line[600], now[20];
    spool_path(db_file, path, sizeof path);
    text_clean(error ? error : "", clean_err, sizeof clean_err); /* one line: no tab or newline can split it */
    text_clean(username, clean_user, sizeof clean_user);
    db_now(now); /* the clock only, no SQLite */
    int n = snprintf(line, sizeof line, "%lld\t%s\t%s\t%s\n", (long long)user_id, clean_user, clean_err, now);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (n > 0 && write(fd, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1)) < 0) {
        /* nothing more to do: the mail failed and so did its record */
    }
    close(fd);
}

/* One result: a failure goes to the audit log and keeps the first moment mail stopped working; a mail that went
 * means it works again. */
static enum km_rc record_one(struct km_db *db, int64_t user_id, const char *username, const char *error, const char *at)
{
    if (!*error)
        return db_exec(db,
                       "UPDATE mail_health SET failing_since = NULL, last_ok_at = ?1 WHERE id = 1"
                       " AND (last_failure_at IS NULL OR last_failure_at <= ?1)",
                       "t", at);
    struct km_session actor;
    session_server(&actor, db);
    snprintf(actor.username, sizeof actor.username, "%.60s", username);
    enum km_rc rc = audit_add(&actor, user_id, "mail-mislukt", error);
    if (rc == KM_OK)
        rc = db_exec(
            db,
            "UPDATE mail_health SET failing_since = CASE WHEN failing_since IS NULL OR failing_since > ?1 THEN ?1"
            " ELSE failing_since END, last_error = ?2, last_failure_at = max(COALESCE(last_failure_at, ''), ?1)"
            " WHERE id = 1",
            "tt", at, error);
    return rc;
}

struct import_ctx {
    FILE *f;
};

static enum km_rc import_tx(struct km_db *db, void *arg)
{
    struct import_ctx *c = arg;
    char line[700], now[20];
    db_now(now);
    rewind(c->f);
    while (fgets(line, sizeof line, c->f)) {
        line[strcspn(line, "\n")] = '\0';
        char *user = strchr(line, '\t');
        char *err = user ? strchr(user + 1, '\t') : NULL;
        if (!err)
            continue;
        *user++ = '\0';
        *err++ = '\0';
        char *at = strchr(err, '\t'); /* absent in a spool of an older version: a failure, now */
        if (at)
            *at++ = '\0';
        enum km_rc rc = record_one(db, strtoll(line, NULL, 10), user, err, at && *at ? at : now);
        if (rc != KM_OK)
            return rc;
    }
    return KM_OK;
}

struct record_ctx {
    int64_t user;
    const char *username, *error;
};

static enum km_rc record_tx(struct km_db *db, void *arg)
{
    struct record_ctx *c = arg;
    char now[20];
    db_now(now);
    return record_one(db, c->user, c->username, c->error, now);
}

enum km_rc mailspool_record(struct km_db *db, int64_t user_id, const char *username, const char *error)
{
    char clean[400];
    text_clean(error ? error : "", clean, sizeof clean);
    struct record_ctx c = {user_id, username ? username : "", clean};
    return db_tx(db, record_tx, &c);
}

enum km_rc mailspool_import(struct km_db *db)
{
    char path[4200], taken[4300];
    spool_path(db_path(db), path, sizeof path);
    snprintf(taken, sizeof taken, "%.4020s.%d", path, (int)getpid());
    /* Taking the file by renaming it: a mailer appending meanwhile starts a new spool, nothing is lost. */
    if (rename(path, taken) != 0)
        return KM_OK;
    FILE *f = fopen(taken, "r");
    if (!f)
        return KM_OK;
    struct import_ctx c = {f};
    enum km_rc rc = db_tx(db, import_tx, &c);
    fclose(f);
    if (rc == KM_OK)
        unlink(taken);
    else
        rename(taken, path); /* try again next time */
    return rc;
}

static enum km_rc read_health(struct km_db *db, struct mail_health *out)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT failing_since, last_error FROM mail_health WHERE id = 1", NULL);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) == 1) {
        out->failing = sqlite3_column_type(st, 0) != SQLITE_NULL;
        snprintf(out->since, sizeof out->since, "%s", db_col_text(st, 0));
        snprintf(out->last_error, sizeof out->last_error, "%s", db_col_text(st, 1));
        db_done(st);
    }
    return KM_OK;
}

enum km_rc mailspool_health(const struct km_session *s, struct mail_health *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_READ_AUDIT, 0);
    if (rc != KM_OK)
        return rc;
    return read_health(s->db, out);
}
