#include "core/groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/text.h"

void groups_schooljaar(const char *date, char out[12])
{
    int y = 0, m = 0, d;
    int64_t day;
    if (date && dates_parse(date, &day)) {
        dates_to_civil(day, &y, &m, &d);
    } else {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        y = tm.tm_year + 1900;
        m = tm.tm_mon + 1;
    }
    int start = m >= 8 ? y : y - 1;
    snprintf(out, 12, "%04d-%04d", start % 10000, (start + 1) % 10000);
}

bool groups_valid_schooljaar(const char *s)
{
    int a = 0, b = 0;
    char tail;
    return s && strlen(s) == 9 && sscanf(s, "%4d-%4d%c", &a, &b, &tail) == 2 && b == a + 1 && a >= 2000;
}

static bool valid_kind(const char *kind)
{
    return kind && (strcmp(kind, "stamgroep") == 0 || strcmp(kind, "samengesteld") == 0 || strcmp(kind, "eigen") == 0);
}

struct add_ctx {
    const struct km_session *s;
    const char *name, *kind, *schooljaar, *jaargroep;
    int64_t id;
};

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct add_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db, "INSERT INTO groups (name, kind, schooljaar, jaargroep, created_at) VALUES (?, ?, ?, ?, ?)",
                            "tttet", c->name, c->kind, c->schooljaar, c->jaargroep, now);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is al een groep '%s' in schooljaar %s."), c->name, c->schooljaar);
    if (rc != KM_OK)
        return rc;
    c->id = db_last_id(db);
    return audit_add(c->s, 0, "groep-aangemaakt", c->name);
}

enum km_rc groups_add(const struct km_session *s, const char *name, const char *kind, const char *schooljaar,
                      const char *jaargroep, int64_t *id)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    if (rc != KM_OK)
        return rc;
    char clean[256], year[12];
    text_clean(name ? name : "", clean, sizeof clean);
    if (!*clean || text_width(clean) > 64)
        return db_fail(s->db, KM_INVALID, _("Een groepsnaam heeft 1 tot 64 tekens."));
    if (!valid_kind(kind))
        return db_fail(s->db, KM_INVALID, _("Onbekende soort groep '%.20s' (stamgroep, samengesteld of eigen)."),
                       kind ? kind : "");
    /* Stamgroepen and samengestelde groepen come from ParnasSys; only the sync and the server's
     * administrator (for a school without ParnasSys) make them. */
    if (strcmp(kind, "eigen") != 0 && s->origin == ORIGIN_USER)
        return db_fail(s->db, KM_READONLY,
                       _("Stamgroepen en samengestelde groepen komen uit ParnasSys; maak hier een eigen groep."));
    if (schooljaar && !groups_valid_schooljaar(schooljaar))
        return db_fail(s->db, KM_INVALID, _("Ongeldig schooljaar '%.20s' (zoals 2026-2027)."), schooljaar);
    groups_schooljaar(NULL, year);
    struct add_ctx c = {s, clean, kind, schooljaar ? schooljaar : year, jaargroep, 0};
    rc = db_tx(s->db, add_tx, &c);
    if (rc == KM_OK && id)
        *id = c.id;
    return rc;
}

enum km_rc groups_find(const struct km_session *s, const char *name_or_id, const char *schooljaar, int64_t *id)
{
    char year[12];
    groups_schooljaar(NULL, year);
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    const char *num = name_or_id[0] == '#' ? name_or_id + 1 : name_or_id;
    char *end;
    long long n = strtoll(num, &end, 10);
    enum km_rc rc;
    if (*num && !*end)
        rc = db_int(s->db, id, "SELECT id FROM groups WHERE id = ?", "i", (int64_t)n);
    else
        rc = db_int(s->db, id, "SELECT id FROM groups WHERE name = ? COLLATE NOCASE AND schooljaar = ?", "tt", name_or_id,
                    schooljaar ? schooljaar : year);
    if (rc == KM_NOTFOUND)
        return db_fail(s->db, KM_NOTFOUND, _("Groep '%.64s' bestaat niet in schooljaar %s."), name_or_id,
                       schooljaar ? schooljaar : year);
    return rc;
}

/* A group is visible to a beheerder, to its teachers and students, and to parents of its students. */
static const char *const visible_groups_sql =
    "SELECT g.id, g.name, g.kind, g.schooljaar, COALESCE(g.jaargroep, ''), g.source = 'parnassys', g.active,"
    " COALESCE(g.linked_group_id, 0), g.version,"
    " (SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.kind = 'leerling'),"
    " (SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.kind = 'leerkracht')"
    " FROM groups g WHERE (?1 IS NULL OR g.schooljaar = ?1) AND (?2 = 'beheerder'"
    "   OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = ?3)"
    "   OR EXISTS (SELECT 1 FROM memberships m JOIN parent_child pc ON pc.child_id = m.user_id"
    "              WHERE m.group_id = g.id AND pc.parent_id = ?3))"
    " ORDER BY g.schooljaar DESC, g.kind <> 'stamgroep', g.name COLLATE NOCASE";

enum km_rc groups_read_row(sqlite3_stmt *st, struct km_group *g)
{
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    g->name = db_col_dup(st, 1);
    snprintf(g->kind, sizeof g->kind, "%s", db_col_text(st, 2));
    snprintf(g->schooljaar, sizeof g->schooljaar, "%s", db_col_text(st, 3));
    snprintf(g->jaargroep, sizeof g->jaargroep, "%s", db_col_text(st, 4));
    g->synced = sqlite3_column_int(st, 5) != 0;
    g->active = sqlite3_column_int(st, 6) != 0;
    g->linked_group_id = sqlite3_column_int64(st, 7);
    g->version = sqlite3_column_int64(st, 8);
    g->students = sqlite3_column_int(st, 9);
    g->teachers = sqlite3_column_int(st, 10);
    return g->name ? KM_OK : KM_ERR;
}

static enum km_rc push_group(struct km_group_list *out, sqlite3_stmt *st)
{
    struct km_group *items = realloc(out->items, (out->n + 1) * sizeof *items);
    if (!items)
        return KM_ERR;
    out->items = items;
    return groups_read_row(st, &items[out->n++]);
}

enum km_rc groups_list(const struct km_session *s, const char *schooljaar, struct km_group_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(s->db, &st, visible_groups_sql, "eti", schooljaar, km_role_name(s->role), s->user_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_group(out, st);
    if (rc != KM_OK) {
        db_done(st);
        groups_list_free(out);
    }
    return rc;
}

static enum km_rc may_see_group(const struct km_session *s, int64_t group_id)
{
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    if (s->role == ROLE_BEHEERDER)
        return KM_OK;
    if (s->role == ROLE_LEERKRACHT && access_teaches_group(s->db, s->user_id, group_id))
        return KM_OK;
    return db_fail(s->db, KM_DENIED,
                   _("Geen toegang: alleen de leerkrachten van deze groep en de beheerder zien haar leden."));
}

enum km_rc groups_members(const struct km_session *s, int64_t group_id, struct group_member_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = may_see_group(s, group_id);
    if (rc != KM_OK)
        return rc;
    struct km_session server;
    session_server(&server, s->db); /* membership was checked above; read the accounts without re-checking each */
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT m.user_id, m.kind = 'leerkracht' FROM memberships m JOIN users u ON u.id = m.user_id"
                  " WHERE m.group_id = ? ORDER BY m.kind DESC, u.achternaam COLLATE NOCASE, u.roepnaam COLLATE NOCASE",
                  "i", group_id);
    int64_t *ids = NULL;
    bool *teacher = NULL;
    size_t n = 0;
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        if (r < 0) {
            rc = db_last_rc(s->db);
            break;
        }
        int64_t *ni = realloc(ids, (n + 1) * sizeof *ni);
        bool *nt = realloc(teacher, (n + 1) * sizeof *nt);
        if (ni)
            ids = ni;
        if (nt)
            teacher = nt;
        if (!ni || !nt) {
            rc = db_fail(s->db, KM_ERR, _("Onvoldoende geheugen."));
            db_done(st);
            break;
        }
        ids[n] = sqlite3_column_int64(st, 0);
        teacher[n++] = sqlite3_column_int(st, 1) != 0;
    }
    if (rc == KM_OK && n && !(out->items = calloc(n, sizeof *out->items)))
        rc = db_fail(s->db, KM_ERR, _("Onvoldoende geheugen."));
    for (size_t i = 0; rc == KM_OK && i < n; i++) {
        rc = users_get_id(&server, ids[i], &out->items[i].user);
        out->items[i].teacher = teacher[i];
        if (rc == KM_OK)
            out->n++;
    }
    free(ids);
    free(teacher);
    if (rc != KM_OK)
        groups_members_free(out);
    return rc;
}

struct member_ctx {
    const struct km_session *s;
    int64_t group_id, user_id;
    bool add;
};

static enum km_rc member_tx(struct km_db *db, void *arg)
{
    struct member_ctx *c = arg;
    char role[16] = "", source[16] = "";
    enum km_rc rc = db_text(db, role, sizeof role, "SELECT role FROM users WHERE id = ?", "i", c->user_id);
    if (rc == KM_OK)
        rc = db_text(db, source, sizeof source, "SELECT source FROM groups WHERE id = ?", "i", c->group_id);
    if (rc != KM_OK)
        return rc == KM_NOTFOUND ? db_fail(db, KM_NOTFOUND, _("Groep of gebruiker bestaat niet.")) : rc;
    if (strcmp(source, "parnassys") == 0 && (rc = access_check(c->s, ACT_EDIT_SYNCED, c->group_id)) != KM_OK)
        return db_fail(db, KM_READONLY,
                       _("Wie in deze groep zit komt uit ParnasSys en wordt daar gewijzigd; maak een "
                         "eigen groep voor een andere indeling."));
    if (strcmp(role, "leerling") != 0 && strcmp(role, "leerkracht") != 0)
        return db_fail(db, KM_INVALID, _("Alleen leerlingen en leerkrachten zijn lid van een groep."));
    if (c->add)
        rc = db_exec(db, "INSERT OR IGNORE INTO memberships (group_id, user_id, kind) VALUES (?, ?, ?)", "iit", c->group_id,
                     c->user_id, role);
    else
        rc = db_exec(db, "DELETE FROM memberships WHERE group_id = ? AND user_id = ?", "ii", c->group_id, c->user_id);
    if (rc == KM_OK)
        rc = db_exec(db, "UPDATE groups SET version = version + 1 WHERE id = ?", "i", c->group_id);
    return rc == KM_OK ? audit_add(c->s, c->user_id, c->add ? "groepslid-toegevoegd" : "groepslid-verwijderd", "") : rc;
}

static enum km_rc change_member(const struct km_session *s, int64_t group_id, int64_t user_id, bool add)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    struct member_ctx c = {s, group_id, user_id, add};
    return rc == KM_OK ? db_tx(s->db, member_tx, &c) : rc;
}

enum km_rc groups_add_member(const struct km_session *s, int64_t group_id, int64_t user_id)
{
    return change_member(s, group_id, user_id, true);
}

enum km_rc groups_remove_member(const struct km_session *s, int64_t group_id, int64_t user_id)
{
    return change_member(s, group_id, user_id, false);
}

void groups_list_free(struct km_group_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void groups_members_free(struct group_member_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        users_free(&l->items[i].user);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
