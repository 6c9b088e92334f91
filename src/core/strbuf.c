#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void strbuf_appendf(char *buf, size_t len, const char *fmt, ...)
{
    size_t used = strnlen(buf, len);
    if (used + 1 >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

void strbuf_appendn(char *buf, size_t len, const char *s, size_t n)
{
    size_t used = strnlen(buf, len);
    if (used + 1 >= len)
        return;
    if (n > len - 1 - used)
        n = len - 1 - used;
    memcpy(buf + used, s, n);
    buf[used + n] = '\0';
}

void strbuf_append(char *buf, size_t len, const char *s) { strbuf_appendn(buf, len, s, strlen(s)); }
