#include "tui/theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ini.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NONE A_NORMAL

/* The names in theme files; the status ones are also status_values.colour_role in the database. */
static const char *const role_names[TR__COUNT] = {
    [TR_NORMAL] = "normal",
    [TR_TITLE] = "title",
    [TR_HEADER] = "header",
    [TR_FOOTER] = "footer",
    [TR_MENU] = "menu",
    [TR_SELECTED] = "selected",
    [TR_GRID] = "grid",
    [TR_GRID_HEADER] = "grid_header",
    [TR_TODAY] = "today",
    [TR_NOW] = "now",
    [TR_DIM] = "dim",
    [TR_INPUT] = "input",
    [TR_WARNING] = "warning",
    [TR_ERROR] = "error",
    [TR_OK] = "ok",
    [TR_KEY] = "key",
    [TR_STATUS_NONE] = "status_none",
    [TR_STATUS_BUSY] = "status_busy",
    [TR_STATUS_ALMOST] = "status_almost",
    [TR_STATUS_DONE] = "status_done",
};

/* Only the 8 basic colours, so it looks the same on every colour terminal; themes/default.theme is a copy
 * (a unit test keeps the two equal). -1 is the terminal's own colour, so light and dark terminals both work. */
static const struct theme_style builtin_styles[TR__COUNT] = {
    [TR_NORMAL] = {-1, -1, NONE},
    [TR_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
    [TR_HEADER] = {COLOR_WHITE, COLOR_BLUE, NONE},
    [TR_FOOTER] = {COLOR_WHITE, COLOR_BLUE, NONE},
    [TR_MENU] = {-1, -1, NONE},
    [TR_SELECTED] = {COLOR_BLACK, COLOR_CYAN, NONE},
    [TR_GRID] = {-1, -1, NONE},
    [TR_GRID_HEADER] = {COLOR_CYAN, -1, A_BOLD},
    [TR_TODAY] = {COLOR_YELLOW, -1, A_BOLD},
    [TR_NOW] = {COLOR_BLACK, COLOR_YELLOW, NONE},
    [TR_DIM] = {-1, -1, A_DIM},
    [TR_INPUT] = {-1, -1, A_UNDERLINE},
    [TR_WARNING] = {COLOR_YELLOW, -1, A_BOLD},
    [TR_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
    [TR_OK] = {COLOR_GREEN, -1, A_BOLD},
    [TR_KEY] = {COLOR_YELLOW, COLOR_BLUE, A_BOLD},
    [TR_STATUS_NONE] = {-1, -1, A_DIM},
    [TR_STATUS_BUSY] = {COLOR_YELLOW, -1, NONE},
    [TR_STATUS_ALMOST] = {COLOR_CYAN, -1, NONE},
    [TR_STATUS_DONE] = {COLOR_GREEN, -1, A_BOLD},
};

/* Attributes only. Selected is reverse, as everywhere in terminals; the header and footer bars are reverse too,
 * so the key names in the footer stay inside the bar. The four statuses differ by attribute, and the screens
 * also draw their glyph or letter. themes/mono.theme is a copy (a unit test keeps the two equal). */
static const struct theme_style builtin_mono_styles[TR__COUNT] = {
    [TR_NORMAL] = {-1, -1, NONE},
    [TR_TITLE] = {-1, -1, A_BOLD},
    [TR_HEADER] = {-1, -1, A_REVERSE},
    [TR_FOOTER] = {-1, -1, A_REVERSE},
    [TR_MENU] = {-1, -1, NONE},
    [TR_SELECTED] = {-1, -1, A_REVERSE | A_BOLD},
    [TR_GRID] = {-1, -1, NONE},
    [TR_GRID_HEADER] = {-1, -1, A_BOLD | A_UNDERLINE},
    [TR_TODAY] = {-1, -1, A_BOLD},
    [TR_NOW] = {-1, -1, A_BOLD | A_UNDERLINE},
    [TR_DIM] = {-1, -1, A_DIM},
    [TR_INPUT] = {-1, -1, A_UNDERLINE},
    [TR_WARNING] = {-1, -1, A_BOLD},
    [TR_ERROR] = {-1, -1, A_BOLD | A_UNDERLINE},
    [TR_OK] = {-1, -1, A_BOLD},
    [TR_KEY] = {-1, -1, A_REVERSE | A_BOLD},
    [TR_STATUS_NONE] = {-1, -1, A_DIM},
    [TR_STATUS_BUSY] = {-1, -1, NONE},
    [TR_STATUS_ALMOST] = {-1, -1, A_UNDERLINE},
    [TR_STATUS_DONE] = {-1, -1, A_BOLD},
};

static const char *const colour_names[8] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

static const struct {
    const char *name;
    attr_t attr;
} attr_names[] = {
    {"bold", A_BOLD}, {"underline", A_UNDERLINE}, {"reverse", A_REVERSE},
    {"dim", A_DIM},   {"standout", A_STANDOUT},   {"italic", A_ITALIC},
};

void theme_builtin(struct theme *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", "Standaard");
    memcpy(t->styles, builtin_styles, sizeof t->styles);
    t->mono = false;
}

void theme_builtin_mono(struct theme *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", "Monochroom");
    memcpy(t->styles, builtin_mono_styles, sizeof t->styles);
    t->mono = true;
}

bool theme_valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '_' ||
              name[i] == '-'))
            return false;
    return true;
}

enum theme_role theme_role_by_name(const char *name)
{
    for (int r = 0; name && r < TR__COUNT; r++)
        if (strcmp(role_names[r], name) == 0)
            return (enum theme_role)r;
    return TR_NORMAL;
}

const char *theme_role_name(enum theme_role r) { return (unsigned)r < TR__COUNT ? role_names[r] : ""; }

bool theme_no_color(void)
{
    const char *v = getenv("NO_COLOR");
    return v && *v;
}

/* ---- colour fallback ---- */

/* Of the four greys among the 16 basic colours (as xterm draws them), the nearest to level v. */
static int nearest_grey(int v)
{
    if (v < 64)
        return COLOR_BLACK;
    if (v < 178)
        return 8; /* bright-black, (127,127,127) */
    return v < 242 ? COLOR_WHITE : 15;
}

/* The nearest of the 16 basic colours to one of xterm's 256 (16..231 a 6x6x6 cube, 232..255 a grey ramp).
 * Distance in RGB would turn pale greens and blues into grey, so chromatic colours keep their hue instead:
 * a channel counts when it is more than half the strongest one, and a full-strength one makes it bright. */
static int nearest16(int n)
{
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    if (n < 16)
        return n;
    if (n >= 232)
        return nearest_grey(8 + 10 * (n - 232));
    int r = (n - 16) / 36, g = (n - 16) / 6 % 6, b = (n - 16) % 6;
    if (r == g && g == b)
        return nearest_grey(level[r]);
    int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
    int c = (r * 2 > max) | ((g * 2 > max) << 1) | ((b * 2 > max) << 2);
    return max == 5 ? c + 8 : c;
}

/* A colour the terminal has stays; else the nearest of 16, and with fewer than 16 the non-bright one
 * (*bright tells the caller, who makes a foreground bold: most terminals draw bold as bright). */
static short fit_colour(short c, int colors, bool *bright)
{
    if (c < 0 || c < colors)
        return c;
    int n = nearest16(c);
    if (n < colors)
        return (short)n;
    if (n >= 8 && bright)
        *bright = true;
    return (short)(n % 8);
}

/* The colours with green in them (green, yellow, cyan, white and their bright forms) are the light ones. */
static short contrast_with(short bg) { return (bg % 8) & 2 ? COLOR_BLACK : COLOR_WHITE; }

static void fit_style(struct theme_style *s, int colors)
{
    bool bright = false;
    short fg = fit_colour(s->fg, colors, &bright), bg = fit_colour(s->bg, colors, NULL);
    /* Two colours that differ can become one (grey on near-black → black on black): keep the text readable,
     * and dim, since colours that close were meant to stand back. */
    if (fg >= 0 && fg == bg && s->fg != s->bg) {
        fg = contrast_with(bg);
        bright = false;
        s->attrs |= A_DIM;
    }
    s->fg = fg;
    s->bg = bg;
    if (bright)
        s->attrs |= A_BOLD;
}

/* ---- reading a theme file ---- */

/* The state of one theme_load, as the ini_file's user. */
struct load_ctx {
    struct theme *t;
    int role_line[TR__COUNT]; /* where each role was set; 0 = not in the file */
    int name_line, mono_line;
};

enum colour_rc { COLOUR_OK, COLOUR_UNKNOWN, COLOUR_RANGE };

static enum colour_rc parse_colour(const char *s, short *out)
{
    if (strcasecmp(s, "default") == 0) {
        *out = -1;
        return COLOUR_OK;
    }
    bool bright = strncasecmp(s, "bright-", 7) == 0;
    for (int i = 0; i < 8; i++) {
        if (strcasecmp(s + (bright ? 7 : 0), colour_names[i]) == 0) {
            *out = (short)(bright ? i + 8 : i);
            return COLOUR_OK;
        }
    }
    if (!(*s >= '0' && *s <= '9') && *s != '-' && *s != '+')
        return COLOUR_UNKNOWN;
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (end == s || *end)
        return COLOUR_UNKNOWN;
    if (errno || n < 0 || n > 255)
        return COLOUR_RANGE;
    *out = (short)n;
    return COLOUR_OK;
}

static int colour_into(struct ini_file *in, const char *role, const char *word, short *out)
{
    switch (parse_colour(word, out)) {
    case COLOUR_OK:
        return 1;
    case COLOUR_RANGE:
        return ini_fail(in, "de kleur %s bij %s valt buiten 0 tot en met 255", word, role);
    case COLOUR_UNKNOWN:
        break;
    }
    return ini_fail(in,
                    "onbekende kleur '%s' bij %s; gebruik default, black, red, green, yellow, blue, magenta, cyan, "
                    "white, bright-black … bright-white of een getal van 0 tot en met 255",
                    word, role);
}

static int attr_into(struct ini_file *in, const char *role, const char *word, attr_t *attrs)
{
    for (size_t i = 0; i < COUNT(attr_names); i++) {
        if (strcasecmp(word, attr_names[i].name) == 0) {
            *attrs |= attr_names[i].attr;
            return 1;
        }
    }
    return ini_fail(in, "onbekend attribuut '%s' bij %s; bekend zijn bold, underline, reverse, dim, standout en italic",
                    word, role);
}

/* Splits the next word off *p (words are separated by spaces or tabs); NULL at the end. */
static char *next_word(char **p)
{
    char *s = *p + strspn(*p, " \t");
    if (!*s)
        return NULL;
    char *e = s + strcspn(s, " \t");
    *p = *e ? e + 1 : e;
    *e = '\0';
    return s;
}

/* "fg bg attr…" into s. */
static int parse_style(struct ini_file *in, const char *role, const char *value, struct theme_style *s)
{
    char buf[512], *p = buf;
    if (snprintf(buf, sizeof buf, "%s", value) >= (int)sizeof buf)
        return ini_fail(in, "de waarde bij %s is te lang", role);
    char *fg = next_word(&p), *bg = next_word(&p);
    if (!fg)
        return ini_fail(in,
                        "bij %s ontbreken de kleuren; schrijf voorgrond, achtergrond en attributen, "
                        "zoals 'black cyan bold'",
                        role);
    if (!bg)
        return ini_fail(in, "bij %s ontbreekt de achtergrondkleur (default is die van de terminal)", role);
    s->attrs = A_NORMAL;
    if (!colour_into(in, role, fg, &s->fg) || !colour_into(in, role, bg, &s->bg))
        return 0;
    for (char *w; (w = next_word(&p));)
        if (!attr_into(in, role, w, &s->attrs))
            return 0;
    return 1;
}

static int set_role(struct ini_file *in, const char *name, const char *value)
{
    struct load_ctx *x = in->user;
    int r = 0;
    while (r < TR__COUNT && strcmp(role_names[r], name) != 0)
        r++;
    if (r == TR__COUNT)
        return ini_fail(in, "onbekende rol '%s' in [roles]; doc/themes.md noemt de rollen", name);
    if (x->role_line[r])
        return ini_fail(in, "%s in [roles] staat er twee keer in (eerst op regel %d)", name, x->role_line[r]);
    x->role_line[r] = in->line;
    return parse_style(in, name, value, &x->t->styles[r]);
}

static int set_name(struct ini_file *in, const char *v)
{
    struct load_ctx *x = in->user;
    struct theme *t = x->t;
    size_t n = strlen(v);
    if (n == 0)
        return ini_fail(in, "name in [theme] mag niet leeg zijn");
    if (n >= sizeof t->name)
        return ini_fail(in, "name in [theme] is te lang (hoogstens %zu tekens)", sizeof t->name - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return ini_fail(in, "name in [theme] bevat een stuurteken");
    memcpy(t->name, v, n + 1);
    return 1;
}

static int set_theme_key(struct ini_file *in, const char *name, const char *value)
{
    struct load_ctx *x = in->user;
    bool is_name = strcmp(name, "name") == 0;
    if (!is_name && strcmp(name, "mono") != 0)
        return ini_fail(in, "onbekende sleutel '%s' in [theme]; bekend zijn name en mono", name);
    int *seen = is_name ? &x->name_line : &x->mono_line;
    if (*seen)
        return ini_fail(in, "%s in [theme] staat er twee keer in (eerst op regel %d)", name, *seen);
    *seen = in->line;
    if (is_name)
        return set_name(in, value);
    if (!ini_parse_bool(value, &x->t->mono))
        return ini_fail(in, "mono in [theme] moet ja of nee zijn, niet '%s'", value);
    return 1;
}

static int on_section(struct ini_file *in, const char *name, int len)
{
    if (len == 5 && (strncmp(name, "theme", 5) == 0 || strncmp(name, "roles", 5) == 0))
        return 1;
    return ini_fail(in, "onbekende sectie [%.*s]; bekend zijn [theme] en [roles]", len, name);
}

/* The section is [theme] or [roles]: ini_read has checked it with on_section. */
static int on_value(struct ini_file *in, const char *section, const char *name, const char *value)
{
    if (strcmp(section, "theme") == 0)
        return set_theme_key(in, name, value);
    return set_role(in, name, value);
}

/* A monochrome theme with a colour is a mistake the author should see, not a silent change. */
static void check_mono(struct ini_file *in)
{
    const struct load_ctx *x = in->user;
    int first = -1;
    for (int r = 0; x->t->mono && r < TR__COUNT; r++) {
        const struct theme_style *s = &x->t->styles[r];
        if (x->role_line[r] && (s->fg != -1 || s->bg != -1) && (first < 0 || x->role_line[r] < x->role_line[first]))
            first = r;
    }
    if (first >= 0)
        ini_fail_at(in, x->role_line[first],
                    "%s heeft een kleur, maar het thema is monochroom (mono = ja); schrijf "
                    "default default en alleen attributen",
                    role_names[first]);
}

static const struct ini_format theme_format = {
    .section = on_section,
    .value = on_value,
    .done = check_mono,
    .no_name = "er staat geen naam voor de '='",
    .bad_line = "dit is geen [sectie], geen 'rol = kleuren' en geen commentaar (met ; of #)",
    .no_memory = "te weinig geheugen om het thema te lezen",
};

/* Roles the file leaves out keep the built-in style of its kind; every colour is made to fit the terminal. */
static void finish(struct load_ctx *x, int colors)
{
    const struct theme_style *base = x->t->mono ? builtin_mono_styles : builtin_styles;
    for (int r = 0; r < TR__COUNT; r++) {
        if (!x->role_line[r])
            x->t->styles[r] = base[r];
        fit_style(&x->t->styles[r], colors);
    }
}

static bool load_file(const char *path, const char *name, int colors, struct theme *t, char *err, size_t errlen)
{
    struct load_ctx x = {.t = t};
    /* a file without [theme] name is called after itself (on failure the caller resets t anyway) */
    snprintf(t->name, sizeof t->name, "%s", name);
    if (ini_read(path, &theme_format, &x, err, errlen) != KM_OK)
        return false;
    finish(&x, colors);
    return true;
}

bool theme_load(const char *dir, const char *name, int colors, struct theme *t, char *err, size_t errlen)
{
    char path[4096];
    bool ok = false;
    theme_builtin(t);
    if (errlen)
        err[0] = '\0';
    if (!theme_valid_name(name))
        snprintf(err, errlen,
                 "De themanaam '%s' is ongeldig: alleen kleine letters, cijfers, '-' en '_', "
                 "hoogstens 32 tekens.",
                 name ? name : "");
    else if (snprintf(path, sizeof path, "%s/%s.theme", dir ? dir : ".", name) >= (int)sizeof path)
        snprintf(err, errlen, "Het pad van het thema %s is te lang (hoogstens %zu tekens).", name, sizeof path - 1);
    else
        ok = load_file(path, name, colors, t, err, errlen);
    if (!ok)
        theme_builtin(t); /* the program goes on with the default and shows err */
    if (errlen)
        ini_blank_controls(err); /* the name and the path come from the configuration */
    return ok;
}

/* ---- curses ---- */

static attr_t role_attrs[TR__COUNT];

static bool colours_usable(const struct theme *t)
{
    return !t->mono && !theme_no_color() && has_colors() && COLORS >= 8 && COLOR_PAIRS > TR__COUNT;
}

/* Without colours a colour theme's own attributes are not enough (its selected line may differ by colour alone),
 * so the built-in monochrome attributes stand in for it. */
static void apply_mono(const struct theme *t)
{
    const struct theme_style *s = t->mono ? t->styles : builtin_mono_styles;
    for (int r = 0; r < TR__COUNT; r++)
        role_attrs[r] = s[r].attrs;
}

/* Without use_default_colors, -1 means nothing to init_pair: take white on black, the usual terminal. */
static void fill_defaults(struct theme_style *s, const struct theme_style *asked)
{
    s->fg = s->fg < 0 ? COLOR_WHITE : s->fg;
    s->bg = s->bg < 0 ? COLOR_BLACK : s->bg;
    if (s->fg == s->bg && asked->fg != asked->bg)
        s->fg = contrast_with(s->bg);
}

void theme_apply(const struct theme *t)
{
    if (!colours_usable(t)) {
        /* start_color (when it ran) made pair 0 white on black: a monochrome theme keeps the terminal's own colours,
         * as NO_COLOR does, where the terminal can say what they are */
        if (has_colors())
            use_default_colors();
        apply_mono(t);
        return;
    }
    bool own_default = use_default_colors() == OK;
    for (int r = 0; r < TR__COUNT; r++) {
        struct theme_style s = t->styles[r];
        fit_style(&s, COLORS); /* the theme may have been loaded for another number of colours */
        if (!own_default)
            fill_defaults(&s, &t->styles[r]);
        if (init_pair((short)(r + 1), s.fg, s.bg) == OK)
            role_attrs[r] = COLOR_PAIR(r + 1) | s.attrs;
        else
            role_attrs[r] = builtin_mono_styles[r].attrs;
    }
}

attr_t theme_attr(enum theme_role r) { return (unsigned)r < TR__COUNT ? role_attrs[r] : A_NORMAL; }
