#include "core/auth.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/vec.h"

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
    if (crypto_pwhash_str_alg(out, password, strlen(password), p->opslimit, p->memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
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

/* Syllables and two digits ("tokabimu47"): a child can read it aloud and type it. No l, 0 or 1, so nothing
 * is mistaken for something else; about 33 bits in 10 characters, enough behind a lock-out. */
void auth_generate_password(char *out, size_t len)
{
    static const char consonants[] = "bdfghjkmnprstvwz";
    static const char vowels[] = "aeiou";
    static const char digits[] = "23456789";
    if (len == 0)
        return;
    size_t n = len - 1, i = 0;
    size_t letters = n > 2 ? n - 2 : 0;
    for (; i < letters; i++)
        out[i] = i % 2 == 0 ? consonants[randombytes_uniform(sizeof consonants - 1)]
                            : vowels[randombytes_uniform(sizeof vowels - 1)];
    for (; i < n; i++)
        out[i] = digits[randombytes_uniform(sizeof digits - 1)];
    out[n] = '\0';
}

void auth_wipe(void *buf, size_t len) { sodium_memzero(buf, len); }

struct auth_policy auth_default_policy(void) { return (struct auth_policy){6, 10, 128, NULL, 0}; }

static const char *const blocklist[] = {
    "wachtwoord", "wachtwoord1", "wachtwoord123", "welkom",     "welkom01",  "welkom1",    "welkom123", "password",
    "password1",  "123456",      "1234567",       "12345678",   "123456789", "1234567890", "qwerty",    "qwerty123",
    "azerty",     "abc123",      "abcdef",        "111111",     "000000",    "geheim",     "geheim123", "school",
    "school123",  "klassenmap",  "leerling",      "leerkracht", "juf123",    "meester",    "voetbal",   "ajax",
    "ajax123",    "feyenoord",   "psv",           "iloveyou",   "letmein",   "admin",      "admin123",  "zomer2026",
    "winter2026", "lente2026",   "herfst2026",
};

static bool on_list(const char *folded, const struct auth_policy *p)
{
    for (size_t i = 0; i < sizeof blocklist / sizeof blocklist[0]; i++)
        if (strcmp(folded, blocklist[i]) == 0)
            return true;
    for (int i = 0; i < p->nextra; i++)
        if (strcmp(folded, p->extra[i]) == 0)
            return true;
    return false;
}

static bool blocked(const struct auth_policy *p, const char *password, const char *username)
{
    char folded[AUTH_PASSWORD_MAX + 1];
    text_fold_ascii(password, 0, folded, sizeof folded);
    bool hit = on_list(folded, p);
    if (!hit && username && *username) {
        char user[128];
        text_fold_ascii(username, 0, user, sizeof user);
        hit = *user && strcmp(folded, user) == 0;
    }
    auth_wipe(folded, sizeof folded); /* a copy of the password */
    return hit;
}

enum km_rc auth_policy_check(const struct auth_policy *p, enum km_role role, const char *password, const char *username,
                             char *why, size_t whylen)
{
    int min = role == ROLE_LEERLING ? p->min_student : p->min_staff;
    int chars = text_width(password);
    if (chars < min) {
        snprintf(why, whylen, _("Het wachtwoord is te kort: minstens %d tekens."), min);
        return KM_INVALID;
    }
    if (chars > p->max_len || strlen(password) > AUTH_PASSWORD_MAX) {
        snprintf(why, whylen, _("Het wachtwoord is te lang: hoogstens %d tekens."), p->max_len);
        return KM_INVALID;
    }
    if (blocked(p, password, username)) {
        snprintf(why, whylen,
                 _("Dit wachtwoord is te makkelijk te raden (het staat op de lijst van veelgebruikte wachtwoorden)."));
        return KM_INVALID;
    }
    return KM_OK;
}

/* The school's own list: one password per line, compared after the same folding as the built-in list. */
enum km_rc auth_policy_load_blocklist(struct auth_policy *p, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, _("De lijst met verboden wachtwoorden (%s) kan niet gelezen worden."), path);
        return KM_NOTFOUND;
    }
    char line[AUTH_PASSWORD_MAX + 2];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char folded[AUTH_PASSWORD_MAX + 1];
        text_fold_ascii(line, 0, folded, sizeof folded);
        char **grown = *folded ? vec_grow(p->extra, p->nextra, sizeof *grown) : NULL;
        if (*folded && (!grown || !(grown[p->nextra] = strdup(folded)))) {
            if (grown)
                p->extra = grown;
            fclose(f);
            snprintf(err, errlen, _("Onvoldoende geheugen voor de lijst met verboden wachtwoorden."));
            return KM_ERR;
        }
        if (*folded) {
            p->extra = grown;
            p->nextra++;
        }
    }
    fclose(f);
    return KM_OK;
}
