/* Drafts: a lesson's note or line for the class that was being written when the connection dropped (or the
 * session timed out), kept for that person and that lesson until it is saved or thrown away. A draft of the
 * note is staff data like the note itself: only the person who wrote it ever reads it back. */
#ifndef KM_DRAFTS_H
#define KM_DRAFTS_H

#include "core/session.h"

enum draft_field { DRAFT_NOTE, DRAFT_PUPIL };

struct km_draft {
    char *text;
    int64_t base_version; /* the lesson's version the text was started from */
    char saved_at[20];    /* 'YYYY-MM-DD HH:MM:SS' UTC */
};

/* Keeps (or replaces) the session person's draft; only someone who may write the lesson's texts
 * (ACT_PLAN_GOALS) can keep one, and never the server or the sync (a draft belongs to a person). */
enum km_rc drafts_keep(const struct km_session *s, int64_t instance_id, enum draft_field field, const char *text,
                       int64_t base_version);
/* The session person's own draft: KM_NOTFOUND when there is none. */
enum km_rc drafts_get(const struct km_session *s, int64_t instance_id, enum draft_field field, struct km_draft *out);
/* Throws the session person's draft away (none is fine). */
enum km_rc drafts_drop(const struct km_session *s, int64_t instance_id, enum draft_field field);
/* Inside a caller's transaction: the same, for saving a text and dropping its draft at once. */
enum km_rc drafts_drop_tx(struct km_db *db, int64_t user_id, int64_t instance_id, enum draft_field field);
void drafts_free(struct km_draft *d);

#endif
