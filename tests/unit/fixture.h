/* A small school for unit tests: two groups, their teachers, students and a parent, a goal and two
 * lesson instances. Every id is fixed so tests can name people. */
#ifndef KM_TEST_FIXTURE_H
#define KM_TEST_FIXTURE_H

#include "core/auth.h"
#include "core/db.h"
#include "core/session.h"

enum fixture_user {
    FX_LEERLING1 = 1, /* in groep 5a */
    FX_LEERLING2,     /* in groep 6b */
    FX_JUF1,          /* teaches groep 5a */
    FX_JUF2,          /* teaches groep 6b */
    FX_OUDER1,        /* parent of leerling1 */
    FX_BEHEERDER,
    FX_DUO, /* second teacher of groep 6b (duo-collega) */
};

enum { FX_GROUP1 = 1, FX_GROUP2 = 2, FX_GOAL = 1, FX_LESSON1 = 1, FX_LESSON2 = 2 };

/* Creates the fixture in a fresh file; NULL on failure (the test fails). */
struct km_db *fixture_open(void);
/* A user session for one of the fixture's people. */
void fixture_session(struct km_session *s, struct km_db *db, enum fixture_user who);

/* A file at the schema just before the first migration whose SQL contains marker, with the fixture's school
 * in it, written with SQLite itself as an older klassenmap left it; its path, or NULL. Opening it with db_open
 * migrates it, so a test can check that the new migration keeps what was there. */
const char *fixture_older_file(const char *marker);

/* Cheapest hashing, the default policy, lock-out after 3 failures and no delays (tests measure no time). */
struct auth_settings fixture_auth(void);

#endif
