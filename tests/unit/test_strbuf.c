/* The string builder in core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "test.h"

TEST(strbuf_appends_and_cuts_without_overflowing)
{
    char buf[12] = "ab";
    strbuf_appendf(buf, sizeof buf, "%s-%d", "cd", 42);
    CHECK_STR(buf, "abcd-42");
    strbuf_append(buf, sizeof buf, "xyz123");
    CHECK_STR(buf, "abcd-42xyz1"); /* cut at the end, terminated */
    strbuf_append(buf, sizeof buf, "more");
    CHECK_STR(buf, "abcd-42xyz1");
    char small[6] = "";
    strbuf_appendn(small, sizeof small, "hello world", 3);
    CHECK_STR(small, "hel");
    strbuf_appendn(small, sizeof small, "lo world", 8);
    CHECK_STR(small, "hello");
}
