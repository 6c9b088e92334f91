/* Runs every TEST() (or those whose name contains NAME) and ends with "unit: N passed, N failed" (", N skipped"
 * when a test had to skip). Usage: unit [--shuffle[=SEED]] [NAME]. --shuffle runs the tests in a random order,
 * printed as a seed first, so a test that leans on another one's leftovers shows up and can be run again. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
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
static char skip_reason[300];
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

void test_skip(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(skip_reason, sizeof skip_reason, fmt, ap);
    va_end(ap);
}

const char *test_edexml_file(const char *name)
{
    static char path[4][600];
    static int next;
    const char *dir = getenv("EDEXML_DIR");
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir && *dir ? dir : "../shared/edexml", name);
    return access(p, R_OK) == 0 ? p : NULL;
}

/* xorshift64*: a shuffle that the printed seed repeats exactly, on any libc. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void shuffle(size_t *order, size_t n, uint64_t seed)
{
    uint64_t s = seed ? seed : 1;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_random(&s) % i);
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* --shuffle or --shuffle=SEED; returns the seed (0: in order). */
static uint64_t parse_shuffle(const char *arg)
{
    if (strcmp(arg, "--shuffle") == 0)
        return ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    return strtoull(arg + strlen("--shuffle="), NULL, 10);
}

int main(int argc, char **argv)
{
    const char *filter = NULL;
    uint64_t seed = 0;
    for (int a = 1; a < argc; a++) {
        if (strncmp(argv[a], "--shuffle", 9) == 0 && (argv[a][9] == '\0' || argv[a][9] == '='))
            seed = parse_shuffle(argv[a]);
        else
            filter = argv[a];
    }
    enum { NTESTS = sizeof tests / sizeof tests[0] };
    size_t order[NTESTS];
    for (size_t i = 0; i < NTESTS; i++)
        order[i] = i;
    if (seed) {
        shuffle(order, NTESTS, seed);
        printf("unit: shuffled order, seed %llu (again: --shuffle=%llu)\n", (unsigned long long)seed,
               (unsigned long long)seed);
        fflush(stdout);
    }
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/km-unit-XXXXXX", base);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    int passed = 0, failed = 0, skipped = 0;
    for (size_t k = 0; k < NTESTS; k++) {
        size_t i = order[k];
        if (filter && !strstr(tests[i].name, filter))
            continue;
        test_failures = 0;
        skip_reason[0] = '\0';
        tests[i].fn();
        if (test_failures) {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        } else if (skip_reason[0]) {
            skipped++;
            printf("SKIP %s: %s\n", tests[i].name, skip_reason);
        } else {
            passed++;
            if (getenv("KM_TEST_VERBOSE"))
                fprintf(stderr, "ok   %s\n", tests[i].name);
        }
    }
    if (skipped)
        printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    else
        printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
