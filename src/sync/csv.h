/* Spreadsheet files as RFC 4180 describes them and as Dutch Excel writes them: fields separated by ';' (or
 * ','), quoted with '"' when they hold the separator, a quote or a line break, a quote inside a quoted field
 * doubled; records end in CRLF, LF or a lone CR; a UTF-8 byte order mark at the start is skipped. Reading is
 * forgiving where Excel is (a quote inside an unquoted field is kept as text) and names every other mistake
 * with its line, so an import can report them all at once. */
#ifndef KM_SYNC_CSV_H
#define KM_SYNC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/lineerrors.h"

/* Larger inputs are refused: a week template or a parents list is a few hundred kilobytes at most. */
#define CSV_MAX_BYTES (16u * 1024u * 1024u)

struct csv_record {
    char **fields; /* NUL-terminated; a field may hold line breaks when it was quoted */
    size_t n;
    int line; /* the physical line (from 1) where the record starts, for messages */
};

struct csv_table {
    struct csv_record *records; /* empty lines are not records */
    size_t n;
    char sep;
    struct line_error
        *problems; /* syntax mistakes (core/lineerrors.h); the records are still filled as well as possible */
    size_t nproblems;
};

/* ';' or ',': whichever occurs more often outside quotes in the first record (the header); ';' on a tie. */
char csv_detect_separator(const char *data, size_t len);
/* Parses len bytes (sep 0: detect). Returns 0, or -1 when out of memory or the input is larger than
 * CSV_MAX_BYTES (then out is empty). Syntax mistakes are not failures: they are in out->problems. */
int csv_parse(const char *data, size_t len, char sep, struct csv_table *out);
void csv_free(struct csv_table *t);

/* Writing. A field is quoted when it holds sep, '"', CR or LF, or begins or ends with a space. A field that a
 * spreadsheet would run as a formula (it begins with = + - @ TAB or CR, possibly after apostrophes) gets one
 * more apostrophe in front, so opening an export in Excel never executes text that came from data;
 * csv_unguard takes exactly that apostrophe off again, so every value comes back as it was. */
void csv_write_field(FILE *f, const char *s, char sep);
/* The fields, separated by sep, ended by CRLF (RFC 4180). */
void csv_write_record(FILE *f, const char *const *fields, size_t n, char sep);
/* The field without the apostrophe that csv_write_field put before a formula character. */
const char *csv_unguard(const char *field);

/* True when every field is empty after cleaning: a blank line a spreadsheet leaves behind. */
bool csv_record_blank(const struct csv_record *r);
/* Checks a record against its header. col[i] is the field index of wanted column i (names[i]), -1 when the
 * header lacks it (the caller reported that already). A record too short for a column misses it; a field
 * past the header's header_fields that holds anything is usually a separator in a `what` (title, name …)
 * without quotes. false with one sentence in why. */
bool csv_record_fits(const struct csv_record *r, const int *col, const char *const *names, int ncols,
                     size_t header_fields, char sep, const char *what, char *why, size_t whylen);

#endif
