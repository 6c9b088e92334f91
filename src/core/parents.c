#include "core/parents.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/users.h"
#include "core/vec.h"

/* A synced parent as the database has it before the run. */
struct known_parent {
    int64_t id;
    char *key, *roepnaam, *voorvoegsel, *achternaam, *email, *username;
    bool active, seen;
};

/* A link from an earlier import (parent_child.source = 'parnassys'). */
struct known_link {
    int64_t parent, child;
    char *relation;
    bool seen;
};

struct run {
    const struct km_session *s;
    const struct parents_in *in;
    size_t n;
    bool dry_run, dry_done;
    struct parents_result *res;
    size_t base_errors;           /* errors the CSV reader found before the run */
    struct known_parent *parents; /* sorted by key */
    size_t nparents;
    struct known_link *links; /* sorted by (parent, child) */
    size_t nlinks;
};

/* ---- the result ---- */

bool parents_error(struct parents_result *res, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!line_error_addv(&res->errors, &res->nerrors, line, fmt, ap))
        res->nomem = true;
    va_end(ap);
    return false;
}

static void change(struct run *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void change(struct run *r, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!line_error_addv(&r->res->changes, &r->res->nchanges, line, fmt, ap)) /* the same list serves the changes */
        r->res->nomem = true;
    va_end(ap);
}

static void remember_added(struct run *r, int64_t id)
{
    struct parents_result *res = r->res;
    if ((res->nadded & (res->nadded - 1)) == 0) {
        int64_t *p = realloc(res->added_ids, (res->nadded ? res->nadded * 2 : 16) * sizeof *p);
        if (!p) {
            res->nomem = true;
            return;
        }
        res->added_ids = p;
    }
    res->added_ids[res->nadded++] = id;
}

/* A transaction may run again when the database was busy: each attempt starts from the reader's errors. */
static void reset_result(struct run *r)
{
    struct parents_result *res = r->res;
    res->nerrors = r->base_errors;
    free(res->changes);
    free(res->added_ids);
    res->changes = NULL;
    res->added_ids = NULL;
    res->nchanges = res->nadded = 0;
    res->added = res->changed = res->reactivated = res->deactivated = res->unchanged = 0;
    res->links_added = res->links_changed = res->links_removed = 0;
}

void parents_result_free(struct parents_result *res)
{
    free(res->errors);
    free(res->changes);
    free(res->added_ids);
    memset(res, 0, sizeof *res);
}

/* ---- what the database has ---- */

static void free_known(struct run *r)
{
    for (size_t i = 0; i < r->nparents; i++) {
        struct known_parent *k = &r->parents[i];
        free(k->key), free(k->roepnaam), free(k->voorvoegsel), free(k->achternaam), free(k->email), free(k->username);
    }
    for (size_t i = 0; i < r->nlinks; i++)
        free(r->links[i].relation);
    free(r->parents);
    free(r->links);
    r->parents = NULL;
    r->links = NULL;
    r->nparents = r->nlinks = 0;
}

static bool read_known_parent(sqlite3_stmt *st, struct known_parent *k)
{
    memset(k, 0, sizeof *k);
    k->id = sqlite3_column_int64(st, 0);
    k->key = db_col_dup(st, 1);
    k->roepnaam = db_col_dup(st, 2);
    k->voorvoegsel = db_col_dup(st, 3);
    k->achternaam = db_col_dup(st, 4);
    k->email = db_col_dup(st, 5);
    k->username = db_col_dup(st, 6);
    k->active = sqlite3_column_int(st, 7) != 0;
    return k->key && k->roepnaam && k->voorvoegsel && k->achternaam && k->email && k->username;
}

static enum km_rc load_parents(struct km_db *db, struct run *r)
{
    int64_t count = 0;
    enum km_rc rc =
        db_int(db, &count, "SELECT count(*) FROM users WHERE role = 'ouder' AND source = 'parnassys'", NULL);
    if (rc != KM_OK)
        return rc;
    r->parents = calloc((size_t)count + 1, sizeof *r->parents);
    if (!r->parents)
        return vec_no_memory(db);
    sqlite3_stmt *st;
    /* ORDER BY uses the BINARY collation: the order strcmp gives, for bsearch. */
    rc = db_query(db, &st,
                  "SELECT id, source_key, roepnaam, voorvoegsel, achternaam, COALESCE(email, ''), username, active"
                  " FROM users WHERE role = 'ouder' AND source = 'parnassys' ORDER BY source_key",
                  NULL);
    int step;
    while (rc == KM_OK && r->nparents < (size_t)count && (step = db_step(db, st)) != 0) {
        if (step < 0)
            return db_last_rc(db);
        bool ok = read_known_parent(st, &r->parents[r->nparents++]);
        if (!ok)
            rc = vec_no_memory(db);
    }
    db_done(st);
    return rc;
}

static enum km_rc load_links(struct km_db *db, struct run *r)
{
    int64_t count = 0;
    enum km_rc rc = db_int(db, &count, "SELECT count(*) FROM parent_child WHERE source = 'parnassys'", NULL);
    if (rc != KM_OK)
        return rc;
    r->links = calloc((size_t)count + 1, sizeof *r->links);
    if (!r->links)
        return vec_no_memory(db);
    sqlite3_stmt *st;
    rc = db_query(db, &st,
                  "SELECT parent_id, child_id, relation FROM parent_child WHERE source = 'parnassys'"
                  " ORDER BY parent_id, child_id",
                  NULL);
    int step;
    while (rc == KM_OK && r->nlinks < (size_t)count && (step = db_step(db, st)) != 0) {
        if (step < 0)
            return db_last_rc(db);
        struct known_link *l = &r->links[r->nlinks++];
        l->parent = sqlite3_column_int64(st, 0);
        l->child = sqlite3_column_int64(st, 1);
        if (!(l->relation = db_col_dup(st, 2)))
            rc = vec_no_memory(db);
    }
    db_done(st);
    return rc;
}

static int known_key_cmp(const void *key, const void *item)
{
    return strcmp(key, ((const struct known_parent *)item)->key);
}

static struct known_parent *find_parent(struct run *r, const char *key)
{
    return r->nparents ? bsearch(key, r->parents, r->nparents, sizeof *r->parents, known_key_cmp) : NULL;
}

static int link_cmp(const void *a, const void *b)
{
    const struct known_link *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return x->child < y->child ? -1 : x->child > y->child;
}

static struct known_link *find_link(struct run *r, int64_t parent, int64_t child)
{
    struct known_link probe = {.parent = parent, .child = child};
    return r->nlinks ? bsearch(&probe, r->links, r->nlinks, sizeof *r->links, link_cmp) : NULL;
}

/* ---- one parent ---- */

struct child_ref {
    int64_t id;
    char username[USERS_USERNAME_MAX + 8];
};

/* Every child of p by its key; an unknown key is an error on its line. Returns false on any error. */
static bool resolve_children(struct km_db *db, struct run *r, const struct parents_in *p, struct child_ref *out)
{
    bool ok = true;
    for (size_t i = 0; i < p->nchildren; i++) {
        const struct parents_child *c = &p->children[i];
        sqlite3_stmt *st;
        if (db_query(
                db, &st,
                "SELECT id, username FROM users WHERE role = 'leerling' AND source = 'parnassys' AND source_key = ?",
                "t", c->student_key) != KM_OK)
            return parents_error(r->res, c->line, "%s", db_errmsg(db));
        if (db_step(db, st) == 1) {
            out[i].id = sqlite3_column_int64(st, 0);
            snprintf(out[i].username, sizeof out[i].username, "%s", db_col_text(st, 1));
        } else {
            ok = parents_error(r->res, c->line,
                               _("geen leerling met sleutel '%.60s' (synchroniseer eerst de leerlingen uit ParnasSys)"),
                               c->student_key);
        }
        db_done(st);
    }
    return ok;
}

static bool same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static void display_name(const struct parents_in *p, char *out, size_t len)
{
    if (*p->voorvoegsel)
        snprintf(out, len, "%s %s %s", p->roepnaam, p->voorvoegsel, p->achternaam);
    else
        snprintf(out, len, "%s %s", p->roepnaam, p->achternaam);
}

static enum km_rc update_parent(struct km_db *db, const struct parents_in *p, int64_t id)
{
    return db_exec(
        db,
        "UPDATE users SET source = 'parnassys', source_key = ?, roepnaam = ?, voorvoegsel = ?, achternaam = ?,"
        " email = ?, active = 1, version = version + 1 WHERE id = ?",
        "ttttti", p->key, p->roepnaam, p->voorvoegsel, p->achternaam, p->email, id);
}

/* A parent the database already has: the file's names, e-mail and key (a key may replace an e-mail key). */
static enum km_rc refresh_parent(struct km_db *db, struct run *r, const struct parents_in *p, struct known_parent *k,
                                 bool *touched)
{
    k->seen = true;
    bool fields = !same(k->roepnaam, p->roepnaam) || !same(k->voorvoegsel, p->voorvoegsel) ||
                  !same(k->achternaam, p->achternaam) || !same(k->email, p->email) || !same(k->key, p->key);
    if (!fields && k->active)
        return KM_OK;
    enum km_rc rc = update_parent(db, p, k->id);
    if (rc != KM_OK)
        return rc;
    char name[700];
    display_name(p, name, sizeof name);
    *touched = true;
    if (fields) {
        r->res->changed++;
        change(r, p->line, _("~ ouder %s (%s): naam of e-mail gewijzigd"), name, k->username);
        rc = audit_add(r->s, k->id, "gebruiker-gewijzigd", _("naam of e-mail uit ParnasSys"));
    }
    if (rc == KM_OK && !k->active) {
        r->res->reactivated++;
        change(r, p->line, _("+ ouder %s (%s) weer actief"), name, k->username);
        rc = audit_add(r->s, k->id, "gebruiker-geactiveerd", _("weer in de ouderlijst van ParnasSys"));
    }
    return rc;
}

/* A parent account made by hand earlier, with the same e-mail address: taken over rather than doubled, so
 * the parent keeps their password and "wachtwoord vergeten" by e-mail keeps finding one account. */
static enum km_rc adopt_local(struct km_db *db, struct run *r, const struct parents_in *p, int64_t *id)
{
    int64_t found = 0, count = 0;
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT COALESCE(min(id), 0), count(*) FROM users WHERE role = 'ouder' AND source = 'local'"
                 " AND active = 1 AND email = ? COLLATE NOCASE",
                 "t", p->email);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) == 1) {
        found = sqlite3_column_int64(st, 0);
        count = sqlite3_column_int64(st, 1);
    }
    db_done(st);
    *id = count == 1 ? found : 0;
    if (!*id)
        return KM_OK;
    if ((rc = update_parent(db, p, *id)) != KM_OK)
        return rc;
    char name[700], username[USERS_USERNAME_MAX + 8] = "";
    display_name(p, name, sizeof name);
    db_text(db, username, sizeof username, "SELECT username FROM users WHERE id = ?", "i", *id);
    r->res->changed++;
    change(r, p->line, _("~ ouder %s (%s) komt voortaan uit ParnasSys"), name, username);
    return audit_add(r->s, *id, "gebruiker-gewijzigd", _("ouder komt voortaan uit ParnasSys"));
}

static enum km_rc add_parent(struct km_db *db, struct run *r, const struct parents_in *p, int64_t *id)
{
    char username[USERS_USERNAME_MAX + 8], now[20];
    enum km_rc rc = users_make_username(db, p->roepnaam, p->voorvoegsel, p->achternaam, username, sizeof username);
    if (rc != KM_OK)
        return rc;
    db_now(now);
    rc = db_exec(db,
                 "INSERT INTO users (role, username, roepnaam, voorvoegsel, achternaam, email, source, source_key,"
                 " created_at) VALUES ('ouder', ?, ?, ?, ?, ?, 'parnassys', ?, ?)",
                 "ttttttt", username, p->roepnaam, p->voorvoegsel, p->achternaam, p->email, p->key, now);
    if (rc != KM_OK)
        return rc;
    *id = db_last_id(db);
    remember_added(r, *id);
    r->res->added++;
    char name[700];
    display_name(p, name, sizeof name);
    change(r, p->line, "+ ouder %s (%s) <%s>", name, username, p->email);
    return audit_add(r->s, *id, "gebruiker-aangemaakt", _("ouder uit ParnasSys"));
}

static enum km_rc link_child(struct km_db *db, struct run *r, int64_t parent, const struct parents_child *c,
                             const struct child_ref *child, bool *touched)
{
    struct known_link *l = find_link(r, parent, child->id);
    if (l)
        l->seen = true;
    if (l && same(l->relation, c->relation))
        return KM_OK;
    enum km_rc rc =
        db_exec(db,
                "INSERT INTO parent_child (parent_id, child_id, relation, source) VALUES (?, ?, ?, 'parnassys')"
                " ON CONFLICT (parent_id, child_id) DO UPDATE SET relation = excluded.relation,"
                " source = 'parnassys'",
                "iit", parent, child->id, c->relation);
    if (rc != KM_OK)
        return rc;
    *touched = true;
    const char *rel = *c->relation ? c->relation : "ouder";
    if (l) {
        r->res->links_changed++;
        change(r, c->line, _("~ koppeling: nu %s van %s"), rel, child->username);
        return KM_OK;
    }
    r->res->links_added++;
    change(r, c->line, _("+ koppeling: %s van %s"), rel, child->username);
    return audit_add(r->s, parent, "ouder-gekoppeld", child->username);
}

static enum km_rc apply_parent(struct km_db *db, struct run *r, const struct parents_in *p)
{
    struct child_ref *children = calloc(p->nchildren + 1, sizeof *children);
    if (!children)
        return vec_no_memory(db);
    enum km_rc rc = KM_OK;
    bool touched = false;
    int64_t id = 0;
    if (!resolve_children(db, r, p, children) || r->res->nerrors) {
        free(children); /* the run fails; go on only to find every error */
        return KM_OK;
    }
    struct known_parent *k = find_parent(r, p->key);
    if (!k && strncmp(p->key, PARENTS_EMAIL_KEY, strlen(PARENTS_EMAIL_KEY)) != 0) {
        /* The export has keys now; an earlier import knew this parent by e-mail. */
        char email_key[300];
        parents_email_key(p->email, email_key, sizeof email_key);
        k = find_parent(r, email_key);
        if (k && k->seen)
            k = NULL; /* the file names that parent by e-mail as well: this one is someone else */
    }
    if (k && (rc = refresh_parent(db, r, p, k, &touched)) == KM_OK)
        id = k->id;
    if (!k && (rc = adopt_local(db, r, p, &id)) == KM_OK && id)
        touched = true;
    if (!k && rc == KM_OK && !id && (rc = add_parent(db, r, p, &id)) == KM_OK)
        touched = true;
    for (size_t i = 0; rc == KM_OK && i < p->nchildren; i++)
        rc = link_child(db, r, id, &p->children[i], &children[i], &touched);
    if (rc == KM_OK && !touched)
        r->res->unchanged++;
    free(children);
    return rc;
}

/* ---- what the file no longer names ---- */

static enum km_rc deactivate_missing(struct km_db *db, struct run *r)
{
    enum km_rc rc = KM_OK;
    for (size_t i = 0; rc == KM_OK && i < r->nparents; i++) {
        struct known_parent *k = &r->parents[i];
        if (k->seen || !k->active)
            continue;
        rc = db_exec(db, "UPDATE users SET active = 0, version = version + 1 WHERE id = ?", "i", k->id);
        if (rc == KM_OK)
            rc = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", k->id);
        if (rc == KM_OK)
            rc = audit_add(r->s, k->id, "gebruiker-gedeactiveerd", _("niet meer in de ouderlijst van ParnasSys"));
        r->res->deactivated++;
        change(r, 0, _("- ouder %s%s%s %s (%s) staat niet meer in het bestand: inactief"), k->roepnaam,
               *k->voorvoegsel ? " " : "", k->voorvoegsel, k->achternaam, k->username);
    }
    return rc;
}

static enum km_rc unlink_missing(struct km_db *db, struct run *r)
{
    enum km_rc rc = KM_OK;
    for (size_t i = 0; rc == KM_OK && i < r->nlinks; i++) {
        struct known_link *l = &r->links[i];
        if (l->seen)
            continue;
        char parent[USERS_USERNAME_MAX + 8] = "", child[USERS_USERNAME_MAX + 8] = "";
        db_text(db, parent, sizeof parent, "SELECT username FROM users WHERE id = ?", "i", l->parent);
        db_text(db, child, sizeof child, "SELECT username FROM users WHERE id = ?", "i", l->child);
        rc = db_exec(db, "DELETE FROM parent_child WHERE parent_id = ? AND child_id = ?", "ii", l->parent, l->child);
        if (rc == KM_OK)
            rc = audit_add(r->s, l->parent, "ouder-ontkoppeld", child);
        r->res->links_removed++;
        change(r, 0, _("- koppeling: %s niet meer bij %s"), parent, child);
    }
    return rc;
}

/* ---- the run ---- */

static enum km_rc run_tx(struct km_db *db, void *arg)
{
    struct run *r = arg;
    reset_result(r);
    free_known(r);
    enum km_rc rc = load_parents(db, r);
    if (rc == KM_OK)
        rc = load_links(db, r);
    for (size_t i = 0; rc == KM_OK && i < r->n; i++)
        rc = apply_parent(db, r, &r->in[i]);
    if (rc == KM_OK && r->res->nerrors == 0)
        rc = deactivate_missing(db, r);
    if (rc == KM_OK && r->res->nerrors == 0)
        rc = unlink_missing(db, r);
    if (rc == KM_OK && r->res->nomem)
        rc = vec_no_memory(db);
    if (rc == KM_OK && r->res->nerrors)
        rc = db_fail(db, KM_INVALID, _("%zu fout%s in het bestand; er is niets gewijzigd."), r->res->nerrors,
                     i18n_plural(r->res->nerrors, "", "en", "", "s"));
    if (rc == KM_OK && r->dry_run) {
        /* A dry run is the real run, rolled back: what it reports is exactly what would happen. */
        r->dry_done = true;
        rc = KM_CONFLICT;
    }
    return rc;
}

enum km_rc parents_import(const struct km_session *s, const struct parents_in *in, size_t n, bool dry_run,
                          struct parents_result *res)
{
    enum km_rc rc = access_check(s, ACT_EDIT_SYNCED, 0);
    if (rc != KM_OK)
        return rc;
    if (n == 0 && res->nerrors == 0)
        parents_error(res, 0, _("het bestand noemt geen enkele ouder; een lege lijst zou alle ouders deactiveren"));
    struct run r = {.s = s, .in = in, .n = n, .dry_run = dry_run, .res = res, .base_errors = res->nerrors};
    rc = db_tx(s->db, run_tx, &r);
    if (r.dry_done && rc == KM_CONFLICT)
        rc = KM_OK;
    free_known(&r);
    if (res->nerrors) {
        line_error_sort(res->errors, res->nerrors); /* one line's errors stay in the order found */
        if (rc == KM_OK)
            rc = db_fail(s->db, KM_INVALID, _("%zu fout%s in het bestand; er is niets gewijzigd."), res->nerrors,
                         i18n_plural(res->nerrors, "", "en", "", "s"));
    }
    if (rc != KM_OK) {
        free(res->changes);
        free(res->added_ids);
        res->changes = NULL;
        res->added_ids = NULL;
        res->nchanges = res->nadded = 0;
    }
    return rc;
}

void parents_email_key(const char *email, char *out, size_t len)
{
    size_t n = (size_t)snprintf(out, len, "%s", PARENTS_EMAIL_KEY);
    for (const char *p = email ? email : ""; *p && n + 1 < len; p++)
        out[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    if (n < len)
        out[n] = '\0';
}

/* ---- invitations ---- */

static void read_invitee(sqlite3_stmt *st, struct parents_invitee *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    snprintf(p->username, sizeof p->username, "%s", db_col_text(st, 1));
    snprintf(p->roepnaam, sizeof p->roepnaam, "%s", db_col_text(st, 2));
    const char *voor = db_col_text(st, 3);
    snprintf(p->name, sizeof p->name, "%s%s%s %s", db_col_text(st, 2), *voor ? " " : "", voor, db_col_text(st, 4));
    snprintf(p->email, sizeof p->email, "%s", db_col_text(st, 5));
}

static enum km_rc push_invitee(struct parents_invitee_list *out, sqlite3_stmt *st)
{
    if ((out->n & (out->n - 1)) == 0) {
        struct parents_invitee *p = realloc(out->items, (out->n ? out->n * 2 : 16) * sizeof *p);
        if (!p)
            return KM_ERR;
        out->items = p;
    }
    read_invitee(st, &out->items[out->n++]);
    return KM_OK;
}

/* One query: all uninvited parents (id 0) or one of them. */
static enum km_rc query_uninvited(struct km_db *db, int64_t group_id, int64_t id, struct parents_invitee_list *out)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT u.id, u.username, u.roepnaam, u.voorvoegsel, u.achternaam, u.email FROM users u"
                 " WHERE u.role = 'ouder' AND u.active = 1 AND COALESCE(u.email, '') <> ''"
                 " AND u.invited_at IS NULL AND u.password_state = 'none' AND (?2 = 0 OR u.id = ?2)"
                 " AND (?1 = 0 OR EXISTS (SELECT 1 FROM parent_child pc"
                 "   JOIN memberships m ON m.user_id = pc.child_id AND m.kind = 'leerling' AND m.group_id = ?1"
                 "   JOIN users c ON c.id = pc.child_id AND c.active = 1 WHERE pc.parent_id = u.id))"
                 " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
                 "ii", group_id, id);
    int step;
    while (rc == KM_OK && (step = db_step(db, st)) != 0)
        rc = step < 0 ? db_last_rc(db) : push_invitee(out, st) == KM_OK ? KM_OK : vec_no_memory(db);
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

enum km_rc parents_uninvited(const struct km_session *s, const struct parents_invite_filter *f,
                             struct parents_invitee_list *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    int64_t group = f ? f->group_id : 0;
    if (rc == KM_OK && (!f || f->nids == 0))
        rc = query_uninvited(s->db, group, 0, out);
    for (size_t i = 0; rc == KM_OK && f && i < f->nids; i++)
        rc = f->ids[i] > 0 ? query_uninvited(s->db, group, f->ids[i], out) : KM_OK;
    if (rc != KM_OK)
        parents_invitee_list_free(out);
    return rc;
}

void parents_invitee_list_free(struct parents_invitee_list *l)
{
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

struct mark_ctx {
    const struct km_session *s;
    int64_t id;
};

static enum km_rc mark_tx(struct km_db *db, void *arg)
{
    struct mark_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db, "UPDATE users SET invited_at = ? WHERE id = ? AND role = 'ouder'", "ti", now, c->id);
    if (rc == KM_OK && db_changes(db) != 1)
        rc = db_fail(db, KM_NOTFOUND, _("Deze ouder bestaat niet."));
    return rc == KM_OK ? audit_add(c->s, c->id, "ouder-uitgenodigd", _("accountmail verstuurd")) : rc;
}

enum km_rc parents_mark_invited(const struct km_session *s, int64_t id)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    struct mark_ctx c = {s, id};
    return rc == KM_OK ? db_tx(s->db, mark_tx, &c) : rc;
}
