#include "core/school.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/clock.h"
#include "core/db_sql.h"
#include "core/i18n.h"
#include "core/text.h"

bool school_valid_brin(const char *b)
{
    return b && strlen(b) == 4 && isdigit((unsigned char)b[0]) && isdigit((unsigned char)b[1]) && b[2] >= 'A' &&
           b[2] <= 'Z' && b[3] >= 'A' && b[3] <= 'Z'; /* not isupper: the locale could add letters */
}

struct create_ctx {
    const struct km_session *s;
    const char *name, *brin;
};

static enum km_rc create_tx(struct km_db *db, void *arg)
{
    struct create_ctx *c = arg;
    int64_t n = 0;
    enum km_rc rc = db_int(db, &n, "SELECT count(*) FROM school", NULL);
    if (rc == KM_OK && n > 0)
        return db_fail(db, KM_EXISTS, _("De database %s hoort al bij een school; er is niets gewijzigd."), db_path(db));
    char now[20];
    db_now(now);
    if (rc == KM_OK)
        rc = db_exec(db, "INSERT INTO school (id, name, brin, created_at) VALUES (1, ?, ?, ?)", "tet", c->name, c->brin,
                     now);
    return rc == KM_OK ? audit_add(c->s, 0, "school-aangemaakt", c->name) : rc;
}

enum school_brin_source school_sync_brin(const struct school_info *school, const char *config_brin, char out[8])
{
    bool have_config = config_brin && *config_brin, have_school = school && school->brin[0];
    out[0] = '\0';
    if (have_config && have_school && strcasecmp(config_brin, school->brin) != 0)
        return BRIN_CONFLICT;
    if (!have_config && !have_school)
        return BRIN_NONE;
    snprintf(out, 8, "%.7s", have_config ? config_brin : school->brin);
    if (!school_valid_brin(out))
        return BRIN_INVALID;
    return have_config ? BRIN_FROM_CONFIG : BRIN_FROM_SCHOOL;
}

enum km_rc school_create(const struct km_session *s, const char *name, const char *brin)
{
    enum km_rc rc = access_check(s, ACT_MANAGE_USERS, 0);
    if (rc != KM_OK)
        return rc;
    char clean[256];
    text_clean(name ? name : "", clean, sizeof clean);
    if (!*clean || text_width(clean) > 100)
        return db_fail(s->db, KM_INVALID, _("De naam van de school heeft 1 tot 100 tekens."));
    if (brin && *brin && !school_valid_brin(brin))
        return db_fail(s->db, KM_INVALID,
                       _("Ongeldige BRIN-code '%.10s': twee cijfers en twee hoofdletters, zoals 99ZZ."), brin);
    struct create_ctx c = {s, clean, brin};
    enum km_rc done = db_tx(s->db, create_tx, &c);
    if (done == KM_OK)
        clock_database_opened(false); /* a real school now: no test clock for it (core/clock.h) */
    return done;
}

enum km_rc school_get(struct km_db *db, struct school_info *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    enum km_rc rc = db_query(db, &st, "SELECT name, COALESCE(brin, ''), demo FROM school WHERE id = 1", NULL);
    if (rc != KM_OK)
        return rc;
    int r = db_step(db, st);
    if (r <= 0)
        return r < 0 ? db_last_rc(db)
                     : db_fail(db, KM_NOTFOUND, _("Deze database heeft nog geen school; gebruik 'klassenmap init'."));
    snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 0));
    snprintf(out->brin, sizeof out->brin, "%s", db_col_text(st, 1));
    out->demo = sqlite3_column_int(st, 2) != 0;
    db_done(st);
    return KM_OK;
}
