#include "core/relink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/vec.h"

/* 'YYYY-YYYY' compares as text in the order of the years. */
static enum km_rc target_year(struct km_db *db, const char *schooljaar, char out[12])
{
    if (schooljaar && groups_valid_schooljaar(schooljaar)) {
        snprintf(out, 12, "%s", schooljaar);
        return KM_OK;
    }
    char now[12];
    groups_schooljaar(NULL, now);
    return db_text(
        db, out, 12,
        "SELECT max(?1, COALESCE((SELECT max(schooljaar) FROM groups WHERE kind <> 'eigen' AND active = 1), ?1))", "t",
        now);
}

static enum km_rc push(struct km_db *db, struct relink_list *l, size_t *cap, sqlite3_stmt *st)
{
    if (l->n == *cap) {
        size_t grown = *cap ? *cap * 2 : 16;
        struct relink_group *p = realloc(l->items, grown * sizeof *p);
        if (!p)
            return vec_no_memory(db);
        l->items = p;
        *cap = grown;
    }
    struct relink_group *g = &l->items[l->n++];
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    snprintf(g->name, sizeof g->name, "%s", db_col_text(st, 1));
    snprintf(g->schooljaar, sizeof g->schooljaar, "%s", db_col_text(st, 2));
    g->linked_id = sqlite3_column_int64(st, 3);
    snprintf(g->linked_name, sizeof g->linked_name, "%s", db_col_text(st, 4));
    snprintf(g->linked_schooljaar, sizeof g->linked_schooljaar, "%s", db_col_text(st, 5));
    g->proposed_id = sqlite3_column_int64(st, 6);
    snprintf(g->proposed_name, sizeof g->proposed_name, "%s", db_col_text(st, 7));
    snprintf(g->proposed_schooljaar, sizeof g->proposed_schooljaar, "%s", db_col_text(st, 8));
    return KM_OK;
}

static enum km_rc read_list(struct km_db *db, struct relink_list *out)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(
        db, &st,
        "SELECT g.id, g.name, g.schooljaar, l.id, l.name, l.schooljaar,"
        " COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(p.schooljaar, '')"
        " FROM groups g JOIN groups l ON l.id = g.linked_group_id"
        " LEFT JOIN groups p ON p.id = (SELECT n.id FROM groups n WHERE n.schooljaar = ?1 AND n.kind <> 'eigen'"
        "   AND n.active = 1 AND n.name = l.name COLLATE NOCASE AND COALESCE(n.jaargroep, '') = COALESCE(l.jaargroep, "
        "'')"
        "   ORDER BY n.source = 'parnassys' DESC, n.id LIMIT 1)"
        " WHERE g.kind = 'eigen' AND g.active = 1 AND l.schooljaar < ?1"
        " ORDER BY g.name COLLATE NOCASE, g.id",
        "t", out->schooljaar);
    size_t cap = 0;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push(db, out, &cap, st);
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

enum km_rc relink_list(const struct km_session *s, const char *schooljaar, struct relink_list *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    if (rc == KM_OK)
        rc = target_year(s->db, schooljaar, out->schooljaar);
    if (rc == KM_OK)
        rc = read_list(s->db, out);
    if (rc != KM_OK)
        relink_free(out);
    return rc;
}

struct all_ctx {
    const struct km_session *s;
    bool dry_run;
    int linked, left;
};

/* Reads the list inside the transaction, so what is linked is what was proposed at that moment. */
static enum km_rc all_tx(struct km_db *db, void *arg)
{
    struct all_ctx *c = arg;
    c->linked = c->left = 0;
    struct relink_list l = {0};
    enum km_rc rc = target_year(db, NULL, l.schooljaar);
    if (rc == KM_OK)
        rc = read_list(db, &l);
    for (size_t i = 0; rc == KM_OK && i < l.n; i++) {
        if (!l.items[i].proposed_id) {
            c->left++;
            continue;
        }
        if (!c->dry_run)
            rc = groups_set_bron_in_tx(db, c->s, l.items[i].id, l.items[i].proposed_id);
        c->linked++;
    }
    relink_free(&l);
    return rc;
}

enum km_rc relink_all(const struct km_session *s, bool dry_run, int *linked, int *left)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    struct all_ctx c = {s, dry_run, 0, 0};
    if (rc == KM_OK)
        rc = dry_run ? db_read(s->db, all_tx, &c) : db_tx(s->db, all_tx, &c);
    *linked = c.linked;
    *left = c.left;
    return rc;
}

void relink_free(struct relink_list *l)
{
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
