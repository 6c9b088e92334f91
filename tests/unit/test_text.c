#include "core/text.h"
#include "test.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD "\xEF\xBF\xBD"
#define ELL "\xE2\x80\xA6"
/* Daniëlle Çelik Zoë Ruŷ Sjoerd van 't Hof */
#define NAMES                                                                                                          \
    "Dani\xC3\xABlle \xC3\x87"                                                                                         \
    "elik Zo\xC3\xAB Ru\xC5\xB7 Sjoerd van 't Hof"

/* Whole, valid UTF-8 (a U+FFFD must be a real one, not a decoding error) with no control in it. */
static bool valid_and_safe(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = text_utf8_decode(s + i, len - i, &cp);
        if ((cp == TEXT_REPLACEMENT && n != 3) || text_is_control(cp))
            return false;
        i += (size_t)n;
    }
    return true;
}

/* A buffer filled with a canary; returns false when anything at or after `used` bytes was touched. */
static bool canary_intact(const char *buf, size_t used, size_t size)
{
    for (size_t i = used; i < size; i++)
        if (buf[i] != '#')
            return false;
    return true;
}

/* Deterministic pseudo-random bytes for the fuzz tests. */
static uint32_t rnd(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 16;
}

static void random_text(uint32_t *state, char *buf, size_t size)
{
    /* Mostly interesting bytes: ASCII, controls, lead and continuation bytes, a few known sequences. */
    static const char *const pieces[] = {"a",
                                         "Z",
                                         " ",
                                         "-",
                                         ".",
                                         "'",
                                         "\x1b",
                                         "\t",
                                         "\n",
                                         "\x7f",
                                         "\x80",
                                         "\xBF",
                                         "\xC0",
                                         "\xC3",
                                         "\xE2",
                                         "\xED",
                                         "\xF0",
                                         "\xF4",
                                         "\xFF",
                                         "\xC3\xAB",
                                         "\xE5\x88\x97",
                                         "\xF0\x9F\x98\x80",
                                         "\xCC\x88",
                                         "\xE2\x80\xAE",
                                         "\xC2\x9B",
                                         "\xC3\x9F",
                                         "\xEF\xBB\xBF",
                                         "\xC2\xA0"};
    size_t len = 0, count = rnd(state) % 24;
    for (size_t i = 0; i < count; i++) {
        const char *p = pieces[rnd(state) % N(pieces)];
        size_t n = strlen(p);
        if (len + n + 1 > size)
            break;
        memcpy(buf + len, p, n);
        len += n;
    }
    buf[len] = '\0';
}

TEST(text_utf8_decode)
{
    static const struct {
        const char *s;
        size_t len;
        int n;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 1, 'A'},
        {"\xC3\xAB", 2, 2, 0xEB},             /* ë */
        {"\xE5\x88\x97", 3, 3, 0x5217},       /* 列 */
        {"\xF0\x9F\x98\x80", 4, 4, 0x1F600},  /* 😀 */
        {"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF}, /* the last code point */
        {"\xEF\xBF\xBD", 3, 3, 0xFFFD},       /* a real U+FFFD */
        {"\x80", 1, 1, 0xFFFD},               /* lone continuation byte */
        {"\xE2\x82", 2, 1, 0xFFFD},           /* truncated */
        {"\xC3\xAB", 1, 1, 0xFFFD},           /* truncated by len, not by the string */
        {"\xC0\xAF", 2, 1, 0xFFFD},           /* overlong '/' */
        {"\xE0\x80\xAF", 3, 1, 0xFFFD},       /* overlong, 3 bytes */
        {"\xF0\x80\x80\xAF", 4, 1, 0xFFFD},   /* overlong, 4 bytes */
        {"\xED\xA0\x80", 3, 1, 0xFFFD},       /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", 4, 1, 0xFFFD},   /* U+110000 */
        {"\xF5\x80\x80\x80", 4, 1, 0xFFFD},   /* no such lead byte */
        {"\xC3\x28", 2, 1, 0xFFFD},           /* lead byte without continuation */
        {"\xFF", 1, 1, 0xFFFD},
        {"", 0, 0, 0xFFFD},
    };
    for (size_t i = 0; i < N(cases); i++) {
        uint32_t cp = 0;
        int n = text_utf8_decode(cases[i].s, cases[i].len, &cp);
        if (n != cases[i].n || cp != cases[i].cp) {
            fprintf(stderr, "    case %zu: got n=%d cp=U+%04X\n", i, n, (unsigned)cp);
            CHECK(n == cases[i].n && cp == cases[i].cp);
        }
    }
}

TEST(text_utf8_encode_round_trip)
{
    static const struct {
        uint32_t cp;
        int n;
    } cases[] = {{0x41, 1}, {0x7F, 1}, {0x80, 2}, {0x7FF, 2}, {0x800, 3}, {0xFFFF, 3}, {0x10000, 4}, {0x10FFFF, 4}};
    for (size_t i = 0; i < N(cases); i++) {
        char b[4];
        uint32_t back = 0;
        int n = text_utf8_encode(cases[i].cp, b);
        CHECK(n == cases[i].n);
        CHECK(text_utf8_decode(b, (size_t)n, &back) == n && back == cases[i].cp);
    }
    static const uint32_t bad[] = {0xD800, 0xDFFF, 0x110000, 0xFFFFFFFF};
    for (size_t i = 0; i < N(bad); i++) {
        char b[4];
        CHECK(text_utf8_encode(bad[i], b) == 3 && memcmp(b, FFFD, 3) == 0);
    }
}

TEST(text_cp_width)
{
    static const struct {
        uint32_t cp;
        int w;
    } cases[] = {
        {'a', 1},     {0xEB, 1},    {0x0177, 1},                /* ŷ */
        {0x0308, 0},  {0x200B, 0},  {0xFE0F, 0},  {0x1160, 0},  /* combining, zero-width, Hangul vowel */
        {0x5217, 2},  {0xAC00, 2},  {0xFF21, 2},  {0x3000, 2},  /* 列, 가, fullwidth A, ideographic space */
        {0x1F600, 2}, {0x1F9D1, 2}, {0x1FAE0, 2}, {0x20000, 2}, /* emoji, CJK extension B */
        {0x2026, 1},  {0xFFFD, 1},  {0x00AD, 1},  {0x0600, 1},  /* ellipsis, replacement, visible marks */
        {0x4DC0, 2},  {0x3248, 2},                              /* wide in glibc, which terminals follow */
        {0x1B, 1},    {0x9B, 1},    {0x202E, 1},  {0x2066, 1},  /* controls show as one U+FFFD */
    };
    for (size_t i = 0; i < N(cases); i++) {
        int w = text_cp_width(cases[i].cp);
        if (w != cases[i].w) {
            fprintf(stderr, "    U+%04X: width %d\n", (unsigned)cases[i].cp, w);
            CHECK(w == cases[i].w);
        }
    }
}

TEST(text_sanitize)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Jan Jansen", "Jan Jansen"},
        {NAMES, NAMES},
        {"Zoe\xCC\x88", "Zoe\xCC\x88"},                                   /* combining sequence kept */
        {"\xE5\x88\x97\xF0\x9F\x98\x80", "\xE5\x88\x97\xF0\x9F\x98\x80"}, /* 列😀 */
        {"\x1b[2J", FFFD "[2J"},
        {"\x1b]0;title\x07", FFFD "]0;title" FFFD},
        {"a\tb\r\nc", "a" FFFD "b" FFFD FFFD "c"},
        {"\x01\x1f\x7f", FFFD FFFD FFFD},
        {"\xC2\x80\xC2\x85\xC2\x9B\xC2\x9F", FFFD FFFD FFFD FFFD},                 /* C1 incl. NEL, CSI */
        {"\xE2\x80\xAA\xE2\x80\xAE\xE2\x81\xA6\xE2\x81\xA9", FFFD FFFD FFFD FFFD}, /* bidi */
        {"\xE2\x80\x8E", "\xE2\x80\x8E"},                                          /* LRM is harmless */
        {"a\x80"
         "b",
         "a" FFFD "b"},
        {"\xE2\x82", FFFD FFFD},
        {"\xC0\xAF", FFFD FFFD},
        {"\xED\xA0\x80", FFFD FFFD FFFD},
        {"\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[64];
        size_t n = text_sanitize(cases[i].in, out, sizeof out);
        CHECK_STR(out, cases[i].want);
        CHECK(n == strlen(cases[i].want));
    }
    char out[8];
    CHECK(text_sanitize(NULL, out, sizeof out) == 0 && out[0] == '\0');
    CHECK(text_sanitize("x", NULL, 0) == 0);
}

TEST(text_sanitize_every_control)
{
    for (uint32_t cp = 0; cp < 0x2100; cp++) {
        char in[5] = {0}, out[8];
        if (cp == 0)
            continue;
        text_utf8_encode(cp, in);
        text_sanitize(in, out, sizeof out);
        bool replaced = strcmp(out, FFFD) == 0;
        bool control =
            cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        if (replaced != control || (!control && strcmp(out, in) != 0)) {
            fprintf(stderr, "    U+%04X\n", (unsigned)cp);
            CHECK(replaced == control);
        }
    }
}

TEST(text_sanitize_small_buffers)
{
    static const struct {
        const char *in;
        size_t outlen;
        const char *want;
    } cases[] = {
        {"abc", 1, ""},
        {"abc", 2, "a"},
        {"abc", 3, "ab"},
        {"\xC3\xAB", 2, ""},
        {"\xC3\xAB", 3, "\xC3\xAB"},
        {"\xE5\x88\x97", 3, ""},
        {"\xE5\x88\x97", 4, "\xE5\x88\x97"},
        {"\x1b[", 3, ""},
        {"\x1b[", 4, FFFD},
        {"a\xF0\x9F\x98\x80"
         "b",
         5, "a"}, /* an emoji that does not fit is not followed by the b */
    };
    for (size_t i = 0; i < N(cases); i++) {
        char buf[16];
        memset(buf, '#', sizeof buf);
        size_t n = text_sanitize(cases[i].in, buf, cases[i].outlen);
        CHECK(canary_intact(buf, cases[i].outlen, sizeof buf));
        CHECK(n < cases[i].outlen && buf[n] == '\0');
        CHECK_STR(buf, cases[i].want);
    }
}

TEST(text_width)
{
    static const struct {
        const char *s;
        int w;
    } cases[] = {
        {"", 0},
        {"Jan", 3},
        {NAMES, 40},
        {"Dani\xC3\xABlle", 8},
        {"Zoe\xCC\x88", 3},
        {"\xE5\x88\x97", 2},
        {"\xF0\x9F\x98\x80", 2},
        {"a\xE5\x88\x97"
         "b\xF0\x9F\x98\x80",
         6},
        {"\x1b[2J", 4},
        {"a\x80", 2},
        {"\xE2\x80\xAE", 1},
    };
    for (size_t i = 0; i < N(cases); i++)
        CHECK(text_width(cases[i].s) == cases[i].w);
    CHECK(text_width(NULL) == 0);
}

TEST(text_fit)
{
    static const struct {
        const char *in;
        int width;
        bool pad;
        const char *want;
    } cases[] = {
        {"Jansen", 0, true, ""},
        {"Jansen", -3, true, ""},
        {"Jansen", 1, false, ELL},
        {"Jansen", 2, false, "J" ELL},
        {"Jansen", 5, false, "Jans" ELL},
        {"Jansen", 6, false, "Jansen"},
        {"Jansen", 8, false, "Jansen"},
        {"Jansen", 8, true, "Jansen  "},
        {"", 3, true, "   "},
        {"Dani\xC3\xABlle", 5, false, "Dani" ELL},
        {"Zoe\xCC\x88 de Vries", 4, false, "Zoe\xCC\x88" ELL}, /* the mark stays with its e */
        {"abc\xCC\x88", 2, false, "a" ELL},
        {"\xE5\x88\x97", 1, false, ELL},
        {"\xE5\x88\x97", 2, false, "\xE5\x88\x97"},
        {"\xE5\x88\x97\xE5\x88\x97", 2, true, " " ELL}, /* 列 would straddle */
        {"\xE5\x88\x97\xE5\x88\x97\xE5\x88\x97", 5, false, "\xE5\x88\x97\xE5\x88\x97" ELL},
        {"a\xE5\x88\x97\xE5\x88\x97", 5, false, "a\xE5\x88\x97\xE5\x88\x97"},
        {"a\xE5\x88\x97\xE5\x88\x97\xE5\x88\x97", 5, false, "a\xE5\x88\x97 " ELL},
        {"\xF0\x9F\x98\x80x", 2, false, " " ELL},
        {"\xF0\x9F\x98\x80", 3, true, "\xF0\x9F\x98\x80 "},
        {"\x1b[2J", 3, false, FFFD "[" ELL},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[64];
        int cols = text_fit(cases[i].in, cases[i].width, cases[i].pad, out, sizeof out);
        CHECK_STR(out, cases[i].want);
        CHECK(cols == text_width(cases[i].want));
    }
    char out[8];
    CHECK(text_fit(NULL, 2, true, out, sizeof out) == 2);
    CHECK_STR(out, "  ");
}

TEST(text_fit_small_buffers)
{
    static const char *const inputs[] = {"Dani\xC3\xABlle", "\xE5\x88\x97\xE5\x88\x97\xE5\x88\x97", "ab", "\x1b[2J"};
    for (size_t i = 0; i < N(inputs); i++) {
        for (size_t outlen = 1; outlen < 16; outlen++) {
            char buf[24];
            memset(buf, '#', sizeof buf);
            int cols = text_fit(inputs[i], 5, true, buf, outlen);
            CHECK(canary_intact(buf, outlen, sizeof buf));
            CHECK(strlen(buf) < outlen);
            CHECK(valid_and_safe(buf));
            CHECK(cols == text_width(buf) && cols <= 5);
        }
    }
}

TEST(text_clean)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"  Jan   Jansen  ", "Jan Jansen"},
        {"\tJan\r\nJansen\n", "Jan Jansen"},
        {"van\xC2\xA0"
         "Dijk",
         "van Dijk"}, /* NBSP */
        {"a\xE3\x80\x80"
         "b",
         "a b"}, /* ideographic space */
        {"Jan\x1b[2J", "Jan[2J"},
        {"a\x07"
         "b\x7f"
         "c",
         "abc"},
        {"a \x1b b", "a b"},
        {"x\xE2\x80\xAE"
         "y\xE2\x81\xA6"
         "z",
         "xyz"}, /* bidi */
        {"x\xC2\x9B"
         "y",
         "xy"},                       /* C1 */
        {"\xEF\xBB\xBFNaam", "Naam"}, /* BOM from a spreadsheet */
        {"a\x80"
         "b",
         "a" FFFD "b"},
        {"Dani\xC3\xABlle", "Dani\xC3\xABlle"},
        {"Zoe\xCC\x88", "Zoe\xCC\x88"},
        {"   ", ""},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[64];
        size_t n = text_clean(cases[i].in, out, sizeof out);
        CHECK_STR(out, cases[i].want);
        CHECK(n == strlen(cases[i].want));
    }
    char out[8];
    CHECK(text_clean(NULL, out, sizeof out) == 0 && out[0] == '\0');
}

TEST(text_clean_small_buffers)
{
    static const struct {
        size_t outlen;
        const char *want;
    } cases[] = {{1, ""}, {2, "J"}, {4, "Jan"}, {5, "Jan"}, {6, "Jan J"}, {7, "Jan Ja"}};
    for (size_t i = 0; i < N(cases); i++) {
        char buf[16];
        memset(buf, '#', sizeof buf);
        text_clean("  Jan  Jansen ", buf, cases[i].outlen);
        CHECK(canary_intact(buf, cases[i].outlen, sizeof buf));
        CHECK_STR(buf, cases[i].want);
    }
}

TEST(text_fold_ascii)
{
    static const struct {
        char sep;
        const char *in, *want;
    } cases[] = {
        {0, "Dani\xC3\xABlle", "danielle"},
        {0,
         "\xC3\x87"
         "elik",
         "celik"},
        {0, "Zo\xC3\xAB", "zoe"},
        {0, "Zoe\xCC\x88", "zoe"}, /* combining mark dropped */
        {0, "Ru\xC5\xB7", "ruy"},  /* ŷ */
        {'.', "van 't Hof", "van.t.hof"},
        {'.', "Sjoerd van 't Hof", "sjoerd.van.t.hof"},
        {'.', NAMES, "danielle.celik.zoe.ruy.sjoerd.van.t.hof"},
        {0, "van 't Hof", "vanthof"},
        {' ', " ' a ", "a"},
        {'.', "  Anne-Marie  ", "anne.marie"},
        {'.', "A. - B", "a.b"},
        {'-', "van \xE2\x80\x93 Dijk", "van-dijk"}, /* en dash */
        {'.',
         "van\xC2\xA0"
         "Dijk",
         "van.dijk"},
        {0,
         "Stra\xC3\x9F"
         "e",
         "strasse"},
        {'.',
         "\xC3\x86var \xC3\x98"
         "berg",
         "aevar.oberg"},
        {0, "\xC5\x81ukasz", "lukasz"},
        {0, "D\xC4\xB1yar", "diyar"}, /* dotless ı */
        {0, "Mu\xC3\xB1oz", "munoz"},
        {0, "\xC4\xB2sbrand", "ijsbrand"},
        {0, "\xC8\x98tefan", "stefan"},
        {0, "\xC3\x9E\xC3\xB3r", "thor"},
        {0,
         "\xC4\x90or\xC4\x91"
         "e",
         "dorde"},
        {0,
         "\xC3\x85"
         "se \xC5\x92uvre",
         "aseoeuvre"},
        {0,
         "O'Neil d\xE2\x80\x99"
         "Ancona",
         "oneildancona"},
        {0, "Jan_2 (5B)", "jan25b"},
        {0, "\x1b[2J", "2j"},
        {'.', "\xE5\x88\x97 \xF0\x9F\x98\x80", ""},
        {'.',
         "a\x80"
         "b",
         "ab"},
        {'\n', "a b", "ab"}, /* not a usable separator */
        {'.', "", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[64];
        size_t n = text_fold_ascii(cases[i].in, cases[i].sep, out, sizeof out);
        CHECK_STR(out, cases[i].want);
        CHECK(n == strlen(cases[i].want) && n <= strlen(cases[i].in));
    }
    char out[8];
    CHECK(text_fold_ascii(NULL, '.', out, sizeof out) == 0 && out[0] == '\0');
}

TEST(text_fold_small_buffers)
{
    static const struct {
        const char *in;
        size_t outlen;
        const char *want;
    } cases[] = {
        {"Stra\xC3\x9F"
         "e",
         1, ""},
        {"Stra\xC3\x9F"
         "e",
         5, "stra"}, /* ß -> ss is written whole or not at all */
        {"Stra\xC3\x9F"
         "e",
         6, "stra"},
        {"Stra\xC3\x9F"
         "e",
         7, "strass"},
        {"van 't Hof", 4, "van"}, /* no separator left dangling */
        {"van 't Hof", 5, "van"},
        {"van 't Hof", 6, "van.t"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char buf[16];
        memset(buf, '#', sizeof buf);
        text_fold_ascii(cases[i].in, '.', buf, cases[i].outlen);
        CHECK(canary_intact(buf, cases[i].outlen, sizeof buf));
        CHECK_STR(buf, cases[i].want);
    }
}

TEST(text_matches)
{
    static const struct {
        const char *hay, *needle;
        bool want;
    } cases[] = {
        {"Dani\xC3\xABlle", "DANI", true},
        {"Dani\xC3\xABlle", "niel", true},
        {"Daniel", "Dani\xC3\xAB", true},
        {"Sjoerd van 't Hof", "van t", true},
        {"Sjoerd van 't Hof", "VAN 'T HOF", true},
        {"Sjoerd van 't Hof", "hof ", true},
        {"\xC3\x87"
         "elik",
         "cel", true},
        {"Jansen", "", true},
        {"Jansen", "x", false},
        {"Jansen", "jansens", false},
        {NULL, "a", false},
        {"a", NULL, true},
    };
    for (size_t i = 0; i < N(cases); i++)
        CHECK(text_matches(cases[i].hay, cases[i].needle) == cases[i].want);

    /* Longer than the stack buffers: the copies come from the heap. */
    char hay[700], needle[300];
    memset(hay, 'x', sizeof hay);
    memcpy(hay + sizeof hay - 11, "Dani\xC3\xABlle", 10);
    hay[sizeof hay - 1] = '\0';
    memset(needle, 'X', sizeof needle);
    memcpy(needle + sizeof needle - 9, "DANIELLE", 9);
    CHECK(text_matches(hay, needle));
    CHECK(!text_matches(needle, hay));
}

TEST(text_fuzz)
{
    uint32_t state = 20240901;
    for (int round = 0; round < 3000; round++) {
        char in[96], out[48];
        random_text(&state, in, sizeof in);
        size_t outlen = 1 + rnd(&state) % sizeof out;
        int width = (int)(rnd(&state) % 12);

        text_sanitize(in, out, outlen);
        CHECK(strlen(out) < outlen && valid_and_safe(out));
        int cols = text_fit(in, width, rnd(&state) % 2, out, outlen);
        CHECK(strlen(out) < outlen && valid_and_safe(out) && cols == text_width(out) && cols <= width);
        text_clean(in, out, outlen);
        size_t len = strlen(out);
        CHECK(len < outlen && valid_and_safe(out) && (len == 0 || (out[0] != ' ' && out[len - 1] != ' ')));
        size_t n = text_fold_ascii(in, '.', out, outlen);
        CHECK(n < outlen && strspn(out, "abcdefghijklmnopqrstuvwxyz0123456789.") == n);
        CHECK(n == 0 || (out[0] != '.' && out[n - 1] != '.' && !strstr(out, "..")));
        if (test_failures) {
            fprintf(stderr, "    round %d\n", round);
            return;
        }
    }
}

/* The lines of text_wrap as strings, joined with '|'. */
static void wrapped(const char *s, int width, char *out, size_t len)
{
    struct text_line l[16];
    int n = text_wrap(s, width, l, 16);
    out[0] = '\0';
    for (int i = 0; i < n && i < 16; i++) {
        size_t used = strlen(out);
        if (i && used + 1 < len)
            out[used++] = '|';
        size_t take = l[i].len < len - used - 1 ? l[i].len : len - used - 1;
        memcpy(out + used, s + l[i].start, take);
        out[used + take] = '\0';
    }
}

TEST(text_wrap_breaks_between_words_and_never_cuts)
{
    char got[512];
    wrapped("Kies eerst een hoofdgebied met deelgebieden.", 16, got, sizeof got);
    CHECK_STR(got, "Kies eerst een|hoofdgebied met|deelgebieden.");
    wrapped("Daniëlle zet één vinkje", 8, got, sizeof got); /* columns, not bytes */
    CHECK_STR(got, "Daniëlle|zet één|vinkje");
    wrapped("a  b", 1, got, sizeof got); /* runs of spaces go at a break */
    CHECK_STR(got, "a|b");
    wrapped("regel een\n\nregel drie\n", 40, got, sizeof got);
    CHECK_STR(got, "regel een||regel drie");
    wrapped("abcdefghij", 4, got, sizeof got); /* a word wider than the line breaks inside */
    CHECK_STR(got, "abcd|efgh|ij");
    wrapped("漢字漢字", 5, got, sizeof got); /* a wide character never straddles the edge */
    CHECK_STR(got, "漢字|漢字");
    CHECK(text_wrap("", 10, NULL, 0) == 0);
    CHECK(text_wrap("een twee drie vier", 8, NULL, 0) == 3); /* the count, also when nothing is stored */
}
