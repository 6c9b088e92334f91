/* A theme file: any bytes through the theme reader, for a terminal of 256, 16 and 8 colours. */
#include "fuzz.h"
#include "tui/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_write_file("fuzz.theme", NULL, data, size);
    static const int colors[] = {256, 16, 8};
    for (size_t i = 0; i < sizeof colors / sizeof *colors; i++) {
        struct theme t;
        char err[1024];
        if (!theme_load(dir, "fuzz", colors[i], &t, err, sizeof err))
            break; /* the same mistake at every depth */
    }
    return 0;
}
