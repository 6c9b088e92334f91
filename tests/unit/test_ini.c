/* The shared INI reading (core/ini) with a small test format: sections [a] and [b]; every value is logged
 * with its line, and the value "fout" is refused. config and theme test their own formats on top of this. */
#include <sys/stat.h>
#include <unistd.h>

#include "core/ini.h"
#include "test.h"

struct log {
    char text[512]; /* "LINE:SECTION.NAME=VALUE;" for each value the format was given */
    int done;       /* how often done was called */
    int done_fails; /* a line for done to report a mistake on; 0 = none */
};

static int t_section(struct ini_file *in, const char *name, int len)
{
    if (len == 1 && (*name == 'a' || *name == 'b'))
        return 1;
    return ini_fail(in, "de test kent [%.*s] niet", len, name);
}

static int t_value(struct ini_file *in, const char *section, const char *name, const char *value)
{
    struct log *l = in->user;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%d:%s.%s=%s;", in->line, section, name, value);
    return strcmp(value, "fout") == 0 ? ini_fail(in, "'%s' is fout", value) : 1;
}

static void t_done(struct ini_file *in)
{
    struct log *l = in->user;
    l->done++;
    if (l->done_fails)
        ini_fail_at(in, l->done_fails, "done vond iets");
}

static const struct ini_format t_format = {
    .section = t_section,
    .value = t_value,
    .done = t_done,
    .no_name = "geen naam",
    .bad_line = "geen regel",
    .no_memory = "geen geheugen",
};

/* Writes len bytes of text to a fresh file, whose name goes to path. */
static void write_file(char *path, size_t pathlen, const char *text, size_t len)
{
    snprintf(path, pathlen, "%s", test_tmp_path("t.ini"));
    FILE *f = fopen(path, "w");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

/* Path names are short in tests: one size for every path buffer here. */
#define PATH_LEN 512

static enum km_rc read_text(const char *text, struct log *l, char path[PATH_LEN], char *err, size_t errlen)
{
    write_file(path, PATH_LEN, text, strlen(text));
    return ini_read(path, &t_format, l, err, errlen);
}

/* True when text fails with exactly "<file> regel <line>: <want>."; prints what it got otherwise. */
static bool fails_with(const char *text, int line, const char *want)
{
    struct log l = {0};
    char path[PATH_LEN], err[1024], expected[1200];
    enum km_rc rc = read_text(text, &l, path, err, sizeof err);
    snprintf(expected, sizeof expected, "%s regel %d: %s.", path, line, want);
    bool ok = rc == KM_INVALID && strcmp(err, expected) == 0;
    if (!ok)
        fprintf(stderr, "    want \"%s\"; got %s: \"%s\"\n", expected, km_rc_name(rc), err);
    return ok;
}

TEST(ini_values_with_their_lines)
{
    struct log l = {0};
    char path[PATH_LEN], err[256] = "x";
    const char *text = "\xEF\xBB\xBF; comment\r\n# comment\n\n[a]\r\n  x = 1\n\ty: twee woorden ; inline\n[b]\nx=\n";
    REQUIRE(read_text(text, &l, path, err, sizeof err) == KM_OK);
    CHECK_STR(l.text, "5:a.x=1;6:a.y=twee woorden;8:b.x=;");
    CHECK(l.done == 1);
    CHECK_STR(err, "x"); /* untouched on success: the caller decides what err holds */
}

TEST(ini_empty_file)
{
    struct log l = {0};
    char path[PATH_LEN], err[256];
    REQUIRE(read_text("", &l, path, err, sizeof err) == KM_OK);
    CHECK_STR(l.text, "");
    CHECK(l.done == 1);
}

TEST(ini_cannot_open)
{
    struct log l = {0};
    char err[1024], want[1200], dir[512];
    const char *path = test_tmp_path("absent.ini");
    CHECK(ini_read(path, &t_format, &l, err, sizeof err) == KM_NOTFOUND);
    snprintf(want, sizeof want, "%s kan niet geopend worden: het bestand bestaat niet.", path);
    CHECK_STR(err, want);
    /* a directory reads as empty on Linux: refused, not taken for an empty file */
    snprintf(dir, sizeof dir, "%s", test_tmp_path("dir.ini"));
    REQUIRE(mkdir(dir, 0700) == 0);
    CHECK(ini_read(dir, &t_format, &l, err, sizeof err) == KM_NOTFOUND);
    snprintf(want, sizeof want, "%s kan niet geopend worden: het is een map, geen bestand.", dir);
    CHECK_STR(err, want);
    CHECK(l.done == 0);
    rmdir(dir);
}

/* Each mistake with the exact message: the format's own sentence, or the shared one, on the right line. */
static const struct {
    const char *text;
    int line;
    const char *want;
} mistakes[] = {
    /* sections: an empty one is caught on its header line, though inih gives the handler nothing for it */
    {"[a]\nx = 1\n[c]\n", 3, "de test kent [c] niet"},
    {"[a]\n[ab]\nx = 1\n", 2, "de test kent [ab] niet"},
    {"[a\nx = 1\n", 1, "sectiekop zonder ']'"},
    {"x = 1\n[a]\n", 1, "'x' staat boven de eerste [sectie]"},
    /* what inih itself finds wrong is told in the format's sentences */
    {"[a]\n= 1\n", 2, "geen naam"},
    {"[a]\nx = 1\njust words\n", 3, "geen regel"},
    /* indented, the line would be glued to the value above by inih: it is read as a line of its own */
    {"[a]\nx = 1\n    2\n", 3, "geen regel"},
    /* the first error wins, whether inih's own (told only at the end) or the format's */
    {"[a]\nwords\nx = fout\n", 2, "geen regel"},
    {"[a]\nx = fout\nwords\n", 2, "'fout' is fout"},
    {"[a]\nx = fout\n[\x1b[31m]\n", 2, "'fout' is fout"},
    /* the message quotes the file: control characters become '?' */
    {"[a\x1b]\n", 1, "de test kent [a?] niet"},
};

TEST(ini_mistakes)
{
    for (size_t i = 0; i < sizeof mistakes / sizeof mistakes[0]; i++)
        CHECK(fails_with(mistakes[i].text, mistakes[i].line, mistakes[i].want));
}

TEST(ini_refused_lines)
{
    char text[512], path[PATH_LEN], err[1024];
    int n = snprintf(text, sizeof text, "[a]\n; ");
    memset(text + n, 'a', 300);
    snprintf(text + n + 300, sizeof text - (size_t)n - 300, "\nx = 1\n");
    CHECK(fails_with(text, 2, "de regel is langer dan 198 tekens"));
    struct log l = {0};
    write_file(path, sizeof path, "[a]\nx\0 = 1\n", 11);
    CHECK(ini_read(path, &t_format, &l, err, sizeof err) == KM_INVALID);
    CHECK(strstr(err, " regel 2: de regel bevat een NUL-teken (is dit wel een tekstbestand).") != NULL);
}

/* Reading /proc/self/mem at offset 0 fails with EIO: a file that opens but cannot be read. */
TEST(ini_read_error)
{
    struct log l = {0};
    char err[1024];
    enum km_rc rc = ini_read("/proc/self/mem", &t_format, &l, err, sizeof err);
    if (rc == KM_NOTFOUND)
        return; /* not readable here at all (no /proc, or no rights): nothing to test */
    CHECK(rc == KM_INVALID);
    CHECK(strstr(err, "/proc/self/mem regel 1: het bestand kan niet gelezen worden (") == err);
}

TEST(ini_stops_at_first_error)
{
    struct log l = {0};
    char path[PATH_LEN], err[1024];
    /* the reader stops at the first error: nothing after it reaches the format */
    CHECK(read_text("[a]\nx = fout\ny = 2\n[c]\n", &l, path, err, sizeof err) == KM_INVALID);
    CHECK_STR(l.text, "2:a.x=fout;");
    CHECK(strstr(err, " regel 2: 'fout' is fout.") != NULL);
    CHECK(l.done == 0);
}

TEST(ini_done_reports_on_its_line)
{
    struct log l = {.done_fails = 2};
    char path[PATH_LEN], err[1024];
    CHECK(read_text("[a]\nx = 1\ny = 2\n", &l, path, err, sizeof err) == KM_INVALID);
    CHECK(l.done == 1);
    CHECK(strstr(err, " regel 2: done vond iets.") != NULL);
}

TEST(ini_blank_controls)
{
    char s[] = "a\tb\x7f\x01z";
    ini_blank_controls(s);
    CHECK_STR(s, "a?b??z");
}

TEST(ini_parse_bool_words)
{
    static const char *const yes[] = {"ja", "yes", "true", "on", "1", "JA", "True"};
    static const char *const no[] = {"nee", "no", "false", "off", "0", "Nee", "OFF"};
    static const char *const neither[] = {"", "2", "misschien", "y", "jawel", " ja"};
    bool b;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        b = false;
        CHECK(ini_parse_bool(yes[i], &b) && b);
        CHECK(ini_parse_bool(no[i], &b) && !b);
    }
    for (size_t i = 0; i < sizeof neither / sizeof neither[0]; i++) {
        b = true;
        CHECK(!ini_parse_bool(neither[i], &b) && b);
    }
}
