/* The CSV reader and writer (RFC 4180 as Dutch Excel writes it), and the week template's spreadsheet
 * round trip through core. */
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "core/auth.h"
#include "core/demo.h"
#include "core/hours.h"
#include "core/lessons.h"
#include "core/rooms.h"
#include "core/text.h"
#include "core/templates.h"
#include "fixture.h"
#include "sync/csv.h"
#include "sync/template_csv.h"
#include "test.h"

static bool parse(const char *text, struct csv_table *t) { return csv_parse(text, strlen(text), 0, t) == 0; }

TEST(csv_quotes_and_doubled_quotes)
{
    struct csv_table t;
    REQUIRE(parse("a;\"b;c\";\"zei \"\"hoi\"\"\";\"\"\n", &t));
    REQUIRE(t.n == 1 && t.records[0].n == 4);
    CHECK_STR(t.records[0].fields[0], "a");
    CHECK_STR(t.records[0].fields[1], "b;c");
    CHECK_STR(t.records[0].fields[2], "zei \"hoi\"");
    CHECK_STR(t.records[0].fields[3], "");
    CHECK(t.nproblems == 0 && t.sep == ';');
    csv_free(&t);
    /* Excel keeps a quote inside an unquoted field as text; so do we */
    REQUIRE(parse("5\" scherm;x", &t));
    CHECK_STR(t.records[0].fields[0], "5\" scherm");
    CHECK(t.nproblems == 0);
    csv_free(&t);
}

TEST(csv_newlines_in_quotes_keep_line_numbers)
{
    struct csv_table t;
    REQUIRE(parse("kop;b\r\n\"twee\r\nregels\";x\r\n\r\nlaatste;y", &t));
    REQUIRE(t.n == 3);
    CHECK_STR(t.records[1].fields[0], "twee\r\nregels");
    CHECK(t.records[0].line == 1 && t.records[1].line == 2 && t.records[2].line == 5);
    CHECK_STR(t.records[2].fields[1], "y"); /* no line break at the end */
    csv_free(&t);
}

TEST(csv_crlf_lf_cr_and_bom)
{
    const char *variants[] = {("\xEF\xBB\xBF"
                               "a;b\r\nc;d\r\n"),
                              "a;b\nc;d\n", "a;b\rc;d\r", "a;b\nc;d"};
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        struct csv_table t;
        REQUIRE(parse(variants[i], &t));
        CHECK(t.n == 2 && t.records[0].n == 2 && t.records[1].n == 2);
        CHECK_STR(t.records[0].fields[0], "a"); /* the BOM is not part of the first name */
        CHECK_STR(t.records[1].fields[1], "d");
        CHECK(t.records[1].line == 2 && t.nproblems == 0);
        csv_free(&t);
    }
}

TEST(csv_separator_from_the_header)
{
    CHECK(csv_detect_separator("a,b,c\n1;2;3;4;5", 15) == ',');
    CHECK(csv_detect_separator("a;b,c;d\n", 8) == ';');
    CHECK(csv_detect_separator("\"a;b;c\",d\n", 10) == ','); /* separators inside quotes do not count */
    CHECK(csv_detect_separator("alleen", 6) == ';');
    struct csv_table t;
    REQUIRE(parse("naam,plaatsen\n\"lokaal 1, boven\",30\n", &t));
    CHECK(t.sep == ',' && t.n == 2);
    CHECK_STR(t.records[1].fields[0], "lokaal 1, boven");
    csv_free(&t);
}

TEST(csv_mistakes_are_named_by_line)
{
    struct csv_table t;
    REQUIRE(parse("a;b\n\"goed\"x;c\nd;\"open\nnog open", &t));
    REQUIRE(t.nproblems == 2);
    CHECK(t.problems[0].line == 2 && strstr(t.problems[0].text, "na het afsluitende"));
    CHECK(t.problems[1].line == 3 && strstr(t.problems[1].text, "niet afgesloten"));
    CHECK_STR(t.records[1].fields[0], "goedx"); /* kept, not lost */
    csv_free(&t);
    REQUIRE(csv_parse("a\0b;c\n", 6, 0, &t) == 0);
    CHECK(t.nproblems == 1 && strstr(t.problems[0].text, "NUL"));
    csv_free(&t);
    CHECK(csv_parse("x", (size_t)CSV_MAX_BYTES + 1, 0, &t) == -1 && t.n == 0); /* refused before reading */
}

static char *write_to_string(const char *const *fields, size_t n, char sep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    csv_write_record(f, fields, n, sep);
    fclose(f);
    return buf;
}

TEST(csv_writer_quotes_only_what_needs_it)
{
    const char *fields[] = {"gewoon", "a;b", "zei \"hoi\"", "twee\nregels", " spatie", "a,b", "=SOM(A1)", ""};
    char *s = write_to_string(fields, 8, ';');
    REQUIRE(s);
    CHECK_STR(s, "gewoon;\"a;b\";\"zei \"\"hoi\"\"\";\"twee\nregels\";\" spatie\";a,b;'=SOM(A1);\r\n");
    free(s);
    CHECK_STR(csv_unguard("'=SOM(A1)"), "=SOM(A1)");
    CHECK_STR(csv_unguard("'t Klokhuis"), "'t Klokhuis"); /* a Dutch apostrophe stays */
}

/* Every CSV goes through the sanitiser: ESC, C1 (U+009B), bidi controls and an OSC sequence's BEL come out as
 * U+FFFD, whoever calls the writer. */
TEST(csv_writer_sanitises_every_field)
{
    const char *fields[] = {"a\x1b[31mb",
                            "c\xc2\x9b"
                            "2Jd",
                            "e\xe2\x80\xae"
                            "f\xe2\x81\xa6"
                            "g",
                            "\x1b]0;x\x07h"};
    char *s = write_to_string(fields, 4, ';');
    REQUIRE(s);
    CHECK_STR(s, "a\xef\xbf\xbd[31mb;c\xef\xbf\xbd"
                 "2Jd;e\xef\xbf\xbd"
                 "f\xef\xbf\xbdg;\"\xef\xbf\xbd]0;x\xef\xbf\xbdh\"\r\n");
    free(s);
}

/* Whatever the writer writes, the reader gives back (formula guards taken off). */
TEST(csv_write_then_read_gives_the_same_fields)
{
    const char alphabet[] = "ab ;,\"\r\n'=ë-";
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        char fields[4][12];
        const char *ptrs[4];
        for (int i = 0; i < 4; i++) {
            int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 11;
            for (int k = 0; k < n; k++)
                fields[i][k] = alphabet[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof alphabet - 1)];
            fields[i][n] = '\0';
            ptrs[i] = fields[i];
        }
        char sep = round % 2 ? ',' : ';';
        char *s = write_to_string(ptrs, 4, sep);
        REQUIRE(s);
        struct csv_table t;
        REQUIRE(csv_parse(s, strlen(s), sep, &t) == 0);
        bool same = t.n == 1 && t.records[0].n == 4 && t.nproblems == 0;
        for (int i = 0; same && i < 4; i++) {
            char want[64]; /* what the writer's sanitiser leaves: a CR becomes U+FFFD, a line feed stays */
            text_sanitize_lines(fields[i], want, sizeof want);
            same = strcmp(csv_unguard(t.records[0].fields[i]), want) == 0;
        }
        if (!same)
            fprintf(stderr, "    round %d: %s", round, s);
        CHECK(same);
        csv_free(&t);
        free(s);
    }
}

/* Random bytes never crash the reader (ASan watches the build/unit-asan run of this). */
TEST(csv_random_input_is_safe)
{
    unsigned seed = 7;
    char buf[512];
    const char bias[] = "\";,\r\n\0a\xEF\xBB\xBF";
    for (int round = 0; round < 2000; round++) {
        size_t n = ((seed = seed * 1103515245u + 12345u) >> 16) % sizeof buf;
        for (size_t i = 0; i < n; i++) {
            unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
            buf[i] = r % 3 ? bias[r % (sizeof bias - 1)] : (char)(r >> 3);
        }
        struct csv_table t;
        REQUIRE(csv_parse(buf, n, 0, &t) == 0);
        for (size_t i = 0; i < t.n; i++)
            CHECK(t.records[i].n >= 1 && t.records[i].line >= 1);
        csv_free(&t);
    }
}

/* ---- the week template's spreadsheet ---- */

static char *export_string(struct km_session *b, int64_t tpl)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    enum km_rc rc = template_csv_export(b, tpl, f);
    fclose(f);
    if (rc != KM_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int64_t slot_of(struct km_session *b, int64_t tpl, int weekday, int start)
{
    struct km_slot_list l;
    int64_t id = 0;
    if (slots_list(b, tpl, &l) != KM_OK)
        return 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].weekday == weekday && l.items[i].start_min == start)
            id = l.items[i].id;
    slots_list_free(&l);
    return id;
}

/* Monday and Tuesday: three slots and a break, a blokuur, a lesson with a free group and a room. */
static int64_t build_week(struct km_session *b)
{
    int64_t tpl, room;
    for (int d = 1; d <= 5; d++)
        if (hours_set(b, d, 510, 870, 0) != KM_OK)
            return 0;
    if (templates_add(b, "Proefweek", &tpl) != KM_OK || rooms_add(b, "lokaal; boven", 30, &room) != KM_OK ||
        slots_add(b, tpl, 6u, 510, 570, "1e uur", false, 5) != KM_OK ||
        slots_add(b, tpl, 6u, 570, 615, "2e uur", false, 5) != KM_OK ||
        slots_add(b, tpl, 2u, 615, 630, "pauze", true, 5) != KM_OK)
        return 0;
    struct lesson_input a = {.slot_id = slot_of(b, tpl, 1, 570), .teacher_id = FX_JUF2, .ngroups = 1};
    a.groups[0] = (struct lesson_group){FX_GROUP2, true};
    struct lesson_input blok = {.slot_id = slot_of(b, tpl, 1, 510),
                                .teacher_id = FX_JUF1,
                                .hoofdgebied_id = 1,
                                .deelgebied_id = 1,
                                .room_id = room,
                                .ngroups = 2,
                                .nlinked = 1};
    blok.groups[0] = (struct lesson_group){FX_GROUP1, true};
    blok.groups[1] = (struct lesson_group){FX_GROUP2, false};
    blok.linked_slots[0] = a.slot_id;
    struct lesson_input c = {.slot_id = slot_of(b, tpl, 2, 510), .teacher_id = FX_JUF1, .ngroups = 1};
    c.groups[0] = (struct lesson_group){FX_GROUP1, true};
    /* a is made first, so in the 2e uur its id comes before the blokuur's part: the import must keep that */
    if (lessons_add(b, &a, true, NULL, NULL) != KM_OK || lessons_add(b, &blok, true, NULL, NULL) != KM_OK ||
        lessons_add(b, &c, true, NULL, NULL) != KM_OK)
        return 0;
    return tpl;
}

TEST(csv_template_round_trip)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    int64_t tpl = build_week(&b);
    REQUIRE(tpl);
    char *first = export_string(&b, tpl);
    REQUIRE(first);
    CHECK(strstr(first, "Proefweek;ma;08:30;09:30;1e uur;nee;juf1;rekenen;breuken;\"lokaal; boven\";;"
                        "groep 5a, groep 6b (vrij);1\r\n") != NULL);
    CHECK(strstr(first, "Proefweek;ma;10:15;10:30;pauze;ja;;;;;;;\r\n") != NULL);
    CHECK(strstr(first, "Proefweek;di;09:30;10:15;2e uur;nee;;;;;;;\r\n") != NULL); /* a slot without lessons */
    REQUIRE(templates_delete(&b, tpl) == KM_OK);
    struct template_csv_options o = {NULL, 5, false};
    struct template_csv_result res;
    CHECK(template_csv_import(&b, first, strlen(first), &o, &res) == KM_OK);
    CHECK(res.nerrors == 0 && res.slots == 5 && res.lessons == 4 && res.blokuren == 1);
    template_csv_result_free(&res);
    REQUIRE(templates_find(&b, "Proefweek", &tpl) == KM_OK);
    char *second = export_string(&b, tpl);
    REQUIRE(second);
    CHECK_STR(second, first);
    free(first);
    free(second);
    db_close(db);
}

static const char header[] = "sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;"
                             "niveaus;groepen;blokuur\n";

static bool has_error(const struct template_csv_result *res, int line, const char *text)
{
    for (size_t i = 0; i < res->nerrors; i++)
        if (res->errors[i].line == line && strstr(res->errors[i].text, text))
            return true;
    return false;
}

TEST(csv_template_import_names_every_mistake_and_changes_nothing)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session b;
    fixture_session(&b, db, FX_BEHEERDER);
    for (int d = 1; d <= 5; d++)
        REQUIRE(hours_set(&b, d, 510, 870, 0) == KM_OK);
    char file[2048];
    snprintf(file, sizeof file,
             "%s"
             "Fout;ma;08:30;09:30;1e uur;nee;juf.x;rekenen;breuken;;;groep 5a;\n" /* 2: unknown teacher */
             "Fout;xx;08:30;09:30;1e uur;nee;;;;;;;\n"                            /* 3: day */
             "Fout;di;8:3x;09:30;1e uur;nee;;;;;;;\n"                             /* 4: time */
             "Fout;di;09:00;09:30;1e uur;nee;juf1;;;;;groep 9z;\n"                /* 5: group */
             "Fout;wo;09:00;09:30;x;nee;juf1\n"                                   /* 6: short */
             "Fout;do;09:00;09:30;x;nee;juf1;;;;;groep 5a;\n"
             "Fout;do;09:00;09:30;x;nee;juf1;;;;;groep 6b;\n" /* 8: teacher twice */
             "Fout;vr;09:02;09:30;x;nee;;;;;;;\n"             /* 9: step */
             "Fout;za;09:00;09:30;x;nee;;;;;;;\n",            /* 10: closed */
             header);
    struct template_csv_options o = {NULL, 5, false};
    struct template_csv_result res;
    CHECK(template_csv_import(&b, file, strlen(file), &o, &res) == KM_INVALID);
    CHECK(has_error(&res, 2, "onbekende leerkracht 'juf.x'"));
    CHECK(has_error(&res, 3, "onbekende dag 'xx'"));
    CHECK(has_error(&res, 4, "ongeldige tijd '8:3x'"));
    CHECK(has_error(&res, 5, "onbekende groep 'groep 9z'"));
    CHECK(has_error(&res, 6, "kolommen 'hoofdgebied'"));
    CHECK(has_error(&res, 8, "leerkracht 'juf1' geeft op do 09:00 al les (regel 7)"));
    CHECK(has_error(&res, 9, "per 5 minuten"));
    CHECK(has_error(&res, 10, "zaterdag is de school dicht"));
    for (size_t i = 1; i < res.nerrors; i++)
        CHECK(res.errors[i - 1].line <= res.errors[i].line);
    template_csv_result_free(&res);
    int64_t id;
    CHECK(templates_find(&b, "Fout", &id) == KM_NOTFOUND);
    /* a missing column in the header: named, and nothing else is read */
    const char *no_groups = "sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;"
                            "blokuur\nX;ma;08:30;09:30;a;nee;;;;;;\n";
    CHECK(template_csv_import(&b, no_groups, strlen(no_groups), &o, &res) == KM_INVALID);
    CHECK(res.nerrors == 1 && has_error(&res, 1, "kolom 'groepen' ontbreekt"));
    template_csv_result_free(&res);
    /* a dry run of a good file counts and makes nothing */
    snprintf(file, sizeof file,
             "%sGoed;ma;08:30;09:30;1e uur;nee;juf1;;;;;groep 5a;\n"
             "Goed;di;08:30;09:30;1e uur;nee;;;;;;;\n",
             header);
    o.dry_run = true;
    CHECK(template_csv_import(&b, file, strlen(file), &o, &res) == KM_OK);
    CHECK(res.slots == 2 && res.lessons == 1 && res.slots_per_day[1] == 1 && res.slots_per_day[2] == 1);
    template_csv_result_free(&res);
    CHECK(templates_find(&b, "Goed", &id) == KM_NOTFOUND);
    /* a teacher may not import */
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    o.dry_run = false;
    CHECK(template_csv_import(&juf, file, strlen(file), &o, &res) == KM_DENIED);
    template_csv_result_free(&res);
    db_close(db);
}

TEST(csv_record_blank_and_fits)
{
    char e[] = "", sp[] = " ", tab[] = "\t", fa[] = "a", fb[] = "b", fc[] = "c";
    char *blank_fields[] = {e, sp, tab};
    struct csv_record blank = {blank_fields, 3, 4};
    CHECK(csv_record_blank(&blank));
    char *short_fields[] = {fa};
    struct csv_record shorty = {short_fields, 1, 5};
    static const char *const names[] = {"naam", "lokaal", "groep"};
    int col[] = {0, 1, -1};
    char why[300];
    CHECK(!csv_record_blank(&shorty));
    CHECK(!csv_record_fits(&shorty, col, names, 3, 2, ';', "naam", why, sizeof why));
    CHECK(strstr(why, "kolom 'lokaal' ontbreekt") != NULL);
    char *long_fields[] = {fa, fb, fc};
    struct csv_record longer = {long_fields, 3, 6};
    CHECK(!csv_record_fits(&longer, col, names, 3, 2, ';', "titel", why, sizeof why));
    CHECK(strstr(why, "een ';' in een titel zonder aanhalingstekens") != NULL);
    char *fine_fields[] = {fa, fb, e};
    struct csv_record fine = {fine_fields, 3, 7};
    CHECK(csv_record_fits(&fine, col, names, 3, 2, ';', "titel", why, sizeof why));
}

/* The process's CPU time: what the import itself costs, whatever else the machine runs at the time. */
static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The large school's Standaardweek (1,152 lessons, 48 blokuren) through its spreadsheet: imported in one go
 * it gives the same sheet again. The only timed check in the suite, with a bound for a slow machine (make
 * bench holds the goal of a second): one import used to take 50 s, growing with the square of the lessons. */
TEST(csv_template_import_of_the_large_week)
{
    char err[512];
    struct km_db *db = NULL;
    REQUIRE(auth_init() == KM_OK);
    REQUIRE(db_open(test_tmp_path("large.db"), DB_OPEN_CREATE, &db, err, sizeof err) == KM_OK);
    struct demo_options opt = {
        .size = DEMO_LARGE, .seed = 1, .password = "Regenboog-demo-2026", .hash_params = auth_min_params()};
    REQUIRE(demo_create(db, &opt, NULL) == KM_OK);
    struct km_session b;
    session_server(&b, db);
    int64_t tpl, copy;
    REQUIRE(templates_find(&b, "Standaardweek", &tpl) == KM_OK);
    char *sheet = export_string(&b, tpl);
    REQUIRE(sheet);
    struct template_csv_options o = {"Kopie", 5, false};
    struct template_csv_result res;
    double t0 = seconds();
    CHECK(template_csv_import(&b, sheet, strlen(sheet), &o, &res) == KM_OK);
    double took = seconds() - t0;
    CHECK(res.lessons == 1152 && res.blokuren == 48 && res.warnings.n == 0);
    template_csv_result_free(&res);
    if (took > 5.0)
        fprintf(stderr, "  the import took %.1f s of CPU\n", took);
    if (!getenv("KM_VALGRIND")) /* under valgrind (make check-valgrind) everything is some 30 times slower */
        CHECK(took < 5.0);
    REQUIRE(templates_find(&b, "Kopie", &copy) == KM_OK);
    char *again = export_string(&b, copy);
    REQUIRE(again);
    /* the same sheet under the other name: every record starts with it */
    size_t len = strlen(sheet), k = 0;
    char *want = malloc(len + 1);
    REQUIRE(want);
    for (const char *p = sheet; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p + 1) : strlen(p);
        bool rec = strncmp(p, "Standaardweek;", 14) == 0;
        k += (size_t)snprintf(want + k, len + 1 - k, "%s%.*s", rec ? "Kopie;" : "", (int)(rec ? n - 14 : n),
                              rec ? p + 14 : p);
        p += n;
    }
    CHECK_STR(again, want);
    free(want);
    free(sheet);
    free(again);
    db_close(db);
}
