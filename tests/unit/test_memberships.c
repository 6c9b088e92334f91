/* groups_of_user: a person's groups in one query, and who may ask for them. */
#include <string.h>

#include "core/db_sql.h"
#include "core/memberships.h"
#include "fixture.h"
#include "test.h"

/* Whether the session gets user's groups (KM_OK) and how many. */
static enum km_rc count_groups(const struct km_session *s, int64_t user, size_t *n)
{
    struct km_membership_list l;
    enum km_rc rc = groups_of_user(s, user, &l);
    *n = l.n;
    memberships_free(&l);
    return rc;
}

TEST(groups_of_user_fills_group_and_part)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct km_membership_list l;
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(groups_of_user(&s, FX_DUO, &l) == KM_OK);
    REQUIRE(l.n == 1);
    const struct km_group *g = &l.items[0].group;
    CHECK(g->id == FX_GROUP2 && l.items[0].teacher);
    CHECK_STR(g->name, "groep 6b");
    CHECK_STR(g->kind, "stamgroep");
    CHECK_STR(g->schooljaar, "2026-2027");
    CHECK_STR(g->jaargroep, "");
    CHECK(g->active && !g->synced && g->version == 1 && g->linked_group_id == 0);
    CHECK(g->students == 1 && g->teachers == 2);
    memberships_free(&l);
    CHECK(l.items == NULL && l.n == 0);
    REQUIRE(groups_of_user(&s, FX_LEERLING1, &l) == KM_OK);
    CHECK(l.n == 1 && l.items[0].group.id == FX_GROUP1 && !l.items[0].teacher);
    memberships_free(&l);
    db_close(db);
}

TEST(groups_of_user_in_groups_list_order)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db,
                    "INSERT INTO groups (id, name, kind, schooljaar, jaargroep, active, created_at) VALUES"
                    " (3, 'Plusklas', 'samengesteld', '2026-2027', NULL, 1, '2026-01-01'),"
                    " (4, 'groep 4a', 'stamgroep', '2025-2026', '4', 0, '2025-01-01'),"
                    " (5, 'Atelier', 'eigen', '2026-2027', NULL, 1, '2026-01-01')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO memberships (group_id, user_id, kind) VALUES (3, 1, 'leerling'), (4, 1, 'leerling'),"
                    " (5, 1, 'leerling'), (5, 3, 'leerkracht')",
                    NULL) == KM_OK);
    struct km_session s;
    struct km_membership_list l;
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(groups_of_user(&s, FX_LEERLING1, &l) == KM_OK);
    REQUIRE(l.n == 4);
    CHECK_STR(l.items[0].group.name, "groep 5a");
    CHECK_STR(l.items[1].group.name, "Atelier");
    CHECK_STR(l.items[2].group.name, "Plusklas");
    CHECK_STR(l.items[3].group.name, "groep 4a");
    CHECK(!l.items[3].group.active && strcmp(l.items[3].group.jaargroep, "4") == 0);
    memberships_free(&l);
    db_close(db);
}

/* The same groups the person screen used to find by asking groups_members of every visible group. */
TEST(groups_of_user_matches_members_of_each_group)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    fixture_session(&s, db, FX_BEHEERDER);
    struct km_group_list all;
    REQUIRE(groups_list(&s, NULL, &all) == KM_OK);
    for (int64_t user = FX_LEERLING1; user <= FX_DUO; user++) {
        struct km_membership_list mine;
        REQUIRE(groups_of_user(&s, user, &mine) == KM_OK);
        size_t found = 0;
        for (size_t i = 0; i < all.n; i++) {
            struct group_member_list m;
            REQUIRE(groups_members(&s, all.items[i].id, &m) == KM_OK);
            for (size_t k = 0; k < m.n; k++)
                if (m.items[k].user.id == user) {
                    CHECK(found < mine.n && mine.items[found].group.id == all.items[i].id);
                    CHECK(found < mine.n && mine.items[found].teacher == m.items[k].teacher);
                    found++;
                }
            groups_members_free(&m);
        }
        CHECK(found == mine.n);
        memberships_free(&mine);
    }
    groups_list_free(&all);
    db_close(db);
}

TEST(groups_of_user_access_per_role)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    size_t n = 0;
    fixture_session(&s, db, FX_JUF1); /* own, and a student of an own group; not another's */
    CHECK(count_groups(&s, FX_JUF1, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_LEERLING1, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_LEERLING2, &n) == KM_DENIED && n == 0);
    CHECK(count_groups(&s, FX_JUF2, &n) == KM_DENIED);
    fixture_session(&s, db, FX_DUO);
    CHECK(count_groups(&s, FX_LEERLING2, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_JUF2, &n) == KM_DENIED);
    fixture_session(&s, db, FX_OUDER1); /* a child; their own is empty */
    CHECK(count_groups(&s, FX_LEERLING1, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_LEERLING2, &n) == KM_DENIED);
    CHECK(count_groups(&s, FX_OUDER1, &n) == KM_OK && n == 0);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(count_groups(&s, FX_LEERLING1, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_LEERLING2, &n) == KM_DENIED);
    CHECK(count_groups(&s, FX_JUF1, &n) == KM_DENIED);
    fixture_session(&s, db, FX_BEHEERDER);
    CHECK(count_groups(&s, FX_JUF2, &n) == KM_OK && n == 1);
    CHECK(count_groups(&s, FX_BEHEERDER, &n) == KM_OK && n == 0);
    db_close(db);
}
