/* Linked into each plugin (klassenmap-mail.so, klassenmap-sync.so) and nowhere else: the version that core/plugin.c
 * compares with its own before calling anything in it. A plugin of another build could expect other structures. */
#include "buildconf.h" /* KM_VERSION */

extern const char km_plugin_version[];
const char km_plugin_version[] = KM_VERSION;
