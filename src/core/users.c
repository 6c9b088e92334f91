#include "core/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/clock.h"
#include "core/db_sql.h"
#include "core/hashgate.h"
#include "core/i18n.h"
#include "core/login.h"
#include "core/names.h"
#include "core/text.h"
#include "core/vec.h"

#define USER_COLUMNS                                                                                                   \
    "id, role, username, roepnaam, voorvoegsel, achternaam, COALESCE(email, ''), COALESCE(instroom, ''),"              \
    " COALESCE(uitstroom, ''), COALESCE(last_login_at, ''), password_state, active, source = 'parnassys', version,"    \
    " CASE WHEN locked_until > datetime('now') THEN locked_until ELSE '' END"

/* Longest first, so "van der" wins over "van". */
static const char *const prefixes[] = {"van den", "van der", "van de", "van 't", "in 't", "in de", "op de",
                                       "uit de",  "van",     "de",     "den",    "der",   "het",   "'t",
                                       "ter",     "ten",     "te",     "la",     "le",    "el",    "al"};

static bool starts_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    return strncasecmp(s, word, n) == 0 && (s[n] == ' ');
}

enum km_rc users_split_name(const char *full, char *roepnaam, char *voorvoegsel, char *achternaam, size_t len)
{
    char clean[1024];
    text_clean(full ? full : "", clean, sizeof clean);
    roepnaam[0] = voorvoegsel[0] = achternaam[0] = '\0';
    char *space = strchr(clean, ' ');
    if (!space)
        return KM_INVALID; /* a person needs a roepnaam and an achternaam */
    *space = '\0';
    snprintf(roepnaam, len, "%s", clean);
    const char *rest = space + 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (starts_word(rest, prefixes[i])) {
            size_t n = strlen(prefixes[i]);
            if (n < len) {
                memcpy(voorvoegsel, rest, n); /* keeps the case as typed: "Van" at the start of a name */
                voorvoegsel[n] = '\0';
            }
            rest += n + 1;
            break;
        }
    }
    snprintf(achternaam, len, "%s", rest);
    return *achternaam ? KM_OK : KM_INVALID;
}

void users_display_name(const struct km_user *u, char *buf, size_t len)
{
    if (u->voorvoegsel && *u->voorvoegsel)
        snprintf(buf, len, "%s %s %s", u->roepnaam, u->voorvoegsel, u->achternaam);
    else
        snprintf(buf, len, "%s %s", u->roepnaam, u->achternaam);
}

static bool username_taken(struct km_db *db, const char *name)
{
    int64_t one;
    return db_int(db, &one, "SELECT 1 FROM users WHERE username = ?", "t", name) == KM_OK;
}

enum km_rc users_make_username(struct km_db *db, const char *roepnaam, const char *voorvoegsel, const char *achternaam,
                               char *out, size_t len)
{
    char first[64], last[96], base[USERS_USERNAME_MAX + 1];
    char joined[512];
    text_fold_ascii(roepnaam, 0, first, sizeof first);
    snprintf(joined, sizeof joined, "%s%s", voorvoegsel ? voorvoegsel : "", achternaam);
    text_fold_ascii(joined, 0, last, sizeof last);
    snprintf(base, sizeof base, "%.15s.%.14s", first[0] ? first : "gebruiker", last[0] ? last : "x");
    snprintf(out, len, "%s", base);
    for (int n = 2; username_taken(db, out); n++) {
        if (n > 9999)
            return db_fail(db, KM_EXISTS, _("Geen vrije gebruikersnaam gevonden voor %s."), base);
        snprintf(out, len, "%s%d", base, n);
    }
    return KM_OK;
}

static bool valid_username(const char *u)
{
    size_t n = strlen(u);
    if (n < 2 || n > USERS_USERNAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = u[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '-' || c == '_'));
        if (!ok)
            return false;
    }
    return true;
}

static bool valid_email(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(e) > 254)
        return false;
    for (const char *p = e; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
            return false;
    return true;
}

static enum km_rc check_name_field(struct km_db *db, const char *what, const char *v, bool required)
{
    if (required && (!v || !*v))
        return db_fail(db, KM_INVALID, _("De %s ontbreekt."), what);
    if (v && text_width(v) > USERS_NAME_MAX)
        return db_fail(db, KM_INVALID, _("De %s is te lang (hoogstens %d tekens)."), what, USERS_NAME_MAX);
    return KM_OK;
}

struct add_ctx {
    const struct km_session *s;
    const struct user_new *u;
    char roep[1024], voor[64], achter[1024], username[USERS_USERNAME_MAX + 8];
    int64_t id;
};

static enum km_rc add_tx(struct km_db *db, void *arg)
{
    struct add_ctx *c = arg;
    if (!c->u->username || !*c->u->username) {
        enum km_rc rc = users_make_username(db, c->roep, c->voor, c->achter, c->username, sizeof c->username);
        if (rc != KM_OK)
            return rc;
    }
    char now[20];
    db_now(now);
    enum km_rc rc =
        db_exec(db,
                "INSERT INTO users (role, username, roepnaam, voorvoegsel, achternaam, email, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                "tttttet", km_role_name(c->u->role), c->username, c->roep, c->voor, c->achter, c->u->email, now);
    if (rc == KM_EXISTS)
        return db_fail(db, KM_EXISTS, _("De gebruikersnaam %s is al in gebruik."), c->username);
    if (rc != KM_OK)
        return rc;
    c->id = db_last_id(db);
    return audit_add(c->s, c->id, "gebruiker-aangemaakt", km_role_name(c->u->role));
}

enum km_rc users_add(const struct km_session *s, const struct user_new *u, int64_t *id)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    if (rc != KM_OK)
        return rc;
    if ((unsigned)u->role >= ROLE__COUNT)
        return db_fail(s->db, KM_INVALID, _("Onbekende rol."));
    struct add_ctx c = {.s = s, .u = u};
    text_clean(u->roepnaam ? u->roepnaam : "", c.roep, sizeof c.roep);
    text_clean(u->voorvoegsel ? u->voorvoegsel : "", c.voor, sizeof c.voor);
    text_clean(u->achternaam ? u->achternaam : "", c.achter, sizeof c.achter);
    if ((rc = check_name_field(s->db, "roepnaam", c.roep, true)) != KM_OK ||
        (rc = check_name_field(s->db, "achternaam", c.achter, true)) != KM_OK ||
        (rc = check_name_field(s->db, "voorvoegsel", c.voor, false)) != KM_OK)
        return rc;
    if (u->username && *u->username) {
        if (!valid_username(u->username))
            return db_fail(
                s->db, KM_INVALID,
                _("Ongeldige gebruikersnaam '%.40s': 2 tot %d tekens a-z, 0-9, punt, streepje of liggend streepje, "
                  "beginnend met een letter of cijfer."),
                u->username, USERS_USERNAME_MAX);
        snprintf(c.username, sizeof c.username, "%s", u->username);
    }
    if (u->email && *u->email && !valid_email(u->email))
        return db_fail(s->db, KM_INVALID, _("Ongeldig e-mailadres '%.80s'."), u->email);
    rc = db_tx(s->db, add_tx, &c);
    if (rc == KM_OK && id)
        *id = c.id;
    return rc;
}

static void fill_user(sqlite3_stmt *st, struct km_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    enum km_role role = ROLE_LEERLING;
    km_role_parse(db_col_text(st, 1), &role);
    u->role = role;
    u->username = db_col_dup(st, 2);
    u->roepnaam = db_col_dup(st, 3);
    u->voorvoegsel = db_col_dup(st, 4);
    u->achternaam = db_col_dup(st, 5);
    u->email = db_col_dup(st, 6);
    u->instroom = db_col_dup(st, 7);
    u->uitstroom = db_col_dup(st, 8);
    u->last_login = db_col_dup(st, 9);
    snprintf(u->password_state, sizeof u->password_state, "%s", db_col_text(st, 10));
    u->active = sqlite3_column_int(st, 11) != 0;
    u->synced = sqlite3_column_int(st, 12) != 0;
    u->version = sqlite3_column_int64(st, 13);
    snprintf(u->locked_until, sizeof u->locked_until, "%s", db_col_text(st, 14));
}

static bool user_complete(const struct km_user *u)
{
    return u->username && u->roepnaam && u->voorvoegsel && u->achternaam && u->email && u->instroom && u->uitstroom &&
           u->last_login;
}

/* Who may see an account's details: themselves, a beheerder, a teacher of the student, a parent of the child. */
static enum km_rc may_see_user(const struct km_session *s, const struct km_user *u)
{
    if (s->role == ROLE_BEHEERDER || u->id == s->user_id)
        return KM_OK;
    if (u->role == ROLE_LEERLING)
        return access_check(s, ACT_VIEW_STATUS, u->id);
    return db_fail(s->db, KM_DENIED, _("Geen toegang tot dit account."));
}

/* Reads the row a users_get* query produced, then checks that the session may see it. */
static enum km_rc get_from(const struct km_session *s, sqlite3_stmt *st, struct km_user *out)
{
    int r = db_step(s->db, st);
    /* Only the beheerder learns that a name does not exist; others get the answer they get for anyone
     * they may not see, so usernames cannot be probed. */
    if (r == 0 && s->role != ROLE_BEHEERDER)
        return db_fail(s->db, KM_DENIED, _("Geen toegang tot dit account."));
    if (r <= 0)
        return r < 0 ? db_last_rc(s->db) : db_fail(s->db, KM_NOTFOUND, _("Deze gebruiker bestaat niet."));
    fill_user(st, out);
    db_done(st);
    if (!user_complete(out)) {
        users_free(out);
        return vec_no_memory(s->db);
    }
    enum km_rc rc = may_see_user(s, out);
    if (rc != KM_OK)
        users_free(out);
    return rc;
}

enum km_rc users_get(const struct km_session *s, const char *username, struct km_user *out)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    enum km_rc rc = db_query(s->db, &st, "SELECT " USER_COLUMNS " FROM users WHERE username = ?", "t", username);
    return rc == KM_OK ? get_from(s, st, out) : rc;
}

enum km_rc users_get_id(const struct km_session *s, int64_t id, struct km_user *out)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    enum km_rc rc = db_query(s->db, &st, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", "i", id);
    return rc == KM_OK ? get_from(s, st, out) : rc;
}

/* The one rule of core/names.h (achternaam without its voorvoegsel, then roepnaam, accents and case ignored; or
 * roepnaam first when the school chose so); the username last, so two children with the same name keep one order. */
int users_name_cmp(const struct km_user *a, const struct km_user *b)
{
    int c = names_compare(a->roepnaam, a->voorvoegsel, a->achternaam, b->roepnaam, b->voorvoegsel, b->achternaam);
    if (c == 0)
        c = strcmp(a->username ? a->username : "", b->username ? b->username : "");
    return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static int list_order(const void *x, const void *y)
{
    const struct km_user *a = x, *b = y;
    if (a->role != b->role)
        return strcmp(km_role_name(a->role), km_role_name(b->role));
    return users_name_cmp(a, b);
}

enum km_rc users_list(const struct km_session *s, const struct user_filter *f, struct km_user_list *out)
{
    out->items = NULL;
    out->n = 0;
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    if (rc != KM_OK)
        return rc;
    sqlite3_stmt *st;
    rc = db_query(s->db, &st,
                  "SELECT " USER_COLUMNS ","
                  " COALESCE((SELECT group_concat(name, ', ') FROM (SELECT g.name FROM memberships m"
                  "  JOIN groups g ON g.id = m.group_id AND g.active = 1 WHERE m.user_id = users.id"
                  "  ORDER BY g.kind <> 'stamgroep', g.name)), '')"
                  " FROM users WHERE (?1 IS NULL OR role = ?1) AND (?2 OR active = 1) ORDER BY role, id",
                  "td", f && !f->any_role ? km_role_name(f->role) : NULL, f && f->include_inactive);
    int r;
    size_t cap = 0;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        if (r < 0) {
            rc = db_last_rc(s->db);
            break;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            struct km_user *items = realloc(out->items, cap * sizeof *items);
            if (!items) {
                rc = vec_no_memory(s->db);
                break;
            }
            out->items = items;
        }
        fill_user(st, &out->items[out->n]);
        out->items[out->n].groups = db_col_dup(st, 14);
        if (!user_complete(&out->items[out->n]) || !out->items[out->n++].groups)
            rc = vec_no_memory(s->db);
    }
    if (rc != KM_OK) {
        db_done(st);
        users_list_free(out);
    } else if (out->n > 1) {
        qsort(out->items, out->n, sizeof *out->items, list_order);
    }
    return rc;
}

struct deactivate_ctx {
    const struct km_session *s;
    const char *username;
};

static enum km_rc deactivate_tx(struct km_db *db, void *arg)
{
    struct deactivate_ctx *c = arg;
    int64_t id = 0, synced = 0;
    sqlite3_stmt *st;
    enum km_rc rc =
        db_query(db, &st, "SELECT id, source = 'parnassys' FROM users WHERE username = ?", "t", c->username);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db) : db_fail(db, KM_NOTFOUND, _("Gebruiker %s bestaat niet."), c->username);
    id = sqlite3_column_int64(st, 0);
    synced = sqlite3_column_int64(st, 1);
    db_done(st);
    if (synced && access_check(c->s, ACT_EDIT_SYNCED, id) != KM_OK)
        return db_fail(db, KM_READONLY,
                       _("%s komt uit ParnasSys; daar wordt een vertrek ingevoerd, en de synchronisatie "
                         "zet het account dan op inactief."),
                       c->username);
    rc = db_exec(db, "UPDATE users SET active = 0, version = version + 1 WHERE id = ?", "i", id);
    if (rc == KM_OK)
        rc = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", id);
    return rc == KM_OK ? audit_add(c->s, id, "gebruiker-gedeactiveerd", "") : rc;
}

enum km_rc users_deactivate(const struct km_session *s, const char *username)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    struct deactivate_ctx c = {s, username};
    return rc == KM_OK ? db_tx(s->db, deactivate_tx, &c) : rc;
}

static enum km_action password_action(const struct km_session *s, int64_t target, bool target_is_student)
{
    if (target == s->user_id && s->origin == ORIGIN_USER)
        return ACT_CHANGE_OWN_PASSWORD;
    return target_is_student ? ACT_SET_STUDENT_PASSWORD : ACT_SET_STAFF_PASSWORD;
}

enum km_rc users_store_password(struct km_db *db, const struct km_session *actor, int64_t target, const char *hash,
                                bool temporary, bool own)
{
    char now[20];
    db_now(now);
    enum km_rc rc = db_exec(db,
                            "UPDATE users SET password_hash = ?, password_state = ?, password_changed_at = ?,"
                            " failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?",
                            "ttti", hash, temporary ? "temporary" : "set", now, target);
    if (rc != KM_OK)
        return rc;
    return audit_add(actor, target, own ? "wachtwoord-gewijzigd" : "wachtwoord-ingesteld",
                     temporary ? "tijdelijk" : "");
}

struct password_ctx {
    const struct km_session *s;
    int64_t target;
    const char *hash;
    const char *state;
    bool own;
};

static enum km_rc password_tx(struct km_db *db, void *arg)
{
    struct password_ctx *c = arg;
    return users_store_password(db, c->s, c->target, c->hash, strcmp(c->state, "temporary") == 0, c->own);
}

static bool temporary_password(struct km_db *db, int64_t id)
{
    char state[16] = "";
    return db_text(db, state, sizeof state, "SELECT password_state FROM users WHERE id = ?", "i", id) == KM_OK &&
           strcmp(state, "temporary") == 0;
}

/* A password set by someone else is temporary: the person must choose their own at the next login. For a
 * student the school decides (student_temporary), since a seven-year-old cannot always do that. */
static const char *password_state(const struct auth_settings *a, bool own, bool student)
{
    return (own || (student && !a->limits.student_temporary)) ? "set" : "temporary";
}

enum km_rc users_set_password(const struct km_session *s, int64_t target, const char *password,
                              const struct auth_settings *settings)
{
    char role[16] = "", username[USERS_USERNAME_MAX + 8] = "";
    enum km_rc rc =
        db_text(s->db, role, sizeof role, "SELECT role FROM users WHERE id = ? AND active = 1", "i", target);
    if (rc == KM_OK)
        rc = db_text(s->db, username, sizeof username, "SELECT username FROM users WHERE id = ?", "i", target);
    if (rc == KM_NOTFOUND)
        return db_fail(s->db, KM_NOTFOUND, _("Deze gebruiker bestaat niet of is niet actief."));
    if (rc != KM_OK)
        return rc;
    bool student = strcmp(role, "leerling") == 0;
    enum km_action action = password_action(s, target, student);
    /* A student whose teacher set a temporary password (student_temporary) must be able to replace it. */
    bool forced = action == ACT_CHANGE_OWN_PASSWORD && student && temporary_password(s->db, target);
    if (!forced && (rc = access_check(s, action, target)) != KM_OK)
        return rc;
    if (forced && (rc = access_session(s)) != KM_OK)
        return rc;
    enum km_role target_role = ROLE_LEERLING;
    km_role_parse(role, &target_role);
    char why[160];
    if (auth_policy_check(&settings->policy, target_role, password, username, why, sizeof why) != KM_OK)
        return db_fail(s->db, KM_INVALID, "%s", why);
    char hash[AUTH_HASH_LEN];
    if (hashgate_hash(s->db, settings->limits.max_concurrent_hashes, password, &settings->params, hash) != KM_OK)
        return db_fail(s->db, KM_ERR, _("Onvoldoende geheugen om het wachtwoord te versleutelen."));
    bool own = action == ACT_CHANGE_OWN_PASSWORD;
    struct password_ctx c = {s, target, hash, password_state(settings, own, student), own};
    rc = db_tx(s->db, password_tx, &c);
    auth_wipe(hash, sizeof hash);
    return rc;
}

enum km_rc users_change_own_password(const struct km_session *s, const char *current, const char *new_password,
                                     const struct auth_settings *settings)
{
    enum km_rc rc = access_check(s, ACT_CHANGE_OWN_PASSWORD, s->user_id);
    if (rc != KM_OK)
        return rc;
    /* The new password is judged first, so the answer says which field to fix (KM_INVALID: the new one,
     * KM_DENIED: the current one) and a typo in the new one costs no attempt at the current one. */
    char why[160];
    if (auth_policy_check(&settings->policy, s->role, new_password, s->username, why, sizeof why) != KM_OK)
        return db_fail(s->db, KM_INVALID, "%s", why);
    char hash[AUTH_HASH_LEN] = "";
    db_text(s->db, hash, sizeof hash, "SELECT COALESCE(password_hash, '') FROM users WHERE id = ?", "i", s->user_id);
    bool locked = users_locked(s->db, s->user_id);
    /* Guessing here, at someone's unattended terminal, counts like guessing at the login screen. */
    bool ok = hashgate_verify(s->db, settings->limits.max_concurrent_hashes, hash, current) && !locked;
    auth_wipe(hash, sizeof hash);
    if (!ok) {
        login_record_failure(s->db, &settings->limits, s->username, s->user_id, locked);
        return db_fail(s->db, KM_DENIED, _("Het huidige wachtwoord klopt niet; er is niets gewijzigd."));
    }
    return users_set_password(s, s->user_id, new_password, settings);
}

struct unlock_ctx {
    const struct km_session *s;
    int64_t id;
};

static enum km_rc unlock_tx(struct km_db *db, void *arg)
{
    struct unlock_ctx *c = arg;
    enum km_rc rc = db_exec(db, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", "i", c->id);
    return rc == KM_OK ? audit_add(c->s, c->id, "account-ontgrendeld", "") : rc;
}

enum km_rc users_unlock(const struct km_session *s, int64_t target)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    struct unlock_ctx c = {s, target};
    return rc == KM_OK ? db_tx(s->db, unlock_tx, &c) : rc;
}

enum km_rc users_previous_login(const struct km_session *s, char *out, size_t len)
{
    out[0] = '\0';
    if (s->origin != ORIGIN_USER || s->user_id == 0)
        return db_fail(s->db, KM_DENIED, _("Alleen een ingelogde persoon heeft een vorige login."));
    enum km_rc rc = access_session(s); /* one's own, while the account is still active */
    if (rc != KM_OK)
        return rc;
    rc = db_text(s->db, out, len,
                 "SELECT at FROM audit_log WHERE subject_id = ? AND kind = 'login' ORDER BY at DESC, id DESC"
                 " LIMIT 1 OFFSET 1",
                 "i", s->user_id);
    return rc == KM_NOTFOUND ? KM_OK : rc;
}

bool users_locked(struct km_db *db, int64_t id)
{
    char now[20];
    int64_t locked = 0;
    clock_system_text(now); /* as locked_until was written: never a test clock */
    return db_int(db, &locked, "SELECT COALESCE(locked_until > ?, 0) FROM users WHERE id = ?", "ti", now, id) ==
               KM_OK &&
           locked;
}

void users_free(struct km_user *u)
{
    free(u->groups);
    free(u->username);
    free(u->roepnaam);
    free(u->voorvoegsel);
    free(u->achternaam);
    free(u->email);
    free(u->instroom);
    free(u->uitstroom);
    free(u->last_login);
    memset(u, 0, sizeof *u);
}

void users_list_free(struct km_user_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        users_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
