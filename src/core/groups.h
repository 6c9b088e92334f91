/* Groups: stamgroepen and samengestelde groepen (from ParnasSys) and eigen groepen (made here). */
#ifndef KM_GROUPS_H
#define KM_GROUPS_H

#include "core/session.h"
#include "core/users.h"

struct sqlite3_stmt; /* core/db_sql.h: for core only */

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
/* Finds a group by name in the given school year, or by its number ("#12" or "12"). schooljaar NULL: the
 * current school year, else the newest year that has a group of that name. */
enum km_rc groups_find(const struct km_session *s, const char *name_or_id, const char *schooljaar, int64_t *id);
/* The groups the session may see: all for a beheerder, own groups for a teacher, the groups of the
 * student or of a parent's children. */
enum km_rc groups_list(const struct km_session *s, const char *schooljaar, struct km_group_list *out);
enum km_rc groups_members(const struct km_session *s, int64_t group_id, struct group_member_list *out);
enum km_rc groups_add_member(const struct km_session *s, int64_t group_id, int64_t user_id);
enum km_rc groups_remove_member(const struct km_session *s, int64_t group_id, int64_t user_id);
/* Several students and teachers at once, in one transaction: all or none. Beheerder only; the members of a
 * group from ParnasSys are refused (KM_READONLY, "komt uit ParnasSys; wijzigen in ParnasSys"); nobody is
 * added to a deactivated group, and no inactive account to any group. Several teachers of one group are its
 * duo-collega's: they share its lessons, planning and statuses (see access.c). */
enum km_rc groups_change_members(const struct km_session *s, int64_t group_id, const int64_t *user_ids, size_t n,
                                 bool add);

/* One group, when the session may see it (as groups_list). Free with groups_free. */
enum km_rc groups_get(const struct km_session *s, int64_t id, struct km_group *out);
void groups_free(struct km_group *g);
/* Beheerder only; a group from ParnasSys is KM_READONLY. expected_version: the version the editor saw
 * (KM_CONFLICT when the row changed since), or -1 to change it whatever it is now. */
enum km_rc groups_rename(const struct km_session *s, int64_t id, const char *name, int64_t expected_version);
/* Deactivating keeps the group, its members and its planning; its teachers lose their rights through it. */
enum km_rc groups_set_active(const struct km_session *s, int64_t id, bool active, int64_t expected_version);
/* The bron of an eigen groep: the stamgroep or samengestelde groep it follows (0: none). A bron of a later
 * school year takes the eigen groep into that year (the re-linking after the renewal): same id, so its
 * lessons, planning, statuses and members stay. */
enum km_rc groups_set_bron(const struct km_session *s, int64_t id, int64_t bron_id, int64_t expected_version);
/* Core-internal: the same inside the caller's transaction (the relink of several groups at once). */
enum km_rc groups_set_bron_in_tx(struct km_db *db, const struct km_session *s, int64_t id, int64_t bron);

/* Core-internal: one row of the group columns (id, name, kind, schooljaar, jaargroep, synced, active,
 * linked group, version, students, teachers) into g. */
enum km_rc groups_read_row(struct sqlite3_stmt *st, struct km_group *g);
void groups_list_free(struct km_group_list *l);
void groups_members_free(struct group_member_list *l);

#endif
