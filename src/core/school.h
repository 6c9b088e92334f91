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
/* KM_NOTFOUND for a database without a school yet. Needs no rights: the login screen shows the name. */
enum km_rc school_get(struct km_db *db, struct school_info *out);

#endif
