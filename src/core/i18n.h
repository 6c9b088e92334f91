/* Translations, for every layer: Dutch is the source language; English comes from po/en.po through gettext.
 * Core, sync and the command line mark their sentences with _() like the screens do. No curses here. */
#ifndef KM_CORE_I18N_H
#define KM_CORE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* The ending that makes a counted word plural, in the language chosen: nl_one/nl_many in Dutch ("fout%s": "",
 * "en"), en_one/en_many in English ("mistake%s": "", "s"), so the sentence around it translates whole. */
const char *i18n_plural(long n, const char *nl_one, const char *nl_many, const char *en_one, const char *en_many);

/* A string marked with N_() in a table, translated where it is used; "" stays "" (gettext("") is the catalogue's
 * header). */
static inline const char *i18n_tr(const char *s) { return s && *s ? gettext(s) : s; }

/* Chooses the language and where the catalogue is: English when LANGUAGE, LC_ALL, LC_MESSAGES or LANG (the
 * first one set) starts with "en" (LANG=en_GB.UTF-8), Dutch when it starts with "nl", otherwise the
 * configuration's "nl"/"en" (config_language may be NULL: Dutch). */
void i18n_setup(const char *config_language, const char *locale_dir);

#endif
