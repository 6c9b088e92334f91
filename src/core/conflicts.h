/* Internal to core: the clash queries that lessons.c runs inside its own transaction. */
#ifndef KM_CONFLICTS_H
#define KM_CONFLICTS_H

#include "core/lessons.h"

/* Appends the clashes of a template to out; scoped: only those involving the lessons listed in the temp
 * table conflict_scope. Runs in the caller's transaction. */
enum km_rc conflicts_find(struct km_db *db, int64_t template_id, bool scoped, struct conflict_list *out);

#endif
