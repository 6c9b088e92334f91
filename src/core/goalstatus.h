/* A student's status per learning goal, with its history. */
#ifndef KM_GOALSTATUS_H
#define KM_GOALSTATUS_H

#include "core/session.h"

struct goal_status {
    int64_t status_id; /* 0 = no status yet */
    int64_t version;   /* 0 = no row yet */
    char updated_at[20];
};

enum km_rc goalstatus_get(const struct km_session *s, int64_t student_id, int64_t goal_id, struct goal_status *out);
/* Sets the status. expected_version is the version the user saw (0 when there was no status): when
 * another session changed it meanwhile, nothing is written and KM_CONFLICT says what it is now.
 * Pass -1 to skip the check (bulk actions that confirm first). */
enum km_rc goalstatus_set(const struct km_session *s, int64_t student_id, int64_t goal_id, int64_t status_id,
                          int64_t expected_version, int64_t *new_version);

#endif
