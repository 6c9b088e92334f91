#include "core/rooms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

#define ROOM_NAME_MAX 40
#define ROOM_CAPACITY_MAX 1000

static enum km_rc push_room(struct km_room_list *out, sqlite3_stmt *st)
{
    struct km_room *n = vec_grow(out->items, out->n, sizeof *n);
    if (!n)
        return KM_ERR;
    out->items = n;
    struct km_room *r = &n[out->n++];
    r->id = sqlite3_column_int64(st, 0);
    r->name = db_col_dup(st, 1);
    r->capacity = sqlite3_column_int(st, 2);
    r->lessons = sqlite3_column_int(st, 3);
    r->version = sqlite3_column_int64(st, 4);
    return r->name ? KM_OK : KM_ERR;
}

enum km_rc rooms_list(const struct km_session *s, struct km_room_list *out)
{
    out->items = NULL;
    out->n = 0;
    sqlite3_stmt *st;
    enum km_rc rc = access_session(s); /* where lessons are is no secret to anyone logged in */
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st,
                  "SELECT r.id, r.name, r.capacity, (SELECT count(*) FROM lessons l WHERE l.room_id = r.id),"
                  " r.version FROM rooms r ORDER BY length(r.name), r.name COLLATE NOCASE",
                  NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0)
        rc = r < 0 ? db_last_rc(s->db) : push_room(out, st);
    if (rc != KM_OK) {
        db_done(st);
        rooms_list_free(out);
    }
    return rc;
}

static enum km_rc check_input(const struct km_session *s, const char *name, int capacity, char *clean, size_t len)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    text_clean(name ? name : "", clean, len);
    if (!*clean || text_width(clean) > ROOM_NAME_MAX)
        return db_fail(s->db, KM_INVALID, _("De naam van een lokaal heeft 1 tot %d tekens."), ROOM_NAME_MAX);
    if (capacity < 0 || capacity > ROOM_CAPACITY_MAX)
        return db_fail(s->db, KM_INVALID, _("De capaciteit is een aantal van 0 tot %d."), ROOM_CAPACITY_MAX);
    return KM_OK;
}

struct room_ctx {
    const struct km_session *s;
    int64_t id;
    const char *name;
    int capacity;
    int64_t expected;
};

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct room_ctx *c = arg;
    enum km_rc rc = db_exec(db, "INSERT INTO rooms (name, capacity) VALUES (?, ?)", "td", c->name, c->capacity);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is al een lokaal '%s'."), c->name);
    c->id = db_last_id(db);
    return rc == KM_OK ? audit_add(c->s, 0, "lokaal-toegevoegd", c->name) : rc;
}

enum km_rc rooms_add(const struct km_session *s, const char *name, int capacity, int64_t *id)
{
    char clean[256];
    enum km_rc rc = check_input(s, name, capacity, clean, sizeof clean);
    struct room_ctx c = {s, 0, clean, capacity, 0};
    if (rc == KM_OK)
        rc = db_tx(s->db, add_tx, &c);
    if (rc == KM_OK && id)
        *id = c.id;
    return rc;
}

static enum km_rc update_tx(struct km_db *db, void *arg)
{
    struct room_ctx *c = arg;
    enum km_rc rc =
        db_exec(db, "UPDATE rooms SET name = ?, capacity = ?, version = version + 1 WHERE id = ? AND version = ?",
                "tdii", c->name, c->capacity, c->id, c->expected);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("Er is al een lokaal '%s'."), c->name);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_CONFLICT,
                       _("Iemand anders heeft dit lokaal intussen gewijzigd of verwijderd; bekijk het opnieuw."));
    return rc == KM_OK ? audit_add(c->s, 0, "lokaal-gewijzigd", c->name) : rc;
}

enum km_rc rooms_update(const struct km_session *s, int64_t id, const char *name, int capacity,
                        int64_t expected_version)
{
    char clean[256];
    enum km_rc rc = check_input(s, name, capacity, clean, sizeof clean);
    struct room_ctx c = {s, id, clean, capacity, expected_version};
    return rc == KM_OK ? db_tx(s->db, update_tx, &c) : rc;
}

static enum km_rc delete_tx(struct km_db *db, void *arg)
{
    struct room_ctx *c = arg;
    int64_t used = 0;
    enum km_rc rc = db_int(db, &used, "SELECT count(*) FROM lessons WHERE room_id = ?", "i", c->id);
    if (rc == KM_OK && used)
        return db_fail(db, KM_INVALID,
                       _("Dit lokaal wordt gebruikt door %lld les(sen); kies daar eerst een ander lokaal."),
                       (long long)used);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM rooms WHERE id = ?", "i", c->id);
    if (rc == KM_OK && db_changes(db) == 0)
        return db_fail(db, KM_NOTFOUND, _("Dit lokaal bestaat niet (meer)."));
    return rc == KM_OK ? audit_add(c->s, 0, "lokaal-verwijderd", "") : rc;
}

enum km_rc rooms_delete(const struct km_session *s, int64_t id)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    struct room_ctx c = {s, id, NULL, 0, 0};
    return rc == KM_OK ? db_tx(s->db, delete_tx, &c) : rc;
}

enum km_rc rooms_find(const struct km_session *s, const char *name, int64_t *id)
{
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    rc = db_int(s->db, id, "SELECT id FROM rooms WHERE name = ? COLLATE NOCASE", "t", name);
    return rc == KM_NOTFOUND ? db_fail(s->db, KM_NOTFOUND, _("Lokaal '%.40s' bestaat niet."), name) : rc;
}

void rooms_list_free(struct km_room_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
