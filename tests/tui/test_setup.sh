#!/bin/sh
# The set-up of the school's week as a beheerder does it, from an empty school and with key presses only
# (issue 5, first acceptance point). The people, groups and a room come from the command line; then, in the
# real binary in tmux at 100x30:
#  1. the first login forces a new password;
#  2. INSTELLINGEN: maandag opened with Space (standard time), dinsdag through its form with another end time;
#  3. WEEK SJABLONEN → a → "Testweek"; in its grid two slots (08:30–09:30, 09:30–10:30), each on maandag AND
#     dinsdag in one action (di ticked in the form);
#  4. maandag 08:30 → VOEG EEN LES TOE: Anna Jansen, groep 5a, lokaal 1, blokuur over 2e uur → MAAK LES AAN;
#     then in the same slot Piet Bakker with "rekenen niveau 3", which shares Daniëlle with groep 5a: the
#     wizard warns by name and asks, Ja makes it;
#  5. the check screen (c on Testweek) shows the clash as LET OP, naming Daniëlle Çelik;
#  6. the command line agrees (template check, template export --csv);
#  7. the grid once more at 80x24, and LOKALEN.
# Needs tmux; run after `make` as `sh tests/tui/test_setup.sh`.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux; then
    fail "tmux is needed for the TUI tests (sh tools/install-deps test)"
    finish setup
    exit 1
fi

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
# The steps build on each other: when a screen a step leads to does not come, the rest would only wait and
# fail after it, so the run ends there (with the screen in the message).
stop() {
    finish setup
    exit 1
}
see() { # SESSION DESC TEXT [SECONDS]: waits for TEXT on the screen; stops the run when it does not come
    if wait_for "$1" "$3" "${4:-5}"; then pass "$2"; else tfail "$1" "$2" "expected on the screen: $3"; stop; fi
}
has() { on_screen "$1" "$2"; }
hasnt() { ! on_screen "$1" "$2"; }
# The line of the screen that holds A also holds B.
line_has() { screen "$1" | grep -F -- "$2" | grep -qF -- "$3"; }
wait_line() { wait_until "${4:-5}" line_has "$1" "$2" "$3"; }
# A line of the screen matches the extended regular expression RE (for columns whose spacing may vary).
line_re() { screen "$1" | grep -qE -- "$2"; }
wait_re() { wait_until "${3:-5}" line_re "$1" "$2"; }
# The selected row of a list ("▶ …") holds TEXT.
selected_has() { screen "$1" | grep -F '▶' | grep -qF -- "$2"; }
wait_selected() { wait_until "${3:-5}" selected_has "$1" "$2"; }
# The question of the confirmation box as one line: the text between its side borders, joined.
dialog_text() {
    screen "$1" | sed -n 's/^[^│]*│\(.*\)│.*$/\1/p' | sed 's/^ *//; s/ *$//' | grep -v '^$' | tr '\n' ' '
}
dialog_has() { dialog_text "$1" | grep -qF -- "$2"; }
wait_dialog() { wait_until "${3:-5}" dialog_has "$1" "$2"; }
# find_row NAME TEXT: '/' in a list, TEXT, Enter: the cursor goes to the first row holding TEXT.
find_row() {
    keys "$1" /
    type_text "$1" "$2"
    keys "$1" Enter
    wait_selected "$1" "$2"
}

# ---- the school, from the command line ----
DB="$T/school.db"
setup_cli() {
    "$KM" --db "$DB" init --school "OBS Test" &&
        "$KM" --db "$DB" user add --role beheerder --username beheer --name "Bea Heer" &&
        printf 'Lang-Genoeg-Wachtwoord-1\n' | "$KM" --db "$DB" passwd beheer &&
        "$KM" --db "$DB" user add --role leerkracht --username jansen --name "Anna Jansen" &&
        "$KM" --db "$DB" user add --role leerkracht --username bakker --name "Piet Bakker" &&
        "$KM" --db "$DB" user add --role leerling --username danielle --name "Daniëlle Çelik" &&
        "$KM" --db "$DB" user add --role leerling --username sem --name "Sem de Jong" &&
        "$KM" --db "$DB" user add --role leerling --username noor --name "Noor Visser" &&
        "$KM" --db "$DB" group add "groep 5a" --kind stamgroep --jaargroep 5 &&
        "$KM" --db "$DB" group add "rekenen niveau 3" --kind eigen &&
        "$KM" --db "$DB" group join "groep 5a" danielle sem noor &&
        "$KM" --db "$DB" group join "rekenen niveau 3" danielle &&
        "$KM" --db "$DB" room add "lokaal 1" --capacity 30
}
if setup_cli >"$T/setup.out" 2>&1; then
    pass "empty school with a beheerder, two teachers, three students, two groups and a room (CLI)"
else
    fail "empty school with a beheerder, two teachers, three students, two groups and a room (CLI)" "$(cat "$T/setup.out")"
    finish setup
    exit 1
fi
run "$KM" --db "$DB" template list
[ "$code" = 0 ] && ! printf '%s' "$out" | grep -q . && pass "no week templates yet" || fail "no week templates yet"

# ---- 1. the first login: a password set on the command line is temporary ----
start s 100 30 "$DB"
see s "login screen" "Gebruikersnaam"
type_text s beheer; keys s Enter; type_text s "Lang-Genoeg-Wachtwoord-1"; keys s Enter
see s "first login: the temporary password must be changed" "Kies een eigen wachtwoord"
type_text s "Eigen-Keus-Beheer-7"; keys s Enter; type_text s "Eigen-Keus-Beheer-7"; keys s Enter Enter
see s "after the forced change the home menu opens" "Hoofdmenu"
check s "the beheerder's menu has MIJNROOSTER INSTELLINGEN" has s "MIJNROOSTER INSTELLINGEN"

# ---- 2. school hours ----
menu_open s "MIJNROOSTER INSTELLINGEN"
see s "MIJNROOSTER INSTELLINGEN opens its submenu" "schooltijden per weekdag"
menu_open s "INSTELLINGEN"
see s "INSTELLINGEN shows the school hours" "De schooltijden per weekdag"
check s "a new school is closed on maandag" line_has s "maandag" "○ dicht"
check s "the cursor starts on maandag" selected_has s "maandag"
keys s Space
see s "Space opens maandag" "Op maandag is de school nu open."
check s "maandag: open at the standard time 08:30 – 14:30" wait_re s "maandag +● open +08:30 – 14:30"
keys s Down
check s "Down goes to dinsdag" wait_selected s "dinsdag"
keys s Enter
see s "Enter on dinsdag opens its times" "Van wanneer tot wanneer is de school open op dinsdag?"
check s "the form starts from the standard time" line_has s "Eind" "14:30"
# Begin stays; Enter goes to Eind, whose 14:30 becomes 15:15; Enter to the button, Enter saves.
keys s Enter BSpace BSpace BSpace BSpace BSpace
type_text s "15:15"
keys s Enter Enter
see s "dinsdag saved" "Op dinsdag is de school open van 08:30 – 15:15."
check s "dinsdag: open 08:30 – 15:15" wait_re s "dinsdag +● open +08:30 – 15:15"
check s "maandag still open at its time" line_re s "maandag +● open +08:30 – 14:30"
check s "woensdag stays closed" line_has s "woensdag" "○ dicht"
keys s Escape
see s "Esc goes back to MIJNROOSTER INSTELLINGEN" "weken met tijdsloten en lessen"

# ---- 3. a week template and its slots ----
menu_open s "WEEK SJABLONEN"
see s "WEEK SJABLONEN is empty and says how to start" "Druk op a (VOEG WEEK TOE)"
keys s a
see s "a asks for the new week's name" "Hoe heet de nieuwe week?"
type_text s "Testweek"
keys s Enter
keys s Enter # Naam → the button VOEG WEEK TOE, which Enter presses
see s "VOEG WEEK TOE makes Testweek and opens its grid" "WEEK SJABLONEN › Testweek · 0 tijdsloten · 0 lessen"
check s "the grid has maandag and dinsdag with their hours" line_has s "maandag 08:30–14:30" "dinsdag 08:30–15:15"
check s "a closed day is not in the grid" hasnt s "woensdag"
check s "the cursor starts on maandag 08:30, empty" wait_row s 3 "maandag 08:30 · leeg"

# make_slot NAME LABEL FROM TO: Space on the cursor, Down three rows (a quarter hour each), Space; in the form
# the name, and dinsdag ticked beside maandag.
make_slot() {
    keys s Space
    check s "$2: Space starts marking" wait_for s "Markeren:"
    keys s Down Down Down
    check s "$2: Down extends the mark to $4" wait_for s "Nieuw tijdslot op maandag: $3–$4 (60 minuten)"
    keys s Space
    check s "$2: Space opens the form" wait_for s "Het tijdslot komt op elke aangevinkte dag."
    check s "$2: the form has the marked begin" line_has s "Begin" "$3"
    check s "$2: the form has the marked end" line_has s "Eind" "$4"
    check s "$2: maandag is ticked, dinsdag not" has s "[x] ma  [ ] di"
    type_text s "$1"
    keys s Enter Enter Right Space # name → Pauze (nee) → Dagen; → di; Space ticks it
    check s "$2: Space ticks dinsdag" wait_for s "[x] ma  [x] di"
    keys s Enter Enter # → Maak tijdslot, and press it
    check s "$2: one action makes it on maandag and dinsdag" wait_for s "Tijdslot gemaakt op ma, di."
}
make_slot "1e uur" "slot 1" 08:30 09:30
check s "the grid: 1e uur on both days" wait_line s "08:30 │ ┌1e uur" "┌1e uur"
check s "the grid: 08:30–09:30 on both days" wait_re s "^ 08:45 │ │08:30–09:30 +│08:30–09:30"
check s "the title counts 2 slots" wait_for s "Testweek · 2 tijdsloten · 0 lessen"
keys s Down Down Down Down
check s "Down four rows: maandag 09:30, empty" wait_row s 3 "maandag 09:30 · leeg"
make_slot "2e uur" "slot 2" 09:30 10:30
check s "the grid: 2e uur on both days" wait_line s "09:30 │ ┌2e uur" "┌2e uur"
check s "the title counts 4 slots" wait_for s "Testweek · 4 tijdsloten · 0 lessen"

# ---- 4. lessons: a blokuur, then a second lesson that makes a student clash ----
keys s Up
check s "Up: the cursor is on maandag's 1e uur" wait_row s 3 "maandag 08:30–09:30 · 1e uur · 0 lessen"
keys s Enter
see s "Enter opens the slot's lessons" "Nog geen lessen in dit tijdslot."
keys s a
see s "a = VOEG EEN LES TOE: step 1, the teacher" "Stap 1 van 9 · Leerkracht"
check s "both teachers are free" line_has s "Anna Jansen" "jansen"
find_row s "Anna Jansen" || { tfail s "the search finds Anna Jansen"; stop; }
keys s Enter
see s "step 2: the hoofdgebied" "Stap 2 van 9 · Hoofdgebied"
check s "an empty curriculum: 'geen hoofdgebied' is offered and chosen" selected_has s "(•) geen hoofdgebied"
keys s Enter
see s "without a hoofdgebied the deelgebied is passed by: step 4, the room" "Stap 4 van 9 · Lokaal"
find_row s "lokaal 1" || { tfail s "the search finds lokaal 1"; stop; }
check s "the room shows its capacity" line_has s "lokaal 1" "30 plaatsen"
keys s Enter
see s "step 5: niveaus (none in an empty school)" "Stap 5 van 9 · Niveaus"
keys s Enter
see s "step 6: the groups" "Stap 6 van 9 · Groepen"
check s "groep 5a is offered with its students" line_has s "groep 5a" "stamgroep · jaargroep 5 · 3 leerlingen"
find_row s "groep 5a" || { tfail s "the search finds groep 5a"; stop; }
keys s Space
see s "Space ticks groep 5a" "Gekozen: groep 5a"
keys s Enter
see s "step 7: mandatory groups" "Stap 7 van 9 · Verplicht"
check s "a ticked group is mandatory" line_has s "[x] groep 5a" "verplicht"
keys s Enter
see s "step 8: the blokuur" "Stap 8 van 9 · Blokuur"
check s "the blokuur offers the next slot" has s "ja, t/m 2e uur (08:30–10:30)"
keys s Down
check s "Down to the blokuur over 2e uur" wait_selected s "ja, t/m 2e uur (08:30–10:30)"
keys s Enter
see s "step 9: the summary" "Stap 9 van 9 · Overzicht"
check s "summary: the teacher" line_has s "Leerkracht" "Anna Jansen"
check s "summary: the room" line_has s "Lokaal" "lokaal 1 (30 plaatsen)"
check s "summary: the group" line_has s "Groepen" "groep 5a"
check s "summary: the blokuur" line_has s "Blokuur" "ja, t/m 2e uur (08:30–10:30)"
check s "summary: the cursor is on MAAK LES AAN" selected_has s "[ MAAK LES AAN ]"
keys s Enter
see s "MAAK LES AAN makes the blokuur without a warning" "Les gemaakt. Nog een les toevoegen?"
check s "no warning for the first lesson" hasnt s "waarschuwing"
check s "the cursor is on 'another lesson'" selected_has s "Ja, nog een les in dit tijdslot"
keys s Enter
see s "another lesson: step 1 again" "Stap 1 van 9 · Leerkracht"
check s "the second teacher is offered" wait_for s "Piet Bakker"
check s "the first teacher, busy in this slot now, is not offered" hasnt s "Anna Jansen"
find_row s "Piet Bakker" || { tfail s "the search finds Piet Bakker"; stop; }
keys s Enter
see s "step 2 of the second lesson" "Stap 2 van 9 · Hoofdgebied"
keys s Enter
see s "step 4 of the second lesson" "Stap 4 van 9 · Lokaal"
check s "lokaal 1 is marked as taken by Anna Jansen" line_has s "lokaal 1" "bezet: Anna Jansen"
check s "the second lesson starts without a room" selected_has s "(•) geen lokaal"
keys s Enter
see s "step 5 of the second lesson" "Stap 5 van 9 · Niveaus"
keys s Enter
see s "step 6 of the second lesson" "Stap 6 van 9 · Groepen"
check s "rekenen niveau 3 is offered as an eigen groep" line_has s "rekenen niveau 3" "eigen · 1 leerling"
find_row s "rekenen niveau 3" || { tfail s "the search finds rekenen niveau 3"; stop; }
keys s Space
see s "Space ticks rekenen niveau 3" "Gekozen: rekenen niveau 3"
keys s Enter
see s "step 7 of the second lesson" "Stap 7 van 9 · Verplicht"
keys s Enter
see s "step 8 of the second lesson" "Stap 8 van 9 · Blokuur"
check s "no blokuur for the second lesson" selected_has s "(•) nee, alleen dit tijdslot"
keys s Enter
see s "the second lesson's summary" "Stap 9 van 9 · Overzicht"
check s "summary: Piet Bakker" line_has s "Leerkracht" "Piet Bakker"
check s "summary: rekenen niveau 3" line_has s "Groepen" "rekenen niveau 3"
# leaving from the last step is one key and a yes (not nine Esc presses); "Nee" keeps every choice
keys s Escape
if wait_dialog s "Je wijzigingen in deze les zijn nog niet opgeslagen. Weggooien?"; then pass "summary: Esc asks before the choices are thrown away"; else tfail s "summary: Esc asks before the choices are thrown away" "dialog: $(dialog_text s)"; fi
type_text s n
see s "summary: 'n' keeps the summary with its choices" "Stap 9 van 9 · Overzicht"
check s "summary: … Piet Bakker still chosen" line_has s "Leerkracht" "Piet Bakker"
keys s Enter
see s "MAAK LES AAN asks first" "Bevestigen"
Q="Toch maken? Er is 1 waarschuwing: Daniëlle Çelik zit op maandag 08:30–09:30 in twee lessen tegelijk"
if wait_dialog s "$Q"; then pass "the question names the clash: $Q"; else tfail s "the question names the clash: $Q" "dialog: $(dialog_text s)"; fi
check s "the dialog's focus is on Nee" has s "▶ [ Nee ]"
type_text s j
see s "Ja makes the lesson, with the warning accepted" "Klaar, met 1 geaccepteerde waarschuwing."
check s "then it offers another lesson" has s "Les gemaakt. Nog een les toevoegen?"
keys s Down
check s "Down to 'Nee, sluiten'" wait_selected s "Nee, sluiten"
keys s Enter
see s "back at the slot: two lessons" "maandag 08:30–09:30 · 1e uur · 2 lessen"
check s "the slot: Anna Jansen's lesson is a blokuur 08:30–10:30" wait_line s "Anna Jansen" "08:30–10:30"
check s "the slot: Anna Jansen teaches groep 5a in lokaal 1" line_re s "Anna Jansen .*lokaal 1 +groep 5a"
check s "the slot: Piet Bakker teaches rekenen niveau 3" line_has s "Piet Bakker" "rekenen niveau 3"
keys s Escape
see s "Esc: back to the grid, now with 3 lessons" "Testweek · 4 tijdsloten · 3 lessen"
check s "the grid: maandag 1e uur holds 2 lessen, dinsdag none" line_re s "^ 09:00 │ │2 lessen +│0 lessen"
check s "the grid: the blokuur runs on in maandag 2e uur" line_re s "^ 10:00 │ │1 les +│0 lessen"
keys s Escape
see s "Esc: back to WEEK SJABLONEN" "1 weeksjabloon"
check s "the list: Testweek with 4 slots, 3 lessons, no roster weeks" line_re s "▶ Testweek +4 +3 +—"

# ---- 5. the check screen ----
keys s c
see s "c opens the check of Testweek" "WEEK SJABLONEN › Testweek › controle"
check s "the check counts no error and one warning" has s "✗ 0 fouten, ! 1 waarschuwing"
check s "the clash is a LET OP on maandag 08:30–09:30" line_re s "▶ ! LET OP +ma 08:30–09:30 +Daniëlle Çelik"
check s "the panel has the whole sentence, naming Daniëlle Çelik" has s "Daniëlle Çelik zit op maandag 08:30–09:30 in twee lessen tegelijk: les (groep 5a) en les"
check s "only the child in both groups is named" hasnt s "Sem de Jong"
check s "no FOUT" hasnt s "✗ FOUT"
check s "the program is still running" test "$(pane_dead s)" = 0
kill_session s

# ---- 6. the command line agrees ----
run "$KM" --db "$DB" template check Testweek
expect_out "template check names Daniëlle Çelik" "LET OP  Daniëlle Çelik zit op maandag 08:30–09:30 in twee lessen tegelijk"
expect_out "template check: one warning, no error (exit 0)" "1 botsing: 0 FOUT, 1 LET OP"
run "$KM" --db "$DB" template export Testweek --csv
expect_out "template export has the CSV heading" "sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur"
# The CSV has CRLF line ends (as spreadsheets write them) and a BOM before the heading.
printf '%s\n' "$out" | tr -d '\r' | sed 1d >"$T/rows.csv"
slots=$(cut -d';' -f2-5 "$T/rows.csv" | sort -u | tr '\n' ' ')
want="di;08:30;09:30;1e uur di;09:30;10:30;2e uur ma;08:30;09:30;1e uur ma;09:30;10:30;2e uur "
[ "$slots" = "$want" ] && pass "export: 4 slots, ma and di × 1e and 2e uur" || fail "export: 4 slots, ma and di × 1e and 2e uur" "slots: $slots"
block=$(awk -F';' '$7 == "jansen" { print $2, $3, $10, $12, $13 }' "$T/rows.csv" | tr '\n' '|')
nr=$(awk -F';' '$7 == "jansen" && $2 == "ma" && $3 == "08:30" { print $13 }' "$T/rows.csv")
case $nr in '' | *[!0-9]*) nr_ok=false ;; *) nr_ok=true ;; esac
$nr_ok && [ "$block" = "ma 08:30 lokaal 1 groep 5a $nr|ma 09:30 lokaal 1 groep 5a $nr|" ] &&
    pass "export: the blokuur number ($nr) on both rows of Anna Jansen's lesson" ||
    fail "export: the blokuur number on both rows of Anna Jansen's lesson" "rows: $block"
other=$(awk -F';' '$7 == "bakker" { print $2, $3, $12, "[" $13 "]" }' "$T/rows.csv")
[ "$other" = "ma 08:30 rekenen niveau 3 []" ] && pass "export: Piet Bakker's lesson, no blokuur" ||
    fail "export: Piet Bakker's lesson, no blokuur" "rows: $other"

# ---- 7. the grid at 80x24, and LOKALEN ----
start n 80 24 "$DB"
see n "80x24: login screen" "Gebruikersnaam"
if login n beheer "Eigen-Keus-Beheer-7"; then pass "80x24: the chosen password logs in, no second forced change"; else tfail n "80x24: the chosen password logs in, no second forced change"; fi
menu_open n "MIJNROOSTER INSTELLINGEN"
see n "80x24: MIJNROOSTER INSTELLINGEN" "weken met tijdsloten en lessen"
menu_open n "WEEK SJABLONEN"
see n "80x24: WEEK SJABLONEN" "1 weeksjabloon"
keys n Enter
see n "80x24: Enter opens the Testweek grid" "Testweek · 4 tijdsloten · 3 lessen"
check n "80x24: both day columns with their hours" line_has n "maandag 08:30–14:30" "dinsdag 08:30–15:15"
check n "80x24: 1e uur on both days" line_has n "08:30 │ ┌1e uur" "┌1e uur"
check n "80x24: 2e uur on both days" line_has n "09:30 │ ┌2e uur" "┌2e uur"
check n "80x24: the lesson counts" line_re n "^ 09:00 │ │2 lessen +│0 lessen"
check n "80x24: the cursor line" row_has n 3 "maandag 08:30–09:30 · 1e uur · 2 lessen · Enter: lessen"
check n "80x24: the footer is on the last row" row_has n 24 "?/F1 hulp"
keys n Escape
see n "80x24: back to WEEK SJABLONEN" "Enter: tijdsloten en lessen"
keys n Escape
see n "80x24: back to MIJNROOSTER INSTELLINGEN" "weken met tijdsloten en lessen"
menu_open n "LOKALEN"
check n "80x24: LOKALEN lists lokaal 1 with 30 places" wait_line n "lokaal 1" "30"
check n "80x24: the program is still running" test "$(pane_dead n)" = 0
kill_session n

finish setup
