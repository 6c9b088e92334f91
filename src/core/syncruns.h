/* The record of sync runs (table sync_runs) and what SCHOOL INSTELLINGEN shows about them: the last runs with
 * their counts, and the eigen groepen still linked to a group of an earlier school year. A run that failed
 * before anything could be imported (no connection, a TLS failure, an HTTP error, a SOAP fault) is recorded
 * here too, so a failing nightly run is visible to the beheerder and not only in a cron mail. */
#ifndef KM_SYNCRUNS_H
#define KM_SYNCRUNS_H

#include "core/relink.h"
#include "core/session.h"

#define SYNCRUNS_MESSAGE_MAX 640 /* a refusal quotes the server: faultcode, faultstring, detail, and a hint */

struct syncrun {
    int64_t id;
    char started_at[20], finished_at[20]; /* stored in UTC; syncruns_list gives local time */
    char source[64];                      /* "uwlr", "edex FILE", "ouders FILE" */
    bool dry_run, ok;
    int added, changed, deactivated, errors;
    char message[SYNCRUNS_MESSAGE_MAX]; /* the failure's one sentence, or a short summary */
};

struct syncrun_list {
    struct syncrun *items;
    size_t n;
};

/* Records a finished run (started_at in UTC as db_now gives it; finished now). Only the sync's session
 * (session_sync) writes here. The message is cleaned of control characters and shortened. */
enum km_rc syncruns_record(const struct km_session *s, const struct syncrun *run);
/* Shorthand for a run that failed as a whole: ok 0, errors 1, and the sentence that says why. */
enum km_rc syncruns_record_failure(const struct km_session *s, const char *source, bool dry_run, const char *started_at,
                                   const char *message);
/* The newest `limit` runs (1..1000), newest first. Beheerder only (ACT_READ_SYNC_SETTINGS). */
enum km_rc syncruns_list(const struct km_session *s, int limit, struct syncrun_list *out);
void syncruns_list_free(struct syncrun_list *l);
/* Active eigen groepen linked to a group of a school year before schooljaar (NULL: as relink_list), with the
 * proposed new bron; what SCHOOL INSTELLINGEN and `sync status` show. Beheerder only. */
enum km_rc syncruns_relink(const struct km_session *s, const char *schooljaar, struct relink_list *out);
void syncruns_relink_free(struct relink_list *l);

#endif
