#include "core/reset.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/db_sql.h"
#include "core/hashgate.h"
#include "core/i18n.h"
#include "core/mail.h"
#include "core/mailspool.h"
#include "core/school.h"
#include "core/users.h"

/* At most this many codes per account in a quarter of an hour: nobody can flood a mailbox. */
#define THROTTLE_CODES 3

struct account {
    int64_t id;
    char role[16], email[256], username[64], roepnaam[256];
};

/* By username, or by e-mail address when exactly one active account has it. */
static bool find_account(struct km_db *db, const char *who, struct account *a)
{
    memset(a, 0, sizeof *a);
    sqlite3_stmt *st;
    if (db_query(db, &st,
                 "SELECT id, role, COALESCE(email, ''), username, roepnaam FROM users WHERE active = 1 AND"
                 " (username = ?1 OR (email = ?1 COLLATE NOCASE AND (SELECT count(*) FROM users"
                 "  WHERE active = 1 AND email = ?1 COLLATE NOCASE) = 1)) ORDER BY username = ?1 DESC LIMIT 1",
                 "t", who) != KM_OK)
        return false;
    if (db_step(db, st) != 1)
        return false;
    a->id = sqlite3_column_int64(st, 0);
    snprintf(a->role, sizeof a->role, "%s", db_col_text(st, 1));
    snprintf(a->email, sizeof a->email, "%s", db_col_text(st, 2));
    snprintf(a->username, sizeof a->username, "%s", db_col_text(st, 3));
    snprintf(a->roepnaam, sizeof a->roepnaam, "%s", db_col_text(st, 4));
    db_done(st);
    return true;
}

/* Upper case, without the spaces and dashes people type between groups. */
static void normalise_code(const char *in, char *out, size_t len)
{
    size_t n = 0;
    for (const char *p = in ? in : ""; *p && n + 1 < len; p++)
        if (isalnum((unsigned char)*p))
            out[n++] = (char)toupper((unsigned char)*p);
    out[n] = '\0';
}

static void hash_code(const char *code, char hex[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)code, strlen(code), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

static void new_code(char out[RESET_CODE_LEN + 1])
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* no 0/O, 1/I */
    for (int i = 0; i < RESET_CODE_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[RESET_CODE_LEN] = '\0';
}

struct request_ctx {
    const struct km_session *actor;
    int64_t id;
    const char *code_hash;
    bool throttled;
};

static enum km_rc request_tx(struct km_db *db, void *arg)
{
    struct request_ctx *c = arg;
    int64_t recent = 0;
    enum km_rc rc =
        db_int(db, &recent,
               "SELECT count(*) FROM reset_codes WHERE user_id = ? AND created_at > datetime('now', '-15 minutes')",
               "i", c->id);
    if (rc != KM_OK || (c->throttled = recent >= THROTTLE_CODES))
        return rc;
    rc = db_exec(db, "UPDATE reset_codes SET used = 1 WHERE user_id = ? AND used = 0", "i", c->id);
    if (rc == KM_OK)
        rc = db_exec(db,
                     "INSERT INTO reset_codes (user_id, code_hash, expires_at, created_at)"
                     " VALUES (?, ?, datetime('now', '+30 minutes'), datetime('now'))",
                     "it", c->id, c->code_hash);
    return rc == KM_OK ? audit_add(c->actor, c->id, "wachtwoord-code-gemaild", "") : rc;
}

/* Sends the code; false with the reason in err when the mail did not go. */
static bool mail_code(const char *school_name, const struct km_config *cfg, const struct account *a, const char *code,
                      char *err, size_t errlen)
{
    char body[2048];
    snprintf(body, sizeof body,
             _("Beste %s,\n\n"
               "Er is een nieuw wachtwoord aangevraagd voor je account %s bij %s.\n\n"
               "Je code is:   %.4s %.4s\n\n"
               "Vul de code in op het inlogscherm van klassenmap, bij \"wachtwoord vergeten\".\n"
               "De code is %d minuten geldig en werkt één keer.\n\n"
               "Heb je dit niet zelf aangevraagd? Dan hoef je niets te doen: je wachtwoord blijft hetzelfde.\n"),
             a->roepnaam, a->username, school_name, code, code + 4, RESET_VALID_MINUTES);
    bool sent = mail_send(cfg, a->email, _("Je code voor een nieuw wachtwoord"), body, err, errlen) == KM_OK;
    sodium_memzero(body, sizeof body);
    return sent;
}

/* The grandchild: nothing of the parent's files stays open (the terminal, the database), and SQLite is
 * not touched; a failure goes to the spool. */
static void mailer(const char *db_file, const char *school_name, const struct km_config *cfg, const struct account *a,
                   const char *code)
{
    int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd <= 2 && null >= 0; fd++)
        dup2(null, fd);
    for (int fd = 3; fd < 1024; fd++)
        if (fd != null)
            close(fd);
    char err[400];
    bool sent = mail_code(school_name, cfg, a, code, err, sizeof err);
    mailspool_write(db_file, a->id, a->username, sent ? NULL : err); /* a mail that went says mail works again */
}

/* The mail goes out from a detached process, so the login screen answers at once and takes as long for
 * an unknown name as for a real one (an SMTP server can take seconds). Forked also when there is nothing
 * to send, for the same reason. */
static void send_in_background(struct km_db *db, const struct km_config *cfg, const struct account *a, const char *code)
{
    struct school_info school;
    if (school_get(db, &school) != KM_OK)
        snprintf(school.name, sizeof school.name, "klassenmap");
    char db_file[4200];
    snprintf(db_file, sizeof db_file, "%s", db_path(db));
    pid_t child = fork();
    if (child < 0) { /* no process to spare: send it ourselves */
        char err[400];
        if (code)
            mailspool_record(db, a->id, a->username,
                             mail_code(school.name, cfg, a, code, err, sizeof err) ? NULL : err);
        return;
    }
    if (child > 0) {
        waitpid(child, NULL, 0);
        return;
    }
    setsid();
    if (fork() == 0 && code) /* the grandchild is nobody's child: init reaps it */
        mailer(db_file, school.name, cfg, a, code);
    _exit(0);
}

enum km_rc reset_request(struct km_db *db, const struct km_config *cfg, const char *who)
{
    mailspool_import(db); /* earlier failures reach the audit log */
    struct account a;
    if (!who || !*who || !find_account(db, who, &a) || strcmp(a.role, "leerling") == 0 || !a.email[0]) {
        memset(&a, 0, sizeof a);
        send_in_background(db, cfg, &a, NULL);
        return KM_OK; /* the same answer as when a code was sent */
    }
    struct km_session actor;
    session_server(&actor, db);
    snprintf(actor.username, sizeof actor.username, "%.60s", a.username);
    char code[RESET_CODE_LEN + 1], hex[65];
    new_code(code);
    hash_code(code, hex);
    struct request_ctx c = {&actor, a.id, hex, false};
    enum km_rc rc = db_tx(db, request_tx, &c);
    send_in_background(db, cfg, &a, rc == KM_OK && !c.throttled ? code : NULL);
    sodium_memzero(code, sizeof code);
    return rc;
}

struct claim_ctx {
    int64_t user;
    const char *hash;
    bool claimed;
};

/* Takes the code if it is right and still valid; a wrong code counts against every open code, and after
 * RESET_MAX_TRIES wrong tries they are void, so a code cannot be guessed. */
static enum km_rc claim_tx(struct km_db *db, void *arg)
{
    struct claim_ctx *c = arg;
    enum km_rc rc = db_exec(db,
                            "UPDATE reset_codes SET used = 1 WHERE user_id = ? AND code_hash = ? AND used = 0"
                            " AND expires_at > datetime('now') AND attempts < ?",
                            "itd", c->user, c->hash, RESET_MAX_TRIES);
    c->claimed = rc == KM_OK && db_changes(db) == 1;
    if (rc != KM_OK || c->claimed)
        return rc;
    rc = db_exec(db, "UPDATE reset_codes SET attempts = attempts + 1 WHERE user_id = ? AND used = 0", "i", c->user);
    if (rc == KM_OK)
        rc = db_exec(db, "UPDATE reset_codes SET used = 1 WHERE user_id = ? AND attempts >= ?", "id", c->user,
                     RESET_MAX_TRIES);
    return rc;
}

struct confirm_ctx {
    struct km_session *actor;
    int64_t user;
    const char *code_hash, *pw_hash;
    bool claimed;
};

/* The code is taken and the new password stored in one transaction: either both happen or neither. */
static enum km_rc confirm_tx(struct km_db *db, void *arg)
{
    struct confirm_ctx *c = arg;
    struct claim_ctx claim = {c->user, c->code_hash, false};
    enum km_rc rc = claim_tx(db, &claim);
    c->claimed = claim.claimed;
    if (rc != KM_OK || !claim.claimed)
        return rc;
    rc = users_store_password(db, c->actor, c->user, c->pw_hash, false, true);
    return rc == KM_OK ? audit_add(c->actor, c->user, "wachtwoord-hersteld", _("met een code uit de mail")) : rc;
}

enum km_rc reset_confirm(struct km_db *db, const struct auth_settings *auth, const char *who, const char *code,
                         const char *new_password)
{
    const char *wrong = _("De code is onjuist, al gebruikt of verlopen; vraag zo nodig een nieuwe aan.");
    char why[200];
    /* The policy first, with the staff rules and the name as typed: the same answer whether or not the
     * account exists, and a typo in the new password does not use up the code. */
    if (auth_policy_check(&auth->policy, ROLE_BEHEERDER, new_password, who ? who : "", why, sizeof why) != KM_OK)
        return db_fail(db, KM_INVALID, "%s", why);
    struct account a;
    bool usable = who && find_account(db, who, &a) && strcmp(a.role, "leerling") != 0;
    char pw_hash[AUTH_HASH_LEN];
    if (hashgate_hash(db, auth->limits.max_concurrent_hashes, new_password, &auth->params, pw_hash) != KM_OK)
        return db_fail(db, KM_ERR, _("Onvoldoende geheugen om het wachtwoord te versleutelen."));
    if (!usable) {
        auth_wipe(pw_hash, sizeof pw_hash);
        return db_fail(db, KM_DENIED, "%s", wrong);
    }
    char norm[64], hex[65];
    normalise_code(code, norm, sizeof norm);
    hash_code(norm, hex);
    sodium_memzero(norm, sizeof norm);
    struct km_session actor;
    session_server(&actor, db);
    snprintf(actor.username, sizeof actor.username, "%.60s", a.username);
    struct confirm_ctx c = {&actor, a.id, hex, pw_hash, false};
    enum km_rc rc = db_tx(db, confirm_tx, &c);
    auth_wipe(pw_hash, sizeof pw_hash);
    if (rc == KM_OK && !c.claimed)
        return db_fail(db, KM_DENIED, "%s", wrong);
    return rc;
}
