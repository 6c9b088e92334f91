#!/bin/sh
# The common tasks in few keys: each counted from the home menu on the demo school, and a failure above the
# bar. A key is one tmux key (Enter, a letter, a digit, S-Tab); a word typed into a field or a search counts as
# one, whatever its length (the name of a student, "10:45-11:30").
#   teacher: a new password for one named student of the own group     at most 8
#   beheerder: one time slot 10:45-11:30 on all five weekdays          at most 12
#   teacher: one goal's status for the whole group                     at most 8
#   teacher: one goal linked to the lesson of now (or the next one)    at most 5
. tests/lib.sh
. tests/tui/lib.sh
have_tmux || { echo "keycounts: 0 passed, 1 failed (tmux missing)"; exit 1; }

DB="$T/school.db"
"$KM" --db "$DB" demo >/dev/null || { echo "keycounts: 0 passed, 1 failed (demo)"; exit 1; }
"$KM" --db "$DB" template add "Nieuwe week" >/dev/null # an empty week: 10:45-11:30 overlaps nothing in it
q() { "$PY" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$DB" "$1"; }

n=0
k() { _s=$1; shift; keys "$_s" "$@"; n=$((n + $#)); }        # keys, each counted
w() { type_text "$1" "$2"; n=$((n + 1)); }                   # a typed word: one
bar() { # DESC MAX: the count so far within the bar
    if [ "$n" -le "$2" ]; then pass "$1: $n keys (at most $2)"; else fail "$1: $n keys, more than $2"; fi
    echo "keycount: $1: $n"
}

# --- a teacher gives a named student of the own group a new password ---
start t 80 24 "$DB"
wait_for t "Gebruikersnaam"
login t leerkracht demo || fail "teacher logs in" "$(screen_dump t)"
n=0
k t 3; wait_for t "groep 5a"
k t Enter; wait_for t "WACHTWOORD INSTELLEN"
k t /; w t "Daniëlle"; k t Enter
k t p; wait_for t "Kies een nieuw wachtwoord voor"
k t BTab Enter
wait_for t "Nieuw wachtwoord:" && on_screen t "Daniëlle" && pass "the student has a new password" ||
    fail "the student has a new password" "$(screen_dump t)"
bar "teacher: a student's new password" 8
kill_session t

# --- a beheerder makes one time slot 10:45-11:30 on all five weekdays ---
start b 80 24 "$DB"
wait_for b "Gebruikersnaam"
login b beheerder demo || fail "beheerder logs in" "$(screen_dump b)"
n=0
k b 5; wait_for b "WEEK SJABLONEN"
k b 2; wait_for b "Nieuwe week"
k b Enter; wait_for b "Nieuwe week"
k b a; wait_for b "Nieuw tijdslot"
w b "10:45-11:30"; k b Enter; k b A; k b Enter
wait_for b "Tijdslot gemaakt op ma, di, wo, do, vr" && pass "the slot is made on ma t/m vr" ||
    fail "the slot is made on ma t/m vr" "$(screen_dump b)"
[ "$(q "SELECT count(*) FROM time_slots s JOIN week_templates t ON t.id = s.template_id
        WHERE t.name = 'Nieuwe week' AND s.start_min = 645 AND s.end_min = 690")" = 5 ] &&
    pass "five slots of 10:45-11:30 in the database" || fail "five slots of 10:45-11:30 in the database"
bar "beheerder: a time slot on all five weekdays" 12
kill_session b

# --- a teacher sets one goal's status for the whole group ---
start s 80 24 "$DB"
wait_for s "Gebruikersnaam"
login s leerkracht demo || fail "teacher logs in (status)" "$(screen_dump s)"
n=0
k s 2; wait_for s "statusbord"
k s Enter Enter; wait_for s "LEERDOELEN › groep 5a ›"
k s K; k s V; wait_for s "alleen waar de status omhoog gaat" # the cells that had a status: what to do with them
k s Enter # the default: only where it goes up, which to V is every cell
wait_any s 5 "cellen staan nu op" "leerlingen" "gezet" && sleep 0.5
col=$(q "SELECT count(DISTINCT gs.student_id) FROM goal_status gs JOIN status_values v ON v.id = gs.status_id
          JOIN memberships m ON m.user_id = gs.student_id JOIN groups g ON g.id = m.group_id
         WHERE g.name = 'groep 5a' AND m.kind = 'leerling' AND v.letter = 'V'
           AND gs.goal_id IN (SELECT goal_id FROM goal_status_history GROUP BY goal_id ORDER BY max(id) DESC LIMIT 1)")
[ "$col" = 25 ] && pass "the goal is V for all 25 students" || fail "the goal is V for all 25 students" "got $col" "$(screen_dump s)"
bar "teacher: one goal's status for the whole group" 8
kill_session s

# --- a teacher links one goal to the lesson of now ---
start l 80 24 "$DB"
wait_for l "Gebruikersnaam"
login l leerkracht demo || fail "teacher logs in (link)" "$(screen_dump l)"
n=0
k l o; wait_for l "Geplande leerdoelen"
before=$(screen l | sed -n 's/.*Geplande leerdoelen (\([0-9]*\)).*/\1/p' | head -n 1)
k l a; wait_for l "Leerdoelen koppelen aan"
k l Enter
wait_for l "Gekoppeld:" && pass "a goal is linked to the lesson" || fail "a goal is linked to the lesson" "$(screen_dump l)"
bar "teacher: one goal linked to the lesson of now" 5
k l Escape
wait_for l "Geplande leerdoelen ($((before + 1)))" && pass "the lesson shows it" || fail "the lesson shows it" "$(screen_dump l)"
kill_session l

finish keycounts
