/* A parent's children and the status scale (core/children.h). */
#include <string.h>

#include "core/children.h"
#include "core/db_sql.h"
#include "fixture.h"
#include "test.h"

TEST(children_of_parent_sees_own_children)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct km_child_list l;
    fixture_session(&s, db, FX_OUDER1);
    REQUIRE(children_of(&s, FX_OUDER1, &l) == KM_OK);
    REQUIRE(l.n == 1);
    CHECK(l.items[0].id == FX_LEERLING1);
    CHECK_STR(l.items[0].name, "Daniëlle Çelik");
    CHECK_STR(l.items[0].groups, "groep 5a");
    CHECK(l.items[0].active);
    children_free(&l);
    CHECK(l.n == 0 && l.items == NULL);
    /* a second child in two groups: both listed, names in order, groups joined */
    REQUIRE(db_exec(db, "INSERT INTO parent_child (parent_id, child_id) VALUES (5, 2)", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO memberships (group_id, user_id, kind) VALUES (1, 2, 'leerling')", NULL) == KM_OK);
    REQUIRE(children_of(&s, FX_OUDER1, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].name, "Daniëlle Çelik");
    CHECK_STR(l.items[1].name, "Sem de Jong");
    CHECK(strstr(l.items[1].groups, "groep 5a") && strstr(l.items[1].groups, "groep 6b"));
    children_free(&l);
    /* a child who left comes last */
    REQUIRE(db_exec(db, "UPDATE users SET active = 0 WHERE id = 1", NULL) == KM_OK);
    REQUIRE(children_of(&s, FX_OUDER1, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK(l.items[0].id == FX_LEERLING2 && l.items[1].id == FX_LEERLING1 && !l.items[1].active);
    children_free(&l);
    db_close(db);
}

TEST(children_of_access)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct km_child_list l;
    /* the beheerder may ask for any parent's children */
    fixture_session(&s, db, FX_BEHEERDER);
    REQUIRE(children_of(&s, FX_OUDER1, &l) == KM_OK);
    CHECK(l.n == 1);
    children_free(&l);
    /* a parent only for themself; a teacher or student never */
    REQUIRE(db_exec(db,
                    "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at)"
                    " VALUES (8, 'ouder', 'ouder2', 'Piet', 'Jong', '2026-01-01')",
                    NULL) == KM_OK);
    fixture_session(&s, db, FX_OUDER1);
    CHECK(children_of(&s, 8, &l) == KM_DENIED && l.n == 0);
    fixture_session(&s, db, FX_JUF1);
    CHECK(children_of(&s, FX_OUDER1, &l) == KM_DENIED);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(children_of(&s, FX_OUDER1, &l) == KM_DENIED);
    /* a parent without children gets an empty list */
    REQUIRE(session_for_user(&s, db, "ouder2") == KM_OK);
    REQUIRE(children_of(&s, 8, &l) == KM_OK);
    CHECK(l.n == 0);
    children_free(&l);
    db_close(db);
}

TEST(status_scale_reads_labels_and_glyphs)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct km_status_scale sc;
    fixture_session(&s, db, FX_LEERLING1);
    REQUIRE(status_scale(&s, &sc) == KM_OK);
    REQUIRE(sc.n == 4);
    CHECK_STR(sc.items[0].label, "niet gestart");
    CHECK_STR(sc.items[0].letter, "N");
    CHECK_STR(sc.items[1].glyph, "○");
    CHECK_STR(sc.items[3].letter, "V");
    CHECK_STR(sc.items[3].colour_role, "status_done");
    CHECK(sc.items[3].mastered && !sc.items[2].mastered);
    const struct km_status_value *v = status_scale_find(&sc, 3);
    CHECK(v && strcmp(v->label, "bijna") == 0);
    CHECK(status_scale_find(&sc, 0) == NULL);
    status_scale_free(&sc);
    CHECK(sc.n == 0);
    db_close(db);
}
