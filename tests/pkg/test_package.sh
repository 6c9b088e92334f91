#!/bin/sh
# The Debian package, as a school's IT person uses it: built from a copy of this tree with
# `dpkg-buildpackage -us -uc -b`, checked by lintian (no errors), installed with `apt-get install ./FILE.deb`, then
# the account, its directory, the conffile, the sshd snippet and the units (installed, not enabled) looked at;
# `klassenmap --version`, `init` and `check` run as the system account; an upgrade to a rebuilt package keeps the
# database and an edited configuration; remove keeps data and configuration; purge keeps the data without a "yes"
# (debconf's default) and deletes it with one.
# It installs and purges a package on this machine, so it runs only as root with KM_TEST_PACKAGE=1 (CI sets it),
# and never where a klassenmap package or account already exists; otherwise it is skipped, saying why.
. tests/lib.sh
. tests/tui/lib.sh

NCHECKS=45
why=""
if [ "${KM_TEST_PACKAGE:-0}" != 1 ]; then
    why="it installs and purges a package system-wide: run it with KM_TEST_PACKAGE=1 (as CI does)"
elif [ "$(id -u)" != 0 ]; then
    why="it installs a package: root only"
elif ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh >/dev/null 2>&1 ||
    ! command -v lintian >/dev/null 2>&1 || ! command -v po2debconf >/dev/null 2>&1; then
    why="dpkg-dev, debhelper, po-debconf and lintian are needed (tools/install-deps package)"
elif dpkg-query -W -f='${Status}' klassenmap 2>/dev/null | grep -q 'installed\|config-files' ||
    getent passwd klassenmap >/dev/null; then
    why="this machine already has a klassenmap package or account, which the test would change"
fi
if [ -n "$why" ]; then
    skip "$NCHECKS" "the Debian package build, install, upgrade, remove and purge" "$why"
    finish package
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
APT="apt-get -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0"
# Whatever happens, the machine is left without the package, the account and their directories.
cleanup_pkg() {
    echo "klassenmap klassenmap/purge_data boolean true" | debconf-set-selections 2>/dev/null
    dpkg --purge klassenmap >/dev/null 2>&1
    getent passwd klassenmap >/dev/null && userdel klassenmap >/dev/null 2>&1
    getent group klassenmap >/dev/null && groupdel klassenmap >/dev/null 2>&1
    rm -rf /var/lib/klassenmap /var/backups/klassenmap
    # the answer given above must not outlive the package (it would answer the next purge)
    echo PURGE | debconf-communicate klassenmap >/dev/null 2>&1
}
LINTIAN=""
trap '[ -n "$LINTIAN" ] && kill "$LINTIAN" 2>/dev/null; cleanup_pkg; tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
# as the account, with the system configuration (not the tests' own)
echo PURGE | debconf-communicate klassenmap >/dev/null 2>&1 # no answer left from before: the default counts
as_km() { runuser -u klassenmap -- env -u KLASSENMAP_CONFIG "$@"; }

# ---- build ----
SRC="$T/src/klassenmap"
mkdir -p "$SRC"
for f in *; do
    case "$f" in build | build-*) ;; *) cp -a "$f" "$SRC/" ;; esac
done
VERSION=$(cd "$SRC" && dpkg-parsechangelog -S Version)
ARCH=$(dpkg --print-architecture)
DEB="$T/src/klassenmap_${VERSION}_${ARCH}.deb"
start_s=$(date +%s)
if (cd "$SRC" && dpkg-buildpackage -us -uc -b -j2) >"$T/build.log" 2>&1 && [ -f "$DEB" ]; then
    pass "dpkg-buildpackage -us -uc -b makes klassenmap_${VERSION}_${ARCH}.deb ($(($(date +%s) - start_s)) s)"
else
    fail "dpkg-buildpackage -us -uc -b makes klassenmap_${VERSION}_${ARCH}.deb" "$(tail -n 15 "$T/build.log")"
    finish package
    exit 1
fi
echo "package: $(basename "$DEB"), $(stat -c %s "$DEB") bytes, installed size $(dpkg-deb -f "$DEB" Installed-Size) KiB"
# lintian reads the built files while the package is installed and upgraded (the rebuild writes new names); its
# verdict is read at the end
lintian --allow-root "$T/src/klassenmap_${VERSION}_${ARCH}.changes" >"$T/lintian.out" 2>&1 &
LINTIAN=$!
dpkg-deb -f "$DEB" Depends | grep -q 'libsqlite3' && pass "the package depends on the libraries it links" ||
    fail "the package depends on the libraries it links"

# ---- install ----
if $APT install "$DEB" >"$T/install.log" 2>&1; then pass "apt-get install ./klassenmap_*.deb"; else
    fail "apt-get install ./klassenmap_*.deb" "$(tail -n 10 "$T/install.log")"
    finish package
    exit 1
fi
entry=$(getent passwd klassenmap)
[ -n "$entry" ] && [ "$(printf '%s' "$entry" | cut -d: -f3)" -lt 1000 ] && pass "the klassenmap system account exists" ||
    fail "the klassenmap system account exists" "$entry"
[ "$(printf '%s' "$entry" | cut -d: -f6,7)" = /var/lib/klassenmap:/bin/sh ] &&
    pass "its home is /var/lib/klassenmap, its shell /bin/sh (for ForceCommand)" || fail "its home and shell" "$entry"
[ "$(stat -c '%a %U %G' /var/lib/klassenmap)" = "700 klassenmap klassenmap" ] && pass "/var/lib/klassenmap is 0700, the account's" ||
    fail "/var/lib/klassenmap is 0700, the account's" "$(stat -c '%a %U %G' /var/lib/klassenmap)"
[ "$(stat -c '%a %U %G' /var/backups/klassenmap)" = "700 klassenmap klassenmap" ] && pass "/var/backups/klassenmap is 0700, the account's" ||
    fail "/var/backups/klassenmap is 0700, the account's"
dpkg-query -W -f='${Conffiles}\n' klassenmap | grep -q '^ /etc/klassenmap/klassenmap.ini ' &&
    pass "/etc/klassenmap/klassenmap.ini is a conffile" || fail "/etc/klassenmap/klassenmap.ini is a conffile"
[ "$(stat -c '%a %U %G' /etc/klassenmap/klassenmap.ini)" = "640 root klassenmap" ] &&
    pass "the configuration: root writes it, the account reads it (0640 root:klassenmap)" ||
    fail "the configuration is 0640 root:klassenmap" "$(stat -c '%a %U %G' /etc/klassenmap/klassenmap.ini)"
grep -q '^    ForceCommand exec /usr/bin/klassenmap$' /etc/ssh/sshd_config.d/klassenmap.conf &&
    pass "the sshd snippet is in place, naming /usr/bin/klassenmap" || fail "the sshd snippet is in place, naming /usr/bin/klassenmap"
if sshd_privsep_dir && [ -x /usr/sbin/sshd ]; then
    ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey" >/dev/null
    printf 'HostKey %s\nInclude /etc/ssh/sshd_config.d/klassenmap.conf\n' "$T/hostkey" >"$T/sshd_config"
    run /usr/sbin/sshd -T -f "$T/sshd_config" -C user=klassenmap,host=h,addr=127.0.0.1
    expect_out "sshd reads the installed snippet for the account" "forcecommand exec /usr/bin/klassenmap"
else
    skip 1 "sshd reads the installed snippet" "no sshd here"
fi
units=0
for u in klassenmap-backup.service klassenmap-backup.timer klassenmap-sync.service klassenmap-sync.timer; do
    [ -f "/lib/systemd/system/$u" ] && units=$((units + 1))
done
[ "$units" = 4 ] && pass "the four systemd units are installed" || fail "the four systemd units are installed" "$units of 4"
enabled=$(find /etc/systemd/system -name 'klassenmap-*' 2>/dev/null | tr '\n' ' ')
[ -z "$enabled" ] && pass "no unit is enabled" || fail "no unit is enabled" "$enabled"
man -w klassenmap 2>/dev/null | grep -q '^/usr/share/man/man1/klassenmap.1' && pass "man klassenmap finds the page" ||
    fail "man klassenmap finds the page"

# ---- run as the account ----
run as_km klassenmap --version
upstream=$(printf '%s' "$VERSION" | sed 's/[-+~].*//')
[ "$code" = 0 ] && [ "$out" = "klassenmap $upstream" ] && pass "klassenmap --version as the account: $out" ||
    fail "klassenmap --version as the account"
run as_km klassenmap init --school "OBS Pakket" --brin 99ZZ
[ "$code" = 0 ] && [ -f /var/lib/klassenmap/school.db ] && pass "init as the account makes /var/lib/klassenmap/school.db (from the config)" ||
    fail "init as the account makes /var/lib/klassenmap/school.db (from the config)"
run as_km klassenmap user add --role leerkracht --username juf.pakket --name "Juf Pakket"
expect_code "a teacher added as the account" 0
run as_km klassenmap check
expect_out "klassenmap check as the account" "integriteit    ok"
expect_out "the installed program loads its plugins from /usr/lib/klassenmap" "onderdelen     ok (/usr/lib/klassenmap)"
linked=$(ldd /usr/bin/klassenmap | grep -E 'libcurl|libxml2|libicu')
[ -z "$linked" ] && [ -f /usr/lib/klassenmap/klassenmap-mail.so ] && [ -f /usr/lib/klassenmap/klassenmap-sync.so ] &&
    pass "/usr/bin/klassenmap links no libcurl, libxml2 or ICU; the plugins are in /usr/lib/klassenmap" ||
    fail "/usr/bin/klassenmap links no libcurl, libxml2 or ICU; the plugins are in /usr/lib/klassenmap" "$linked"
[ "$(stat -c %U /var/lib/klassenmap/school.db)" = klassenmap ] && pass "the database belongs to the account" ||
    fail "the database belongs to the account"
# The screens as sshd would start them for the account: English catalogue and themes found under /usr/share.
tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s pk -x 80 -y 24 \
    "exec runuser -u klassenmap -- env -u KLASSENMAP_CONFIG TERM=xterm-256color LANG=C.UTF-8 LANGUAGE=en /usr/bin/klassenmap"
wait_for pk "Username" && pass "the installed screens open in English for the account" ||
    fail "the installed screens open in English for the account" "$(screen pk)"
tmux -L "$SOCK" kill-session -t pk 2>/dev/null

# ---- upgrade to a rebuilt package: database and edited configuration kept ----
printf '\n; edited by the school\n' >>/etc/klassenmap/klassenmap.ini
before=$(sum /etc/klassenmap/klassenmap.ini)
NEW="${VERSION}+upgrade1"
{
    printf 'klassenmap (%s) unstable; urgency=medium\n\n  * Rebuilt for the upgrade test.\n\n' "$NEW"
    printf ' -- klassenmap maintainers <maintainers@klassenmap.example>  %s\n\n' "$(date -R)"
    cat "$SRC/debian/changelog"
} >"$T/changelog" && mv "$T/changelog" "$SRC/debian/changelog"
# -nc: the tree is already built; the rebuilt package differs in its version
if (cd "$SRC" && dpkg-buildpackage -us -uc -b -nc -j2) >"$T/build2.log" 2>&1 &&
    [ -f "$T/src/klassenmap_${NEW}_${ARCH}.deb" ]; then
    pass "a rebuilt package ($NEW)"
else
    fail "a rebuilt package ($NEW)" "$(tail -n 15 "$T/build2.log")"
fi
run $APT install "$T/src/klassenmap_${NEW}_${ARCH}.deb"
expect_code "apt-get install of the newer package (an upgrade)" 0
[ "$(dpkg-query -W -f='${Version}' klassenmap)" = "$NEW" ] && pass "the newer version is installed" || fail "the newer version is installed"
[ "$(sum /etc/klassenmap/klassenmap.ini)" = "$before" ] && pass "the edited configuration is kept" ||
    fail "the edited configuration is kept"
[ "$(stat -c '%a %U %G' /etc/klassenmap/klassenmap.ini)" = "640 root klassenmap" ] && pass "... with its mode and group" ||
    fail "... with its mode and group"
run as_km klassenmap user show juf.pakket
expect_out "the database is kept: the teacher is still there" "juf.pakket"
run as_km klassenmap check
expect_out "check after the upgrade" "integriteit    ok"

# ---- remove: program gone, configuration and data kept ----
run $APT remove klassenmap
expect_code "apt-get remove klassenmap" 0
[ ! -e /usr/bin/klassenmap ] && pass "remove: the program is gone" || fail "remove: the program is gone"
[ -f /etc/klassenmap/klassenmap.ini ] && [ -f /etc/ssh/sshd_config.d/klassenmap.conf ] &&
    pass "remove: the configuration and the sshd snippet stay" || fail "remove: the configuration and the sshd snippet stay"
[ -f /var/lib/klassenmap/school.db ] && getent passwd klassenmap >/dev/null && pass "remove: the database and the account stay" ||
    fail "remove: the database and the account stay"

# ---- purge without an answer: debconf's default keeps the data ----
run dpkg --purge klassenmap
expect_code "dpkg --purge (noninteractive: the question's default)" 0
[ ! -e /etc/klassenmap/klassenmap.ini ] && [ ! -e /etc/ssh/sshd_config.d/klassenmap.conf ] &&
    pass "purge: the configuration and the snippet are gone" || fail "purge: the configuration and the snippet are gone"
[ -f /var/lib/klassenmap/school.db ] && pass "purge without a yes: the school's database stays" ||
    fail "purge without a yes: the school's database stays"
entry=$(getent passwd klassenmap)
[ "$(printf '%s' "$entry" | cut -d: -f7)" = /usr/sbin/nologin ] && passwd -S klassenmap 2>/dev/null | grep -q ' L ' &&
    pass "... and its account is locked, without a shell" || fail "... and its account is locked, without a shell" "$entry"

# ---- install again, then purge with a yes ----
run $APT install "$T/src/klassenmap_${NEW}_${ARCH}.deb"
expect_code "install again over the kept data" 0
[ "$(getent passwd klassenmap | cut -d: -f7)" = /bin/sh ] && pass "the account gets its shell back" ||
    fail "the account gets its shell back"
run as_km klassenmap --config /etc/klassenmap/klassenmap.ini user show juf.pakket
expect_out "the kept database is used again" "juf.pakket"
echo "klassenmap klassenmap/purge_data boolean true" | debconf-set-selections
run dpkg --purge klassenmap
expect_code "dpkg --purge with the question answered yes" 0
[ ! -e /var/lib/klassenmap ] && [ ! -e /var/backups/klassenmap ] && pass "purge with a yes: the data is deleted" ||
    fail "purge with a yes: the data is deleted"
! getent passwd klassenmap >/dev/null && pass "... and the account" || fail "... and the account"
[ -z "$(dpkg-query -W -f='${Status}' klassenmap 2>/dev/null | grep -v 'not-installed')" ] &&
    pass "nothing of the package is left (dpkg)" || fail "nothing of the package is left (dpkg)"

wait "$LINTIAN"
LINTIAN=""
errors=$(grep -c '^E: ' "$T/lintian.out")
echo "lintian: $errors errors, $(grep -c '^W: ' "$T/lintian.out") warnings, $(grep -c '^I: ' "$T/lintian.out") info"
[ "$errors" = 0 ] && pass "lintian reports no errors" || fail "lintian reports no errors" "$(grep '^E: ' "$T/lintian.out")"

finish package
