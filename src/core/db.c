#include "core/db.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/db_sql.h"
#include "core/dbfault.h"
#include "core/names.h"
#include "core/i18n.h"
#include "core/schema.h"

/* 'KMAP': marks a SQLite file as ours, so we never migrate somebody else's database. */
#define KM_APPLICATION_ID 0x4B4D4150
#define STMT_CACHE 128
#define BUSY_TIMEOUT_MS 5000
#define TX_DEADLINE_MS 10000 /* then the user is told the database is busy, rather than wait on */
/* WAL bounds (see configure): 1000 pages of 4 KiB is about 4 MiB before a checkpoint; 8 MiB on disk at most
 * once the WAL restarts. */
#define WAL_CHECKPOINT_PAGES_STR "1000"
#define WAL_SIZE_LIMIT_STR "8388608"

struct stmt_slot {
    const char *sql;
    sqlite3_stmt *st;
};

struct km_db {
    sqlite3 *h;
    char path[4096];
    char err[512];
    enum km_rc last_rc; /* of the last failure, so callers of db_step can return it */
    struct stmt_slot cache[STMT_CACHE];
    int ncache;
    enum dbfault last_fault; /* the cause of the last failure that came from SQLite */
    /* Latched: after the file turned out damaged or gone, this process writes nothing more (db_fault). */
    enum dbfault fault;
    dev_t dev; /* the file this handle opened: a different one at the path means it was replaced */
    ino_t ino;
    bool probed;   /* db_probe ran */
    bool released; /* DBFAULT_GONE: the old file's connection is closed (let_go) */
    dev_t wal_dev; /* the -wal and -shm beside it: SQLite leaves a moved file's WAL where it was */
    ino_t wal_ino;
    dev_t shm_dev;
    ino_t shm_ino;
    bool memory; /* db_open_memory: no file (never gone or replaced), no WAL */
};

int db_schema_version(void) { return schema_migration_count(); }
const char *db_errmsg(const struct km_db *db) { return db ? db->err : ""; }
const char *db_path(const struct km_db *db) { return db->path; }
int64_t db_last_id(struct km_db *db) { return sqlite3_last_insert_rowid(db->h); }
sqlite3 *db_handle(struct km_db *db) { return db->h; }
enum km_rc(db_last_rc)(const struct km_db *db) { return db->last_rc != KM_OK ? db->last_rc : KM_ERR; }
int db_changes(struct km_db *db) { return sqlite3_changes(db->h); }

enum km_rc(db_fail)(struct km_db *db, enum km_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->err, sizeof db->err, fmt, ap);
    va_end(ap);
    db->last_rc = rc;
    return rc;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void db_now(char buf[20]) { clock_text(clock_now(), buf); }

static enum km_rc refuse_latched(struct km_db *db)
{
    dbfault_sentence(db->fault, db->path, db->err, sizeof db->err);
    db->last_rc = KM_ERR;
    return KM_ERR;
}

/* The errno under a failed write. SQLite's copy (sqlite3_system_errno) reads errno after the statement's clean-up
 * and then often holds 0; a write that failed while this process has a file-size limit (ulimit -f; SIGXFSZ is
 * ignored in main) is taken for EFBIG, since ENOSPC reaches us as SQLITE_FULL. */
static int system_errno(struct km_db *db, int src)
{
    int e = sqlite3_system_errno(db->h);
    struct rlimit lim;
    if (!e && (src == SQLITE_IOERR_WRITE || src == SQLITE_IOERR_TRUNCATE || src == SQLITE_IOERR_SHMSIZE) &&
        getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
        e = EFBIG;
    return e;
}

/* Maps a SQLite result to ours and words the message for a person, not a programmer: the cause (dbfault) comes
 * from the extended code and the errno under it. A damaged or vanished file latches: nothing is written after. */
static enum km_rc sqlite_fail(struct km_db *db, int src)
{
    int primary = src & 0xff;
    if (primary == SQLITE_CONSTRAINT) {
        db->last_fault = DBFAULT_NONE;
        if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
            return db_fail(db, KM_EXISTS, _("Dit bestaat al (%s)."), sqlite3_errmsg(db->h));
        return db_fail(db, KM_INVALID, _("Ongeldige verwijzing of waarde (%s)."), sqlite3_errmsg(db->h));
    }
    if (db->fault == DBFAULT_GONE)
        return refuse_latched(db); /* whatever failed: the file is not there any more */
    enum dbfault f = dbfault_classify(src, system_errno(db, src));
    db->last_fault = f;
    if (dbfault_is_fatal(f) && !db->fault)
        db->fault = f;
    if (f == DBFAULT_OTHER)
        return db_fail(db, KM_ERR, _("Databasefout: %s."), sqlite3_errmsg(db->h));
    dbfault_sentence(f, db->path, db->err, sizeof db->err);
    db->last_rc = f == DBFAULT_LOCKED ? KM_BUSY : KM_ERR;
    return db->last_rc;
}

enum dbfault db_fault(const struct km_db *db) { return db->fault; }

enum dbfault db_probe(struct km_db *db)
{
    if (db->probed || db->fault)
        return db->fault;
    db->probed = true;
    char first[256] = "";
    enum km_rc rc = db_text(db, first, sizeof first, "PRAGMA quick_check(1)", NULL);
    if (rc == KM_OK && strcmp(first, "ok") != 0)
        db->fault = DBFAULT_DAMAGED; /* a finding; an error of its own (CORRUPT) latched in sqlite_fail */
    return db->fault;
}

/* The file at the path is still the one this handle opened: same device and inode. A restore done by deleting or
 * replacing it leaves this process writing into a file nobody will read again. */
static bool same_file(const struct km_db *db)
{
    struct stat st;
    return db->memory || (stat(db->path, &st) == 0 && st.st_dev == db->dev && st.st_ino == db->ino);
}

/* Moves the old file's -wal or -shm (suffix) from beside the path to "<path><suffix>.oud-<inode>", when it is
 * still the one this handle used: SQLite closes a moved file without moving its WAL into it and leaves both where
 * they were, and whoever opens the new file next would read them as the new file's own, mixing two databases.
 * Open connections keep theirs (they hold it open); the old file's last commits stay in the renamed -wal. */
static void set_aside(const struct km_db *db, const char *suffix, dev_t dev, ino_t ino)
{
    char from[4200], to[4300];
    struct stat st;
    snprintf(from, sizeof from, "%s%s", db->path, suffix);
    snprintf(to, sizeof to, "%s.oud-%lu", from, (unsigned long)db->ino);
    if (ino && stat(from, &st) == 0 && st.st_dev == dev && st.st_ino == ino)
        rename(from, to); /* best effort: db_reopen refuses while it is still there */
}

/* The file at the path is not the one this process opened. Its connection is closed at once and its -wal and -shm
 * set aside (set_aside). An empty in-memory connection takes its place, so the handle stays valid; every use of it
 * is refused with the sentence until the beheerder re-opens (db_reopen). */
static void let_go(struct km_db *db)
{
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].st);
    db->ncache = 0;
    sqlite3_close(db->h);
    db->h = NULL;
    set_aside(db, "-wal", db->wal_dev, db->wal_ino);
    set_aside(db, "-shm", db->shm_dev, db->shm_ino);
    sqlite3_open_v2(":memory:", &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
    sqlite3_exec(db->h, "PRAGMA query_only = 1", NULL, NULL, NULL);
    db->released = true;
}

enum km_rc db_file_check(struct km_db *db)
{
    if (db->fault != DBFAULT_GONE && !same_file(db))
        db->fault = DBFAULT_GONE; /* also after damage: a restore moved over it must not meet this file's -wal */
    if (db->fault == DBFAULT_GONE && !db->released && sqlite3_get_autocommit(db->h))
        let_go(db);
    return db->fault ? refuse_latched(db) : KM_OK;
}

static enum km_rc prepare_cached(struct km_db *db, const char *sql, sqlite3_stmt **out)
{
    *out = NULL; /* on failure too: no caller reads it then, but none can read garbage either */
    for (int i = 0; i < db->ncache; i++) {
        if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0) {
            sqlite3_reset(db->cache[i].st);
            sqlite3_clear_bindings(db->cache[i].st);
            *out = db->cache[i].st;
            return KM_OK;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_fail(db, rc);
    if (db->ncache == STMT_CACHE) {
        /* Full: drop the oldest; the cache holds the hot statements of one screen at most. */
        sqlite3_finalize(db->cache[0].st);
        memmove(&db->cache[0], &db->cache[1], sizeof db->cache[0] * (STMT_CACHE - 1));
        db->ncache--;
    }
    db->cache[db->ncache].sql = sql;
    db->cache[db->ncache].st = st;
    db->ncache++;
    *out = st;
    return KM_OK;
}

static enum km_rc bind_args(struct km_db *db, sqlite3_stmt *st, const char *fmt, va_list ap)
{
    int n = 0, rc = SQLITE_OK;
    for (const char *f = fmt ? fmt : ""; *f && rc == SQLITE_OK; f++) {
        n++;
        switch (*f) {
        case 'i':
            rc = sqlite3_bind_int64(st, n, va_arg(ap, int64_t));
            break;
        case 'd':
            rc = sqlite3_bind_int(st, n, va_arg(ap, int));
            break;
        case 't': {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(st, n, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, n);
            break;
        }
        case 'e': {
            const char *s = va_arg(ap, const char *);
            rc = (s && *s) ? sqlite3_bind_text(st, n, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, n);
            break;
        }
        default:
            return db_fail(db, KM_ERR, _("interne fout: onbekend parametertype '%c'"), *f);
        }
    }
    return rc == SQLITE_OK ? KM_OK : sqlite_fail(db, rc);
}

static enum km_rc prepare_bind(struct km_db *db, sqlite3_stmt **st, const char *sql, const char *fmt, va_list ap)
{
    enum km_rc rc = prepare_cached(db, sql, st);
    if (rc == KM_OK)
        rc = bind_args(db, *st, fmt, ap);
    return rc;
}

enum km_rc db_exec(struct km_db *db, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, fmt);
    enum km_rc rc = prepare_bind(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc != KM_OK)
        return rc;
    /* Writes outside db_tx (a session's row) are checked as db_tx checks; inside one, BEGIN was. */
    if (!sqlite3_stmt_readonly(st) && (db->fault || (sqlite3_get_autocommit(db->h) && db_file_check(db) != KM_OK))) {
        sqlite3_reset(st);
        return refuse_latched(db);
    }
    int src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    }
    rc = src == SQLITE_DONE ? KM_OK : sqlite_fail(db, sqlite3_extended_errcode(db->h)); /* before the reset: errno */
    sqlite3_reset(st);
    return rc;
}

enum km_rc db_query(struct km_db *db, sqlite3_stmt **st, const char *sql, const char *fmt, ...)
{
    *st = NULL; /* callers may db_done() it on any path; resetting NULL is a no-op */
    va_list ap;
    va_start(ap, fmt);
    enum km_rc rc = prepare_bind(db, st, sql, fmt, ap);
    va_end(ap);
    return rc;
}

int db_step(struct km_db *db, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 0;
    }
    sqlite_fail(db, sqlite3_extended_errcode(db->h));
    sqlite3_reset(st);
    return -1;
}

void db_done(sqlite3_stmt *st) { sqlite3_reset(st); }

static enum km_rc first_row(struct km_db *db, sqlite3_stmt *st)
{
    int r = db_step(db, st);
    if (r < 0)
        return db->last_rc;
    return r ? KM_OK : KM_NOTFOUND;
}

enum km_rc db_int(struct km_db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, fmt);
    enum km_rc rc = prepare_bind(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc == KM_OK && (rc = first_row(db, st)) == KM_OK) {
        *out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    return rc;
}

enum km_rc db_text(struct km_db *db, char *buf, size_t len, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, fmt);
    enum km_rc rc = prepare_bind(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc == KM_OK && (rc = first_row(db, st)) == KM_OK) {
        snprintf(buf, len, "%s", db_col_text(st, 0));
        sqlite3_reset(st);
    }
    return rc;
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

char *db_col_dup(sqlite3_stmt *st, int col) { return strdup(db_col_text(st, col)); }

/* ---- transactions ---- */

static int raw_exec(struct km_db *db, const char *sql) { return sqlite3_exec(db->h, sql, NULL, NULL, NULL); }

enum km_rc db_tx(struct km_db *db, db_tx_fn fn, void *arg)
{
    if (!sqlite3_get_autocommit(db->h))
        return fn(db, arg); /* already inside a transaction: compose */
    if (db_file_check(db) != KM_OK)
        return KM_ERR;
    long deadline = now_ms() + TX_DEADLINE_MS;
    long backoff = 2;
    for (;;) {
        int src = raw_exec(db, "BEGIN IMMEDIATE");
        enum km_rc rc;
        if (src != SQLITE_OK) {
            rc = sqlite_fail(db, sqlite3_extended_errcode(db->h));
        } else {
            db->err[0] = '\0';
            rc = fn(db, arg);
            if (rc == KM_OK) {
                src = raw_exec(db, "COMMIT");
                if (src == SQLITE_OK)
                    return KM_OK;
                rc = sqlite_fail(db, sqlite3_extended_errcode(db->h));
            }
            if (!sqlite3_get_autocommit(db->h))
                raw_exec(db, "ROLLBACK");
        }
        if (rc != KM_BUSY || now_ms() > deadline)
            return rc;
        sleep_ms(backoff + (long)randombytes_uniform((uint32_t)backoff)); /* differs per process */
        if (backoff < 200)
            backoff *= 2;
    }
}

enum km_rc db_read(struct km_db *db, db_tx_fn fn, void *arg)
{
    if (!sqlite3_get_autocommit(db->h))
        return fn(db, arg);
    if (raw_exec(db, "BEGIN") != SQLITE_OK)
        return sqlite_fail(db, sqlite3_extended_errcode(db->h));
    enum km_rc rc = fn(db, arg);
    raw_exec(db, rc == KM_OK ? "COMMIT" : "ROLLBACK");
    return rc;
}

enum km_rc db_data_version(struct km_db *db, int64_t *out) { return db_int(db, out, "PRAGMA data_version", NULL); }

/* ---- opening ---- */

static enum km_rc precheck_file(const char *path, enum db_open_mode mode, bool *exists, char *err, size_t errlen)
{
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", path);
    const char *dir = dirname(dirbuf);
    struct stat sd;
    if (stat(dir, &sd) != 0 || !S_ISDIR(sd.st_mode)) {
        snprintf(err, errlen, _("De map %s bestaat niet; maak haar eerst aan."), dir);
        return KM_NOTFOUND;
    }
    struct stat sf;
    *exists = stat(path, &sf) == 0;
    if (!*exists) {
        if (mode == DB_OPEN_EXISTING) {
            snprintf(err, errlen, _("De database %s bestaat niet; maak er een met 'klassenmap init --school NAAM'."),
                     path);
            return KM_NOTFOUND;
        }
    } else {
        if (!S_ISREG(sf.st_mode)) {
            snprintf(err, errlen, _("%s is geen bestand, dus geen klassenmap-database."), path);
            return KM_INVALID;
        }
        char head[16] = {0};
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 && (errno == EACCES || errno == EPERM)) { /* no permission is not "not a database" */
            dbfault_sentence(DBFAULT_PERMISSION, path, err, errlen);
            return KM_DENIED;
        }
        ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
        if (fd >= 0)
            close(fd);
        if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
            snprintf(err, errlen, _("%s is geen klassenmap-database (geen SQLite-bestand); er is niets gewijzigd."),
                     path);
            return KM_INVALID;
        }
        /* Root ignores permission bits, so a file marked read-only is honoured explicitly. */
        if ((sf.st_mode & 0222) != 0 && access(path, W_OK) != 0 && errno == EACCES) {
            dbfault_sentence(DBFAULT_PERMISSION, path, err, errlen);
            return KM_DENIED;
        }
        /* A -wal or -shm left by another account (klassenmap once started as root): SQLite would call the whole
         * database read-only. */
        for (int i = 0; i < 2; i++) {
            char side[4200];
            snprintf(side, sizeof side, "%s-%s", path, i ? "shm" : "wal");
            if (access(side, F_OK) == 0 && access(side, R_OK | W_OK) != 0 && errno == EACCES) {
                dbfault_sentence(DBFAULT_PERMISSION, side, err, errlen);
                return KM_DENIED;
            }
        }
        if ((sf.st_mode & 0222) == 0 || access(path, W_OK) != 0) {
            snprintf(err, errlen, _("De database %s is alleen-lezen; klassenmap moet erin kunnen schrijven."), path);
            return KM_READONLY;
        }
    }
    if ((sd.st_mode & 0222) == 0 || access(dir, W_OK) != 0) {
        snprintf(
            err, errlen,
            _("De map %s is niet schrijfbaar; klassenmap moet er de database en haar logbestand kunnen schrijven."),
            dir);
        return KM_READONLY;
    }
    return KM_OK;
}

static enum km_rc check_identity(struct km_db *db, bool existed)
{
    int64_t app_id = 0, user_version = 0, tables = 0;
    enum km_rc rc = db_int(db, &app_id, "PRAGMA application_id", NULL);
    if (rc == KM_OK)
        rc = db_int(db, &user_version, "PRAGMA user_version", NULL);
    if (rc == KM_OK)
        rc = db_int(db, &tables, "SELECT count(*) FROM sqlite_master", NULL);
    if (rc != KM_OK && db->last_fault != DBFAULT_NONE && db->last_fault != DBFAULT_OTHER)
        return rc; /* the message names the cause: a full disk, no permission, a damaged file, ... */
    if (rc != KM_OK)
        return db_fail(db, KM_INVALID, _("%s is geen geldige klassenmap-database (onleesbaar)."), db->path);
    if (existed && app_id != KM_APPLICATION_ID && (tables > 0 || user_version > 0))
        return db_fail(
            db, KM_INVALID,
            _("%s is een SQLite-bestand van een ander programma, geen klassenmap-database; er is niets gewijzigd."),
            db->path);
    if (user_version > schema_migration_count())
        return db_fail(db, KM_INVALID,
                       _("%s komt van een nieuwere versie van klassenmap (schema %lld; deze versie kent t/m %d); werk "
                         "klassenmap bij."),
                       db->path, (long long)user_version, schema_migration_count());
    return KM_OK;
}

static enum km_rc apply_one_migration(struct km_db *db, void *arg)
{
    int version = *(int *)arg;
    int64_t current = 0;
    enum km_rc rc = db_int(db, &current, "PRAGMA user_version", NULL);
    if (rc != KM_OK || current >= version)
        return rc; /* another process migrated meanwhile */
    char *msg = NULL;
    if (sqlite3_exec(db->h, schema_migration_sql(version), NULL, NULL, &msg) != SQLITE_OK) {
        db_fail(db, KM_ERR, _("Bijwerken naar schema %d mislukt: %s"), version, msg ? msg : "?");
        sqlite3_free(msg);
        return KM_ERR;
    }
    char pragma[128];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d", version, KM_APPLICATION_ID);
    return raw_exec(db, pragma) == SQLITE_OK ? KM_OK : sqlite_fail(db, sqlite3_extended_errcode(db->h));
}

static enum km_rc migrate(struct km_db *db)
{
    int64_t current = 0;
    enum km_rc rc = db_int(db, &current, "PRAGMA user_version", NULL);
    for (int v = (int)current + 1; rc == KM_OK && v <= schema_migration_count(); v++)
        rc = db_tx(db, apply_one_migration, &v);
    return rc;
}

static enum km_rc configure(struct km_db *db)
{
    char mode[16] = "";
    sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
    enum km_rc rc = db->memory ? KM_OK : db_text(db, mode, sizeof mode, "PRAGMA journal_mode = WAL", NULL);
    if (rc == KM_OK && !db->memory && strcmp(mode, "wal") != 0)
        return db_fail(db, KM_ERR, _("De database %s kan niet in WAL-modus (journal_mode=%s)."), db->path, mode);
    if (rc == KM_OK && names_sql_register(db->h) != SQLITE_OK) /* the one name order, for ORDER BY */
        rc = sqlite_fail(db, sqlite3_extended_errcode(db->h));
    /* NORMAL in WAL mode: a crash of the program (kill -9) never loses a commit; a power cut may
     * lose the last commits but never corrupts the file. FULL would fsync every status change. */
    if (rc == KM_OK && raw_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
                                    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -4000") != SQLITE_OK)
        rc = sqlite_fail(db, sqlite3_extended_errcode(db->h));
    /* Sessions stay open all day, so the WAL must be emptied while they run, not only when the last one
     * closes: a commit that leaves more than WAL_CHECKPOINT_PAGES_STR pages in the WAL checkpoints (PASSIVE:
     * it never waits for anyone), and the next writer then starts the file from the beginning again. The
     * screens read in short transactions only, so no reader holds that back for long. After a burst (a big
     * import) a restarted file is cut back to WAL_SIZE_LIMIT_STR bytes, so its size on disk stays bounded
     * too. Set here, not left to SQLite's defaults, because the bound is part of the design. */
    if (rc == KM_OK && raw_exec(db, "PRAGMA wal_autocheckpoint = " WAL_CHECKPOINT_PAGES_STR
                                    "; PRAGMA journal_size_limit = " WAL_SIZE_LIMIT_STR) != SQLITE_OK)
        rc = sqlite_fail(db, sqlite3_extended_errcode(db->h));
    return rc;
}

/* A test clock is for demo schools only (core/clock.h): a file without a school yet is on its way to being one. */
static void tell_clock(struct km_db *db)
{
    int64_t real = 0;
    db_int(db, &real, "SELECT count(*) FROM school WHERE NOT demo", NULL);
    clock_database_opened(real == 0);
}

enum km_rc db_open(const char *path, enum db_open_mode mode, struct km_db **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!path || !*path) {
        snprintf(err, errlen, _("Geen database opgegeven (--db, KLASSENMAP_DB of 'database' in de configuratie)."));
        return KM_INVALID;
    }
    bool existed = false;
    enum km_rc rc = precheck_file(path, mode, &existed, err, errlen);
    if (rc != KM_OK)
        return rc;
    struct km_db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errlen, _("Onvoldoende geheugen."));
        return KM_ERR;
    }
    snprintf(db->path, sizeof db->path, "%s", path);
    int flags = SQLITE_OPEN_READWRITE | (mode == DB_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
    int src = sqlite3_open_v2(path, &db->h, flags, NULL);
    struct stat st;
    if (src != SQLITE_OK || stat(path, &st) != 0) {
        enum dbfault f = src != SQLITE_OK
                             ? dbfault_classify(sqlite3_extended_errcode(db->h), sqlite3_system_errno(db->h))
                             : DBFAULT_OTHER; /* gone between the open and the stat */
        if (f == DBFAULT_OTHER || f == DBFAULT_IO)
            snprintf(err, errlen, _("De database %s kan niet worden geopend: %s."), path, sqlite3_errmsg(db->h));
        else
            dbfault_sentence(f, path, err, errlen);
        db_close(db);
        return KM_ERR;
    }
    db->dev = st.st_dev;
    db->ino = st.st_ino;
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
    rc = check_identity(db, existed);
    if (rc == KM_OK)
        rc = configure(db);
    if (rc == KM_OK)
        rc = migrate(db);
    if (rc == KM_OK)
        tell_clock(db);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", path);
    if (rc == KM_OK && stat(side, &st) == 0) {
        db->wal_dev = st.st_dev;
        db->wal_ino = st.st_ino;
    }
    snprintf(side, sizeof side, "%s-shm", path);
    if (rc == KM_OK && stat(side, &st) == 0) {
        db->shm_dev = st.st_dev;
        db->shm_ino = st.st_ino;
    }
    if (rc != KM_OK) {
        snprintf(err, errlen, "%s", db->err);
        db_close(db);
        return rc;
    }
    db->err[0] = '\0';
    *out = db;
    return KM_OK;
}

enum km_rc db_open_memory(struct km_db **out, char *err, size_t errlen)
{
    *out = NULL;
    struct km_db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errlen, _("Onvoldoende geheugen."));
        return KM_ERR;
    }
    snprintf(db->path, sizeof db->path, ":memory:");
    db->memory = true;
    if (sqlite3_open_v2(db->path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, _("De database %s kan niet worden geopend: %s."), db->path, sqlite3_errmsg(db->h));
        db_close(db);
        return KM_ERR;
    }
    sqlite3_extended_result_codes(db->h, 1);
    enum km_rc rc = check_identity(db, false);
    if (rc == KM_OK)
        rc = configure(db);
    if (rc == KM_OK)
        rc = migrate(db);
    if (rc == KM_OK)
        tell_clock(db);
    if (rc != KM_OK) {
        snprintf(err, errlen, "%s", db->err);
        db_close(db);
        return rc;
    }
    db->err[0] = '\0';
    *out = db;
    return KM_OK;
}

void db_close(struct km_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    free(db);
}

enum km_rc db_health(struct km_db *db, struct db_health *out)
{
    int64_t schema = 0;
    memset(out, 0, sizeof *out);
    enum km_rc rc = db_text(db, out->integrity, sizeof out->integrity, "PRAGMA integrity_check", NULL);
    if (rc == KM_OK)
        rc = db_text(db, out->journal_mode, sizeof out->journal_mode, "PRAGMA journal_mode", NULL);
    if (rc == KM_OK)
        rc = db_int(db, &schema, "PRAGMA user_version", NULL);
    out->schema = (int)schema;
    if (rc == KM_OK) {
        sqlite3_stmt *st;
        rc = db_query(db, &st, "PRAGMA foreign_key_check", NULL);
        int r;
        while (rc == KM_OK && (r = db_step(db, st)) != 0) {
            if (r < 0)
                return db_last_rc(db);
            out->fk_errors++;
        }
    }
    return rc;
}

enum km_rc db_reopen(struct km_db *db, char *err, size_t errlen)
{
    /* SQLite closes a moved file without moving its WAL into it, and leaves the -wal beside the path: opened with
     * the new file, its pages would be read as the new file's. The beheerder sets it aside first. */
    struct stat st;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", db->path);
    if (!same_file(db) && db->wal_ino && stat(wal, &st) == 0 && st.st_dev == db->wal_dev && st.st_ino == db->wal_ino) {
        snprintf(err, errlen,
                 _("Naast het nieuwe bestand staat nog het logbestand van het oude (%s-wal): geopend met "
                   "het nieuwe zou het dat beschadigen. Zet %s-wal en %s-shm opzij en kies dan opnieuw."),
                 db->path, db->path, db->path);
        return KM_CONFLICT;
    }
    if (db->fault == DBFAULT_DAMAGED && same_file(db)) {
        snprintf(err, errlen,
                 _("Op de plaats van de database %s staat nog hetzelfde beschadigde bestand; zet eerst de "
                   "laatste reservekopie terug."),
                 db->path);
        return KM_CONFLICT;
    }
    struct km_db *fresh;
    enum km_rc rc = db_open(db->path, DB_OPEN_EXISTING, &fresh, err, errlen);
    if (rc != KM_OK)
        return rc;
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    *db = *fresh; /* the handle callers hold stays valid; it now works on the file at the path */
    free(fresh);
    return KM_OK;
}

#define INTEGRITY_MAX_FINDINGS "100"

int db_integrity_file(const char *path, void (*fn)(void *ctx, const char *finding), void *ctx, char *err, size_t errlen)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int n = 0, src = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
    if (src == SQLITE_OK) {
        sqlite3_extended_result_codes(h, 1);
        sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
        src = sqlite3_prepare_v2(h, "PRAGMA integrity_check(" INTEGRITY_MAX_FINDINGS ")", -1, &st, NULL);
    }
    while (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (t && strcmp((const char *)t, "ok") != 0) {
            fn(ctx, (const char *)t);
            n++;
        }
        src = SQLITE_OK;
    }
    if (src != SQLITE_DONE) {
        enum dbfault f = dbfault_classify(h ? sqlite3_extended_errcode(h) : src, h ? sqlite3_system_errno(h) : 0);
        dbfault_sentence(f, path, err, errlen);
        if (f == DBFAULT_DAMAGED) { /* integrity_check could not even walk the file: that is a finding too */
            fn(ctx, h ? sqlite3_errmsg(h) : "?");
            n++;
        } else {
            n = -1;
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}
