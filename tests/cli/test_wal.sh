#!/bin/sh
# Long days: five screen sessions stay open (in tmux, on screens that reload after every commit) while another
# process makes thousands of small write transactions. The WAL must keep being checkpointed and restarted, so
# its file stays below a bound, and the database stays sound. Needs tmux and python3.
#
# The writer is python3's sqlite3 with the settings klassenmap's own connections use (src/core/db.c:
# wal_autocheckpoint 1000 pages, journal_size_limit 8 MiB, synchronous NORMAL, busy_timeout 5 s), so what is
# under test is that the open sessions never hold a read transaction long enough to starve the checkpoints;
# a klassenmap command line writes meanwhile too.
. tests/lib.sh
. tests/tui/lib.sh

WAL_BOUND=$((8 * 1024 * 1024))
WRITES=${KM_WAL_WRITES:-5000}

if ! have_tmux; then
    fail "tmux is needed for the WAL test (sh tools/install-deps test)"
    finish wal
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish wal; exit 1; }

# tfail SESSION DESC: fail with the screen of SESSION underneath.
tfail() {
    _s=$1
    shift
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s:"
    screen_dump "$_s"
}

# open_on NAME USER MENU [SUBMENU]: logs in and opens a screen that reloads on every commit.
open_on() {
    wait_for "$1" "Gebruikersnaam" && login "$1" "$2" demo && menu_open "$1" "$3" || return 1
    [ -z "${4:-}" ] && return 0
    wait_for "$1" "LERAREN" && menu_open "$1" "$4"
}

start s1 80 24 "$DB"
start s2 80 24 "$DB"
start s3 100 30 "$DB"
start s4 80 24 "$DB"
start s5 80 24 "$DB"
open_on s1 beheerder MIJNGEBRUIKERS AUDITLOG && wait_for s1 "De laatste" || tfail s1 "session 1 on AUDITLOG"
open_on s2 beheerder MIJNGEBRUIKERS 'WIE IS ER OP\?' && wait_for s2 "Open sessies" || tfail s2 "session 2 on WIE IS ER OP?"
open_on s3 leerkracht MIJNROOSTER || tfail s3 "session 3 on MIJNROOSTER"
open_on s4 leerling MIJNROOSTER || tfail s4 "session 4 on MIJNROOSTER"
open_on s5 ouder LEERDOELEN || tfail s5 "session 5 on LEERDOELEN"
pids=""
for s in s1 s2 s3 s4 s5; do pids="$pids $(pane_pid $s)"; done

# The writer: one short transaction per write, as a teacher setting statuses would make; it notes the size of
# the -wal file after every commit.
cat >"$T/writer.py" <<'PY'
import os, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db, timeout=5, isolation_level=None)
for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "wal_autocheckpoint = 1000",
               "journal_size_limit = 8388608", "foreign_keys = ON"):
    c.execute("PRAGMA " + pragma).fetchall()
biggest = busy = done = 0
detail = "x" * 150
i = 0
while done < n:
    try:
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO audit_log (at, actor_name, kind, detail) VALUES (datetime('now'), 'wal-test', 'wal-test', ?)",
                  ("%d %s" % (i, detail),))
        if i % 50 == 49:
            c.execute("DELETE FROM audit_log WHERE kind = 'wal-test' AND id NOT IN"
                      " (SELECT id FROM audit_log WHERE kind = 'wal-test' ORDER BY id DESC LIMIT 100)")
        c.execute("COMMIT")
        done += 1
    except sqlite3.OperationalError:
        busy += 1
        if c.in_transaction:
            c.execute("ROLLBACK")
    i += 1
    try:
        biggest = max(biggest, os.path.getsize(db + "-wal"))
    except OSError:
        pass
print("commits=%d busy=%d biggest_wal=%d" % (done, busy, biggest))
PY
"$PY" "$T/writer.py" "$DB" "$WRITES" >"$T/writer.out" 2>&1 &
writer=$!
# Meanwhile the command line writes too, each command its own process and connection.
cli_fail=0
i=0
while [ $i -lt 40 ]; do
    "$KM" --db "$DB" group add "wal groep $i" >/dev/null 2>>"$T/cli.err" || cli_fail=$((cli_fail + 1))
    i=$((i + 1))
done
wait $writer
wres=$(cat "$T/writer.out")
commits=$(printf '%s' "$wres" | sed -n 's/.*commits=\([0-9]*\).*/\1/p')
biggest=$(printf '%s' "$wres" | sed -n 's/.*biggest_wal=\([0-9]*\).*/\1/p')
out="$wres" err=$(cat "$T/cli.err" 2>/dev/null) code=0

[ "${commits:-0}" = "$WRITES" ] && pass "the writer committed all $WRITES transactions" ||
    fail "the writer committed all $WRITES transactions"
[ "$cli_fail" = 0 ] && pass "40 commands wrote meanwhile without an error" || fail "40 commands wrote meanwhile without an error"
# The bound holds "not for long" (doc/architecture.md): a checkpoint cannot restart the log while a session reads,
# so on a loaded machine one may pass 8 MiB for a moment (9.7 and 17.6 MB seen, with this program and the one
# before the kernel's wake-ups alike); what the test guards against is a log that keeps growing because
# sessions starve the checkpoints for good: 5,000 commits of one or two 4 KiB pages each would make it 20 to
# 40 MiB. After the burst it is back at the limit at most (journal_size_limit truncates it to exactly 8 MiB).
if [ -n "$biggest" ] && [ "$biggest" -gt 0 ] && [ "$biggest" -lt $((3 * WAL_BOUND)) ]; then
    pass "the -wal file stayed bounded while 5 sessions were open (largest: $biggest bytes)"
else
    fail "the -wal file stayed bounded while 5 sessions were open" "largest seen: ${biggest:-?} bytes"
fi
now=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
[ "$now" -le "$WAL_BOUND" ] && pass "the -wal file is at most 8 MiB afterwards ($now bytes)" ||
    fail "the -wal file is at most 8 MiB afterwards" "$now bytes"

# The sessions lived through it, kept working and showed no error.
alive_all=1
for p in $pids; do alive "$p" || alive_all=0; done
[ "$alive_all" = 1 ] && pass "all 5 sessions are still running" || fail "all 5 sessions are still running"
for s in s1 s2 s3 s4 s5; do
    if on_screen "$s" "bezet" || on_screen "$s" "Databasefout"; then tfail "$s" "$s shows no database error"; else pass "$s shows no database error"; fi
done
# The writer's own rows may come last and fill the screen: one more change after it, which the screen must show.
"$KM" --db "$DB" group add "wal groep na" >/dev/null 2>>"$T/cli.err"
wait_for s1 "groep-aangemaakt" && pass "the audit log screen shows what was written meanwhile (it reloaded)" ||
    tfail s1 "the audit log screen shows what was written meanwhile (it reloaded)"
run "$KM" --db "$DB" who
n=$(printf '%s\n' "$out" | grep -cE '^(beheerder|leerkracht|leerling|ouder) ')
[ "$n" = 5 ] && pass "who lists the 5 sessions" || fail "who lists the 5 sessions" "got $n"

for s in s1 s2 s3 s4 s5; do keys "$s" F10; done
for p in $pids; do wait_until 5 gone "$p"; done
run "$KM" --db "$DB" check
expect_out "integrity ok afterwards" "integriteit    ok"
run "$KM" --db "$DB" who
expect_out "every session removed itself on exit" "Er is niemand ingelogd."
finish wal
