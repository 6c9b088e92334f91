#include "core/curriculum_read.h"

#include <stdlib.h>

#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

static enum km_rc push_area(struct km_area_list *out, sqlite3_stmt *st)
{
    struct km_hoofdgebied *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_hoofdgebied *h = &n[out->n++];
    *h = (struct km_hoofdgebied){sqlite3_column_int64(st, 0), db_col_dup(st, 1), NULL, 0};
    return h->name ? KM_OK : KM_ERR;
}

static enum km_rc push_deel(struct km_hoofdgebied *h, sqlite3_stmt *st)
{
    struct km_deelgebied *n = vec_grow(h->deel, h->ndeel, sizeof *n);
    if (!n)
        return KM_ERR;
    h->deel = n;
    struct km_deelgebied *d = &n[h->ndeel++];
    *d = (struct km_deelgebied){sqlite3_column_int64(st, 2), db_col_dup(st, 3)};
    return d->name ? KM_OK : KM_ERR;
}

/* One row per deelgebied (or one with NULLs for a hoofdgebied without any); a new hoofdgebied id starts the
 * next item, which works because the rows come grouped by hoofdgebied. */
static enum km_rc take_area_row(struct km_area_list *out, sqlite3_stmt *st)
{
    int64_t hid = sqlite3_column_int64(st, 0);
    enum km_rc rc = KM_OK;
    if (out->n == 0 || out->items[out->n - 1].id != hid)
        rc = push_area(out, st);
    if (rc == KM_OK && sqlite3_column_type(st, 2) != SQLITE_NULL)
        rc = push_deel(&out->items[out->n - 1], st);
    return rc;
}

enum km_rc curriculum_areas(const struct km_session *s, struct km_area_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(s->db, &st,
                             "SELECT h.id, h.name, d.id, d.name FROM hoofdgebieden h"
                             " LEFT JOIN deelgebieden d ON d.hoofdgebied_id = h.id"
                             " ORDER BY h.sort_order, h.name COLLATE NOCASE, h.id, d.sort_order, d.name COLLATE NOCASE",
                             NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : take_area_row(out, st);
    if (rc != KM_OK) {
        db_done(st);
        curriculum_areas_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

static enum km_rc push_niveau(struct km_niveau_list *out, sqlite3_stmt *st)
{
    struct km_niveau *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_niveau *v = &n[out->n++];
    *v = (struct km_niveau){sqlite3_column_int64(st, 0), db_col_dup(st, 1)};
    return v->name ? KM_OK : KM_ERR;
}

enum km_rc curriculum_niveaus(const struct km_session *s, struct km_niveau_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(s->db, &st, "SELECT id, name FROM niveaus ORDER BY sort_order, name COLLATE NOCASE, id", NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_niveau(out, st);
    if (rc != KM_OK) {
        db_done(st);
        curriculum_niveaus_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

const struct km_hoofdgebied *curriculum_area_by_id(const struct km_area_list *l, int64_t id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].id == id)
            return &l->items[i];
    return NULL;
}

void curriculum_areas_free(struct km_area_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t k = 0; k < l->items[i].ndeel; k++)
            free(l->items[i].deel[k].name);
        free(l->items[i].deel);
        free(l->items[i].name);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void curriculum_niveaus_free(struct km_niveau_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
