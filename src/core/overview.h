/* Leerdoeloverzichten: for a group, per goal how many students have each status and the share that mastered
 * it; per student, the share of the goals of their niveau they mastered, per deelgebied and per hoofdgebied.
 * Read in one short transaction, so the counts are of one moment.
 *
 * A student's niveau is the niveau named after the jaargroep of their group ("5", or a name ending in " 5"):
 * the overview's group first, then their stamgroep; a student without one counts every niveau. A filter on a
 * niveau makes that the niveau of everyone. Without a niveau filter the group's goals are those of its
 * students' niveaus (and goals without a niveau); all goals when a student's niveau is unknown.
 * A period keeps the goals planned (planned_goals) in lessons dated from … to that the students take part in,
 * through any of their groups. Retired goals are left out. */
#ifndef KM_OVERVIEW_H
#define KM_OVERVIEW_H

#include "core/session.h"
#include "core/statusscale.h"

struct overview_filter {
    int64_t hoofdgebied_id, deelgebied_id, niveau_id; /* 0 = any */
    const char *from, *to;                            /* 'YYYY-MM-DD' inclusive, both or neither (NULL) */
};

struct overview_area {
    int64_t id;
    char *name;
    size_t hoofd; /* a deelgebied's hoofdgebied, as index in hoofd[] */
};

struct overview_count {
    int goals, mastered;
};

struct overview_goal {
    int64_t id, niveau_id;
    char *code, *title, *niveau; /* niveau "" when the goal has none */
    size_t deel;                 /* index in deel[] */
    int *counts;                 /* scale.n numbers: students per value, in the scale's order */
    int none;                    /* students without a status */
    int mastered;                /* students whose value counts as mastered */
};

struct overview_student {
    int64_t id, niveau_id; /* niveau_id 0: every niveau counts */
    char *name, *niveau;
    struct overview_count total;
    struct overview_count *deel, *hoofd; /* per area, in the overview's order */
};

struct overview {
    char *title; /* the group's name or the student's */
    struct status_scale scale;
    struct overview_area *hoofd, *deel; /* the areas of the goals, in the curriculum's order */
    size_t nhoofd, ndeel;
    struct overview_goal *goals;
    size_t ngoals;
    struct overview_student *students; /* by roepnaam */
    size_t nstudents;
    int *cells; /* nstudents × ngoals: the student's value as an index in scale, -1 = none */
    int *count_block;
    struct overview_count *progress_block;
};

/* The group's teachers (duo-collega's too) and the beheerder; anyone else gets KM_DENIED. */
enum km_rc overview_group(const struct km_session *s, int64_t group_id, const struct overview_filter *f,
                          struct overview *out);
/* One student: the student, their parents, their teachers and the beheerder (ACT_VIEW_STATUS). */
enum km_rc overview_student(const struct km_session *s, int64_t student_id, const struct overview_filter *f,
                            struct overview *out);
void overview_free(struct overview *o);

/* part of whole in whole percents, rounded half up; 0 when whole is 0. */
int overview_percent(int part, int whole);

#endif
