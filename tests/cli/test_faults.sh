#!/bin/sh
# When the disk or the process limits misbehave (issue 16), from the command line:
#  1. a full disk when a command starts (SQLite cannot write its -shm) is said as a full disk, not as a damaged
#     file, and `check` says the file itself is in order; a disk that fills in the middle of a write says the same
#     and leaves the file sound (a small tmpfs mounted here: root; skipped, counted, where that is impossible);
#  2. a page overwritten in the middle of the file: `check` lists integrity_check's findings and fails, commands
#     that meet the page say the file is damaged and that the beheerder is needed;
#  3. a file-size limit (ulimit -f): "Bestand te groot", exit 1, no SIGXFSZ death, what was committed before
#     stays; SIGPIPE on the output (a pager or `head` closing) ends a listing without harm.
# Run after `make` as `sh tests/cli/test_faults.sh`.
. tests/lib.sh

sqlf() { "$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

# ---- 1. a full disk ----
MNT="$T/small"
mkdir "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=3m tmpfs "$MNT" 2>/dev/null; then
    trap 'umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
    run "$KM" --db "$MNT/s.db" init --school "De Vlieger"
    expect_code "full disk: a school is made on the small disk first" 0
    dd if=/dev/zero of="$MNT/fill" bs=4k >/dev/null 2>&1 # until the disk is full
    before=$(sum "$MNT/s.db")
    run "$KM" --db "$MNT/s.db" user list
    expect_err "full disk at start: the sentence names the full disk" 1 "De schijf met de database $MNT/s.db is vol"
    expect_no_out "full disk at start: not taken for a damaged or foreign file" "geen geldige"
    run "$KM" --db "$MNT/s.db" check
    [ "$code" = 1 ] && printf '%s' "$err" | grep -qF "is vol" && printf '%s' "$out" | grep -q "^integriteit  *niet gecontroleerd" &&
        pass "full disk: check fails naming the full disk, and does not call the file damaged" ||
        fail "full disk: check names the full disk"
    [ "$(sum "$MNT/s.db")" = "$before" ] && pass "full disk: the file is unchanged" || fail "full disk: the file is unchanged"
    rm "$MNT/fill"
    run "$KM" --db "$MNT/s.db" check
    expect_out "full disk: with room again, check finds the file in order" "integriteit    ok"

    # in the middle of a write: a demo school does not fit on 400 KiB
    umount "$MNT" && mount -t tmpfs -o size=400k tmpfs "$MNT"
    run "$KM" --db "$MNT/d.db" demo
    expect_err "full disk mid-write: the sentence names the full disk" 1 "is vol; er is niets gewijzigd"
    run "$KM" --db "$MNT/d.db" check
    printf '%s' "$out" | grep -q "^integriteit    ok" && printf '%s' "$out" | grep -q "^schema  *ok" &&
        pass "full disk mid-write: the file is sound, with what was committed before (the schema)" ||
        fail "full disk mid-write: the file is sound"
    umount "$MNT"
    trap 'rm -rf "$T"' EXIT
else
    skip 7 "full disk" "a tmpfs cannot be mounted here (not root, or no mount permission)"
fi

# ---- no permission: another account runs the command (root ignores permission bits) ----
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
    as_nobody() { setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups env KLASSENMAP_CONFIG="$KLASSENMAP_CONFIG" "$@"; }
    chmod 0711 "$T"
    chmod 0644 "$T/test.ini"
    P="$T/perm"
    mkdir -m 0777 "$P"
    "$KM" --db "$P/s.db" init --school "De Vlieger" >/dev/null
    chmod 0600 "$P/s.db"
    run as_nobody "$KM" --db "$P/s.db" user list
    expect_err "no permission on the file: said as such, not as 'no SQLite file'" 1 "Geen toegang tot de database $P/s.db:"
    chmod 0666 "$P/s.db"
    touch "$P/s.db-shm"
    chmod 0644 "$P/s.db-shm" # left by a run as root
    run as_nobody "$KM" --db "$P/s.db" user add --role leerkracht --name "Jan Jansen"
    expect_err "a -shm of another account: names that file, not 'read-only'" 1 "Geen toegang tot de database $P/s.db-shm"
    rm -f "$P/s.db-shm"
    run as_nobody "$KM" --db "$P/s.db" user add --role leerkracht --name "Jan Jansen"
    expect_code "with the permissions right, the same command works" 0
    chmod 0700 "$T"
else
    skip 3 "no permission" "not root, or setpriv or the account nobody missing"
fi

# ---- 2. a damaged page mid-file ----
DB="$T/school.db"
"$KM" --db "$DB" demo >/dev/null 2>&1 || fail "demo school made"
page=$(sqlf "$DB" "SELECT rootpage FROM sqlite_master WHERE name = 'goal_status'")
pages=$(sqlf "$DB" "PRAGMA page_count")
dd if=/dev/urandom of="$DB" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
[ "$page" -gt 1 ] && [ "$page" -lt "$pages" ] && pass "damaged: page $page of $pages overwritten" || fail "damaged: a page mid-file"
run "$KM" --db "$DB" check
findings=$(printf '%s\n' "$out" | grep -c '^  ')
[ "$code" = 1 ] && [ "$findings" -ge 1 ] && printf '%s' "$out" | grep -q "^integriteit  *FOUT" &&
    pass "damaged: check lists $findings integrity finding(s) and fails" || fail "damaged: check lists the findings"
run "$KM" --db "$DB" export overview --group "groep 5a"
expect_err "damaged: a command meeting the page says the file is damaged" 1 "is beschadigd"
printf '%s' "$err" | grep -qF "beheerder" && pass "damaged: … and that the school's data needs the beheerder" ||
    fail "damaged: … the beheerder"
expect_no_out "damaged: not the generic line" "geen geldige klassenmap-database"

# ---- 3. a file-size limit, SIGPIPE ----
rm -f "$T/f.db"
run sh -c "ulimit -f 100; exec '$KM' --db '$T/f.db' demo"
expect_err "ulimit -f: 'Bestand te groot', exit 1 (not killed by SIGXFSZ)" 1 "Bestand te groot"
run "$KM" --db "$T/f.db" check
printf '%s' "$out" | grep -q "^integriteit    ok" && printf '%s' "$out" | grep -q "^schema  *ok" &&
    pass "ulimit -f: the work before it is safe (schema complete, file sound)" || fail "ulimit -f: the work before is safe"
rm -f "$T/p.db"
"$KM" --db "$T/p.db" demo >/dev/null 2>&1
# the reader is gone before the first line is written
{ sleep 0.3; "$KM" --db "$T/p.db" user list 2>"$T/pipe.err"; echo "exit $?" >"$T/pipe.rc"; } | true
status=$(cat "$T/pipe.rc")
[ ! -s "$T/pipe.err" ] && pass "SIGPIPE: a listing into a closed pipe ends without a word ($status)" ||
    fail "SIGPIPE: no message" "$(cat "$T/pipe.err")"
run "$KM" --db "$T/p.db" check
expect_out "SIGPIPE: the database is sound after it" "integriteit    ok"

finish faults_cli
