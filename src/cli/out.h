/* Printing for the command line: every string from data goes through the text sanitiser. */
#ifndef KM_CLI_OUT_H
#define KM_CLI_OUT_H

#include <stdio.h>

#include "core/db.h"

/* Prints s sanitised, fitted and padded to width columns (no padding when width is 0). */
void out_cell(FILE *f, const char *s, int width);
/* Prints s sanitised. */
void out_text(FILE *f, const char *s);
/* Prints s as a JSON string literal. */
void out_json_string(FILE *f, const char *s);
/* Prints the handle's last message to stderr ("klassenmap: ...") and returns the exit code 1. */
int out_fail(struct km_db *db);
int out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
