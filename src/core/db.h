/* The school database as the screens and the command line see it: an opaque handle that opens and closes,
 * its last message, the data version to poll, its health and faults. The SQL side (transactions, statements)
 * is core's own, in core/db_sql.h: src/tui and src/cli cannot include it (the build refuses sqlite3.h there). */
#ifndef KM_DB_H
#define KM_DB_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "core/dbfault.h"
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

/* PRAGMA data_version: changes when another connection committed. Cheap; poll it while idle. */
enum km_rc db_data_version(struct km_db *db, int64_t *out);

struct db_health {
    char integrity[256];   /* "ok" or the first problem PRAGMA integrity_check reports */
    char journal_mode[16]; /* "wal" */
    int schema;            /* PRAGMA user_version */
    int64_t fk_errors;     /* rows that point to something that no longer exists */
};
/* Reads the database's health for `klassenmap check`. */
enum km_rc db_health(struct km_db *db, struct db_health *out);

/* DBFAULT_DAMAGED or DBFAULT_GONE once this process met a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) or found
 * another file, or none, at its path; from then on every write is refused with that sentence. DBFAULT_NONE else. */
enum dbfault db_fault(const struct km_db *db);
/* PRAGMA quick_check, once per handle (it reads the whole file: about 0.7 s for 36 MB): a finding latches
 * DBFAULT_DAMAGED. For the beheerder's home screen, so the damage another process met is seen there too. */
enum dbfault db_probe(struct km_db *db);
/* Whether the file at the path is still the one opened (device and inode): call it when polling. Not: the fault
 * latches (GONE), the sentence is set and KM_ERR returned. db_tx and writing db_exec check it themselves. */
enum km_rc db_file_check(struct km_db *db);
/* Opens the file now at the path again in place of the old one (the beheerder's choice after DBFAULT_GONE): on
 * success the handle works on the new file with no fault; on failure err says why and the handle is unchanged. */
enum km_rc db_reopen(struct km_db *db, char *err, size_t errlen);
/* PRAGMA integrity_check on a read-only connection of its own: fn gets each finding. Returns how many (0: the file
 * is in order), or -1 with err when the check could not run (a full disk, no permission, ...). */
int db_integrity_file(const char *path, void (*fn)(void *ctx, const char *finding), void *ctx, char *err,
                      size_t errlen);

/* The program's now (clock_now: a test clock on a demo school) as 'YYYY-MM-DD HH:MM:SS' in UTC, the format every
 * timestamp column uses. Lock-outs and reset codes use clock_system() instead. */
void db_now(char buf[20]);

#ifdef __clang_analyzer__
/* For `make analyze` only: clang's analyzer looks at one file at a time, so it cannot see that db_fail returns the
 * rc it was given, and follows paths where a failure "returns KM_OK" with its out-parameters unset. This says what
 * db.c does (a macro naming itself calls the function). db_sql.h does the same for db_last_rc. */
#define db_fail(db, rc, ...) (db_fail((db), (rc), __VA_ARGS__), (rc))
#endif

#endif
