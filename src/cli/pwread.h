/* Reading a password: without echo from a terminal, or one line from stdin when that is a pipe. */
#ifndef KM_CLI_PWREAD_H
#define KM_CLI_PWREAD_H

#include <stdbool.h>
#include <stddef.h>

/* Reads one password into buf (len bytes, mlocked by the caller). With confirm, a terminal is asked
 * twice and a mismatch is an error. Returns 0, or -1 with a sentence in err. */
int pw_read(const char *prompt, bool confirm, char *buf, size_t len, char *err, size_t errlen);

#endif
