/* The UWLR HaalLeerlinggegevens answer: any bytes through the streaming reader, with and without an HTTP charset,
 * and the fault's sentence. */
#include "fuzz.h"
#include "sync/uwlr_answer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_libxml();
    const char *body = (const char *)data;
    char buf[64];
    const char *enc = uwlr_answer_encoding(body, size, "text/xml; charset=ISO-8859-1", buf, sizeof buf);
    struct uwlr_answer a;
    uwlr_answer_read(body, size, enc, &a);
    uwlr_answer_read(body, size, NULL, &a);
    if (a.kind == UWLR_ANSWER_FAULT) {
        char sentence[1024];
        uwlr_fault_sentence(&a.fault, sentence, sizeof sentence);
    }
    return 0;
}
