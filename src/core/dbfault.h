/* What went wrong with the database file, named for a person: SQLite's extended result code and the errno of
 * the system call under it (sqlite3_system_errno) map to one cause, and each cause to one sentence. A full disk
 * that makes SQLite fail writing its -shm file at open is "de schijf is vol", not "geen geldige database". */
#ifndef KM_DBFAULT_H
#define KM_DBFAULT_H

#include <stddef.h>

enum dbfault {
    DBFAULT_NONE = 0,
    DBFAULT_FULL,       /* ENOSPC, EDQUOT, SQLITE_FULL */
    DBFAULT_TOOBIG,     /* EFBIG: a file-size limit (ulimit -f; SIGXFSZ is ignored so write returns EFBIG) */
    DBFAULT_PERMISSION, /* EACCES, EPERM, SQLITE_PERM */
    DBFAULT_READONLY,   /* EROFS, SQLITE_READONLY */
    DBFAULT_LOCKED,     /* SQLITE_BUSY, SQLITE_LOCKED */
    DBFAULT_DAMAGED,    /* SQLITE_CORRUPT, SQLITE_NOTADB past the header check */
    DBFAULT_IO,         /* SQLITE_IOERR with no more telling errno (EIO: the disk itself) */
    DBFAULT_GONE,       /* the file at the path was deleted or replaced while the process had it open */
    DBFAULT_NOMEM,
    DBFAULT_OTHER,
};

/* The cause of a failure with SQLite's extended result code ext and the system's errno (0 when none). */
enum dbfault dbfault_classify(int ext, int sys_errno);
/* True for the causes after which this process writes nothing more (the file is damaged or not ours any more). */
int dbfault_is_fatal(enum dbfault f);
/* One sentence for a person, naming path; translated. */
void dbfault_sentence(enum dbfault f, const char *path, char *buf, size_t len);

#endif
