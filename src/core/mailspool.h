/* Mail results of the background mailer, on their way to the audit log and the mail's health. The mailer runs
 * in a forked process that must not touch SQLite (a connection and its lock bookkeeping never cross a fork), so
 * it appends one line to a spool file beside the database; the next step that writes anyway moves the lines into
 * the database: a login, the screens' once-a-minute presence touch, asking for a code, `klassenmap check` and
 * `klassenmap sync`. Reading the audit log or the mail's health only reads. A failure goes to the audit log
 * ("mail-mislukt", in Dutch) and marks the mail as not working since then; a success marks it working again. */
#ifndef KM_MAILSPOOL_H
#define KM_MAILSPOOL_H

#include "core/db.h"
#include "core/session.h"

/* In the mail process: no SQLite here, only an append to "<database>.mailfouten" (mode 0600). error NULL or ""
 * records a mail that went. */
void mailspool_write(const char *db_file, int64_t user_id, const char *username, const char *error);
/* Moves pending lines into the database; a spool that is not there is fine. A writing step: never called
 * from a function that reads. */
enum km_rc mailspool_import(struct km_db *db);
/* The same for a mail sent by this process itself (invitations, a mailer that could not fork). */
enum km_rc mailspool_record(struct km_db *db, int64_t user_id, const char *username, const char *error);

struct mail_health {
    bool failing;
    char since[20];       /* 'YYYY-MM-DD HH:MM:SS' UTC: the first failure after the last mail that went */
    char last_error[400]; /* the latest failure, in Dutch */
};
/* Whether mail works, for the beheerder's home screen and `klassenmap check` (ACT_READ_AUDIT). */
enum km_rc mailspool_health(const struct km_session *s, struct mail_health *out);

#endif
