/* UWLR over HTTPS: the SOAP 1.1 operation HaalLeerlinggegevens, POSTed with libcurl to the ParnasSys endpoint
 * of the config ([sync]), and its answer handed to the EDEXML importer (sync/edex.h), which matches elements
 * by local name and so reads the leerlinggegevens inside the SOAP envelope as it reads an EDEXML file.
 * TLS is always verified (sync_ca_file, or the system's CA bundle), only https is spoken, redirects are not
 * followed, and sync_timeout bounds both the connection and the whole exchange. The autorisatiesleutel is read
 * from key_file just before the request and wiped right after it; it is never shown, logged or stored.
 * Any failure before the import (time-out, refused connection, TLS, an HTTP error status, a SOAP fault) is one
 * Dutch sentence, changes nothing, and is recorded as a failed run in sync_runs. */
#ifndef KM_SYNC_UWLR_H
#define KM_SYNC_UWLR_H

#include "core/config.h"
#include "core/db.h"
#include "sync/edex.h"

#define UWLR_NAMESPACE "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
#define UWLR_MAX_ANSWER (64u * 1024u * 1024u) /* a school of 1,200 leerlingen answers in a few megabytes */
#define UWLR_KEY_MAX 512

/* What one request asks for. */
struct uwlr_request {
    const char *endpoint;
    const char *brin;       /* 99ZZ */
    const char *schooljaar; /* 2026-2027 */
    const char *ca_file;    /* "" = the system's */
    int timeout;            /* seconds */
};

/* The SOAP envelope for HaalLeerlinggegevens (a full snapshot: laatstgewijzigd empty). Values are escaped for
 * XML. Returns the length, or 0 when it does not fit. The caller wipes out after use: it holds the key. */
size_t uwlr_build_request(const char *brin, const char *schooljaar, const char *key, char *out, size_t outlen);
/* True when the answer is a SOAP Fault; msg gets its faultstring (cleaned, shortened). */
bool uwlr_fault(const char *body, size_t len, char *msg, size_t msglen);
/* Reads the autorisatiesleutel: the first line of path, which others than its owner's group may not read.
 * On failure one sentence in err (which never holds the key). */
enum km_rc uwlr_read_key(const char *path, char *key, size_t keylen, char *err, size_t errlen);

/* POSTs the request; *body (malloc'd, NUL-terminated) is the answer of an HTTP 200 without a fault. */
enum km_rc uwlr_fetch(const struct uwlr_request *req, const char *key_file, char **body, size_t *len, char *err,
                      size_t errlen);

/* One whole run as `klassenmap sync` does it: the settings from cfg (the BRIN from the config, else the
 * school's; schooljaar "auto" is today's school year), the fetch, and the import (dry_run: nothing changes,
 * rep says what would). KM_INVALID from the importer leaves its errors in rep; any other failure is one
 * sentence in err and a failed run in sync_runs. "sync staat uit" (KM_NOTFOUND) when uwlr_endpoint is empty. */
enum km_rc uwlr_sync(struct km_db *db, const struct km_config *cfg, bool dry_run, struct sync_report *rep, char *err,
                     size_t errlen);

#endif
