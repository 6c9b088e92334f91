/* Who is on: every screen session of a logged-in person has a row in `sessions` (user, pid, start, last
 * seen). The row is touched about once a minute and removed when the person logs out or the program ends.
 * A process that died without removing its row (kill -9, a power cut) is recognised because its pid is
 * gone or its row was not touched for SESSIONS_DEAD_MINUTES; such rows are never listed and are removed
 * by the next registration. The pid check assumes one server, as the design has: every session of a
 * school runs on the machine that holds its database. */
#ifndef KM_SESSIONS_H
#define KM_SESSIONS_H

#include "core/session.h"

#define SESSIONS_TOUCH_SECONDS 60
#define SESSIONS_DEAD_MINUTES 3

/* Registers the process pid for the logged-in person of s (whose account must be active) and returns the
 * row's id; removes dead rows first. KM_DENIED for a session without an account or an inactive one. */
enum km_rc sessions_register(const struct km_session *s, int pid, int64_t *id);
/* Sets last_seen to now. KM_NOTFOUND when the row is gone (cleaned up as dead, or the account was
 * deactivated): register again if the account is still wanted. */
enum km_rc sessions_touch(struct km_db *db, int64_t id);
/* Removes the row (logging out, leaving the program). No row is not an error. */
enum km_rc sessions_end(struct km_db *db, int64_t id);

struct sessions_entry {
    int64_t id;
    char username[72];
    char name[200]; /* roepnaam [voorvoegsel] achternaam */
    enum km_role role;
    char since[20];     /* local time */
    char last_seen[20]; /* local time */
    int pid;
};
struct sessions_list {
    struct sessions_entry *items;
    size_t n;
};
/* The live sessions, by username and start. Beheerder only (MIJNGEBRUIKERS). */
enum km_rc sessions_list(const struct km_session *s, struct sessions_list *out);
void sessions_list_free(struct sessions_list *l);

#endif
