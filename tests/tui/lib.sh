# Helpers for the TUI tests: the real binary in a detached tmux session, its screen read back as text.
# Source tests/lib.sh first (pass/fail/finish, $KM, $T, $KLASSENMAP_CONFIG).
#
#   start NAME W H DB [VAR=VALUE ...]   the program on DB in a new W x H session (extra environment after DB)
#   screen NAME                         the visible text, one line per row
#   row NAME N                          row N (1 = top)
#   wait_for NAME TEXT [SECONDS]        polls every 0.1 s until TEXT is on the screen (default 5 s)
#   wait_gone NAME TEXT [SECONDS]       ... until TEXT is no longer on the screen
#   wait_row NAME N TEXT [SECONDS]      ... until row N contains TEXT
#   keys NAME KEY...                    tmux send-keys (key names: Enter Escape Up F1 ...)
#   type_text NAME TEXT                 TEXT literally
#   login NAME USER PASS                types both fields and waits for the home menu (false if it does not come)
#   login_lands NAME USER PASS          ... and waits for the first screen (home, or a student's or parent's day)
#   menu_open NAME LABEL                moves the menu's selection to LABEL and presses Enter
#   pane_pid NAME / pane_dead NAME / cpu_ticks PID / alive PID
#   tfail NAME DESC / check NAME DESC CMD... / has NAME TEXT / hasnt NAME TEXT   a check with the screen on failure
#   dialog_has NAME TEXT / wait_dialog NAME TEXT [SECONDS]    the question of a box, its lines joined
#   smtp_sink_start DIR    a real SMTP server (tests/mail/smtp_sink.py) storing mails in DIR; sets SINK and PORT
# A private tmux server (-L) per run, so parallel runs never share sessions; it is killed at exit.

SOCK="km$$"
TM() { tmux -L "$SOCK" "$@"; }

# The status line is off before the first program starts, so the pane is exactly W x H; no escape delay, and a
# pane whose program died stays (remain-on-exit) so a crash is seen as pane_dead=1 rather than a vanished session.
cat >"$T/tmux.conf" <<'CONF'
set -g status off
set -s escape-time 0
set -g remain-on-exit on
set -g history-limit 0
set -s exit-empty off
CONF

# tmux leaves the socket file behind after kill-server: it goes too.
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE

have_tmux() { command -v tmux >/dev/null 2>&1; }

start() {
    _name=$1 _w=$2 _h=$3 _db=$4
    shift 4
    # exec: the pane's process is klassenmap itself, so pane_pid is its pid.
    TM -f "$T/tmux.conf" new-session -d -s "$_name" -x "$_w" -y "$_h" \
        "exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 KLASSENMAP_CONFIG='$KLASSENMAP_CONFIG' $* '$KM' --db '$_db' 2>'$T/$_name.stderr'"
}

screen() { TM capture-pane -p -t "$1" 2>/dev/null; }
row() { screen "$1" | sed -n "${2}p"; }
on_screen() { screen "$1" | grep -qF -- "$2"; }
row_has() { row "$1" "$2" | grep -qF -- "$3"; }

# wait_until SECONDS CMD...: runs CMD every 0.1 s until it succeeds; false after SECONDS.
wait_until() {
    _n=$(awk -v s="$1" 'BEGIN { printf "%d", s * 10 }')
    shift
    while :; do
        "$@" && return 0
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}
not_on_screen() { ! on_screen "$1" "$2"; }
wait_for() { wait_until "${3:-5}" on_screen "$1" "$2"; }
wait_gone() { wait_until "${3:-5}" not_on_screen "$1" "$2"; }
wait_row() { wait_until "${4:-5}" row_has "$1" "$2" "$3"; }
# wait_any NAME SECONDS TEXT...: until one of the texts is on the screen.
any_on_screen() {
    _s=$(screen "$1")
    shift
    for _t in "$@"; do printf '%s\n' "$_s" | grep -qF -- "$_t" && return 0; done
    return 1
}
wait_any() { _wn=$1 _ws=$2; shift 2; wait_until "$_ws" any_on_screen "$_wn" "$@"; }

keys() { _k=$1; shift; TM send-keys -t "$_k" "$@"; }
type_text() { TM send-keys -t "$1" -l -- "$2"; }

# A student or parent lands on MIJNROOSTER (login_lands waits for that); login goes on to the home menu, with Esc.
login() {
    login_lands "$@" || return 1
    sleep 0.3 # the first screen is drawn over the menu right after it
    on_screen "$1" "Hoofdmenu" && ! on_screen "$1" "MIJNROOSTER ›" && return 0
    keys "$1" Escape
    wait_for "$1" "Hoofdmenu"
}
login_lands() {
    type_text "$1" "$2"
    keys "$1" Enter
    type_text "$1" "$3"
    keys "$1" Enter
    wait_any "$1" 5 "Hoofdmenu" "MIJNROOSTER ›"
}

# The menu's rows look like "   ▶ LABEL   hint" (selected) and "     LABEL   hint".
menu_open() {
    _s=$(screen "$1")
    _cur=$(printf '%s\n' "$_s" | grep -n '^ *▶ ' | head -n 1 | cut -d: -f1)
    _to=$(printf '%s\n' "$_s" | grep -nE "^ *(▶ )? *$2( {2}|\$)" | head -n 1 | cut -d: -f1)
    [ -n "$_cur" ] && [ -n "$_to" ] || return 1
    while [ "$_cur" -lt "$_to" ]; do keys "$1" Down; _cur=$((_cur + 1)); done
    while [ "$_cur" -gt "$_to" ]; do keys "$1" Up; _cur=$((_cur - 1)); done
    wait_until 2 selected_is "$1" "$2" || return 1
    keys "$1" Enter
}
selected_is() { screen "$1" | grep -qE "^ *▶ $2( {2}|\$)"; }

pane_pid() { TM list-panes -t "$1" -F '#{pane_pid}' 2>/dev/null | head -n 1; }
pane_dead() { TM list-panes -t "$1" -F '#{pane_dead}' 2>/dev/null | head -n 1; }
pane_size() { TM list-panes -t "$1" -F '#{pane_width}x#{pane_height}' 2>/dev/null | head -n 1; }
kill_session() { TM kill-session -t "$1" 2>/dev/null; }
# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    _st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$_st" ] && [ "$_st" != Z ]
}
gone() { ! alive "$1"; }
# cpu_ticks PID: user + system CPU time in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }'; }

# screen_dump NAME: the screen, indented, for a failure message.
screen_dump() { screen "$1" | sed 's/^/     | /'; }

# tfail NAME DESC [LINE...]: fail, with the program's stderr and the screen of NAME underneath.
tfail() {
    _s=$1
    shift
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s ($(pane_size "$_s")):"
    screen "$_s" | sed 's/^/     | /'
}
check() { # NAME DESC CMD...: pass when CMD succeeds, else tfail
    _cs=$1 _cd=$2
    shift 2
    if "$@"; then pass "$_cd"; else tfail "$_cs" "$_cd"; fi
}
has() { on_screen "$1" "$2"; }
hasnt() { ! on_screen "$1" "$2"; }

# The question of a box as one line: the text between its side borders, joined.
dialog_text() { screen "$1" | sed -n 's/^[^│]*│\(.*\)│.*$/\1/p' | sed 's/^ *//; s/ *$//' | grep -v '^$' | tr '\n' ' '; }
dialog_has() { dialog_text "$1" | grep -qF -- "$2"; }
wait_dialog() { wait_until "${3:-5}" dialog_has "$1" "$2"; }

# smtp_sink_start DIR: a real SMTP server on a free port of 127.0.0.1 that stores each mail in DIR (N.eml);
# SINK is its pid, PORT its port. It is stopped at exit.
smtp_sink_start() {
    mkdir -p "$1"
    SINK_SECONDS=300 "$PY" tests/mail/smtp_sink.py "$1" "$T/port" &
    SINK=$!
    trap 'kill $SINK 2>/dev/null; tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
    _i=0
    while [ ! -s "$T/port" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
    PORT=$(cat "$T/port")
}
