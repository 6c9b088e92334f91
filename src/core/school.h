/* The school a database belongs to: one per file. */
#ifndef KM_SCHOOL_H
#define KM_SCHOOL_H

#include "core/session.h"

struct school_info {
    char name[256];
    char brin[8];
    bool demo;
};

/* BRIN as EDEXML and UWLR define it (tpBrinCode): two digits and two capitals, e.g. 99ZZ. */
bool school_valid_brin(const char *brin);
/* Creates the school row of a new database; KM_EXISTS when the database already has a school. */
enum km_rc school_create(const struct km_session *s, const char *name, const char *brin);
/* Which BRIN the ParnasSys sync asks for: the configuration's ([sync] brin), else the school's. */
enum school_brin_source {
    BRIN_FROM_CONFIG, /* set in the configuration (and the school's is the same, or the school has none) */
    BRIN_FROM_SCHOOL, /* not in the configuration: the school's own */
    BRIN_NONE,        /* neither: the sync cannot run */
    BRIN_CONFLICT,    /* both, and different: the sync refuses rather than fetch another school's data */
    BRIN_INVALID,     /* the one it would use is not a BRIN as UWLR wants it (out holds it) */
};
/* The one rule for the sync and for the screen that shows its settings; out gets the BRIN used (or "" ). */
enum school_brin_source school_sync_brin(const struct school_info *school, const char *config_brin, char out[8]);
/* KM_NOTFOUND for a database without a school yet. Needs no rights: the login screen shows the name. */
enum km_rc school_get(struct km_db *db, struct school_info *out);

#endif
