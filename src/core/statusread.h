/* Two reads for the LEERDOELEN screens: one cell's history (the status board's side panel) and a student's own
 * goals with their statuses (what a student or a parent sees). The status scale itself (label, letter, glyph,
 * colour role, mastered, in the school's order) is status_scale in core/children.h; a parent's children are
 * children_of there too. */
#ifndef KM_STATUSREAD_H
#define KM_STATUSREAD_H

#include "core/session.h"

/* ---- the history of one cell ---- */

struct status_change {
    int64_t from_status, to_status; /* status_values ids; 0 = none (the first status a goal got) */
    char who[160];                  /* "Aylin Çelik"; "" when the account is gone or the server did it */
    char changed_at[20];            /* UTC, 'YYYY-MM-DD HH:MM:SS' */
};

struct status_history {
    struct status_change *items; /* newest first */
    size_t n;
};

/* Who changed the status of student_id's goal, when, from what to what; newest first. Access: ACT_VIEW_STATUS
 * on the student (the student, a parent of the student, a teacher of the student, the beheerder). */
enum km_rc goal_status_history(const struct km_session *s, int64_t student_id, int64_t goal_id,
                               struct status_history *out);
void status_history_free(struct status_history *h);

/* ---- a student's own goals ---- */

struct own_goal {
    int64_t goal_id;
    int64_t hoofdgebied_id, deelgebied_id;
    char *code, *title;
    char *hoofdgebied, *deelgebied;
    char niveau[16];     /* the goal's niveau name; "" when it has none */
    int64_t status_id;   /* 0 = no status yet */
    char updated_at[20]; /* of the status; "" when none */
};

struct own_goal_list {
    struct own_goal *items; /* by hoofdgebied, deelgebied (the school's order), niveau, then the goal's order */
    size_t n;
    char niveaus[64]; /* the student's niveau(s), ", "-joined: "5"; "" when none is known */
};

/* The goals of a student's niveau: the niveaus named after the jaargroep of the student's active groups ("5", or
 * a name ending in " 5"), and
 * goals without a niveau; besides those every (not retired) goal the student already has a status for, so
 * nothing set is ever hidden. Access: ACT_VIEW_STATUS on the student. */
enum km_rc student_goals(const struct km_session *s, int64_t student_id, struct own_goal_list *out);
void student_goals_free(struct own_goal_list *l);

#endif
