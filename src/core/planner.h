/* A person's week: the lesson instances of a teacher (own lessons and those of groups they teach), of a
 * student (lessons of their groups) or, for a parent, of a chosen child. */
#ifndef KM_PLANNER_H
#define KM_PLANNER_H

#include "core/session.h"

struct planned_lesson {
    int64_t instance_id;
    char date[11];
    int start_min, end_min;
    char *subject; /* hoofdgebied / deelgebied, "" when none */
    char *room;
    char *teacher;
    int64_t teacher_id; /* 0: none; another than the person whose week it is: a duo-collega's lesson */
    char *groups;       /* "groep 5a, rekenen niveau 3" */
    int goals;          /* goals planned in it */
    bool has_note;      /* staff-only: false in a student's or parent's week, whoever asks */
    char *pupil_note;   /* the line for students and parents, "" when none */
};

struct planner_week {
    char monday[11];
    struct planned_lesson *lessons;
    int n;
};

/* monday: 'YYYY-MM-DD' of the week's Monday. Access: ACT_VIEW_PLANNING on person_id. */
enum km_rc planner_week(const struct km_session *s, int64_t person_id, const char *monday, struct planner_week *out);

enum planner_subject { PLANNER_GROUP, PLANNER_ROOM };
/* The beheerder's view: the week of a group (its lessons) or of a room. */
enum km_rc planner_week_of(const struct km_session *s, enum planner_subject kind, int64_t id, const char *monday,
                           struct planner_week *out);
/* The lesson going on at `minute` of `date` ('YYYY-MM-DD'), else the next one (within 60 days): the one key
 * of a teacher's home menu. KM_NOTFOUND when there is none. Access: ACT_VIEW_PLANNING on person_id. */
enum km_rc planner_current_lesson(const struct km_session *s, int64_t person_id, const char *date, int minute,
                                  int64_t *instance_id);
void planner_week_free(struct planner_week *w);

#endif
