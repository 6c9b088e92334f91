#include "core/curriculum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

/* ---- the three levels ----
 * Each level's statements are literals (the statement cache keys on them); `parent` says whether they take
 * the hoofdgebied as a parameter. */
struct level_sql {
    const char *what;  /* "hoofdgebied" */
    const char *whats; /* "hoofdgebieden" */
    int max;           /* columns of a name */
    bool parent;
    const char *list, *get, *dup, *insert, *rename, *siblings, *set_order, *uses, *del;
    const char *uses_first; /* what the first count of `uses` is, for the refusal */
};

/* One level's statements read best as a column. */
/* clang-format off */
static const struct level_sql levels[] = {
    [CUR_HOOFDGEBIED] = {
        "hoofdgebied", "hoofdgebieden", CURRICULUM_NAME_MAX, false,
        "SELECT h.id, 0, h.name, h.sort_order,"
        " COALESCE((SELECT sum(l.retired = 0) FROM deelgebieden d JOIN leerdoelen l ON l.deelgebied_id = d.id"
        "   WHERE d.hoofdgebied_id = h.id), 0),"
        " COALESCE((SELECT sum(l.retired) FROM deelgebieden d JOIN leerdoelen l ON l.deelgebied_id = d.id"
        "   WHERE d.hoofdgebied_id = h.id), 0), h.version"
        " FROM hoofdgebieden h ORDER BY h.sort_order, h.name COLLATE NOCASE, h.id",
        "SELECT name, version, 0 FROM hoofdgebieden WHERE id = ?",
        "SELECT 1 FROM hoofdgebieden WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
        "INSERT INTO hoofdgebieden (name, sort_order) VALUES (?1,"
        " (SELECT COALESCE(max(sort_order), 0) + 1 FROM hoofdgebieden))",
        "UPDATE hoofdgebieden SET name = ?1, version = version + 1 WHERE id = ?2",
        "SELECT id FROM hoofdgebieden ORDER BY sort_order, name COLLATE NOCASE, id",
        "UPDATE hoofdgebieden SET sort_order = ?1, version = version + 1 WHERE id = ?2 AND sort_order <> ?1",
        "SELECT (SELECT count(*) FROM deelgebieden WHERE hoofdgebied_id = ?1),"
        " (SELECT count(*) FROM lessons WHERE hoofdgebied_id = ?1)",
        "DELETE FROM hoofdgebieden WHERE id = ?",
        "deelgebied(en)",
    },
    [CUR_DEELGEBIED] = {
        "deelgebied", "deelgebieden", CURRICULUM_NAME_MAX, true,
        "SELECT d.id, d.hoofdgebied_id, d.name, d.sort_order,"
        " COALESCE((SELECT sum(l.retired = 0) FROM leerdoelen l WHERE l.deelgebied_id = d.id), 0),"
        " COALESCE((SELECT sum(l.retired) FROM leerdoelen l WHERE l.deelgebied_id = d.id), 0), d.version"
        " FROM deelgebieden d JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id WHERE ?1 = 0 OR d.hoofdgebied_id = ?1"
        " ORDER BY h.sort_order, h.name COLLATE NOCASE, h.id, d.sort_order, d.name COLLATE NOCASE, d.id",
        "SELECT name, version, hoofdgebied_id FROM deelgebieden WHERE id = ?",
        "SELECT 1 FROM deelgebieden WHERE name = ?1 COLLATE NOCASE AND id <> ?2 AND hoofdgebied_id = ?3",
        "INSERT INTO deelgebieden (name, hoofdgebied_id, sort_order) VALUES (?1, ?2,"
        " (SELECT COALESCE(max(sort_order), 0) + 1 FROM deelgebieden WHERE hoofdgebied_id = ?2))",
        "UPDATE deelgebieden SET name = ?1, version = version + 1 WHERE id = ?2",
        "SELECT id FROM deelgebieden WHERE hoofdgebied_id = ?1 ORDER BY sort_order, name COLLATE NOCASE, id",
        "UPDATE deelgebieden SET sort_order = ?1, version = version + 1 WHERE id = ?2 AND sort_order <> ?1",
        "SELECT (SELECT count(*) FROM leerdoelen WHERE deelgebied_id = ?1),"
        " (SELECT count(*) FROM lessons WHERE deelgebied_id = ?1)",
        "DELETE FROM deelgebieden WHERE id = ?",
        N_("leerdoel(en), ook ingetrokken"),
    },
    [CUR_NIVEAU] = {
        "niveau", "niveaus", CURRICULUM_NIVEAU_MAX, false,
        "SELECT n.id, 0, n.name, n.sort_order,"
        " COALESCE((SELECT sum(l.retired = 0) FROM leerdoelen l WHERE l.niveau_id = n.id), 0),"
        " COALESCE((SELECT sum(l.retired) FROM leerdoelen l WHERE l.niveau_id = n.id), 0), n.version"
        " FROM niveaus n ORDER BY n.sort_order, n.name COLLATE NOCASE, n.id",
        "SELECT name, version, 0 FROM niveaus WHERE id = ?",
        "SELECT 1 FROM niveaus WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
        "INSERT INTO niveaus (name, sort_order) VALUES (?1, (SELECT COALESCE(max(sort_order), 0) + 1 FROM niveaus))",
        "UPDATE niveaus SET name = ?1, version = version + 1 WHERE id = ?2",
        "SELECT id FROM niveaus ORDER BY sort_order, name COLLATE NOCASE, id",
        "UPDATE niveaus SET sort_order = ?1, version = version + 1 WHERE id = ?2 AND sort_order <> ?1",
        "SELECT (SELECT count(*) FROM leerdoelen WHERE niveau_id = ?1),"
        " (SELECT count(*) FROM lesson_niveaus WHERE niveau_id = ?1)",
        "DELETE FROM niveaus WHERE id = ?",
        N_("leerdoel(en), ook ingetrokken"),
    },
};
/* clang-format on */

static const struct level_sql *level_of(enum cur_level level)
{
    return (unsigned)level <= CUR_NIVEAU ? &levels[level] : &levels[CUR_HOOFDGEBIED];
}

static enum km_rc may_edit(const struct km_session *s) { return access_check(s, ACT_EDIT_CURRICULUM, 0); }

/* ---- checks ---- */

/* A cleaned string of 1 … max columns; the buffer callers clean into is large enough to hold max wide code
 * points, so a cut-off text shows up as too wide, never as a silently shortened one. */
static bool fits(const char *clean, int max) { return *clean && text_width(clean) <= max; }

bool curriculum_name_ok(enum cur_level level, const char *clean, char *why, size_t len)
{
    const struct level_sql *l = level_of(level);
    if (fits(clean, l->max))
        return true;
    snprintf(why, len, _("de naam van een %s heeft 1 tot %d tekens"), l->what, l->max);
    return false;
}

bool curriculum_goal_ok(const char *code, const char *title, int sort_order, char *why, size_t len)
{
    if (!fits(code, CURRICULUM_CODE_MAX))
        snprintf(why, len, _("de code van een leerdoel heeft 1 tot %d tekens"), CURRICULUM_CODE_MAX);
    else if (!fits(title, CURRICULUM_TITLE_MAX))
        snprintf(why, len, _("de titel van een leerdoel heeft 1 tot %d tekens"), CURRICULUM_TITLE_MAX);
    else if (sort_order < -1 || sort_order > CURRICULUM_ORDER_MAX)
        snprintf(why, len, _("de volgorde is een getal van 0 tot %d"), CURRICULUM_ORDER_MAX);
    else
        return true;
    return false;
}

/* ---- reading ---- */

static enum km_rc push_item(struct cur_item_list *out, sqlite3_stmt *st)
{
    struct cur_item *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct cur_item *it = &n[out->n++];
    *it = (struct cur_item){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), db_col_dup(st, 2),
                            sqlite3_column_int(st, 3),   sqlite3_column_int(st, 4),   sqlite3_column_int(st, 5),
                            sqlite3_column_int64(st, 6)};
    return it->name ? KM_OK : KM_ERR;
}

enum km_rc curriculum_items(const struct km_session *s, enum cur_level level, int64_t parent_id,
                            struct cur_item_list *out)
{
    *out = (struct cur_item_list){NULL, 0};
    enum km_rc rc = access_session(s);
    const struct level_sql *l = level_of(level);
    sqlite3_stmt *st = NULL;
    if (rc == KM_OK)
        rc = db_query(s->db, &st, l->list, l->parent ? "i" : NULL, parent_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_item(out, st);
    if (rc != KM_OK) {
        db_done(st);
        curriculum_items_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

#define GOAL_COLUMNS                                                                                                   \
    "SELECT l.id, d.hoofdgebied_id, l.deelgebied_id, COALESCE(l.niveau_id, 0), l.code, l.title, h.name, d.name,"       \
    " COALESCE(n.name, ''), l.sort_order, l.retired, l.version FROM leerdoelen l"                                      \
    " JOIN deelgebieden d ON d.id = l.deelgebied_id JOIN hoofdgebieden h ON h.id = d.hoofdgebied_id"                   \
    " LEFT JOIN niveaus n ON n.id = l.niveau_id"
#define GOAL_ORDER                                                                                                     \
    " ORDER BY h.sort_order, h.name COLLATE NOCASE, h.id, d.sort_order, d.name COLLATE NOCASE, d.id,"                  \
    " n.id IS NOT NULL, n.sort_order, n.name COLLATE NOCASE, n.id, l.sort_order, l.code"

static enum km_rc read_goal(sqlite3_stmt *st, struct cur_goal *g)
{
    *g = (struct cur_goal){
        .id = sqlite3_column_int64(st, 0),
        .hoofdgebied_id = sqlite3_column_int64(st, 1),
        .deelgebied_id = sqlite3_column_int64(st, 2),
        .niveau_id = sqlite3_column_int64(st, 3),
        .code = db_col_dup(st, 4),
        .title = db_col_dup(st, 5),
        .hoofdgebied = db_col_dup(st, 6),
        .deelgebied = db_col_dup(st, 7),
        .niveau = db_col_dup(st, 8),
        .sort_order = sqlite3_column_int(st, 9),
        .retired = sqlite3_column_int(st, 10) != 0,
        .version = sqlite3_column_int64(st, 11),
    };
    return g->code && g->title && g->hoofdgebied && g->deelgebied && g->niveau ? KM_OK : KM_ERR;
}

static enum km_rc push_goal(struct cur_goal_list *out, sqlite3_stmt *st)
{
    struct cur_goal *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    return read_goal(st, &n[out->n++]);
}

enum km_rc curriculum_goals(const struct km_session *s, const struct cur_goal_filter *f, struct cur_goal_list *out)
{
    *out = (struct cur_goal_list){NULL, 0};
    static const struct cur_goal_filter all = {0, 0, 0, false, 0};
    f = f ? f : &all;
    enum km_rc rc = access_session(s);
    sqlite3_stmt *st = NULL;
    if (rc == KM_OK && f->niveau_or_none)
        rc = db_query(
            s->db, &st,
            GOAL_COLUMNS " WHERE (l.niveau_id = ?5 OR l.niveau_id IS NULL) AND (?1 = 0 OR d.hoofdgebied_id = ?1)"
                         " AND (?2 = 0 OR l.deelgebied_id = ?2) AND (?3 = 0 OR l.niveau_id = ?3)"
                         " AND (?4 OR l.retired = 0)" GOAL_ORDER,
            "iiidi", f->hoofdgebied_id, f->deelgebied_id, f->niveau_id, (int)f->with_retired, f->niveau_or_none);
    else if (rc == KM_OK)
        rc = db_query(s->db, &st,
                      GOAL_COLUMNS " WHERE (?1 = 0 OR d.hoofdgebied_id = ?1) AND (?2 = 0 OR l.deelgebied_id = ?2)"
                                   " AND (?3 = 0 OR l.niveau_id = ?3) AND (?4 OR l.retired = 0)" GOAL_ORDER,
                      "iiid", f->hoofdgebied_id, f->deelgebied_id, f->niveau_id, (int)f->with_retired);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_goal(out, st);
    if (rc != KM_OK) {
        db_done(st);
        curriculum_goals_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

/* The goal of the one-row query in st (already bound); KM_NOTFOUND without a message when none. */
static enum km_rc one_goal(struct km_db *db, sqlite3_stmt *st, struct cur_goal *out)
{
    memset(out, 0, sizeof *out);
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db) : KM_NOTFOUND;
    enum km_rc rc = read_goal(st, out);
    db_done(st);
    if (rc != KM_OK) {
        curriculum_goal_free(out);
        return vec_no_memory(db);
    }
    return KM_OK;
}

static enum km_rc goal_by_id(struct km_db *db, int64_t id, struct cur_goal *out)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, GOAL_COLUMNS " WHERE l.id = ?", "i", id);
    if (rc == KM_OK)
        rc = one_goal(db, st, out);
    return rc == KM_NOTFOUND ? db_fail(db, KM_NOTFOUND, _("Dit leerdoel bestaat niet (meer).")) : rc;
}

enum km_rc curriculum_goal_get(const struct km_session *s, int64_t id, struct cur_goal *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_session(s);
    return rc == KM_OK ? goal_by_id(s->db, id, out) : rc;
}

enum km_rc curriculum_goal_by_code(const struct km_session *s, const char *code, struct cur_goal *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = access_session(s);
    sqlite3_stmt *st = NULL;
    if (rc == KM_OK)
        rc = db_query(s->db, &st, GOAL_COLUMNS " WHERE l.code = ? COLLATE NOCASE ORDER BY l.code = ?1 DESC LIMIT 1",
                      "t", code ? code : "");
    if (rc == KM_OK)
        rc = one_goal(s->db, st, out);
    return rc == KM_NOTFOUND ? db_fail(s->db, KM_NOTFOUND, _("Er is geen leerdoel met code '%.40s'."), code ? code : "")
                             : rc;
}

void curriculum_items_free(struct cur_item_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    *l = (struct cur_item_list){NULL, 0};
}

void curriculum_goal_free(struct cur_goal *g)
{
    free(g->code);
    free(g->title);
    free(g->hoofdgebied);
    free(g->deelgebied);
    free(g->niveau);
    memset(g, 0, sizeof *g);
}

void curriculum_goals_free(struct cur_goal_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        curriculum_goal_free(&l->items[i]);
    free(l->items);
    *l = (struct cur_goal_list){NULL, 0};
}

/* ---- changing hoofdgebieden, deelgebieden and niveaus ---- */

struct item_ctx {
    const struct km_session *s;
    const struct level_sql *l;
    int64_t id, parent, expected;
    const char *name; /* cleaned */
    int delta;
    bool retired;
    int changed;
};

struct item_row {
    char name[256];
    int64_t version, parent;
};

/* The row as it is now, and whether it is still the version the person saw. */
static enum km_rc current_item(struct km_db *db, const struct item_ctx *c, struct item_row *row)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, c->l->get, "i", c->id);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db) : db_fail(db, KM_NOTFOUND, _("Dit %s bestaat niet (meer)."), c->l->what);
    snprintf(row->name, sizeof row->name, "%s", db_col_text(st, 0));
    row->version = sqlite3_column_int64(st, 1);
    row->parent = sqlite3_column_int64(st, 2);
    db_done(st);
    if (c->expected >= 0 && row->version != c->expected)
        return db_fail(db, KM_CONFLICT,
                       _("Iemand anders heeft dit %s intussen gewijzigd (nu: '%.60s'); bekijk het opnieuw."),
                       c->l->what, row->name);
    return KM_OK;
}

static enum km_rc name_free(struct km_db *db, const struct item_ctx *c, int64_t parent)
{
    int64_t one;
    enum km_rc rc = db_int(db, &one, c->l->dup, c->l->parent ? "tii" : "ti", c->name, c->id, parent);
    if (rc == KM_OK)
        return c->l->parent ? db_fail(db, KM_EXISTS, _("Er is al een %s '%s' in dit hoofdgebied."), c->l->what, c->name)
                            : db_fail(db, KM_EXISTS, _("Er is al een %s '%s'."), c->l->what, c->name);
    return rc == KM_NOTFOUND ? KM_OK : rc;
}

static enum km_rc audit_item(const struct item_ctx *c, const char *kind, const char *name)
{
    char detail[700];
    snprintf(detail, sizeof detail, "%s %.600s", c->l->what, name);
    return audit_add(c->s, 0, kind, detail);
}

static enum km_rc add_item_tx(struct km_db *db, void *arg)
{
    struct item_ctx *c = arg;
    int64_t one;
    if (c->l->parent && db_int(db, &one, "SELECT 1 FROM hoofdgebieden WHERE id = ?", "i", c->parent) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Dit hoofdgebied bestaat niet (meer)."));
    enum km_rc rc = name_free(db, c, c->parent);
    if (rc == KM_OK)
        rc = db_exec(db, c->l->insert, c->l->parent ? "ti" : "t", c->name, c->parent);
    if (rc != KM_OK)
        return rc;
    c->id = db_last_id(db);
    return audit_item(c, "curriculum-toegevoegd", c->name);
}

/* Cleans the name into buf and checks it; the access check comes first so a refusal says "no access". */
static enum km_rc clean_item_name(const struct km_session *s, const struct level_sql *l, const char *name, char *buf,
                                  size_t len)
{
    enum km_rc rc = may_edit(s);
    if (rc != KM_OK)
        return rc;
    text_clean(name ? name : "", buf, len);
    char why[160];
    if (!curriculum_name_ok((enum cur_level)(l - levels), buf, why, sizeof why))
        return db_fail(s->db, KM_INVALID, _("De naam klopt niet: %s."), why);
    return KM_OK;
}

enum km_rc curriculum_add(const struct km_session *s, enum cur_level level, int64_t parent_id, const char *name,
                          int64_t *id)
{
    char clean[4 * CURRICULUM_NAME_MAX + 8];
    const struct level_sql *l = level_of(level);
    enum km_rc rc = clean_item_name(s, l, name, clean, sizeof clean);
    struct item_ctx c = {.s = s, .l = l, .parent = parent_id, .name = clean};
    if (rc == KM_OK)
        rc = db_tx(s->db, add_item_tx, &c);
    if (rc == KM_OK && id)
        *id = c.id;
    return rc;
}

static enum km_rc rename_item_tx(struct km_db *db, void *arg)
{
    struct item_ctx *c = arg;
    struct item_row row;
    enum km_rc rc = current_item(db, c, &row);
    if (rc != KM_OK || strcmp(row.name, c->name) == 0)
        return rc;
    rc = name_free(db, c, row.parent);
    if (rc == KM_OK)
        rc = db_exec(db, c->l->rename, "ti", c->name, c->id);
    char detail[600];
    snprintf(detail, sizeof detail, "%s -> %s", row.name, c->name);
    return rc == KM_OK ? audit_item(c, "curriculum-hernoemd", detail) : rc;
}

enum km_rc curriculum_rename(const struct km_session *s, enum cur_level level, int64_t id, const char *name,
                             int64_t expected_version)
{
    char clean[4 * CURRICULUM_NAME_MAX + 8];
    const struct level_sql *l = level_of(level);
    enum km_rc rc = clean_item_name(s, l, name, clean, sizeof clean);
    struct item_ctx c = {.s = s, .l = l, .id = id, .expected = expected_version, .name = clean};
    return rc == KM_OK ? db_tx(s->db, rename_item_tx, &c) : rc;
}

struct id_list {
    int64_t *ids;
    size_t n;
};

/* The ids of a query's first column; the statement is finished before anything else runs. */
static enum km_rc read_ids(struct km_db *db, sqlite3_stmt *st, struct id_list *out)
{
    int r;
    while ((r = db_step(db, st)) > 0) {
        int64_t *n = vec_grow(out->ids, out->n, sizeof *n);
        if (!n) {
            db_done(st);
            return vec_no_memory(db);
        }
        out->ids = n;
        out->ids[out->n++] = sqlite3_column_int64(st, 0);
    }
    return r < 0 ? db_last_rc(db) : KM_OK;
}

/* Takes id out of its place among the siblings, puts it delta places further (within the ends) and numbers
 * all siblings 1, 2, … in the new order; only rows whose number changes get a new version. */
static enum km_rc renumber(struct km_db *db, struct id_list *sib, int64_t id, int delta, const char *set_order)
{
    size_t at = 0;
    while (at < sib->n && sib->ids[at] != id)
        at++;
    if (at == sib->n)
        return db_fail(db, KM_NOTFOUND, _("Dit staat niet (meer) in de lijst."));
    long to = (long)at + delta;
    to = to < 0 ? 0 : to >= (long)sib->n ? (long)sib->n - 1 : to;
    for (size_t i = at; (long)i < to; i++)
        sib->ids[i] = sib->ids[i + 1];
    for (size_t i = at; (long)i > to; i--)
        sib->ids[i] = sib->ids[i - 1];
    sib->ids[to] = id;
    enum km_rc rc = KM_OK;
    for (size_t i = 0; rc == KM_OK && i < sib->n; i++)
        rc = db_exec(db, set_order, "di", (int)i + 1, sib->ids[i]);
    return rc;
}

static enum km_rc move_item_tx(struct km_db *db, void *arg)
{
    struct item_ctx *c = arg;
    struct item_row row;
    enum km_rc rc = current_item(db, c, &row);
    struct id_list sib = {NULL, 0};
    sqlite3_stmt *st;
    if (rc == KM_OK)
        rc = db_query(db, &st, c->l->siblings, c->l->parent ? "i" : NULL, row.parent);
    if (rc == KM_OK)
        rc = read_ids(db, st, &sib);
    if (rc == KM_OK)
        rc = renumber(db, &sib, c->id, c->delta, c->l->set_order);
    free(sib.ids);
    return rc == KM_OK ? audit_item(c, "curriculum-verplaatst", row.name) : rc;
}

enum km_rc curriculum_move(const struct km_session *s, enum cur_level level, int64_t id, int delta,
                           int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    struct item_ctx c = {.s = s, .l = level_of(level), .id = id, .expected = expected_version, .delta = delta};
    return rc == KM_OK && delta != 0 ? db_tx(s->db, move_item_tx, &c) : rc;
}

static enum km_rc delete_item_tx(struct km_db *db, void *arg)
{
    struct item_ctx *c = arg;
    struct item_row row;
    enum km_rc rc = current_item(db, c, &row);
    sqlite3_stmt *st;
    if (rc == KM_OK)
        rc = db_query(db, &st, c->l->uses, "i", c->id);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) <= 0) /* an aggregate always gives a row: only an error gets here */
        return db_last_rc(db);
    int under = sqlite3_column_int(st, 0), lessons = sqlite3_column_int(st, 1);
    db_done(st);
    if (under || lessons)
        return db_fail(db, KM_INVALID,
                       _("'%.60s' wordt nog gebruikt door %d %s en %d les(sen) in weeksjablonen; "
                         "trek de leerdoelen in of pas de lessen eerst aan."),
                       row.name, under, _(c->l->uses_first), lessons);
    rc = db_exec(db, c->l->del, "i", c->id);
    return rc == KM_OK ? audit_item(c, "curriculum-verwijderd", row.name) : rc;
}

enum km_rc curriculum_delete(const struct km_session *s, enum cur_level level, int64_t id, int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    struct item_ctx c = {.s = s, .l = level_of(level), .id = id, .expected = expected_version};
    return rc == KM_OK ? db_tx(s->db, delete_item_tx, &c) : rc;
}

static enum km_rc retire_area_tx(struct km_db *db, void *arg)
{
    struct item_ctx *c = arg;
    struct item_row row;
    enum km_rc rc = current_item(db, c, &row);
    if (rc == KM_OK && c->l == &levels[CUR_HOOFDGEBIED])
        rc = db_exec(db,
                     "UPDATE leerdoelen SET retired = ?2, version = version + 1 WHERE retired <> ?2"
                     " AND deelgebied_id IN (SELECT id FROM deelgebieden WHERE hoofdgebied_id = ?1)",
                     "id", c->id, (int)c->retired);
    else if (rc == KM_OK)
        rc = db_exec(db,
                     "UPDATE leerdoelen SET retired = ?2, version = version + 1 WHERE retired <> ?2"
                     " AND deelgebied_id = ?1",
                     "id", c->id, (int)c->retired);
    if (rc != KM_OK)
        return rc;
    c->changed = db_changes(db);
    char detail[320];
    snprintf(detail, sizeof detail, _("%s (%d leerdoel(en))"), row.name, c->changed);
    return c->changed ? audit_item(c, c->retired ? "leerdoelen-ingetrokken" : "leerdoelen-teruggezet", detail) : KM_OK;
}

enum km_rc curriculum_retire_area(const struct km_session *s, enum cur_level level, int64_t id, bool retired,
                                  int *changed)
{
    enum km_rc rc = may_edit(s);
    if (rc == KM_OK && level != CUR_HOOFDGEBIED && level != CUR_DEELGEBIED)
        rc = db_fail(s->db, KM_INVALID,
                     _("Alleen de leerdoelen van een hoofdgebied of deelgebied worden samen ingetrokken."));
    struct item_ctx c = {.s = s, .l = level_of(level), .id = id, .expected = -1, .retired = retired};
    if (rc == KM_OK)
        rc = db_tx(s->db, retire_area_tx, &c);
    if (changed)
        *changed = rc == KM_OK ? c.changed : 0;
    return rc;
}

/* ---- changing goals ---- */

struct goal_ctx {
    const struct km_session *s;
    int64_t id, expected;
    struct cur_goal_input in; /* code and title point at the cleaned copies below */
    char code[4 * CURRICULUM_CODE_MAX + 8], title[4 * CURRICULUM_TITLE_MAX + 8];
    int delta;
};

static enum km_rc clean_goal(const struct km_session *s, const struct cur_goal_input *in, struct goal_ctx *c)
{
    enum km_rc rc = may_edit(s);
    if (rc != KM_OK)
        return rc;
    c->s = s;
    c->in = *in;
    text_clean(in->code ? in->code : "", c->code, sizeof c->code);
    text_clean(in->title ? in->title : "", c->title, sizeof c->title);
    c->in.code = c->code;
    c->in.title = c->title;
    char why[160];
    if (!curriculum_goal_ok(c->code, c->title, in->sort_order, why, sizeof why))
        return db_fail(s->db, KM_INVALID, _("Het leerdoel klopt niet: %s."), why);
    return KM_OK;
}

/* The deelgebied and niveau exist and no other goal has the code. */
static enum km_rc goal_refs_ok(struct km_db *db, const struct goal_ctx *c)
{
    int64_t one;
    if (db_int(db, &one, "SELECT 1 FROM deelgebieden WHERE id = ?", "i", c->in.deelgebied_id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Dit deelgebied bestaat niet (meer)."));
    if (c->in.niveau_id && db_int(db, &one, "SELECT 1 FROM niveaus WHERE id = ?", "i", c->in.niveau_id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Dit niveau bestaat niet (meer)."));
    char other[256];
    enum km_rc rc =
        db_text(db, other, sizeof other, "SELECT title FROM leerdoelen WHERE code = ? COLLATE NOCASE AND id <> ?", "ti",
                c->code, c->id);
    if (rc == KM_OK)
        return db_fail(db, KM_EXISTS, _("Code '%s' is al van een ander leerdoel ('%.60s')."), c->code, other);
    return rc == KM_NOTFOUND ? KM_OK : rc;
}

static enum km_rc last_order(struct km_db *db, const struct goal_ctx *c, int *order)
{
    int64_t n = 0;
    enum km_rc rc = db_int(db, &n,
                           "SELECT COALESCE(max(sort_order), 0) + 1 FROM leerdoelen"
                           " WHERE deelgebied_id = ?1 AND niveau_id IS NULLIF(?2, 0)",
                           "ii", c->in.deelgebied_id, c->in.niveau_id);
    *order = n > CURRICULUM_ORDER_MAX ? CURRICULUM_ORDER_MAX : (int)n;
    return rc;
}

static enum km_rc audit_goal(const struct goal_ctx *c, const char *kind, const char *what)
{
    char detail[600];
    snprintf(detail, sizeof detail, "%s%s%s", c->code, *what ? ": " : "", what);
    return audit_add(c->s, 0, kind, detail);
}

static enum km_rc add_goal_tx(struct km_db *db, void *arg)
{
    struct goal_ctx *c = arg;
    enum km_rc rc = goal_refs_ok(db, c);
    int order = c->in.sort_order;
    if (rc == KM_OK && order < 0)
        rc = last_order(db, c, &order);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO leerdoelen (deelgebied_id, niveau_id, code, title, sort_order, retired)"
                     " VALUES (?, NULLIF(?, 0), ?, ?, ?, ?)",
                     "iittdd", c->in.deelgebied_id, c->in.niveau_id, c->code, c->title, order, (int)c->in.retired);
    if (rc != KM_OK)
        return rc;
    c->id = db_last_id(db);
    return audit_goal(c, "leerdoel-toegevoegd", c->title);
}

enum km_rc curriculum_goal_add(const struct km_session *s, const struct cur_goal_input *in, int64_t *id)
{
    struct goal_ctx *c = calloc(1, sizeof *c); /* large buffers: not on the stack of every caller */
    if (!c)
        return vec_no_memory(s->db);
    enum km_rc rc = clean_goal(s, in, c);
    if (rc == KM_OK)
        rc = db_tx(s->db, add_goal_tx, c);
    if (rc == KM_OK && id)
        *id = c->id;
    free(c);
    return rc;
}

static enum km_rc goal_now(struct km_db *db, const struct goal_ctx *c, struct cur_goal *g)
{
    enum km_rc rc = goal_by_id(db, c->id, g);
    if (rc == KM_OK && c->expected >= 0 && g->version != c->expected) {
        rc = db_fail(db, KM_CONFLICT,
                     _("Iemand anders heeft leerdoel %.40s intussen gewijzigd (nu: '%.60s'%s); "
                       "bekijk het opnieuw."),
                     g->code, g->title, g->retired ? ", ingetrokken" : "");
        curriculum_goal_free(g);
    }
    return rc;
}

/* "titel, volgorde": the fields the update changes; "" when none. */
static void goal_changes(const struct cur_goal *g, const struct goal_ctx *c, int order, char *out, size_t len)
{
    const char *names[6];
    int n = 0;
    if (strcmp(g->code, c->code) != 0)
        names[n++] = "code";
    if (strcmp(g->title, c->title) != 0)
        names[n++] = "titel";
    if (g->deelgebied_id != c->in.deelgebied_id)
        names[n++] = "deelgebied";
    if (g->niveau_id != c->in.niveau_id)
        names[n++] = "niveau";
    if (g->sort_order != order)
        names[n++] = "volgorde";
    if (g->retired != c->in.retired)
        names[n++] = c->in.retired ? "ingetrokken" : "teruggezet";
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        size_t sep = i ? 2 : 0, add = strlen(names[i]);
        if (used + sep + add >= len)
            break;
        memcpy(out + used, ", ", sep);
        memcpy(out + used + sep, names[i], add);
        used += sep + add;
    }
    out[used] = '\0';
}

static enum km_rc update_goal_tx(struct km_db *db, void *arg)
{
    struct goal_ctx *c = arg;
    struct cur_goal g;
    enum km_rc rc = goal_now(db, c, &g);
    if (rc != KM_OK)
        return rc;
    int order = c->in.sort_order < 0 ? g.sort_order : c->in.sort_order;
    char what[96];
    goal_changes(&g, c, order, what, sizeof what);
    curriculum_goal_free(&g);
    if (!*what)
        return KM_OK; /* nothing changes: no new version, no audit entry */
    rc = goal_refs_ok(db, c);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "UPDATE leerdoelen SET deelgebied_id = ?, niveau_id = NULLIF(?, 0), code = ?, title = ?,"
                     " sort_order = ?, retired = ?, version = version + 1 WHERE id = ?",
                     "iittddi", c->in.deelgebied_id, c->in.niveau_id, c->code, c->title, order, (int)c->in.retired,
                     c->id);
    return rc == KM_OK ? audit_goal(c, "leerdoel-gewijzigd", what) : rc;
}

enum km_rc curriculum_goal_update(const struct km_session *s, int64_t id, const struct cur_goal_input *in,
                                  int64_t expected_version)
{
    struct goal_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return vec_no_memory(s->db);
    enum km_rc rc = clean_goal(s, in, c);
    c->id = id;
    c->expected = expected_version;
    if (rc == KM_OK)
        rc = db_tx(s->db, update_goal_tx, c);
    free(c);
    return rc;
}

/* Retiring changes one field, so the rest of the input comes from the goal as it is. */
static enum km_rc retire_goal_tx(struct km_db *db, void *arg)
{
    struct goal_ctx *c = arg;
    struct cur_goal g;
    enum km_rc rc = goal_now(db, c, &g);
    if (rc != KM_OK)
        return rc;
    bool same = g.retired == c->in.retired;
    snprintf(c->code, sizeof c->code, "%s", g.code);
    curriculum_goal_free(&g);
    if (same)
        return KM_OK;
    rc = db_exec(db, "UPDATE leerdoelen SET retired = ?, version = version + 1 WHERE id = ?", "di", (int)c->in.retired,
                 c->id);
    return rc == KM_OK ? audit_goal(c, c->in.retired ? "leerdoel-ingetrokken" : "leerdoel-teruggezet", "") : rc;
}

enum km_rc curriculum_goal_retire(const struct km_session *s, int64_t id, bool retired, int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    if (rc != KM_OK)
        return rc;
    struct goal_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return vec_no_memory(s->db);
    *c = (struct goal_ctx){.s = s, .id = id, .expected = expected_version, .in = {.retired = retired}};
    rc = db_tx(s->db, retire_goal_tx, c);
    free(c);
    return rc;
}

/* Among the goals of the same deelgebied and niveau that are not retired: the ones a screen shows. */
static enum km_rc move_goal_tx(struct km_db *db, void *arg)
{
    struct goal_ctx *c = arg;
    struct cur_goal g;
    enum km_rc rc = goal_now(db, c, &g);
    if (rc != KM_OK)
        return rc;
    struct id_list sib = {NULL, 0};
    sqlite3_stmt *st;
    snprintf(c->code, sizeof c->code, "%s", g.code);
    rc = db_query(db, &st,
                  "SELECT id FROM leerdoelen WHERE deelgebied_id = ?1 AND niveau_id IS NULLIF(?2, 0)"
                  " AND (retired = 0 OR id = ?3) ORDER BY sort_order, code",
                  "iii", g.deelgebied_id, g.niveau_id, g.id);
    curriculum_goal_free(&g);
    if (rc == KM_OK)
        rc = read_ids(db, st, &sib);
    if (rc == KM_OK)
        rc =
            renumber(db, &sib, c->id, c->delta,
                     "UPDATE leerdoelen SET sort_order = ?1, version = version + 1 WHERE id = ?2 AND sort_order <> ?1");
    free(sib.ids);
    return rc == KM_OK ? audit_goal(c, "leerdoel-verplaatst", "") : rc;
}

enum km_rc curriculum_goal_move(const struct km_session *s, int64_t id, int delta, int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    if (rc != KM_OK || delta == 0)
        return rc;
    struct goal_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return vec_no_memory(s->db);
    *c = (struct goal_ctx){.s = s, .id = id, .expected = expected_version, .delta = delta};
    rc = db_tx(s->db, move_goal_tx, c);
    free(c);
    return rc;
}
