#!/bin/sh
# Every footer tells the truth: on every screen of tests/tui/screens.list, each key its footer offers (at 132x43,
# where the footer holds the most) is pressed and must change something on the screen — open, move, ask or say
# why not. Only moving within a list (which may rightly do nothing at its end), help and redraw are not pressed.
exec python3 tests/tui/screens.py --footers "$@"
