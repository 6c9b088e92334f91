/* Lessons in the time slots of a week template, and the clashes between them. */
#ifndef KM_LESSONS_H
#define KM_LESSONS_H

#include "core/session.h"

#define LESSON_MAX_GROUPS 16
#define LESSON_MAX_NIVEAUS 8
#define LESSON_MAX_LINKED 4

struct lesson_group {
    int64_t group_id;
    bool mandatory;
};

/* What the beheerder fills in (VOEG EEN LES TOE). 0 = not chosen (teacher, subject, room are optional). */
struct lesson_input {
    int64_t slot_id;
    int64_t teacher_id;
    int64_t hoofdgebied_id, deelgebied_id;
    int64_t room_id;
    int64_t niveaus[LESSON_MAX_NIVEAUS];
    int nniveaus;
    struct lesson_group groups[LESSON_MAX_GROUPS];
    int ngroups;
    /* Further slots of the same day, right after the first: the lesson is a blokuur over all of them. */
    int64_t linked_slots[LESSON_MAX_LINKED];
    int nlinked;
};

struct km_lesson {
    int64_t id, slot_id, block_id;
    int weekday, start_min, end_min;
    int64_t teacher_id, hoofdgebied_id, deelgebied_id, room_id;
    char *teacher, *subject, *room, *groups, *niveaus; /* names for screens ("" when none) */
    int64_t version;
};

struct km_lesson_list {
    struct km_lesson *items;
    size_t n;
};

enum conflict_kind {
    CONFLICT_TEACHER,  /* refused */
    CONFLICT_ROOM,     /* refused */
    CONFLICT_STUDENT,  /* warning: a child in two lessons at once through group membership */
    CONFLICT_CAPACITY, /* warning: more children than the room holds */
    CONFLICT_HOURS,    /* warning: outside the school hours */
};

struct conflict {
    enum conflict_kind kind;
    int weekday, start_min, end_min;
    int64_t lesson_a, lesson_b; /* lesson_b 0 for capacity and hours */
    char *text;                 /* one Dutch sentence with the names */
};

struct conflict_list {
    struct conflict *items;
    size_t n;
};

bool conflict_refused(enum conflict_kind kind);

/* The lessons of one slot, or of a whole template when slot_id is 0 (then template_id counts). */
enum km_rc lessons_list(const struct km_session *s, int64_t template_id, int64_t slot_id, struct km_lesson_list *out);
/* A lesson as the template's spreadsheet names it (a blokuur's part as its head): the teacher's username,
 * the names of subject and room ("" for none), and the niveaus and groups by id, each list separated by
 * LESSON_SHEET_SEP; mandatory has a '1' or '0' per group. */
#define LESSON_SHEET_SEP '\x1f'
struct lesson_sheet {
    int64_t id, slot_id, block_id;
    char *teacher, *hoofdgebied, *deelgebied, *room, *niveaus, *groups, *mandatory;
};

struct lesson_sheet_list {
    struct lesson_sheet *items;
    size_t n;
};

/* Every lesson of a template in one query, by day, time and id (as lessons_list orders them). */
enum km_rc lessons_sheet(const struct km_session *s, int64_t template_id, struct lesson_sheet_list *out);
void lessons_sheet_free(struct lesson_sheet_list *l);
/* Teachers not teaching in a slot that overlaps slot_id (for VOEG EEN LES TOE). */
enum km_rc lessons_free_teachers(const struct km_session *s, int64_t slot_id, int64_t **ids, size_t *n);
/* Adds a lesson (and the linked slots' lessons of a blokuur). A teacher or room clash is refused
 * (KM_INVALID, the clash named). Other clashes are returned in warnings; unless accept_warnings the lesson
 * is then NOT made and KM_CONFLICT asks the caller to confirm. warnings may be NULL only with accept. */
enum km_rc lessons_add(const struct km_session *s, const struct lesson_input *in, bool accept_warnings,
                       struct conflict_list *warnings, int64_t *id);
/* Adds n lessons to one template in one transaction (an import): each checked as lessons_add checks it, the
 * clash check run once over all of them. A teacher or room clash refuses them all (KM_INVALID, the clash
 * named); other clashes are accepted and returned in warnings in the order adding them one by one would give
 * (per input, per kind). On failure *failed is the input that failed (n when none in particular). */
enum km_rc lessons_add_many(const struct km_session *s, const struct lesson_input *in, size_t n,
                            struct conflict_list *warnings, size_t *failed);
/* Replaces a lesson's contents (same slot), with the same checks; a blokuur changes as a whole. */
enum km_rc lessons_update(const struct km_session *s, int64_t lesson_id, const struct lesson_input *in,
                          bool accept_warnings, struct conflict_list *warnings, int64_t expected_version);
/* Deletes the lesson, and the rest of its blokuur. */
enum km_rc lessons_delete(const struct km_session *s, int64_t lesson_id);
/* Fills in a lesson_input from an existing lesson (to edit it). */
enum km_rc lessons_get_input(const struct km_session *s, int64_t lesson_id, struct lesson_input *in, int64_t *version);

/* Every clash in a template (the check screen, `klassenmap template check`). */
enum km_rc conflicts_check(const struct km_session *s, int64_t template_id, struct conflict_list *out);

void lessons_list_free(struct km_lesson_list *l);
void conflicts_free(struct conflict_list *l);

#endif
