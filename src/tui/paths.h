/* Where the program's own data (themes, translations) are: beside the binary in a build tree, or under
 * the installed data directory. Never a path a user typed. */
#ifndef KM_TUI_PATHS_H
#define KM_TUI_PATHS_H

#include <stddef.h>

/* Writes the directory of sub ("themes", "locale") into out. */
void paths_data_dir(const char *sub, char *out, size_t len);

#endif
