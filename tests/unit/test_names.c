/* The Dutch name order, one rule for every list: surname without voorvoegsel, then roepnaam, accents and case
 * ignored; roepnaam order as a setting; search that ignores accents and case. */
#include <string.h>

#include "core/board.h"
#include "core/db_sql.h"
#include "core/groups.h"
#include "core/names.h"
#include "core/text.h"
#include "core/users.h"
#include "fixture.h"
#include "test.h"

/* Full names as typed, in the order they must come out by surname. */
static const char *const by_surname[] = {
    "Mats Bakker",   "Inès van den Berg", "Vera Bosch",    "Emre Çelik",     "Noor Claes",    "Joost 't Hart",
    "Sanne Hartman", "Ilse Ouden",        "Zeynep Öztürk", "Anouk de Vries", "Bram de Vries",
};
#define NNAMES (sizeof by_surname / sizeof by_surname[0])

static void split(const char *full, char r[64], char v[64], char a[64]) { users_split_name(full, r, v, a, 64); }

static int cmp_full(const char *x, const char *y)
{
    char r1[64], v1[64], a1[64], r2[64], v2[64], a2[64];
    split(x, r1, v1, a1);
    split(y, r2, v2, a2);
    return names_compare(r1, v1, a1, r2, v2, a2);
}

TEST(names_sort_by_surname_without_voorvoegsel)
{
    names_set_order(NAMES_BY_SURNAME);
    for (size_t i = 0; i + 1 < NNAMES; i++)
        if (cmp_full(by_surname[i], by_surname[i + 1]) >= 0)
            test_fail_str(__FILE__, __LINE__, "names in order", by_surname[i], by_surname[i + 1]);
    CHECK(cmp_full("inès VAN DEN berg", "Inès van den Berg") == 0); /* case does not count */
    CHECK(cmp_full("Emre Celik", "Emre Çelik") == 0);               /* nor accents */
    CHECK(cmp_full("Jan Berg", "Jan Bergen") < 0);                  /* a shorter surname first */
}

TEST(names_sort_by_roepnaam_when_chosen)
{
    names_set_order(NAMES_BY_ROEPNAAM);
    CHECK(cmp_full("Anouk de Vries", "Bram Bakker") < 0);
    CHECK(cmp_full("Émile Zwart", "Erik Aalders") < 0);  /* é as e: "emile" < "erik" */
    CHECK(cmp_full("Bram de Vries", "Bram Bakker") > 0); /* then the surname */
    names_set_order(NAMES_BY_SURNAME);
}

TEST(names_search_ignores_accents_and_case)
{
    CHECK(text_matches("Emre Çelik", "celik"));
    CHECK(text_matches("Zeynep Öztürk", "ozturk"));
    CHECK(text_matches("Zeynep Öztürk", "ÖZTÜRK"));
    CHECK(text_matches("Inès van den Berg", "ines van"));
    CHECK(text_matches("Joost 't Hart", "t hart"));
    CHECK(!text_matches("Emre Çelik", "celiks"));
}

/* Added in an order of their own, they come back in the one order: from the user list, a group's members and the
 * status board alike. */
TEST(names_one_order_on_every_list)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    names_set_order(NAMES_BY_SURNAME);
    struct km_session server;
    session_server(&server, db);
    REQUIRE(db_exec(db,
                    "INSERT INTO groups (id, name, kind, schooljaar, created_at) VALUES"
                    " (3, 'namen', 'eigen', '2026-2027', '2026-01-01')",
                    NULL) == KM_OK);
    static const int add_order[] = {9, 3, 0, 10, 5, 1, 7, 4, 2, 8, 6};
    for (size_t i = 0; i < NNAMES; i++) {
        char r[64], v[64], a[64], user[32];
        split(by_surname[add_order[i]], r, v, a);
        snprintf(user, sizeof user, "naam%d", add_order[i]);
        struct user_new u = {ROLE_LEERLING, user, r, v, a, NULL};
        int64_t id;
        REQUIRE(users_add(&server, &u, &id) == KM_OK);
        REQUIRE(db_exec(db, "INSERT INTO memberships (group_id, user_id, kind) VALUES (3, ?, 'leerling')", "i", id) ==
                KM_OK);
    }
    struct km_user_list l;
    struct user_filter f = {false, ROLE_LEERLING, false};
    REQUIRE(users_list(&server, &f, &l) == KM_OK);
    size_t k = 0;
    for (size_t i = 0; i < l.n && k < NNAMES; i++) /* the fixture's own students (Çelik, de Jong) fall in between */
        if (strncmp(l.items[i].username, "naam", 4) == 0) {
            char want[32];
            snprintf(want, sizeof want, "naam%zu", k++);
            CHECK_STR(l.items[i].username, want);
        }
    CHECK(k == NNAMES);
    users_list_free(&l);
    struct group_member_list m;
    REQUIRE(groups_members(&server, 3, &m) == KM_OK);
    REQUIRE(m.n == NNAMES);
    for (size_t i = 0; i < m.n; i++) {
        char want[32];
        snprintf(want, sizeof want, "naam%zu", i);
        CHECK_STR(m.items[i].user.username, want);
    }
    groups_members_free(&m);
    struct board b;
    REQUIRE(board_load(&server, 3, 1, 0, &b) == KM_OK);
    REQUIRE(b.nstudents == (int)NNAMES);
    for (int i = 0; i < b.nstudents; i++)
        CHECK_STR(b.students[i].name, by_surname[i]);
    board_free(&b);
    db_close(db);
}
