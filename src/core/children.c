#include "core/children.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/i18n.h"

static enum km_rc no_memory(struct km_db *db) { return db_fail(db, KM_ERR, _("Onvoldoende geheugen.")); }

/* ---- a parent's children ---- */

static enum km_rc push_child(struct km_child_list *out, sqlite3_stmt *st)
{
    struct km_child *n = realloc(out->items, (out->n + 1) * sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_child *c = &n[out->n++];
    c->id = sqlite3_column_int64(st, 0);
    c->name = db_col_dup(st, 1);
    c->groups = db_col_dup(st, 2);
    c->active = sqlite3_column_int(st, 3) != 0;
    return c->name && c->groups ? KM_OK : KM_ERR;
}

enum km_rc children_of(const struct km_session *s, int64_t parent_id, struct km_child_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    if (!(s->role == ROLE_BEHEERDER || (s->role == ROLE_OUDER && s->user_id == parent_id)))
        return db_fail(s->db, KM_DENIED,
                       _("Geen toegang: alleen de ouder zelf (of de beheerder) ziet wie de kinderen zijn."));
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT u.id, u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END"
                  "  || ' ' || u.achternaam,"
                  " COALESCE((SELECT group_concat(name, ', ') FROM (SELECT g.name FROM memberships m"
                  "  JOIN groups g ON g.id = m.group_id AND g.active = 1"
                  "  WHERE m.user_id = u.id AND m.kind = 'leerling' ORDER BY g.kind <> 'stamgroep', g.name)), ''),"
                  " u.active"
                  " FROM parent_child pc JOIN users u ON u.id = pc.child_id AND u.role = 'leerling'"
                  " WHERE pc.parent_id = ?1"
                  " ORDER BY u.active DESC, u.roepnaam COLLATE NOCASE, u.achternaam COLLATE NOCASE, u.id",
                  "i", parent_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_child(out, st);
    if (rc != KM_OK) {
        db_done(st);
        children_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            no_memory(s->db);
    }
    return rc;
}

void children_free(struct km_child_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].name);
        free(l->items[i].groups);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

/* ---- the status scale ---- */

static enum km_rc push_status(struct km_status_scale *out, sqlite3_stmt *st)
{
    struct km_status_value *n = realloc(out->items, (out->n + 1) * sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_status_value *v = &n[out->n++];
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    snprintf(v->label, sizeof v->label, "%s", db_col_text(st, 1));
    snprintf(v->letter, sizeof v->letter, "%s", db_col_text(st, 2));
    snprintf(v->glyph, sizeof v->glyph, "%s", db_col_text(st, 3));
    snprintf(v->colour_role, sizeof v->colour_role, "%s", db_col_text(st, 4));
    v->mastered = sqlite3_column_int(st, 5) != 0;
    return KM_OK;
}

enum km_rc status_scale(const struct km_session *s, struct km_status_scale *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT id, label, letter, glyph, colour_role, mastered FROM status_values ORDER BY sort_order, id", NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_status(out, st);
    if (rc != KM_OK) {
        db_done(st);
        status_scale_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            no_memory(s->db);
    }
    return rc;
}

const struct km_status_value *status_scale_find(const struct km_status_scale *sc, int64_t id)
{
    for (size_t i = 0; i < sc->n; i++)
        if (sc->items[i].id == id)
            return &sc->items[i];
    return NULL;
}

void status_scale_free(struct km_status_scale *sc)
{
    free(sc->items);
    sc->items = NULL;
    sc->n = 0;
}
