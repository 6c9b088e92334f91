#include "sync/parents_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "sync/csv.h"

enum col { COL_LEERLING, COL_OUDER, COL_ROEPNAAM, COL_VOORVOEGSEL, COL_ACHTERNAAM, COL_EMAIL, COL_RELATIE, COL__COUNT };

static const char *const columns[COL__COUNT] = {"leerling_sleutel", "ouder_sleutel", "roepnaam", "voorvoegsel",
                                                "achternaam",       "email",         "relatie"};
static const bool required[COL__COUNT] = {true, false, true, false, true, true, false};
/* Longest value per column, in characters as the screen counts them. */
static const int max_width[COL__COUNT] = {256, 256, USERS_NAME_MAX, 40, USERS_NAME_MAX, 254, 40};

struct row {
    int line;
    char *f[COL__COUNT];
    char key[600]; /* PARENTS_KEY + ouder_sleutel, or PARENTS_EMAIL_KEY + e-mail */
};

struct reader {
    struct parents_result *res;
    const struct csv_table *t;
    int col[COL__COUNT];
    size_t header_fields;
    struct row *rows; /* the records without mistakes */
    size_t nrows;
    char *ignored;
    size_t ignoredlen;
};

/* ---- the header ---- */

static int column_of(const char *name)
{
    if (strcasecmp(name, "e-mail") == 0)
        return COL_EMAIL;
    for (int c = 0; c < COL__COUNT; c++)
        if (strcasecmp(name, columns[c]) == 0)
            return c;
    return -1;
}

static void note_ignored(struct reader *rd, const char *name)
{
    size_t used = rd->ignoredlen ? strlen(rd->ignored) : 0;
    size_t add = strlen(name), sep = used ? 2 : 0;
    if (!*name || used + sep + add >= rd->ignoredlen)
        return; /* a name that does not fit is left off: the list is a hint, not a record */
    memcpy(rd->ignored + used, ", ", sep);
    memcpy(rd->ignored + used + sep, name, add);
    rd->ignored[used + sep + add] = '\0';
}

static bool read_header(struct reader *rd, const struct csv_record *r)
{
    bool ok = true;
    for (int c = 0; c < COL__COUNT; c++)
        rd->col[c] = -1;
    for (size_t i = 0; i < r->n; i++) {
        char name[64];
        text_clean(csv_unguard(r->fields[i]), name, sizeof name);
        int c = column_of(name);
        if (c < 0)
            note_ignored(rd, name); /* an address or a phone number: never read, never stored */
        else if (rd->col[c] >= 0)
            ok = parents_error(rd->res, r->line, _("kolom '%s' staat twee keer in de kopregel"), columns[c]);
        else
            rd->col[c] = (int)i;
    }
    rd->header_fields = r->n;
    for (int c = 0; c < COL__COUNT; c++)
        if (rd->col[c] < 0 && required[c])
            ok = parents_error(rd->res, r->line, _("kolom '%s' ontbreekt in de kopregel"), columns[c]);
    return ok;
}

/* A cleaned copy: controls stripped, spaces collapsed; a bad byte may become three, hence the room. */
static char *clean_dup(const char *raw)
{
    size_t cap = strlen(raw) * 3 + 1;
    char *out = malloc(cap);
    if (out)
        text_clean(raw, out, cap);
    return out;
}

static void free_row(struct row *row)
{
    for (int c = 0; c < COL__COUNT; c++)
        free(row->f[c]);
    memset(row, 0, sizeof *row);
}

static bool plausible_email(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(e) > 254)
        return false;
    for (const char *p = e; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p))
            return false;
    return true;
}

static bool take_fields(struct reader *rd, const struct csv_record *r, struct row *row)
{
    row->line = r->line;
    for (int c = 0; c < COL__COUNT; c++) {
        int i = rd->col[c];
        row->f[c] = clean_dup(i >= 0 && (size_t)i < r->n ? csv_unguard(r->fields[i]) : "");
        if (!row->f[c]) {
            rd->res->nomem = true;
            return false;
        }
    }
    return true;
}

static bool check_fields(struct reader *rd, struct row *row)
{
    bool ok = true;
    for (int c = 0; c < COL__COUNT; c++) {
        if (required[c] && !*row->f[c])
            ok = parents_error(rd->res, row->line, "%s ontbreekt", columns[c]);
        else if (text_width(row->f[c]) > max_width[c])
            ok = parents_error(rd->res, row->line, _("%s is te lang (hoogstens %d tekens)"), columns[c], max_width[c]);
    }
    if (*row->f[COL_EMAIL] && !plausible_email(row->f[COL_EMAIL]))
        ok = parents_error(rd->res, row->line, _("'%.80s' is geen e-mailadres"), row->f[COL_EMAIL]);
    return ok;
}

static void make_key(struct row *row)
{
    if (*row->f[COL_OUDER])
        snprintf(row->key, sizeof row->key, PARENTS_KEY "%s", row->f[COL_OUDER]);
    else
        parents_email_key(row->f[COL_EMAIL], row->key, sizeof row->key);
}

static void read_record(struct reader *rd, const struct csv_record *r)
{
    if (csv_record_blank(r))
        return;
    for (size_t i = rd->header_fields; i < r->n; i++) {
        char probe[8];
        if (text_clean(r->fields[i], probe, sizeof probe) > 0) {
            parents_error(rd->res, r->line, _("%zu velden, maar de kopregel heeft er %zu"), r->n, rd->header_fields);
            return;
        }
    }
    struct row *row = &rd->rows[rd->nrows];
    if (!take_fields(rd, r, row) || !check_fields(rd, row)) {
        free_row(row);
        return;
    }
    make_key(row);
    rd->nrows++;
}

/* ---- records into parents ---- */

static int row_key_cmp(const void *a, const void *b)
{
    const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int parent_line_cmp(const void *a, const void *b)
{
    const struct parents_in *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Later records of one parent must say what the first one says. */
static bool agrees(struct reader *rd, const struct row *first, const struct row *row)
{
    static const int fields[] = {COL_ROEPNAAM, COL_VOORVOEGSEL, COL_ACHTERNAAM};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(first->f[fields[i]], row->f[fields[i]]) != 0)
            return parents_error(rd->res, row->line, _("dezelfde ouder heeft op regel %d een andere %s ('%.60s')"),
                                 first->line, columns[fields[i]], first->f[fields[i]]);
    if (strcasecmp(first->f[COL_EMAIL], row->f[COL_EMAIL]) != 0)
        return parents_error(rd->res, row->line, _("dezelfde ouder heeft op regel %d een ander e-mailadres (%.80s)"),
                             first->line, first->f[COL_EMAIL]);
    return true;
}

static bool new_child(struct reader *rd, struct parents_in *p, const struct row *row)
{
    for (size_t i = 0; i < p->nchildren; i++)
        if (strcmp(p->children[i].student_key, row->f[COL_LEERLING]) == 0)
            return parents_error(rd->res, row->line, _("leerling '%.60s' staat al op regel %d bij deze ouder"),
                                 row->f[COL_LEERLING], p->children[i].line);
    return true;
}

/* rows[from..to) are one parent's records, in line order. */
static void make_parent(struct reader *rd, struct row **rows, size_t from, size_t to, struct parents_in *p,
                        struct parents_child *children)
{
    const struct row *first = rows[from];
    *p = (struct parents_in){.line = first->line,
                             .key = first->key,
                             .roepnaam = first->f[COL_ROEPNAAM],
                             .voorvoegsel = first->f[COL_VOORVOEGSEL],
                             .achternaam = first->f[COL_ACHTERNAAM],
                             .email = first->f[COL_EMAIL],
                             .children = children};
    for (size_t i = from; i < to; i++) {
        const struct row *row = rows[i];
        if (i > from && !agrees(rd, first, row))
            continue;
        if (!new_child(rd, p, row))
            continue;
        children[p->nchildren++] = (struct parents_child){row->f[COL_LEERLING], row->f[COL_RELATIE], row->line};
    }
}

/* Groups the rows by parent; parents come out in the order of their first line. */
static enum km_rc group_and_import(const struct km_session *s, struct reader *rd, bool dry_run)
{
    struct row **by_key = calloc(rd->nrows + 1, sizeof *by_key);
    struct parents_in *parents = calloc(rd->nrows + 1, sizeof *parents);
    struct parents_child *children = calloc(rd->nrows + 1, sizeof *children);
    enum km_rc rc = KM_ERR;
    if (by_key && parents && children) {
        for (size_t i = 0; i < rd->nrows; i++)
            by_key[i] = &rd->rows[i];
        qsort(by_key, rd->nrows, sizeof *by_key, row_key_cmp);
        size_t n = 0, used = 0;
        for (size_t from = 0, to; from < rd->nrows; from = to) {
            for (to = from + 1; to < rd->nrows && strcmp(by_key[to]->key, by_key[from]->key) == 0; to++)
                ;
            make_parent(rd, by_key, from, to, &parents[n], children + used);
            used += parents[n++].nchildren;
        }
        qsort(parents, n, sizeof *parents, parent_line_cmp);
        rc = parents_import(s, parents, n, dry_run, rd->res);
    } else {
        rc = vec_no_memory(s->db);
    }
    free(by_key);
    free(parents);
    free(children);
    return rc;
}

static void read_table(struct reader *rd)
{
    const struct csv_table *t = rd->t;
    for (size_t i = 0; i < t->nproblems; i++)
        parents_error(rd->res, t->problems[i].line, "%s", t->problems[i].text);
    if (t->n == 0) {
        parents_error(rd->res, 0, _("het bestand is leeg"));
        return;
    }
    if (t->n - 1 > PARENTS_MAX_ROWS) {
        parents_error(rd->res, 0, _("meer dan %d regels; splits het bestand niet, maar vraag een kleinere export"),
                      PARENTS_MAX_ROWS);
        return;
    }
    if (!read_header(rd, &t->records[0]))
        return;
    for (size_t i = 1; i < t->n && !rd->res->nomem; i++)
        read_record(rd, &t->records[i]);
}

enum km_rc parents_csv_import(const struct km_session *s, const char *data, size_t len, bool dry_run,
                              struct parents_result *res, char *ignored, size_t ignoredlen)
{
    memset(res, 0, sizeof *res);
    if (ignoredlen)
        ignored[0] = '\0';
    struct csv_table t;
    if (csv_parse(data, len, 0, &t) != 0)
        return db_fail(s->db, KM_INVALID, _("Het bestand is groter dan %u MB of het geheugen is op."),
                       CSV_MAX_BYTES >> 20);
    struct reader rd = {.res = res, .t = &t, .ignored = ignored, .ignoredlen = ignoredlen};
    rd.rows = calloc(t.n + 1, sizeof *rd.rows);
    enum km_rc rc;
    if (!rd.rows) {
        rc = vec_no_memory(s->db);
    } else {
        read_table(&rd);
        rc = res->nomem ? vec_no_memory(s->db) : group_and_import(s, &rd, dry_run);
    }
    for (size_t i = 0; i < rd.nrows; i++)
        free_row(&rd.rows[i]);
    free(rd.rows);
    csv_free(&t);
    return rc;
}
