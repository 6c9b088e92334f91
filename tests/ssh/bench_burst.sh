#!/bin/sh
# make bench-burst: 08:30, a whole school at once. N people (default 200: every teacher of the large demo school,
# the rest students) connect over SSH to a private sshd on a loopback port at the same moment, each to the
# school account with the project's sshd snippet (MaxStartups and all) and the project's password settings
# (Argon2id as in conf/klassenmap.ini, at most max_concurrent_hashes at once), log in on the login screen with
# their own name and password and open the first item of the main menu. Reports the time until the last one
# had it open, how many failed, how many logins the database recorded, and the CPU the machine spent meanwhile.
# Needs root (a system account and sshd). Usage: tests/ssh/bench_burst.sh BUILD_DIR [SOURCE_DB] [N]
B=${1:-build}
SRC=${2:-$B/bench-large.db}
N=${3:-200}
KM="$(pwd)/$B/klassenmap"
export KM
. tests/lib.sh
. tests/tui/lib.sh
die() { echo "burst: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (a private sshd and a system account); not measured"
[ -f "$SRC" ] || die "no $SRC (make bench makes it: demo --size large)"
. tests/ssh/lib.sh
ssh_setup >"$T/setup.log" 2>&1 || die "no private sshd: $(cat "$T/setup.log")"
[ "$SNIPPET" = 1 ] || die "the project's sshd snippet is missing"
as_user sh -c "printf '[general]\ndatabase = %s\n' '$DB' >'$KCONF'"
"$KM" --config "$KCONF" --db "$SRC" backup "$DB" >"$T/backup.out" 2>&1 || die "backup: $(cat "$T/backup.out")"
chown "$KMUSER:" "$DB"*
kmc user list --role leerkracht --json >"$T/teachers.json"
kmc user list --role leerling --json >"$T/students.json"
"$PY" -c 'import json, sys
print(json.dumps(json.load(open(sys.argv[1])) + json.load(open(sys.argv[2]))))' "$T/teachers.json" "$T/students.json" \
    >"$T/users.json"
echo "$N SSH logins at once: private sshd (OpenSSH $(ssh -V 2>&1 | sed 's/^OpenSSH_\([^,]*\).*/\1/'),"\
     "$(/usr/sbin/sshd -T -f "$D/sshd.config" 2>/dev/null | grep -i '^maxstartups ' | cut -d' ' -f2- | sed 's/^/MaxStartups /')),"\
     "Argon2id $(sed -n 's/^argon_opslimit = //p' conf/klassenmap.ini) passes" \
     "$(sed -n 's/^argon_memlimit_kib = //p' conf/klassenmap.ini) KiB, at most" \
     "$(sed -n 's/^max_concurrent_hashes = //p' conf/klassenmap.ini) at once; $(nproc) cores"
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
c0=$(cpu_busy)
# shellcheck disable=SC2046
"$PY" tests/ssh/burst.py "$N" "$DB" "$T/users.json" "$KMUSER" -- ssh $(ssh_opts) -tt "$KMUSER@127.0.0.1"
rc=$?
c1=$(cpu_busy)
echo "CPU of the whole machine meanwhile: $(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) / hz }') CPU-seconds" \
     "(every process, not only these)"
drops=$(grep -c -i -E 'drop(ping)? connection|MaxStartups|exceeded' "$D/sshd.log" 2>/dev/null)
echo "sshd dropped $drops connections (its log)"
exit $rc
