/* School hours, rooms, week templates, time slots, lessons and every kind of clash, through core. */
#include <string.h>

#include "core/groups.h"
#include "core/hours.h"
#include "core/lessons.h"
#include "core/rooms.h"
#include "core/templates.h"
#include "fixture.h"
#include "test.h"

#define MON (1u << 1)
#define TUE (1u << 2)
#define WED (1u << 3)

/* The fixture school with school hours on weekdays, an empty template "Testweek" and two rooms. */
static struct km_db *school(struct km_session *b, int64_t *tpl, int64_t rooms[2])
{
    struct km_db *db = fixture_open();
    if (!db)
        return NULL;
    fixture_session(b, db, FX_BEHEERDER);
    for (int d = 1; d <= 5; d++)
        if (hours_set(b, d, 8 * 60 + 30, d == 3 ? 12 * 60 + 15 : 14 * 60 + 30, 0) != KM_OK)
            return NULL;
    if (templates_add(b, "Testweek", tpl) != KM_OK || rooms_add(b, "lokaal 1", 30, &rooms[0]) != KM_OK ||
        rooms_add(b, "lokaal 2", 1, &rooms[1]) != KM_OK)
        return NULL;
    return db;
}

static int64_t slot_at(struct km_session *b, int64_t tpl, int weekday, int start)
{
    struct km_slot_list l;
    int64_t id = 0;
    if (slots_list(b, tpl, &l) != KM_OK)
        return 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].weekday == weekday && l.items[i].start_min == start)
            id = l.items[i].id;
    slots_list_free(&l);
    return id;
}

TEST(timetable_hours_and_versions)
{
    struct km_session b, juf;
    int64_t tpl, rooms[2];
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    struct school_day days[7];
    REQUIRE(hours_get(&b, days) == KM_OK);
    CHECK(days[2].open && days[2].end_min == 12 * 60 + 15 && !days[5].open);
    CHECK(hours_set(&b, 3, 8 * 60 + 30, 13 * 60, 0) == KM_CONFLICT); /* stale version: someone set it already */
    CHECK(hours_set(&b, 3, 8 * 60 + 30, 13 * 60, days[2].version) == KM_OK);
    CHECK(hours_set(&b, 3, 9 * 60, 8 * 60, days[2].version + 1) == KM_INVALID);
    fixture_session(&juf, db, FX_JUF1);
    CHECK(hours_set(&juf, 6, 9 * 60, 12 * 60, 0) == KM_DENIED);
    CHECK(hours_get(&juf, days) == KM_OK); /* everyone may read them */
    CHECK(hours_parse("8:30") == 510 && hours_parse("08.30") == 510 && hours_parse("0830") == 510);
    CHECK(hours_parse("25:00") == -1 && hours_parse("8") == -1 && hours_parse("ab") == -1);
    db_close(db);
}

TEST(timetable_slots_on_several_days_all_or_nothing)
{
    struct km_session b;
    int64_t tpl, rooms[2];
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    CHECK(slots_add(&b, tpl, MON | TUE | WED, 510, 570, "1e uur", false, 5) == KM_OK);
    struct km_slot_list l;
    REQUIRE(slots_list(&b, tpl, &l) == KM_OK);
    CHECK(l.n == 3);
    slots_list_free(&l);
    CHECK(slots_add(&b, tpl, MON, 540, 600, "overlap", false, 5) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "overlapt") && strstr(db_errmsg(db), "1e uur"));
    CHECK(slots_add(&b, tpl, TUE | WED, 720, 780, "middag", false, 5) == KM_INVALID); /* Wednesday ends 12:15 */
    CHECK(strstr(db_errmsg(db), "woensdag") != NULL);
    REQUIRE(slots_list(&b, tpl, &l) == KM_OK);
    CHECK(l.n == 3); /* nothing made on Tuesday either */
    slots_list_free(&l);
    CHECK(slots_add(&b, tpl, MON, 571, 600, "scheef", false, 5) == KM_INVALID);
    CHECK(slots_add(&b, tpl, 1u << 6, 600, 660, "zaterdag", false, 5) == KM_INVALID); /* closed */
    CHECK(slots_add(&b, tpl, MON, 600, 615, "pauze", true, 5) == KM_OK);
    db_close(db);
}

static struct lesson_input lesson(int64_t slot, int64_t teacher, int64_t room, int64_t group)
{
    struct lesson_input in;
    memset(&in, 0, sizeof in);
    in.slot_id = slot;
    in.teacher_id = teacher;
    in.room_id = room;
    in.groups[0] = (struct lesson_group){group, true};
    in.ngroups = 1;
    return in;
}

TEST(timetable_teacher_and_room_clashes_are_refused)
{
    struct km_session b;
    int64_t tpl, rooms[2];
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    REQUIRE(slots_add(&b, tpl, MON, 510, 570, "1e uur", false, 5) == KM_OK);
    int64_t slot = slot_at(&b, tpl, 1, 510);
    struct lesson_input a = lesson(slot, FX_JUF1, rooms[0], FX_GROUP1);
    struct conflict_list w;
    REQUIRE(lessons_add(&b, &a, false, &w, NULL) == KM_OK);
    CHECK(w.n == 0);
    struct lesson_input same_teacher = lesson(slot, FX_JUF1, 0, FX_GROUP2);
    CHECK(lessons_add(&b, &same_teacher, true, &w, NULL) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "Anneke Vries") && strstr(db_errmsg(db), "twee lessen tegelijk"));
    conflicts_free(&w);
    struct lesson_input same_room = lesson(slot, FX_JUF2, rooms[0], FX_GROUP2);
    CHECK(lessons_add(&b, &same_room, true, &w, NULL) == KM_INVALID);
    CHECK(strstr(db_errmsg(db), "Lokaal lokaal 1") != NULL);
    conflicts_free(&w);
    struct km_lesson_list l;
    REQUIRE(lessons_list(&b, tpl, 0, &l) == KM_OK);
    CHECK(l.n == 1); /* the refused lessons were not made */
    lessons_list_free(&l);
    int64_t *free_ids;
    size_t nfree;
    REQUIRE(lessons_free_teachers(&b, slot, &free_ids, &nfree) == KM_OK);
    bool juf1_free = false;
    for (size_t i = 0; i < nfree; i++)
        juf1_free |= free_ids[i] == FX_JUF1;
    CHECK(!juf1_free && nfree == 2); /* juf2 and the duo */
    free(free_ids);
    db_close(db);
}

TEST(timetable_student_clash_through_an_eigen_groep)
{
    struct km_session b;
    int64_t tpl, rooms[2], eigen;
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    REQUIRE(groups_add(&b, "rekenen niveau 3", "eigen", "2026-2027", NULL, &eigen) == KM_OK);
    REQUIRE(groups_add_member(&b, eigen, FX_LEERLING1) == KM_OK);
    REQUIRE(slots_add(&b, tpl, MON, 510, 570, "1e uur", false, 5) == KM_OK);
    int64_t slot = slot_at(&b, tpl, 1, 510);
    struct lesson_input stam = lesson(slot, FX_JUF1, rooms[0], FX_GROUP1);
    REQUIRE(lessons_add(&b, &stam, false, NULL, NULL) == KM_OK);
    struct lesson_input extra = lesson(slot, FX_JUF2, 0, eigen);
    struct conflict_list w;
    CHECK(lessons_add(&b, &extra, false, &w, NULL) == KM_CONFLICT);
    REQUIRE(w.n == 1);
    CHECK(w.items[0].kind == CONFLICT_STUDENT);
    CHECK(strstr(w.items[0].text, "Daniëlle Çelik") && strstr(w.items[0].text, "rekenen niveau 3"));
    conflicts_free(&w);
    struct km_lesson_list l;
    REQUIRE(lessons_list(&b, tpl, 0, &l) == KM_OK);
    CHECK(l.n == 1); /* not made without a yes */
    lessons_list_free(&l);
    CHECK(lessons_add(&b, &extra, true, &w, NULL) == KM_OK); /* accepted */
    conflicts_free(&w);
    struct conflict_list all;
    REQUIRE(conflicts_check(&b, tpl, &all) == KM_OK);
    CHECK(all.n == 1 && all.items[0].kind == CONFLICT_STUDENT);
    conflicts_free(&all);
    db_close(db);
}

TEST(timetable_capacity_hours_and_blokuur)
{
    struct km_session b;
    int64_t tpl, rooms[2];
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    REQUIRE(slots_add(&b, tpl, MON, 510, 570, "1e uur", false, 5) == KM_OK);
    REQUIRE(slots_add(&b, tpl, MON, 570, 615, "2e uur", false, 5) == KM_OK);
    REQUIRE(slots_add(&b, tpl, MON, 630, 690, "3e uur", false, 5) == KM_OK);
    int64_t s1 = slot_at(&b, tpl, 1, 510), s2 = slot_at(&b, tpl, 1, 570), s3 = slot_at(&b, tpl, 1, 630);
    struct lesson_input blok = lesson(s1, FX_JUF1, rooms[1], FX_GROUP1); /* lokaal 2 holds 1 child */
    blok.linked_slots[0] = s2;
    blok.nlinked = 1;
    struct conflict_list w;
    int64_t head;
    REQUIRE(lessons_add(&b, &blok, false, &w, &head) == KM_OK); /* groep 5a's one child fits */
    CHECK(w.n == 0);
    conflicts_free(&w);
    struct km_lesson_list l;
    REQUIRE(lessons_list(&b, tpl, 0, &l) == KM_OK);
    CHECK(l.n == 2 && l.items[0].block_id == head && l.items[1].block_id == head);
    lessons_list_free(&l);
    struct lesson_input gap = lesson(s1, FX_JUF2, 0, FX_GROUP2);
    gap.linked_slots[0] = s3; /* not directly after s1 */
    gap.nlinked = 1;
    CHECK(lessons_add(&b, &gap, true, &w, NULL) == KM_INVALID);
    conflicts_free(&w);
    REQUIRE(lessons_delete(&b, head) == KM_OK);
    REQUIRE(lessons_list(&b, tpl, 0, &l) == KM_OK);
    CHECK(l.n == 0); /* the whole blokuur went */
    lessons_list_free(&l);
    /* capacity: 2 children from two groups in a room for 1 */
    struct lesson_input two = lesson(s3, FX_JUF1, rooms[1], FX_GROUP1);
    two.groups[1] = (struct lesson_group){FX_GROUP2, false};
    two.ngroups = 2;
    CHECK(lessons_add(&b, &two, false, &w, NULL) == KM_CONFLICT);
    CHECK(w.n == 1 && w.items[0].kind == CONFLICT_CAPACITY && strstr(w.items[0].text, "2 kinderen"));
    conflicts_free(&w);
    /* outside the hours after the school day gets shorter */
    REQUIRE(lessons_add(&b, &two, true, NULL, NULL) == KM_OK);
    struct school_day days[7];
    REQUIRE(hours_get(&b, days) == KM_OK);
    REQUIRE(hours_set(&b, 1, 8 * 60 + 30, 10 * 60, days[0].version) == KM_OK);
    struct conflict_list all;
    REQUIRE(conflicts_check(&b, tpl, &all) == KM_OK);
    bool hours = false;
    for (size_t i = 0; i < all.n; i++)
        hours |= all.items[i].kind == CONFLICT_HOURS;
    CHECK(hours);
    conflicts_free(&all);
    db_close(db);
}

TEST(timetable_template_copy_rename_delete)
{
    struct km_session b;
    int64_t tpl, rooms[2];
    struct km_db *db = school(&b, &tpl, rooms);
    REQUIRE(db);
    REQUIRE(slots_add(&b, tpl, MON | TUE, 510, 570, "1e uur", false, 5) == KM_OK);
    REQUIRE(slots_add(&b, tpl, MON | TUE, 570, 615, "2e uur", false, 5) == KM_OK);
    struct lesson_input blok = lesson(slot_at(&b, tpl, 1, 510), FX_JUF1, rooms[0], FX_GROUP1);
    blok.linked_slots[0] = slot_at(&b, tpl, 1, 570);
    blok.nlinked = 1;
    REQUIRE(lessons_add(&b, &blok, true, NULL, NULL) == KM_OK);
    int64_t copy;
    REQUIRE(templates_copy(&b, tpl, "Testweek kopie", &copy) == KM_OK);
    struct km_lesson_list a, c;
    REQUIRE(lessons_list(&b, tpl, 0, &a) == KM_OK);
    REQUIRE(lessons_list(&b, copy, 0, &c) == KM_OK);
    CHECK(a.n == 2 && c.n == 2);
    CHECK(c.n == 2 && c.items[0].block_id == c.items[0].id && c.items[1].block_id == c.items[0].id);
    CHECK(c.n == 2 && strcmp(c.items[0].groups, "groep 5a") == 0 && c.items[0].id != a.items[0].id);
    lessons_list_free(&a);
    lessons_list_free(&c);
    CHECK(templates_copy(&b, tpl, "Testweek kopie", NULL) == KM_EXISTS);
    struct km_template_list tl;
    REQUIRE(templates_list(&b, &tl) == KM_OK);
    CHECK(tl.n == 3); /* the fixture's, ours and the copy */
    int64_t v = 0;
    for (size_t i = 0; i < tl.n; i++)
        if (tl.items[i].id == copy)
            v = tl.items[i].version;
    templates_list_free(&tl);
    CHECK(templates_rename(&b, copy, "Toetsweek", v) == KM_OK);
    CHECK(templates_rename(&b, copy, "Nog anders", v) == KM_CONFLICT);
    /* the fixture's template "standaard" is used by the roster: refused */
    int64_t used;
    REQUIRE(templates_find(&b, "standaard", &used) == KM_OK);
    CHECK(templates_delete(&b, used) == KM_INVALID);
    CHECK(templates_delete(&b, copy) == KM_OK);
    struct km_session juf;
    fixture_session(&juf, db, FX_JUF1);
    CHECK(templates_add(&juf, "Mijn week", NULL) == KM_DENIED);
    CHECK(rooms_add(&juf, "lokaal 9", 20, NULL) == KM_DENIED);
    CHECK(lessons_add(&juf, &blok, true, NULL, NULL) == KM_DENIED);
    db_close(db);
}
