#!/bin/sh
# Building and installing the Debian way, in a copy of this tree (sources and objects; the tree itself is never
# changed, and an unchanged object is not compiled again):
#   - CFLAGS, CPPFLAGS and LDFLAGS from the environment reach every compile and link line;
#   - the paths baked into the program follow PREFIX, and a new PREFIX rebuilds exactly the files that use them;
#   - a building make never runs apt-get: with a package missing it names it and stops; `make deps` installs;
#   - `make install DESTDIR=... PREFIX=/usr`: everything where a Debian system looks, no /usr/local left in any
#     installed file, and the installed program, run as /usr/bin/klassenmap (root: in a private mount namespace
#     with the DESTDIR tree laid over /usr), finds its themes, its English catalogue and its man page;
#   - `make install PREFIX=DIR` (no DESTDIR): the program installed there finds the same from DIR.
# Needs make, tmux and man (man-db); the /usr check needs root, unshare and overlayfs (otherwise skipped).
. tests/lib.sh
. tests/tui/lib.sh

BNAME=$(basename "$(dirname "$KM")")
SRC=$(pwd)
TREE="$T/tree"
if [ ! -f "$SRC/$BNAME/config.mk" ] || ! have_tmux; then
    fail "the install suite needs a built tree ($BNAME/config.mk: run make) and tmux"
    finish install
    exit 1
fi
# The compiler the objects were made with (the first word of the flags the Makefile recorded), so the copy
# rebuilds only what the checks change.
USED_CC=$(cut -d' ' -f1 "$SRC/$BNAME/flags" 2>/dev/null)
mkdir -p "$TREE/$BNAME"
cp -a Makefile src tests conf doc po themes tools "$TREE/"
for f in obj config.mk flags buildconf.h unit_tests.inc locale; do
    [ -e "$SRC/$BNAME/$f" ] && cp -a "$SRC/$BNAME/$f" "$TREE/$BNAME/"
done
mk() { make -C "$TREE" --no-print-directory B="$BNAME" CC="${USED_CC:-cc}" "$@"; }

# ---- flags from the environment ----
run env CFLAGS="-O1 -g -DKM_MARK_CFLAGS" CPPFLAGS="-DKM_MARK_CPPFLAGS" LDFLAGS="-Wl,-z,relro -Wl,--as-needed" \
    make -C "$TREE" -n B="$BNAME" all
compiles=$(printf '%s\n' "$out" | grep -c -- ' -c src/')
marked=$(printf '%s\n' "$out" | grep -- ' -c src/' | grep -- '-DKM_MARK_CPPFLAGS' | grep -c -- '-O1 -g -DKM_MARK_CFLAGS')
[ "$compiles" -gt 50 ] && [ "$marked" = "$compiles" ] && pass "CFLAGS and CPPFLAGS from the environment reach every compile" ||
    fail "CFLAGS and CPPFLAGS from the environment reach every compile" "$marked of $compiles compile lines"
printf '%s\n' "$out" | grep -- "-o $BNAME/klassenmap " | grep -q -- '-Wl,-z,relro -Wl,--as-needed' &&
    pass "LDFLAGS from the environment reach the link" || fail "LDFLAGS from the environment reach the link"
printf '%s\n' "$out" | grep -- ' -c src/' | grep -q -- '-O2' && fail "the environment's CFLAGS replace the defaults (no -O2 left)" ||
    pass "the environment's CFLAGS replace the defaults (no -O2 left)"
# Another compiler or other flags are recorded, and the record is newer than every object: all is rebuilt.
cp -a "$TREE/$BNAME/flags" "$T/flags.saved"
sleep 1
mk CFLAGS="-O0 -g" "$BNAME/flags" >/dev/null 2>&1
grep -q -- '-O0 -g' "$TREE/$BNAME/flags" && [ "$TREE/$BNAME/flags" -nt "$TREE/$BNAME/obj/src/core/db.o" ] &&
    pass "other CFLAGS make every object out of date" || fail "other CFLAGS make every object out of date"
cp -a "$T/flags.saved" "$TREE/$BNAME/flags"

# ---- PREFIX: baked in, and a change rebuilds exactly what uses it ----
mk all >/dev/null 2>&1
run mk PREFIX=/usr all
rebuilt=$(printf '%s\n' "$out" | awk '$1 == "CC" || $1 == "CC-PIC" { print $2 }' | sort | tr '\n' ' ')
want="src/cli/cli.c src/cli/ical.c src/core/config.c src/core/plugin.c src/main.c src/sync/uwlr.c src/tui/paths.c src/tui/screen_login.c "
[ "$code" = 0 ] && [ "$rebuilt" = "$want" ] && pass "PREFIX=/usr rebuilds only the files that use the paths" ||
    fail "PREFIX=/usr rebuilds only the files that use the paths" "rebuilt: $rebuilt"
grep -aq '/usr/share/klassenmap' "$TREE/$BNAME/klassenmap" && ! grep -aq '/usr/local/share' "$TREE/$BNAME/klassenmap" &&
    pass "the program holds /usr/share/klassenmap, not /usr/local" || fail "the program holds /usr/share/klassenmap, not /usr/local"
run mk PREFIX=/usr all
printf '%s\n' "$out" | grep -q ' CC ' && fail "the same PREFIX again compiles nothing" || pass "the same PREFIX again compiles nothing"

# ---- a building make never installs packages ----
mkdir -p "$T/fakebin"
cat >"$T/fakebin/dpkg-query" <<'SH'
#!/bin/sh
# every package is missing
exit 1
SH
cat >"$T/fakebin/apt-get" <<SH
#!/bin/sh
echo "apt-get \$*" >>"$T/apt.log"
SH
cp "$T/fakebin/apt-get" "$T/fakebin/sudo"
chmod +x "$T/fakebin"/*
touch "$TREE/tools/install-deps" # config.mk is made again
run env PATH="$T/fakebin:$PATH" make -C "$TREE" --no-print-directory B="$BNAME" CC="${USED_CC:-cc}" all
[ "$code" != 0 ] && printf '%s' "$err" | grep -q "klassenmap needs these packages:.* libsqlite3-dev" &&
    printf '%s' "$err" | grep -q "make deps" && pass "make with a package missing: names it, points to make deps, stops" ||
    fail "make with a package missing: names it, points to make deps, stops"
[ ! -e "$T/apt.log" ] && pass "a building make never runs apt-get" || fail "a building make never runs apt-get" "$(cat "$T/apt.log")"
run env PATH="$T/fakebin:$PATH" make -C "$TREE" --no-print-directory B="$BNAME" deps
grep -q "install -y .*libsqlite3-dev" "$T/apt.log" 2>/dev/null && printf '%s' "$out" | grep -q "installing missing packages" &&
    pass "make deps installs what is missing, and says so" || fail "make deps installs what is missing, and says so"
rm -f "$T/apt.log"
touch "$TREE/tools/install-deps" # (makefiles are remade even under -n)
run env PATH="$T/fakebin:$PATH" make -C "$TREE" --no-print-directory -n B="$BNAME" check
grep -q "install -y" "$T/apt.log" 2>/dev/null && pass "make check installs what is missing (the README's command)" ||
    fail "make check installs what is missing (the README's command)"
mk all >/dev/null 2>&1 # config.mk again, with the real packages

# ---- make install DESTDIR=... PREFIX=/usr ----
ROOT="$T/root"
run mk install DESTDIR="$ROOT" PREFIX=/usr
[ "$code" = 0 ] && pass "make install DESTDIR PREFIX=/usr" || fail "make install DESTDIR PREFIX=/usr"
missing=""
for f in usr/bin/klassenmap usr/lib/klassenmap/klassenmap-mail.so usr/lib/klassenmap/klassenmap-sync.so \
    usr/share/man/man1/klassenmap.1 usr/share/klassenmap/themes/default.theme \
    usr/share/klassenmap/themes/contrast.theme usr/share/locale/en/LC_MESSAGES/klassenmap.mo \
    etc/klassenmap/klassenmap.ini etc/ssh/sshd_config.d/klassenmap.conf usr/lib/systemd/system/klassenmap-sync.timer \
    usr/share/klassenmap/klassenmap.ini.example usr/share/klassenmap/authorized_keys.example; do
    [ -e "$ROOT/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass "PREFIX=/usr: every file where Debian looks" || fail "PREFIX=/usr: every file where Debian looks" "missing:$missing"
# (deploy.md, the walk-through of a source install, names /usr/local as make install's default)
left=$(grep -rl '/usr/local' "$ROOT" 2>/dev/null | sed "s|^$ROOT/||" | grep -v 'deploy.md$' | tr '\n' ' ')
[ -z "$left" ] && pass "no installed file names /usr/local" || fail "no installed file names /usr/local" "$left"
grep -q '^ForceCommand exec /usr/bin/klassenmap$\|^    ForceCommand exec /usr/bin/klassenmap$' "$ROOT/etc/ssh/sshd_config.d/klassenmap.conf" &&
    grep -q 'ExecStart=/usr/bin/klassenmap sync' "$ROOT/usr/lib/systemd/system/klassenmap-sync.service" &&
    pass "the snippet and the units name /usr/bin/klassenmap" || fail "the snippet and the units name /usr/bin/klassenmap"

DB="$T/school.db"
"$KM" --db "$DB" init --school "OBS Installatie" --brin 99ZZ >/dev/null 2>&1
printf '[general]\ntheme = contrast\n[password]\nargon_opslimit = 1\nargon_memlimit_kib = 8\n' >"$T/theme.ini"

# login_screen NAME PROGRAM [WRAP...]: the installed program's login screen in English, with the contrast theme.
login_screen() {
    _n=$1 _p=$2
    shift 2
    "$@" tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s "$_n" -x 80 -y 24 \
        "exec env TERM=xterm-256color LANG=C.UTF-8 LANGUAGE=en KLASSENMAP_CONFIG='$T/theme.ini' '$_p' --db '$DB' 2>'$T/$_n.stderr'"
}
# installed_finds NAME WHERE: the checks on a login screen started by login_screen.
installed_finds() {
    if wait_for "$1" "Username"; then pass "$2: the English catalogue is found"; else
        fail "$2: the English catalogue is found" "$(screen "$1")"
    fi
    if on_screen "$1" "theme" || on_screen "$1" "thema"; then fail "$2: the contrast theme is found" "$(screen "$1")"; else
        pass "$2: the contrast theme is found"
    fi
    TM kill-session -t "$1" 2>/dev/null
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1; then
    skip 4 "the DESTDIR tree run as /usr/bin/klassenmap" "needs root and unshare (a private mount namespace)"
elif ! unshare -m --propagation private sh -c "mount -t overlay overlay -o lowerdir='$ROOT/usr':/usr /usr" 2>/dev/null; then
    skip 4 "the DESTDIR tree run as /usr/bin/klassenmap" "overlayfs cannot be mounted here"
else
    # tmux's server stays in the namespace, where /usr is the installed tree over the system's
    login_screen usr /usr/bin/klassenmap unshare -m --propagation private sh -c \
        "mount -t overlay overlay -o lowerdir='$ROOT/usr':/usr /usr && exec \"\$@\"" sh
    installed_finds usr "/usr/bin/klassenmap"
    TM kill-server 2>/dev/null # its server lives in the namespace; the next one does not
    manpath=$(unshare -m --propagation private sh -c \
        "mount -t overlay overlay -o lowerdir='$ROOT/usr':/usr /usr && man -w klassenmap" 2>/dev/null)
    [ "$manpath" = /usr/share/man/man1/klassenmap.1 ] && pass "/usr/bin/klassenmap: man klassenmap finds the page" ||
        fail "/usr/bin/klassenmap: man klassenmap finds the page" "man -w: $manpath"
    plugins=$(unshare -m --propagation private sh -c \
        "mount -t overlay overlay -o lowerdir='$ROOT/usr':/usr /usr && /usr/bin/klassenmap --db '$DB' check" 2>&1 |
        grep '^onderdelen')
    [ "$plugins" = "onderdelen     ok (/usr/lib/klassenmap)" ] &&
        pass "/usr/bin/klassenmap loads its plugins from /usr/lib/klassenmap" ||
        fail "/usr/bin/klassenmap loads its plugins from /usr/lib/klassenmap" "$plugins"
fi

# ---- make install PREFIX=DIR, no DESTDIR: the program run from there ----
P="$T/prefix"
run mk install PREFIX="$P" SYSCONFDIR="$P/etc"
[ "$code" = 0 ] && pass "make install PREFIX=$P" || fail "make install PREFIX=DIR"
login_screen pfx "$P/bin/klassenmap"
installed_finds pfx "PREFIX=DIR"
MANPATH="$P/share/man" man -w klassenmap 2>/dev/null | grep -qx "$P/share/man/man1/klassenmap.1" &&
    pass "PREFIX=DIR: man finds the page under DIR/share/man" || fail "PREFIX=DIR: man finds the page under DIR/share/man"
grep -q "$P/bin/klassenmap" "$P/etc/ssh/sshd_config.d/klassenmap.conf" && pass "PREFIX=DIR: the snippet names DIR/bin/klassenmap" ||
    fail "PREFIX=DIR: the snippet names DIR/bin/klassenmap"
# the installed program (DIR/bin/klassenmap is BINDIR) loads its plugins from PKGLIBDIR, not from beside itself
run "$P/bin/klassenmap" --db "$DB" check
printf '%s\n' "$out" | grep -qx "onderdelen     ok ($P/lib/klassenmap)" &&
    [ "$(stat -c %a "$P/lib/klassenmap/klassenmap-sync.so")" = 644 ] &&
    pass "PREFIX=DIR: the plugins are loaded from DIR/lib/klassenmap (0644)" ||
    fail "PREFIX=DIR: the plugins are loaded from DIR/lib/klassenmap (0644)"

finish install
