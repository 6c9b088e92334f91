#include "core/templates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

#define TEMPLATE_NAME_MAX 40
#define SLOT_NAME_MAX 30

/* ---- templates ---- */

static enum km_rc push_template(struct km_template_list *out, sqlite3_stmt *st)
{
    struct km_template *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_template *t = &n[out->n++];
    t->id = sqlite3_column_int64(st, 0);
    t->name = db_col_dup(st, 1);
    t->slots = sqlite3_column_int(st, 2);
    t->lessons = sqlite3_column_int(st, 3);
    t->roster_weeks = sqlite3_column_int(st, 4);
    t->version = sqlite3_column_int64(st, 5);
    return t->name ? KM_OK : KM_ERR;
}

enum km_rc templates_list(const struct km_session *s, struct km_template_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st,
                  "SELECT t.id, t.name, (SELECT count(*) FROM time_slots x WHERE x.template_id = t.id),"
                  " (SELECT count(*) FROM lessons l JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id = t.id),"
                  " (SELECT count(*) FROM roster_weeks w WHERE w.template_id = t.id), t.version"
                  " FROM week_templates t ORDER BY t.name COLLATE NOCASE",
                  NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_template(out, st);
    if (rc != KM_OK) {
        db_done(st);
        templates_list_free(out);
    }
    return rc;
}

enum km_rc templates_find(const struct km_session *s, const char *name, int64_t *id)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    rc = db_int(s->db, id, "SELECT id FROM week_templates WHERE name = ? COLLATE NOCASE", "t", name);
    return rc == KM_NOTFOUND ? db_fail(s->db, KM_NOTFOUND, _("Weeksjabloon '%.40s' bestaat niet."), name) : rc;
}

static enum km_rc clean_name(const struct km_session *s, const char *name, char *out, size_t len)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    text_clean(name ? name : "", out, len);
    if (!*out || text_width(out) > TEMPLATE_NAME_MAX)
        return db_fail(s->db, KM_INVALID, _("De naam van een weeksjabloon heeft 1 tot %d tekens."), TEMPLATE_NAME_MAX);
    return KM_OK;
}

struct template_ctx {
    const struct km_session *s;
    int64_t id, new_id, expected;
    const char *name;
};

/* Names are unique regardless of case: "Toetsweek" and "toetsweek" would be found as one. */
static bool name_taken(struct km_db *db, const char *name, int64_t except)
{
    int64_t one = 0;
    return db_int(db, &one, "SELECT 1 FROM week_templates WHERE name = ? COLLATE NOCASE AND id <> ?", "ti", name,
                  except) == KM_OK;
}

static enum km_rc insert_template(struct km_db *db, struct template_ctx *c)
{
    char now[20];
    db_now(now);
    if (name_taken(db, c->name, 0))
        return db_fail(db, KM_EXISTS, _("Er is al een weeksjabloon '%s'."), c->name);
    enum km_rc rc = db_exec(db, "INSERT INTO week_templates (name, created_at) VALUES (?, ?)", "tt", c->name, now);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is al een weeksjabloon '%s'."), c->name);
    c->new_id = db_last_id(db);
    return rc;
}

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct template_ctx *c = arg;
    enum km_rc rc = insert_template(db, c);
    return rc == KM_OK ? audit_add(c->s, 0, "weeksjabloon-gemaakt", c->name) : rc;
}

enum km_rc templates_add(const struct km_session *s, const char *name, int64_t *id)
{
    char clean[256];
    enum km_rc rc = clean_name(s, name, clean, sizeof clean);
    struct template_ctx c = {s, 0, 0, 0, clean};
    if (rc == KM_OK)
        rc = db_tx(s->db, add_tx, &c);
    if (rc == KM_OK && id)
        *id = c.new_id;
    return rc;
}

static enum km_rc rename_tx(struct km_db *db, void *arg)
{
    struct template_ctx *c = arg;
    if (name_taken(db, c->name, c->id))
        return db_fail(db, KM_EXISTS, _("Er is al een weeksjabloon '%s'."), c->name);
    enum km_rc rc =
        db_exec(db, "UPDATE week_templates SET name = ?, version = version + 1 WHERE id = ? AND version = ?", "tii",
                c->name, c->id, c->expected);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is al een weeksjabloon '%s'."), c->name);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_CONFLICT, _("Iemand anders heeft dit weeksjabloon intussen gewijzigd of verwijderd."));
    return rc == KM_OK ? audit_add(c->s, 0, "weeksjabloon-hernoemd", c->name) : rc;
}

enum km_rc templates_rename(const struct km_session *s, int64_t id, const char *name, int64_t expected_version)
{
    char clean[256];
    enum km_rc rc = clean_name(s, name, clean, sizeof clean);
    struct template_ctx c = {s, id, 0, expected_version, clean};
    return rc == KM_OK ? db_tx(s->db, rename_tx, &c) : rc;
}

/* Copies slots, lessons, their levels and groups; blokuren keep pointing within the copy. New ids are
 * chosen first (above the current highest) and kept in a temporary old→new map, so every step is one
 * INSERT … SELECT with explicit ids. */
static enum km_rc copy_contents(struct km_db *db, int64_t from, int64_t to)
{
    static const char *const steps[] = {
        "CREATE TEMP TABLE IF NOT EXISTS copy_map (kind TEXT, old INTEGER, new INTEGER, PRIMARY KEY (kind, old))",
        "DELETE FROM copy_map",
        "INSERT INTO copy_map SELECT 'slot', id, (SELECT COALESCE(max(id), 0) FROM time_slots)"
        " + row_number() OVER (ORDER BY id) FROM time_slots WHERE template_id = ?1",
        "INSERT INTO time_slots (id, template_id, weekday, start_min, end_min, name, is_break)"
        " SELECT m.new, ?2, x.weekday, x.start_min, x.end_min, x.name, x.is_break FROM time_slots x"
        " JOIN copy_map m ON m.kind = 'slot' AND m.old = x.id",
        "INSERT INTO copy_map SELECT 'lesson', l.id, (SELECT COALESCE(max(id), 0) FROM lessons)"
        " + row_number() OVER (ORDER BY l.id) FROM lessons l JOIN time_slots x ON x.id = l.slot_id WHERE x.template_id "
        "= ?1",
        "INSERT INTO lessons (id, slot_id, teacher_id, hoofdgebied_id, deelgebied_id, room_id, block_id)"
        " SELECT m.new, ms.new, l.teacher_id, l.hoofdgebied_id, l.deelgebied_id, l.room_id, mb.new FROM lessons l"
        " JOIN copy_map m ON m.kind = 'lesson' AND m.old = l.id JOIN copy_map ms ON ms.kind = 'slot' AND ms.old = "
        "l.slot_id"
        " LEFT JOIN copy_map mb ON mb.kind = 'lesson' AND mb.old = l.block_id ORDER BY m.new",
        "INSERT INTO lesson_niveaus SELECT m.new, n.niveau_id FROM lesson_niveaus n"
        " JOIN copy_map m ON m.kind = 'lesson' AND m.old = n.lesson_id",
        "INSERT INTO lesson_groups SELECT m.new, g.group_id, g.mandatory FROM lesson_groups g"
        " JOIN copy_map m ON m.kind = 'lesson' AND m.old = g.lesson_id",
        "DELETE FROM copy_map",
        NULL,
    };
    enum km_rc rc = KM_OK;
    for (int i = 0; rc == KM_OK && steps[i]; i++)
        rc = db_exec(db, steps[i], strstr(steps[i], "?2") ? "ii" : strstr(steps[i], "?1") ? "i" : NULL, from, to);
    return rc;
}

static enum km_rc copy_tx(struct km_db *db, void *arg)
{
    struct template_ctx *c = arg;
    int64_t exists = 0;
    if (db_int(db, &exists, "SELECT 1 FROM week_templates WHERE id = ?", "i", c->id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Dit weeksjabloon bestaat niet (meer)."));
    enum km_rc rc = insert_template(db, c);
    if (rc == KM_OK)
        rc = copy_contents(db, c->id, c->new_id);
    return rc == KM_OK ? audit_add(c->s, 0, "weeksjabloon-gekopieerd", c->name) : rc;
}

enum km_rc templates_copy(const struct km_session *s, int64_t id, const char *new_name, int64_t *new_id)
{
    char clean[256];
    enum km_rc rc = clean_name(s, new_name, clean, sizeof clean);
    struct template_ctx c = {s, id, 0, 0, clean};
    if (rc == KM_OK)
        rc = db_tx(s->db, copy_tx, &c);
    if (rc == KM_OK && new_id)
        *new_id = c.new_id;
    return rc;
}

static enum km_rc delete_tx(struct km_db *db, void *arg)
{
    struct template_ctx *c = arg;
    int64_t weeks = 0;
    enum km_rc rc = db_int(db, &weeks, "SELECT count(*) FROM roster_weeks WHERE template_id = ?", "i", c->id);
    if (rc == KM_OK && weeks)
        return db_fail(db, KM_INVALID,
                       _("Het schoolrooster gebruikt dit weeksjabloon in %lld week/weken; "
                         "kies daar eerst een ander sjabloon."),
                       (long long)weeks);
    char name[128] = "";
    db_text(db, name, sizeof name, "SELECT name FROM week_templates WHERE id = ?", "i", c->id);
    if (rc == KM_OK)
        rc = db_exec(
            db, "UPDATE lessons SET block_id = NULL WHERE slot_id IN (SELECT id FROM time_slots WHERE template_id = ?)",
            "i", c->id);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM week_templates WHERE id = ?", "i", c->id);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_NOTFOUND, _("Dit weeksjabloon bestaat niet (meer)."));
    return rc == KM_OK ? audit_add(c->s, 0, "weeksjabloon-verwijderd", name) : rc;
}

enum km_rc templates_delete(const struct km_session *s, int64_t id)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct template_ctx c = {s, id, 0, 0, NULL};
    return rc == KM_OK ? db_tx(s->db, delete_tx, &c) : rc;
}

void templates_list_free(struct km_template_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

/* ---- slots ---- */

static enum km_rc push_slot(struct km_slot_list *out, sqlite3_stmt *st)
{
    struct km_slot *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_slot *x = &n[out->n++];
    x->id = sqlite3_column_int64(st, 0);
    x->template_id = sqlite3_column_int64(st, 1);
    x->weekday = sqlite3_column_int(st, 2);
    x->start_min = sqlite3_column_int(st, 3);
    x->end_min = sqlite3_column_int(st, 4);
    x->name = db_col_dup(st, 5);
    x->is_break = sqlite3_column_int(st, 6) != 0;
    x->lessons = sqlite3_column_int(st, 7);
    x->version = sqlite3_column_int64(st, 8);
    return x->name ? KM_OK : KM_ERR;
}

enum km_rc slots_list(const struct km_session *s, int64_t template_id, struct km_slot_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st,
                  "SELECT x.id, x.template_id, x.weekday, x.start_min, x.end_min, x.name, x.is_break,"
                  " (SELECT count(*) FROM lessons l WHERE l.slot_id = x.id), x.version FROM time_slots x"
                  " WHERE x.template_id = ? ORDER BY x.weekday, x.start_min",
                  "i", template_id);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_slot(out, st);
    if (rc != KM_OK) {
        db_done(st);
        slots_list_free(out);
    }
    return rc;
}

struct slot_ctx {
    const struct km_session *s;
    int64_t template_id, slot_id, expected;
    unsigned days;
    int start, end;
    const char *name;
    bool is_break;
};

static enum km_rc check_times(struct km_db *db, int start, int end, int step)
{
    char a[6], b[6];
    hours_format(start, a);
    hours_format(end, b);
    if (start < 0 || end > 24 * 60 || start >= end)
        return db_fail(db, KM_INVALID, _("Een tijdslot eindigt na zijn begin (%s–%s)."), a, b);
    if (step > 1 && (start % step || end % step))
        return db_fail(db, KM_INVALID, _("Tijden gaan per %d minuten; %s–%s past daar niet op."), step, a, b);
    return KM_OK;
}

static enum km_rc check_within_hours(struct km_db *db, int weekday, int start, int end)
{
    int64_t open_start = -1, open_end = -1;
    db_int(db, &open_start, "SELECT start_min FROM school_hours WHERE weekday = ?", "d", weekday);
    db_int(db, &open_end, "SELECT end_min FROM school_hours WHERE weekday = ?", "d", weekday);
    char a[6], b[6];
    if (open_start < 0)
        return db_fail(db, KM_INVALID, _("Op %s is de school dicht (zie INSTELLINGEN)."), hours_day_name(weekday));
    if (start < open_start || end > open_end) {
        hours_format((int)open_start, a);
        hours_format((int)open_end, b);
        return db_fail(db, KM_INVALID, _("Op %s is de school open van %s tot %s; het tijdslot valt daarbuiten."),
                       hours_day_name(weekday), a, b);
    }
    return KM_OK;
}

static enum km_rc check_no_overlap(struct km_db *db, const struct slot_ctx *c, int weekday)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT name, start_min, end_min FROM time_slots WHERE template_id = ? AND weekday = ?"
                             " AND start_min < ? AND end_min > ? AND id <> ? LIMIT 1",
                             "ididi", c->template_id, weekday, c->end, c->start, c->slot_id);
    if (rc != KM_OK)
        return rc;
    if (db_step(db, st) != 1)
        return KM_OK;
    char name[64], a[6], b[6];
    snprintf(name, sizeof name, "%s", db_col_text(st, 0));
    hours_format(sqlite3_column_int(st, 1), a);
    hours_format(sqlite3_column_int(st, 2), b);
    db_done(st);
    return db_fail(db, KM_INVALID, _("Op %s overlapt dit met tijdslot '%s' (%s–%s)."), hours_day_name(weekday), name, a,
                   b);
}

static enum km_rc check_day(struct km_db *db, const struct slot_ctx *c, int weekday)
{
    enum km_rc rc = check_within_hours(db, weekday, c->start, c->end);
    return rc == KM_OK ? check_no_overlap(db, c, weekday) : rc;
}

static enum km_rc add_slots_tx(struct km_db *db, void *arg)
{
    struct slot_ctx *c = arg;
    int64_t exists = 0;
    if (db_int(db, &exists, "SELECT 1 FROM week_templates WHERE id = ?", "i", c->template_id) != KM_OK)
        return db_fail(db, KM_NOTFOUND, _("Dit weeksjabloon bestaat niet (meer)."));
    enum km_rc rc = KM_OK;
    for (int d = 1; d <= 7 && rc == KM_OK; d++) {
        if (!(c->days & (1u << d)))
            continue;
        rc = check_day(db, c, d);
        if (rc == KM_OK)
            rc = db_exec(db,
                         "INSERT INTO time_slots (template_id, weekday, start_min, end_min, name, is_break)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         "idddtd", c->template_id, d, c->start, c->end, c->name, c->is_break ? 1 : 0);
    }
    return rc == KM_OK ? audit_add(c->s, 0, "tijdslot-gemaakt", c->name) : rc;
}

static enum km_rc slot_input(const struct km_session *s, int start, int end, int step, const char *name, char *clean,
                             size_t len)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    text_clean(name ? name : "", clean, len);
    if (text_width(clean) > SLOT_NAME_MAX)
        return db_fail(s->db, KM_INVALID, _("De naam van een tijdslot heeft hoogstens %d tekens."), SLOT_NAME_MAX);
    return check_times(s->db, start, end, step);
}

enum km_rc slots_add(const struct km_session *s, int64_t template_id, unsigned days_mask, int start_min, int end_min,
                     const char *name, bool is_break, int step)
{
    char clean[128];
    enum km_rc rc = slot_input(s, start_min, end_min, step, name, clean, sizeof clean);
    if (rc == KM_OK && (days_mask & 0xFEu) == 0)
        rc = db_fail(s->db, KM_INVALID, _("Kies minstens één dag voor het tijdslot."));
    struct slot_ctx c = {s, template_id, 0, 0, days_mask, start_min, end_min, clean, is_break};
    return rc == KM_OK ? db_tx(s->db, add_slots_tx, &c) : rc;
}

static enum km_rc update_slot_tx(struct km_db *db, void *arg)
{
    struct slot_ctx *c = arg;
    int64_t weekday = 0, lessons = 0;
    if (db_int(db, &weekday, "SELECT weekday FROM time_slots WHERE id = ? AND version = ?", "ii", c->slot_id,
               c->expected) != KM_OK)
        return db_fail(db, KM_CONFLICT, _("Iemand anders heeft dit tijdslot intussen gewijzigd of verwijderd."));
    db_int(db, &c->template_id, "SELECT template_id FROM time_slots WHERE id = ?", "i", c->slot_id);
    db_int(db, &lessons, "SELECT count(*) FROM lessons WHERE slot_id = ?", "i", c->slot_id);
    if (c->is_break && lessons)
        return db_fail(db, KM_INVALID, _("Een pauze heeft geen lessen; dit tijdslot heeft er %lld."),
                       (long long)lessons);
    enum km_rc rc = check_day(db, c, (int)weekday);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "UPDATE time_slots SET start_min = ?, end_min = ?, name = ?, is_break = ?, version = version + 1"
                     " WHERE id = ?",
                     "ddtdi", c->start, c->end, c->name, c->is_break ? 1 : 0, c->slot_id);
    return rc == KM_OK ? audit_add(c->s, 0, "tijdslot-gewijzigd", c->name) : rc;
}

enum km_rc slots_update(const struct km_session *s, int64_t slot_id, int start_min, int end_min, const char *name,
                        bool is_break, int step, int64_t expected_version)
{
    char clean[128];
    enum km_rc rc = slot_input(s, start_min, end_min, step, name, clean, sizeof clean);
    struct slot_ctx c = {s, 0, slot_id, expected_version, 0, start_min, end_min, clean, is_break};
    return rc == KM_OK ? db_tx(s->db, update_slot_tx, &c) : rc;
}

static enum km_rc delete_slot_tx(struct km_db *db, void *arg)
{
    struct slot_ctx *c = arg;
    enum km_rc rc =
        db_exec(db, "UPDATE lessons SET block_id = NULL WHERE block_id IN (SELECT id FROM lessons WHERE slot_id = ?)",
                "i", c->slot_id);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM time_slots WHERE id = ?", "i", c->slot_id);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_NOTFOUND, _("Dit tijdslot bestaat niet (meer)."));
    return rc == KM_OK ? audit_add(c->s, 0, "tijdslot-verwijderd", "") : rc;
}

enum km_rc slots_delete(const struct km_session *s, int64_t slot_id)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct slot_ctx c = {s, 0, slot_id, 0, 0, 0, 0, NULL, false};
    return rc == KM_OK ? db_tx(s->db, delete_slot_tx, &c) : rc;
}

void slots_list_free(struct km_slot_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
