#include "core/i18n.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static bool chose_english;

const char *i18n_plural(long n, const char *nl_one, const char *nl_many, const char *en_one, const char *en_many)
{
    if (chose_english)
        return n == 1 ? en_one : en_many;
    return n == 1 ? nl_one : nl_many;
}

void i18n_setup(const char *config_language, const char *locale_dir)
{
    /* The person's own choice, read once: later calls must not read back the LANGUAGE set below. */
    static char env[64];
    static bool read;
    if (!read) {
        snprintf(env, sizeof env, "%s", env_language());
        read = true;
    }
    bool english = strncmp(env, "en", 2) == 0 ||
                   (strncmp(env, "nl", 2) != 0 && config_language && strcmp(config_language, "en") == 0);
    /* gettext only translates when LC_MESSAGES is not "C"; LANGUAGE then picks the catalogue. */
    setenv("LANGUAGE", english ? "en" : "nl", 1);
    chose_english = english;
    if (!setlocale(LC_MESSAGES, "") || strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
        strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    bindtextdomain("klassenmap", locale_dir);
    bind_textdomain_codeset("klassenmap", "UTF-8");
    textdomain("klassenmap");
}
