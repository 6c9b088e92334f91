/* Hearing of another process's commit from the kernel rather than by asking the database every second: an
 * inotify descriptor that becomes readable when the database file or its -wal file is written. Every write
 * counts, this process's own included, so a wake-up is only a reason to ask db_data_version, never a change
 * in itself. Where inotify cannot be had (no -wal yet, a file system without it, no watches left) the
 * descriptor is -1 and the caller goes on polling. */
#ifndef KM_DBWATCH_H
#define KM_DBWATCH_H

#include <stdbool.h>

#include "core/db.h"

struct dbwatch {
    int fd; /* -1: none; poll(2) it for POLLIN */
    int wd_db, wd_wal;
};

/* Watches db's file and -wal file. */
void dbwatch_open(struct dbwatch *w, struct km_db *db);
/* Reads what is waiting after POLLIN. False when a watched file went away (replaced, removed): open the watch
 * again (after dbwatch_close) when the database has its files back. */
bool dbwatch_drain(struct dbwatch *w);
void dbwatch_close(struct dbwatch *w);

#endif
