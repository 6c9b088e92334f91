/* ParnasSys's parents as CSV, imported for real by the sync into the demo school (and rolled back). */
#include <string.h>

#include "fuzz.h"
#include "sync/parents_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct km_session s;
    if (!s.db)
        session_sync(&s, fuzz_school());
    struct parents_result res;
    memset(&res, 0, sizeof res);
    char ignored[256];
    fuzz_begin();
    parents_csv_import(&s, (const char *)data, size, false, &res, ignored, sizeof ignored);
    parents_result_free(&res);
    fuzz_rollback();
    return 0;
}
