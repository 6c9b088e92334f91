#include "core/session.h"

#include <stdio.h>
#include <string.h>

#include "core/db_sql.h"
#include "core/i18n.h"

static void session_init(struct km_session *s, struct km_db *db, enum session_origin origin, const char *name)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->role = ROLE_BEHEERDER;
    s->origin = origin;
    snprintf(s->username, sizeof s->username, "%s", name);
}

void session_server(struct km_session *s, struct km_db *db) { session_init(s, db, ORIGIN_SERVER, "server"); }
void session_sync(struct km_session *s, struct km_db *db) { session_init(s, db, ORIGIN_SYNC, "sync"); }

enum km_rc session_for_user(struct km_session *s, struct km_db *db, const char *username)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st, "SELECT id, role, username FROM users WHERE username = ? AND active = 1", "t", username);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db)
                     : db_fail(db, KM_NOTFOUND, _("Gebruiker %s bestaat niet of is niet actief."), username);
    memset(s, 0, sizeof *s);
    s->db = db;
    s->origin = ORIGIN_USER;
    s->user_id = sqlite3_column_int64(st, 0);
    enum km_role role = ROLE_LEERLING;
    km_role_parse(db_col_text(st, 1), &role);
    s->role = role;
    snprintf(s->username, sizeof s->username, "%s", db_col_text(st, 2));
    db_done(st);
    return KM_OK;
}

const char *session_actor_name(const struct km_session *s) { return s->username; }
