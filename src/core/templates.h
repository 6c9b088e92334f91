/* Week sjablonen and their time slots: the school's standard week, from which the roster is made. */
#ifndef KM_TEMPLATES_H
#define KM_TEMPLATES_H

#include "core/session.h"

struct km_template {
    int64_t id;
    char *name;
    int slots, lessons;
    int roster_weeks; /* weeks of the school roster that use it */
    int64_t version;
};

struct km_template_list {
    struct km_template *items;
    size_t n;
};

struct km_slot {
    int64_t id, template_id;
    int weekday; /* 1 = Monday */
    int start_min, end_min;
    char *name;
    bool is_break;
    int lessons;
    int64_t version;
};

struct km_slot_list {
    struct km_slot *items;
    size_t n;
};

/* Reading needs a login; changing is for the beheerder (ACT_EDIT_TIMETABLE). */
enum km_rc templates_list(const struct km_session *s, struct km_template_list *out);
enum km_rc templates_find(const struct km_session *s, const char *name, int64_t *id);
enum km_rc templates_add(const struct km_session *s, const char *name, int64_t *id);
enum km_rc templates_rename(const struct km_session *s, int64_t id, const char *name, int64_t expected_version);
/* A copy with all slots and lessons (groups, levels, blokuren) under a new name. */
enum km_rc templates_copy(const struct km_session *s, int64_t id, const char *new_name, int64_t *new_id);
/* Refused while the school roster uses it. */
enum km_rc templates_delete(const struct km_session *s, int64_t id);
void templates_list_free(struct km_template_list *l);

/* The slots of a template, by day and time. */
enum km_rc slots_list(const struct km_session *s, int64_t template_id, struct km_slot_list *out);
/* Makes the same slot on every day in days_mask (bit 1 = Monday … bit 7 = Sunday) in one transaction:
 * all or nothing. Times must be multiples of step minutes, within the school hours of each day, and not
 * overlap another slot of that day; the message names the day and the slot in the way. */
enum km_rc slots_add(const struct km_session *s, int64_t template_id, unsigned days_mask, int start_min, int end_min,
                     const char *name, bool is_break, int step);
enum km_rc slots_update(const struct km_session *s, int64_t slot_id, int start_min, int end_min, const char *name,
                        bool is_break, int step, int64_t expected_version);
/* Deletes the slot and its lessons (the screen asks first, naming how many). */
enum km_rc slots_delete(const struct km_session *s, int64_t slot_id);
void slots_list_free(struct km_slot_list *l);

#endif
