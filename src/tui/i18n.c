#include "tui/i18n.h"

#include "tui/paths.h"

void i18n_init(const char *config_language)
{
    char dir[4096];
    paths_data_dir("locale", dir, sizeof dir);
    i18n_setup(config_language, dir);
}
