#!/bin/sh
# Passwords as people meet them: a forgotten password by a code mailed through a real SMTP server
# (python3-aiosmtpd), a forced change of a temporary password, one's own in PROFIEL, and lock-out.
. tests/lib.sh
. tests/tui/lib.sh

DB="$T/school.db"
MAILDIR="$T/mail"
mkdir -p "$MAILDIR"
"$KM" --db "$DB" demo --password demo >/dev/null 2>&1 || { echo "demo failed"; exit 1; }

smtp_sink_start "$MAILDIR"
cat > "$T/mail.ini" <<INI
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[login]
max_failures = 3
delay_step_ms = 0
[mail]
smtp_url = smtp://127.0.0.1:$PORT
smtp_tls = none
mail_from = klassenmap@school.test
mail_timeout = 5
INI
export KLASSENMAP_CONFIG="$T/mail.ini"

# The teacher needs an address to receive the mail.
"$KM" --db "$DB" user show leerkracht --json | grep -q '"email": "[^"]' && pass "demo teacher has an e-mail address" ||
    fail "demo teacher has an e-mail address"
EMAIL=$("$KM" --db "$DB" user show leerkracht --json | sed 's/.*"email": "\([^"]*\)".*/\1/')

code_from_mail() { # FILE: the 8-character code ("ABCD EFGH" in the mail)
    sed -n 's/^Je code is: *\([A-Z0-9]\{4\}\) \([A-Z0-9]\{4\}\).*/\1\2/p' "$1" | head -n 1
}

forgot_flow() { # NAME WHO: opens "wachtwoord vergeten" and asks for a code
    keys "$1" Tab Tab Tab
    keys "$1" Enter
    wait_for "$1" "Naam of e-mail" || return 1
    type_text "$1" "$2"
    keys "$1" Enter Enter
    wait_for "$1" "Code uit de mail"
}

# --- 1. forgotten password: the mail arrives, the code works once ---
start f 80 24 "$DB"
wait_for f "Gebruikersnaam" || fail "login screen"
forgot_flow f "$EMAIL" && pass "forgot: asks for the code after sending" || fail "forgot: asks for the code after sending" "$(screen_dump f)"
on_screen f "is er nu een code verstuurd" && pass "forgot: same answer shown" || fail "forgot: same answer shown" "$(screen_dump f)"
wait_until 5 test -e "$MAILDIR/1.eml" && pass "forgot: the mail arrives at the SMTP server" || fail "forgot: the mail arrives at the SMTP server"
grep -q "^X-Rcpt: $EMAIL" "$MAILDIR/1.eml" && pass "forgot: mail to the teacher's address" || fail "forgot: mail to the teacher's address"
CODE=$(code_from_mail "$MAILDIR/1.eml")
[ ${#CODE} -eq 8 ] && pass "forgot: mail holds an 8-character code" || fail "forgot: mail holds an 8-character code" "$(cat "$MAILDIR/1.eml")"
type_text f "$CODE"; keys f Enter
type_text f "Nieuwe-Lente-2027"; keys f Enter
type_text f "Nieuwe-Lente-2027"; keys f Enter Enter
wait_for f "log in met je nieuwe wachtwoord" && pass "forgot: code and new password accepted" || fail "forgot: code and new password accepted" "$(screen_dump f)"
login f leerkracht "Nieuwe-Lente-2027" && pass "forgot: log in with the new password" || fail "forgot: log in with the new password" "$(screen_dump f)"
kill_session f

# --- 2. the same code a second time fails ---
start g 80 24 "$DB"
wait_for g "Gebruikersnaam"
keys g Tab Tab Tab Enter
wait_for g "Naam of e-mail"
# Without asking for a new code: go straight to the code screen by asking for an unknown account.
type_text g "niemand-bestaat"; keys g Enter Enter
wait_for g "Code uit de mail"
kill_session g
n_before=$(ls "$MAILDIR" | wc -l)
[ "$n_before" -eq 1 ] && pass "unknown account: no mail, same answer" || fail "unknown account: no mail, same answer" "mails: $n_before"
reuse=$("$PY" - "$DB" "$CODE" <<'PY'
import sqlite3, sys, hashlib
db = sqlite3.connect(sys.argv[1])
h = hashlib.blake2b(sys.argv[2].encode(), digest_size=32).hexdigest()
print(db.execute("SELECT count(*) FROM reset_codes WHERE code_hash = ? AND used = 0", (h,)).fetchone()[0])
PY
)
[ "$reuse" = 0 ] && pass "used code is void in the database" || fail "used code is void in the database"
start h 80 24 "$DB"
wait_for h "Gebruikersnaam"
forgot_flow h "leerkracht" || fail "second request"
wait_until 5 test -e "$MAILDIR/2.eml" || true
# The old code again: refused.
type_text h "$CODE"; keys h Enter
type_text h "Nog-Een-Poging-88"; keys h Enter
type_text h "Nog-Een-Poging-88"; keys h Enter Enter
wait_for h "onjuist, al gebruikt of verlopen" && pass "a used code fails" || fail "a used code fails" "$(screen_dump h)"
kill_session h

# --- 3. an expired code fails ---
[ -e "$MAILDIR/2.eml" ] && pass "a new request sends a new mail" || fail "a new request sends a new mail"
CODE2=$(code_from_mail "$MAILDIR/2.eml")
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE reset_codes SET expires_at = datetime('now','-1 minute') WHERE used = 0\"); c.commit()" "$DB"
start e 80 24 "$DB"
wait_for e "Gebruikersnaam"
keys e Tab Tab Tab Enter
wait_for e "Naam of e-mail"
type_text e "leerkracht"; keys e Enter Enter
wait_for e "Code uit de mail"
type_text e "$CODE2"; keys e Enter
type_text e "Te-Laat-Gekomen-5"; keys e Enter
type_text e "Te-Laat-Gekomen-5"; keys e Enter Enter
wait_for e "onjuist, al gebruikt of verlopen" && pass "an expired code fails" || fail "an expired code fails" "$(screen_dump e)"
kill_session e
login_works() { # USER PASS
    start lw 80 24 "$DB"
    wait_for lw "Gebruikersnaam"
    login lw "$1" "$2"
    _r=$?
    kill_session lw
    return $_r
}
login_works leerkracht "Nieuwe-Lente-2027" && pass "old password still works after the failed tries" ||
    fail "old password still works after the failed tries"

# --- 4. a student is told to ask the teacher; no mail for a student ---
start s 80 24 "$DB"
wait_for s "Gebruikersnaam"
keys s Tab Tab Tab Enter
wait_for s "vraag je juf of meester" && pass "forgot: students are told to ask the teacher" || fail "forgot: students are told to ask the teacher" "$(screen_dump s)"
n=$(ls "$MAILDIR" | wc -l)
type_text s "leerling"; keys s Enter Enter
wait_for s "Code uit de mail"
sleep 0.5
[ "$(ls "$MAILDIR" | wc -l)" = "$n" ] && pass "no mail for a student" || fail "no mail for a student"
kill_session s

# --- 5. a temporary password must be changed at the next login ---
printf 'Tijdelijk-Van-Beheer-1\n' | "$KM" --db "$DB" passwd ouder >/dev/null
start t 80 24 "$DB"
wait_for t "Gebruikersnaam"
type_text t ouder; keys t Enter; type_text t "Tijdelijk-Van-Beheer-1"; keys t Enter
wait_for t "Kies een eigen wachtwoord" && pass "temporary password: forced change" || fail "temporary password: forced change" "$(screen_dump t)"
type_text t "Eigen-Keus-Ouder-3"; keys t Enter; type_text t "Eigen-Keus-Ouder-4"; keys t Enter Enter
wait_for t "niet gelijk" && pass "two different new passwords are refused" || fail "two different new passwords are refused" "$(screen_dump t)"
type_text t "Eigen-Keus-Ouder-3"; keys t Enter Enter
wait_for t "MIJNROOSTER" && pass "after the forced change the menu opens" || fail "after the forced change the menu opens" "$(screen_dump t)"
kill_session t
"$KM" --db "$DB" user show ouder | grep -q "ingesteld" && pass "state is now set" || fail "state is now set"

# --- 6. lock-out after 3 failures, same message, unlock via beheerder (CLI) ---
start l 80 24 "$DB"
wait_for l "Gebruikersnaam"
for p in fout1 fout2 fout3; do
    type_text l ouder; keys l Enter; type_text l "$p"; keys l Enter
    wait_for l "Onjuiste gebruikersnaam of wachtwoord"
    keys l Tab Tab Tab Tab
done
type_text l ouder; keys l Enter; type_text l "Eigen-Keus-Ouder-3"; keys l Enter
wait_for l "Onjuiste gebruikersnaam of wachtwoord" && pass "locked: the right password gets the same message" ||
    fail "locked: the right password gets the same message" "$(screen_dump l)"
kill_session l
run "$KM" --db "$DB" audit --user ouder; expect_out "lock-out in the audit log" "account-geblokkeerd"
run "$KM" --db "$DB" user unlock ouder; expect_out "beheerder unlocks" "kan weer inloggen"
login_works ouder "Eigen-Keus-Ouder-3" && pass "after the unlock the right password works" ||
    fail "after the unlock the right password works"

# --- 7. a teacher gives a student of the group a new password in GroepsProfiel; the student logs in with it ---
start gp 80 24 "$DB"
wait_for gp "Gebruikersnaam"
login gp leerkracht "Nieuwe-Lente-2027" || fail "teacher logs in" "$(screen_dump gp)"
menu_open gp GROEPEN
wait_for gp "groep 5a"
on_screen gp "groep 6b" && fail "a teacher sees only the own groups (no groep 6b)" "$(screen_dump gp)" ||
    pass "a teacher sees only the own groups (no groep 6b)"
keys gp Enter
wait_for gp "WACHTWOORD INSTELLEN" && pass "GroepsProfiel offers WACHTWOORD INSTELLEN" || fail "GroepsProfiel offers WACHTWOORD INSTELLEN" "$(screen_dump gp)"
keys gp /; type_text gp "Daniëlle"; keys gp Enter
keys gp p
wait_for gp "Kies een nieuw wachtwoord voor" && pass "pencil opens the password screen for the student" || fail "pencil opens the password screen for the student" "$(screen_dump gp)"
on_screen gp "(leerling, leerling)" && pass "it names the right student" || fail "it names the right student" "$(screen_dump gp)"
type_text gp "Appelboom7"; keys gp Enter; type_text gp "Appelboom7"; keys gp Enter Enter
wait_for gp "Het wachtwoord is ingesteld" && pass "teacher sets a student's password" || fail "teacher sets a student's password" "$(screen_dump gp)"
kill_session gp
login_works leerling "Appelboom7" && pass "the student logs in with it (no forced change: student_temporary = nee)" ||
    fail "the student logs in with it (no forced change: student_temporary = nee)"

# --- 8. the beheerder sets a teacher's password; the teacher must change it; PROFIEL checks the current one ---
start bh 80 24 "$DB"
wait_for bh "Gebruikersnaam"
login bh beheerder demo || fail "beheerder logs in"
menu_open bh MIJNGEBRUIKERS
wait_for bh "LERAREN"; keys bh Enter
wait_for bh "Gebruikersnaam"
keys bh /; type_text bh "Aylin"; keys bh Enter Enter
wait_for bh "Aylin"
keys bh p
wait_for bh "Kies een nieuw wachtwoord voor" && pass "beheerder: password screen for a teacher" || fail "beheerder: password screen for a teacher" "$(screen_dump bh)"
on_screen bh "Maak een leesbaar" && fail "no generated password offered for staff" || pass "no generated password offered for staff"
type_text bh "Van-De-Beheerder-22"; keys bh Enter; type_text bh "Van-De-Beheerder-22"; keys bh Enter Enter
wait_for bh "Het wachtwoord is ingesteld" && pass "beheerder sets a teacher's password" || fail "beheerder sets a teacher's password" "$(screen_dump bh)"
kill_session bh
start tc 80 24 "$DB"
wait_for tc "Gebruikersnaam"
type_text tc leerkracht; keys tc Enter; type_text tc "Van-De-Beheerder-22"; keys tc Enter
wait_for tc "Kies een eigen wachtwoord" && pass "teacher must change the beheerder's password" || fail "teacher must change the beheerder's password" "$(screen_dump tc)"
type_text tc "Zelf-Gekozen-Juf-9"; keys tc Enter; type_text tc "Zelf-Gekozen-Juf-9"; keys tc Enter Enter
wait_for tc "MIJNROOSTER"
menu_open tc PROFIEL
wait_for tc "PROFIEL"; keys tc p
wait_for tc "Huidig wachtwoord"
type_text tc "niet-het-goede"; keys tc Enter; type_text tc "Nog-Weer-Anders-4"; keys tc Enter; type_text tc "Nog-Weer-Anders-4"; keys tc Enter Enter
wait_for tc "huidige wachtwoord klopt niet" && pass "PROFIEL: a wrong current password changes nothing" || fail "PROFIEL: a wrong current password changes nothing" "$(screen_dump tc)"
kill_session tc
login_works leerkracht "Zelf-Gekozen-Juf-9" && pass "the teacher's own password still works" || fail "the teacher's own password still works"

# --- 9. a student cannot change their own password ---
start st 80 24 "$DB"
wait_for st "Gebruikersnaam"
login st leerling "Appelboom7" || fail "student logs in"
menu_open st PROFIEL
wait_for st "PROFIEL"; keys st p
wait_for st "vraag je aan je juf of meester" && pass "student: PROFIEL says to ask the teacher" || fail "student: PROFIEL says to ask the teacher" "$(screen_dump st)"
kill_session st

# --- 10. nothing of any password in the database file, its WAL or the mail log ---
"$KM" --db "$DB" check >/dev/null
leak=0
for secret in Appelboom7 Van-De-Beheerder-22 Zelf-Gekozen-Juf-9 Nieuwe-Lente-2027 Nog-Een-Poging-88 Te-Laat-Gekomen-5 Tijdelijk-Van-Beheer-1 Eigen-Keus-Ouder-3 fout1; do
    if grep -a -q -- "$secret" "$DB" "$DB-wal" "$T"/*.stderr 2>/dev/null; then leak=1; echo "found $secret"; fi
done
[ $leak = 0 ] && pass "no password in the database, its WAL or the logs" || fail "no password in the database, its WAL or the logs"

finish passwords
