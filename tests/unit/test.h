/* A small unit-test harness. A test is `TEST(name) { ... }` in any file of tests/unit; the Makefile finds
 * them by grep, so there is no list to keep. CHECK records a failure and goes on; REQUIRE stops the test. */
#ifndef KM_TEST_H
#define KM_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TEST(name)                                                                                                     \
    void test_##name(void);                                                                                            \
    void test_##name(void)

extern int test_failures; /* failures in the current test */

void test_fail(const char *file, int line, const char *expr);
void test_fail_str(const char *file, int line, const char *expr, const char *got, const char *want);
/* A fresh, empty path for a database in the test's own temporary directory. */
const char *test_tmp_path(const char *name);
/* Marks the current test as skipped, with one line saying what is missing and why (see SKIP). */
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Edustandaard's EDEXML reference file NAME in EDEXML_DIR (default ../shared/edexml), or NULL when it is not
 * there: those files are not part of this repository (README, "Tests"). */
const char *test_edexml_file(const char *name);

#define CHECK(expr) ((expr) ? (void)0 : test_fail(__FILE__, __LINE__, #expr))
#define REQUIRE(expr)                                                                                                  \
    do {                                                                                                               \
        if (!(expr)) {                                                                                                 \
            test_fail(__FILE__, __LINE__, #expr);                                                                      \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)
/* Leaves the test, counted as skipped (not passed, not failed), with one line saying why. */
#define SKIP(...)                                                                                                      \
    do {                                                                                                               \
        test_skip(__VA_ARGS__);                                                                                        \
        return;                                                                                                        \
    } while (0)
#define CHECK_STR(got, want)                                                                                           \
    do {                                                                                                               \
        const char *g_ = (got), *w_ = (want);                                                                          \
        if (!g_ || !w_ || strcmp(g_, w_) != 0)                                                                         \
            test_fail_str(__FILE__, __LINE__, #got, g_, w_);                                                           \
    } while (0)

#endif
