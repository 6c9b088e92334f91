/* The table of escape sequences, in one place. Terminals disagree: xterm sends ESC [ A or ESC O A for an arrow
 * depending on its keypad mode, the Linux console ESC [ [ A for F1, rxvt ESC [ 7 ~ for Home, PuTTY ESC [ 1 ~ and
 * ESC [ 1 1 ~, and any of them ESC [ 1 ; 5 C for Ctrl+Right. Every variant is given to curses with define_key,
 * so it decodes them as it decodes its own terminfo keys (htop does the same); a modifier is dropped: Ctrl+Right
 * moves right.
 *
 * The Esc delay: curses waits this long after an Esc for the rest of a sequence. Over SSH a key's sequence leaves
 * the client in one write and so arrives in one packet however slow the link; it is split only when packets are
 * (a congested or serial line, mosh-like relays), and then its parts come a few milliseconds apart. 100 ms covers
 * such gaps with room to spare (vim's ttimeoutlen is the same), while a person pressing Esc does not notice the
 * wait (about the threshold of a felt delay). ncurses' default of 1000 ms makes Esc feel broken; 25 ms broke
 * sequences split by a slow link into Esc + letters. */
#include "tui/termkeys.h"

#include <stdio.h>
#include <string.h>

struct seq {
    const char *s;
    int code;
};

/* The plain sequences. */
static const struct seq plain[] = {
    /* arrows: normal (CSI) and application (SS3) cursor mode */
    {"\033[A", KEY_UP},
    {"\033[B", KEY_DOWN},
    {"\033[C", KEY_RIGHT},
    {"\033[D", KEY_LEFT},
    {"\033OA", KEY_UP},
    {"\033OB", KEY_DOWN},
    {"\033OC", KEY_RIGHT},
    {"\033OD", KEY_LEFT},
    /* Home and End: xterm (both modes), vt220/PuTTY/screen/tmux, rxvt */
    {"\033[H", KEY_HOME},
    {"\033OH", KEY_HOME},
    {"\033[1~", KEY_HOME},
    {"\033[7~", KEY_HOME},
    {"\033[F", KEY_END},
    {"\033OF", KEY_END},
    {"\033[4~", KEY_END},
    {"\033[8~", KEY_END},
    /* PgUp, PgDn, Insert, Delete */
    {"\033[5~", KEY_PPAGE},
    {"\033[6~", KEY_NPAGE},
    {"\033[2~", KEY_IC},
    {"\033[3~", KEY_DC},
    /* F1-F4: xterm (SS3), vt220/PuTTY/rxvt, the Linux console */
    {"\033OP", KEY_F(1)},
    {"\033OQ", KEY_F(2)},
    {"\033OR", KEY_F(3)},
    {"\033OS", KEY_F(4)},
    {"\033[11~", KEY_F(1)},
    {"\033[12~", KEY_F(2)},
    {"\033[13~", KEY_F(3)},
    {"\033[14~", KEY_F(4)},
    {"\033[[A", KEY_F(1)},
    {"\033[[B", KEY_F(2)},
    {"\033[[C", KEY_F(3)},
    {"\033[[D", KEY_F(4)},
    /* rxvt's Shift (ESC [ a) and Ctrl (ESC O a) arrows */
    {"\033[a", KEY_UP},
    {"\033[b", KEY_DOWN},
    {"\033[c", KEY_RIGHT},
    {"\033[d", KEY_LEFT},
    {"\033Oa", KEY_UP},
    {"\033Ob", KEY_DOWN},
    {"\033Oc", KEY_RIGHT},
    {"\033Od", KEY_LEFT},
};
#define PLAIN_COUNT (sizeof plain / sizeof plain[0])

/* With a modifier (xterm's 2 Shift, 3 Alt, 4 Shift+Alt, 5 Ctrl, 6 Shift+Ctrl, 7 Alt+Ctrl, 8 all three):
 * ESC [ 1 ; m X for the letter keys, ESC [ n ; m ~ for the numbered ones. */
static const struct {
    char final;
    int code;
} lettered[] = {{'A', KEY_UP},  {'B', KEY_DOWN}, {'C', KEY_RIGHT}, {'D', KEY_LEFT}, {'H', KEY_HOME},
                {'F', KEY_END}, {'P', KEY_F(1)}, {'Q', KEY_F(2)},  {'R', KEY_F(3)}, {'S', KEY_F(4)}};
static const struct {
    int n;
    int code;
} numbered[] = {{1, KEY_HOME}, {2, KEY_IC},  {3, KEY_DC},    {4, KEY_END},   {5, KEY_PPAGE}, {6, KEY_NPAGE},
                {7, KEY_HOME}, {8, KEY_END}, {11, KEY_F(1)}, {12, KEY_F(2)}, {13, KEY_F(3)}, {14, KEY_F(4)}};
#define LETTERED_COUNT (sizeof lettered / sizeof lettered[0])
#define NUMBERED_COUNT (sizeof numbered / sizeof numbered[0])
#define MOD_FIRST 2
#define MOD_COUNT 7 /* 2 .. 8 */

bool termkeys_entry(size_t i, char *seq, size_t len, int *code)
{
    if (i < PLAIN_COUNT) {
        snprintf(seq, len, "%s", plain[i].s);
        *code = plain[i].code;
        return true;
    }
    i -= PLAIN_COUNT;
    if (i < LETTERED_COUNT * MOD_COUNT) {
        snprintf(seq, len, "\033[1;%d%c", MOD_FIRST + (int)(i % MOD_COUNT), lettered[i / MOD_COUNT].final);
        *code = lettered[i / MOD_COUNT].code;
        return true;
    }
    i -= LETTERED_COUNT * MOD_COUNT;
    if (i < NUMBERED_COUNT * MOD_COUNT) {
        snprintf(seq, len, "\033[%d;%d~", numbered[i / MOD_COUNT].n, MOD_FIRST + (int)(i % MOD_COUNT));
        *code = numbered[i / MOD_COUNT].code;
        return true;
    }
    return false;
}

void termkeys_install(void)
{
    char seq[16];
    int code;
    for (size_t i = 0; termkeys_entry(i, seq, sizeof seq, &code); i++)
        define_key(seq, code); /* replaces terminfo's meaning of the same string, if it had one */
    set_escdelay(TERMKEYS_ESC_DELAY_MS);
}

/* ECMA-48: a control sequence is ESC [, parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte
 * 0x40-0x7E; SS3 (ESC O) is followed by one final byte. */
#define SEQ_MAX 32

bool termkeys_drop_unknown(WINDOW *w)
{
    wint_t got[SEQ_MAX], ch;
    int n = 0, key = 0;
    bool complete = false;
    while (n < SEQ_MAX) {
        int kr = wget_wch(w, &ch);
        if (kr == ERR) /* nothing waiting */
            break;
        if (kr == KEY_CODE_YES) { /* a key curses decoded: not part of a sequence */
            key = (int)ch;
            break;
        }
        got[n++] = ch;
        if (n == 1) {
            if (ch != '[' && ch != 'O')
                break;
            continue;
        }
        if (got[0] == 'O' || (ch >= 0x40 && ch <= 0x7E)) {
            complete = ch >= 0x40 && ch <= 0x7E;
            break;
        }
        if (ch < 0x20 || ch > 0x3F)
            break;
    }
    if (complete && !key)
        return true;
    if (key) /* curses' pushback is last in, first out */
        ungetch(key);
    while (n > 0)
        unget_wch(got[--n]);
    return false;
}
