/* UWLR over HTTPS: the SOAP 1.1 operation HaalLeerlinggegevens of UWLR 2.2, POSTed with libcurl to the ParnasSys
 * endpoint of the config ([sync]), exactly as the standard's WSDL and schemas define it:
 * - HTTP POST, Content-Type text/xml; charset=utf-8, SOAPAction "HaalLeerlinggegevens";
 * - the SOAP Header holds autorisatie (namespace UWLR_AUTH_NAMESPACE) with autorisatiesleutel, klantcode and
 *   klantnaam, in that order;
 * - the Body holds leerlinggegevens_verzoek with schooljaar, brincode, dependancecode and xsdversie 2.2; without
 *   laatstontvangengegevens, so every run asks for the full snapshot.
 * The answer's form is read first (sync/uwlr_answer.h); leerlinggegevens go to the EDEXML importer (sync/edex.h),
 * which matches elements by local name and so reads them inside the SOAP envelope as it reads an EDEXML file.
 * TLS is always verified (sync_ca_file, or the system's CA bundle), optionally with a client certificate (mutual
 * TLS), only https is spoken, redirects are not followed, and sync_timeout bounds both the connection and the
 * whole exchange. The autorisatiesleutel is read from key_file just before the request, lives only in buffers that
 * are wiped right after it, and is never shown, logged or stored.
 * Any failure before the import (time-out, refused connection, TLS, an HTTP error status, a SOAP fault, geengegevens)
 * is one Dutch sentence, changes nothing, and is recorded as a failed run in sync_runs. */
#ifndef KM_SYNC_UWLR_H
#define KM_SYNC_UWLR_H

#include "core/config.h"
#include "core/db.h"
#include "sync/edex.h"
#include "sync/uwlr_answer.h"

#define UWLR_NAMESPACE "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
#define UWLR_AUTH_NAMESPACE "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
#define UWLR_SOAP_ACTION "HaalLeerlinggegevens" /* the WSDL's soapAction of the operation */
#define UWLR_XSD_VERSION "2.2"
#define UWLR_STRING64 64                      /* characters of autorisatiesleutel, klantcode, klantnaam (tpString64) */
#define UWLR_MAX_ANSWER (64u * 1024u * 1024u) /* a school of 1,200 leerlingen answers in a few megabytes */
#define UWLR_KEY_MAX 512
#define UWLR_MESSAGE_MAX 640 /* room for a fault's sentence: faultstring, faultcode, detail and what to do */

/* What one request asks for, and how it travels. */
struct uwlr_request {
    const char *endpoint;
    const char *schooljaar;            /* 2026-2027 */
    const char *brin;                  /* 99ZZ */
    const char *dependancecode;        /* 00 */
    const char *klantcode, *klantnaam; /* 1..64 characters each */
    const char *ca_file;               /* "" = the system's */
    const char *client_cert;           /* "" = no client certificate */
    const char *client_key;            /* "" = the key is in client_cert */
    int timeout;                       /* seconds */
};

/* The SOAP envelope for HaalLeerlinggegevens with the key in the autorisatie header. Values are escaped for XML.
 * Returns the length, or 0 (and out wiped) when it does not fit. The caller wipes out after use: it holds the key. */
size_t uwlr_build_request(const struct uwlr_request *req, const char *key, char *out, size_t outlen);
/* Reads the autorisatiesleutel: the first line of path, which only its owner may read, 1..64 characters without
 * control characters (tpString64). On failure one sentence in err (which never holds the key). */
enum km_rc uwlr_read_key(const char *path, char *key, size_t keylen, char *err, size_t errlen);

/* What came back from the server. */
struct uwlr_reply {
    char *body; /* malloc'd, NUL-terminated; the caller wipes and frees it */
    size_t len;
    long status;            /* HTTP */
    char content_type[128]; /* as the server sent it; "" when none */
};

/* POSTs the request and fills reply, whatever the HTTP status. Failures of the exchange itself (no connection, TLS,
 * time-out, an unusable key file) are one sentence in err, and reply->body is NULL. */
enum km_rc uwlr_fetch(const struct uwlr_request *req, const char *key_file, struct uwlr_reply *reply, char *err,
                      size_t errlen);

/* One whole run as `klassenmap sync` does it: the settings from cfg (the BRIN from the config, else the school's;
 * schooljaar "auto" is today's school year), the fetch, the answer's form, and the import (dry_run: nothing changes,
 * rep says what would). KM_OK: imported, or (msg not empty) ParnasSys answered geenwijzigingen and msg says so.
 * KM_INVALID from the importer leaves its errors in rep; any other failure is one sentence in msg and a failed run
 * in sync_runs. "sync staat uit" (KM_NOTFOUND) when uwlr_endpoint is empty. msg needs UWLR_MESSAGE_MAX bytes. */
enum km_rc uwlr_sync(struct km_db *db, const struct km_config *cfg, bool dry_run, struct sync_report *rep, char *msg,
                     size_t msglen);

#endif
