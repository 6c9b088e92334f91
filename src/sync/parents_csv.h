/* Parents and guardians from a CSV export of ParnasSys (EDEXML carries none). One record per parent and
 * child; doc/sync.md documents the columns:
 *   leerling_sleutel;ouder_sleutel;roepnaam;voorvoegsel;achternaam;email;relatie
 * leerling_sleutel, roepnaam, achternaam and email are required; ouder_sleutel, voorvoegsel and relatie may be
 * left out. Columns are found by their header names in any order (case ignored, "e-mail" for email); other
 * columns are ignored and never stored. Records with the same ouder_sleutel (or, without one, the same e-mail
 * address) are one parent with several children, and must agree on name and e-mail.
 * Every mistake is named with its line, and with any mistake nothing changes (core/parents.h applies it). */
#ifndef KM_SYNC_PARENTS_CSV_H
#define KM_SYNC_PARENTS_CSV_H

#include "core/parents.h"

/* The sync's session (session_sync). ignored receives the names of ignored columns, comma-separated ("" if
 * none). Returns what parents_import returns; on KM_INVALID every error is in res->errors. */
enum km_rc parents_csv_import(const struct km_session *s, const char *data, size_t len, bool dry_run,
                              struct parents_result *res, char *ignored, size_t ignoredlen);

#endif
