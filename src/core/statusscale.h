/* The school's own status scale: the values a goal status can take (label, letter, glyph, colour role, order,
 * whether it counts as mastered). A new database has four (niet gestart, mee bezig, bijna, beheerst).
 * Everyone logged in reads the scale; the beheerder edits it (ACT_EDIT_CURRICULUM). The rules keep a board
 * usable: a letter is one key (A–Z or a digit, unique without regard to case), a glyph one narrow character,
 * at least one value counts as mastered, and a value in use (a status or its history) cannot be deleted. */
#ifndef KM_STATUSSCALE_H
#define KM_STATUSSCALE_H

#include "core/session.h"

#define STATUSSCALE_MAX 8        /* values on one scale: a board key per value, a column per value in overviews */
#define STATUSSCALE_LABEL_MAX 30 /* columns */

/* The colour roles a value may name: the theme's status roles (themes/ *.theme). */
#define STATUSSCALE_NROLES 4
extern const char *const statusscale_roles[STATUSSCALE_NROLES];

struct status_value {
    int64_t id;
    char label[4 * STATUSSCALE_LABEL_MAX + 8];
    char letter[2]; /* upper case */
    char glyph[8];  /* one code point, UTF-8 */
    char colour_role[16];
    int sort_order;
    bool mastered;
    int uses;    /* goal_status rows with this value now; -1 until statusscale_count_uses */
    int history; /* goal_status_history rows that name it; -1 until statusscale_count_uses */
    int64_t version;
};

struct status_scale {
    struct status_value *items; /* in the school's order */
    size_t n;
};

struct status_input {
    const char *label, *letter, *glyph, *colour_role;
    bool mastered;
};

/* The input's own rules (no database): false with one sentence in why. */
bool statusscale_input_ok(const struct status_input *in, char *why, size_t len);

/* The values in the school's order; cheap (the board reads it on every reload). */
enum km_rc statusscale_list(const struct km_session *s, struct status_scale *out);
/* Fills uses and history of every value, for the editor that warns before a delete: this reads every status
 * and its history, so tens of milliseconds on a large school. */
enum km_rc statusscale_count_uses(const struct km_session *s, struct status_scale *l);
void statusscale_free(struct status_scale *l);
/* The index in l of the value with this id, or -1. */
int statusscale_index(const struct status_scale *l, int64_t id);

/* Added after the last value. */
enum km_rc statusscale_add(const struct km_session *s, const struct status_input *in, int64_t *id);
/* expected_version: the version the person saw (-1 skips the check). */
enum km_rc statusscale_update(const struct km_session *s, int64_t id, const struct status_input *in,
                              int64_t expected_version);
/* delta places earlier (negative) or later, stopping at either end. */
enum km_rc statusscale_move(const struct km_session *s, int64_t id, int delta, int64_t expected_version);
/* Refused while a status or the history uses it, and for the last value that counts as mastered. */
enum km_rc statusscale_delete(const struct km_session *s, int64_t id, int64_t expected_version);

#endif
