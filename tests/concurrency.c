/* 20 processes add and change rows in one database at the same moment: nothing may be lost or refused.
 * Each process adds 10 accounts and makes 10 real changes to one shared goal status, re-reading when
 * another process changed it first (the version check). Afterwards: 200 new accounts, the status at
 * version 200 with 200 history rows, and an intact database. Prints "concurrency: N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "core/school.h"
#include "core/users.h"

#define PROCS 20
#define ROUNDS 10

static int passed, failed;

static void expect(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static int setup(const char *path)
{
    char err[512];
    struct km_db *db;
    if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != KM_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    struct km_session s;
    session_server(&s, db);
    struct user_new kid = {ROLE_LEERLING, "kind", "Zoë", "van 't", "Hof", NULL};
    int rc = school_create(&s, "OBS Gelijktijdig", "99ZZ") == KM_OK && users_add(&s, &kid, NULL) == KM_OK &&
                     db_exec(db,
                             "INSERT INTO hoofdgebieden (id, name) VALUES (1, 'rekenen');"
                             "",
                             NULL) == KM_OK &&
                     db_exec(db, "INSERT INTO deelgebieden (id, hoofdgebied_id, name) VALUES (1, 1, 'breuken')",
                             NULL) == KM_OK &&
                     db_exec(db, "INSERT INTO leerdoelen (id, deelgebied_id, code, title) VALUES (1, 1, 'G1', 'doel')",
                             NULL) == KM_OK
                 ? 0
                 : -1;
    if (rc)
        fprintf(stderr, "setup: %s\n", db_errmsg(db));
    db_close(db);
    return rc;
}

/* One worker: its own connection, opened after fork as every real session is its own process. */
static int worker(const char *path, int n)
{
    char err[512];
    struct km_db *db;
    if (db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK) {
        fprintf(stderr, "worker %d: %s\n", n, err);
        return 1;
    }
    struct km_session s;
    session_server(&s, db);
    int64_t kid;
    if (db_int(db, &kid, "SELECT id FROM users WHERE username = 'kind'", NULL) != KM_OK)
        return 2;
    for (int r = 0; r < ROUNDS; r++) {
        char username[32], first[32];
        snprintf(username, sizeof username, "p%02d.r%02d", n, r);
        snprintf(first, sizeof first, "Daniëlle%d", r);
        struct user_new u = {ROLE_LEERLING, username, first, "", "Çelik", NULL};
        if (users_add(&s, &u, NULL) != KM_OK) {
            fprintf(stderr, "worker %d add: %s\n", n, db_errmsg(db));
            return 3;
        }
        for (;;) { /* what a screen does on a conflict: show the new value, the user tries again */
            struct goal_status cur;
            if (goalstatus_get(&s, kid, 1, &cur) != KM_OK)
                return 4;
            enum km_rc rc = goalstatus_set(&s, kid, 1, cur.status_id % 4 + 1, cur.version, NULL);
            if (rc == KM_OK)
                break;
            if (rc != KM_CONFLICT) {
                fprintf(stderr, "worker %d set: %s\n", n, db_errmsg(db));
                return 5;
            }
        }
    }
    db_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/km-conc-%d.db", argc > 1 ? argv[1] : "/tmp", (int)getpid());
    if (setup(path))
        return 1;
    pid_t pids[PROCS];
    for (int i = 0; i < PROCS; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(worker(path, i));
    }
    int clean_exits = 0;
    for (int i = 0; i < PROCS; i++) {
        int st;
        waitpid(pids[i], &st, 0);
        clean_exits += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    expect(clean_exits == PROCS, "every process finished without an error (nothing refused)");
    char err[512];
    struct km_db *db;
    if (db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) != KM_OK)
        return 1;
    int64_t users = 0, version = 0, history = 0;
    db_int(db, &users, "SELECT count(*) FROM users WHERE username LIKE 'p%.r%'", NULL);
    db_int(db, &version, "SELECT version FROM goal_status", NULL);
    db_int(db, &history, "SELECT count(*) FROM goal_status_history", NULL);
    expect(users == PROCS * ROUNDS, "every added account is there");
    expect(version == PROCS * ROUNDS, "every status change counted once (no lost update)");
    expect(history == PROCS * ROUNDS, "every status change has its history row");
    struct db_health h;
    expect(db_health(db, &h) == KM_OK && strcmp(h.integrity, "ok") == 0 && h.fk_errors == 0, "integrity ok");
    db_close(db);
    char p2[600];
    unlink(path);
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
    printf("concurrency: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
