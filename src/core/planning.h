/* One lesson on one date: the goals planned into it, the note, and the goals a student can work on. */
#ifndef KM_PLANNING_H
#define KM_PLANNING_H

#include "core/session.h"

/* Counts are indexed by status id. A school has at most 8 values at once, but ids grow when values are
 * deleted and added again; 128 leaves room for many years of such edits. */
#define PLANNING_STATUSES 128

#define PLANNING_NOTE_MAX 2000      /* bytes of the staff note */
#define PLANNING_PUPIL_NOTE_MAX 500 /* bytes of the line for students and parents */

struct planning_goal {
    int64_t goal_id;
    char *code, *title, *area; /* area: "rekenen / breuken" */
    char niveau[16];
    /* For teachers: how many students of the lesson's groups have each status (index = status id; 0 = none). */
    int counts[PLANNING_STATUSES];
    int students;
    /* For a student (or a parent looking at a child): that child's own status id, 0 = none. */
    int64_t own_status;
};

struct lesson_detail {
    int64_t instance_id;
    char date[11];
    int start_min, end_min;
    char *subject, *room, *teacher, *groups;
    char *note;       /* staff-only (AVG): "" for anyone who may not read it (ACT_READ_NOTE) */
    char *pupil_note; /* the line for students and parents: everyone who sees the lesson reads it */
    int64_t hoofdgebied_id, deelgebied_id;
    int64_t niveau_ids[8];
    int nniveaus;
    int64_t version;
    bool may_edit;      /* the session may plan goals and write the note and the line for the class */
    bool may_read_note; /* the session may read the note (the lesson's teachers, duo-collega's, beheerder) */
    struct planning_goal *goals;
    int ngoals;
};

/* for_student: whose own statuses to show (a student, or the child a parent chose); 0 for teachers. */
enum km_rc planning_lesson(const struct km_session *s, int64_t instance_id, int64_t for_student,
                           struct lesson_detail *out);
enum km_rc planning_add_goal(const struct km_session *s, int64_t instance_id, int64_t goal_id);
enum km_rc planning_remove_goal(const struct km_session *s, int64_t instance_id, int64_t goal_id);
/* The lesson's note (staff-only); expected_version is the version the teacher saw (KM_CONFLICT when changed
 * since). Saving drops the writer's draft of it. */
enum km_rc planning_set_note(const struct km_session *s, int64_t instance_id, const char *note,
                             int64_t expected_version);
/* The line for students and parents, versioned like the note (the same lesson version). */
enum km_rc planning_set_pupil_note(const struct km_session *s, int64_t instance_id, const char *text,
                                   int64_t expected_version);

struct goal_filter {
    int64_t hoofdgebied_id, deelgebied_id, niveau_id; /* 0 = any */
    const char *text;                                 /* in code or title, accents and case ignored */
};

/* Goals to link (not retired), filtered; at most limit. */
enum km_rc planning_candidates(const struct km_session *s, const struct goal_filter *f, int limit,
                               struct planning_goal **out, int *n);
/* "Hier kan ik zelf aan werken": goals planned in the student's lessons between from and to (inclusive
 * dates) that the student has not mastered yet. */
enum km_rc planning_own_goals(const struct km_session *s, int64_t student_id, const char *from, const char *to,
                              struct planning_goal **out, int *n);

void planning_lesson_free(struct lesson_detail *d);
void planning_goals_free(struct planning_goal *goals, int n);

#endif
