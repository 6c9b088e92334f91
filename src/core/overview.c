#include "core/overview.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/curriculum.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

struct ov_ctx {
    const struct km_session *s;
    int64_t group, student; /* one of them is 0 */
    const struct overview_filter *f;
    struct overview *o;
    struct cur_goal_list goals; /* the curriculum's, before the niveau and period choice */
    int64_t *period;            /* sorted ids of goals planned in the period */
    size_t nperiod;
    bool any_niveau; /* some student counts every niveau */
};

int overview_percent(int part, int whole)
{
    return whole > 0 ? (int)(((int64_t)part * 200 + whole) / (2 * (int64_t)whole)) : 0;
}

/* ---- who may look ---- */

static enum km_rc may_see_group(const struct km_session *s, int64_t group_id)
{
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    if (s->role == ROLE_BEHEERDER || (s->role == ROLE_LEERKRACHT && access_teaches_group(s->db, s->user_id, group_id)))
        return KM_OK;
    return db_fail(s->db, KM_DENIED,
                   _("Geen toegang: alleen de leerkrachten van deze groep en de beheerder zien het "
                     "overzicht van de groep."));
}

static enum km_rc filter_ok(struct km_db *db, const struct overview_filter *f)
{
    int64_t a, b;
    if (!f->from && !f->to)
        return KM_OK;
    if (!f->from || !f->to || !dates_parse(f->from, &a) || !dates_parse(f->to, &b))
        return db_fail(db, KM_INVALID, _("Een periode heeft een begin- en een einddatum, zoals 2026-11-30."));
    return a <= b ? KM_OK : db_fail(db, KM_INVALID, _("De periode begint na haar einde."));
}

/* ---- reading ---- */

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: names and grown lists are kept in the overview and freed by overview_free */
    static enum km_rc
    read_title(struct ov_ctx *c)
{
    struct km_db *db = c->s->db;
    char name[512];
    enum km_rc rc = c->group ? db_text(db, name, sizeof name, "SELECT name FROM groups WHERE id = ?", "i", c->group)
                             : db_text(db, name, sizeof name,
                                       "SELECT roepnaam || ' ' || CASE WHEN voorvoegsel = '' THEN '' ELSE voorvoegsel"
                                       " || ' ' END || achternaam FROM users WHERE id = ? AND role = 'leerling'",
                                       "i", c->student);
    if (rc == KM_NOTFOUND)
        return db_fail(db, KM_NOTFOUND, c->group ? _("Deze groep bestaat niet.") : _("Deze leerling bestaat niet."));
    if (rc == KM_OK && !(c->o->title = strdup(name)))
        return vec_no_memory(db);
    return rc;
}
KM_GCC_ANALYZER_END

static enum km_rc push_student(struct overview *o, sqlite3_stmt *st)
{
    struct overview_student *n = vec_grow(o->students, o->nstudents, sizeof *n);
    if (!n)
        return KM_ERR;
    o->students = n;
    struct overview_student *x = &n[o->nstudents++];
    *x = (struct overview_student){.id = sqlite3_column_int64(st, 0), .name = db_col_dup(st, 1)};
    return x->name ? KM_OK : KM_ERR;
}

/* The group's active students by roepnaam, as the status board lists them; or the one student. */
static enum km_rc read_students(struct ov_ctx *c)
{
    struct km_db *db = c->s->db;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT u.id, u.roepnaam || ' ' || CASE WHEN u.voorvoegsel = '' THEN '' ELSE u.voorvoegsel"
                             " || ' ' END || u.achternaam FROM users u WHERE u.role = 'leerling' AND (u.id = ?2 OR"
                             " (u.active = 1 AND u.id IN (SELECT user_id FROM memberships WHERE group_id = ?1"
                             " AND kind = 'leerling')))"
                             " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
                             "ii", c->group, c->student);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) != 0)
        rc = r < 0 ? db_last_rc(db) : push_student(c->o, st);
    if (rc != KM_OK)
        db_done(st);
    return rc == KM_ERR && !*db_errmsg(db) ? vec_no_memory(db) : rc;
}

/* The niveau named after the jaargroep of the student's group (see overview.h). */
KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: names and grown lists are kept in the overview and freed by overview_free */
    static enum km_rc
    student_niveau(struct ov_ctx *c, struct overview_student *x)
{
    struct km_db *db = c->s->db;
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT n.id, n.name FROM memberships m JOIN groups g ON g.id = m.group_id AND g.active = 1"
                 " JOIN niveaus n ON n.name = g.jaargroep COLLATE NOCASE OR n.name LIKE '% ' || g.jaargroep"
                 " WHERE m.user_id = ?1 AND m.kind = 'leerling' AND COALESCE(g.jaargroep, '') <> ''"
                 " ORDER BY g.id = ?2 DESC, g.kind = 'stamgroep' DESC, g.id DESC, n.sort_order, n.id LIMIT 1",
                 "ii", x->id, c->group);
    int r = rc == KM_OK ? db_step(db, st) : -1;
    if (r < 0)
        return rc != KM_OK ? rc : db_last_rc(db);
    x->niveau_id = r ? sqlite3_column_int64(st, 0) : 0;
    x->niveau = r ? db_col_dup(st, 1) : strdup("");
    if (r)
        db_done(st);
    return x->niveau ? KM_OK : vec_no_memory(db);
}
KM_GCC_ANALYZER_END

static enum km_rc filter_niveau_name(struct ov_ctx *c, char *out, size_t len)
{
    enum km_rc rc = db_text(c->s->db, out, len, "SELECT name FROM niveaus WHERE id = ?", "i", c->f->niveau_id);
    return rc == KM_NOTFOUND ? db_fail(c->s->db, KM_NOTFOUND, _("Dit niveau bestaat niet.")) : rc;
}

KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: names and grown lists are kept in the overview and freed by overview_free */
    static enum km_rc
    read_niveaus(struct ov_ctx *c)
{
    char name[128] = "";
    enum km_rc rc = c->f->niveau_id ? filter_niveau_name(c, name, sizeof name) : KM_OK;
    c->any_niveau = c->o->nstudents == 0;
    for (size_t i = 0; rc == KM_OK && i < c->o->nstudents; i++) {
        struct overview_student *x = &c->o->students[i];
        if (!c->f->niveau_id) {
            rc = student_niveau(c, x);
            c->any_niveau = c->any_niveau || x->niveau_id == 0;
        } else if (!(x->niveau = strdup(name))) {
            rc = vec_no_memory(c->s->db);
        } else {
            x->niveau_id = c->f->niveau_id;
        }
    }
    return rc;
}
KM_GCC_ANALYZER_END

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Goals planned in the period in lessons of any group the students are in. */
static enum km_rc read_period(struct ov_ctx *c)
{
    if (!c->f->from)
        return KM_OK;
    struct km_db *db = c->s->db;
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT DISTINCT pg.goal_id FROM lesson_instances i"
                             " JOIN planned_goals pg ON pg.instance_id = i.id"
                             " JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id"
                             " WHERE i.date BETWEEN ?1 AND ?2 AND lg.group_id IN (SELECT m.group_id FROM memberships m"
                             "   WHERE m.kind = 'leerling' AND (m.user_id = ?4 OR m.user_id IN (SELECT user_id"
                             "   FROM memberships WHERE group_id = ?3 AND kind = 'leerling')))",
                             "ttii", c->f->from, c->f->to, c->group, c->student);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        int64_t *n = vec_grow(c->period, c->nperiod, sizeof *n);
        if (!n) {
            db_done(st);
            return vec_no_memory(db);
        }
        c->period = n;
        c->period[c->nperiod++] = sqlite3_column_int64(st, 0);
    }
    if (rc == KM_OK && r < 0)
        return db_last_rc(db);
    if (c->nperiod)
        qsort(c->period, c->nperiod, sizeof *c->period, cmp_id);
    return rc;
}

static bool student_has_niveau(const struct overview *o, int64_t niveau_id)
{
    for (size_t i = 0; i < o->nstudents; i++)
        if (o->students[i].niveau_id == niveau_id)
            return true;
    return false;
}

static bool goal_wanted(const struct ov_ctx *c, const struct cur_goal *g)
{
    if (c->f->from && (!c->nperiod || !bsearch(&g->id, c->period, c->nperiod, sizeof *c->period, cmp_id)))
        return false;
    return c->f->niveau_id || c->any_niveau || g->niveau_id == 0 || student_has_niveau(c->o, g->niveau_id);
}

/* The index of the area with this id at the end of the list, adding it when the goal starts a new one (goals
 * come grouped by hoofdgebied and deelgebied). */
KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: names and grown lists are kept in the overview and freed by overview_free */
    static long
    area_index(struct overview_area **list, size_t *n, int64_t id, const char *name, size_t hoofd)
{
    if (*n && (*list)[*n - 1].id == id)
        return (long)*n - 1;
    struct overview_area *grown = vec_grow(*list, *n, sizeof *grown);
    if (!grown)
        return -1;
    *list = grown;
    grown[*n] = (struct overview_area){id, strdup(name), hoofd};
    return grown[(*n)++].name ? (long)*n - 1 : -1;
}
KM_GCC_ANALYZER_END

/* Moves a chosen goal's strings into the overview (the curriculum list no longer owns them). */
KM_GCC_ANALYZER_MISREADS /* gcc -fanalyzer: names and grown lists are kept in the overview and freed by overview_free */
    static enum km_rc
    take_goal(struct overview *o, struct cur_goal *g)
{
    long h = area_index(&o->hoofd, &o->nhoofd, g->hoofdgebied_id, g->hoofdgebied, 0);
    long d = h < 0 ? -1 : area_index(&o->deel, &o->ndeel, g->deelgebied_id, g->deelgebied, (size_t)h);
    struct overview_goal *n = d < 0 ? NULL : vec_grow(o->goals, o->ngoals, sizeof *n);
    if (!n)
        return KM_ERR;
    o->goals = n;
    n[o->ngoals++] = (struct overview_goal){.id = g->id,
                                            .niveau_id = g->niveau_id,
                                            .code = g->code,
                                            .title = g->title,
                                            .niveau = g->niveau,
                                            .deel = (size_t)d};
    g->code = g->title = g->niveau = NULL;
    return KM_OK;
}
KM_GCC_ANALYZER_END

static enum km_rc read_goals(struct ov_ctx *c)
{
    struct cur_goal_filter gf = {c->f->hoofdgebied_id, c->f->deelgebied_id, c->f->niveau_id, false, 0};
    /* A group of one niveau (a stamgroep): only that niveau's goals and those without one are wanted, read by
     * index instead of the whole curriculum. */
    if (!c->f->niveau_id && !c->any_niveau && c->o->nstudents) {
        gf.niveau_or_none = c->o->students[0].niveau_id;
        for (size_t i = 1; i < c->o->nstudents; i++)
            if (c->o->students[i].niveau_id != gf.niveau_or_none)
                gf.niveau_or_none = 0;
    }
    enum km_rc rc = curriculum_goals(c->s, &gf, &c->goals);
    if (rc == KM_OK)
        rc = read_period(c);
    for (size_t i = 0; rc == KM_OK && i < c->goals.n; i++)
        if (goal_wanted(c, &c->goals.items[i]))
            rc = take_goal(c->o, &c->goals.items[i]);
    return rc == KM_ERR && !*db_errmsg(c->s->db) ? vec_no_memory(c->s->db) : rc;
}

/* ---- the cells and the counts ---- */

struct id_index {
    int64_t id;
    size_t at;
};

static int cmp_index(const void *a, const void *b)
{
    return cmp_id(&((const struct id_index *)a)->id, &((const struct id_index *)b)->id);
}

static long find_index(const struct id_index *ix, size_t n, int64_t id)
{
    struct id_index key = {id, 0};
    const struct id_index *hit = bsearch(&key, ix, n, sizeof *ix, cmp_index);
    return hit ? (long)hit->at : -1;
}

static struct id_index *goal_index(const struct overview *o)
{
    struct id_index *ix = malloc((o->ngoals + 1) * sizeof *ix);
    for (size_t i = 0; ix && i < o->ngoals; i++)
        ix[i] = (struct id_index){o->goals[i].id, i};
    if (ix)
        qsort(ix, o->ngoals, sizeof *ix, cmp_index);
    return ix;
}

static long student_at(const struct overview *o, int64_t id, long hint)
{
    if (hint >= 0 && (size_t)hint < o->nstudents && o->students[hint].id == id)
        return hint;
    for (size_t i = 0; i < o->nstudents; i++)
        if (o->students[i].id == id)
            return (long)i;
    return -1;
}

static enum km_rc fill_cells(struct ov_ctx *c, const struct id_index *goals)
{
    struct overview *o = c->o;
    struct km_db *db = c->s->db;
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT gs.student_id, gs.goal_id, gs.status_id FROM goal_status gs WHERE gs.student_id = ?2"
                 " OR gs.student_id IN (SELECT user_id FROM memberships WHERE group_id = ?1 AND kind = 'leerling')"
                 " ORDER BY gs.student_id",
                 "ii", c->group, c->student);
    int r;
    long si = 0;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        si = student_at(o, sqlite3_column_int64(st, 0), si);
        long gi = find_index(goals, o->ngoals, sqlite3_column_int64(st, 1));
        if (si >= 0 && gi >= 0)
            o->cells[(size_t)si * o->ngoals + (size_t)gi] = statusscale_index(&o->scale, sqlite3_column_int64(st, 2));
    }
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}

static bool counts_for(const struct overview_student *x, const struct overview_goal *g)
{
    return x->niveau_id == 0 || g->niveau_id == 0 || g->niveau_id == x->niveau_id;
}

static void add_count(struct overview_count *n, bool mastered)
{
    n->goals++;
    n->mastered += mastered;
}

static void count_all(struct overview *o)
{
    for (size_t s = 0; s < o->nstudents; s++) {
        struct overview_student *x = &o->students[s];
        for (size_t g = 0; g < o->ngoals; g++) {
            struct overview_goal *goal = &o->goals[g];
            int v = o->cells[s * o->ngoals + g];
            bool mastered = v >= 0 && o->scale.items[v].mastered;
            if (v >= 0)
                goal->counts[v]++;
            goal->none += v < 0;
            goal->mastered += mastered;
            if (!counts_for(x, goal))
                continue;
            add_count(&x->total, mastered);
            add_count(&x->deel[goal->deel], mastered);
            add_count(&x->hoofd[o->deel[goal->deel].hoofd], mastered);
        }
    }
}

/* One block each for the cells, the goals' counts and the students' progress, zeroed (cells: -1). */
static enum km_rc allocate_counts(struct overview *o)
{
    size_t cells = o->nstudents * o->ngoals, per_student = o->ndeel + o->nhoofd;
    o->cells = malloc((cells + 1) * sizeof *o->cells);
    o->count_block = calloc(o->ngoals * o->scale.n + 1, sizeof *o->count_block);
    o->progress_block = calloc(o->nstudents * per_student + 1, sizeof *o->progress_block);
    if (!o->cells || !o->count_block || !o->progress_block)
        return KM_ERR;
    for (size_t i = 0; i < cells; i++)
        o->cells[i] = -1;
    for (size_t g = 0; g < o->ngoals; g++)
        o->goals[g].counts = o->count_block + g * o->scale.n;
    for (size_t s = 0; s < o->nstudents; s++) {
        o->students[s].deel = o->progress_block + s * per_student;
        o->students[s].hoofd = o->students[s].deel + o->ndeel;
    }
    return KM_OK;
}

static enum km_rc read_counts(struct ov_ctx *c)
{
    if (allocate_counts(c->o) != KM_OK)
        return vec_no_memory(c->s->db);
    struct id_index *goals = goal_index(c->o);
    if (!goals)
        return vec_no_memory(c->s->db);
    enum km_rc rc = fill_cells(c, goals);
    free(goals);
    if (rc == KM_OK)
        count_all(c->o);
    return rc;
}

/* Every part in one read transaction, so the scale, the students, the goals and the statuses agree. */
static enum km_rc read_all(struct km_db *db, void *arg)
{
    (void)db;
    struct ov_ctx *c = arg;
    enum km_rc rc = read_title(c);
    if (rc == KM_OK)
        rc = statusscale_list(c->s, &c->o->scale);
    if (rc == KM_OK)
        rc = read_students(c);
    if (rc == KM_OK)
        rc = read_niveaus(c);
    if (rc == KM_OK)
        rc = read_goals(c);
    if (rc == KM_OK)
        rc = read_counts(c);
    return rc;
}

static enum km_rc load(struct ov_ctx *c)
{
    enum km_rc rc = db_read(c->s->db, read_all, c);
    curriculum_goals_free(&c->goals);
    free(c->period);
    if (rc != KM_OK)
        overview_free(c->o);
    return rc;
}

enum km_rc overview_group(const struct km_session *s, int64_t group_id, const struct overview_filter *f,
                          struct overview *out)
{
    static const struct overview_filter none = {0, 0, 0, NULL, NULL};
    memset(out, 0, sizeof *out);
    f = f ? f : &none;
    enum km_rc rc = may_see_group(s, group_id);
    if (rc == KM_OK)
        rc = filter_ok(s->db, f);
    struct ov_ctx c = {.s = s, .group = group_id, .f = f, .o = out};
    return rc == KM_OK ? load(&c) : rc;
}

enum km_rc overview_student(const struct km_session *s, int64_t student_id, const struct overview_filter *f,
                            struct overview *out)
{
    static const struct overview_filter none = {0, 0, 0, NULL, NULL};
    memset(out, 0, sizeof *out);
    f = f ? f : &none;
    enum km_rc rc = access_check(s, ACT_VIEW_STATUS, student_id);
    if (rc == KM_OK)
        rc = filter_ok(s->db, f);
    struct ov_ctx c = {.s = s, .student = student_id, .f = f, .o = out};
    return rc == KM_OK ? load(&c) : rc;
}

void overview_free(struct overview *o)
{
    for (size_t i = 0; i < o->ngoals; i++) {
        free(o->goals[i].code);
        free(o->goals[i].title);
        free(o->goals[i].niveau);
    }
    for (size_t i = 0; i < o->nstudents; i++) {
        free(o->students[i].name);
        free(o->students[i].niveau);
    }
    for (size_t i = 0; i < o->nhoofd; i++)
        free(o->hoofd[i].name);
    for (size_t i = 0; i < o->ndeel; i++)
        free(o->deel[i].name);
    free(o->title);
    statusscale_free(&o->scale);
    free(o->hoofd);
    free(o->deel);
    free(o->goals);
    free(o->students);
    free(o->cells);
    free(o->count_block);
    free(o->progress_block);
    memset(o, 0, sizeof *o);
}
