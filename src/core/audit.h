/* The audit log: who did what to whom, and when. Never a password or a code. */
#ifndef KM_AUDIT_H
#define KM_AUDIT_H

#include "core/session.h"

/* Appends one entry inside the caller's transaction. subject_id 0 = not about a person. */
enum km_rc audit_add(const struct km_session *s, int64_t subject_id, const char *kind, const char *detail);

struct audit_entry {
    int64_t id;
    char at[20]; /* local time */
    char *actor, *subject, *kind, *detail;
};
struct audit_list {
    struct audit_entry *items;
    size_t n;
};
struct audit_filter {
    const char *since;    /* 'YYYY-MM-DD' or NULL */
    const char *username; /* actor or subject, or NULL */
    const char *kind;     /* or NULL */
    int limit;            /* 0 = 1000 */
};
/* Newest first. Beheerder only. */
enum km_rc audit_list(const struct km_session *s, const struct audit_filter *f, struct audit_list *out);
void audit_list_free(struct audit_list *l);

#endif
