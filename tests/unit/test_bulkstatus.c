/* A whole column set at once: what it would do, only-empty / only-up / all, and the undo that leaves what
 * someone changed since. */
#include <string.h>

#include "core/bulkstatus.h"
#include "core/db_sql.h"
#include "core/goalstatus.h"
#include "fixture.h"
#include "test.h"

enum { N = 1, B = 2, J = 3, V = 4 }; /* the default scale, in its order */

/* Four students in groep 5a (leerling1 and three more) and their column of FX_GOAL: empty, empty, V, B. */
static struct km_db *column_school(struct bulk_cell cells[4])
{
    struct km_db *db = fixture_open();
    if (!db)
        return NULL;
    if (db_exec(db,
                "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at) VALUES"
                " (11, 'leerling', 'sem', 'Sem', 'Bakker', '2026-01-01'),"
                " (12, 'leerling', 'zoe', 'Zoë', 'Hart', '2026-01-01'),"
                " (13, 'leerling', 'ines', 'Inès', 'Berg', '2026-01-01')",
                NULL) != KM_OK ||
        db_exec(db,
                "INSERT INTO memberships (group_id, user_id, kind) VALUES (1, 11, 'leerling'), (1, 12, 'leerling'),"
                " (1, 13, 'leerling')",
                NULL) != KM_OK)
        return NULL;
    int64_t ids[4] = {FX_LEERLING1, 11, 12, 13};
    for (int i = 0; i < 4; i++)
        cells[i] = (struct bulk_cell){ids[i], FX_GOAL};
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    if (goalstatus_set(&juf, 12, FX_GOAL, V, -1, NULL) != KM_OK ||
        goalstatus_set(&juf, 13, FX_GOAL, B, -1, NULL) != KM_OK)
        return NULL;
    return db;
}

static int64_t status_of(struct km_db *db, int64_t student)
{
    struct goal_status gs;
    return goalstatus_read(db, student, FX_GOAL, &gs) == KM_OK ? gs.status_id : -1;
}

TEST(bulk_plan_counts_up_and_down_by_status)
{
    struct bulk_cell cells[4];
    struct km_db *db = column_school(cells);
    REQUIRE(db);
    struct km_session juf, kind;
    fixture_session(&juf, db, FX_JUF1);
    fixture_session(&kind, db, FX_LEERLING1);
    struct bulk_plan p;
    REQUIRE(bulk_plan(&juf, cells, 4, B, &p) == KM_OK);
    CHECK(p.cells == 4 && p.same == 1 && p.up == 2 && p.down == 1 && p.empty == 2);
    /* "2 van leeg naar B, 1 van V naar B — lager" */
    REQUIRE(p.nfrom == 2);
    CHECK(p.from[0].status_id == 0 && p.from[0].n == 2 && !p.from[0].down);
    CHECK(p.from[1].status_id == V && p.from[1].n == 1 && p.from[1].down);
    REQUIRE(bulk_plan(&juf, cells, 4, V, &p) == KM_OK);
    CHECK(p.up == 3 && p.down == 0 && p.same == 1);
    CHECK(bulk_plan(&kind, cells, 4, B, &p) == KM_DENIED);
    CHECK(bulk_plan(&juf, cells, 4, 99, &p) == KM_INVALID);
    db_close(db);
}

TEST(bulk_apply_modes_and_undo)
{
    struct bulk_cell cells[4];
    struct km_db *db = column_school(cells);
    REQUIRE(db);
    struct km_session juf, beheer;
    fixture_session(&juf, db, FX_JUF1);
    fixture_session(&beheer, db, FX_BEHEERDER);
    int changed = 0;
    /* only the empty cells: the mastered V stays */
    REQUIRE(bulk_apply(&juf, cells, 4, B, BULK_ONLY_EMPTY, "kolom RE-BR-5.01", &changed) == KM_OK);
    CHECK(changed == 2);
    CHECK(status_of(db, FX_LEERLING1) == B && status_of(db, 11) == B && status_of(db, 12) == V &&
          status_of(db, 13) == B);
    struct bulk_batch last;
    REQUIRE(bulk_last(&juf, &last) == KM_OK);
    CHECK(last.cells == 2 && last.status_id == B && strcmp(last.what, "kolom RE-BR-5.01") == 0);
    CHECK(bulk_last(&beheer, &last) == KM_NOTFOUND); /* a batch is its maker's */
    struct bulk_undo_result u;
    REQUIRE(bulk_last(&juf, &last) == KM_OK);
    CHECK(bulk_undo(&beheer, last.id, &u) == KM_NOTFOUND);
    REQUIRE(bulk_undo(&juf, last.id, &u) == KM_OK);
    CHECK(u.restored == 2 && u.left == 0);
    CHECK(status_of(db, FX_LEERLING1) == 0 && status_of(db, 11) == 0 && status_of(db, 12) == V);
    CHECK(bulk_undo(&juf, last.id, &u) == KM_NOTFOUND); /* once */
    CHECK(bulk_last(&juf, &last) == KM_NOTFOUND);
    /* only up: the same here (V stays) */
    REQUIRE(bulk_apply(&juf, cells, 4, B, BULK_ONLY_UP, "kolom", &changed) == KM_OK);
    CHECK(changed == 2 && status_of(db, 12) == V);
    REQUIRE(bulk_last(&juf, &last) == KM_OK);
    REQUIRE(bulk_undo(&juf, last.id, &u) == KM_OK);
    /* all: V goes down to B */
    REQUIRE(bulk_apply(&juf, cells, 4, B, BULK_ALL, "kolom", &changed) == KM_OK);
    CHECK(changed == 3 && status_of(db, 12) == B);
    /* someone else changes one cell meanwhile: the undo leaves it, names it, restores the rest */
    REQUIRE(goalstatus_set(&beheer, 11, FX_GOAL, J, -1, NULL) == KM_OK);
    REQUIRE(bulk_last(&juf, &last) == KM_OK);
    REQUIRE(bulk_undo(&juf, last.id, &u) == KM_OK);
    CHECK(u.restored == 2 && u.left == 1);
    CHECK(strstr(u.named[0], "Sem Bakker") && strstr(u.named[0], "RE-BR-5.01") && strstr(u.named[0], "nu J") &&
          strstr(u.named[0], "Kees Smit"));
    CHECK(status_of(db, FX_LEERLING1) == 0 && status_of(db, 11) == J && status_of(db, 12) == V &&
          status_of(db, 13) == B);
    /* a change that changes nothing makes no batch */
    REQUIRE(bulk_apply(&juf, cells + 3, 1, B, BULK_ALL, "rij", &changed) == KM_OK);
    CHECK(changed == 0 && bulk_last(&juf, &last) == KM_NOTFOUND);
    db_close(db);
}
