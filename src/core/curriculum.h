/* The curriculum: hoofdgebied → deelgebied → leerdoel, and the niveaus a goal belongs to. Reading needs only a
 * login (it holds nothing about people); every change is the beheerder's (ACT_EDIT_CURRICULUM), goes to the audit
 * log and checks the version the person saw (KM_CONFLICT when another session changed the row meanwhile).
 * A goal is never deleted: it is retired, which keeps its statuses and their history and takes it out of every
 * choice (status board, planner, lists without `with_retired`).
 * The outline for choosing an area (names in order) is curriculum_read.h; this module adds what editing and
 * the goals need. */
#ifndef KM_CURRICULUM_H
#define KM_CURRICULUM_H

#include "core/session.h"

/* Display columns, after text_clean (surrounding whitespace gone, inner runs one space). */
#define CURRICULUM_NAME_MAX 60 /* hoofdgebied, deelgebied */
#define CURRICULUM_NIVEAU_MAX 30
#define CURRICULUM_CODE_MAX 30
#define CURRICULUM_TITLE_MAX 300
#define CURRICULUM_ORDER_MAX 999999 /* sort_order is 0 … this */

enum cur_level { CUR_HOOFDGEBIED, CUR_DEELGEBIED, CUR_NIVEAU };

/* One hoofdgebied, deelgebied or niveau as an editing screen needs it. */
struct cur_item {
    int64_t id;
    int64_t parent_id; /* a deelgebied's hoofdgebied; 0 otherwise */
    char *name;
    int sort_order;
    int goals;   /* goals under it that are not retired */
    int retired; /* retired goals under it */
    int64_t version;
};

struct cur_item_list {
    struct cur_item *items;
    size_t n;
};

struct cur_goal {
    int64_t id, hoofdgebied_id, deelgebied_id, niveau_id; /* niveau_id 0: the goal has no niveau */
    char *code, *title;
    char *hoofdgebied, *deelgebied, *niveau; /* names; niveau "" when none */
    int sort_order;
    bool retired;
    int64_t version;
};

struct cur_goal_list {
    struct cur_goal *items;
    size_t n;
};

struct cur_goal_filter {
    int64_t hoofdgebied_id, deelgebied_id, niveau_id; /* 0 = any */
    bool with_retired;
    int64_t niveau_or_none; /* not 0: only the goals of this niveau and those without one (read by index) */
};

/* What a goal is made of. Strings are cleaned (text_clean) before they are checked and stored. */
struct cur_goal_input {
    int64_t deelgebied_id;
    int64_t niveau_id; /* 0 = none */
    const char *code, *title;
    int sort_order; /* -1 on add: after the last goal of its deelgebied and niveau */
    bool retired;
};

/* ---- checks without the database (the CSV import reports them by line) ---- */

/* A cleaned name of this level: 1 … its maximum of columns. false with one sentence in why. */
bool curriculum_name_ok(enum cur_level level, const char *clean, char *why, size_t len);
/* Cleaned code and title, and the order (-1 allowed: "at the end"). */
bool curriculum_goal_ok(const char *code, const char *title, int sort_order, char *why, size_t len);

/* ---- reading (any logged-in session) ---- */

/* The items of one level in the school's order; parent_id: the hoofdgebied for CUR_DEELGEBIED (0 = all). */
enum km_rc curriculum_items(const struct km_session *s, enum cur_level level, int64_t parent_id,
                            struct cur_item_list *out);
/* Goals by hoofdgebied, deelgebied, niveau (goals without one first) and order, then code: the order of the
 * CSV export and of every list of goals. */
enum km_rc curriculum_goals(const struct km_session *s, const struct cur_goal_filter *f, struct cur_goal_list *out);
/* The goal with this code (case ignored), retired or not; KM_NOTFOUND with a sentence when none. */
enum km_rc curriculum_goal_by_code(const struct km_session *s, const char *code, struct cur_goal *out);
enum km_rc curriculum_goal_get(const struct km_session *s, int64_t id, struct cur_goal *out);

void curriculum_items_free(struct cur_item_list *l);
void curriculum_goals_free(struct cur_goal_list *l);
void curriculum_goal_free(struct cur_goal *g);

/* ---- changing (the beheerder) ----
 * expected_version: the version the person saw; -1 skips the check (a caller that read it in the same
 * transaction). Names are unique per level (a deelgebied within its hoofdgebied), case ignored. */

/* Adds an item after the last of its level (a deelgebied under parent_id). */
enum km_rc curriculum_add(const struct km_session *s, enum cur_level level, int64_t parent_id, const char *name,
                          int64_t *id);
enum km_rc curriculum_rename(const struct km_session *s, enum cur_level level, int64_t id, const char *name,
                             int64_t expected_version);
/* Moves an item delta places among its siblings (negative: earlier), stopping at either end; the siblings are
 * numbered 1, 2, … again. For goals use curriculum_goal_move. */
enum km_rc curriculum_move(const struct km_session *s, enum cur_level level, int64_t id, int delta,
                           int64_t expected_version);
/* Only an item nothing refers to: no deelgebieden or goals under it, no lesson that names it. Anything else is
 * KM_INVALID saying what still uses it (retire the goals instead). */
enum km_rc curriculum_delete(const struct km_session *s, enum cur_level level, int64_t id, int64_t expected_version);
/* Retires (or brings back) every goal of a hoofdgebied or deelgebied at once; *changed: how many goals. */
enum km_rc curriculum_retire_area(const struct km_session *s, enum cur_level level, int64_t id, bool retired,
                                  int *changed);

/* Codes are unique, case ignored. */
enum km_rc curriculum_goal_add(const struct km_session *s, const struct cur_goal_input *in, int64_t *id);
/* Sets every field of the input (also its deelgebied, niveau and retired); sort_order -1 keeps the order. */
enum km_rc curriculum_goal_update(const struct km_session *s, int64_t id, const struct cur_goal_input *in,
                                  int64_t expected_version);
enum km_rc curriculum_goal_retire(const struct km_session *s, int64_t id, bool retired, int64_t expected_version);
/* Moves a goal delta places among the goals of its deelgebied and niveau. */
enum km_rc curriculum_goal_move(const struct km_session *s, int64_t id, int delta, int64_t expected_version);

#endif
