#include "core/mailspool.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/session.h"
#include "core/text.h"

static void spool_path(const char *db_file, char *out, size_t len) { snprintf(out, len, "%.4000s.mailfouten", db_file); }

void mailspool_write(const char *db_file, int64_t user_id, const char *username, const char *error)
{
    char path[4200], clean_err[400], clean_user[80], line[600];
    spool_path(db_file, path, sizeof path);
    text_clean(error, clean_err, sizeof clean_err); /* one line: no tab or newline can split it */
    text_clean(username, clean_user, sizeof clean_user);
    int n = snprintf(line, sizeof line, "%lld\t%s\t%s\n", (long long)user_id, clean_user, clean_err);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (n > 0 && write(fd, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1)) < 0) {
        /* nothing more to do: the mail failed and so did its record */
    }
    close(fd);
}

struct import_ctx {
    FILE *f;
};

static enum km_rc import_tx(struct km_db *db, void *arg)
{
    struct import_ctx *c = arg;
    char line[700];
    rewind(c->f);
    while (fgets(line, sizeof line, c->f)) {
        line[strcspn(line, "\n")] = '\0';
        char *user = strchr(line, '\t');
        char *err = user ? strchr(user + 1, '\t') : NULL;
        if (!err)
            continue;
        *user++ = '\0';
        *err++ = '\0';
        struct km_session actor;
        session_server(&actor, db);
        snprintf(actor.username, sizeof actor.username, "%.60s", user);
        enum km_rc rc = audit_add(&actor, strtoll(line, NULL, 10), "mail-mislukt", err);
        if (rc != KM_OK)
            return rc;
    }
    return KM_OK;
}

enum km_rc mailspool_import(struct km_db *db)
{
    char path[4200], taken[4300];
    spool_path(db_path(db), path, sizeof path);
    snprintf(taken, sizeof taken, "%.4020s.%d", path, (int)getpid());
    /* Taking the file by renaming it: a mailer appending meanwhile starts a new spool, nothing is lost. */
    if (rename(path, taken) != 0)
        return KM_OK;
    FILE *f = fopen(taken, "r");
    if (!f)
        return KM_OK;
    struct import_ctx c = {f};
    enum km_rc rc = db_tx(db, import_tx, &c);
    fclose(f);
    if (rc == KM_OK)
        unlink(taken);
    else
        rename(taken, path); /* try again next time */
    return rc;
}
