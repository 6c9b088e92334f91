/* A person's groups: every group they are a member of, and whether they teach it or are a student in it.
 * The other way round from groups_members, in one query. */
#ifndef KM_MEMBERSHIPS_H
#define KM_MEMBERSHIPS_H

#include "core/groups.h"

struct km_membership {
    struct km_group group; /* filled as groups_list fills it */
    bool teacher;          /* leerkracht of the group; otherwise a leerling in it */
};

struct km_membership_list {
    struct km_membership *items;
    size_t n;
};

/* The groups of user_id, of every school year, in groups_list's order (newest school year first, then
 * stamgroepen, then by name). Who may ask: the beheerder for anyone; anyone for themselves; a teacher for
 * a student in one of their own (active) groups; a parent for their child. Otherwise KM_DENIED. Parents
 * and beheerders are members of no group: their list is empty. */
enum km_rc groups_of_user(const struct km_session *s, int64_t user_id, struct km_membership_list *out);
void memberships_free(struct km_membership_list *l);

#endif
