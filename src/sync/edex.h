/* ParnasSys → klassenmap: EDEXML 2.1 (a file exported with "EDEX & UWLR", or the leerlinggegevens in a
 * UWLR HaalLeerlinggegevens answer), read with libxml2 by local element names, checked, and applied as a
 * full snapshot in one transaction (core/snapshot.h holds the rules and struct sync_report).
 *
 * What is read: the school (schooljaar, brincode), vestigingen (only to check references), groepen and
 * samengestelde groepen (key, naam, jaargroep), leerlingen (key, achternaam, voorvoegsel, roepnaam (else the
 * first voornaam, else the voorletters), jaargroep, groep, samengestelde groepen, vestiging, emailadres,
 * instroomdatum, uitstroomdatum) and leerkrachten (key, names, emailadres, groepen with their rol). Nothing
 * else is copied out of the document: no BSN, onderwijsnummer, geboortedatum, etniciteit, landen, gewicht,
 * postcode. Control characters are stripped from every text (text_clean).
 *
 * The document is checked first; every error names the element and its line. A DTD is refused (no
 * entities, no network). A school year other than the current one (by today's date) or the next is refused
 * unless it is accepted explicitly (an old export would deactivate the whole school). */
#ifndef KM_SYNC_EDEX_H
#define KM_SYNC_EDEX_H

#include "core/db.h"
#include "core/snapshot.h"

#define EDEX_MAX_BYTES (64u << 20) /* a school of 2,000 students is about 2 MB */

struct edex_options {
    bool dry_run;
    const char *source_name;       /* recorded in sync_runs; NULL = "edexml" */
    const char *accept_schooljaar; /* also import a file of this school year ("2014-2015"); NULL = none */
    const char *today;             /* 'YYYY-MM-DD' the run counts as today (tests); NULL = the real date */
    const char *encoding;          /* the document's encoding when it declares none (an HTTP charset); NULL = UTF-8 */
};

/* Imports a whole EDEXML document. On any error in the document nothing changes, the report lists every
 * error, and the result is KM_INVALID. dry_run: nothing changes, the report lists what would. Each run is
 * recorded in sync_runs (source: the given name). */
enum km_rc edex_import_memory(struct km_db *db, const char *xml, size_t len, const char *source_name, bool dry_run,
                              struct sync_report *out);
enum km_rc edex_import_file(struct km_db *db, const char *path, bool dry_run, struct sync_report *out);

/* The same with every option. */
enum km_rc edex_import(struct km_db *db, const char *xml, size_t len, const struct edex_options *o,
                       struct sync_report *out);
enum km_rc edex_import_path(struct km_db *db, const char *path, const struct edex_options *o, struct sync_report *out);

#endif
