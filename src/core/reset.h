/* "Wachtwoord vergeten": a one-time code by mail, for teachers, parents and beheerders. Students ask their
 * teacher. Every request gets the same answer, whether or not the account exists. */
#ifndef KM_RESET_H
#define KM_RESET_H

#include "core/auth.h"
#include "core/config.h"
#include "core/session.h"

#define RESET_CODE_LEN 8
#define RESET_VALID_MINUTES 30
#define RESET_MAX_TRIES 5

/* who: a username or an e-mail address. Always returns KM_OK unless the database itself fails; when there
 * is an account that may use it (active, not a student, with an e-mail address), earlier codes become void
 * and a new code is mailed. A mail that cannot be sent is written to the audit log. */
enum km_rc reset_request(struct km_db *db, const struct km_config *cfg, const char *who);
/* Sets the new password when the code is right, unused and not older than 30 minutes; the code is then
 * used up. Wrong, used, expired: KM_DENIED with one sentence; a bad new password: KM_INVALID with why. */
enum km_rc reset_confirm(struct km_db *db, const struct auth_settings *auth, const char *who, const char *code,
                         const char *new_password);

#endif
