#include "core/vec.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/i18n.h"

#define VEC_FIRST 8

/* The room an array of n items has: 0, then 8, then the next power of two. */
static size_t capacity(size_t n)
{
    if (n == 0)
        return 0;
    size_t cap = VEC_FIRST;
    while (cap < n && cap <= SIZE_MAX / 2)
        cap *= 2;
    return cap;
}

void *vec_grow(void *items, size_t n, size_t size)
{
    if (size == 0 || n >= SIZE_MAX / size)
        return NULL;
    size_t cap = capacity(n);
    if (n < cap)
        return items;
    size_t want = cap ? cap * 2 : VEC_FIRST;
    if (cap > SIZE_MAX / 2 || want > SIZE_MAX / size)
        return NULL; /* twice the room would not fit in a size_t */
    return realloc(items, want * size);
}

enum km_rc(vec_no_memory)(struct km_db *db) { return db_fail(db, KM_ERR, _("Onvoldoende geheugen.")); }
