#include "tui/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the compiled catalogues are: installed under KM_DATADIR/locale, or build/locale beside the binary. */
static void bind_domain(void)
{
    char exe[PATH_MAX], dir[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        snprintf(dir, sizeof dir, "%s/locale", exe);
        if (access(dir, R_OK) == 0) {
            bindtextdomain("klassenmap", dir);
            return;
        }
    }
    bindtextdomain("klassenmap", KM_DATADIR "/locale");
}

static const char *env_language(void)
{
    const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return "";
}

void i18n_init(const char *config_language)
{
    const char *env = env_language();
    bool english = strncmp(env, "en", 2) == 0 || (strncmp(env, "nl", 2) != 0 && config_language &&
                                                   strcmp(config_language, "en") == 0);
    /* gettext only translates when LC_MESSAGES is not "C"; LANGUAGE then picks the catalogue. */
    setenv("LANGUAGE", english ? "en" : "nl", 1);
    if (!setlocale(LC_MESSAGES, "") || strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
        strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    bind_domain();
    bind_textdomain_codeset("klassenmap", "UTF-8");
    textdomain("klassenmap");
}
