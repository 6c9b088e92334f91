/* The deterministic demo school: a fictitious school with people, groups, a curriculum, goal statuses,
 * rooms, school hours, week templates with lessons and a generated roster with planned goals, for trying
 * the program (`klassenmap demo`) and for every benchmark (large). */
#ifndef KM_DEMO_H
#define KM_DEMO_H

#include <stdint.h>

#include "core/auth.h"
#include "core/db.h"

enum demo_size {
    DEMO_SMALL, /* 2 stamgroepen, 50 students, ~100 goals, 1 template, 8 roster weeks: fast enough for unit tests */
    DEMO_LARGE, /* 48 stamgroepen, 1,200 students, 90 staff, 1,800 parents, 2,000 goals, ~250k statuses,
                 * 2 templates, 40 roster weeks with ~41k lesson instances */
    DEMO_XL,    /* 4x the large school (192 stamgroepen, 4,800 students, 8,000 goals): to see what grows with it */
};

struct demo_options {
    enum demo_size size;
    uint32_t seed;
    const char *password;           /* the password of every demo account; never stored in plain text */
    struct auth_params hash_params; /* auth_min_params() for tests, auth_default_params() for a real demo */
};

struct demo_account {
    char username[64];
    char role[16];
    char name[160]; /* "Daniëlle van 't Hof" */
};

/* What demo_create made; the counts equal SELECT count(*) of the tables afterwards (weeks: roster_weeks,
 * holiday weeks included; instances: lesson_instances; planned: planned_goals). */
struct demo_report {
    int students, teachers, parents, beheerders, groups_stam, groups_eigen, goals, statuses, rooms;
    int templates, slots, lessons, weeks, instances, planned;
    struct demo_account accounts[4]; /* one per role: beheerder, leerkracht, leerling, ouder */
};

/* Fills an EMPTY database (no school row yet; else KM_EXISTS with a message via db_fail) with a demo
 * school, all in ONE db_tx transaction. Deterministic: the same seed gives the same database content
 * (except timestamps, password salts and the roster's dates: it starts two weeks before today's ISO week).
 * The fixed accounts are `beheerder`, `leerkracht` (teacher of the first stamgroep), `leerling` (a student
 * in it) and `ouder` (a parent of that student); every account has opt->password. out may be NULL. */
enum km_rc demo_create(struct km_db *db, const struct demo_options *opt, struct demo_report *out);

#endif
