#!/bin/sh
# LEERDOELEN as teachers, students and parents meet it: the real binary in tmux.
#  1. a teacher (80x24) sees only their own groups, opens groep 5a · rekenen › breuken and sets one student's
#     statuses by number, Space, lower- and upper-case letter; the history (on 'i') shows every change;
#  2. the beheerder has the same board open at 132x43 (side panel with title and history): it follows the
#     teacher's changes by itself;
#  3. a whole row and a whole column in bulk: first what it would do (how many cells from which status, which
#     go down), then only empty / only up / all; Esc changes nothing;
#  4. both set the same cell at once: one of them gets core's conflict sentence and sees the other's status;
#     K over a column with a mastered cell states the lowering, "only empty cells" leaves it, u restores, and an
#     undo leaves and names a cell someone else changed since;
#  5. the student sees their own statuses read-only (80x24 and 132x43), a parent first picks a child.
# Needs tmux and python3; run after `make` as `sh tests/tui/test_board.sh`.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux || ! command -v python3 >/dev/null 2>&1; then
    fail "tmux and python3 are needed for the TUI tests (sh tools/install-deps test)"
    finish board
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish board; exit 1; }

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
hasnt() { ! on_screen "$1" "$2"; }
# line_matches SESSION FIXED REGEX: the first line holding FIXED matches the extended regular expression.
line_matches() { screen "$1" | grep -F -- "$2" | head -n 1 | grep -qE -- "$3"; }
wait_line() { wait_until "${4:-5}" line_matches "$1" "$2" "$3"; }
# The question of the confirmation box as one line: the text between its side borders, joined.
dialog_text() {
    screen "$1" | sed -n 's/^[^│]*│\(.*\)│.*$/\1/p' | sed 's/^ *//; s/ *$//' | grep -v '^$' | tr '\n' ' '
}
dialog_has() { dialog_text "$1" | grep -qF -- "$2"; }
# line_starting SESSION PREFIX REGEX: the first line that starts with PREFIX matches REGEX.
line_starting() { screen "$1" | awk -v p="$2" 'index($0, p) == 1' | head -n 1 | grep -qE -- "$3"; }
# STUDENT's row of a board (not the side panel's line with the name).
student_line() { screen "$1" | awk -v p=" $STUDENT " 'index($0, p) == 1' | head -n 1; }
student_matches() { student_line "$1" | grep -qE -- "$2"; }
wait_student() { wait_until "${3:-5}" student_matches "$1" "$2"; }
# The cells of STUDENT's row, spaces squeezed.
student_cells() { student_line "$1" | sed 's/^.*% │ *//; s/ *│.*$//' | tr -s ' '; }
either_has() { on_screen t "$1" || on_screen b "$1"; }
sql() { "$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }

STUDENT="Daniëlle van 't Hof" # the demo account leerling, in groep 5a
SID=$(sql "SELECT id FROM users WHERE username = 'leerling'")
gid() { sql "SELECT id FROM leerdoelen WHERE code = '$1'"; }
history_rows() { sql "SELECT count(*) FROM goal_status_history WHERE student_id = $SID AND goal_id = $(gid "$1")"; }
status_of() { sql "SELECT COALESCE((SELECT s.letter FROM goal_status g JOIN status_values s ON s.id = g.status_id WHERE g.student_id = $SID AND g.goal_id = $(gid "$1")), '-')"; }

# open_board NAME W H USER: logged in, on the board of groep 5a · rekenen › breuken (niveau 5)
open_board() {
    start "$1" "$2" "$3" "$DB"
    wait_for "$1" "Gebruikersnaam" && login "$1" "$4" demo && menu_open "$1" LEERDOELEN &&
        wait_for "$1" "kies een groep en een deelgebied" || return 1
    keys "$1" Enter # the group list's Enter goes on to the deelgebieden
    keys "$1" /; type_text "$1" breuken; keys "$1" Enter
    wait_until 3 line_matches "$1" "rekenen › breuken" "▶ rekenen › breuken" || return 1
    keys "$1" Enter
    wait_for "$1" "RE-BR-5.01"
}
find_student() { # NAME: the cursor to STUDENT's row
    keys "$1" /; type_text "$1" "Daniëlle van"; keys "$1" Enter
}

# ---- 1. the teacher: own groups only, statuses by keys, history ----
start t 80 24 "$DB"
wait_for t "Gebruikersnaam" && login t leerkracht demo || tfail t "teacher logs in"
menu_open t LEERDOELEN
check t "teacher: LEERDOELEN opens the choice of group and deelgebied" wait_for t "kies een groep en een deelgebied"
check t "teacher: own group groep 5a listed" has t "groep 5a"
check t "teacher: own eigen groep listed" has t "rekenen niveau 5"
check t "teacher: another teacher's group is not listed (groep 6b)" hasnt t "groep 6b"
check t "teacher: nor leesclub groep 6" hasnt t "leesclub groep 6"
check t "teacher: the group's jaargroep niveau is preselected" has t "▶ niveau 5"
keys t Escape
wait_for t "Hoofdmenu"
kill_session t

open_board t 80 24 leerkracht || tfail t "teacher opens groep 5a · rekenen › breuken"
check t "board: the title names group and deelgebied" row_has t 2 "LEERDOELEN › groep 5a › rekenen › breuken"
check t "board: niveau and size on the first line" has t "niveau 5 · 25 leerlingen × 3 leerdoelen"
check t "board: goal codes in the header row" line_matches t "Leerling" "RE-BR-5\.01 +RE-BR-5\.02 +RE-BR-5\.03"
check t "board: the legend gives number, glyph, letter and label" has t "4 ● V beheerst"
check t "board: counts per status under the table" line_starting t " ○ B mee bezig" "│ +[0-9]+ +[0-9]+ +[0-9]+"
check t "board: the selected goal's title on the last line" has t "RE-BR-5.01  Ik kan breuken"
check t "board: the footer offers the bulk keys" row_has t 24 "R hele rij  K hele kolom"

# the beheerder opens the same board at 132x43 before the teacher starts
open_board b 132 43 beheerder || tfail b "beheerder opens the same board at 132x43"
find_student b
check b "132x43: the side panel names the selected student" wait_line b "$STUDENT" "│ $STUDENT"
check b "132x43: the side panel gives the goal's full title" has b "│ Ik kan breuken vereenvoudigen"
check b "132x43: no title line at the bottom, the panel has it" hasnt b "i: geschiedenis"
check b "132x43: every student fits (no row count)" hasnt b "rij 1 van"

find_student t
check t "search puts the cursor on the student (name on the goal line)" wait_for t "$STUDENT"
before=$(history_rows RE-BR-5.01)
keys t 2
check t "'2' sets mee bezig" wait_for t "$STUDENT · RE-BR-5.01: ○ B mee bezig"
check t "the cell shows glyph and letter" student_matches t "% │ +○ B"
keys t Space
check t "Space steps to bijna" wait_for t "RE-BR-5.01: ◐ J bijna"
keys t v
check t "lower-case 'v' sets beheerst" wait_for t "RE-BR-5.01: ● V beheerst"
check t "the student's share mastered goes up" student_matches t "(33|67|100)% │ +● V"
keys t N
check t "upper-case 'N' sets niet gestart" wait_for t "RE-BR-5.01: · N niet gestart"
[ "$(status_of RE-BR-5.01)" = N ] && pass "the database has N" || fail "the database has N" "got $(status_of RE-BR-5.01)"
after=$(history_rows RE-BR-5.01)
[ $((after - before)) = 4 ] && pass "four history rows for four changes" || fail "four history rows for four changes" "$before -> $after"

# ---- 2. live: the beheerder's board followed without a key ----
check b "live: the beheerder's board shows the teacher's last status by itself" \
    wait_student b "% │ +· N " 5
check b "live: the side panel's history names the teacher" wait_for b "Aylin Çelik" 5
check b "live: … with from → to" has b "● V → · N niet gestart"

keys t i
check t "80x24: 'i' opens the history" wait_for t "LEERDOELEN › GESCHIEDENIS › RE-BR-5.01"
check t "history: the full title" has t "Ik kan breuken vereenvoudigen"
check t "history: the number of changes is the database's" has t "Geschiedenis: $after wijzigingen"
for change in "◐ J bijna → ● V beheerst" "● V beheerst → · N niet gestart" "○ B mee bezig → ◐ J bijna"; do
    check t "history: $change" line_matches t "$change" "Aylin Çelik +"
done
check t "history: newest first" line_matches t "→" "● V beheerst → · N niet gestart"
keys t Escape
wait_for t "R hele rij" || tfail t "Esc back to the board"

# ---- 3. bulk: the whole row, then the whole column ----
keys t R
check t "R asks which status for the row" wait_for t "Hele rij van $STUDENT: welke status?"
keys t 3
check t "row: the question names the student and status" wait_until 3 dialog_has t "De hele rij van $STUDENT op ◐ J bijna zetten?"
check t "row: … and says from which status the cells come (N, set above)" dialog_has t "van N naar J"
check t "row: the choice: only empty, only up, all" sh -c "tmux -L '$SOCK' capture-pane -p -t t | grep -q 'alleen de lege cellen (l)' &&
    tmux -L '$SOCK' capture-pane -p -t t | grep -q 'alleen waar de status omhoog gaat (o)' &&
    tmux -L '$SOCK' capture-pane -p -t t | grep -q 'alle cellen'"
type_text t a
check t "row: done after 'a' (all)" wait_for t "rij van $STUDENT:"
check t "row: … the message says how many and what" has t "cellen staan nu op ◐ J bijna."
check t "row: … and the footer offers the undo" row_has t 24 "u ongedaan maken"
check t "row: every cell of the row shows ◐ J" student_matches t "│ +◐ J +◐ J +◐ J"
check b "row: the beheerder's board follows" wait_student b "│ +◐ J +◐ J +◐ J" 5
[ "$(status_of RE-BR-5.02)$(status_of RE-BR-5.03)" = JJ ] && pass "row: in the database" || fail "row: in the database"

keys t l
keys t K
check t "K asks which status for the column" wait_for t "Hele kolom RE-BR-5.02: welke status?"
keys t V
check t "column: the question names goal and status" wait_until 3 dialog_has t "De hele kolom RE-BR-5.02 op ● V beheerst zetten?"
check t "column: … and nothing goes down to the top status" sh -c "! tmux -L '$SOCK' capture-pane -p -t t | grep -q 'lager'"
keys t Escape
check t "column: Esc changes nothing" wait_for t "Niets veranderd."
n_before=$(sql "SELECT count(*) FROM goal_status_history WHERE goal_id = $(gid RE-BR-5.02)")
keys t K V
wait_until 3 dialog_has t "De hele kolom RE-BR-5.02" || tfail t "column: asked again"
type_text t a
check t "column: done after 'a'" wait_for t "kolom RE-BR-5.02:"
check t "column: … now on ● V" has t "staan nu op ● V beheerst"
check t "column: the count row says 25 beheerst" line_starting t " ● V beheerst" "│ +[0-9]+ +25 +[0-9]+"
mastered=$(sql "SELECT count(*) FROM goal_status g JOIN memberships m ON m.user_id = g.student_id AND m.group_id = 1 AND m.kind = 'leerling' WHERE g.goal_id = $(gid RE-BR-5.02) AND g.status_id = 4")
[ "$mastered" = 25 ] && pass "column: 25 in the database" || fail "column: 25 in the database" "got $mastered"
n_after=$(sql "SELECT count(*) FROM goal_status_history WHERE goal_id = $(gid RE-BR-5.02)")
[ "$n_after" -gt "$n_before" ] && pass "column: history rows written" || fail "column: history rows written"
check b "column: the beheerder's counts follow" wait_until 5 line_starting b " ● V beheerst" "│ +[0-9]+ +25 +[0-9]+"
keys t i
check t "history after the bulk actions: row, then column" wait_for t "◐ J bijna → ● V beheerst"
check t "… the row's change too" has t "→ ◐ J bijna"
keys t Escape
wait_for t "R hele rij"

# ---- 3b. the Leerdoeloverzicht of the group agrees with the board ----
start ov 80 24 "$DB"
wait_for ov "Gebruikersnaam" && login ov leerkracht demo && menu_open ov LEERDOELEN &&
    wait_for ov "kies een groep en een deelgebied" || tfail ov "teacher opens LEERDOELEN again"
keys ov Enter k
check ov "overview: first in the deelgebied list" wait_for ov "▶ ▤ Leerdoeloverzicht van de groep"
keys ov Enter
check ov "overview: opens for the group" wait_for ov "LEERDOELEN › OVERZICHT › groep 5a"
keys ov /; type_text ov "RE-BR-5.02"; keys ov Enter
check ov "overview: the column's 25 beheerst, bar full" \
    wait_line ov "RE-BR-5.02" " 0 +0 +0 +25 +0 +██████████ +100%"
row_j=$(sql "SELECT count(*) FROM goal_status WHERE goal_id = $(gid RE-BR-5.03) AND status_id = 3 AND student_id IN (SELECT user_id FROM memberships WHERE group_id = 1 AND kind = 'leerling')")
check ov "overview: RE-BR-5.03's count of bijna is the database's ($row_j)" \
    line_matches ov "RE-BR-5.03" " [0-9]+ +[0-9]+ +$row_j +[0-9]+ +[0-9]+ +[█░]+ +[0-9]+%"
keys ov Tab
check ov "overview: per student, with a share per hoofdgebied" wait_for ov "[ Per leerling ]"
check ov "overview: the student's total as bar and share" student_matches ov "│ 5 +[█░]+ +[0-9]+%"
keys t 1
keys ov Tab
wait_line ov "RE-BR-5.02" " 1 +0 +0 +24 +0 +[█░]+ +96%" 5 && pass "overview: follows a change on the board by itself (24 of 25 now)" ||
    tfail ov "overview: follows a change on the board by itself (24 of 25 now)"
keys t 4
wait_for t "RE-BR-5.02: ● V beheerst" || tfail t "back to V"
kill_session ov

# ---- 4. both at once on the same cell: one conflict, shown and reloaded ----
keys b l
wait_until 3 line_matches b "Leerling" "RE-BR-5\.02" || true
TM send-keys -t t 1 \; send-keys -t b 2
check t "conflict: one of the two gets core's sentence" \
    wait_until 5 either_has "Iemand anders heeft deze status intussen gewijzigd"
sleep 1.5
st_t=$(student_cells t)
st_b=$(student_cells b)
[ -n "$st_t" ] && [ "$st_t" = "$st_b" ] && pass "conflict: afterwards both boards show the same" ||
    fail "conflict: afterwards both boards show the same" "teacher: $st_t" "beheerder: $st_b"
want=$(sql "SELECT glyph || ' ' || letter FROM status_values WHERE letter = '$(status_of RE-BR-5.02)'")
printf '%s\n' "$st_t" | grep -qF -- "$want" && pass "conflict: … and that is the database's status ($want)" ||
    fail "conflict: … and that is the database's status ($want)" "teacher: $st_t"

# ---- 4b. K over a column with a mastered cell: the lowering is said, "only empty" leaves it, u restores ----
# RE-BR-5.03 of groep 5a: the student mastered it, nobody else has a status yet
G3=$(gid RE-BR-5.03)
sql "SELECT 1" >/dev/null
"$PY" - "$DB" "$G3" "$SID" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
g, sid = int(sys.argv[2]), int(sys.argv[3])
db.execute("DELETE FROM goal_status WHERE goal_id = ? AND student_id IN (SELECT user_id FROM memberships WHERE group_id = 1"
           " AND kind = 'leerling') AND student_id <> ?", (g, sid))
db.execute("INSERT INTO goal_status (student_id, goal_id, status_id, updated_at) VALUES (?, ?, 4, datetime('now'))"
           " ON CONFLICT (student_id, goal_id) DO UPDATE SET status_id = 4, version = version + 1", (sid, g))
db.commit()
PY
keys t l
wait_until 3 line_matches t "RE-BR-5.03  " "RE-BR-5.03" || true
last_cell_is() { [ "$(student_cells "$1" | awk '{ print $(NF-1), $NF }')" = "$2" ]; }
check t "mastered cell: the student's RE-BR-5.03 shows ● V" wait_until 5 last_cell_is t "● V"
keys t K B
check t "K B: the question states the lowering of the mastered cell" wait_until 3 dialog_has t "1 van V naar B — lager"
check t "K B: … and the empty cells going up" dialog_has t "24 van leeg naar B"
type_text t l
check t "only empty cells: 24 changed" wait_for t "kolom RE-BR-5.03: 24 cellen staan nu op ○ B mee bezig"
[ "$(status_of RE-BR-5.03)" = V ] && pass "only empty cells: the mastered V stays (database)" || fail "only empty cells: the mastered V stays (database)" "got $(status_of RE-BR-5.03)"
check t "only empty cells: the board still shows ● V for the student" last_cell_is t "● V"
empties() { sql "SELECT 25 - count(*) FROM goal_status WHERE goal_id = $G3 AND student_id IN (SELECT user_id FROM memberships WHERE group_id = 1 AND kind = 'leerling')"; }
[ "$(empties)" = 0 ] && pass "only empty cells: no empty cell left" || fail "only empty cells: no empty cell left" "$(empties) empty"
type_text t u
check t "u asks which change it puts back" wait_until 3 dialog_has t "Je laatste wijziging terugzetten: kolom RE-BR-5.03 op ○ B mee bezig (24 cellen"
type_text t j
check t "u: 24 cells put back" wait_for t "24 cellen teruggezet."
[ "$(empties)" = 24 ] && [ "$(status_of RE-BR-5.03)" = V ] && pass "u: the column is as before (24 empty, V kept)" ||
    fail "u: the column is as before (24 empty, V kept)" "$(empties) empty, student $(status_of RE-BR-5.03)"
type_text t u
check t "u again: offers the change before it (the column of section 3), not this one twice" \
    wait_until 3 dialog_has t "Je laatste wijziging terugzetten: kolom RE-BR-5.02"
type_text t n
wait_for t "Niets veranderd." || tfail t "u: 'n' keeps it"
# all, then someone else changes a cell, then u: that cell stays and is named
keys t K B
wait_until 3 dialog_has t "1 van V naar B — lager" || tfail t "K B asked again"
type_text t a
check t "all: 25 cells now ○ B" wait_for t "kolom RE-BR-5.03: 25 cellen staan nu op ○ B mee bezig"
[ "$(status_of RE-BR-5.03)" = B ] && pass "all: the mastered cell went down, as chosen" || fail "all: the mastered cell went down, as chosen"
keys b l
wait_until 3 line_matches b "Leerling" "RE-BR-5\.03" || true
sleep 1
keys b 3
is_j() { [ "$(status_of RE-BR-5.03)" = J ]; }
wait_until 5 is_j
[ "$(status_of RE-BR-5.03)" = J ] && pass "the beheerder sets the student's RE-BR-5.03 to J meanwhile" || fail "the beheerder sets the student's RE-BR-5.03 to J meanwhile" "got $(status_of RE-BR-5.03)"
type_text t u
wait_until 3 dialog_has t "Je laatste wijziging terugzetten" || tfail t "u asks again"
type_text t j
check t "u: the cell changed since is left and named, with who changed it" wait_until 5 dialog_has t "24 cellen teruggezet. 1 cel bleef staan"
check t "u: … the student, the goal, the status now and the beheerder" dialog_has t "$STUDENT · RE-BR-5.03: nu J, door Marieke Dijkstra"
keys t Enter
[ "$(status_of RE-BR-5.03)" = J ] && [ "$(empties)" = 24 ] && pass "u: the beheerder's J stays, the rest are empty again" ||
    fail "u: the beheerder's J stays, the rest are empty again" "$(empties) empty, student $(status_of RE-BR-5.03)"
kill_session b

# ---- 5. the student: own statuses, read-only; a parent picks a child ----
final1=$(status_of RE-BR-5.01)
cell52=$(sql "SELECT glyph || ' ' || letter FROM status_values WHERE letter = '$(status_of RE-BR-5.02)'")
label52=$(sql "SELECT label FROM status_values WHERE letter = '$(status_of RE-BR-5.02)'")
start s 80 24 "$DB"
wait_for s "Gebruikersnaam" && login s leerling demo || tfail s "student logs in"
menu_open s LEERDOELEN
check s "student: LEERDOELEN shows their own goals" wait_for s "LEERDOELEN › mijn leerdoelen"
check s "student: name and niveau" has s "$STUDENT · niveau 5"
check s "student: grouped by hoofdgebied with a count" line_matches s "rekenen " "[0-9]+ van [0-9]+ beheerst"
keys s /; type_text s "RE-BR-5.02"; keys s Enter
check s "student: the status the teachers left ($cell52) on their goal" wait_line s "RE-BR-5.02" "$cell52 +RE-BR-5\.02 .*$label52"
check s "student: the row's ◐ J on RE-BR-5.01" line_matches s "RE-BR-5.01" "◐ J +RE-BR-5\.01 .*bijna"
check s "student: deelgebied breuken heading with its count" line_starting s "    breuken" "[0-9] van 3 beheerst"
hist=$(history_rows RE-BR-5.02)
keys s 1 Space v
sleep 0.5
[ "$(history_rows RE-BR-5.02)" = "$hist" ] && [ "$(status_of RE-BR-5.01)" = "$final1" ] &&
    pass "student: keys change nothing (read-only)" || fail "student: keys change nothing (read-only)"
check s "student: no set keys in the footer" hasnt s "hele rij"
keys s Enter
check s "student: Enter shows the goal's history" wait_for s "GESCHIEDENIS › RE-BR-5.02"
check s "student: … with who changed it" has s "Aylin Çelik"
kill_session s

start s2 132 43 "$DB"
wait_for s2 "Gebruikersnaam" && login s2 leerling demo || tfail s2 "student logs in at 132x43"
menu_open s2 LEERDOELEN
check s2 "132x43: the student's goals" wait_for s2 "mijn leerdoelen"
check s2 "132x43: a goal row with status, title and label" line_matches s2 "RE-BR-5.02" "$cell52 +RE-BR-5\.02 +Ik kan .* $label52"
check s2 "132x43: other hoofdgebieden below" has s2 "taal"
kill_session s2

start o 80 24 "$DB"
wait_for o "Gebruikersnaam" && login o ouder demo || tfail o "parent logs in"
menu_open o LEERDOELEN
check o "parent: first a child" wait_for o "Van welk kind wil je de leerdoelen zien?"
check o "parent: the child is listed" has o "$STUDENT"
keys o /; type_text o "Daniëlle"; keys o Enter Enter
check o "parent: the child's goals" wait_for o "LEERDOELEN › $STUDENT"
check o "parent: … with the statuses the teachers set" wait_line o "RE-BR-5.02" "$cell52 +RE-BR-5\.02"
kill_session o

# ---- 6. live for the student: a teacher's change appears without a key ----
start s3 80 24 "$DB"
wait_for s3 "Gebruikersnaam" && login s3 leerling demo && menu_open s3 LEERDOELEN && wait_for s3 "mijn leerdoelen"
keys s3 /; type_text s3 "RE-BR-5.03"; keys s3 Enter
wait_line s3 "RE-BR-5.03" "RE-BR-5\.03" || true
keys t l 4
wait_for t "RE-BR-5.03: ● V beheerst" || tfail t "teacher sets RE-BR-5.03 to V"
check s3 "live: the student's list follows the teacher" wait_line s3 "RE-BR-5.03" "● V +RE-BR-5\.03" 5
kill_session s3
kill_session t

finish board
