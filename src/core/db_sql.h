/* The SQL side of the school database, for core and sync only: transactions, statements and their helpers.
 * The build keeps it out of src/tui and src/cli (their objects see a sqlite3.h that stops the compiler, see
 * src/guard/), so screens and commands reach data only through core's functions. */
#ifndef KM_DB_SQL_H
#define KM_DB_SQL_H

#include <sqlite3.h>

#include "core/db.h"

/* Runs fn inside one BEGIN IMMEDIATE transaction and commits; any error rolls it back.
 * When the database is busy (another process writes) the whole transaction is retried, so fn must
 * have no effects outside the database before it returns KM_OK. */
typedef enum km_rc (*db_tx_fn)(struct km_db *db, void *arg);
enum km_rc db_tx(struct km_db *db, db_tx_fn fn, void *arg);

/* Runs fn inside one short read transaction, so several queries see the same moment. Composes with an
 * open transaction. Never hold it while waiting for a person: readers would keep the WAL from shrinking. */
enum km_rc db_read(struct km_db *db, db_tx_fn fn, void *arg);

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

/* The SQLite connection itself, for the few core modules that need an API the helpers above do not cover
 * (the online backup). Never for SQL: that goes through db_exec and friends. */
sqlite3 *db_handle(struct km_db *db);

#ifdef __clang_analyzer__
/* For `make analyze` only (see db_fail in db.h): db_last_rc is never KM_OK, which the analyzer cannot see from here.
 * A GNU statement expression, so the function is called once; the analyzer takes GNU C. */
#define db_last_rc(db)                                                                                                 \
    ({                                                                                                                 \
        enum km_rc rc_ = db_last_rc(db);                                                                               \
        rc_ != KM_OK ? rc_ : KM_ERR;                                                                                   \
    })
#endif

#endif
