/* The weektaak (core/weekplan.h): the group's lessons and goals of one week, per student the goals not
 * mastered yet, who may print it, escaping, never a note, and a busy week still on one page. */
#include <stdlib.h>
#include <string.h>

#include "core/db_sql.h"
#include "core/weekplan.h"
#include "fixture.h"
#include "test.h"

/* The whole HTML in a malloc'd string. */
static char *html_of(const struct weekplan *w)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    weekplan_html(f, w);
    fclose(f);
    return buf;
}

static int occurrences(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

TEST(weekplan_lessons_goals_and_own_goals)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db,
                    "INSERT INTO leerdoelen (id, deelgebied_id, code, title) VALUES (2, 1, 'RE-BR-5.02', 'Ik kan "
                    "<b>breuken</b> & delen')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO planned_goals (instance_id, goal_id, added_at) VALUES (1, 1, 'x'), (1, 2, 'x')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE lesson_instances SET note = 'GEHEIM: alleen voor de juf' WHERE id = 1", NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO goal_status (student_id, goal_id, status_id, updated_at) VALUES (1, 1, 4, 'x')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db,
                    "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at) VALUES"
                    " (20, 'leerling', 'l3', 'Noor', '<script>', '2026-01-01')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "INSERT INTO memberships (group_id, user_id, kind) VALUES (1, 20, 'leerling')", NULL) == KM_OK);
    struct km_session s;
    fixture_session(&s, db, FX_JUF1);
    struct weekplan w;
    REQUIRE(weekplan_build(&s, FX_GROUP1, "2026-12-03", &w) == KM_OK); /* any day of the week */
    CHECK_STR(w.monday, "2026-11-30");
    CHECK(w.iso_week == 49);
    CHECK_STR(w.school, "OBS Test");
    CHECK_STR(w.group, "groep 5a");
    REQUIRE(w.nlessons == 1);
    CHECK(w.lessons[0].weekday == 1 && w.lessons[0].start_min == 510 && w.lessons[0].ngoals == 2);
    CHECK_STR(w.lessons[0].subject, "");
    REQUIRE(w.nstudents == 2);
    /* Daniëlle Çelik mastered goal 1: only goal 2 is hers to work on; the other student has both */
    CHECK_STR(w.students[0].name, "Noor <script>");
    CHECK(w.students[0].nown == 2);
    CHECK_STR(w.students[1].name, "Daniëlle Çelik");
    REQUIRE(w.students[1].nown == 1);
    CHECK(strstr(w.students[1].own[0], "delen") != NULL);
    char *html = html_of(&w);
    REQUIRE(html);
    CHECK(occurrences(html, "<section class=\"page\"") == 2);
    CHECK(strstr(html, "Weektaak van Noor &lt;script&gt;") != NULL);
    CHECK(strstr(html, "<script>") == NULL && strstr(html, "<b>breuken") == NULL);
    CHECK(strstr(html, "Ik kan &lt;b&gt;breuken&lt;/b&gt; &amp; delen") != NULL);
    CHECK(strstr(html, "GEHEIM") == NULL); /* never a note */
    CHECK(strstr(html, "Hier kan ik zelf aan werken") != NULL && occurrences(html, "class=\"box\"") == 3);
    CHECK(strstr(html, "OBS Test") != NULL && strstr(html, "week 49 · 30 november t/m 4 december 2026") != NULL);
    CHECK(strstr(html, "break-after:page") != NULL && strstr(html, "size:A4") != NULL);
    free(html);
    weekplan_free(&w);
    CHECK(w.nlessons == 0 && w.students == NULL);
    db_close(db);
}

TEST(weekplan_access)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session s;
    struct weekplan w;
    fixture_session(&s, db, FX_DUO); /* duo-collega of groep 6b */
    CHECK(weekplan_build(&s, FX_GROUP2, "2026-11-30", &w) == KM_OK);
    weekplan_free(&w);
    CHECK(weekplan_build(&s, FX_GROUP1, "2026-11-30", &w) == KM_DENIED);
    fixture_session(&s, db, FX_BEHEERDER);
    CHECK(weekplan_build(&s, FX_GROUP1, "2026-11-30", &w) == KM_OK);
    weekplan_free(&w);
    CHECK(weekplan_build(&s, FX_GROUP1, "30-11-2026", &w) == KM_INVALID);
    CHECK(weekplan_build(&s, 99, "2026-11-30", &w) == KM_NOTFOUND);
    fixture_session(&s, db, FX_LEERLING1);
    CHECK(weekplan_build(&s, FX_GROUP1, "2026-11-30", &w) == KM_DENIED);
    fixture_session(&s, db, FX_OUDER1);
    CHECK(weekplan_build(&s, FX_GROUP1, "2026-11-30", &w) == KM_DENIED);
    db_close(db);
}

/* A made-up week with far too much on it: a smaller font first, then "en nog N". */
TEST(weekplan_fit_chooses_a_size_then_shortens)
{
    static char title[] = "Ik kan een heel lange zin lezen over breuken, kommagetallen en procenten in een verhaal";
    static char subject[] = "rekenen / breuken", room[] = "lokaal 5a";
    char *goals[40];
    for (int i = 0; i < 40; i++)
        goals[i] = title;
    struct weekplan_lesson lessons[25];
    memset(lessons, 0, sizeof lessons);
    for (int i = 0; i < 25; i++) {
        lessons[i].weekday = 1 + i / 5;
        lessons[i].subject = subject;
        lessons[i].room = room;
        lessons[i].goals = goals;
        lessons[i].ngoals = 1;
    }
    struct weekplan_student st = {1, title, goals, 4};
    struct weekplan w = {.lessons = lessons, .nlessons = 25, .students = &st, .nstudents = 1};
    for (int d = 1; d <= 5; d++)
        w.open[d] = true;
    struct weekplan_fit light = weekplan_fit(&w, &st);
    CHECK(light.pt > 6.0 && light.max_goals >= 40 && light.max_own >= 40);
    for (int i = 0; i < 25; i++)
        lessons[i].ngoals = 6;
    st.nown = 40;
    struct weekplan_fit busy = weekplan_fit(&w, &st);
    CHECK(busy.pt == 6.0 && busy.max_goals < 6);
    CHECK(busy.pt < light.pt);
}
