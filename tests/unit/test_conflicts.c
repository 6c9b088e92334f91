/* The scoped clash check (adding or changing a lesson) starts from the changed lessons instead of the whole
 * template; it must find exactly the clashes of the whole-template check that involve those lessons. And an
 * import in one call (lessons_add_many) gives the same lessons and warnings as adding them one by one. */
#include <stdlib.h>

#include "core/auth.h"
#include "core/conflicts.h"
#include "core/db.h"
#include "core/db_sql.h"
#include "core/demo.h"
#include "core/lessons.h"
#include "core/templates.h"
#include "test.h"

static struct km_db *demo(const char *file)
{
    char err[512];
    struct km_db *db = NULL;
    if (auth_init() != KM_OK || db_open(test_tmp_path(file), DB_OPEN_CREATE, &db, err, sizeof err) != KM_OK)
        return NULL;
    struct demo_options opt = {
        .size = DEMO_SMALL, .seed = 3, .password = "Regenboog-demo-2026", .hash_params = auth_min_params()};
    if (demo_create(db, &opt, NULL) != KM_OK) {
        db_close(db);
        return NULL;
    }
    return db;
}

/* Every lesson of the template again, without teacher and room, in the same slot: each one a child clash
 * with its original, and rooms over capacity stay out of it. Returns how many were added. */
static size_t double_lessons(struct km_session *b, int64_t tpl, struct lesson_input **out)
{
    struct km_lesson_list l;
    *out = NULL;
    if (lessons_list(b, tpl, 0, &l) != KM_OK)
        return 0;
    struct lesson_input *in = calloc(l.n + 1, sizeof *in);
    size_t n = 0;
    for (size_t i = 0; in && i < l.n; i++) {
        int64_t version;
        if (l.items[i].block_id && l.items[i].block_id != l.items[i].id)
            continue; /* a blokuur through its head */
        if (i % 3 || lessons_get_input(b, l.items[i].id, &in[n], &version) != KM_OK)
            continue;
        in[n].teacher_id = 0;
        in[n].room_id = 0;
        n++;
    }
    lessons_list_free(&l);
    *out = in;
    return n;
}

static bool same_conflict(const struct conflict *a, const struct conflict *b)
{
    return a->kind == b->kind && a->lesson_a == b->lesson_a && a->lesson_b == b->lesson_b &&
           strcmp(a->text, b->text) == 0;
}

TEST(conflicts_scoped_check_finds_what_the_whole_check_finds)
{
    struct km_db *db = demo("scoped.db");
    REQUIRE(db);
    struct km_session b;
    session_server(&b, db);
    int64_t tpl;
    REQUIRE(templates_find(&b, "Standaardweek", &tpl) == KM_OK);
    struct lesson_input *in;
    size_t n = double_lessons(&b, tpl, &in);
    REQUIRE(n > 3);
    for (size_t i = 0; i < n; i++) {
        struct conflict_list w;
        CHECK(lessons_add(&b, &in[i], true, &w, NULL) == KM_OK);
        conflicts_free(&w);
    }
    free(in);
    struct conflict_list all;
    REQUIRE(conflicts_check(&b, tpl, &all) == KM_OK);
    CHECK(all.n >= n);
    struct km_lesson_list l;
    REQUIRE(lessons_list(&b, tpl, 0, &l) == KM_OK);
    for (size_t i = 0; i < l.n; i++) {
        struct conflict_list scoped = {NULL, 0};
        REQUIRE(db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS conflict_scope (id INTEGER PRIMARY KEY)", NULL) == KM_OK);
        REQUIRE(db_exec(db, "DELETE FROM conflict_scope", NULL) == KM_OK);
        REQUIRE(db_exec(db, "INSERT INTO conflict_scope (id) VALUES (?)", "i", l.items[i].id) == KM_OK);
        REQUIRE(conflicts_find(db, tpl, true, &scoped) == KM_OK);
        size_t want = 0, found = 0;
        for (size_t k = 0; k < all.n; k++) {
            const struct conflict *c = &all.items[k];
            if (c->lesson_a != l.items[i].id && c->lesson_b != l.items[i].id)
                continue;
            want++;
            for (size_t j = 0; j < scoped.n; j++)
                found += same_conflict(c, &scoped.items[j]);
        }
        CHECK(scoped.n == want);
        CHECK(found == want);
        conflicts_free(&scoped);
    }
    lessons_list_free(&l);
    conflicts_free(&all);
    db_close(db);
}

TEST(conflicts_many_at_once_as_one_by_one)
{
    struct km_db *one = demo("onebyone.db"), *many = demo("many.db");
    REQUIRE(one && many);
    struct km_session b1, b2;
    session_server(&b1, one);
    session_server(&b2, many);
    int64_t tpl1, tpl2;
    REQUIRE(templates_find(&b1, "Standaardweek", &tpl1) == KM_OK);
    REQUIRE(templates_find(&b2, "Standaardweek", &tpl2) == KM_OK);
    struct lesson_input *in;
    size_t n = double_lessons(&b1, tpl1, &in);
    REQUIRE(n > 3);
    struct conflict_list each = {NULL, 0}, at_once;
    for (size_t i = 0; i < n; i++) {
        struct conflict_list w;
        CHECK(lessons_add(&b1, &in[i], true, &w, NULL) == KM_OK);
        struct conflict *grown = realloc(each.items, (each.n + w.n + 1) * sizeof *grown);
        REQUIRE(grown);
        memcpy(grown + each.n, w.items, w.n * sizeof *grown);
        each.items = grown;
        each.n += w.n;
        free(w.items);
    }
    size_t failed;
    CHECK(lessons_add_many(&b2, in, n, &at_once, &failed) == KM_OK);
    CHECK(failed == n);
    CHECK(at_once.n == each.n);
    for (size_t i = 0; i < each.n && i < at_once.n; i++)
        CHECK(same_conflict(&each.items[i], &at_once.items[i]));
    conflicts_free(&each);
    conflicts_free(&at_once);
    /* a teacher twice at once refuses the whole, and names the input */
    in[1] = in[0];
    in[0].teacher_id = in[1].teacher_id = 0;
    db_int(many, &in[0].teacher_id, "SELECT id FROM users WHERE role = 'leerkracht' LIMIT 1", NULL);
    in[1].teacher_id = in[0].teacher_id;
    int64_t before = 0, after = 0;
    db_int(many, &before, "SELECT count(*) FROM lessons", NULL);
    CHECK(lessons_add_many(&b2, in, 2, &at_once, &failed) == KM_INVALID);
    CHECK(failed == 1);
    CHECK(at_once.n == 0);
    db_int(many, &after, "SELECT count(*) FROM lessons", NULL);
    CHECK(before == after);
    free(in);
    db_close(one);
    db_close(many);
}
