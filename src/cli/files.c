#include "cli/files.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "core/fileread.h"
#include "core/i18n.h"
#include "sync/csv.h"

/* The whole file ("-" is standard input), at most CSV_MAX_BYTES: reading stops just past it. */
int cli_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return out_error(_("Kan '%.200s' niet lezen."), path);
    *data = fileread_all(f, CSV_MAX_BYTES, len);
    bool too_big = *data && *len > CSV_MAX_BYTES, read_all = *data != NULL;
    if (f != stdin)
        fclose(f);
    if (read_all && !too_big)
        return EXIT_OK;
    free(*data);
    *data = NULL;
    return too_big ? out_error(_("'%.200s' is groter dan %u MB."), path, CSV_MAX_BYTES >> 20)
                   : out_error(_("Kan '%.200s' niet lezen."), path);
}

int cli_write_output(const char *path, cli_writer write, void *ctx, struct km_db *db)
{
    FILE *f = path ? fopen(path, "w") : stdout;
    if (!f)
        return out_error(_("Kan '%.200s' niet schrijven."), path);
    enum km_rc r = write(f, ctx);
    bool written = path ? fclose(f) == 0 : fflush(f) == 0 && !ferror(f);
    if (r != KM_OK || !written) {
        if (path)
            remove(path);
        return r != KM_OK && db ? out_fail(db) : out_error("Schrijven is mislukt (schijf vol?).");
    }
    if (path) {
        printf(_("Geschreven naar "));
        out_text(stdout, path);
        printf(".\n");
    }
    return EXIT_OK;
}
