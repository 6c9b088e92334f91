#!/bin/sh
# The school server: `who`, `backup` (while another process writes), `--as` (off by default; on, straight to the
# menu), an unknown TERM, no terminal at all, sessions that end or die, and `make install` with the sshd snippet.
# Needs tmux and python3; sshd (openssh-server) for the snippet's syntax check.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux; then
    fail "tmux is needed for the deploy test (sh tools/install-deps test)"
    finish deploy
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish deploy; exit 1; }
# The same cheap hashing as test.ini, with --as allowed.
AS_INI="$T/as.ini"
cat "$KLASSENMAP_CONFIG" >"$AS_INI"
printf '[login]\nallow_as = ja\n' >>"$AS_INI"

# start_km NAME TERMSPEC CONFIG ARGS...: the program in an 80x24 tmux pane. TERMSPEC is TERM=... or "-u TERM".
start_km() {
    _name=$1 _term=$2 _cfg=$3
    shift 3
    TM -f "$T/tmux.conf" new-session -d -s "$_name" -x 80 -y 24 \
        "exec env $_term LANG=C.UTF-8 LC_ALL=C.UTF-8 KLASSENMAP_CONFIG='$_cfg' '$KM' --db '$DB' $* 2>'$T/$_name.stderr'"
}
tfail() {
    _s=$1
    shift
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s:"
    screen_dump "$_s"
}
check() { # SESSION DESC CMD...
    _s=$1 _d=$2
    shift 2
    if "$@"; then pass "$_d"; else tfail "$_s" "$_d"; fi
}
sessions_rows() { "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM sessions").fetchone()[0])' "$DB"; }
audit_count() { # KIND DETAIL
    "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM audit_log WHERE kind = ? AND detail = ?", (sys.argv[2], sys.argv[3])).fetchone()[0])' "$DB" "$1" "$2"
}
who_lists() { "$KM" --db "$DB" who 2>/dev/null | grep -q "^$1 "; }
who_lists_not() { ! who_lists "$1"; }

# ---- help ----
run "$KM" --help
expect_out "--help lists who" "who"
expect_out "--help lists backup" "backup"
expect_out "--help lists --as" "--as GEBRUIKER"

# ---- who ----
run "$KM" --db "$DB" who;          expect_out "who: nobody on" "Er is niemand ingelogd."
run "$KM" --db "$DB" who --json;   expect_out "who --json: an empty list" "[]"
run "$KM" --db "$DB" who iemand;   expect_code "who takes no argument" 2

# ---- no terminal ----
run "$KM" --db "$DB"
expect_err "no terminal: a clear message, exit 1" 1 "de schermen hebben een terminal nodig"
run env KLASSENMAP_CONFIG="$AS_INI" "$KM" --db "$DB" --as leerkracht
expect_err "no terminal with --as: the same message, exit 1" 1 "de schermen hebben een terminal nodig"
[ "$(audit_count login ssh-sleutel)" = 0 ] && pass "no terminal: nobody was logged in" || fail "no terminal: nobody was logged in"

# ---- --as off by default ----
run "$KM" --db "$DB" --as leerkracht
expect_err "--as refused when allow_as is off (exit 2)" 2 "klassenmap: --as staat uit in de configuratie ([login] allow_as)."
run env KLASSENMAP_CONFIG="$AS_INI" "$KM" --db "$DB" --as leerkracht who
expect_err "--as with a command is a usage error" 2 "gaat niet samen met een opdracht"
run "$KM" --db "$DB" --as
expect_err "--as without a name" 2 "--as verwacht een waarde"

# ---- --as on: straight to the menu, audited, and logging out leads to the login screen ----
start_km as1 TERM=xterm-256color "$AS_INI" --as leerkracht
if wait_for as1 "Hoofdmenu — welkom"; then
    check as1 "--as: the menu appears without the login screen" not_on_screen as1 "Gebruikersnaam"
    check as1 "--as: the header names the teacher" row_has as1 1 "(leerkracht)"
else
    tfail as1 "--as: the menu appears without the login screen"
fi
[ "$(audit_count login ssh-sleutel)" = 1 ] && pass "--as: audited as login / ssh-sleutel" || fail "--as: audited as login / ssh-sleutel"
wait_until 5 who_lists leerkracht && pass "who lists the --as session" || fail "who lists the --as session"
run "$KM" --db "$DB" who --json
expect_out "who --json names the person" '"username": "leerkracht"'
keys as1 Escape
check as1 "--as: Esc on the home menu asks before logging out" wait_for as1 "Uitloggen?"
type_text as1 j
check as1 "--as: logging out shows the login screen" wait_for as1 "Gebruikersnaam"
wait_until 5 who_lists_not leerkracht && pass "logging out ends the session row" || fail "logging out ends the session row"
if login as1 beheerder demo; then pass "after logging out another person logs in with a password"; else tfail as1 "after logging out another person logs in with a password"; fi
wait_until 5 who_lists beheerder && pass "who lists the new login" || fail "who lists the new login"
menu_open as1 MIJNGEBRUIKERS && wait_for as1 "LERAREN" && menu_open as1 'WIE IS ER OP\?'
check as1 "WIE IS ER OP? lists the beheerder's own session" wait_for as1 "Marieke" 3
start_km as2 TERM=xterm-256color "$AS_INI" --as leerling
check as1 "WIE IS ER OP? shows a new session without a key press" wait_for as1 "leerling " 4
pid2=$(pane_pid as2)
kill -9 "$pid2" 2>/dev/null
wait_until 3 gone "$pid2"
keys as1 C-l
check as1 "a session killed with kill -9 disappears from WIE IS ER OP? (its pid is gone)" wait_gone as1 "leerling " 3
who_lists_not leerling && pass "... and from who" || fail "... and from who"
[ "$(sessions_rows)" = 2 ] && pass "the dead row stays until the next registration" || fail "the dead row stays until the next registration" "rows: $(sessions_rows)"
start_km as3 TERM=xterm-256color "$AS_INI" --as ouder
wait_for as3 "Hoofdmenu — welkom" && wait_until 5 who_lists ouder
[ "$(sessions_rows)" = 2 ] && pass "the next registration cleaned the dead row" || fail "the next registration cleaned the dead row" "rows: $(sessions_rows)"
pid3=$(pane_pid as3)
kill_session as3
wait_until 5 gone "$pid3"
wait_until 5 who_lists_not ouder && pass "a hung-up session (SIGHUP) removes itself" || fail "a hung-up session (SIGHUP) removes itself"
keys as1 F10
wait_until 5 gone "$(pane_pid as1)"
[ "$(sessions_rows)" = 0 ] && pass "leaving the program removes the row" || fail "leaving the program removes the row" "rows: $(sessions_rows)"

# --as refuses an unknown or inactive account before the screen starts (on a terminal: python's pty, whose
# exit status is the program's).
in_pty() { "$PY" -c 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))' "$@"; }
run in_pty env TERM=xterm KLASSENMAP_CONFIG="$AS_INI" "$KM" --db "$DB" --as niemand.hier
if [ "$code" = 1 ] && printf '%s' "$out" | grep -q "bestaat niet of is niet actief"; then
    pass "--as with an unknown account: exit 1 with a sentence"
else
    fail "--as with an unknown account: exit 1 with a sentence"
fi
"$KM" --db "$DB" user add --role leerkracht --username juf.weg --name "Juf Weg" >/dev/null 2>&1
"$KM" --db "$DB" user deactivate juf.weg >/dev/null 2>&1
run in_pty env TERM=xterm KLASSENMAP_CONFIG="$AS_INI" "$KM" --db "$DB" --as juf.weg
[ "$code" = 1 ] && pass "--as with an inactive account: refused" || fail "--as with an inactive account: refused"
[ "$(audit_count login-mislukt 'ssh-sleutel: account bestaat niet of is niet actief')" = 2 ] &&
    pass "refused --as logins are audited" || fail "refused --as logins are audited"
# A temporary password still has to be changed first.
"$KM" --db "$DB" user add --role leerkracht --username juf.nieuw --name "Juf Nieuw" >/dev/null 2>&1
"$KM" --db "$DB" passwd --temporary juf.nieuw >/dev/null 2>&1
start_km as6 TERM=xterm-256color "$AS_INI" --as juf.nieuw
check as6 "--as with a temporary password: the change screen first" wait_for as6 "Je wachtwoord is tijdelijk"
kill_session as6

# ---- TERM ----
start_km t1 TERM=doesnotexist "$KLASSENMAP_CONFIG"
check t1 "TERM=doesnotexist: the fallback is named on the login screen" \
    wait_for t1 "Onbekend terminaltype 'doesnotexist'; ik gebruik xterm."
if login t1 leerkracht demo; then pass "TERM=doesnotexist: the program works"; else tfail t1 "TERM=doesnotexist: the program works"; fi
start_km t2 "-u TERM" "$KLASSENMAP_CONFIG"
check t2 "no TERM at all: fallback with a message" wait_for t2 "Onbekend terminaltype ''; ik gebruik xterm."
check t2 "no TERM at all: the login screen" wait_for t2 "Gebruikersnaam"
start_km t3 "TERM=../../../../etc/passwd" "$KLASSENMAP_CONFIG"
check t3 "a TERM that is a path is not used" wait_for t3 "ik gebruik xterm."
start_km t4 TERM=dumb "$KLASSENMAP_CONFIG"
check t4 "a terminal type that cannot place the cursor (dumb) falls back" wait_for t4 "Onbekend terminaltype 'dumb'"
start_km t5 TERM=xterm-256color "$KLASSENMAP_CONFIG"
wait_for t5 "Gebruikersnaam"
check t5 "a known TERM: no message" not_on_screen t5 "terminaltype"
start_km t6 "TERM=doesnotexist LINES=5 COLUMNS=20" "$KLASSENMAP_CONFIG"
check t6 "LINES and COLUMNS are ignored: the pane's size is used" wait_for t6 "Gebruikersnaam"
for s in t1 t2 t3 t4 t5 t6; do kill_session "$s"; done

# ---- backup ----
run "$KM" --db "$DB" backup;                      expect_code "backup without FILE is a usage error" 2
run "$KM" --db "$DB" backup "$T/copy1.db"
expect_out "backup: made and checked" "integriteit van de kopie: ok"
[ "$(stat -c %a "$T/copy1.db" 2>/dev/null)" = 600 ] && pass "the copy is readable by the owner only" ||
    fail "the copy is readable by the owner only"
[ ! -e "$T/copy1.db-wal" ] && pass "the copy is one file (no -wal)" || fail "the copy is one file (no -wal)"
run "$KM" --db "$T/copy1.db" check;               expect_out "the copy passes check" "integriteit    ok"
before=$(sum "$T/copy1.db")
run "$KM" --db "$DB" backup "$T/copy1.db"
expect_err "an existing FILE is refused" 1 "bestaat al"
[ "$(sum "$T/copy1.db")" = "$before" ] && pass "the refused FILE is unchanged" || fail "the refused FILE is unchanged"
run "$KM" --db "$DB" backup --force "$T/copy1.db";  expect_out "--force replaces it" "integriteit van de kopie: ok"
run "$KM" --db "$DB" backup --force "$DB";         expect_err "the database itself is refused" 1 "de database zelf"
run "$KM" --db "$DB" backup "$T/nergens/copy.db";  expect_err "a missing directory: an error" 1 "kan niet worden geschreven"
[ -z "$(ls "$T" | grep 'tmp-')" ] && pass "nothing is left behind after a failure" || fail "nothing is left behind after a failure"
run "$KM" --db "$T/geen.db" backup "$T/x.db";      expect_err "no database: an error" 1 "bestaat niet"

# Copies made while another process commits as fast as it can: each is whole and passes check.
cat >"$T/writer.py" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
c.execute("PRAGMA journal_mode = WAL").fetchall()
end = time.time() + float(sys.argv[2])
n = 0
while time.time() < end:
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO audit_log (at, actor_name, kind, detail) VALUES (datetime('now'), 'writer', 'backup-test', ?)", ("x" * 200,))
    c.execute("COMMIT")
    n += 1
print(n)
PY
"$PY" "$T/writer.py" "$DB" 3 >"$T/writer.out" 2>&1 &
writer=$!
sleep 0.3
ok_copies=0
for i in 1 2 3; do
    "$KM" --db "$DB" backup "$T/live$i.db" >/dev/null 2>"$T/live.err" && "$KM" --db "$T/live$i.db" check >/dev/null 2>&1 &&
        ok_copies=$((ok_copies + 1))
    sleep 0.4
done
wait $writer
writes=$(cat "$T/writer.out")
[ "$ok_copies" = 3 ] && pass "3 copies made while another process wrote ($writes commits) all pass check" ||
    fail "3 copies made while another process wrote all pass check" "$ok_copies of 3; $(cat "$T/live.err")"
n1=$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM audit_log WHERE kind = ?", ("backup-test",)).fetchone()[0])' "$T/live1.db" 2>/dev/null)
n3=$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM audit_log WHERE kind = ?", ("backup-test",)).fetchone()[0])' "$T/live3.db" 2>/dev/null)
if [ -n "$n1" ] && [ -n "$n3" ] && [ "$n1" -gt 0 ] && [ "$n3" -gt "$n1" ] && [ "$n3" -le "${writes:-0}" ]; then
    pass "each copy holds the commits up to its moment ($n1, then $n3 of $writes)"
else
    fail "each copy holds the commits up to its moment" "copy 1: $n1, copy 3: $n3, written: $writes"
fi

# ---- make install / uninstall, and the sshd snippet ----
ROOT="$T/root"
if make -s -o all install DESTDIR="$ROOT" >"$T/install.out" 2>&1; then
    missing=""
    for f in usr/local/bin/klassenmap usr/local/share/man/man1/klassenmap.1 usr/local/share/klassenmap/themes/default.theme \
        usr/local/share/locale/en/LC_MESSAGES/klassenmap.mo etc/klassenmap/klassenmap.ini \
        etc/ssh/sshd_config.d/klassenmap.conf usr/local/share/klassenmap/authorized_keys.example \
        usr/local/lib/systemd/system/klassenmap-backup.timer usr/local/share/klassenmap/deploy.md; do
        [ -e "$ROOT/$f" ] || missing="$missing $f"
    done
    [ -z "$missing" ] && pass "make install puts everything in place" || fail "make install puts everything in place" "missing:$missing"
else
    fail "make install puts everything in place" "$(tail -n 5 "$T/install.out")"
fi
if make -s -o all install DESTDIR="$T/root2" PREFIX=/usr >/dev/null 2>&1 &&
    grep -q '^    ForceCommand exec /usr/bin/klassenmap$' "$T/root2/etc/ssh/sshd_config.d/klassenmap.conf"; then
    pass "the installed snippet names the installed binary (PREFIX=/usr)"
else
    fail "the installed snippet names the installed binary (PREFIX=/usr)"
fi
make -s uninstall DESTDIR="$ROOT" >/dev/null 2>&1
left=$(cd "$ROOT" && find . -type f | sort | tr '\n' ' ')
[ "$left" = "./etc/klassenmap/klassenmap.ini " ] && pass "make uninstall removes all but the school's configuration" ||
    fail "make uninstall removes all but the school's configuration" "left: $left"

if [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null 2>&1 && ! sshd_privsep_dir; then
    skip 14 "the sshd snippet checked with sshd -t and -T" "/run/sshd is missing and only root can make it"
elif [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null 2>&1; then
    ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey" >/dev/null
    printf 'HostKey %s\nInclude %s\n' "$T/hostkey" "$(pwd)/conf/sshd_config.d/klassenmap.conf" >"$T/sshd_a"
    run /usr/sbin/sshd -t -f "$T/sshd_a";  expect_code "the sshd snippet passes sshd -t" 0
    run /usr/sbin/sshd -T -f "$T/sshd_a" -C user=klassenmap,host=h,addr=127.0.0.1
    for want in "forcecommand exec /usr/local/bin/klassenmap" "disableforwarding yes" "permittty yes" "permituserrc no" \
        "allowtcpforwarding no" "x11forwarding no" "permittunnel no" "acceptenv LANG"; do
        expect_out "for the klassenmap account: $want" "$want"
    done
    expect_out "a burst of 200 logins is not refused: maxstartups 250:30:400 (global)" "maxstartups 250:30:400"
    run /usr/sbin/sshd -T -f "$T/sshd_a" -C user=someoneelse,host=h,addr=127.0.0.1
    expect_out "other accounts are untouched" "forcecommand none"
    # Variant B, uncommented in place of the active block.
    sed -e '/^Match User klassenmap$/,/^# Variant B/{/^# Variant B/!d}' -e 's/^#Match/Match/; s/^#    /    /' \
        conf/sshd_config.d/klassenmap.conf >"$T/variant_b.conf"
    printf 'HostKey %s\nInclude %s\n' "$T/hostkey" "$T/variant_b.conf" >"$T/sshd_b"
    run /usr/sbin/sshd -T -f "$T/sshd_b" -C user=klassenmap,host=h,addr=127.0.0.1
    expect_out "variant B parses: keys only" "authenticationmethods publickey"
    expect_out "variant B: keys from a root-owned file" "authorizedkeysfile /etc/klassenmap/authorized_keys"
    expect_out "variant B: still no forwarding" "disableforwarding yes"
else
    fail "sshd is needed to check the snippet (sh tools/install-deps test)"
fi
grep -q '^#restrict,pty,command="/usr/local/bin/klassenmap --as ' conf/authorized_keys.example &&
    pass "authorized_keys.example shows the restrict,pty,command= pattern" ||
    fail "authorized_keys.example shows the restrict,pty,command= pattern"

finish deploy
