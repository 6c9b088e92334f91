#include "core/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/vec.h"

static enum km_rc may_open(const struct km_session *s, int64_t group_id)
{
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    if (s->role == ROLE_BEHEERDER)
        return KM_OK;
    if (s->role == ROLE_LEERKRACHT && access_teaches_group(s->db, s->user_id, group_id))
        return KM_OK;
    return db_fail(s->db, KM_DENIED,
                   _("Geen toegang: alleen de leerkrachten van deze groep en de beheerder zien het statusbord."));
}

static enum km_rc load_students(struct km_db *db, int64_t group_id, struct board *b)
{
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st,
                 "SELECT u.id, u.roepnaam || ' ' || CASE WHEN u.voorvoegsel = '' THEN '' ELSE u.voorvoegsel || ' ' END"
                 " || u.achternaam FROM memberships m JOIN users u ON u.id = m.user_id"
                 " WHERE m.group_id = ? AND m.kind = 'leerling' AND u.active = 1"
                 " ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id",
                 "i", group_id);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        struct board_student *n = vec_grow(b->students, b->nstudents, sizeof *n);
        if (!n) {
            db_done(st);
            return vec_no_memory(db);
        }
        b->students = n;
        n[b->nstudents].id = sqlite3_column_int64(st, 0);
        n[b->nstudents].name = db_col_dup(st, 1);
        if (!n[b->nstudents++].name) {
            db_done(st);
            return vec_no_memory(db);
        }
    }
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}

/* gcc -fanalyzer: rows and cells are kept in *b (realloc'd or calloc'd) and freed by board_free */
KM_GCC_ANALYZER_MISREADS
static enum km_rc load_goals(struct km_db *db, int64_t deelgebied_id, int64_t niveau_id, struct board *b)
{
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT id, code, title FROM leerdoelen WHERE deelgebied_id = ?1 AND retired = 0"
                             " AND (?2 = 0 OR niveau_id = ?2) ORDER BY sort_order, code",
                             "ii", deelgebied_id, niveau_id);
    int r;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        struct board_goal *n = vec_grow(b->goals, b->ngoals, sizeof *n);
        if (!n) {
            db_done(st);
            return vec_no_memory(db);
        }
        b->goals = n;
        struct board_goal *g = &n[b->ngoals++];
        g->id = sqlite3_column_int64(st, 0);
        g->code = db_col_dup(st, 1);
        g->title = db_col_dup(st, 2);
        if (!g->code || !g->title) {
            db_done(st);
            return vec_no_memory(db);
        }
    }
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}
KM_GCC_ANALYZER_END

static int index_of_student(const struct board *b, int64_t id, int hint)
{
    if (hint >= 0 && hint < b->nstudents && b->students[hint].id == id)
        return hint;
    for (int i = 0; i < b->nstudents; i++)
        if (b->students[i].id == id)
            return i;
    return -1;
}

static int index_of_goal(const struct board *b, int64_t id)
{
    for (int i = 0; i < b->ngoals; i++)
        if (b->goals[i].id == id)
            return i;
    return -1;
}

/* One query for all cells; rows come sorted by student, so the last index is a good first guess. */
/* gcc -fanalyzer: rows and cells are kept in *b (realloc'd or calloc'd) and freed by board_free */
KM_GCC_ANALYZER_MISREADS
static enum km_rc load_cells(struct km_db *db, int64_t group_id, int64_t deelgebied_id, int64_t niveau_id,
                             struct board *b)
{
    size_t cells = (size_t)b->nstudents * (size_t)b->ngoals;
    b->status = calloc(cells ? cells : 1, sizeof *b->status);
    b->version = calloc(cells ? cells : 1, sizeof *b->version);
    if (!b->status || !b->version)
        return vec_no_memory(db);
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st,
                             "SELECT gs.student_id, gs.goal_id, gs.status_id, gs.version FROM memberships m"
                             " JOIN goal_status gs ON gs.student_id = m.user_id"
                             " JOIN leerdoelen l ON l.id = gs.goal_id AND l.deelgebied_id = ?2 AND l.retired = 0"
                             "   AND (?3 = 0 OR l.niveau_id = ?3)"
                             " WHERE m.group_id = ?1 AND m.kind = 'leerling' ORDER BY gs.student_id",
                             "iii", group_id, deelgebied_id, niveau_id);
    int r, hint = 0;
    while (rc == KM_OK && (r = db_step(db, st)) > 0) {
        int si = index_of_student(b, sqlite3_column_int64(st, 0), hint);
        int gi = index_of_goal(b, sqlite3_column_int64(st, 1));
        if (si < 0 || gi < 0)
            continue; /* an inactive student's old status */
        hint = si;
        b->status[(size_t)si * (size_t)b->ngoals + (size_t)gi] = sqlite3_column_int64(st, 2);
        b->version[(size_t)si * (size_t)b->ngoals + (size_t)gi] = sqlite3_column_int64(st, 3);
    }
    return rc == KM_OK && r < 0 ? db_last_rc(db) : rc;
}
KM_GCC_ANALYZER_END

static enum km_rc read_board(struct km_db *db, void *arg);

struct read_ctx {
    int64_t group, deelgebied, niveau;
    struct board *b;
};

enum km_rc board_load(const struct km_session *s, int64_t group_id, int64_t deelgebied_id, int64_t niveau_id,
                      struct board *out)
{
    memset(out, 0, sizeof *out);
    enum km_rc rc = may_open(s, group_id);
    if (rc != KM_OK)
        return rc;
    struct read_ctx c = {group_id, deelgebied_id, niveau_id, out};
    rc = db_read(s->db, read_board, &c);
    if (rc != KM_OK)
        board_free(out);
    return rc;
}

/* Reads all three parts in one read transaction, so students, goals and cells are of one moment. */
static enum km_rc read_board(struct km_db *db, void *arg)
{
    struct read_ctx *c = arg;
    enum km_rc rc = load_students(db, c->group, c->b);
    if (rc == KM_OK)
        rc = load_goals(db, c->deelgebied, c->niveau, c->b);
    if (rc == KM_OK)
        rc = load_cells(db, c->group, c->deelgebied, c->niveau, c->b);
    return rc;
}

void board_free(struct board *b)
{
    for (int i = 0; i < b->nstudents; i++)
        free(b->students[i].name);
    for (int i = 0; i < b->ngoals; i++) {
        free(b->goals[i].code);
        free(b->goals[i].title);
    }
    free(b->students);
    free(b->goals);
    free(b->status);
    free(b->version);
    memset(b, 0, sizeof *b);
}
