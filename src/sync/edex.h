/* ParnasSys → klassenmap: EDEXML 2.1 (a file exported with "EDEX & UWLR", or the leerlinggegevens in a
 * UWLR HaalLeerlinggegevens answer), read with libxml2 by local element names, checked, and applied as a
 * full snapshot in one transaction. */
#ifndef KM_SYNC_EDEX_H
#define KM_SYNC_EDEX_H

#include "core/db.h"

#define SYNC_MAX_LINES 400

/* What a run did or (dry run) would do, and every error with its element and line. */
struct sync_report {
    int added, changed, deactivated, activated, errors;
    int groups_added, groups_changed, memberships_changed;
    int relink; /* eigen groepen linked to a group of an earlier school year */
    int nlines;
    char lines[SYNC_MAX_LINES][200]; /* "+ leerling Daniëlle van 't Hof (groep 5a)", "regel 12: <leerling>: …" */
    bool truncated;
};

/* Imports a whole EDEXML document. On any error in the document nothing changes, the report lists every
 * error, and the result is KM_INVALID. dry_run: nothing changes, the report lists what would. Each run is
 * recorded in sync_runs (source: the given name). */
enum km_rc edex_import_memory(struct km_db *db, const char *xml, size_t len, const char *source_name, bool dry_run,
                              struct sync_report *out);
enum km_rc edex_import_file(struct km_db *db, const char *path, bool dry_run, struct sync_report *out);

#endif
