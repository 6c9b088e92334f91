/* Growing arrays, and the one way core says it ran out of memory.
 *
 * vec_grow makes room for item n of an array of n items (each size bytes) that only ever grew through vec_grow
 * (from NULL and 0): the room doubles (8, 16, 32, …), so a long list costs few reallocs, and the capacity is
 * implied by n, so a list keeps its plain pointer and count. It returns the array to use from now on, or NULL
 * when the size would overflow or memory runs out; the old array is then untouched and still the caller's:
 *
 *     struct km_room *items = vec_grow(out->items, out->n, sizeof *items);
 *     if (!items)
 *         return vec_no_memory(db);
 *     out->items = items;
 *     struct km_room *r = &items[out->n++];
 */
#ifndef KM_VEC_H
#define KM_VEC_H

#include <stddef.h>

#include "core/db.h"

void *vec_grow(void *items, size_t n, size_t size);
/* Sets the handle's message to the one sentence for it and returns KM_ERR. */
enum km_rc vec_no_memory(struct km_db *db);

#ifdef __clang_analyzer__
/* For `make analyze` only (see db_fail in db.h): vec_no_memory always returns KM_ERR, which the analyzer cannot
 * see from another file. */
#define vec_no_memory(db) (vec_no_memory(db), KM_ERR)
#endif

#endif
