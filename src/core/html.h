/* Writing HTML exports: text from data sanitised (no control character survives) and escaped for text and
 * attribute values alike. */
#ifndef KM_HTML_H
#define KM_HTML_H

#include <stdio.h>

void html_text(FILE *f, const char *s);

#endif
