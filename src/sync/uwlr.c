#include "sync/uwlr.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */
#include "core/groups.h"
#include "core/i18n.h"
#include "core/school.h"
#include "core/session.h"
#include "core/syncruns.h"
#include "core/text.h"

#define REQUEST_MAX 4096
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

size_t uwlr_build_request(const struct uwlr_request *req, const char *key, char *out, size_t outlen)
{
    /* The markup, with after each piece the value that follows it (escaped), in the schemas' order. */
    const char *const parts[][2] = {
        {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
         "<soapenv:Header>\n"
         "<aut:autorisatie xmlns:aut=\"" UWLR_AUTH_NAMESPACE "\">\n"
         "<aut:autorisatiesleutel>",
         key},
        {"</aut:autorisatiesleutel>\n<aut:klantcode>", req->klantcode},
        {"</aut:klantcode>\n<aut:klantnaam>", req->klantnaam},
        {"</aut:klantnaam>\n</aut:autorisatie>\n</soapenv:Header>\n<soapenv:Body>\n"
         "<ll:leerlinggegevens_verzoek xmlns:ll=\"" UWLR_NAMESPACE "\">\n"
         "<ll:schooljaar>",
         req->schooljaar},
        {"</ll:schooljaar>\n<ll:brincode>", req->brin},
        {"</ll:brincode>\n<ll:dependancecode>", req->dependancecode},
        {"</ll:dependancecode>\n<ll:xsdversie>" UWLR_XSD_VERSION "</ll:xsdversie>\n"
         "</ll:leerlinggegevens_verzoek>\n</soapenv:Body>\n</soapenv:Envelope>\n",
         ""},
    };
    size_t pos = 0;
    bool ok = outlen > 0;
    for (size_t i = 0; ok && i < sizeof parts / sizeof parts[0]; i++)
        ok = append_raw(out, outlen, &pos, parts[i][0]) && append_escaped(out, outlen, &pos, parts[i][1]);
    if (!ok) {
        sodium_memzero(out, outlen);
        return 0;
    }
    return pos;
}

/* ---- the key ---- */

/* A file that holds a secret (the autorisatiesleutel, a client certificate's private key): a regular file that
 * only the account running the sync may read, not its group, not others, and not a file of another owner. */
static enum km_rc private_file_usable(int fd, const char *path, const char *setting, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, _("Het bestand %.300s (%s) is geen gewoon bestand; er is niets gewijzigd."), path,
                 setting);
        return KM_INVALID;
    }
    if ((st.st_mode & 077) || st.st_uid != geteuid()) {
        snprintf(err, errlen,
                 _("Het bestand %.300s (%s) is ook voor anderen op de server leesbaar of niet van klassenmap; maak het"
                   " alleen leesbaar voor klassenmap (chown, chmod 600); er is niets gewijzigd."),
                 path, setting);
        return KM_DENIED;
    }
    return KM_OK;
}

static int open_private(const char *path, const char *setting, char *err, size_t errlen, enum km_rc *rc)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, _("Het bestand %.300s (%s) kan niet worden gelezen (%s); er is niets gewijzigd."), path,
                 setting,
                 e == ENOENT   ? _("het bestaat niet")
                 : e == EACCES ? _("geen leesrecht")
                               : strerror(e));
        *rc = KM_NOTFOUND;
        return -1;
    }
    *rc = private_file_usable(fd, path, setting, err, errlen);
    if (*rc != KM_OK) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The key travels as tpString64 in the autorisatie header: 1..64 characters of XML text. */
static enum km_rc check_key(const char *key, const char *path, char *err, size_t errlen)
{
    long chars = text_plain_length(key);
    if (chars == 0)
        snprintf(err, errlen, _("Het sleutelbestand %.300s (key_file) is leeg; er is niets gewijzigd."), path);
    else if (chars < 0)
        snprintf(err, errlen,
                 _("De autorisatiesleutel in %.300s (key_file) bevat stuurtekens of ongeldige UTF-8; er is niets"
                   " gewijzigd."),
                 path);
    else if (chars > UWLR_STRING64)
        snprintf(
            err, errlen,
            _("De autorisatiesleutel in %.300s (key_file) is langer dan de %d tekens die UWLR toestaat; er is niets"
              " gewijzigd."),
            path, UWLR_STRING64);
    return chars > 0 && chars <= UWLR_STRING64 ? KM_OK : KM_INVALID;
}

enum km_rc uwlr_read_key(const char *path, char *key, size_t keylen, char *err, size_t errlen)
{
    key[0] = '\0';
    if (!path || !*path) {
        snprintf(err, errlen, _("Er is geen sleutelbestand ingesteld (key_file in [sync]); er is niets gewijzigd."));
        return KM_INVALID;
    }
    enum km_rc rc;
    int fd = open_private(path, "key_file", err, errlen, &rc);
    if (fd < 0)
        return rc;
    ssize_t n = read(fd, key, keylen - 1);
    close(fd);
    key[n > 0 ? n : 0] = '\0';
    key[strcspn(key, "\r\n")] = '\0'; /* the first line; an editor's newline is not part of the key */
    size_t len = strlen(key);
    while (len && (key[len - 1] == ' ' || key[len - 1] == '\t'))
        key[--len] = '\0';
    rc = check_key(key, path, err, errlen);
    if (rc != KM_OK)
        sodium_memzero(key, keylen);
    return rc;
}

/* The file with the client certificate's private key must be as private as key_file; libcurl reads it itself. */
static enum km_rc check_client_key(const struct uwlr_request *req, char *err, size_t errlen)
{
    if (!req->client_cert || !*req->client_cert)
        return KM_OK;
    bool separate = req->client_key && *req->client_key;
    enum km_rc rc;
    int fd = open_private(separate ? req->client_key : req->client_cert,
                          separate ? "sync_client_key" : _("sync_client_cert, met de sleutel"), err, errlen, &rc);
    if (fd >= 0)
        close(fd);
    return rc;
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

/* The server ended the TLS handshake over the client certificate: none was given, or it was not accepted. OpenSSL
 * names the alert in libcurl's error text ("tlsv13 alert certificate required", "sslv3 alert bad certificate"). */
static bool client_cert_refused(CURLcode rc, const char *detail)
{
    static const char *const alerts[] = {"alert certificate required", "alert bad certificate", "alert unknown ca",
                                         "alert certificate unknown", "alert handshake failure"};
    if (rc != CURLE_SSL_CONNECT_ERROR && rc != CURLE_RECV_ERROR && rc != CURLE_SEND_ERROR)
        return false;
    for (size_t i = 0; i < sizeof alerts / sizeof alerts[0]; i++)
        if (strstr(detail, alerts[i]))
            return true;
    return false;
}

static void client_cert_message(const struct uwlr_request *req, const char *host, char *err, size_t errlen)
{
    if (!req->client_cert || !*req->client_cert)
        snprintf(err, errlen,
                 _("ParnasSys (%s) vraagt een TLS-clientcertificaat: zet sync_client_cert en sync_client_key in [sync];"
                   " er is niets gewijzigd."),
                 host);
    else
        snprintf(err, errlen,
                 _("ParnasSys (%s) aanvaardt het clientcertificaat %.300s (sync_client_cert) niet: vraag de leverancier"
                   " welk certificaat de koppeling verwacht; er is niets gewijzigd."),
                 host, req->client_cert);
}

static void curl_message(CURLcode rc, const char *detail, const struct uwlr_request *req, const struct answer *a,
                         char *err, size_t errlen)
{
    char host[256];
    endpoint_host(req->endpoint, host, sizeof host);
    if (client_cert_refused(rc, detail)) {
        client_cert_message(req, host, err, errlen);
        return;
    }
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(err, errlen,
                 _("ParnasSys (%s) antwoordde niet binnen %d seconde%s (sync_timeout); er is niets gewijzigd."), host,
                 req->timeout, i18n_plural(req->timeout, "", "n", "", "s"));
        break;
    case CURLE_COULDNT_CONNECT:
        snprintf(err, errlen,
                 _("Geen verbinding met ParnasSys (%s): de server weigert of is onbereikbaar; er is niets gewijzigd."),
                 host);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(err, errlen, _("De servernaam %s is onbekend (uwlr_endpoint of DNS); er is niets gewijzigd."), host);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        snprintf(err, errlen,
                 _("Het TLS-certificaat van %s is niet te vertrouwen (onbekende uitgever of verkeerde naam; zie "
                   "sync_ca_file);"
                   " er is niets gewijzigd."),
                 host);
        break;
    case CURLE_SSL_CACERT_BADFILE:
        snprintf(err, errlen, _("Het CA-bestand %.300s (sync_ca_file) kan niet worden gelezen; er is niets gewijzigd."),
                 req->ca_file);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        snprintf(err, errlen, "De TLS-verbinding met %s is mislukt (is het wel https?); er is niets gewijzigd.", host);
        break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: /* TLS 1.3: a refused client certificate can also end the connection like this */
        snprintf(err, errlen,
                 _("De verbinding met ParnasSys (%s) werd verbroken voordat er een antwoord kwam%s; er is niets"
                   " gewijzigd."),
                 host,
                 req->client_cert && *req->client_cert
                     ? ""
                     : _(" (vraagt de server een TLS-clientcertificaat? zie sync_client_cert in [sync])"));
        break;
    case CURLE_SSL_CERTPROBLEM:
        snprintf(
            err, errlen,
            _("Het clientcertificaat %.300s (sync_client_cert, sync_client_key) kan niet worden gebruikt: is het PEM"
              " en hoort de sleutel bij het certificaat?; er is niets gewijzigd."),
            req->client_cert);
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(err, errlen, _("uwlr_endpoint moet met https:// beginnen; er is niets gewijzigd."));
        break;
    case CURLE_WRITE_ERROR:
        if (a->too_big) {
            snprintf(err, errlen, _("Het antwoord van ParnasSys is groter dan %u MB; er is niets gewijzigd."),
                     UWLR_MAX_ANSWER >> 20);
            break;
        }
        __attribute__((fallthrough));
    default:
        snprintf(err, errlen, _("De verbinding met ParnasSys (%s) is mislukt: %s; er is niets gewijzigd."), host,
                 curl_easy_strerror(rc));
    }
}

static void http_message(long status, char *err, size_t errlen)
{
    if (status >= 300 && status < 400)
        snprintf(
            err, errlen,
            _("ParnasSys verwijst door (HTTP %ld), en klassenmap volgt geen doorverwijzingen: controleer uwlr_endpoint;"
              " er is niets gewijzigd."),
            status);
    else if (status == 401 || status == 403)
        snprintf(
            err, errlen,
            _("ParnasSys weigert de toegang (HTTP %ld), waarschijnlijk door de autorisatiesleutel in key_file; er is"
              " niets gewijzigd."),
            status);
    else
        snprintf(err, errlen, _("ParnasSys gaf een fout terug (HTTP %ld); er is niets gewijzigd."), status);
}

static struct curl_slist *soap_headers(void)
{
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: text/xml; charset=utf-8");
    struct curl_slist *more = h ? curl_slist_append(h, "SOAPAction: \"" UWLR_SOAP_ACTION "\"") : NULL;
    if (!more)
        curl_slist_free_all(h);
    return more;
}

/* Mutual TLS, for suppliers that ask for it: the certificate (PEM) and its key, which may be in the same file. */
static void set_client_cert(CURL *c, const struct uwlr_request *req)
{
    if (!req->client_cert || !*req->client_cert)
        return;
    curl_easy_setopt(c, CURLOPT_SSLCERT, req->client_cert);
    curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
    if (req->client_key && *req->client_key) {
        curl_easy_setopt(c, CURLOPT_SSLKEY, req->client_key);
        curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM");
    }
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
    set_client_cert(c, req);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)req->timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)req->timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "klassenmap/" KM_VERSION);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    /* POSTFIELDS, not COPYPOSTFIELDS: no copy of the body with the key is made on our behalf; ours is wiped. */
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    return true;
}

/* The POST itself; the request holds the key and is wiped by the caller. */
static enum km_rc post(const struct uwlr_request *req, const char *request, size_t len, struct answer *a,
                       struct uwlr_reply *reply, char *err, size_t errlen)
{
    CURL *c = curl_easy_init();
    struct curl_slist *headers = soap_headers();
    char detail[CURL_ERROR_SIZE] = "";
    if (!c || !headers) {
        curl_easy_cleanup(c);
        curl_slist_free_all(headers);
        snprintf(err, errlen, _("Onvoldoende geheugen voor de verbinding met ParnasSys; er is niets gewijzigd."));
        return KM_ERR;
    }
    if (!set_options(c, req, request, len, headers, a)) {
        curl_easy_cleanup(c);
        curl_slist_free_all(headers);
        snprintf(err, errlen, _("Deze libcurl kan niet tot https worden beperkt; de sleutel is niet verstuurd."));
        return KM_ERR;
    }
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    CURLcode rc = curl_easy_perform(c);
    char *content_type = NULL;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply->status);
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
        snprintf(reply->content_type, sizeof reply->content_type, "%s", content_type);
    curl_easy_cleanup(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        curl_message(rc, detail, req, a, err, errlen);
        return KM_ERR;
    }
    return KM_OK;
}

enum km_rc uwlr_fetch(const struct uwlr_request *req, const char *key_file, struct uwlr_reply *reply, char *err,
                      size_t errlen)
{
    memset(reply, 0, sizeof *reply);
    enum km_rc rc = check_client_key(req, err, errlen);
    char key[UWLR_KEY_MAX];
    if (rc == KM_OK)
        rc = uwlr_read_key(key_file, key, sizeof key, err, errlen);
    if (rc != KM_OK)
        return rc;
    char *request = malloc(REQUEST_MAX);
    size_t reqlen = request ? uwlr_build_request(req, key, request, REQUEST_MAX) : 0;
    sodium_memzero(key, sizeof key);
    struct answer a = {0};
    if (reqlen == 0) {
        snprintf(err, errlen, _("Onvoldoende geheugen voor het verzoek aan ParnasSys; er is niets gewijzigd."));
        rc = KM_ERR;
    } else {
        rc = post(req, request, reqlen, &a, reply, err, errlen);
    }
    if (request)
        sodium_memzero(request, REQUEST_MAX);
    free(request);
    if (rc != KM_OK) {
        free(a.data);
        return rc;
    }
    reply->body = a.data;
    reply->len = a.len;
    return KM_OK;
}

/* ---- one run ---- */

/* What the run asks for, from the config and the school. */
struct run_settings {
    char brin[8], year[16];
    struct uwlr_request req;
};

/* The BRIN of the config, else the school's; both set and different is a mistake worth stopping for. */
static enum km_rc pick_brin(struct km_db *db, const struct km_config *cfg, char *out, size_t len, char *err,
                            size_t errlen)
{
    struct school_info school;
    bool have_school = school_get(db, &school) == KM_OK;
    char brin[8];
    switch (school_sync_brin(have_school ? &school : NULL, cfg->brin, brin)) {
    case BRIN_CONFLICT:
        snprintf(
            err, errlen,
            _("De BRIN in de configuratie (%s) is niet die van de school in de database (%s); er is niets gewijzigd."),
            cfg->brin, school.brin);
        return KM_INVALID;
    case BRIN_NONE:
        snprintf(err, errlen, _("Er is geen BRIN: zet brin in [sync] van de configuratie; er is niets gewijzigd."));
        return KM_INVALID;
    case BRIN_INVALID: /* a database made before the BRIN was checked as UWLR wants it */
        snprintf(err, errlen,
                 _("De BRIN van de school (%s) is geen BRIN zoals UWLR die vraagt (2 cijfers en 2 hoofdletters, zoals"
                   " 99ZZ): zet brin in [sync]; er is niets gewijzigd."),
                 brin);
        return KM_INVALID;
    default:
        snprintf(out, len, "%s", brin);
        return KM_OK;
    }
}

static enum km_rc settings_for(struct km_db *db, const struct km_config *cfg, struct run_settings *rs, char *err,
                               size_t errlen)
{
    if (!cfg->klantcode[0] || !cfg->klantnaam[0]) {
        snprintf(err, errlen,
                 _("%s ontbreekt in [sync] van %.300s: UWLR vraagt klantcode en klantnaam bij elk verzoek (zie de"
                   " koppeling in ParnasSys); er is niets gewijzigd."),
                 !cfg->klantcode[0] ? "klantcode" : "klantnaam", cfg->path[0] ? cfg->path : _("de configuratie"));
        return KM_INVALID;
    }
    enum km_rc rc = pick_brin(db, cfg, rs->brin, sizeof rs->brin, err, errlen);
    if (rc != KM_OK)
        return rc;
    if (strcmp(cfg->schooljaar, "auto") == 0)
        groups_schooljaar(NULL, rs->year);
    else
        snprintf(rs->year, sizeof rs->year, "%s", cfg->schooljaar);
    rs->req = (struct uwlr_request){
        .endpoint = cfg->uwlr_endpoint,
        .schooljaar = rs->year,
        .brin = rs->brin,
        .dependancecode = cfg->dependancecode,
        .klantcode = cfg->klantcode,
        .klantnaam = cfg->klantnaam,
        .ca_file = cfg->sync_ca_file,
        .client_cert = cfg->sync_client_cert,
        .client_key = cfg->sync_client_key,
        .timeout = cfg->sync_timeout,
    };
    return KM_OK;
}

/* People with only an ECK-iD (UWLR 2.3) cannot be matched to their accounts, which are known by the ParnasSys key:
 * the whole answer is refused, never half of it imported. "3 leerlingen", "1 leerling en 2 leerkrachten". */
static enum km_rc refuse_eckid_only(const struct uwlr_answer *ans, char *msg, size_t len)
{
    int s = ans->eckid_only_students, t = ans->eckid_only_teachers;
    if (!s && !t)
        return KM_OK;
    char students[32] = "", teachers[32] = "";
    if (s)
        snprintf(students, sizeof students, "%d leerling%s", s, s == 1 ? "" : "en");
    if (t)
        snprintf(teachers, sizeof teachers, "%d leerkracht%s", t, t == 1 ? "" : "en");
    snprintf(
        msg, len,
        _("Het antwoord van ParnasSys heeft %s%s%s zonder key, alleen met een ECK-iD (de vorm van UWLR 2.3, niet de"
          " gevraagde 2.2): klassenmap kent iedereen aan de key uit ParnasSys en neemt daarom niets over; er is"
          " niets gewijzigd."),
        students, s && t ? " en " : "", teachers);
    return KM_ERR;
}

/* Whether the answer is one to import. A fault says more than its status (SOAP 1.1 sends a fault with HTTP 500),
 * so it is looked at first. KM_OK with msg set: geenwijzigingen, a run that changed nothing. */
static enum km_rc judge(const struct uwlr_answer *ans, long status, const struct run_settings *rs, char *msg,
                        size_t len)
{
    switch (status == 200 || ans->kind == UWLR_ANSWER_FAULT ? ans->kind : UWLR_ANSWER_OTHER) {
    case UWLR_ANSWER_FAULT:
        uwlr_fault_sentence(&ans->fault, msg, len);
        return KM_ERR;
    case UWLR_ANSWER_OTHER:
        if (status != 200)
            http_message(status, msg, len);
        else
            snprintf(msg, len, _("Het antwoord van ParnasSys is geen UWLR-antwoord: %s; er is niets gewijzigd."),
                     ans->what);
        return KM_ERR;
    case UWLR_ANSWER_NO_DATA:
        snprintf(
            msg, len,
            _("ParnasSys heeft geen gegevens voor BRIN %s, dependance %s in schooljaar %s (geengegevens): controleer"
              " brin, dependancecode en schooljaar in [sync] en de koppeling in ParnasSys; er is niets gewijzigd."),
            rs->brin, rs->req.dependancecode, rs->year);
        return KM_ERR;
    case UWLR_ANSWER_NO_CHANGES:
        snprintf(msg, len, _("ParnasSys meldt geen wijzigingen (geenwijzigingen); er is niets gewijzigd."));
        return KM_OK;
    case UWLR_ANSWER_DATA:
        break;
    }
    return refuse_eckid_only(ans, msg, len);
}

static void record(struct km_db *db, bool ok, bool dry_run, const char *started, const char *msg)
{
    struct km_session s;
    session_sync(&s, db);
    if (!ok) {
        syncruns_record_failure(&s, SOURCE_NAME, dry_run, started, msg);
        return;
    }
    struct syncrun run = {.dry_run = dry_run, .ok = true};
    snprintf(run.source, sizeof run.source, "%s", SOURCE_NAME);
    snprintf(run.started_at, sizeof run.started_at, "%s", started);
    snprintf(run.message, sizeof run.message, "%s", msg);
    syncruns_record(&s, &run);
}

static void reply_free(struct uwlr_reply *reply)
{
    if (reply->body)
        sodium_memzero(reply->body, reply->len); /* the answer may hold fields that are never stored (bsn, ...) */
    free(reply->body);
    reply->body = NULL;
}

/* The exchange and the answer's form; KM_OK with reply->body set: leerlinggegevens to import, in *encoding. */
static enum km_rc fetch_answer(struct km_db *db, const struct km_config *cfg, struct uwlr_reply *reply, char *encoding,
                               size_t enclen, char *msg, size_t msglen)
{
    struct run_settings rs;
    enum km_rc rc = settings_for(db, cfg, &rs, msg, msglen);
    if (rc == KM_OK)
        rc = uwlr_fetch(&rs.req, cfg->key_file, reply, msg, msglen);
    if (rc != KM_OK)
        return KM_ERR;
    struct uwlr_answer ans;
    const char *enc = uwlr_answer_encoding(reply->body, reply->len, reply->content_type, encoding, enclen);
    if (!enc)
        encoding[0] = '\0';
    uwlr_answer_read(reply->body, reply->len, enc, &ans);
    rc = judge(&ans, reply->status, &rs, msg, msglen);
    if (rc != KM_OK || ans.kind != UWLR_ANSWER_DATA)
        reply_free(reply);
    return rc;
}

enum km_rc uwlr_sync(struct km_db *db, const struct km_config *cfg, bool dry_run, struct sync_report *rep, char *msg,
                     size_t msglen)
{
    memset(rep, 0, sizeof *rep);
    msg[0] = '\0';
    if (!cfg->uwlr_endpoint[0]) {
        snprintf(msg, msglen, _("sync staat uit: uwlr_endpoint is leeg in [sync] van %s."),
                 cfg->path[0] ? cfg->path : _("de configuratie"));
        return KM_NOTFOUND;
    }
    char started[20], encoding[40];
    db_now(started);
    struct uwlr_reply reply;
    enum km_rc rc = fetch_answer(db, cfg, &reply, encoding, sizeof encoding, msg, msglen);
    if (rc != KM_OK || !reply.body) {
        record(db, rc == KM_OK, dry_run, started, msg);
        return rc; /* KM_ERR, never KM_NOTFOUND: that stays the one answer that means _("sync staat uit") */
    }
    struct edex_options o = {.dry_run = dry_run, .source_name = SOURCE_NAME, .encoding = encoding[0] ? encoding : NULL};
    rc = edex_import(db, reply.body, reply.len, &o, rep);
    reply_free(&reply);
    if (rc != KM_OK && rc != KM_INVALID)
        snprintf(msg, msglen, "%s", db_errmsg(db));
    return rc;
}
