/* libxml2's errors, caught; see xmlerr.h. */
#include "sync/xmlerr.h"

#include <stdio.h>
#include <string.h>

static _Thread_local struct xmlerr *current;

void xmlerr_structured(void *data, xmlErrorPtr e)
{
    (void)data;
    struct xmlerr *xe = current;
    if (!xe || !e || e->level < XML_ERR_ERROR || xe->message[0])
        return;
    int line = e->line;
    if (line <= 0 && xe->ctxt && xe->ctxt->input)
        line = xe->ctxt->input->line;
    xe->line = line > 0 ? line : 0;
    snprintf(xe->message, sizeof xe->message, "%s", e->message && e->message[0] ? e->message : "onleesbaar");
    xe->message[strcspn(xe->message, "\r\n")] = '\0';
}

/* A few places in libxml2 call the generic handler directly; it has no structured error to give. */
__attribute__((format(printf, 2, 3))) static void drop_generic(void *data, const char *msg, ...)
{
    (void)data, (void)msg;
}

/* libxml2 keeps both handlers per thread: set them each time, on the thread that parses. */
static void install(void)
{
    xmlSetStructuredErrorFunc(NULL, xmlerr_structured);
    xmlSetGenericErrorFunc(NULL, drop_generic);
}

void xmlerr_begin(struct xmlerr *xe, xmlParserCtxtPtr ctxt)
{
    memset(xe, 0, sizeof *xe);
    xe->ctxt = ctxt;
    install();
    current = xe;
}

void xmlerr_end(void)
{
    current = NULL;
    install();
}
