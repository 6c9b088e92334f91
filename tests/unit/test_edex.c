/* The EDEXML import and the snapshot it applies: the official samples, idempotence, leavers, future instroom,
 * the year-end renewal, broken documents that change nothing, read-only synced data, and data minimisation. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/db_sql.h"
#include "core/groups.h"
#include "core/planning.h"
#include "core/relink.h"
#include "core/school.h"
#include "core/session.h"
#include "core/users.h"
#include "fixture.h"
#include "sync/edex.h"
#include "test.h"

/* Edustandaard's official samples are not in this repository: they are found in EDEXML_DIR, and a test that
 * needs one skips, saying so, when it is not there. */
#define SAMPLE_NL "EDEXML.Voorbeeld.2.1.xml"
#define SAMPLE_BE "EDEXML.Voorbeeld.2.1-Vla.xml"
#define NEED_SAMPLE(var, name)                                                                                         \
    const char *var = test_edexml_file(name);                                                                          \
    if (!(var))                                                                                                        \
    SKIP("%s not found in EDEXML_DIR (default ../shared/edexml): Edustandaard's sample, see README", name)
#define TODAY "2026-11-30" /* school year 2026-2027 */

static struct sync_report rep;
static char docbuf[16384];

/* A school of `year` with stamgroepen 5a (G5A) and 6b (G6B) and the samengestelde groep "lezen" (SG1), and the
 * given leerlingen and leerkrachten; one element per line, so errors have predictable lines. */
static const char *edex_doc(const char *year, const char *students, const char *teachers)
{
    snprintf(docbuf, sizeof docbuf,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<EDEX>\n"
             "<school><schooljaar>%s</schooljaar><brincode>99ZZ</brincode></school>\n"
             "<groepen>\n"
             "<groep key=\"G5A\"><naam>5a</naam><jaargroep>5</jaargroep></groep>\n"
             "<groep key=\"G6B\"><naam>6b</naam><jaargroep>6</jaargroep></groep>\n"
             "<samengestelde_groep key=\"SG1\"><naam>lezen</naam></samengestelde_groep>\n"
             "</groepen>\n"
             "<leerlingen>\n%s</leerlingen>\n"
             "<leerkrachten>\n%s</leerkrachten>\n"
             "</EDEX>\n",
             year, students, teachers);
    return docbuf;
}

#define LL(key, roep, achter, groep, extra)                                                                            \
    "<leerling key=\"" key "\"><achternaam>" achter "</achternaam><roepnaam>" roep "</roepnaam>"                       \
    "<jaargroep>5</jaargroep><groep key=\"" groep "\"/>" extra "</leerling>\n"
#define LK(key, roep, achter, groups)                                                                                  \
    "<leerkracht key=\"" key "\"><achternaam>" achter "</achternaam><roepnaam>" roep "</roepnaam>"                     \
    "<groepen>" groups "</groepen></leerkracht>\n"

#define DANIELLE                                                                                                       \
    LL("L1", "Daniëlle", "Çelik", "G5A",                                                                               \
       "<samengestelde_groepen><samengestelde_groep key=\"SG1\"/></samengestelde_groepen>")
#define SEM LL("L2", "Sem", "Jong", "G5A", "")
#define NOOR LL("L3", "Noor", "Visser", "G6B", "")
#define TEACHERS                                                                                                       \
    LK("T1", "Anneke", "Vries", "<groep key=\"G5A\"><rol>LRK</rol></groep>")                                           \
    LK("T2", "Bram", "Bakker", "<groep key=\"G6B\"/><samengestelde_groep key=\"SG1\"/>")

static struct km_db *school(const char *brin)
{
    char err[256];
    struct km_db *db = NULL;
    if (db_open(test_tmp_path("edex.db"), DB_OPEN_CREATE, &db, err, sizeof err) != KM_OK)
        return NULL;
    struct km_session s;
    session_server(&s, db);
    if (school_create(&s, "OBS De Sync", brin) != KM_OK) {
        db_close(db);
        return NULL;
    }
    return db;
}

static enum km_rc import_at(struct km_db *db, const char *xml, const char *today, const char *accept, bool dry_run)
{
    struct edex_options o = {.dry_run = dry_run, .today = today, .accept_schooljaar = accept};
    return edex_import(db, xml, strlen(xml), &o, &rep);
}

static enum km_rc import(struct km_db *db, const char *xml) { return import_at(db, xml, TODAY, NULL, false); }

static enum km_rc import_sample(struct km_db *db, const char *path, const char *accept)
{
    struct edex_options o = {.today = TODAY, .accept_schooljaar = accept};
    return edex_import_path(db, path, &o, &rep);
}

static int changes(const struct sync_report *r)
{
    return r->added + r->changed + r->deactivated + r->activated + r->groups_added + r->groups_changed +
           r->memberships_changed;
}

static bool has_line(const struct sync_report *r, const char *needle)
{
    for (int i = 0; i < r->nlines; i++)
        if (strstr(r->lines[i], needle))
            return true;
    return false;
}

static int64_t count(struct km_db *db, const char *sql)
{
    int64_t n = -1;
    db_int(db, &n, sql, NULL);
    return n;
}

static int64_t active_of(struct km_db *db, const char *key)
{
    int64_t a = -1;
    db_int(db, &a, "SELECT active FROM users WHERE source = 'parnassys' AND source_key = ?", "t", key);
    return a;
}

/* users, groups and memberships as one number each way: a run that changes nothing leaves all of it. */
static int64_t state_of(struct km_db *db)
{
    return count(db, "SELECT (SELECT count(*) FROM users) * 1000000 + (SELECT count(*) FROM groups) * 10000"
                     " + (SELECT count(*) FROM memberships) * 100 + (SELECT count(*) FROM users WHERE active = 1)"
                     " + (SELECT total(version) FROM users) + (SELECT total(version) FROM groups)");
}

/* ---- the official samples ---- */

TEST(edex_sample_imports_after_its_school_year_is_accepted)
{
    NEED_SAMPLE(sample_nl, SAMPLE_NL);
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    CHECK(import_sample(db, sample_nl, NULL) == KM_INVALID);
    CHECK(has_line(&rep, "regel 15: <schooljaar>") && has_line(&rep, "2014-2015"));
    CHECK(count(db, "SELECT count(*) FROM users") == 0);
    REQUIRE(import_sample(db, sample_nl, "2014-2015") == KM_OK);
    CHECK(rep.errors == 0 && rep.added == 6 && rep.groups_added == 8);
    char v[64] = "";
    CHECK(db_text(db, v, sizeof v, "SELECT username FROM users WHERE source_key = '12345'", NULL) == KM_OK);
    CHECK_STR(v, "gradje.vanthof");
    CHECK(db_text(db, v, sizeof v, "SELECT roepnaam FROM users WHERE source_key = '00002'", NULL) == KM_OK);
    CHECK_STR(v, "Ismaël");             /* no roepnaam in the file: the first voornaam */
    CHECK(active_of(db, "12345") == 0); /* uitgestroomd 2014-07-18 */
    CHECK(
        count(db,
              "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id"
              " WHERE u.source_key = '00001' AND g.source_key IN ('GRP4B', 'sg1', 'sg2') AND m.source = 'parnassys'") ==
        3);
    CHECK(count(db, "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id"
                    " WHERE u.source_key = 'leerkracht:LK2' AND m.kind = 'leerkracht'") == 5);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE schooljaar = '2014-2015' AND active = 0") ==
          8); /* a year gone by */
    REQUIRE(import_sample(db, sample_nl, "2014-2015") == KM_OK);
    CHECK(changes(&rep) == 0);
    CHECK(count(db, "SELECT count(*) FROM sync_runs WHERE ok = 1") == 2 &&
          count(db, "SELECT count(*) FROM sync_runs") == 3);
    db_close(db);
}

TEST(edex_flemish_sample_imports_into_a_school_without_brin)
{
    NEED_SAMPLE(sample_be, SAMPLE_BE);
    struct km_db *db = school(NULL);
    REQUIRE(db);
    REQUIRE(import_sample(db, sample_be, "2014-2015") == KM_OK);
    CHECK(rep.added == 6 && rep.groups_added == 7 && rep.errors == 0);
    REQUIRE(import_sample(db, sample_be, "2014-2015") == KM_OK);
    CHECK(changes(&rep) == 0);
    db_close(db);
}

TEST(edex_file_of_another_school_is_refused)
{
    NEED_SAMPLE(sample_nl, SAMPLE_NL);
    struct km_db *db = school("12AB");
    REQUIRE(db);
    CHECK(import_sample(db, sample_nl, "2014-2015") == KM_INVALID);
    CHECK(rep.errors == 1 && has_line(&rep, "regel 17: <brincode>") && has_line(&rep, "12AB"));
    CHECK(count(db, "SELECT count(*) FROM users") == 0 && count(db, "SELECT count(*) FROM groups") == 0);
    CHECK(count(db, "SELECT count(*) FROM sync_runs WHERE ok = 0 AND errors = 1") == 1);
    db_close(db);
}

/* ---- snapshot semantics ---- */

TEST(edex_second_identical_run_changes_nothing)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *doc = edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS);
    int64_t before = state_of(db);
    REQUIRE(import_at(db, doc, TODAY, NULL, true) == KM_OK);
    CHECK(rep.added == 5 && rep.groups_added == 3 && rep.memberships_changed == 7);
    CHECK(has_line(&rep, "+ leerling Daniëlle Çelik (danielle.celik, groep 5a)"));
    CHECK(state_of(db) == before); /* a dry run */
    CHECK(count(db, "SELECT count(*) FROM sync_runs WHERE dry_run = 1") == 1);
    REQUIRE(import(db, doc) == KM_OK);
    CHECK(rep.added == 5 && rep.groups_added == 3 && rep.memberships_changed == 7);
    before = state_of(db);
    REQUIRE(import(db, doc) == KM_OK);
    CHECK(changes(&rep) == 0 && rep.relink == 0 && rep.errors == 0 && rep.nlines == 0);
    CHECK(state_of(db) == before);
    db_close(db);
}

TEST(edex_name_change_keeps_the_username)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM, TEACHERS)) == KM_OK);
    char before[64] = "", after[64] = "";
    REQUIRE(db_text(db, before, sizeof before, "SELECT username FROM users WHERE source_key = 'L2'", NULL) == KM_OK);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE LL("L2", "Semmy", "de Jong", "G6B", ""), TEACHERS)) == KM_OK);
    CHECK(rep.changed == 1 && rep.memberships_changed == 2 &&
          has_line(&rep, "~ leerling Semmy de Jong: naam (was Sem Jong)"));
    REQUIRE(db_text(db, after, sizeof after, "SELECT username FROM users WHERE source_key = 'L2'", NULL) == KM_OK);
    CHECK_STR(after, before);
    db_close(db);
}

TEST(edex_student_who_left_is_deactivated_and_keeps_statuses)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS)) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO hoofdgebieden (id, name) VALUES (1, 'rekenen')", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO deelgebieden (id, hoofdgebied_id, name) VALUES (1, 1, 'breuken')", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO leerdoelen (id, deelgebied_id, code, title) VALUES (1, 1, 'RE-1', 'Breuken')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO goal_status (student_id, goal_id, status_id, updated_at)"
                    " SELECT id, 1, 4, '2026-11-01' FROM users WHERE source_key = 'L2'",
                    NULL) == KM_OK);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE NOOR, TEACHERS)) == KM_OK);
    CHECK(rep.deactivated == 1 && rep.added == 0 && rep.memberships_changed == 1);
    CHECK(has_line(&rep, "- leerling Sem Jong: niet meer in ParnasSys"));
    CHECK(active_of(db, "L2") == 0);
    CHECK(
        count(db, "SELECT count(*) FROM goal_status g JOIN users u ON u.id = g.student_id WHERE u.source_key = 'L2'") ==
        1);
    CHECK(count(db, "SELECT count(*) FROM users WHERE source_key = 'L2'") == 1); /* not deleted */
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE NOOR, TEACHERS)) == KM_OK);
    CHECK(changes(&rep) == 0);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS)) == KM_OK); /* back again */
    CHECK(rep.activated == 1 && rep.added == 0 && active_of(db, "L2") == 1);
    db_close(db);
}

TEST(edex_future_instroom_activates_on_the_date)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *doc = edex_doc(
        "2026-2027", DANIELLE LL("L9", "Zoë", "Peters", "G5A", "<instroomdatum>2026-12-14</instroomdatum>"), TEACHERS);
    REQUIRE(import_at(db, doc, "2026-11-30", NULL, false) == KM_OK);
    CHECK(rep.added == 4 && has_line(&rep, "actief vanaf 2026-12-14"));
    CHECK(active_of(db, "L9") == 0);
    char v[16] = "";
    CHECK(db_text(db, v, sizeof v, "SELECT instroom FROM users WHERE source_key = 'L9'", NULL) == KM_OK);
    CHECK_STR(v, "2026-12-14");
    REQUIRE(import_at(db, doc, "2026-12-13", NULL, false) == KM_OK);
    CHECK(changes(&rep) == 0);
    REQUIRE(import_at(db, doc, "2026-12-14", NULL, false) == KM_OK);
    CHECK(rep.activated == 1 && changes(&rep) == 1 && active_of(db, "L9") == 1);
    db_close(db);
}

TEST(edex_new_school_year_makes_new_groups_and_lists_eigen_groepen_to_relink)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *june = "2027-06-20"; /* 2026-2027 still, and next year's export is accepted */
    REQUIRE(import_at(db, edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS), june, NULL, false) == KM_OK);
    struct km_session s;
    session_server(&s, db);
    int64_t eigen = 0;
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", "2026-2027", NULL, &eigen) == KM_OK);
    REQUIRE(db_exec(db,
                    "UPDATE groups SET linked_group_id = (SELECT id FROM groups WHERE source_key = 'G5A')"
                    " WHERE id = ?",
                    "i", eigen) == KM_OK);
    REQUIRE(import_at(db, edex_doc("2027-2028", DANIELLE SEM NOOR, TEACHERS), june, NULL, false) == KM_OK);
    CHECK(rep.groups_added == 3 && rep.added == 0 && rep.memberships_changed == 7);
    CHECK(rep.relink == 1 && has_line(&rep, "eigen groep rekenen plus is gekoppeld aan 5a van 2026-2027"));
    CHECK(count(db,
                "SELECT count(*) FROM groups WHERE schooljaar = '2026-2027' AND source = 'parnassys' AND active = 1") ==
          3);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE schooljaar = '2027-2028' AND source = 'parnassys'") == 3);
    CHECK(
        count(
            db,
            "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.schooljaar = '2026-2027'") ==
        7);
    REQUIRE(import_at(db, edex_doc("2027-2028", DANIELLE SEM NOOR, TEACHERS), june, NULL, false) == KM_OK);
    CHECK(changes(&rep) == 0 && rep.relink == 1); /* advice, not a change */
    REQUIRE(import_at(db, edex_doc("2027-2028", DANIELLE SEM NOOR, TEACHERS), "2027-08-01", NULL, false) == KM_OK);
    CHECK(rep.groups_changed == 3 &&
          has_line(&rep, "het schooljaar is voorbij")); /* last year's groups give no rights */
    CHECK(count(db, "SELECT count(*) FROM groups WHERE schooljaar = '2026-2027' AND source = 'parnassys'") == 3);
    db_close(db);
}

/* After next year's import the eigen groep gets the new 5a proposed, and taking it keeps its planning. */
TEST(edex_relink_proposes_the_new_bron_and_keeps_the_planning)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *june = "2027-06-20";
    REQUIRE(import_at(db, edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS), june, NULL, false) == KM_OK);
    struct km_session s;
    session_server(&s, db);
    int64_t eigen = 0, old5a = 0, lezen = 0, goal = 0, inst = 0;
    REQUIRE(groups_find(&s, "5a", "2026-2027", &old5a) == KM_OK);
    REQUIRE(groups_add(&s, "rekenen plus", "eigen", "2026-2027", NULL, &eigen) == KM_OK);
    REQUIRE(groups_add(&s, "leesclub", "eigen", "2026-2027", NULL, &lezen) == KM_OK);
    REQUIRE(groups_set_bron(&s, eigen, old5a, -1) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE groups SET linked_group_id = (SELECT id FROM groups WHERE name = 'lezen') WHERE id = ?",
                    "i", lezen) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE groups SET name = 'lezen oud' WHERE name = 'lezen'", NULL) ==
            KM_OK); /* no match next year */
    /* a planned goal in a lesson of the eigen groep */
    REQUIRE(db_exec(db, "INSERT INTO hoofdgebieden (id, name) VALUES (1, 'rekenen')", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO deelgebieden (id, hoofdgebied_id, name) VALUES (1, 1, 'breuken')", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO leerdoelen (id, deelgebied_id, code, title) VALUES (1, 1, 'R1', 'Ik kan breuken')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO week_templates (id, name, created_at) VALUES (1, 'w', '2027-01-01')", NULL) ==
            KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO time_slots (id, template_id, weekday, start_min, end_min) VALUES (1, 1, 1, 510, 570)",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO lessons (id, slot_id) VALUES (1, 1)", NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO roster_weeks (week_start, template_id, generated_at) VALUES ('2027-06-14', 1, 'x')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO lesson_instances (id, lesson_id, week_start, date, start_min, end_min)"
                    " VALUES (1, 1, '2027-06-14', '2027-06-14', 510, 570)",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO lesson_groups (lesson_id, group_id) VALUES (1, ?)", "i", eigen) == KM_OK);
    goal = 1;
    inst = 1;
    REQUIRE(planning_add_goal(&s, inst, goal) == KM_OK);
    REQUIRE(import_at(db, edex_doc("2027-2028", DANIELLE SEM NOOR, TEACHERS), june, NULL, false) == KM_OK);
    int64_t new5a = 0;
    REQUIRE(groups_find(&s, "5a", "2027-2028", &new5a) == KM_OK);
    struct relink_list l;
    REQUIRE(relink_list(&s, NULL, &l) == KM_OK);
    CHECK_STR(l.schooljaar, "2027-2028");
    REQUIRE(l.n == 2);
    CHECK_STR(l.items[0].name, "leesclub");
    CHECK(l.items[0].proposed_id == 0);
    CHECK_STR(l.items[1].name, "rekenen plus");
    CHECK(l.items[1].linked_id == old5a && l.items[1].proposed_id == new5a);
    CHECK_STR(l.items[1].proposed_schooljaar, "2027-2028");
    relink_free(&l);
    int linked = -1, left = -1;
    REQUIRE(relink_all(&s, true, &linked, &left) == KM_OK);
    CHECK(linked == 1 && left == 1);
    CHECK(count(db, "SELECT count(*) FROM groups WHERE name = 'rekenen plus' AND schooljaar = '2026-2027'") == 1);
    REQUIRE(relink_all(&s, false, &linked, &left) == KM_OK);
    CHECK(linked == 1 && left == 1);
    struct km_group g;
    REQUIRE(groups_get(&s, eigen, &g) == KM_OK);
    CHECK(g.linked_group_id == new5a);
    CHECK_STR(g.schooljaar, "2027-2028");
    groups_free(&g);
    /* same group, same lesson, same planned goal */
    CHECK(count(db, "SELECT count(*) FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                    " JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id JOIN groups g ON g.id = lg.group_id"
                    " WHERE g.name = 'rekenen plus'") == 1);
    REQUIRE(relink_list(&s, NULL, &l) == KM_OK);
    CHECK(l.n == 1); /* the leesclub waits for a bron chosen by hand */
    relink_free(&l);
    struct km_session juf;
    REQUIRE(session_for_user(&juf, db, "anneke.vries") == KM_OK);
    CHECK(relink_list(&juf, NULL, &l) == KM_DENIED);
    CHECK(relink_all(&juf, false, &linked, &left) == KM_DENIED);
    db_close(db);
}

TEST(edex_school_year_must_be_this_or_next)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    CHECK(import(db, edex_doc("2025-2026", DANIELLE, TEACHERS)) == KM_INVALID);
    CHECK(has_line(&rep, "regel 3: <schooljaar>"));
    CHECK(import(db, edex_doc("2028-2029", DANIELLE, TEACHERS)) == KM_INVALID);
    CHECK(import(db, edex_doc("2027-2028", DANIELLE, TEACHERS)) == KM_OK);
    CHECK(import_at(db, edex_doc("2025-2026", DANIELLE, TEACHERS), TODAY, "2025-2026", false) == KM_OK);
    db_close(db);
}

/* ---- broken documents ---- */

/* The document fails, names `element` on the line where `marker` is, and leaves the school as it was. */
static void check_refused(struct km_db *db, const char *doc, const char *marker, const char *element, const char *text)
{
    int line = 1;
    const char *at = strstr(doc, marker);
    for (const char *p = doc; at && p < at; p++)
        line += *p == '\n';
    char want[80];
    snprintf(want, sizeof want, "regel %d: <%s>", line, element);
    int64_t before = state_of(db), runs = count(db, "SELECT count(*) FROM sync_runs WHERE ok = 0");
    CHECK(import(db, doc) == KM_INVALID);
    if (!has_line(&rep, want) || !has_line(&rep, text))
        test_fail_str(__FILE__, __LINE__, "error line", rep.nlines ? rep.lines[0] : "", want);
    CHECK(rep.errors >= 1);
    CHECK(state_of(db) == before);
    CHECK(count(db, "SELECT count(*) FROM sync_runs WHERE ok = 0") == runs + 1);
}

TEST(edex_broken_documents_change_nothing_and_name_element_and_line)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM NOOR, TEACHERS)) == KM_OK);
    /* each of them would also have deactivated Sem */
    check_refused(db, edex_doc("2026-2027", DANIELLE NOOR LL("L1", "Zoë", "Peters", "G5A", ""), TEACHERS), "Zoë",
                  "leerling", "de key 'L1' komt al voor op regel");
    check_refused(
        db, edex_doc("2026-2027", DANIELLE "<leerling key=\"L7\"><jaargroep>5</jaargroep></leerling>\n", TEACHERS),
        "L7", "leerling", "<roepnaam> ontbreekt");
    check_refused(db, edex_doc("2026-2027", DANIELLE LL("L8", "Finn", "Smit", "G9Z", ""), TEACHERS), "L8", "groep",
                  "de groep 'G9Z' bestaat niet");
    check_refused(db,
                  edex_doc("2026-2027", DANIELLE, LK("T1", "Anneke", "Vries", "<samengestelde_groep key=\"G5A\"/>")),
                  "T1", "samengestelde_groep", "'G5A' is een groep");
    check_refused(db, "dit is geen XML\n", "dit", "EDEX", "geen geldige XML");
    check_refused(db, "<?xml version=\"1.0\"?>\n<EDEX>\n<school>\n</EDEX>\n", "</EDEX>", "EDEX", "geen geldige XML");
    check_refused(db, "<?xml version=\"1.0\"?>\n<EDEX><school/></EDEX>\n", "<EDEX>", "EDEX", "geen <leerlingen>");
    db_close(db);
}

TEST(edex_dtd_is_refused)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *doc = "<?xml version=\"1.0\"?>\n"
                      "<!DOCTYPE EDEX [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                      "<EDEX><school><schooljaar>2026-2027</schooljaar></school><leerlingen>"
                      "<leerling key=\"L1\"><roepnaam>&b;</roepnaam></leerling></leerlingen></EDEX>\n";
    CHECK(import(db, doc) == KM_INVALID);
    CHECK(has_line(&rep, "regel 2: <!DOCTYPE>: een DTD is niet toegestaan"));
    const char *external =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE EDEX SYSTEM \"http://example.invalid/edex.dtd\">\n<EDEX/>\n";
    CHECK(import(db, external) == KM_INVALID && has_line(&rep, "DTD"));
    CHECK(count(db, "SELECT count(*) FROM users") == 0);
    db_close(db);
}

TEST(edex_namespaced_uwlr_answer_parses_the_same)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    const char *doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
        "<soap:Body>\n"
        "<ll:leerlinggegevens_antwoord xmlns:ll=\"http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens\">\n"
        "<ll:school><ll:schooljaar>2026-2027</ll:schooljaar><ll:brincode>99ZZ</ll:brincode></ll:school>\n"
        "<ll:groepen><ll:groep "
        "key=\"G5A\"><ll:naam>5a</ll:naam><ll:jaargroep>5</ll:jaargroep></ll:groep></ll:groepen>\n"
        "<ll:leerlingen><ll:leerling key=\"L1\"><ll:achternaam>Çelik</ll:achternaam><ll:roepnaam>Daniëlle</ll:roepnaam>"
        "<ll:groep key=\"G5A\"/></ll:leerling></ll:leerlingen>\n"
        "<ll:leerkrachten><ll:leerkracht key=\"T1\"><ll:roepnaam>Anneke</ll:roepnaam><ll:groepen><ll:groep "
        "key=\"G5A\"/>"
        "</ll:groepen></ll:leerkracht></ll:leerkrachten>\n"
        "</ll:leerlinggegevens_antwoord>\n</soap:Body>\n</soap:Envelope>\n";
    REQUIRE(import(db, doc) == KM_OK);
    CHECK(rep.added == 2 && rep.groups_added == 1 && rep.memberships_changed == 2);
    db_close(db);
}

TEST(edex_control_characters_are_stripped)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    /* XML 1.0 refuses most C0 controls outright; C1 controls (CSI), bidi overrides and tabs it lets through */
    REQUIRE(import(db, edex_doc("2026-2027",
                                LL("L1",
                                   "Evil\xC2\x9B"
                                   "2J\xE2\x80\xAE",
                                   "Kid\t\tBoy", "G5A", ""),
                                TEACHERS)) == KM_OK);
    char v[64] = "";
    REQUIRE(db_text(db, v, sizeof v, "SELECT roepnaam || '|' || achternaam FROM users WHERE source_key = 'L1'", NULL) ==
            KM_OK);
    CHECK_STR(v, "Evil2J|Kid Boy");
    db_close(db);
}

/* ---- read-only ---- */

TEST(edex_synced_fields_are_read_only_outside_the_sync)
{
    struct km_db *db = school("99ZZ");
    REQUIRE(db);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM, TEACHERS)) == KM_OK);
    char sem[64] = "";
    int64_t sem_id = 0, group = 0, eigen = 0, local = 0;
    REQUIRE(db_text(db, sem, sizeof sem, "SELECT username FROM users WHERE source_key = 'L2'", NULL) == KM_OK);
    REQUIRE(db_int(db, &sem_id, "SELECT id FROM users WHERE source_key = 'L2'", NULL) == KM_OK);
    REQUIRE(db_int(db, &group, "SELECT id FROM groups WHERE source_key = 'G6B'", NULL) == KM_OK);
    struct km_session server, beheer;
    session_server(&server, db);
    struct user_new admin = {.role = ROLE_BEHEERDER, .username = "beheer", .roepnaam = "Kees", .achternaam = "Smit"};
    struct user_new kid = {.role = ROLE_LEERLING, .username = "lokaal", .roepnaam = "Lokale", .achternaam = "Leerling"};
    REQUIRE(users_add(&server, &admin, NULL) == KM_OK && users_add(&server, &kid, &local) == KM_OK);
    REQUIRE(session_for_user(&beheer, db, "beheer") == KM_OK);
    const struct km_session *who[] = {&server, &beheer};
    for (int i = 0; i < 2; i++) {
        CHECK(users_deactivate(who[i], sem) == KM_READONLY);
        CHECK(strstr(db_errmsg(db), "komt uit ParnasSys") != NULL);
        CHECK(groups_add_member(who[i], group, sem_id) == KM_READONLY);
        CHECK(strstr(db_errmsg(db), "komt uit ParnasSys") != NULL);
        CHECK(groups_add_member(who[i], group, local) == KM_READONLY);
        CHECK(groups_remove_member(who[i], group, sem_id) == KM_READONLY);
    }
    int64_t g5a = 0;
    REQUIRE(db_int(db, &g5a, "SELECT id FROM groups WHERE source_key = 'G5A'", NULL) == KM_OK);
    CHECK(groups_remove_member(&beheer, g5a, sem_id) == KM_READONLY);
    CHECK(strstr(db_errmsg(db), "komt uit ParnasSys") != NULL);
    CHECK(active_of(db, "L2") == 1);
    CHECK(count(db, "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.source_key = 'L2'") ==
          1);
    /* eigen groepen stay editable, also with synced students in them */
    REQUIRE(groups_add(&beheer, "leesclub", "eigen", NULL, NULL, &eigen) == KM_OK);
    CHECK(groups_add_member(&beheer, eigen, sem_id) == KM_OK);
    CHECK(groups_remove_member(&beheer, eigen, sem_id) == KM_OK);
    REQUIRE(import(db, edex_doc("2026-2027", DANIELLE SEM, TEACHERS)) == KM_OK);
    CHECK(changes(&rep) == 0);
    db_close(db);
}

/* ---- data minimisation ---- */

static bool file_contains(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 20, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                break;
            buf = grown;
        }
    }
    fclose(f);
    size_t want = strlen(needle);
    bool found = false;
    for (size_t i = 0; buf && !found && i + want <= len; i++)
        found = memcmp(buf + i, needle, want) == 0;
    free(buf);
    return found;
}

/* No text cell of any table equals a minimised value, and no column is meant for one. */
static void check_cells(const char *path, const char *const *values, size_t nvalues)
{
    sqlite3 *h;
    REQUIRE(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    sqlite3_stmt *tables, *rows;
    REQUIRE(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables, NULL) ==
            SQLITE_OK);
    static const char *const banned[] = {"bsn",     "onderwijsnummer", "etnici",   "nationali", "land",
                                         "gewicht", "postcode",        "geboorte", "sofi",      "rijksregister"};
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", (const char *)sqlite3_column_text(tables, 0));
        REQUIRE(sqlite3_prepare_v2(h, sql, -1, &rows, NULL) == SQLITE_OK);
        sqlite3_free(sql);
        for (int c = 0; c < sqlite3_column_count(rows); c++)
            for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
                CHECK(strstr(sqlite3_column_name(rows, c), banned[b]) == NULL);
        while (sqlite3_step(rows) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(rows); c++)
                for (size_t v = 0; sqlite3_column_type(rows, c) == SQLITE_TEXT && v < nvalues; v++)
                    if (strcmp((const char *)sqlite3_column_text(rows, c), values[v]) == 0)
                        test_fail_str(__FILE__, __LINE__, sqlite3_column_name(rows, c), values[v], "(not stored)");
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(h);
}

static void check_minimised(const char *sample, const char *const *bytes, size_t nbytes, const char *const *cells,
                            size_t ncells)
{
    struct km_db *db = school(NULL);
    REQUIRE(db);
    REQUIRE(import_sample(db, sample, "2014-2015") == KM_OK);
    char path[512], wal[520];
    snprintf(path, sizeof path, "%s", db_path(db));
    snprintf(wal, sizeof wal, "%s-wal", path);
    db_close(db);
    for (size_t i = 0; i < nbytes; i++) {
        if (file_contains(path, bytes[i]) || file_contains(wal, bytes[i]))
            test_fail_str(__FILE__, __LINE__, "database file", bytes[i], "(not stored)");
    }
    check_cells(path, cells, ncells);
}

TEST(edex_minimised_fields_never_reach_the_database)
{
    NEED_SAMPLE(sample_nl, SAMPLE_NL);
    NEED_SAMPLE(sample_be, SAMPLE_BE);
    /* bsn, bsn_ondwnr-4, postcodenl, gewicht_nieuw, geboortedatum, start_ondw_jgr3 of the Dutch sample */
    static const char *const nl_bytes[] = {"133456785", "6971VB", "2006-06-21", "2013-08-16"};
    static const char *const nl_cells[] = {"133456785", "2731", "MA", "NL", "0,3", "6971VB", "2006-06-21"};
    check_minimised(sample_nl, nl_bytes, sizeof nl_bytes / sizeof nl_bytes[0], nl_cells,
                    sizeof nl_cells / sizeof nl_cells[0]);
    /* rijksregisternummer, postnummerbe, geboortedatum, land of the Flemish one */
    static const char *const be_bytes[] = {"13345678512", "2004-02-20"};
    static const char *const be_cells[] = {"13345678512", "6971", "MA", "NL", "2004-02-20"};
    check_minimised(sample_be, be_bytes, sizeof be_bytes / sizeof be_bytes[0], be_cells,
                    sizeof be_cells / sizeof be_cells[0]);
}
