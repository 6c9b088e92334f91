#include "core/hashgate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

/* The lock file beside the database holds no data that matters to the locks themselves; fcntl locks may lie
 * beyond the end of a file. Its bytes hold the queue's counter and, per slot, the ticket that last took it.
 *
 * Lock layout (one byte each):
 *   COUNTER_LOCK          held for a moment to draw a ticket
 *   SLOT_BASE + i         slot i, held while hashing (at most max at once)
 *   TURN_BASE + t % RING  held by the holder of ticket t from drawing it until it has a slot
 * Ticket t waits (F_SETLKW: asleep in the kernel) on the turn byte of ticket t - 1, so the waiters go one by one
 * in the order they came; the one at the front waits, again asleep, on the slot taken longest ago. The kernel
 * drops every lock of a process that dies, so a killed session never keeps a slot or its place in the queue. */
#define COUNTER_LOCK 0
#define SLOT_BASE 64
#define TURN_BASE 4096
#define TURN_RING 65536
#define SLOTS_MAX 1024

struct gate {
    int fd;
    int slot;
};

static int lock_byte(int fd, off_t at, bool wait, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};
    for (;;) {
        if (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) == 0)
            return 0;
        if (errno != EINTR) /* a signal (a resize, a hangup) only interrupts the wait */
            return errno;
    }
}

static bool take(int fd, off_t at) { return lock_byte(fd, at, true, F_WRLCK) == 0; }
static void give(int fd, off_t at) { lock_byte(fd, at, false, F_UNLCK); }

static int64_t read_i64(int fd, off_t at)
{
    int64_t v = 0;
    return pread(fd, &v, sizeof v, at) == (ssize_t)sizeof v ? v : 0;
}

static void write_i64(int fd, off_t at, int64_t v)
{
    if (pwrite(fd, &v, sizeof v, at) != (ssize_t)sizeof v) {
        /* the order of the next waiters is then a little less fair; the locks still hold */
    }
}

static off_t slot_seq_at(int slot) { return (off_t)sizeof(int64_t) * (1 + slot); }

/* A free slot, or -1 when all are taken; fills *oldest with the slot whose holder came first. */
static int free_slot(int fd, int max, int *oldest)
{
    int64_t best = INT64_MAX;
    *oldest = 0;
    for (int i = 0; i < max; i++) {
        int r = lock_byte(fd, SLOT_BASE + i, false, F_WRLCK);
        if (r == 0)
            return i;
        if (r != EACCES && r != EAGAIN)
            return -2;
        int64_t seq = read_i64(fd, slot_seq_at(i));
        if (seq < best) {
            best = seq;
            *oldest = i;
        }
    }
    return -1;
}

static void gate_fail(struct gate *g)
{
    close(g->fd);
    g->fd = -1;
}

/* Without the file or without locking (ENOLCK …) the password is hashed all the same: a login must not fail,
 * nor wait forever, over a lock file. */
static void gate_enter(struct km_db *db, int max, struct gate *g)
{
    g->fd = -1;
    g->slot = -1;
    if (max <= 0)
        return;
    if (max > SLOTS_MAX)
        max = SLOTS_MAX;
    char path[4200];
    snprintf(path, sizeof path, "%s.hashlock", db_path(db));
    g->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (g->fd < 0)
        return;
    if (!take(g->fd, COUNTER_LOCK))
        return gate_fail(g);
    int64_t ticket = read_i64(g->fd, 0) + 1;
    write_i64(g->fd, 0, ticket);
    bool queued = take(g->fd, TURN_BASE + ticket % TURN_RING);
    give(g->fd, COUNTER_LOCK);
    if (!queued)
        return gate_fail(g);
    off_t before = TURN_BASE + (ticket - 1 + TURN_RING) % TURN_RING;
    if (!take(g->fd, before)) /* the one before has a slot (or left the queue) */
        return gate_fail(g);
    give(g->fd, before);
    int oldest;
    int slot = free_slot(g->fd, max, &oldest);
    if (slot == -1 && take(g->fd, SLOT_BASE + oldest))
        slot = oldest;
    if (slot < 0)
        return gate_fail(g);
    g->slot = slot;
    write_i64(g->fd, slot_seq_at(slot), ticket);
    give(g->fd, TURN_BASE + ticket % TURN_RING); /* the next in line may now wait for a slot */
}

static void gate_leave(struct gate *g)
{
    if (g->fd >= 0)
        close(g->fd); /* closing releases the process's locks on the file */
}

void hashgate_run(struct km_db *db, int max, void (*fn)(void *), void *arg)
{
    struct gate g;
    gate_enter(db, max, &g);
    fn(arg);
    gate_leave(&g);
}

struct hash_call {
    const char *password;
    const struct auth_params *p;
    char *out;
    enum km_rc rc;
};

static void do_hash(void *arg)
{
    struct hash_call *c = arg;
    c->rc = auth_hash(c->password, c->p, c->out);
}

enum km_rc hashgate_hash(struct km_db *db, int max, const char *password, const struct auth_params *p,
                         char out[AUTH_HASH_LEN])
{
    struct hash_call c = {password, p, out, KM_ERR};
    hashgate_run(db, max, do_hash, &c);
    return c.rc;
}

struct verify_call {
    const char *hash, *password;
    bool ok;
};

static void do_verify(void *arg)
{
    struct verify_call *c = arg;
    c->ok = auth_verify(c->hash, c->password);
}

bool hashgate_verify(struct km_db *db, int max, const char *hash, const char *password)
{
    struct verify_call c = {hash, password, false};
    hashgate_run(db, max, do_verify, &c);
    return c.ok;
}
