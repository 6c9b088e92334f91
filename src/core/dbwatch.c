#include "core/dbwatch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define WATCH_MASK (IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)

void dbwatch_open(struct dbwatch *w, struct km_db *db)
{
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->wd_db = w->wd_wal = -1;
    if (w->fd < 0)
        return;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", db_path(db));
    w->wd_db = inotify_add_watch(w->fd, db_path(db), WATCH_MASK);
    w->wd_wal = inotify_add_watch(w->fd, wal, WATCH_MASK);
    if (w->wd_db < 0 || w->wd_wal < 0) /* without the -wal every commit would go unheard: poll instead */
        dbwatch_close(w);
}

bool dbwatch_drain(struct dbwatch *w)
{
    char buf[4096];
    bool kept = true;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0)
            return kept && (errno == EAGAIN || errno == EINTR);
        if (n == 0)
            return kept;
        for (const char *p = buf; p + sizeof(struct inotify_event) <= buf + n;) {
            struct inotify_event e; /* the header only, copied: the buffer's bytes need not be aligned */
            memcpy(&e, p, sizeof e);
            if (e.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
                kept = false;
            p += sizeof e + e.len;
        }
    }
}

void dbwatch_close(struct dbwatch *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = w->wd_db = w->wd_wal = -1;
}
