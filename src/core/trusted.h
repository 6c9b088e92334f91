/* Logging in without a password: sshd already authenticated the person by their own key, and the
 * authorized_keys line runs `klassenmap --as USER` for that key only. The caller checks that the
 * configuration allows it ([login] allow_as); core checks the account and writes the audit log. */
#ifndef KM_TRUSTED_H
#define KM_TRUSTED_H

#include "core/login.h"
#include "core/session.h"

/* Fills *s for username when the account exists and is active, records the login (last login, audit
 * "login" with detail "ssh-sleutel") and tells in *result (may be NULL) whether a temporary password must
 * still be changed. A refused account is audited as "login-mislukt" and returns KM_DENIED with one sentence.
 * When the login cannot be recorded (a database busy for longer than db_tx waits) it is refused too: for
 * a key login the audit entry is the only trace. */
enum km_rc login_trusted(struct km_db *db, const char *username, struct km_session *s, struct login_result *result);

#endif
