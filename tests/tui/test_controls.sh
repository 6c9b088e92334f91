#!/bin/sh
# Planted controls: C0, C1 (U+009B too), ESC with CSI and OSC sequences and bidi controls in every text column;
# every command output, export, --json and screen must show none of them (tests/tui/controls.py says how).
# Needs tmux and python3; run after `make` as `sh tests/tui/test_controls.sh`.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
exec "$PY" tests/tui/controls.py "$@"
