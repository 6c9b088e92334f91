#include "cli/pwread.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/i18n.h"

static struct termios saved;
static volatile sig_atomic_t echo_off;

/* Ctrl-C while echo is off must not leave the terminal without echo. */
static void restore_and_exit(int sig)
{
    if (echo_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int read_line(FILE *in, char *buf, size_t len)
{
    if (!fgets(buf, (int)len, in))
        return -1;
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (n == len - 1)
        return -2; /* longer than the buffer: refuse rather than cut */
    if (n && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return 0;
}

static int read_hidden(const char *prompt, char *buf, size_t len)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &saved) != 0)
        return -1;
    t = saved;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    signal(SIGINT, restore_and_exit);
    signal(SIGTERM, restore_and_exit);
    fputs(prompt, stderr);
    fflush(stderr);
    echo_off = 1;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
    int rc = read_line(stdin, buf, len);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    echo_off = 0;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    fputc('\n', stderr);
    return rc;
}

int pw_read(const char *prompt, bool confirm, char *buf, size_t len, char *err, size_t errlen)
{
    if (!isatty(STDIN_FILENO)) {
        setvbuf(stdin, NULL, _IONBF, 0); /* no copy of the password left in stdio's buffer */
        int rc = read_line(stdin, buf, len);
        if (rc != 0)
            snprintf(err, errlen,
                     rc == -2 ? _("Het wachtwoord is te lang.") : _("Geen wachtwoord gelezen van de invoer."));
        return rc ? -1 : 0;
    }
    int rc = read_hidden(prompt, buf, len);
    if (rc == 0 && confirm) {
        char again[AUTH_PASSWORD_MAX + 2];
        rc = read_hidden("Nogmaals: ", again, sizeof again);
        if (rc == 0 && strcmp(buf, again) != 0)
            rc = -3;
        auth_wipe(again, sizeof again);
    }
    if (rc != 0) {
        snprintf(err, errlen,
                 rc == -3   ? _("De wachtwoorden zijn niet gelijk; er is niets gewijzigd.")
                 : rc == -2 ? _("Het wachtwoord is te lang.")
                            : _("Geen wachtwoord gelezen."));
        auth_wipe(buf, len);
        return -1;
    }
    return 0;
}
