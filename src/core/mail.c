#include "core/mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/i18n.h"

#define MAIL_MAX 8192

struct payload {
    const char *data;
    size_t len, pos;
};

static size_t read_payload(char *buf, size_t size, size_t nmemb, void *user)
{
    struct payload *p = user;
    size_t room = size * nmemb, left = p->len - p->pos;
    size_t n = left < room ? left : room;
    memcpy(buf, p->data + p->pos, n);
    p->pos += n;
    return n;
}

static bool plain_address(const char *a)
{
    const char *at = strchr(a, '@');
    if (!at || at == a || !at[1] || strlen(a) > 254)
        return false;
    for (const char *p = a; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p))
            return false;
    return true;
}

/* RFC 2047: the subject travels as base64 UTF-8 in encoded words of at most 75 characters, each holding whole
 * characters, one per folded header line of at most 76 ("Subject: " takes 9 of the first). */
#define WORD_MAX_BYTES 45       /* 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" = 72 */
#define FIRST_WORD_MAX_BYTES 39 /* 52 base64 characters: 9 + 10 + 52 + 2 = 73 */

/* How many bytes of s (at most max) end on a character boundary. */
static size_t whole_chars(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues a character: end before that character starts */
    return n ? n : max;
}

static void encode_subject(const char *subject, char *out, size_t len)
{
    size_t total = strnlen(subject, 300), pos = 0, used = 0;
    out[0] = '\0';
    for (int word = 0; pos < total && used < len; word++) {
        size_t n = whole_chars(subject + pos, total - pos, word ? WORD_MAX_BYTES : FIRST_WORD_MAX_BYTES);
        char b64[sodium_base64_ENCODED_LEN(WORD_MAX_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)subject + pos, n, sodium_base64_VARIANT_ORIGINAL);
        int w = snprintf(out + used, len - used, "%s=?UTF-8?B?%s?=", word ? "\r\n " : "", b64);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
        pos += n;
    }
}

/* Bare \n becomes \r\n. A line starting with "." is left alone: libcurl dot-stuffs the DATA itself (RFC 5321
 * 4.5.2), and doing it here as well would make ".." arrive. */
static size_t append_body(char *out, size_t pos, size_t len, const char *body)
{
    for (const char *p = body; *p && pos + 3 < len; p++) {
        if (*p == '\n')
            out[pos++] = '\r';
        out[pos++] = *p;
    }
    out[pos] = '\0';
    return pos;
}

static size_t build_message(const struct km_config *cfg, const char *to, const char *subject, const char *body,
                            char *out, size_t len)
{
    char date[64], subj[700], id[40];
    time_t t = clock_now();
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    encode_subject(subject, subj, sizeof subj);
    snprintf(id, sizeof id, "%08x%08x", randombytes_random(), randombytes_random());
    int n = snprintf(
        out, len,
        "Date: %s\r\nFrom: klassenmap <%s>\r\nTo: <%s>\r\nSubject: %s\r\nMessage-ID: <%s@klassenmap>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        date, cfg->mail_from, to, subj, id);
    if (n < 0 || (size_t)n >= len)
        return 0;
    return append_body(out, (size_t)n, len, body);
}

/* The SMTP password lives in a file readable only by the server account, never in the config itself. */
static bool read_secret(const char *path, char *out, size_t len)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fgets(out, (int)len, f) != NULL;
    fclose(f);
    out[strcspn(out, "\r\n")] = '\0';
    return ok;
}

static void set_tls(CURL *c, const struct km_config *cfg)
{
    if (strcmp(cfg->smtp_tls, "starttls") == 0)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (cfg->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
}

/* What went wrong, in words a beheerder can act on; libcurl's own (English) text follows in brackets. */
static const char *dutch_reason(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return _("de naam van de mailserver is onbekend");
    case CURLE_COULDNT_CONNECT:
        return _("de mailserver is niet bereikbaar");
    case CURLE_OPERATION_TIMEDOUT:
        return _("de mailserver antwoordde niet op tijd");
    case CURLE_LOGIN_DENIED:
        return _("de mailserver weigerde de gebruikersnaam of het wachtwoord");
    case CURLE_USE_SSL_FAILED:
        return _("de mailserver biedt geen versleutelde verbinding");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return _("de versleutelde verbinding met de mailserver mislukte");
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return _("de verbinding met de mailserver viel weg");
    case CURLE_OUT_OF_MEMORY:
        return _("onvoldoende geheugen");
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return _("het adres van de mailserver (smtp_url) klopt niet");
    default:
        return _("de mailserver nam de mail niet aan");
    }
}

enum km_rc mail_send(const struct km_config *cfg, const char *to, const char *subject, const char *body, char *err,
                     size_t errlen)
{
    if (!plain_address(to) || !plain_address(cfg->mail_from)) {
        snprintf(err, errlen, _("Ongeldig e-mailadres; er is geen mail verstuurd."));
        return KM_INVALID;
    }
    char *msg = malloc(MAIL_MAX);
    CURL *c = curl_easy_init(); /* the first one starts libcurl (curl_global_init): one thread here */
    if (!msg || !c) {
        free(msg);
        curl_easy_cleanup(c);
        snprintf(err, errlen, _("Onvoldoende geheugen om een mail te versturen."));
        return KM_ERR;
    }
    struct payload p = {msg, build_message(cfg, to, subject, body, msg, MAIL_MAX), 0};
    char from[300], secret[256] = "";
    snprintf(from, sizeof from, "<%s>", cfg->mail_from);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
    curl_easy_setopt(c, CURLOPT_READDATA, &p);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)cfg->mail_timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    set_tls(c, cfg);
    if (cfg->smtp_user[0] && cfg->smtp_password_file[0] &&
        read_secret(cfg->smtp_password_file, secret, sizeof secret)) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, secret);
    }
    CURLcode rc = p.len ? curl_easy_perform(c) : CURLE_OUT_OF_MEMORY;
    if (rc != CURLE_OK)
        snprintf(err, errlen, _("De mail kon niet worden verstuurd via %s: %s (%s)."), cfg->smtp_url, dutch_reason(rc),
                 curl_easy_strerror(rc));
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(msg, MAIL_MAX); /* it held a one-time code */
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    free(msg);
    return rc == CURLE_OK ? KM_OK : KM_ERR;
}
