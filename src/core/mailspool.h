/* Failed mails of the background mailer, on their way to the audit log. The mailer runs in a forked process
 * that must not touch SQLite (a connection and its lock bookkeeping never cross a fork), so it appends one
 * line to a spool file beside the database; the next process that reads the audit log or asks for a code
 * moves the lines into the audit log. */
#ifndef KM_MAILSPOOL_H
#define KM_MAILSPOOL_H

#include "core/db.h"

/* In the mail process: no SQLite here, only an append to "<database>.mailfouten" (mode 0600). */
void mailspool_write(const char *db_file, int64_t user_id, const char *username, const char *error);
/* Moves pending lines into the audit log ("mail-mislukt"); a spool that is not there is fine. */
enum km_rc mailspool_import(struct km_db *db);

#endif
