#!/bin/sh
# The ParnasSys sync as a school's server runs it: UWLR over HTTPS against a real local server with its own
# certificate authority (tests/sync/https_server.py), every failure as one sentence that changes nothing and is
# recorded as a failed run; and parents from a CSV export with their account mail through a real SMTP server
# (tests/mail/smtp_sink.py).
. tests/lib.sh
DB="$T/school.db"
LOG="$T/requests"
MAILDIR="$T/mail"
mkdir -p "$LOG" "$MAILDIR"

# The school year of today (it turns on 1 August), which the importer accepts without asking.
y=$(date +%Y)
m=$(date +%m)
if [ "${m#0}" -ge 8 ]; then SY="$y-$((y + 1))"; else SY="$((y - 1))-$y"; fi

"$KM" --db "$DB" init --school "OBS De Klokhuis" --brin 99ZZ >/dev/null || { echo "init failed"; exit 1; }

# --- a certificate authority, a server certificate for 127.0.0.1, and a second CA nobody should trust ---
ssl_quiet() { openssl "$@" >/dev/null 2>&1; }
make_ca() { # NAME
    ssl_quiet req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$T/$1.key" -out "$T/$1.pem" \
        -days 2 -subj "/CN=klassenmap test $1" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign"
}
make_ca ca
make_ca other
ssl_quiet req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$T/server.key" -out "$T/server.csr" \
    -subj "/CN=127.0.0.1"
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$T/ext.cnf"
ssl_quiet x509 -req -in "$T/server.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial -out "$T/server.pem" \
    -days 2 -extfile "$T/ext.cnf"
[ -s "$T/server.pem" ] && pass "openssl made a CA and a server certificate" || fail "openssl made a CA and a server certificate"

# --- the EDEXML the server answers with: small, valid against the reference schema ---
cat >"$T/school.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<EDEX>
  <school>
    <schooljaar>$SY</schooljaar>
    <brincode>99ZZ</brincode>
    <dependancecode>00</dependancecode>
    <schoolkey>4711</schoolkey>
    <aanmaakdatum>${y}-01-01T06:00:00</aanmaakdatum>
    <auteur>klassenmap test</auteur>
    <xsdversie>2.1</xsdversie>
  </school>
  <groepen>
    <groep key="G5A"><naam>groep 5a</naam><jaargroep>5</jaargroep></groep>
    <groep key="G6B"><naam>groep 6b</naam><jaargroep>6</jaargroep></groep>
  </groepen>
  <leerlingen>
    <leerling key="1001">
      <achternaam>Çelik</achternaam><roepnaam>Daniëlle</roepnaam>
      <geboortedatum>2017-03-01</geboortedatum><jaargroep>5</jaargroep><groep key="G5A"/>
      <bsn>123456782</bsn><instroomdatum>2021-08-20</instroomdatum>
    </leerling>
    <leerling key="1002">
      <achternaam>Jong</achternaam><voorvoegsel>de</voorvoegsel><roepnaam>Sem</roepnaam>
      <jaargroep>5</jaargroep><groep key="G5A"/><instroomdatum>2021-08-20</instroomdatum>
    </leerling>
    <leerling key="1003">
      <achternaam>Hof</achternaam><voorvoegsel>van 't</voorvoegsel><roepnaam>Gradje</roepnaam>
      <jaargroep>6</jaargroep><groep key="G6B"/><instroomdatum>2020-08-20</instroomdatum>
    </leerling>
  </leerlingen>
  <leerkrachten>
    <leerkracht key="LK1"><achternaam>Vries</achternaam><voorvoegsel>de</voorvoegsel><roepnaam>Anneke</roepnaam>
      <emailadres>anneke@school.test</emailadres><groepen><groep key="G5A"/></groepen></leerkracht>
  </leerkrachten>
</EDEX>
XML
if [ ! -r "$EDEXML_DIR/EDEXML.structuur.xsd" ]; then
    skip 1 "the fixture checked against the EDEXML schema" "no $EDEXML_DIR/EDEXML.structuur.xsd (set EDEXML_DIR, see README)"
elif ! command -v xmllint >/dev/null; then
    skip 1 "the fixture checked against the EDEXML schema" "no xmllint (libxml2-utils; make deps)"
else
    xmllint --noout --schema "$EDEXML_DIR/EDEXML.structuur.xsd" "$T/school.xml" 2>/dev/null &&
        pass "the fixture validates against the EDEXML schema" || fail "the fixture validates against the EDEXML schema"
fi

KEY="uwlr-sleutel-$$-Zq8"
printf '%s\n' "$KEY" >"$T/uwlr.key"
chmod 600 "$T/uwlr.key"

SERVER_SECONDS=300 "$PY" tests/sync/https_server.py "$T/server.pem" "$T/server.key" "$T/school.xml" "$T/uwlr.key" \
    "$T/port" "$LOG" 2>"$T/server.log" &
server=$!
SINK_SECONDS=300 "$PY" tests/mail/smtp_sink.py "$MAILDIR" "$T/smtpport" 2>"$T/sink.log" &
sink=$!
trap 'kill $server $sink 2>/dev/null; rm -rf "$T"' EXIT
i=0
while { [ ! -s "$T/port" ] || [ ! -s "$T/smtpport" ]; } && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$T/port")
SMTP=$(cat "$T/smtpport")
# A port nobody listens on: bound and closed again.
CLOSED=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

config() { # PATH CA TIMEOUT [KEYFILE]: a config for one sync against the test server
    cat >"$T/sync.ini" <<INI
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[mail]
smtp_url = smtp://127.0.0.1:$SMTP
smtp_tls = none
mail_from = klassenmap@school.test
mail_timeout = 5
[sync]
uwlr_endpoint = $1
brin = 99ZZ
key_file = ${4:-$T/uwlr.key}
schooljaar = auto
sync_ca_file = $2
sync_timeout = $3
INI
}
export KLASSENMAP_CONFIG="$T/sync.ini"
users_sum() { "$KM" --db "$DB" user list --all --json | sha256sum | cut -d' ' -f1; }
one_line() { [ "$(printf '%s\n' "$err" | grep -c .)" = 1 ]; }

# --- sync off ---
KLASSENMAP_CONFIG="$T/test.ini" run "$KM" --db "$DB" sync
expect_err "no endpoint: sync staat uit" 1 "sync staat uit"

# --- a good run, a dry run first ---
config "https://127.0.0.1:$PORT/uwlr/ok" "$T/ca.pem" 10
before=$(users_sum)
run "$KM" --db "$DB" sync --dry-run
expect_out "dry run says what would change" "Proef (er is niets gewijzigd): 4 toegevoegd"
expect_out "dry run names a student" "Daniëlle"
[ "$(users_sum)" = "$before" ] && pass "dry run changes no user" || fail "dry run changes no user"
run "$KM" --db "$DB" sync
expect_out "sync over https with the CA from the config" "Gesynchroniseerd: 4 toegevoegd"
run "$KM" --db "$DB" user list --role leerling
expect_out "students arrived" "gradje.vanthof"
grep -q "<ll:brincode>99ZZ</ll:brincode>" "$LOG/request-2.xml" && grep -q "<ll:schooljaar>$SY</ll:schooljaar>" "$LOG/request-2.xml" &&
    pass "the request names BRIN and school year" || fail "the request names BRIN and school year"
grep -q "HaalLeerlinggegevens\|leerlinggegevens_verzoek" "$LOG/request-2.xml" && pass "a leerlinggegevens_verzoek" ||
    fail "a leerlinggegevens_verzoek"
"$KM" --db "$DB" check >/dev/null 2>&1
if grep -a -q -e "$KEY" -e "123456782" "$DB" "$DB-wal" 2>/dev/null; then fail "neither the key nor a BSN is in the database"
else pass "neither the key nor a BSN is in the database"; fi
run "$KM" --db "$DB" sync
expect_out "second run changes nothing" "Gesynchroniseerd: 0 toegevoegd, 0 gewijzigd, 0 gedeactiveerd"

# --- failures: one sentence, exit 1, nothing changed, a failed run recorded ---
before=$(users_sum)
failure() { # DESC EXPECTED-TEXT
    run "$KM" --db "$DB" sync
    expect_err "$1: one clear sentence" 1 "$2"
    one_line && pass "$1: one line on stderr" || fail "$1: one line on stderr"
    expect_no_out "$1: the key is never shown" "$KEY"
    [ "$(users_sum)" = "$before" ] && pass "$1: nothing changed" || fail "$1: nothing changed"
}
config "https://127.0.0.1:$PORT/uwlr/slow" "$T/ca.pem" 1
start=$(date +%s)
failure "time-out" "antwoordde niet binnen 1 seconde (sync_timeout); er is niets gewijzigd."
[ $(($(date +%s) - start)) -le 4 ] && pass "time-out: gives up after sync_timeout" || fail "time-out: gives up after sync_timeout"
config "https://127.0.0.1:$CLOSED/uwlr/ok" "$T/ca.pem" 5
failure "refused connection" "Geen verbinding met ParnasSys (127.0.0.1:$CLOSED)"
config "https://127.0.0.1:$PORT/uwlr/ok" "" 5
failure "no CA given (unknown CA)" "Het TLS-certificaat van 127.0.0.1:$PORT is niet te vertrouwen"
config "https://127.0.0.1:$PORT/uwlr/ok" "$T/other.pem" 5
failure "the wrong CA" "is niet te vertrouwen"
config "https://localhost:$PORT/uwlr/ok" "$T/ca.pem" 5
failure "a name the certificate does not hold" "is niet te vertrouwen"
config "https://127.0.0.1:$PORT/uwlr/500" "$T/ca.pem" 5
failure "HTTP 500" "ParnasSys gaf een fout terug (HTTP 500); er is niets gewijzigd."
config "https://127.0.0.1:$PORT/uwlr/fault" "$T/ca.pem" 5
failure "SOAP fault" "ParnasSys weigerde het verzoek: De school heeft de koppeling met klassenmap niet geactiveerd;"
config "https://127.0.0.1:$PORT/uwlr/redirect" "$T/ca.pem" 5
failure "a redirect is not followed" "klassenmap volgt geen doorverwijzingen"
printf 'een-verkeerde-sleutel\n' >"$T/wrong.key"
chmod 600 "$T/wrong.key"
config "https://127.0.0.1:$PORT/uwlr/ok" "$T/ca.pem" 5 "$T/wrong.key"
failure "a wrong key (the server's fault)" "Ongeldige autorisatiesleutel"
chmod 644 "$T/wrong.key"
failure "a key file anyone can read" "ook voor anderen op de server leesbaar"
chmod 640 "$T/wrong.key"
failure "a key file the group can read: one clear sentence" "ook voor anderen op de server leesbaar"
config "https://127.0.0.1:$PORT/uwlr/ok" "$T/ca.pem" 5 "$T/nothing-here.key"
failure "a missing key file" "kan niet worden gelezen"
# an answer that arrives but is not this school's: the importer names the error, nothing changes
config "https://127.0.0.1:$PORT/uwlr/otherschool" "$T/ca.pem" 5
run "$KM" --db "$DB" sync
[ "$code" = 1 ] && printf '%s' "$err" | grep -q "11AA" && printf '%s' "$err" | grep -q "fout.* in het antwoord van ParnasSys; er is niets gewijzigd." &&
    pass "an answer for another school is refused" || fail "an answer for another school is refused"
[ "$(users_sum)" = "$before" ] && pass "another school: nothing changed" || fail "another school: nothing changed"
# Requests that reached the server: 3 good ones, then slow, 500, fault, redirect and the wrong key; a
# connection refused or a certificate not trusted never gets as far as a request, nor does an unusable key file;
# then the answer for another school.
[ "$(ls "$LOG" | wc -l)" = 9 ] && pass "no request without trust or a usable key" ||
    fail "no request without trust or a usable key" "requests: $(ls "$LOG" | wc -l)"

run "$KM" --db "$DB" sync status
expect_out "status shows the settings" "https://127.0.0.1:$PORT/uwlr/otherschool"
expect_out "status says the key is never shown" "wordt nooit getoond"
expect_no_out "status never shows the key" "$KEY"
expect_out "status shows a failure's sentence" "Het sleutelbestand"
run "$KM" --db "$DB" sync status --limit 40
failed_runs=$(printf '%s\n' "$out" | grep -c "uwlr .*MISLUKT")
[ "$failed_runs" = 13 ] && pass "every failure recorded as a failed run" || fail "every failure recorded as a failed run" "MISLUKT: $failed_runs"
expect_out "the time-out's sentence is kept" "antwoordde niet binnen 1 seconde"
[ "$(printf '%s\n' "$out" | grep -c "uwlr .*gelukt")" = 3 ] && pass "three good runs" || fail "three good runs"
[ "$(printf '%s\n' "$out" | grep -c "uwlr .*gelukt *(proef)")" = 1 ] && pass "the dry run is marked" ||
    fail "the dry run is marked"

# --- parents from a CSV export, with their account mail ---
config "https://127.0.0.1:$PORT/uwlr/ok" "$T/ca.pem" 5
cat >"$T/ouders.csv" <<'CSV'
leerling_sleutel;roepnaam;voorvoegsel;achternaam;email;relatie;telefoon
1001;Fatma;;Çelik;fatma@ouders.test;moeder;0612345678
1002;Karin;de;Jong;karin@ouders.test;moeder;
1002;Fatma;;Çelik;FATMA@ouders.test;moeder;
1003;Joost;van 't;Hof;joost@ouders.test;vader;
CSV
before=$(users_sum)
run "$KM" --db "$DB" import parents "$T/ouders.csv" --dry-run
expect_out "parents dry run" "Proef (er is niets gewijzigd): ouders: 3 nieuw"
expect_out "dry run says how many invitations" "Er zouden 3 uitnodigingen worden gemaild."
expect_out "columns that are not read are named" "Genegeerde kolommen (niet opgeslagen): telefoon."
[ "$(users_sum)" = "$before" ] && pass "parents dry run changes nothing" || fail "parents dry run changes nothing"
run "$KM" --db "$DB" import parents "$T/ouders.csv" --no-invite
expect_out "import parents --no-invite" "ouders: 3 nieuw, 0 gewijzigd"
expect_out "two children of one parent, one each of the others" "koppelingen met leerlingen: 4 nieuw"
sleep 0.5
[ -z "$(ls "$MAILDIR")" ] && pass "--no-invite sends no mail" || fail "--no-invite sends no mail"
if grep -a -q "0612345678" "$DB" "$DB-wal" 2>/dev/null; then fail "an ignored column is not stored"; else pass "an ignored column is not stored"; fi
run "$KM" --db "$DB" user list --role ouder
expect_out "parents have accounts" "fatma.celik"
expect_out "username with voorvoegsel" "joost.vanthof"

run "$KM" --db "$DB" invite parents --group "groep 6b" --dry-run
expect_out "invite dry run for one group" "Zou uitnodigen: joost.vanthof"
expect_no_out "invite dry run: only that group" "fatma.celik"
run "$KM" --db "$DB" invite parents --group "groep 6b"
expect_out "invite one group" "Uitnodiging gemaild aan joost.vanthof."
wait_mails() { # N
    i=0
    while [ "$(ls "$MAILDIR" | grep -c '\.eml$')" -lt "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ "$(ls "$MAILDIR" | grep -c '\.eml$')" = "$1" ]
}
wait_mails 1 && pass "one mail for groep 6b" || fail "one mail for groep 6b"
grep -q "^X-Rcpt: joost@ouders.test" "$MAILDIR/1.eml" && pass "mail to Joost's address" || fail "mail to Joost's address"
grep -q "Je gebruikersnaam is: *joost.vanthof" "$MAILDIR/1.eml" && pass "the mail names the username" ||
    fail "the mail names the username" "$(cat "$MAILDIR/1.eml")"
grep -q 'wachtwoord vergeten' "$MAILDIR/1.eml" && pass "the mail says how to choose a password" ||
    fail "the mail says how to choose a password"
run "$KM" --db "$DB" invite parents
expect_out "invite the rest" "Uitnodiging gemaild aan fatma.celik."
expect_no_out "nobody twice" "joost.vanthof"
wait_mails 3 && pass "three mails in all" || fail "three mails in all"
run "$KM" --db "$DB" invite parents
expect_out "nobody left to invite" "hebben al een uitnodiging"
run "$KM" --db "$DB" audit --kind ouder-uitgenodigd
[ "$(printf '%s\n' "$out" | grep -c "ouder-uitgenodigd")" = 3 ] && pass "invitations in the audit log" ||
    fail "invitations in the audit log"

before=$(users_sum)
run "$KM" --db "$DB" import parents "$T/ouders.csv"
expect_out "a second import changes nothing" "ouders: 0 nieuw, 0 gewijzigd, 0 weer actief, 0 gedeactiveerd, 3 ongewijzigd"
[ "$(users_sum)" = "$before" ] && pass "second import: the same users" || fail "second import: the same users"
sleep 0.3
wait_mails 3 && pass "second import mails nobody" || fail "second import mails nobody"

# a new parent in the export: imported and invited right away
printf '1002;Bas;de;Jong;bas@ouders.test;vader;\n' >>"$T/ouders.csv"
run "$KM" --db "$DB" import parents "$T/ouders.csv"
expect_out "a new parent" "ouders: 1 nieuw"
expect_out "the new parent is invited" "Uitnodiging gemaild aan bas.dejong."
wait_mails 4 && pass "the new parent's mail arrives" || fail "the new parent's mail arrives"
grep -q "^X-Rcpt: bas@ouders.test" "$MAILDIR/4.eml" && pass "mail to Bas" || fail "mail to Bas"

# the mail server is down: the parent is imported, the failure named, and a later `invite parents` mails them
sed "s/^smtp_url = .*/smtp_url = smtp:\/\/127.0.0.1:$CLOSED/" "$T/sync.ini" >"$T/nomail.ini"
printf '1003;Mila;;Hof;mila@ouders.test;verzorger;\n' >>"$T/ouders.csv"
KLASSENMAP_CONFIG="$T/nomail.ini" run "$KM" --db "$DB" import parents "$T/ouders.csv"
[ "$code" = 1 ] && printf '%s' "$out" | grep -q "ouders: 1 nieuw" && printf '%s' "$err" | grep -q "mila.hof: De mail kon niet" &&
    printf '%s' "$err" | grep -q "1 van de 1 uitnodigingen is niet verstuurd" && pass "mail server down: imported, failure named" ||
    fail "mail server down: imported, failure named"
run "$KM" --db "$DB" invite parents
expect_out "invite later" "Uitnodiging gemaild aan mila.hof."
wait_mails 5 && pass "the late mail arrives" || fail "the late mail arrives"

# mistakes: every one by its line, nothing changed
cat >"$T/fout.csv" <<'CSV'
leerling_sleutel;roepnaam;achternaam;email
1001;Fatma;Çelik;fatma@ouders.test
9999;Onbekend;Kind;kind@ouders.test
1002;Karin;;karin@ouders.test
1003;Joost;Hof;geen-adres
CSV
before=$(users_sum)
run "$KM" --db "$DB" import parents "$T/fout.csv"
[ "$code" = 1 ] && pass "a file with mistakes fails" || fail "a file with mistakes fails"
printf '%s' "$err" | grep -q "^regel 3: geen leerling met sleutel '9999'" && pass "unknown student by line" ||
    fail "unknown student by line"
printf '%s' "$err" | grep -q "^regel 4: achternaam ontbreekt" && pass "missing name by line" || fail "missing name by line"
printf '%s' "$err" | grep -q "^regel 5: 'geen-adres' is geen e-mailadres" && pass "bad address by line" ||
    fail "bad address by line"
printf '%s' "$err" | grep -q "3 fouten in het bestand; er is niets gewijzigd." && pass "how many, and nothing changed" ||
    fail "how many, and nothing changed"
[ "$(users_sum)" = "$before" ] && pass "mistakes change nothing" || fail "mistakes change nothing"
run "$KM" --db "$DB" sync status
expect_out "the parents import is a run too" "ouders ouders.csv"

finish uwlr-cli
