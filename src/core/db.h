/* The school database: opening, migrations, short write transactions, statement helpers.
 * Only core includes sqlite3.h; screens and commands see struct km_db as an opaque handle. */
#ifndef KM_DB_H
#define KM_DB_H

#include <sqlite3.h>
#include <stdarg.h>

#include "core/km.h"

struct km_db;

enum db_open_mode {
    DB_OPEN_EXISTING, /* the file must exist and be a klassenmap database */
    DB_OPEN_CREATE,   /* create it when absent (init, demo) */
};

/* Opens (and migrates) the database at path. On failure returns non-KM_OK, leaves *out NULL and
 * writes one Dutch sentence to err; the file is never changed by a failed open. */
enum km_rc db_open(const char *path, enum db_open_mode mode, struct km_db **out, char *err, size_t errlen);
/* A database in memory with the whole schema, for the fuzz harnesses: private to this handle, gone at db_close,
 * never in WAL mode. Same failures as db_open. */
enum km_rc db_open_memory(struct km_db **out, char *err, size_t errlen);
void db_close(struct km_db *db);

/* The last error of this handle as one sentence (empty when none). */
const char *db_errmsg(const struct km_db *db);
/* Sets the handle's message (printf-style) and returns rc, so callers can write `return db_fail(...)`. */
enum km_rc db_fail(struct km_db *db, enum km_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *db_path(const struct km_db *db);
int db_schema_version(void);

/* Runs fn inside one BEGIN IMMEDIATE transaction and commits; any error rolls it back.
 * When the database is busy (another process writes) the whole transaction is retried, so fn must
 * have no effects outside the database before it returns KM_OK. */
typedef enum km_rc (*db_tx_fn)(struct km_db *db, void *arg);
enum km_rc db_tx(struct km_db *db, db_tx_fn fn, void *arg);

/* Runs fn inside one short read transaction, so several queries see the same moment. Composes with an
 * open transaction. Never hold it while waiting for a person: readers would keep the WAL from shrinking. */
enum km_rc db_read(struct km_db *db, db_tx_fn fn, void *arg);

/* PRAGMA data_version: changes when another connection committed. Cheap; poll it while idle. */
enum km_rc db_data_version(struct km_db *db, int64_t *out);

/* ---- statement helpers (core only) ----
 * fmt has one letter per parameter: 'i' int64_t, 'd' int, 't' const char * (NULL binds NULL),
 * 'e' const char * where "" binds NULL. Statements are prepared once and cached per handle. */
enum km_rc db_exec(struct km_db *db, const char *sql, const char *fmt, ...);
/* Prepares sql, binds, and returns the statement in *st; iterate with db_step. No finalize needed:
 * the cached statement is reset by the next use or by db_done. */
enum km_rc db_query(struct km_db *db, sqlite3_stmt **st, const char *sql, const char *fmt, ...);
/* The result code of the handle's last failure (after db_step returned -1). */
enum km_rc db_last_rc(const struct km_db *db); /* never KM_OK */
/* 1 = a row is ready, 0 = no more rows, -1 = error (message set). */
int db_step(struct km_db *db, sqlite3_stmt *st);
void db_done(sqlite3_stmt *st);
/* Single-value queries; KM_NOTFOUND when no row. */
enum km_rc db_int(struct km_db *db, int64_t *out, const char *sql, const char *fmt, ...);
/* Copies the first column of the first row into buf (truncating safely). */
enum km_rc db_text(struct km_db *db, char *buf, size_t len, const char *sql, const char *fmt, ...);
int64_t db_last_id(struct km_db *db);
int db_changes(struct km_db *db);
/* Column text that is never NULL. */
__attribute__((returns_nonnull)) const char *db_col_text(sqlite3_stmt *st, int col);
/* A malloc'd copy of column text (never NULL); NULL only when out of memory. */
char *db_col_dup(sqlite3_stmt *st, int col);

struct db_health {
    char integrity[256];   /* "ok" or the first problem PRAGMA integrity_check reports */
    char journal_mode[16]; /* "wal" */
    int schema;            /* PRAGMA user_version */
    int64_t fk_errors;     /* rows that point to something that no longer exists */
};
/* Reads the database's health for `klassenmap check`. */
enum km_rc db_health(struct km_db *db, struct db_health *out);

/* The SQLite connection itself, for the few core modules that need an API the helpers above do not cover
 * (the online backup). Never for SQL: that goes through db_exec and friends. */
sqlite3 *db_handle(struct km_db *db);

/* The program's now (clock_now: a test clock on a demo school) as 'YYYY-MM-DD HH:MM:SS' in UTC, the format every
 * timestamp column uses. Lock-outs and reset codes use clock_system() instead. */
void db_now(char buf[20]);

#ifdef __clang_analyzer__
/* For `make analyze` only: clang's analyzer looks at one file at a time, so it cannot see that db_fail returns the
 * rc it was given and that db_last_rc is never KM_OK, and follows paths where a failure "returns KM_OK" with its
 * out-parameters unset. These say what db.c does (a macro naming itself calls the function; the analyzer takes GNU C). */
#define db_fail(db, rc, ...) (db_fail((db), (rc), __VA_ARGS__), (rc))
#define db_last_rc(db) ({ enum km_rc rc_ = db_last_rc(db); rc_ != KM_OK ? rc_ : KM_ERR; })
#endif

#endif
