/* The one list of line errors for every import (CSV syntax, curriculum, parents; a line 0 is about the file as a
 * whole): each mistake with the line it is on, one Dutch sentence without the line number. The importer adds
 * them as it finds them, sorts them by line at the end (one line's mistakes stay in the order found), and the
 * command line prints "regel N: …". */
#ifndef KM_LINEERRORS_H
#define KM_LINEERRORS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct line_error {
    int line; /* 0: not about one line */
    char text[300];
};

/* Adds one at the end of *items (n in use; grown with vec_grow, so the list starts as NULL and 0). False when
 * memory runs out: the list is then as it was. */
bool line_error_add(struct line_error **items, size_t *n, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool line_error_addv(struct line_error **items, size_t *n, int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* By line; stable. */
void line_error_sort(struct line_error *items, size_t n);

#endif
