/* Every (who, whose password) pair through core: allowed pairs change the hash, denied pairs change
 * nothing and say why. */
#include <string.h>

#include "core/db_sql.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

enum whose { SELF, OWN_STUDENT, OTHER_STUDENT, TEACHER, PARENT, BEHEERDER, WHOSE__COUNT };

/* Rows: leerling1, juf1, ouder1, beheer. Targets as seen from that actor. */
static const int targets[ROLE__COUNT][WHOSE__COUNT] = {
    {FX_LEERLING1, FX_LEERLING1, FX_LEERLING2, FX_JUF1, FX_OUDER1, FX_BEHEERDER},
    {FX_JUF1, FX_LEERLING1, FX_LEERLING2, FX_JUF2, FX_OUDER1, FX_BEHEERDER},
    {FX_OUDER1, FX_LEERLING1, FX_LEERLING2, FX_JUF1, FX_OUDER1, FX_BEHEERDER},
    {FX_BEHEERDER, FX_LEERLING1, FX_LEERLING2, FX_JUF1, FX_OUDER1, FX_BEHEERDER},
};
/* 1 = allowed. A student never sets a password, not even their own (they ask the teacher); a parent's
 * "own student" is their child, whose password the teacher sets. */
static const int allowed[ROLE__COUNT][WHOSE__COUNT] = {
    {0, 0, 0, 0, 0, 0},
    {1, 1, 0, 0, 0, 0},
    {1, 0, 0, 0, 1, 0},
    {1, 1, 1, 1, 1, 1},
};
static const enum fixture_user actors[ROLE__COUNT] = {FX_LEERLING1, FX_JUF1, FX_OUDER1, FX_BEHEERDER};

static void hash_of(struct km_db *db, int id, char out[AUTH_HASH_LEN])
{
    out[0] = '\0';
    db_text(db, out, AUTH_HASH_LEN, "SELECT COALESCE(password_hash, '') FROM users WHERE id = ?", "i", (int64_t)id);
}

TEST(password_every_who_and_whose)
{
    REQUIRE(auth_init() == KM_OK);
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct auth_settings a = fixture_auth();
    for (int role = 0; role < ROLE__COUNT; role++)
        for (int w = 0; w < WHOSE__COUNT; w++) {
            struct km_session s;
            fixture_session(&s, db, actors[role]);
            int target = targets[role][w];
            char before[AUTH_HASH_LEN], after[AUTH_HASH_LEN];
            hash_of(db, target, before);
            enum km_rc rc = users_set_password(&s, target, "Lange-Zin-Met-Woorden-1", &a);
            hash_of(db, target, after);
            bool changed = strcmp(before, after) != 0;
            if ((rc == KM_OK) != (allowed[role][w] == 1) || changed != (rc == KM_OK)) {
                fprintf(stderr, "    %s sets password of target %d (case %d): %s, changed %d\n",
                        km_role_name((enum km_role)role), target, w, km_rc_name(rc), changed);
                test_failures++;
            }
            if (rc != KM_OK)
                CHECK(strstr(db_errmsg(db), "Geen toegang") != NULL);
        }
    db_close(db);
}
