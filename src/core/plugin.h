/* Plugins: the code that only mail and the ParnasSys sync need, with the libraries only they need (libcurl, and
 * libxml2 with ICU), lives in shared objects loaded the first time it runs, so a screen session starts like a bare
 * ncurses and SQLite program. klassenmap-mail.so holds core/mail.c, klassenmap-sync.so sync/edex.c, sync/uwlr.c
 * and sync/uwlr_answer.c; the program has stand-ins of the same names (core/mail_plugin.c, sync/sync_plugin.c)
 * that load them and call through. The tests' programs link the real code instead.
 *
 * Where from: one directory, fixed when the program was built, never from the environment or the working
 * directory (a session runs as the school's account: whoever chose the directory would run code as it). That is
 * PKGLIBDIR for the installed program (BINDIR/klassenmap), else the directory of the running executable, as
 * /proc/self/exe names it (build/klassenmap loads build/klassenmap-*.so): a directory exactly as trusted as the
 * program itself. The directory and the file must belong to root or to the program's owner and be writable by
 * nobody else, and the plugin must come from the same version and headers (KM_PLUGIN_ABI: the Makefile's hash). */
#ifndef KM_PLUGIN_H
#define KM_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

enum plugin {
    PLUGIN_MAIL, /* klassenmap-mail.so */
    PLUGIN_SYNC, /* klassenmap-sync.so */
    PLUGIN__COUNT
};

typedef void (*plugin_fn)(void); /* cast to the function's own type before calling */

/* The function `symbol` of the plugin, loaded on the first call and kept for the rest of the process. NULL when
 * the plugin cannot be used, with one sentence in err that says what it is for, where it was looked for and why
 * it cannot be used. */
plugin_fn plugin_function(enum plugin p, const char *symbol, char *err, size_t errlen);
/* Whether every plugin can be used (`klassenmap check`): loads them; false with the first refusal in err. */
bool plugin_check_all(char *err, size_t errlen);

/* The directory plugins are loaded from, as above. */
void plugin_dir(char *out, size_t len);

#endif
