/* Password hashing with libsodium's Argon2id, and readable temporary passwords.
 * Plain passwords live only in caller buffers that the caller wipes (auth_wipe). */
#ifndef KM_AUTH_H
#define KM_AUTH_H

#include <sodium.h>

#include "core/km.h"

#define AUTH_HASH_LEN crypto_pwhash_STRBYTES
#define AUTH_PASSWORD_MAX 256 /* bytes accepted for a password; the policy allows at least 64 characters */

struct auth_params {
    unsigned long long opslimit;
    size_t memlimit; /* bytes */
};

struct auth_policy {
    int min_student; /* characters */
    int min_staff;
    int max_len;
    char **extra; /* the school's own blocklist (folded), from [password] blocklist */
    int nextra;
};

/* Logins and load; 0 in a field means "no limit". */
struct auth_limits {
    int max_failures; /* failed logins before the account locks */
    int lock_minutes;
    int delay_step_ms;         /* each failure waits this much longer before it answers */
    int max_concurrent_hashes; /* across all processes of the server */
    bool student_temporary;    /* a student's password set by a teacher must be changed at the next login */
};

struct auth_settings {
    struct auth_params params;
    struct auth_policy policy;
    struct auth_limits limits;
};

/* libsodium must be initialised once per process before any other call here. */
enum km_rc auth_init(void);
/* The defaults for a shared school server: libsodium's INTERACTIVE limits (2 passes, 64 MiB). */
struct auth_params auth_default_params(void);
/* The cheapest parameters libsodium allows: for tests and for generating demo data quickly. */
struct auth_params auth_min_params(void);

enum km_rc auth_hash(const char *password, const struct auth_params *p, char out[AUTH_HASH_LEN]);
bool auth_verify(const char *hash, const char *password);
bool auth_needs_rehash(const char *hash, const struct auth_params *p);

struct auth_policy auth_default_policy(void);
/* KM_OK, or KM_INVALID with the reason in why: too short, too long, or on the blocklist (common and
 * Dutch passwords, the username). No composition rules, as current guidance advises. */
enum km_rc auth_policy_check(const struct auth_policy *p, enum km_role role, const char *password, const char *username,
                             char *why, size_t whylen);

/* Adds the lines of the school's blocklist file; a file that cannot be read is an error (a security setting
 * must never silently fall back). */
enum km_rc auth_policy_load_blocklist(struct auth_policy *p, const char *path, char *err, size_t errlen);

/* A readable password of len - 1 characters (syllables, then two digits) without look-alikes, shown once. */
void auth_generate_password(char *out, size_t len);
void auth_wipe(void *buf, size_t len);

#endif
