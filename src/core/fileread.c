#include "core/fileread.h"

#include <stdlib.h>

char *fileread_all(FILE *f, size_t max, size_t *len)
{
    size_t cap = 64 * 1024;
    char *data = malloc(cap);
    *len = 0;
    while (data && !ferror(f) && !feof(f) && *len <= max) {
        if (*len + 1 >= cap) { /* room for the '\0' too */
            char *grown = cap <= (size_t)-1 / 2 ? realloc(data, cap * 2) : NULL;
            if (!grown) {
                free(data);
                return NULL;
            }
            data = grown;
            cap *= 2;
        }
        *len += fread(data + *len, 1, cap - 1 - *len, f);
    }
    if (!data || ferror(f)) {
        free(data);
        return NULL;
    }
    data[*len] = '\0';
    return data;
}
