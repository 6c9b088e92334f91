/* The one list of line errors for the imports. */
#include <stdlib.h>
#include <string.h>

#include "core/lineerrors.h"
#include "test.h"

TEST(line_errors_sort_by_line_and_keep_one_lines_order)
{
    struct line_error *e = NULL;
    size_t n = 0;
    REQUIRE(line_error_add(&e, &n, 7, "zeven %s", "a"));
    REQUIRE(line_error_add(&e, &n, 2, "twee a"));
    REQUIRE(line_error_add(&e, &n, 7, "zeven b"));
    REQUIRE(line_error_add(&e, &n, 0, "het bestand"));
    REQUIRE(line_error_add(&e, &n, 2, "twee b"));
    for (int i = 0; i < 40; i++) /* enough to take the merge sort's every path */
        REQUIRE(line_error_add(&e, &n, 40 - i, "r%d", i));
    line_error_sort(e, n);
    CHECK(e[0].line == 0);
    CHECK(e[1].line == 1);
    bool sorted = true;
    for (size_t i = 1; i < n; i++)
        sorted = sorted && e[i - 1].line <= e[i].line;
    CHECK(sorted);
    const char *want[] = {"twee a", "twee b", "r38"}; /* found first, found later, then the loop's line 2 */
    size_t k = 0;
    for (size_t i = 0; i < n && k < 3; i++)
        if (e[i].line == 2)
            CHECK_STR(e[i].text, want[k++]);
    size_t sevens = 0;
    for (size_t i = 0; i < n; i++)
        if (e[i].line == 7)
            CHECK_STR(e[i].text, sevens++ == 0 ? "zeven a" : sevens == 2 ? "zeven b" : "r33");
    free(e);
}
