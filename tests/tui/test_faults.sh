#!/bin/sh
# When the file or the terminal misbehaves (issue 16): the real binary in tmux.
#  0. a full disk under an open board: the change says so and is saved once there is room again;
#  1. the database is replaced, then deleted, under a teacher's open board: the status change after it is refused
#     with a sentence, the screen says nothing is saved any more, and neither file holds the change; the
#     sessions set the old -wal and -shm aside; the beheerder's own session opens the new file on Enter;
#  2. a page in the middle of the file is overwritten: the board says the file is damaged, nothing more is
#     written, the beheerder's home says so and `klassenmap check` lists the findings;
#  3. signals: HUP and TERM keep an unsaved note as a draft, TSTP then CONT and WINCH give the screen back whole,
#     PIPE and XFSZ are ignored (the session goes on).
# Needs tmux and python3; run after `make` as `sh tests/tui/test_faults.sh`.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux || ! command -v python3 >/dev/null 2>&1; then
    fail "tmux and python3 are needed for the TUI tests (sh tools/install-deps test)"
    finish faults
    exit 1
fi

tfail() {
    _s=$1
    shift
    screen "$_s" >"$T/dump"
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s ($(pane_size "$_s")) is below the program's stderr:"
    sed 's/^/     | /' "$T/dump"
}
check() { # SESSION DESC CMD...
    _s=$1 _d=$2
    shift 2
    if "$@"; then pass "$_d"; else tfail "$_s" "$_d"; fi
}
has() { on_screen "$1" "$2"; }
hasnt() { ! on_screen "$1" "$2"; }
line_matches() { screen "$1" | grep -F -- "$2" | head -n 1 | grep -qE -- "$3"; }
sqlf() { "$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

STUDENT="Daniëlle van 't Hof"
DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish faults; exit 1; }
cp "$DB" "$T/pristine.db" # a closed demo file: one file, no -wal
status_in() { # FILE: the student's status of RE-BR-5.01 in FILE ('-' for none)
    sqlf "$1" "SELECT COALESCE((SELECT s.letter FROM goal_status g JOIN status_values s ON s.id = g.status_id
        JOIN users u ON u.id = g.student_id JOIN leerdoelen l ON l.id = g.goal_id
        WHERE u.username = 'leerling' AND l.code = 'RE-BR-5.01'), '-')"
}

open_board() { # NAME W H USER
    start "$1" "$2" "$3" "$DB"
    wait_for "$1" "Gebruikersnaam" && login "$1" "$4" demo && menu_open "$1" LEERDOELEN &&
        wait_for "$1" "kies een groep en een deelgebied" || return 1
    keys "$1" Tab
    keys "$1" /; type_text "$1" breuken; keys "$1" Enter
    wait_until 3 line_matches "$1" "rekenen › breuken" "▶ rekenen › breuken" || return 1
    keys "$1" Enter
    wait_for "$1" "RE-BR-5.01" || return 1
    keys "$1" /; type_text "$1" "Daniëlle van"; keys "$1" Enter
    wait_for "$1" "$STUDENT"
}

# ---- 1. replaced, then deleted, under open sessions ----
open_board t 80 24 leerkracht || tfail t "teacher opens the board"
start b 80 24 "$DB"
wait_for b "Gebruikersnaam" && login b beheerder demo || tfail b "beheerder logs in"
PRE=$(status_in "$T/pristine.db")
keys t 2
check t "before: '2' sets mee bezig" wait_for t "RE-BR-5.01: ○ B mee bezig"
[ "$PRE" != B ] && pass "before: the status was not B ($PRE)" || fail "before: the status was not B"

# a restore done wrong: a copy moved over the file in use (the old file kept aside by a link, to look into)
ln "$DB" "$T/old.db"
ino=$(stat -c %i "$DB")
cp "$T/pristine.db" "$T/new.db"
mv "$T/new.db" "$DB"
keys t 3
check t "replaced: the status change is refused with a sentence" wait_for t "weggehaald of vervangen" 5
check t "replaced: the screen says nothing is saved any more" has t "DATABASE: NIETS WORDT OPGESLAGEN"
check t "replaced: … and the teacher is told to warn the beheerder" has t "Waarschuw de beheerder"
check t "replaced: a teacher is not offered to open the new file" hasnt t "nieuw bestand openen"
keys t Escape
check t "replaced: Esc goes back to look; the header keeps saying it" wait_for t "niets wordt opgeslagen"
keys t 1
sleep 0.5
check t "replaced: a second change is refused too" has t "weggehaald of vervangen"
check b "replaced: the beheerder's session notices by itself (poll)" wait_for b "DATABASE: NIETS WORDT OPGESLAGEN" 5
# The old file's -wal and -shm are set aside (SQLite leaves them beside the path, where the next opener of the
# new file would read them as its own): the new file alone is what was copied; the old one with its -wal holds
# the acknowledged B, and neither the refused J nor the refused N is anywhere.
[ ! -e "$DB-wal" ] && [ -e "$DB-wal.oud-$ino" ] && pass "replaced: the old -wal is set aside as school.db-wal.oud-INODE" ||
    fail "replaced: the old -wal is set aside" "$(ls "$T")"
cp "$DB" "$T/n.db"
[ "$(status_in "$T/n.db")" = "$PRE" ] && pass "replaced: the new file holds what was copied, nothing of the session" ||
    fail "replaced: the new file holds what was copied" "$(status_in "$T/n.db")"
cp "$T/old.db" "$T/o.db"
cp "$DB-wal.oud-$ino" "$T/o.db-wal"
[ "$(status_in "$T/o.db")" = B ] && pass "replaced: the old file with its -wal has the acknowledged B, not the refused J or N" ||
    fail "replaced: the old file has the acknowledged B" "$(status_in "$T/o.db")"

check b "replaced: the beheerder is offered to open the new file" has b "nieuw bestand openen"
keys b Enter
check b "re-open: on the beheerder's Enter the new file is opened, back to the login" \
    wait_for b "Het nieuwe databasebestand is geopend" 5
check b "re-open: the login screen" has b "Gebruikersnaam"
check b "re-open: the header no longer says nothing is saved" hasnt b "niets wordt opgeslagen"
login b beheerder demo && pass "re-open: the beheerder logs in on the new file" || tfail b "re-open: log in on the new file"
check t "re-open: the teacher's session still refuses (only the beheerder's own session re-opened)" has t "niets wordt opgeslagen"
kill_session t
kill_session b

# deleted: a teacher's board, the file removed
cp "$T/pristine.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
open_board t 80 24 leerkracht || tfail t "teacher opens the board (deleted)"
rm "$DB"
keys t 2
check t "deleted: the status change is refused" wait_for t "weggehaald of vervangen" 5
[ -e "$DB" ] && fail "deleted: nothing made a new file at the path" || pass "deleted: nothing made a new file at the path"
kill_session t

# ---- a full disk under an open session (a small tmpfs mounted here: root) ----
MNT="$T/small"
mkdir "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$MNT" 2>/dev/null; then
    trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
    MAIN_DB=$DB
    DB="$MNT/school.db"
    cp "$T/pristine.db" "$DB"
    open_board t 80 24 leerkracht || tfail t "full disk: teacher opens the board"
    dd if=/dev/zero of="$MNT/fill" bs=4k >/dev/null 2>&1
    keys t 3
    check t "full disk mid-write: the status change says the disk is full" wait_for t "is vol; er is" 5
    check t "full disk: not taken for a damaged file" hasnt t "is beschadigd"
    check t "full disk: the session is not stopped (nothing latched)" hasnt t "niets wordt opgeslagen"
    rm "$MNT/fill"
    keys t 3
    check t "full disk: with room again the same change is saved" wait_for t "RE-BR-5.01: ◐ J bijna" 5
    [ "$(status_in "$DB")" = J ] && pass "full disk: the database has it" || fail "full disk: the database has it"
    kill_session t
    sleep 0.3
    umount "$MNT"
    DB=$MAIN_DB
else
    skip 5 "full disk under a session" "a tmpfs cannot be mounted here (not root, or no mount permission)"
fi

# ---- 2. a damaged page in the middle of the file ----
cp "$T/pristine.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
page=$(sqlf "$DB" "SELECT rootpage FROM sqlite_master WHERE name = 'goal_status'")
pages=$(sqlf "$DB" "PRAGMA page_count")
"$PY" - "$DB" "$page" <<'PY'
import sys
path, page = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    f.seek((page - 1) * 4096)
    f.write(b"\xa5" * 4096)
PY
[ "$page" -gt 1 ] && [ "$page" -lt "$pages" ] && pass "damaged: page $page of $pages overwritten (mid-file)" ||
    fail "damaged: a page mid-file" "page $page of $pages"
open_board t 80 24 leerkracht
check t "damaged: the board says the file is damaged" wait_for t "is beschadigd" 5
check t "damaged: … and that the school's data needs the beheerder" has t "beheerder"
TID=$(sqlf "$DB" "SELECT id FROM users WHERE username = 'leerkracht'")
keys t Escape
keys t 2
sleep 0.5
check t "damaged: the header says nothing is saved" has t "niets wordt opgeslagen"
audit=$(sqlf "$DB" "SELECT count(*) FROM audit_log")
pid=$(pane_pid t)
keys t F10
wait_until 5 gone "$pid" || tfail t "damaged: F10 ends the session"
# leaving removes the session's row from `sessions`: a write, refused like every other after the damage
[ "$(sqlf "$DB" "SELECT count(*) FROM sessions WHERE user_id = $TID")" = 1 ] &&
    [ "$(sqlf "$DB" "SELECT count(*) FROM audit_log")" = "$audit" ] &&
    pass "damaged: nothing is written after the damage was met (not even the session's row at exit)" ||
    fail "damaged: nothing is written after the damage was met"
kill_session t
start b 80 24 "$DB"
wait_for b "Gebruikersnaam" && type_text b beheerder && keys b Enter && type_text b demo && keys b Enter
check b "damaged: the beheerder's home finds the damage itself (quick_check) and says so" wait_for b "is beschadigd" 5
keys b Escape
check b "damaged: … on the home screen too" wait_for b "Hoofdmenu"
check b "damaged: … under the menu" has b "is beschadigd"
kill_session b
run "$KM" --db "$DB" check
[ "$code" = 1 ] && printf '%s' "$out" | grep -q "^  " && printf '%s' "$out" | grep -q "integriteit *FOUT" &&
    pass "damaged: check lists the integrity findings and fails" || fail "damaged: check lists the findings"

# ---- 3. signals ----
cp "$T/pristine.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
drafts() { sqlf "$DB" "SELECT count(*) FROM note_drafts"; }
open_note() { # NAME: a teacher with an unsaved note in a lesson of the week
    start "$1" 80 24 "$DB" KLASSENMAP_TEST_CLOCK="'2026-11-30 10:05'" TZ=UTC
    wait_for "$1" "Gebruikersnaam" && login "$1" leerkracht demo || return 1
    menu_open "$1" MIJNROOSTER && wait_for "$1" "week " && keys "$1" Tab && wait_for "$1" "Tab: week" &&
        keys "$1" g Enter && wait_for "$1" "Geplande leerdoelen" || return 1
    keys "$1" e
    wait_for "$1" "nieuwe regel" || return 1
    type_text "$1" "nog niet bewaard $1"
    sleep 0.3
}
for sig in HUP TERM; do
    "$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM note_drafts"); c.commit()' "$DB"
    n0=$(drafts)
    if open_note "s$sig"; then
        pid=$(pane_pid "s$sig")
        kill -"$sig" "$pid"
        wait_until 5 gone "$pid"
        [ "$(drafts)" = $((n0 + 1)) ] &&
            [ "$(sqlf "$DB" "SELECT text FROM note_drafts")" = "nog niet bewaard s$sig" ] &&
            pass "SIG$sig: the unsaved note is kept as a draft" ||
            tfail "s$sig" "SIG$sig: the unsaved note is kept as a draft" "drafts $n0 -> $(drafts)"
    else
        tfail "s$sig" "SIG$sig: a teacher with an unsaved note"
    fi
    kill_session "s$sig"
done

start s 80 24 "$DB"
wait_for s "Gebruikersnaam" && login s beheerder demo || tfail s "signals: beheerder logs in"
pid=$(pane_pid s)
screen s >"$T/before.txt"
for sig in PIPE XFSZ; do
    kill -"$sig" "$pid"
    sleep 0.3
    alive "$pid" && pass "SIG$sig: the session goes on" || fail "SIG$sig: the session goes on"
done
kill -TSTP "$pid"
sleep 0.3
kill -CONT "$pid"
check s "TSTP, CONT: the screen comes back whole" wait_until 3 sh -c "tmux -L '$SOCK' capture-pane -p -t s | cmp -s - '$T/before.txt'"
keys s Down
check s "TSTP, CONT: keys work after it" wait_until 3 sh -c "! tmux -L '$SOCK' capture-pane -p -t s | cmp -s - '$T/before.txt'"
keys s Up
TM resize-window -t s -x 100 -y 30 2>/dev/null || TM resize-pane -t s -x 100 -y 30
check s "WINCH: the screen is drawn at the new size" wait_until 3 sh -c "tmux -L '$SOCK' capture-pane -p -t s | head -n 1 | grep -q '.\{99\}'"
TM resize-window -t s -x 80 -y 24 2>/dev/null || TM resize-pane -t s -x 80 -y 24
check s "WINCH: and back" wait_until 3 sh -c "tmux -L '$SOCK' capture-pane -p -t s | cmp -s - '$T/before.txt'"
alive "$pid" && pass "signals: the session lives through all of them" || fail "signals: the session lives"
kill_session s

# From a shell with job control (a beheerder on the server): Ctrl-Z stops the program and gives the shell back,
# fg gives the screen back whole. Under sshd's ForceCommand (no job control, as in the panes above) TSTP stops
# nothing: the kernel does not stop an orphaned process group, and the screen stays.
if command -v bash >/dev/null 2>&1; then
    TM new-session -d -s j -x 80 -y 24 "env -u TMUX PS1='shell$ ' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 bash --norc --noprofile -i"
    wait_for j 'shell$' || tfail j "job control: a shell"
    type_text j "KLASSENMAP_CONFIG='$KLASSENMAP_CONFIG' '$KM' --db '$DB'"
    keys j Enter
    wait_for j "Gebruikersnaam" && login j beheerder demo || tfail j "job control: the program in the shell"
    screen j >"$T/before.txt"
    keys j C-z
    check j "Ctrl-Z (TSTP): the program stops and the shell is back" wait_for j "Stopped"
    type_text j "fg"
    keys j Enter
    check j "fg (CONT): the screen comes back whole" wait_until 3 sh -c "tmux -L '$SOCK' capture-pane -p -t j | cmp -s - '$T/before.txt'"
    keys j Down
    check j "fg (CONT): keys work again" wait_until 3 sh -c "! tmux -L '$SOCK' capture-pane -p -t j | cmp -s - '$T/before.txt'"
    kill_session j
else
    skip 3 "job control" "bash is not installed"
fi

finish faults
