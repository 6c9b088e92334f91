/* The demo school generator. Two phases:
 *   1. build a model in memory (people, families, usernames, group places) from a PRNG seeded by
 *      opt->seed: pure, so the same seed always gives the same people;
 *   2. insert it in ONE transaction with cached prepared statements, ids kept in memory, so no row is
 *      ever looked up again (the large school has ~250k goal statuses and must take seconds, not minutes);
 *      the roster's ~41k lesson instances come from one INSERT ... SELECT per school day.
 * Phase 2 draws its own random numbers (statuses, eigen groepen) from a stream re-seeded at its start, so
 * a retry of the transaction after SQLITE_BUSY produces exactly the same rows. */
#include "core/db_sql.h"
#include "core/demo.h"

#include "core/clock.h"
#include "core/dates.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/demo_names.h"
#include "core/strbuf.h"
#include "core/text.h"

#define SCHOOL_NAME "OBS De Regenboog (demo)"
#define SCHOOL_BRIN "99ZZ"
#define EMAIL_DOMAIN "demo.klassenmap.nl"
#define USERNAME_LEN 40   /* users.c keeps names at 15+1+14 characters plus a number */
#define MAX_DATES 400     /* weekdays of one school year, with room to spare */
#define STATUS_PERCENT 85 /* share of a student's goals (of their own niveau) that has a status */
#define DUO_BY_PERCENT 30 /* how often the duo-collega, not the main teacher, set a status */

/* ---- a small deterministic PRNG (splitmix64): rand() is neither seedable per call nor portable ---- */

struct rng {
    uint64_t state;
};

static void rng_seed(struct rng *r, uint32_t seed, uint64_t stream)
{
    r->state = ((uint64_t)seed << 32 | seed) ^ (stream * 0x9E3779B97F4A7C15ull);
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n) without modulo bias worth mentioning (multiply-shift on 32 bits). */
static int rng_below(struct rng *r, size_t n) { return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32); }

static bool rng_percent(struct rng *r, int pct) { return rng_below(r, 100) < pct; }

/* Dates are day numbers since 1970-01-01 (core/dates.h). */
static bool is_weekend(int64_t z) { return dates_weekday(z) >= 6; }

/* ---- the two sizes ---- */

struct plan {
    int jg_first, jg_last; /* jaargroepen that have stamgroepen */
    int groups_per_jg;
    int per_group;      /* students per stamgroep */
    int duo_every;      /* stamgroep g has a duo-collega when g % duo_every == 0 */
    int extra_teachers; /* teachers without a stamgroep (remedial teaching, plusklas, gym) */
    int beheerders;
    int families, parents; /* children are spread over the families; parents - families have two parents */
    int eigen_per_jg;      /* eigen groepen per jaargroep */
    int eigen_member_pct;  /* chance that a student of the jaargroep is in one of them */
    int goals, niveau_first, niveau_last;
    int lokalen, halls; /* classrooms; gymzalen and speellokalen (each) */
    int weeks;          /* roster weeks, the first ROSTER_PAST_WEEKS of them before the current one */
    int holiday_every;  /* roster week w (0-based) is a holiday when (w + 1) % holiday_every == 0 */
    int toets_every;    /* every so many non-holiday weeks use the Toetsweek template; 0 = no Toetsweek */
    bool eigen_lessons; /* each eigen groep joins one lesson a week of its linked stamgroep */
};

static const struct plan plan_small = {
    .jg_first = 5,
    .jg_last = 6,
    .groups_per_jg = 1,
    .per_group = 25,
    .duo_every = 3,
    .extra_teachers = 0,
    .beheerders = 1,
    .families = 42,
    .parents = 70,
    .eigen_per_jg = 1,
    .eigen_member_pct = 32,
    .goals = 100,
    .niveau_first = 5,
    .niveau_last = 6,
    .lokalen = 6,
    .halls = 1,
    .weeks = 8,
    .holiday_every = 6,
    .toets_every = 0,
    .eigen_lessons = true,
};

static const struct plan plan_large = {
    .jg_first = 1,
    .jg_last = 8,
    .groups_per_jg = 6,
    .per_group = 25,
    .duo_every = 3,
    .extra_teachers = 22,
    .beheerders = 4,
    .families = 1000,
    .parents = 1800,
    .eigen_per_jg = 5,
    .eigen_member_pct = 7,
    .goals = 2000,
    .niveau_first = 1,
    .niveau_last = 8,
    .lokalen = 48,
    .halls = 2,
    .weeks = 40,
    .holiday_every = 10,
    .toets_every = 8,
    .eigen_lessons = false,
};

/* The large school four times over: four times the groups (a..x per jaargroep), people, rooms and goals; the
 * same weeks and templates per group. */
static const struct plan plan_xl = {
    .jg_first = 1,
    .jg_last = 8,
    .groups_per_jg = 24,
    .per_group = 25,
    .duo_every = 3,
    .extra_teachers = 88,
    .beheerders = 4,
    .families = 4000,
    .parents = 7200,
    .eigen_per_jg = 20,
    .eigen_member_pct = 7,
    .goals = 8000,
    .niveau_first = 1,
    .niveau_last = 8,
    .lokalen = 192,
    .halls = 8,
    .weeks = 40,
    .holiday_every = 10,
    .toets_every = 8,
    .eigen_lessons = false,
};

static int plan_stam(const struct plan *p) { return (p->jg_last - p->jg_first + 1) * p->groups_per_jg; }
static int plan_students(const struct plan *p) { return plan_stam(p) * p->per_group; }
static int plan_duos(const struct plan *p) { return (plan_stam(p) + p->duo_every - 1) / p->duo_every; }
static int plan_teachers(const struct plan *p) { return plan_stam(p) + plan_duos(p) + p->extra_teachers; }
static int plan_jaargroep(const struct plan *p, int g) { return p->jg_first + g / p->groups_per_jg; }
static int plan_eigen(const struct plan *p) { return (p->jg_last - p->jg_first + 1) * p->eigen_per_jg; }
static int plan_templates(const struct plan *p) { return p->toets_every > 0 ? 2 : 1; }
/* An upper bound: every stamgroep has a lesson in every lesson hour of every template. */
static int plan_lessons(const struct plan *p) { return plan_templates(p) * plan_stam(p) * DEMO_DAYS * DEMO_HOURS; }

/* "groep 5a", "groep 6b" in the small school (one group per jaargroep, letters running on), "groep 3c" in
 * the large one (letters a..f within each jaargroep). */
static void stam_name(const struct plan *p, int g, char *out, size_t len)
{
    int letter = p->groups_per_jg == 1 ? g : g % p->groups_per_jg;
    snprintf(out, len, "groep %d%c", plan_jaargroep(p, g), 'a' + letter % 26);
}

/* ---- the model ---- */

struct person {
    enum km_role role;
    const char *roepnaam, *voorvoegsel, *achternaam;
    char username[USERNAME_LEN];
    char instroom[11]; /* students only */
    int group;         /* student: stamgroep; teacher: stamgroep taught, -1 for none */
    int ability;       /* student: -25..25, shifts their statuses */
    int64_t id;
};

struct goal {
    int64_t id;
    int niveau;
    int pos, cell; /* place within its (deelgebied, niveau) and how many goals that cell has */
};

/* What the roster needs of a lesson, kept so that planning goals never reads a lesson back. */
struct lesson {
    int64_t id, teacher_id;
    int deel, niveau; /* index into curriculum_ids.deel; niveau number */
};

/* An eigen groep as inserted: its id, the stamgroep it is linked to and its pattern (name and area). */
struct eigen {
    int64_t id;
    int linked, pattern;
};

struct family {
    int first_child, nchildren; /* students are built family by family, so siblings are consecutive */
    int parent[2];              /* person indices, -1 for none */
};

struct model {
    struct plan plan;
    uint32_t seed;
    char schooljaar[10];
    char today[11];
    int64_t today_z; /* today as a day number: the roster is placed around it */
    struct person *people;
    int npeople, nstaff, first_student, nstudents, first_parent, nparents;
    int first_teacher, first_extra; /* staff: beheerders, stamgroep teachers, extra teachers */
    struct family *families;
    int *stam_teacher;  /* [2 * stamgroep + k]: person index, -1 for none */
    int *student_order; /* student person indices, sorted by stamgroep */
    int64_t *stam_id;
    int64_t *lokaal_id; /* rooms "lokaal 1".. in order; stamgroep g has lokaal_id[g] */
    struct eigen *eigen;
    struct lesson *lessons;  /* in id order */
    int64_t (*week_rows)[2]; /* scratch: (instance id, lesson id) of one roster week */
    struct goal *goals;
    char (*dates)[11]; /* school days of this year so far, for status timestamps */
    int ndates;
    const char **taken; /* open-addressing set of usernames; case is folded already */
    size_t ntaken_cap;
    struct rng rng;
    char hash[AUTH_HASH_LEN];
};

/* The school year runs from 1 August, so on 2026-07-31 it is still "2025-2026". */
static void model_dates(struct model *m)
{
    struct tm tm;
    clock_local(&tm);
    int year = tm.tm_year + 1900, start = tm.tm_mon >= 7 ? year : year - 1;
    snprintf(m->schooljaar, sizeof m->schooljaar, "%04u-%04u", (unsigned)start % 10000u,
             (unsigned)(start + 1) % 10000u);
    int64_t today = dates_from_civil(year, tm.tm_mon + 1, tm.tm_mday);
    m->today_z = today;
    dates_format(today, m->today);
    /* Statuses were set on school days since 1 September; early in August there are none yet. */
    m->ndates = 0;
    for (int64_t z = dates_from_civil(start, 9, 1); z <= today && m->ndates < MAX_DATES; z++)
        if (!is_weekend(z))
            dates_format(z, m->dates[m->ndates++]);
    if (m->ndates == 0)
        snprintf(m->dates[m->ndates++], 11, "%s", m->today);
}

static void model_free(struct model *m)
{
    free(m->people);
    free(m->families);
    free(m->stam_teacher);
    free(m->student_order);
    free(m->stam_id);
    free(m->lokaal_id);
    free(m->eigen);
    free(m->lessons);
    free(m->week_rows);
    free(m->goals);
    free(m->dates);
    free(m->taken);
    auth_wipe(m->hash, sizeof m->hash);
}

static bool model_alloc(struct model *m)
{
    const struct plan *p = &m->plan;
    m->nstaff = p->beheerders + plan_teachers(p);
    m->nstudents = plan_students(p);
    m->nparents = p->parents;
    m->first_student = m->nstaff;
    m->first_parent = m->first_student + m->nstudents;
    m->npeople = m->first_parent + m->nparents;
    m->ntaken_cap = 1;
    while (m->ntaken_cap < (size_t)m->npeople * 2)
        m->ntaken_cap <<= 1;
    m->people = calloc((size_t)m->npeople, sizeof *m->people);
    m->families = calloc((size_t)p->families, sizeof *m->families);
    m->stam_teacher = calloc((size_t)plan_stam(p) * 2, sizeof *m->stam_teacher);
    m->student_order = calloc((size_t)m->nstudents, sizeof *m->student_order);
    m->stam_id = calloc((size_t)plan_stam(p), sizeof *m->stam_id);
    m->lokaal_id = calloc((size_t)p->lokalen, sizeof *m->lokaal_id);
    m->eigen = calloc((size_t)plan_eigen(p), sizeof *m->eigen);
    m->lessons = calloc((size_t)plan_lessons(p), sizeof *m->lessons);
    m->week_rows = calloc((size_t)plan_lessons(p), sizeof *m->week_rows);
    m->goals = calloc((size_t)p->goals, sizeof *m->goals);
    m->dates = calloc(MAX_DATES, sizeof *m->dates);
    m->taken = calloc(m->ntaken_cap, sizeof *m->taken);
    return m->people && m->families && m->stam_teacher && m->student_order && m->stam_id && m->lokaal_id && m->eigen &&
           m->lessons && m->week_rows && m->goals && m->dates && m->taken;
}

/* ---- usernames: the rule of users_make_username, checked against an in-memory set instead of one
 * SELECT per account ---- */

static size_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

/* Adds name to the set unless it is there; returns false when taken. The set holds pointers to the
 * people's own buffers, which never move. Names are lower-case ASCII, so NOCASE equals exact here. */
static bool take_name(struct model *m, const char *name)
{
    size_t mask = m->ntaken_cap - 1;
    for (size_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
        if (!m->taken[i]) {
            m->taken[i] = name;
            return true;
        }
        if (strcmp(m->taken[i], name) == 0)
            return false;
    }
}

static void make_username(struct model *m, struct person *who)
{
    char first[64], last[96], joined[256], base[32];
    text_fold_ascii(who->roepnaam, 0, first, sizeof first);
    snprintf(joined, sizeof joined, "%s%s", who->voorvoegsel, who->achternaam);
    text_fold_ascii(joined, 0, last, sizeof last);
    snprintf(base, sizeof base, "%.15s.%.14s", first[0] ? first : "gebruiker", last[0] ? last : "x");
    snprintf(who->username, sizeof who->username, "%s", base);
    /* The set is at most half full and a suffix is tried at most once per namesake: this ends. */
    for (int n = 2; !take_name(m, who->username); n++)
        snprintf(who->username, sizeof who->username, "%s%d", base, n % 10000);
}

/* A person with a fixed name and (when username is not NULL) a fixed username. */
static struct person *add_person(struct model *m, int index, enum km_role role, const char *roepnaam,
                                 const struct demo_surname *sn, const char *username)
{
    struct person *who = &m->people[index];
    who->role = role;
    who->roepnaam = roepnaam;
    who->voorvoegsel = sn->voorvoegsel;
    who->achternaam = sn->achternaam;
    who->group = -1;
    if (username) {
        snprintf(who->username, sizeof who->username, "%s", username);
        take_name(m, who->username);
    } else {
        make_username(m, who);
    }
    return who;
}

static const struct demo_surname *random_surname(struct model *m)
{
    return &demo_surnames[rng_below(&m->rng, demo_surnames_n)];
}

static const char *random_adult(struct model *m) { return demo_adult_names[rng_below(&m->rng, demo_adult_names_n)]; }

/* An adult with a random name. Name and surname are drawn in separate statements: C leaves the order of
 * evaluating function arguments open, and the PRNG must be drawn in one fixed order on every compiler. */
static struct person *add_random_adult(struct model *m, int index, enum km_role role)
{
    const char *roepnaam = random_adult(m);
    const struct demo_surname *sn = random_surname(m);
    return add_person(m, index, role, roepnaam, sn, NULL);
}

/* The three names the tests look for (Daniëlle, Çelik, van 't) are the fixed accounts', so every seed has
 * them. Their usernames are reserved first, so no generated account can take them. */
static const struct demo_surname fixed_family = {"van 't", "Hof"};
static const struct demo_surname fixed_teacher = {"", "Çelik"};
static const struct demo_surname fixed_admin = {"", "Dijkstra"};

static void reserve_fixed(struct model *m)
{
    take_name(m, "beheerder");
    take_name(m, "leerkracht");
    take_name(m, "leerling");
    take_name(m, "ouder");
}

/* Staff in id order: beheerders, then per stamgroep its teacher and duo-collega, then extra teachers. */
static void build_staff(struct model *m)
{
    const struct plan *p = &m->plan;
    int i = 0;
    add_person(m, i++, ROLE_BEHEERDER, "Marieke", &fixed_admin, "beheerder");
    while (i < p->beheerders)
        add_random_adult(m, i++, ROLE_BEHEERDER);
    m->first_teacher = i;
    for (int g = 0; g < plan_stam(p); g++) {
        struct person *t = g == 0 ? add_person(m, i, ROLE_LEERKRACHT, "Aylin", &fixed_teacher, "leerkracht")
                                  : add_random_adult(m, i, ROLE_LEERKRACHT);
        t->group = g;
        m->stam_teacher[2 * g] = i++;
        m->stam_teacher[2 * g + 1] = -1;
        if (g % p->duo_every == 0) {
            add_random_adult(m, i, ROLE_LEERKRACHT)->group = g;
            m->stam_teacher[2 * g + 1] = i++;
        }
    }
    m->first_extra = i;
    while (i < m->nstaff)
        add_random_adult(m, i++, ROLE_LEERKRACHT);
}

/* Children per family: everyone one, the rest as siblings (at most three per family). */
static void plan_children(struct model *m, int *nchildren)
{
    int families = m->plan.families;
    for (int f = 0; f < families; f++)
        nchildren[f] = 1;
    for (int extra = m->nstudents - families; extra > 0;) {
        int f = rng_below(&m->rng, (size_t)families);
        if (nchildren[f] < 3) {
            nchildren[f]++;
            extra--;
        }
    }
}

/* Parents per family: one each, a second one for (parents - families) of them. */
static void plan_parents(struct model *m, int *nparents)
{
    int families = m->plan.families;
    for (int f = 0; f < families; f++)
        nparents[f] = 1;
    for (int extra = m->nparents - families; extra > 0;) {
        int f = rng_below(&m->rng, (size_t)families);
        if (nparents[f] == 1) {
            nparents[f] = 2;
            extra--;
        }
    }
}

static const char *child_name(struct model *m, int first_sibling, int me)
{
    for (;;) {
        const char *name = demo_child_names[rng_below(&m->rng, demo_child_names_n)];
        bool dup = false;
        for (int s = first_sibling; s < me; s++)
            dup = dup || strcmp(m->people[s].roepnaam, name) == 0;
        if (!dup)
            return name; /* siblings never share a roepnaam */
    }
}

/* One family: parents (the second has the family name half the time) and children with the family name. */
static void build_family(struct model *m, int f, int nchildren, int nparents, int *next_student, int *next_parent)
{
    bool fixed = f == 0;
    struct family *fam = &m->families[f];
    const struct demo_surname *sn = fixed ? &fixed_family : random_surname(m);
    for (int k = 0; k < 2; k++) {
        fam->parent[k] = -1;
        if (k >= nparents)
            continue;
        const struct demo_surname *own = k == 1 && rng_percent(&m->rng, 50) ? random_surname(m) : sn;
        const char *roep = fixed && k == 0 ? "Sjoerd" : random_adult(m);
        add_person(m, *next_parent, ROLE_OUDER, roep, own, fixed && k == 0 ? "ouder" : NULL);
        fam->parent[k] = (*next_parent)++;
    }
    int first = *next_student;
    fam->first_child = first;
    fam->nchildren = nchildren;
    for (int c = 0; c < nchildren; c++) {
        int i = (*next_student)++;
        const char *roep = fixed && c == 0 ? "Daniëlle" : child_name(m, first, i);
        struct person *child = add_person(m, i, ROLE_LEERLING, roep, sn, fixed && c == 0 ? "leerling" : NULL);
        child->ability = rng_below(&m->rng, 51) - 25;
    }
}

static bool build_families(struct model *m)
{
    int families = m->plan.families;
    int *nchildren = calloc((size_t)families, sizeof *nchildren);
    int *nparents = calloc((size_t)families, sizeof *nparents);
    if (!nchildren || !nparents) {
        free(nchildren);
        free(nparents);
        return false;
    }
    plan_children(m, nchildren);
    plan_parents(m, nparents);
    int next_student = m->first_student, next_parent = m->first_parent;
    for (int f = 0; f < families; f++)
        build_family(m, f, nchildren[f], nparents[f], &next_student, &next_parent);
    free(nchildren);
    free(nparents);
    return true;
}

/* Every stamgroep gets exactly per_group students, shuffled; the fixed `leerling` (the first student)
 * goes to the first stamgroep, where `leerkracht` teaches. Twins may share a group, as they do. */
static void assign_groups(struct model *m)
{
    int n = m->nstudents;
    int *slot = m->student_order; /* borrowed as scratch, then filled with the real order below */
    for (int i = 0; i < n; i++)
        slot[i] = i / m->plan.per_group;
    for (int i = n - 1; i > 0; i--) {
        int j = rng_below(&m->rng, (size_t)i + 1), tmp = slot[i];
        slot[i] = slot[j];
        slot[j] = tmp;
    }
    for (int i = 0; i < n; i++) {
        if (slot[i] == 0) {
            slot[i] = slot[0];
            slot[0] = 0;
            break;
        }
    }
    for (int i = 0; i < n; i++)
        m->people[m->first_student + i].group = slot[i];
}

/* Students inserted group by group, so a group's students have consecutive ids. */
static void order_students(struct model *m)
{
    int k = 0;
    for (int g = 0; g < plan_stam(&m->plan); g++)
        for (int i = 0; i < m->nstudents; i++)
            if (m->people[m->first_student + i].group == g)
                m->student_order[k++] = m->first_student + i;
}

/* A weekday in the school year in which the student came to school as a four-year-old. */
static void instroom_dates(struct model *m)
{
    int start = atoi(m->schooljaar);
    for (int i = 0; i < m->nstudents; i++) {
        struct person *s = &m->people[m->first_student + i];
        int y = start - plan_jaargroep(&m->plan, s->group);
        int64_t from = dates_from_civil(y, 8, 20), to = dates_from_civil(y + 1, 7, 10);
        int64_t z = from + rng_below(&m->rng, (size_t)(to - from));
        while (is_weekend(z))
            z++;
        dates_format(z, s->instroom);
    }
}

static bool build_model(struct model *m)
{
    if (!model_alloc(m))
        return false;
    rng_seed(&m->rng, m->seed, 1);
    model_dates(m);
    reserve_fixed(m);
    build_staff(m);
    if (!build_families(m))
        return false;
    assign_groups(m);
    order_students(m);
    instroom_dates(m);
    return true;
}

/* ---- phase 2: inserting ---- */

#define MAX_DEEL 32

struct curriculum_ids {
    int64_t hoofd[MAX_DEEL];
    int64_t deel[MAX_DEEL]; /* in table order over all hoofdgebieden */
    int64_t niveau[9];      /* by niveau number 1..8 */
};

/* The goals of one (deelgebied, niveau) cell: m->goals[first .. first + count). */
struct cell {
    int first, count;
};

struct fill {
    struct model *m;
    struct demo_report *rep;
    char now[20];
    struct curriculum_ids ids;
    struct cell cells[MAX_DEEL][9];
    int nlessons;
};

static enum km_rc check_empty(struct km_db *db)
{
    int64_t n = 0;
    enum km_rc rc = db_int(db, &n,
                           "SELECT (SELECT count(*) FROM school) + (SELECT count(*) FROM users)"
                           " + (SELECT count(*) FROM groups) + (SELECT count(*) FROM hoofdgebieden)"
                           " + (SELECT count(*) FROM leerdoelen) + (SELECT count(*) FROM rooms)"
                           " + (SELECT count(*) FROM week_templates)",
                           NULL);
    if (rc == KM_OK && n > 0)
        return db_fail(db, KM_EXISTS,
                       "Deze database is niet leeg (er is al een school, of er zijn al gebruikers, "
                       "groepen of leerdoelen); een demoschool komt alleen in een nieuwe database.");
    return rc;
}

static enum km_rc insert_school(struct km_db *db, struct fill *f)
{
    return db_exec(db, "INSERT INTO school (id, name, brin, demo, created_at) VALUES (1, ?, ?, 1, ?)", "ttt",
                   SCHOOL_NAME, SCHOOL_BRIN, f->now);
}

/* Every account gets the same hash (see demo_create); students have no e-mail address. */
static enum km_rc insert_person(struct km_db *db, struct fill *f, struct person *who)
{
    char email[USERNAME_LEN + sizeof EMAIL_DOMAIN + 1] = "";
    if (who->role != ROLE_LEERLING)
        snprintf(email, sizeof email, "%s@%s", who->username, EMAIL_DOMAIN);
    enum km_rc rc = db_exec(db,
                            "INSERT INTO users (role, username, roepnaam, voorvoegsel, achternaam, email, instroom,"
                            " password_hash, password_state, password_changed_at, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'set', ?, ?)",
                            "tttttee"
                            "ttt",
                            km_role_name(who->role), who->username, who->roepnaam, who->voorvoegsel, who->achternaam,
                            email, who->instroom, f->m->hash, f->now, f->now);
    who->id = db_last_id(db);
    return rc;
}

static enum km_rc insert_people(struct km_db *db, struct fill *f)
{
    struct model *m = f->m;
    enum km_rc rc = KM_OK;
    for (int i = 0; i < m->nstaff && rc == KM_OK; i++)
        rc = insert_person(db, f, &m->people[i]);
    for (int i = 0; i < m->nstudents && rc == KM_OK; i++)
        rc = insert_person(db, f, &m->people[m->student_order[i]]);
    for (int i = m->first_parent; i < m->npeople && rc == KM_OK; i++)
        rc = insert_person(db, f, &m->people[i]);
    return rc;
}

/* Parents and children of a family are linked all-to-all: both parents of every sibling. */
static enum km_rc insert_parent_links(struct km_db *db, struct fill *f)
{
    struct model *m = f->m;
    enum km_rc rc = KM_OK;
    for (int fam = 0; fam < m->plan.families && rc == KM_OK; fam++) {
        const struct family *fa = &m->families[fam];
        for (int k = 0; k < 2 && fa->parent[k] >= 0 && rc == KM_OK; k++)
            for (int c = 0; c < fa->nchildren && rc == KM_OK; c++)
                rc = db_exec(db, "INSERT INTO parent_child (parent_id, child_id) VALUES (?, ?)", "ii",
                             m->people[fa->parent[k]].id, m->people[fa->first_child + c].id);
    }
    return rc;
}

static enum km_rc membership(struct km_db *db, int64_t group_id, int64_t user_id, const char *kind)
{
    return db_exec(db, "INSERT INTO memberships (group_id, user_id, kind) VALUES (?, ?, ?)", "iit", group_id, user_id,
                   kind);
}

/* pattern with its first '#' replaced by value ("rekenen niveau #" -> "rekenen niveau 5"). */
/* Appends n bytes of s, cut to fit (the buffers are sized so that nothing is ever cut). */
static void fill_in(const char *pattern, const char *value, const char *suffix, char *out, size_t len)
{
    const char *mark = strchr(pattern, '#');
    if (len == 0)
        return;
    out[0] = '\0';
    strbuf_appendn(out, len, pattern, mark ? (size_t)(mark - pattern) : strlen(pattern));
    if (mark) {
        strbuf_appendn(out, len, value, strlen(value));
        strbuf_appendn(out, len, mark + 1, strlen(mark + 1));
    }
    strbuf_appendn(out, len, suffix, strlen(suffix));
}

static enum km_rc insert_stamgroep(struct km_db *db, struct fill *f, int g)
{
    struct model *m = f->m;
    char name[32], jaargroep[8];
    stam_name(&m->plan, g, name, sizeof name);
    snprintf(jaargroep, sizeof jaargroep, "%d", plan_jaargroep(&m->plan, g) % 100);
    enum km_rc rc = db_exec(db,
                            "INSERT INTO groups (name, kind, schooljaar, jaargroep, created_at)"
                            " VALUES (?, 'stamgroep', ?, ?, ?)",
                            "tttt", name, m->schooljaar, jaargroep, f->now);
    m->stam_id[g] = db_last_id(db);
    for (int k = 0; k < 2 && rc == KM_OK; k++)
        if (m->stam_teacher[2 * g + k] >= 0)
            rc = membership(db, m->stam_id[g], m->people[m->stam_teacher[2 * g + k]].id, "leerkracht");
    return rc;
}

static enum km_rc insert_stamgroepen(struct km_db *db, struct fill *f)
{
    struct model *m = f->m;
    enum km_rc rc = KM_OK;
    for (int g = 0; g < plan_stam(&m->plan) && rc == KM_OK; g++)
        rc = insert_stamgroep(db, f, g);
    for (int i = 0; i < m->nstudents && rc == KM_OK; i++) {
        const struct person *s = &m->people[m->student_order[i]];
        rc = membership(db, m->stam_id[s->group], s->id, "leerling");
    }
    return rc;
}

/* Students of jaargroep jg are consecutive in student_order (it is sorted by stamgroep). */
static enum km_rc eigen_members(struct km_db *db, struct fill *f, int64_t group_id, int jg)
{
    struct model *m = f->m;
    const struct plan *p = &m->plan;
    int per_jg = p->groups_per_jg * p->per_group, first = (jg - p->jg_first) * per_jg;
    enum km_rc rc = KM_OK;
    for (int i = first; i < first + per_jg && rc == KM_OK; i++)
        if (rng_percent(&m->rng, p->eigen_member_pct))
            rc = membership(db, group_id, m->people[m->student_order[i]].id, "leerling");
    return rc;
}

/* An eigen groep of jaargroep jg, linked to one of its stamgroepen; taught by an extra teacher when the
 * school has them, else by the linked group's own teacher. */
static enum km_rc insert_eigen(struct km_db *db, struct fill *f, int jg, int k)
{
    struct model *m = f->m;
    const struct plan *p = &m->plan;
    char name[64], jaargroep[8];
    snprintf(jaargroep, sizeof jaargroep, "%d", jg % 100);
    char round[16] = "";               /* the xl school has more eigen groepen per jaargroep than there are patterns */
    assert(demo_eigen_patterns_n > 0); /* a list in demo_names.c; the analyzer sees only its count's name here */
    if ((size_t)k >= demo_eigen_patterns_n)
        snprintf(round, sizeof round, " (%d)", (int)((size_t)k / demo_eigen_patterns_n) + 1);
    fill_in(demo_eigen_patterns[(size_t)(jg + k) % demo_eigen_patterns_n], jaargroep, round, name, sizeof name);
    int linked = (jg - p->jg_first) * p->groups_per_jg + k % p->groups_per_jg;
    int teacher =
        p->extra_teachers > 0 ? m->first_extra + f->rep->groups_eigen % p->extra_teachers : m->stam_teacher[2 * linked];
    enum km_rc rc = db_exec(db,
                            "INSERT INTO groups (name, kind, schooljaar, jaargroep, linked_group_id, created_at)"
                            " VALUES (?, 'eigen', ?, ?, ?, ?)",
                            "tttit", name, m->schooljaar, jaargroep, m->stam_id[linked], f->now);
    int64_t id = db_last_id(db);
    m->eigen[f->rep->groups_eigen] = (struct eigen){id, linked, (int)((size_t)(jg + k) % demo_eigen_patterns_n)};
    if (rc == KM_OK)
        rc = membership(db, id, m->people[teacher].id, "leerkracht");
    if (rc == KM_OK)
        rc = eigen_members(db, f, id, jg);
    f->rep->groups_eigen++;
    return rc;
}

static enum km_rc insert_eigen_groepen(struct km_db *db, struct fill *f)
{
    const struct plan *p = &f->m->plan;
    enum km_rc rc = KM_OK;
    for (int jg = p->jg_first; jg <= p->jg_last && rc == KM_OK; jg++)
        for (int k = 0; k < p->eigen_per_jg && rc == KM_OK; k++)
            rc = insert_eigen(db, f, jg, k);
    return rc;
}

/* ---- curriculum ---- */

static enum km_rc insert_areas(struct km_db *db, struct curriculum_ids *ids)
{
    enum km_rc rc = KM_OK;
    int d = 0;
    for (size_t h = 0; h < demo_curriculum_n && rc == KM_OK; h++) {
        const struct demo_hoofdgebied *hg = &demo_curriculum[h];
        rc = db_exec(db, "INSERT INTO hoofdgebieden (name, sort_order) VALUES (?, ?)", "td", hg->name, (int)h + 1);
        int64_t hid = db_last_id(db);
        if (h < MAX_DEEL)
            ids->hoofd[h] = hid;
        for (size_t k = 0; k < hg->ndeel && rc == KM_OK && d < MAX_DEEL; k++, d++) {
            rc = db_exec(db, "INSERT INTO deelgebieden (hoofdgebied_id, name, sort_order) VALUES (?, ?, ?)", "itd", hid,
                         hg->deel[k].name, (int)k + 1);
            ids->deel[d] = db_last_id(db);
        }
    }
    for (int n = 1; n <= 8 && rc == KM_OK; n++) {
        char name[4];
        snprintf(name, sizeof name, "%u", (unsigned)n % 10u);
        rc = db_exec(db, "INSERT INTO niveaus (name, sort_order) VALUES (?, ?)", "td", name, n);
        ids->niveau[n] = db_last_id(db);
    }
    return rc;
}

/* A cell's titles come from a window of the deelgebied's list (ordered easy to hard) that lies further down
 * as the niveau rises; a cell with more goals than its window repeats the titles with a variation
 * ("... met een hulpmiddel"). The window holds at least half the list, and enough titles that no
 * (title, variation) pair repeats within a cell. */
static void goal_title(const struct demo_deelgebied *d, int niveau, int k, int count, char *out, size_t len)
{
    size_t n = d->ntitles, nsuffix = demo_title_suffixes_n, shift = (size_t)(niveau - 1) * n / 8;
    size_t w = ((size_t)count + nsuffix - 1) / nsuffix;
    w = w < n / 2 ? n / 2 : w > n ? n : w;
    size_t start = shift < n - w ? shift : n - w;
    const char *suffix = demo_title_suffixes[((size_t)k / w) % nsuffix];
    fill_in(d->titles[start + (size_t)k % w], demo_niveau_range[niveau - 1], suffix, out, len);
}

/* The goals of one (deelgebied, niveau) cell, coded like "RE-BR-5.03". */
static enum km_rc insert_cell(struct km_db *db, struct fill *f, const struct demo_hoofdgebied *hg,
                              const struct demo_deelgebied *dg, int64_t deel_id, int64_t niveau_id, int niveau,
                              int count, int *next)
{
    enum km_rc rc = KM_OK;
    for (int k = 0; k < count && rc == KM_OK; k++) {
        char code[32], title[200];
        snprintf(code, sizeof code, "%s-%s-%d.%02d", hg->code, dg->code, niveau, k + 1);
        goal_title(dg, niveau, k, count, title, sizeof title);
        rc = db_exec(db,
                     "INSERT INTO leerdoelen (deelgebied_id, niveau_id, code, title, sort_order)"
                     " VALUES (?, ?, ?, ?, ?)",
                     "iittd", deel_id, niveau_id, code, title, k + 1);
        f->m->goals[*next] = (struct goal){db_last_id(db), niveau, k, count};
        (*next)++;
    }
    return rc;
}

/* plan.goals spread evenly over all (deelgebied, niveau) cells; the first cells take the remainder. */
static enum km_rc insert_goals(struct km_db *db, struct fill *f, const struct curriculum_ids *ids)
{
    const struct plan *p = &f->m->plan;
    int nniveau = p->niveau_last - p->niveau_first + 1, ndeel = 0;
    for (size_t h = 0; h < demo_curriculum_n; h++)
        ndeel += (int)demo_curriculum[h].ndeel;
    int cells = ndeel * nniveau, cell = 0, next = 0, d = 0;
    enum km_rc rc = KM_OK;
    for (size_t h = 0; h < demo_curriculum_n && rc == KM_OK; h++) {
        const struct demo_hoofdgebied *hg = &demo_curriculum[h];
        for (size_t k = 0; k < hg->ndeel && rc == KM_OK; k++, d++) {
            for (int n = p->niveau_first; n <= p->niveau_last && rc == KM_OK; n++, cell++) {
                int count = p->goals / cells + (cell < p->goals % cells);
                if (d < MAX_DEEL)
                    f->cells[d][n] = (struct cell){next, count};
                rc = insert_cell(db, f, hg, &hg->deel[k], ids->deel[d], ids->niveau[n], n, count, &next);
            }
        }
    }
    return rc;
}

static enum km_rc insert_curriculum(struct km_db *db, struct fill *f)
{
    enum km_rc rc = insert_areas(db, &f->ids);
    return rc == KM_OK ? insert_goals(db, f, &f->ids) : rc;
}

/* ---- goal statuses ---- */

/* Skewed as in a real school part-way through the year: goals of a niveau are taught in order, so the ones
 * well before YEAR_PROGRESS are mostly mastered, those around it in progress, the later ones mostly not
 * started; strong students are further along. Fixed, not taken from today's date: the same seed must give
 * the same statuses on every day. */
#define YEAR_PROGRESS 45 /* percent of a niveau's goals taught so far */

static int pick_status(struct rng *r, const struct person *s, const struct goal *g)
{
    int taught = g->pos * 100 / g->cell;
    int score = 50 + YEAR_PROGRESS - taught + s->ability + rng_below(r, 41) - 20;
    return score >= 75 ? 4 : score >= 55 ? 3 : score >= 35 ? 2 : 1;
}

/* A moment on a past school day, within school hours. */
static void status_stamp(struct model *m, char out[20])
{
    unsigned minute = 8 * 60 + 30 + (unsigned)rng_below(&m->rng, 6 * 60);
    const char *day = m->dates[rng_below(&m->rng, (size_t)m->ndates)];
    snprintf(out, 20, "%.10s %02u:%02u:%02u", day, minute / 60 % 24u, minute % 60u,
             (unsigned)rng_below(&m->rng, 60) % 60u);
}

static enum km_rc student_statuses(struct km_db *db, struct fill *f, const struct person *s)
{
    struct model *m = f->m;
    int jg = plan_jaargroep(&m->plan, s->group), main = m->stam_teacher[2 * s->group],
        duo = m->stam_teacher[2 * s->group + 1];
    enum km_rc rc = KM_OK;
    for (int i = 0; i < m->plan.goals && rc == KM_OK; i++) {
        const struct goal *g = &m->goals[i];
        if (g->niveau != jg || !rng_percent(&m->rng, STATUS_PERCENT))
            continue;
        int status = pick_status(&m->rng, s, g);
        int by = duo >= 0 && rng_percent(&m->rng, DUO_BY_PERCENT) ? duo : main;
        char stamp[20];
        status_stamp(m, stamp);
        rc = db_exec(db,
                     "INSERT INTO goal_status (student_id, goal_id, status_id, updated_by, updated_at)"
                     " VALUES (?, ?, ?, ?, ?)",
                     "iidit", s->id, g->id, status, m->people[by].id, stamp);
        f->rep->statuses++;
    }
    return rc;
}

/* One history row per status: from nothing to the status, by the same teacher at the same moment. One
 * INSERT ... SELECT instead of 250k statements. */
static enum km_rc insert_statuses(struct km_db *db, struct fill *f)
{
    struct model *m = f->m;
    enum km_rc rc = KM_OK;
    for (int i = 0; i < m->nstudents && rc == KM_OK; i++)
        rc = student_statuses(db, f, &m->people[m->student_order[i]]);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO goal_status_history (student_id, goal_id, from_status_id, to_status_id,"
                     " changed_by, changed_at)"
                     " SELECT student_id, goal_id, NULL, status_id, updated_by, updated_at FROM goal_status"
                     " ORDER BY student_id, goal_id",
                     NULL);
    return rc;
}

/* ---- building: rooms and school hours ---- */

static enum km_rc insert_room(struct km_db *db, struct fill *f, const char *name, int capacity)
{
    f->rep->rooms++;
    return db_exec(db, "INSERT INTO rooms (name, capacity) VALUES (?, ?)", "td", name, capacity);
}

/* "gymzaal", "gymzaal 2": the first of a kind has no number, as a school with one of them calls it. */
static enum km_rc insert_hall(struct km_db *db, struct fill *f, const char *kind, int i, int capacity)
{
    char name[32];
    if (i == 1)
        snprintf(name, sizeof name, "%s", kind);
    else
        snprintf(name, sizeof name, "%s %d", kind, i % 100);
    return insert_room(db, f, name, capacity);
}

static enum km_rc insert_rooms(struct km_db *db, struct fill *f)
{
    const struct plan *p = &f->m->plan;
    enum km_rc rc = KM_OK;
    for (int i = 1; i <= p->lokalen && rc == KM_OK; i++) {
        char name[24];
        snprintf(name, sizeof name, "lokaal %d", i % 1000);
        rc = insert_room(db, f, name, 28 + 2 * (i % 3));
        f->m->lokaal_id[i - 1] = db_last_id(db);
    }
    for (int i = 1; i <= p->halls && rc == KM_OK; i++) {
        rc = insert_hall(db, f, "gymzaal", i, 60);
        if (rc == KM_OK)
            rc = insert_hall(db, f, "speellokaal", i, 40);
    }
    return rc;
}

/* Monday to Friday 08:30-14:30, Wednesday afternoon free (08:30-12:15). */
#define SCHOOL_START (8 * 60 + 30)

static int school_end(int weekday) { return weekday == 3 ? 12 * 60 + 15 : 14 * 60 + 30; }

static enum km_rc insert_hours(struct km_db *db)
{
    enum km_rc rc = KM_OK;
    for (int day = 1; day <= DEMO_DAYS && rc == KM_OK; day++)
        rc = db_exec(db, "INSERT INTO school_hours (weekday, start_min, end_min) VALUES (?, ?, ?)", "ddd", day,
                     SCHOOL_START, school_end(day));
    return rc;
}

/* ---- the Digitale Klassenmap: week templates, lessons and the generated roster ----
 * The roster is placed around today (it starts ROSTER_PAST_WEEKS before the current ISO week), so its
 * dates differ from day to day; which lessons, teachers, goals and notes it holds is fixed by the seed. */

#define ROSTER_PAST_WEEKS 2 /* so that "today" has lessons and there is some past to look back on */
#define PLANNED_PERCENT 33  /* lesson instances up to this week with goals planned in them */
#define NOTE_PERCENT 40     /* of those, the ones with a note of the teacher */
#define DUO_FROM_DAY 4      /* a duo-collega has the group on Thursday and Friday, the main teacher before */
#define EIGEN_DAY 2         /* an eigen groep joins its stamgroep's lesson on Tuesday (when its main */
#define EIGEN_HOUR 4        /* teacher, who teaches the eigen groep, is there) in the 5e uur, at 13:00 */
#define BLOCK_DAY 1         /* the blokuur: Monday's 2e uur continues the 1e uur */
#define BLOCK_HOUR 1

struct slot_def {
    int start, end;
    const char *name;
    bool is_break;
};

/* One school day; a slot that ends after the day's school hours is left out (Wednesday afternoon). */
static const struct slot_def day_slots[] = {
    {8 * 60 + 30, 9 * 60 + 30, "1e uur", false},   {9 * 60 + 30, 10 * 60 + 15, "2e uur", false},
    {10 * 60 + 15, 10 * 60 + 30, "pauze", true},   {10 * 60 + 30, 11 * 60 + 30, "3e uur", false},
    {11 * 60 + 30, 12 * 60 + 15, "4e uur", false}, {12 * 60 + 15, 13 * 60, "middagpauze", true},
    {13 * 60, 14 * 60 + 30, "5e uur", false},
};
#define NSLOTS (sizeof day_slots / sizeof day_slots[0])

/* The slot ids of one template's lesson hours, per weekday 1..5; 0 where a day has no such hour. */
struct template_slots {
    int64_t hour[DEMO_DAYS + 1][DEMO_HOURS];
};

/* One lesson to insert: a stamgroep in a lesson hour, joined by an eigen groep or continuing a blokuur. */
struct lesson_spec {
    int64_t slot, block;         /* block: the first lesson of the blokuur this one continues, 0 for none */
    int group, day, hoofd, deel; /* hoofd: index into demo_curriculum; deel: into curriculum_ids.deel */
    int eigen;                   /* index into m->eigen, -1 for none */
};

static enum km_rc insert_slots(struct km_db *db, struct fill *f, int64_t template_id, struct template_slots *t)
{
    enum km_rc rc = KM_OK;
    memset(t, 0, sizeof *t);
    for (int day = 1; day <= DEMO_DAYS && rc == KM_OK; day++) {
        int hour = 0;
        for (size_t i = 0; i < NSLOTS && rc == KM_OK; i++) {
            const struct slot_def *s = &day_slots[i];
            if (s->end > school_end(day))
                continue;
            rc = db_exec(db,
                         "INSERT INTO time_slots (template_id, weekday, start_min, end_min, name, is_break)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         "idddtd", template_id, day, s->start, s->end, s->name, s->is_break ? 1 : 0);
            f->rep->slots++;
            if (!s->is_break && hour < DEMO_HOURS)
                t->hour[day][hour++] = db_last_id(db);
        }
    }
    return rc;
}

/* The index of the hoofdgebied with this code in demo_curriculum (and curriculum_ids.hoofd); -1 if none. */
static int hoofd_index(const char *code)
{
    for (size_t h = 0; h < demo_curriculum_n; h++)
        if (strcmp(demo_curriculum[h].code, code) == 0)
            return (int)h;
    return -1;
}

/* The index into curriculum_ids.deel of the first deelgebied of hoofdgebied h. */
static int first_deel(int h)
{
    int d = 0;
    for (int i = 0; i < h; i++)
        d += (int)demo_curriculum[i].ndeel;
    return d;
}

/* The deelgebied of hoofdgebied h with this code, as an index into curriculum_ids.deel (its first if none). */
static int deel_index(int h, const char *code)
{
    const struct demo_hoofdgebied *hg = &demo_curriculum[h];
    for (size_t k = 0; k < hg->ndeel; k++)
        if (strcmp(hg->deel[k].code, code) == 0)
            return first_deel(h) + (int)k;
    return first_deel(h);
}

/* The eigen groep that joins stamgroep g's weekly lesson, -1 for none (the large school has rooms and
 * teachers enough to skip this; the small one shows it). */
static int linked_eigen(const struct fill *f, int g)
{
    if (!f->m->plan.eigen_lessons)
        return -1;
    for (int e = 0; e < f->rep->groups_eigen; e++)
        if (f->m->eigen[e].linked == g)
            return e;
    return -1;
}

/* Duo-collega's split the week, so neither is ever in two places at once. */
static int lesson_teacher(const struct model *m, int g, int day)
{
    int duo = m->stam_teacher[2 * g + 1];
    return duo >= 0 && day >= DUO_FROM_DAY ? duo : m->stam_teacher[2 * g];
}

/* Subject of a lesson: the eigen groep's own area when one joins it, else the week plan's hoofdgebied with a
 * deelgebied drawn from the seeded stream. The eigen groep shares its stamgroep's lesson rather than having
 * one of its own: in the small school its teacher is the stamgroep's, who has no free hour in the week. */
static void lesson_area(struct fill *f, int hour, struct lesson_spec *sp)
{
    sp->eigen = sp->day == EIGEN_DAY && hour == EIGEN_HOUR ? linked_eigen(f, sp->group) : -1;
    if (sp->eigen >= 0) {
        const struct demo_area *a = &demo_eigen_areas[f->m->eigen[sp->eigen].pattern];
        int h = hoofd_index(a->hoofd);
        if (h >= 0) {
            sp->hoofd = h;
            sp->deel = deel_index(h, a->deel);
            return;
        }
    }
    sp->deel = first_deel(sp->hoofd) + rng_below(&f->m->rng, demo_curriculum[sp->hoofd].ndeel);
}

static enum km_rc lesson_group(struct km_db *db, int64_t lesson_id, int64_t group_id, int mandatory)
{
    return db_exec(db, "INSERT INTO lesson_groups (lesson_id, group_id, mandatory) VALUES (?, ?, ?)", "iid", lesson_id,
                   group_id, mandatory);
}

/* A lesson in the group's own lokaal for its jaargroep's niveau. The first lesson of a blokuur gets its own
 * id as block_id once the second exists: every lesson of a block carries the first one's id. */
static enum km_rc insert_lesson(struct km_db *db, struct fill *f, const struct lesson_spec *sp, int64_t *id)
{
    struct model *m = f->m;
    if (sp->hoofd < 0 || sp->hoofd >= MAX_DEEL || sp->deel < 0 || sp->deel >= MAX_DEEL)
        return db_fail(db, KM_ERR, "interne fout: de demo-curriculumtabel heeft te veel gebieden");
    int jg = plan_jaargroep(&m->plan, sp->group);
    int64_t teacher = m->people[lesson_teacher(m, sp->group, sp->day)].id;
    enum km_rc rc =
        db_exec(db,
                "INSERT INTO lessons (slot_id, teacher_id, hoofdgebied_id, deelgebied_id, room_id, block_id)"
                " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0))",
                "iiiiii", sp->slot, teacher, f->ids.hoofd[sp->hoofd], f->ids.deel[sp->deel],
                m->lokaal_id[sp->group % m->plan.lokalen], sp->block);
    *id = db_last_id(db);
    if (rc == KM_OK)
        rc = db_exec(db, "INSERT INTO lesson_niveaus (lesson_id, niveau_id) VALUES (?, ?)", "ii", *id,
                     f->ids.niveau[jg]);
    if (rc == KM_OK)
        rc = lesson_group(db, *id, m->stam_id[sp->group], 1);
    if (rc == KM_OK && sp->eigen >= 0)
        rc = lesson_group(db, *id, m->eigen[sp->eigen].id, 0);
    if (rc == KM_OK && sp->block)
        rc = db_exec(db, "UPDATE lessons SET block_id = ? WHERE id = ?", "ii", sp->block, sp->block);
    if (f->nlessons < plan_lessons(&m->plan))
        m->lessons[f->nlessons++] = (struct lesson){*id, teacher, sp->deel, jg};
    f->rep->lessons++;
    return rc;
}

/* Stamgroep g's lessons on one day of a template. */
static enum km_rc insert_group_day(struct km_db *db, struct fill *f, const struct template_slots *t, int g, int day)
{
    struct lesson_spec prev = {.deel = -1};
    int64_t prev_id = 0;
    enum km_rc rc = KM_OK;
    for (int hour = 0; hour < DEMO_HOURS && rc == KM_OK; hour++) {
        int hoofd = hoofd_index(demo_week_plan[day - 1][hour]);
        if (!t->hour[day][hour] || hoofd < 0)
            continue;
        struct lesson_spec sp = {.slot = t->hour[day][hour], .group = g, .day = day, .hoofd = hoofd, .eigen = -1};
        if (day == BLOCK_DAY && hour == BLOCK_HOUR && prev_id) {
            sp.block = prev_id;
            sp.hoofd = prev.hoofd;
            sp.deel = prev.deel;
        } else {
            lesson_area(f, hour, &sp);
        }
        rc = insert_lesson(db, f, &sp, &prev_id);
        prev = sp;
    }
    return rc;
}

static enum km_rc insert_template(struct km_db *db, struct fill *f, const char *name, int64_t *id)
{
    struct template_slots t;
    enum km_rc rc = db_exec(db, "INSERT INTO week_templates (name, created_at) VALUES (?, ?)", "tt", name, f->now);
    *id = db_last_id(db);
    f->rep->templates++;
    if (rc == KM_OK)
        rc = insert_slots(db, f, *id, &t);
    for (int g = 0; g < plan_stam(&f->m->plan) && rc == KM_OK; g++)
        for (int day = 1; day <= DEMO_DAYS && rc == KM_OK; day++)
            rc = insert_group_day(db, f, &t, g, day);
    return rc;
}

/* One INSERT ... SELECT per school day rather than a statement per lesson: the large roster has ~41k. */
static enum km_rc insert_day(struct km_db *db, struct fill *f, const char *week_start, int64_t z, int64_t template_id)
{
    char date[11];
    dates_format(z, date);
    enum km_rc rc = db_exec(db,
                            "INSERT INTO lesson_instances (lesson_id, week_start, date, start_min, end_min, teacher_id,"
                            " room_id)"
                            " SELECT l.id, ?, ?, s.start_min, s.end_min, l.teacher_id, l.room_id FROM time_slots s"
                            " JOIN lessons l ON l.slot_id = s.id WHERE s.template_id = ? AND s.weekday = ?"
                            " ORDER BY s.start_min, l.id",
                            "ttid", week_start, date, template_id, dates_weekday(z));
    if (rc == KM_OK)
        f->rep->instances += db_changes(db);
    return rc;
}

/* (instance id, lesson id) of a roster week into m->week_rows, read before any of them is changed. */
static enum km_rc read_week(struct km_db *db, struct fill *f, const char *week_start, int *n)
{
    sqlite3_stmt *st;
    *n = 0;
    enum km_rc rc = db_query(db, &st, "SELECT id, lesson_id FROM lesson_instances WHERE week_start = ? ORDER BY id",
                             "t", week_start);
    if (rc != KM_OK)
        return rc;
    int r, cap = plan_lessons(&f->m->plan);
    while ((r = db_step(db, st)) == 1 && *n < cap) {
        f->m->week_rows[*n][0] = sqlite3_column_int64(st, 0);
        f->m->week_rows[*n][1] = sqlite3_column_int64(st, 1);
        (*n)++;
    }
    db_done(st);
    return r < 0 ? db_last_rc(db) : KM_OK;
}

static int lesson_cmp(const void *key, const void *elem)
{
    int64_t a = *(const int64_t *)key, b = ((const struct lesson *)elem)->id;
    return (a > b) - (a < b);
}

/* m->lessons is in id order, as the lessons were inserted. */
static const struct lesson *find_lesson(const struct fill *f, int64_t id)
{
    return bsearch(&id, f->m->lessons, (size_t)f->nlessons, sizeof *f->m->lessons, lesson_cmp);
}

/* 1-3 consecutive goals of the lesson's cell from where the year has got to (YEAR_PROGRESS), and now and
 * then a note, all by the lesson's teacher. */
static enum km_rc plan_instance(struct km_db *db, struct fill *f, int64_t instance, const struct lesson *l,
                                const char *stamp)
{
    struct model *m = f->m;
    const struct cell *c = &f->cells[l->deel][l->niveau];
    if (c->count == 0)
        return KM_OK;
    int k = 1 + rng_below(&m->rng, 3), at = c->count * YEAR_PROGRESS / 100 + rng_below(&m->rng, 3);
    enum km_rc rc = KM_OK;
    for (int j = 0; j < k && j < c->count && rc == KM_OK; j++) {
        rc = db_exec(db, "INSERT INTO planned_goals (instance_id, goal_id, added_by, added_at) VALUES (?, ?, ?, ?)",
                     "iiit", instance, m->goals[c->first + (at + j) % c->count].id, l->teacher_id, stamp);
        f->rep->planned++;
    }
    if (rc == KM_OK && rng_percent(&m->rng, NOTE_PERCENT))
        rc = db_exec(db, "UPDATE lesson_instances SET note = ?, note_by = ?, note_at = ? WHERE id = ?", "titi",
                     demo_lesson_notes[rng_below(&m->rng, demo_lesson_notes_n)], l->teacher_id, stamp, instance);
    return rc;
}

/* Goals in about a third of a week's lessons, planned on the Friday before it. */
static enum km_rc plan_week(struct km_db *db, struct fill *f, const char *week_start, int64_t monday)
{
    char day[11], stamp[20];
    int n = 0;
    dates_format(monday - 3, day);
    snprintf(stamp, sizeof stamp, "%s 15:30:00", day);
    enum km_rc rc = read_week(db, f, week_start, &n);
    for (int i = 0; i < n && rc == KM_OK; i++) {
        if (!rng_percent(&f->m->rng, PLANNED_PERCENT))
            continue;
        const struct lesson *l = find_lesson(f, f->m->week_rows[i][1]);
        if (l)
            rc = plan_instance(db, f, f->m->week_rows[i][0], l, stamp);
    }
    return rc;
}

/* A roster week: template_id 0 is a holiday (a row without template, no lessons). */
static enum km_rc insert_week(struct km_db *db, struct fill *f, int64_t monday, int64_t template_id, bool planned)
{
    char start[11];
    dates_format(monday, start);
    f->rep->weeks++;
    if (!template_id)
        return db_exec(db, "INSERT INTO roster_weeks (week_start, template_id, generated_at) VALUES (?, NULL, ?)", "tt",
                       start, f->now);
    enum km_rc rc = db_exec(db, "INSERT INTO roster_weeks (week_start, template_id, generated_at) VALUES (?, ?, ?)",
                            "tit", start, template_id, f->now);
    for (int day = 0; day < DEMO_DAYS && rc == KM_OK; day++)
        rc = insert_day(db, f, start, monday + day, template_id);
    if (rc == KM_OK && planned)
        rc = plan_week(db, f, start, monday);
    return rc;
}

/* plan.weeks weeks from the Monday ROSTER_PAST_WEEKS before this ISO week; template[1] (Toetsweek) in every
 * toets_every-th school week, none in the holiday weeks; goals planned up to and including this week. */
static enum km_rc insert_roster(struct km_db *db, struct fill *f, const int64_t template_id[2])
{
    const struct plan *p = &f->m->plan;
    int64_t first = dates_monday(f->m->today_z) - 7 * ROSTER_PAST_WEEKS;
    int school_weeks = 0;
    enum km_rc rc = KM_OK;
    for (int w = 0; w < p->weeks && rc == KM_OK; w++) {
        int64_t tpl = 0;
        if (p->holiday_every <= 0 || (w + 1) % p->holiday_every != 0) {
            school_weeks++;
            tpl = template_id[p->toets_every > 0 && school_weeks % p->toets_every == 0];
        }
        rc = insert_week(db, f, first + 7 * w, tpl, w <= ROSTER_PAST_WEEKS);
    }
    return rc;
}

static enum km_rc insert_klassenmap(struct km_db *db, struct fill *f)
{
    static const char *const names[2] = {"Standaardweek", "Toetsweek"};
    int64_t ids[2] = {0, 0};
    enum km_rc rc = KM_OK;
    for (int t = 0; t < plan_templates(&f->m->plan) && rc == KM_OK; t++)
        rc = insert_template(db, f, names[t], &ids[t]);
    return rc == KM_OK ? insert_roster(db, f, ids) : rc;
}

/* ---- the transaction ---- */

static void account(struct demo_account *a, const struct person *who)
{
    snprintf(a->username, sizeof a->username, "%s", who->username);
    snprintf(a->role, sizeof a->role, "%s", km_role_name(who->role));
    if (*who->voorvoegsel)
        snprintf(a->name, sizeof a->name, "%s %s %s", who->roepnaam, who->voorvoegsel, who->achternaam);
    else
        snprintf(a->name, sizeof a->name, "%s %s", who->roepnaam, who->achternaam);
}

static void report_counts(struct fill *f)
{
    const struct model *m = f->m;
    struct demo_report *r = f->rep;
    r->students = m->nstudents;
    r->teachers = plan_teachers(&m->plan);
    r->parents = m->nparents;
    r->beheerders = m->plan.beheerders;
    r->groups_stam = plan_stam(&m->plan);
    r->goals = m->plan.goals;
    account(&r->accounts[0], &m->people[0]);
    account(&r->accounts[1], &m->people[m->first_teacher]);
    account(&r->accounts[2], &m->people[m->first_student]);
    account(&r->accounts[3], &m->people[m->first_parent]);
}

static enum km_rc fill_school(struct km_db *db, void *arg)
{
    struct fill *f = arg;
    /* A retry after SQLITE_BUSY starts over: same random stream, fresh counters. */
    memset(f->rep, 0, sizeof *f->rep);
    f->nlessons = 0;
    rng_seed(&f->m->rng, f->m->seed, 2);
    enum km_rc rc = check_empty(db);
    if (rc == KM_OK)
        rc = insert_school(db, f);
    if (rc == KM_OK)
        rc = insert_people(db, f);
    if (rc == KM_OK)
        rc = insert_parent_links(db, f);
    if (rc == KM_OK)
        rc = insert_stamgroepen(db, f);
    if (rc == KM_OK)
        rc = insert_eigen_groepen(db, f);
    if (rc == KM_OK)
        rc = insert_curriculum(db, f);
    if (rc == KM_OK)
        rc = insert_statuses(db, f);
    if (rc == KM_OK)
        rc = insert_rooms(db, f);
    if (rc == KM_OK)
        rc = insert_hours(db);
    if (rc == KM_OK)
        rc = insert_klassenmap(db, f);
    if (rc == KM_OK)
        report_counts(f);
    return rc;
}

enum km_rc demo_create(struct km_db *db, const struct demo_options *opt, struct demo_report *out)
{
    struct demo_report scratch;
    struct demo_report *rep = out ? out : &scratch;
    memset(rep, 0, sizeof *rep);
    if (!opt || !opt->password || !*opt->password)
        return db_fail(db, KM_INVALID, "Geef een wachtwoord op voor de demo-accounts.");
    /* Checked here to fail before the slow hash, and again inside the transaction, which decides. */
    enum km_rc rc = check_empty(db);
    if (rc != KM_OK)
        return rc;
    struct model m;
    memset(&m, 0, sizeof m);
    m.plan = opt->size == DEMO_XL ? plan_xl : opt->size == DEMO_LARGE ? plan_large : plan_small;
    m.seed = opt->seed;
    if (!build_model(&m)) {
        model_free(&m);
        return db_fail(db, KM_ERR, "Onvoldoende geheugen voor de demoschool.");
    }
    /* ONE hash for every account: Argon2id is slow on purpose (with the default parameters about 0.1 s and
     * 64 MiB each), so hashing 3,000 accounts separately would take minutes. They share the password
     * anyway; only their salts would have differed. */
    rc = auth_hash(opt->password, &opt->hash_params, m.hash);
    if (rc != KM_OK) {
        model_free(&m);
        return db_fail(db, KM_ERR, "Het wachtwoord kon niet worden versleuteld (onvoldoende geheugen).");
    }
    struct fill f = {.m = &m, .rep = rep};
    db_now(f.now);
    rc = db_tx(db, fill_school, &f);
    if (rc != KM_OK)
        memset(rep, 0, sizeof *rep);
    model_free(&m);
    return rc;
}
