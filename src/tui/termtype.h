/* The terminal type. TERM comes from whoever connects (an ssh client sends it), so it is checked before
 * curses sees it: an unknown or odd type falls back to a safe one instead of ending the program. */
#ifndef KM_TUI_TERMTYPE_H
#define KM_TUI_TERMTYPE_H

#include <stdbool.h>
#include <stddef.h>

#define TERMTYPE_NAME_MAX 63

/* A plain terminfo name: letters, digits, '.', '_', '+', '-', not starting with '.' or '-', at most
 * TERMTYPE_NAME_MAX bytes. Nothing that could name a path outside the terminfo directories. */
bool termtype_name_ok(const char *name);
/* The name is plain, terminfo has it, and it can place the cursor and clear the screen. */
bool termtype_usable(const char *name);
/* $TERM when usable, else "xterm", else "vt100", into out. When it fell back, msg holds the (translated)
 * sentence for the login screen, e.g. "Onbekend terminaltype 'x'; ik gebruik vt100."; else msg is "".
 * False when not even vt100 is in terminfo. */
bool termtype_choose(char *out, size_t len, char *msg, size_t msglen);

#endif
