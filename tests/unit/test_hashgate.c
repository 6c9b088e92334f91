/* The hash gate across processes: at most max at once, the waiters asleep and let in in the order they came,
 * and a process killed while hashing or while waiting keeps nobody out. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/hashgate.h"
#include "fixture.h"
#include "test.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

struct worker {
    int log;
    int id;
    long hold_ms;
};

static void note(int log, char what, int id)
{
    char line[16];
    int n = snprintf(line, sizeof line, "%c%d\n", what, id);
    if (write(log, line, (size_t)n) != n) {
    }
}

static void work(void *arg)
{
    struct worker *w = arg;
    note(w->log, '+', w->id);
    sleep_ms(w->hold_ms);
    note(w->log, '-', w->id);
}

/* A process that goes through the gate of db (max slots) holding its slot hold_ms; its pid. */
static pid_t spawn(struct km_db *db, int max, int log, int id, long hold_ms)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct worker w = {log, id, hold_ms};
        hashgate_run(db, max, work, &w);
        _exit(0);
    }
    return pid;
}

static char *read_log(const char *path)
{
    static char buf[4096];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : 0;
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* Waits (at most 5 s) until the log holds the line want. */
static bool wait_line(const char *path, const char *want)
{
    for (int i = 0; i < 500; i++) {
        if (strstr(read_log(path), want))
            return true;
        sleep_ms(10);
    }
    return false;
}

static int open_log(const char *path) { return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600); }

TEST(hashgate_waiters_go_in_order_and_never_more_than_max)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    const char *path = test_tmp_path("gate.log");
    int log = open_log(path);
    REQUIRE(log >= 0);
    enum { N = 6 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = spawn(db, 2, log, i, 80);
        if (i == 0 || i == 1)
            CHECK(wait_line(path, i ? "+1\n" : "+0\n"));
        else
            sleep_ms(20); /* queued behind the one before */
    }
    for (int i = 0; i < N; i++)
        waitpid(pids[i], NULL, 0);
    close(log);
    const char *s = read_log(path);
    int inside = 0, most = 0, next = 0, entered = 0;
    bool in_order = true;
    for (const char *p = s; *p; p = strchr(p, '\n') + 1) {
        int id = atoi(p + 1);
        if (*p == '+') {
            inside++;
            entered++;
            in_order = in_order && id == next++;
        } else {
            inside--;
        }
        most = inside > most ? inside : most;
    }
    CHECK(entered == N);
    CHECK(most == 2);
    CHECK(in_order);
    if (!in_order || most != 2)
        fprintf(stderr, "    log:\n%s", s);
    db_close(db);
}

TEST(hashgate_killed_holder_or_waiter_keeps_nobody_out)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    const char *path = test_tmp_path("gate.log");
    int log = open_log(path);
    REQUIRE(log >= 0);
    pid_t holder = spawn(db, 1, log, 0, 60000);
    REQUIRE(wait_line(path, "+0\n"));
    pid_t waiter = spawn(db, 1, log, 1, 60000);
    sleep_ms(50);
    pid_t last = spawn(db, 1, log, 2, 0);
    sleep_ms(50);
    kill(waiter, SIGKILL); /* gone from the queue: the one behind it moves up */
    waitpid(waiter, NULL, 0);
    CHECK(!strstr(read_log(path), "+2\n"));
    kill(holder, SIGKILL); /* the kernel frees the slot of a killed process */
    waitpid(holder, NULL, 0);
    CHECK(wait_line(path, "-2\n"));
    waitpid(last, NULL, 0);
    CHECK(!strstr(read_log(path), "+1\n"));
    close(log);
    db_close(db);
}
