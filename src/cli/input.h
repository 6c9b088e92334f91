/* Reading a whole input file for an import: a path, or "-" for standard input. */
#ifndef KM_CLI_INPUT_H
#define KM_CLI_INPUT_H

#include <stddef.h>

/* Reads at most CSV_MAX_BYTES into a malloc'd buffer (the caller frees it). On failure prints one sentence
 * and returns EXIT_FAIL with *data NULL. */
int cli_read_file(const char *path, char **data, size_t *len);

#endif
