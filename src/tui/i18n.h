/* Translations: Dutch is the source language; English comes from po/en.po through gettext. */
#ifndef KM_TUI_I18N_H
#define KM_TUI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Chooses the language: the config's "nl"/"en" unless LANGUAGE or LANG asks for English or Dutch. */
void i18n_init(const char *config_language);

#endif
