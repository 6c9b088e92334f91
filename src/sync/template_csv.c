/* The week template's spreadsheet: export, and the columns both directions share. The import is in
 * template_csv_import.c. */
#include "sync/template_csv.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/templates.h"
#include "core/vec.h"
#include "sync/csv.h"
#include "sync/template_csv_columns.h"

const char *const template_csv_columns[TCOL__COUNT] = {
    "sjabloon",    "dag",        "begin",  "eind",    "tijdslot", "pauze",   "leerkracht",
    "hoofdgebied", "deelgebied", "lokaal", "niveaus", "groepen",  "blokuur",
};

/* One record as text. Lists are long enough for LESSON_MAX_GROUPS names of a few hundred bytes. */
struct export_row {
    char day[8], begin[6], end[6], block[16];
    const char *slot, *pause;
    char teacher[80], hoofdgebied[256], deelgebied[256], room[256], niveaus[2048], groups[8192];
};

/* Appends ", item suffix"; an item that does not fit is left out whole rather than cut in a character. */
static void list_add(char *buf, size_t len, const char *item, const char *suffix)
{
    size_t n = strlen(buf), sep = n ? 2 : 0, a = strlen(item), b = strlen(suffix);
    if (n + sep + a + b >= len)
        return;
    memcpy(buf + n, ", ", sep);
    memcpy(buf + n + sep, item, a);
    memcpy(buf + n + sep + a, suffix, b + 1);
}

static void slot_fields(const struct km_slot *x, struct export_row *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->day, sizeof r->day, "%s", hours_day_short(x->weekday));
    hours_format(x->start_min, r->begin);
    hours_format(x->end_min, r->end);
    r->slot = x->name;
    r->pause = x->is_break ? "ja" : "nee";
}

/* Each item of a LESSON_SHEET_SEP-separated list, with its suffix. */
static void list_items(char *buf, size_t len, const char *list, const char *mandatory)
{
    size_t k = 0;
    for (const char *p = *list ? list : NULL; p; k++) {
        const char *end = strchr(p, LESSON_SHEET_SEP);
        char item[256];
        size_t n = end ? (size_t)(end - p) : strlen(p);
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        list_add(buf, len, item, mandatory && mandatory[k] == '0' ? TEMPLATE_CSV_FREE_SUFFIX : "");
        p = end ? end + 1 : NULL;
    }
}

static void lesson_fields(const struct lesson_sheet *l, struct export_row *r)
{
    snprintf(r->teacher, sizeof r->teacher, "%s", l->teacher);
    snprintf(r->hoofdgebied, sizeof r->hoofdgebied, "%s", l->hoofdgebied);
    snprintf(r->deelgebied, sizeof r->deelgebied, "%s", l->deelgebied);
    snprintf(r->room, sizeof r->room, "%s", l->room);
    list_items(r->niveaus, sizeof r->niveaus, l->niveaus, NULL);
    list_items(r->groups, sizeof r->groups, l->groups, l->mandatory);
}

static void write_row(FILE *out, const char *template_name, const struct export_row *r)
{
    const char *fields[TCOL__COUNT] = {template_name, r->day,     r->begin,       r->end,        r->slot,
                                       r->pause,      r->teacher, r->hoofdgebied, r->deelgebied, r->room,
                                       r->niveaus,    r->groups,  r->block};
    csv_write_record(out, fields, TCOL__COUNT, ';');
}

/* Blokuren are numbered 1, 2, … in the order their first lesson is written, so the numbers depend on the
 * template's contents and not on database ids. */
struct block_numbers {
    int64_t *ids;
    size_t n;
};

static int block_number(struct block_numbers *b, int64_t block_id)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->ids[i] == block_id)
            return (int)i + 1;
    int64_t *grown = vec_grow(b->ids, b->n, sizeof *grown);
    if (!grown)
        return -1;
    b->ids = grown;
    b->ids[b->n++] = block_id;
    return (int)b->n;
}

struct export_ctx {
    const struct km_session *s;
    FILE *out;
    const char *name;
    struct km_slot_list slots;
    struct lesson_sheet_list lessons;
    struct block_numbers blocks;
};

static enum km_rc export_lesson(struct export_ctx *e, const struct km_slot *x, const struct lesson_sheet *l)
{
    struct export_row r;
    slot_fields(x, &r);
    lesson_fields(l, &r);
    if (l->block_id) {
        int n = block_number(&e->blocks, l->block_id);
        if (n < 0)
            return vec_no_memory(e->s->db);
        snprintf(r.block, sizeof r.block, "%d", n);
    }
    write_row(e->out, e->name, &r);
    return KM_OK;
}

/* The lessons list is by day, time and id; a slot's lessons are the ones with its id, in that order. */
static enum km_rc export_slot(struct export_ctx *e, const struct km_slot *x)
{
    bool any = false;
    enum km_rc rc = KM_OK;
    for (size_t i = 0; rc == KM_OK && i < e->lessons.n; i++) {
        if (e->lessons.items[i].slot_id != x->id)
            continue;
        any = true;
        rc = export_lesson(e, x, &e->lessons.items[i]);
    }
    if (rc == KM_OK && !any) {
        struct export_row r;
        slot_fields(x, &r);
        write_row(e->out, e->name, &r);
    }
    return rc;
}

static enum km_rc template_name(const struct km_session *s, int64_t id, char *out, size_t len)
{
    struct km_template_list l;
    enum km_rc rc = templates_list(s, &l);
    if (rc != KM_OK)
        return rc;
    rc = db_fail(s->db, KM_NOTFOUND, _("Dit weeksjabloon bestaat niet (meer)."));
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].id == id) {
            snprintf(out, len, "%s", l.items[i].name);
            rc = KM_OK;
        }
    templates_list_free(&l);
    return rc;
}

enum km_rc template_csv_export(const struct km_session *s, int64_t template_id, FILE *out)
{
    char name[256];
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc == KM_OK)
        rc = template_name(s, template_id, name, sizeof name);
    if (rc != KM_OK)
        return rc;
    struct export_ctx e = {s, out, name, {NULL, 0}, {NULL, 0}, {NULL, 0}};
    rc = slots_list(s, template_id, &e.slots);
    if (rc == KM_OK)
        rc = lessons_sheet(s, template_id, &e.lessons);
    if (rc == KM_OK) {
        fputs("\xEF\xBB\xBF", out); /* without it Excel reads the UTF-8 of "Daniëlle" as Windows-1252 */
        csv_write_record(out, template_csv_columns, TCOL__COUNT, ';');
    }
    for (size_t i = 0; rc == KM_OK && i < e.slots.n; i++)
        rc = export_slot(&e, &e.slots.items[i]);
    slots_list_free(&e.slots);
    lessons_sheet_free(&e.lessons);
    free(e.blocks.ids);
    return rc;
}

void template_csv_result_free(struct template_csv_result *res)
{
    free(res->errors);
    res->errors = NULL;
    res->nerrors = 0;
    conflicts_free(&res->warnings);
}
