#include <curses.h>

#include "test.h"
#include "tui/keymap.h"
#include "tui/termkeys.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct key ch(wint_t c) { return (struct key){c, false}; }

static struct key kc(int code) { return (struct key){(wint_t)code, true}; }

/* Every action, so a lookup sees the whole keymap. */
static void all_actions(enum action list[A__COUNT])
{
    int n = 0;
    for (int a = ACT_NONE + 1; a < A__COUNT; a++)
        list[n++] = (enum action)a;
    list[n] = ACT_NONE;
}

static enum action look(const struct keymap *km, struct key k)
{
    enum action all[A__COUNT];
    all_actions(all);
    return keymap_lookup(km, k, all);
}

static bool same_key(struct key a, struct key b) { return a.code == b.code && a.is_key == b.is_key; }

/* Field by field: struct padding makes memcmp unreliable after struct assignment. */
static bool same_keymap(const struct keymap *a, const struct keymap *b)
{
    for (int i = 0; i < A__COUNT; i++) {
        const struct keymap_entry *x = &a->entries[i], *y = &b->entries[i];
        if (x->name != y->name || x->label != y->label || x->description != y->description || x->nkeys != y->nkeys)
            return false;
        for (int k = 0; k < x->nkeys; k++)
            if (!same_key(x->keys[k], y->keys[k]))
                return false;
    }
    return true;
}

static void bind(struct km_config *c, int line, const char *action, const char *keys)
{
    struct config_keybind *b = &c->keys[c->nkeys++];
    snprintf(b->action, sizeof b->action, "%s", action);
    snprintf(b->keys, sizeof b->keys, "%s", keys);
    b->line = line;
}

static void test_config(struct km_config *c)
{
    config_defaults(c);
    snprintf(c->path, sizeof c->path, "%s", "test.ini");
}

TEST(keymap_defaults)
{
    struct keymap km;
    keymap_defaults(&km);
    CHECK(km.entries[ACT_NONE].name == NULL && km.entries[ACT_NONE].nkeys == 0);
    for (int a = ACT_NONE + 1; a < A__COUNT; a++) {
        const struct keymap_entry *e = &km.entries[a];
        REQUIRE(e->name && e->label && e->description);
        CHECK(e->nkeys >= 1 && e->nkeys <= KEYMAP_MAX_KEYS); /* every default key name parsed */
        /* no key does two things by default, or a rebinding would be ambiguous */
        for (int k = 0; k < e->nkeys; k++)
            CHECK(look(&km, e->keys[k]) == (enum action)a);
    }
    CHECK_STR(km.entries[A_UP].name, "up");
    CHECK_STR(km.entries[A_PAGE_DOWN].name, "page_down");
    CHECK_STR(km.entries[A_UP].label, "omhoog");
    CHECK_STR(km.entries[A_LOGOUT].label, "uitloggen");
}

TEST(keymap_default_lookup)
{
    struct keymap km;
    keymap_defaults(&km);
    CHECK(look(&km, kc(KEY_UP)) == A_UP);
    CHECK(look(&km, ch('k')) == A_UP);
    CHECK(look(&km, ch('j')) == A_DOWN);
    CHECK(look(&km, ch('h')) == A_LEFT);
    CHECK(look(&km, kc(KEY_RIGHT)) == A_RIGHT);
    CHECK(look(&km, ch('l')) == A_RIGHT);
    CHECK(look(&km, kc(KEY_PPAGE)) == A_PAGE_UP);
    CHECK(look(&km, ch('b' & 0x1f)) == A_PAGE_UP);
    CHECK(look(&km, ch('f' & 0x1f)) == A_PAGE_DOWN);
    CHECK(look(&km, ch('g')) == A_HOME);
    CHECK(look(&km, ch('G')) == A_END);
    CHECK(look(&km, ch('\t')) == A_NEXT_FIELD);
    CHECK(look(&km, kc(KEY_BTAB)) == A_PREV_FIELD);
    CHECK(look(&km, ch('\r')) == A_SELECT);
    CHECK(look(&km, ch('\n')) == A_SELECT);
    CHECK(look(&km, kc(KEY_ENTER)) == A_SELECT);
    CHECK(look(&km, ch(' ')) == A_TOGGLE);
    CHECK(look(&km, ch(27)) == A_BACK);
    CHECK(look(&km, ch('q')) == A_BACK);
    CHECK(look(&km, kc(KEY_F(10))) == A_QUIT);
    CHECK(look(&km, ch('/')) == A_SEARCH);
    CHECK(look(&km, ch('n')) == A_SEARCH_NEXT);
    CHECK(look(&km, ch('?')) == A_HELP);
    CHECK(look(&km, kc(KEY_F(1))) == A_HELP);
    CHECK(look(&km, ch('l' & 0x1f)) == A_REFRESH);
    CHECK(look(&km, kc(KEY_IC)) == A_ADD);
    CHECK(look(&km, ch('e')) == A_EDIT);
    CHECK(look(&km, kc(KEY_DC)) == A_DELETE);
    CHECK(look(&km, ch('p')) == A_PASSWORD);
    CHECK(look(&km, ch('[')) == A_PREV_PERIOD);
    CHECK(look(&km, ch('<')) == A_PREV_PERIOD);
    CHECK(look(&km, ch(']')) == A_NEXT_PERIOD);
    CHECK(look(&km, ch('>')) == A_NEXT_PERIOD);
    CHECK(look(&km, ch('t')) == A_TODAY);
    CHECK(look(&km, ch('L')) == A_LOGOUT);
    CHECK(look(&km, ch('c')) == A_CHECK);
    CHECK(look(&km, ch('R')) == A_SET_ROW);
    CHECK(look(&km, ch('K')) == A_SET_COLUMN);
    CHECK(look(&km, ch('i')) == A_INFO);
    CHECK(look(&km, ch('m')) == A_EDIT_CLASS);
    CHECK(look(&km, ch('u')) == A_UNDO);
    CHECK(look(&km, ch('U')) == A_UNLOCK);
    /* not actions */
    CHECK(look(&km, ch('x')) == ACT_NONE);
    CHECK(look(&km, ch('Q')) == ACT_NONE);
    CHECK(look(&km, kc(KEY_RESIZE)) == ACT_NONE);
    CHECK(look(&km, kc(KEY_F(11))) == ACT_NONE);
    CHECK(look(&km, ch(KEY_UP)) == ACT_NONE); /* the character U+0103 is not the Up key */
    CHECK(look(&km, kc('k')) == ACT_NONE);
}

TEST(keymap_lookup_accepted)
{
    struct keymap km;
    keymap_defaults(&km);
    static const enum action typing[] = {A_SEARCH, A_SELECT, ACT_NONE};
    CHECK(keymap_lookup(&km, ch('q'), typing) == ACT_NONE); /* a text field keeps its q */
    CHECK(keymap_lookup(&km, ch('j'), typing) == ACT_NONE);
    CHECK(keymap_lookup(&km, ch('/'), typing) == A_SEARCH);
    CHECK(keymap_lookup(&km, ch('\r'), typing) == A_SELECT);
    static const enum action none[] = {ACT_NONE};
    CHECK(keymap_lookup(&km, kc(KEY_UP), none) == ACT_NONE);
    CHECK(keymap_lookup(&km, kc(KEY_UP), NULL) == ACT_NONE);
    CHECK(keymap_lookup(NULL, kc(KEY_UP), typing) == ACT_NONE);
    static const enum action bogus[] = {A__COUNT, A_UP, ACT_NONE};
    CHECK(keymap_lookup(&km, kc(KEY_UP), bogus) == A_UP); /* an out-of-range entry is skipped, not read */

    /* the same key on two actions: the accepted list's order decides */
    km.entries[A_EDIT].keys[km.entries[A_EDIT].nkeys++] = ch('q');
    static const enum action edit_first[] = {A_EDIT, A_BACK, ACT_NONE};
    static const enum action back_first[] = {A_BACK, A_EDIT, ACT_NONE};
    CHECK(keymap_lookup(&km, ch('q'), edit_first) == A_EDIT);
    CHECK(keymap_lookup(&km, ch('q'), back_first) == A_BACK);
}

TEST(keymap_parse_and_name)
{
    /* name as written -> name shown; parsing what is shown gives the same key again */
    static const struct {
        const char *in, *shown;
    } names[] = {
        {"k", "k"},
        {"G", "G"},
        {"\xC3\xA9", "\xC3\xA9"},         /* é */
        {"\xE2\x82\xAC", "\xE2\x82\xAC"}, /* € */
        {"/", "/"},
        {"?", "?"},
        {"[", "["},
        {"Up", "↑"},
        {"Down", "↓"},
        {"Left", "←"},
        {"Right", "→"},
        {"PgUp", "PgUp"},
        {"PgDn", "PgDn"},
        {"Home", "Home"},
        {"End", "End"},
        {"Enter", "Enter"},
        {"Esc", "Esc"},
        {"Tab", "Tab"},
        {"S-Tab", "S-Tab"},
        {"Space", "Space"},
        {"Backspace", "Backspace"},
        {"Delete", "Delete"},
        {"Insert", "Insert"},
        {"F1", "F1"},
        {"F10", "F10"},
        {"F12", "F12"},
        {"C-a", "C-a"},
        {"C-l", "C-l"},
        {"C-z", "C-z"},
        {"↑", "↑"},
        {"up", "↑"},
        {"UP", "↑"},
        {"pgdn", "PgDn"},
        {"s-tab", "S-Tab"},
        {"ESC", "Esc"},
        {"f10", "F10"},
        {"C-L", "C-l"},
        {"C-m", "Enter"},
        {"C-i", "Tab"},
    };
    for (size_t i = 0; i < N(names); i++) {
        struct key k, again;
        char shown[32];
        REQUIRE(keymap_parse_key(names[i].in, &k));
        keymap_key_name(k, shown, sizeof shown);
        CHECK_STR(shown, names[i].shown);
        REQUIRE(keymap_parse_key(shown, &again));
        CHECK(same_key(k, again));
    }

    struct key k;
    REQUIRE(keymap_parse_key("Up", &k));
    CHECK(same_key(k, kc(KEY_UP)));
    REQUIRE(keymap_parse_key("F10", &k));
    CHECK(same_key(k, kc(KEY_F(10))));
    REQUIRE(keymap_parse_key("C-l", &k));
    CHECK(same_key(k, ch('l' & 0x1f)));
    REQUIRE(keymap_parse_key("Esc", &k));
    CHECK(same_key(k, ch(27)));
    REQUIRE(keymap_parse_key("Space", &k));
    CHECK(same_key(k, ch(' ')));
    REQUIRE(keymap_parse_key("G", &k));
    CHECK(same_key(k, ch('G'))); /* single letters keep their case */
    REQUIRE(keymap_parse_key("\xC3\xA9", &k));
    CHECK(same_key(k, ch(0xE9)));

    static const char *const bad[] = {"",    "Upp",  "F0",       "F01",          "F64",   "C-",
                                      "C-1", "C-ab", "kk",       "\x01",         "\xC3",  "\xCC\x88",
                                      "x y", "\x7f", "\xC2\x9B", "\xE2\x80\xAE", "S-Tabx"};
    for (size_t i = 0; i < N(bad); i++)
        CHECK(!keymap_parse_key(bad[i], &k));
    CHECK(!keymap_parse_key(NULL, &k));

    /* what terminals send: Enter and Backspace have several codes but one name */
    char out[32];
    keymap_key_name(ch('\r'), out, sizeof out);
    CHECK_STR(out, "Enter");
    keymap_key_name(ch('\n'), out, sizeof out);
    CHECK_STR(out, "Enter");
    keymap_key_name(ch(127), out, sizeof out);
    CHECK_STR(out, "Backspace");
    keymap_key_name(ch(0x9B), out, sizeof out); /* a C1 control never reaches the screen raw */
    CHECK_STR(out, "U+009B");
    keymap_key_name(kc(KEY_F(24)), out, sizeof out);
    CHECK_STR(out, "F24");
    /* too small: nothing rather than half a name */
    keymap_key_name(kc(KEY_PPAGE), out, 4);
    CHECK_STR(out, "");
    keymap_key_name(kc(KEY_UP), out, 3);
    CHECK_STR(out, "");
    keymap_key_name(kc(KEY_UP), out, 4);
    CHECK_STR(out, "↑");
    out[0] = '#';
    keymap_key_name(kc(KEY_UP), out, 0);
    CHECK(out[0] == '#');
}

TEST(keymap_config_rebind)
{
    static struct km_config cfg;
    test_config(&cfg);
    bind(&cfg, 3, "search", "q C-s");
    bind(&cfg, 4, "up", "K Up");
    bind(&cfg, 5, "quit", "F10  C-q"); /* runs of blanks are one separator */
    struct keymap km;
    keymap_defaults(&km);
    char err[256] = "old";
    REQUIRE(keymap_apply_config(&km, &cfg, err, sizeof err));
    CHECK_STR(err, "");

    /* q moved from back to search; back keeps Esc */
    CHECK(look(&km, ch('q')) == A_SEARCH);
    static const enum action back_then_search[] = {A_BACK, A_SEARCH, ACT_NONE};
    CHECK(keymap_lookup(&km, ch('q'), back_then_search) == A_SEARCH);
    CHECK(look(&km, ch(27)) == A_BACK);
    CHECK(km.entries[A_BACK].nkeys == 1);
    /* the listed keys replace the defaults */
    CHECK(look(&km, ch('/')) == ACT_NONE);
    CHECK(look(&km, ch('s' & 0x1f)) == A_SEARCH);
    CHECK(look(&km, ch('K')) == A_UP);
    CHECK(look(&km, ch('k')) == ACT_NONE);
    CHECK(look(&km, kc(KEY_UP)) == A_UP);
    CHECK(look(&km, ch('q' & 0x1f)) == A_QUIT);
    CHECK(look(&km, kc(KEY_F(10))) == A_QUIT);
    /* untouched actions keep their defaults */
    CHECK(look(&km, ch('j')) == A_DOWN);

    /* taking every key of an action leaves it without keys, which is the user's choice */
    test_config(&cfg);
    bind(&cfg, 1, "select", "Esc q Enter");
    keymap_defaults(&km);
    REQUIRE(keymap_apply_config(&km, &cfg, NULL, 0));
    CHECK(km.entries[A_BACK].nkeys == 0);
    CHECK(look(&km, ch(27)) == A_SELECT);

    /* a key listed twice counts once */
    test_config(&cfg);
    bind(&cfg, 1, "select", "Enter C-m C-j");
    keymap_defaults(&km);
    REQUIRE(keymap_apply_config(&km, &cfg, err, sizeof err));
    CHECK(km.entries[A_SELECT].nkeys == 1);
    CHECK(look(&km, ch('\n')) == A_SELECT);

    /* no [keys] lines: nothing changes */
    test_config(&cfg);
    struct keymap before;
    keymap_defaults(&km);
    before = km;
    REQUIRE(keymap_apply_config(&km, &cfg, err, sizeof err));
    CHECK(same_keymap(&km, &before));
}

/* Applies cfg to fresh defaults, expects failure with a message containing each of want[], and an unchanged
 * keymap. */
static void expect_error(const struct km_config *cfg, const char *const *want, size_t nwant)
{
    struct keymap km, before;
    keymap_defaults(&km);
    keymap_defaults(&before);
    char err[512] = "";
    CHECK(!keymap_apply_config(&km, cfg, err, sizeof err));
    CHECK(same_keymap(&km, &before));
    for (size_t i = 0; i < nwant; i++)
        if (!strstr(err, want[i]))
            test_fail_str(__FILE__, __LINE__, "strstr(err, want)", err, want[i]);
    for (const char *p = err; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
    /* no message buffer: still refused, nothing written anywhere */
    CHECK(!keymap_apply_config(&km, cfg, NULL, 0));
    CHECK(same_keymap(&km, &before));
}

TEST(keymap_config_errors)
{
    static struct km_config cfg;

    test_config(&cfg);
    bind(&cfg, 2, "up", "K");
    bind(&cfg, 7, "uo", "k");
    static const char *const action[] = {"test.ini regel 7: onbekende actie 'uo' in [keys]; bekende acties: up, down, ",
                                         "all, edit_class, undo."};
    expect_error(&cfg, action, N(action));

    test_config(&cfg);
    bind(&cfg, 2, "up", "K"); /* a good line before the bad one is not kept either */
    bind(&cfg, 3, "down", "j Dwn");
    static const char *const key[] = {"test.ini regel 3: onbekende toets 'Dwn' voor actie 'down'."};
    expect_error(&cfg, key, N(key));

    test_config(&cfg);
    bind(&cfg, 4, "up", "a b c d e f g");
    static const char *const many[] = {"test.ini regel 4: te veel toetsen voor actie 'up' (hoogstens 6)."};
    expect_error(&cfg, many, N(many));

    test_config(&cfg);
    bind(&cfg, 5, "up", "  ");
    static const char *const empty[] = {"test.ini regel 5: geen toetsen voor actie 'up'."};
    expect_error(&cfg, empty, N(empty));

    test_config(&cfg);
    bind(&cfg, 1, "back", "Esc q");
    bind(&cfg, 2, "search", "/ q");
    static const char *const twice[] = {"test.ini regel 2: toets 'q' is al gekozen voor actie 'back' (regel 1)."};
    expect_error(&cfg, twice, N(twice));

    test_config(&cfg);
    bind(&cfg, 1, "search", "Up");
    bind(&cfg, 2, "up", "k Up");
    static const char *const twice2[] = {"regel 2: toets '↑' is al gekozen voor actie 'search' (regel 1)."};
    expect_error(&cfg, twice2, N(twice2));

    /* what the file says is quoted without its control characters */
    test_config(&cfg);
    bind(&cfg, 9, "\x1b[2J", "k");
    static const char *const esc[] = {"test.ini regel 9: onbekende actie '\xEF\xBF\xBD[2J'"};
    expect_error(&cfg, esc, N(esc));
    test_config(&cfg);
    bind(&cfg, 9, "up", "\x1b]0;x");
    static const char *const esc2[] = {"onbekende toets '\xEF\xBF\xBD]0;x'"};
    expect_error(&cfg, esc2, N(esc2));

    /* a small message buffer is cut, never overrun */
    test_config(&cfg);
    bind(&cfg, 7, "uo", "k");
    struct keymap km;
    keymap_defaults(&km);
    char small[16];
    memset(small, '#', sizeof small);
    CHECK(!keymap_apply_config(&km, &cfg, small, 10));
    CHECK(strlen(small) == 9 && small[10] == '#');
}

TEST(keymap_keys_text)
{
    struct keymap km;
    keymap_defaults(&km);
    char out[64];
    keymap_keys_text(&km, A_UP, 2, out, sizeof out);
    CHECK_STR(out, "↑/k");
    keymap_keys_text(&km, A_UP, 1, out, sizeof out);
    CHECK_STR(out, "↑");
    keymap_keys_text(&km, A_UP, 0, out, sizeof out);
    CHECK_STR(out, "");
    keymap_keys_text(&km, A_SELECT, KEYMAP_MAX_KEYS, out, sizeof out);
    CHECK_STR(out, "Enter");
    keymap_keys_text(&km, A_HELP, KEYMAP_MAX_KEYS, out, sizeof out);
    CHECK_STR(out, "?/F1");
    keymap_keys_text(&km, A_BACK, KEYMAP_MAX_KEYS, out, sizeof out);
    CHECK_STR(out, "Esc/q");
    keymap_keys_text(&km, A_PAGE_DOWN, KEYMAP_MAX_KEYS, out, sizeof out);
    CHECK_STR(out, "PgDn/C-f");
    keymap_keys_text(&km, ACT_NONE, 2, out, sizeof out);
    CHECK_STR(out, "");
    keymap_keys_text(&km, A__COUNT, 2, out, sizeof out);
    CHECK_STR(out, "");
    km.entries[A_EDIT].nkeys = 0;
    keymap_keys_text(&km, A_EDIT, 2, out, sizeof out);
    CHECK_STR(out, "");
    /* whole names only */
    keymap_keys_text(&km, A_UP, 2, out, 6);
    CHECK_STR(out, "↑/k");
    keymap_keys_text(&km, A_UP, 2, out, 5);
    CHECK_STR(out, "↑");
    keymap_keys_text(&km, A_UP, 2, out, 3);
    CHECK_STR(out, "");
}

/* The escape-sequence table (termkeys.c): curses' define_key refuses a string that is a prefix of another one,
 * silently, so no entry may be a prefix of another (or repeat it); each starts with ESC and means a key. */
TEST(termkeys_table_is_prefix_free)
{
    char a[16], b[16];
    int ca, cb;
    size_t n = 0;
    for (size_t i = 0; termkeys_entry(i, a, sizeof a, &ca); i++, n++) {
        CHECK(a[0] == '\033' && strlen(a) >= 3);
        CHECK(ca == KEY_UP || ca == KEY_DOWN || ca == KEY_LEFT || ca == KEY_RIGHT || ca == KEY_HOME || ca == KEY_END ||
              ca == KEY_PPAGE || ca == KEY_NPAGE || ca == KEY_IC || ca == KEY_DC || (ca >= KEY_F(1) && ca <= KEY_F(4)));
        for (size_t j = 0; j < i && termkeys_entry(j, b, sizeof b, &cb); j++)
            if (strncmp(a, b, strlen(a) < strlen(b) ? strlen(a) : strlen(b)) == 0) {
                printf("    %zu and %zu: one is a prefix of the other\n", i, j);
                CHECK(false);
            }
    }
    CHECK(n > 150); /* the plain ones and every modifier of each */
    CHECK(termkeys_entry(0, a, sizeof a, &ca) && strcmp(a, "\033[A") == 0 && ca == KEY_UP);
}
