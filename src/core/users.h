/* Accounts: students, teachers, parents and beheerders. */
#ifndef KM_USERS_H
#define KM_USERS_H

#include "core/auth.h"
#include "core/session.h"

#define USERS_NAME_MAX 200 /* characters, as EDEXML allows */
#define USERS_USERNAME_MAX 32

struct km_user {
    int64_t id;
    enum km_role role;
    char *username, *roepnaam, *voorvoegsel, *achternaam, *email;
    char *instroom, *uitstroom, *last_login;
    char password_state[12]; /* none, set, temporary */
    bool active;
    bool synced;           /* comes from ParnasSys: names, e-mail and memberships are read-only */
    char locked_until[20]; /* 'YYYY-MM-DD HH:MM:SS' UTC while locked after too many failed logins, else "" */
    int64_t version;
    char *groups; /* users_list only: the active groups, stamgroep first ("groep 5a, rekenen plus"); else NULL */
};

struct km_user_list {
    struct km_user *items;
    size_t n;
};

struct user_new {
    enum km_role role;
    const char *username; /* NULL or "": made from the name by users_make_username */
    const char *roepnaam, *voorvoegsel, *achternaam;
    const char *email; /* optional */
};

struct user_filter {
    bool any_role;
    enum km_role role;
    bool include_inactive;
};

/* Splits "Sjoerd van 't Hof" into roepnaam, voorvoegsel and achternaam (the first word is the roepnaam,
 * a known Dutch prefix after it is the voorvoegsel). Buffers of size len each. */
enum km_rc users_split_name(const char *full, char *roepnaam, char *voorvoegsel, char *achternaam, size_t len);
/* "roepnaam [voorvoegsel] achternaam" into buf. */
void users_display_name(const struct km_user *u, char *buf, size_t len);
/* The documented username rule: roepnaam.voorvoegselachternaam, folded to ASCII, lower case, with a
 * number appended (2, 3, ...) while the name is taken. Stable: an existing account keeps its name. */
enum km_rc users_make_username(struct km_db *db, const char *roepnaam, const char *voorvoegsel, const char *achternaam,
                               char *out, size_t len);

enum km_rc users_add(const struct km_session *s, const struct user_new *u, int64_t *id);
enum km_rc users_get(const struct km_session *s, const char *username, struct km_user *out);
enum km_rc users_get_id(const struct km_session *s, int64_t id, struct km_user *out);
/* By role, then by users_name_cmp. */
enum km_rc users_list(const struct km_session *s, const struct user_filter *f, struct km_user_list *out);
/* How every list of people is sorted: the one rule of core/names.h (achternaam without voorvoegsel, then roepnaam,
 * ignoring accents and case; then voorvoegsel and username, so equal names keep one order. */
int users_name_cmp(const struct km_user *a, const struct km_user *b);
enum km_rc users_deactivate(const struct km_session *s, const char *username);
/* Replaces a password: self (own password), a student's (teacher of the student or beheerder) or a
 * staff member's (beheerder), after the policy check. A password set for someone else is temporary (for a
 * student when the school chose so). Clears a lock-out. The password is never stored or logged. */
enum km_rc users_set_password(const struct km_session *s, int64_t target, const char *password,
                              const struct auth_settings *settings);
/* Core-internal: writes an already made hash inside the caller's transaction (with its audit entry). */
enum km_rc users_store_password(struct km_db *db, const struct km_session *actor, int64_t target, const char *hash,
                                bool temporary, bool own);
/* PROFIEL: the person's own password, after the current one is given again. A new password the policy refuses
 * is KM_INVALID (checked first: the current one is then not tried); a wrong current password is KM_DENIED and
 * goes to the audit log. */
enum km_rc users_change_own_password(const struct km_session *s, const char *current, const char *new_password,
                                     const struct auth_settings *settings);
/* Lifts a lock-out after too many failed logins (beheerder). */
enum km_rc users_unlock(const struct km_session *s, int64_t target);
bool users_locked(struct km_db *db, int64_t id);

/* The session's own login before the one it is in now (UTC 'YYYY-MM-DD HH:MM:SS' from the audit log), "" when
 * this is the first: what PROFIEL calls "laatst ingelogd" (last_login is this very login). */
enum km_rc users_previous_login(const struct km_session *s, char *out, size_t len);
void users_free(struct km_user *u);
void users_list_free(struct km_user_list *l);

#endif
