#include "tui/theme.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

struct load_ctx {
    struct theme *t;
    FILE *f;
    int line;                 /* the line inih is working on: the reader counts them */
    int fail_line;            /* 0 while there is no error */
    char msg[400];            /* the first error, without file and line */
    int role_line[TR__COUNT]; /* where each role was set; 0 = not in the file */
    int name_line, mono_line;
};

/* Control characters from the file may not reach the terminal through a message. */
static void blank_controls(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

/* Keeps only the first error: later ones are often consequences of it. Returns 0 to stop inih. */
__attribute__((format(printf, 3, 4))) static int fail_at(struct load_ctx *x, int line, const char *fmt, ...)
{
    if (x->fail_line)
        return 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof x->msg, fmt, ap);
    va_end(ap);
    x->fail_line = line > 0 ? line : 1;
    return 0;
}

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

static int colour_into(struct load_ctx *x, const char *role, const char *word, short *out)
{
    switch (parse_colour(word, out)) {
    case COLOUR_OK:
        return 1;
    case COLOUR_RANGE:
        return fail_at(x, x->line, "de kleur %s bij %s valt buiten 0 tot en met 255", word, role);
    case COLOUR_UNKNOWN:
        break;
    }
    return fail_at(x, x->line,
                   "onbekende kleur '%s' bij %s; gebruik default, black, red, green, yellow, blue, magenta, cyan, "
                   "white, bright-black … bright-white of een getal van 0 tot en met 255",
                   word, role);
}

static int attr_into(struct load_ctx *x, const char *role, const char *word, attr_t *attrs)
{
    for (size_t i = 0; i < COUNT(attr_names); i++) {
        if (strcasecmp(word, attr_names[i].name) == 0) {
            *attrs |= attr_names[i].attr;
            return 1;
        }
    }
    return fail_at(x, x->line,
                   "onbekend attribuut '%s' bij %s; bekend zijn bold, underline, reverse, dim, standout en italic",
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
static int parse_style(struct load_ctx *x, const char *role, const char *value, struct theme_style *s)
{
    char buf[512], *p = buf;
    if (snprintf(buf, sizeof buf, "%s", value) >= (int)sizeof buf)
        return fail_at(x, x->line, "de waarde bij %s is te lang", role);
    char *fg = next_word(&p), *bg = next_word(&p);
    if (!fg)
        return fail_at(x, x->line,
                       "bij %s ontbreken de kleuren; schrijf voorgrond, achtergrond en attributen, "
                       "zoals 'black cyan bold'",
                       role);
    if (!bg)
        return fail_at(x, x->line, "bij %s ontbreekt de achtergrondkleur (default is die van de terminal)", role);
    s->attrs = A_NORMAL;
    if (!colour_into(x, role, fg, &s->fg) || !colour_into(x, role, bg, &s->bg))
        return 0;
    for (char *w; (w = next_word(&p));)
        if (!attr_into(x, role, w, &s->attrs))
            return 0;
    return 1;
}

static int set_role(struct load_ctx *x, const char *name, const char *value)
{
    int r = 0;
    while (r < TR__COUNT && strcmp(role_names[r], name) != 0)
        r++;
    if (r == TR__COUNT)
        return fail_at(x, x->line, "onbekende rol '%s' in [roles]; doc/themes.md noemt de rollen", name);
    if (x->role_line[r])
        return fail_at(x, x->line, "%s in [roles] staat er twee keer in (eerst op regel %d)", name, x->role_line[r]);
    x->role_line[r] = x->line;
    return parse_style(x, name, value, &x->t->styles[r]);
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"ja", "yes", "true", "on", "1"};
    static const char *const no[] = {"nee", "no", "false", "off", "0"};
    for (size_t i = 0; i < COUNT(yes); i++) {
        if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
            *out = strcasecmp(v, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

static int set_name(struct load_ctx *x, const char *v)
{
    size_t n = strlen(v);
    if (n == 0)
        return fail_at(x, x->line, "name in [theme] mag niet leeg zijn");
    if (n >= sizeof x->t->name)
        return fail_at(x, x->line, "name in [theme] is te lang (hoogstens %zu tekens)", sizeof x->t->name - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return fail_at(x, x->line, "name in [theme] bevat een stuurteken");
    memcpy(x->t->name, v, n + 1);
    return 1;
}

static int set_theme_key(struct load_ctx *x, const char *name, const char *value)
{
    bool is_name = strcmp(name, "name") == 0;
    if (!is_name && strcmp(name, "mono") != 0)
        return fail_at(x, x->line, "onbekende sleutel '%s' in [theme]; bekend zijn name en mono", name);
    int *seen = is_name ? &x->name_line : &x->mono_line;
    if (*seen)
        return fail_at(x, x->line, "%s in [theme] staat er twee keer in (eerst op regel %d)", name, *seen);
    *seen = x->line;
    if (is_name)
        return set_name(x, value);
    if (!parse_bool(value, &x->t->mono))
        return fail_at(x, x->line, "mono in [theme] moet ja of nee zijn, niet '%s'", value);
    return 1;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    struct load_ctx *x = user;
    if (x->fail_line)
        return 0;
    if (!*name)
        return fail_at(x, x->line, "er staat geen naam voor de '='");
    if (strcmp(section, "theme") == 0)
        return set_theme_key(x, name, value);
    if (strcmp(section, "roles") == 0)
        return set_role(x, name, value);
    if (!*section)
        return fail_at(x, x->line, "'%s' staat boven de eerste [sectie]", name);
    return fail_at(x, x->line, "onbekende sectie [%s]; bekend zijn [theme] en [roles]", section);
}

/* Reads one line for inih, so that lines are counted (inih's handler gets no line number) and over-long lines
 * are refused instead of being split in two by inih. Returns 0 at the end or on an error. */
static int get_line(struct load_ctx *x, char *buf, int num)
{
    size_t n = 0;
    int ch;
    while ((ch = getc(x->f)) != EOF && ch != '\n') {
        if (ch == '\0')
            return fail_at(x, x->line, "de regel bevat een NUL-teken (is dit wel een tekstbestand)");
        if (n + 2 >= (size_t)num)
            return fail_at(x, x->line, "de regel is langer dan %d tekens", num - 2);
        buf[n++] = (char)ch;
    }
    if (ch == EOF && ferror(x->f))
        return fail_at(x, x->line, "het bestand kan niet gelezen worden (%s)", strerror(errno));
    if (ch == EOF && n == 0)
        return 0;
    if (ch == '\n')
        buf[n++] = '\n';
    buf[n] = '\0';
    return 1;
}

/* Indentation would make inih glue the line to the previous value; a role fits on one line. */
static void strip_indent(struct load_ctx *x, char *buf)
{
    size_t skip = 0;
    if (x->line == 1 && strncmp(buf, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    skip += strspn(buf + skip, " \t");
    memmove(buf, buf + skip, strlen(buf + skip) + 1);
}

/* inih calls the handler only for values, so an unknown or empty section is caught here. */
static bool check_section_line(struct load_ctx *x, const char *buf)
{
    if (buf[0] != '[')
        return true;
    const char *end = strchr(buf, ']');
    if (!end)
        return fail_at(x, x->line, "sectiekop zonder ']'");
    int len = (int)(end - buf - 1);
    if ((len == 5 && strncmp(buf + 1, "theme", 5) == 0) || (len == 5 && strncmp(buf + 1, "roles", 5) == 0))
        return true;
    return fail_at(x, x->line, "onbekende sectie [%.*s]; bekend zijn [theme] en [roles]", len, buf + 1);
}

static char *read_line(char *buf, int num, void *stream)
{
    struct load_ctx *x = stream;
    if (x->fail_line || num < 4)
        return NULL; /* stop inih at the first error */
    x->line++;
    if (!get_line(x, buf, num))
        return NULL;
    strip_indent(x, buf);
    return check_section_line(x, buf) ? buf : NULL;
}

/* A monochrome theme with a colour is a mistake the author should see, not a silent change. */
static void check_mono(struct load_ctx *x)
{
    int first = -1;
    for (int r = 0; r < TR__COUNT; r++) {
        const struct theme_style *s = &x->t->styles[r];
        if (x->role_line[r] && (s->fg != -1 || s->bg != -1) && (first < 0 || x->role_line[r] < x->role_line[first]))
            first = r;
    }
    if (first >= 0)
        fail_at(x, x->role_line[first],
                "%s heeft een kleur, maar het thema is monochroom (mono = ja); schrijf "
                "default default en alleen attributen",
                role_names[first]);
}

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

/* Returns 0, 1 (error in x) or inih's -2 (out of memory). */
static int parse_file(struct load_ctx *x, int colors)
{
    int rc = ini_parse_stream(read_line, x, on_value, x);
    if (rc > 0 && (!x->fail_line || rc < x->fail_line)) {
        x->fail_line = 0; /* inih's own error came first */
        fail_at(x, rc, "dit is geen [sectie], geen 'rol = kleuren' en geen commentaar (met ; of #)");
    }
    if (rc < 0)
        return rc;
    if (!x->fail_line && x->t->mono)
        check_mono(x);
    if (!x->fail_line)
        finish(x, colors);
    return x->fail_line ? 1 : 0;
}

/* A directory opens fine for reading on Linux and then reads as empty: refuse it as "cannot be opened". */
static FILE *open_theme(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    struct stat st;
    const char *why = NULL;
    if (!f)
        why = errno == ENOENT ? "het bestand bestaat niet" : errno == EACCES ? "geen leesrechten" : strerror(errno);
    else if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        why = "het is een map, geen bestand";
    if (why)
        snprintf(err, errlen, "%s kan niet geopend worden: %s.", path, why);
    if (why && f)
        fclose(f);
    return why ? NULL : f;
}

static bool load_file(const char *path, const char *name, int colors, struct theme *t, char *err, size_t errlen)
{
    struct load_ctx x = {.t = t, .f = open_theme(path, err, errlen)};
    if (!x.f)
        return false;
    /* a file without [theme] name is called after itself */
    snprintf(t->name, sizeof t->name, "%s", name);
    int rc = parse_file(&x, colors);
    fclose(x.f);
    if (rc == -2)
        snprintf(err, errlen, "%s: te weinig geheugen om het thema te lezen.", path);
    else if (rc != 0)
        snprintf(err, errlen, "%s regel %d: %s.", path, x.fail_line, x.msg);
    return rc == 0;
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
        blank_controls(err);
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
