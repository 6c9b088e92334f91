/* The files of imports and exports: a whole input file (a path, or "-" for standard input), and an output
 * file (a path, or standard output) that is never left half written. */
#ifndef KM_CLI_FILES_H
#define KM_CLI_FILES_H

#include <stddef.h>
#include <stdio.h>

#include "core/db.h"

/* Reads at most CSV_MAX_BYTES into a malloc'd buffer (the caller frees it). On failure prints one sentence
 * and returns EXIT_FAIL with *data NULL. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Writes an export through write(f, ctx) to path, or standard output when path is NULL; says where it went.
 * A failed write removes the file again. write's failure message is the core's (db may be NULL). */
typedef enum km_rc (*cli_writer)(FILE *f, void *ctx);
int cli_write_output(const char *path, cli_writer write, void *ctx, struct km_db *db);

#endif
