#!/bin/sh
# doc/keys.md's table of default keys, from the keymap itself (`klassenmap --print-keys`, in English): written
# between the two marker lines of the file, or with --check compared with what is there (exit 1 when it differs).
# Used by `make keys-doc` and tests/cli/test_keys_doc.sh.
set -eu
check=
[ "${1:-}" = --check ] && { check=1; shift; }
km=$1
doc=$2
begin='<!-- keys: made by `make keys-doc` from src/tui/keymap.c; edit the keymap, not this table -->'
end='<!-- end of keys -->'
grep -qxF -- "$begin" "$doc" && grep -qxF -- "$end" "$doc" || { echo "$doc: the marker lines are missing" >&2; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.table"' EXIT
env -u LC_ALL -u LC_MESSAGES LANGUAGE=en LANG=C.UTF-8 KLASSENMAP_CONFIG=/dev/null "$km" --print-keys >"$tmp.table"
awk -v b="$begin" -v e="$end" -v t="$tmp.table" '
    $0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$doc" >"$tmp"
if [ -n "$check" ]; then
    if cmp -s "$tmp" "$doc"; then exit 0; fi
    diff -u "$doc" "$tmp" | head -40 >&2
    echo "$doc: the table of keys is not what the keymap says; run 'make keys-doc'" >&2
    exit 1
fi
cat "$tmp" >"$doc"
