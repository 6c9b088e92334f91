#include "tui/paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void paths_data_dir(const char *sub, char *out, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        /* build/locale is made by make; themes/ sits one level up from build/ in the source tree */
        snprintf(out, len, "%s/%s", exe, sub);
        if (is_dir(out))
            return;
        snprintf(out, len, "%s/../%s", exe, sub);
        if (is_dir(out))
            return;
    }
    if (strcmp(sub, "locale") == 0)
        snprintf(out, len, "%s", KM_LOCALEDIR); /* installed with every other program's translations */
    else
        snprintf(out, len, "%s/%s", KM_DATADIR, sub);
}
