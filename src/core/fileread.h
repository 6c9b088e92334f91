/* Reading a whole file into memory, for the imports (CSV, EDEXML) and standard input. */
#ifndef KM_FILEREAD_H
#define KM_FILEREAD_H

#include <stddef.h>
#include <stdio.h>

/* Reads f to its end, or until more than max bytes are in: then *len > max (too big, and the caller says so).
 * Returns a malloc'd buffer with a '\0' after the *len bytes (the caller frees it), or NULL after a read error or
 * when memory runs out. */
char *fileread_all(FILE *f, size_t max, size_t *len);

#endif
