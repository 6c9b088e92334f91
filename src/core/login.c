#include "core/login.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/hashgate.h"
#include "core/i18n.h"
#include "core/mailspool.h"

#define MAX_DELAY_MS 5000

const char *login_failure_text(void) { return _("Onjuiste gebruikersnaam of wachtwoord."); }

struct account {
    int64_t id;
    bool active, locked;
    int failures;
    char hash[AUTH_HASH_LEN];
    char state[12];
};

static bool find_account(struct km_db *db, const char *username, struct account *acc)
{
    memset(acc, 0, sizeof *acc);
    char now[20];
    clock_system_text(now); /* as locked_until was written: never a test clock */
    sqlite3_stmt *st;
    if (db_query(db, &st,
                 "SELECT id, active, COALESCE(password_hash, ''), password_state, failed_logins,"
                 " COALESCE(locked_until > ?, 0) FROM users WHERE username = ?",
                 "tt", now, username) != KM_OK)
        return false;
    if (db_step(db, st) != 1)
        return false;
    acc->id = sqlite3_column_int64(st, 0);
    acc->active = sqlite3_column_int(st, 1) != 0;
    snprintf(acc->hash, sizeof acc->hash, "%s", db_col_text(st, 2));
    snprintf(acc->state, sizeof acc->state, "%s", db_col_text(st, 3));
    acc->failures = sqlite3_column_int(st, 4);
    acc->locked = sqlite3_column_int(st, 5) != 0;
    db_done(st);
    return true;
}

/* Without a usable account the password is hashed anyway, with the same parameters and through the same
 * gate, and thrown away: the answer takes as long as a real check, so the time does not tell whether the
 * name exists. (A per-process dummy hash would cost each SSH session an extra ungated hash.) */
static bool check_password(struct km_db *db, const struct auth_settings *auth, const char *hash, const char *pw)
{
    int gate = auth->limits.max_concurrent_hashes;
    if (hash)
        return hashgate_verify(db, gate, hash, pw);
    char burn[AUTH_HASH_LEN];
    hashgate_hash(db, gate, pw, &auth->params, burn);
    auth_wipe(burn, sizeof burn);
    return false;
}

struct failure_ctx {
    const struct km_session *actor;
    const char *name; /* as typed, lower case */
    int64_t id;       /* 0: no such account */
    const struct auth_limits *limits;
    bool was_locked;
    int failures; /* of this name, after this one: sets the delay */
};

/* The delay grows per name as typed, whether or not it is an account, so it tells nothing. Rows older than
 * a day go, so the table stays small. */
static enum km_rc count_name(struct km_db *db, struct failure_ctx *c)
{
    char now[20];
    clock_system_text(now); /* the one-day window runs on SQLite's 'now', the system clock */
    int64_t n = 0;
    enum km_rc rc = db_exec(db, "DELETE FROM login_failures WHERE last_at < datetime('now', '-1 day')", NULL);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO login_failures (name, failures, last_at) VALUES (?1, 1, ?2)"
                     " ON CONFLICT (name) DO UPDATE SET failures = failures + 1, last_at = ?2",
                     "tt", c->name, now);
    if (rc == KM_OK)
        rc = db_int(db, &n, "SELECT failures FROM login_failures WHERE name = ?", "t", c->name);
    c->failures = (int)n;
    return rc;
}

/* Counted in the database, so every process (every SSH session) sees the same count. */
static enum km_rc failure_tx(struct km_db *db, void *arg)
{
    struct failure_ctx *c = arg;
    int64_t n = 0;
    enum km_rc rc = count_name(db, c);
    if (rc != KM_OK || c->id == 0)
        return rc;
    rc = db_exec(db, "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?", "i", c->id);
    if (rc == KM_OK)
        rc = db_int(db, &n, "SELECT failed_logins FROM users WHERE id = ?", "i", c->id);
    if (rc == KM_OK)
        rc = audit_add(c->actor, c->id, "login-mislukt", c->was_locked ? _("account geblokkeerd") : "");
    bool lock_now = !c->was_locked && c->limits->max_failures > 0 && n >= c->limits->max_failures;
    if (rc != KM_OK || !lock_now)
        return rc;
    int minutes = c->limits->lock_minutes > 0 ? c->limits->lock_minutes : 15;
    char modifier[32], until[20] = "", local[32] = "", detail[160];
    snprintf(modifier, sizeof modifier, "+%d minutes", minutes); /* SQLite's words, not shown to anyone */
    rc = db_exec(db, "UPDATE users SET locked_until = datetime('now', ?) WHERE id = ?", "ti", modifier, c->id);
    if (rc == KM_OK)
        rc = db_text(db, until, sizeof until, "SELECT locked_until FROM users WHERE id = ?", "i", c->id);
    dates_local_stamp(until, false, local, sizeof local);
    snprintf(detail, sizeof detail, _("na %lld mislukte pogingen %d minuten geblokkeerd, tot %s"), (long long)n,
             minutes, local);
    return rc == KM_OK ? audit_add(c->actor, c->id, "account-geblokkeerd", detail) : rc;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

static void lower_name(const char *typed, char out[72])
{
    size_t i = 0;
    for (; typed[i] && i < 71; i++)
        out[i] = (char)((typed[i] >= 'A' && typed[i] <= 'Z') ? typed[i] + 32 : typed[i]);
    out[i] = '\0';
}

enum km_rc login_record_failure(struct km_db *db, const struct auth_limits *limits, const char *username,
                                int64_t account_id, bool was_locked)
{
    struct km_session anon;
    session_server(&anon, db);
    snprintf(anon.username, sizeof anon.username, "%.60s", username);
    char name[72];
    lower_name(username, name);
    struct failure_ctx c = {&anon, name, account_id, limits, was_locked, 1};
    db_tx(db, failure_tx, &c); /* the count is best effort: a busy database must not reveal anything */
    long delay = (long)limits->delay_step_ms * c.failures;
    sleep_ms(delay > MAX_DELAY_MS ? MAX_DELAY_MS : delay);
    return db_fail(db, KM_DENIED, "%s", login_failure_text());
}

struct success_ctx {
    const struct km_session *s;
    int64_t id;
    const char *new_hash; /* non-NULL: store this upgraded hash */
    const char *name;     /* as typed, lower case */
};

static enum km_rc success_tx(struct km_db *db, void *arg)
{
    struct success_ctx *c = arg;
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db,
                            "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?,"
                            " password_hash = COALESCE(?, password_hash) WHERE id = ?",
                            "tti", now, c->new_hash, c->id);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM login_failures WHERE name = ?", "t", c->name);
    if (rc == KM_OK && c->new_hash)
        rc = audit_add(c->s, c->id, "wachtwoord-herberekend", _("nieuwe Argon2id-parameters"));
    return rc == KM_OK ? audit_add(c->s, c->id, "login", "") : rc;
}

enum km_rc login_attempt(struct km_db *db, const struct auth_settings *auth, const char *username, const char *password,
                         struct km_session *s, struct login_result *result)
{
    struct account acc;
    const char *user = username ? username : "";
    const char *pw = password ? password : "";
    bool found = *user && find_account(db, user, &acc);
    if (!found)
        memset(&acc, 0, sizeof acc);
    bool usable = found && acc.active && acc.hash[0] && !acc.locked;
    int gate = auth->limits.max_concurrent_hashes;
    bool ok = check_password(db, auth, usable ? acc.hash : NULL, pw) && usable;
    if (!ok || session_for_user(s, db, user) != KM_OK) {
        auth_wipe(acc.hash, sizeof acc.hash);
        return login_record_failure(db, &auth->limits, user, found ? acc.id : 0, acc.locked);
    }
    char upgraded[AUTH_HASH_LEN];
    bool rehash =
        auth_needs_rehash(acc.hash, &auth->params) && hashgate_hash(db, gate, pw, &auth->params, upgraded) == KM_OK;
    char name[72];
    lower_name(user, name);
    struct success_ctx c = {s, acc.id, rehash ? upgraded : NULL, name};
    db_tx(db, success_tx, &c); /* recording the login must not decide it */
    mailspool_import(db);      /* the login writes anyway: the mailer's failures reach the log before it is read */
    auth_wipe(upgraded, sizeof upgraded);
    auth_wipe(acc.hash, sizeof acc.hash);
    if (result)
        result->must_change_password = strcmp(acc.state, "temporary") == 0;
    return KM_OK;
}
