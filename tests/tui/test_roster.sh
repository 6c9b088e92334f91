#!/bin/sh
# SCHOOL ROOSTER → ROOSTER MAKEN as the beheerder meets it: the real binary in tmux at 80x24.
#  1. four new weeks from a Wednesday (moved to its Monday, and said so), one of them a holiday: the review
#     counts them, VOLGENDE makes them without asking, and `roster show` has them;
#  2. another beheerder generates meanwhile: the open screen shows it without a key press;
#  3. the current week, which the demo filled with planning: the dialog names the counts, "Nee" (the default)
#     changes nothing, "Ja" replaces it.
# Needs tmux and python3; run after `make` as `sh tests/tui/test_roster.sh`.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux || ! command -v python3 >/dev/null 2>&1; then
    fail "tmux and python3 are needed for the TUI tests (sh tools/install-deps test)"
    finish roster
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish roster; exit 1; }

# tfail SESSION DESC [LINE...]: fail with the screen of SESSION underneath.
tfail() {
    _s=$1
    shift
    screen "$_s" >"$T/dump"
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s ($(pane_size "$_s")) is below the program's stderr:"
    sed 's/^/     | /' "$T/dump"
}
check() { # SESSION DESC CMD...: pass when CMD succeeds
    _s=$1 _d=$2
    shift 2
    if "$@"; then pass "$_d"; else tfail "$_s" "$_d"; fi
}
has() { on_screen "$1" "$2"; }
# The row of a week in step 2 ("week 2  07-01-2030 …") holds TEXT.
week_row_has() { screen "$1" | grep -F -- "$2" | grep -qF -- "$3"; }
wait_week_row() { wait_until "${4:-5}" week_row_has "$1" "$2" "$3"; }
# The question of the confirmation box as one line: the text between its side borders, joined.
dialog_text() {
    screen "$1" | sed -n 's/^[^│]*│\(.*\)│.*$/\1/p' | sed 's/^ *//; s/ *$//' | grep -v '^$' | tr '\n' ' '
}
dialog_has() { dialog_text "$1" | grep -qF -- "$2"; }
# iso_date DD-MM-YYYY -> YYYY-MM-DD
iso_date() { echo "$1" | sed 's/^\(..\)-\(..\)-\(....\)$/\3-\2-\1/'; }

open_roster() { # NAME: logged in as beheerder, at step 1 of ROOSTER MAKEN
    start "$1" 80 24 "$DB"
    wait_for "$1" "Gebruikersnaam" && login "$1" beheerder demo &&
        menu_open "$1" "MIJNROOSTER INSTELLINGEN" && wait_for "$1" "WEEK SJABLONEN" &&
        menu_open "$1" "SCHOOL ROOSTER" && wait_for "$1" "stap 1 van 3"
}
# set_start NAME DD-MM-YYYY WEEKS: fills step 1 and goes on to step 2.
set_start() {
    keys "$1" BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
    type_text "$1" "$2"
    keys "$1" Enter BSpace BSpace BSpace
    type_text "$1" "$3"
    keys "$1" Enter Enter
    wait_for "$1" "stap 2 van 3"
}

# ---- 1. four new weeks, one a holiday ----
if open_roster r; then pass "SCHOOL ROOSTER opens ROOSTER MAKEN at step 1"; else tfail r "SCHOOL ROOSTER opens ROOSTER MAKEN at step 1"; fi
set -- $(python3 -c 'import datetime as d; t = d.date.today(); n = t + d.timedelta(days=7 - t.weekday())
print(n.strftime("%d-%m-%Y"), n.isocalendar()[1])')
NEXT=$1 NEXT_WEEK=$2
check r "step 1: the start is next week's Monday ($NEXT)" has r "Eerste week    $NEXT"
check r "step 1: the ISO week beside the date (week $NEXT_WEEK)" row_has r 7 "week $NEXT_WEEK"
check r "step 1: four weeks by default" has r "Aantal weken   4 "
# 09-01-2030 is a Wednesday: the roster starts on Monday 07-01-2030 (ISO week 2).
if set_start r 09-01-2030 4; then pass "step 1 → step 2"; else tfail r "step 1 → step 2"; fi
check r "a Wednesday is moved to its Monday, and that is said" has r "09-01-2030 is geen maandag; het rooster begint op 07-01-2030 (week 2)"
for w in "week 2   07-01-2030" "week 3   14-01-2030" "week 4   21-01-2030" "week 5   28-01-2030"; do
    check r "step 2 lists '$w' as not yet made" week_row_has r "$w" "nog niet gemaakt"
done
check r "step 2: new weeks start with Standaardweek" week_row_has r "week 5   28-01-2030" "Standaardweek"
keys r Down Down Right
check r "Right makes week 4 a holiday" wait_week_row r "week 4   21-01-2030" "‹ — (vakantie) ›"
keys r Enter
if wait_for r "stap 3 van 3"; then pass "step 2 → step 3 (review)"; else tfail r "step 2 → step 3 (review)"; fi
check r "review: three weeks of Standaardweek and their lessons" has r "Standaardweek  3 weken, 144 lessen"
check r "review: which weeks" has r "week 2, 3 en 5"
check r "review: one holiday week" has r "vakantie       1 week"
check r "review: the total" has r "Samen: 4 weken, 144 lessen."
check r "review: nothing to lose" has r "In deze weken staan geen geplande leerdoelen of notities."
check r "review: VOLGENDE" has r "[ VOLGENDE ]"
keys r Left
check r "review: ← goes back to the weeks" wait_for r "stap 2 van 3"
keys r Enter
wait_for r "stap 3 van 3" || tfail r "back to the review"
keys r Escape
check r "review: Esc leaves the wizard, after a question (nothing made yet)" wait_for r "Je wijzigingen in het rooster dat je aan het maken bent"
type_text r n
check r "review: 'n' stays on the review" wait_for r "[ VOLGENDE ]"
keys r Enter
check r "VOLGENDE makes four empty weeks without asking" wait_for r "Rooster gemaakt: 4 weken, 144 lessen."
check r "back at step 2 after making them" has r "stap 2 van 3"
check r "step 2 shows the fresh state (holiday)" week_row_has r "week 4   21-01-2030" "vakantie"
check r "step 2 shows the fresh state (template)" week_row_has r "week 5   28-01-2030" "Standaardweek    Standaardweek"
run "$KM" --db "$DB" roster show --from 2030-01-07 --weeks 4
expect_out "roster show: week 2 Standaardweek" "week  2  2030-01-07  Standaardweek"
expect_out "roster show: week 3 Standaardweek" "week  3  2030-01-14  Standaardweek"
expect_out "roster show: week 4 vakantie" "week  4  2030-01-21  vakantie"
expect_out "roster show: week 5 Standaardweek" "week  5  2030-01-28  Standaardweek"
[ "$(printf '%s\n' "$out" | grep -c 'Standaardweek.*48 lessen')" = 3 ] && pass "roster show: three weeks with 48 lessons" ||
    fail "roster show: three weeks with 48 lessons"

# ---- 2. another beheerder generates meanwhile: the open screen follows ----
run "$KM" --db "$DB" roster generate --from 2030-01-07 --weeks 1 --template -
expect_code "the command line makes week 2 of 2030 a holiday" 0
check r "step 2 reloads by itself: week 2 is now a holiday" wait_week_row r "week 2   07-01-2030" "vakantie" 5
keys r Escape
check r "Esc goes back to step 1, keeping the start" wait_for r "Eerste week    07-01-2030"
keys r Escape
check r "Esc on step 1 with a plan chosen asks first" wait_for r "Je wijzigingen in het rooster dat je aan het maken bent"
type_text r j
check r "… and 'j' leaves the wizard in one key and a yes" wait_for r "MIJNROOSTER INSTELLINGEN"
kill_session r

# ---- 3. the current week holds planning: ask first, "Nee" changes nothing, "Ja" replaces ----
THIS=$(python3 -c 'import datetime as d; t = d.date.today(); print((t - d.timedelta(days=t.weekday())).strftime("%d-%m-%Y"))')
THIS_ISO=$(iso_date "$THIS")
WEEK=$(python3 -c "import datetime as d; print(d.date.fromisoformat('$THIS_ISO').isocalendar()[1])")
counts=$(python3 - "$DB" "$THIS_ISO" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
w = sys.argv[2]
goals = db.execute("SELECT count(*) FROM planned_goals p JOIN lesson_instances i ON i.id = p.instance_id"
                   " WHERE i.week_start = ?", (w,)).fetchone()[0]
notes = db.execute("SELECT count(*) FROM lesson_instances WHERE week_start = ? AND note <> ''", (w,)).fetchone()[0]
lessons = db.execute("SELECT count(*) FROM lesson_instances i WHERE week_start = ? AND (note <> '' OR EXISTS"
                     " (SELECT 1 FROM planned_goals p WHERE p.instance_id = i.id))", (w,)).fetchone()[0]
print(goals, notes, lessons)
PY
)
set -- $counts
GOALS=$1 NOTES=$2 LESSONS=$3
[ "${GOALS:-0}" -gt 0 ] && pass "the demo planned goals in this week ($GOALS goals, $NOTES notes in $LESSONS lessons)" ||
    fail "the demo planned goals in this week" "counts: $counts"
run "$KM" --db "$DB" roster show --from "$THIS_ISO" --weeks 1
before=$out
if open_roster p && set_start p "$THIS" 1; then pass "ROOSTER MAKEN over this week ($THIS)"; else tfail p "ROOSTER MAKEN over this week ($THIS)"; fi
check p "step 2 shows that this week has planning" week_row_has p "week $WEEK " "met planning"
keys p Enter
wait_for p "stap 3 van 3" || tfail p "step 3 of this week"
check p "review warns before VOLGENDE" has p "Let op: in week $WEEK staan"
keys p Enter
if wait_for p "Bevestigen"; then pass "VOLGENDE asks first"; else tfail p "VOLGENDE asks first"; fi
Q="In week $WEEK staan $GOALS geplande leerdoelen en $NOTES notities in $LESSONS lessen."
if dialog_has p "$Q"; then pass "the dialog names the counts and the week: $Q"; else tfail p "the dialog names the counts and the week: $Q" "dialog: $(dialog_text p)"; fi
check p "the dialog's focus is on Nee" has p "▶ [ Nee ]"
keys p Enter # the default: Nee
check p "Nee says nothing changed" wait_for p "Er is niets veranderd"
check p "Nee stays at the review" has p "stap 3 van 3"
run "$KM" --db "$DB" roster show --from "$THIS_ISO" --weeks 1
[ "$out" = "$before" ] && pass "Nee: roster show is identical before and after" ||
    fail "Nee: roster show is identical before and after" "before: $before"
keys p Enter
wait_for p "Bevestigen" || tfail p "the dialog again"
type_text p j
check p "Ja makes the week again" wait_for p "Rooster gemaakt: 1 week, 48 lessen. De planning in week $WEEK is gewist."
check p "Ja returns to step 2" has p "stap 2 van 3"
check p "step 2 shows the week without planning now" wait_gone p "met planning"
run "$KM" --db "$DB" roster show --from "$THIS_ISO" --weeks 1
expect_out "Ja: roster show has the week without planning" "48 lessen, 0 leerdoelen gepland, 0 notities"
kill_session p

finish roster
