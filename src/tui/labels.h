/* Words for states shown on screens: a password's state, an account's or group's status, a moment in the
 * reader's own clock and a person's display name. One wording for every screen that shows them. */
#ifndef KM_TUI_LABELS_H
#define KM_TUI_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/users.h"

/* "ingesteld", "tijdelijk" or "geen" for users.password_state; only the state, never the password.
 * own: the reader's own password, where "tijdelijk" also says to choose one's own. */
const char *label_password(const char *state, bool own);
/* "actief" or "inactief", with " · ParnasSys" for what comes from ParnasSys. */
void label_status(bool active, bool synced, char *out, size_t len);
/* "geblokkeerd tot 14:05" while the account is locked after too many failed logins; false (out "") when not. */
bool label_locked(const struct km_user *u, char *out, size_t len);
/* A stored UTC timestamp ("YYYY-MM-DD HH:MM…") as DD-MM-YYYY HH:MM in local time; "" or NULL is "nooit",
 * anything else is shown as it is. */
void label_local_time(const char *utc, char *out, size_t len);
/* users_display_name ("roepnaam [voorvoegsel] achternaam") in a malloc'd string; NULL when out of memory. */
char *label_display_name(const struct km_user *u);

#endif
