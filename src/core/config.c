#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */
#include "core/auth.h"
#include "core/i18n.h"
#include "core/ini.h"
#include "core/school.h"
#include "core/text.h"

#define MEMBER_SIZE(field) sizeof(((struct km_config *)0)->field)

enum key_kind { K_STR, K_INT, K_ULL, K_SIZE, K_BOOL };

/* Returns NULL when v is fine, else what it must be ("moet ... zijn"). May normalise v in place. */
typedef const char *(*check_fn)(char *v);

struct key_def {
    const char *section;
    const char *name;
    enum key_kind kind;
    size_t off;
    size_t size; /* K_STR: the buffer */
    long long min, max;
    check_fn check;
};

static const char *not_empty(char *v) { return *v ? NULL : _("mag niet leeg zijn"); }
static const char *check_language(char *v);
static const char *check_theme(char *v);
static const char *check_name_order(char *v);
static const char *check_smtp_url(char *v);
static const char *check_tls(char *v);
static const char *check_mail_from(char *v);
static const char *check_https(char *v);
static const char *check_brin(char *v);
static const char *check_dependancecode(char *v);
static const char *check_string64(char *v);
static const char *check_schooljaar(char *v);

#define STR(sec, f, chk)                                                                                               \
    {                                                                                                                  \
        sec, #f, K_STR, offsetof(struct km_config, f), MEMBER_SIZE(f), 0, 0, chk                                       \
    }
#define NUM(sec, f, kind, lo, hi)                                                                                      \
    {                                                                                                                  \
        sec, #f, kind, offsetof(struct km_config, f), MEMBER_SIZE(f), lo, hi, NULL                                     \
    }
#define BOOL(sec, f)                                                                                                   \
    {                                                                                                                  \
        sec, #f, K_BOOL, offsetof(struct km_config, f), MEMBER_SIZE(f), 0, 1, NULL                                     \
    }

static const struct key_def key_defs[] = {
    STR("general", database, not_empty),
    STR("general", language, check_language),
    STR("general", theme, check_theme),
    STR("general", export_dir, not_empty),
    STR("general", name_order, check_name_order),
    NUM("password", min_length_student, K_INT, 4, 64),
    NUM("password", min_length_staff, K_INT, 8, 64),
    NUM("password", max_length, K_INT, 64, 256),
    BOOL("password", student_temporary),
    STR("password", blocklist, NULL),
    NUM("password", argon_opslimit, K_ULL, 1, 10),
    NUM("password", argon_memlimit_kib, K_SIZE, 8, 1048576),
    NUM("password", max_concurrent_hashes, K_INT, 1, 64),
    NUM("login", max_failures, K_INT, 1, 100),
    NUM("login", lock_minutes, K_INT, 1, 1440),
    NUM("login", delay_step_ms, K_INT, 0, 10000),
    BOOL("login", allow_as),
    NUM("login", idle_logout_minutes, K_INT, 0, 1440),
    STR("mail", smtp_url, check_smtp_url),
    STR("mail", smtp_tls, check_tls),
    STR("mail", mail_from, check_mail_from),
    STR("mail", smtp_user, NULL),
    STR("mail", smtp_password_file, NULL),
    STR("mail", ca_file, NULL),
    NUM("mail", mail_timeout, K_INT, 1, 300),
    STR("sync", uwlr_endpoint, check_https),
    STR("sync", brin, check_brin),
    STR("sync", dependancecode, check_dependancecode),
    STR("sync", klantcode, check_string64),
    STR("sync", klantnaam, check_string64),
    STR("sync", key_file, NULL),
    STR("sync", schooljaar, check_schooljaar),
    STR("sync", sync_ca_file, NULL),
    STR("sync", sync_client_cert, NULL),
    STR("sync", sync_client_key, NULL),
    NUM("sync", sync_timeout, K_INT, 1, 600),
    NUM("timetable", slot_step_minutes, K_INT, 1, 60),
};

#define KEY_COUNT (sizeof key_defs / sizeof key_defs[0])

static const char *const sections[] = {"general", "password", "login", "mail", "sync", "timetable", "keys"};

/* The state of one config_load, as the ini_file's user. */
struct load_ctx {
    struct km_config *c;
    int seen[KEY_COUNT]; /* line of each key's first appearance */
};

void config_defaults(struct km_config *c)
{
    struct auth_params p = auth_default_params();
    memset(c, 0, sizeof *c);
    snprintf(c->database, sizeof c->database, "%s", "/var/lib/klassenmap/school.db");
    snprintf(c->language, sizeof c->language, "%s", "nl");
    snprintf(c->theme, sizeof c->theme, "%s", "default");
    snprintf(c->export_dir, sizeof c->export_dir, "%s", "/var/lib/klassenmap/export");
    snprintf(c->name_order, sizeof c->name_order, "%s", "achternaam");
    c->min_length_student = 6;
    c->min_length_staff = 10;
    c->max_length = 128;
    c->argon_opslimit = p.opslimit;
    c->argon_memlimit_kib = p.memlimit / 1024;
    c->max_concurrent_hashes = 4;
    c->max_failures = 5;
    c->lock_minutes = 15;
    c->delay_step_ms = 500;
    c->idle_logout_minutes = 60;
    snprintf(c->smtp_url, sizeof c->smtp_url, "%s", "smtp://localhost:25");
    snprintf(c->smtp_tls, sizeof c->smtp_tls, "%s", "starttls");
    snprintf(c->mail_from, sizeof c->mail_from, "%s", "klassenmap@localhost");
    c->mail_timeout = 20;
    snprintf(c->dependancecode, sizeof c->dependancecode, "%s", "00");
    snprintf(c->schooljaar, sizeof c->schooljaar, "%s", "auto");
    c->sync_timeout = 60;
    c->slot_step_minutes = 5;
}

/* ---- value rules ---- */

static const char *check_language(char *v)
{
    return strcmp(v, "nl") == 0 || strcmp(v, "en") == 0 ? NULL : _("moet nl of en zijn");
}

static const char *check_name_order(char *v)
{
    return strcmp(v, "achternaam") == 0 || strcmp(v, "roepnaam") == 0 ? NULL : _("moet achternaam of roepnaam zijn");
}

/* The theme name becomes part of a file name, so it may not walk out of the themes directory. */
static const char *check_theme(char *v)
{
    /* The same rule as the theme loader's: the name becomes part of a file name in the themes folder. */
    for (const char *p = v; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-' && *p != '_')
            return _("mag alleen kleine letters, cijfers, '-' en '_' bevatten");
    if (strlen(v) > 32)
        return _("is te lang (hoogstens 32 tekens)");
    return not_empty(v);
}

static bool has_prefix(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static const char *check_smtp_url(char *v)
{
    bool ok = (has_prefix(v, "smtp://") && v[7]) || (has_prefix(v, "smtps://") && v[8]);
    return ok ? NULL : _("moet beginnen met smtp:// of smtps:// gevolgd door de server");
}

static const char *check_tls(char *v)
{
    bool ok = strcmp(v, "none") == 0 || strcmp(v, "starttls") == 0 || strcmp(v, "tls") == 0;
    return ok ? NULL : _("moet none, starttls of tls zijn");
}

static const char *check_mail_from(char *v)
{
    const char *at = strchr(v, '@');
    return at && at > v && at[1] ? NULL : _("moet een e-mailadres zijn, zoals klassenmap@school.nl");
}

/* The autorisatiesleutel travels with every request: never over plain HTTP. */
static const char *check_https(char *v)
{
    return !*v || (has_prefix(v, "https://") && v[8]) ? NULL
                                                      : _("moet beginnen met https:// (of leeg zijn: geen sync)");
}

/* UWLR's tpBrinCode: two digits and two capitals. Small letters are taken as capitals. */
static const char *check_brin(char *v)
{
    if (!*v)
        return NULL;
    for (char *p = v; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return school_valid_brin(v) ? NULL : _("moet 2 cijfers en 2 hoofdletters zijn, zoals 99ZZ (of leeg)");
}

/* UWLR's dependancecode: two digits; 00 is the school itself. */
static const char *check_dependancecode(char *v)
{
    bool ok = isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) && v[2] == '\0';
    return ok ? NULL : _("moet 2 cijfers zijn, zoals 00 (de school zelf) of 01");
}

/* UWLR's tpString64 (klantcode, klantnaam): 1 to 64 characters; "" means not set. Controls and invalid UTF-8
 * would make the request unreadable XML. */
static const char *check_string64(char *v)
{
    long chars = text_plain_length(v);
    if (chars < 0)
        return _("mag geen stuurtekens of ongeldige UTF-8 bevatten");
    return chars <= 64 ? NULL : _("mag hoogstens 64 tekens lang zijn (UWLR)");
}

/* UWLR's tpSchooljaar ([1-2]nnn-[1-2]nnn), and the second year follows the first. */
static const char *check_schooljaar(char *v)
{
    const char *why = _("moet auto zijn of een schooljaar zoals 2026-2027");
    if (strcmp(v, "auto") == 0)
        return NULL;
    for (int i = 0; i < 9; i++)
        if (i == 4 ? v[i] != '-' : !isdigit((unsigned char)v[i]))
            return why;
    bool ok = v[9] == '\0' && (v[0] == '1' || v[0] == '2') && atoi(v + 5) == atoi(v) + 1;
    return ok ? NULL : why;
}

/* ---- storing values ---- */

static int bad_value(struct ini_file *in, const struct key_def *d, const char *v, const char *why)
{
    if (!*v)
        return ini_fail(in, "%s in [%s] %s", d->name, d->section, why);
    return ini_fail(in, _("%s in [%s] %s, niet '%s'"), d->name, d->section, why, v);
}

static bool parse_number(const char *v, long long min, long long max, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(v, &end, 10);
    return end != v && *end == '\0' && errno == 0 && *out >= min && *out <= max;
}

/* The field of d in the configuration being read. */
static char *field(struct ini_file *in, const struct key_def *d)
{
    struct load_ctx *x = in->user;
    return (char *)x->c + d->off;
}

static int store_number(struct ini_file *in, const struct key_def *d, const char *v)
{
    long long n;
    if (!parse_number(v, d->min, d->max, &n))
        return ini_fail(in, _("%s in [%s] moet een geheel getal van %lld tot en met %lld zijn, niet '%s'"), d->name,
                        d->section, d->min, d->max, v);
    char *dst = field(in, d);
    /* memcpy: the field's own type, without casting the byte pointer */
    int i = (int)n;
    unsigned long long u = (unsigned long long)n;
    size_t z = (size_t)n;
    switch (d->kind) {
    case K_INT:
        memcpy(dst, &i, sizeof i);
        break;
    case K_ULL:
        memcpy(dst, &u, sizeof u);
        break;
    case K_SIZE:
        memcpy(dst, &z, sizeof z);
        break;
    case K_STR:
    case K_BOOL:
        break;
    }
    return 1;
}

static int store_bool(struct ini_file *in, const struct key_def *d, const char *v)
{
    bool b;
    if (!ini_parse_bool(v, &b))
        return bad_value(in, d, v, _("moet ja of nee zijn (of yes/no, true/false, on/off, 1/0)"));
    memcpy(field(in, d), &b, sizeof b);
    return 1;
}

static int store_string(struct ini_file *in, const struct key_def *d, const char *v)
{
    size_t n = strlen(v);
    if (n >= d->size)
        return ini_fail(in, _("de waarde van %s in [%s] is te lang (hoogstens %zu tekens)"), d->name, d->section,
                        d->size - 1);
    char *dst = field(in, d);
    memcpy(dst, v, n + 1);
    const char *why = d->check ? d->check(dst) : NULL;
    return why ? bad_value(in, d, v, why) : 1;
}

static int store_keybind(struct ini_file *in, const char *action, const char *keys)
{
    struct load_ctx *x = in->user;
    struct km_config *c = x->c;
    for (int i = 0; i < c->nkeys; i++)
        if (strcmp(c->keys[i].action, action) == 0)
            return ini_fail(in, _("'%s' in [keys] staat er twee keer in (eerst op regel %d)"), action, c->keys[i].line);
    if (c->nkeys == CONFIG_MAX_KEYS)
        return ini_fail(in, _("te veel regels in [keys] (hoogstens %d)"), CONFIG_MAX_KEYS);
    struct config_keybind *k = &c->keys[c->nkeys];
    size_t na = strlen(action), nk = strlen(keys);
    if (na >= sizeof k->action)
        return ini_fail(in, _("de naam '%s' in [keys] is te lang (hoogstens %zu tekens)"), action,
                        sizeof k->action - 1);
    if (nk >= sizeof k->keys)
        return ini_fail(in, _("de toetsen bij %s in [keys] zijn te lang (hoogstens %zu tekens)"), action,
                        sizeof k->keys - 1);
    memcpy(k->action, action, na + 1);
    memcpy(k->keys, keys, nk + 1);
    k->line = in->line;
    c->nkeys++;
    return 1;
}

/* ---- the file format ---- */

static int on_section(struct ini_file *in, const char *name, int len)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strlen(sections[i]) == (size_t)len && strncmp(sections[i], name, (size_t)len) == 0)
            return 1;
    return ini_fail(in,
                    _("onbekende sectie [%.*s]; bekend zijn [general], [password], [login], [mail], [sync] en [keys]"),
                    len, name);
}

static const struct key_def *find_key(const char *section, const char *name)
{
    for (size_t i = 0; i < KEY_COUNT; i++)
        if (strcmp(key_defs[i].section, section) == 0 && strcmp(key_defs[i].name, name) == 0)
            return &key_defs[i];
    return NULL;
}

static int on_value(struct ini_file *in, const char *section, const char *name, const char *value)
{
    struct load_ctx *x = in->user;
    if (strcmp(section, "keys") == 0)
        return store_keybind(in, name, value);
    const struct key_def *d = find_key(section, name);
    if (!d)
        return ini_fail(in, _("onbekende sleutel '%s' in [%s]"), name, section);
    int *seen = &x->seen[d - key_defs];
    if (*seen)
        return ini_fail(in, _("%s in [%s] staat er twee keer in (eerst op regel %d)"), name, section, *seen);
    *seen = in->line;
    switch (d->kind) {
    case K_STR:
        return store_string(in, d, value);
    case K_BOOL:
        return store_bool(in, d, value);
    case K_INT:
    case K_ULL:
    case K_SIZE:
        return store_number(in, d, value);
    }
    return 0;
}

/* Rules across keys, reported at the line of the key that needs another. */
static void on_done(struct ini_file *in)
{
    struct load_ctx *x = in->user;
    const struct key_def *key = find_key("sync", "sync_client_key");
    int line = x->seen[key - key_defs];
    if (x->c->sync_client_key[0] && !x->c->sync_client_cert[0])
        ini_fail_at(in, line, _("sync_client_key in [sync] hoort bij een clientcertificaat: zet ook sync_client_cert"));
}

static const struct ini_format config_format = {
    .section = on_section,
    .value = on_value,
    .done = on_done,
    .no_name = N_("er staat geen sleutel voor de '='"),
    .bad_line = N_("dit is geen [sectie], geen 'sleutel = waarde' en geen commentaar (met ; of #)"),
    .no_memory = N_("te weinig geheugen om het bestand te lezen"),
};

/* ---- loading ---- */

enum km_rc config_load(const char *path, struct km_config *c, char *err, size_t errlen)
{
    config_defaults(c);
    if (errlen)
        err[0] = '\0';
    size_t plen = strlen(path);
    if (plen >= sizeof c->path) {
        snprintf(err, errlen, _("Het pad van het configuratiebestand is te lang (hoogstens %zu tekens)."),
                 sizeof c->path - 1);
        return KM_INVALID;
    }
    struct load_ctx x = {.c = c};
    enum km_rc rc = ini_read(path, &config_format, &x, err, errlen);
    if (rc != KM_OK) {
        config_defaults(c); /* a half-read file is no configuration */
        return rc;
    }
    memcpy(c->path, path, plen + 1);
    return KM_OK;
}

const char *config_find(const char *explicit_path)
{
    static const char system_path[] = KM_SYSCONFDIR "/klassenmap/klassenmap.ini";
    if (explicit_path)
        return explicit_path;
    const char *env = getenv("KLASSENMAP_CONFIG");
    if (env && *env)
        return env;
    return access(system_path, F_OK) == 0 ? system_path : NULL;
}
