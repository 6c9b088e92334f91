/* The curriculum's spreadsheet: export, and an import that checks everything before it changes anything. */
#include "sync/curriculum_csv.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/curriculum.h"
#include "core/curriculum_read.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"
#include "sync/csv.h"

enum col {
    COL_HOOFDGEBIED,
    COL_DEELGEBIED,
    COL_NIVEAU,
    COL_CODE,
    COL_TITEL,
    COL_VOLGORDE,
    COL_INGETROKKEN,
    COL__COUNT
};

static const char *const columns[COL__COUNT] = {"hoofdgebied", "deelgebied", "niveau",     "code",
                                                "titel",       "volgorde",   "ingetrokken"};
/* A hand-made sheet may leave out what has a sensible default. */
static const bool required[COL__COUNT] = {true, true, false, true, true, false, false};

#define MAX_NEW_NIVEAUS 100 /* a school has a handful; the order of new ones is worked out pairwise */

/* ---- export ---- */

/* csv_write_record sanitises every field: an export to standard output reaches a terminal. Text stored through
 * core is clean already, so this changes nothing there and the round trip stays exact. */
static void write_goal(FILE *out, const struct cur_goal *g)
{
    char order[16];
    snprintf(order, sizeof order, "%d", g->sort_order);
    const char *fields[COL__COUNT] = {g->hoofdgebied,           g->deelgebied, g->niveau, g->code, g->title, order,
                                      g->retired ? "ja" : "nee"};
    csv_write_record(out, fields, COL__COUNT, ';');
}

enum km_rc curriculum_csv_export(const struct km_session *s, FILE *out)
{
    struct cur_goal_filter all = {0, 0, 0, true, 0};
    struct cur_goal_list l;
    enum km_rc rc = curriculum_goals(s, &all, &l);
    if (rc != KM_OK)
        return rc;
    fputs("\xEF\xBB\xBF", out); /* without it Excel reads UTF-8 as Windows-1252 */
    csv_write_record(out, columns, COL__COUNT, ';');
    for (size_t i = 0; i < l.n; i++)
        write_goal(out, &l.items[i]);
    curriculum_goals_free(&l);
    return KM_OK;
}

/* ---- the import's state ---- */

/* A hoofdgebied, deelgebied or niveau the file names: the school's (id) or one to make (is_new). Names point
 * into the rows' fields. */
struct named {
    const char *name;
    size_t parent; /* a deelgebied's index in hoofd[] */
    int64_t id;
    int line;
    bool is_new;
};

struct row {
    int line;
    char *f[COL__COUNT]; /* cleaned; never NULL once read */
    size_t deel;
    long niveau; /* index in niv[], -1 for none */
    int order;   /* -1: a new goal goes last, a known one keeps its place */
    bool retired, ok;
    const struct cur_goal *goal; /* the school's goal with this code */
};

struct import {
    const struct km_session *s;
    bool dry_run;
    struct curriculum_csv_result *res;
    const struct csv_table *table;
    struct km_area_list areas;
    struct km_niveau_list niveaus;
    struct cur_goal_list goals;
    const struct cur_goal **by_code; /* goals sorted by code, case ignored */
    int col[COL__COUNT];
    size_t header_fields;
    struct row *rows;
    size_t nrows;
    struct named *hoofd, *deel, *niv;
    size_t nhoofd, ndeel, nniv;
    size_t *niv_order; /* new niveaus in the order to make them */
    bool nomem, too_many;
};

static bool bad(struct import *imp, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records a mistake; returns false so a check can end with `return bad(...)`. */
/* gcc -fanalyzer: the grown lists are kept in the result and the import, and freed with them */
KM_GCC_ANALYZER_MISREADS
static bool bad(struct import *imp, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!line_error_addv(&imp->res->errors, &imp->res->nerrors, line, fmt, ap))
        imp->nomem = true;
    va_end(ap);
    return false;
}
KM_GCC_ANALYZER_END

/* Makes room for one more element of size bytes at the end of *arr; NULL (and nomem) when out of memory. */
static void *grow(struct import *imp, void *arr_ptr, size_t *n, size_t size)
{
    void **arr = arr_ptr;
    void *grown = vec_grow(*arr, *n, size);
    if (!grown) {
        imp->nomem = true;
        return NULL;
    }
    *arr = grown;
    char *item = (char *)grown + *n * size;
    memset(item, 0, size);
    (*n)++;
    return item;
}

/* gcc -fanalyzer: the grown lists are kept in the result and the import, and freed with them */
KM_GCC_ANALYZER_MISREADS
static void change(struct import *imp, int line, enum curriculum_csv_change_kind kind, const char *name,
                   const char *detail)
{
    struct curriculum_csv_result *res = imp->res;
    struct curriculum_csv_change *c = grow(imp, &res->changes, &res->nchanges, sizeof *c);
    if (!c)
        return;
    c->line = line;
    c->kind = kind;
    snprintf(c->name, sizeof c->name, "%s", name);
    text_fit(detail, 80, false, c->detail, sizeof c->detail);
}
KM_GCC_ANALYZER_END

static void free_state(struct import *imp)
{
    for (size_t i = 0; i < imp->nrows; i++)
        for (int c = 0; c < COL__COUNT; c++)
            free(imp->rows[i].f[c]);
    free(imp->rows);
    free(imp->hoofd);
    free(imp->deel);
    free(imp->niv);
    free(imp->niv_order);
    free(imp->by_code);
    curriculum_areas_free(&imp->areas);
    curriculum_niveaus_free(&imp->niveaus);
    curriculum_goals_free(&imp->goals);
    imp->rows = NULL;
    imp->hoofd = imp->deel = imp->niv = NULL;
    imp->niv_order = NULL;
    imp->by_code = NULL;
    imp->nrows = imp->nhoofd = imp->ndeel = imp->nniv = 0;
    imp->nomem = imp->too_many = false;
}

void curriculum_csv_result_free(struct curriculum_csv_result *res)
{
    free(res->errors);
    free(res->changes);
    memset(res, 0, sizeof *res);
}

/* ---- the school as it is ---- */

static int by_code_cmp(const void *a, const void *b)
{
    const struct cur_goal *x = *(const struct cur_goal *const *)a, *y = *(const struct cur_goal *const *)b;
    return strcasecmp(x->code, y->code);
}

static enum km_rc load_school(struct import *imp)
{
    struct cur_goal_filter all = {0, 0, 0, true, 0};
    enum km_rc rc = curriculum_areas(imp->s, &imp->areas);
    if (rc == KM_OK)
        rc = curriculum_niveaus(imp->s, &imp->niveaus);
    if (rc == KM_OK)
        rc = curriculum_goals(imp->s, &all, &imp->goals);
    if (rc != KM_OK)
        return rc;
    imp->by_code = malloc((imp->goals.n + 1) * sizeof *imp->by_code);
    if (!imp->by_code)
        return vec_no_memory(imp->s->db);
    for (size_t i = 0; i < imp->goals.n; i++)
        imp->by_code[i] = &imp->goals.items[i];
    qsort(imp->by_code, imp->goals.n, sizeof *imp->by_code, by_code_cmp);
    return KM_OK;
}

static const struct cur_goal *school_goal(const struct import *imp, const char *code)
{
    struct cur_goal key = {.code = (char *)code};
    const struct cur_goal *k = &key;
    const struct cur_goal *const *hit = bsearch(&k, imp->by_code, imp->goals.n, sizeof *imp->by_code, by_code_cmp);
    return hit ? *hit : NULL;
}

/* ---- names ---- */

/* The position of name in a list of n names spaced `stride` bytes apart: an exact match wins over one that
 * differs in case only. -1 when none. */
static long find_name(const void *base, size_t n, size_t stride, size_t name_offset, const char *name)
{
    long ci = -1;
    for (size_t i = 0; i < n; i++) {
        const char *other; /* copied out: the field of a struct in a byte-addressed array */
        memcpy(&other, (const char *)base + i * stride + name_offset, sizeof other);
        if (strcmp(other, name) == 0)
            return (long)i;
        if (ci < 0 && strcasecmp(other, name) == 0)
            ci = (long)i;
    }
    return ci;
}

static long hoofd_index(struct import *imp, const char *name, int line)
{
    for (size_t i = 0; i < imp->nhoofd; i++)
        if (strcasecmp(imp->hoofd[i].name, name) == 0)
            return (long)i;
    long at = find_name(imp->areas.items, imp->areas.n, sizeof *imp->areas.items, offsetof(struct km_hoofdgebied, name),
                        name);
    struct named *h = grow(imp, &imp->hoofd, &imp->nhoofd, sizeof *h);
    if (!h)
        return -1;
    *h = (struct named){name, 0, at >= 0 ? imp->areas.items[at].id : 0, line, at < 0};
    return (long)imp->nhoofd - 1;
}

static long deel_index(struct import *imp, size_t hoofd, const char *name, int line)
{
    for (size_t i = 0; i < imp->ndeel; i++)
        if (imp->deel[i].parent == hoofd && strcasecmp(imp->deel[i].name, name) == 0)
            return (long)i;
    const struct km_hoofdgebied *h = curriculum_area_by_id(&imp->areas, imp->hoofd[hoofd].id);
    long at = h ? find_name(h->deel, h->ndeel, sizeof *h->deel, offsetof(struct km_deelgebied, name), name) : -1;
    struct named *d = grow(imp, &imp->deel, &imp->ndeel, sizeof *d);
    if (!d)
        return -1;
    *d = (struct named){name, hoofd, at >= 0 ? h->deel[at].id : 0, line, at < 0};
    return (long)imp->ndeel - 1;
}

/* Appends ", item" (or item when out is empty) when it fits whole; false when it does not. */
static bool append_item(char *out, size_t len, const char *item)
{
    size_t used = strlen(out), sep = used ? 2 : 0, add = strlen(item);
    if (used + sep + add >= len)
        return false;
    memcpy(out + used, ", ", sep);
    memcpy(out + used + sep, item, add + 1);
    return true;
}

/* "1, 2, 3, …": the niveaus the school knows, for the message about an unknown one. */
static void known_niveaus(const struct import *imp, char *out, size_t len)
{
    out[0] = '\0';
    for (size_t i = 0; i < imp->niveaus.n; i++)
        if (!append_item(out, len - 4, imp->niveaus.items[i].name)) {
            append_item(out, len, "…");
            break;
        }
}

/* The niveau's index in niv[], or -2 after recording the mistake. */
static long niveau_index(struct import *imp, const char *name, int line)
{
    for (size_t i = 0; i < imp->nniv; i++)
        if (strcasecmp(imp->niv[i].name, name) == 0)
            return (long)i;
    long at = find_name(imp->niveaus.items, imp->niveaus.n, sizeof *imp->niveaus.items,
                        offsetof(struct km_niveau, name), name);
    if (at < 0 && imp->niveaus.n > 0) {
        char known[120];
        known_niveaus(imp, known, sizeof known);
        bad(imp, line, _("onbekend niveau '%.30s' (de school kent: %s)"), name, known);
        return -2;
    }
    if (at < 0 && imp->nniv >= MAX_NEW_NIVEAUS) {
        bad(imp, line, _("meer dan %d verschillende niveaus"), MAX_NEW_NIVEAUS);
        return -2;
    }
    struct named *n = grow(imp, &imp->niv, &imp->nniv, sizeof *n);
    if (!n)
        return -2;
    *n = (struct named){name, 0, at >= 0 ? imp->niveaus.items[at].id : 0, line, at < 0};
    return (long)imp->nniv - 1;
}

/* ---- the header and the records ---- */

static bool read_header(struct import *imp, const struct csv_record *r)
{
    bool ok = true;
    for (int c = 0; c < COL__COUNT; c++)
        imp->col[c] = -1;
    for (size_t i = 0; i < r->n; i++) {
        char name[64];
        text_clean(csv_unguard(r->fields[i]), name, sizeof name);
        for (int c = 0; c < COL__COUNT; c++) {
            if (strcasecmp(name, columns[c]) != 0)
                continue;
            if (imp->col[c] >= 0)
                ok = bad(imp, r->line, _("kolom '%s' staat twee keer in de kopregel"), columns[c]);
            imp->col[c] = (int)i;
        }
    }
    imp->header_fields = r->n;
    for (int c = 0; c < COL__COUNT; c++)
        if (imp->col[c] < 0 && required[c])
            ok = bad(imp, r->line, _("kolom '%s' ontbreekt in de kopregel"), columns[c]);
    return ok;
}

/* A cleaned copy of a field; text_clean may turn a bad byte into three, hence the room. */
static char *clean_dup(const char *raw)
{
    size_t cap = strlen(raw) * 3 + 1;
    char *out = malloc(cap);
    if (out)
        text_clean(raw, out, cap);
    return out;
}

/* A short record is missing columns; a long one usually has a separator in a title without quotes. */
static bool record_complete(struct import *imp, const struct csv_record *r)
{
    char why[500];
    if (csv_record_fits(r, imp->col, columns, COL__COUNT, imp->header_fields, imp->table->sep, "titel", why,
                        sizeof why))
        return true;
    return bad(imp, r->line, "%s", why);
}

static bool take_fields(struct import *imp, const struct csv_record *r, struct row *row)
{
    for (int c = 0; c < COL__COUNT; c++) {
        int i = imp->col[c];
        row->f[c] = clean_dup(i >= 0 && (size_t)i < r->n ? csv_unguard(r->fields[i]) : "");
        if (!row->f[c]) {
            imp->nomem = true;
            return false;
        }
    }
    return true;
}

static bool parse_order(struct import *imp, struct row *row)
{
    const char *t = row->f[COL_VOLGORDE];
    row->order = -1;
    if (!*t)
        return true;
    size_t n = strspn(t, "0123456789");
    if (t[n] || n > 6)
        return bad(imp, row->line, _("volgorde is een getal van 0 tot %d, niet '%.20s'"), CURRICULUM_ORDER_MAX, t);
    row->order = atoi(t);
    return true;
}

static bool parse_retired(struct import *imp, struct row *row)
{
    const char *t = row->f[COL_INGETROKKEN];
    row->retired = strcasecmp(t, "ja") == 0;
    if (!*t || row->retired || strcasecmp(t, "nee") == 0)
        return true;
    return bad(imp, row->line, _("ingetrokken is 'ja' of 'nee', niet '%.20s'"), t);
}

/* The rules core applies to names, so a mistake is named with its line instead of stopping the import
 * half-way. */
static bool check_names(struct import *imp, struct row *row)
{
    bool ok = true;
    char why[160];
    static const struct {
        enum col col;
        enum cur_level level;
    } names[] = {{COL_HOOFDGEBIED, CUR_HOOFDGEBIED}, {COL_DEELGEBIED, CUR_DEELGEBIED}, {COL_NIVEAU, CUR_NIVEAU}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = row->f[names[i].col];
        if (!*v && required[names[i].col])
            ok = bad(imp, row->line, _("kolom '%s' is leeg"), columns[names[i].col]);
        else if (*v && !curriculum_name_ok(names[i].level, v, why, sizeof why))
            ok = bad(imp, row->line, "%s", why);
    }
    return ok;
}

static bool check_goal(struct import *imp, struct row *row)
{
    char why[160];
    bool ok = true;
    for (enum col c = COL_CODE; c <= COL_TITEL; c++)
        if (!*row->f[c])
            ok = bad(imp, row->line, _("kolom '%s' is leeg"), columns[c]);
    if (ok && !curriculum_goal_ok(row->f[COL_CODE], row->f[COL_TITEL], 0, why, sizeof why))
        ok = bad(imp, row->line, "%s", why);
    return ok;
}

static bool resolve(struct import *imp, struct row *row)
{
    long h = hoofd_index(imp, row->f[COL_HOOFDGEBIED], row->line);
    long d = h >= 0 ? deel_index(imp, (size_t)h, row->f[COL_DEELGEBIED], row->line) : -1;
    row->niveau = *row->f[COL_NIVEAU] ? niveau_index(imp, row->f[COL_NIVEAU], row->line) : -1;
    if (d < 0 || row->niveau < -1)
        return false;
    row->deel = (size_t)d;
    row->goal = school_goal(imp, row->f[COL_CODE]);
    return true;
}

/* gcc -fanalyzer: the grown lists are kept in the result and the import, and freed with them */
KM_GCC_ANALYZER_MISREADS
static void read_record(struct import *imp, const struct csv_record *r)
{
    if (csv_record_blank(r))
        return;
    if (imp->nrows >= CURRICULUM_CSV_MAX_ROWS) {
        if (!imp->too_many)
            bad(imp, r->line, _("meer dan %d leerdoelen in één bestand"), CURRICULUM_CSV_MAX_ROWS);
        imp->too_many = true;
        return;
    }
    struct row *row = grow(imp, &imp->rows, &imp->nrows, sizeof *row);
    if (!row)
        return;
    row->line = r->line;
    if (!record_complete(imp, r) || !take_fields(imp, r, row))
        return;
    bool ok = check_names(imp, row) && resolve(imp, row);
    ok = check_goal(imp, row) && ok;
    ok = parse_order(imp, row) && ok;
    row->ok = parse_retired(imp, row) && ok;
}
KM_GCC_ANALYZER_END

/* ---- checks over the whole file ---- */

static int row_code_cmp(const void *a, const void *b)
{
    const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
    int c = strcasecmp(x->f[COL_CODE], y->f[COL_CODE]);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Every code once: a code that appears again is a mistake on each later line. */
static void check_duplicates(struct import *imp)
{
    const struct row **sorted = malloc((imp->nrows + 1) * sizeof *sorted);
    size_t n = 0;
    if (!sorted) {
        imp->nomem = true;
        return;
    }
    for (size_t i = 0; i < imp->nrows; i++)
        if (imp->rows[i].f[COL_CODE] && *imp->rows[i].f[COL_CODE])
            sorted[n++] = &imp->rows[i];
    qsort(sorted, n, sizeof *sorted, row_code_cmp);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcasecmp(sorted[i]->f[COL_CODE], sorted[first]->f[COL_CODE]) != 0) {
            first = i;
            continue;
        }
        bad(imp, sorted[i]->line, _("code '%.40s' staat ook op regel %d"), sorted[i]->f[COL_CODE], sorted[first]->line);
    }
    free(sorted);
}

/* after[a * k + b]: niveau b follows niveau a somewhere within one deelgebied of the file. */
static void niveau_edges(const struct import *imp, bool *after, long *last)
{
    size_t k = imp->nniv;
    for (size_t d = 0; d < imp->ndeel; d++)
        last[d] = -1;
    for (size_t i = 0; i < imp->nrows; i++) {
        const struct row *r = &imp->rows[i];
        if (!r->ok || r->niveau < 0)
            continue;
        if (last[r->deel] >= 0 && last[r->deel] != r->niveau)
            after[(size_t)last[r->deel] * k + (size_t)r->niveau] = true;
        last[r->deel] = r->niveau;
    }
}

/* The first niveau (in order of appearance) that no unplaced niveau must precede; when the file disagrees
 * with itself (a cycle) simply the first unplaced one. */
static size_t next_niveau(size_t k, const bool *after, const bool *placed)
{
    for (size_t b = 0; b < k; b++) {
        bool free_of_earlier = !placed[b];
        for (size_t a = 0; a < k && free_of_earlier; a++)
            free_of_earlier = placed[a] || a == b || !after[a * k + b];
        if (free_of_earlier)
            return b;
    }
    size_t b = 0;
    while (b < k && placed[b])
        b++;
    return b;
}

/* New niveaus in an order that agrees with the order they have in every deelgebied of the file (a niveau that
 * comes after another one there comes after it here), else in the order they first appear. */
static bool order_new_niveaus(struct import *imp)
{
    size_t k = imp->nniv;
    bool *after = calloc(k * k + 1, sizeof *after);
    long *last = malloc((imp->ndeel + 1) * sizeof *last);
    bool *placed = calloc(k + 1, sizeof *placed);
    imp->niv_order = calloc(k + 1, sizeof *imp->niv_order); /* zeroed: gcc -fanalyzer cannot tie k to imp->nniv */
    bool ok = after && last && placed && imp->niv_order;
    if (ok)
        niveau_edges(imp, after, last);
    for (size_t step = 0; ok && step < k; step++) {
        size_t pick = next_niveau(k, after, placed);
        placed[pick] = true;
        imp->niv_order[step] = pick;
    }
    free(after);
    free(last);
    free(placed);
    imp->nomem = imp->nomem || !ok;
    return ok;
}

/* ---- what changes ---- */

static void goal_changes(const struct import *imp, const struct row *r, char *out, size_t len)
{
    const struct cur_goal *g = r->goal;
    const struct named *d = &imp->deel[r->deel];
    int64_t niveau = r->niveau >= 0 ? imp->niv[r->niveau].id : 0;
    const char *names[6];
    int n = 0;
    if (strcmp(g->code, r->f[COL_CODE]) != 0)
        names[n++] = "code";
    if (strcmp(g->title, r->f[COL_TITEL]) != 0)
        names[n++] = "titel";
    if (d->is_new || d->id != g->deelgebied_id)
        names[n++] = "deelgebied";
    if ((r->niveau >= 0 && imp->niv[r->niveau].is_new) || niveau != g->niveau_id)
        names[n++] = "niveau";
    if (r->order >= 0 && r->order != g->sort_order)
        names[n++] = "volgorde";
    if (r->retired != g->retired)
        names[n++] = r->retired ? "ingetrokken" : "teruggezet";
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        append_item(out, len, names[i]);
}

static void list_changes(struct import *imp)
{
    struct curriculum_csv_result *res = imp->res;
    char path[520], what[96];
    for (size_t i = 0; i < imp->nhoofd; i++)
        if (imp->hoofd[i].is_new && ++res->new_hoofdgebieden)
            change(imp, imp->hoofd[i].line, CCSV_NEW_HOOFDGEBIED, imp->hoofd[i].name, "");
    for (size_t i = 0; i < imp->ndeel; i++) {
        if (!imp->deel[i].is_new)
            continue;
        res->new_deelgebieden++;
        snprintf(path, sizeof path, "%.250s / %.250s", imp->hoofd[imp->deel[i].parent].name, imp->deel[i].name);
        change(imp, imp->deel[i].line, CCSV_NEW_DEELGEBIED, path, "");
    }
    for (size_t i = 0; imp->niv_order && i < imp->nniv; i++) {
        const struct named *n = &imp->niv[imp->niv_order[i]];
        if (n->is_new && ++res->new_niveaus)
            change(imp, n->line, CCSV_NEW_NIVEAU, n->name, "");
    }
    for (size_t i = 0; i < imp->nrows; i++) {
        const struct row *r = &imp->rows[i];
        if (!r->goal) {
            res->new_goals++;
            change(imp, r->line, CCSV_NEW_GOAL, r->f[COL_CODE], r->f[COL_TITEL]);
            continue;
        }
        goal_changes(imp, r, what, sizeof what);
        if (*what)
            change(imp, r->line, CCSV_CHANGED_GOAL, r->f[COL_CODE], what);
        res->changed_goals += *what != '\0';
        res->unchanged_goals += *what == '\0';
    }
}

/* ---- making it ---- */

/* A refusal from core while writing (another session got there first): the line and core's sentence. */
static enum km_rc failed(struct import *imp, int line, enum km_rc rc)
{
    bad(imp, line, "%s", db_errmsg(imp->s->db));
    return rc;
}

static enum km_rc make_named(struct import *imp, struct named *n, enum cur_level level, int64_t parent)
{
    if (!n->is_new)
        return KM_OK;
    enum km_rc rc = curriculum_add(imp->s, level, parent, n->name, &n->id);
    return rc == KM_OK ? KM_OK : failed(imp, n->line, rc);
}

static enum km_rc write_goal_row(struct import *imp, const struct row *r)
{
    struct cur_goal_input in = {
        imp->deel[r->deel].id,
        r->niveau >= 0 ? imp->niv[r->niveau].id : 0,
        r->f[COL_CODE],
        r->f[COL_TITEL],
        r->order,
        r->retired,
    };
    enum km_rc rc = r->goal ? curriculum_goal_update(imp->s, r->goal->id, &in, r->goal->version)
                            : curriculum_goal_add(imp->s, &in, NULL);
    return rc == KM_OK ? KM_OK : failed(imp, r->line, rc);
}

static enum km_rc write_all(struct import *imp)
{
    enum km_rc rc = KM_OK;
    for (size_t i = 0; rc == KM_OK && i < imp->nhoofd; i++)
        rc = make_named(imp, &imp->hoofd[i], CUR_HOOFDGEBIED, 0);
    for (size_t i = 0; rc == KM_OK && i < imp->ndeel; i++)
        rc = make_named(imp, &imp->deel[i], CUR_DEELGEBIED, imp->hoofd[imp->deel[i].parent].id);
    for (size_t i = 0; rc == KM_OK && i < imp->nniv; i++)
        rc = make_named(imp, &imp->niv[imp->niv_order[i]], CUR_NIVEAU, 0);
    for (size_t i = 0; rc == KM_OK && i < imp->nrows; i++)
        rc = write_goal_row(imp, &imp->rows[i]);
    return rc;
}

/* ---- the whole import ---- */

static void read_table(struct import *imp)
{
    const struct csv_table *t = imp->table;
    for (size_t i = 0; i < t->nproblems; i++)
        bad(imp, t->problems[i].line, "%s", t->problems[i].text);
    if (t->n == 0) {
        bad(imp, 0, _("het bestand is leeg"));
        return;
    }
    if (!read_header(imp, &t->records[0]))
        return;
    for (size_t i = 1; i < t->n && !imp->nomem; i++)
        read_record(imp, &t->records[i]);
    check_duplicates(imp);
}

/* Runs inside one transaction (a dry run: one read); it may run again when the database was busy, so it
 * starts from nothing every time. */
static enum km_rc import_fn(struct km_db *db, void *arg)
{
    struct import *imp = arg;
    free_state(imp);
    curriculum_csv_result_free(imp->res);
    enum km_rc rc = load_school(imp);
    if (rc != KM_OK)
        return rc;
    read_table(imp);
    if (!imp->nomem && imp->res->nerrors == 0 && order_new_niveaus(imp))
        list_changes(imp);
    if (imp->nomem)
        return vec_no_memory(db);
    if (imp->res->nerrors) {
        line_error_sort(imp->res->errors, imp->res->nerrors); /* one line's mistakes stay in the order found */
        return db_fail(db, KM_INVALID, _("%zu fout%s in het bestand; er is niets geïmporteerd."), imp->res->nerrors,
                       i18n_plural(imp->res->nerrors, "", "en", "", "s"));
    }
    return imp->dry_run ? KM_OK : write_all(imp);
}

enum km_rc curriculum_csv_import(const struct km_session *s, const char *data, size_t len, bool dry_run,
                                 struct curriculum_csv_result *res)
{
    memset(res, 0, sizeof *res);
    enum km_rc rc = access_check(s, ACT_EDIT_CURRICULUM, 0);
    if (rc != KM_OK)
        return rc;
    struct csv_table t;
    if (csv_parse(data, len, 0, &t) != 0)
        return db_fail(s->db, KM_INVALID, _("Het bestand is groter dan %u MB of het geheugen is op."),
                       CSV_MAX_BYTES >> 20);
    struct import imp = {.s = s, .dry_run = dry_run, .res = res, .table = &t};
    rc = dry_run ? db_read(s->db, import_fn, &imp) : db_tx(s->db, import_fn, &imp);
    free_state(&imp);
    csv_free(&t);
    if (rc != KM_OK && rc != KM_INVALID && res->nerrors == 0)
        bad(&imp, 0, "%s", db_errmsg(s->db));
    return rc;
}
