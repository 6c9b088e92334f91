/* The [keys] section of the configuration: the bytes as its lines, read by config_load and applied to the
 * default keymap; the keys it binds then named as the footer and help screen name them, and every such name must
 * read back as a key (keymap.h promises it). */
#include <stdio.h>
#include <stdlib.h>

#include "core/config.h"
#include "fuzz.h"
#include "tui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct km_config c;
    static struct keymap km;
    char path[4200], err[1024];
    snprintf(path, sizeof path, "%s/input.ini", fuzz_write_file("input.ini", "[keys]\n", data, size));
    if (config_load(path, &c, err, sizeof err) != KM_OK)
        return 0;
    keymap_defaults(&km);
    if (!keymap_apply_config(&km, &c, err, sizeof err))
        return 0;
    char text[256];
    for (int a = 1; a < A__COUNT; a++) {
        keymap_keys_text(&km, (enum action)a, KEYMAP_MAX_KEYS, text, sizeof text);
        for (int k = 0; k < km.entries[a].nkeys; k++) {
            struct key back;
            keymap_key_name(km.entries[a].keys[k], text, sizeof text);
            if (!keymap_parse_key(text, &back)) {
                fprintf(stderr, "keymap: the name '%s' does not read back as a key\n", text);
                abort();
            }
        }
    }
    return 0;
}
