/* A whole row (a student) or column (a goal) of the status board set at once: first what it would do (how many
 * cells go up, how many down, from which status), then applied as one batch, only to empty cells, only where the
 * status goes up, or everywhere; the last batch can be undone from the history, leaving (and naming) every cell
 * someone changed since. Up and down follow the school's scale order; no status counts as the lowest. */
#ifndef KM_BULKSTATUS_H
#define KM_BULKSTATUS_H

#include "core/session.h"

#define BULK_MAX_FROM 16 /* statuses a row or column can come from: the scale (at most 8) and "none" */
#define BULK_MAX_NAMED 8 /* cells an undo names that it left alone; more are only counted */

struct bulk_cell {
    int64_t student_id, goal_id;
};

struct bulk_from {
    int64_t status_id; /* 0: no status yet */
    int n;
    bool down; /* this change lowers these cells */
};

struct bulk_plan {
    int cells, same;                      /* in the row or column; already at the new status */
    int up, down;                         /* that would change (up includes the empty ones) */
    int empty;                            /* of up: cells without a status */
    struct bulk_from from[BULK_MAX_FROM]; /* empty first, then the scale's order */
    int nfrom;
};

enum bulk_mode { BULK_ONLY_EMPTY, BULK_ONLY_UP, BULK_ALL };

/* What giving every cell status_id would do, read now (ACT_SET_STATUS on every student). */
enum km_rc bulk_plan(const struct km_session *s, const struct bulk_cell *cells, int n, int64_t status_id,
                     struct bulk_plan *out);
/* Does it, in one transaction, judging each cell as it is at that moment; what names the batch in the history
 * ("kolom RE-BR-5.01"). *changed: how many cells changed (0 makes no batch). */
enum km_rc bulk_apply(const struct km_session *s, const struct bulk_cell *cells, int n, int64_t status_id,
                      enum bulk_mode mode, const char *what, int *changed);

struct bulk_batch {
    int64_t id, status_id;
    char what[200];
    char at[20]; /* UTC */
    int cells;
};
/* The session person's last batch that was not undone; KM_NOTFOUND when there is none. */
enum km_rc bulk_last(const struct km_session *s, struct bulk_batch *out);

struct bulk_undo_result {
    int restored, left;
    char named[BULK_MAX_NAMED][200]; /* "Sem de Jong · RE-BR-5.01: nu V, door Anneke de Vries" */
};
/* Puts every cell of the batch back where nobody changed it since; the rest stay and are named. Only the
 * person who made the batch undoes it, once. */
enum km_rc bulk_undo(const struct km_session *s, int64_t batch_id, struct bulk_undo_result *out);

#endif
