/* Name and curriculum tables for the demo school generator (demo.c). Plain data, no logic:
 * the generator picks from these with its own seeded PRNG, so the tables' order is part of what makes a
 * seed reproducible. Appending to a table changes the demo of every seed; that is allowed (the demo is
 * not stored anywhere), but a test that compares two runs always uses the same build. */
#ifndef KM_DEMO_NAMES_H
#define KM_DEMO_NAMES_H

#include <stddef.h>

/* A family name as Dutch administrations store it: voorvoegsel apart, sorted on the achternaam. */
struct demo_surname {
    const char *voorvoegsel;
    const char *achternaam;
};

struct demo_deelgebied {
    const char *name;
    const char *code;          /* second part of a goal code, e.g. "BR" in "RE-BR-5.03" */
    const char *const *titles; /* goal titles, easy to hard; a "#" becomes the niveau's number range */
    size_t ntitles;
};

struct demo_hoofdgebied {
    const char *name;
    const char *code; /* first part of a goal code, e.g. "RE" */
    const struct demo_deelgebied *deel;
    size_t ndeel;
};

extern const char *const demo_child_names[];
extern const size_t demo_child_names_n;
extern const char *const demo_adult_names[];
extern const size_t demo_adult_names_n;
extern const struct demo_surname demo_surnames[];
extern const size_t demo_surnames_n;

extern const struct demo_hoofdgebied demo_curriculum[];
extern const size_t demo_curriculum_n;
/* Variations appended to a title when a cell needs more goals than its deelgebied has titles. */
extern const char *const demo_title_suffixes[];
extern const size_t demo_title_suffixes_n;
/* Per niveau 1..8 (index 0..7) a number range used in rekenen titles, e.g. "tot 100". */
extern const char *const demo_niveau_range[8];

/* A hoofdgebied and one of its deelgebieden, by their codes ("RE", "BW"). */
struct demo_area {
    const char *hoofd;
    const char *deel;
};

/* Eigen groepen: a name pattern whose '#' becomes the jaargroep, and (same index) the area its weekly
 * lesson is about. */
extern const char *const demo_eigen_patterns[];
extern const struct demo_area demo_eigen_areas[];
extern const size_t demo_eigen_patterns_n;

/* The week of a stamgroep: per weekday (Monday..Friday) and lesson hour (1e..5e uur) the code of a
 * hoofdgebied, "" for an hour that does not exist (Wednesday afternoon). */
#define DEMO_DAYS 5
#define DEMO_HOURS 5
extern const char *const demo_week_plan[DEMO_DAYS][DEMO_HOURS];

/* Short notes a teacher writes with a lesson; about no subject in particular, as any lesson may get one. */
extern const char *const demo_lesson_notes[];
extern const size_t demo_lesson_notes_n;

#endif
