/* The curriculum as CSV, imported for real by the beheerder into the demo school (and rolled back). */
#include "fuzz.h"
#include "sync/curriculum_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct km_session s;
    if (!s.db)
        fuzz_session(&s, "beheerder");
    struct curriculum_csv_result res;
    fuzz_begin();
    curriculum_csv_import(&s, (const char *)data, size, false, &res);
    curriculum_csv_result_free(&res);
    fuzz_rollback();
    return 0;
}
