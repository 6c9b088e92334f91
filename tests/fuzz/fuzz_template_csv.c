/* A week template as CSV, imported for real by the beheerder into the demo school (and rolled back). */
#include <stdlib.h>

#include "fuzz.h"
#include "sync/template_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct km_session s;
    if (!s.db)
        fuzz_session(&s, "beheerder");
    struct template_csv_options o = {.name = NULL, .step = 5, .dry_run = false};
    struct template_csv_result res;
    fuzz_begin();
    template_csv_import(&s, (const char *)data, size, &o, &res);
    template_csv_result_free(&res);
    fuzz_rollback();
    return 0;
}
