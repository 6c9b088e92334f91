#include "fixture.h"

#include "core/db_sql.h"
#include "core/schema.h"
#include "test.h"

static const char *const fixture_sql[] = {
    "INSERT INTO school (id, name, brin, created_at) VALUES (1, 'OBS Test', '99ZZ', '2026-01-01 00:00:00')",
    "INSERT INTO users (id, role, username, roepnaam, achternaam, created_at) VALUES"
    " (1, 'leerling', 'leerling1', 'Daniëlle', 'Çelik', '2026-01-01'),"
    " (2, 'leerling', 'leerling2', 'Sem', 'de Jong', '2026-01-01'),"
    " (3, 'leerkracht', 'juf1', 'Anneke', 'Vries', '2026-01-01'),"
    " (4, 'leerkracht', 'juf2', 'Bram', 'Bakker', '2026-01-01'),"
    " (5, 'ouder', 'ouder1', 'Fatma', 'Çelik', '2026-01-01'),"
    " (6, 'beheerder', 'beheer', 'Kees', 'Smit', '2026-01-01'),"
    " (7, 'leerkracht', 'duo', 'Lotte', 'Mulder', '2026-01-01')",
    "INSERT INTO groups (id, name, kind, schooljaar, created_at) VALUES"
    " (1, 'groep 5a', 'stamgroep', '2026-2027', '2026-01-01'), (2, 'groep 6b', 'stamgroep', '2026-2027', '2026-01-01')",
    "INSERT INTO memberships (group_id, user_id, kind) VALUES"
    " (1, 1, 'leerling'), (2, 2, 'leerling'), (1, 3, 'leerkracht'), (2, 4, 'leerkracht'), (2, 7, 'leerkracht')",
    "INSERT INTO parent_child (parent_id, child_id) VALUES (5, 1)",
    "INSERT INTO hoofdgebieden (id, name) VALUES (1, 'rekenen')",
    "INSERT INTO deelgebieden (id, hoofdgebied_id, name) VALUES (1, 1, 'breuken')",
    "INSERT INTO leerdoelen (id, deelgebied_id, code, title) VALUES (1, 1, 'RE-BR-5.01', 'Ik kan breuken vergelijken')",
    "INSERT INTO week_templates (id, name, created_at) VALUES (1, 'standaard', '2026-01-01')",
    "INSERT INTO time_slots (id, template_id, weekday, start_min, end_min) VALUES (1, 1, 1, 510, 570)",
    "INSERT INTO lessons (id, slot_id, teacher_id) VALUES (1, 1, 3), (2, 1, 4)",
    "INSERT INTO lesson_groups (lesson_id, group_id) VALUES (1, 1), (2, 2)",
    "INSERT INTO roster_weeks (week_start, template_id, generated_at) VALUES ('2026-11-30', 1, '2026-01-01')",
    "INSERT INTO lesson_instances (id, lesson_id, week_start, date, start_min, end_min, teacher_id) VALUES"
    " (1, 1, '2026-11-30', '2026-11-30', 510, 570, 3), (2, 2, '2026-11-30', '2026-11-30', 510, 570, 4)",
};

struct km_db *fixture_open(void)
{
    char err[512];
    struct km_db *db = NULL;
    if (db_open(test_tmp_path("fixture.db"), DB_OPEN_CREATE, &db, err, sizeof err) != KM_OK) {
        fprintf(stderr, "    fixture: %s\n", err);
        return NULL;
    }
    for (size_t i = 0; i < sizeof fixture_sql / sizeof fixture_sql[0]; i++) {
        if (db_exec(db, fixture_sql[i], NULL) != KM_OK) {
            fprintf(stderr, "    fixture: %s\n", db_errmsg(db));
            db_close(db);
            return NULL;
        }
    }
    return db;
}

void fixture_session(struct km_session *s, struct km_db *db, enum fixture_user who)
{
    static const char *const names[] = {"", "leerling1", "leerling2", "juf1", "juf2", "ouder1", "beheer", "duo"};
    if (session_for_user(s, db, names[who]) != KM_OK)
        fprintf(stderr, "    fixture: no session for %s\n", names[who]);
}

struct auth_settings fixture_auth(void)
{
    struct auth_settings a = {auth_min_params(), auth_default_policy(), {3, 15, 0, 2, false}};
    return a;
}

const char *fixture_older_file(const char *marker)
{
    int before = 0;
    while (before < schema_migration_count() && !strstr(schema_migration_sql(before + 1), marker))
        before++;
    if (before == schema_migration_count())
        return NULL;
    /* the program's own mark, read from a new file rather than copied here */
    char err[512];
    struct km_db *fresh = NULL;
    int64_t app_id = 0;
    if (db_open(test_tmp_path("fresh.db"), DB_OPEN_CREATE, &fresh, err, sizeof err) != KM_OK)
        return NULL;
    db_int(fresh, &app_id, "PRAGMA application_id", NULL);
    db_close(fresh);
    const char *path = test_tmp_path("older.db");
    sqlite3 *h = NULL;
    bool ok = sqlite3_open(path, &h) == SQLITE_OK;
    for (int v = 1; ok && v <= before; v++)
        ok = sqlite3_exec(h, schema_migration_sql(v), NULL, NULL, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < sizeof fixture_sql / sizeof fixture_sql[0]; i++)
        ok = sqlite3_exec(h, fixture_sql[i], NULL, NULL, NULL) == SQLITE_OK;
    char pragma[128];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %lld", before,
             (long long)app_id);
    ok = ok && sqlite3_exec(h, pragma, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(h);
    return ok ? path : NULL;
}
