#include "sync/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/km.h"
#include "core/text.h"
#include "core/vec.h"

/* ---- reading ---- */

struct parser {
    const char *s;
    size_t len, i;
    char sep;
    int line;
    bool nomem, nul_seen;
    char *buf; /* the field being read */
    size_t n, cap;
    struct csv_table *out;
};

static void put(struct parser *p, char c)
{
    if (p->n + 1 >= p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char *grown = realloc(p->buf, cap);
        if (!grown) {
            p->nomem = true;
            return;
        }
        p->buf = grown;
        p->cap = cap;
    }
    p->buf[p->n++] = c;
}

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: the grown list is kept in t->problems and freed by csv_free */
    static void
    problem(struct parser *p, int line, const char *text)
{
    if (!line_error_add(&p->out->problems, &p->out->nproblems, line, "%s", text))
        p->nomem = true;
}
KM_GCC_ANALYZER_END

/* A NUL means this is not a text file; saying so once is enough. */
static void nul_byte(struct parser *p)
{
    if (!p->nul_seen)
        problem(p, p->line, _("het bestand bevat een NUL-teken; is het wel een CSV-bestand (tekst, UTF-8)?"));
    p->nul_seen = true;
}

static bool at_eol(const struct parser *p) { return p->i < p->len && (p->s[p->i] == '\r' || p->s[p->i] == '\n'); }

static void skip_eol(struct parser *p)
{
    if (p->s[p->i] == '\r' && p->i + 1 < p->len && p->s[p->i + 1] == '\n')
        p->i++;
    p->i++;
    p->line++;
}

/* Inside quotes a line break is part of the field; it is kept as written. */
static void read_quoted(struct parser *p)
{
    int start = p->line;
    p->i++;
    for (;;) {
        if (p->i >= p->len) {
            problem(p, start, _("een aanhalingsteken (\") wordt niet afgesloten"));
            return;
        }
        char c = p->s[p->i++];
        if (c == '"' && p->i < p->len && p->s[p->i] == '"') {
            put(p, '"');
            p->i++;
        } else if (c == '"') {
            return;
        } else if (c == '\0') {
            nul_byte(p);
        } else {
            put(p, c);
            if (c == '\n' || (c == '\r' && (p->i >= p->len || p->s[p->i] != '\n')))
                p->line++;
        }
    }
}

static void read_plain(struct parser *p)
{
    while (p->i < p->len && p->s[p->i] != p->sep && !at_eol(p)) {
        char c = p->s[p->i++];
        if (c == '\0')
            nul_byte(p);
        else
            put(p, c);
    }
}

static void read_field(struct parser *p)
{
    p->n = 0;
    if (p->i < p->len && p->s[p->i] == '"') {
        read_quoted(p);
        if (p->i < p->len && p->s[p->i] != p->sep && !at_eol(p))
            problem(p, p->line, _("er staat tekst na het afsluitende aanhalingsteken van een veld"));
    }
    read_plain(p); /* after a closing quote this keeps the stray text rather than losing it */
    put(p, '\0');
}

static bool push_field(struct parser *p, struct csv_record *r)
{
    char **grown = vec_grow(r->fields, r->n, sizeof *grown);
    char *copy = p->nomem ? NULL : malloc(p->n);
    if (!grown || !copy) {
        if (grown)
            r->fields = grown;
        free(copy);
        p->nomem = true;
        return false;
    }
    memcpy(copy, p->buf, p->n);
    r->fields = grown;
    r->fields[r->n++] = copy;
    return true;
}

static void free_record(struct csv_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->fields[i]);
    free(r->fields);
}

static void read_record(struct parser *p)
{
    struct csv_record r = {NULL, 0, p->line};
    for (;;) {
        read_field(p);
        if (!push_field(p, &r))
            break;
        if (p->i >= p->len)
            break;
        if (p->s[p->i] == p->sep) {
            p->i++;
            continue;
        }
        skip_eol(p);
        break;
    }
    struct csv_record *grown = p->nomem ? NULL : vec_grow(p->out->records, p->out->n, sizeof *grown);
    if (!grown) {
        free_record(&r);
        p->nomem = true;
        return;
    }
    p->out->records = grown;
    grown[p->out->n++] = r;
}

static size_t bom_length(const char *s, size_t len) { return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; }

char csv_detect_separator(const char *data, size_t len)
{
    size_t semi = 0, comma = 0;
    bool quoted = false;
    for (size_t i = bom_length(data, len); i < len; i++) {
        char c = data[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\r' || c == '\n'))
            break;
        else if (!quoted && c == ';')
            semi++;
        else if (!quoted && c == ',')
            comma++;
    }
    return comma > semi ? ',' : ';';
}

int csv_parse(const char *data, size_t len, char sep, struct csv_table *out)
{
    memset(out, 0, sizeof *out);
    if (len > CSV_MAX_BYTES)
        return -1;
    struct parser p = {
        data, len, bom_length(data, len), sep ? sep : csv_detect_separator(data, len), 1, false, false, NULL, 0,
        0,    out};
    out->sep = p.sep;
    while (p.i < p.len && !p.nomem) {
        if (at_eol(&p))
            skip_eol(&p); /* an empty line is not a record */
        else
            read_record(&p);
    }
    free(p.buf);
    if (p.nomem) {
        csv_free(out);
        return -1;
    }
    return 0;
}

void csv_free(struct csv_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free_record(&t->records[i]);
    free(t->records);
    free(t->problems);
    memset(t, 0, sizeof *t);
}

/* ---- writing ---- */

/* A spreadsheet runs a cell beginning with one of these as a formula. Apostrophes in front count too, so
 * that a value that itself begins with "'=" gets its own apostrophe and comes back unchanged. */
static bool risky(const char *s)
{
    while (*s == '\'')
        s++;
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

static bool needs_quotes(const char *s, char sep)
{
    size_t n = strlen(s);
    return strchr(s, sep) || strpbrk(s, "\"\r\n") || (n && (s[0] == ' ' || s[n - 1] == ' '));
}

/* Every field is sanitised here, for every CSV written: a CSV on standard output reaches a terminal, and no data
 * may steer it (controls, C1, bidi controls become U+FFFD). A line feed stays: a quoted field may hold lines. */
void csv_write_field(FILE *f, const char *raw, char sep)
{
    char *clean = text_sanitize_dup(raw, true);
    const char *s = clean ? clean : ""; /* out of memory: an empty field rather than none */
    bool quote = needs_quotes(s, sep);
    if (quote)
        fputc('"', f);
    if (risky(s))
        fputc('\'', f);
    for (const char *c = s; *c; c++) {
        if (*c == '"')
            fputc('"', f);
        fputc(*c, f);
    }
    if (quote)
        fputc('"', f);
    free(clean);
}

void csv_write_record(FILE *f, const char *const *fields, size_t n, char sep)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(sep, f);
        csv_write_field(f, fields[i], sep);
    }
    fputs("\r\n", f);
}

const char *csv_unguard(const char *field) { return field[0] == '\'' && risky(field + 1) ? field + 1 : field; }

bool csv_record_blank(const struct csv_record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        char probe[8];
        if (text_clean(r->fields[i], probe, sizeof probe) > 0)
            return false;
    }
    return true;
}

bool csv_record_fits(const struct csv_record *r, const int *col, const char *const *names, int ncols,
                     size_t header_fields, char sep, const char *what, char *why, size_t whylen)
{
    char missing[400] = "";
    int n = 0;
    for (int c = 0; c < ncols; c++) {
        if (col[c] < 0 || (size_t)col[c] < r->n)
            continue;
        size_t used = strlen(missing);
        snprintf(missing + used, sizeof missing - used, n++ ? ", '%s'" : "'%s'", names[c]);
    }
    if (n) {
        snprintf(why, whylen, n == 1 ? _("kolom %s ontbreekt") : _("kolommen %s ontbreken"), missing);
        return false;
    }
    for (size_t i = header_fields; i < r->n; i++) {
        char probe[8];
        if (text_clean(r->fields[i], probe, sizeof probe) > 0) {
            snprintf(why, whylen,
                     "%zu velden, maar de kopregel heeft er %zu (staat er een '%c' in een %s zonder "
                     "aanhalingstekens?)",
                     r->n, header_fields, sep, what);
            return false;
        }
    }
    return true;
}
