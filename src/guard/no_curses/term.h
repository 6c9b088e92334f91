/* Seen instead of curses by src/core, src/sync and src/cli (the Makefile puts this folder first on their include
 * path): only the screens (src/tui) draw on the terminal. */
#error "only src/tui includes curses: core, sync and the command line do not draw"
