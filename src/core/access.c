#include "core/access.h"

#include <string.h>

#include "core/db_sql.h"
#include "core/i18n.h"

enum scope {
    NO,  /* never */
    YES, /* any target */
    OWN, /* only the actor itself, or what belongs to the actor (see check_own) */
};

/* Rows: actions; columns: leerling, leerkracht, ouder, beheerder. Mirrors doc/architecture.md. */
static const enum scope table[ACT__COUNT][ROLE__COUNT] = {
    [ACT_VIEW_PLANNING] = {OWN, OWN, OWN, YES},
    [ACT_VIEW_STATUS] = {OWN, OWN, OWN, YES},
    [ACT_SET_STATUS] = {NO, OWN, NO, YES},
    [ACT_PLAN_GOALS] = {NO, OWN, NO, YES},
    [ACT_READ_NOTE] = {NO, OWN, NO, YES},
    [ACT_CHANGE_OWN_PASSWORD] = {NO, YES, YES, YES},
    [ACT_FORGOT_PASSWORD] = {NO, YES, YES, YES},
    [ACT_SET_STUDENT_PASSWORD] = {NO, OWN, NO, YES},
    [ACT_SET_STAFF_PASSWORD] = {NO, NO, NO, YES},
    [ACT_EDIT_TIMETABLE] = {NO, NO, NO, YES},
    [ACT_EDIT_CURRICULUM] = {NO, NO, NO, YES},
    [ACT_MANAGE_USERS] = {NO, NO, NO, YES},
    [ACT_MANAGE_GROUPS] = {NO, NO, NO, YES},
    [ACT_READ_SYNC_SETTINGS] = {NO, NO, NO, YES},
    [ACT_READ_AUDIT] = {NO, NO, NO, YES},
    [ACT_EDIT_SYNCED] = {NO, NO, NO, NO}, /* only the sync, see access_check */
};

static const char *const action_names[ACT__COUNT] = {
    [ACT_VIEW_PLANNING] = N_("planning bekijken"),
    [ACT_VIEW_STATUS] = N_("leerdoelstatussen bekijken"),
    [ACT_SET_STATUS] = N_("leerdoelstatussen zetten"),
    [ACT_PLAN_GOALS] = N_("leerdoelen in een les plannen"),
    [ACT_READ_NOTE] = N_("de notitie bij een les lezen"),
    [ACT_CHANGE_OWN_PASSWORD] = N_("eigen wachtwoord wijzigen"),
    [ACT_FORGOT_PASSWORD] = N_("wachtwoord vergeten"),
    [ACT_SET_STUDENT_PASSWORD] = N_("wachtwoord van een leerling instellen"),
    [ACT_SET_STAFF_PASSWORD] = N_("wachtwoord van een leerkracht of ouder instellen"),
    [ACT_EDIT_TIMETABLE] = N_("schooltijden, weeksjablonen en rooster beheren"),
    [ACT_EDIT_CURRICULUM] = N_("leerdoelen en de statusschaal beheren"),
    [ACT_MANAGE_USERS] = N_("gebruikers beheren"),
    [ACT_MANAGE_GROUPS] = N_("groepen beheren"),
    [ACT_READ_SYNC_SETTINGS] = N_("synchronisatie-instellingen bekijken"),
    [ACT_READ_AUDIT] = N_("het auditlog lezen"),
    [ACT_EDIT_SYNCED] = N_("gegevens uit ParnasSys wijzigen"),
};

const char *access_action_name(enum km_action action)
{
    return (unsigned)action < ACT__COUNT ? _(action_names[action]) : "?";
}

bool access_role_may(enum km_role role, enum km_action action)
{
    if ((unsigned)role >= ROLE__COUNT || (unsigned)action >= ACT__COUNT)
        return false;
    return table[action][role] != NO;
}

static bool exists(struct km_db *db, const char *sql, int64_t a, int64_t b)
{
    int64_t one = 0;
    return db_int(db, &one, sql, "ii", a, b) == KM_OK && one;
}

bool access_teaches_student(struct km_db *db, int64_t teacher_id, int64_t student_id)
{
    return exists(db,
                  "SELECT 1 FROM memberships t JOIN memberships s ON s.group_id = t.group_id"
                  " JOIN groups g ON g.id = t.group_id AND g.active = 1"
                  " WHERE t.user_id = ? AND t.kind = 'leerkracht' AND s.user_id = ? AND s.kind = 'leerling' LIMIT 1",
                  teacher_id, student_id);
}

bool access_teaches_group(struct km_db *db, int64_t teacher_id, int64_t group_id)
{
    return exists(db,
                  "SELECT 1 FROM memberships m JOIN groups g ON g.id = m.group_id AND g.active = 1"
                  " WHERE m.group_id = ? AND m.user_id = ? AND m.kind = 'leerkracht'",
                  group_id, teacher_id);
}

bool access_parent_of(struct km_db *db, int64_t parent_id, int64_t child_id)
{
    return exists(db, "SELECT 1 FROM parent_child WHERE parent_id = ? AND child_id = ?", parent_id, child_id);
}

/* A teacher plans into a lesson that is theirs, or one given to a group they teach (duo-collega). */
static bool teaches_lesson(struct km_db *db, int64_t teacher_id, int64_t instance_id)
{
    return exists(db,
                  "SELECT 1 FROM lesson_instances i WHERE i.id = ?2 AND (i.teacher_id = ?1 OR EXISTS ("
                  "  SELECT 1 FROM lesson_groups lg JOIN memberships m ON m.group_id = lg.group_id"
                  "  WHERE lg.lesson_id = i.lesson_id AND m.user_id = ?1 AND m.kind = 'leerkracht'))",
                  teacher_id, instance_id);
}

static bool is_role(struct km_db *db, int64_t user_id, const char *role)
{
    int64_t one = 0;
    return db_int(db, &one, "SELECT 1 FROM users WHERE id = ? AND role = ?", "it", user_id, role) == KM_OK;
}

static bool check_own(const struct km_session *s, enum km_action action, int64_t target)
{
    struct km_db *db = s->db;
    switch (action) {
    case ACT_VIEW_PLANNING:
    case ACT_VIEW_STATUS:
        if (target == s->user_id)
            return s->role != ROLE_OUDER || action == ACT_VIEW_PLANNING;
        if (s->role == ROLE_OUDER)
            return access_parent_of(db, s->user_id, target);
        if (s->role == ROLE_LEERKRACHT && action == ACT_VIEW_STATUS)
            return access_teaches_student(db, s->user_id, target);
        return false;
    case ACT_SET_STATUS:
    case ACT_SET_STUDENT_PASSWORD:
        return s->role == ROLE_LEERKRACHT && is_role(db, target, "leerling") &&
               access_teaches_student(db, s->user_id, target);
    case ACT_PLAN_GOALS:
    case ACT_READ_NOTE: /* the lesson's teachers and their duo-collega's: never a student or a parent */
        return s->role == ROLE_LEERKRACHT && teaches_lesson(db, s->user_id, target);
    case ACT_CHANGE_OWN_PASSWORD:
    case ACT_FORGOT_PASSWORD:
    case ACT_SET_STAFF_PASSWORD:
    case ACT_EDIT_TIMETABLE:
    case ACT_EDIT_CURRICULUM:
    case ACT_MANAGE_USERS:
    case ACT_MANAGE_GROUPS:
    case ACT_READ_SYNC_SETTINGS:
    case ACT_READ_AUDIT:
    case ACT_EDIT_SYNCED:
    case ACT__COUNT:
        return false;
    }
    return false;
}

/* Targets whose kind is fixed by the action: a student password only for a student, a staff
 * password never for a student. */
static bool target_fits(const struct km_session *s, enum km_action action, int64_t target)
{
    if (action == ACT_SET_STUDENT_PASSWORD)
        return is_role(s->db, target, "leerling");
    if (action == ACT_SET_STAFF_PASSWORD)
        return !is_role(s->db, target, "leerling");
    return true;
}

/* A person's session holds the role from the moment of login; the account may have been deactivated
 * or given another role since, by another session. The database decides, every time. */
enum km_rc access_session(const struct km_session *s)
{
    if (s->origin != ORIGIN_USER)
        return KM_OK;
    char role[16] = "";
    enum km_rc rc =
        db_text(s->db, role, sizeof role, "SELECT role FROM users WHERE id = ? AND active = 1", "i", s->user_id);
    if (rc != KM_OK && rc != KM_NOTFOUND)
        return rc; /* the database failed (busy, damaged, gone): its own sentence, not "log in again" */
    return rc == KM_OK && strcmp(role, km_role_name(s->role)) == 0
               ? KM_OK
               : db_fail(s->db, KM_DENIED,
                         _("Je account is niet meer actief of heeft een andere rol; log opnieuw in."));
}

enum km_rc access_check(const struct km_session *s, enum km_action action, int64_t target)
{
    if ((unsigned)action >= ACT__COUNT || (unsigned)s->role >= ROLE__COUNT)
        return db_fail(s->db, KM_DENIED, _("Geen toegang."));
    if (access_session(s) != KM_OK)
        return KM_DENIED;
    if (action == ACT_EDIT_SYNCED) {
        if (s->origin == ORIGIN_SYNC)
            return KM_OK;
        return db_fail(s->db, KM_READONLY, _("Dit gegeven komt uit ParnasSys en wordt daar gewijzigd."));
    }
    enum scope scope = table[action][s->role];
    bool ok = scope == YES || (scope == OWN && check_own(s, action, target));
    if (ok && !target_fits(s, action, target))
        ok = false;
    if (ok)
        return KM_OK;
    if (scope == OWN)
        return db_fail(s->db, KM_DENIED,
                       _("Geen toegang: %s mag een %s alleen voor de eigen groepen, kinderen of lessen."),
                       access_action_name(action), km_role_name(s->role));
    return db_fail(s->db, KM_DENIED, _("Geen toegang: %s mag een %s niet."), access_action_name(action),
                   km_role_name(s->role));
}
