#!/bin/sh
# Week templates from the command line: rooms, templates, the clash check, and the spreadsheet round trip
# (export, import, export again: the same bytes), with every bad file refused by line and changing nothing.
. tests/lib.sh
DB="$T/school.db"
km() { "$KM" --db "$DB" "$@"; }

run km demo;                      expect_code "demo school" 0

# --- help ---
run "$KM" --help;                 expect_out "help lists template import" "template import"
run km template;                  expect_code "template without subcommand shows usage" 2
if printf '%s' "$err" | grep -qF "klassenmap template export NAAM --csv"; then pass "usage lists the template commands"; else fail "usage lists the template commands"; fi
run km template import --help;    expect_out "import help" "--dry-run"

# --- rooms ---
run km room add "lokaal 9" --capacity 24;  expect_out "room add" "Lokaal lokaal 9 (24 plaatsen) toegevoegd"
run km room add "lokaal 9" --capacity 24;  expect_err "duplicate room refused" 1 "lokaal 9"
run km room add "lokaal 10";               expect_err "capacity is needed" 2 "--capacity"
run km room add "lokaal 10" --capacity -3; expect_err "negative capacity" 2 "--capacity"
run km room list;                          expect_out "room list" "lokaal 9"
expect_out "room list counts lessons" "lokaal 1                    30 plaatsen    24 lessen in sjablonen"
run km room list --json;                   expect_out "room list json" '{"name": "lokaal 9", "capacity": 24, "lessons": 0}'

# --- templates ---
run km template list;             expect_out "template list" "Standaardweek"
expect_out "template list counts" "33 tijdsloten    48 lessen  (in 7 roosterweken)"
run km template list --json;      expect_out "template list json" '"name": "Standaardweek", "slots": 33, "lessons": 48'
run km template add Leeg;         expect_out "template add" "Weeksjabloon Leeg gemaakt"
run km template add Leeg;         expect_err "duplicate template refused" 1 "al een weeksjabloon"
run km template delete Standaardweek; expect_err "delete refused while the roster uses it" 1 "schoolrooster gebruikt"
run km template delete Leeg;      expect_out "template delete" "verwijderd"
run km template delete Leeg;      expect_err "delete unknown" 1 "bestaat niet"
run km template add;              expect_err "template add needs a name" 2 "naam"

# --- check ---
run km template check Standaardweek; expect_out "demo week has no clashes" "geen botsingen"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && pass "check prints one line when clean" || fail "check prints one line when clean"
run km template check Nergens;    expect_err "check unknown template" 1 "bestaat niet"

# --- export ---
km template export Standaardweek --csv > "$T/a.csv"; code=$?
expect_code "export to stdout" 0
head -n 1 "$T/a.csv" | grep -q "^$(printf '\357\273\277')sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur$(printf '\r')\$" \
    && pass "export header, BOM and CRLF" || fail "export header, BOM and CRLF" "$(head -n 1 "$T/a.csv")"
[ "$(wc -l < "$T/a.csv")" = 58 ] && pass "one row per lesson or empty slot" || fail "one row per lesson or empty slot" "$(wc -l < "$T/a.csv")"
grep -q "^Standaardweek;ma;08:30;09:30;1e uur;nee;leerkracht;rekenen;breuken;lokaal 1;5;groep 5a;1" "$T/a.csv" \
    && pass "blokuur numbered" || fail "blokuur numbered"
grep -q ";groep 5a, rekenen niveau 5 (vrij);" "$T/a.csv" && pass "free group marked (vrij)" || fail "free group marked (vrij)"
grep -q "^Standaardweek;ma;10:15;10:30;pauze;ja;;;;;;;" "$T/a.csv" && pass "break row" || fail "break row"
km template export Standaardweek --csv > "$T/a2.csv"
cmp -s "$T/a.csv" "$T/a2.csv" && pass "export is stable" || fail "export is stable"
run km template export Standaardweek;  expect_err "export needs a format" 2 "--csv"
run km template export Standaardweek --csv --output "$T/out.csv"; expect_out "export to a file" "Geschreven naar"
cmp -s "$T/a.csv" "$T/out.csv" && pass "--output writes the same bytes" || fail "--output writes the same bytes"
run km template export Standaardweek --csv --output "$T/geen/map/x.csv"; expect_err "unwritable output" 1 "niet schrijven"

# --- round trip 1: the demo week under a new name ---
before=$(km template list)
run km template import "$T/a.csv" --name Kopie --dry-run
expect_out "dry run counts" "Zou maken: weeksjabloon Kopie met 33 tijdsloten (ma 7, di 7, wo 5, do 7, vr 7), 48 lessen, 2 blokuren."
[ "$(km template list)" = "$before" ] && pass "dry run changes nothing" || fail "dry run changes nothing"
run km template import "$T/a.csv";  expect_err "import under an existing name" 1 "sjabloon 'Standaardweek' bestaat al"
run km template import "$T/a.csv" --name Kopie; expect_out "import" "Gemaakt: weeksjabloon Kopie met 33 tijdsloten"
km template export Kopie --csv > "$T/b.csv"
sed 's/^Standaardweek;/Kopie;/' "$T/a.csv" | cmp -s - "$T/b.csv" && pass "round trip under a new name: identical" \
    || fail "round trip under a new name: identical" "$(sed 's/^Standaardweek;/Kopie;/' "$T/a.csv" | diff - "$T/b.csv" | head -5)"
run km template check Kopie;      expect_out "the copy has no clashes either" "geen botsingen"

# --- round trip 2: a new template (a hand-made sheet: ',' separated, LF, columns in another order),
#     export, delete, import, export again ---
cat > "$T/nieuw.csv" <<'CSV'
dag,begin,eind,tijdslot,pauze,sjabloon,leerkracht,hoofdgebied,deelgebied,lokaal,niveaus,groepen,blokuur
ma,8:30,09:30,Rekenen,nee,Nieuw,hanneke.vantveer,rekenen,breuken,lokaal 9,"5, 6","groep 6b, leesclub groep 6 (vrij)",7
ma,09:30,10:15,Rekenen 2,nee,Nieuw,hanneke.vantveer,rekenen,breuken,lokaal 9,"6, 5","leesclub groep 6 (vrij), groep 6b",7
ma,09:30,10:15,Rekenen 2,nee,Nieuw,leerkracht,taal,,lokaal 1,,groep 5a,
ma,10:15,10:30,pauze,ja,Nieuw,,,,,,,
wo,08:30,09:15,"Kring; ""goedemorgen""",nee,Nieuw,leerkracht,,,,,groep 5a,

do,13:00,14:30,Middag,nee,Nieuw,,,,,,,
CSV
run km template import "$T/nieuw.csv";  expect_out "hand-made sheet imported" "Gemaakt: weeksjabloon Nieuw met 5 tijdsloten (ma 3, wo 1, do 1), 4 lessen, 1 blokuur."
km template export Nieuw --csv > "$T/n1.csv"
grep -q '^Nieuw;wo;08:30;09:15;"Kring; ""goedemorgen""";nee;leerkracht;;;;;groep 5a;' "$T/n1.csv" \
    && pass "quotes written where needed" || fail "quotes written where needed" "$(grep '^Nieuw;wo' "$T/n1.csv")"
run km template delete Nieuw;           expect_out "delete the new template" "verwijderd"
run km template import "$T/n1.csv";     expect_out "import the export again" "Gemaakt: weeksjabloon Nieuw"
km template export Nieuw --csv > "$T/n2.csv"
cmp -s "$T/n1.csv" "$T/n2.csv" && pass "export, delete, import, export: identical" \
    || fail "export, delete, import, export: identical" "$(diff "$T/n1.csv" "$T/n2.csv" | head -5)"
run km template delete Nieuw
km template export Kopie --csv | "$KM" --db "$DB" template import - --name "Van stdin" >/dev/null 2>&1
run km template list;                   expect_out "import from standard input" "Van stdin"

# --- bad files: every mistake by line, exit 1, nothing changed ---
before=$(km template list)
cat > "$T/nocol.csv" <<'CSV'
sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;blokuur
Fout;ma;08:30;09:30;1e uur;nee;;;;;;
CSV
run km template import "$T/nocol.csv"; expect_err "missing column" 1 "regel 1: kolom 'groepen' ontbreekt"
cat > "$T/bad.csv" <<'CSV'
sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur
Fout;ma;08:30;09:30;1e uur;nee;leerkracht;rekenen;breuken;lokaal 1;5;groep 5a;
Fout;ma;09:30;10:15;2e uur;nee;juf.x;rekenen;breuken;lokaal 1;5;groep 5a;
Fout;di;25:00;10:15;2e uur;nee;;;;;;;
Fout;wo;08:30;09:30;1e uur;nee;leerkracht;rekenen;hoofdrekenen;lokaal 99;5;groep 9z;
Fout;vr;08:30;09:30;1e uur;nee;leerkracht
Fout;zo;08:30;09:30;1e uur;misschien;;;;;;;
Fout;zo;08:30;09:30;1e uur;nee;;;;;;;
CSV
run km template import "$T/bad.csv"
expect_err "unknown teacher named by line" 1 "regel 3: onbekende leerkracht 'juf.x'"
expect_err "bad time named by line" 1 "regel 4: ongeldige tijd '25:00' in kolom 'begin'"
expect_err "unknown deelgebied" 1 "regel 5: onbekend deelgebied 'hoofdrekenen' bij hoofdgebied 'rekenen'"
expect_err "unknown room" 1 "regel 5: onbekend lokaal 'lokaal 99'"
expect_err "unknown group" 1 "regel 5: onbekende groep 'groep 9z'"
expect_err "short row" 1 "regel 6: kolommen 'hoofdgebied', 'deelgebied', 'lokaal', 'niveaus', 'groepen', 'blokuur' ontbreken"
expect_err "bad pause" 1 "regel 7: pauze is 'ja' of 'nee'"
expect_err "closed day" 1 "regel 8: op zondag is de school dicht"
expect_err "sum line" 1 "8 fouten in het bestand; er is niets veranderd"
run km template import "$T/bad.csv" --dry-run
expect_code "dry run with mistakes exits 1" 1
if printf '%s' "$out" | grep -qF "Zou maken: weeksjabloon Fout met" && printf '%s' "$err" | grep -qF "regel 3: onbekende leerkracht"; then
    pass "dry run shows the plan and the mistakes"; else fail "dry run shows the plan and the mistakes"; fi
cat > "$T/clash.csv" <<'CSV'
sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur
Dubbel;ma;08:30;09:30;1e uur;nee;leerkracht;;;lokaal 1;;groep 5a;
Dubbel;ma;08:30;09:30;1e uur;nee;leerkracht;;;lokaal 1;;groep 6b;
Dubbel;ma;09:00;10:00;overlap;nee;;;;;;;
Dubbel;ma;10:00;10:30;tweede;nee;hanneke.vantveer;;;;;groep 6b;1
Dubbel;di;10:30;11:00;derde;nee;hanneke.vantveer;;;;;groep 6b;1
CSV
run km template import "$T/clash.csv"
expect_err "teacher clash refused by line" 1 "regel 3: leerkracht 'leerkracht' geeft op ma 08:30 al les (regel 2)"
expect_err "room clash refused by line" 1 "regel 3: lokaal 'lokaal 1' is op ma 08:30 al bezet (regel 2)"
expect_err "overlapping slots" 1 "regel 4: dit tijdslot overlapt tijdslot '1e uur' (ma 08:30–09:30) op regel 2"
expect_err "blokuur over two days" 1 "regel 6: blokuur 1 staat op een andere dag dan op regel 5"
printf 'a;"open\n' > "$T/quote.csv"
run km template import "$T/quote.csv"; expect_err "unclosed quote" 1 "regel 1: een aanhalingsteken"
run km template import "$T/bestaat-niet.csv"; expect_err "missing file" 1 "niet lezen"
[ "$(km template list)" = "$before" ] && pass "bad files change nothing" || fail "bad files change nothing"

# --- planted clashes: a warning through an import, a refused one behind core's back ---
cat > "$T/botsing.csv" <<'CSV'
sjabloon;dag;begin;eind;tijdslot;pauze;leerkracht;hoofdgebied;deelgebied;lokaal;niveaus;groepen;blokuur
Botsing;ma;08:30;09:30;1e uur;nee;leerkracht;rekenen;breuken;lokaal 1;;groep 5a;
Botsing;ma;08:30;09:30;1e uur;nee;hanneke.vantveer;rekenen;getallen;lokaal 2;;rekenen niveau 5;
CSV
run km template import "$T/botsing.csv"; expect_out "a student clash is accepted with a warning" "LET OP  "
run km template check Botsing;  expect_out "check names the student clash" "LET OP  "
expect_out "check names the children" "in twee lessen tegelijk"
expect_out "check summary" "1 botsing: 0 FOUT, 1 LET OP"
# Core refuses a teacher in two places at once, so no import can make one; a database changed by hand can.
"$PY" - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("""UPDATE lessons SET teacher_id = (SELECT id FROM users WHERE username = 'leerkracht')
             WHERE id = (SELECT max(l.id) FROM lessons l JOIN time_slots x ON x.id = l.slot_id
                         JOIN week_templates t ON t.id = x.template_id WHERE t.name = 'Botsing')""")
c.commit()
PY
run km template check Botsing
expect_code "a refused clash exits 1" 1
if printf '%s' "$out" | grep -qF "FOUT    Aylin Çelik geeft op maandag 08:30–09:30 twee lessen tegelijk"; then
    pass "check names the teacher clash"; else fail "check names the teacher clash"; fi
if printf '%s' "$err" | grep -qF "1 botsing die niet mag"; then pass "stderr says why it failed"; else fail "stderr says why it failed"; fi

finish timetable-cli
