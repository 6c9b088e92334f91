/* `klassenmap backup FILE`: a consistent copy of the school database while people keep working in it, made
 * with SQLite's online backup, checked, and only then put in place. */
#ifndef KM_BACKUP_H
#define KM_BACKUP_H

#include "core/session.h"

struct backup_info {
    int64_t bytes;       /* size of the copy */
    char integrity[256]; /* "ok", or the first problem PRAGMA integrity_check found */
};

/* Copies the open database of s to dest. The copy is one self-contained file (rollback journal, not WAL),
 * written beside dest under a temporary name, checked with PRAGMA integrity_check, synced and renamed onto
 * dest, so dest is either the old file or a complete checked copy, never half of one. Refuses an existing
 * dest (or a leftover dest-wal / dest-journal, which SQLite would apply to the copy) unless force, and dest
 * being the database itself. Only the server's command line may do this: a backup holds every account.
 * The source is read in one read transaction: writers go on meanwhile (WAL), and the copy is the database as
 * it was at one moment. */
enum km_rc backup_to_file(const struct km_session *s, const char *dest, bool force, struct backup_info *out);

#endif
