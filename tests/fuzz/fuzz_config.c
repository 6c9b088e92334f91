/* The configuration file (klassenmap.ini): any bytes through core/ini.c and every key's checks. */
#include <stdio.h>

#include "core/config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct km_config c; /* 40 KB: not on the stack */
    char path[4200], err[1024];
    snprintf(path, sizeof path, "%s/input.ini", fuzz_write_file("input.ini", NULL, data, size));
    config_load(path, &c, err, sizeof err);
    return 0;
}
