/* make bench: the bare ncurses + SQLite program the login screen is measured against (bench_tui.py). It does what
 * any such program must before its first screen: the locale, the database opened and one query, curses started,
 * a screen drawn; then it waits for a key. Linked with ncursesw and SQLite only. */
#include <curses.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include "core/db_sql.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return 1;
    int users = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM users", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        users = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    box(stdscr, 0, 0);
    mvprintw(2, 3, "klassenmap (kaal): %d gebruikers", users);
    mvprintw(5, 3, "Gebruikersnaam: ");
    mvprintw(6, 3, "Wachtwoord:     ");
    move(5, 19);
    refresh();
    getch();
    endwin();
    sqlite3_close(db);
    return 0;
}
