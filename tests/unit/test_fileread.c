/* Reading a whole file, in core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileread.h"
#include "test.h"

TEST(fileread_reads_everything_and_says_too_big)
{
    const char *path = test_tmp_path("fileread.txt");
    FILE *f = fopen(path, "wb");
    REQUIRE(f);
    for (int i = 0; i < 100000; i++) /* 500,000 bytes: the buffer grows several times */
        fputs("abcd\n", f);
    fclose(f);
    size_t len = 0;
    f = fopen(path, "rb");
    REQUIRE(f);
    char *data = fileread_all(f, 1 << 20, &len);
    fclose(f);
    REQUIRE(data);
    CHECK(len == 500000);
    CHECK(data[len] == '\0' && memcmp(data + len - 5, "abcd\n", 5) == 0);
    free(data);
    f = fopen(path, "rb");
    REQUIRE(f);
    data = fileread_all(f, 1000, &len);
    fclose(f);
    REQUIRE(data);
    CHECK(len > 1000); /* stops just past the limit */
    CHECK(len < 500000);
    free(data);
}
