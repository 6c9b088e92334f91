#include "core/auth.h"

#include <string.h>

enum km_rc auth_init(void) { return sodium_init() >= 0 ? KM_OK : KM_ERR; }

struct auth_params auth_default_params(void)
{
    return (struct auth_params){crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

struct auth_params auth_min_params(void)
{
    return (struct auth_params){crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

enum km_rc auth_hash(const char *password, const struct auth_params *p, char out[AUTH_HASH_LEN])
{
    if (crypto_pwhash_str_alg(out, password, strlen(password), p->opslimit, p->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return KM_ERR; /* out of memory: the memlimit could not be allocated */
    return KM_OK;
}

bool auth_verify(const char *hash, const char *password)
{
    if (!hash || !*hash)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool auth_needs_rehash(const char *hash, const struct auth_params *p)
{
    return crypto_pwhash_str_needs_rehash(hash, p->opslimit, p->memlimit) != 0;
}

void auth_generate_password(char *out, size_t len)
{
    /* No 0/O/o, 1/l/I: easy to read aloud to a child and to type from a note. */
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (len == 0)
        return;
    for (size_t i = 0; i + 1 < len; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[len - 1] = '\0';
}

void auth_wipe(void *buf, size_t len) { sodium_memzero(buf, len); }
