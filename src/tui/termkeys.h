/* Keys from every terminal: the escape sequences that terminals and SSH clients send for the arrows, Home/End,
 * PgUp/PgDn, Insert/Delete and F1-F4, whatever the terminfo entry of TERM says. Without this, a client whose
 * arrow is ESC [ C where terminfo says ESC O C delivers Esc, '[', 'C', and Esc goes back a screen. */
#ifndef KM_TUI_TERMKEYS_H
#define KM_TUI_TERMKEYS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* How long curses waits, after an Esc, for the rest of a sequence (milliseconds); see termkeys.c for why. */
#define TERMKEYS_ESC_DELAY_MS 100

/* Teaches the current curses screen every sequence of the table (define_key) and sets the Esc delay. Call once
 * after newterm and keypad. */
void termkeys_install(void);
/* The sequence at index i of the table and the curses key it means (KEY_UP, KEY_F(1), ...), for tests; false
 * past the end. The modified variants (ESC [ 1 ; 5 C ...) are made from the plain ones and counted here too. */
bool termkeys_entry(size_t i, char *seq, size_t len, int *code);
/* Called after curses gave a lone Esc: when the rest of an escape sequence curses does not know is already
 * waiting (ESC [ ... final, ESC O final), reads and drops it and returns true, so an unknown key does nothing
 * instead of going back. Otherwise everything read is put back and false returned (a real Esc). */
bool termkeys_drop_unknown(WINDOW *w);

#endif
