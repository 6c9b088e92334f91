/* A small unit-test harness. A test is `TEST(name) { ... }` in any file of tests/unit; the Makefile finds
 * them by grep, so there is no list to keep. CHECK records a failure and goes on; REQUIRE stops the test. */
#ifndef KM_TEST_H
#define KM_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TEST(name) void test_##name(void); void test_##name(void)

extern int test_failures; /* failures in the current test */

void test_fail(const char *file, int line, const char *expr);
void test_fail_str(const char *file, int line, const char *expr, const char *got, const char *want);
/* A fresh, empty path for a database in the test's own temporary directory. */
const char *test_tmp_path(const char *name);

#define CHECK(expr) ((expr) ? (void)0 : test_fail(__FILE__, __LINE__, #expr))
#define REQUIRE(expr)                                                                                          \
    do {                                                                                                       \
        if (!(expr)) {                                                                                         \
            test_fail(__FILE__, __LINE__, #expr);                                                              \
            return;                                                                                            \
        }                                                                                                      \
    } while (0)
#define CHECK_STR(got, want)                                                                                   \
    do {                                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                                  \
        if (!g_ || !w_ || strcmp(g_, w_) != 0)                                                                 \
            test_fail_str(__FILE__, __LINE__, #got, g_, w_);                                                   \
    } while (0)

#endif
