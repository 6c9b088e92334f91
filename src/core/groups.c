#include "core/groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

void groups_schooljaar(const char *date, char out[12])
{
    int y = 0, m = 0, d;
    int64_t day;
    if (date && dates_parse(date, &day)) {
        dates_to_civil(day, &y, &m, &d);
    } else {
        struct tm tm;
        clock_local(&tm);
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

/* A group's name without control characters, 1 to 64 columns wide; false (with the message) otherwise. */
static bool clean_name(struct km_db *db, const char *name, char *clean, size_t len)
{
    text_clean(name ? name : "", clean, len);
    if (*clean && text_width(clean) <= 64)
        return true;
    db_fail(db, KM_INVALID, _("Een groepsnaam heeft 1 tot 64 tekens."));
    return false;
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
    enum km_rc rc =
        db_exec(db, "INSERT INTO groups (name, kind, schooljaar, jaargroep, created_at) VALUES (?, ?, ?, ?, ?)",
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
    if (!clean_name(s->db, name, clean, sizeof clean))
        return KM_INVALID;
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
        rc = db_int(s->db, id, "SELECT id FROM groups WHERE name = ? COLLATE NOCASE AND schooljaar = ?", "tt",
                    name_or_id, schooljaar ? schooljaar : year);
    /* Not in this school year: a group that already moved on to the next one (next year's import, an eigen
     * groep linked to next year's bron), or last year's, the newest first. */
    if (rc == KM_NOTFOUND && !schooljaar && (!*num || *end))
        rc = db_int(s->db, id, "SELECT id FROM groups WHERE name = ? COLLATE NOCASE ORDER BY schooljaar DESC LIMIT 1",
                    "t", name_or_id);
    if (rc == KM_NOTFOUND)
        return db_fail(s->db, KM_NOTFOUND, _("Groep '%.64s' bestaat niet in schooljaar %s."), name_or_id,
                       schooljaar ? schooljaar : year);
    return rc;
}

/* A group is visible to a beheerder, to its teachers and students, and to parents of its students. */
#define GROUP_COLUMNS                                                                                                  \
    "SELECT g.id, g.name, g.kind, g.schooljaar, COALESCE(g.jaargroep, ''), g.source = 'parnassys', g.active,"          \
    " COALESCE(g.linked_group_id, 0), g.version,"                                                                      \
    " (SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.kind = 'leerling'),"                           \
    " (SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.kind = 'leerkracht')"                          \
    " FROM groups g WHERE"
#define GROUP_VISIBLE(role, user)                                                                                      \
    " (" role " = 'beheerder'"                                                                                         \
    "   OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = " user ")"                      \
    "   OR EXISTS (SELECT 1 FROM memberships m JOIN parent_child pc ON pc.child_id = m.user_id"                        \
    "              WHERE m.group_id = g.id AND pc.parent_id = " user "))"
static const char *const visible_groups_sql = GROUP_COLUMNS " (?1 IS NULL OR g.schooljaar = ?1) AND" GROUP_VISIBLE(
    "?2", "?3") " ORDER BY g.schooljaar DESC, g.kind <> 'stamgroep', g.name COLLATE NOCASE";
static const char *const visible_group_sql = GROUP_COLUMNS " g.id = ?3 AND" GROUP_VISIBLE("?1", "?2");

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
    struct km_group *items = vec_grow(out->items, out->n, sizeof *items);
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

/* Students first, then teachers (as before), each by the Dutch rule. */
static int member_order(const void *x, const void *y)
{
    const struct group_member *a = x, *b = y;
    if (a->teacher != b->teacher)
        return a->teacher ? 1 : -1;
    return users_name_cmp(&a->user, &b->user);
}

/* gcc -fanalyzer: each realloc'd array is kept before the next allocation; both are freed once after the loop */
KM_GCC_ANALYZER_MISREADS
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
    rc = db_query(
        s->db, &st,
        "SELECT m.user_id, m.kind = 'leerkracht' FROM memberships m JOIN users u ON u.id = m.user_id"
        " WHERE m.group_id = ? ORDER BY m.kind DESC, km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
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
        int64_t *ni = vec_grow(ids, n, sizeof *ni);
        bool *nt = vec_grow(teacher, n, sizeof *nt);
        if (ni)
            ids = ni;
        if (nt)
            teacher = nt;
        if (!ni || !nt) {
            rc = vec_no_memory(s->db);
            db_done(st);
            break;
        }
        ids[n] = sqlite3_column_int64(st, 0);
        teacher[n++] = sqlite3_column_int(st, 1) != 0;
    }
    if (rc == KM_OK && n && !(out->items = calloc(n, sizeof *out->items)))
        rc = vec_no_memory(s->db);
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
    else if (out->n > 1)
        qsort(out->items, out->n, sizeof *out->items, member_order);
    return rc;
}
KM_GCC_ANALYZER_END

struct member_ctx {
    const struct km_session *s;
    int64_t group_id;
    const int64_t *users;
    size_t n;
    bool add;
};

/* Why a group's name, state or members cannot be changed here: it comes from ParnasSys. */
static enum km_rc refuse_synced(struct km_db *db, const char *name)
{
    return db_fail(db, KM_READONLY,
                   _("Groep '%.64s' komt uit ParnasSys; wijzigen in ParnasSys (of maak een eigen groep voor "
                     "een andere indeling)."),
                   name);
}

/* The group's name and whether its members and name come from ParnasSys; KM_NOTFOUND otherwise. */
static enum km_rc read_group(struct km_db *db, int64_t id, char *name, size_t len, bool *synced, bool *active)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT name, source = 'parnassys', active FROM groups WHERE id = ?", "i", id);
    int r = rc == KM_OK ? db_step(db, st) : -1;
    if (r <= 0) {
        db_done(st);
        return r == 0 ? db_fail(db, KM_NOTFOUND, _("Deze groep bestaat niet (meer).")) : db_last_rc(db);
    }
    snprintf(name, len, "%s", db_col_text(st, 0));
    *synced = sqlite3_column_int(st, 1) != 0;
    *active = sqlite3_column_int(st, 2) != 0;
    db_done(st);
    return KM_OK;
}

static enum km_rc change_one_member(struct km_db *db, struct member_ctx *c, const char *group, int64_t user)
{
    char role[16] = "", username[80] = "";
    int64_t active = 0;
    enum km_rc rc = db_text(db, role, sizeof role, "SELECT role FROM users WHERE id = ?", "i", user);
    if (rc == KM_OK)
        rc = db_text(db, username, sizeof username, "SELECT username FROM users WHERE id = ?", "i", user);
    if (rc == KM_OK)
        rc = db_int(db, &active, "SELECT active FROM users WHERE id = ?", "i", user);
    if (rc != KM_OK)
        return rc == KM_NOTFOUND ? db_fail(db, KM_NOTFOUND, _("Deze gebruiker bestaat niet (meer).")) : rc;
    if (strcmp(role, "leerling") != 0 && strcmp(role, "leerkracht") != 0)
        return db_fail(db, KM_INVALID, _("Alleen leerlingen en leerkrachten zijn lid van een groep (%s is %s)."),
                       username, role);
    if (c->add && !active)
        return db_fail(db, KM_INVALID, _("%s is niet actief en komt niet in een groep."), username);
    if (c->add)
        rc = db_exec(db, "INSERT OR IGNORE INTO memberships (group_id, user_id, kind) VALUES (?, ?, ?)", "iit",
                     c->group_id, user, role);
    else
        rc = db_exec(db, "DELETE FROM memberships WHERE group_id = ? AND user_id = ?", "ii", c->group_id, user);
    if (rc != KM_OK || db_changes(db) == 0)
        return rc;
    return audit_add(c->s, user, c->add ? "groepslid-toegevoegd" : "groepslid-verwijderd", group);
}

static enum km_rc member_tx(struct km_db *db, void *arg)
{
    struct member_ctx *c = arg;
    char name[256];
    bool synced, active;
    enum km_rc rc = read_group(db, c->group_id, name, sizeof name, &synced, &active);
    if (rc != KM_OK)
        return rc;
    if (synced && access_check(c->s, ACT_EDIT_SYNCED, c->group_id) != KM_OK)
        return refuse_synced(db, name);
    if (c->add && !active)
        return db_fail(db, KM_INVALID, _("Groep '%.64s' is gedeactiveerd; activeer haar eerst."), name);
    for (size_t i = 0; rc == KM_OK && i < c->n; i++)
        rc = change_one_member(db, c, name, c->users[i]);
    if (rc == KM_OK)
        rc = db_exec(db, "UPDATE groups SET version = version + 1 WHERE id = ?", "i", c->group_id);
    return rc;
}

enum km_rc groups_change_members(const struct km_session *s, int64_t group_id, const int64_t *user_ids, size_t n,
                                 bool add)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    struct member_ctx c = {s, group_id, user_ids, n, add};
    return rc == KM_OK ? db_tx(s->db, member_tx, &c) : rc;
}

enum km_rc groups_add_member(const struct km_session *s, int64_t group_id, int64_t user_id)
{
    return groups_change_members(s, group_id, &user_id, 1, true);
}

enum km_rc groups_remove_member(const struct km_session *s, int64_t group_id, int64_t user_id)
{
    return groups_change_members(s, group_id, &user_id, 1, false);
}

/* ---- one group: read, rename, (de)activate, bron ---- */

enum km_rc groups_get(const struct km_session *s, int64_t id, struct km_group *out)
{
    memset(out, 0, sizeof *out);
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(s->db, &st, visible_group_sql, "tii", km_role_name(s->role), s->user_id, id);
    int r = rc == KM_OK ? db_step(s->db, st) : -1;
    if (r <= 0) {
        db_done(st);
        return r == 0        ? db_fail(s->db, KM_NOTFOUND, _("Deze groep bestaat niet of is niet te zien."))
               : rc == KM_OK ? db_last_rc(s->db)
                             : rc;
    }
    rc = groups_read_row(st, out);
    db_done(st);
    return rc == KM_OK ? KM_OK : vec_no_memory(s->db);
}

void groups_free(struct km_group *g)
{
    free(g->name);
    g->name = NULL;
}

struct edit_ctx {
    const struct km_session *s;
    int64_t id, expected;
    const char *name; /* rename */
    int active;       /* -1: leave as it is */
    int64_t bron;     /* -1: leave as it is; 0: none */
};

/* The row as the editor saw it, and not from ParnasSys. */
static enum km_rc editable(struct km_db *db, struct edit_ctx *c, char *name, size_t len)
{
    bool synced, active;
    enum km_rc rc = read_group(db, c->id, name, len, &synced, &active);
    if (rc != KM_OK)
        return rc;
    if (synced && access_check(c->s, ACT_EDIT_SYNCED, c->id) != KM_OK)
        return refuse_synced(db, name);
    int64_t version = 0;
    rc = db_int(db, &version, "SELECT version FROM groups WHERE id = ?", "i", c->id);
    if (rc == KM_OK && c->expected >= 0 && version != c->expected)
        return db_fail(db, KM_CONFLICT,
                       _("Groep '%.64s' is intussen door iemand anders gewijzigd; bekijk haar opnieuw."), name);
    return rc;
}

static enum km_rc rename_tx(struct km_db *db, void *arg)
{
    struct edit_ctx *c = arg;
    char old[256];
    enum km_rc rc = editable(db, c, old, sizeof old);
    if (rc != KM_OK)
        return rc;
    rc = db_exec(db, "UPDATE groups SET name = ?, version = version + 1 WHERE id = ?", "ti", c->name, c->id);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is in dat schooljaar al een groep '%s'."), c->name);
    char detail[600];
    snprintf(detail, sizeof detail, "%s -> %s", old, c->name);
    return rc == KM_OK ? audit_add(c->s, 0, "groep-hernoemd", detail) : rc;
}

enum km_rc groups_rename(const struct km_session *s, int64_t id, const char *name, int64_t expected_version)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    if (rc != KM_OK)
        return rc;
    char clean[256];
    if (!clean_name(s->db, name, clean, sizeof clean))
        return KM_INVALID;
    struct edit_ctx c = {s, id, expected_version, clean, -1, -1};
    return db_tx(s->db, rename_tx, &c);
}

static enum km_rc active_tx(struct km_db *db, void *arg)
{
    struct edit_ctx *c = arg;
    char name[256];
    enum km_rc rc = editable(db, c, name, sizeof name);
    if (rc == KM_OK)
        rc = db_exec(db, "UPDATE groups SET active = ?, version = version + 1 WHERE id = ? AND active <> ?", "did",
                     c->active, c->id, c->active);
    if (rc != KM_OK || db_changes(db) == 0)
        return rc;
    return audit_add(c->s, 0, c->active ? "groep-geactiveerd" : "groep-gedeactiveerd", name);
}

enum km_rc groups_set_active(const struct km_session *s, int64_t id, bool active, int64_t expected_version)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    struct edit_ctx c = {s, id, expected_version, NULL, active ? 1 : 0, -1};
    return rc == KM_OK ? db_tx(s->db, active_tx, &c) : rc;
}

/* A bron is an active stamgroep or samengestelde groep. */
static enum km_rc check_bron(struct km_db *db, int64_t bron, char *year, size_t len)
{
    char kind[16] = "";
    int64_t active = 0;
    enum km_rc rc = db_text(db, kind, sizeof kind, "SELECT kind FROM groups WHERE id = ?", "i", bron);
    if (rc == KM_OK)
        rc = db_int(db, &active, "SELECT active FROM groups WHERE id = ?", "i", bron);
    if (rc == KM_OK)
        rc = db_text(db, year, len, "SELECT schooljaar FROM groups WHERE id = ?", "i", bron);
    if (rc == KM_NOTFOUND)
        return db_fail(db, KM_NOTFOUND, _("De gekozen bron bestaat niet (meer)."));
    if (rc == KM_OK && strcmp(kind, "eigen") == 0)
        return db_fail(db, KM_INVALID, _("Een bron is een stamgroep of samengestelde groep, geen eigen groep."));
    if (rc == KM_OK && !active)
        return db_fail(db, KM_INVALID, _("De gekozen bron is niet meer actief; kies een groep van dit schooljaar."));
    return rc;
}

/* Inside the caller's transaction. A bron of a later school year takes the eigen groep along into that year:
 * the group keeps its id, so its lessons, planning and members stay as they are. */
enum km_rc groups_set_bron_in_tx(struct km_db *db, const struct km_session *s, int64_t id, int64_t bron)
{
    char name[256], kind[16] = "", year[12] = "", bron_year[12] = "";
    struct edit_ctx c = {s, id, -1, NULL, -1, bron};
    enum km_rc rc = editable(db, &c, name, sizeof name);
    if (rc == KM_OK)
        rc = db_text(db, kind, sizeof kind, "SELECT kind FROM groups WHERE id = ?", "i", id);
    if (rc == KM_OK && strcmp(kind, "eigen") != 0)
        return db_fail(db, KM_INVALID, _("Alleen een eigen groep volgt een bron; '%.64s' is een %s."), name, kind);
    if (rc == KM_OK)
        rc = db_text(db, year, sizeof year, "SELECT schooljaar FROM groups WHERE id = ?", "i", id);
    if (rc == KM_OK && bron)
        rc = check_bron(db, bron, bron_year, sizeof bron_year);
    if (rc != KM_OK)
        return rc;
    if (bron && strcmp(bron_year, year) > 0)
        rc = db_exec(db, "UPDATE groups SET schooljaar = ? WHERE id = ?", "ti", bron_year, id);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS,
                       _("Er is in schooljaar %s al een groep '%.64s'; geef een van beide eerst een andere naam."),
                       bron_year, name);
    if (rc == KM_OK)
        rc = db_exec(db, "UPDATE groups SET linked_group_id = NULLIF(?, 0), version = version + 1 WHERE id = ?", "ii",
                     bron, id);
    char detail[300];
    snprintf(detail, sizeof detail, "%s: bron #%lld", name, (long long)bron);
    return rc == KM_OK ? audit_add(s, 0, "groep-bron", detail) : rc;
}

static enum km_rc bron_tx(struct km_db *db, void *arg)
{
    struct edit_ctx *c = arg;
    char name[256];
    enum km_rc rc = editable(db, c, name, sizeof name);
    return rc == KM_OK ? groups_set_bron_in_tx(db, c->s, c->id, c->bron) : rc;
}

enum km_rc groups_set_bron(const struct km_session *s, int64_t id, int64_t bron_id, int64_t expected_version)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_GROUPS, 0);
    struct edit_ctx c = {s, id, expected_version, NULL, -1, bron_id};
    return rc == KM_OK ? db_tx(s->db, bron_tx, &c) : rc;
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
