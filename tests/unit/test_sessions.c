/* Who is on: registration, touch, end, the beheerder's list, and dead rows (pid gone or not touched for
 * minutes) that are never listed and are cleaned by the next registration. */
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/db_sql.h"
#include "core/sessions.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

/* Far above any pid_max, so no process has it. */
#define NO_SUCH_PID 2147480000

static int64_t rows(struct km_db *db)
{
    int64_t n = -1;
    db_int(db, &n, "SELECT count(*) FROM sessions", NULL);
    return n;
}

static size_t listed(struct km_db *db)
{
    struct km_session boss;
    fixture_session(&boss, db, FX_BEHEERDER);
    struct sessions_list l;
    if (sessions_list(&boss, &l) != KM_OK)
        return (size_t)-1;
    size_t n = l.n;
    sessions_list_free(&l);
    return n;
}

TEST(sessions_register_touch_list_end)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, boss;
    fixture_session(&juf, db, FX_JUF1);
    fixture_session(&boss, db, FX_BEHEERDER);
    int64_t id = 0;
    REQUIRE(sessions_register(&juf, (int)getpid(), &id) == KM_OK);
    CHECK(id > 0);
    struct sessions_list l;
    REQUIRE(sessions_list(&boss, &l) == KM_OK);
    REQUIRE(l.n == 1);
    CHECK_STR(l.items[0].username, "juf1");
    CHECK_STR(l.items[0].name, "Anneke Vries");
    CHECK(l.items[0].role == ROLE_LEERKRACHT && l.items[0].pid == (int)getpid() && l.items[0].id == id);
    CHECK(strlen(l.items[0].since) == 19 && strlen(l.items[0].last_seen) == 19);
    sessions_list_free(&l);
    db_exec(db, "UPDATE sessions SET last_seen = datetime('now', '-2 minutes') WHERE id = ?", "i", id);
    CHECK(sessions_touch(db, id) == KM_OK);
    int64_t fresh = 0;
    db_int(db, &fresh, "SELECT last_seen >= datetime('now', '-10 seconds') FROM presence.seen WHERE id = ?", "i", id);
    CHECK(fresh == 1);
    db_int(db, &fresh, "SELECT last_seen >= datetime('now', '-10 seconds') FROM sessions WHERE id = ?", "i", id);
    CHECK(fresh == 0); /* the school's file is not written: its other readers are not woken */
    CHECK(sessions_end(db, id) == KM_OK);
    CHECK(rows(db) == 0);
    CHECK(sessions_touch(db, id) == KM_NOTFOUND);
    CHECK(sessions_end(db, 0) == KM_OK);
    db_close(db);
}

TEST(sessions_list_is_for_the_beheerder_only)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, server;
    fixture_session(&juf, db, FX_JUF1);
    session_server(&server, db);
    struct sessions_list l;
    CHECK(sessions_list(&juf, &l) == KM_DENIED);
    CHECK(l.n == 0 && l.items == NULL);
    CHECK(sessions_list(&server, &l) == KM_OK);
    sessions_list_free(&l);
    db_close(db);
}

TEST(sessions_dead_rows_hidden_and_cleaned)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    /* one whose process is gone, one not touched for an hour (its pid is alive: ours), one live */
    REQUIRE(db_exec(db,
                    "INSERT INTO sessions (user_id, pid, started_at, last_seen) VALUES"
                    " (3, ?, datetime('now'), datetime('now')),"
                    " (4, ?, datetime('now', '-2 hours'), datetime('now', '-1 hours'))",
                    "dd", NO_SUCH_PID, (int)getpid()) == KM_OK);
    CHECK(rows(db) == 2);
    CHECK(listed(db) == 0);
    struct km_session kid;
    fixture_session(&kid, db, FX_LEERLING1);
    int64_t id;
    REQUIRE(sessions_register(&kid, (int)getpid(), &id) == KM_OK);
    CHECK(rows(db) == 1);
    CHECK(listed(db) == 1);
    /* two windows of the same person are two sessions */
    int64_t id2;
    REQUIRE(sessions_register(&kid, (int)getpid(), &id2) == KM_OK);
    CHECK(id2 != id && listed(db) == 2);
    db_close(db);
}

TEST(sessions_need_an_active_account)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf, server;
    fixture_session(&juf, db, FX_JUF2);
    session_server(&server, db);
    int64_t id = 0;
    CHECK(sessions_register(&server, (int)getpid(), &id) == KM_DENIED && id == 0);
    REQUIRE(sessions_register(&juf, (int)getpid(), &id) == KM_OK);
    /* deactivating the account ends its sessions; the running program's touch then finds no row,
     * and registering again is refused */
    REQUIRE(users_deactivate(&server, "juf2") == KM_OK);
    CHECK(rows(db) == 0);
    CHECK(sessions_touch(db, id) == KM_NOTFOUND);
    CHECK(sessions_register(&juf, (int)getpid(), &id) == KM_DENIED);
    db_close(db);
}

/* A child that has ended but is not yet collected by its parent: kill(pid, 0) still succeeds, yet the
 * session is dead. */
TEST(sessions_zombie_counts_as_dead)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0)
        _exit(0);
    struct timespec pause = {0, 20 * 1000000L};
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
    bool is_zombie = false;
    for (int i = 0; i < 100 && !is_zombie; i++) { /* until the child has ended */
        FILE *f = fopen(path, "r");
        size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        if (f)
            fclose(f);
        buf[n] = '\0';
        const char *p = strrchr(buf, ')');
        is_zombie = p && p[1] == ' ' && p[2] == 'Z';
        if (!is_zombie)
            nanosleep(&pause, NULL);
    }
    CHECK(is_zombie);
    REQUIRE(db_exec(db,
                    "INSERT INTO sessions (user_id, pid, started_at, last_seen) VALUES"
                    " (3, ?, datetime('now'), datetime('now'))",
                    "d", (int)child) == KM_OK);
    CHECK(listed(db) == 0);
    waitpid(child, NULL, 0);
    db_close(db);
}

/* Every open screen reads its data again when the school's data_version moves; "still here" once a minute
 * must not move it, or each session would wake every other. Starting and ending a session do move it. */
TEST(sessions_touch_leaves_the_school_file_alone)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_db *other = NULL;
    char err[512];
    REQUIRE(db_open(db_path(db), DB_OPEN_EXISTING, &other, err, sizeof err) == KM_OK);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    int64_t id = 0, v0 = 0, v1 = 0, v2 = 0;
    REQUIRE(db_data_version(other, &v0) == KM_OK);
    REQUIRE(sessions_register(&juf, (int)getpid(), &id) == KM_OK);
    REQUIRE(db_data_version(other, &v1) == KM_OK);
    CHECK(v1 != v0);
    for (int i = 0; i < 3; i++)
        CHECK(sessions_touch(db, id) == KM_OK);
    REQUIRE(db_data_version(other, &v2) == KM_OK);
    CHECK(v2 == v1);
    /* the other connection sees the touch in the beheerder's list */
    struct km_session boss;
    fixture_session(&boss, other, FX_BEHEERDER);
    struct sessions_list l;
    REQUIRE(sessions_list(&boss, &l) == KM_OK);
    CHECK(l.n == 1);
    sessions_list_free(&l);
    CHECK(sessions_end(db, id) == KM_OK);
    db_close(other);
    db_close(db);
}
