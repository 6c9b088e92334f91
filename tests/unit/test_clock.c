/* The program's clock and KLASSENMAP_TEST_CLOCK: honoured on a demo school only, and never by what guards access
 * (lock-out, failed-login windows, reset codes), which stays on the system's clock. */
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/login.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

/* Sets the variable (NULL: unset) and starts the clock again, as a new process would. */
static bool clock_with(const char *value)
{
    if (value)
        setenv(CLOCK_TEST_ENV, value, 1);
    else
        unsetenv(CLOCK_TEST_ENV);
    setenv("TZ", "UTC", 1);
    tzset();
    return clock_init();
}

/* The fixture's file, made a demo school and opened again: as `klassenmap demo` leaves it. */
static struct km_db *demo_school(void)
{
    struct km_db *db = fixture_open(), *again = NULL;
    char err[256];
    if (!db || db_exec(db, "UPDATE school SET demo = 1", NULL) != KM_OK) {
        db_close(db);
        return NULL;
    }
    db_open(db_path(db), DB_OPEN_EXISTING, &again, err, sizeof err);
    db_close(db);
    return again;
}

TEST(clock_test_time_needs_a_valid_value)
{
    CHECK(clock_with("2026-11-30 10:05"));
    CHECK(clock_with("2026-11-30 10:05:30"));
    CHECK(!clock_with("2026-11-31 10:05")); /* no such day */
    CHECK(!clock_with("30-11-2026 10:05"));
    CHECK(!clock_with("2026-11-30"));
    CHECK(!clock_with("2026-11-30 10:05 extra"));
    CHECK(clock_with(NULL));
}

TEST(clock_test_time_on_a_demo_school)
{
    REQUIRE(clock_with("2026-11-30 10:05"));
    struct km_db *db = demo_school();
    REQUIRE(db);
    CHECK(clock_is_test());
    char now[20], day[11];
    db_now(now);
    CHECK_STR(now, "2026-11-30 10:05:00");
    dates_format(dates_today(), day);
    CHECK_STR(day, "2026-11-30");
    CHECK(clock_minute_of_day() == 10 * 60 + 5);
    CHECK(clock_system() > clock_now()); /* the system's clock runs on */
    db_close(db);
    clock_with(NULL);
}

/* A real school's file turns the test clock off for the rest of the process, even for a demo opened later. */
TEST(clock_test_time_never_on_a_real_school)
{
    REQUIRE(clock_with("2026-11-30 10:05"));
    struct km_db *real = fixture_open(), *again = NULL, *demo = NULL;
    REQUIRE(real);
    char err[256];
    REQUIRE(db_open(db_path(real), DB_OPEN_EXISTING, &again, err, sizeof err) == KM_OK);
    CHECK(!clock_is_test());
    char now[20];
    db_now(now);
    CHECK(strcmp(now, "2026-11-30 10:05:00") != 0);
    db_close(again);
    db_close(real);
    demo = demo_school();
    REQUIRE(demo);
    CHECK(!clock_is_test());
    db_close(demo);
    clock_with(NULL);
}

/* A test clock years ahead would have let a locked account in, had the lock been compared with it. */
TEST(clock_test_time_leaves_the_lock_out_alone)
{
    REQUIRE(auth_init() == KM_OK);
    REQUIRE(clock_with("2099-01-01 12:00"));
    struct km_db *db = demo_school();
    REQUIRE(db);
    REQUIRE(clock_is_test());
    struct auth_settings a = fixture_auth();
    struct km_session server, s;
    session_server(&server, db);
    REQUIRE(users_set_password(&server, FX_LEERLING1, "zonnebloem", &a) == KM_OK);
    for (int i = 0; i < a.limits.max_failures; i++)
        CHECK(login_attempt(db, &a, "leerling1", "fout", &s, NULL) == KM_DENIED);
    CHECK(users_locked(db, FX_LEERLING1));
    CHECK(login_attempt(db, &a, "leerling1", "zonnebloem", &s, NULL) == KM_DENIED);
    /* and one far behind does not keep it locked for ever: the lock ends on the system's clock */
    char path[512];
    snprintf(path, sizeof path, "%s", db_path(db));
    db_close(db);
    REQUIRE(clock_with("2000-01-01 12:00"));
    struct km_db *again = NULL;
    char err[256];
    REQUIRE(db_open(path, DB_OPEN_EXISTING, &again, err, sizeof err) == KM_OK);
    REQUIRE(clock_is_test());
    REQUIRE(db_exec(again, "UPDATE users SET locked_until = datetime('now', '-1 minute') WHERE id = ?", "i",
                    (int64_t)FX_LEERLING1) == KM_OK);
    CHECK(!users_locked(again, FX_LEERLING1));
    CHECK(login_attempt(again, &a, "leerling1", "zonnebloem", &s, NULL) == KM_OK);
    db_close(again);
    clock_with(NULL);
}
