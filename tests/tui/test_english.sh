#!/bin/sh
# The screens in English: with LANGUAGE=en, or with "language = en" in the config's [general] section; Dutch with
# neither, and LANGUAGE=nl wins over the config. The real binary in tmux, as in test_tui.sh.
# Needs tmux and the compiled catalogue (build/locale/en/LC_MESSAGES/klassenmap.mo); run after `make` as
# `sh tests/tui/test_english.sh`.
. tests/lib.sh
. tests/tui/lib.sh

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
    for item in "?/F1 help" "Enter select" "↑/k up" "↓/j down"; do
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

for s in env_en config_en plain env_nl; do
    check "$s" "$s: still running" [ "$(pane_dead "$s")" = 0 ]
done

finish english
