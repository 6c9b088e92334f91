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

/* Core-internal, inside a caller's transaction: the cell's status now (no access check). */
enum km_rc goalstatus_read(struct km_db *db, int64_t student_id, int64_t goal_id, struct goal_status *out);
/* Core-internal, inside a caller's transaction: the cell goes from `from` to `to` (0: no status), with its
 * history row; batch_id names the whole-row or whole-column change it is part of (0: none). */
enum km_rc goalstatus_write(struct km_db *db, int64_t actor_id, int64_t student, int64_t goal, int64_t from, int64_t to,
                            int64_t batch_id);

#endif
