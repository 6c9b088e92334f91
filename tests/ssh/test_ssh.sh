#!/bin/sh
# Many people on one school server over SSH (issue 9's acceptance), with a real sshd on a loopback port run by
# this test: the account's sessions run this build through ForceCommand, the clients are `ssh -tt` in tmux panes.
#   1. 30 teachers at once, each over their own SSH connection, log in through the TUI and set three statuses on
#      their own group's board; every change is in the database, none refused, no screen shows an error.
#   2. A status set in one SSH session appears within 2 s on the duo-collega's board and on the student's own
#      list, each in their own SSH session, no key pressed.
#   3. kill -9 of the server-side program, kill -9 of the ssh client, or a closed pane, at a random moment while
#      the session writes: integrity ok, every change the screen confirmed is in the database, no half-written
#      change, and nothing of the session lingers on the server (gone within 2 s).
#   4. No shell and no forwarding through the account: a command, -T, -N, -L, -R, -W, sftp, ~/.ssh/rc, agent,
#      environment variables.
#   5. The snippet's Variant B (teachers' own keys, restrict,pty,command="klassenmap --as USER"): straight into
#      the account, the key's command wins over the client's, no forward, refused without allow_as = ja.
# `klassenmap who` is checked along the way: the 30 listed with their pids, nobody after the clean ends, only the
# live session after the kill rounds. Needs root (CI runs as root); otherwise it says so and counts nothing.
# The sshd and the account are tests/ssh/lib.sh's; the database queries tests/ssh/q.py's.
. tests/lib.sh
. tests/tui/lib.sh
. tests/ssh/lib.sh
ssh_need_root ssh

if ! have_tmux || ! command -v "$PY" >/dev/null 2>&1; then
    fail "tmux and python3 are needed (sh tools/install-deps test)"
    finish ssh
    exit 1
fi
if ! ssh_setup >"$T/setup.log" 2>&1; then
    fail "a private sshd for the test" "$(cat "$T/setup.log")"
    finish ssh
    exit 1
fi
if [ "$SNIPPET" = 1 ]; then
    pass "sshd runs the account with the project's conf/sshd_config.d/klassenmap.conf"
else
    fail "sshd runs the account with the project's conf/sshd_config.d/klassenmap.conf" \
        "the snippet is missing; the test used a stand-in Match block (ForceCommand, DisableForwarding yes," \
        "PermitTTY yes, PermitUserRC no)"
fi

N=30
Q="$ROOT/tests/ssh/q.py"
q() { as_user "$PY" "$Q" "$DB" "$@"; }
now_ms() { date +%s%3N; }
if ! kmc demo --size large --password demo >"$T/demo.out" 2>&1; then
    fail "large demo school made as the account" "$(cat "$T/demo.out")"
    finish ssh
    exit 1
fi
q plan "$N" >"$T/plan.sh" || { fail "plan the sessions" "$(cat "$T/plan.sh")"; finish ssh; exit 1; }
. "$T/plan.sh"
[ "$N1" = "$N" ] && pass "the demo school has $N teachers with a stamgroep each" ||
    fail "the demo school has $N teachers with a stamgroep each" "found $N1"

tfail() { # SESSION DESC [LINE...]: fail with the session's screen underneath
    _s=$1
    shift
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s ($(pane_size "$_s")):"
    screen "$_s" | sed 's/^/     | /'
}
check() { # SESSION DESC CMD...
    _s=$1 _d=$2
    shift 2
    if "$@"; then pass "$_d"; else tfail "$_s" "$_d"; fi
}
line_matches() { screen "$1" | grep -F -- "$2" | head -n 1 | grep -qE -- "$3"; }
group_selected() { screen "$1" | grep -qE "^  ▶ $2( |\$)"; }
# open_board NAME GROUP [SECONDS]: from the main menu to GROUP's board (its first deelgebied, its own niveau)
open_board() {
    menu_open "$1" LEERDOELEN && wait_for "$1" "kies een groep en een deelgebied" "${3:-5}" || return 1
    keys "$1" /
    type_text "$1" "$2"
    keys "$1" Enter
    wait_until "${3:-5}" group_selected "$1" "$2" || return 1
    keys "$1" Enter Enter
    wait_for "$1" "LEERDOELEN › $2 ›" "${3:-5}"
}
# keep NAME: the screen as it is now, added to what the error check reads at the end
keep() { screen "$1" >>"$T/cap.$1"; }
ERRORS="bezet|Fout|fout:|Geen toegang|Iemand anders|mislukt|onjuiste gebruikersnaam|Niets gevonden"
no_server_process() { [ -z "$(server_pids)" ]; }
nothing_of_account() { [ -z "$(account_procs)" ]; }
count_server() { server_pids | grep -c .; }
# who_list: "USERNAME:PID ..." of `klassenmap who --json`, sorted
who_list() {
    kmc who --json | "$PY" -c 'import json, sys
print(" ".join(sorted("%s:%s" % (e["username"], e["pid"]) for e in json.load(sys.stdin))))'
}

# ---- 1. 30 sessions at once, 30 teachers, three statuses each ----
t_start=$(now_ms)
i=1
while [ "$i" -le "$N" ]; do
    ssh_start "s$i"
    i=$((i + 1))
done
each() { # CMD...: runs CMD with the session name and its teacher and group; counts how many succeed
    _ok=0
    _i=1
    while [ "$_i" -le "$N" ]; do
        eval "_t=\$T1_$_i _g=\$G1_$_i"
        # shellcheck disable=SC2154 # set by the eval
        if "$@" "s$_i" "$_t" "$_g"; then _ok=$((_ok + 1)); else echo "s$_i" >>"$T/failed"; fi
        _i=$((_i + 1))
    done
    [ "$_ok" = "$N" ]
}
first_failed() { _f=$(head -n 1 "$T/failed" 2>/dev/null); rm -f "$T/failed"; echo "${_f:-s1}"; }
at_login() { wait_for "$1" "Gebruikersnaam" 30 && keep "$1"; }
type_login() { type_text "$1" "$2"; keys "$1" Enter; type_text "$1" demo; keys "$1" Enter; }
at_menu() { wait_for "$1" "Hoofdmenu" 20 && keep "$1"; }
at_board() { open_board "$1" "$3" 15 && keep "$1"; }
sets() { keys "$1" "$KEY"; }
said() { wait_for "$1" ": $SAID" 15 && keep "$1"; }
down() { keys "$1" Down; }

if each at_login; then pass "$N ssh -tt sessions at once show the login screen"; else
    tfail "$(first_failed)" "$N ssh -tt sessions at once show the login screen"; fi
n=$(count_server)
[ "$n" = "$N" ] && pass "… $N klassenmap processes run for the account, one per connection" ||
    fail "… $N klassenmap processes run for the account, one per connection" "found $n"
each type_login
if each at_menu; then pass "$N different teachers log in through the TUI at once"; else
    tfail "$(first_failed)" "$N different teachers log in through the TUI at once"; fi
if each at_board; then pass "each opens the status board of their own stamgroep"; else
    tfail "$(first_failed)" "each opens the status board of their own stamgroep"; fi
t_ready=$(now_ms)
want=""
i=1
while [ "$i" -le "$N" ]; do eval "want=\"\$want \$T1_$i\""; i=$((i + 1)); done
got=$(who_list | tr ' ' '\n' | cut -d: -f1 | sort | tr '\n' ' ')
want=$(printf '%s\n' $want | sort | tr '\n' ' ')
[ "$got" = "$want" ] && pass "klassenmap who lists the $N teachers logged in" ||
    fail "klassenmap who lists the $N teachers logged in" "got: $got" "want: $want"
got=$(who_list | tr ' ' '\n' | cut -d: -f2 | sort -n | tr '\n' ' ')
want=$(server_pids | sort -n | tr '\n' ' ')
[ "$got" = "$want" ] && pass "… with the pids of the $N server-side processes" ||
    fail "… with the pids of the $N server-side processes" "who: $got" "ps: $want"
round=0
for step in "4:● V beheerst" "3:◐ J bijna" "2:○ B mee bezig"; do
    round=$((round + 1))
    KEY=${step%%:*} SAID=${step#*:}
    [ "$round" -gt 1 ] && each down
    each sets
    if each said; then pass "round $round: all $N set '$SAID' at once and see it confirmed"; else
        tfail "$(first_failed)" "round $round: all $N set '$SAID' at once and see it confirmed"; fi
done
t_done=$(now_ms)
good=0 bad=""
i=1 all=""
while [ "$i" -le "$N" ]; do
    t="" g=""
    eval "t=\$T1_$i g=\$G1_$i"
    all="$all $t"
    c=$(q changes "$H0" "$t" "$g")
    if [ "$c" = "3 BJV" ]; then good=$((good + 1)); else bad="$bad $t:($c)"; fi
    i=$((i + 1))
done
[ "$good" = "$N" ] && pass "every change is in the database: 3 history rows and the statuses V, J, B for each of the $N" ||
    fail "every change is in the database: 3 history rows and the statuses V, J, B for each of the $N" "not so for:$bad"
# shellcheck disable=SC2086
total=$(q totals "$H0" $all)
[ "$total" = $((3 * N)) ] && pass "… $((3 * N)) changes in all, none refused or lost" ||
    fail "… $((3 * N)) changes in all, none refused or lost" "got $total"
i=1
while [ "$i" -le "$N" ]; do keep "s$i"; i=$((i + 1)); done
if grep -lE "$ERRORS" "$T"/cap.s* >"$T/errs" 2>/dev/null; then
    s=$(head -n 1 "$T/errs")
    fail "no screen of the $N showed an error ($ERRORS)" "$(wc -l <"$T/errs") screens did, e.g. $s:" \
        "$(grep -E "$ERRORS" "$s" | sort -u | head -n 3)"
else
    pass "no screen of the $N showed an error (bezet, Fout, Geen toegang, a conflict …)"
fi
[ -n "${KM_TEST_VERBOSE:-}" ] && echo "     $N sessions: connected, logged in and on their boards in $((t_ready - t_start)) ms;" \
    "3 rounds of $N writes in $((t_done - t_ready)) ms"

# ---- 2. live over SSH: the duo-collega's board and the student's own list follow within 2 s ----
ssh_start a
ssh_start b
ssh_start st
for s in a b st; do wait_for "$s" "Gebruikersnaam" 15 || tfail "$s" "session $s shows the login screen"; done
type_login a "$DUO_A"
type_login b "$DUO_B"
type_login st "$DUO_S"
for s in a b; do wait_for "$s" "Hoofdmenu" 15 || tfail "$s" "session $s logs in"; done
# a student lands on today's day view; Esc leads to the home menu
{ wait_for st "MIJNROOSTER ›" 15 && keys st Escape && wait_for st "Hoofdmenu" 15; } || tfail st "session st logs in"
check a "duo: the first teacher opens $DUO_G's board" open_board a "$DUO_G" 10
check b "duo: the second teacher opens the same board" open_board b "$DUO_G" 10
for s in a b; do
    keys "$s" /
    type_text "$s" "$DUO_SNAME"
    keys "$s" Enter
done
CODE=$(screen a | sed -n 's/^  \([A-Z][A-Z]*-[A-Z][A-Z]*-[0-9.]*\)  .*/\1/p' | head -n 1)
[ -n "$CODE" ] || tfail a "the board names its first goal's code on the last line"
student_row() { screen "$1" | awk -v p=" $DUO_SNAME " 'index($0, p) == 1' | head -n 1 | grep -qE -- "$2"; }
check b "duo: the student's row is on the second teacher's screen, no status yet" wait_until 10 student_row b "% │ +– "
menu_open st LEERDOELEN
check st "student: LEERDOELEN shows the own goals" wait_for st "mijn leerdoelen" 10
keys st /
type_text st "$CODE"
keys st Enter
check st "student: goal $CODE in view, no status yet" wait_until 10 line_matches st "$CODE" "– +$CODE"
t0=$(now_ms)
keys a 4
wait_for a "$DUO_SNAME · $CODE: ● V beheerst" 5 || tfail a "duo: the first teacher sets ● V for $DUO_SNAME"
if wait_until 2 student_row b "% │ +● V"; then
    pass "live: the duo-collega's board shows it within 2 s ($(($(now_ms) - t0)) ms), no key pressed"
else
    tfail b "live: the duo-collega's board shows it within 2 s"
fi
if wait_until 2 line_matches st "$CODE" "● V +$CODE"; then
    pass "live: the student's own list shows it within 2 s ($(($(now_ms) - t0)) ms)"
else
    tfail st "live: the student's own list shows it within 2 s"
fi
t0=$(now_ms)
keys b 2
wait_for b "$DUO_SNAME · $CODE: ○ B mee bezig" 5 || tfail b "duo: the second teacher sets ○ B back"
if wait_until 2 student_row a "% │ +○ B"; then
    pass "live: … and the other way round ($(($(now_ms) - t0)) ms)"
else
    tfail a "live: … and the other way round"
fi
for s in a b st; do keep "$s"; done
if grep -lE "$ERRORS" "$T/cap.a" "$T/cap.b" "$T/cap.st" >/dev/null 2>&1; then
    fail "live: no error on the three screens" "$(grep -hE "$ERRORS" "$T/cap.a" "$T/cap.b" "$T/cap.st" | head -n 3)"
else
    pass "live: no error on the three screens"
fi

# every pane closed at once: the ssh clients hang up, the server-side programs end
t0=$(now_ms)
for s in a b st; do kill_session "$s"; done
i=1
while [ "$i" -le "$N" ]; do kill_session "s$i"; i=$((i + 1)); done
if wait_until 2 no_server_process; then
    pass "all $((N + 3)) connections dropped at once: every server-side klassenmap gone within 2 s ($(($(now_ms) - t0)) ms)"
else
    fail "all $((N + 3)) connections dropped at once: every server-side klassenmap gone within 2 s" \
        "still running: $(server_pids | tr '\n' ' ')"
fi
wait_until 5 nothing_of_account && pass "… and nothing of the account is left running (sshd's session processes too)" ||
    fail "… and nothing of the account is left running (sshd's session processes too)" \
        "$(account_procs | head -n 5)"
run kmc who
expect_out "… and each session took itself off: klassenmap who says nobody is logged in" "Er is niemand ingelogd."

# ---- 3. kill -9 or a dropped connection at a random moment while the session writes ----
# Each round: a fresh session on KG's board sets the first cell's status and waits until the screen confirms it
# (committed), then sends one burst of key presses that steps every other cell of the board once, column by
# column in a snake (each press is one transaction; the whole burst takes a few tens of ms, see round 0, which
# runs to its end). tests/ssh/killer.py watches the database from a second connection and, when a random number
# of the burst's changes is committed, at once kills the server-side program (kill -9), or the ssh client
# (kill -9), or closes its pane (the client gets SIGHUP and hangs up). Two more rounds kill the program while it
# logs in (password check, last login, session row and audit log written).
# Afterwards: nothing lingers on the server (within 2 s); integrity ok; every change the killer saw committed is
# still there; the round's changes are a gap-free start of the snake, each cell's status that of its history row
# (no committed change lost, none half-written); the changes the screen confirmed are in the database.
rnd() { echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($1 + 1))); }
snake() { # NS NG: the key presses of the burst
    _k="" _c=0
    while [ "$_c" -lt "$2" ]; do
        [ "$_c" -gt 0 ] && _k="$_k Right Space"
        if [ $((_c % 2)) = 0 ]; then _m=Down; else _m=Up; fi
        _r=1
        while [ "$_r" -lt "$1" ]; do _k="$_k $_m Space"; _r=$((_r + 1)); done
        _c=$((_c + 1))
    done
    echo "$_k"
}
# the last confirmation on the screen: "NAME · CODE: glyph L label"
confirmation() { screen "$1" | grep -E ' · [A-Z]+-[A-Z]+-[0-9.]+: [^ ]+ [A-Z] ' | tail -n 1 | sed 's/^ *//'; }
sdelay() { awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }'; }
round_writes() { q since "$1" "$KT" | cut -d' ' -f1; }
writes_reach() { [ "$(round_writes "$1")" -ge "$2" ]; }
# a session on KG's board with the first cell set and confirmed; sets FIRST, NS, NG, HR (history before the round)
board_session() {
    ssh_start "$1"
    wait_for "$1" "Gebruikersnaam" 10 && login "$1" "$KT" demo && open_board "$1" "$KG" 10 || return 1
    _size=$(screen "$1" | sed -n 's/.* \([0-9][0-9]*\) leerlingen × \([0-9][0-9]*\) leerdoelen.*/\1 \2/p' | head -n 1)
    NS=${_size% *} NG=${_size#* }
    [ -n "$NS" ] && [ -n "$NG" ] || return 1
    HR=$(q since 0 "$KT" | cut -d' ' -f2)
    keys "$1" Space
    wait_until 5 sh -c "tmux -L '$SOCK' capture-pane -p -t '$1' | grep -qE ' · [A-Z]+-[A-Z]+-[0-9.]+: '" || return 1
    FIRST=$(confirmation "$1")
}
in_db() { # ROUND-DESC CONFIRMATION: the confirmed status is the database's
    [ -n "$2" ] || return 0
    _name=${2%% · *}
    _rest=${2#* · }
    _gcode=${_rest%%:*}
    _letter=$(printf '%s\n' "$_rest" | sed 's/^[^:]*: [^ ]* \([A-Z]\) .*/\1/')
    _got=$(q status "$_name" "$_gcode" "$KG")
    [ "$_got" = "$_letter" ] && pass "$1: the confirmed change '$2' is in the database" ||
        fail "$1: the confirmed change '$2' is in the database" "the database has: $_got"
}

# round 0: the burst runs to its end
if board_session k0; then
    total=$((NS * NG - 1))
    KEYS=$(snake "$NS" "$NG")
    t0=$(now_ms)
    # shellcheck disable=SC2086
    keys k0 $KEYS
    if wait_until 20 writes_reach "$HR" $((total + 1)); then
        burst_ms=$(($(now_ms) - t0))
        pass "round 0: a burst of $total key presses sets $total statuses over SSH, all committed within $burst_ms ms"
    else
        tfail k0 "round 0: a burst of $total key presses sets $total statuses over SSH" "written: $(round_writes "$HR")"
    fi
    wait_until 5 sh -c "tmux -L '$SOCK' capture-pane -p -t k0 | grep -q 'rij $((NG % 2 == 0 ? 1 : NS)) van $NS'" || true
    in_db "round 0" "$(confirmation k0)"
    keep k0
else
    tfail k0 "round 0: a session on $KG's board"
    total=0
fi
kill_session k0
wait_until 5 nothing_of_account || true

rounds="server client pane server client pane server pane login login"
r=0 mid=0 kills=0
for how in $rounds; do
    r=$((r + 1))
    s="k$r"
    if [ "$how" = login ]; then
        ssh_start "$s"
        wait_for "$s" "Gebruikersnaam" 10 || { tfail "$s" "round $r: the login screen"; kill_session "$s"; continue; }
        HR=$(q since 0 "$KT" | cut -d' ' -f2)
        spid=$(server_pids | head -n 1)
        delay=$(rnd 30)
        type_text "$s" "$KT"
        keys "$s" Enter
        type_text "$s" demo
        keys "$s" Enter
        sleep "$(sdelay "$delay")"
        kill -9 "$spid"
        what="round $r (kill -9 $delay ms after the password's Enter)"
    else
        if ! board_session "$s"; then
            tfail "$s" "round $r: a session on $KG's board"
            kill_session "$s"
            continue
        fi
        keep "$s"
        spid=$(server_pids | head -n 1)
        # where to strike: anywhere in the first three quarters (a dropped connection takes a few ms more to
        # reach the program, which writes on meanwhile)
        target=$((2 + $(rnd $((total * 3 / 4)))))
        case $how in
            server) arg=$spid what="round $r (kill -9 of klassenmap on the server" ;;
            client) arg=$(pane_pid "$s") what="round $r (kill -9 of the ssh client" ;;
            pane) arg="$SOCK:$s" what="round $r (pane closed" ;;
        esac
        "$PY" "$ROOT/tests/ssh/killer.py" "$DB" "$KT" "$HR" "$target" "$how" "$arg" >"$T/killer.$r" 2>&1 &
        kpid=$!
        wait_until 5 grep -q ready "$T/killer.$r" || true
        # shellcheck disable=SC2086
        keys "$s" $KEYS
        wait "$kpid"
        struck=$(sed -n 2p "$T/killer.$r")
        what="$what at change $struck of $((total + 1)))"
        case $struck in
            '' | *[!0-9]*) fail "$what: the session was interrupted in the middle of its writes" "$(cat "$T/killer.$r")" ;;
        esac
        # the screen's last confirmation (after kill -9 of the program its shell's "Killed" covers the line)
        seen=""
        [ "$how" = client ] && wait_until 2 sh -c "[ \"\$(tmux -L '$SOCK' list-panes -t '$s' -F '#{pane_dead}' 2>/dev/null)\" = 1 ]" &&
            seen=$(confirmation "$s")
    fi
    t0=$(now_ms)
    if wait_until 2 no_server_process; then
        pass "$what: the server-side program is gone within 2 s ($(($(now_ms) - t0)) ms)"
    else
        fail "$what: the server-side program is gone within 2 s" "still running: $(server_pids | tr '\n' ' ')"
    fi
    if [ "$how" = server ] || [ "$how" = login ]; then
        wait_until 2 sh -c "[ \"\$(tmux -L '$SOCK' list-panes -t '$s' -F '#{pane_dead}' 2>/dev/null)\" = 1 ]" &&
            pass "$what: the connection ends with the program (the ssh client exits)" ||
            tfail "$s" "$what: the connection ends with the program (the ssh client exits)"
        keep "$s"
    fi
    wait_until 5 nothing_of_account || fail "$what: nothing of the account left running" "$(account_procs | head -n 5)"
    kill_session "$s"
    integ=$(q integrity)
    [ "$integ" = ok ] && pass "$what: PRAGMA integrity_check ok" || fail "$what: PRAGMA integrity_check ok" "got: $integ"
    [ "$how" = login ] && continue
    kills=$((kills + 1))
    n=$(round_writes "$HR")
    [ "$n" -gt 1 ] && [ "$n" -le "$total" ] && mid=$((mid + 1))
    case $struck in
        '' | *[!0-9]*) ;;
        *) [ "$n" -ge "$struck" ] && pass "$what: the $struck changes seen committed before the kill are all there ($n)" ||
            fail "$what: the $struck changes seen committed before the kill are all there" "only $n" ;;
    esac
    pre=$(q prefix "$HR" "$KT" "$NS")
    [ "$pre" = ok ] && pass "$what: $((n - 1)) of $total burst changes made it, a gap-free start of the burst, none half-written" ||
        fail "$what: the changes made are a gap-free start of the burst, none half-written" "$pre"
    in_db "$what" "$FIRST"
    in_db "$what" "$seen"
done
[ "$mid" -ge $((kills / 2)) ] && pass "$mid of the $kills interruptions landed in the middle of a burst of writes" ||
    fail "at least half of the interruptions landed in the middle of a burst of writes" "only $mid of $kills did"
cons=$(q consistent "$H0" "$KG")
[ "$cons" = ok ] && pass "every cell of $KG has the status of its last history row" || fail "every cell of $KG has the status of its last history row" "$cons"
run kmc check
expect_out "after the rounds: klassenmap check says the database is ok" "integriteit    ok"
grep -lE "$ERRORS" "$T"/cap.k* >/dev/null 2>&1 && fail "the kill rounds showed no error before the kill" \
    "$(grep -hE "$ERRORS" "$T"/cap.k* | head -n 3)" || pass "the kill rounds showed no error before the kill"
ssh_start k99
wait_for k99 "Gebruikersnaam" 10 && login k99 "$KT" demo && open_board k99 "$KG" 10 &&
    pass "afterwards the same teacher logs in again and opens the board" || tfail k99 "afterwards the same teacher logs in again and opens the board"
got=$(who_list)
[ "$got" = "$KT:$(server_pids)" ] && pass "klassenmap who lists only that live session: the killed sessions' rows are gone" ||
    fail "klassenmap who lists only that live session: the killed sessions' rows are gone" "who: $got" \
        "live: $(server_pids | tr '\n' ' ')"
kill_session k99
wait_until 5 nothing_of_account || true

# ---- 4. no shell, no forwarding ----
as_user sh -c 'mkdir -p ~/.ssh && printf "#!/bin/sh\ntouch %s/rc-ran\n" "$1" >~/.ssh/rc && chmod +x ~/.ssh/rc &&
    touch ~/km-marker-file' sh "$W"
run ssh_cmd "$KMUSER@127.0.0.1" /bin/sh -c id
if ! printf '%s' "$out$err" | grep -q 'uid=' && printf '%s' "$err" | grep -qF "de schermen hebben een terminal nodig" &&
    [ "$code" != 0 ]; then
    pass "ssh … /bin/sh -c id runs no shell: klassenmap starts instead and refuses without a terminal"
else
    fail "ssh … /bin/sh -c id runs no shell: klassenmap starts instead and refuses without a terminal"
fi
run ssh_cmd -T "$KMUSER@127.0.0.1"
if [ "$code" != 0 ] && printf '%s' "$err" | grep -qF "de schermen hebben een terminal nodig"; then
    pass "ssh -T (no pty): klassenmap refuses to run without a terminal, with its message (exit $code)"
else
    fail "ssh -T (no pty): klassenmap refuses to run without a terminal, with its message"
fi
TM -f "$T/tmux.conf" new-session -d -s sh1 -n = -x 80 -y 24 \
    "exec env TERM=xterm-256color ssh -tt $(ssh_opts) $KMUSER@127.0.0.1 /bin/sh -c id 2>'$T/sh1.stderr'"
check sh1 "ssh -tt … /bin/sh -c id: the login screen instead of a shell" wait_for sh1 "Gebruikersnaam" 10
check sh1 "… and no output of id" not_on_screen sh1 "uid="
kill_session sh1
rm -f "$T/sftp.out"
printf 'ls -la\n' >"$T/sftp.batch"
# shellcheck disable=SC2046
sftp -b "$T/sftp.batch" -F /dev/null -P "$PORT" -i "$D/client_key" -o IdentitiesOnly=yes -o IdentityAgent=none \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$KMUSER@127.0.0.1" \
    >"$T/sftp.out" 2>&1 </dev/null
code=$?
out=$(cat "$T/sftp.out") err=""
[ "$code" != 0 ] && ! grep -q km-marker-file "$T/sftp.out" && pass "sftp gets no file listing (exit $code)" ||
    fail "sftp gets no file listing"
[ ! -e "$W/rc-ran" ] && pass "the account's ~/.ssh/rc is not run (PermitUserRC no)" ||
    fail "the account's ~/.ssh/rc is not run (PermitUserRC no)"

# -L: the client listens, but the server opens no channel: a connection gets no sshd banner
LP=$(free_port)
# shellcheck disable=SC2046 # the options are words; ssh itself in the background, so $! is its pid
ssh $(ssh_opts) -N -L "$LP:127.0.0.1:$PORT" "$KMUSER@127.0.0.1" >"$T/L.out" 2>&1 &
lpid=$!
listening() { "$PY" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null; }
banner() { # PORT: what a connection to PORT says within 2 s
    "$PY" -c '
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 2)
    s.settimeout(2)
    print(s.recv(64).decode("latin-1").strip() or "(closed)")
except OSError as e:
    print("(%s)" % e.__class__.__name__)' "$1"
}
if wait_until 10 listening "$LP"; then
    got=$(banner "$LP")
    case $got in
        SSH-*) fail "ssh -N -L: the forward does not open" "a connection to the forwarded port got: $got" ;;
        *) pass "ssh -N -L $LP:127.0.0.1:$PORT: the forward does not open (a connection gets $got)" ;;
    esac
else
    pass "ssh -N -L: the forward does not open (the client did not even listen)"
fi
wait_until 2 grep -q "refused local port forward" "$D/sshd.log" && pass "… sshd logs: refused local port forward" ||
    fail "… sshd logs: refused local port forward" "$(tail -n 3 "$D/sshd.log")"
# -N alone: an authenticated connection, but no session: nothing of the account runs but sshd's own process
others() { account_procs | awk '$2 != "sshd" { print $2 }' | tr '\n' ' '; }
kill "$lpid" 2>/dev/null
wait "$lpid" 2>/dev/null
# shellcheck disable=SC2046
ssh $(ssh_opts) -N "$KMUSER@127.0.0.1" >"$T/N.out" 2>&1 &
npid=$!
has_sshd() { account_procs | grep -q ' sshd$'; }
wait_until 10 has_sshd || true
sleep 0.5
o=$(others)
[ -z "$o" ] && alive "$npid" && pass "ssh -N alone: connected, but no shell, no program, no tunnel runs for it" ||
    fail "ssh -N alone: connected, but no shell, no program, no tunnel runs for it" "running: $o"
kill "$npid" 2>/dev/null
wait "$npid" 2>/dev/null
# -R: the server refuses to listen
RP=$(free_port)
run ssh_cmd -N -o ExitOnForwardFailure=yes -R "$RP:127.0.0.1:$PORT" "$KMUSER@127.0.0.1"
got=$(banner "$RP")
[ "$code" != 0 ] && case $got in SSH-*) false ;; *) true ;; esac &&
    pass "ssh -N -R: refused (exit $code, nothing listens on $RP)" || fail "ssh -N -R: refused" "port $RP: $got"
# -W: no stdio forwarding either
run ssh_cmd -W "127.0.0.1:$PORT" "$KMUSER@127.0.0.1"
[ "$code" != 0 ] && ! printf '%s' "$out" | grep -q '^SSH-' && pass "ssh -W 127.0.0.1:$PORT: refused (exit $code)" ||
    fail "ssh -W: refused"
# agent forwarding: the program gets no SSH_AUTH_SOCK
ssh-agent -D -a "$D/agent.sock" >/dev/null 2>&1 &
agpid=$!
wait_until 5 test -S "$D/agent.sock" || true
SSH_AUTH_SOCK="$D/agent.sock" ssh-add -q "$D/client_key" 2>/dev/null
TM -f "$T/tmux.conf" new-session -d -s ag -n = -x 80 -y 24 \
    "exec env TERM=xterm-256color ssh -tt $(ssh_opts) -o ForwardAgent='$D/agent.sock' -o 'SetEnv=KLASSENMAP_DB=/tmp/x KLASSENMAP_CONFIG=/tmp/y LD_PRELOAD=/tmp/z.so' $KMUSER@127.0.0.1 2>'$T/ag.stderr'"
if wait_for ag "Gebruikersnaam" 10; then
    p=$(server_pids | head -n 1)
    if [ -n "$p" ] && ! tr '\0' '\n' <"/proc/$p/environ" | grep -q '^SSH_AUTH_SOCK='; then
        pass "ssh -A: no agent is forwarded (no SSH_AUTH_SOCK for the program)"
    else
        fail "ssh -A: no agent is forwarded (no SSH_AUTH_SOCK for the program)"
    fi
    if [ -n "$p" ] && ! tr '\0' '\n' <"/proc/$p/environ" | grep -qE '^(KLASSENMAP_DB|KLASSENMAP_CONFIG|LD_PRELOAD)='; then
        pass "ssh -o SetEnv=KLASSENMAP_DB=… KLASSENMAP_CONFIG=… LD_PRELOAD=…: none reaches the program"
    else
        fail "ssh -o SetEnv=KLASSENMAP_DB=… KLASSENMAP_CONFIG=… LD_PRELOAD=…: none reaches the program"
    fi
else
    tfail ag "ssh -A: the session starts"
fi
kill_session ag
kill "$agpid" 2>/dev/null
wait "$agpid" 2>/dev/null
wait_until 3 nothing_of_account || true

# ---- 5. Variant B of the snippet: teachers' own keys, restrict,pty,command="klassenmap --as USER" ----
if ! grep -q '^#Match ' "$ROOT/conf/sshd_config.d/klassenmap.conf" 2>/dev/null; then
    fail "the snippet has a Variant B block for keys with --as"
elif ! "$KM" --help 2>&1 | grep -q -- '--as'; then
    fail "klassenmap knows --as"
else
    as_user sh -c "cat >'$W/as.ini'" <<INI
[general]
database = $DB
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[login]
allow_as = ja
INI
    for k in key_as key_off key_plain; do ssh-keygen -q -t ed25519 -N '' -f "$D/$k" -C "km-$k"; done
    {
        printf 'restrict,pty,command="%s --config %s --as %s" %s\n' "$KM" "$W/as.ini" "$DUO_A" "$(cat "$D/key_as.pub")"
        printf 'restrict,pty,command="%s --config %s --as %s" %s\n' "$KM" "$KCONF" "$DUO_A" "$(cat "$D/key_off.pub")"
        printf 'restrict,pty,command="%s --config %s" %s\n' "$KM" "$W/as.ini" "$(cat "$D/key_plain.pub")"
    } >"$D/authorized_keys_b"
    chmod 0644 "$D/authorized_keys_b"
    if variant_b "$D/variant-b.conf" "$D/authorized_keys_b" && sshd_start sshd-b "$D/variant-b.conf" >"$T/sshd-b.out" 2>&1; then
        pass "an sshd with the snippet's Variant B starts"
        USE_PORT=$SSHD_PORT
        USE_KEY="$D/key_as"
        ssh_start va
        check va "a teacher's key with --as goes straight to the main menu, no login screen" wait_for va "Hoofdmenu" 10
        check va "… as that teacher" sh -c "tmux -L '$SOCK' capture-pane -p -t va | head -n 1 | grep -q '(leerkracht)'"
        got=$(who_list)
        case " $got " in
            *" $DUO_A:"*) pass "… and klassenmap who lists them" ;;
            *) fail "… and klassenmap who lists them" "who: $got" ;;
        esac
        kill_session va
        run kmc audit
        printf '%s' "$out" | grep -F "$DUO_A" | grep -qF "ssh-sleutel" && pass "the audit log has the login by ssh key" ||
            fail "the audit log has the login by ssh key"
        TM -f "$T/tmux.conf" new-session -d -s vc -n = -x 80 -y 24 \
            "exec env TERM=xterm-256color ssh -tt $(ssh_opts) $KMUSER@127.0.0.1 /bin/sh -c id 2>'$T/vc.stderr'"
        check vc "the key's command wins over the client's (/bin/sh -c id): the main menu, no shell" wait_for vc "Hoofdmenu" 10
        check vc "… and no output of id" not_on_screen vc "uid="
        kill_session vc
        run ssh_cmd -T "$KMUSER@127.0.0.1"
        [ "$code" != 0 ] && printf '%s' "$err" | grep -qF "terminal nodig" &&
            pass "ssh -T with the key: klassenmap refuses without a terminal (exit $code)" ||
            fail "ssh -T with the key: klassenmap refuses without a terminal"
        LP=$(free_port)
        # shellcheck disable=SC2046
        ssh $(ssh_opts) -N -L "$LP:127.0.0.1:$PORT" "$KMUSER@127.0.0.1" >"$T/LB.out" 2>&1 &
        lpid=$!
        if wait_until 10 listening "$LP"; then
            got=$(banner "$LP")
            case $got in
                SSH-*) fail "ssh -N -L with the key: no forward (restrict)" "a connection got: $got" ;;
                *) pass "ssh -N -L with the key: no forward (restrict; a connection gets $got)" ;;
            esac
        else
            pass "ssh -N -L with the key: no forward (the client did not even listen)"
        fi
        kill "$lpid" 2>/dev/null
        wait "$lpid" 2>/dev/null
        USE_KEY="$D/key_off"
        run ssh_cmd -tt "$KMUSER@127.0.0.1"
        [ "$code" = 2 ] && printf '%s%s' "$out" "$err" | grep -qF -- "--as staat uit in de configuratie" &&
            pass "without allow_as = ja the key's --as is refused: '--as staat uit in de configuratie', exit 2" ||
            fail "without allow_as = ja the key's --as is refused: '--as staat uit in de configuratie', exit 2"
        USE_KEY="$D/key_plain"
        ssh_start vp
        check vp "a key line without --as reaches the login screen" wait_for vp "Gebruikersnaam" 10
        kill_session vp
        unset USE_PORT USE_KEY
    else
        fail "an sshd with the snippet's Variant B starts" "$(cat "$T/sshd-b.out")"
    fi
fi
wait_until 5 nothing_of_account || true

finish ssh
