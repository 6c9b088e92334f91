/* The answer to UWLR HaalLeerlinggegevens, looked at before anything is imported: which of the standard's forms it
 * has. A leerlinggegevens_antwoord holds exactly one of leerlinggegevens (the school: handed to the EDEXML importer),
 * geenwijzigingen (nothing changed since laatstontvangengegevens) or geengegevens (nothing to hand over); or the
 * Body holds a SOAP Fault. Elements are matched by local name, so any prefix layout, a default namespace and extra
 * SOAP headers read the same; the encoding is the one the document declares (UTF-8 without a declaration).
 *
 * Pure parsing, with a streaming reader: no network, no database, no DTD (a DOCTYPE is refused), no entities
 * expanded, nothing kept of the data except counts. uwlr_answer_read is the one entry point for a parser test or
 * fuzzer: any bytes in, a filled struct uwlr_answer out. */
#ifndef KM_SYNC_UWLR_ANSWER_H
#define KM_SYNC_UWLR_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

enum uwlr_answer_kind {
    UWLR_ANSWER_DATA,       /* leerlinggegevens */
    UWLR_ANSWER_NO_CHANGES, /* geenwijzigingen */
    UWLR_ANSWER_NO_DATA,    /* geengegevens */
    UWLR_ANSWER_FAULT,      /* a SOAP 1.1 Fault (a SOAP 1.2 one is read as well) */
    UWLR_ANSWER_OTHER,      /* none of these; `what` says what was found */
};

/* A fault's parts, cleaned of control characters and shortened (never in the middle of a character). */
struct uwlr_fault {
    char code[80];    /* the faultcode without its prefix: "Client.AutorisatieOngeldig"; "" when absent */
    char text[160];   /* the faultstring */
    char detail[160]; /* the text of detail; "" when absent */
};

struct uwlr_answer {
    enum uwlr_answer_kind kind;
    struct uwlr_fault fault; /* UWLR_ANSWER_FAULT */
    /* UWLR_ANSWER_DATA: leerlingen and leerkrachten with an eckid but no key, as UWLR 2.3 allows */
    int eckid_only_students, eckid_only_teachers;
    char what[160]; /* UWLR_ANSWER_OTHER: what the body is instead, in Dutch ("geen XML (regel 3)") */
};

/* Reads body (len bytes, need not be NUL-terminated) into out. encoding: the body's encoding when the document
 * declares none (uwlr_answer_encoding), else NULL. Never fails: what is not one of the standard's answers is
 * UWLR_ANSWER_OTHER. */
void uwlr_answer_read(const char *body, size_t len, const char *encoding, struct uwlr_answer *out);
/* The encoding to read body in: NULL when the document settles it itself (a byte order mark, or an encoding in its
 * XML declaration, which a server gets right more often than its HTTP header), else the charset of the HTTP
 * Content-Type ("text/xml; charset=ISO-8859-1"), copied into buf; NULL when there is none or it is UTF-8. */
const char *uwlr_answer_encoding(const char *body, size_t len, const char *content_type, char *buf, size_t buflen);

/* What the beheerder should do about a fault, in Dutch, by its faultcode (Client.AutorisatieOngeldig,
 * Client.OngeldigeKlantIdentificatie, Client.XsdVersieOngeldig, Client.OngeldigBericht, any other Client… or
 * Server…; SOAP 1.2's Sender and Receiver alike). Never NULL. */
const char *uwlr_fault_hint(const char *code);
/* The fault as one sentence: faultstring, faultcode, detail and the hint; "…; er is niets gewijzigd." */
void uwlr_fault_sentence(const struct uwlr_fault *f, char *out, size_t len);

#endif
