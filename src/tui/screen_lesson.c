/* VOEG EEN LES TOE, and changing a lesson: a wizard of steps, one list each (leerkracht, hoofdgebied,
 * deelgebied, lokaal, niveaus, groepen, verplichte groepen, blokuur), then a summary with MAAK LES AAN.
 * Enter goes on, Esc goes one step back; on the summary (where Enter on a line changes that choice) Esc leaves
 * the wizard, and the app asks first when choices were made and not saved. Core judges the lesson: a teacher or room
 * clash is refused and sends the person back to that step; other clashes are shown sentence by sentence and need a
 * "Toch maken?". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/curriculum_read.h"
#include "core/groups.h"
#include "core/hours.h"
#include "core/lessons.h"
#include "core/rooms.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/slot_lookup.h"

enum step {
    ST_TEACHER,
    ST_HOOFD,
    ST_DEEL,
    ST_ROOM,
    ST_NIVEAU,
    ST_GROUPS,
    ST_MANDATORY,
    ST_LINKED,
    ST_SUMMARY,
    ST__COUNT
};

struct step_def {
    const char *name;     /* in the summary and the step line */
    const char *question; /* what the step asks */
    bool multi;           /* Space ticks several; Enter goes on */
};

static const struct step_def steps[ST__COUNT] = {
    [ST_TEACHER] = {N_("Leerkracht"), N_("Wie geeft de les? Alleen wie in dit tijdslot vrij is, staat erbij."), false},
    [ST_HOOFD] = {N_("Hoofdgebied"), N_("Welk vak? Dit mag leeg blijven."), false},
    [ST_DEEL] = {N_("Deelgebied"), N_("Welk deelgebied? Dit mag leeg blijven."), false},
    [ST_ROOM] = {N_("Lokaal"), N_("In welk lokaal? Dit mag leeg blijven."), false},
    [ST_NIVEAU] = {N_("Niveaus"), N_("Voor welke niveaus? Geen vinkje is ook goed."), true},
    [ST_GROUPS] = {N_("Groepen"), N_("Voor welke groepen? Minstens één."), true},
    [ST_MANDATORY] = {N_("Verplicht"), N_("Welke groepen moeten meedoen? Een vrije groep mag kiezen."), true},
    [ST_LINKED] = {N_("Blokuur"), N_("Loopt de les door in de tijdsloten erna (een blokuur)?"), false},
    [ST_SUMMARY] = {N_("Overzicht"), N_("Klopt alles? Enter op een regel wijzigt die keuze."), false},
};

#define WARN_LINES 96 /* wrapped lines of warnings on the summary; more is very unlikely and cut */
#define WARN_LINE_LEN 320

enum mark { MK_NONE, MK_RADIO, MK_RADIO_ON, MK_BOX, MK_BOX_ON, MK_BUTTON };

/* One row of a step's list, as drawn. */
struct row {
    enum mark mark;
    enum theme_role role; /* of the label; TR_NORMAL unless it is a warning */
    char label[200];
    char detail[400];
};

struct teacher {
    int64_t id;
    char name[160];
    char username[40];
};

struct lesson_screen {
    struct screen base;
    struct app *app;
    int64_t slot_id, lesson_id, version; /* lesson_id 0: a new lesson */
    bool found;
    struct slot_place place;
    struct lesson_input in;
    enum step step;
    bool from_summary; /* a step opened from the summary returns there */
    bool done;         /* made or changed: the last question is what next */
    bool touched;      /* a choice made and not yet saved: leaving asks first */
    /* the choices core offers */
    struct teacher *teachers;
    int nteachers;
    struct km_area_list areas;
    struct km_room_list rooms;
    struct km_lesson_list others; /* the lessons of this slot: whose room is taken */
    struct km_niveau_list niveaus;
    struct km_group_list all_groups;
    int *groups; /* indexes into all_groups: the active ones and any already chosen */
    int ngroups;
    int64_t cand[LESSON_MAX_LINKED]; /* the lesson slots after this one on the same day, in order */
    int ncand;
    char schooljaar[12];
    struct list list;
    int label_w;
    struct conflict_list warnings; /* of the last attempt, shown on the summary */
    bool accepting;                /* the "Toch maken?" question is open */
    char refusal[400];             /* core's sentence when it refused the lesson, shown where to change it */
    /* the warnings wrapped to the width of the last draw: rows of the summary's list, so they scroll */
    char wline[WARN_LINES][WARN_LINE_LEN];
    bool wstart[WARN_LINES]; /* the line starts a warning: drawn with "!" */
    int nwline;
    char text[600];
};

/* What the keys do differs between a step's list, the summary and the last question; each has its own
 * list, so footer and help never offer a key that does nothing there. */
static const enum action step_actions[] = {A_SELECT, A_TOGGLE,  A_SEARCH,    A_SEARCH_NEXT, A_BACK, A_UP,
                                           A_DOWN,   A_PAGE_UP, A_PAGE_DOWN, A_HOME,        A_END,  ACT_NONE};
static const enum action summary_actions[] = {A_SELECT,    A_BACK, A_UP,  A_DOWN,  A_PAGE_UP,
                                              A_PAGE_DOWN, A_HOME, A_END, ACT_NONE};
static const enum action done_actions[] = {A_SELECT, A_BACK, A_UP, A_DOWN, ACT_NONE};

/* The actions that go with what is on the screen now. */
static void set_view(struct lesson_screen *ls)
{
    ls->base.actions = ls->done ? done_actions : ls->step == ST_SUMMARY ? summary_actions : step_actions;
}

/* Appends s, cut at the end of out (cut text is drawn through text_fit, which drops a broken character). */
/* ---- looking things up ---- */

static const struct km_slot *this_slot(const struct lesson_screen *ls) { return slot_lookup_slot(&ls->place); }

static const struct km_slot *slot_by_id(const struct lesson_screen *ls, int64_t id)
{
    for (size_t i = 0; i < ls->place.slots.n; i++)
        if (ls->place.slots.items[i].id == id)
            return &ls->place.slots.items[i];
    return NULL;
}

static const struct teacher *teacher_by_id(const struct lesson_screen *ls, int64_t id)
{
    for (int i = 0; i < ls->nteachers; i++)
        if (ls->teachers[i].id == id)
            return &ls->teachers[i];
    return NULL;
}

static const struct km_deelgebied *deel_by_id(const struct lesson_screen *ls, int64_t id)
{
    const struct km_hoofdgebied *h = curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id);
    for (size_t i = 0; h && i < h->ndeel; i++)
        if (h->deel[i].id == id)
            return &h->deel[i];
    return NULL;
}

static const struct km_room *room_by_id(const struct lesson_screen *ls, int64_t id)
{
    for (size_t i = 0; i < ls->rooms.n; i++)
        if (ls->rooms.items[i].id == id)
            return &ls->rooms.items[i];
    return NULL;
}

static const char *niveau_name(const struct lesson_screen *ls, int64_t id)
{
    for (size_t i = 0; i < ls->niveaus.n; i++)
        if (ls->niveaus.items[i].id == id)
            return ls->niveaus.items[i].name;
    return "?";
}

static const struct km_group *group_by_id(const struct lesson_screen *ls, int64_t id)
{
    for (size_t i = 0; i < ls->all_groups.n; i++)
        if (ls->all_groups.items[i].id == id)
            return &ls->all_groups.items[i];
    return NULL;
}

static int chosen_group(const struct lesson_screen *ls, int64_t id)
{
    for (int i = 0; i < ls->in.ngroups; i++)
        if (ls->in.groups[i].group_id == id)
            return i;
    return -1;
}

static int chosen_niveau(const struct lesson_screen *ls, int64_t id)
{
    for (int i = 0; i < ls->in.nniveaus; i++)
        if (ls->in.niveaus[i] == id)
            return i;
    return -1;
}

/* Another lesson of this slot in that room (a room clash is refused, so the list says so beforehand). */
static const struct km_lesson *room_taken_by(const struct lesson_screen *ls, int64_t room_id)
{
    for (size_t i = 0; i < ls->others.n; i++) {
        const struct km_lesson *l = &ls->others.items[i];
        if (l->room_id == room_id && l->id != ls->lesson_id)
            return l;
    }
    return NULL;
}

static size_t deel_count(const struct lesson_screen *ls)
{
    const struct km_hoofdgebied *h = curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id);
    return h ? h->ndeel : 0;
}

/* ---- loading the choices ---- */

static void free_choices(struct lesson_screen *ls)
{
    free(ls->teachers);
    ls->teachers = NULL;
    ls->nteachers = 0;
    curriculum_areas_free(&ls->areas);
    curriculum_niveaus_free(&ls->niveaus);
    rooms_list_free(&ls->rooms);
    lessons_list_free(&ls->others);
    groups_list_free(&ls->all_groups);
    free(ls->groups);
    ls->groups = NULL;
    ls->ngroups = 0;
    slot_lookup_free(&ls->place);
    ls->ncand = 0;
}

static bool is_free(int64_t id, const int64_t *free_ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (free_ids[i] == id)
            return true;
    return false;
}

/* Only teachers free in this slot, and when changing a lesson also its own teacher. */
static enum km_rc load_teachers(struct lesson_screen *ls)
{
    const struct km_session *s = &ls->app->session;
    int64_t *free_ids;
    size_t nfree;
    struct km_user_list all;
    struct user_filter f = {.any_role = false, .role = ROLE_LEERKRACHT, .include_inactive = false};
    enum km_rc rc = lessons_free_teachers(s, ls->slot_id, &free_ids, &nfree);
    if (rc != KM_OK)
        return rc;
    if ((rc = users_list(s, &f, &all)) != KM_OK) {
        free(free_ids);
        return rc;
    }
    ls->teachers = calloc(all.n ? all.n : 1, sizeof *ls->teachers);
    for (size_t i = 0; ls->teachers && i < all.n; i++) {
        const struct km_user *u = &all.items[i];
        if (!is_free(u->id, free_ids, nfree) && u->id != ls->in.teacher_id)
            continue;
        struct teacher *t = &ls->teachers[ls->nteachers++];
        t->id = u->id;
        users_display_name(u, t->name, sizeof t->name);
        snprintf(t->username, sizeof t->username, "%s", u->username);
    }
    users_list_free(&all);
    free(free_ids);
    return ls->teachers ? KM_OK : KM_ERR;
}

/* Active groups, and a chosen one that is no longer active, so that it can be unticked. */
static enum km_rc load_groups(struct lesson_screen *ls)
{
    enum km_rc rc = groups_list(&ls->app->session, NULL, &ls->all_groups);
    if (rc != KM_OK)
        return rc;
    ls->groups = calloc(ls->all_groups.n ? ls->all_groups.n : 1, sizeof *ls->groups);
    for (size_t i = 0; ls->groups && i < ls->all_groups.n; i++)
        if (ls->all_groups.items[i].active || chosen_group(ls, ls->all_groups.items[i].id) >= 0)
            ls->groups[ls->ngroups++] = (int)i;
    return ls->groups ? KM_OK : KM_ERR;
}

/* A blokuur runs on in the lesson slots that follow on the same day (breaks in between do not count). */
static void find_candidates(struct lesson_screen *ls)
{
    const struct km_slot *me = this_slot(ls);
    ls->ncand = 0;
    for (size_t i = 0; me && i < ls->place.slots.n && ls->ncand < LESSON_MAX_LINKED; i++) {
        const struct km_slot *x = &ls->place.slots.items[i];
        if (x->weekday == me->weekday && x->start_min >= me->end_min && !x->is_break)
            ls->cand[ls->ncand++] = x->id;
    }
}

static void load_choices(struct lesson_screen *ls)
{
    const struct km_session *s = &ls->app->session;
    free_choices(ls);
    ls->found = slot_lookup(s, ls->slot_id, &ls->place);
    if (!ls->found)
        return;
    find_candidates(ls);
    enum km_rc rc = load_teachers(ls);
    if (rc == KM_OK)
        rc = curriculum_areas(s, &ls->areas);
    if (rc == KM_OK)
        rc = curriculum_niveaus(s, &ls->niveaus);
    if (rc == KM_OK)
        rc = rooms_list(s, &ls->rooms);
    if (rc == KM_OK)
        rc = lessons_list(s, 0, ls->slot_id, &ls->others);
    if (rc == KM_OK)
        rc = load_groups(ls);
    if (rc != KM_OK)
        app_core_error(ls->app);
}

/* ---- the rows of each step ---- */

static int step_count(const struct lesson_screen *ls, enum step st)
{
    switch (st) {
    case ST_TEACHER:
        return 1 + ls->nteachers;
    case ST_HOOFD:
        return 1 + (int)ls->areas.n;
    case ST_DEEL:
        return 1 + (int)deel_count(ls);
    case ST_ROOM:
        return 1 + (int)ls->rooms.n;
    case ST_NIVEAU:
        return (int)ls->niveaus.n;
    case ST_GROUPS:
        return ls->ngroups;
    case ST_MANDATORY:
        return ls->in.ngroups;
    case ST_LINKED:
        return 1 + ls->ncand;
    case ST_SUMMARY:
        return ST_SUMMARY + 1 + (ls->nwline ? 2 + ls->nwline : 0); /* steps, button, warnings */
    default:
        return 0;
    }
}

/* What row i stands for: an id (0 for "geen"), a number of linked slots, or a summary line. Rows are
 * found back by it after a reload, and the current choice's row is where the cursor starts. */
static int64_t step_id(const struct lesson_screen *ls, enum step st, int i)
{
    switch (st) {
    case ST_TEACHER:
        return i == 0 ? 0 : ls->teachers[i - 1].id;
    case ST_HOOFD:
        return i == 0 ? 0 : ls->areas.items[i - 1].id;
    case ST_DEEL:
        return i == 0 ? 0 : curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id)->deel[i - 1].id;
    case ST_ROOM:
        return i == 0 ? 0 : ls->rooms.items[i - 1].id;
    case ST_NIVEAU:
        return ls->niveaus.items[i].id;
    case ST_GROUPS:
        return ls->all_groups.items[ls->groups[i]].id;
    case ST_MANDATORY:
        return ls->in.groups[i].group_id;
    default:
        return i;
    }
}

static int row_of_id(const struct lesson_screen *ls, enum step st, int64_t id)
{
    int n = step_count(ls, st);
    for (int i = 0; i < n; i++)
        if (step_id(ls, st, i) == id)
            return i;
    return -1;
}

/* The id the step has chosen now, for its cursor; multiple choice starts at the top. */
static int64_t current_choice(const struct lesson_screen *ls, enum step st)
{
    switch (st) {
    case ST_TEACHER:
        return ls->in.teacher_id;
    case ST_HOOFD:
        return ls->in.hoofdgebied_id;
    case ST_DEEL:
        return ls->in.deelgebied_id;
    case ST_ROOM:
        return ls->in.room_id;
    case ST_LINKED:
        return ls->in.nlinked;
    case ST_SUMMARY:
        return ST_SUMMARY; /* the button */
    default:
        return step_count(ls, st) ? step_id(ls, st, 0) : 0;
    }
}

static void radio(struct row *r, bool on, const char *label)
{
    r->mark = on ? MK_RADIO_ON : MK_RADIO;
    snprintf(r->label, sizeof r->label, "%s", label);
}

static void row_teacher(const struct lesson_screen *ls, int i, struct row *r)
{
    if (i == 0) {
        radio(r, ls->in.teacher_id == 0, _("geen leerkracht"));
        if (ls->nteachers == 0)
            snprintf(r->detail, sizeof r->detail, "%s", _("alle leerkrachten geven in dit tijdslot al les"));
        return;
    }
    const struct teacher *t = &ls->teachers[i - 1];
    radio(r, ls->in.teacher_id == t->id, t->name);
    snprintf(r->detail, sizeof r->detail, "%s", t->username);
}

static void row_hoofd(const struct lesson_screen *ls, int i, struct row *r)
{
    if (i == 0) {
        radio(r, ls->in.hoofdgebied_id == 0, _("geen hoofdgebied"));
        return;
    }
    const struct km_hoofdgebied *h = &ls->areas.items[i - 1];
    radio(r, ls->in.hoofdgebied_id == h->id, h->name);
    snprintf(r->detail, sizeof r->detail, ngettext("%zu deelgebied", "%zu deelgebieden", (unsigned long)h->ndeel),
             h->ndeel);
}

static void row_deel(const struct lesson_screen *ls, int i, struct row *r)
{
    if (i == 0) {
        radio(r, ls->in.deelgebied_id == 0, _("geen deelgebied"));
        return;
    }
    const struct km_deelgebied *d = &curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id)->deel[i - 1];
    radio(r, ls->in.deelgebied_id == d->id, d->name);
}

static void row_room(const struct lesson_screen *ls, int i, struct row *r)
{
    if (i == 0) {
        radio(r, ls->in.room_id == 0, _("geen lokaal"));
        return;
    }
    const struct km_room *m = &ls->rooms.items[i - 1];
    radio(r, ls->in.room_id == m->id, m->name);
    if (m->capacity)
        snprintf(r->detail, sizeof r->detail, ngettext("%d plaats", "%d plaatsen", (unsigned long)m->capacity),
                 m->capacity);
    else
        snprintf(r->detail, sizeof r->detail, "%s", _("capaciteit niet opgegeven"));
    const struct km_lesson *by = room_taken_by(ls, m->id);
    if (by) {
        strbuf_append(r->detail, sizeof r->detail, _(" · bezet: "));
        strbuf_append(r->detail, sizeof r->detail, *by->teacher ? by->teacher : by->groups);
    }
}

static void row_niveau(const struct lesson_screen *ls, int i, struct row *r)
{
    const struct km_niveau *n = &ls->niveaus.items[i];
    r->mark = chosen_niveau(ls, n->id) >= 0 ? MK_BOX_ON : MK_BOX;
    snprintf(r->label, sizeof r->label, "%s", n->name);
}

static void group_detail(const struct lesson_screen *ls, const struct km_group *g, char *out, size_t len)
{
    char jg[32] = "", year[24] = "";
    if (*g->jaargroep)
        snprintf(jg, sizeof jg, _(" · jaargroep %s"), g->jaargroep);
    /* another school year is rare and easy to pick by mistake: it is named */
    if (strcmp(g->schooljaar, ls->schooljaar) != 0)
        snprintf(year, sizeof year, " · %s", g->schooljaar);
    char count[48];
    snprintf(count, sizeof count, ngettext("%d leerling", "%d leerlingen", (unsigned long)g->students), g->students);
    snprintf(out, len, "%s%s · %s%s%s", g->kind, jg, count, year, g->active ? "" : _(" · inactief"));
}

static void row_group(const struct lesson_screen *ls, int i, struct row *r)
{
    const struct km_group *g = &ls->all_groups.items[ls->groups[i]];
    r->mark = chosen_group(ls, g->id) >= 0 ? MK_BOX_ON : MK_BOX;
    snprintf(r->label, sizeof r->label, "%s", g->name);
    group_detail(ls, g, r->detail, sizeof r->detail);
}

static void row_mandatory(const struct lesson_screen *ls, int i, struct row *r)
{
    const struct km_group *g = group_by_id(ls, ls->in.groups[i].group_id);
    r->mark = ls->in.groups[i].mandatory ? MK_BOX_ON : MK_BOX;
    snprintf(r->label, sizeof r->label, "%s", g ? g->name : "?");
    snprintf(r->detail, sizeof r->detail, "%s", ls->in.groups[i].mandatory ? _("verplicht") : _("vrij: mag kiezen"));
}

/* "t/m 3e uur (08:30–10:45)" for a blokuur over this slot and the next k. */
static void linked_text(const struct lesson_screen *ls, int k, char *out, size_t len)
{
    const struct km_slot *me = this_slot(ls), *last = k > 0 && k <= ls->ncand ? slot_by_id(ls, ls->cand[k - 1]) : NULL;
    if (!me || !last) {
        snprintf(out, len, "%s", _("nee, alleen dit tijdslot"));
        return;
    }
    char a[6], b[6];
    hours_format(me->start_min, a);
    hours_format(last->end_min, b);
    snprintf(out, len, _("ja, t/m %s (%s–%s)"), *last->name ? last->name : _("het tijdslot erna"), a, b);
}

static void row_linked(const struct lesson_screen *ls, int i, struct row *r)
{
    r->mark = ls->in.nlinked == i ? MK_RADIO_ON : MK_RADIO;
    linked_text(ls, i, r->label, sizeof r->label);
    if (ls->ncand == 0)
        snprintf(r->detail, sizeof r->detail, "%s", _("op deze dag volgt geen tijdslot met lessen meer"));
    for (int k = 0; k < i; k++) {
        const struct km_slot *x = slot_by_id(ls, ls->cand[k]);
        char a[6];
        hours_format(x ? x->start_min : 0, a);
        strbuf_append(r->detail, sizeof r->detail, k ? ", " : "+ ");
        strbuf_append(r->detail, sizeof r->detail, x && *x->name ? x->name : a);
    }
}

/* ---- the summary's values ---- */

static void names_of_niveaus(const struct lesson_screen *ls, char *out, size_t len)
{
    for (int i = 0; i < ls->in.nniveaus; i++) {
        strbuf_append(out, len, i ? ", " : "");
        strbuf_append(out, len, niveau_name(ls, ls->in.niveaus[i]));
    }
}

/* Group names; only_free: just the groups that are not mandatory. */
static void names_of_groups(const struct lesson_screen *ls, bool only_free, char *out, size_t len)
{
    bool first = true;
    for (int i = 0; i < ls->in.ngroups; i++) {
        if (only_free && ls->in.groups[i].mandatory)
            continue;
        const struct km_group *g = group_by_id(ls, ls->in.groups[i].group_id);
        strbuf_append(out, len, first ? "" : ", ");
        strbuf_append(out, len, g ? g->name : "?");
        first = false;
    }
}

static void mandatory_text(const struct lesson_screen *ls, char *out, size_t len)
{
    char free_names[300] = "";
    names_of_groups(ls, true, free_names, sizeof free_names);
    if (ls->in.ngroups == 0)
        snprintf(out, len, "—");
    else if (!*free_names)
        snprintf(out, len, "%s", _("alle groepen verplicht"));
    else
        snprintf(out, len, _("vrij: %s; de rest verplicht"), free_names);
}

static void summary_value(const struct lesson_screen *ls, enum step st, char *out, size_t len)
{
    const struct teacher *t = teacher_by_id(ls, ls->in.teacher_id);
    const struct km_hoofdgebied *h = curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id);
    const struct km_deelgebied *d = deel_by_id(ls, ls->in.deelgebied_id);
    const struct km_room *m = room_by_id(ls, ls->in.room_id);
    out[0] = '\0';
    switch (st) {
    case ST_TEACHER:
        snprintf(out, len, "%s", t ? t->name : _("geen leerkracht"));
        break;
    case ST_HOOFD:
        snprintf(out, len, "%s", h ? h->name : "—");
        break;
    case ST_DEEL:
        snprintf(out, len, "%s", d ? d->name : "—");
        break;
    case ST_ROOM:
        if (m)
            snprintf(out, len, ngettext("%s (%d plaats)", "%s (%d plaatsen)", (unsigned long)m->capacity), m->name,
                     m->capacity);
        else
            snprintf(out, len, "—");
        break;
    case ST_NIVEAU:
        names_of_niveaus(ls, out, len);
        break;
    case ST_GROUPS:
        names_of_groups(ls, false, out, len);
        break;
    case ST_MANDATORY:
        mandatory_text(ls, out, len);
        break;
    case ST_LINKED:
        linked_text(ls, ls->in.nlinked, out, len);
        break;
    default:
        break;
    }
    if (!*out)
        snprintf(out, len, "—");
}

/* Below the button: an empty row, the heading, then the wrapped warning sentences. */
static void row_warning(const struct lesson_screen *ls, int k, struct row *r)
{
    r->role = TR_WARNING;
    if (k == 1)
        snprintf(r->label, sizeof r->label,
                 ngettext("Let op, %zu waarschuwing:", "Let op, %zu waarschuwingen:", (unsigned long)ls->warnings.n),
                 ls->warnings.n);
    else if (k >= 2 && k - 2 < ls->nwline)
        snprintf(r->label, sizeof r->label, "%s %s", ls->wstart[k - 2] ? "!" : " ", ls->wline[k - 2]);
}

static void row_summary(const struct lesson_screen *ls, int i, struct row *r)
{
    if (i > ST_SUMMARY) {
        row_warning(ls, i - ST_SUMMARY - 1, r);
        return;
    }
    if (i == ST_SUMMARY) {
        r->mark = MK_BUTTON;
        snprintf(r->label, sizeof r->label, "%s", ls->lesson_id ? _("WIJZIG LES") : _("MAAK LES AAN"));
        return;
    }
    snprintf(r->label, sizeof r->label, "%s", _(steps[i].name));
    summary_value(ls, (enum step)i, r->detail, sizeof r->detail);
}

/* After success: what next. A new lesson offers another in the same slot. */
static int done_count(const struct lesson_screen *ls) { return ls->lesson_id ? 1 : 2; }

static void row_done(const struct lesson_screen *ls, int i, struct row *r)
{
    r->mark = MK_BUTTON;
    snprintf(r->label, sizeof r->label, "%s",
             ls->lesson_id ? _("Sluiten")
             : i == 0      ? _("Ja, nog een les in dit tijdslot")
                           : _("Nee, sluiten"));
}

static void step_row(const struct lesson_screen *ls, int i, struct row *r)
{
    memset(r, 0, sizeof *r);
    if (ls->done) {
        row_done(ls, i, r);
        return;
    }
    switch (ls->step) {
    case ST_TEACHER:
        row_teacher(ls, i, r);
        break;
    case ST_HOOFD:
        row_hoofd(ls, i, r);
        break;
    case ST_DEEL:
        row_deel(ls, i, r);
        break;
    case ST_ROOM:
        row_room(ls, i, r);
        break;
    case ST_NIVEAU:
        row_niveau(ls, i, r);
        break;
    case ST_GROUPS:
        row_group(ls, i, r);
        break;
    case ST_MANDATORY:
        row_mandatory(ls, i, r);
        break;
    case ST_LINKED:
        row_linked(ls, i, r);
        break;
    case ST_SUMMARY:
        row_summary(ls, i, r);
        break;
    default:
        break;
    }
}

/* ---- drawing ---- */

static const char *mark_glyph(enum mark m)
{
    switch (m) {
    case MK_RADIO:
        return "( )";
    case MK_RADIO_ON:
        return "(•)";
    case MK_BOX:
        return "[ ]";
    case MK_BOX_ON:
        return "[x]";
    default:
        return "";
    }
}

static void draw_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct lesson_screen *ls = ctx;
    struct row r;
    step_row(ls, i, &r);
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    if (r.mark == MK_BUTTON) {
        snprintf(ls->text, sizeof ls->text, "[ %s ]", r.label);
        draw_text_raw(stdscr, y, x + 2, width - 2, ls->text, selected ? TR_SELECTED : TR_TITLE);
        return;
    }
    if (r.role == TR_WARNING) {
        draw_text(stdscr, y, x + 2, width - 2, r.label, selected ? TR_SELECTED : TR_WARNING);
        return;
    }
    int lx = x + 2;
    if (r.mark != MK_NONE)
        lx += draw_text_raw(stdscr, y, lx, 4, mark_glyph(r.mark), role) + 1;
    draw_text(stdscr, y, lx, ls->label_w, r.label, role);
    int dx = lx + ls->label_w + 2;
    if (dx < x + width)
        draw_text(stdscr, y, dx, x + width - dx, r.detail, selected ? TR_SELECTED : TR_DIM);
}

static const char *row_text(void *ctx, int i)
{
    struct lesson_screen *ls = ctx;
    struct row r;
    step_row(ls, i, &r);
    snprintf(ls->text, sizeof ls->text, "%s %s", r.label, r.detail);
    return ls->text;
}

/* The widest label of the list, so that the details line up; never more than half the width. */
static void measure_labels(struct lesson_screen *ls, int width)
{
    int n = ls->list.count, w = 8;
    for (int i = 0; i < n; i++) {
        struct row r;
        step_row(ls, i, &r);
        int tw = r.role == TR_WARNING ? 0 : text_width(r.label);
        w = tw > w ? tw : w;
    }
    ls->label_w = w < width / 2 ? w : width / 2;
}

static void keys_of(struct lesson_screen *ls, enum action act, char *out, size_t len)
{
    keymap_keys_text(&ls->app->keys, act, 1, out, len);
}

/* How to answer this step, with the keys as they are bound. */
static void step_hint(struct lesson_screen *ls, char *out, size_t len)
{
    char enter[32], space[32], back[32], find[32];
    keys_of(ls, A_SELECT, enter, sizeof enter);
    keys_of(ls, A_TOGGLE, space, sizeof space);
    keys_of(ls, A_BACK, back, sizeof back);
    keys_of(ls, A_SEARCH, find, sizeof find);
    const char *prev = ls->step == ST_TEACHER && !ls->from_summary ? _("sluiten") : _("vorige stap");
    if (ls->step == ST_SUMMARY)
        snprintf(out, len, _("%s: wijzig die keuze, of maak de les · %s: stoppen"), enter, back);
    else if (steps[ls->step].multi)
        snprintf(out, len, _("%s: vinkje aan/uit · %s: verder · %s: zoek · %s: %s"), space, enter, find, back, prev);
    else
        snprintf(out, len, _("%s: kies en verder · %s: zoek · %s: %s"), enter, find, back, prev);
}

static void draw_step_line(struct lesson_screen *ls, int y, int width)
{
    char line[300], hint[300];
    snprintf(line, sizeof line, _("Stap %d van %d · %s"), (int)ls->step + 1, (int)ST__COUNT, _(steps[ls->step].name));
    draw_text(stdscr, y, 2, width - 4, line, TR_TITLE);
    const struct km_hoofdgebied *h = curriculum_area_by_id(&ls->areas, ls->in.hoofdgebied_id);
    if (ls->step == ST_DEEL && h)
        snprintf(line, sizeof line, _("Welk deelgebied van %s? Dit mag leeg blijven."), h->name);
    else
        snprintf(line, sizeof line, "%s", _(steps[ls->step].question));
    draw_text(stdscr, y + 1, 2, width - 4, line, TR_NORMAL);
    step_hint(ls, hint, sizeof hint);
    draw_text(stdscr, y + 2, 2, width - 4, hint, TR_DIM);
}

/* Under a multiple choice: what is ticked so far, which matters when a search moved the list far away. */
static void draw_ticked(struct lesson_screen *ls, int y, int width)
{
    char names[400] = "", line[500];
    if (ls->step == ST_NIVEAU)
        names_of_niveaus(ls, names, sizeof names);
    else if (ls->step == ST_GROUPS)
        names_of_groups(ls, false, names, sizeof names);
    else
        return;
    snprintf(line, sizeof line, _("Gekozen: %s"), *names ? names : _("nog niets"));
    draw_text(stdscr, y, 2, width - 4, line, *names ? TR_OK : TR_DIM);
}

/* Breaks text between words into lines of at most width columns, appended to the warning lines. */
static void wrap_warning(struct lesson_screen *ls, const char *text, int width)
{
    struct text_line tl[WARN_LINES];
    int n = text_wrap(text, width, tl, WARN_LINES);
    for (int i = 0; i < n && i < WARN_LINES && ls->nwline < WARN_LINES; i++) {
        ls->wstart[ls->nwline] = i == 0;
        size_t len = tl[i].len < WARN_LINE_LEN - 1 ? tl[i].len : WARN_LINE_LEN - 1;
        memcpy(ls->wline[ls->nwline], text + tl[i].start, len);
        ls->wline[ls->nwline++][len] = '\0';
    }
}

/* Every warning sentence, whole, for the summary's list; "!" marks where each begins. */
static void wrap_warnings(struct lesson_screen *ls, int width)
{
    ls->nwline = 0;
    for (size_t i = 0; i < ls->warnings.n; i++)
        wrap_warning(ls, ls->warnings.items[i].text, width);
}

static void draw_done(struct lesson_screen *ls, int top, int h, int width)
{
    draw_text(stdscr, top, 2, width - 4, ls->lesson_id ? _("Les gewijzigd.") : _("Les gemaakt. Nog een les toevoegen?"),
              TR_OK);
    ls->label_w = width / 2;
    list_draw(&ls->list, top + 2, 2, h - 2 < done_count(ls) ? h - 2 : done_count(ls), width - 4);
}

static void lesson_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct lesson_screen *ls = (struct lesson_screen *)s;
    if (!ls->found) {
        draw_text(stdscr, top + 1, 2, width - 4, _("Dit tijdslot bestaat niet (meer)."), TR_WARNING);
        return;
    }
    if (ls->done) {
        draw_done(ls, top, h, width);
        return;
    }
    draw_step_line(ls, top, width);
    int y = top + 4, lw = width - 4 < 110 ? width - 4 : 110;
    if (*ls->refusal)
        y = top + 3 + draw_wrapped(stdscr, top + 3, 2, width - 4, 3, ls->refusal, TR_ERROR) + 1;
    else
        draw_ticked(ls, top + 3, width);
    measure_labels(ls, lw - 6);
    if (ls->list.count == 0) {
        draw_text(stdscr, y, 4, width - 6, _("Hier is (nog) niets om te kiezen; Enter gaat verder."), TR_DIM);
        return;
    }
    if (ls->step == ST_SUMMARY) {
        wrap_warnings(ls, lw - 4);
        list_set_count(&ls->list, step_count(ls, ST_SUMMARY));
    }
    list_draw(&ls->list, y, 2, top + h - y, lw);
}

/* ---- moving between steps ---- */

/* A deelgebied needs a hoofdgebied that has some: otherwise the step is passed by. */
static bool skipped(const struct lesson_screen *ls, enum step st) { return st == ST_DEEL && deel_count(ls) == 0; }

static void enter_step(struct lesson_screen *ls, enum step st)
{
    ls->step = st;
    ls->refusal[0] = '\0';
    ls->list.count = step_count(ls, st);
    ls->list.top = 0;
    ls->list.search[0] = '\0';
    int row = row_of_id(ls, st, current_choice(ls, st));
    ls->list.cur = row >= 0 ? row : 0;
    list_set_count(&ls->list, ls->list.count);
    set_view(ls);
}

static int next_step(struct lesson_screen *ls)
{
    enum step st = ls->step;
    /* a new hoofdgebied asks for its deelgebied, also when the step was opened from the summary */
    bool need_deel = st == ST_HOOFD && !skipped(ls, ST_DEEL) && ls->in.deelgebied_id == 0;
    if (ls->from_summary && !need_deel) {
        ls->from_summary = false;
        enter_step(ls, ST_SUMMARY);
        return R_DRAW;
    }
    do
        st++;
    while (st < ST_SUMMARY && skipped(ls, st));
    enter_step(ls, st);
    return R_DRAW;
}

static int prev_step(struct lesson_screen *ls)
{
    if (ls->from_summary) {
        ls->from_summary = false;
        enter_step(ls, ST_SUMMARY);
        return R_DRAW;
    }
    if (ls->step == ST_TEACHER)
        return R_POP;
    enum step st = ls->step;
    do
        st--;
    while (st > ST_TEACHER && skipped(ls, st));
    enter_step(ls, st);
    return R_DRAW;
}

/* ---- choosing ---- */

static void choose_hoofd(struct lesson_screen *ls, int64_t id)
{
    if (id != ls->in.hoofdgebied_id)
        ls->in.deelgebied_id = 0; /* a deelgebied belongs to one hoofdgebied */
    ls->in.hoofdgebied_id = id;
}

static void choose_linked(struct lesson_screen *ls, int k)
{
    ls->in.nlinked = k;
    for (int i = 0; i < k; i++)
        ls->in.linked_slots[i] = ls->cand[i];
}

/* A single choice: the row becomes the step's value. */
static void choose(struct lesson_screen *ls, int i)
{
    int64_t id = step_id(ls, ls->step, i);
    ls->touched = true;
    switch (ls->step) {
    case ST_TEACHER:
        ls->in.teacher_id = id;
        break;
    case ST_HOOFD:
        choose_hoofd(ls, id);
        break;
    case ST_DEEL:
        ls->in.deelgebied_id = id;
        break;
    case ST_ROOM:
        ls->in.room_id = id;
        break;
    case ST_LINKED:
        choose_linked(ls, i);
        break;
    default:
        break;
    }
}

static void toggle_niveau(struct lesson_screen *ls, struct app *a, int64_t id)
{
    int at = chosen_niveau(ls, id);
    if (at >= 0) {
        memmove(&ls->in.niveaus[at], &ls->in.niveaus[at + 1],
                (size_t)(ls->in.nniveaus - at - 1) * sizeof ls->in.niveaus[0]);
        ls->in.nniveaus--;
    } else if (ls->in.nniveaus == LESSON_MAX_NIVEAUS) {
        app_message(a, TR_WARNING, _("Een les heeft hoogstens %d niveaus."), LESSON_MAX_NIVEAUS);
    } else {
        ls->in.niveaus[ls->in.nniveaus++] = id;
    }
}

/* A newly ticked group is mandatory, as most are. */
static void toggle_group(struct lesson_screen *ls, struct app *a, int64_t id)
{
    int at = chosen_group(ls, id);
    if (at >= 0) {
        memmove(&ls->in.groups[at], &ls->in.groups[at + 1],
                (size_t)(ls->in.ngroups - at - 1) * sizeof ls->in.groups[0]);
        ls->in.ngroups--;
    } else if (ls->in.ngroups == LESSON_MAX_GROUPS) {
        app_message(a, TR_WARNING, _("Een les heeft hoogstens %d groepen."), LESSON_MAX_GROUPS);
    } else {
        ls->in.groups[ls->in.ngroups++] = (struct lesson_group){id, true};
    }
}

static int toggle(struct lesson_screen *ls, struct app *a)
{
    int i = ls->list.cur;
    if (ls->done || ls->list.count == 0 || ls->step == ST_SUMMARY)
        return R_NONE;
    if (!steps[ls->step].multi) {
        choose(ls, i); /* Space on a single choice marks it without going on */
        return R_DRAW;
    }
    int64_t id = step_id(ls, ls->step, i);
    ls->touched = true;
    if (ls->step == ST_NIVEAU)
        toggle_niveau(ls, a, id);
    else if (ls->step == ST_GROUPS)
        toggle_group(ls, a, id);
    else
        ls->in.groups[i].mandatory = !ls->in.groups[i].mandatory;
    return R_DRAW;
}

/* ---- making the lesson ---- */

static void forget_warnings(struct lesson_screen *ls)
{
    conflicts_free(&ls->warnings);
    ls->nwline = 0;
}

static int submit(struct lesson_screen *ls, struct app *a, bool accept);

/* A refused clash names a teacher or a room: back to that step, and from there straight to the summary. */
static void back_to_cause(struct lesson_screen *ls)
{
    enum step to = ST_SUMMARY;
    for (size_t i = 0; i < ls->warnings.n && to == ST_SUMMARY; i++)
        if (ls->warnings.items[i].kind == CONFLICT_TEACHER)
            to = ST_TEACHER;
        else if (ls->warnings.items[i].kind == CONFLICT_ROOM)
            to = ST_ROOM;
    forget_warnings(ls); /* a refusal is not a warning to accept */
    if (to != ST_SUMMARY) {
        ls->from_summary = true;
        enter_step(ls, to);
    }
    snprintf(ls->refusal, sizeof ls->refusal, "%s", db_errmsg(ls->app->db));
}

static void accept_done(struct app *a, void *ctx, bool yes)
{
    struct lesson_screen *ls = ctx;
    ls->accepting = false;
    if (yes)
        submit(ls, a, true);
    else
        app_message(a, TR_NORMAL, "%s", _("Niets gemaakt. Pas een keuze aan, of kies opnieuw."));
}

static void ask_accept(struct lesson_screen *ls, struct app *a)
{
    char q[700];
    unsigned long n = (unsigned long)ls->warnings.n;
    /* the question first: the box cuts a long text at its end, and every sentence is also on the screen */
    if (ls->lesson_id)
        snprintf(q, sizeof q,
                 ngettext("Toch wijzigen? Er is %zu waarschuwing: %s",
                          "Toch wijzigen? Er zijn %zu waarschuwingen, de eerste: %s", n),
                 ls->warnings.n, ls->warnings.items[0].text);
    else
        snprintf(q, sizeof q,
                 ngettext("Toch maken? Er is %zu waarschuwing: %s",
                          "Toch maken? Er zijn %zu waarschuwingen, de eerste: %s", n),
                 ls->warnings.n, ls->warnings.items[0].text);
    ls->accepting = true;
    app_push(a, dialog_confirm_new(a, q, accept_done, ls));
}

static void restart(struct lesson_screen *ls)
{
    int64_t slot = ls->slot_id;
    memset(&ls->in, 0, sizeof ls->in);
    ls->in.slot_id = slot;
    ls->done = false; /* enter_step below sets the view */
    ls->touched = false;
    ls->from_summary = false;
    forget_warnings(ls);
    load_choices(ls); /* the teacher just used is no longer free */
    enter_step(ls, ST_TEACHER);
}

static void succeeded(struct lesson_screen *ls, struct app *a, size_t accepted)
{
    if (accepted)
        app_message(a, TR_OK,
                    ngettext("Klaar, met %zu geaccepteerde waarschuwing.",
                             "Klaar, met %zu geaccepteerde waarschuwingen.", (unsigned long)accepted),
                    accepted);
    else
        app_message(a, TR_OK, "%s", ls->lesson_id ? _("Les gewijzigd.") : _("Les gemaakt."));
    forget_warnings(ls);
    ls->done = true;
    ls->touched = false;
    ls->list.count = done_count(ls);
    ls->list.cur = 0;
    list_set_count(&ls->list, ls->list.count);
    set_view(ls);
}

/* Someone else changed the lesson meanwhile: show it as it is now, and let the person decide again. */
static void reread_lesson(struct lesson_screen *ls, struct app *a)
{
    char why[256];
    struct lesson_input now;
    snprintf(why, sizeof why, "%s", db_errmsg(a->db));
    if (lessons_get_input(&a->session, ls->lesson_id, &now, &ls->version) != KM_OK) {
        app_core_error(a); /* gone: the choices stay on the screen, and saving says so again */
        return;
    }
    ls->in = now;
    load_choices(ls);
    enter_step(ls, ST_SUMMARY);
    app_message(a, TR_WARNING, "%s", why);
}

static int submit(struct lesson_screen *ls, struct app *a, bool accept)
{
    forget_warnings(ls);
    ls->refusal[0] = '\0';
    ls->in.slot_id = ls->slot_id;
    enum km_rc rc = ls->lesson_id
                        ? lessons_update(&a->session, ls->lesson_id, &ls->in, accept, &ls->warnings, ls->version)
                        : lessons_add(&a->session, &ls->in, accept, &ls->warnings, NULL);
    if (rc == KM_OK) {
        size_t accepted = ls->warnings.n;
        succeeded(ls, a, accepted);
        return R_DRAW;
    }
    if (rc == KM_CONFLICT && ls->warnings.n) {
        ask_accept(ls, a);
        return R_DRAW;
    }
    if (rc == KM_CONFLICT && ls->lesson_id) {
        reread_lesson(ls, a);
        return R_DRAW;
    }
    if (rc == KM_INVALID) {
        back_to_cause(ls); /* the sentence stays on the screen, where it can be read whole */
        return R_DRAW;
    }
    app_core_error(a);
    forget_warnings(ls);
    return R_DRAW;
}

/* ---- keys ---- */

static int select_done(struct lesson_screen *ls)
{
    if (ls->lesson_id || ls->list.cur == 1)
        return R_POP;
    restart(ls);
    return R_DRAW;
}

static int select_summary(struct lesson_screen *ls, struct app *a)
{
    if (ls->list.cur == ST_SUMMARY) {
        int r = submit(ls, a, false);
        /* a changed lesson is done; a new one asks whether another follows */
        return ls->done && ls->lesson_id ? R_POP : r;
    }
    if (ls->list.cur > ST_SUMMARY)
        return R_NONE; /* a line of a warning */
    ls->from_summary = true;
    enter_step(ls, (enum step)ls->list.cur);
    if (skipped(ls, ls->step)) {
        app_message(a, TR_NORMAL, "%s", _("Kies eerst een hoofdgebied met deelgebieden."));
        ls->from_summary = false;
        enter_step(ls, ST_SUMMARY);
    }
    return R_DRAW;
}

static int select_row(struct lesson_screen *ls, struct app *a)
{
    if (ls->done)
        return select_done(ls);
    if (ls->step == ST_SUMMARY)
        return select_summary(ls, a);
    if (!steps[ls->step].multi && ls->list.count)
        choose(ls, ls->list.cur);
    if (ls->step == ST_GROUPS && ls->in.ngroups == 0) {
        char space[32];
        keys_of(ls, A_TOGGLE, space, sizeof space);
        app_message(a, TR_WARNING, _("Kies minstens één groep: %s zet een vinkje."), space);
        return R_DRAW;
    }
    return next_step(ls);
}

static int search(struct lesson_screen *ls, struct app *a)
{
    if (ls->done || ls->step == ST_SUMMARY)
        return R_NONE;
    /* '/' opens the prompt; its Enter comes back as A_SEARCH with prompt_confirmed */
    if (!a->prompt_confirmed) {
        app_start_prompt(a, _("Zoek:"));
        return R_DRAW;
    }
    if (a->prompt_text[0] && !list_search(&ls->list, a->prompt_text, false))
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'."), a->prompt_text);
    return R_DRAW;
}

static int search_next(struct lesson_screen *ls, struct app *a)
{
    if (!ls->list.search[0])
        app_message(a, TR_NORMAL, "%s", _("Zoek eerst met /."));
    else if (!list_search(&ls->list, ls->list.search, true))
        app_message(a, TR_WARNING, _("Niets gevonden met '%s'."), ls->list.search);
    return R_DRAW;
}

static int lesson_action(struct screen *s, struct app *a, enum action act)
{
    struct lesson_screen *ls = (struct lesson_screen *)s;
    if (!ls->found)
        return act == A_BACK ? R_POP : R_NONE;
    if (list_move(&ls->list, act))
        return R_DRAW;
    switch (act) {
    case A_SELECT:
        return select_row(ls, a);
    case A_TOGGLE:
        return toggle(ls, a);
    case A_SEARCH:
        return search(ls, a);
    case A_SEARCH_NEXT:
        return search_next(ls, a);
    case A_BACK:
        return ls->done || (ls->step == ST_SUMMARY && !ls->from_summary) ? R_POP : prev_step(ls);
    default:
        return R_NONE;
    }
}

static int lesson_click(struct screen *s, struct app *a, int y, int x, bool twice)
{
    (void)x;
    struct lesson_screen *ls = (struct lesson_screen *)s;
    if (!list_click(&ls->list, y))
        return R_NONE;
    return twice ? select_row(ls, a) : R_DRAW;
}

/* Another session committed (or a dialog closed): the choices are read again, the person's own choices
 * and the cursor's item stay. */
static void lesson_reload(struct screen *s, struct app *a)
{
    (void)a;
    struct lesson_screen *ls = (struct lesson_screen *)s;
    if (ls->accepting)
        return; /* the answer to "Toch maken?" decides first */
    int64_t keep = !ls->done && ls->list.count ? step_id(ls, ls->step, ls->list.cur) : 0;
    load_choices(ls);
    if (ls->done || !ls->found)
        return;
    ls->list.count = step_count(ls, ls->step);
    int row = row_of_id(ls, ls->step, keep);
    ls->list.cur = row >= 0 ? row : ls->list.cur;
    list_set_count(&ls->list, ls->list.count);
}

static const char *lesson_unsaved(const struct screen *s)
{
    const struct lesson_screen *ls = (const struct lesson_screen *)s;
    return ls->touched && !ls->done ? _("deze les") : NULL;
}

static void lesson_destroy(struct screen *s)
{
    struct lesson_screen *ls = (struct lesson_screen *)s;
    free_choices(ls);
    forget_warnings(ls);
    free(ls);
}

/* A single choice: Enter chooses and goes on, Space only chooses (not offered on the row already chosen). A
 * multiple choice: Space ticks, Enter goes on. The summary's Enter does what the chosen row says. */
static const struct action_words *lesson_words(const struct screen *s, enum action act)
{
    static const struct action_words single[] = {
        {A_SELECT, N_("kies en verder"), N_("Kies de regel met ▶ en ga naar de volgende stap.")},
        {A_TOGGLE, N_("kies"), N_("Kies de regel met ▶, zonder verder te gaan.")},
        {A_BACK, N_("vorige stap"), N_("Ga terug naar de vorige stap; in de eerste stap sluit dit de wizard.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words chosen = {A_TOGGLE, "", NULL};
    static const struct action_words multi[] = {
        {A_SELECT, N_("verder"), N_("Ga naar de volgende stap met wat aangevinkt is.")},
        {A_TOGGLE, N_("vinkje aan/uit"), N_("Zet een vinkje bij de regel met ▶, of haal het weg.")},
        {A_BACK, N_("vorige stap"), N_("Ga terug naar de vorige stap.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words summary[] = {
        {A_SELECT, N_("kies"), N_("Op een stap: ga die stap wijzigen. Op de knop: maak de les.")},
        {A_BACK, N_("vorige stap"), N_("Ga terug naar de laatste stap.")},
        {ACT_NONE, NULL, NULL},
    };
    const struct lesson_screen *ls = (const struct lesson_screen *)s;
    if (ls->done)
        return NULL;
    if (ls->step == ST_SUMMARY)
        return action_words_find(summary, act);
    if (steps[ls->step].multi)
        return action_words_find(multi, act);
    if (act == A_TOGGLE && ls->list.count && step_id(ls, ls->step, ls->list.cur) == current_choice(ls, ls->step))
        return &chosen;
    return action_words_find(single, act);
}

static const struct screen_ops lesson_ops = {
    .draw = lesson_draw,
    .on_action = lesson_action,
    .reload = lesson_reload,
    .resume = lesson_reload,
    .on_click = lesson_click,
    .destroy = lesson_destroy,
    .words_now = lesson_words,
    .unsaved = lesson_unsaved,
};

static void set_title(struct lesson_screen *ls)
{
    const struct km_slot *x = this_slot(ls);
    char title[400], a[6], b[6];
    hours_format(x ? x->start_min : 0, a);
    hours_format(x ? x->end_min : 0, b);
    snprintf(title, sizeof title, "%s › %s › %s %s–%s %s", ls->lesson_id ? _("LES WIJZIGEN") : _("VOEG EEN LES TOE"),
             ls->place.template_name, x ? _(hours_day_short(x->weekday)) : "", a, b, x ? x->name : "");
    text_fit(title, 120, false, ls->base.title, sizeof ls->base.title);
}

struct screen *lesson_screen_new(struct app *a, int64_t slot_id, int64_t lesson_id)
{
    struct lesson_screen *ls = calloc(1, sizeof *ls);
    if (!ls)
        return NULL;
    ls->base.ops = &lesson_ops;
    ls->base.actions = step_actions;
    ls->app = a;
    ls->slot_id = slot_id;
    ls->lesson_id = lesson_id;
    groups_schooljaar(NULL, ls->schooljaar);
    list_init(&ls->list, draw_row, row_text, ls);
    /* a blokuur is changed from its first slot, whatever slot it was opened from */
    if (lesson_id && lessons_get_input(&a->session, lesson_id, &ls->in, &ls->version) != KM_OK) {
        app_core_error(a);
        free(ls);
        return NULL;
    }
    ls->slot_id = lesson_id ? ls->in.slot_id : slot_id;
    ls->in.slot_id = ls->slot_id;
    load_choices(ls);
    set_title(ls);
    enter_step(ls, lesson_id ? ST_SUMMARY : ST_TEACHER);
    return &ls->base;
}
