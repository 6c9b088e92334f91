/* libxml2's errors, caught: nothing of libxml2's own reaches stderr, and the first error of a parse is kept for
 * our own line-error message. Errors raised outside a parser context (converting a declared encoding, the input
 * layer) go to libxml2's process-wide handler, which without ours prints "encoding error : ..." itself. */
#ifndef KM_SYNC_XMLERR_H
#define KM_SYNC_XMLERR_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

struct xmlerr {
    int line;              /* of the first error (0: none yet, or no line known) */
    char message[160];     /* libxml2's text of the first error, one line; "" when none */
    xmlParserCtxtPtr ctxt; /* where the line comes from when the error has none (may be NULL) */
};

/* From here until xmlerr_end, every libxml2 error of this thread is kept in xe (the first one only, errors and
 * fatal errors; warnings dropped). ctxt may be NULL, and may be set later in xe->ctxt. */
void xmlerr_begin(struct xmlerr *xe, xmlParserCtxtPtr ctxt);
/* Stops keeping; libxml2 stays quiet (its errors are dropped). */
void xmlerr_end(void);
/* The handler itself, for a parser context's sax->serror: it does what the process-wide one does. */
void xmlerr_structured(void *data, xmlErrorPtr e);

#endif
