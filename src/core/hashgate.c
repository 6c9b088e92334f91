#include "core/hashgate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define WAIT_STEP_MS 5

struct gate {
    int fd;
};

static void pause_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

static bool lock_slot(int fd, int slot)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = slot, .l_len = 1};
    return fcntl(fd, F_SETLK, &fl) == 0;
}

/* Each of the max slots is one byte of the lock file, locked with fcntl: the kernel frees it when a
 * process dies, so a killed session never keeps a slot. */
static void gate_enter(struct km_db *db, int max, struct gate *g)
{
    g->fd = -1;
    if (max <= 0)
        return;
    char path[4200];
    snprintf(path, sizeof path, "%s.hashlock", db_path(db));
    g->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (g->fd < 0)
        return; /* without the file we still hash: a login must not fail over a lock file */
    for (;;) {
        for (int slot = 0; slot < max; slot++) {
            if (lock_slot(g->fd, slot))
                return;
            if (errno != EACCES && errno != EAGAIN) { /* no locking here at all (ENOLCK …): do not wait forever */
                close(g->fd);
                g->fd = -1;
                return;
            }
        }
        pause_ms(WAIT_STEP_MS);
    }
}

static void gate_leave(struct gate *g)
{
    if (g->fd >= 0)
        close(g->fd); /* closing releases the process's locks on the file */
}

enum km_rc hashgate_hash(struct km_db *db, int max, const char *password, const struct auth_params *p,
                         char out[AUTH_HASH_LEN])
{
    struct gate g;
    gate_enter(db, max, &g);
    enum km_rc rc = auth_hash(password, p, out);
    gate_leave(&g);
    return rc;
}

bool hashgate_verify(struct km_db *db, int max, const char *hash, const char *password)
{
    struct gate g;
    gate_enter(db, max, &g);
    bool ok = auth_verify(hash, password);
    gate_leave(&g);
    return ok;
}
