/* The status board of a group: its students × the goals of one deelgebied (and niveau), with each cell's
 * status and version. Loaded in one short read, so a screen can draw it without holding a transaction. */
#ifndef KM_BOARD_H
#define KM_BOARD_H

#include "core/session.h"

struct board_student {
    int64_t id;
    char *name; /* "roepnaam [voorvoegsel] achternaam" */
};

struct board_goal {
    int64_t id;
    char *code, *title;
};

struct board {
    int nstudents, ngoals;
    struct board_student *students;
    struct board_goal *goals;
    int64_t *status;  /* nstudents × ngoals, row-major; 0 = no status yet */
    int64_t *version; /* same shape; 0 = no row yet */
};

/* The teachers of the group and the beheerder may open it; others get KM_DENIED. niveau_id 0 = all. */
enum km_rc board_load(const struct km_session *s, int64_t group_id, int64_t deelgebied_id, int64_t niveau_id,
                      struct board *out);
void board_free(struct board *b);

#endif
