/* Result codes and small types shared by every core module. */
#ifndef KM_KM_H
#define KM_KM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum km_rc {
    KM_OK = 0,
    KM_ERR,      /* unexpected failure; the message says what */
    KM_DENIED,   /* the acting session may not do this */
    KM_NOTFOUND, /* the thing asked for does not exist */
    KM_EXISTS,   /* a unique name or key is already taken */
    KM_INVALID,  /* bad input; the message says which field and why */
    KM_CONFLICT, /* someone else changed the row meanwhile (version mismatch) */
    KM_BUSY,     /* the database stayed locked longer than we wait */
    KM_READONLY, /* the value comes from ParnasSys and is changed only by the sync */
};

enum km_role { ROLE_LEERLING = 0, ROLE_LEERKRACHT, ROLE_OUDER, ROLE_BEHEERDER, ROLE__COUNT };

const char *km_role_name(enum km_role role);
/* Parses a role name (Dutch, as stored); returns false when unknown. */
bool km_role_parse(const char *name, enum km_role *out);
const char *km_rc_name(enum km_rc rc);

/* gcc 12's -fanalyzer (make analyze) loses track of a pointer stored back into a structure after realloc ("when
 * 'realloc' succeeds, without moving buffer") or calloc, and then reports leaks and double frees that cannot happen.
 * A function it misreads so sits between KM_GCC_ANALYZER_MISREADS and KM_GCC_ANALYZER_END, the reason beside it;
 * every other finding is fixed. Other compilers, and gcc without -fanalyzer, are not affected. */
#if defined(__GNUC__) && !defined(__clang__)
#define KM_PRAGMA_(x) _Pragma(#x)
#define KM_GCC_ANALYZER_MISREADS                                                                                       \
    KM_PRAGMA_(GCC diagnostic push)                                                                                    \
    KM_PRAGMA_(GCC diagnostic ignored "-Wanalyzer-malloc-leak")                                                        \
    KM_PRAGMA_(GCC diagnostic ignored "-Wanalyzer-double-free")
#define KM_GCC_ANALYZER_END KM_PRAGMA_(GCC diagnostic pop)
#else
#define KM_GCC_ANALYZER_MISREADS
#define KM_GCC_ANALYZER_END
#endif

#endif
