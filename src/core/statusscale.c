#include "core/statusscale.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

const char *const statusscale_roles[STATUSSCALE_NROLES] = {"status_none", "status_busy", "status_almost",
                                                           "status_done"};

/* ---- the input ---- */

/* The cleaned input, with the letter in upper case: what is checked is what is stored. */
struct clean_input {
    char label[4 * STATUSSCALE_LABEL_MAX + 8];
    char letter[8];
    char glyph[16];
    char role[32];
    bool mastered;
};

static void clean(const struct status_input *in, struct clean_input *out)
{
    text_clean(in->label ? in->label : "", out->label, sizeof out->label);
    text_clean(in->letter ? in->letter : "", out->letter, sizeof out->letter);
    text_clean(in->glyph ? in->glyph : "", out->glyph, sizeof out->glyph);
    text_clean(in->colour_role ? in->colour_role : "", out->role, sizeof out->role);
    out->letter[0] = (char)toupper((unsigned char)out->letter[0]);
    out->mastered = in->mastered;
}

static bool one_glyph(const char *g)
{
    uint32_t cp;
    size_t len = strlen(g);
    int n = text_utf8_decode(g, len, &cp);
    return n > 0 && (size_t)n == len && cp != TEXT_REPLACEMENT && !text_is_control(cp) && text_cp_width(cp) == 1;
}

static bool known_role(const char *role)
{
    for (int i = 0; i < STATUSSCALE_NROLES; i++)
        if (strcmp(role, statusscale_roles[i]) == 0)
            return true;
    return false;
}

static bool cleaned_ok(const struct clean_input *c, char *why, size_t len)
{
    const char *l = c->letter;
    if (!*c->label || text_width(c->label) > STATUSSCALE_LABEL_MAX)
        snprintf(why, len, _("de naam van een status heeft 1 tot %d tekens"), STATUSSCALE_LABEL_MAX);
    else if (strlen(l) != 1 || !(isdigit((unsigned char)l[0]) || (l[0] >= 'A' && l[0] <= 'Z')))
        snprintf(why, len, _("de letter is één letter A-Z of één cijfer"));
    else if (!one_glyph(c->glyph))
        snprintf(why, len, _("het teken is precies één smal teken, zoals ● of +"));
    else if (!known_role(c->role))
        snprintf(why, len, _("de kleurrol is %s, %s, %s of %s"), statusscale_roles[0], statusscale_roles[1],
                 statusscale_roles[2], statusscale_roles[3]);
    else
        return true;
    return false;
}

bool statusscale_input_ok(const struct status_input *in, char *why, size_t len)
{
    struct clean_input c;
    clean(in, &c);
    return cleaned_ok(&c, why, len);
}

/* ---- reading ---- */

static enum km_rc push_value(struct status_scale *out, sqlite3_stmt *st)
{
    struct status_value *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct status_value *v = &n[out->n++];
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    snprintf(v->label, sizeof v->label, "%s", db_col_text(st, 1));
    snprintf(v->letter, sizeof v->letter, "%s", db_col_text(st, 2));
    snprintf(v->glyph, sizeof v->glyph, "%s", db_col_text(st, 3));
    snprintf(v->colour_role, sizeof v->colour_role, "%s", db_col_text(st, 4));
    v->sort_order = sqlite3_column_int(st, 5);
    v->mastered = sqlite3_column_int(st, 6) != 0;
    v->uses = sqlite3_column_int(st, 7);
    v->history = sqlite3_column_int(st, 8);
    v->version = sqlite3_column_int64(st, 9);
    return KM_OK;
}

/* The scale without its use counts: the board and the overviews read it often, and counting means reading
 * every status of the school. */
static enum km_rc read_scale(struct km_db *db, struct status_scale *out)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT v.id, v.label, v.letter, v.glyph, v.colour_role, v.sort_order, v.mastered,"
                             " -1, -1, v.version FROM status_values v ORDER BY v.sort_order, v.id",
                             NULL);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push_value(out, st);
    if (rc != KM_OK) {
        db_done(st);
        statusscale_free(out);
        if (rc == KM_ERR && !*db_errmsg(db))
            vec_no_memory(db);
    }
    return rc;
}

enum km_rc statusscale_list(const struct km_session *s, struct status_scale *out)
{
    *out = (struct status_scale){NULL, 0};
    enum km_rc rc = access_session(s);
    return rc == KM_OK ? read_scale(s->db, out) : rc;
}

/* Rows of (status id, count): into each value's uses, or its history. */
static enum km_rc add_counts(struct km_db *db, struct status_scale *l, const char *sql, bool history)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, sql, NULL);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        int at = statusscale_index(l, sqlite3_column_int64(st, 0));
        if (at >= 0 && history)
            l->items[at].history = sqlite3_column_int(st, 1);
        else if (at >= 0)
            l->items[at].uses = sqlite3_column_int(st, 1);
    }
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}

static enum km_rc count_uses(struct km_db *db, void *arg)
{
    struct status_scale *l = arg;
    for (size_t i = 0; i < l->n; i++)
        l->items[i].uses = l->items[i].history = 0;
    enum km_rc rc = add_counts(db, l, "SELECT status_id, count(*) FROM goal_status GROUP BY status_id", false);
    if (rc == KM_OK)
        rc = add_counts(db, l,
                        "SELECT v, count(*) FROM (SELECT from_status_id AS v FROM goal_status_history"
                        " UNION ALL SELECT to_status_id FROM goal_status_history"
                        " WHERE from_status_id IS NULL OR to_status_id <> from_status_id) GROUP BY v",
                        true);
    return rc;
}

enum km_rc statusscale_count_uses(const struct km_session *s, struct status_scale *l)
{
    enum km_rc rc = access_session(s);
    return rc == KM_OK ? db_read(s->db, count_uses, l) : rc;
}

void statusscale_free(struct status_scale *l)
{
    free(l->items);
    *l = (struct status_scale){NULL, 0};
}

int statusscale_index(const struct status_scale *l, int64_t id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].id == id)
            return (int)i;
    return -1;
}

/* ---- changing ---- */

struct scale_ctx {
    const struct km_session *s;
    int64_t id, expected;
    struct clean_input in;
    int delta;
};

static enum km_rc may_edit(const struct km_session *s) { return access_check(s, ACT_EDIT_CURRICULUM, 0); }

static enum km_rc prepare(const struct km_session *s, const struct status_input *in, struct scale_ctx *c)
{
    enum km_rc rc = may_edit(s);
    if (rc != KM_OK)
        return rc;
    clean(in, &c->in);
    char why[160];
    return cleaned_ok(&c->in, why, sizeof why) ? KM_OK
                                               : db_fail(s->db, KM_INVALID, _("De status klopt niet: %s."), why);
}

/* No other value has the label or the letter (case ignored for both). */
static enum km_rc unique_ok(struct km_db *db, const struct scale_ctx *c)
{
    char other[160];
    if (db_text(db, other, sizeof other, "SELECT label FROM status_values WHERE upper(letter) = ? AND id <> ?", "ti",
                c->in.letter, c->id) == KM_OK)
        return db_fail(db, KM_EXISTS, _("De letter %s hoort al bij '%.40s'."), c->in.letter, other);
    if (db_text(db, other, sizeof other, "SELECT label FROM status_values WHERE label = ? COLLATE NOCASE AND id <> ?",
                "ti", c->in.label, c->id) == KM_OK)
        return db_fail(db, KM_EXISTS, _("Er is al een status '%.40s'."), other);
    return KM_OK;
}

/* Whether a value other than id counts as mastered. */
static bool other_mastered(struct km_db *db, int64_t id)
{
    int64_t one;
    return db_int(db, &one, "SELECT 1 FROM status_values WHERE mastered = 1 AND id <> ?", "i", id) == KM_OK;
}

static enum km_rc audit_value(const struct scale_ctx *c, const char *kind, const char *letter, const char *label)
{
    char detail[200];
    snprintf(detail, sizeof detail, "%.4s %.160s", letter, label);
    return audit_add(c->s, 0, kind, detail);
}

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct scale_ctx *c = arg;
    int64_t n = 0;
    enum km_rc rc = db_int(db, &n, "SELECT count(*) FROM status_values", NULL);
    if (rc == KM_OK && n >= STATUSSCALE_MAX)
        return db_fail(db, KM_INVALID, _("Een statusschaal heeft hoogstens %d waarden."), STATUSSCALE_MAX);
    if (rc == KM_OK)
        rc = unique_ok(db, c);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO status_values (label, letter, glyph, colour_role, sort_order, mastered)"
                     " VALUES (?, ?, ?, ?, (SELECT COALESCE(max(sort_order), 0) + 1 FROM status_values), ?)",
                     "ttttd", c->in.label, c->in.letter, c->in.glyph, c->in.role, (int)c->in.mastered);
    if (rc != KM_OK)
        return rc;
    c->id = db_last_id(db);
    return audit_value(c, "status-waarde-toegevoegd", c->in.letter, c->in.label);
}

enum km_rc statusscale_add(const struct km_session *s, const struct status_input *in, int64_t *id)
{
    struct scale_ctx c = {.s = s};
    enum km_rc rc = prepare(s, in, &c);
    if (rc == KM_OK)
        rc = db_tx(s->db, add_tx, &c);
    if (rc == KM_OK && id)
        *id = c.id;
    return rc;
}

struct current_value {
    char label[160], letter[8];
    bool mastered;
};

/* The value as it is now, checked against the version the person saw. */
static enum km_rc current(struct km_db *db, const struct scale_ctx *c, struct current_value *v)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st, "SELECT label, letter, version, mastered FROM status_values WHERE id = ?", "i", c->id);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db) : db_fail(db, KM_NOTFOUND, _("Deze status bestaat niet (meer)."));
    snprintf(v->label, sizeof v->label, "%s", db_col_text(st, 0));
    snprintf(v->letter, sizeof v->letter, "%s", db_col_text(st, 1));
    int64_t version = sqlite3_column_int64(st, 2);
    v->mastered = sqlite3_column_int(st, 3) != 0;
    db_done(st);
    if (c->expected >= 0 && version != c->expected)
        return db_fail(db, KM_CONFLICT,
                       _("Iemand anders heeft status '%.40s' intussen gewijzigd; bekijk de schaal opnieuw."), v->label);
    return KM_OK;
}

static enum km_rc update_tx(struct km_db *db, void *arg)
{
    struct scale_ctx *c = arg;
    struct current_value v;
    enum km_rc rc = current(db, c, &v);
    if (rc == KM_OK)
        rc = unique_ok(db, c);
    if (rc == KM_OK && v.mastered && !c->in.mastered && !other_mastered(db, c->id))
        return db_fail(db, KM_INVALID, _("Minstens één status telt als beheerst; dit is de laatste."));
    if (rc == KM_OK)
        rc = db_exec(db,
                     "UPDATE status_values SET label = ?, letter = ?, glyph = ?, colour_role = ?, mastered = ?,"
                     " version = version + 1 WHERE id = ?",
                     "ttttdi", c->in.label, c->in.letter, c->in.glyph, c->in.role, (int)c->in.mastered, c->id);
    return rc == KM_OK ? audit_value(c, "status-waarde-gewijzigd", c->in.letter, c->in.label) : rc;
}

enum km_rc statusscale_update(const struct km_session *s, int64_t id, const struct status_input *in,
                              int64_t expected_version)
{
    struct scale_ctx c = {.s = s, .id = id, .expected = expected_version};
    enum km_rc rc = prepare(s, in, &c);
    return rc == KM_OK ? db_tx(s->db, update_tx, &c) : rc;
}

static enum km_rc delete_tx(struct km_db *db, void *arg)
{
    struct scale_ctx *c = arg;
    struct current_value v;
    int64_t uses = 0, history = 0;
    enum km_rc rc = current(db, c, &v);
    if (rc == KM_OK)
        rc = db_int(db, &uses, "SELECT count(*) FROM goal_status WHERE status_id = ?", "i", c->id);
    if (rc == KM_OK)
        rc = db_int(db, &history,
                    "SELECT count(*) FROM goal_status_history WHERE from_status_id = ?1 OR to_status_id = ?1", "i",
                    c->id);
    if (rc != KM_OK)
        return rc;
    if (uses)
        return db_fail(db, KM_INVALID,
                       _("Status '%.40s' staat nog bij %lld leerdoel(en) van leerlingen; geef die eerst "
                         "een andere status, of wijzig alleen de naam."),
                       v.label, (long long)uses);
    if (history)
        return db_fail(db, KM_INVALID,
                       _("Status '%.40s' staat in de geschiedenis van %lld wijziging(en) en blijft "
                         "daarom bestaan; wijzig alleen de naam."),
                       v.label, (long long)history);
    if (v.mastered && !other_mastered(db, c->id))
        return db_fail(db, KM_INVALID, _("Minstens één status telt als beheerst; dit is de laatste."));
    rc = db_exec(db, "DELETE FROM status_values WHERE id = ?", "i", c->id);
    return rc == KM_OK ? audit_value(c, "status-waarde-verwijderd", v.letter, v.label) : rc;
}

enum km_rc statusscale_delete(const struct km_session *s, int64_t id, int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    struct scale_ctx c = {.s = s, .id = id, .expected = expected_version};
    return rc == KM_OK ? db_tx(s->db, delete_tx, &c) : rc;
}

/* Numbers the values 1, 2, … with id delta places from where it was. */
static enum km_rc reorder(struct km_db *db, int64_t id, int delta)
{
    int64_t ids[STATUSSCALE_MAX * 4];
    int n = 0, at = -1, r;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT id FROM status_values ORDER BY sort_order, id", NULL);
    while (rc == KM_OK && n < (int)(sizeof ids / sizeof ids[0]) && (r = db_step(db, st)) != 0) {
        if (r < 0)
            return db_last_rc(db);
        ids[n] = sqlite3_column_int64(st, 0);
        at = ids[n] == id ? n : at;
        n++;
    }
    db_done(st);
    if (rc != KM_OK || at < 0)
        return rc != KM_OK ? rc : db_fail(db, KM_NOTFOUND, _("Deze status bestaat niet (meer)."));
    int to = at + delta < 0 ? 0 : at + delta >= n ? n - 1 : at + delta;
    for (int i = at; i < to; i++)
        ids[i] = ids[i + 1];
    for (int i = at; i > to; i--)
        ids[i] = ids[i - 1];
    ids[to] = id;
    for (int i = 0; rc == KM_OK && i < n; i++)
        rc = db_exec(
            db, "UPDATE status_values SET sort_order = ?1, version = version + 1 WHERE id = ?2 AND sort_order <> ?1",
            "di", i + 1, ids[i]);
    return rc;
}

static enum km_rc move_tx(struct km_db *db, void *arg)
{
    struct scale_ctx *c = arg;
    struct current_value v;
    enum km_rc rc = current(db, c, &v);
    if (rc == KM_OK)
        rc = reorder(db, c->id, c->delta);
    return rc == KM_OK ? audit_value(c, "status-waarde-verplaatst", v.letter, v.label) : rc;
}

enum km_rc statusscale_move(const struct km_session *s, int64_t id, int delta, int64_t expected_version)
{
    enum km_rc rc = may_edit(s);
    struct scale_ctx c = {.s = s, .id = id, .expected = expected_version, .delta = delta};
    return rc == KM_OK && delta != 0 ? db_tx(s->db, move_tx, &c) : rc;
}
