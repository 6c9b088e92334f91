#include "core/hours.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/dates.h"
#include "core/db_sql.h"
#include "core/i18n.h"

const char *hours_day_short(int weekday) { return dates_day_short(weekday); }
const char *hours_day_name(int weekday) { return dates_day_name(weekday); }

void hours_format(int minutes, char out[6])
{
    if (minutes < 0 || minutes > 24 * 60)
        minutes = 0;
    snprintf(out, 6, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
}

int hours_parse(const char *text)
{
    int digits[4], n = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        if (isdigit((unsigned char)*p) && n < 4)
            digits[n++] = *p - '0';
        else if (*p != ':' && *p != '.' && *p != ' ')
            return -1; /* also a fifth digit */
    }
    if (n < 3)
        return -1;
    int h = n == 3 ? digits[0] : digits[0] * 10 + digits[1];
    int m = digits[n - 2] * 10 + digits[n - 1];
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

enum km_rc hours_get(const struct km_session *s, struct school_day days[7])
{
    for (int d = 0; d < 7; d++)
        days[d] = (struct school_day){d + 1, false, 0, 0, 0};
    sqlite3_stmt *st;
    enum km_rc rc = access_session(s);
    if (rc != KM_OK)
        return rc;
    rc = db_query(s->db, &st, "SELECT weekday, start_min, end_min, version FROM school_hours", NULL);
    int r;
    while (rc == KM_OK && (r = db_step(s->db, st)) != 0) {
        if (r < 0)
            return db_last_rc(s->db);
        int wd = sqlite3_column_int(st, 0);
        if (wd < 1 || wd > 7)
            continue;
        days[wd - 1] = (struct school_day){wd, true, sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                                           sqlite3_column_int64(st, 3)};
    }
    return rc;
}

struct set_ctx {
    const struct km_session *s;
    int weekday, start, end;
    int64_t expected;
    bool close;
};

static enum km_rc check_version(struct km_db *db, int weekday, int64_t expected)
{
    int64_t version = 0;
    enum km_rc rc = db_int(db, &version, "SELECT version FROM school_hours WHERE weekday = ?", "d", weekday);
    if (rc == KM_NOTFOUND)
        version = 0, rc = KM_OK;
    if (rc == KM_OK && version != expected)
        return db_fail(db, KM_CONFLICT,
                       _("Iemand anders heeft de schooltijden van %s intussen gewijzigd; bekijk ze opnieuw."),
                       hours_day_name(weekday));
    return rc;
}

static enum km_rc set_tx(struct km_db *db, void *arg)
{
    struct set_ctx *c = arg;
    enum km_rc rc = check_version(db, c->weekday, c->expected);
    if (rc != KM_OK)
        return rc;
    char detail[64], a[6], b[6];
    if (c->close) {
        rc = db_exec(db, "DELETE FROM school_hours WHERE weekday = ?", "d", c->weekday);
        snprintf(detail, sizeof detail, "%s: gesloten", hours_day_name(c->weekday));
    } else {
        rc = db_exec(db,
                     "INSERT INTO school_hours (weekday, start_min, end_min) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (weekday) DO UPDATE SET start_min = ?2, end_min = ?3, version = version + 1",
                     "ddd", c->weekday, c->start, c->end);
        hours_format(c->start, a);
        hours_format(c->end, b);
        snprintf(detail, sizeof detail, "%s: %s-%s", hours_day_name(c->weekday), a, b);
    }
    return rc == KM_OK ? audit_add(c->s, 0, "schooltijden", detail) : rc;
}

static enum km_rc change(const struct km_session *s, struct set_ctx *c)
{
    enum km_rc rc = access_check(s, ACT_EDIT_TIMETABLE, 0);
    if (rc != KM_OK)
        return rc;
    if (c->weekday < 1 || c->weekday > 7)
        return db_fail(s->db, KM_INVALID, _("Een weekdag is 1 (maandag) tot 7 (zondag)."));
    if (!c->close && (c->start < 0 || c->end > 24 * 60 || c->start >= c->end))
        return db_fail(s->db, KM_INVALID, _("De eindtijd moet na de begintijd liggen, op dezelfde dag."));
    return db_tx(s->db, set_tx, c);
}

enum km_rc hours_set(const struct km_session *s, int weekday, int start_min, int end_min, int64_t expected_version)
{
    struct set_ctx c = {s, weekday, start_min, end_min, expected_version, false};
    return change(s, &c);
}

enum km_rc hours_close(const struct km_session *s, int weekday, int64_t expected_version)
{
    struct set_ctx c = {s, weekday, 0, 0, expected_version, true};
    return change(s, &c);
}
