#!/bin/sh
# SCHOOL INSTELLINGEN: the sync settings (never the key), the last runs with their counts, and the eigen
# groepen still linked to a group of an earlier school year.
. tests/lib.sh
. tests/tui/lib.sh

DB="$T/school.db"
"$KM" --db "$DB" demo >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
printf 'geheime-sleutel-123\n' > "$T/key"
chmod 600 "$T/key"
cat > "$T/sync.ini" <<INI
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[sync]
uwlr_endpoint = https://uwlr.example.invalid/leerlinggegevens
brin = 99ZZ
klantcode = KM-4711
klantnaam = OBS De Regenboog
key_file = $T/key
sync_client_cert = $T/client.pem
sync_client_key = $T/client.key
INI
export KLASSENMAP_CONFIG="$T/sync.ini"
printf '<?xml version="1.0"?><x/>' > "$T/bad.xml"
"$KM" --db "$DB" import edex "$T/bad.xml" >/dev/null 2>&1
# an eigen groep of this year still linked to last year's groep 5a
"$PY" - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO groups (name, kind, schooljaar, created_at) VALUES ('groep 5a', 'stamgroep', '2025-2026', '2025-08-20')")
old = db.execute("SELECT id FROM groups WHERE schooljaar = '2025-2026'").fetchone()[0]
db.execute("UPDATE groups SET linked_group_id = ? WHERE kind = 'eigen'", (old,))
db.commit()
PY

start s 80 24 "$DB"
wait_for s "Gebruikersnaam"
login s beheerder demo || fail "beheerder logs in" "$(screen_dump s)"
menu_open s "SCHOOL INSTELLINGEN"
wait_for s "UWLR-adres" && pass "settings shown" || fail "settings shown" "$(screen_dump s)"
on_screen s "uwlr.example.invalid" && pass "endpoint shown" || fail "endpoint shown" "$(screen_dump s)"
on_screen s "geheime-sleutel" && fail "the key is never shown" "$(screen_dump s)" || pass "the key is never shown"
on_screen s "$T/key" && fail "not even the key file's path" "$(screen_dump s)" || pass "not even the key file's path"
on_screen s "Autorisatiesleutel     ingesteld" && pass "only whether a key is set" || fail "only whether a key is set" "$(screen_dump s)"
on_screen s "99ZZ, dependance 00" && pass "BRIN and dependancecode" || fail "BRIN and dependancecode" "$(screen_dump s)"
on_screen s "KM-4711 (OBS De Regenboog)" && pass "klantcode and klantnaam" || fail "klantcode and klantnaam" "$(screen_dump s)"
on_screen s "$T/client.pem" && pass "the client certificate" || fail "the client certificate" "$(screen_dump s)"
on_screen s "$T/client.key" && fail "not the client key's file" "$(screen_dump s)" || pass "not the client key's file"
keys s Tab
wait_for s "Laatste synchronisaties" && pass "Tab shows the runs" || fail "Tab shows the runs" "$(screen_dump s)"
on_screen s "MISLUKT" && pass "a failed run is listed" || fail "a failed run is listed" "$(screen_dump s)"
on_screen s "is gekoppeld aan groep 5a van 2025-2026" && pass "eigen groepen to re-link are listed" ||
    fail "eigen groepen to re-link are listed" "$(screen_dump s)"
kill_session s
start big 132 43 "$DB"
wait_for big "Gebruikersnaam"
login big beheerder demo
menu_open big "SCHOOL INSTELLINGEN"
wait_for big "UWLR-adres" && on_screen big "Laatste synchronisaties" && pass "132x43: settings and runs at once" ||
    fail "132x43: settings and runs at once" "$(screen_dump big)"
kill_session big

finish school
