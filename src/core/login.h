/* Logging in: one answer for every failure, failures counted in the database so all processes share them. */
#ifndef KM_LOGIN_H
#define KM_LOGIN_H

#include "core/auth.h"
#include "core/session.h"

struct login_result {
    bool must_change_password; /* the password was temporary */
};

/* Checks username and password. On success fills *s for the account, records the login and upgrades an old
 * hash. Every failure (unknown user, wrong password, inactive account, no password) returns KM_DENIED with
 * the same sentence and takes about as long, so nothing tells whether an account exists. */
enum km_rc login_attempt(struct km_db *db, const struct auth_settings *auth, const char *username, const char *password,
                         struct km_session *s, struct login_result *result);
/* Counts a failed password check for the name as typed (and for the account when account_id is not 0):
 * the growing delay, the lock-out after max_failures, the audit entry. Sleeps the delay, then returns
 * KM_DENIED with the failure sentence. Also used when PROFIEL's "current password" is wrong. */
enum km_rc login_record_failure(struct km_db *db, const struct auth_limits *limits, const char *username,
                                int64_t account_id, bool was_locked);
/* The one sentence shown for every failed login. */
const char *login_failure_text(void);

#endif
