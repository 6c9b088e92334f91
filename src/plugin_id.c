/* Linked into each plugin (klassenmap-mail.so, klassenmap-sync.so) and nowhere else: the id that core/plugin.c
 * compares with its own before calling anything in it. A plugin built from other headers could expect other
 * structures. */
#include "plugin_abi.h" /* KM_PLUGIN_ABI, made by the Makefile */

extern const char km_plugin_abi[];
const char km_plugin_abi[] = KM_PLUGIN_ABI;
