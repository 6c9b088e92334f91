/* Text from data on its way to a terminal, into storage, or into a username.
 * Every string that came from the database, an import or the keyboard passes text_sanitize/text_fit before
 * it is drawn, printed or written to an export (CSV, iCalendar, HTML, JSON: each writer calls it itself), so no control
 * character or escape sequence from data ever reaches a terminal. Nothing here depends on the process locale: widths
 * come from a built-in table, so a screen lines up the same in every environment. All writers take (out, outlen), never
 * write past outlen, always leave out NUL-terminated (when outlen > 0) and never cut a code point (or a folded letter)
 * in half. NULL input counts as "". */
#ifndef KM_TEXT_H
#define KM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu /* U+FFFD, shown for invalid UTF-8 and for controls */
#define TEXT_ELLIPSIS 0x2026u    /* U+2026, ends a cut string */

/* Decodes one UTF-8 code point from s (at most len bytes). Returns bytes used (1..4) and sets *cp; for
 * invalid, overlong, surrogate or truncated sequences returns 1 and sets *cp = 0xFFFD. len 0 returns 0. */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Returns bytes written (1..4); a surrogate or a value above U+10FFFF is written as U+FFFD. */
int text_utf8_encode(uint32_t cp, char out[4]);

/* True for what must never reach a terminal: C0 controls (incl. ESC, TAB, CR, LF), DEL, C1 controls and
 * the bidi embedding/isolate controls U+202A-202E, U+2066-2069. */
bool text_is_control(uint32_t cp);

/* The number of characters (code points) of s, or -1 when s holds invalid UTF-8 or a control character: for
 * values with a length limit in characters that travel as XML text (UWLR's tpString64). */
long text_plain_length(const char *s);

/* Display width of one code point in terminal columns: 0 for combining marks / zero-width, 2 for wide
 * (CJK, most emoji), 1 otherwise; a control counts 1 because every output path shows it as U+FFFD. */
int text_cp_width(uint32_t cp);

/* Makes s safe to print: controls (text_is_control) and invalid UTF-8 become U+FFFD, so "\x1b[2J" shows
 * as "\uFFFD[2J". Returns the number of bytes written (excluding NUL). */
size_t text_sanitize(const char *s, char *out, size_t outlen);
/* The same, but a line feed passes: for outputs that keep a text's lines and escape them their own way (iCalendar,
 * JSON). */
size_t text_sanitize_lines(const char *s, char *out, size_t outlen);
/* text_sanitize (or text_sanitize_lines when keep_newlines) into a new buffer of the right size, for the writers
 * of exports and command output; NULL when out of memory. free() it. */
char *text_sanitize_dup(const char *s, bool keep_newlines);
/* Display columns of s after sanitising. */
int text_width(const char *s);
/* Sanitises s and fits it into `width` columns. If s is wider it is cut and ends with "…" in the last
 * column (a wide char that would straddle the cut is dropped and a space takes its place), so a cut
 * result is exactly width columns. If pad is true a shorter s is padded with spaces to exactly width.
 * Returns the columns used. width <= 0 gives "". */
int text_fit(const char *s, int width, bool pad, char *out, size_t outlen);

/* One line of wrapped text: bytes [start, start + len) of the string. */
struct text_line {
    size_t start, len;
};
/* Breaks s into lines of at most width columns, between words (runs of spaces go; '\n' breaks a line); a word
 * wider than width is broken between code points. Stores the first max lines in lines (may be NULL with max 0)
 * and returns how many lines the whole text needs, so a caller can make room or choose another way to show it.
 * Empty s is 0 lines; width < 1 counts as 1. */
int text_wrap(const char *s, int width, struct text_line *lines, int max);

/* For storing data that came from outside (imports, typed input): removes controls entirely, except that
 * TAB/LF/CR/VT/FF/NEL count as whitespace like space, NBSP and the other Unicode spaces; drops a BOM
 * (U+FEFF) and zero-width space; replaces invalid UTF-8 with U+FFFD; trims leading/trailing whitespace
 * and collapses runs of it to one space. Returns bytes written. */
size_t text_clean(const char *s, char *out, size_t outlen);

/* ASCII folding for usernames and search: lower case, Latin letters with diacritics to their base
 * (ë->e, ç->c, ß->ss, æ->ae, ĳ->ij, ø->o, ł->l, ı->i, ñ->n; Latin-1 Supplement, Latin Extended-A and
 * ș/ț); everything else not [a-z0-9] is dropped (apostrophes, combining marks, other scripts), except that
 * runs of whitespace/hyphens/dashes/dots become one `sep` when sep is printable ASCII (none at the ends;
 * sep 0 drops them too). "Daniëlle" -> "danielle", "van 't Hof" with sep '.' -> "van.t.hof".
 * The result is never longer than s. Returns bytes written. */
size_t text_fold_ascii(const char *s, char sep, char *out, size_t outlen);
/* Case- and diacritic-insensitive substring test (both sides folded with sep ' '), for `/` search.
 * An empty needle matches everything. */
bool text_matches(const char *haystack, const char *needle);

#endif
