#include "cli/out.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

void out_cell(FILE *f, const char *s, int width)
{
    char buf[1024];
    if (width <= 0) {
        out_text(f, s);
        return;
    }
    text_fit(s ? s : "", width, true, buf, sizeof buf);
    fputs(buf, f);
}

void out_text(FILE *f, const char *s)
{
    char *buf = text_sanitize_dup(s, false);
    if (buf)
        fputs(buf, f);
    free(buf);
}

/* Through the sanitiser first (a line feed kept, as \n): every other control (C0, C1, bidi: text_is_control) and
 * invalid UTF-8 become U+FFFD, written as \ufffd, so neither the JSON shown in a terminal nor the strings a reader
 * decodes from it can carry an escape sequence. */
void out_json_string(FILE *f, const char *s)
{
    char *clean = text_sanitize_dup(s, true);
    const char *p = clean ? clean : "";
    size_t left = strlen(p);
    fputc('"', f);
    while (left > 0) {
        uint32_t cp;
        int n = text_utf8_decode(p, left, &cp);
        if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (char)cp);
        else if (cp == '\n')
            fputs("\\n", f);
        else if (cp == TEXT_REPLACEMENT)
            fprintf(f, "\\u%04x", (unsigned)cp);
        else
            fwrite(p, 1, (size_t)n, f);
        p += n;
        left -= (size_t)n;
    }
    fputc('"', f);
    free(clean);
}

int out_fail(struct km_db *db)
{
    const char *msg = db_errmsg(db);
    fprintf(stderr, "klassenmap: ");
    out_text(stderr, *msg ? msg : _("onbekende fout."));
    fputc('\n', stderr);
    return EXIT_FAIL;
}

int out_error(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "klassenmap: ");
    out_text(stderr, buf);
    fputc('\n', stderr);
    return EXIT_FAIL;
}
