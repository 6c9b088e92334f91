/* The keymap: one table of actions with their default keys. The defaults are written as key names, in the same
 * syntax as the config's [keys] section, so the parser, the defaults, the footer and the help screen can never
 * disagree about what a key is called. */
#include "tui/keymap.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "tui/i18n.h"

struct action_def {
    const char *name;
    const char *label;
    const char *description;
    const char *keys; /* default keys, as in the config */
};

/* Labels and descriptions are marked only: they are translated when drawn, after the language is chosen. */
static const struct action_def defs[A__COUNT] = {
    [A_UP] = {"up", N_("omhoog"), N_("Ga één regel omhoog."), "Up k"},
    [A_DOWN] = {"down", N_("omlaag"), N_("Ga één regel omlaag."), "Down j"},
    [A_LEFT] = {"left", N_("links"), N_("Ga één kolom naar links."), "Left h"},
    [A_RIGHT] = {"right", N_("rechts"), N_("Ga één kolom naar rechts."), "Right l"},
    [A_PAGE_UP] = {"page_up", N_("pagina terug"), N_("Blader een scherm terug."), "PgUp C-b"},
    [A_PAGE_DOWN] = {"page_down", N_("pagina verder"), N_("Blader een scherm verder."), "PgDn C-f"},
    [A_HOME] = {"home", N_("begin"), N_("Ga naar het begin van de lijst."), "Home g"},
    [A_END] = {"end", N_("eind"), N_("Ga naar het eind van de lijst."), "End G"},
    [A_NEXT_FIELD] = {"next_field", N_("volgend veld"), N_("Ga naar het volgende veld."), "Tab"},
    [A_PREV_FIELD] = {"prev_field", N_("vorig veld"), N_("Ga naar het vorige veld."), "S-Tab"},
    [A_SELECT] = {"select", N_("kies"), N_("Open, kies of bevestig wat geselecteerd is."), "Enter"},
    [A_TOGGLE] = {"toggle", N_("aan/uit"), N_("Zet een vinkje aan of uit, of zet een status een stap verder."),
                  "Space"},
    [A_BACK] = {"back", N_("terug"), N_("Ga terug naar het vorige scherm, of annuleer."), "Esc q"},
    [A_QUIT] = {"quit", N_("afsluiten"), N_("Sluit het programma af."), "F10"},
    [A_SEARCH] = {"search", N_("zoek"), N_("Zoek in de lijst op naam of tekst."), "/"},
    [A_SEARCH_NEXT] = {"search_next", N_("zoek verder"), N_("Ga naar het volgende zoekresultaat."), "n"},
    [A_HELP] = {"help", N_("hulp"), N_("Toon deze hulp met alle toetsen."), "? F1"},
    [A_REFRESH] = {"refresh", N_("hertekenen"), N_("Teken het hele scherm opnieuw."), "C-l"},
    [A_ADD] = {"add", N_("toevoegen"), N_("Voeg iets nieuws toe aan de lijst."), "a Insert"},
    [A_EDIT] = {"edit", N_("wijzigen"), N_("Wijzig wat geselecteerd is."), "e"},
    [A_DELETE] = {"delete", N_("verwijderen"),
                  N_("Verwijder wat geselecteerd is; eerst wordt om bevestiging gevraagd."), "d Delete"},
    [A_PASSWORD] = {"password", N_("wachtwoord"), N_("Stel een nieuw wachtwoord in."), "p"},
    [A_UNLOCK] = {"unlock", N_("ontgrendelen"), N_("Hef de blokkade na te veel mislukte logins op."), "U"},
    [A_PREV_PERIOD] = {"prev_period", N_("vorige"), N_("Ga naar de vorige week of dag."), "[ <"},
    [A_NEXT_PERIOD] = {"next_period", N_("volgende"), N_("Ga naar de volgende week of dag."), "] >"},
    [A_TODAY] = {"today", N_("vandaag"), N_("Ga naar vandaag."), "t"},
    [A_LOGOUT] = {"logout", N_("uitloggen"), N_("Log uit en ga terug naar het inlogscherm."), "L"},
    [A_CHECK] = {"check", N_("controleer"),
                 N_("Controleer een weeksjabloon op botsingen: leerkrachten, lokalen, leerlingen."), "c"},
    [A_SET_ROW] = {"set_row", N_("hele rij"),
                   N_("Statusbord: geef de hele rij (een leerling) één status; eerst wordt om bevestiging gevraagd."),
                   "R"},
    [A_SET_COLUMN] =
        {"set_column", N_("hele kolom"),
         N_("Statusbord: geef de hele kolom (een leerdoel) één status; eerst wordt om bevestiging gevraagd."), "K"},
    [A_INFO] = {"info", N_("info"),
                N_("Toon de volledige titel en de wijzigingen: wie, wanneer, van welke status naar welke."), "i"},
    [A_NOW] = {"now", N_("les nu"), N_("Open de les van nu, of de volgende."), "o"},
    [A_WEEKPLAN] = {"weekplan", N_("weektaak"),
                    N_("Maak de weektaak van een groep om af te drukken (een A4 per leerling)."), "w"},
    [A_BRON] = {"bron", N_("bron"), N_("Kies de stamgroep of samengestelde groep die een eigen groep volgt."), "b"},
    [A_RELINK] = {"relink", N_("opnieuw koppelen"),
                  N_("Koppel eigen groepen na het nieuwe schooljaar aan de nieuwe groepen uit ParnasSys."), "r"},
    [A_ALL] = {"all", N_("alles"), N_("Alles tegelijk: alle weekdagen (ma t/m vr), of alle voorstellen."), "A"},
    [A_EDIT_CLASS] =
        {"edit_class", N_("tekst voor de klas"),
         N_("Schrijf de tekst bij de les die leerlingen en ouders lezen (de notitie lezen alleen leerkrachten)."), "m"},
    [A_UNDO] = {"undo", N_("ongedaan maken"),
                N_("Statusbord: zet je laatste hele rij of kolom terug; cellen die iemand intussen wijzigde blijven."),
                "u"},
};

struct named_key {
    const char *name;  /* as in the config, matched in any case */
    const char *glyph; /* shown instead of the name, also accepted by the parser; NULL = the name */
    wint_t code;
    bool is_key;
};

static const struct named_key named[] = {
    {"Up", "↑", KEY_UP, true},        {"Down", "↓", KEY_DOWN, true},
    {"Left", "←", KEY_LEFT, true},    {"Right", "→", KEY_RIGHT, true},
    {"PgUp", NULL, KEY_PPAGE, true},  {"PgDn", NULL, KEY_NPAGE, true},
    {"Home", NULL, KEY_HOME, true},   {"End", NULL, KEY_END, true},
    {"Enter", NULL, KEY_ENTER, true}, {"Esc", NULL, 27, false},
    {"Tab", NULL, '\t', false},       {"S-Tab", NULL, KEY_BTAB, true},
    {"Space", NULL, ' ', false},      {"Backspace", NULL, KEY_BACKSPACE, true},
    {"Delete", NULL, KEY_DC, true},   {"Insert", NULL, KEY_IC, true},
};

#define NAMED_COUNT (sizeof named / sizeof named[0])
#define MAX_FKEY 63 /* curses reserves KEY_F(0) .. KEY_F(63) */
#define WORD_MAX 32 /* longer than any key name, so a cut word can never parse */

static bool valid_action(enum action a) { return (int)a > ACT_NONE && (int)a < A__COUNT; }

/* Terminals differ in what Enter and Backspace send; folding them here means a binding works on every one. */
static struct key normalize(struct key k)
{
    if (!k.is_key && (k.code == '\n' || k.code == '\r'))
        return (struct key){KEY_ENTER, true};
    if (!k.is_key && k.code == 127)
        return (struct key){KEY_BACKSPACE, true};
    return k;
}

static bool key_equal(struct key a, struct key b)
{
    a = normalize(a);
    b = normalize(b);
    return a.code == b.code && a.is_key == b.is_key;
}

static bool entry_has(const struct keymap_entry *e, struct key k)
{
    for (int i = 0; i < e->nkeys; i++)
        if (key_equal(e->keys[i], k))
            return true;
    return false;
}

static void entry_remove(struct keymap_entry *e, struct key k)
{
    int kept = 0;
    for (int i = 0; i < e->nkeys; i++)
        if (!key_equal(e->keys[i], k))
            e->keys[kept++] = e->keys[i];
    e->nkeys = kept;
}

/* ---- key names ---- */

static bool parse_named(const char *s, struct key *out)
{
    for (size_t i = 0; i < NAMED_COUNT; i++)
        if (strcasecmp(s, named[i].name) == 0 || (named[i].glyph && strcmp(s, named[i].glyph) == 0)) {
            *out = (struct key){named[i].code, named[i].is_key};
            return true;
        }
    return false;
}

/* "F1".."F63", no leading zero, so each function key has exactly one spelling. */
static bool parse_fkey(const char *s, struct key *out)
{
    if ((s[0] != 'F' && s[0] != 'f') || s[1] < '1' || s[1] > '9')
        return false;
    int n = s[1] - '0';
    if (s[2]) {
        if (s[2] < '0' || s[2] > '9' || s[3])
            return false;
        n = n * 10 + (s[2] - '0');
    }
    if (n > MAX_FKEY)
        return false;
    *out = (struct key){(wint_t)KEY_F(n), true};
    return true;
}

/* "C-a".."C-z" in either case: a terminal sends the same byte for Ctrl-a and Ctrl-A. */
static bool parse_ctrl(const char *s, struct key *out)
{
    if ((s[0] != 'C' && s[0] != 'c') || s[1] != '-' || !s[2] || s[3])
        return false;
    char c = s[2];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        return false;
    *out = normalize((struct key){(wint_t)(c & 0x1f), false});
    return true;
}

/* One code point that shows as something: a control or a lone combining mark could not be seen in the footer. */
static bool parse_char(const char *s, struct key *out)
{
    size_t len = strlen(s);
    uint32_t cp;
    int n = text_utf8_decode(s, len, &cp);
    if (n <= 0 || (size_t)n != len || (cp == TEXT_REPLACEMENT && n != 3))
        return false;
    if (text_is_control(cp) || text_cp_width(cp) == 0)
        return false;
    *out = (struct key){(wint_t)cp, false};
    return true;
}

bool keymap_parse_key(const char *name, struct key *out)
{
    if (!name || !*name || !out)
        return false;
    /* Named keys first: "Up" is a name, never three letters; single characters come last. */
    return parse_named(name, out) || parse_fkey(name, out) || parse_ctrl(name, out) || parse_char(name, out);
}

/* Appends s to out (used bytes so far) whole or not at all: a name cut inside a UTF-8 sequence would draw as
 * garbage. memcpy after the length check, because snprintf's truncation would cut exactly there. */
static bool append(char *out, size_t len, size_t *used, const char *s)
{
    size_t n = strlen(s);
    if (*used + n >= len)
        return false;
    memcpy(out + *used, s, n + 1);
    *used += n;
    return true;
}

static void put_name(const char *s, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    append(out, len, &used, s);
}

static void char_name(uint32_t cp, char *out, size_t len)
{
    char buf[16];
    if (cp >= 1 && cp <= 26) {
        snprintf(buf, sizeof buf, "C-%c", (char)('a' + cp - 1));
    } else if (cp < 0x20) {
        const char *k = keyname((int)cp); /* "^@", "^\" ...: unusual, but never a raw control */
        snprintf(buf, sizeof buf, "%s", k ? k : "?");
    } else if (cp <= 0x10FFFF && !text_is_control(cp) && text_cp_width(cp) > 0) {
        int n = text_utf8_encode(cp, buf);
        buf[n] = '\0';
    } else {
        snprintf(buf, sizeof buf, "U+%04X", (unsigned)cp);
    }
    put_name(buf, out, len);
}

void keymap_key_name(struct key k, char *out, size_t len)
{
    if (!out || len == 0)
        return;
    k = normalize(k);
    for (size_t i = 0; i < NAMED_COUNT; i++)
        if (named[i].code == k.code && named[i].is_key == k.is_key) {
            put_name(named[i].glyph ? named[i].glyph : named[i].name, out, len);
            return;
        }
    if (!k.is_key) {
        char_name((uint32_t)k.code, out, len);
        return;
    }
    char buf[32];
    if (k.code >= (wint_t)KEY_F(1) && k.code <= (wint_t)KEY_F(MAX_FKEY)) {
        snprintf(buf, sizeof buf, "F%d", (int)(k.code - (wint_t)KEY_F0));
    } else {
        const char *kn = keyname((int)k.code); /* a key no action can be bound to, e.g. "KEY_SLEFT" */
        snprintf(buf, sizeof buf, "%s", kn ? kn : "?");
    }
    put_name(buf, out, len);
}

void keymap_keys_text(const struct keymap *km, enum action a, int max, char *out, size_t len)
{
    if (!out || len == 0)
        return;
    out[0] = '\0';
    if (!km || !valid_action(a))
        return;
    const struct keymap_entry *e = &km->entries[a];
    size_t used = 0;
    for (int i = 0; i < e->nkeys && i < max; i++) {
        char name[WORD_MAX];
        keymap_key_name(e->keys[i], name, sizeof name);
        if (used + strlen(name) + (i ? 1 : 0) >= len)
            break; /* whole names only: "↑/k" rather than "↑/" plus half a name */
        if (i)
            append(out, len, &used, "/");
        append(out, len, &used, name);
    }
}

/* ---- key lists ---- */

/* Copies the next blank-separated word of *s into word (cut to fit) and moves *s past it; false at the end. */
static bool next_word(const char **s, char *word, size_t len)
{
    const char *p = *s + strspn(*s, " \t");
    if (!*p) {
        *s = p;
        return false;
    }
    size_t n = strcspn(p, " \t");
    size_t keep = n < len - 1 ? n : len - 1; /* len is always WORD_MAX here */
    memcpy(word, p, keep);
    word[keep] = '\0';
    *s = p + n;
    return true;
}

enum list_rc { LIST_OK, LIST_BAD_KEY, LIST_TOO_MANY, LIST_EMPTY };

/* Parses "Up k" into keys; a key named twice ("Enter C-m") counts once. On LIST_BAD_KEY, bad holds the word. */
static enum list_rc parse_list(const char *text, struct key keys[KEYMAP_MAX_KEYS], int *n, char *bad, size_t badlen)
{
    struct keymap_entry tmp = {0};
    char word[WORD_MAX];
    while (next_word(&text, word, sizeof word)) {
        struct key k;
        if (!keymap_parse_key(word, &k)) {
            snprintf(bad, badlen, "%s", word);
            return LIST_BAD_KEY;
        }
        if (entry_has(&tmp, k))
            continue;
        if (tmp.nkeys == KEYMAP_MAX_KEYS)
            return LIST_TOO_MANY;
        tmp.keys[tmp.nkeys++] = k;
    }
    memcpy(keys, tmp.keys, sizeof tmp.keys);
    *n = tmp.nkeys;
    return tmp.nkeys ? LIST_OK : LIST_EMPTY;
}

void keymap_defaults(struct keymap *km)
{
    memset(km, 0, sizeof *km);
    for (int a = ACT_NONE + 1; a < A__COUNT; a++) {
        struct keymap_entry *e = &km->entries[a];
        char bad[WORD_MAX];
        e->name = defs[a].name;
        e->label = defs[a].label;
        e->description = defs[a].description;
        /* the table is fixed and a unit test parses every default, so this cannot fail */
        (void)parse_list(defs[a].keys, e->keys, &e->nkeys, bad, sizeof bad);
    }
}

/* ---- the config ---- */

struct apply_ctx {
    struct keymap work;     /* changed here, copied back only when every line is right */
    int bound_at[A__COUNT]; /* config line that set the action's keys; 0 = still the defaults */
    const struct km_config *cfg;
    char *err;
    size_t errlen;
};

static enum action action_by_name(const char *name)
{
    /* exact, as the config module compares names when it rejects a line given twice */
    for (int a = ACT_NONE + 1; a < A__COUNT; a++)
        if (strcmp(defs[a].name, name) == 0)
            return (enum action)a;
    return ACT_NONE;
}

static const char *file_name(const struct apply_ctx *x) { return x->cfg->path[0] ? x->cfg->path : "configuratie"; }

/* The words quoted from the file may hold anything; the message may end up on a terminal. */
static void quote(const char *s, char *out, size_t len) { text_sanitize(s, out, len); }

static bool fail_unknown_action(struct apply_ctx *x, const struct config_keybind *b)
{
    char list[512], q[3 * sizeof b->action];
    size_t used = 0;
    list[0] = '\0';
    for (int a = ACT_NONE + 1; a < A__COUNT; a++)
        if ((a > ACT_NONE + 1 && !append(list, sizeof list, &used, ", ")) ||
            !append(list, sizeof list, &used, defs[a].name))
            break;
    quote(b->action, q, sizeof q);
    snprintf(x->err, x->errlen, "%s regel %d: onbekende actie '%s' in [keys]; bekende acties: %s.", file_name(x),
             b->line, q, list);
    return false;
}

static bool fail_keys(struct apply_ctx *x, const struct config_keybind *b, enum list_rc rc, const char *bad)
{
    char q[3 * WORD_MAX];
    switch (rc) {
    case LIST_BAD_KEY:
        quote(bad, q, sizeof q); /* only a bad key fills `bad` */
        snprintf(x->err, x->errlen, "%s regel %d: onbekende toets '%s' voor actie '%s'.", file_name(x), b->line, q,
                 b->action);
        break;
    case LIST_TOO_MANY:
        snprintf(x->err, x->errlen, "%s regel %d: te veel toetsen voor actie '%s' (hoogstens %d).", file_name(x),
                 b->line, b->action, KEYMAP_MAX_KEYS);
        break;
    case LIST_EMPTY:
    case LIST_OK:
        snprintf(x->err, x->errlen, "%s regel %d: geen toetsen voor actie '%s'.", file_name(x), b->line, b->action);
        break;
    }
    return false;
}

/* Takes key k away from every action but `owner`. A key the config itself gave to another action is a
 * mistake in the file, not something to resolve silently by line order. */
static bool claim_key(struct apply_ctx *x, const struct config_keybind *b, enum action owner, struct key k)
{
    for (int a = ACT_NONE + 1; a < A__COUNT; a++) {
        struct keymap_entry *e = &x->work.entries[a];
        if (a == (int)owner || !entry_has(e, k))
            continue;
        if (x->bound_at[a]) {
            char name[WORD_MAX];
            keymap_key_name(k, name, sizeof name);
            snprintf(x->err, x->errlen, "%s regel %d: toets '%s' is al gekozen voor actie '%s' (regel %d).",
                     file_name(x), b->line, name, defs[a].name, x->bound_at[a]);
            return false;
        }
        entry_remove(e, k);
    }
    return true;
}

static bool apply_line(struct apply_ctx *x, const struct config_keybind *b)
{
    enum action a = action_by_name(b->action);
    if (a == ACT_NONE)
        return fail_unknown_action(x, b);
    struct key keys[KEYMAP_MAX_KEYS];
    int n = 0;
    char bad[WORD_MAX] = "";
    enum list_rc rc = parse_list(b->keys, keys, &n, bad, sizeof bad);
    if (rc != LIST_OK)
        return fail_keys(x, b, rc, bad);
    for (int i = 0; i < n; i++)
        if (!claim_key(x, b, a, keys[i]))
            return false;
    struct keymap_entry *e = &x->work.entries[a];
    memcpy(e->keys, keys, sizeof keys);
    e->nkeys = n;
    x->bound_at[a] = b->line > 0 ? b->line : 1;
    return true;
}

bool keymap_apply_config(struct keymap *km, const struct km_config *cfg, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!km || !cfg)
        return true;
    /* a copy, so a mistake on line 9 leaves nothing of lines 1-8 behind */
    /* err NULL becomes a zero-sized buffer: snprintf(NULL, 0, ...) is allowed and writes nothing */
    struct apply_ctx x = {.work = *km, .cfg = cfg, .err = err, .errlen = err ? errlen : 0};
    for (int i = 0; i < cfg->nkeys && i < CONFIG_MAX_KEYS; i++)
        if (!apply_line(&x, &cfg->keys[i]))
            return false;
    *km = x.work;
    return true;
}

enum action keymap_lookup(const struct keymap *km, struct key k, const enum action *accepted)
{
    if (!km || !accepted)
        return ACT_NONE;
    for (const enum action *a = accepted; *a != ACT_NONE; a++)
        if (valid_action(*a) && entry_has(&km->entries[*a], k))
            return *a;
    return ACT_NONE;
}
