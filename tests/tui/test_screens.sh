#!/bin/sh
# Golden screens: every screen of every role, whole, at 80x24 and 132x43, Dutch and English (tests/tui/screens.py,
# the screens in tests/tui/screens.list, the files in tests/tui/screens/). `make screens` rewrites the files.
exec python3 tests/tui/screens.py "$@"
