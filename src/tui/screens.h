/* Constructors of the screens; each lives in its own file. */
#ifndef KM_TUI_SCREENS_H
#define KM_TUI_SCREENS_H

#include "tui/app.h"

struct screen *login_screen_new(struct app *a);
/* The database is damaged or gone: nothing is saved; the beheerder may open the new file (app_reopen). */
struct screen *dbfault_screen_new(struct app *a);
struct screen *home_screen_new(struct app *a);
/* The keys of the screen below it: exactly the actions it accepts, with their current keys. */
struct screen *help_screen_new(struct app *a, const struct screen *of);
/* A submenu with entries from the home menu's table. */
struct screen *menu_screen_new(struct app *a, int menu_id);
struct screen *users_screen_new(struct app *a, enum km_role role);
struct screen *groups_screen_new(struct app *a);
struct screen *group_profile_screen_new(struct app *a, int64_t group_id);
struct screen *profile_screen_new(struct app *a);
struct screen *school_settings_screen_new(struct app *a);
enum password_mode {
    PW_FORGOT_ASK,  /* login screen: username or e-mail, a code is mailed */
    PW_FORGOT_CODE, /* the code and the new password twice */
    PW_FORCED,      /* right after logging in with a temporary password */
    PW_OWN,         /* PROFIEL: current password, then the new one twice */
    PW_OTHER,       /* someone else's: a student (teacher, beheerder) or staff (beheerder) */
};
/* target: the person for PW_OTHER, else 0. */
struct screen *password_screen_new(struct app *a, enum password_mode mode, int64_t target);

/* MIJNROOSTER INSTELLINGEN (beheerder) */
struct screen *hours_screen_new(struct app *a);                         /* INSTELLINGEN: schooltijden */
struct screen *templates_screen_new(struct app *a);                     /* WEEK SJABLONEN: the list */
struct screen *template_screen_new(struct app *a, int64_t template_id); /* one template: days × time, slots */
struct screen *slot_screen_new(struct app *a, int64_t slot_id);         /* the lessons of a slot */
/* VOEG EEN LES TOE (lesson_id 0) or change a lesson, step by step, with a summary and MAAK LES AAN. */
struct screen *lesson_screen_new(struct app *a, int64_t slot_id, int64_t lesson_id);
struct screen *check_screen_new(struct app *a, int64_t template_id); /* every clash of a template */
struct screen *rooms_screen_new(struct app *a);                      /* LOKALEN */

/* SCHOOL ROOSTER → ROOSTER MAKEN (beheerder): start, weeks, a template per week, review, generate. */
struct screen *roster_screen_new(struct app *a);
/* MIJNROOSTER: a teacher's week, a student's day and week, a parent's child, the beheerder's choice of a
 * teacher, group or room. */
struct screen *mijnrooster_screen_new(struct app *a);
/* One lesson on its date: goals (link, remove), note; read-only for students and parents, who see their
 * own status per goal (for_student: the child whose statuses to show, 0 for teachers). */
struct screen *lesson_detail_screen_new(struct app *a, int64_t instance_id, int64_t for_student);
/* Opens that screen, and offers back a draft of the note or the line for the class that this person left
 * unsaved when the connection dropped. */
void lesson_detail_open(struct app *a, int64_t instance_id, int64_t for_student);

/* LEERDOELEN for a teacher or the beheerder: a group, deelgebied and niveau, then the status board. */
struct screen *board_choose_screen_new(struct app *a);
/* The status board: the group's students by the deelgebied's goals (niveau_id 0: every student's own niveau). */
struct screen *board_screen_new(struct app *a, int64_t group_id, const char *group, int64_t deel_id, const char *area,
                                int64_t niveau_id, const char *niveau);
/* Puts the board's cursor on goal_id's column, on the same student. */
void board_screen_show_goal(struct screen *s, int64_t goal_id);
/* The Leerdoeloverzicht of a group: per goal and per student (niveau_id 0: every student's own niveau). */
struct screen *group_overview_screen_new(struct app *a, int64_t group_id, const char *group, int64_t niveau_id,
                                         const char *niveau);
/* LEERDOELEN for a student (their own goals) or a parent (first a child): statuses by deelgebied, read-only. */
struct screen *mygoals_screen_new(struct app *a);
/* One student's goals by deelgebied, read-only (the Leerdoeloverzicht's Enter on a student, a parent's child). */
struct screen *student_goals_screen_new(struct app *a, int64_t student, const char *name);
/* One student's goal: its full title, the status now and the history (who, when, from → to), newest first. */
struct screen *goal_history_screen_new(struct app *a, int64_t student_id, const char *student, int64_t goal_id,
                                       const char *code, const char *title);

/* Choosing people: called once when the choice is made (the picker is still on the stack and pops right after;
 * the screen below then reloads). ids: the ticked people, or the one under the cursor. */
struct km_user_list;
typedef void (*pick_done_fn)(struct app *a, void *ctx, const int64_t *ids, size_t n);
/* Takes over people (the list is emptied). multi: Space ticks several. */
struct screen *pick_people_screen_new(struct app *a, const char *title, const char *intro, struct km_user_list *people,
                                      bool multi, pick_done_fn done, void *ctx);
/* Re-linking eigen groepen after the new school year (beheerder). */
struct screen *relink_screen_new(struct app *a);
/* Choosing the bron of an eigen groep (beheerder). */
struct screen *bron_screen_new(struct app *a, int64_t group_id);

/* The weektaak of the week that starts on monday ('YYYY-MM-DD'): straight away for a teacher with one group,
 * else after choosing the group; written into export_dir. Returns what a handler returns. */
int weekplan_open(struct app *a, const char *monday);

/* AUDITLOG for the beheerder. */
struct screen *audit_screen_new(struct app *a);
/* WIE IS ER OP? for the beheerder: the screen sessions running now, live. */
struct screen *who_screen_new(struct app *a);
/* A part of the program that a later version brings. */
struct screen *coming_screen_new(struct app *a, const char *title, const char *what);

#endif
