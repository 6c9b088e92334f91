#include <libgen.h>
#include <stdlib.h>

#include "test.h"
#include "tui/theme.h"

static const char *const shipped[] = {"default", "dark", "contrast", "mono"};
static const int depths[] = {8, 16, 256};

/* Writes text to DIR/NAME.theme in the test's temporary directory; dir gets DIR. */
static void write_theme(char *dir, size_t dirlen, const char *name, const char *text)
{
    char tmp[512], path[1024];
    snprintf(tmp, sizeof tmp, "%s", test_tmp_path("x.theme"));
    snprintf(dir, dirlen, "%s", dirname(tmp));
    snprintf(path, sizeof path, "%s/%s.theme", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static bool same_theme(const struct theme *a, const struct theme *b)
{
    if (strcmp(a->name, b->name) != 0 || a->mono != b->mono)
        return false;
    for (int r = 0; r < TR__COUNT; r++)
        if (a->styles[r].fg != b->styles[r].fg || a->styles[r].bg != b->styles[r].bg ||
            a->styles[r].attrs != b->styles[r].attrs)
            return false;
    return true;
}

static bool is_builtin(const struct theme *t)
{
    struct theme b;
    theme_builtin(&b);
    return same_theme(t, &b);
}

/* Loads text at 256 colours; true when it fails with "<file> regel <line>: …want….", and the built-in theme. */
static bool fails_with(const char *text, int line, const char *want)
{
    char dir[512], err[1024], where[1100];
    struct theme t;
    write_theme(dir, sizeof dir, "bad", text);
    memset(&t, 0x5a, sizeof t);
    bool ok = theme_load(dir, "bad", 256, &t, err, sizeof err);
    snprintf(where, sizeof where, "%s/bad.theme regel %d: ", dir, line);
    size_t n = strlen(err);
    bool good = !ok && strncmp(err, where, strlen(where)) == 0 && strstr(err, want) && n > 0 && err[n - 1] == '.' &&
                is_builtin(&t);
    if (!good)
        fprintf(stderr, "    want line %d and \"%s\"; got %s: \"%s\"\n", line, want, ok ? "true" : "false", err);
    return good;
}

/* The style a file with only `role = spec` gives that role at the given number of colours. */
static struct theme_style load_one(const char *role, const char *spec, int colors)
{
    char dir[512], err[512], text[256];
    struct theme t;
    snprintf(text, sizeof text, "[roles]\n%s = %s\n", role, spec);
    write_theme(dir, sizeof dir, "one", text);
    bool ok = theme_load(dir, "one", colors, &t, err, sizeof err);
    if (!ok)
        fprintf(stderr, "    %s\n", err);
    CHECK(ok);
    return t.styles[theme_role_by_name(role)];
}

TEST(theme_shipped_load)
{
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
            struct theme t;
            char err[1024] = "";
            bool ok = theme_load("themes", shipped[i], depths[d], &t, err, sizeof err);
            if (!ok)
                fprintf(stderr, "    %s at %d colours: %s\n", shipped[i], depths[d], err);
            CHECK(ok);
            CHECK(err[0] == '\0');
            for (int r = 0; r < TR__COUNT; r++) {
                CHECK(t.styles[r].fg >= -1 && t.styles[r].fg < depths[d]);
                CHECK(t.styles[r].bg >= -1 && t.styles[r].bg < depths[d]);
                /* after a fallback, text must not end up in its own background colour */
                CHECK(t.styles[r].fg < 0 || t.styles[r].fg != t.styles[r].bg);
            }
        }
    }
}

/* The shipped files are the documentation of the built-in themes: keep them equal. */
TEST(theme_shipped_match_builtin)
{
    struct theme t, b;
    char err[512];
    CHECK(theme_load("themes", "default", 8, &t, err, sizeof err));
    theme_builtin(&b);
    CHECK(same_theme(&t, &b));
    CHECK(theme_load("themes", "mono", 8, &t, err, sizeof err));
    theme_builtin_mono(&b);
    CHECK(same_theme(&t, &b));
    CHECK_STR(t.name, "Monochroom");
}

TEST(theme_builtin_mono_rules)
{
    struct theme t;
    theme_builtin_mono(&t);
    CHECK(t.mono);
    const attr_t allowed = A_BOLD | A_REVERSE | A_UNDERLINE | A_DIM;
    for (int r = 0; r < TR__COUNT; r++) {
        CHECK(t.styles[r].fg == -1 && t.styles[r].bg == -1);
        CHECK((t.styles[r].attrs & ~allowed) == 0);
    }
    CHECK(t.styles[TR_SELECTED].attrs & A_REVERSE);
    /* the four statuses differ by attribute (and always by glyph too) */
    for (int a = TR_STATUS_NONE; a <= TR_STATUS_DONE; a++)
        for (int b = a + 1; b <= TR_STATUS_DONE; b++)
            CHECK(t.styles[a].attrs != t.styles[b].attrs);
    theme_builtin(&t);
    CHECK(!t.mono);
    for (int r = 0; r < TR__COUNT; r++)
        CHECK(t.styles[r].fg < 8 && t.styles[r].bg < 8);
}

TEST(theme_colour_fallback)
{
    struct theme_style s = load_one("status_done", "82 default bold", 256);
    CHECK(s.fg == 82 && s.bg == -1 && s.attrs == A_BOLD);
    s = load_one("status_done", "82 default", 16);
    CHECK(s.fg >= 0 && s.fg <= 15);
    CHECK(s.fg == 10); /* (95,255,0) is bright green */
    s = load_one("status_done", "82 default", 8);
    CHECK(s.fg >= 0 && s.fg <= 7);
    CHECK(s.fg == COLOR_GREEN && (s.attrs & A_BOLD));
    /* bright names: kept at 16, the plain colour with bold at 8; a background gets no bold */
    s = load_one("title", "bright-red bright-blue", 16);
    CHECK(s.fg == 9 && s.bg == 12 && s.attrs == A_NORMAL);
    s = load_one("title", "bright-red bright-blue", 8);
    CHECK(s.fg == COLOR_RED && s.bg == COLOR_BLUE && s.attrs == A_BOLD);
    s = load_one("title", "21 196 underline", 8); /* pure blue on pure red */
    CHECK(s.fg == COLOR_BLUE && s.bg == COLOR_RED && s.attrs == (A_UNDERLINE | A_BOLD));
    s = load_one("title", "250 231", 16); /* greys go to the nearest grey */
    CHECK(s.fg == COLOR_WHITE && s.bg == 15);
    /* grey on near-black would become black on black at 8: the text is kept readable, and dim */
    s = load_one("title", "242 234", 8);
    CHECK(s.bg == COLOR_BLACK && s.fg == COLOR_WHITE && s.attrs == A_DIM);
    s = load_one("title", "242 234", 16);
    CHECK(s.bg == COLOR_BLACK && s.fg == 8 && s.attrs == A_NORMAL);
    s = load_one("title", "Bright-Cyan DEFAULT Bold Italic Standout", 256);
    CHECK(s.fg == 14 && s.bg == -1 && s.attrs == (A_BOLD | A_ITALIC | A_STANDOUT));
}

TEST(theme_file_details)
{
    char dir[512], err[512];
    struct theme t;
    /* a role left out keeps the built-in style; no name means the file's name */
    write_theme(dir, sizeof dir, "partial", "; comment\n\n[roles]\n  selected = red default reverse ; why\n");
    REQUIRE(theme_load(dir, "partial", 256, &t, err, sizeof err));
    CHECK_STR(t.name, "partial");
    CHECK(t.styles[TR_SELECTED].fg == COLOR_RED && t.styles[TR_SELECTED].attrs == A_REVERSE);
    struct theme b;
    theme_builtin(&b);
    CHECK(t.styles[TR_TITLE].fg == b.styles[TR_TITLE].fg && t.styles[TR_TITLE].attrs == b.styles[TR_TITLE].attrs);
    /* a mono file starts from the built-in mono styles */
    write_theme(dir, sizeof dir, "m", "[theme]\nname = Mijn thema\nmono = yes\n[roles]\ntitle = default default\n");
    REQUIRE(theme_load(dir, "m", 8, &t, err, sizeof err));
    CHECK(t.mono);
    CHECK_STR(t.name, "Mijn thema");
    CHECK(t.styles[TR_TITLE].attrs == A_NORMAL);
    CHECK(t.styles[TR_SELECTED].attrs & A_REVERSE);
    /* an empty file is the built-in theme under the file's name */
    write_theme(dir, sizeof dir, "empty", "");
    REQUIRE(theme_load(dir, "empty", 8, &t, err, sizeof err));
    snprintf(b.name, sizeof b.name, "%s", "empty");
    CHECK(same_theme(&t, &b));
}

TEST(theme_bad_files)
{
    CHECK(fails_with("[theme]\nname = x\n[colours]\n", 3, "onbekende sectie [colours]"));
    CHECK(fails_with("[roles]\ntitle = white blue\ntitel = white blue\n", 3, "onbekende rol 'titel'"));
    CHECK(fails_with("[roles]\n\ntitle = purple blue\n", 3, "onbekende kleur 'purple' bij title"));
    CHECK(fails_with("[roles]\ntitle = white bright-pink\n", 2, "onbekende kleur 'bright-pink'"));
    CHECK(fails_with("[roles]\ntitle = white blue blink\n", 2, "onbekend attribuut 'blink' bij title"));
    CHECK(fails_with("[roles]\ntitle = 256 blue\n", 2, "256 bij title valt buiten 0 tot en met 255"));
    CHECK(fails_with("[roles]\ntitle = white -1\n", 2, "-1 bij title valt buiten"));
    CHECK(fails_with("[roles]\ntitle = 12x blue\n", 2, "onbekende kleur '12x'"));
    CHECK(fails_with("[roles]\ntitle = white\n", 2, "ontbreekt de achtergrondkleur"));
    CHECK(fails_with("[roles]\ntitle =\n", 2, "ontbreken de kleuren"));
    CHECK(fails_with("[roles]\ntitle = white blue\nok = green default\ntitle = red blue\n", 4,
                     "twee keer in (eerst op regel 2)"));
    CHECK(fails_with("title = white blue\n", 1, "boven de eerste [sectie]"));
    CHECK(fails_with("[theme]\ncolour = ja\n", 2, "onbekende sleutel 'colour' in [theme]"));
    CHECK(fails_with("[theme]\nmono = misschien\n", 2, "mono in [theme] moet ja of nee zijn"));
    CHECK(fails_with("[theme]\nname =\n", 2, "mag niet leeg zijn"));
    CHECK(fails_with("[roles]\njust words\n", 2, "dit is geen [sectie]"));
    CHECK(fails_with("[roles\n", 1, "sectiekop zonder ']'"));
    CHECK(fails_with("[theme]\nmono = ja\n[roles]\nok = default default bold\nerror = red default\n", 5,
                     "error heeft een kleur, maar het thema is monochroom"));
    CHECK(fails_with("[roles]\ntitle = white blue\x1b[31m\n", 2, "onbekende kleur 'blue?[31m'"));
    char longline[400];
    memset(longline, 'a', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    char text[512];
    snprintf(text, sizeof text, "[roles]\ntitle = white blue %s\n", longline);
    CHECK(fails_with(text, 2, "de regel is langer dan"));
}

TEST(theme_missing_file)
{
    char dir[512], err[1024], want[700];
    struct theme t;
    write_theme(dir, sizeof dir, "present", "");
    memset(&t, 0x5a, sizeof t);
    CHECK(!theme_load(dir, "absent", 256, &t, err, sizeof err));
    snprintf(want, sizeof want, "%s/absent.theme kan niet geopend worden: het bestand bestaat niet.", dir);
    CHECK_STR(err, want);
    CHECK(is_builtin(&t));
    memset(&t, 0x5a, sizeof t);
    CHECK(!theme_load("themes", "../etc", 256, &t, err, sizeof err));
    CHECK(strstr(err, "ongeldig") != NULL);
    CHECK(is_builtin(&t));
}

TEST(theme_valid_name)
{
    CHECK(theme_valid_name("default"));
    CHECK(theme_valid_name("high_contrast-2"));
    CHECK(theme_valid_name("abcdefghijklmnopqrstuvwxyz012345"));   /* 32 */
    CHECK(!theme_valid_name("abcdefghijklmnopqrstuvwxyz0123456")); /* 33 */
    CHECK(!theme_valid_name("../etc"));
    CHECK(!theme_valid_name("a/b"));
    CHECK(!theme_valid_name(""));
    CHECK(!theme_valid_name(NULL));
    CHECK(!theme_valid_name("Dark"));
    CHECK(!theme_valid_name(".."));
    CHECK(!theme_valid_name("a b"));
}

TEST(theme_role_by_name)
{
    CHECK(theme_role_by_name("status_none") == TR_STATUS_NONE);
    CHECK(theme_role_by_name("status_busy") == TR_STATUS_BUSY);
    CHECK(theme_role_by_name("status_almost") == TR_STATUS_ALMOST);
    CHECK(theme_role_by_name("status_done") == TR_STATUS_DONE);
    CHECK(theme_role_by_name("status_unknown") == TR_NORMAL);
    CHECK(theme_role_by_name("") == TR_NORMAL);
    CHECK(theme_role_by_name(NULL) == TR_NORMAL);
    for (int r = 0; r < TR__COUNT; r++) {
        const char *n = theme_role_name((enum theme_role)r);
        CHECK(n[0] != '\0');
        CHECK(theme_role_by_name(n) == (enum theme_role)r);
    }
    CHECK_STR(theme_role_name(TR_GRID_HEADER), "grid_header");
    CHECK_STR(theme_role_name(TR__COUNT), "");
}

TEST(theme_no_color)
{
    const char *old = getenv("NO_COLOR");
    char saved[256];
    snprintf(saved, sizeof saved, "%s", old ? old : "");
    unsetenv("NO_COLOR");
    CHECK(!theme_no_color());
    setenv("NO_COLOR", "", 1);
    CHECK(!theme_no_color());
    setenv("NO_COLOR", "1", 1);
    CHECK(theme_no_color());
    if (old)
        setenv("NO_COLOR", saved, 1);
    else
        unsetenv("NO_COLOR");
}
