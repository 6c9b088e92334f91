#include "core/html.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

void html_text(FILE *f, const char *s)
{
    char *buf = text_sanitize_dup(s, false);
    if (!buf)
        return;
    for (const char *p = buf; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*p, f);
        }
    }
    free(buf);
}
