/* What the libFuzzer harnesses share (tests/fuzz/fuzz_*.c; doc/hacking.md, "Fuzzing"). Each harness defines
 * LLVMFuzzerTestOneInput; everything expensive (the demo school in memory, a scratch directory) is made once per
 * process, and every input leaves the school as it found it. */
#ifndef KM_FUZZ_H
#define KM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The small demo school in an in-memory database, made on the first call; aborts when that fails. */
struct km_db *fuzz_school(void);
/* A session for one of the demo's fixed accounts ("beheerder", "leerkracht"), on fuzz_school(). */
void fuzz_session(struct km_session *s, const char *username);
/* Opens a savepoint on fuzz_school() (every import inside composes with it) ... */
void fuzz_begin(void);
/* ... and rolls back whatever the input changed, so the next input sees the same school. */
void fuzz_rollback(void);

/* Writes the bytes (prefix first, may be NULL) to NAME in a private directory made once per process (removed at
 * exit); returns the directory. For the readers that take a path (configuration, themes). */
const char *fuzz_write_file(const char *name, const char *prefix, const uint8_t *data, size_t size);

/* libxml2 never prints: its generic and structured error handlers are silenced once. */
void fuzz_quiet_libxml(void);

#endif
