#include "core/login.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"

const char *login_failure_text(void) { return "Onjuiste gebruikersnaam of wachtwoord."; }

struct account {
    int64_t id;
    bool active;
    char hash[AUTH_HASH_LEN];
    char state[12];
};

static bool find_account(struct km_db *db, const char *username, struct account *acc)
{
    memset(acc, 0, sizeof *acc);
    sqlite3_stmt *st;
    if (db_query(db, &st, "SELECT id, active, COALESCE(password_hash, ''), password_state FROM users WHERE username = ?",
                 "t", username) != KM_OK)
        return false;
    if (db_step(db, st) != 1)
        return false;
    acc->id = sqlite3_column_int64(st, 0);
    acc->active = sqlite3_column_int(st, 1) != 0;
    snprintf(acc->hash, sizeof acc->hash, "%s", db_col_text(st, 2));
    snprintf(acc->state, sizeof acc->state, "%s", db_col_text(st, 3));
    db_done(st);
    return true;
}

/* A hash of a random password, made once: verifying against it when there is no account costs as much as
 * a real check, so the time taken does not reveal which usernames exist. */
static const char *dummy_hash(const struct auth_params *p)
{
    static char hash[AUTH_HASH_LEN];
    if (!hash[0]) {
        char pw[24];
        auth_generate_password(pw, sizeof pw);
        if (auth_hash(pw, p, hash) != KM_OK)
            hash[0] = '\0';
        auth_wipe(pw, sizeof pw);
    }
    return hash;
}

struct record_ctx {
    const struct km_session *s;
    int64_t id;
    bool ok;
    const char *new_hash; /* non-NULL: store this upgraded hash */
};

static enum km_rc record_tx(struct km_db *db, void *arg)
{
    struct record_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc;
    if (c->ok)
        rc = db_exec(db, "UPDATE users SET failed_logins = 0, last_login_at = ?, password_hash = COALESCE(?, password_hash)"
                         " WHERE id = ?", "tti", now, c->new_hash, c->id);
    else
        rc = db_exec(db, "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?", "i", c->id);
    return rc == KM_OK ? audit_add(c->s, c->id, c->ok ? "login" : "login-mislukt", "") : rc;
}

static void record(struct km_db *db, const struct km_session *actor, int64_t id, bool ok, const char *new_hash)
{
    struct record_ctx c = {actor, id, ok, new_hash};
    db_tx(db, record_tx, &c); /* a failure to log must not decide the login */
}

enum km_rc login_attempt(struct km_db *db, const struct auth_settings *auth, const char *username,
                         const char *password, struct km_session *s, struct login_result *result)
{
    struct account acc;
    bool found = username && *username && find_account(db, username, &acc);
    bool usable = found && acc.active && acc.hash[0];
    bool ok = auth_verify(usable ? acc.hash : dummy_hash(&auth->params), password ? password : "") && usable;
    struct km_session anon;
    session_server(&anon, db);
    snprintf(anon.username, sizeof anon.username, "%.60s", found ? username : "onbekend");
    if (!ok) {
        if (found)
            record(db, &anon, acc.id, false, NULL);
        return db_fail(db, KM_DENIED, "%s", login_failure_text());
    }
    if (session_for_user(s, db, username) != KM_OK)
        return db_fail(db, KM_DENIED, "%s", login_failure_text());
    char upgraded[AUTH_HASH_LEN];
    bool rehash = auth_needs_rehash(acc.hash, &auth->params) && auth_hash(password, &auth->params, upgraded) == KM_OK;
    record(db, s, acc.id, true, rehash ? upgraded : NULL);
    auth_wipe(upgraded, sizeof upgraded);
    auth_wipe(acc.hash, sizeof acc.hash);
    if (result)
        result->must_change_password = strcmp(acc.state, "temporary") == 0;
    return KM_OK;
}
