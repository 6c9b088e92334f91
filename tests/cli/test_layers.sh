#!/bin/sh
# The layers are kept by the compiler (src/guard/README.md): a file under src/tui or src/cli that includes the
# SQLite header or core's SQL side (core/db_sql.h), or one under src/core, src/sync or src/cli that includes curses,
# does not build. Tried with the Makefile's own rule, in a copy of src/ with one probe file added; a probe that
# keeps to its layer builds (so a failure is the guard's, not a broken copy).
. tests/lib.sh
ROOT=$(pwd)
mkdir -p "$T/tree"
cp -r "$ROOT/src" "$ROOT/tools" "$ROOT/Makefile" "$T/tree/"
# config.mk as the real build made it: the copy needs no pkg-config run of its own
mkdir -p "$T/tree/build"
cp "$ROOT/build/config.mk" "$T/tree/build/" 2>/dev/null || true

# probe LAYER NAME INCLUDE...: writes src/LAYER/NAME.c with the includes and builds its object; $code is make's.
probe() {
    layer=$1 name=$2
    shift 2
    f="$T/tree/src/$layer/$name.c"
    : >"$f"
    for h in "$@"; do echo "#include $h" >>"$f"; done
    printf 'int %s_probe(void);\nint %s_probe(void) { return 0; }\n' "$name" "$name" >>"$f"
    if [ "$layer" = . ]; then obj=build/obj/src/$name.o; else obj=build/obj/src/$layer/$name.o; fi
    make -s -C "$T/tree" "$obj" >"$T/probe.out" 2>&1
    code=$?
    rm -f "$f"
}
refused() { # DESC: the last probe failed, because of the guard
    if [ "$code" != 0 ] && grep -q '#error' "$T/probe.out"; then pass "$1"; else
        fail "$1" "make exit $code: $(tail -n 3 "$T/probe.out")"
    fi
}
built() { [ "$code" = 0 ] && pass "$1" || fail "$1" "$(tail -n 5 "$T/probe.out")"; }

probe tui layer_ok '"core/session.h"' '"core/db.h"' '<curses.h>'
built "a screen file with the public database header and curses builds"
probe tui layer_sqlite '<sqlite3.h>'
refused "a screen file that includes sqlite3.h does not build"
probe tui layer_dbsql '"core/db_sql.h"'
refused "a screen file that includes core/db_sql.h does not build"
probe cli layer_ok '"core/session.h"' '"cli/cli.h"'
built "a command file with core's public headers builds"
probe cli layer_sqlite '<sqlite3.h>'
refused "a command file that includes sqlite3.h does not build"
probe cli layer_dbsql '"core/db_sql.h"'
refused "a command file that includes core/db_sql.h does not build"
probe cli layer_curses '<curses.h>'
refused "a command file that includes curses.h does not build"
probe core layer_ok '"core/db_sql.h"'
built "a core file with core/db_sql.h builds"
probe core layer_curses '<ncursesw/curses.h>'
refused "a core file that includes ncursesw/curses.h does not build"
probe core layer_ncurses '<ncurses.h>'
refused "a core file that includes ncurses.h does not build"
probe sync layer_term '<term.h>'
refused "a sync file that includes term.h does not build"
probe . layer_main '<sqlite3.h>'
refused "a file beside main.c that includes sqlite3.h does not build"

# And in the tree as it is: no file outside core and sync names the SQL side.
if grep -rlE '#include ["<](sqlite3\.h|core/db_sql\.h)' "$ROOT/src/tui" "$ROOT/src/cli" "$ROOT/src/main.c" >"$T/found"; then
    fail "no file of src/tui, src/cli or main.c includes SQL" "$(cat "$T/found")"
else pass "no file of src/tui, src/cli or main.c includes SQL"; fi
finish layers
