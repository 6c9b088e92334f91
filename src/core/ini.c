#include "core/ini.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/i18n.h"

void ini_blank_controls(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

__attribute__((format(printf, 3, 0))) static int vfail(struct ini_file *in, int line, const char *fmt, va_list ap)
{
    if (in->fail_line)
        return 0;
    vsnprintf(in->msg, sizeof in->msg, fmt, ap);
    ini_blank_controls(in->msg); /* the message quotes the file, and may end up on a terminal */
    in->fail_line = line > 0 ? line : 1;
    return 0;
}

int ini_fail(struct ini_file *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(in, in->line, fmt, ap);
    va_end(ap);
    return 0;
}

int ini_fail_at(struct ini_file *in, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(in, line, fmt, ap);
    va_end(ap);
    return 0;
}

bool ini_parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"ja", "yes", "true", "on", "1"};
    static const char *const no[] = {"nee", "no", "false", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
            *out = strcasecmp(v, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

/* ---- reading lines for inih ---- */

/* Reads one line into buf (num bytes, as inih asks), so that lines are counted (inih's handler gets no line
 * number) and over-long lines are refused instead of being split in two by inih. Returns 0 at the end or on
 * an error. */
static int get_line(struct ini_file *in, char *buf, int num)
{
    size_t n = 0;
    int ch;
    while ((ch = getc(in->f)) != EOF && ch != '\n') {
        if (ch == '\0')
            return ini_fail(in, _("de regel bevat een NUL-teken (is dit wel een tekstbestand)"));
        if (n + 2 >= (size_t)num)
            return ini_fail(in, _("de regel is langer dan %d tekens"), num - 2);
        buf[n++] = (char)ch;
    }
    if (ch == EOF && ferror(in->f))
        return ini_fail(in, _("het bestand kan niet gelezen worden (%s)"), strerror(errno));
    if (ch == EOF && n == 0)
        return 0;
    if (ch == '\n')
        buf[n++] = '\n';
    buf[n] = '\0';
    return 1;
}

/* Indentation would make inih glue the line to the previous value; a setting fits on one line. */
static void strip_indent(struct ini_file *in, char *buf)
{
    size_t skip = 0;
    if (in->line == 1 && strncmp(buf, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    skip += strspn(buf + skip, " \t");
    memmove(buf, buf + skip, strlen(buf + skip) + 1);
}

/* inih calls the handler only for values, so an unknown or empty section is caught here. */
static int check_section_line(struct ini_file *in, const char *buf)
{
    if (buf[0] != '[')
        return 1;
    const char *end = strchr(buf, ']');
    if (!end)
        return ini_fail(in, _("sectiekop zonder ']'"));
    return in->format->section(in, buf + 1, (int)(end - buf - 1));
}

/* inih's reader: returning NULL ends the file, which is how the first error stops inih. */
static char *read_line(char *buf, int num, void *stream)
{
    struct ini_file *in = stream;
    if (in->fail_line || num < 4)
        return NULL;
    in->line++;
    if (!get_line(in, buf, num))
        return NULL;
    strip_indent(in, buf);
    return check_section_line(in, buf) ? buf : NULL;
}

/* inih's handler. The section is checked again so that the format's value callback only ever sees its own. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
    struct ini_file *in = user;
    if (in->fail_line)
        return 0;
    if (!*name)
        return ini_fail(in, "%s", _(in->format->no_name));
    if (!*section)
        return ini_fail(in, _("'%s' staat boven de eerste [sectie]"), name);
    if (!in->format->section(in, section, (int)strlen(section)))
        return 0;
    return in->format->value(in, section, name, value);
}

/* ---- the whole file ---- */

/* A directory opens fine for reading on Linux and then reads as empty: refuse it as "cannot be opened". */
static FILE *open_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    struct stat st;
    const char *why = NULL;
    if (!f)
        why = errno == ENOENT   ? _("het bestand bestaat niet")
              : errno == EACCES ? _("geen leesrechten")
                                : strerror(errno);
    else if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        why = _("het is een map, geen bestand");
    if (why)
        snprintf(err, errlen, _("%s kan niet geopend worden: %s."), path, why);
    if (why && f)
        fclose(f);
    return why ? NULL : f;
}

/* Returns inih's result: 0, or below 0 when it ran out of memory; an error is in in->fail_line. */
static int parse(struct ini_file *in)
{
    int rc = ini_parse_stream(read_line, in, on_value, in);
    /* inih tells its own first error only at the end; the reader or handler may have failed on an earlier line */
    if (rc > 0 && (!in->fail_line || rc < in->fail_line)) {
        in->fail_line = 0;
        ini_fail_at(in, rc, "%s", _(in->format->bad_line));
    }
    if (rc >= 0 && !in->fail_line && in->format->done)
        in->format->done(in);
    return rc < 0 ? rc : 0;
}

enum km_rc ini_read(const char *path, const struct ini_format *format, void *user, char *err, size_t errlen)
{
    struct ini_file in = {.path = path, .user = user, .format = format, .f = open_file(path, err, errlen)};
    if (!in.f)
        return KM_NOTFOUND;
    int rc = parse(&in);
    fclose(in.f);
    if (rc < 0) {
        snprintf(err, errlen, "%s: %s.", path, _(format->no_memory));
        return KM_ERR;
    }
    if (in.fail_line) {
        snprintf(err, errlen, _("%s regel %d: %s."), path, in.fail_line, in.msg);
        return KM_INVALID;
    }
    return KM_OK;
}
