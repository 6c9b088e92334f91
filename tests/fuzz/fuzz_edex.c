/* EDEXML: any bytes through the parser, the checks and a dry run of the import against the demo school. */
#include "fuzz.h"
#include "sync/edex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_libxml();
    struct km_db *db = fuzz_school();
    /* a fixed today, so the seeds' school year 2026-2027 is the current one whenever this runs */
    struct edex_options o = {.dry_run = true, .source_name = "fuzz", .today = "2026-10-01"};
    struct sync_report r;
    fuzz_begin();
    edex_import(db, (const char *)data, size, &o, &r);
    fuzz_rollback();
    return 0;
}
