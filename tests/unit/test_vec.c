/* Growing arrays: room by doubling, the capacity implied by the count, and a refusal instead of an overflow. */
#include <stdint.h>
#include <stdlib.h>

#include "core/vec.h"
#include "test.h"

TEST(vec_grows_by_doubling_and_keeps_every_item)
{
    int64_t *items = NULL;
    size_t n = 0, reallocs = 0;
    for (int64_t i = 0; i < 10000; i++) {
        int64_t *grown = vec_grow(items, n, sizeof *grown);
        REQUIRE(grown);
        reallocs += grown != items || n == 0;
        items = grown;
        items[n++] = i * 3;
    }
    bool all = true;
    for (size_t i = 0; i < n; i++)
        all = all && items[i] == (int64_t)i * 3;
    CHECK(all);
    CHECK(reallocs <= 12); /* 8, 16, … 16384: not one per item */
    free(items);
}

TEST(vec_refuses_a_size_that_would_overflow)
{
    char *p = malloc(8);
    REQUIRE(p);
    CHECK(vec_grow(p, SIZE_MAX / 16, 16) == NULL);
    CHECK(vec_grow(p, SIZE_MAX / 2, 4) == NULL);
    CHECK(vec_grow(NULL, 0, 0) == NULL);
    free(p); /* a refusal leaves the array the caller's */
}
