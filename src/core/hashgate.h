/* At most K Argon2id computations at once across every process on the server, so thirty children logging
 * in at 08:30 do not need thirty times 64 MiB at the same moment. The rest wait their turn, asleep and in order. */
#ifndef KM_HASHGATE_H
#define KM_HASHGATE_H

#include "core/auth.h"
#include "core/db.h"

/* Hashes and verifies through the gate of the database's server (a lock file beside the database).
 * max 0 = no limit. */
enum km_rc hashgate_hash(struct km_db *db, int max, const char *password, const struct auth_params *p,
                         char out[AUTH_HASH_LEN]);
bool hashgate_verify(struct km_db *db, int max, const char *hash, const char *password);
/* Runs fn(arg) holding one of the max slots; a caller waits asleep, in the order of arrival, for its turn. */
void hashgate_run(struct km_db *db, int max, void (*fn)(void *), void *arg);

#endif
