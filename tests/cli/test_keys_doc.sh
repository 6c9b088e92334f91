#!/bin/sh
# doc/keys.md's table of default keys is what the keymap says (`klassenmap --print-keys`, made by `make keys-doc`):
# a key or an action changed in src/tui/keymap.c without `make keys-doc` fails here.
. tests/lib.sh
run "$KM" --print-keys
expect_out "--print-keys prints the table" '| `help` | `?` `F1` |'
n=$(printf '%s\n' "$out" | grep -c '^| `')
[ "$n" -ge 30 ] && pass "--print-keys has a row per action ($n)" || fail "--print-keys has a row per action" "got $n"
run sh tools/keys_doc.sh --check "$KM" doc/keys.md
[ "$code" = 0 ] && pass "doc/keys.md matches the keymap" || fail "doc/keys.md matches the keymap" "run 'make keys-doc'"
# The check notices a difference: a copy with one key changed fails it.
sed 's/^| `help` | `?` `F1` |/| `help` | `?` |/' doc/keys.md >"$T/keys.md"
run sh tools/keys_doc.sh --check "$KM" "$T/keys.md"
[ "$code" = 1 ] && pass "a table out of date is noticed" || fail "a table out of date is noticed"
finish keys-doc
