/* Parents and guardians from ParnasSys. EDEXML carries none, so they come from a CSV export (read by
 * sync/parents_csv.c) and are applied here as a full snapshot, in one transaction:
 *  - a parent is known by source 'parnassys' and a source_key: "ouder:" + the parent's own key when the
 *    export has one, else "ouder-email:" + the e-mail address in lower case (the prefix keeps these apart from
 *    the leerling keys and "leerkracht:" keys of core/snapshot.h, which share the UNIQUE (source, source_key)
 *    of users);
 *  - a new parent gets an account (role ouder, username by users_make_username, no password); a local ouder
 *    account with the same e-mail address (made by hand before) is taken over instead of doubled;
 *  - a known parent gets the file's names and e-mail (the username stays); an inactive one is active again;
 *  - children are linked by the leerling's ParnasSys key (users.source_key of a synced leerling), with the
 *    relation; links from an earlier import that the file no longer has are removed;
 *  - synced parents the file no longer names are deactivated, never deleted.
 * Any error (an unknown leerling key, ...) changes nothing; every error is listed with its line. */
#ifndef KM_PARENTS_H
#define KM_PARENTS_H

#include "core/lineerrors.h"
#include "core/session.h"

#define PARENTS_MAX_ROWS 50000

struct parents_child {
    const char *student_key; /* the leerling's ParnasSys key */
    const char *relation;    /* "moeder", "vader", "voogd", ... or "" */
    int line;
};

/* One parent, with every child the file names for them. The strings are clean (text_clean). */
struct parents_in {
    int line;        /* the first record of this parent */
    const char *key; /* "ouder:…" or "ouder-email:…" (see above) */
    const char *roepnaam, *voorvoegsel, *achternaam, *email;
    struct parents_child *children;
    size_t nchildren;
};

struct parents_result {
    struct line_error *errors; /* in the order found; the import sorts them by line (core/lineerrors.h) */
    size_t nerrors;
    struct line_error *changes; /* "+ ouder Anna de Vries (anna.devries)", "~ …", "- …" */
    size_t nchanges;
    int added, changed, reactivated, deactivated, unchanged, links_added, links_changed, links_removed;
    int64_t *added_ids; /* the new accounts, for their invitation */
    size_t nadded;
    bool nomem;
};

#define PARENTS_KEY "ouder:"
#define PARENTS_EMAIL_KEY "ouder-email:"

/* PARENTS_EMAIL_KEY + the address in lower case: the key of a parent the export gives no key of their own. */
void parents_email_key(const char *email, char *out, size_t len);
/* Adds an error (the CSV reader uses it too). Returns false, so checks can `return parents_error(...)`. */
bool parents_error(struct parents_result *res, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The sync's session only (session_sync). KM_INVALID with every error in res->errors; otherwise res says
 * what changed (dry_run: what would; the run is made and rolled back, so counts and usernames are exact). */
enum km_rc parents_import(const struct km_session *s, const struct parents_in *in, size_t n, bool dry_run,
                          struct parents_result *res);
void parents_result_free(struct parents_result *res);

/* ---- invitations ---- */

struct parents_invitee {
    int64_t id;
    char username[40];
    char roepnaam[256];
    char name[700]; /* "roepnaam [voorvoegsel] achternaam" */
    char email[256];
};

struct parents_invitee_list {
    struct parents_invitee *items;
    size_t n;
};

/* Which parents to invite: group_id > 0 limits to parents of the group's active leerlingen; ids (nids > 0)
 * limits to those accounts. */
struct parents_invite_filter {
    int64_t group_id;
    const int64_t *ids;
    size_t nids;
};

/* Active parents with an e-mail address who have not been invited yet (users.invited_at is empty) and have
 * no password yet. Beheerder only. */
enum km_rc parents_uninvited(const struct km_session *s, const struct parents_invite_filter *f,
                             struct parents_invitee_list *out);
void parents_invitee_list_free(struct parents_invitee_list *l);
/* Notes that the invitation mail went out (users.invited_at, and the audit log). Beheerder only. */
enum km_rc parents_mark_invited(const struct km_session *s, int64_t id);

#endif
