/* Seen instead of SQLite's header by src/tui and src/cli (the Makefile puts this folder first on their include
 * path): screens and commands reach the school's data only through core's functions, never through SQL. */
#error "src/tui and src/cli do not include sqlite3.h (nor core/db_sql.h): call a core function instead"
