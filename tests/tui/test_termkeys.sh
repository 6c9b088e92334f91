#!/bin/sh
# Keys from every terminal: each escape-sequence variant of the arrows, Home/End, PgUp/PgDn, Insert/Delete and
# F1-F4 (src/tui/termkeys.c), sent raw (tmux send-keys -H) to the status board, must do what the key's plain
# binding does (k j h l g G C-b C-f ?, and i for Insert/Delete via [keys]), under a TERM whose terminfo names
# other sequences; a sequence split over two writes still arrives as one key; an unknown sequence does nothing;
# Esc alone still goes back.
# Needs tmux; run after `make` as `sh tests/tui/test_termkeys.sh`.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux; then
    fail "tmux is needed for the TUI tests (sh tools/install-deps test)"
    finish termkeys
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish termkeys; exit 1; }
# F2-F4 open the help like F1, Insert and Delete the changes of a cell: every F-key variant and both editing keys
# then show on the board.
cat >>"$KLASSENMAP_CONFIG" <<'INI'
[keys]
help = ? F1 F2 F3 F4
info = i Insert Delete
INI

# The board's text says where the cursor is: "rij 4 van 25" and the selected goal's line.
snap() { screen "$1"; }
# settle NAME: the screen, once two looks 0.1 s apart agree.
settle() {
    _a=$(snap "$1")
    _i=0
    while [ $_i -lt 30 ]; do
        sleep 0.1
        _b=$(snap "$1")
        [ "$_b" = "$_a" ] && break
        _a=$_b
        _i=$((_i + 1))
    done
    printf '%s' "$_a"
}
differs() { [ "$(snap "$1")" != "$2" ]; }
same() { [ "$(snap "$1")" = "$2" ]; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -s ' \n' '  '; }

# The cursor somewhere in the middle (row 4, column 3 of 4), so every movement shows.
RESET="g j j j h h h h h l l"

# variant NAME DESC SEQUENCE PLAIN-KEYS UNDO-KEYS: SEQUENCE (printf format) does what PLAIN-KEYS do.
variant() {
    _s=$1 _d=$2 _seq=$3 _plain=$4 _undo=$5
    # shellcheck disable=SC2086
    keys "$_s" $RESET
    wait_until 3 same "$_s" "$S0" || { tfail "$_s" "$_d: back in the middle before"; return; }
    # shellcheck disable=SC2046
    keys "$_s" -H $(hex "$(printf "$_seq")")
    if ! wait_until 3 differs "$_s" "$S0"; then tfail "$_s" "$_d: the screen changed"; return; fi
    _got=$(settle "$_s")
    # shellcheck disable=SC2086
    keys "$_s" $_undo $RESET
    wait_until 3 same "$_s" "$S0" || { tfail "$_s" "$_d: back in the middle after"; return; }
    # shellcheck disable=SC2086
    keys "$_s" $_plain
    wait_until 3 differs "$_s" "$S0"
    _want=$(settle "$_s")
    # shellcheck disable=SC2086
    keys "$_s" $_undo $RESET
    wait_until 3 same "$_s" "$S0"
    if [ "$_got" = "$_want" ]; then pass "$_d"; else tfail "$_s" "$_d: as '$_plain' does"; fi
}

open_board() { # NAME TERM
    start "$1" 80 24 "$DB" "TERM=$2" NO_COLOR=1
    wait_for "$1" "Wachtwoord" || { tfail "$1" "login screen ($2)"; return 1; }
    login "$1" leerkracht demo || { tfail "$1" "login ($2)"; return 1; }
    menu_open "$1" LEERDOELEN && wait_for "$1" "kies een groep" || { tfail "$1" "LEERDOELEN ($2)"; return 1; }
    keys "$1" Enter
    wait_for "$1" "rij 1 van" || { tfail "$1" "the board ($2)"; return 1; }
    # shellcheck disable=SC2086
    keys "$1" $RESET
    sleep 0.3
    S0=$(settle "$1")
}

E='\033'
MOVES="Up:k Down:j Left:h Right:l"
# --- every variant, under xterm-256color (whose terminfo knows only ESC O A for Up, ESC O H for Home, ...) ---
if open_board x xterm-256color; then
    for fin in A B C D; do
        case $fin in A) p=k ;; B) p=j ;; C) p=l ;; D) p=h ;; esac
        variant x "ESC [ $fin" "$E[$fin" "$p" ""
        variant x "ESC O $fin" "${E}O$fin" "$p" ""
        for m in 2 3 5 6; do variant x "ESC [ 1;$m$fin" "$E[1;$m$fin" "$p" ""; done
        low=$(printf '%s' "$fin" | tr ABCD abcd)
        variant x "rxvt ESC [ $low" "$E[$low" "$p" ""
        variant x "rxvt ESC O $low" "${E}O$low" "$p" ""
    done
    for v in "[H" "OH" "[1~" "[7~" "[1;5H" "[1;2~" "[7;5~"; do variant x "Home ESC $v" "$E$v" g ""; done
    for v in "[F" "OF" "[4~" "[8~" "[1;5F" "[4;2~" "[8;5~"; do variant x "End ESC $v" "$E$v" G ""; done
    for v in "[5~" "[5;5~" "[5;2~"; do variant x "PgUp ESC $v" "$E$v" C-b ""; done
    for v in "[6~" "[6;5~" "[6;2~"; do variant x "PgDn ESC $v" "$E$v" C-f ""; done
    for v in "[2~" "[2;5~"; do variant x "Insert ESC $v" "$E$v" i Escape; done
    for v in "[3~" "[3;5~" "[3;2~"; do variant x "Delete ESC $v" "$E$v" i Escape; done
    for v in OP OQ OR OS "[11~" "[12~" "[13~" "[14~" "[[A" "[[B" "[[C" "[[D" "[1;2P" "[1;5S" "[11;2~" "[14;5~"; do
        variant x "F-key ESC $v" "$E$v" "?" Escape
    done

    # A sequence split over two writes (a slow link): still one key.
    keys x $RESET
    wait_until 3 same x "$S0"
    keys x -H 1b 5b
    keys x -H 43
    wait_until 3 differs x "$S0"
    got=$(settle x)
    keys x $RESET
    wait_until 3 same x "$S0"
    keys x l
    wait_until 3 differs x "$S0"
    [ "$got" = "$(settle x)" ] && pass "ESC [ and C in two writes: Right" || tfail x "ESC [ and C in two writes: Right"

    # A sequence no table knows (bracketed paste, a focus report): nothing happens, the board stays.
    keys x $RESET
    wait_until 3 same x "$S0"
    keys x -H 1b 5b 32 30 30 7e
    keys x -H 1b 5b 49
    keys x -H 1b 5b 39 39 3b 39 7a
    sleep 0.5
    check x "unknown sequences do nothing" same x "$S0"

    # Esc alone still goes back.
    keys x Escape
    check x "Esc alone leaves the board" wait_gone x "rij 1 van"
    check x "... for the choice of a board" wait_for x "LEERDOELEN"
    kill_session x
fi

# --- the same keys under terminfo entries that know fewer of them: vt100, linux ---
for term in vt100 linux; do
    s=$term
    if open_board "$s" "$term"; then
        variant "$s" "$term: ESC [ C" "$E[C" l ""
        variant "$s" "$term: ESC O A" "${E}OA" k ""
        variant "$s" "$term: ESC [ 1;5D" "$E[1;5D" h ""
        variant "$s" "$term: ESC [ 1~" "$E[1~" g ""
        variant "$s" "$term: ESC [ F" "$E[F" G ""
        variant "$s" "$term: ESC [ 5~" "$E[5~" C-b ""
        variant "$s" "$term: ESC [ 6~" "$E[6~" C-f ""
        variant "$s" "$term: ESC [ 3~" "$E[3~" i Escape
        variant "$s" "$term: ESC O P" "${E}OP" "?" Escape
        variant "$s" "$term: ESC [ [ B" "$E[[B" "?" Escape
        keys "$s" Escape
        check "$s" "$term: Esc alone leaves the board" wait_gone "$s" "rij 1 van"
        kill_session "$s"
    fi
done

finish termkeys
