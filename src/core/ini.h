/* Reading an INI file with inih, the way every klassenmap file format wants it: one setting per line, the first
 * mistake is an error with one Dutch sentence naming file and line ("conf.ini regel 12: …."), never a silent
 * default. The caller's format says which sections exist and what a value means; this module does the rest:
 * opening (a directory is refused), counting lines, refusing over-long lines, NUL bytes and read errors,
 * stripping a BOM and indentation (inih would glue an indented line to the value above), checking section
 * headers (inih reports no empty section), stopping at the first error and turning inih's own parse error into
 * the caller's sentence. Control characters in messages become '?': they quote the file and reach a terminal.
 * Not to be confused with inih's <ini.h>: this header is "core/ini.h". */
#ifndef KM_CORE_INI_H
#define KM_CORE_INI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/km.h"

struct ini_format;

/* The file being read, as the format's callbacks see it. Callbacks read user and line; the rest belongs to
 * ini.c (it is here only so that ini_read can keep it on its stack). */
struct ini_file {
    const char *path;
    void *user; /* the caller's own state, as given to ini_read */
    int line;   /* the line being read, from 1 */
    const struct ini_format *format;
    FILE *f;
    int fail_line; /* 0 while there is no error */
    char msg[600]; /* the first error, without file, line and full stop; room for a whole quoted line */
};

/* Each callback returns 1 to go on, or 0 after reporting the mistake with ini_fail or ini_fail_at. */
struct ini_format {
    /* A section header [name] (len bytes, not terminated); also called again for the section of each value. */
    int (*section)(struct ini_file *in, const char *name, int len);
    /* One `name = value` in a section the format knows; ini_read itself reports an empty name or section. */
    int (*value)(struct ini_file *in, const char *section, const char *name, const char *value);
    /* Optional (NULL = none): after the last line when there was no error, for rules across lines. */
    void (*done)(struct ini_file *in);
    /* The caller's own sentences (no full stop) for what inih itself finds wrong: */
    const char *no_name;   /* "= value" without a name: "er staat geen sleutel voor de '='" */
    const char *bad_line;  /* not a section, setting or comment: "dit is geen [sectie], geen … (met ; of #)" */
    const char *no_memory; /* inih ran out of memory: "te weinig geheugen om het bestand te lezen" */
};

/* Reads path with format; user becomes in->user for the callbacks. Returns KM_OK, or writes one sentence to err
 * and returns KM_NOTFOUND ("PATH kan niet geopend worden: het bestand bestaat niet."), KM_INVALID
 * ("PATH regel N: MESSAGE.") or KM_ERR (out of memory). The caller undoes what its callbacks stored. */
enum km_rc ini_read(const char *path, const struct ini_format *format, void *user, char *err, size_t errlen);

/* Reports a mistake on the current line (ini_fail) or on the given one (ini_fail_at, e.g. from done).
 * Only the first mistake is kept: later ones are often its consequences. Always returns 0, to stop inih. */
__attribute__((format(printf, 2, 3))) int ini_fail(struct ini_file *in, const char *fmt, ...);
__attribute__((format(printf, 3, 4))) int ini_fail_at(struct ini_file *in, int line, const char *fmt, ...);

/* ja/nee, yes/no, true/false, on/off, 1/0 in any case; false when v is none of them (*out unchanged). */
bool ini_parse_bool(const char *v, bool *out);

/* Replaces control characters (below 0x20, and 0x7f) in s by '?', so text from a file cannot steer a terminal. */
void ini_blank_controls(char *s);

#endif
