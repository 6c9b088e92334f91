/* Importing a week template from its spreadsheet. Everything is read and checked first, with every mistake
 * named by its line, so a school fixes its sheet in one go; only a clean file is made into a template. The
 * checks repeat core's rules (times on the step, within school hours, no overlap, blokuren over adjacent
 * slots, no teacher or room twice at once) because core can only judge one change at a time, after the
 * template already exists. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/lookup.h"
#include "core/rooms.h"
#include "core/templates.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "sync/csv.h"
#include "sync/template_csv.h"
#include "sync/template_csv_columns.h"

#define TEMPLATE_NAME_MAX 40 /* as core's templates.c */
#define SLOT_NAME_MAX 30
#define BLOCK_MAX_PARTS (LESSON_MAX_LINKED + 1)
#define LIST_MAX 8192 /* the groepen field: up to LESSON_MAX_GROUPS names */

struct islot {
    int weekday, start, end;
    char name[128];
    bool is_break;
    int line;   /* where it first appears */
    int64_t id; /* once made */
};

struct ilesson {
    int line;
    size_t slot; /* index in import.slots */
    struct lesson_input in;
    int block;                    /* the blokuur number in the file, 0 for none */
    char teacher[128], room[128]; /* as written, for clash messages */
};

struct import {
    const struct km_session *s;
    const struct template_csv_options *opt;
    struct template_csv_result *res;
    int col[TCOL__COUNT]; /* field index of each column, -1 when absent */
    size_t header_fields;
    char sep; /* the file's, for messages */
    int name_line;
    struct islot *slots;
    size_t nslots;
    struct ilesson *lessons;
    size_t nlessons;
    bool nomem;
};

/* ---- mistakes ---- */

static bool bad(struct import *imp, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records a mistake; returns false so a check can end with `return bad(...)`. */
/* gcc -fanalyzer: the grown list is kept in the result and freed by template_csv_result_free */
KM_GCC_ANALYZER_MISREADS
static bool bad(struct import *imp, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!line_error_addv(&imp->res->errors, &imp->res->nerrors, line, fmt, ap))
        imp->nomem = true;
    va_end(ap);
    return false;
}
KM_GCC_ANALYZER_END

/* ---- fields ---- */

/* The field of column c as a person meant it: trimmed, inner whitespace collapsed, controls gone. */
static void field(const struct import *imp, const struct csv_record *r, enum template_csv_col c, char *out, size_t len)
{
    int i = imp->col[c];
    text_clean(i >= 0 && (size_t)i < r->n ? csv_unguard(r->fields[i]) : "", out, len);
}

/* The next comma-separated item of a list field into out (cleaned); NULL after the last. */
static const char *next_item(const char *p, char *out, size_t len)
{
    size_t n = strcspn(p, ",");
    char raw[1024];
    snprintf(raw, sizeof raw, "%.*s", (int)(n < sizeof raw ? n : sizeof raw - 1), p);
    text_clean(raw, out, len);
    return p[n] == ',' ? p + n + 1 : NULL;
}

static int parse_day(const char *s)
{
    for (int d = 1; d <= 7; d++)
        if (strcasecmp(s, hours_day_short(d)) == 0 || strcasecmp(s, hours_day_name(d)) == 0)
            return d;
    return 0;
}

static int parse_pause(const char *s)
{
    if (!*s || strcasecmp(s, "nee") == 0)
        return 0;
    return strcasecmp(s, "ja") == 0 ? 1 : -1;
}

static int parse_time(struct import *imp, int line, const char *text, const char *what)
{
    int t = hours_parse(text);
    if (!*text)
        bad(imp, line, _("kolom '%s' is leeg"), what);
    else if (t < 0)
        bad(imp, line, _("ongeldige tijd '%.40s' in kolom '%s' (UU:MM)"), text, what);
    return t;
}

/* ---- the header ---- */

static bool read_header(struct import *imp, const struct csv_record *r)
{
    bool ok = true;
    for (int c = 0; c < TCOL__COUNT; c++)
        imp->col[c] = -1;
    for (size_t i = 0; i < r->n; i++) {
        char name[64];
        text_clean(r->fields[i], name, sizeof name);
        for (int c = 0; c < TCOL__COUNT; c++) {
            if (strcasecmp(name, template_csv_columns[c]) != 0)
                continue;
            if (imp->col[c] >= 0)
                ok = bad(imp, r->line, _("kolom '%s' staat twee keer in de kopregel"), template_csv_columns[c]);
            imp->col[c] = (int)i;
        }
    }
    imp->header_fields = r->n;
    for (int c = 0; c < TCOL__COUNT; c++)
        if (imp->col[c] < 0 && !(c == TCOL_SJABLOON && imp->opt->name))
            ok = bad(imp, r->line, _("kolom '%s' ontbreekt in de kopregel"), template_csv_columns[c]);
    return ok;
}

/* A short record is missing columns; a long one usually has a separator in a name without quotes. */
static bool record_complete(struct import *imp, const struct csv_record *r)
{
    char why[500];
    if (csv_record_fits(r, imp->col, template_csv_columns, TCOL__COUNT, imp->header_fields, imp->sep, "naam", why,
                        sizeof why))
        return true;
    return bad(imp, r->line, "%s", why);
}

static void read_template_name(struct import *imp, const struct csv_record *r)
{
    if (imp->opt->name)
        return;
    char name[sizeof imp->res->name];
    field(imp, r, TCOL_SJABLOON, name, sizeof name);
    if (!*name) {
        bad(imp, r->line, _("kolom 'sjabloon' is leeg"));
    } else if (!imp->name_line) {
        snprintf(imp->res->name, sizeof imp->res->name, "%s", name);
        imp->name_line = r->line;
    } else if (strcmp(name, imp->res->name) != 0) {
        bad(imp, r->line, _("sjabloon '%.60s' wijkt af van '%.60s' op regel %d; een bestand bevat één sjabloon"), name,
            imp->res->name, imp->name_line);
    }
}

static long add_slot(struct import *imp, const struct islot *x)
{
    struct islot *grown = vec_grow(imp->slots, imp->nslots, sizeof *grown);
    if (!grown) {
        imp->nomem = true;
        return -1;
    }
    imp->slots = grown;
    grown[imp->nslots] = *x;
    return (long)imp->nslots++;
}

/* A slot is known by day and start; every record naming it must agree on the rest. */
static long find_or_add_slot(struct import *imp, const struct islot *x)
{
    for (size_t i = 0; i < imp->nslots; i++) {
        const struct islot *y = &imp->slots[i];
        if (y->weekday != x->weekday || y->start != x->start)
            continue;
        if (y->end == x->end && y->is_break == x->is_break && strcmp(y->name, x->name) == 0)
            return (long)i;
        char a[6];
        hours_format(x->start, a);
        bad(imp, x->line, _("tijdslot %s %s staat ook op regel %d, maar met een andere eindtijd, naam of pauze"),
            hours_day_short(x->weekday), a, y->line);
        return -1;
    }
    return add_slot(imp, x);
}

/* The slot of a record, or -1 when its slot columns hold a mistake (recorded). */
static long read_slot(struct import *imp, const struct csv_record *r)
{
    char day[64], begin[64], end[64], pause[64];
    struct islot x = {.line = r->line};
    field(imp, r, TCOL_DAG, day, sizeof day);
    field(imp, r, TCOL_BEGIN, begin, sizeof begin);
    field(imp, r, TCOL_EIND, end, sizeof end);
    field(imp, r, TCOL_TIJDSLOT, x.name, sizeof x.name);
    field(imp, r, TCOL_PAUZE, pause, sizeof pause);
    x.weekday = parse_day(day);
    x.start = parse_time(imp, r->line, begin, "begin");
    x.end = parse_time(imp, r->line, end, "eind");
    int is_break = parse_pause(pause);
    x.is_break = is_break == 1;
    bool ok = x.weekday > 0 && x.start >= 0 && x.end >= 0 && is_break >= 0;
    if (!x.weekday)
        bad(imp, r->line, _("onbekende dag '%.40s' (ma, di, wo, do, vr, za of zo)"), day);
    if (is_break < 0)
        bad(imp, r->line, _("pauze is 'ja' of 'nee', niet '%.40s'"), pause);
    if (x.start >= 0 && x.end >= 0 && x.end <= x.start)
        ok = bad(imp, r->line, _("de eindtijd %s ligt niet na de begintijd %s"), end, begin);
    return ok ? find_or_add_slot(imp, &x) : -1;
}

static bool lesson_columns_empty(const struct import *imp, const struct csv_record *r)
{
    for (int c = TCOL_LEERKRACHT; c <= TCOL_BLOKUUR; c++) {
        char probe[8];
        field(imp, r, (enum template_csv_col)c, probe, sizeof probe);
        if (*probe)
            return false;
    }
    return true;
}

static bool lesson_teacher(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    field(imp, r, TCOL_LEERKRACHT, l->teacher, sizeof l->teacher);
    if (!*l->teacher)
        return true;
    struct km_user u;
    enum km_rc rc = users_get(imp->s, l->teacher, &u);
    if (rc == KM_NOTFOUND)
        return bad(imp, r->line, _("onbekende leerkracht '%.60s'"), l->teacher);
    if (rc != KM_OK)
        return bad(imp, r->line, "%s", db_errmsg(imp->s->db));
    bool teacher = u.role == ROLE_LEERKRACHT && u.active;
    l->in.teacher_id = u.id;
    users_free(&u);
    return teacher || bad(imp, r->line, _("'%.60s' is geen actieve leerkracht"), l->teacher);
}

static bool lesson_subject(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    char hg[256], dg[256];
    field(imp, r, TCOL_HOOFDGEBIED, hg, sizeof hg);
    field(imp, r, TCOL_DEELGEBIED, dg, sizeof dg);
    bool ok = true;
    if (*hg && lookup_hoofdgebied(imp->s, hg, &l->in.hoofdgebied_id) != KM_OK)
        ok = bad(imp, r->line, _("onbekend hoofdgebied '%.60s'"), hg);
    if (!*dg)
        return ok;
    enum km_rc rc = lookup_deelgebied(imp->s, l->in.hoofdgebied_id, dg, &l->in.deelgebied_id);
    if (rc == KM_NOTFOUND && l->in.hoofdgebied_id)
        return bad(imp, r->line, _("onbekend deelgebied '%.60s' bij hoofdgebied '%.60s'"), dg, hg);
    if (rc == KM_NOTFOUND)
        return bad(imp, r->line, _("onbekend deelgebied '%.60s'"), dg);
    return rc == KM_OK ? ok : bad(imp, r->line, "%s", db_errmsg(imp->s->db));
}

static bool lesson_room(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    field(imp, r, TCOL_LOKAAL, l->room, sizeof l->room);
    if (*l->room && rooms_find(imp->s, l->room, &l->in.room_id) != KM_OK)
        return bad(imp, r->line, _("onbekend lokaal '%.60s'"), l->room);
    return true;
}

static bool lesson_niveaus(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    char list[LIST_MAX], name[256];
    field(imp, r, TCOL_NIVEAUS, list, sizeof list);
    bool ok = true;
    for (const char *p = *list ? list : NULL; p;) {
        p = next_item(p, name, sizeof name);
        if (!*name)
            continue;
        int64_t id;
        if (l->in.nniveaus == LESSON_MAX_NIVEAUS)
            return bad(imp, r->line, _("een les heeft hoogstens %d niveaus"), LESSON_MAX_NIVEAUS);
        if (lookup_niveau(imp->s, name, &id) != KM_OK)
            ok = bad(imp, r->line, _("onbekend niveau '%.60s'"), name);
        else
            l->in.niveaus[l->in.nniveaus++] = id;
    }
    return ok;
}

/* "groep 5a (vrij)": the group is welcome but not mandatory. */
static bool strip_free(char *name)
{
    size_t n = strlen(name), k = strlen(TEMPLATE_CSV_FREE_SUFFIX) - 1; /* the suffix without its space */
    if (n <= k || strcasecmp(name + n - k, &TEMPLATE_CSV_FREE_SUFFIX[1]) != 0)
        return false;
    name[n - k] = '\0';
    while (n - k > 0 && name[n - k - 1] == ' ')
        name[--n - k] = '\0';
    return true;
}

static bool lesson_groups(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    char list[LIST_MAX], name[256];
    field(imp, r, TCOL_GROEPEN, list, sizeof list);
    bool ok = true;
    for (const char *p = *list ? list : NULL; p;) {
        p = next_item(p, name, sizeof name);
        bool optional = strip_free(name);
        if (!*name)
            continue;
        int64_t id;
        if (l->in.ngroups == LESSON_MAX_GROUPS)
            return bad(imp, r->line, _("een les heeft hoogstens %d groepen"), LESSON_MAX_GROUPS);
        if (lookup_group(imp->s, name, &id) != KM_OK)
            ok = bad(imp, r->line, _("onbekende groep '%.60s'"), name);
        else
            l->in.groups[l->in.ngroups++] = (struct lesson_group){id, !optional};
    }
    if (ok && l->in.ngroups == 0)
        return bad(imp, r->line, _("een les heeft minstens één groep; kolom 'groepen' is leeg"));
    return ok;
}

static bool lesson_block(struct import *imp, const struct csv_record *r, struct ilesson *l)
{
    char text[64], *end;
    field(imp, r, TCOL_BLOKUUR, text, sizeof text);
    if (!*text)
        return true;
    long n = strtol(text, &end, 10);
    if (*end || n < 1 || n > 1000000)
        return bad(imp, r->line, _("blokuur '%.40s' is geen nummer (1, 2, …)"), text);
    l->block = (int)n;
    return true;
}

static void add_lesson(struct import *imp, const struct ilesson *l)
{
    struct ilesson *grown = vec_grow(imp->lessons, imp->nlessons, sizeof *grown);
    if (!grown) {
        imp->nomem = true;
        return;
    }
    imp->lessons = grown;
    grown[imp->nlessons++] = *l;
}

/* Every column is checked even after a mistake, so one pass names them all. */
static void read_lesson(struct import *imp, const struct csv_record *r, long slot)
{
    struct ilesson l;
    memset(&l, 0, sizeof l);
    l.line = r->line;
    bool ok = slot >= 0;
    if (ok && imp->slots[slot].is_break)
        ok = bad(imp, r->line, _("tijdslot '%.40s' is een pauze; daarin komen geen lessen"), imp->slots[slot].name);
    ok &= lesson_teacher(imp, r, &l);
    ok &= lesson_subject(imp, r, &l);
    ok &= lesson_room(imp, r, &l);
    ok &= lesson_niveaus(imp, r, &l);
    ok &= lesson_groups(imp, r, &l);
    ok &= lesson_block(imp, r, &l);
    l.slot = (size_t)slot;
    if (ok)
        add_lesson(imp, &l);
}

static void read_record(struct import *imp, const struct csv_record *r)
{
    if (csv_record_blank(r) || !record_complete(imp, r))
        return;
    read_template_name(imp, r);
    long slot = read_slot(imp, r);
    if (!lesson_columns_empty(imp, r))
        read_lesson(imp, r, slot);
}

/* ---- checks over the whole file ---- */

static void check_slot_times(struct import *imp, const struct islot *x, const struct school_day *day)
{
    char a[6], b[6], open[6], close[6];
    hours_format(x->start, a);
    hours_format(x->end, b);
    int step = imp->opt->step;
    if (step > 1 && (x->start % step || x->end % step))
        bad(imp, x->line, _("tijden gaan per %d minuten; %s–%s past daar niet op"), step, a, b);
    if (!day->open) {
        bad(imp, x->line, _("op %s is de school dicht (zie INSTELLINGEN)"), hours_day_name(x->weekday));
    } else if (x->start < day->start_min || x->end > day->end_min) {
        hours_format(day->start_min, open);
        hours_format(day->end_min, close);
        bad(imp, x->line, _("op %s is de school open van %s tot %s; tijdslot %s–%s valt daarbuiten"),
            hours_day_name(x->weekday), open, close, a, b);
    }
    if (text_width(x->name) > SLOT_NAME_MAX)
        bad(imp, x->line, _("de naam van een tijdslot heeft hoogstens %d tekens"), SLOT_NAME_MAX);
}

static void check_slots(struct import *imp)
{
    struct school_day days[7];
    if (hours_get(imp->s, days) != KM_OK) {
        bad(imp, 0, "%s", db_errmsg(imp->s->db));
        return;
    }
    for (size_t i = 0; i < imp->nslots; i++) {
        const struct islot *x = &imp->slots[i];
        check_slot_times(imp, x, &days[x->weekday - 1]);
        for (size_t j = 0; j < i; j++) {
            const struct islot *y = &imp->slots[j];
            char a[6], b[6];
            hours_format(y->start, a);
            hours_format(y->end, b);
            if (y->weekday == x->weekday && x->start < y->end && y->start < x->end)
                bad(imp, x->line, _("dit tijdslot overlapt tijdslot '%.40s' (%s %s–%s) op regel %d"), y->name,
                    hours_day_short(y->weekday), a, b, y->line);
        }
        imp->res->slots_per_day[x->weekday]++;
        imp->res->slots++;
    }
}

static bool has_group(const struct lesson_input *in, struct lesson_group g)
{
    for (int i = 0; i < in->ngroups; i++)
        if (in->groups[i].group_id == g.group_id && in->groups[i].mandatory == g.mandatory)
            return true;
    return false;
}

static bool has_niveau(const struct lesson_input *in, int64_t id)
{
    for (int i = 0; i < in->nniveaus; i++)
        if (in->niveaus[i] == id)
            return true;
    return false;
}

/* The parts of a blokuur are one lesson: the same teacher, subject, room, niveaus and groups (in any order). */
static bool same_contents(const struct lesson_input *a, const struct lesson_input *b)
{
    if (a->teacher_id != b->teacher_id || a->hoofdgebied_id != b->hoofdgebied_id ||
        a->deelgebied_id != b->deelgebied_id || a->room_id != b->room_id || a->nniveaus != b->nniveaus ||
        a->ngroups != b->ngroups)
        return false;
    for (int i = 0; i < a->nniveaus; i++)
        if (!has_niveau(b, a->niveaus[i]))
            return false;
    for (int i = 0; i < a->ngroups; i++)
        if (!has_group(b, a->groups[i]))
            return false;
    return true;
}

/* The lessons of blokuur number `block`, by start time, into parts; returns how many there are in all
 * (only the first BLOCK_MAX_PARTS are stored and sorted). */
static size_t block_parts(const struct import *imp, int block, size_t parts[BLOCK_MAX_PARTS])
{
    size_t n = 0;
    for (size_t i = 0; i < imp->nlessons; i++) {
        if (imp->lessons[i].block != block)
            continue;
        if (n < BLOCK_MAX_PARTS)
            parts[n] = i;
        n++;
    }
    for (size_t i = 1; i < n && i < BLOCK_MAX_PARTS; i++) {
        size_t p = parts[i], j = i;
        for (; j > 0 && imp->slots[imp->lessons[parts[j - 1]].slot].start > imp->slots[imp->lessons[p].slot].start; j--)
            parts[j] = parts[j - 1];
        parts[j] = p;
    }
    return n;
}

/* As core's rule: each next slot starts at or after the previous one's end, with no lesson slot between. */
static bool adjacent(const struct import *imp, const struct islot *prev, const struct islot *next)
{
    if (next->start < prev->end)
        return false;
    for (size_t i = 0; i < imp->nslots; i++) {
        const struct islot *x = &imp->slots[i];
        if (x->weekday == prev->weekday && !x->is_break && x->start >= prev->end && x->start < next->start)
            return false;
    }
    return true;
}

static bool check_part(struct import *imp, const struct ilesson *p, const struct ilesson *q)
{
    const struct islot *x = &imp->slots[p->slot], *y = &imp->slots[q->slot];
    if (x->weekday != y->weekday)
        return bad(imp, p->line, _("blokuur %d staat op een andere dag dan op regel %d"), p->block, q->line);
    if (p->slot == q->slot)
        return bad(imp, p->line, _("blokuur %d staat twee keer in hetzelfde tijdslot (ook regel %d)"), p->block,
                   q->line);
    if (!adjacent(imp, y, x))
        return bad(imp, p->line, _("blokuur %d loopt niet over tijdsloten die direct op elkaar volgen (zie regel %d)"),
                   p->block, q->line);
    return true;
}

/* first: the blokuur's first record in the file, which the others are compared with. */
static void check_block(struct import *imp, size_t first)
{
    const struct ilesson *head = &imp->lessons[first];
    size_t parts[BLOCK_MAX_PARTS];
    size_t n = block_parts(imp, head->block, parts);
    if (n > BLOCK_MAX_PARTS) {
        bad(imp, head->line, _("blokuur %d loopt over meer dan %d tijdsloten"), head->block, BLOCK_MAX_PARTS);
        return;
    }
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        const struct ilesson *p = &imp->lessons[parts[k]];
        if (p != head && !same_contents(&p->in, &head->in))
            ok = bad(imp, p->line,
                     _("blokuur %d heeft hier een andere leerkracht, vak, lokaal, niveaus of groepen dan "
                       "op regel %d"),
                     p->block, head->line);
        if (k > 0)
            ok &= check_part(imp, p, &imp->lessons[parts[k - 1]]);
    }
    if (ok && n > 1)
        imp->res->blokuren++;
}

static void check_blocks(struct import *imp)
{
    for (size_t i = 0; i < imp->nlessons; i++) {
        bool first = imp->lessons[i].block != 0;
        for (size_t j = 0; first && j < i; j++)
            first = imp->lessons[j].block != imp->lessons[i].block;
        if (first)
            check_block(imp, i);
    }
}

/* Slots of one day do not overlap (checked), so "at the same time" is "in the same slot". */
static void check_clashes(struct import *imp)
{
    for (size_t i = 0; i < imp->nlessons; i++) {
        const struct ilesson *b = &imp->lessons[i];
        const struct islot *x = &imp->slots[b->slot];
        char at[6];
        hours_format(x->start, at);
        for (size_t j = 0; j < i; j++) {
            const struct ilesson *a = &imp->lessons[j];
            if (a->slot != b->slot)
                continue;
            if (a->in.teacher_id && a->in.teacher_id == b->in.teacher_id)
                bad(imp, b->line, _("leerkracht '%.40s' geeft op %s %s al les (regel %d)"), b->teacher,
                    hours_day_short(x->weekday), at, a->line);
            if (a->in.room_id && a->in.room_id == b->in.room_id)
                bad(imp, b->line, _("lokaal '%.40s' is op %s %s al bezet (regel %d)"), b->room,
                    hours_day_short(x->weekday), at, a->line);
        }
    }
}

static void check_name(struct import *imp)
{
    const char *name = imp->res->name;
    int line = imp->opt->name ? 0 : imp->name_line;
    int64_t id;
    if (!*name) {
        if (imp->opt->name)
            bad(imp, 0, _("geef het sjabloon een naam"));
        return; /* without --name, every empty sjabloon field was named already */
    }
    if (text_width(name) > TEMPLATE_NAME_MAX)
        bad(imp, line, _("de naam van een weeksjabloon heeft 1 tot %d tekens"), TEMPLATE_NAME_MAX);
    else if (templates_find(imp->s, name, &id) == KM_OK)
        bad(imp, line, _("sjabloon '%.60s' bestaat al; kies een andere naam (--name)"), name);
}

static void read_all(struct import *imp, const struct csv_table *t)
{
    imp->sep = t->sep;
    for (size_t i = 0; i < t->nproblems; i++)
        bad(imp, t->problems[i].line, "%s", t->problems[i].text);
    if (t->n == 0) {
        bad(imp, 0, _("het bestand is leeg"));
        return;
    }
    if (!read_header(imp, &t->records[0]))
        return; /* without the columns every record would be misread */
    for (size_t i = 1; i < t->n && !imp->nomem; i++)
        read_record(imp, &t->records[i]);
    if (imp->nslots == 0 && imp->res->nerrors == 0)
        bad(imp, 0, _("het bestand heeft geen regels met tijdsloten"));
    check_slots(imp);
    check_blocks(imp);
    check_clashes(imp);
    check_name(imp);
    imp->res->lessons = (int)imp->nlessons;
}

/* ---- making it ---- */

static bool same_slot_kind(const struct islot *a, const struct islot *b)
{
    return a->start == b->start && a->end == b->end && a->is_break == b->is_break && strcmp(a->name, b->name) == 0;
}

/* One slots_add per distinct slot, for every day that has it: what the screen does, in fewer transactions. */
static enum km_rc make_slots(struct import *imp, int64_t template_id)
{
    for (size_t i = 0; i < imp->nslots; i++) {
        const struct islot *x = &imp->slots[i];
        bool made = false;
        for (size_t j = 0; j < i && !made; j++)
            made = same_slot_kind(&imp->slots[j], x);
        unsigned days = 0;
        for (size_t j = i; !made && j < imp->nslots; j++)
            if (same_slot_kind(&imp->slots[j], x))
                days |= 1u << imp->slots[j].weekday;
        if (!made &&
            slots_add(imp->s, template_id, days, x->start, x->end, x->name, x->is_break, imp->opt->step) != KM_OK) {
            bad(imp, x->line, "%s", db_errmsg(imp->s->db));
            return KM_INVALID;
        }
    }
    return KM_OK;
}

static enum km_rc map_slots(struct import *imp, int64_t template_id)
{
    struct km_slot_list l;
    enum km_rc rc = slots_list(imp->s, template_id, &l);
    if (rc != KM_OK) {
        bad(imp, 0, "%s", db_errmsg(imp->s->db));
        return rc;
    }
    for (size_t i = 0; i < imp->nslots; i++) {
        struct islot *x = &imp->slots[i];
        for (size_t j = 0; j < l.n; j++)
            if (l.items[j].weekday == x->weekday && l.items[j].start_min == x->start)
                x->id = l.items[j].id;
        if (!x->id && rc == KM_OK) {
            bad(imp, x->line, _("dit tijdslot is niet gemaakt"));
            rc = KM_ERR;
        }
    }
    slots_list_free(&l);
    return rc;
}

/* A lesson, or a whole blokuur with its parts in slot order, is made in one call. */
struct unit {
    size_t parts[BLOCK_MAX_PARTS];
    size_t n;
    long pending; /* units that must be made first */
    bool made;
};

#define NONE ((size_t)-1)

/* Lessons get ids in the order they are made, and the export lists a slot's lessons by id: so the units are
 * made in an order that keeps every slot's records in file order (a topological order; without a conflict
 * that is the file's order). Only a hand-made file can ask for a cycle; then the file's order wins. */
struct plan {
    struct unit *units;
    size_t nunits;
    size_t *unit_of; /* per lesson */
    size_t (*edges)[2];
    size_t nedges;
};

static void plan_units(const struct import *imp, struct plan *p)
{
    for (size_t i = 0; i < imp->nlessons; i++) {
        size_t u = NONE;
        for (size_t j = 0; imp->lessons[i].block && j < i && u == NONE; j++)
            if (imp->lessons[j].block == imp->lessons[i].block)
                u = p->unit_of[j];
        if (u == NONE) {
            u = p->nunits++;
            struct unit *n = &p->units[u];
            n->n = imp->lessons[i].block ? block_parts(imp, imp->lessons[i].block, n->parts) : 1;
            if (!imp->lessons[i].block)
                n->parts[0] = i;
        }
        p->unit_of[i] = u;
    }
}

static void plan_edges(const struct import *imp, struct plan *p, size_t *last_in_slot)
{
    for (size_t s = 0; s < imp->nslots; s++)
        last_in_slot[s] = NONE;
    for (size_t i = 0; i < imp->nlessons; i++) {
        size_t prev = last_in_slot[imp->lessons[i].slot];
        if (prev != NONE && p->unit_of[prev] != p->unit_of[i]) {
            p->edges[p->nedges][0] = p->unit_of[prev];
            p->edges[p->nedges++][1] = p->unit_of[i];
            p->units[p->unit_of[i]].pending++;
        }
        last_in_slot[imp->lessons[i].slot] = i;
    }
}

static size_t next_unit(struct plan *p)
{
    size_t pick = NONE;
    for (size_t u = 0; u < p->nunits && pick == NONE; u++)
        if (!p->units[u].made && p->units[u].pending <= 0)
            pick = u;
    for (size_t u = 0; u < p->nunits && pick == NONE; u++)
        if (!p->units[u].made)
            pick = u;
    p->units[pick].made = true;
    for (size_t e = 0; e < p->nedges; e++)
        if (p->edges[e][0] == pick)
            p->units[p->edges[e][1]].pending--;
    return pick;
}

static void unit_input(const struct import *imp, const struct unit *u, struct lesson_input *in)
{
    const struct ilesson *head = &imp->lessons[u->parts[0]];
    *in = head->in;
    in->slot_id = imp->slots[head->slot].id;
    in->nlinked = (int)u->n - 1;
    for (size_t k = 1; k < u->n; k++)
        in->linked_slots[k - 1] = imp->slots[imp->lessons[u->parts[k]].slot].id;
}

/* Every lesson in one core call (one transaction, one clash check over the result). */
static enum km_rc make_lessons(struct import *imp)
{
    size_t n = imp->nlessons + 1;
    struct plan p = {calloc(n, sizeof *p.units), 0, calloc(n, sizeof *p.unit_of), calloc(n, sizeof *p.edges), 0};
    size_t *last_in_slot = calloc(imp->nslots + 1, sizeof *last_in_slot);
    size_t *order = calloc(n, sizeof *order);
    struct lesson_input *in = calloc(n, sizeof *in);
    enum km_rc rc = KM_OK;
    if (!p.units || !p.unit_of || !p.edges || !last_in_slot || !order || !in) {
        bad(imp, 0, _("Onvoldoende geheugen."));
        rc = KM_ERR;
    } else {
        plan_units(imp, &p);
        plan_edges(imp, &p, last_in_slot);
        for (size_t k = 0; k < p.nunits; k++) {
            order[k] = next_unit(&p);
            unit_input(imp, &p.units[order[k]], &in[k]);
        }
        size_t failed;
        rc = lessons_add_many(imp->s, in, p.nunits, &imp->res->warnings, &failed);
        if (rc != KM_OK)
            bad(imp, failed < p.nunits ? imp->lessons[p.units[order[failed]].parts[0]].line : 0, "%s",
                db_errmsg(imp->s->db));
    }
    free(p.units);
    free(p.unit_of);
    free(p.edges);
    free(last_in_slot);
    free(order);
    free(in);
    return rc;
}

/* Made in a few core transactions (a template, its slots, all lessons); a failure on the way deletes the
 * new template again, which takes its slots and lessons with it. */
static enum km_rc make_template(struct import *imp)
{
    int64_t id;
    if (templates_add(imp->s, imp->res->name, &id) != KM_OK) {
        bad(imp, imp->opt->name ? 0 : imp->name_line, "%s", db_errmsg(imp->s->db));
        return KM_INVALID;
    }
    enum km_rc rc = make_slots(imp, id);
    if (rc == KM_OK)
        rc = map_slots(imp, id);
    if (rc == KM_OK)
        rc = make_lessons(imp);
    if (rc != KM_OK && templates_delete(imp->s, id) != KM_OK)
        bad(imp, 0, _("het half gemaakte sjabloon kon niet worden verwijderd: %s"), db_errmsg(imp->s->db));
    return rc;
}

enum km_rc template_csv_import(const struct km_session *s, const char *data, size_t len,
                               const struct template_csv_options *opt, struct template_csv_result *res)
{
    memset(res, 0, sizeof *res);
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    struct csv_table t;
    if (csv_parse(data, len, 0, &t) != 0)
        return len > CSV_MAX_BYTES
                   ? db_fail(s->db, KM_INVALID, _("Het bestand is groter dan %u MB."), CSV_MAX_BYTES >> 20)
                   : vec_no_memory(s->db);
    struct import imp = {.s = s, .opt = opt, .res = res};
    if (opt->name)
        text_clean(opt->name, res->name, sizeof res->name);
    read_all(&imp, &t);
    csv_free(&t);
    line_error_sort(res->errors, res->nerrors); /* one line's mistakes stay in the order found */
    if (imp.nomem)
        rc = vec_no_memory(s->db);
    else if (res->nerrors)
        rc = db_fail(s->db, KM_INVALID, _("%zu fout%s in het bestand; er is niets veranderd."), res->nerrors,
                     i18n_plural(res->nerrors, "", "en", "", "s"));
    else if (!opt->dry_run && make_template(&imp) != KM_OK)
        rc = db_fail(s->db, KM_INVALID, _("Het weeksjabloon is niet gemaakt; er is niets veranderd."));
    free(imp.slots);
    free(imp.lessons);
    return rc;
}
