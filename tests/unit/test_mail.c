/* Mail as the standards say, checked at a real SMTP server (tests/mail/smtp_sink.py, python3-aiosmtpd): lines
 * starting with "." arrive exactly as written (libcurl dot-stuffs, the program must not), and a long subject with
 * accents travels as RFC 2047 encoded words of at most 75 characters, each decoding to whole characters. */
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "core/config.h"
#include "core/mail.h"
#include "test.h"

#define PYTHON "/usr/bin/python3"

/* The whole file (the sink's files are small), NUL-terminated; NULL when it cannot be read. */
static char *read_all(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (cli_read_file(path, &data, &len) != EXIT_OK)
        return NULL;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

static void nap(void)
{
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

/* Waits up to 10 s for a file; its contents, or NULL. */
static char *wait_file(const char *path)
{
    for (int i = 0; i < 200; i++) {
        if (access(path, R_OK) == 0)
            return read_all(path);
        nap();
    }
    return NULL;
}

/* The sink in its own process; 0 when python3 with aiosmtpd cannot run it. */
static pid_t start_sink(const char *dir, const char *portfile)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SINK_SECONDS", "60", 1);
        execl(PYTHON, "python3", "tests/mail/smtp_sink.py", dir, portfile, (char *)NULL);
        _exit(127);
    }
    return pid > 0 ? pid : 0;
}

/* True when the bytes are whole UTF-8 characters: none cut at the start or at the end. */
static bool whole_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = s[i] < 0x80             ? 1
                   : (s[i] & 0xE0) == 0xC0 ? 2
                   : (s[i] & 0xF0) == 0xE0 ? 3
                   : (s[i] & 0xF8) == 0xF0 ? 4
                                           : 0;
        if (!k || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

/* The Subject header unfolded into its encoded words, each checked and decoded; the decoded text into out. */
static void check_subject(const char *msg, char *out, size_t len)
{
    const char *h = strstr(msg, "\nSubject:");
    REQUIRE(h);
    h += strlen("\nSubject:");
    size_t used = 0;
    out[0] = '\0';
    for (;;) {
        while (*h == ' ' || *h == '\t')
            h++;
        REQUIRE(strncmp(h, "=?UTF-8?B?", 10) == 0);
        const char *end = strstr(h + 10, "?=");
        REQUIRE(end);
        size_t word = (size_t)(end + 2 - h);
        CHECK(word <= 75);
        unsigned char bin[128];
        size_t n = 0;
        REQUIRE(sodium_base642bin(bin, sizeof bin, h + 10, (size_t)(end - h - 10), NULL, &n, NULL,
                                  sodium_base64_VARIANT_ORIGINAL) == 0);
        CHECK(whole_utf8(bin, n)); /* RFC 2047 section 5: no character split between two words */
        REQUIRE(used + n < len);
        memcpy(out + used, bin, n);
        used += n;
        out[used] = '\0';
        h = end + 2;
        if (strncmp(h, "\r\n ", 3) == 0 || strncmp(h, "\n ", 2) == 0)
            h += h[0] == '\r' ? 3 : 2; /* a folded line: the next word */
        else
            break;
    }
}

TEST(mail_dots_and_encoded_words_at_a_real_smtp_server)
{
    if (access(PYTHON, X_OK) != 0)
        SKIP("no %s for the SMTP sink (python3-aiosmtpd; make deps)", PYTHON);
    char dir[512], portfile[600], path[700];
    snprintf(dir, sizeof dir, "%s", test_tmp_path("mail"));
    REQUIRE(mkdir(dir, 0700) == 0);
    snprintf(portfile, sizeof portfile, "%s/port", dir);
    pid_t sink = start_sink(dir, portfile);
    REQUIRE(sink);
    char *port = wait_file(portfile);
    if (!port) {
        kill(sink, SIGTERM);
        waitpid(sink, NULL, 0);
        SKIP("the SMTP sink did not start (python3-aiosmtpd; make deps)");
    }
    struct km_config cfg;
    config_defaults(&cfg);
    snprintf(cfg.smtp_url, sizeof cfg.smtp_url, "smtp://127.0.0.1:%d", atoi(port));
    snprintf(cfg.smtp_tls, sizeof cfg.smtp_tls, "none");
    free(port);
    /* 2-byte characters all the way, so several fall on a word's boundary; "é" at 39/45-byte cuts too */
    const char *subject = "Uitnodiging voor de ouders van Daniëlle Çelik, Noël Brandt-Östergård en Zoë van 't Hof: "
                          "welkom in klassenmap — ëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëë";
    const char *body = "Beste ouder,\n.\n.verborgen regel\n..twee punten\nEen gewone regel.\n.\n";
    char err[300] = "";
    CHECK(mail_send(&cfg, "ouder@school.test", subject, body, err, sizeof err) == KM_OK);
    snprintf(path, sizeof path, "%s/1.eml", dir);
    char *msg = wait_file(path);
    kill(sink, SIGTERM);
    waitpid(sink, NULL, 0);
    REQUIRE(msg);
    const char *text = strstr(msg, "\r\n\r\n") ? strstr(msg, "\r\n\r\n") + 4 : strstr(msg, "\n\n");
    CHECK(text && strstr(text, "Beste ouder,\r\n.\r\n.verborgen regel\r\n..twee punten\r\nEen gewone regel.\r\n.\r\n"));
    CHECK(!strstr(msg, "\n..verborgen") && !strstr(msg, "\n...twee"));
    char decoded[1024];
    check_subject(msg, decoded, sizeof decoded);
    CHECK_STR(decoded, subject);
    /* every header line of the subject within 76 characters (RFC 2047 section 2) */
    const char *h = strstr(msg, "\nSubject:") + 1;
    for (const char *line = h; line && (line == h || *line == ' ');
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        CHECK(strcspn(line, "\r\n") <= 76);
    free(msg);
}
