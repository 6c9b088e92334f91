/* Runs every TEST() (or those whose name contains argv[1]) and ends with "N passed, N failed". */
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

#define X(name) void test_##name(void);
#include "unit_tests.inc"
#undef X

struct test_entry {
    const char *name;
    void (*fn)(void);
};

static const struct test_entry tests[] = {
#define X(name) {#name, test_##name},
#include "unit_tests.inc"
#undef X
};

int test_failures;
static char tmpdir[256];
static char tmpbuf[512];
static int tmpcount;

void test_fail(const char *file, int line, const char *expr)
{
    test_failures++;
    fprintf(stderr, "    %s:%d: CHECK(%s) failed\n", file, line, expr);
}

void test_fail_str(const char *file, int line, const char *expr, const char *got, const char *want)
{
    test_failures++;
    fprintf(stderr, "    %s:%d: %s\n      got:  \"%s\"\n      want: \"%s\"\n", file, line, expr, got ? got : "(null)",
            want ? want : "(null)");
}

const char *test_tmp_path(const char *name)
{
    snprintf(tmpbuf, sizeof tmpbuf, "%s/%d-%s", tmpdir, ++tmpcount, name);
    return tmpbuf;
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/km-unit-XXXXXX", base);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (filter && !strstr(tests[i].name, filter))
            continue;
        test_failures = 0;
        tests[i].fn();
        if (test_failures) {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        } else {
            passed++;
            if (getenv("KM_TEST_VERBOSE"))
                fprintf(stderr, "ok   %s\n", tests[i].name);
        }
    }
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
