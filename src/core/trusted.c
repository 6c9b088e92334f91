#include "core/trusted.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/mailspool.h"

#define TRUSTED_DETAIL "ssh-sleutel"

struct trusted_ctx {
    const struct km_session *actor;
    int64_t subject; /* 0: no such account */
    const char *kind;
    const char *detail;
};

static enum km_rc success_tx(struct km_db *db, void *arg)
{
    struct trusted_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db, "UPDATE users SET last_login_at = ? WHERE id = ?", "ti", now, c->subject);
    return rc == KM_OK ? audit_add(c->actor, c->subject, c->kind, c->detail) : rc;
}

static enum km_rc failure_tx(struct km_db *db, void *arg)
{
    (void)db;
    struct trusted_ctx *c = arg;
    return audit_add(c->actor, c->subject, c->kind, c->detail);
}

/* The account as it is, active or not, so a refusal can name it in the audit log. */
static int64_t account_id(struct km_db *db, const char *username)
{
    int64_t id = 0;
    if (db_int(db, &id, "SELECT id FROM users WHERE username = ?", "t", username) != KM_OK)
        id = 0;
    return id;
}

static enum km_rc refuse(struct km_db *db, const char *username)
{
    struct km_session anon;
    session_server(&anon, db);
    snprintf(anon.username, sizeof anon.username, "%.60s", username);
    struct trusted_ctx c = {&anon, account_id(db, username), "login-mislukt",
                            TRUSTED_DETAIL ": account bestaat niet of is niet actief"};
    db_tx(db, failure_tx, &c); /* best effort: the refusal stands either way */
    return db_fail(db, KM_DENIED, _("Het account %.60s bestaat niet of is niet actief; vraag de beheerder."), username);
}

static bool name_ok(const char *username)
{
    size_t n = username ? strlen(username) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)username[i] < 0x20 || username[i] == 0x7f)
            return false;
    return true;
}

enum km_rc login_trusted(struct km_db *db, const char *username, struct km_session *s, struct login_result *result)
{
    memset(s, 0, sizeof *s); /* a refusal leaves no half-filled session behind */
    if (result)
        result->must_change_password = false;
    if (!name_ok(username))
        return db_fail(db, KM_INVALID, _("--as verwacht een gebruikersnaam (hooguit 64 tekens)."));
    if (session_for_user(s, db, username) != KM_OK) {
        memset(s, 0, sizeof *s);
        return refuse(db, username);
    }
    char state[16] = "";
    db_text(db, state, sizeof state, "SELECT password_state FROM users WHERE id = ?", "i", s->user_id);
    struct trusted_ctx c = {s, s->user_id, "login", TRUSTED_DETAIL};
    enum km_rc rc = db_tx(db, success_tx, &c);
    if (rc != KM_OK) {
        memset(s, 0, sizeof *s);
        return rc;
    }
    mailspool_import(db); /* as at a login with a password: the mailer's failures reach the log first */
    if (result)
        result->must_change_password = strcmp(state, "temporary") == 0;
    return KM_OK;
}
