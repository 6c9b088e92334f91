/* EDEXML 2.1 → a snapshot for core: parse (libxml2, no DTD, no network), check the structure, copy out only
 * what klassenmap keeps, and hand it to snapshot_apply. */
#include "sync/edex.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/fileread.h"
#include "core/groups.h"
#include "core/i18n.h"
#include "core/school.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "sync/xmlerr.h"

#define KEY_MAX_CHARS 256   /* EDEXKeyType */
#define TEXT_MAX_BYTES 1024 /* the longest text we keep (a name of 200 characters, an address of 256) */
#define CONTAINER_DEPTH 8   /* a SOAP answer nests the leerlinggegevens a few levels down */
#define ARENA_BLOCK 65536

/* ---- an arena for the snapshot's strings and arrays: one free at the end ---- */

struct block {
    struct block *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct block *head;
    bool nomem;
};

static void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + _Alignof(max_align_t) - 1) & ~(size_t)(_Alignof(max_align_t) - 1);
    if (!a->head || a->head->size - a->head->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        struct block *b = malloc(sizeof *b + size);
        if (!b) {
            a->nomem = true;
            return NULL;
        }
        *b = (struct block){a->head, 0, size};
        a->head = b;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    return p;
}

static void arena_free(struct arena *a)
{
    while (a->head) {
        struct block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

/* A growing array whose old copies stay in the arena until the end (the arrays are small). */
static void *arena_grow(struct arena *a, void *old, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return old;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = arena_alloc(a, ncap * size);
    if (p && old)
        memcpy(p, old, n * size);
    if (p)
        *cap = ncap;
    return p;
}

/* ---- the reader's state ---- */

struct keyed {
    const char *key;
    int line;
    size_t index; /* in groups[] or people[] */
    int kind;     /* groups: 0 groep, 1 samengestelde groep */
};

struct reader {
    struct arena arena;
    struct sync_report *r;
    const struct edex_options *o;
    char today[11];
    const char *schooljaar, *brin;
    int brin_line;
    struct snap_group *groups;
    size_t ngroups, capgroups;
    struct snap_person *people;
    size_t npeople, cappeople;
    struct keyed *group_keys, *vestigingen, *student_keys, *teacher_keys;
    size_t ngroup_keys, nvestigingen, nstudent_keys, nteacher_keys;
    size_t capgk, capv, capsk, captk;
};

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int line_of(const xmlNode *n) { return (int)xmlGetLineNo(n); }

__attribute__((format(printf, 4, 5))) static void fail(struct reader *rd, const xmlNode *n, const char *element,
                                                       const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    snapshot_error(rd->r, n ? line_of(n) : 0, element, "%s", text);
}

/* The cleaned text of an element we keep, in the arena. Only called for those: what the document says
 * about anything else is never copied out of the tree. */
static const char *text_of(struct reader *rd, const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw) {
        rd->arena.nomem = true;
        return "";
    }
    size_t len = strlen((const char *)raw);
    char *out = len <= TEXT_MAX_BYTES ? arena_alloc(&rd->arena, len * 3 + 1) : NULL;
    if (out)
        text_clean((const char *)raw, out, len * 3 + 1);
    xmlFree(raw);
    if (len > TEXT_MAX_BYTES)
        fail(rd, n, (const char *)n->name, _("de tekst is langer dan %d tekens."), TEXT_MAX_BYTES);
    return out ? out : "";
}

/* The value of attribute `name`, whatever its namespace, cleaned, in the arena; NULL when absent. */
static const char *attr_of(struct reader *rd, const xmlNode *n, const char *name)
{
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        if (strcmp((const char *)at->name, name) != 0)
            continue;
        xmlChar *raw = xmlNodeListGetString(n->doc, at->children, 1);
        size_t len = raw ? strlen((const char *)raw) : 0;
        char *out = arena_alloc(&rd->arena, len * 3 + 1);
        if (out)
            text_clean(raw ? (const char *)raw : "", out, len * 3 + 1);
        xmlFree(raw);
        return out ? out : "";
    }
    return NULL;
}

/* The key attribute, checked: present, not empty, not longer than EDEXKeyType allows. */
static const char *key_of(struct reader *rd, const xmlNode *n)
{
    const char *key = attr_of(rd, n, "key");
    if (!key || !*key) {
        fail(rd, n, (const char *)n->name, _("het attribuut key ontbreekt."));
        return NULL;
    }
    if (text_width(key) > KEY_MAX_CHARS) {
        fail(rd, n, (const char *)n->name, _("de key is langer dan %d tekens."), KEY_MAX_CHARS);
        return NULL;
    }
    return key;
}

static struct keyed *add_key(struct reader *rd, struct keyed **list, size_t *n, size_t *cap)
{
    struct keyed *grown = arena_grow(&rd->arena, *list, *n, cap, sizeof **list);
    if (!grown)
        return NULL;
    *list = grown;
    return &grown[(*n)++];
}

static int cmp_keyed(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Sorts the keys and reports every one that appears again, at the line of the repeat. */
static void check_unique(struct reader *rd, struct keyed *list, size_t n, const char *element)
{
    if (n > 1)
        qsort(list, n, sizeof *list, cmp_keyed);
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1].key, list[i].key) == 0)
            snapshot_error(rd->r, list[i].line, element, _("de key '%s' komt al voor op regel %d."), list[i].key,
                           list[i - 1].line);
}

static const struct keyed *find_key(const struct keyed *list, size_t n, const char *key)
{
    struct keyed probe = {.key = key, .line = 0};
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first entry with this key (a repeat has a later line) */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_keyed(&list[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(list[lo].key, key) == 0 ? &list[lo] : NULL;
}

/* ---- the school ---- */

static void next_schooljaar(const char *year, char out[12])
{
    int start = atoi(year);
    snprintf(out, 12, "%04d-%04d", (start + 1) % 10000, (start + 2) % 10000);
}

/* An old export would make the school of that year the whole truth; a year other than this one or the
 * next must be asked for. */
static void check_schooljaar(struct reader *rd, const xmlNode *n)
{
    char current[12], next[12];
    groups_schooljaar(rd->today, current);
    next_schooljaar(current, next);
    if (!groups_valid_schooljaar(rd->schooljaar)) {
        fail(rd, n, "schooljaar", _("'%s' is geen schooljaar (zoals %s)."), rd->schooljaar, current);
        return;
    }
    bool accepted = rd->o->accept_schooljaar && strcmp(rd->o->accept_schooljaar, rd->schooljaar) == 0;
    if (!accepted && strcmp(rd->schooljaar, current) != 0 && strcmp(rd->schooljaar, next) != 0)
        fail(rd, n, "schooljaar",
             _("het bestand is van schooljaar %s, het is nu %s; neem dat schooljaar uitdrukkelijk aan om het toch te "
               "importeren (import edex --schooljaar %s)."),
             rd->schooljaar, current, rd->schooljaar);
}

static void read_school(struct reader *rd, const xmlNode *school)
{
    for (const xmlNode *c = school->children; c; c = c->next) {
        if (is(c, "schooljaar")) {
            rd->schooljaar = text_of(rd, c);
            check_schooljaar(rd, c);
        } else if (is(c, "brincode")) {
            rd->brin = text_of(rd, c);
            rd->brin_line = line_of(c);
            if (!school_valid_brin(rd->brin))
                fail(rd, c, "brincode", _("'%s' is geen BRIN-code (zoals 99ZZ)."), rd->brin);
        }
    }
    if (!rd->schooljaar)
        fail(rd, school, "school", "<schooljaar> ontbreekt.");
}

static void read_vestigingen(struct reader *rd, const xmlNode *list)
{
    for (const xmlNode *c = list->children; c; c = c->next) {
        const char *key = is(c, "vestiging") ? key_of(rd, c) : NULL;
        struct keyed *k = key ? add_key(rd, &rd->vestigingen, &rd->nvestigingen, &rd->capv) : NULL;
        if (k)
            *k = (struct keyed){key, line_of(c), 0, 0};
    }
    check_unique(rd, rd->vestigingen, rd->nvestigingen, "vestiging");
}

/* ---- groups ---- */

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* A required element's text; an error naming it when it is missing or empty. */
static const char *required(struct reader *rd, const xmlNode *n, const char *name)
{
    const xmlNode *c = child(n, name);
    const char *v = c ? text_of(rd, c) : NULL;
    if (!v || !*v) {
        fail(rd, c ? c : n, c ? name : (const char *)n->name, "<%s> ontbreekt of is leeg.", name);
        return NULL;
    }
    return v;
}

static void read_group(struct reader *rd, const xmlNode *n, bool samengesteld)
{
    const char *key = key_of(rd, n);
    const char *name = required(rd, n, "naam");
    const char *jaargroep = samengesteld ? "" : required(rd, n, "jaargroep");
    if (name && text_width(name) > 64)
        fail(rd, n, (const char *)n->name, _("de naam is langer dan 64 tekens."));
    if (!key || !name || !jaargroep)
        return;
    struct snap_group *grown = arena_grow(&rd->arena, rd->groups, rd->ngroups, &rd->capgroups, sizeof *grown);
    struct keyed *k = grown ? add_key(rd, &rd->group_keys, &rd->ngroup_keys, &rd->capgk) : NULL;
    if (!k)
        return;
    rd->groups = grown;
    *k = (struct keyed){key, line_of(n), rd->ngroups, samengesteld};
    grown[rd->ngroups++] = (struct snap_group){key, name, jaargroep, samengesteld};
}

static void read_groups(struct reader *rd, const xmlNode *list)
{
    for (const xmlNode *c = list->children; c; c = c->next) {
        if (is(c, "groep"))
            read_group(rd, c, false);
        else if (is(c, "samengestelde_groep"))
            read_group(rd, c, true);
    }
    check_unique(rd, rd->group_keys, rd->ngroup_keys, "groep");
}

/* ---- people ---- */

struct names {
    const char *achternaam, *voorvoegsel, *roepnaam, *voornaam, *voorletters, *email;
};

/* Only the first of the voornamen is kept, and only when there is no roepnaam. */
static const char *first_word(struct reader *rd, const char *s)
{
    size_t n = strcspn(s, " ");
    char *w = arena_alloc(&rd->arena, n + 1);
    if (!w)
        return "";
    memcpy(w, s, n);
    w[n] = '\0';
    return w;
}

static bool read_name_part(struct reader *rd, const xmlNode *c, struct names *nm)
{
    if (is(c, "achternaam"))
        nm->achternaam = text_of(rd, c);
    else if (is(c, "voorvoegsel"))
        nm->voorvoegsel = text_of(rd, c);
    else if (is(c, "roepnaam"))
        nm->roepnaam = text_of(rd, c);
    else if (is(c, "voornamen"))
        nm->voornaam = first_word(rd, text_of(rd, c));
    else if (is(c, "voorletters-1"))
        nm->voorletters = text_of(rd, c);
    else if (is(c, "emailadres"))
        nm->email = text_of(rd, c);
    else
        return false;
    return true;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* EDEXML needs an achternaam or a roepnaam; without a roepnaam the first voornaam or the voorletters
 * stand in, so the account has something to be called by. */
static bool finish_names(struct reader *rd, const xmlNode *n, const struct names *nm, struct snap_person *p)
{
    const char *roep = nm->roepnaam && *nm->roepnaam   ? nm->roepnaam
                       : nm->voornaam && *nm->voornaam ? nm->voornaam
                                                       : or_empty(nm->voorletters);
    p->roepnaam = roep;
    p->voorvoegsel = or_empty(nm->voorvoegsel);
    p->achternaam = or_empty(nm->achternaam);
    p->email = or_empty(nm->email);
    if (!*p->achternaam && !(nm->roepnaam && *nm->roepnaam)) {
        fail(rd, n, (const char *)n->name, _("%s %s: <roepnaam> ontbreekt (of <achternaam>)."), n->name, p->key);
        return false;
    }
    const char *parts[] = {p->roepnaam, p->voorvoegsel, p->achternaam};
    for (int i = 0; i < 3; i++) {
        if (text_width(parts[i]) > USERS_NAME_MAX) {
            fail(rd, n, (const char *)n->name, _("%s %s: een naam is langer dan %d tekens."), n->name, p->key,
                 USERS_NAME_MAX);
            return false;
        }
    }
    return true;
}

/* xs:date, perhaps with a time zone: the day is what counts. */
static const char *date_of(struct reader *rd, const xmlNode *c)
{
    const char *v = text_of(rd, c);
    char day[11];
    snprintf(day, sizeof day, "%s", v);
    int64_t d;
    if (!dates_parse(day, &d) || (strlen(v) > 10 && strchr("Z+-", v[10]) == NULL)) {
        fail(rd, c, (const char *)c->name, _("'%s' is geen datum (JJJJ-MM-DD)."), v);
        return "";
    }
    char *out = arena_alloc(&rd->arena, 11);
    if (out)
        memcpy(out, day, 11);
    return out ? out : "";
}

/* A reference to a group: it must exist and be of the kind the element says. */
static bool resolve_group(struct reader *rd, const xmlNode *ref, bool samengesteld, size_t *index)
{
    const char *key = key_of(rd, ref);
    if (!key)
        return false;
    const struct keyed *k = find_key(rd->group_keys, rd->ngroup_keys, key);
    if (!k) {
        fail(rd, ref, (const char *)ref->name, _("de groep '%s' bestaat niet in <groepen>."), key);
        return false;
    }
    if (k->kind != (int)samengesteld) {
        fail(rd, ref, (const char *)ref->name, _("'%s' is een %s."), key, k->kind ? _("samengestelde groep") : "groep");
        return false;
    }
    *index = k->index;
    return true;
}

struct link_list {
    struct snap_link *items;
    size_t n, cap;
};

static void add_link(struct reader *rd, struct link_list *l, const xmlNode *ref, bool samengesteld, const char *roles)
{
    size_t index;
    if (!resolve_group(rd, ref, samengesteld, &index))
        return;
    struct snap_link *grown = arena_grow(&rd->arena, l->items, l->n, &l->cap, sizeof *grown);
    if (!grown)
        return;
    l->items = grown;
    grown[l->n++] = (struct snap_link){index, roles};
}

static void check_vestiging(struct reader *rd, const xmlNode *ref)
{
    const char *key = key_of(rd, ref);
    if (key && !find_key(rd->vestigingen, rd->nvestigingen, key))
        fail(rd, ref, "vestiging", _("de vestiging '%s' bestaat niet in <vestigingen>."), key);
}

static void read_student_part(struct reader *rd, const xmlNode *c, struct snap_person *p, struct link_list *links)
{
    if (is(c, "jaargroep"))
        p->jaargroep = text_of(rd, c);
    else if (is(c, "groep"))
        add_link(rd, links, c, false, "");
    else if (is(c, "samengestelde_groepen")) {
        for (const xmlNode *s = c->children; s; s = s->next)
            if (is(s, "samengestelde_groep"))
                add_link(rd, links, s, true, "");
    } else if (is(c, "vestiging"))
        check_vestiging(rd, c);
    else if (is(c, "instroomdatum"))
        p->instroom = date_of(rd, c);
    else if (is(c, "uitstroomdatum"))
        p->uitstroom = date_of(rd, c);
}

static struct snap_person *new_person(struct reader *rd, const xmlNode *n, bool teacher)
{
    const char *key = key_of(rd, n);
    if (!key)
        return NULL;
    struct snap_person *grown = arena_grow(&rd->arena, rd->people, rd->npeople, &rd->cappeople, sizeof *grown);
    struct keyed *k = grown ? teacher ? add_key(rd, &rd->teacher_keys, &rd->nteacher_keys, &rd->captk)
                                      : add_key(rd, &rd->student_keys, &rd->nstudent_keys, &rd->capsk)
                            : NULL;
    if (!k)
        return NULL;
    rd->people = grown;
    *k = (struct keyed){key, line_of(n), rd->npeople, 0};
    struct snap_person *p = &grown[rd->npeople];
    *p = (struct snap_person){.teacher = teacher, .key = key, .instroom = "", .uitstroom = "", .jaargroep = ""};
    return p;
}

static void read_student(struct reader *rd, const xmlNode *n)
{
    struct snap_person *p = new_person(rd, n, false);
    if (!p)
        return;
    struct names nm = {0};
    struct link_list links = {0};
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !read_name_part(rd, c, &nm))
            read_student_part(rd, c, p, &links);
    if (!finish_names(rd, n, &nm, p))
        return;
    p->links = links.items;
    p->nlinks = links.n;
    rd->npeople++;
}

/* The rol codes under an element, as "STA, OWA"; "" when none. */
static const char *roles_of(struct reader *rd, const xmlNode *n)
{
    char buf[128];
    size_t used = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is(c, "rol"))
            continue;
        const char *code = text_of(rd, c);
        size_t len = strnlen(code, 16);
        if (used + len + 3 > sizeof buf)
            break;
        if (used) {
            memcpy(buf + used, ", ", 2);
            used += 2;
        }
        memcpy(buf + used, code, len);
        used += len;
    }
    char *out = arena_alloc(&rd->arena, used + 1);
    if (!out)
        return "";
    memcpy(out, buf, used);
    out[used] = '\0';
    return out;
}

static void read_teacher_groups(struct reader *rd, const xmlNode *list, struct link_list *links)
{
    for (const xmlNode *g = list->children; g; g = g->next) {
        if (is(g, "groep"))
            add_link(rd, links, g, false, roles_of(rd, g));
        else if (is(g, "samengestelde_groep"))
            add_link(rd, links, g, true, roles_of(rd, g));
    }
}

static void read_teacher(struct reader *rd, const xmlNode *n)
{
    struct snap_person *p = new_person(rd, n, true);
    if (!p)
        return;
    struct names nm = {0};
    struct link_list links = {0};
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !read_name_part(rd, c, &nm) && is(c, "groepen"))
            read_teacher_groups(rd, c, &links);
    if (!finish_names(rd, n, &nm, p))
        return;
    p->links = links.items;
    p->nlinks = links.n;
    rd->npeople++;
}

/* ---- the document ---- */

/* The element holding school, groepen, leerlingen and leerkrachten: the root <EDEX> of a file, or the
 * answer element somewhere inside a SOAP envelope. */
static const xmlNode *find_container(const xmlNode *n, int depth)
{
    if (!n || depth > CONTAINER_DEPTH)
        return NULL;
    if (child(n, "leerlingen"))
        return n;
    for (const xmlNode *c = n->children; c; c = c->next) {
        const xmlNode *found = c->type == XML_ELEMENT_NODE ? find_container(c, depth + 1) : NULL;
        if (found)
            return found;
    }
    return NULL;
}

static void read_list(struct reader *rd, const xmlNode *list, const char *item,
                      void (*read)(struct reader *, const xmlNode *))
{
    for (const xmlNode *c = list ? list->children : NULL; c; c = c->next)
        if (is(c, item))
            read(rd, c);
}

static void read_container(struct reader *rd, const xmlNode *root)
{
    const xmlNode *box = find_container(root, 0);
    if (!box) {
        /* root is NULL when libxml2 gives a document without an element (xmlDocGetRootElement) */
        fail(rd, root, root ? (const char *)root->name : "EDEX",
             _("geen <leerlingen> gevonden: dit is geen EDEXML-bestand."));
        return;
    }
    const xmlNode *school = child(box, "school");
    if (school)
        read_school(rd, school);
    else
        fail(rd, box, (const char *)box->name, "<school> ontbreekt.");
    if (child(box, "vestigingen"))
        read_vestigingen(rd, child(box, "vestigingen"));
    if (child(box, "groepen"))
        read_groups(rd, child(box, "groepen"));
    read_list(rd, child(box, "leerlingen"), "leerling", read_student);
    read_list(rd, child(box, "leerkrachten"), "leerkracht", read_teacher);
    check_unique(rd, rd->student_keys, rd->nstudent_keys, "leerling");
    check_unique(rd, rd->teacher_keys, rd->nteacher_keys, "leerkracht");
}

/* What the parser met: the line of a DOCTYPE, and its first error (later ones follow from it), whether the parser
 * or the encoding conversion below it raised it. */
struct parse_state {
    int doctype_line;
    struct xmlerr error;
};

/* A DTD could declare entities (the billion laughs) or fetch files: the parser stops at the DOCTYPE. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    (void)name, (void)external_id, (void)system_id;
    xmlParserCtxtPtr p = ctx;
    struct parse_state *ps = p->_private;
    ps->doctype_line = p->input ? p->input->line : 1;
    xmlStopParser(p);
}

static xmlDoc *parse(struct reader *rd, const char *xml, size_t len)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        rd->arena.nomem = true;
        return NULL;
    }
    struct parse_state ps = {0};
    xmlerr_begin(&ps.error, ctxt);
    ctxt->_private = &ps;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->serror = xmlerr_structured;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, xml, (int)len, "edex.xml", rd->o->encoding,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    xmlerr_end();
    const struct xmlerr *e = &ps.error;
    if (ps.doctype_line)
        snapshot_error(rd->r, ps.doctype_line, "!DOCTYPE", _("een DTD is niet toegestaan in een EDEXML-bestand."));
    else if (!doc)
        snapshot_error(rd->r, e->line ? e->line : 1, "EDEX", _("het bestand is geen geldige XML (%s)."),
                       e->message[0] ? e->message : "onleesbaar");
    if (doc && ps.doctype_line) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

static bool set_today(struct reader *rd, const struct edex_options *o)
{
    int64_t day = dates_today();
    if (o->today && !dates_parse(o->today, &day))
        return false;
    dates_format(day, rd->today);
    return true;
}

static enum km_rc refuse(struct km_db *db, const struct edex_options *o, struct sync_report *out)
{
    snapshot_record_failure(db, o->source_name, o->dry_run, out);
    return db_fail(db, KM_INVALID, _("%d fout%s in het bestand; er is niets veranderd."), out->errors,
                   i18n_plural(out->errors, "", "en", "", "s"));
}

static enum km_rc apply(struct km_db *db, struct reader *rd, const struct edex_options *o)
{
    struct snapshot snap = {
        rd->schooljaar, rd->brin ? rd->brin : "", rd->brin_line, rd->today, rd->groups, rd->ngroups, rd->people,
        rd->npeople};
    return snapshot_apply(db, &snap, o->source_name, o->dry_run, rd->r);
}

enum km_rc edex_import(struct km_db *db, const char *xml, size_t len, const struct edex_options *o,
                       struct sync_report *out)
{
    memset(out, 0, sizeof *out);
    struct reader rd = {.r = out, .o = o};
    if (!set_today(&rd, o))
        return db_fail(db, KM_INVALID, _("Ongeldige datum '%.20s' (JJJJ-MM-DD)."), o->today);
    if (len > EDEX_MAX_BYTES) {
        snapshot_error(out, 0, "EDEX", _("het bestand is groter dan %u MB."), EDEX_MAX_BYTES >> 20);
        return refuse(db, o, out);
    }
    xmlDoc *doc = parse(&rd, xml, len);
    if (doc)
        read_container(&rd, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    enum km_rc rc;
    if (rd.arena.nomem)
        rc = vec_no_memory(db);
    else
        rc = out->errors || !doc ? refuse(db, o, out) : apply(db, &rd, o);
    arena_free(&rd.arena);
    return rc;
}

enum km_rc edex_import_memory(struct km_db *db, const char *xml, size_t len, const char *source_name, bool dry_run,
                              struct sync_report *out)
{
    struct edex_options o = {.dry_run = dry_run, .source_name = source_name};
    return edex_import(db, xml, len, &o, out);
}

/* The whole file, at most EDEX_MAX_BYTES (reading stops just past it). */
static char *read_file(const char *path, size_t *len, bool *too_big)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = fileread_all(f, EDEX_MAX_BYTES, len);
    fclose(f);
    *too_big = data && *len > EDEX_MAX_BYTES;
    return data;
}

enum km_rc edex_import_path(struct km_db *db, const char *path, const struct edex_options *o, struct sync_report *out)
{
    size_t len = 0;
    bool too_big = false;
    char *data = read_file(path, &len, &too_big);
    if (!data) {
        memset(out, 0, sizeof *out);
        snapshot_error(out, 0, "EDEX", _("kan het bestand niet lezen."));
        snapshot_record_failure(db, o->source_name, o->dry_run, out);
        return db_fail(db, KM_NOTFOUND, _("Kan '%.200s' niet lezen."), path);
    }
    enum km_rc rc = edex_import(db, data, too_big ? EDEX_MAX_BYTES + 1u : len, o, out);
    free(data);
    return rc;
}

enum km_rc edex_import_file(struct km_db *db, const char *path, bool dry_run, struct sync_report *out)
{
    struct edex_options o = {.dry_run = dry_run};
    return edex_import_path(db, path, &o, out);
}
