/* A full snapshot of the school from ParnasSys (groups, students, teachers), applied to the database.
 *
 * Every run is the whole school: the snapshot is diffed against what the sync made before, in one
 * transaction, so a second identical run changes nothing. The rules:
 * - People are known by their ParnasSys key: users.source = 'parnassys' with source_key = the leerling's key,
 *   or "leerkracht:" + the leerkracht's key (EDEXML keeps the two apart, so they may be equal).
 * - A new person gets an account with a username by users_make_username; an existing one keeps its username
 *   when the name changes. Names, e-mail, instroom and uitstroom follow the snapshot.
 * - A student is active from the instroomdatum up to the day before the uitstroomdatum. One with an
 *   instroomdatum in the future is added inactive and activated by the first run on or after that date:
 *   the daily sync (systemd timer or cron) does it.
 * - People the snapshot does not hold are deactivated (users.active = 0), never deleted: their statuses,
 *   planning and earlier memberships stay. Only students and teachers from ParnasSys are touched.
 * - Groups are keyed by (schooljaar, key). A snapshot of a new school year makes new groups and leaves the
 *   groups of other school years as they are, except that synced groups of a school year that has ended
 *   become inactive. Synced groups of the snapshot's school year that it no longer lists become inactive.
 * - Memberships in the synced groups of the snapshot's school year are exactly the snapshot's, with
 *   source 'parnassys'; memberships in eigen groepen and in other school years are left alone.
 * - Eigen groepen linked to a group of an earlier school year than the snapshot's are listed for
 *   re-linking (report.relink); that is advice, not a change.
 * Only the sync's session (session_sync) changes these fields; core refuses everyone else (KM_READONLY). */
#ifndef KM_SNAPSHOT_H
#define KM_SNAPSHOT_H

#include "core/db.h"

#define SYNC_MAX_LINES 400
#define SNAPSHOT_TEACHER_KEY "leerkracht:" /* prefix of a teacher's users.source_key */

/* What a run did or (dry run) would do, and every error with its element and line. */
struct sync_report {
    int added, changed, deactivated, activated, errors;
    int groups_added, groups_changed, memberships_changed;
    int relink; /* eigen groepen linked to a group of an earlier school year */
    int nlines;
    char lines[SYNC_MAX_LINES][200]; /* "+ leerling Daniëlle van 't Hof (groep 5a)", "regel 12: <leerling>: …" */
    bool truncated;
};

struct snap_group {
    const char *key, *name;
    const char *jaargroep; /* "" for a samengestelde groep */
    bool samengesteld;
};

/* A person's place in a group: the index in snapshot.groups, and for a teacher the role codes ("STA, OWA"). */
struct snap_link {
    size_t group;
    const char *roles;
};

struct snap_person {
    bool teacher;
    const char *key;
    const char *roepnaam, *voorvoegsel, *achternaam, *email; /* cleaned; "" when absent */
    const char *instroom, *uitstroom;                        /* 'YYYY-MM-DD' or "" */
    const char *jaargroep;                                   /* a student's, for the report; "" */
    const struct snap_link *links;
    size_t nlinks;
};

/* Strings are owned by whoever built the snapshot (the EDEXML reader) and outlive the call. */
struct snapshot {
    const char *schooljaar; /* 2026-2027 */
    const char *brin;       /* "" when the file has none */
    int brin_line;          /* where the file names it, for the error */
    const char *today;      /* 'YYYY-MM-DD': decides instroom, uitstroom and which school years have ended */
    const struct snap_group *groups;
    size_t ngroups;
    const struct snap_person *people;
    size_t npeople;
};

/* Applies the snapshot as the sync, in one transaction, and records the run in sync_runs (source_name).
 * dry_run: the same work, rolled back; the report says what would change. A BRIN that differs from the
 * school's is KM_INVALID with the error in the report; then nothing changes but the failed run's record. */
enum km_rc snapshot_apply(struct km_db *db, const struct snapshot *snap, const char *source_name, bool dry_run,
                          struct sync_report *out);

/* Records a run that failed before it could be applied (a broken file, a failed download): ok = 0, the
 * report's error count and its first line as the message. */
enum km_rc snapshot_record_failure(struct km_db *db, const char *source_name, bool dry_run,
                                   const struct sync_report *r);

/* Appends a line to the report (cut to fit); past SYNC_MAX_LINES only `truncated` is set. */
void snapshot_line(struct sync_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether another line would still be kept: callers skip the work of making one that would not. */
bool snapshot_line_room(const struct sync_report *r);
/* "regel N: <element>: text", counted in r->errors. */
void snapshot_error(struct sync_report *r, int line, const char *element, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
