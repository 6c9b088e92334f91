#!/bin/sh
# The screens in English: with LANGUAGE=en, or with "language = en" in the config's [general] section; Dutch with
# neither, and LANGUAGE=nl wins over the config. The newer screens too: the school hours, WEEK SJABLONEN with its
# grid and check, LOKALEN, the MIJNROOSTER planner's week and day, LEERDOELEN's choice screen and status board.
# The real binary in tmux, as in test_tui.sh.
# Needs tmux and the compiled catalogue (build/locale/en/LC_MESSAGES/klassenmap.mo); run after `make` as
# `sh tests/tui/test_english.sh`.
. tests/lib.sh
. tests/tui/lib.sh
. tests/cli/dutch_words.sh
# Every screen read is kept per session, so the English sessions can be searched for Dutch words at the end.
screen() { TM capture-pane -p -t "$1" 2>/dev/null | tee -a "$T/screens-$1.txt"; }

if ! have_tmux; then
    fail "tmux is needed for the TUI tests (sh tools/install-deps test)"
    finish english
    exit 1
fi
MO=$(dirname "$KM")/locale/en/LC_MESSAGES/klassenmap.mo
if [ ! -f "$MO" ]; then
    fail "the English catalogue is built" "missing $MO: run make"
    finish english
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish english; exit 1; }

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
# row_matches SESSION N REGEX: row N matches the extended regular expression.
row_matches() { row "$1" "$2" | grep -qE -- "$3"; }
footer_lacks() { ! row_has "$1" $FOOTER "$2"; }
FOOTER=24
EN_DATE='(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [0-9]{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} *$'
NL_DATE='(zo|ma|di|wo|do|vr|za) [0-9]{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) [0-9]{4} *$'

# A config that asks for English, with the cheap Argon2id settings of tests/lib.sh's config.
{ printf '[general]\nlanguage = en\n\n'; cat "$KLASSENMAP_CONFIG"; } >"$T/english.ini"
DUTCH_CONFIG=$KLASSENMAP_CONFIG

# LANGUAGE is always given (empty = not set, as the program reads it), so the caller's own LANGUAGE cannot decide;
# start already sets LC_ALL=C.UTF-8, which asks for no language.
start env_en 80 24 "$DB" LANGUAGE=en
start plain 80 24 "$DB" LANGUAGE=
KLASSENMAP_CONFIG="$T/english.ini"
start config_en 80 24 "$DB" LANGUAGE=
start env_nl 80 24 "$DB" LANGUAGE=nl
KLASSENMAP_CONFIG=$DUTCH_CONFIG

# ---- 1. English: the login screen, a wrong password, the home menu and its footer ----
english() { # SESSION DESC
    s=$1 how=$2
    if ! wait_for "$s" "Username"; then
        tfail "$s" "$how: the login screen is English (Username)"
        return
    fi
    for text in "Username" "Password" "[ Log in ]" "[ Forgot password ]" "Log in with your username and password" \
        "Demo school — accounts: beheerder, leerkracht, leerling, ouder"; do
        check "$s" "$how: the login screen shows '$text'" has "$s" "$text"
    done
    check "$s" "$how: the login screen's title is 'Log in'" row_has "$s" 2 "Log in"
    check "$s" "$how: no Dutch on the login screen" hasnt "$s" "Gebruikersnaam"
    check "$s" "$how: the header's date is English" row_matches "$s" 1 "$EN_DATE"
    check "$s" "$how: the footer of the login screen is English" row_has "$s" $FOOTER "Tab next field"

    type_text "$s" beheerder; keys "$s" Enter; type_text "$s" wrong-password; keys "$s" Enter
    check "$s" "$how: a wrong password says 'Incorrect username or password'" \
        wait_for "$s" "Incorrect username or password"

    # the cursor is back on the password field, the username still filled in
    type_text "$s" demo; keys "$s" Enter
    if ! wait_for "$s" "Main menu — welcome, "; then
        tfail "$s" "$how: beheerder logs in and sees 'Main menu — welcome, …'"
        return
    fi
    pass "$how: beheerder logs in and sees 'Main menu — welcome, …'"
    for hint in "teachers, students and parents" "school hours, week templates, timetable" \
        "synchronization with ParnasSys (read-only)" "your details and your password" "back to the login screen"; do
        check "$s" "$how: the home menu hints '$hint'" has "$s" "$hint"
    done
    # the names the school knows stay as they are
    for item in MIJNGEBRUIKERS "SCHOOL INSTELLINGEN" PROFIEL; do
        check "$s" "$how: the home menu keeps the name $item" has "$s" "$item"
    done
    check "$s" "$how: no Dutch hints on the home menu" hasnt "$s" "je gegevens en je wachtwoord"
    for item in "?/F1 help" "Enter open" "↑/k up" "↓/j down"; do
        check "$s" "$how: the footer shows '$item'" row_has "$s" $FOOTER "$item"
    done
    for word in hulp kies omhoog; do
        check "$s" "$how: no '$word' in the footer" footer_lacks "$s" "$word"
    done
    check "$s" "$how: the header's date is English after login" row_matches "$s" 1 "$EN_DATE"

    keys "$s" '?'
    if wait_for "$s" "These keys work on the previous screen:"; then
        check "$s" "$how: the help describes the keys in English" has "$s" "Show this help with all the keys."
        keys "$s" Escape
        wait_for "$s" "Main menu" || tfail "$s" "$how: Esc closes the help"
    else
        tfail "$s" "$how: ? opens an English help"
    fi
}

english env_en "LANGUAGE=en"
english config_en "language = en in the config"

# ---- 2. Dutch: neither asks for English, or LANGUAGE=nl overrules the config ----
dutch() { # SESSION DESC
    s=$1 how=$2
    if ! wait_for "$s" "Gebruikersnaam"; then
        tfail "$s" "$how: the login screen is Dutch (Gebruikersnaam)"
        return
    fi
    pass "$how: the login screen is Dutch (Gebruikersnaam)"
    check "$s" "$how: the login screen shows '[ Inloggen ]'" has "$s" "[ Inloggen ]"
    check "$s" "$how: no English on the login screen" hasnt "$s" "Username"
    check "$s" "$how: the header's date is Dutch" row_matches "$s" 1 "$NL_DATE"
    if ! login "$s" beheerder demo; then
        tfail "$s" "$how: beheerder logs in and sees 'Hoofdmenu'"
        return
    fi
    pass "$how: beheerder logs in and sees 'Hoofdmenu'"
    check "$s" "$how: the home menu hints in Dutch" has "$s" "je gegevens en je wachtwoord"
    check "$s" "$how: the footer is Dutch" row_has "$s" $FOOTER "?/F1 hulp"
}

dutch plain "no LANGUAGE, no language in the config"
dutch env_nl "LANGUAGE=nl with language = en in the config"

# ---- 3. The newer screens in English (LANGUAGE=en, 80x24); the names the school knows stay Dutch ----
en_login() { # SESSION USER: logs in on the English login screen, waits for the English home menu
    wait_for "$1" "Username" || return 1
    type_text "$1" "$2"; keys "$1" Enter; type_text "$1" demo; keys "$1" Enter
    wait_for "$1" "Main menu — welcome, "
}
WEEKDAY_EN='(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
MONTH_EN='(January|February|March|April|May|June|July|August|September|October|November|December)'

# beheerder: MIJNROOSTER INSTELLINGEN → INSTELLINGEN (school hours), WEEK SJABLONEN and its check, LOKALEN
start admin_en 80 24 "$DB" LANGUAGE=en
if en_login admin_en beheerder && menu_open admin_en "MIJNROOSTER INSTELLINGEN" && wait_for admin_en "WEEK SJABLONEN"; then
    pass "admin_en: MIJNROOSTER INSTELLINGEN opens"
    for hint in "school hours per weekday" "weeks with time slots and lessons" "one template per week, for N weeks" \
        "rooms and how many children fit in them"; do
        check admin_en "admin_en: the timetable menu hints '$hint'" has admin_en "$hint"
    done
    for item in INSTELLINGEN "WEEK SJABLONEN" "SCHOOL ROOSTER" LOKALEN; do
        check admin_en "admin_en: the timetable menu keeps the name $item" has admin_en "$item"
    done
    if menu_open admin_en INSTELLINGEN && wait_for admin_en "INSTELLINGEN — school hours"; then
        pass "admin_en: INSTELLINGEN opens the school hours ('INSTELLINGEN — school hours')"
        check admin_en "admin_en: the school hours say what they are for" \
            has admin_en "The school hours per weekday; every week's timetable is drawn from them."
        check admin_en "admin_en: the hours header is English (Day, Open, Hours, Time slots in the week templates)" \
            row_matches admin_en 5 '^ +Day +Open +Hours +Time slots in the week templates *$'
        check admin_en "admin_en: Monday is open, with its time slots" \
            row_matches admin_en 6 'Monday +● open +[0-9]{2}:[0-9]{2} – [0-9]{2}:[0-9]{2} +[0-9]+ time slots in [0-9]+ templates?'
        check admin_en "admin_en: Sunday is closed, without time slots" \
            row_matches admin_en 12 'Sunday +○ closed +— +no time slots'
        check admin_en "admin_en: the hours hint is English" has admin_en "Space: open 08:30–14:30 or closed"
        for word in maandag dicht Tijdsloten; do
            check admin_en "admin_en: no '$word' on the school hours" hasnt admin_en "$word"
        done
        keys admin_en Enter
        if wait_for admin_en "INSTELLINGEN › Monday"; then
            check admin_en "admin_en: the day's form asks in English" \
                has admin_en "From what time to what time is the school open on Monday?"
            for text in "Start        08:30" "End          14:30" "[ Save school hours ]"; do
                check admin_en "admin_en: the day's form shows '$text'" has admin_en "$text"
            done
            keys admin_en Escape
        else
            tfail admin_en "admin_en: Enter opens the day's form (INSTELLINGEN › Monday)"
        fi
        wait_for admin_en "INSTELLINGEN — school hours" && keys admin_en Escape
    else
        tfail admin_en "admin_en: INSTELLINGEN opens the school hours ('INSTELLINGEN — school hours')"
    fi
    if wait_for admin_en "one template per week" && menu_open admin_en "WEEK SJABLONEN" &&
        wait_for admin_en "1 week template"; then
        pass "admin_en: WEEK SJABLONEN lists '1 week template'"
        check admin_en "admin_en: the template list's header is English (Name, Time slots, Lessons, Roster weeks)" \
            row_matches admin_en 5 '^ +Name +Time slots +Lessons +Roster weeks *$'
        check admin_en "admin_en: the template list's hint is English" \
            has admin_en "Enter: time slots and lessons · e: rename or copy · c: check"
        check admin_en "admin_en: the footer offers 'c check'" row_has admin_en $FOOTER "c check"
        keys admin_en c
        if wait_for admin_en "WEEK SJABLONEN › Standaardweek › check"; then
            pass "admin_en: c opens the check ('WEEK SJABLONEN › Standaardweek › check')"
            check admin_en "admin_en: the check finds no clashes, in English" has admin_en "✓ No clashes"
            check admin_en "admin_en: the check explains it in English" \
                has admin_en "No teacher, room or student is scheduled twice at the same time."
            keys admin_en Escape
        else
            tfail admin_en "admin_en: c opens the check ('WEEK SJABLONEN › Standaardweek › check')"
        fi
        wait_for admin_en "1 week template" && keys admin_en Enter
        if wait_for admin_en "WEEK SJABLONEN › Standaardweek · "; then
            check admin_en "admin_en: the template grid's title counts in English" \
                row_matches admin_en 2 'WEEK SJABLONEN › Standaardweek · [0-9]+ time slots · [0-9]+ lessons'
            check admin_en "admin_en: the template grid's days are English" \
                row_matches admin_en 4 '^ time +│ Monday +Tuesday +Wednesday +Thursday +Friday *$'
            keys admin_en Escape
        else
            tfail admin_en "admin_en: Enter opens the template grid"
        fi
        wait_for admin_en "1 week template" && keys admin_en Escape
    else
        tfail admin_en "admin_en: WEEK SJABLONEN lists '1 week template'"
    fi
    if wait_for admin_en "one template per week" && menu_open admin_en LOKALEN &&
        wait_for admin_en "the capacity is how many children fit in a room"; then
        pass "admin_en: LOKALEN says what the capacity is, in English"
        check admin_en "admin_en: the room list's header is English (Room, Capacity, Lessons)" \
            row_matches admin_en 5 '^ +Room +Capacity +Lessons *$'
    else
        tfail admin_en "admin_en: LOKALEN says what the capacity is, in English"
    fi
else
    tfail admin_en "admin_en: beheerder logs in and opens MIJNROOSTER INSTELLINGEN"
fi

# leerkracht: the MIJNROOSTER planner's week and day, and LEERDOELEN's choice screen and status board
start teacher_en 80 24 "$DB" LANGUAGE=en
if en_login teacher_en leerkracht && menu_open teacher_en MIJNROOSTER &&
    wait_for teacher_en "MIJNROOSTER › Aylin Çelik › week "; then
    pass "teacher_en: MIJNROOSTER opens the teacher's week"
    check teacher_en "teacher_en: the week's title is English ('week N · dd-mm to dd-mm-yyyy')" \
        row_matches teacher_en 2 'MIJNROOSTER › Aylin Çelik › week [0-9]+ · [0-9]{2}-[0-9]{2} to [0-9]{2}-[0-9]{2}-[0-9]{4} +Tab: day *$'
    check teacher_en "teacher_en: the week's days are English" row_matches teacher_en 3 'Mon [0-9]{2}-[0-9]{2}.*Fri [0-9]{2}-[0-9]{2}'
    check teacher_en "teacher_en: no 't/m' in the week's title" hasnt teacher_en " t/m "
    keys teacher_en Tab
    if wait_for teacher_en "Tab: week"; then
        check teacher_en "teacher_en: the day's title is an English date" \
            row_matches teacher_en 2 "MIJNROOSTER › Aylin Çelik › $WEEKDAY_EN [0-9]{1,2} $MONTH_EN [0-9]{4}"
    else
        tfail teacher_en "teacher_en: Tab shows the day ('Tab: week')"
    fi
    keys teacher_en Escape
else
    tfail teacher_en "teacher_en: MIJNROOSTER opens the teacher's week"
fi
if wait_for teacher_en "Main menu — welcome, " && menu_open teacher_en LEERDOELEN &&
    wait_for teacher_en "LEERDOELEN › choose a group and a sub-area"; then
    pass "teacher_en: LEERDOELEN opens 'choose a group and a sub-area'"
    check teacher_en "teacher_en: the three lists are headed Group, Sub-area, Level" \
        row_matches teacher_en 3 '^ +Group +Sub-area +Level *$'
    for text in "▤ Goal overview of the group" "all levels" "Enter: open the status board of groep 5a, rekenen › getallen"; do
        check teacher_en "teacher_en: the choice screen shows '$text'" has teacher_en "$text"
    done
    for word in Deelgebied Niveau "kies een groep" "alle niveaus"; do
        check teacher_en "teacher_en: no '$word' on the choice screen" hasnt teacher_en "$word"
    done
    keys teacher_en Tab # on to the deelgebieden (Enter would open the board chosen now)
    keys teacher_en /; type_text teacher_en breuken; keys teacher_en Enter
    keys teacher_en Enter
    if wait_for teacher_en "RE-BR-5.01"; then
        check teacher_en "teacher_en: the status board's facts are English" \
            row_matches teacher_en 3 '· [0-9]+ students × [0-9]+ goals · group: [0-9]+% mastered'
        check teacher_en "teacher_en: the status board's header is English (Student, mst.)" \
            row_matches teacher_en 5 '^ Student +mst\. │'
        check teacher_en "teacher_en: the footer offers the bulk keys in English" \
            row_has teacher_en $FOOTER "R whole row  K whole column  u undo  i changes"
    else
        tfail teacher_en "teacher_en: the status board of rekenen › breuken opens"
    fi
else
    tfail teacher_en "teacher_en: LEERDOELEN opens 'choose a group and a sub-area'"
fi

for s in admin_en teacher_en; do
    check "$s" "$s: still running" [ "$(pane_dead "$s")" = 0 ]
done

for s in env_en config_en plain env_nl; do
    check "$s" "$s: still running" [ "$(pane_dead "$s")" = 0 ]
done

# No Dutch word on any English screen that was read (the school's data aside: names, goals, groups)
"$PY" -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = ?", ("table",)).fetchall():
    for row in c.execute("SELECT * FROM \"%s\"" % t):
        print(" ".join(str(v) for v in row if isinstance(v, str)))' "$DB" >"$T/data.txt"
cat "$T"/screens-admin_en.txt "$T"/screens-teacher_en.txt "$T"/screens-env_en.txt "$T"/screens-config_en.txt \
    2>/dev/null >"$T/english-screens.txt"
found=$(dutch_in "$T/english-screens.txt" "$T/data.txt")
if [ -s "$T/english-screens.txt" ] && [ -z "$found" ]; then
    pass "no Dutch word on the English screens ($(wc -l <"$T/english-screens.txt") lines read)"
else
    fail "no Dutch word on the English screens" "Dutch words: $found"
    for w in $found; do grep -iw -m 3 -- "$w" "$T/english-screens.txt" | sed "s/^/     [$w] /"; done
fi

finish english
