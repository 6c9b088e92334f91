/* The screens' side of the translations: _() and N_() from core, and choosing the language with the catalogue
 * found where this program's data is (beside the binary in a build tree, or installed). */
#ifndef KM_TUI_I18N_H
#define KM_TUI_I18N_H

#include "core/i18n.h"

/* Chooses the language: the config's "nl"/"en" unless LANGUAGE or LANG asks for English or Dutch. */
void i18n_init(const char *config_language);

#endif
