/* A week template as a spreadsheet, so a school can plan its week in Excel first (the seed's advice) and
 * bring it in at once, or take a template out, change it, and bring it back under another name.
 *
 * One CSV record per lesson; a time slot without lessons is one record with the lesson columns empty:
 *   sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur
 *   dag ma…zo; begin/eind HH:MM; pauze ja/nee; leerkracht a username; niveaus and groepen names separated
 *   by ", " inside the field, a group that is not mandatory ends in " (vrij)"; blokuur a number shared by
 *   the records of one blokuur, empty otherwise.
 * The export is ';'-separated UTF-8 with a byte order mark and CRLF (what Dutch Excel reads and writes),
 * records by day, start time and lesson id, blokuren numbered in that order: the same template always gives
 * the same bytes. The import takes ';' or ',' and finds columns by their header names, in any order. */
#ifndef KM_SYNC_TEMPLATE_CSV_H
#define KM_SYNC_TEMPLATE_CSV_H

#include <stdio.h>

#include "core/lessons.h"
#include "core/lineerrors.h"
#include "core/session.h"

struct template_csv_options {
    const char *name; /* NULL: the template's name comes from the column sjabloon; else that column is ignored */
    int step;         /* minutes that slot times are multiples of (the config's slot_step_minutes) */
    bool dry_run;     /* check and count only */
};

struct template_csv_result {
    char name[128];
    int slots_per_day[8]; /* [1] = Monday … [7] = Sunday */
    int slots, lessons, blokuren;
    struct line_error *errors; /* every mistake, by line (core/lineerrors.h; 0: e.g. the name given with --name) */
    size_t nerrors;
    struct conflict_list warnings; /* clashes accepted while making the lessons (student, capacity, hours) */
};

/* Writes the template to out. The failure's sentence is in db_errmsg. */
enum km_rc template_csv_export(const struct km_session *s, int64_t template_id, FILE *out);
/* Reads and checks all of data first; with any mistake returns KM_INVALID with every mistake in res->errors
 * and changes nothing. Otherwise (unless dry_run) makes the template, its slots and lessons; should making
 * them still fail, the new template is deleted again and the failure is the one error. */
enum km_rc template_csv_import(const struct km_session *s, const char *data, size_t len,
                               const struct template_csv_options *opt, struct template_csv_result *res);
void template_csv_result_free(struct template_csv_result *res);

#endif
