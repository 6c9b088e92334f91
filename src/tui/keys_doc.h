/* doc/keys.md's table of default keys, printed from the keymap (`klassenmap --print-keys`, `make keys-doc`), so
 * the document is never out of date: tests/cli/test_keys_doc.sh compares the checked-in file with it. */
#ifndef KM_TUI_KEYS_DOC_H
#define KM_TUI_KEYS_DOC_H

#include <stdio.h>

/* One Markdown table row per action: config name, default keys, footer label and description, in the language
 * gettext has chosen (the document is made with LANGUAGE=en). */
void keys_doc_print(FILE *f);

#endif
