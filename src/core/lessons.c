#include "core/lessons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/conflicts.h"
#include "core/db_sql.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/vec.h"

/* ---- reading ---- */

static const char *const list_sql =
    "SELECT l.id, l.slot_id, COALESCE(l.block_id, 0), x.weekday, x.start_min, x.end_min,"
    " COALESCE(l.teacher_id, 0), COALESCE(l.hoofdgebied_id, 0), COALESCE(l.deelgebied_id, 0), COALESCE(l.room_id, 0),"
    " COALESCE(u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END || ' ' || "
    "u.achternaam, ''),"
    " COALESCE(h.name, '') || COALESCE(' / ' || d.name, ''), COALESCE(r.name, ''),"
    " COALESCE((SELECT group_concat(g.name || CASE WHEN lg.mandatory THEN '' ELSE ' (vrij)' END, ', ')"
    "  FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id WHERE lg.lesson_id = l.id), ''),"
    " COALESCE((SELECT group_concat(n.name, ', ') FROM lesson_niveaus ln JOIN niveaus n ON n.id = ln.niveau_id"
    "  WHERE ln.lesson_id = l.id), ''), l.version"
    " FROM lessons l JOIN time_slots x ON x.id = l.slot_id LEFT JOIN users u ON u.id = l.teacher_id"
    " LEFT JOIN hoofdgebieden h ON h.id = l.hoofdgebied_id LEFT JOIN deelgebieden d ON d.id = l.deelgebied_id"
    " LEFT JOIN rooms r ON r.id = l.room_id"
    " WHERE (?2 <> 0 AND l.slot_id = ?2) OR (?2 = 0 AND x.template_id = ?1)"
    " ORDER BY x.weekday, x.start_min, l.id";

static enum km_rc push_lesson(struct km_lesson_list *out, sqlite3_stmt *st)
{
    struct km_lesson *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_lesson *l = &n[out->n++];
    l->id = sqlite3_column_int64(st, 0);
    l->slot_id = sqlite3_column_int64(st, 1);
    l->block_id = sqlite3_column_int64(st, 2);
    l->weekday = sqlite3_column_int(st, 3);
    l->start_min = sqlite3_column_int(st, 4);
    l->end_min = sqlite3_column_int(st, 5);
    l->teacher_id = sqlite3_column_int64(st, 6);
    l->hoofdgebied_id = sqlite3_column_int64(st, 7);
    l->deelgebied_id = sqlite3_column_int64(st, 8);
    l->room_id = sqlite3_column_int64(st, 9);
    l->teacher = db_col_dup(st, 10);
    l->subject = db_col_dup(st, 11);
    l->room = db_col_dup(st, 12);
    l->groups = db_col_dup(st, 13);
    l->niveaus = db_col_dup(st, 14);
    l->version = sqlite3_column_int64(st, 15);
    return l->teacher && l->subject && l->room && l->groups && l->niveaus ? KM_OK : KM_ERR;
}

enum km_rc lessons_list(const struct km_session *s, int64_t template_id, int64_t slot_id, struct km_lesson_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st, list_sql, "ii", template_id, slot_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_lesson(out, st);
    if (rc != KM_OK) {
        db_done(st);
        lessons_list_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

/* char(31) is LESSON_SHEET_SEP; the inner ORDER BY gives group_concat its order (by id, as lessons_get_input). */
static const char *const sheet_sql =
    "SELECT l.id, l.slot_id, COALESCE(l.block_id, 0), COALESCE(u.username, ''), COALESCE(h.name, ''),"
    " COALESCE(d.name, ''), COALESCE(r.name, ''),"
    " COALESCE((SELECT group_concat(name, char(31)) FROM (SELECT n.name FROM lesson_niveaus ln"
    "  JOIN niveaus n ON n.id = ln.niveau_id WHERE ln.lesson_id = src.id ORDER BY ln.niveau_id)), ''),"
    " COALESCE((SELECT group_concat(name, char(31)) FROM (SELECT g.name FROM lesson_groups lg"
    "  JOIN groups g ON g.id = lg.group_id WHERE lg.lesson_id = src.id ORDER BY lg.group_id)), ''),"
    " COALESCE((SELECT group_concat(m, '') FROM (SELECT CASE WHEN lg.mandatory THEN '1' ELSE '0' END AS m"
    "  FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id WHERE lg.lesson_id = src.id"
    "  ORDER BY lg.group_id)), '')"
    " FROM lessons l JOIN time_slots x ON x.id = l.slot_id JOIN lessons src ON src.id = COALESCE(l.block_id, l.id)"
    " LEFT JOIN users u ON u.id = src.teacher_id LEFT JOIN hoofdgebieden h ON h.id = src.hoofdgebied_id"
    " LEFT JOIN deelgebieden d ON d.id = src.deelgebied_id LEFT JOIN rooms r ON r.id = src.room_id"
    " WHERE x.template_id = ?1 ORDER BY x.weekday, x.start_min, l.id";

static enum km_rc push_sheet(struct lesson_sheet_list *out, sqlite3_stmt *st)
{
    struct lesson_sheet *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct lesson_sheet *l = &n[out->n++];
    *l = (struct lesson_sheet){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                               sqlite3_column_int64(st, 2), db_col_dup(st, 3),
                               db_col_dup(st, 4),           db_col_dup(st, 5),
                               db_col_dup(st, 6),           db_col_dup(st, 7),
                               db_col_dup(st, 8),           db_col_dup(st, 9)};
    return l->teacher && l->hoofdgebied && l->deelgebied && l->room && l->niveaus && l->groups && l->mandatory ? KM_OK
                                                                                                               : KM_ERR;
}

struct sheet_ctx {
    int64_t template_id;
    struct lesson_sheet_list *out;
};

static enum km_rc sheet_read(struct km_db *db, void *arg)
{
    struct sheet_ctx *c = arg;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, sheet_sql, "i", c->template_id);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push_sheet(c->out, st);
    if (rc != KM_OK)
        db_done(st);
    return rc;
}

enum km_rc lessons_sheet(const struct km_session *s, int64_t template_id, struct lesson_sheet_list *out)
{
    *out = (struct lesson_sheet_list){NULL, 0};
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct sheet_ctx c = {template_id, out};
    if (rc == KM_OK)
        rc = db_read(s->db, sheet_read, &c);
    if (rc != KM_OK) {
        lessons_sheet_free(out);
        if (rc == KM_ERR && !*db_errmsg(s->db))
            vec_no_memory(s->db);
    }
    return rc;
}

void lessons_sheet_free(struct lesson_sheet_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct lesson_sheet *x = &l->items[i];
        free(x->teacher);
        free(x->hoofdgebied);
        free(x->deelgebied);
        free(x->room);
        free(x->niveaus);
        free(x->groups);
        free(x->mandatory);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

enum km_rc lessons_free_teachers(const struct km_session *s, int64_t slot_id, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st,
                  "SELECT u.id FROM users u WHERE u.role = 'leerkracht' AND u.active = 1 AND NOT EXISTS ("
                  " SELECT 1 FROM lessons l JOIN time_slots x ON x.id = l.slot_id JOIN time_slots me ON me.id = ?"
                  " WHERE l.teacher_id = u.id AND x.template_id = me.template_id AND x.weekday = me.weekday"
                  " AND x.start_min < me.end_min AND me.start_min < x.end_min)"
                  " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
                  "i", slot_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        int64_t *grown = r > 0 ? vec_grow(*ids, *n, sizeof **ids) : NULL;
        if (!grown) {
            db_done(st);
            rc = r < 0 ? db_last_rc(s->db) : vec_no_memory(s->db);
            break;
        }
        *ids = grown;
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (rc != KM_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- checking the input ---- */

static bool exists(struct km_db *db, const char *sql, int64_t id)
{
    int64_t one = 0;
    return db_int(db, &one, sql, "i", id) == KM_OK && one;
}

static enum km_rc check_refs(struct km_db *db, const struct lesson_input *in)
{
    if (in->teacher_id &&
        !exists(db, "SELECT 1 FROM users WHERE id = ? AND role = 'leerkracht' AND active = 1", in->teacher_id))
        return db_fail(db, KM_INVALID, _("Kies een actieve leerkracht."));
    if (in->room_id && !exists(db, "SELECT 1 FROM rooms WHERE id = ?", in->room_id))
        return db_fail(db, KM_INVALID, _("Dit lokaal bestaat niet (meer)."));
    if (in->hoofdgebied_id && !exists(db, "SELECT 1 FROM hoofdgebieden WHERE id = ?", in->hoofdgebied_id))
        return db_fail(db, KM_INVALID, _("Dit hoofdgebied bestaat niet (meer)."));
    int64_t hg = 0;
    if (in->deelgebied_id &&
        db_int(db, &hg, "SELECT hoofdgebied_id FROM deelgebieden WHERE id = ?", "i", in->deelgebied_id) != KM_OK)
        return db_fail(db, KM_INVALID, _("Dit deelgebied bestaat niet (meer)."));
    if (in->deelgebied_id && in->hoofdgebied_id && hg != in->hoofdgebied_id)
        return db_fail(db, KM_INVALID, _("Dit deelgebied hoort niet bij het gekozen hoofdgebied."));
    for (int i = 0; i < in->nniveaus; i++)
        if (!exists(db, "SELECT 1 FROM niveaus WHERE id = ?", in->niveaus[i]))
            return db_fail(db, KM_INVALID, _("Een gekozen niveau bestaat niet (meer)."));
    for (int i = 0; i < in->ngroups; i++)
        if (!exists(db, "SELECT 1 FROM groups WHERE id = ? AND active = 1", in->groups[i].group_id))
            return db_fail(db, KM_INVALID, _("Een gekozen groep bestaat niet (meer) of is niet actief."));
    return KM_OK;
}

struct slot_info {
    int64_t template_id;
    int weekday, start, end;
    bool is_break;
};

static enum km_rc slot_info(struct km_db *db, int64_t slot_id, struct slot_info *x)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st, "SELECT template_id, weekday, start_min, end_min, is_break FROM time_slots WHERE id = ?", "i",
                 slot_id);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) != 1)
        return db_fail(db, KM_NOTFOUND, _("Dit tijdslot bestaat niet (meer)."));
    *x = (struct slot_info){sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                            sqlite3_column_int(st, 3), sqlite3_column_int(st, 4) != 0};
    db_done(st);
    return KM_OK;
}

/* A blokuur runs over slots that follow each other on one day with no lesson slot in between. */
static enum km_rc check_linked(struct km_db *db, const struct lesson_input *in, const struct slot_info *first)
{
    struct slot_info prev = *first;
    for (int i = 0; i < in->nlinked; i++) {
        struct slot_info next;
        enum km_rc rc = slot_info(db, in->linked_slots[i], &next);
        if (rc != KM_OK)
            return rc;
        int64_t between = 0;
        db_int(db, &between,
               "SELECT count(*) FROM time_slots WHERE template_id = ? AND weekday = ? AND is_break = 0"
               " AND start_min >= ? AND start_min < ?",
               "iddd", first->template_id, first->weekday, prev.end, next.start);
        if (next.template_id != first->template_id || next.weekday != first->weekday || next.is_break ||
            next.start < prev.end || between > 0)
            return db_fail(db, KM_INVALID,
                           _("Een blokuur loopt over tijdsloten die op dezelfde dag direct op elkaar volgen."));
        prev = next;
    }
    return KM_OK;
}

static enum km_rc check_input(struct km_db *db, const struct lesson_input *in, struct slot_info *slot)
{
    if (in->nniveaus < 0 || in->nniveaus > LESSON_MAX_NIVEAUS || in->ngroups < 0 || in->ngroups > LESSON_MAX_GROUPS ||
        in->nlinked < 0 || in->nlinked > LESSON_MAX_LINKED)
        return db_fail(db, KM_INVALID, _("Te veel groepen, niveaus of gekoppelde tijdsloten."));
    if (in->ngroups == 0)
        return db_fail(db, KM_INVALID, _("Kies minstens één groep voor de les."));
    enum km_rc rc = slot_info(db, in->slot_id, slot);
    if (rc == KM_OK && slot->is_break)
        return db_fail(db, KM_INVALID, _("Dit tijdslot is een pauze; daarin komen geen lessen."));
    if (rc == KM_OK)
        rc = check_refs(db, in);
    return rc == KM_OK ? check_linked(db, in, slot) : rc;
}

/* ---- writing ---- */

static enum km_rc write_parts(struct km_db *db, int64_t lesson, const struct lesson_input *in)
{
    enum km_rc rc = db_exec(db, "DELETE FROM lesson_niveaus WHERE lesson_id = ?", "i", lesson);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM lesson_groups WHERE lesson_id = ?", "i", lesson);
    for (int i = 0; rc == KM_OK && i < in->nniveaus; i++)
        rc = db_exec(db, "INSERT OR IGNORE INTO lesson_niveaus (lesson_id, niveau_id) VALUES (?, ?)", "ii", lesson,
                     in->niveaus[i]);
    for (int i = 0; rc == KM_OK && i < in->ngroups; i++)
        rc = db_exec(db, "INSERT OR IGNORE INTO lesson_groups (lesson_id, group_id, mandatory) VALUES (?, ?, ?)", "iid",
                     lesson, in->groups[i].group_id, in->groups[i].mandatory ? 1 : 0);
    return rc == KM_OK ? db_exec(db, "INSERT OR IGNORE INTO conflict_scope (id) VALUES (?)", "i", lesson) : rc;
}

static enum km_rc insert_lesson(struct km_db *db, int64_t slot_id, const struct lesson_input *in, int64_t block,
                                int64_t *id)
{
    enum km_rc rc =
        db_exec(db,
                "INSERT INTO lessons (slot_id, teacher_id, hoofdgebied_id, deelgebied_id, room_id, block_id)"
                " VALUES (?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0))",
                "iiiiii", slot_id, in->teacher_id, in->hoofdgebied_id, in->deelgebied_id, in->room_id, block);
    *id = db_last_id(db);
    return rc == KM_OK ? write_parts(db, *id, in) : rc;
}

/* The lesson of the first slot heads the blokuur; every part (the head too) carries its id. */
static enum km_rc insert_block(struct km_db *db, const struct lesson_input *in, int64_t *head)
{
    enum km_rc rc = insert_lesson(db, in->slot_id, in, 0, head);
    if (rc != KM_OK || in->nlinked == 0)
        return rc;
    rc = db_exec(db, "UPDATE lessons SET block_id = id WHERE id = ?", "i", *head);
    for (int i = 0; rc == KM_OK && i < in->nlinked; i++) {
        int64_t part;
        rc = insert_lesson(db, in->linked_slots[i], in, *head, &part);
    }
    return rc;
}

struct change_ctx {
    const struct km_session *s;
    const struct lesson_input *in;
    int64_t lesson_id; /* 0 when adding */
    int64_t expected;
    bool accept;
    struct conflict_list found;
};

/* After the rows are written: a teacher or room clash undoes the change; warnings need a yes. */
static enum km_rc judge(struct km_db *db, struct change_ctx *c, int64_t template_id)
{
    enum km_rc rc = conflicts_find(db, template_id, true, &c->found);
    if (rc != KM_OK)
        return rc;
    for (size_t i = 0; i < c->found.n; i++)
        if (conflict_refused(c->found.items[i].kind))
            return db_fail(db, KM_INVALID, "%s", c->found.items[i].text);
    if (c->found.n && !c->accept)
        return db_fail(db, KM_CONFLICT, _("Let op: %zu waarschuwing(en); bevestig om de les toch zo te maken."),
                       c->found.n);
    return KM_OK;
}

static enum km_rc empty_scope(struct km_db *db)
{
    enum km_rc rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS conflict_scope (id INTEGER PRIMARY KEY)", NULL);
    return rc == KM_OK ? db_exec(db, "DELETE FROM conflict_scope", NULL) : rc;
}

static enum km_rc prepare_scope(struct km_db *db, struct change_ctx *c)
{
    conflicts_free(&c->found); /* the transaction may run again after a busy database */
    return empty_scope(db);
}

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    struct slot_info slot;
    enum km_rc rc = prepare_scope(db, c);
    if (rc == KM_OK)
        rc = check_input(db, c->in, &slot);
    if (rc == KM_OK)
        rc = insert_block(db, c->in, &c->lesson_id);
    if (rc == KM_OK)
        rc = judge(db, c, slot.template_id);
    return rc == KM_OK ? audit_add(c->s, 0, "les-gemaakt", "") : rc;
}

static void hand_over(struct change_ctx *c, struct conflict_list *warnings)
{
    if (warnings)
        *warnings = c->found;
    else
        conflicts_free(&c->found);
}

enum km_rc lessons_add(const struct km_session *s, const struct lesson_input *in, bool accept_warnings,
                       struct conflict_list *warnings, int64_t *id)
{
    if (warnings)
        *warnings = (struct conflict_list){NULL, 0};
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    struct change_ctx c = {s, in, 0, 0, accept_warnings || !warnings, {NULL, 0}};
    rc = db_tx(s->db, add_tx, &c);
    hand_over(&c, warnings);
    if (rc == KM_OK && id)
        *id = c.lesson_id;
    return rc;
}

/* ---- many at once (an import) ---- */

struct many_ctx {
    const struct km_session *s;
    const struct lesson_input *in;
    size_t n;
    int64_t *heads; /* the id of each input's (first) lesson, increasing */
    size_t failed;
    struct conflict_list found;
};

/* The input whose adding made lesson id: ids grow in the order the inputs are made. */
static size_t input_of(const struct many_ctx *c, int64_t id)
{
    size_t lo = 0, hi = c->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->heads[mid] <= id)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

struct ranked {
    size_t input, pos;
    struct conflict c;
};

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->input != y->input)
        return x->input < y->input ? -1 : 1;
    if (x->c.kind != y->c.kind)
        return x->c.kind < y->c.kind ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The clashes as adding the inputs one by one would have found them: per input (the later lesson of a pair),
 * per kind, in the query's order. */
static enum km_rc order_found(struct km_db *db, struct many_ctx *c)
{
    struct conflict_list *f = &c->found;
    if (f->n < 2)
        return KM_OK;
    struct ranked *r = malloc(f->n * sizeof *r);
    if (!r)
        return vec_no_memory(db);
    for (size_t i = 0; i < f->n; i++) {
        int64_t later = f->items[i].lesson_a > f->items[i].lesson_b ? f->items[i].lesson_a : f->items[i].lesson_b;
        r[i] = (struct ranked){input_of(c, later), i, f->items[i]};
    }
    qsort(r, f->n, sizeof *r, ranked_cmp);
    for (size_t i = 0; i < f->n; i++)
        f->items[i] = r[i].c;
    free(r);
    return KM_OK;
}

static enum km_rc add_many_tx(struct km_db *db, void *arg)
{
    struct many_ctx *c = arg;
    conflicts_free(&c->found);
    enum km_rc rc = empty_scope(db);
    int64_t template_id = 0, before = 0;
    for (size_t i = 0; rc == KM_OK && i < c->n; i++) {
        struct slot_info slot = {0}; /* check_input leaves it unset when it fails; template_id is read below */
        c->failed = i;
        rc = check_input(db, &c->in[i], &slot);
        if (rc == KM_OK && i > 0 && slot.template_id != template_id)
            rc = db_fail(db, KM_INVALID, _("Alle lessen horen bij hetzelfde weeksjabloon."));
        template_id = slot.template_id;
        if (rc == KM_OK && i == 0)
            rc = db_int(db, &before,
                        "SELECT count(*) FROM lessons l JOIN time_slots x ON x.id = l.slot_id"
                        " WHERE x.template_id = ?",
                        "i", template_id);
        if (rc == KM_OK)
            rc = insert_block(db, &c->in[i], &c->heads[i]);
        if (rc == KM_OK)
            rc = audit_add(c->s, 0, "les-gemaakt", "");
    }
    if (rc != KM_OK || c->n == 0)
        return rc;
    c->failed = c->n;
    /* into an empty template every clash is a new one: the check over the whole template is the same, and
     * cheaper than one that starts from each lesson */
    rc = conflicts_find(db, template_id, before > 0, &c->found);
    if (rc == KM_OK)
        rc = order_found(db, c);
    for (size_t i = 0; rc == KM_OK && i < c->found.n; i++)
        if (conflict_refused(c->found.items[i].kind)) {
            const struct conflict *x = &c->found.items[i];
            c->failed = input_of(c, x->lesson_a > x->lesson_b ? x->lesson_a : x->lesson_b);
            return db_fail(db, KM_INVALID, "%s", x->text);
        }
    return rc;
}

enum km_rc lessons_add_many(const struct km_session *s, const struct lesson_input *in, size_t n,
                            struct conflict_list *warnings, size_t *failed)
{
    *warnings = (struct conflict_list){NULL, 0};
    *failed = n;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    struct many_ctx c = {s, in, n, calloc(n + 1, sizeof *c.heads), n, {NULL, 0}};
    if (!c.heads)
        return vec_no_memory(s->db);
    rc = db_tx(s->db, add_many_tx, &c);
    free(c.heads);
    *failed = rc == KM_OK ? n : c.failed;
    if (rc == KM_OK)
        *warnings = c.found;
    else
        conflicts_free(&c.found);
    return rc;
}

/* A blokuur is edited through its head (the lesson of its first slot): a part on its own has no input. */
static int64_t block_head(struct km_db *db, int64_t lesson_id)
{
    int64_t head = lesson_id;
    db_int(db, &head, "SELECT COALESCE(block_id, id) FROM lessons WHERE id = ?", "i", lesson_id);
    return head;
}

/* The other parts of a blokuur go; the head keeps its id, so lessons already in the roster stay linked. */
static enum km_rc update_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    struct slot_info slot;
    enum km_rc rc = prepare_scope(db, c);
    int64_t version = 0;
    if (rc == KM_OK && db_int(db, &version, "SELECT version FROM lessons WHERE id = ?", "i", c->lesson_id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Deze les bestaat niet (meer)."));
    if (rc == KM_OK && version != c->expected)
        return db_fail(db, KM_CONFLICT, _("Iemand anders heeft deze les intussen gewijzigd; bekijk haar opnieuw."));
    if (rc == KM_OK)
        rc = check_input(db, c->in, &slot);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM lessons WHERE block_id = ? AND id <> ?", "ii", c->lesson_id, c->lesson_id);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "UPDATE lessons SET slot_id = ?, teacher_id = NULLIF(?, 0), hoofdgebied_id = NULLIF(?, 0),"
                     " deelgebied_id = NULLIF(?, 0), room_id = NULLIF(?, 0), block_id = NULL, version = version + 1"
                     " WHERE id = ?",
                     "iiiiii", c->in->slot_id, c->in->teacher_id, c->in->hoofdgebied_id, c->in->deelgebied_id,
                     c->in->room_id, c->lesson_id);
    if (rc == KM_OK)
        rc = write_parts(db, c->lesson_id, c->in);
    if (rc == KM_OK && c->in->nlinked)
        rc = db_exec(db, "UPDATE lessons SET block_id = id WHERE id = ?", "i", c->lesson_id);
    for (int i = 0; rc == KM_OK && i < c->in->nlinked; i++) {
        int64_t part;
        rc = insert_lesson(db, c->in->linked_slots[i], c->in, c->lesson_id, &part);
    }
    if (rc == KM_OK)
        rc = judge(db, c, slot.template_id);
    return rc == KM_OK ? audit_add(c->s, 0, "les-gewijzigd", "") : rc;
}

enum km_rc lessons_update(const struct km_session *s, int64_t lesson_id, const struct lesson_input *in,
                          bool accept_warnings, struct conflict_list *warnings, int64_t expected_version)
{
    if (warnings)
        *warnings = (struct conflict_list){NULL, 0};
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    struct change_ctx c = {s,        in, block_head(s->db, lesson_id), expected_version, accept_warnings || !warnings,
                           {NULL, 0}};
    rc = db_tx(s->db, update_tx, &c);
    hand_over(&c, warnings);
    return rc;
}

static enum km_rc delete_tx(struct km_db *db, void *arg)
{
    struct change_ctx *c = arg;
    int64_t block = 0;
    if (db_int(db, &block, "SELECT COALESCE(block_id, id) FROM lessons WHERE id = ?", "i", c->lesson_id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Deze les bestaat niet (meer)."));
    /* the whole blokuur goes: its head and every part */
    enum km_rc rc =
        db_exec(db, "DELETE FROM lessons WHERE id = ?1 OR id = ?2 OR block_id = ?2", "ii", c->lesson_id, block);
    return rc == KM_OK ? audit_add(c->s, 0, "les-verwijderd", "") : rc;
}

enum km_rc lessons_delete(const struct km_session *s, int64_t lesson_id)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct change_ctx c = {s, NULL, lesson_id, 0, true, {NULL, 0}};
    return rc == KM_OK ? db_tx(s->db, delete_tx, &c) : rc;
}

enum km_rc lessons_get_input(const struct km_session *s, int64_t lesson_id, struct lesson_input *in, int64_t *version)
{
    memset(in, 0, sizeof *in);
    struct km_db *db = s->db;
    sqlite3_stmt *st;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    lesson_id = block_head(db, lesson_id);
    rc = db_query(db, &st,
                  "SELECT slot_id, COALESCE(teacher_id, 0), COALESCE(hoofdgebied_id, 0), COALESCE(deelgebied_id, 0),"
                  " COALESCE(room_id, 0), version FROM lessons WHERE id = ?",
                  "i", lesson_id);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) != 1)
        return db_fail(db, KM_NOTFOUND, _("Deze les bestaat niet (meer)."));
    in->slot_id = sqlite3_column_int64(st, 0);
    in->teacher_id = sqlite3_column_int64(st, 1);
    in->hoofdgebied_id = sqlite3_column_int64(st, 2);
    in->deelgebied_id = sqlite3_column_int64(st, 3);
    in->room_id = sqlite3_column_int64(st, 4);
    *version = sqlite3_column_int64(st, 5);
    db_done(st);
    int r = 1;
    rc = db_query(db, &st, "SELECT niveau_id FROM lesson_niveaus WHERE lesson_id = ? ORDER BY niveau_id", "i",
                  lesson_id);
    while (rc == KM_OK && in->nniveaus < LESSON_MAX_NIVEAUS && (r = db_step(db, st)) == 1)
        in->niveaus[in->nniveaus++] = sqlite3_column_int64(st, 0);
    db_done(st);
    if (rc == KM_OK && r >= 0)
        rc = db_query(db, &st, "SELECT group_id, mandatory FROM lesson_groups WHERE lesson_id = ? ORDER BY group_id",
                      "i", lesson_id);
    while (rc == KM_OK && r >= 0 && in->ngroups < LESSON_MAX_GROUPS && (r = db_step(db, st)) == 1)
        in->groups[in->ngroups++] = (struct lesson_group){sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1) != 0};
    db_done(st);
    if (rc == KM_OK && r >= 0)
        rc = db_query(
            db, &st,
            "SELECT l.slot_id FROM lessons l JOIN time_slots x ON x.id = l.slot_id WHERE l.block_id = ? AND l.id <> ?"
            " ORDER BY x.start_min",
            "ii", lesson_id, lesson_id);
    while (rc == KM_OK && r >= 0 && in->nlinked < LESSON_MAX_LINKED && (r = db_step(db, st)) == 1)
        in->linked_slots[in->nlinked++] = sqlite3_column_int64(st, 0);
    db_done(st);
    /* a half-read lesson saved again would lose its groups: an error is an error */
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}

void lessons_list_free(struct km_lesson_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].teacher);
        free(l->items[i].subject);
        free(l->items[i].room);
        free(l->items[i].groups);
        free(l->items[i].niveaus);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
