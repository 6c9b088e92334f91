/* A parent's children (for MIJNROOSTER: the parent first picks a child) and the school's status scale
 * (labels, letters and glyphs, so a screen never shows a status by colour alone). */
#ifndef KM_CHILDREN_H
#define KM_CHILDREN_H

#include "core/session.h"

struct km_child {
    int64_t id;
    char *name;   /* "roepnaam [voorvoegsel] achternaam" */
    char *groups; /* the child's active groups as a student: "groep 5a, rekenen niveau 5"; "" when none */
    bool active;
};

struct km_child_list {
    struct km_child *items;
    size_t n;
};

/* The children of parent_id, by name. Access: the parent themself, or the beheerder (any parent);
 * anyone else gets KM_DENIED. Inactive children (left school) are listed after the active ones. */
enum km_rc children_of(const struct km_session *s, int64_t parent_id, struct km_child_list *out);
void children_free(struct km_child_list *l);

#define STATUS_LABEL_MAX 48

struct km_status_value {
    int64_t id;
    char label[STATUS_LABEL_MAX]; /* "beheerst" */
    char letter[8];               /* "V" */
    char glyph[8];                /* "●" */
    char colour_role[24];         /* "status_done": a theme role name */
    bool mastered;
};

struct km_status_scale {
    struct km_status_value *items; /* by sort order */
    size_t n;
};

/* The school's status values; every logged-in person may read them. */
enum km_rc status_scale(const struct km_session *s, struct km_status_scale *out);
/* The value with this id, or NULL (id 0 = no status yet). */
const struct km_status_value *status_scale_find(const struct km_status_scale *sc, int64_t id);
void status_scale_free(struct km_status_scale *sc);

#endif
