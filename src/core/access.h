/* The design's role table as code. Core functions call access_check before they read or change
 * school data; the screens use access_role_may only to hide what a role can never do. */
#ifndef KM_ACCESS_H
#define KM_ACCESS_H

#include "core/session.h"

enum km_action {
    ACT_VIEW_PLANNING,        /* target: the person whose day/week is shown */
    ACT_VIEW_STATUS,          /* target: the student */
    ACT_SET_STATUS,           /* target: the student */
    ACT_PLAN_GOALS,           /* target: a lesson instance (goals, the note and the line for the class) */
    ACT_READ_NOTE,            /* target: a lesson instance; the note is staff-only (AVG) */
    ACT_CHANGE_OWN_PASSWORD,  /* target: ignored, always the actor */
    ACT_FORGOT_PASSWORD,      /* target: ignored; the actor is the account asking */
    ACT_SET_STUDENT_PASSWORD, /* target: the student */
    ACT_SET_STAFF_PASSWORD,   /* target: a teacher, parent or beheerder */
    ACT_EDIT_TIMETABLE,       /* school hours, week templates, lessons, school roster */
    ACT_EDIT_CURRICULUM,      /* hoofdgebieden, deelgebieden, niveaus, leerdoelen and the status scale */
    ACT_MANAGE_USERS,
    ACT_MANAGE_GROUPS,
    ACT_READ_SYNC_SETTINGS,
    ACT_READ_AUDIT,
    ACT_EDIT_SYNCED, /* fields and memberships that come from ParnasSys */
    ACT__COUNT
};

const char *access_action_name(enum km_action action);
/* Whether the role may ever do this (for some target); no database needed. */
bool access_role_may(enum km_role role, enum km_action action);
/* KM_OK when the session may do action on target; otherwise KM_DENIED (or KM_READONLY for
 * synced data) with a sentence in db_errmsg. */
enum km_rc access_check(const struct km_session *s, enum km_action action, int64_t target);

/* KM_OK while the session's account is still active with the same role (checked in the database). */
enum km_rc access_session(const struct km_session *s);

/* Relations the rules are made of, exported for queries that filter by them. */
bool access_teaches_student(struct km_db *db, int64_t teacher_id, int64_t student_id);
/* A teacher of the group, and the group is active (this school year's). */
bool access_teaches_group(struct km_db *db, int64_t teacher_id, int64_t group_id);
bool access_parent_of(struct km_db *db, int64_t parent_id, int64_t child_id);

#endif
