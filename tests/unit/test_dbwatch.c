/* dbwatch: the kernel says when another connection commits to the school's file, and stays quiet for a
 * session's "still here" (which goes to the presence file). */
#include <poll.h>
#include <unistd.h>

#include "core/db_sql.h"
#include "core/dbwatch.h"
#include "core/sessions.h"
#include "fixture.h"
#include "test.h"

static bool readable(const struct dbwatch *w, int ms)
{
    struct pollfd p = {w->fd, POLLIN, 0};
    return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

TEST(dbwatch_hears_a_commit_and_not_a_presence_touch)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_db *other = NULL;
    char err[512];
    REQUIRE(db_open(db_path(db), DB_OPEN_EXISTING, &other, err, sizeof err) == KM_OK);
    struct km_session juf;
    fixture_session(&juf, other, FX_JUF1);
    int64_t id = 0;
    REQUIRE(sessions_register(&juf, (int)getpid(), &id) == KM_OK); /* the presence file exists from here on */
    struct dbwatch w;
    dbwatch_open(&w, db);
    if (w.fd < 0) {
        db_close(other);
        db_close(db);
        SKIP("no inotify here (the screens poll instead)");
    }
    CHECK(!readable(&w, 50));
    CHECK(sessions_touch(other, id) == KM_OK);
    CHECK(!readable(&w, 100)); /* presence wakes nobody */
    CHECK(db_exec(other, "UPDATE school SET name = name || ' '", NULL) == KM_OK);
    CHECK(readable(&w, 2000));
    CHECK(dbwatch_drain(&w));
    CHECK(!readable(&w, 0));
    dbwatch_close(&w);
    CHECK(w.fd == -1);
    db_close(other);
    db_close(db);
}
