/* Reading the curriculum's outline: hoofdgebieden with their deelgebieden, and the niveaus. Small on purpose:
 * the lesson wizard needs the choices; the full curriculum module (goals, editing) comes later. */
#ifndef KM_CURRICULUM_READ_H
#define KM_CURRICULUM_READ_H

#include "core/session.h"

struct km_deelgebied {
    int64_t id;
    char *name;
};

struct km_hoofdgebied {
    int64_t id;
    char *name;
    struct km_deelgebied *deel; /* in the school's order */
    size_t ndeel;
};

struct km_area_list {
    struct km_hoofdgebied *items;
    size_t n;
};

struct km_niveau {
    int64_t id;
    char *name;
};

struct km_niveau_list {
    struct km_niveau *items;
    size_t n;
};

/* Every hoofdgebied (also one without deelgebieden) with its deelgebieden, both by sort order and name.
 * Every logged-in person may read the outline: it holds nothing about people. */
enum km_rc curriculum_areas(const struct km_session *s, struct km_area_list *out);
/* The niveaus by sort order and name. */
enum km_rc curriculum_niveaus(const struct km_session *s, struct km_niveau_list *out);
/* The hoofdgebied with this id, or NULL. */
const struct km_hoofdgebied *curriculum_area_by_id(const struct km_area_list *l, int64_t id);

void curriculum_areas_free(struct km_area_list *l);
void curriculum_niveaus_free(struct km_niveau_list *l);

#endif
