/* A parent's children (for MIJNROOSTER: the parent first picks a child), a child's parents, the links between
 * them that the school makes itself, and the school's status scale (labels, letters and glyphs, so a screen
 * never shows a status by colour alone). */
#ifndef KM_CHILDREN_H
#define KM_CHILDREN_H

#include "core/session.h"

/* A child (children_of) or a parent (children_parents). */
struct km_child {
    int64_t id;
    char *name;   /* "roepnaam [voorvoegsel] achternaam" */
    char *groups; /* the child's active groups as a student: "groep 5a, rekenen niveau 5"; "" when none (and for
                     parents) */
    bool active;
    char username[40];
    char relation[32]; /* "moeder", "voogd", ... or "" */
    bool synced;       /* the link comes from ParnasSys: only the sync changes it */
};

struct km_child_list {
    struct km_child *items;
    size_t n;
};

/* The children of parent_id, by name. Access: the parent themself, or the beheerder (any parent);
 * anyone else gets KM_DENIED. Inactive children (left school) are listed after the active ones. */
enum km_rc children_of(const struct km_session *s, int64_t parent_id, struct km_child_list *out);
/* The parents of child_id, by name (relation, username and synced filled in). Access: the child themself, a
 * parent of the child, or the beheerder; anyone else gets KM_DENIED. */
enum km_rc children_parents(const struct km_session *s, int64_t child_id, struct km_child_list *out);
/* Links a parent to a child, or removes the link (beheerder only). A parent from ParnasSys, or a link the sync
 * made, is KM_READONLY: "komt uit ParnasSys; wijzigen in ParnasSys". Linking twice changes nothing. */
enum km_rc children_link(const struct km_session *s, int64_t parent_id, int64_t child_id, const char *relation);
enum km_rc children_unlink(const struct km_session *s, int64_t parent_id, int64_t child_id);
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
