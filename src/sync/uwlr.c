#include "sync/uwlr.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/groups.h"
#include "core/school.h"
#include "core/session.h"
#include "core/syncruns.h"
#include "core/text.h"
#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */

#define REQUEST_MAX 4096
#define FAULT_MAX 200
#define SOURCE_NAME "uwlr"

/* ---- the request ---- */

/* Appends s escaped for XML text; false when it does not fit. */
static bool append_escaped(char *out, size_t outlen, size_t *pos, const char *s)
{
    for (const char *p = s; *p; p++) {
        const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        size_t n = rep ? strlen(rep) : 1;
        if (*pos + n >= outlen)
            return false;
        memcpy(out + *pos, rep ? rep : p, n);
        *pos += n;
    }
    out[*pos] = '\0';
    return true;
}

static bool append_raw(char *out, size_t outlen, size_t *pos, const char *s)
{
    size_t n = strlen(s);
    if (*pos + n >= outlen)
        return false;
    memcpy(out + *pos, s, n + 1);
    *pos += n;
    return true;
}

size_t uwlr_build_request(const char *brin, const char *schooljaar, const char *key, char *out, size_t outlen)
{
    size_t pos = 0;
    bool ok = append_raw(out, outlen, &pos,
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                         " xmlns:ll=\"" UWLR_NAMESPACE "\">\n"
                         "<soapenv:Header/>\n<soapenv:Body>\n<ll:leerlinggegevens_verzoek>\n<ll:schooljaar>") &&
              append_escaped(out, outlen, &pos, schooljaar) &&
              append_raw(out, outlen, &pos, "</ll:schooljaar>\n<ll:brincode>") &&
              append_escaped(out, outlen, &pos, brin) &&
              append_raw(out, outlen, &pos,
                         "</ll:brincode>\n<ll:dependancecode></ll:dependancecode>\n<ll:autorisatiesleutel>") &&
              append_escaped(out, outlen, &pos, key) &&
              append_raw(out, outlen, &pos,
                         "</ll:autorisatiesleutel>\n<ll:laatstgewijzigd></ll:laatstgewijzigd>\n"
                         "</ll:leerlinggegevens_verzoek>\n</soapenv:Body>\n</soapenv:Envelope>\n");
    if (!ok) {
        sodium_memzero(out, outlen);
        return 0;
    }
    return pos;
}

/* ---- the answer ---- */

static bool is_name(xmlTextReaderPtr rd, const char *local)
{
    const xmlChar *name = xmlTextReaderConstLocalName(rd);
    return name && strcmp((const char *)name, local) == 0;
}

/* The faultstring (SOAP 1.1) or Reason/Text (SOAP 1.2) inside the Fault the reader stands on. */
static void read_fault_text(xmlTextReaderPtr rd, char *msg, size_t msglen)
{
    int fault_depth = xmlTextReaderDepth(rd);
    while (xmlTextReaderRead(rd) == 1 && xmlTextReaderDepth(rd) > fault_depth) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT ||
            !(is_name(rd, "faultstring") || is_name(rd, "Text")))
            continue;
        xmlChar *text = xmlTextReaderReadString(rd);
        text_clean(text ? (const char *)text : "", msg, msglen);
        xmlFree(text);
        return;
    }
}

bool uwlr_fault(const char *body, size_t len, char *msg, size_t msglen)
{
    if (msglen)
        msg[0] = '\0';
    if (!body || len == 0 || len > INT32_MAX)
        return false;
    /* A streaming reader: only the first element inside Body is looked at, so a large answer costs nothing
     * here; entities are not expanded and nothing is fetched from the network. */
    xmlTextReaderPtr rd =
        xmlReaderForMemory(body, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!rd)
        return false;
    int body_depth = -1;
    bool fault = false;
    while (xmlTextReaderRead(rd) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
            continue;
        int depth = xmlTextReaderDepth(rd);
        if (body_depth < 0 && depth <= 1 && is_name(rd, "Body")) {
            body_depth = depth;
        } else if (body_depth >= 0 && depth == body_depth + 1) {
            fault = is_name(rd, "Fault");
            if (fault)
                read_fault_text(rd, msg, msglen);
            break;
        } else if (depth == 0 && !is_name(rd, "Envelope")) {
            break; /* not a SOAP envelope at all */
        }
    }
    xmlFreeTextReader(rd);
    static const char none[] = "zonder uitleg";
    if (fault && msglen >= sizeof none && !msg[0])
        memcpy(msg, none, sizeof none);
    return fault;
}

/* ---- the key ---- */

static enum km_rc key_file_usable(int fd, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "Het sleutelbestand %.300s (key_file) is geen gewoon bestand; er is niets gewijzigd.",
                 path);
        return KM_INVALID;
    }
    /* Only the account that runs the sync may read the key: not the group, not others, not another owner. */
    if ((st.st_mode & 077) || st.st_uid != geteuid()) {
        snprintf(err, errlen,
                 "Het sleutelbestand %.300s is ook voor anderen op de server leesbaar of niet van klassenmap; maak het"
                 " alleen leesbaar voor klassenmap (chown, chmod 600); er is niets gewijzigd.",
                 path);
        return KM_DENIED;
    }
    return KM_OK;
}

enum km_rc uwlr_read_key(const char *path, char *key, size_t keylen, char *err, size_t errlen)
{
    key[0] = '\0';
    if (!path || !*path) {
        snprintf(err, errlen, "Er is geen sleutelbestand ingesteld (key_file in [sync]); er is niets gewijzigd.");
        return KM_INVALID;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen,
                 "Het sleutelbestand %.300s (key_file) kan niet worden gelezen (%s); er is niets gewijzigd.", path,
                 e == ENOENT   ? "het bestaat niet"
                 : e == EACCES ? "geen leesrecht"
                               : strerror(e));
        return KM_NOTFOUND;
    }
    enum km_rc rc = key_file_usable(fd, path, err, errlen);
    ssize_t n = rc == KM_OK ? read(fd, key, keylen - 1) : 0;
    close(fd);
    if (rc != KM_OK)
        return rc;
    key[n > 0 ? n : 0] = '\0';
    key[strcspn(key, "\r\n")] = '\0'; /* the first line; an editor's newline is not part of the key */
    size_t len = strlen(key);
    while (len && (key[len - 1] == ' ' || key[len - 1] == '\t'))
        key[--len] = '\0';
    if (len == 0) {
        sodium_memzero(key, keylen);
        snprintf(err, errlen, "Het sleutelbestand %.300s (key_file) is leeg; er is niets gewijzigd.", path);
        return KM_INVALID;
    }
    return KM_OK;
}

/* ---- the exchange ---- */

struct answer {
    char *data;
    size_t len, cap;
    bool too_big;
};

static size_t collect(char *ptr, size_t size, size_t nmemb, void *user)
{
    struct answer *a = user;
    size_t n = size * nmemb;
    if (a->len + n + 1 > UWLR_MAX_ANSWER) {
        a->too_big = true;
        return 0; /* ends the transfer with CURLE_WRITE_ERROR */
    }
    if (a->len + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 64 * 1024;
        while (cap < a->len + n + 1)
            cap *= 2;
        char *p = realloc(a->data, cap);
        if (!p)
            return 0;
        a->data = p;
        a->cap = cap;
    }
    memcpy(a->data + a->len, ptr, n);
    a->len += n;
    a->data[a->len] = '\0';
    return n;
}

/* "host" or "host:port" of the endpoint, for messages (a URL could carry more than a person needs to see). */
static void endpoint_host(const char *endpoint, char *out, size_t len)
{
    snprintf(out, len, "ParnasSys");
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, endpoint, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        if (curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK)
            snprintf(out, len, "%.200s:%.8s", host, port);
        else
            snprintf(out, len, "%.200s", host);
    }
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
}

static void curl_message(CURLcode rc, const struct uwlr_request *req, const struct answer *a, char *err, size_t errlen)
{
    char host[256];
    endpoint_host(req->endpoint, host, sizeof host);
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(err, errlen,
                 "ParnasSys (%s) antwoordde niet binnen %d seconde%s (sync_timeout); er is niets gewijzigd.", host,
                 req->timeout, req->timeout == 1 ? "" : "n");
        break;
    case CURLE_COULDNT_CONNECT:
        snprintf(err, errlen,
                 "Geen verbinding met ParnasSys (%s): de server weigert of is onbereikbaar; er is niets gewijzigd.",
                 host);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(err, errlen, "De servernaam %s is onbekend (uwlr_endpoint of DNS); er is niets gewijzigd.", host);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        snprintf(
            err, errlen,
            "Het TLS-certificaat van %s is niet te vertrouwen (onbekende uitgever of verkeerde naam; zie sync_ca_file);"
            " er is niets gewijzigd.",
            host);
        break;
    case CURLE_SSL_CACERT_BADFILE:
        snprintf(err, errlen, "Het CA-bestand %.300s (sync_ca_file) kan niet worden gelezen; er is niets gewijzigd.",
                 req->ca_file);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        snprintf(err, errlen, "De TLS-verbinding met %s is mislukt (is het wel https?); er is niets gewijzigd.", host);
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(err, errlen, "uwlr_endpoint moet met https:// beginnen; er is niets gewijzigd.");
        break;
    case CURLE_WRITE_ERROR:
        if (a->too_big) {
            snprintf(err, errlen, "Het antwoord van ParnasSys is groter dan %u MB; er is niets gewijzigd.",
                     UWLR_MAX_ANSWER >> 20);
            break;
        }
        __attribute__((fallthrough));
    default:
        snprintf(err, errlen, "De verbinding met ParnasSys (%s) is mislukt: %s; er is niets gewijzigd.", host,
                 curl_easy_strerror(rc));
    }
}

static void http_message(long status, char *err, size_t errlen)
{
    if (status >= 300 && status < 400)
        snprintf(
            err, errlen,
            "ParnasSys verwijst door (HTTP %ld), en klassenmap volgt geen doorverwijzingen: controleer uwlr_endpoint;"
            " er is niets gewijzigd.",
            status);
    else if (status == 401 || status == 403)
        snprintf(err, errlen,
                 "ParnasSys weigert de toegang (HTTP %ld), waarschijnlijk door de autorisatiesleutel in key_file; er is"
                 " niets gewijzigd.",
                 status);
    else
        snprintf(err, errlen, "ParnasSys gaf een fout terug (HTTP %ld); er is niets gewijzigd.", status);
}

static struct curl_slist *soap_headers(void)
{
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: text/xml; charset=utf-8");
    struct curl_slist *more = h ? curl_slist_append(h, "SOAPAction: \"HaalLeerlinggegevens\"") : NULL;
    if (!more)
        curl_slist_free_all(h);
    return more;
}

/* False when the libcurl at hand cannot be held to https: then the key is not sent at all. */
static bool set_options(CURL *c, const struct uwlr_request *req, const char *request, size_t len,
                        struct curl_slist *headers, struct answer *a)
{
    curl_easy_setopt(c, CURLOPT_URL, req->endpoint);
    if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https") != CURLE_OK)
        return false;
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); /* a redirect could lead the key to another host */
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (req->ca_file && *req->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, req->ca_file);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)req->timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)req->timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "klassenmap/" KM_VERSION);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    /* POSTFIELDS, not COPYPOSTFIELDS: libcurl keeps no copy of the body with the key, ours is wiped. */
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    return true;
}

/* The POST itself; the request holds the key and is wiped by the caller. */
static enum km_rc post(const struct uwlr_request *req, const char *request, size_t len, struct answer *a, long *status,
                       char *err, size_t errlen)
{
    CURL *c = curl_easy_init();
    struct curl_slist *headers = soap_headers();
    if (!c || !headers) {
        curl_easy_cleanup(c);
        curl_slist_free_all(headers);
        snprintf(err, errlen, "Onvoldoende geheugen voor de verbinding met ParnasSys; er is niets gewijzigd.");
        return KM_ERR;
    }
    if (!set_options(c, req, request, len, headers, a)) {
        curl_easy_cleanup(c);
        curl_slist_free_all(headers);
        snprintf(err, errlen, "Deze libcurl kan niet tot https worden beperkt; de sleutel is niet verstuurd.");
        return KM_ERR;
    }
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        curl_message(rc, req, a, err, errlen);
        return KM_ERR;
    }
    return KM_OK;
}

/* A fault says more than its status (SOAP 1.1 sends a fault with HTTP 500), so it is looked for first. */
static enum km_rc check_answer(const struct answer *a, long status, char *err, size_t errlen)
{
    char fault[FAULT_MAX];
    if (uwlr_fault(a->data, a->len, fault, sizeof fault)) {
        snprintf(err, errlen, "ParnasSys weigerde het verzoek: %s; er is niets gewijzigd.", fault);
        return KM_ERR;
    }
    if (status != 200) {
        http_message(status, err, errlen);
        return KM_ERR;
    }
    if (!a->data || a->len == 0) {
        snprintf(err, errlen, "ParnasSys gaf een leeg antwoord; er is niets gewijzigd.");
        return KM_ERR;
    }
    return KM_OK;
}

enum km_rc uwlr_fetch(const struct uwlr_request *req, const char *key_file, char **body, size_t *len, char *err,
                      size_t errlen)
{
    *body = NULL;
    *len = 0;
    char key[UWLR_KEY_MAX];
    enum km_rc rc = uwlr_read_key(key_file, key, sizeof key, err, errlen);
    if (rc != KM_OK)
        return rc;
    char *request = malloc(REQUEST_MAX);
    size_t reqlen = request ? uwlr_build_request(req->brin, req->schooljaar, key, request, REQUEST_MAX) : 0;
    sodium_memzero(key, sizeof key);
    struct answer a = {0};
    long status = 0;
    if (reqlen == 0) {
        snprintf(err, errlen, "De autorisatiesleutel is te lang of het geheugen is op; er is niets gewijzigd.");
        rc = KM_INVALID;
    } else {
        rc = post(req, request, reqlen, &a, &status, err, errlen);
    }
    if (request)
        sodium_memzero(request, REQUEST_MAX);
    free(request);
    if (rc == KM_OK)
        rc = check_answer(&a, status, err, errlen);
    if (rc != KM_OK) {
        free(a.data);
        return rc;
    }
    *body = a.data;
    *len = a.len;
    return KM_OK;
}

/* ---- one run ---- */

/* The BRIN of the config, else the school's; both set and different is a mistake worth stopping for. */
static enum km_rc pick_brin(struct km_db *db, const struct km_config *cfg, char *out, size_t len, char *err,
                            size_t errlen)
{
    struct school_info school;
    bool have_school = school_get(db, &school) == KM_OK && school.brin[0];
    if (cfg->brin[0] && have_school && strcasecmp(cfg->brin, school.brin) != 0) {
        snprintf(
            err, errlen,
            "De BRIN in de configuratie (%s) is niet die van de school in de database (%s); er is niets gewijzigd.",
            cfg->brin, school.brin);
        return KM_INVALID;
    }
    if (!cfg->brin[0] && !have_school) {
        snprintf(err, errlen, "Er is geen BRIN: zet brin in [sync] van de configuratie; er is niets gewijzigd.");
        return KM_INVALID;
    }
    snprintf(out, len, "%s", cfg->brin[0] ? cfg->brin : school.brin);
    return KM_OK;
}

static enum km_rc fetch_for(struct km_db *db, const struct km_config *cfg, char **body, size_t *len, char *err,
                            size_t errlen)
{
    char brin[8], year[16];
    enum km_rc rc = pick_brin(db, cfg, brin, sizeof brin, err, errlen);
    if (rc != KM_OK)
        return rc;
    if (strcmp(cfg->schooljaar, "auto") == 0)
        groups_schooljaar(NULL, year);
    else
        snprintf(year, sizeof year, "%s", cfg->schooljaar);
    struct uwlr_request req = {cfg->uwlr_endpoint, brin, year, cfg->sync_ca_file, cfg->sync_timeout};
    return uwlr_fetch(&req, cfg->key_file, body, len, err, errlen);
}

enum km_rc uwlr_sync(struct km_db *db, const struct km_config *cfg, bool dry_run, struct sync_report *rep, char *err,
                     size_t errlen)
{
    memset(rep, 0, sizeof *rep);
    err[0] = '\0';
    if (!cfg->uwlr_endpoint[0]) {
        snprintf(err, errlen, "sync staat uit: uwlr_endpoint is leeg in [sync] van %s.",
                 cfg->path[0] ? cfg->path : "de configuratie");
        return KM_NOTFOUND;
    }
    char started[20];
    db_now(started);
    char *body = NULL;
    size_t len = 0;
    enum km_rc rc = fetch_for(db, cfg, &body, &len, err, errlen);
    if (rc != KM_OK) {
        struct km_session s;
        session_sync(&s, db);
        syncruns_record_failure(&s, SOURCE_NAME, dry_run, started, err);
        return KM_ERR; /* KM_NOTFOUND stays the one answer that means "sync staat uit" */
    }
    rc = edex_import_memory(db, body, len, SOURCE_NAME, dry_run, rep);
    sodium_memzero(body, len); /* the answer may hold fields that are never stored (bsn, ...) */
    free(body);
    if (rc != KM_OK && rc != KM_INVALID)
        snprintf(err, errlen, "%s", db_errmsg(db));
    return rc;
}
