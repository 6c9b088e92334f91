#!/bin/sh
# make bench, "== SSH sessions": 20 teachers of the large demo school each in their own SSH session (a private
# sshd on a loopback port, as in tests/ssh/test_ssh.sh; when not root: 20 local TUI processes in tmux), at 80x24.
# Reports the private memory per session (Private_Clean + Private_Dirty from /proc/PID/smaps_rollup of the
# klassenmap processes: average and maximum) on the login screen and after logging in with MIJNROOSTER open,
# and the CPU an idle session uses over 10 s (utime + stime from /proc/PID/stat).
# Usage: tests/ssh/bench_sessions.sh BUILD_DIR SOURCE_DB   (SOURCE_DB: the large demo school, copied first)
B=${1:-build}
SRC=${2:-$B/bench-large.db}
KM="$(pwd)/$B/klassenmap"
export KM
. tests/lib.sh
. tests/tui/lib.sh
N=${SESSIONS:-20}   # SESSIONS=40 IDLE=60 sh tests/ssh/bench_sessions.sh ...: more sessions, a longer idle spell
IDLE=${IDLE:-10}
HZ=$(getconf CLK_TCK)

die() { echo "SSH sessions: $*"; exit 1; }
have_tmux || die "tmux is needed (sh tools/install-deps test)"
[ -f "$SRC" ] || die "no $SRC (make bench makes it first)"
now_ms() { date +%s%3N; }

# private_kib PID: Private_Clean + Private_Dirty, and Private_Dirty alone, in KiB. klassenmap makes itself
# non-dumpable, so only root may read its smaps_rollup; otherwise RssAnon from /proc/PID/status stands in.
private_kib() {
    if [ -r "/proc/$1/smaps_rollup" ] && head -c 1 "/proc/$1/smaps_rollup" >/dev/null 2>&1; then
        awk '/^Private_Clean:/ { c = $2 } /^Private_Dirty:/ { d = $2 } END { print c + d, d }' "/proc/$1/smaps_rollup"
    else
        awk '/^RssAnon:/ { print $2, $2, "anon" }' "/proc/$1/status" 2>/dev/null
    fi
}
# mem_report LABEL PID...: average and maximum over the processes, in MiB
mem_report() {
    _label=$1
    shift
    for _p in "$@"; do private_kib "$_p"; done | awk -v label="$_label" '
        { s += $1; d += $2; if ($1 > m) m = $1; k++; if ($3 == "anon") anon = 1 }
        END {
            if (k == 0) { printf "%s: no klassenmap process to measure\n", label; exit }
            if (anon) printf "%s: RssAnon per klassenmap process (smaps_rollup is root-only) avg %.1f MiB, max %.1f MiB; %d processes\n",
                             label, s / k / 1024, m / 1024, k
            else printf "%s: private memory per klassenmap process avg %.1f MiB, max %.1f MiB (dirty avg %.1f MiB; %d processes)\n",
                        label, s / k / 1024, m / 1024, d / k / 1024, k }'
}

if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null 2>&1; then
    MODE=ssh
    . tests/ssh/lib.sh
    ssh_setup >"$T/setup.log" 2>&1 || die "no private sshd: $(cat "$T/setup.log")"
    # the project's settings (Argon2id and all), only the database is the copy's
    as_user sh -c "printf '[general]\ndatabase = %s\n' '$DB' >'$KCONF'"
    "$KM" --config "$KCONF" --db "$SRC" backup "$DB" >"$T/backup.out" 2>&1 || die "backup: $(cat "$T/backup.out")"
    chown "$KMUSER:" "$DB"*
    TEACHERS=$(kmc user list --role leerkracht --json)
    session() { ssh_start "$1"; }
    km_pids() { server_pids; }
    echo "$N SSH sessions over a private sshd (OpenSSH $(ssh -V 2>&1 | sed 's/^OpenSSH_\([^,]*\).*/\1/')), 80x24, large demo school"
else
    MODE=local
    DB="$T/school.db"
    printf '[general]\ndatabase = %s\n' "$DB" >"$T/bench.ini"
    export KLASSENMAP_CONFIG="$T/bench.ini"
    # an online copy; when SRC is not ours to open for writing, a plain copy (nothing writes it during make bench)
    "$KM" --db "$SRC" backup "$DB" >"$T/backup.out" 2>&1 ||
        { cp "$SRC" "$DB" && { [ ! -f "$SRC-wal" ] || cp "$SRC-wal" "$DB-wal"; }; } || die "copy: $(cat "$T/backup.out")"
    TEACHERS=$("$KM" --db "$DB" user list --role leerkracht --json)
    session() { start "$1" 80 24 "$DB"; }
    km_pids() { _i=1; while [ "$_i" -le "$N" ]; do pane_pid "b$_i"; _i=$((_i + 1)); done; }
    echo "$N local TUI processes (not root, so no private sshd), 80x24, large demo school"
fi
USERS=$(printf '%s' "$TEACHERS" | "$PY" -c 'import json, sys
print(" ".join(u["username"] for u in json.load(sys.stdin)[:int(sys.argv[1])]))' "$N")

t0=$(now_ms)
i=1
while [ "$i" -le "$N" ]; do session "b$i"; i=$((i + 1)); done
i=1
while [ "$i" -le "$N" ]; do
    wait_for "b$i" "Gebruikersnaam" 30 || die "session b$i shows no login screen: $(screen "b$i" | head -n 3)"
    i=$((i + 1))
done
t1=$(now_ms)
sleep 2
# shellcheck disable=SC2046
mem_report "on the login screen  " $(km_pids)

i=1
for u in $USERS; do
    type_text "b$i" "$u"; keys "b$i" Enter; type_text "b$i" demo; keys "b$i" Enter
    i=$((i + 1))
done
i=1
while [ "$i" -le "$N" ]; do
    wait_for "b$i" "Hoofdmenu" 60 || die "session b$i did not log in: $(screen "b$i" | head -n 3)"
    menu_open "b$i" MIJNROOSTER || die "session b$i: no MIJNROOSTER in the menu"
    i=$((i + 1))
done
i=1
while [ "$i" -le "$N" ]; do
    wait_for "b$i" "week " 30 || die "session b$i: MIJNROOSTER did not open: $(screen "b$i" | head -n 3)"
    i=$((i + 1))
done
t2=$(now_ms)
echo "connected to the login screen in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1000 }') s;" \
    "logged in (Argon2id as configured) with the week open in $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1000 }') s"
sleep 3
PIDS=$(km_pids)
# shellcheck disable=SC2086
mem_report "logged in, MIJNROOSTER" $PIDS
if [ "$MODE" = ssh ]; then
    # the whole session on the server: klassenmap, the sh that ForceCommand runs it with, and sshd's two
    # processes (the account's session process and root's monitor for the connection)
    all=""
    for p in $(account_procs | cut -d' ' -f1); do
        all="$all $p"
        pp=$(ps -o ppid= -p "$p" | tr -d ' ')
        [ "$(ps -o user= -p "$pp" 2>/dev/null)" = root ] && [ "$(ps -o comm= -p "$pp")" = sshd ] && all="$all $pp"
    done
    # shellcheck disable=SC2086
    for p in $all; do private_kib "$p"; done | awk -v n="$N" '{ s += $1 } END {
        printf "per SSH session with sshd (2 processes) and sh: %.1f MiB private in all\n", s / n / 1024 }'
fi
# idle: nobody types; the program only polls the database (data_version) about once a second.
# /proc/PID/stat counts in clock ticks (1/HZ s); /proc/PID/schedstat's first field in ns gives the finer figure.
run_ns() { cut -d' ' -f1 "/proc/$1/schedstat" 2>/dev/null || echo 0; }
before="" before_ns=""
for p in $PIDS; do before="$before $(cpu_ticks "$p")" before_ns="$before_ns $(run_ns "$p")"; done
sleep "$IDLE"
after="" after_ns=""
for p in $PIDS; do after="$after $(cpu_ticks "$p")" after_ns="$after_ns $(run_ns "$p")"; done
echo "$before|$after|$before_ns|$after_ns" | awk -v hz="$HZ" -v idle="$IDLE" -F'|' '{
    n = split($1, a, " "); split($2, b, " "); split($3, c, " "); split($4, e, " ")
    for (i = 1; i <= n; i++) { d = b[i] - a[i]; s += d; if (d > m) m = d; x = (e[i] - c[i]) / 1e6; t += x; if (x > mx) mx = x }
    printf "idle CPU per session over %d s (/proc/PID/stat, %d ms ticks): avg %.0f ms, max %.0f ms\n",
           idle, 1000 / hz, s / n * 1000 / hz, m * 1000 / hz
    printf "idle CPU per session over %d s (schedstat): avg %.1f ms (%.3f%% of one core, %.3f ms/s), max %.1f ms; all %d sessions %.2f%% of one core\n",
           idle, t / n, t / n / idle / 10, t / n / idle, mx, n, t / idle / 10 }'
