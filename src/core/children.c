#include "core/children.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

/* ---- a parent's children ---- */

#define DISPLAY_NAME                                                                                                   \
    "u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END || ' ' || u.achternaam"

/* Columns: id, name, groups, active, username, relation, link from the sync. */
static enum km_rc push_child(struct km_child_list *out, sqlite3_stmt *st)
{
    struct km_child *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_child *c = &n[out->n++];
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->name = db_col_dup(st, 1);
    c->groups = db_col_dup(st, 2);
    c->active = sqlite3_column_int(st, 3) != 0;
    snprintf(c->username, sizeof c->username, "%s", db_col_text(st, 4));
    snprintf(c->relation, sizeof c->relation, "%s", db_col_text(st, 5));
    c->synced = sqlite3_column_int(st, 6) != 0;
    return c->name && c->groups ? KM_OK : KM_ERR;
}

static enum km_rc collect(const struct km_session *s, enum km_rc rc, sqlite3_stmt *st, struct km_child_list *out)
{
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_child(out, st);
    if (rc != KM_OK) {
        db_done(st);
        children_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
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
                  "SELECT u.id, " DISPLAY_NAME ","
                  " COALESCE((SELECT group_concat(name, ', ') FROM (SELECT g.name FROM memberships m"
                  "  JOIN groups g ON g.id = m.group_id AND g.active = 1"
                  "  WHERE m.user_id = u.id AND m.kind = 'leerling' ORDER BY g.kind <> 'stamgroep', g.name)), ''),"
                  " u.active, u.username, pc.relation, pc.source = 'parnassys'"
                  " FROM parent_child pc JOIN users u ON u.id = pc.child_id AND u.role = 'leerling'"
                  " WHERE pc.parent_id = ?1"
                  " ORDER BY u.active DESC, km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
                  "i", parent_id);
    return collect(s, rc, st, out);
}

enum km_rc children_parents(const struct km_session *s, int64_t child_id, struct km_child_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    bool self = s->origin == ORIGIN_USER && s->user_id == child_id;
    if (!(s->role == ROLE_BEHEERDER || self ||
          (s->role == ROLE_OUDER && access_parent_of(s->db, s->user_id, child_id))))
        return db_fail(s->db, KM_DENIED,
                       _("Geen toegang: alleen de leerling, de ouders en de beheerder zien wie de ouders zijn."));
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT u.id, " DISPLAY_NAME ", '', u.active, u.username, pc.relation, pc.source = 'parnassys'"
                  " FROM parent_child pc JOIN users u ON u.id = pc.parent_id"
                  " WHERE pc.child_id = ?1"
                  " ORDER BY u.active DESC, u.achternaam COLLATE NOCASE, u.roepnaam COLLATE NOCASE, u.id",
                  "i", child_id);
    return collect(s, rc, st, out);
}

/* ---- links the school makes itself ---- */

struct link_ctx {
    const struct km_session *s;
    int64_t parent, child;
    const char *relation; /* NULL: unlink */
};

/* Both accounts exist with the right roles, and neither the parent nor the link comes from ParnasSys. */
static enum km_rc check_link(struct km_db *db, const struct link_ctx *c, char *detail, size_t len)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(
        db, &st,
        "SELECT p.role = 'ouder', c.role = 'leerling', p.source = 'parnassys', p.username, c.username,"
        " COALESCE((SELECT source = 'parnassys' FROM parent_child WHERE parent_id = p.id AND child_id = c.id), 0)"
        " FROM users p, users c WHERE p.id = ? AND c.id = ?",
        "ii", c->parent, c->child);
    int r = rc == KM_OK ? db_step(db, st) : -1;
    if (r <= 0) {
        db_done(st);
        return r == 0 ? db_fail(db, KM_NOTFOUND, _("Deze ouder of leerling bestaat niet (meer).")) : db_last_rc(db);
    }
    bool roles = sqlite3_column_int(st, 0) && sqlite3_column_int(st, 1);
    bool synced = sqlite3_column_int(st, 2) || sqlite3_column_int(st, 5);
    snprintf(detail, len, "%s - %s", db_col_text(st, 3), db_col_text(st, 4));
    db_done(st);
    if (!roles)
        return db_fail(db, KM_INVALID, _("Een ouder wordt gekoppeld aan een leerling."));
    if (synced)
        return db_fail(db, KM_READONLY, _("Deze ouder komt uit ParnasSys; wijzigen in ParnasSys."));
    return KM_OK;
}

static enum km_rc link_tx(struct km_db *db, void *arg)
{
    struct link_ctx *c = arg;
    char detail[200];
    enum km_rc rc = check_link(db, c, detail, sizeof detail);
    if (rc != KM_OK)
        return rc;
    if (c->relation)
        rc = db_exec(db,
                     "INSERT INTO parent_child (parent_id, child_id, relation) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (parent_id, child_id) DO UPDATE SET relation = ?3 WHERE ?3 <> '' AND relation <> ?3",
                     "iit", c->parent, c->child, c->relation);
    else
        rc = db_exec(db, "DELETE FROM parent_child WHERE parent_id = ? AND child_id = ?", "ii", c->parent, c->child);
    if (rc != KM_OK || db_changes(db) == 0)
        return rc;
    return audit_add(c->s, c->parent, c->relation ? "ouder-gekoppeld" : "ouder-ontkoppeld", detail);
}

static enum km_rc change_link(const struct km_session *s, int64_t parent, int64_t child, const char *relation)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    struct link_ctx c = {s, parent, child, relation};
    return rc == KM_OK ? db_tx(s->db, link_tx, &c) : rc;
}

enum km_rc children_link(const struct km_session *s, int64_t parent_id, int64_t child_id, const char *relation)
{
    char clean[32];
    text_clean(relation ? relation : "", clean, sizeof clean);
    return change_link(s, parent_id, child_id, clean);
}

enum km_rc children_unlink(const struct km_session *s, int64_t parent_id, int64_t child_id)
{
    return change_link(s, parent_id, child_id, NULL);
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
    struct km_status_value *n = vec_grow(out->items, out->n, sizeof *n);
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
                  "SELECT id, label, letter, glyph, colour_role, mastered FROM status_values ORDER BY sort_order, id",
                  NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_status(out, st);
    if (rc != KM_OK) {
        db_done(st);
        status_scale_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
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
