/* The curriculum as a spreadsheet: one record per leerdoel,
 *   hoofdgebied;deelgebied;niveau;code;titel;volgorde;ingetrokken
 * niveau may be empty (a goal without niveau); volgorde is the goal's order within its deelgebied and niveau
 * (empty: after the goal before it); ingetrokken is ja or nee (empty: nee).
 * The export is ';'-separated UTF-8 with a byte order mark and CRLF (what Dutch Excel reads), every goal
 * (retired ones too) in the order of curriculum_goals: the same curriculum always gives the same bytes, and an
 * export imported into an empty school exports again byte for byte.
 * The import takes ';' or ',' and finds columns by their header names in any order; hoofdgebied, deelgebied,
 * code and titel must be there. A goal is known by its code (case ignored): a new code adds a goal, a known one
 * gets the record's fields; goals the file does not name stay as they are. Hoofdgebieden and deelgebieden are
 * made when new, after the school's own. A niveau must exist, except in a school without any niveaus yet: there
 * the file's niveaus are made, in an order that agrees with the order of every deelgebied in the file.
 * Everything is checked first, with every mistake named by its line; with any mistake nothing changes. The
 * check and the changes are one transaction, so they see the same curriculum. */
#ifndef KM_SYNC_CURRICULUM_CSV_H
#define KM_SYNC_CURRICULUM_CSV_H

#include <stdio.h>

#include "core/lineerrors.h"
#include "core/session.h"

#define CURRICULUM_CSV_MAX_ROWS 50000

enum curriculum_csv_change_kind {
    CCSV_NEW_HOOFDGEBIED,
    CCSV_NEW_DEELGEBIED, /* name: "hoofdgebied / deelgebied" */
    CCSV_NEW_NIVEAU,
    CCSV_NEW_GOAL,     /* name: the code; detail: the title, shortened */
    CCSV_CHANGED_GOAL, /* name: the code; detail: "titel, volgorde" */
};

struct curriculum_csv_change {
    int line; /* where it first appears */
    enum curriculum_csv_change_kind kind;
    char name[520];
    char detail[260];
};

struct curriculum_csv_result {
    struct line_error *errors; /* by line (core/lineerrors.h) */
    size_t nerrors;
    struct curriculum_csv_change *changes; /* areas and niveaus first, then goals in file order */
    size_t nchanges;
    int new_hoofdgebieden, new_deelgebieden, new_niveaus, new_goals, changed_goals, unchanged_goals;
};

/* Any logged-in session may export (the curriculum holds nothing about people). */
enum km_rc curriculum_csv_export(const struct km_session *s, FILE *out);
/* The beheerder only, also for a dry run. KM_INVALID with every mistake in res->errors (and db_errmsg saying
 * how many); otherwise res lists what was (dry_run: would be) added and changed. */
enum km_rc curriculum_csv_import(const struct km_session *s, const char *data, size_t len, bool dry_run,
                                 struct curriculum_csv_result *res);
void curriculum_csv_result_free(struct curriculum_csv_result *res);

#endif
