/* The curriculum outline that the lesson wizard offers: hoofdgebieden with their deelgebieden, and niveaus. */
#include "core/curriculum_read.h"
#include "core/db_sql.h"
#include "fixture.h"
#include "test.h"

TEST(curriculum_read_fixture_outline)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    struct km_area_list areas;
    REQUIRE(curriculum_areas(&b, &areas) == KM_OK);
    REQUIRE(areas.n == 1);
    CHECK_STR(areas.items[0].name, "rekenen");
    REQUIRE(areas.items[0].ndeel == 1);
    CHECK_STR(areas.items[0].deel[0].name, "breuken");
    CHECK(areas.items[0].deel[0].id == 1);
    CHECK(curriculum_area_by_id(&areas, 1) == &areas.items[0]);
    CHECK(curriculum_area_by_id(&areas, 99) == NULL);
    curriculum_areas_free(&areas);
    CHECK(areas.n == 0 && areas.items == NULL);
    struct km_niveau_list niveaus;
    REQUIRE(curriculum_niveaus(&b, &niveaus) == KM_OK);
    CHECK(niveaus.n == 0); /* the fixture has none */
    curriculum_niveaus_free(&niveaus);
    db_close(db);
}

/* Order is the school's (sort_order, then name); a hoofdgebied without deelgebieden is still offered, and
 * each deelgebied lands under its own hoofdgebied even when the names interleave. */
TEST(curriculum_read_order_and_grouping)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1); /* a teacher may read the outline too */
    REQUIRE(db_exec(db,
                    "INSERT INTO hoofdgebieden (id, name, sort_order) VALUES (2, 'taal', 0), (3, 'aardrijkskunde', 5)",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE hoofdgebieden SET sort_order = 1 WHERE id = 1", NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO deelgebieden (id, hoofdgebied_id, name, sort_order) VALUES"
                    " (2, 2, 'spelling', 2), (3, 1, 'aftrekken', 0), (4, 2, 'lezen', 1)",
                    NULL) == KM_OK);
    struct km_area_list a;
    REQUIRE(curriculum_areas(&juf, &a) == KM_OK);
    REQUIRE(a.n == 3);
    CHECK_STR(a.items[0].name, "taal");
    CHECK_STR(a.items[1].name, "rekenen");
    CHECK_STR(a.items[2].name, "aardrijkskunde");
    REQUIRE(a.items[0].ndeel == 2);
    CHECK_STR(a.items[0].deel[0].name, "lezen");
    CHECK_STR(a.items[0].deel[1].name, "spelling");
    REQUIRE(a.items[1].ndeel == 2);
    CHECK_STR(a.items[1].deel[0].name, "aftrekken");
    CHECK_STR(a.items[1].deel[1].name, "breuken");
    CHECK(a.items[2].ndeel == 0 && a.items[2].deel == NULL);
    curriculum_areas_free(&a);
    db_close(db);
}

TEST(curriculum_read_niveaus_in_order)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    REQUIRE(db_exec(db,
                    "INSERT INTO niveaus (id, name, sort_order) VALUES (1, 'niveau 2', 2), (2, 'niveau 1', 1),"
                    " (3, 'Ë-niveau', 1)",
                    NULL) == KM_OK);
    struct km_niveau_list n;
    REQUIRE(curriculum_niveaus(&b, &n) == KM_OK);
    REQUIRE(n.n == 3);
    CHECK_STR(n.items[0].name, "niveau 1");
    CHECK(n.items[0].id == 2);
    CHECK_STR(n.items[1].name, "Ë-niveau");
    CHECK_STR(n.items[2].name, "niveau 2");
    curriculum_niveaus_free(&n);
    CHECK(n.n == 0 && n.items == NULL);
    db_close(db);
}
