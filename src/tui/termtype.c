#include "tui/termtype.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "tui/i18n.h"

bool termtype_name_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    if (n == 0 || n > TERMTYPE_NAME_MAX || t[0] == '.' || t[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') ||
              strchr("._+-", t[i])))
            return false;
    return true;
}

static bool cap_present(const char *name)
{
    const char *v = tigetstr(name);
    return v && v != (const char *)-1;
}

/* setupterm with an error pointer reports an unknown type instead of ending the process, as initscr would.
 * The description is dropped again: newterm loads its own. */
bool termtype_usable(const char *t)
{
    int err = 0;
    if (!termtype_name_ok(t) || setupterm(t, STDOUT_FILENO, &err) != OK)
        return false;
    bool ok = cap_present("cup") && cap_present("clear");
    del_curterm(cur_term);
    return ok;
}

bool termtype_choose(char *out, size_t len, char *msg, size_t msglen)
{
    static const char *const fallbacks[] = {"xterm", "vt100"};
    const char *env = getenv("TERM");
    msg[0] = '\0';
    if (termtype_usable(env)) {
        snprintf(out, len, "%s", env);
        return true;
    }
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        if (termtype_usable(fallbacks[i])) {
            snprintf(out, len, "%s", fallbacks[i]);
            /* TRANSLATORS: the terminal type the ssh client sent is unknown; the second is the one used instead */
            snprintf(msg, msglen, _("Onbekend terminaltype '%.40s'; ik gebruik %s."), env ? env : "", fallbacks[i]);
            return true;
        }
    }
    return false;
}
