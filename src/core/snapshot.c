/* Applies a ParnasSys snapshot: one transaction that diffs groups, people and memberships against what the
 * sync made before. The rules are in snapshot.h. */
#include "core/db_sql.h"
#include "core/snapshot.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"

#define KEY_MAX 300 /* a key (EDEXML allows 256 characters) with the teacher prefix */

/* ---- the report ---- */

bool snapshot_line_room(const struct sync_report *r) { return r->nlines < SYNC_MAX_LINES; }

__attribute__((format(printf, 2, 0))) static void add_line(struct sync_report *r, const char *fmt, va_list ap)
{
    if (!snapshot_line_room(r)) {
        r->truncated = true;
        return;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    /* text_clean cuts on a code point boundary, so a long name never leaves half a letter. */
    text_clean(buf, r->lines[r->nlines++], sizeof r->lines[0]);
}

void snapshot_line(struct sync_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_line(r, fmt, ap);
    va_end(ap);
}

void snapshot_error(struct sync_report *r, int line, const char *element, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    r->errors++;
    if (line > 0)
        snapshot_line(r, _("regel %d: <%s>: %s"), line, element, text);
    else
        snapshot_line(r, "<%s>: %s", element, text);
}

/* ---- the run's state ---- */

/* An account the sync made in an earlier run. */
struct old_person {
    int64_t id;
    char *key, *roepnaam, *voorvoegsel, *achternaam, *email, *instroom, *uitstroom;
    bool teacher, active, seen;
};

struct apply {
    const struct snapshot *snap;
    const char *source;
    bool dry_run;
    char started[20];
    char current_year[12]; /* the school year snap->today falls in */
    struct sync_report *r;
    struct km_session sync;
    struct old_person *old;
    size_t nold;
    int64_t *group_ids;  /* per snapshot group */
    int64_t *person_ids; /* per snapshot person */
    bool *person_new;    /* added by this run: its memberships are part of its "+" line */
};

static void free_old(struct apply *a)
{
    for (size_t i = 0; i < a->nold; i++) {
        struct old_person *o = &a->old[i];
        free(o->key);
        free(o->roepnaam);
        free(o->voorvoegsel);
        free(o->achternaam);
        free(o->email);
        free(o->instroom);
        free(o->uitstroom);
    }
    free(a->old);
    a->old = NULL;
    a->nold = 0;
}

static void free_state(struct apply *a)
{
    free_old(a);
    free(a->group_ids);
    free(a->person_ids);
    free(a->person_new);
    a->group_ids = a->person_ids = NULL;
    a->person_new = NULL;
}

/* Appends to a NUL-terminated buffer; a full buffer simply stops growing. */
static void person_key(const struct snap_person *p, char key[KEY_MAX])
{
    snprintf(key, KEY_MAX, "%s%s", p->teacher ? SNAPSHOT_TEACHER_KEY : "", p->key);
}

static void join_name(const char *roep, const char *voor, const char *achter, char *out, size_t len)
{
    snprintf(out, len, "%s%s%s%s%s", roep, *roep && (*voor || *achter) ? " " : "", voor, *voor && *achter ? " " : "",
             achter);
}

static void person_name(const struct snap_person *p, char *out, size_t len)
{
    join_name(p->roepnaam, p->voorvoegsel, p->achternaam, out, len);
}

static const char *role_word(bool teacher) { return teacher ? "leerkracht" : "leerling"; }

/* ---- loading what the sync made before ---- */

static int cmp_old(const void *x, const void *y)
{
    return strcmp(((const struct old_person *)x)->key, ((const struct old_person *)y)->key);
}

static bool read_old(sqlite3_stmt *st, struct old_person *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->teacher = strcmp(db_col_text(st, 1), "leerkracht") == 0;
    o->key = db_col_dup(st, 2);
    o->roepnaam = db_col_dup(st, 3);
    o->voorvoegsel = db_col_dup(st, 4);
    o->achternaam = db_col_dup(st, 5);
    o->email = db_col_dup(st, 6);
    o->instroom = db_col_dup(st, 7);
    o->uitstroom = db_col_dup(st, 8);
    o->active = sqlite3_column_int(st, 9) != 0;
    return o->key && o->roepnaam && o->voorvoegsel && o->achternaam && o->email && o->instroom && o->uitstroom;
}

static enum km_rc load_old(struct km_db *db, struct apply *a)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT id, role, source_key, roepnaam, voorvoegsel, achternaam, COALESCE(email, ''),"
                 " COALESCE(instroom, ''), COALESCE(uitstroom, ''), active FROM users"
                 " WHERE source = 'parnassys' AND role IN ('leerling', 'leerkracht') AND source_key IS NOT NULL",
                 NULL);
    size_t cap = 0;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        if (a->nold == cap) {
            cap = cap ? cap * 2 : 256;
            struct old_person *grown = realloc(a->old, cap * sizeof *grown);
            if (!grown) {
                db_done(st);
                return vec_no_memory(db);
            }
            a->old = grown;
        }
        bool ok = read_old(st, &a->old[a->nold++]);
        if (!ok) {
            db_done(st);
            return vec_no_memory(db);
        }
    }
    if (rc == KM_OK && a->nold)
        qsort(a->old, a->nold, sizeof *a->old, cmp_old);
    return rc;
}

static struct old_person *find_old(struct apply *a, const char *key)
{
    struct old_person probe = {.key = (char *)key};
    return a->nold ? bsearch(&probe, a->old, a->nold, sizeof *a->old, cmp_old) : NULL;
}

/* ---- the school ---- */

static enum km_rc check_brin(struct km_db *db, struct apply *a)
{
    char brin[16] = "";
    enum km_rc rc = db_text(db, brin, sizeof brin, "SELECT COALESCE(brin, '') FROM school WHERE id = 1", NULL);
    if (rc != KM_OK && rc != KM_NOTFOUND)
        return rc;
    if (!*brin || !*a->snap->brin || strcasecmp(brin, a->snap->brin) == 0)
        return KM_OK;
    snapshot_error(a->r, a->snap->brin_line, "brincode", _("het bestand is van BRIN %s, deze database van BRIN %s."),
                   a->snap->brin, brin);
    return db_fail(db, KM_INVALID, _("Het bestand is van een andere school (BRIN %s); er is niets veranderd."),
                   a->snap->brin);
}

/* ---- groups ---- */

struct old_group {
    int64_t id;
    char name[256], kind[16], jaargroep[8];
    bool active;
};

static enum km_rc find_group(struct km_db *db, struct apply *a, const char *key, struct old_group *g)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT id, name, kind, COALESCE(jaargroep, ''), active FROM groups"
                             " WHERE schooljaar = ? AND source = 'parnassys' AND source_key = ?",
                             "tt", a->snap->schooljaar, key);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db) : KM_NOTFOUND;
    g->id = sqlite3_column_int64(st, 0);
    snprintf(g->name, sizeof g->name, "%s", db_col_text(st, 1));
    snprintf(g->kind, sizeof g->kind, "%s", db_col_text(st, 2));
    snprintf(g->jaargroep, sizeof g->jaargroep, "%s", db_col_text(st, 3));
    g->active = sqlite3_column_int(st, 4) != 0;
    db_done(st);
    return KM_OK;
}

static bool name_taken(struct km_db *db, const char *schooljaar, const char *name, int64_t self)
{
    int64_t id = 0;
    return db_int(db, &id, "SELECT id FROM groups WHERE schooljaar = ? AND name = ?", "tt", schooljaar, name) ==
               KM_OK &&
           id != self;
}

/* A group name is unique per school year, and a teacher may have made an eigen groep with the name of a
 * ParnasSys group: the synced group then carries its key, "4A (GRP4A)". Both forms are fixed by the data, so
 * a second run picks the same one. */
static enum km_rc group_name(struct km_db *db, struct apply *a, const struct snap_group *g, int64_t self, char *out,
                             size_t len)
{
    snprintf(out, len, "%s", g->name);
    if (!name_taken(db, a->snap->schooljaar, out, self))
        return KM_OK;
    snprintf(out, len, "%s (%s)", g->name, g->key);
    if (!name_taken(db, a->snap->schooljaar, out, self))
        return KM_OK;
    return db_fail(db, KM_EXISTS, _("De groepsnaam '%s' is in %s al in gebruik."), out, a->snap->schooljaar);
}

static const char *group_kind(const struct snap_group *g) { return g->samengesteld ? "samengesteld" : "stamgroep"; }

static enum km_rc insert_group(struct km_db *db, struct apply *a, size_t i, bool active)
{
    const struct snap_group *g = &a->snap->groups[i];
    char name[300], now[20];
    enum km_rc rc = group_name(db, a, g, 0, name, sizeof name);
    if (rc != KM_OK)
        return rc;
    db_now(now);
    rc = db_exec(db,
                 "INSERT INTO groups (name, kind, schooljaar, jaargroep, source, source_key, active, created_at)"
                 " VALUES (?, ?, ?, ?, 'parnassys', ?, ?, ?)",
                 "ttttedt", name, group_kind(g), a->snap->schooljaar, g->jaargroep, g->key, active, now);
    if (rc != KM_OK)
        return rc;
    a->group_ids[i] = db_last_id(db);
    a->r->groups_added++;
    snapshot_line(a->r, "+ %s %s (%s%s%s)%s", g->samengesteld ? _("samengestelde groep") : "groep", name,
                  a->snap->schooljaar, *g->jaargroep ? ", jaargroep " : "", g->jaargroep,
                  active ? "" : _(", inactief: het schooljaar is voorbij"));
    return audit_add(&a->sync, 0, "groep-aangemaakt", name);
}

static enum km_rc update_group(struct km_db *db, struct apply *a, size_t i, const struct old_group *old, bool active)
{
    const struct snap_group *g = &a->snap->groups[i];
    char name[300], what[200] = "";
    enum km_rc rc = group_name(db, a, g, old->id, name, sizeof name);
    if (rc != KM_OK)
        return rc;
    a->group_ids[i] = old->id;
    if (strcmp(name, old->name) != 0)
        strbuf_appendf(what, sizeof what, _(", naam (was %s)"), old->name);
    if (strcmp(group_kind(g), old->kind) != 0)
        strbuf_appendf(what, sizeof what, ", soort %s", group_kind(g));
    if (strcmp(g->jaargroep, old->jaargroep) != 0)
        strbuf_appendf(what, sizeof what, ", jaargroep %s", *g->jaargroep ? g->jaargroep : "-");
    if (active != old->active)
        strbuf_appendf(what, sizeof what, ", %s", active ? _("weer actief") : "inactief");
    if (!*what)
        return KM_OK;
    rc = db_exec(db,
                 "UPDATE groups SET name = ?, kind = ?, jaargroep = ?, active = ?, version = version + 1 WHERE id = ?",
                 "tedi", name, group_kind(g), g->jaargroep, active, old->id);
    if (rc != KM_OK)
        return rc;
    a->r->groups_changed++;
    snapshot_line(a->r, "~ groep %s (%s): %s", name, a->snap->schooljaar, what + 2);
    return KM_OK;
}

/* Existing groups first, new ones after: a rename in ParnasSys frees its old name before a new group
 * asks for it. */
static enum km_rc apply_groups(struct km_db *db, struct apply *a)
{
    bool active = strcmp(a->snap->schooljaar, a->current_year) >= 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < a->snap->ngroups; i++) {
            struct old_group old;
            enum km_rc rc = find_group(db, a, a->snap->groups[i].key, &old);
            if (rc == KM_OK)
                rc = pass == 0 ? update_group(db, a, i, &old, active) : KM_OK;
            else if (rc == KM_NOTFOUND)
                rc = pass == 1 ? insert_group(db, a, i, active) : KM_OK;
            if (rc != KM_OK)
                return rc;
        }
    }
    return KM_OK;
}

static bool in_snapshot_groups(const struct apply *a, int64_t id)
{
    for (size_t i = 0; i < a->snap->ngroups; i++)
        if (a->group_ids[i] == id)
            return true;
    return false;
}

/* Ids of the active synced groups the query gives (bound to one text parameter), read before any is changed. */
static enum km_rc active_synced_groups(struct km_db *db, const char *sql, const char *param, int64_t **ids, size_t *n)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, sql, "t", param);
    *ids = NULL;
    *n = 0;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        int64_t *grown = vec_grow(*ids, *n, sizeof *grown);
        if (!grown) {
            db_done(st);
            return vec_no_memory(db);
        }
        *ids = grown;
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    return rc;
}

static enum km_rc deactivate_group(struct km_db *db, struct apply *a, int64_t id, const char *why)
{
    char name[256] = "", year[16] = "";
    db_text(db, name, sizeof name, "SELECT name FROM groups WHERE id = ?", "i", id);
    db_text(db, year, sizeof year, "SELECT schooljaar FROM groups WHERE id = ?", "i", id);
    enum km_rc rc = db_exec(db, "UPDATE groups SET active = 0, version = version + 1 WHERE id = ?", "i", id);
    if (rc != KM_OK)
        return rc;
    a->r->groups_changed++;
    snapshot_line(a->r, "- groep %s (%s): %s", name, year, why);
    return KM_OK;
}

/* Groups of this school year that ParnasSys no longer lists, and groups of school years that have ended. */
static enum km_rc retire_groups(struct km_db *db, struct apply *a)
{
    int64_t *ids;
    size_t n;
    enum km_rc rc = active_synced_groups(
        db, "SELECT id FROM groups WHERE source = 'parnassys' AND active = 1 AND schooljaar = ? ORDER BY name",
        a->snap->schooljaar, &ids, &n);
    for (size_t i = 0; rc == KM_OK && i < n; i++)
        if (!in_snapshot_groups(a, ids[i]))
            rc = deactivate_group(db, a, ids[i], _("niet meer in ParnasSys"));
    free(ids);
    if (rc != KM_OK)
        return rc;
    rc = active_synced_groups(
        db,
        "SELECT id FROM groups WHERE source = 'parnassys' AND active = 1 AND schooljaar < ? ORDER BY schooljaar, name",
        a->current_year, &ids, &n);
    for (size_t i = 0; rc == KM_OK && i < n; i++)
        rc = deactivate_group(db, a, ids[i], _("het schooljaar is voorbij"));
    free(ids);
    return rc;
}

/* ---- people ---- */

/* Active from the instroomdatum up to the day before the uitstroomdatum ('YYYY-MM-DD' compares as text). */
static bool wants_active(const struct apply *a, const struct snap_person *p)
{
    const char *today = a->snap->today;
    return (!*p->instroom || strcmp(p->instroom, today) <= 0) && (!*p->uitstroom || strcmp(p->uitstroom, today) > 0);
}

static void inactive_reason(const struct apply *a, const struct snap_person *p, char *out, size_t len)
{
    if (*p->uitstroom && strcmp(p->uitstroom, a->snap->today) <= 0)
        snprintf(out, len, _("uitgestroomd op %s"), p->uitstroom);
    else
        snprintf(out, len, _("actief vanaf %s"), p->instroom);
}

static bool looks_like_email(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(e) > 254)
        return false;
    return strcspn(e, " <>,;\"") == strlen(e);
}

/* The e-mail address to store: an address that is not one is left out, with a note in the report. */
static const char *usable_email(struct apply *a, const struct snap_person *p)
{
    if (!*p->email || looks_like_email(p->email))
        return p->email;
    char name[300];
    person_name(p, name, sizeof name);
    snapshot_line(a->r, _("let op: %s %s: '%s' is geen e-mailadres en is niet opgeslagen"), role_word(p->teacher), name,
                  p->email);
    return "";
}

/* ", groep 5a" for a student (the stamgroep); ", groepen 4A (STA, OWA), Muizen" for a teacher. */
static void describe_links(const struct apply *a, const struct snap_person *p, char *out, size_t len)
{
    out[0] = '\0';
    for (size_t i = 0; i < p->nlinks; i++) {
        const struct snap_group *g = &a->snap->groups[p->links[i].group];
        const char *roles = p->links[i].roles ? p->links[i].roles : "";
        if (!p->teacher && g->samengesteld)
            continue;
        strbuf_appendf(out, len, "%s%s%s%s%s",
                       *out         ? ", "
                       : p->teacher ? ", groepen "
                                    : ", groep ",
                       g->name, *roles ? " (" : "", roles, *roles ? ")" : "");
        if (!p->teacher)
            return;
    }
}

static enum km_rc add_person(struct km_db *db, struct apply *a, size_t i, const char *email)
{
    const struct snap_person *p = &a->snap->people[i];
    char key[KEY_MAX], username[USERS_USERNAME_MAX + 8], now[20], name[300], note[64] = "", where[200];
    person_key(p, key);
    enum km_rc rc = users_make_username(db, p->roepnaam, p->voorvoegsel, p->achternaam, username, sizeof username);
    if (rc != KM_OK)
        return rc;
    bool active = wants_active(a, p);
    db_now(now);
    rc = db_exec(
        db,
        "INSERT INTO users (role, username, roepnaam, voorvoegsel, achternaam, email, active, instroom, uitstroom,"
        " source, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'parnassys', ?, ?)",
        "tttttedeett", role_word(p->teacher), username, p->roepnaam, p->voorvoegsel, p->achternaam, email, active,
        p->instroom, p->uitstroom, key, now);
    if (rc != KM_OK)
        return rc;
    a->person_ids[i] = db_last_id(db);
    a->person_new[i] = true;
    a->r->added++;
    if (!active) {
        note[0] = ',';
        note[1] = ' ';
        inactive_reason(a, p, note + 2, sizeof note - 2);
    }
    describe_links(a, p, where, sizeof where);
    person_name(p, name, sizeof name);
    snapshot_line(a->r, "+ %s %s (%s%s)%s", role_word(p->teacher), name, username, where, note);
    return audit_add(&a->sync, a->person_ids[i], "sync-toegevoegd", role_word(p->teacher));
}

static void note_change(char *what, size_t len, bool differs, const char *field)
{
    if (differs)
        strbuf_appendf(what, len, "%s%s", *what ? ", " : "", field);
}

static enum km_rc update_fields(struct km_db *db, struct apply *a, size_t i, const struct old_person *o,
                                const char *email)
{
    const struct snap_person *p = &a->snap->people[i];
    char fields[80] = "", oldname[300], name[300];
    note_change(fields, sizeof fields,
                strcmp(o->roepnaam, p->roepnaam) != 0 || strcmp(o->voorvoegsel, p->voorvoegsel) != 0 ||
                    strcmp(o->achternaam, p->achternaam) != 0,
                "naam");
    note_change(fields, sizeof fields, strcmp(o->email, email) != 0, "e-mail");
    note_change(fields, sizeof fields, strcmp(o->instroom, p->instroom) != 0, "instroomdatum");
    note_change(fields, sizeof fields, strcmp(o->uitstroom, p->uitstroom) != 0, "uitstroomdatum");
    if (!*fields)
        return KM_OK;
    enum km_rc rc =
        db_exec(db,
                "UPDATE users SET roepnaam = ?, voorvoegsel = ?, achternaam = ?, email = ?, instroom = ?,"
                " uitstroom = ?, version = version + 1 WHERE id = ?",
                "ttteeei", p->roepnaam, p->voorvoegsel, p->achternaam, email, p->instroom, p->uitstroom, o->id);
    if (rc != KM_OK)
        return rc;
    a->r->changed++;
    join_name(o->roepnaam, o->voorvoegsel, o->achternaam, oldname, sizeof oldname);
    person_name(p, name, sizeof name);
    if (strncmp(fields, "naam", 4) == 0) /* the audit log gets which fields, the report also the old name */
        snapshot_line(a->r, "~ %s %s: %s (was %s)", role_word(p->teacher), name, fields, oldname);
    else
        snapshot_line(a->r, "~ %s %s: %s", role_word(p->teacher), name, fields);
    return audit_add(&a->sync, o->id, "sync-gewijzigd", fields);
}

/* An account that stops being active loses its running sessions, as users_deactivate does. */
static enum km_rc set_active(struct km_db *db, struct apply *a, int64_t id, bool active)
{
    enum km_rc rc = db_exec(db, "UPDATE users SET active = ?, version = version + 1 WHERE id = ?", "di", active, id);
    if (rc == KM_OK && !active)
        rc = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", id);
    if (rc == KM_OK)
        rc = audit_add(&a->sync, id, active ? "sync-geactiveerd" : "sync-gedeactiveerd", "");
    return rc;
}

static enum km_rc update_active(struct km_db *db, struct apply *a, size_t i, const struct old_person *o)
{
    const struct snap_person *p = &a->snap->people[i];
    bool active = wants_active(a, p);
    if (active == o->active)
        return KM_OK;
    char name[300], why[64];
    person_name(p, name, sizeof name);
    if (active) {
        a->r->activated++;
        snapshot_line(a->r, "* %s %s: actief%s%s", role_word(p->teacher), name, *p->instroom ? " sinds " : "",
                      p->instroom);
    } else {
        a->r->deactivated++;
        inactive_reason(a, p, why, sizeof why);
        snapshot_line(a->r, "- %s %s: inactief, %s", role_word(p->teacher), name, why);
    }
    return set_active(db, a, o->id, active);
}

static enum km_rc apply_person(struct km_db *db, struct apply *a, size_t i)
{
    const struct snap_person *p = &a->snap->people[i];
    char key[KEY_MAX];
    person_key(p, key);
    const char *email = usable_email(a, p);
    struct old_person *o = find_old(a, key);
    if (!o)
        return add_person(db, a, i, email);
    o->seen = true;
    a->person_ids[i] = o->id;
    enum km_rc rc = update_fields(db, a, i, o, email);
    return rc == KM_OK ? update_active(db, a, i, o) : rc;
}

static enum km_rc retire_people(struct km_db *db, struct apply *a)
{
    for (size_t i = 0; i < a->nold; i++) {
        struct old_person *o = &a->old[i];
        if (o->seen || !o->active)
            continue;
        char name[300];
        join_name(o->roepnaam, o->voorvoegsel, o->achternaam, name, sizeof name);
        a->r->deactivated++;
        snapshot_line(a->r, _("- %s %s: niet meer in ParnasSys"), role_word(o->teacher), name);
        enum km_rc rc = set_active(db, a, o->id, false);
        if (rc != KM_OK)
            return rc;
    }
    return KM_OK;
}

/* ---- memberships ---- */

struct member {
    int64_t group, user;
    bool teacher, synced;
};

static int cmp_member(const void *x, const void *y)
{
    const struct member *a = x, *b = y;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return a->user < b->user ? -1 : a->user > b->user;
}

static enum km_rc load_members(struct km_db *db, struct apply *a, struct member **out, size_t *n)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT m.group_id, m.user_id, m.kind = 'leerkracht', m.source = 'parnassys' FROM memberships m"
                 " JOIN groups g ON g.id = m.group_id WHERE g.source = 'parnassys' AND g.schooljaar = ?"
                 " ORDER BY m.group_id, m.user_id",
                 "t", a->snap->schooljaar);
    size_t cap = 0;
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            struct member *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                db_done(st);
                return vec_no_memory(db);
            }
            *out = grown;
        }
        struct member *m = &(*out)[(*n)++];
        m->group = sqlite3_column_int64(st, 0);
        m->user = sqlite3_column_int64(st, 1);
        m->teacher = sqlite3_column_int(st, 2) != 0;
        m->synced = sqlite3_column_int(st, 3) != 0;
    }
    return rc;
}

/* What the snapshot says, sorted like load_members and without doubles (a teacher may name a group twice). */
static enum km_rc wanted_members(struct km_db *db, struct apply *a, struct member **out, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < a->snap->npeople; i++)
        total += a->snap->people[i].nlinks;
    *out = total ? malloc(total * sizeof **out) : NULL;
    if (total && !*out)
        return vec_no_memory(db);
    for (size_t i = 0; i < a->snap->npeople; i++) {
        const struct snap_person *p = &a->snap->people[i];
        for (size_t k = 0; k < p->nlinks; k++)
            (*out)[(*n)++] = (struct member){a->group_ids[p->links[k].group], a->person_ids[i], p->teacher, true};
    }
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_member);
    size_t w = 0;
    for (size_t i = 0; i < *n; i++)
        if (w == 0 || cmp_member(&(*out)[w - 1], &(*out)[i]) != 0)
            (*out)[w++] = (*out)[i];
    *n = w;
    return KM_OK;
}

/* A person's name for a report line; *is_new when the person was added by this run. */
static void member_name(struct km_db *db, const struct apply *a, int64_t user, char *out, size_t len, bool *is_new)
{
    *is_new = false;
    for (size_t i = 0; i < a->snap->npeople; i++) {
        if (a->person_ids[i] == user) {
            *is_new = a->person_new[i];
            person_name(&a->snap->people[i], out, len);
            return;
        }
    }
    char roep[128] = "", voor[64] = "", achter[200] = "";
    db_text(db, roep, sizeof roep, "SELECT roepnaam FROM users WHERE id = ?", "i", user);
    db_text(db, voor, sizeof voor, "SELECT voorvoegsel FROM users WHERE id = ?", "i", user);
    db_text(db, achter, sizeof achter, "SELECT achternaam FROM users WHERE id = ?", "i", user);
    join_name(roep, voor, achter, out, len);
}

static void member_line(struct km_db *db, struct apply *a, const struct member *m, bool added)
{
    if (!snapshot_line_room(a->r)) {
        a->r->truncated = true;
        return;
    }
    char name[300], group[256] = "";
    bool is_new;
    member_name(db, a, m->user, name, sizeof name, &is_new);
    if (is_new)
        return; /* its "+" line says it */
    db_text(db, group, sizeof group, "SELECT name FROM groups WHERE id = ?", "i", m->group);
    snapshot_line(a->r, added ? _("+ %s in groep %s") : _("- %s uit groep %s"), name, group);
}

static enum km_rc change_member(struct km_db *db, struct apply *a, const struct member *m, char op)
{
    enum km_rc rc;
    if (op == '-') {
        rc = db_exec(db, "DELETE FROM memberships WHERE group_id = ? AND user_id = ?", "ii", m->group, m->user);
        member_line(db, a, m, false);
    } else if (op == '+') {
        rc = db_exec(db, "INSERT INTO memberships (group_id, user_id, kind, source) VALUES (?, ?, ?, 'parnassys')",
                     "iit", m->group, m->user, m->teacher ? "leerkracht" : "leerling");
        member_line(db, a, m, true);
    } else { /* made here before the sync knew the group: from now on it is ParnasSys's */
        rc = db_exec(db, "UPDATE memberships SET source = 'parnassys' WHERE group_id = ? AND user_id = ?", "ii",
                     m->group, m->user);
    }
    if (rc != KM_OK)
        return rc;
    a->r->memberships_changed++;
    return db_exec(db, "UPDATE groups SET version = version + 1 WHERE id = ?", "i", m->group);
}

/* Both lists are sorted by (group, user): one walk finds what to remove, add and take over. */
static enum km_rc merge_members(struct km_db *db, struct apply *a, const struct member *have, size_t nhave,
                                const struct member *want, size_t nwant)
{
    size_t i = 0, j = 0;
    enum km_rc rc = KM_OK;
    while (rc == KM_OK && (i < nhave || j < nwant)) {
        int c = i == nhave ? 1 : j == nwant ? -1 : cmp_member(&have[i], &want[j]);
        if (c < 0)
            rc = change_member(db, a, &have[i++], '-');
        else if (c > 0)
            rc = change_member(db, a, &want[j++], '+');
        else {
            if (!have[i].synced)
                rc = change_member(db, a, &have[i], '=');
            i++;
            j++;
        }
    }
    return rc;
}

static enum km_rc apply_members(struct km_db *db, struct apply *a)
{
    struct member *have = NULL, *want = NULL;
    size_t nhave = 0, nwant = 0;
    enum km_rc rc = load_members(db, a, &have, &nhave);
    if (rc == KM_OK)
        rc = wanted_members(db, a, &want, &nwant);
    if (rc == KM_OK)
        rc = merge_members(db, a, have, nhave, want, nwant);
    free(have);
    free(want);
    return rc;
}

/* ---- advice, and the run's record ---- */

static enum km_rc list_relinks(struct km_db *db, struct apply *a)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT e.name, l.name, l.schooljaar FROM groups e JOIN groups l ON l.id = e.linked_group_id"
                 " WHERE e.kind = 'eigen' AND e.active = 1 AND l.schooljaar < ? ORDER BY e.name, e.id",
                 "t", a->snap->schooljaar);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        a->r->relink++;
        snapshot_line(a->r, _("! eigen groep %s is gekoppeld aan %s van %s: koppel haar aan een groep van %s"),
                      db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), a->snap->schooljaar);
    }
    return rc;
}

/* The first error line: notes ("let op: …") may come before it. */
static const char *first_error(const struct sync_report *r)
{
    const char *line_format = _("regel %d: <%s>: %s");
    size_t prefix = strcspn(line_format, "%"); /* "regel ", in the language chosen */
    for (int i = 0; i < r->nlines; i++)
        if (strncmp(r->lines[i], line_format, prefix) == 0 || r->lines[i][0] == '<')
            return r->lines[i];
    return "";
}

static void run_message(const struct sync_report *r, const char *schooljaar, char *out, size_t len)
{
    if (r->errors) {
        snprintf(out, len, _("%d fout%s: %s"), r->errors, i18n_plural(r->errors, "", "en", "", "s"), first_error(r));
        return;
    }
    snprintf(
        out, len,
        _("schooljaar %s: %d nieuw, %d gewijzigd, %d gedeactiveerd, %d geactiveerd; groepen %d nieuw, %d gewijzigd;"
          " %d lidmaatschappen gewijzigd; %d eigen groep%s opnieuw te koppelen"),
        schooljaar, r->added, r->changed, r->deactivated, r->activated, r->groups_added, r->groups_changed,
        r->memberships_changed, r->relink, i18n_plural(r->relink, "", "en", "", "en"));
}

static enum km_rc record_run(struct km_db *db, const char *started, const char *source, bool dry_run,
                             const struct sync_report *r, const char *schooljaar)
{
    char now[20], message[400];
    db_now(now);
    run_message(r, schooljaar, message, sizeof message);
    return db_exec(db,
                   "INSERT INTO sync_runs (started_at, finished_at, source, dry_run, ok, added, changed, deactivated,"
                   " errors, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "tttddddddt", started, now, source, dry_run, r->errors == 0, r->added, r->changed + r->activated,
                   r->deactivated, r->errors, message);
}

/* ---- the transaction ---- */

static enum km_rc prepare(struct km_db *db, struct apply *a)
{
    free_state(a);
    memset(a->r, 0, sizeof *a->r);
    size_t ng = a->snap->ngroups, np = a->snap->npeople;
    a->group_ids = calloc(ng ? ng : 1, sizeof *a->group_ids);
    a->person_ids = calloc(np ? np : 1, sizeof *a->person_ids);
    a->person_new = calloc(np ? np : 1, sizeof *a->person_new);
    return a->group_ids && a->person_ids && a->person_new ? KM_OK : vec_no_memory(db);
}

static enum km_rc apply_all(struct km_db *db, struct apply *a)
{
    enum km_rc rc = check_brin(db, a);
    if (rc == KM_OK)
        rc = load_old(db, a);
    if (rc == KM_OK)
        rc = apply_groups(db, a);
    if (rc == KM_OK)
        rc = retire_groups(db, a);
    for (size_t i = 0; rc == KM_OK && i < a->snap->npeople; i++)
        rc = apply_person(db, a, i);
    if (rc == KM_OK)
        rc = retire_people(db, a);
    if (rc == KM_OK)
        rc = apply_members(db, a);
    if (rc == KM_OK)
        rc = list_relinks(db, a);
    return rc;
}

/* May run more than once (the database was busy): it starts from nothing each time. A dry run does the
 * same work inside a savepoint it rolls back, so it reports exactly what a real run would do. */
static enum km_rc apply_tx(struct km_db *db, void *arg)
{
    struct apply *a = arg;
    enum km_rc rc = prepare(db, a);
    if (rc == KM_OK && a->dry_run)
        rc = db_exec(db, "SAVEPOINT snapshot_dry_run", NULL);
    if (rc == KM_OK)
        rc = apply_all(db, a);
    if (rc == KM_OK && a->dry_run) {
        rc = db_exec(db, "ROLLBACK TO snapshot_dry_run", NULL);
        if (rc == KM_OK)
            rc = db_exec(db, "RELEASE snapshot_dry_run", NULL);
    }
    return rc == KM_OK ? record_run(db, a->started, a->source, a->dry_run, a->r, a->snap->schooljaar) : rc;
}

enum km_rc snapshot_apply(struct km_db *db, const struct snapshot *snap, const char *source_name, bool dry_run,
                          struct sync_report *out)
{
    struct apply a = {.snap = snap, .source = source_name ? source_name : "edexml", .dry_run = dry_run, .r = out};
    db_now(a.started);
    groups_schooljaar(snap->today, a.current_year);
    session_sync(&a.sync, db);
    enum km_rc rc = db_tx(db, apply_tx, &a);
    free_state(&a);
    if (rc == KM_OK)
        return KM_OK;
    if (out->errors == 0) /* a failure of the database itself, not of the file */
        snapshot_error(out, 0, "EDEX", "%s", db_errmsg(db));
    char msg[sizeof out->lines[0]];
    snprintf(msg, sizeof msg, "%s", db_errmsg(db));
    snapshot_record_failure(db, a.source, dry_run, out);
    db_fail(db, rc, "%s", msg); /* the record's transaction cleared the message */
    return rc;
}

struct failure_ctx {
    const char *source;
    bool dry_run;
    const struct sync_report *r;
};

static enum km_rc failure_tx(struct km_db *db, void *arg)
{
    struct failure_ctx *c = arg;
    char now[20];
    db_now(now);
    return record_run(db, now, c->source, c->dry_run, c->r, "");
}

enum km_rc snapshot_record_failure(struct km_db *db, const char *source_name, bool dry_run, const struct sync_report *r)
{
    struct failure_ctx c = {source_name ? source_name : "edexml", dry_run, r};
    return db_tx(db, failure_tx, &c);
}
