/* The account mail for a parent ("uitnodiging"). It holds no password and no code: it names the username and
 * says to choose a password with "wachtwoord vergeten" on the login screen. That is the simplest thing that is
 * correct: a code would expire in RESET_VALID_MINUTES while an invitation may wait in a mailbox for weeks, and
 * the code that "wachtwoord vergeten" mails proves that the parent reads this address. */
#ifndef KM_INVITE_H
#define KM_INVITE_H

#include "core/config.h"
#include "core/parents.h"

/* Builds the mail (into body, bodylen bytes) for one parent of the school. */
void invite_compose(const char *school_name, const struct parents_invitee *p, char *body, size_t bodylen);
/* Sends it and notes the invitation (parents_mark_invited). On a mail failure returns KM_ERR with one sentence
 * in err and the parent stays uninvited, so a later `klassenmap invite parents` tries again. */
enum km_rc invite_send(const struct km_session *s, const struct km_config *cfg, const struct parents_invitee *p,
                       char *err, size_t errlen);

#endif
