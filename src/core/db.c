#include "core/db.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
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
    bool memory; /* db_open_memory: no file, so no WAL */
};

int db_schema_version(void) { return schema_migration_count(); }
const char *db_errmsg(const struct km_db *db) { return db ? db->err : ""; }
const char *db_path(const struct km_db *db) { return db->path; }
int64_t db_last_id(struct km_db *db) { return sqlite3_last_insert_rowid(db->h); }
sqlite3 *db_handle(struct km_db *db) { return db->h; }
enum km_rc (db_last_rc)(const struct km_db *db) { return db->last_rc != KM_OK ? db->last_rc : KM_ERR; }
int db_changes(struct km_db *db) { return sqlite3_changes(db->h); }

enum km_rc (db_fail)(struct km_db *db, enum km_rc rc, const char *fmt, ...)
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

/* Maps a SQLite result to ours and words the message for a person, not a programmer. */
static enum km_rc sqlite_fail(struct km_db *db, int src)
{
    int primary = src & 0xff;
    switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return db_fail(db, KM_BUSY, _("De database is bezet door een ander programma; probeer het zo opnieuw."));
    case SQLITE_CONSTRAINT:
        if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
            return db_fail(db, KM_EXISTS, _("Dit bestaat al (%s)."), sqlite3_errmsg(db->h));
        return db_fail(db, KM_INVALID, _("Ongeldige verwijzing of waarde (%s)."), sqlite3_errmsg(db->h));
    case SQLITE_READONLY:
        return db_fail(db, KM_ERR, _("De database %s is alleen-lezen."), db->path);
    case SQLITE_FULL:
        return db_fail(db, KM_ERR, _("De schijf is vol; er is niets gewijzigd."));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return db_fail(db, KM_ERR, _("%s is geen geldige klassenmap-database."), db->path);
    default:
        return db_fail(db, KM_ERR, "Databasefout: %s.", sqlite3_errmsg(db->h));
    }
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
        case 'i': rc = sqlite3_bind_int64(st, n, va_arg(ap, int64_t)); break;
        case 'd': rc = sqlite3_bind_int(st, n, va_arg(ap, int)); break;
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
    int src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    }
    sqlite3_reset(st);
    return src == SQLITE_DONE ? KM_OK : sqlite_fail(db, sqlite3_extended_errcode(db->h));
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

enum km_rc db_data_version(struct km_db *db, int64_t *out)
{
    return db_int(db, out, "PRAGMA data_version", NULL);
}

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
        ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
        if (fd >= 0)
            close(fd);
        if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
            snprintf(err, errlen, _("%s is geen klassenmap-database (geen SQLite-bestand); er is niets gewijzigd."),
                     path);
            return KM_INVALID;
        }
        /* Root ignores permission bits, so a file marked read-only is honoured explicitly. */
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
    if (rc != KM_OK)
        return db_fail(db, rc == KM_BUSY ? KM_BUSY : KM_INVALID, _("%s is geen geldige klassenmap-database (%s)."),
                       db->path, rc == KM_BUSY ? "bezet" : "onleesbaar");
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

/* Opens db->path with flags, checks, configures and migrates it; on failure frees db. */
static enum km_rc open_handle(struct km_db *db, int flags, bool existed, struct km_db **out, char *err, size_t errlen)
{
    const char *path = db->path;
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, _("De database %s kan niet worden geopend: %s."), path, sqlite3_errmsg(db->h));
        db_close(db);
        return KM_ERR;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
    enum km_rc rc = check_identity(db, existed);
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
    return open_handle(db, flags, existed, out, err, errlen);
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
    return open_handle(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, false, out, err, errlen);
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
