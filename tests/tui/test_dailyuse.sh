#!/bin/sh
# Daily use without surprises, in real terminals (tmux) on a demo school:
#  1. an unsaved note: F10, Esc and logging out ask first; a killed pane (SIGHUP) keeps it as a draft for that
#     teacher and that lesson, offered back the next time the lesson is opened, and gone once saved;
#  2. a form with typed text asks before Esc throws it away; Esc on the home menu asks before logging out;
#  3. PROFIEL, own password: a refusal keeps the current password, puts the cursor on the field to fix, says why
#     in full, and the flow ends with the password changed;
#  4. "wachtwoord vergeten" answers a student's name as any other and says students get no code;
#  5. mail that cannot be sent (the real SMTP server stopped): the person gets the same answer, the beheerder sees
#     "mail werkt niet sinds …" on the home screen and in `klassenmap check`, the audit log says it in Dutch;
#  6. a locked account: the rule after a failed login (the same for every name), the lock in OUDERS, on the
#     person's screen and in `user show`, lifted from the screen;
#  7. no message bar is ever drawn empty: checked after every step above and on every home-menu screen of every
#     role;
#  8. the session times out (idle_logout_minutes = 1) with an unsaved line for the class: logged out, the text
#     kept as that teacher's draft and offered back to her only.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux || ! command -v "$PY" >/dev/null 2>&1; then
    fail "tmux and python3 are needed for the TUI tests (sh tools/install-deps test)"
    finish dailyuse
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo --password demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish dailyuse; exit 1; }

MAILDIR="$T/mail"
smtp_sink_start "$MAILDIR"
cat >"$T/daily.ini" <<INI
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[login]
max_failures = 3
lock_minutes = 15
delay_step_ms = 0
[mail]
smtp_url = smtp://127.0.0.1:$PORT
smtp_tls = none
mail_from = klassenmap@school.test
mail_timeout = 5
INI
export KLASSENMAP_CONFIG="$T/daily.ini"
sed 's/^\[login\]$/[login]\nidle_logout_minutes = 1/' "$T/daily.ini" >"$T/idle.ini"

sql() { "$PY" -c 'import sqlite3, sys; r = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print("" if r is None else r[0])' "$DB" "$1"; }
# The row of the terminal cursor (1 = top), where a text field leaves it.
cursor_row() { echo $(($(TM display -p -t "$1" '#{cursor_y}') + 1)); }
cursor_on() { [ "$(cursor_row "$1")" = "$(screen "$1" | grep -nF -- "$2" | head -n 1 | cut -d: -f1)" ]; }

# The message line (the row above the footer) coloured but without a word: what must never be drawn.
ESC=$(printf '\033')
bar_empty_coloured() {
    _h=$(TM display -p -t "$1" '#{pane_height}')
    _raw=$(TM capture-pane -e -p -t "$1" | sed -n "$((_h - 1))p")
    _txt=$(printf '%s' "$_raw" | sed "s/$ESC\[[0-9;]*m//g" | tr -d ' ')
    [ -z "$_txt" ] && printf '%s' "$_raw" | grep -qE "$ESC\[([0-9;]*;)?(4[0-7]|48;5;[0-9]+|10[0-7])(;[0-9;]*)?m"
}
BARS=0
bar_ok() { # SESSION WHERE: the message line has words or no colour
    BARS=$((BARS + 1))
    if bar_empty_coloured "$1"; then tfail "$1" "no empty coloured message bar: $2"; fi
}

open_lesson() { # SESSION: MIJNROOSTER, the day view, the first lesson of the day
    menu_open "$1" MIJNROOSTER && wait_for "$1" "week " && keys "$1" Tab && wait_for "$1" "Tab: week" &&
        keys "$1" g Enter && wait_for "$1" "Geplande leerdoelen"
}

# ---- 8 (started first, checked last): a duo-collega leaves a line for the class unsaved and walks away ----
start idle 80 24 "$DB" "KLASSENMAP_CONFIG='$T/idle.ini'"
wait_for idle "Gebruikersnaam" && login idle helene.terhaar demo || tfail idle "the duo-collega logs in (idle logout after 1 minute)"
open_lesson idle || tfail idle "she opens the lesson of the day"
keys idle m
wait_for idle "Leerlingen en ouders lezen deze tekst." || tfail idle "m opens the line for the class"
type_text idle "Morgen toets, neem je schrift mee."
IDLE_FROM=$(date +%s)

# ---- 1. an unsaved note: every way out asks; a dropped connection keeps a draft ----
start t 80 24 "$DB"
wait_for t "Gebruikersnaam" && login t leerkracht demo || tfail t "teacher logs in"
open_lesson t || tfail t "the teacher opens a lesson of the day"
INST_TITLE=$(row t 2)
keys t e
check t "e opens the note" wait_for t "nieuwe regel"
check t "the note's editor says who reads it" has t "Alleen voor leerkrachten van deze les"
type_text t "café-groepje (Zoë) extra uitleg?"
keys t F10
check t "F10 with an unsaved note asks first" wait_for t "Je wijzigingen in de notitie zijn nog niet opgeslagen."
check t "… whether to quit and throw them away" has t "Toch afsluiten en ze weggooien?"
bar_ok t "F10 question"
type_text t n
check t "… 'n' keeps the text" wait_for t "café-groepje (Zoë) extra uitleg?"
check t "… and says so" wait_for t "Je wijzigingen staan er nog"
[ "$(pane_dead t)" = 1 ] && tfail t "the program still runs after 'n'" || pass "the program still runs after 'n'"
keys t Escape
check t "Esc with an unsaved note asks first" wait_for t "Weggooien?"
check t "… naming the note" has t "Je wijzigingen in de notitie zijn nog niet opgeslagen."
type_text t n
check t "… 'n' keeps it" wait_for t "café-groepje (Zoë) extra uitleg?"
keys t Tab
check t "Tab to Opslaan" wait_for t "[ Opslaan ]"
type_text t L
check t "logging out (L) with an unsaved note asks first" wait_for t "Toch uitloggen en ze weggooien?"
type_text t n
check t "… 'n' keeps it" wait_for t "café-groepje (Zoë) extra uitleg?"
bar_ok t "after 'n' to logging out"
[ "$(sql "SELECT count(*) FROM note_drafts WHERE field = 'note'")" = 0 ] && pass "no draft while the terminal is there" ||
    fail "no draft while the terminal is there"
# the SSH window closes: the pane is killed, the program gets SIGHUP
PID=$(pane_pid t)
kill_session t
wait_until 5 gone "$PID" && pass "the program ends when its pane is killed" || fail "the program ends when its pane is killed"
TEACHER=$(sql "SELECT id FROM users WHERE username = 'leerkracht'")
[ "$(sql "SELECT text FROM note_drafts WHERE user_id = $TEACHER AND field = 'note'")" = "café-groepje (Zoë) extra uitleg?" ] &&
    pass "SIGHUP: the unsaved note is kept as a draft, for that teacher" ||
    fail "SIGHUP: the unsaved note is kept as a draft, for that teacher" "$(sql "SELECT count(*) FROM note_drafts")"
[ "$(sql "SELECT note FROM lesson_instances i JOIN note_drafts d ON d.instance_id = i.id AND d.field = 'note'")" = "" ] &&
    pass "SIGHUP: the draft is not the lesson's note (nobody else reads it)" ||
    fail "SIGHUP: the draft is not the lesson's note (nobody else reads it)"
# the beheerder opening the same week sees no draft offered (it is the teacher's)
start t2 80 24 "$DB"
wait_for t2 "Gebruikersnaam" && login t2 leerkracht demo || tfail t2 "teacher logs in again"
open_lesson t2 || tfail t2 "the teacher opens the same lesson"
check t2 "the draft is offered back on opening the lesson" wait_dialog t2 "Je notitie bij deze les was nog niet opgeslagen"
check t2 "… saying no throws it away" dialog_has t2 "Nee gooit het concept weg."
type_text t2 j
check t2 "'j' opens the editor with the draft" wait_for t2 "café-groepje (Zoë) extra uitleg?"
check t2 "… in the note's editor" has t2 "nieuwe regel"
keys t2 Tab Enter
check t2 "saving it" wait_for t2 "De notitie is opgeslagen."
[ "$(sql "SELECT count(*) FROM note_drafts WHERE user_id = $TEACHER")" = 0 ] && pass "saved: the draft is wiped" || fail "saved: the draft is wiped"
[ "$(sql "SELECT count(*) FROM lesson_instances WHERE note = 'café-groepje (Zoë) extra uitleg?'")" = 1 ] &&
    pass "saved: the lesson has the note" || fail "saved: the lesson has the note"
keys t2 Escape
wait_for t2 "Tab: week" || tfail t2 "back to the day"
keys t2 Enter
wait_for t2 "Geplande leerdoelen" || tfail t2 "the lesson again"
check t2 "no draft is offered any more" sh -c "sleep 0.5; ! tmux -L '$SOCK' capture-pane -p -t t2 | grep -q 'concept'"
# a draft thrown away: made again by a killed pane, then 'n'
keys t2 e
wait_for t2 "nieuwe regel"
type_text t2 " Nog iets."
PID=$(pane_pid t2)
kill_session t2
wait_until 5 gone "$PID" || fail "the second pane ends"
[ "$(sql "SELECT count(*) FROM note_drafts WHERE user_id = $TEACHER")" = 1 ] && pass "a second draft after another SIGHUP" || fail "a second draft after another SIGHUP"
start t3 80 24 "$DB"
wait_for t3 "Gebruikersnaam" && login t3 leerkracht demo && open_lesson t3 || tfail t3 "the teacher opens the lesson a third time"
wait_dialog t3 "Je notitie bij deze les was nog niet opgeslagen" || tfail t3 "offered again"
type_text t3 n
check t3 "'n' throws the draft away, and says so" wait_for t3 "Het concept is weggegooid."
[ "$(sql "SELECT count(*) FROM note_drafts WHERE user_id = $TEACHER")" = 0 ] && pass "the draft is gone from the database" || fail "the draft is gone from the database"
bar_ok t3 "lesson after the draft was thrown away"
keys t3 Escape Escape

# ---- 2. forms ask too; Esc on the home menu asks before logging out ----
wait_for t3 "Hoofdmenu" || tfail t3 "back to the home menu"
keys t3 Escape
check t3 "Esc on the home menu asks before logging out" wait_dialog t3 "Uitloggen?"
type_text t3 n
check t3 "… 'n' stays logged in" wait_for t3 "Hoofdmenu"
keys t3 Escape
wait_dialog t3 "Uitloggen?" || tfail t3 "asked again"
type_text t3 j
check t3 "… 'j' logs out" wait_for t3 "Gebruikersnaam"
check t3 "… to an empty login form" sh -c "! tmux -L '$SOCK' capture-pane -p -t t3 | grep -q 'Gebruikersnaam   leerkracht'"
kill_session t3

start b 80 24 "$DB"
wait_for b "Gebruikersnaam" && login b beheerder demo || tfail b "beheerder logs in"
menu_open b "MIJNROOSTER INSTELLINGEN" && wait_for b "LOKALEN" && menu_open b LOKALEN && wait_for b "LOKALEN" ||
    tfail b "beheerder opens LOKALEN"
keys b a
check b "a opens the form for a room" wait_for b "Lokaal opslaan"
type_text b "Speellokaal"
keys b Escape
check b "Esc on a form with typed text asks first" wait_dialog b "Je wijzigingen in dit formulier zijn nog niet opgeslagen. Weggooien?"
type_text b n
check b "… 'n' keeps the text" wait_for b "Speellokaal"
keys b Escape
wait_dialog b "Weggooien?" || tfail b "asked again"
type_text b j
check b "… 'j' throws it away and closes the form" wait_gone b "Lokaal opslaan"
keys b a
wait_for b "Lokaal opslaan" || tfail b "the form again"
keys b Escape
check b "an untouched form closes without a question" wait_gone b "Lokaal opslaan"
bar_ok b "LOKALEN"
keys b Escape Escape
wait_for b "Hoofdmenu" || tfail b "back home"

# ---- 3. PROFIEL: a refusal keeps what is valid and points at the field to fix ----
start p 80 24 "$DB"
wait_for p "Gebruikersnaam" && login p leerkracht demo || tfail p "teacher logs in for PROFIEL"
menu_open p PROFIEL && wait_for p "Je groepen" || tfail p "PROFIEL opens"
keys p p
check p "p opens the own password form" wait_for p "Huidig wachtwoord"
type_text p demo; keys p Enter
type_text p kort; keys p Enter
type_text p kort; keys p Enter Enter
check p "too short: refused, the reason in full under the form" wait_for p "Het wachtwoord is te kort: minstens 10 tekens."
check p "… the current password is kept" has p "Huidig wachtwoord  ••••••"
check p "… the new ones are emptied" sh -c "! tmux -L '$SOCK' capture-pane -p -t p | grep -q 'Nieuw wachtwoord   ••••••'"
check p "… the cursor is on the new password" cursor_on p "Nieuw wachtwoord"
bar_ok p "after the refusal"
keys p Down
bar_ok p "after the next key"
keys p Up
type_text p wachtwoord123; keys p Enter
type_text p wachtwoord123; keys p Enter Enter
check p "a common password: refused with the reason (wrapped, not cut)" wait_for p "veelgebruikte wachtwoorden)."
check p "… the cursor on the new password again" cursor_on p "Nieuw wachtwoord"
type_text p "Lange-Zomer-2027"; keys p Enter
type_text p "Lange-Zomer-2027"; keys p Enter Enter
check p "the flow ends with the password changed" wait_for p "Je wachtwoord is gewijzigd."
bar_ok p "after the change"
keys p p
wait_for p "Huidig wachtwoord" || tfail p "the form again"
type_text p fout; keys p Enter
type_text p "Herfst-Wind-2028"; keys p Enter
type_text p "Herfst-Wind-2028"; keys p Enter Enter
check p "a wrong current password: refused" wait_for p "Het huidige wachtwoord klopt niet"
check p "… the cursor on the current password" cursor_on p "Huidig wachtwoord"
check p "… the new pair is kept" has p "Nogmaals           ••••••"
type_text p "Lange-Zomer-2027"; keys p Enter Enter
check p "… Enter goes past the kept fields to saving: the password is changed" wait_for p "Je wachtwoord is gewijzigd."
kill_session p
start p2 80 24 "$DB"
wait_for p2 "Gebruikersnaam" && login p2 leerkracht "Herfst-Wind-2028" && pass "the new password logs in" || tfail p2 "the new password logs in"
kill_session p2

# ---- 4. wachtwoord vergeten: a student's name gets the same answer, which says students get no code ----
forgot() { # SESSION NAME
    start "$1" 80 24 "$DB"
    wait_for "$1" "Gebruikersnaam" && keys "$1" Tab Tab Tab Enter && wait_for "$1" "Naam of e-mail" &&
        type_text "$1" "$2" && keys "$1" Enter Enter && wait_for "$1" "Code uit de mail"
}
forgot fs leerling || tfail fs "a student's name leads to the same answer"
forgot ft leerkracht || tfail ft "a teacher's name leads to the same answer"
forgot fn niemand-bestaat || tfail fn "an unknown name leads to the same answer"
check fs "the answer says students get no code and should ask their teacher" has fs "Leerlingen krijgen"
check fs "… (the rest of the sentence)" has fs "geen code: vraag je juf of meester om een nieuw wachtwoord."
body() { screen "$1" | sed -n '3,16p'; }
[ "$(body fs)" = "$(body ft)" ] && [ "$(body fs)" = "$(body fn)" ] &&
    pass "student, teacher and unknown name see the very same screen" ||
    fail "student, teacher and unknown name see the very same screen" "$(body fs)" "---" "$(body ft)"
for s in fs ft fn; do bar_ok "$s" "wachtwoord vergeten"; kill_session "$s"; done
wait_until 5 test -e "$MAILDIR/1.eml" && pass "the teacher's code was mailed" || fail "the teacher's code was mailed"
sleep 1
[ "$(ls "$MAILDIR" | grep -c eml)" = 1 ] && pass "no mail for the student or the unknown name" || fail "no mail for the student or the unknown name"

# ---- 5. mail that cannot be sent: the same answer, and the beheerder sees it ----
kill $SINK 2>/dev/null
wait $SINK 2>/dev/null
run "$KM" --db "$DB" check
expect_out "check: mail ok before" "mail           ok"
forgot fm leerkracht || tfail fm "the answer with the mail server stopped"
check fm "… is the same answer" has fm "Leerlingen krijgen"
kill_session fm
mailfail() { [ -n "$(sql "SELECT 1 FROM audit_log WHERE kind = 'mail-mislukt'")" ] || ls "$DB.mailfouten" >/dev/null 2>&1; }
wait_until 10 mailfail && pass "the failed mail is recorded" || fail "the failed mail is recorded"
keys b Escape
wait_dialog b "Uitloggen?" && type_text b j
wait_for b "Gebruikersnaam" && login b beheerder demo || tfail b "beheerder logs in again"
check b "the beheerder's home screen: mail werkt niet sinds …" wait_for b "mail werkt niet sinds"
joined_has() { screen "$1" | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | grep -qF -- "$2"; }
check b "… with the reason, in Dutch" joined_has b "de mailserver is niet bereikbaar (Couldn't connect to server)"
bar_ok b "home with the mail warning"
run "$KM" --db "$DB" check
expect_code "check: fails while mail does not work" 1
printf '%s' "$out" | grep -qF "mail           FOUT (werkt niet sinds" && pass "check: says since when" ||
    fail "check: says since when"
run "$KM" --db "$DB" audit --kind mail-mislukt
expect_out "audit: the failure in Dutch" "de mailserver is niet bereikbaar ("
start lc 80 24 "$DB"
wait_for lc "Gebruikersnaam" && login lc leerkracht "Herfst-Wind-2028" || tfail lc "a teacher logs in"
check lc "a teacher's home screen does not show the mail warning" hasnt lc "mail werkt niet"
kill_session lc

# ---- 6. a locked account ----
start l 80 24 "$DB"
wait_for l "Gebruikersnaam" || tfail l "login screen"
fail_login() { # SESSION NAME
    keys "$1" Up Up Up Up
    keys "$1" C-u 2>/dev/null
    type_text "$1" "$2"; keys "$1" Enter
    type_text "$1" "verkeerd"; keys "$1" Enter
    wait_for "$1" "Onjuiste gebruikersnaam of wachtwoord"
}
rule_block() { screen "$1" | grep -A1 -F "Na 3 mislukte"; }
fail_login l niemand || tfail l "an unknown name fails"
check l "after a failed login: the lock-out rule (unknown name)" has l "Na 3 mislukte pogingen wordt een account 15 minuten"
check l "… and whom to ask" has l "geblokkeerd — vraag dan je beheerder."
rule_unknown=$(rule_block l)
kill_session l
for k in 1 2 3; do
    start "l$k" 80 24 "$DB"
    wait_for "l$k" "Gebruikersnaam" && fail_login "l$k" ouder || tfail "l$k" "wrong password $k for ouder"
    [ "$k" = 3 ] && rule_real=$(rule_block "l$k")
    kill_session "l$k"
done
[ -n "$rule_real" ] && [ "$rule_real" = "$rule_unknown" ] && pass "the same rule text for every name" ||
    fail "the same rule text for every name" "$rule_unknown" "$rule_real"
[ -n "$(sql "SELECT locked_until FROM users WHERE username = 'ouder' AND locked_until > datetime('now')")" ] &&
    pass "ouder is locked after 3 failures" || fail "ouder is locked after 3 failures"
UNTIL=$("$PY" -c 'import sqlite3, sys, datetime
u = sqlite3.connect(sys.argv[1]).execute("SELECT locked_until FROM users WHERE username = ?", ("ouder",)).fetchone()[0]
t = datetime.datetime.strptime(u, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc).astimezone()
print(t.strftime("%H:%M"))' "$DB")
run "$KM" --db "$DB" user show ouder
expect_out "user show: geblokkeerd tot $UNTIL" "geblokkeerd tot $UNTIL"
run "$KM" --db "$DB" user show ouder --json
expect_out "user show --json: locked_until" '"locked_until": "'
run "$KM" --db "$DB" audit --kind account-geblokkeerd
expect_out "audit: the lock in Dutch" "na 3 mislukte pogingen 15 minuten geblokkeerd, tot $UNTIL"
keys b Escape
wait_dialog b "Uitloggen?" && type_text b j
wait_for b "Gebruikersnaam" && login b beheerder demo || tfail b "beheerder logs in for the lock"
menu_open b MIJNGEBRUIKERS && wait_for b "OUDERS" && menu_open b OUDERS || tfail b "OUDERS opens"
keys b /; type_text b ouder@; keys b Enter
check b "OUDERS: the list shows the lock, in the column before the e-mail (seen at 80 columns)" wait_for b "geblokkeerd tot $UNTIL"
keys b Enter
check b "the person's screen: Blokkade, with the key that lifts it" wait_for b "geblokkeerd tot $UNTIL · U: ontgrendelen"
type_text b U
check b "U lifts the lock" wait_for b "De blokkade is opgeheven; inloggen kan weer."
check b "… and the line is gone" wait_gone b "geblokkeerd tot"
run "$KM" --db "$DB" user show ouder
expect_no_out "user show: no lock any more" "geblokkeerd"
bar_ok b "person screen"
start lo 80 24 "$DB"
wait_for lo "Gebruikersnaam" && login lo ouder demo && pass "the parent logs in again" || tfail lo "the parent logs in again"
kill_session lo
keys b Escape Escape Escape
wait_for b "Hoofdmenu" || tfail b "back to the home menu"

# ---- 7. no empty coloured message bar on any home-menu screen of any role ----
sweep() { # SESSION
    screen "$1" | sed -n 's/^ *\(▶ \)\{0,1\}\([A-Z][A-Z ?]*[A-Z?]\)  .*$/\2/p' | grep -v UITLOGGEN >"$T/items"
    while IFS= read -r _it; do
        [ -n "$_it" ] || continue
        menu_open "$1" "$_it" || continue
        sleep 0.4
        bar_ok "$1" "$_it"
        keys "$1" Escape
        wait_for "$1" "Hoofdmenu" 3 || keys "$1" Escape
        wait_for "$1" "Hoofdmenu" 3
    done <"$T/items"
}
sweep b
kill_session b
for who in leerkracht:Herfst-Wind-2028 leerling:demo ouder:demo; do
    u=${who%%:*}
    start "s$u" 80 24 "$DB"
    wait_for "s$u" "Gebruikersnaam" && login "s$u" "$u" "${who#*:}" || tfail "s$u" "$u logs in for the sweep"
    sweep "s$u"
    kill_session "s$u"
done
[ "$BARS" -gt 20 ] && pass "message bars checked: $BARS" || fail "message bars checked: $BARS"

# ---- 8. the idle logout ----
check idle "idle logout: after a minute without a key she is logged out, told the text was kept" \
    wait_for idle "Na 1 minuut zonder toets uitgelogd; je tekst is als concept bewaard." 75
IDLE_SECS=$(($(date +%s) - IDLE_FROM))
[ "$IDLE_SECS" -ge 55 ] && pass "idle logout: not before the minute ($IDLE_SECS s)" || fail "idle logout: not before the minute ($IDLE_SECS s)"
check idle "idle logout: on the login screen" has idle "Gebruikersnaam"
HELENE=$(sql "SELECT id FROM users WHERE username = 'helene.terhaar'")
[ "$(sql "SELECT text FROM note_drafts WHERE user_id = $HELENE AND field = 'pupil'")" = "Morgen toets, neem je schrift mee." ] &&
    pass "idle logout: her text is kept as her draft" || fail "idle logout: her text is kept as her draft"
login idle helene.terhaar demo && open_lesson idle || tfail idle "she logs in again and opens the lesson"
check idle "idle logout: the draft is offered back to her" wait_dialog idle "Je tekst voor de klas bij deze les was nog niet opgeslagen"
type_text idle j
check idle "… 'j': the editor for the class with her text" wait_for idle "Morgen toets, neem je schrift mee."
check idle "… which says who reads it" has idle "Leerlingen en ouders lezen deze tekst."
kill_session idle
start ta 80 24 "$DB"
wait_for ta "Gebruikersnaam" && login ta leerkracht "Herfst-Wind-2028" && open_lesson ta || tfail ta "the lesson's teacher opens the same lesson"
check ta "another teacher of the lesson is not offered her draft" sh -c "sleep 0.8; ! tmux -L '$SOCK' capture-pane -p -t ta | grep -q 'concept'"
kill_session ta

finish dailyuse
