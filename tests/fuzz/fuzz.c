/* The harnesses' shared part: see fuzz.h. */
#include "fuzz.h"

#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db_sql.h"
#include "core/demo.h"

static struct km_db *school;
static char dir[4096];

struct km_db *fuzz_school(void)
{
    if (school)
        return school;
    char err[512] = "";
    if (db_open_memory(&school, err, sizeof err) != KM_OK) {
        fprintf(stderr, "fuzz: no database in memory: %s\n", err);
        abort();
    }
    struct demo_options o = {
        .size = DEMO_SMALL, .seed = 1, .password = "fuzz-wachtwoord-1", .hash_params = auth_min_params()};
    if (demo_create(school, &o, NULL) != KM_OK) {
        fprintf(stderr, "fuzz: no demo school: %s\n", db_errmsg(school));
        abort();
    }
    /* The demo's students and teachers as if synced from ParnasSys, with the keys the seeds use (LL00001 …,
     * LK001 …), so an EDEXML file or a parents list meets people it knows. */
    if (db_exec(school,
                "UPDATE users SET source = 'parnassys', source_key = printf('LL%05d', id - (SELECT min(id) FROM users"
                " WHERE role = 'leerling') + 1) WHERE role = 'leerling'",
                NULL) != KM_OK ||
        db_exec(school,
                "UPDATE users SET source = 'parnassys', source_key = printf('LK%03d', id - (SELECT min(id) FROM users"
                " WHERE role = 'leerkracht') + 1) WHERE role = 'leerkracht'",
                NULL) != KM_OK) {
        fprintf(stderr, "fuzz: %s\n", db_errmsg(school));
        abort();
    }
    return school;
}

void fuzz_session(struct km_session *s, const char *username)
{
    if (session_for_user(s, fuzz_school(), username) != KM_OK) {
        fprintf(stderr, "fuzz: no session for %s: %s\n", username, db_errmsg(fuzz_school()));
        abort();
    }
}

void fuzz_begin(void)
{
    if (db_exec(fuzz_school(), "SAVEPOINT fuzz", NULL) != KM_OK) {
        fprintf(stderr, "fuzz: SAVEPOINT: %s\n", db_errmsg(school));
        abort();
    }
}

void fuzz_rollback(void)
{
    /* A failed statement may have ended the transaction already (SQLite rolls back on some errors): then the
     * savepoint is gone with it, and so are the input's changes. */
    if (sqlite3_get_autocommit(db_handle(school)))
        return;
    if (db_exec(school, "ROLLBACK TO fuzz", NULL) != KM_OK || db_exec(school, "RELEASE fuzz", NULL) != KM_OK) {
        fprintf(stderr, "fuzz: ROLLBACK: %s\n", db_errmsg(school));
        abort();
    }
}

static void remove_dir(void)
{
    char path[4200];
    for (const char *names[] = {"input.ini", "fuzz.theme", NULL}, **n = names; *n; n++) {
        snprintf(path, sizeof path, "%s/%s", dir, *n);
        unlink(path);
    }
    rmdir(dir);
}

const char *fuzz_write_file(const char *name, const char *prefix, const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/km-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(remove_dir);
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (prefix && fputs(prefix, f) == EOF) || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror("fuzz: writing the input");
        abort();
    }
    return dir;
}

static void quiet(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

static void quiet_structured(void *ctx, xmlErrorPtr e) { (void)ctx, (void)e; }

void fuzz_quiet_libxml(void)
{
    static int done;
    if (done++)
        return;
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);
}
