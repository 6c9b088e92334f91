#include "core/sessions.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/mailspool.h"
#include "core/vec.h"

#define DEAD_MODIFIER "-3 minutes" /* SESSIONS_DEAD_MINUTES, as SQLite's datetime() wants it */
#define CLEAN_BATCH 64             /* dead rows removed per registration; the rest go next time */

_Static_assert(SESSIONS_DEAD_MINUTES == 3, "DEAD_MODIFIER must say the same");

/* A process that has ended but whose parent has not collected it yet (state Z in /proc) still answers
 * kill(pid, 0); it is dead all the same. Without /proc the answer of kill stands. */
static bool zombie(int pid)
{
    char path[32], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *close_paren = strrchr(buf, ')'); /* the command name in (...) may hold anything */
    return close_paren && close_paren[1] == ' ' && close_paren[2] == 'Z';
}

/* kill(pid, 0) sends nothing: it only asks whether the process exists. EPERM means it exists but runs
 * as another user, which is still alive. */
static bool pid_alive(int pid) { return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) && !zombie(pid); }

/* "Still here" once a minute is written beside the school's database, in a small database of its own attached
 * as "presence": a commit in the school's file would make every other open screen read its data again (they
 * follow its data_version), so presence alone would keep every session busy with every other. The school's
 * `sessions` row is written only when a session starts and ends; its last_seen is then the start. Without
 * the presence file (it cannot be made there) the touch goes to the school's row as before. */
/* The connection may not create files (it opened an existing database), so the presence file is made here
 * when absent: an empty file is an empty database. It gets the school file's mode and owner, so the SSH
 * account's sessions can write it when an administrator's command made it. */
static bool presence_file(const char *school, const char *path)
{
    struct stat st;
    if (stat(school, &st) != 0)
        return false;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, st.st_mode & 0666);
    if (fd < 0)
        return access(path, R_OK | W_OK) == 0;
    if (geteuid() == 0 && fchown(fd, st.st_uid, st.st_gid) != 0) {
        /* then only root writes it; the sessions touch the school's row instead */
    }
    close(fd);
    return true;
}

static bool presence_attach(struct km_db *db)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM pragma_database_list WHERE name = 'presence'", NULL) == KM_OK && n)
        return true;
    char path[4200], mode[16] = "";
    snprintf(path, sizeof path, "%s.presence", db_path(db));
    if (!presence_file(db_path(db), path) || db_exec(db, "ATTACH ? AS presence", "t", path) != KM_OK)
        return false;
    /* WAL: touches never wait for a reader; OFF: a lost touch after a power cut is only an older last_seen */
    if (db_text(db, mode, sizeof mode, "PRAGMA presence.journal_mode = WAL", NULL) != KM_OK ||
        db_exec(db, "PRAGMA presence.synchronous = OFF", NULL) != KM_OK ||
        db_exec(db, "CREATE TABLE IF NOT EXISTS presence.seen (id INTEGER PRIMARY KEY, last_seen TEXT NOT NULL)",
                NULL) != KM_OK) {
        db_exec(db, "DETACH presence", NULL);
        return false;
    }
    return true;
}

/* On the program's clock, the one last_seen is written with (a test clock on a demo school). */
static enum km_rc remove_stale(struct km_db *db, bool presence)
{
    char now[20];
    db_now(now);
    if (!presence)
        return db_exec(db, "DELETE FROM sessions WHERE last_seen < datetime(?, '" DEAD_MODIFIER "')", "t", now);
    enum km_rc rc =
        db_exec(db,
                "DELETE FROM sessions WHERE max(last_seen, COALESCE((SELECT p.last_seen FROM presence.seen p"
                " WHERE p.id = sessions.id), '')) < datetime(?, '" DEAD_MODIFIER "')",
                "t", now);
    if (rc == KM_OK) /* rows of sessions ended or removed (an account made inactive) */
        rc = db_exec(db, "DELETE FROM presence.seen WHERE id NOT IN (SELECT id FROM main.sessions)", NULL);
    return rc;
}

/* Rows of processes that are gone: collected first, then removed, so the query is finished before the
 * table changes under it. */
static enum km_rc remove_dead_pids(struct km_db *db)
{
    int64_t dead[CLEAN_BATCH];
    int n = 0, r;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT id, pid FROM sessions", NULL);
    while (rc == KM_OK && n < CLEAN_BATCH && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        if (!pid_alive(sqlite3_column_int(st, 1)))
            dead[n++] = sqlite3_column_int64(st, 0);
    }
    db_done(st);
    for (int i = 0; rc == KM_OK && i < n; i++)
        rc = db_exec(db, "DELETE FROM sessions WHERE id = ?", "i", dead[i]);
    return rc;
}

struct register_ctx {
    const struct km_session *s;
    int pid;
    int64_t id;
    bool presence;
};

static enum km_rc register_tx(struct km_db *db, void *arg)
{
    struct register_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc = remove_stale(db, c->presence);
    if (rc == KM_OK)
        rc = remove_dead_pids(db);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO sessions (user_id, pid, started_at, last_seen)"
                     " SELECT id, ?, ?, ? FROM users WHERE id = ? AND active = 1",
                     "dtti", c->pid, now, now, c->s->user_id);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_DENIED, _("Je account is niet meer actief; log opnieuw in."));
    c->id = db_last_id(db);
    return rc;
}

enum km_rc sessions_register(const struct km_session *s, int pid, int64_t *id)
{
    *id = 0;
    if (s->origin != ORIGIN_USER || s->user_id == 0)
        return db_fail(s->db, KM_DENIED, _("Alleen een ingelogde persoon heeft een sessie."));
    struct register_ctx c = {s, pid, 0, presence_attach(s->db)};
    enum km_rc rc = db_tx(s->db, register_tx, &c);
    if (rc == KM_OK)
        *id = c.id;
    return rc;
}

static enum km_rc touch_tx(struct km_db *db, void *arg)
{
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db, "UPDATE sessions SET last_seen = ? WHERE id = ?", "ti", now, *(int64_t *)arg);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_NOTFOUND, _("Deze sessie staat niet meer in de lijst."));
    return rc;
}

/* The once-a-minute touch of a logged-in screen. Reads the school's file and writes only the presence file: one
 * statement each, outside a transaction, so the school's file is neither locked for writing nor changed. */
enum km_rc sessions_touch(struct km_db *db, int64_t id)
{
    if (!presence_attach(db)) {
        enum km_rc rc = db_tx(db, touch_tx, &id);
        if (rc == KM_OK)
            mailspool_import(db); /* best effort: the next minute tries again */
        return rc;
    }
    int64_t n = 0;
    enum km_rc rc = db_int(db, &n, "SELECT count(*) FROM main.sessions WHERE id = ?", "i", id);
    if (rc != KM_OK)
        return rc;
    if (n == 0)
        return db_fail(db, KM_NOTFOUND, _("Deze sessie staat niet meer in de lijst."));
    char now[20];
    db_now(now);
    rc = db_exec(db,
                 "INSERT INTO presence.seen (id, last_seen) VALUES (?, ?)"
                 " ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
                 "it", id, now);
    /* The background mailer's results reach the audit log here, so reading it never writes. It is a commit in
     * the school's file only when the spool holds something (a failed mail): rare, and then worth a reload. */
    if (rc == KM_OK)
        mailspool_import(db);
    return rc;
}

static enum km_rc end_tx(struct km_db *db, void *arg)
{
    return db_exec(db, "DELETE FROM sessions WHERE id = ?", "i", *(int64_t *)arg);
}

enum km_rc sessions_end(struct km_db *db, int64_t id) { return id ? db_tx(db, end_tx, &id) : KM_OK; }

static void read_entry(sqlite3_stmt *st, struct sessions_entry *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    snprintf(e->username, sizeof e->username, "%s", db_col_text(st, 1));
    const char *voor = db_col_text(st, 3);
    if (*voor)
        snprintf(e->name, sizeof e->name, "%s %s %s", db_col_text(st, 2), voor, db_col_text(st, 4));
    else
        snprintf(e->name, sizeof e->name, "%s %s", db_col_text(st, 2), db_col_text(st, 4));
    enum km_role role = ROLE_LEERLING;
    km_role_parse(db_col_text(st, 5), &role);
    e->role = role;
    snprintf(e->since, sizeof e->since, "%s", db_col_text(st, 6));
    snprintf(e->last_seen, sizeof e->last_seen, "%s", db_col_text(st, 7));
    e->pid = sqlite3_column_int(st, 8);
}

static enum km_rc push_entry(struct sessions_list *l, size_t *cap, const struct sessions_entry *e)
{
    if (l->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        struct sessions_entry *p = realloc(l->items, ncap * sizeof *p);
        if (!p)
            return KM_ERR;
        l->items = p;
        *cap = ncap;
    }
    l->items[l->n++] = *e;
    return KM_OK;
}

struct list_ctx {
    struct sessions_list *out;
    bool presence;
};

static enum km_rc list_read(struct km_db *db, void *arg)
{
    struct list_ctx *c = arg;
    struct sessions_list *out = c->out;
    size_t cap = 0;
    char now[20];
    db_now(now);
    sqlite3_stmt *st;
    enum km_rc rc =
        c->presence
            ? db_query(db, &st,
                       "SELECT s.id, u.username, u.roepnaam, COALESCE(u.voorvoegsel, ''), u.achternaam, u.role,"
                       " datetime(s.started_at, 'localtime'), datetime(s.seen, 'localtime'), s.pid"
                       " FROM (SELECT m.*, max(m.last_seen, COALESCE(p.last_seen, '')) AS seen FROM main.sessions m"
                       "       LEFT JOIN presence.seen p ON p.id = m.id) s JOIN users u ON u.id = s.user_id"
                       " WHERE s.seen >= datetime(?, '" DEAD_MODIFIER "')"
                       " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.username, s.started_at, s.id",
                       "t", now)
            : db_query(db, &st,
                       "SELECT s.id, u.username, u.roepnaam, COALESCE(u.voorvoegsel, ''), u.achternaam, u.role,"
                       " datetime(s.started_at, 'localtime'), datetime(s.last_seen, 'localtime'), s.pid"
                       " FROM sessions s JOIN users u ON u.id = s.user_id"
                       " WHERE s.last_seen >= datetime(?, '" DEAD_MODIFIER "')"
                       " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.username, s.started_at, s.id",
                       "t", now);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        struct sessions_entry e;
        read_entry(st, &e);
        if (pid_alive(e.pid) && push_entry(out, &cap, &e) != KM_OK) {
            db_done(st);
            return vec_no_memory(db);
        }
    }
    return rc;
}

enum km_rc sessions_list(const struct km_session *s, struct sessions_list *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    struct list_ctx c = {out, rc == KM_OK && presence_attach(s->db)};
    if (rc == KM_OK)
        rc = db_read(s->db, list_read, &c);
    if (rc != KM_OK)
        sessions_list_free(out);
    return rc;
}

void sessions_list_free(struct sessions_list *l)
{
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
