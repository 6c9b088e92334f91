/* Groups: stamgroepen and samengestelde groepen (from ParnasSys) and eigen groepen (made here). */
#ifndef KM_GROUPS_H
#define KM_GROUPS_H

#include "core/session.h"
#include "core/users.h"

struct km_group {
    int64_t id;
    char *name;
    char kind[16];       /* stamgroep, samengesteld, eigen */
    char schooljaar[12]; /* 2026-2027 */
    char jaargroep[4];
    bool synced;
    bool active;
    int64_t linked_group_id;
    int students, teachers;
    int64_t version;
};

struct km_group_list {
    struct km_group *items;
    size_t n;
};

struct group_member {
    struct km_user user;
    bool teacher; /* leerkracht of the group (several = duo-collega's) */
};

struct group_member_list {
    struct group_member *items;
    size_t n;
};

/* The school year a date falls in; the year turns on 1 August. date NULL = today. */
void groups_schooljaar(const char *date, char out[12]);
bool groups_valid_schooljaar(const char *s);

enum km_rc groups_add(const struct km_session *s, const char *name, const char *kind, const char *schooljaar,
                      const char *jaargroep, int64_t *id);
/* Finds a group by name in the given school year (NULL = current), or by its number ("#12" or "12"). */
enum km_rc groups_find(const struct km_session *s, const char *name_or_id, const char *schooljaar, int64_t *id);
/* The groups the session may see: all for a beheerder, own groups for a teacher, the groups of the
 * student or of a parent's children. */
enum km_rc groups_list(const struct km_session *s, const char *schooljaar, struct km_group_list *out);
enum km_rc groups_members(const struct km_session *s, int64_t group_id, struct group_member_list *out);
enum km_rc groups_add_member(const struct km_session *s, int64_t group_id, int64_t user_id);
enum km_rc groups_remove_member(const struct km_session *s, int64_t group_id, int64_t user_id);

/* Core-internal: one row of the group columns (id, name, kind, schooljaar, jaargroep, synced, active,
 * linked group, version, students, teachers) into g. */
enum km_rc groups_read_row(sqlite3_stmt *st, struct km_group *g);
void groups_list_free(struct km_group_list *l);
void groups_members_free(struct group_member_list *l);

#endif
