#!/bin/sh
# The curriculum as a spreadsheet (export, import into an empty school, export again: the same bytes; a bad
# file refused by line, changing nothing) and the Leerdoeloverzicht export (CSV and printable HTML).
. tests/lib.sh
DB="$T/school.db"
NEW="$T/leeg.db"
km() { "$KM" --db "$DB" "$@"; }
kn() { "$KM" --db "$NEW" "$@"; }
BOM=$(printf '\357\273\277')
CR=$(printf '\r')

run km demo;                           expect_code "demo school" 0

# --- help ---
run "$KM" --help;                      expect_out "help lists curriculum import" "curriculum import"
expect_out "help lists export overview" "export overview"
run km curriculum;                     expect_code "curriculum without subcommand shows usage" 2
if printf '%s' "$err" | grep -qF "klassenmap curriculum import BESTAND [--dry-run]"; then
    pass "usage lists the curriculum commands"; else fail "usage lists the curriculum commands"; fi
run km curriculum import --help;       expect_out "import help" "--dry-run"
run km curriculum import;              expect_err "import needs a file" 2 "CSV-bestand"
run km curriculum export extra;        expect_code "export takes no argument" 2

# --- export ---
km curriculum export > "$T/a.csv"; code=$?
expect_code "export to stdout" 0
head -n 1 "$T/a.csv" | grep -q "^${BOM}hoofdgebied;deelgebied;niveau;code;titel;volgorde;ingetrokken${CR}\$" \
    && pass "export header, BOM and CRLF" || fail "export header, BOM and CRLF" "$(head -n 1 "$T/a.csv")"
[ "$(wc -l < "$T/a.csv")" = 101 ] && pass "one row per goal" || fail "one row per goal" "$(wc -l < "$T/a.csv")"
grep -q "^rekenen;getallen;5;RE-GE-5.01;Ik kan getallen tot 10.000 splitsen op verschillende manieren;1;nee${CR}\$" \
    "$T/a.csv" && pass "first goal row" || fail "first goal row" "$(sed -n 2p "$T/a.csv")"
km curriculum export > "$T/a2.csv"
cmp -s "$T/a.csv" "$T/a2.csv" && pass "export is stable" || fail "export is stable"
run km curriculum export --output "$T/out.csv"; expect_out "export to a file" "Geschreven naar"
cmp -s "$T/a.csv" "$T/out.csv" && pass "--output writes the same bytes" || fail "--output writes the same bytes"
run km curriculum export --output "$T/geen/map/x.csv"; expect_err "unwritable output" 1 "niet schrijven"

# --- round trip: into an empty school and out again ---
run kn init --school "Lege school";    expect_code "empty school" 0
kn curriculum export > "$T/empty.csv"
[ "$(wc -l < "$T/empty.csv")" = 1 ] && pass "an empty school exports the header only" || fail "an empty school exports the header only"
run kn curriculum import "$T/a.csv" --dry-run
expect_out "dry run says nothing changes" "Proef, er verandert niets."
expect_out "dry run lists a new hoofdgebied" "regel 2     nieuw hoofdgebied  rekenen"
expect_out "dry run lists a new deelgebied" "nieuw deelgebied   rekenen / getallen"
expect_out "dry run lists a new niveau" "nieuw niveau       5"
expect_out "dry run lists a new goal" "regel 101   nieuw leerdoel     WO-NT-6.03  Ik kan uitleggen wat zwaartekracht is"
expect_out "dry run counts" "Zou toevoegen: 5 hoofdgebieden, 16 deelgebieden, 2 niveaus en 100 leerdoelen; zou wijzigen: 0 leerdoelen; 0 ongewijzigd."
kn curriculum export | cmp -s - "$T/empty.csv" && pass "dry run changes nothing" || fail "dry run changes nothing"
run kn curriculum import "$T/a.csv"
expect_out "import" "Toegevoegd: 5 hoofdgebieden, 16 deelgebieden, 2 niveaus en 100 leerdoelen; gewijzigd: 0 leerdoelen; 0 ongewijzigd."
kn curriculum export > "$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv" && pass "round trip: identical bytes" || fail "round trip: identical bytes" "$(diff "$T/a.csv" "$T/b.csv" | head -5)"
run kn curriculum import "$T/a.csv";   expect_out "a second import changes nothing" "gewijzigd: 0 leerdoelen; 100 ongewijzigd."
run kn audit --kind leerdoel-toegevoegd --limit 1000
[ "$(printf '%s\n' "$out" | grep -c "leerdoel-toegevoegd")" = 100 ] && pass "each new goal in the audit log" \
    || fail "each new goal in the audit log" "$(printf '%s\n' "$out" | grep -c "leerdoel-toegevoegd")"

# --- changes: a title, a retired goal, a goal moved to a new deelgebied, and a hand-made sheet ---
sed -e 's/;RE-GE-5.02;Ik kan getallen tot 10.000 afronden;2;nee/;RE-GE-5.02;Ik kan getallen afronden op honderdtallen;2;nee/' \
    -e 's/;RE-GE-5.03;\(.*\);3;nee/;RE-GE-5.03;\1;3;ja/' \
    -e 's/^rekenen;getallen;5;RE-GE-5.04;/rekenen;getallen en cijfers;5;RE-GE-5.04;/' "$T/a.csv" > "$T/c.csv"
run kn curriculum import "$T/c.csv" --dry-run
expect_out "dry run: changed title" "gewijzigd          RE-GE-5.02  titel"
expect_out "dry run: retired" "gewijzigd          RE-GE-5.03  ingetrokken"
expect_out "dry run: new deelgebied for a goal" "nieuw deelgebied   rekenen / getallen en cijfers"
expect_out "dry run: moved goal" "gewijzigd          RE-GE-5.04  deelgebied"
expect_out "dry run counts changes" "Zou toevoegen: 0 hoofdgebieden, 1 deelgebied, 0 niveaus en 0 leerdoelen; zou wijzigen: 3 leerdoelen; 97 ongewijzigd."
run kn curriculum import "$T/c.csv";   expect_out "import changes" "gewijzigd: 3 leerdoelen; 97 ongewijzigd."
kn curriculum export > "$T/c2.csv"
grep -q ";RE-GE-5.03;.*;3;ja${CR}\$" "$T/c2.csv" && pass "retired goal exported as ingetrokken" || fail "retired goal exported as ingetrokken"
grep -q "^rekenen;getallen en cijfers;5;RE-GE-5.04;" "$T/c2.csv" && pass "goal in its new deelgebied" || fail "goal in its new deelgebied"
run kn audit --kind leerdoel-gewijzigd; expect_out "change in the audit log" "RE-GE-5.02: titel"
cat > "$T/hand.csv" <<'CSV'
code,titel,hoofdgebied,deelgebied,niveau
RE-NW-5.01,"Ik kan breuken, kommagetallen en procenten vergelijken",rekenen,verhoudingen,5
RE-NW-5.02,Ik kan een verhoudingstabel invullen,Rekenen,verhoudingen,5
RE-NW-5.03,"=1+1; ""twee""  of   drie ",rekenen,verhoudingen,

RE-GE-5.01,Ik kan getallen tot 10.000 splitsen op verschillende manieren,rekenen,getallen,5
CSV
run kn curriculum import "$T/hand.csv"
expect_out "hand-made sheet: ',' and other column order" "Toegevoegd: 0 hoofdgebieden, 1 deelgebied, 0 niveaus en 3 leerdoelen; gewijzigd: 0 leerdoelen; 1 ongewijzigd."
kn curriculum export > "$T/h.csv"
grep -q '^rekenen;verhoudingen;5;RE-NW-5.01;Ik kan breuken, kommagetallen en procenten vergelijken;1;nee' "$T/h.csv" \
    && pass "new goals go last in their deelgebied" || fail "new goals go last in their deelgebied" "$(grep RE-NW "$T/h.csv")"
grep -q '^rekenen;verhoudingen;5;RE-NW-5.02;Ik kan een verhoudingstabel invullen;2;nee' "$T/h.csv" \
    && pass "names match without regard to case" || fail "names match without regard to case"
kn curriculum export | "$KM" --db "$NEW" curriculum import - >/dev/null 2>&1 && pass "import from standard input" \
    || fail "import from standard input"
grep -q "^rekenen;verhoudingen;;RE-NW-5.03;\"'=1+1; \"\"twee\"\" of drie\";1;nee" "$T/h.csv" \
    && pass "formula guarded, quotes doubled, spaces cleaned" || fail "formula guarded, quotes doubled, spaces cleaned" "$(grep RE-NW-5.03 "$T/h.csv")"
"$KM" --db "$T/again.db" init --school Opnieuw >/dev/null
run "$KM" --db "$T/again.db" curriculum import "$T/h.csv"; expect_code "second round trip: import" 0
"$KM" --db "$T/again.db" curriculum export | cmp -s - "$T/h.csv" && pass "second round trip (quotes, formulas, retired): identical" \
    || fail "second round trip (quotes, formulas, retired): identical" "$("$KM" --db "$T/again.db" curriculum export | diff - "$T/h.csv" | head -5)"

# --- a broken file: every mistake by line, exit 1, nothing imported ---
before=$(sum "$T/h.csv")
cat > "$T/bad.csv" <<'CSV'
hoofdgebied;deelgebied;niveau;code;titel;volgorde;ingetrokken
rekenen;breuken;5;RE-X-1;Een goed leerdoel;1;nee
rekenen;breuken;9;RE-X-2;Een leerdoel op een onbekend niveau;2;nee
rekenen;breuken;5;RE-X-3
rekenen;breuken;5;re-x-1;Dezelfde code in kleine letters;4;nee
;breuken;5;RE-X-5;Zonder hoofdgebied;5;nee
rekenen;breuken;5;RE-X-6;;6;nee
rekenen;breuken;5;RE-X-7;Volgorde fout;zeven;misschien
taal;spelling;5;RE-X-8;Een titel;1;nee;over
CSV
run kn curriculum import "$T/bad.csv"
expect_err "unknown niveau named by line" 1 "regel 3: onbekend niveau '9' (de school kent: 5, 6)"
expect_err "missing columns named by line" 1 "regel 4: kolommen 'titel', 'volgorde', 'ingetrokken' ontbreken"
expect_err "duplicate code named by line" 1 "regel 5: code 're-x-1' staat ook op regel 2"
expect_err "empty hoofdgebied" 1 "regel 6: kolom 'hoofdgebied' is leeg"
expect_err "empty title" 1 "regel 7: kolom 'titel' is leeg"
expect_err "bad order" 1 "regel 8: volgorde is een getal van 0 tot 999999, niet 'zeven'"
expect_err "bad ingetrokken" 1 "regel 8: ingetrokken is 'ja' of 'nee', niet 'misschien'"
expect_err "extra field" 1 "regel 9: 8 velden, maar de kopregel heeft er 7"
expect_err "sum line" 1 "8 fouten in het bestand; er is niets geïmporteerd."
if printf '%s\n' "$err" | head -n 1 | grep -q "^regel 3:"; then pass "mistakes in line order"; else fail "mistakes in line order"; fi
[ "$(kn curriculum export | sha256sum | cut -d' ' -f1)" = "$before" ] && pass "a bad file imports nothing" || fail "a bad file imports nothing"
run kn curriculum import "$T/bad.csv" --dry-run
expect_err "dry run of a bad file names the lines too" 1 "regel 3: onbekend niveau"
printf 'hoofdgebied;deelgebied;niveau;code\nrekenen;breuken;5;RE-X-1\n' > "$T/nocol.csv"
run kn curriculum import "$T/nocol.csv"; expect_err "missing column in the header" 1 "regel 1: kolom 'titel' ontbreekt in de kopregel"
printf 'hoofdgebied;deelgebied;niveau;code;titel\nrekenen;breuken;5;"RE-X-1;open\n' > "$T/quote.csv"
run kn curriculum import "$T/quote.csv"; expect_err "unclosed quote" 1 "regel 2: een aanhalingsteken"
: > "$T/leeg.csv"
run kn curriculum import "$T/leeg.csv"; expect_err "empty file" 1 "het bestand is leeg"
run kn curriculum import "$T/bestaat-niet.csv"; expect_err "missing file" 1 "niet lezen"
[ "$(kn curriculum export | sha256sum | cut -d' ' -f1)" = "$before" ] && pass "bad files change nothing" || fail "bad files change nothing"

# --- niveaus: an empty school takes them in an order every deelgebied agrees with ---
"$KM" --db "$T/n.db" init --school N >/dev/null
cat > "$T/niv.csv" <<'CSV'
hoofdgebied;deelgebied;niveau;code;titel;volgorde;ingetrokken
engels;spreken;7;EN-1;Hello;1;nee
engels;spreken;8;EN-2;Goodbye;1;nee
rekenen;getallen;6;RE-1;Tellen;1;nee
rekenen;getallen;7;RE-2;Rekenen;1;nee
CSV
run "$KM" --db "$T/n.db" curriculum import "$T/niv.csv"; expect_out "niveaus made" "3 niveaus"
"$KM" --db "$T/n.db" curriculum export > "$T/niv2.csv"
[ "$(sed -n '2,$p' "$T/niv2.csv" | cut -d';' -f4 | tr -d '\r' | tr '\n' ' ')" = "EN-1 EN-2 RE-1 RE-2 " ] \
    && pass "niveau order 6, 7, 8 from the file" || fail "niveau order 6, 7, 8 from the file" "$(cat "$T/niv2.csv")"
printf 'hoofdgebied;deelgebied;niveau;code;titel\nengels;spreken;9;EN-3;Thanks\n' > "$T/niv9.csv"
run "$KM" --db "$T/n.db" curriculum import "$T/niv9.csv"; expect_err "a school with niveaus refuses a new one" 1 "onbekend niveau '9' (de school kent: 6, 7, 8)"

# --- export overview ---
run km export overview --group "groep 5a"
expect_code "overview csv" 0
printf '%s\n' "$out" | head -n 1 | grep -q "^${BOM}hoofdgebied;deelgebied;niveau;code;titel;leerlingen;N niet gestart;B mee bezig;J bijna;V beheerst;geen status;aantal beheerst;% beheerst${CR}\$" \
    && pass "overview csv header" || fail "overview csv header" "$(printf '%s\n' "$out" | head -n 1)"
[ "$(printf '%s\n' "$out" | wc -l)" = 51 ] && pass "overview: the group's niveau only (50 goals)" || fail "overview: the group's niveau only (50 goals)" "$(printf '%s\n' "$out" | wc -l)"
printf '%s\n' "$out" | sed 1d | tr -d '\r' | awk -F';' '{ s = 0; for (i = 7; i <= 11; i++) s += $i; if (s != $6 || $12 != $10) bad++ } END { exit bad > 0 }' \
    && pass "overview: the counts add up to the students" || fail "overview: the counts add up to the students"
run km export overview --group "groep 5a" --table leerlingen
printf '%s\n' "$out" | head -n 1 | grep -q "^${BOM}leerling;niveau;hoofdgebied;deelgebied;leerdoelen;beheerst;% beheerst${CR}\$" \
    && pass "per student header" || fail "per student header" "$(printf '%s\n' "$out" | head -n 1)"
[ "$(printf '%s\n' "$out" | grep -c ';5;;;50;')" = 25 ] && pass "a total row per student" || fail "a total row per student"
run km export overview --group "groep 5a" --niveau 6
[ "$(printf '%s\n' "$out" | grep -c ';6;RE-\|;6;TA-\|;6;LE-\|;6;SP-\|;6;WO-')" = 50 ] && pass "--niveau" || fail "--niveau"
run km export overview --group "groep 5a" --deelgebied breuken
[ "$(printf '%s\n' "$out" | wc -l)" = 4 ] && pass "--deelgebied" || fail "--deelgebied" "$(printf '%s\n' "$out" | wc -l)"
run km export overview --group "groep 5a" --from 2000-01-01 --to 2000-12-31
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && pass "a period without lessons: no goals" || fail "a period without lessons: no goals"
run km export overview --group "groep 5a" --from 2000-01-01 --to 2100-12-31
n=$(printf '%s\n' "$out" | wc -l)
[ "$n" -gt 1 ] && [ "$n" -lt 51 ] && pass "a period keeps the planned goals" || fail "a period keeps the planned goals" "$n lines"
run km export overview --group "groep 5a" --format html --output "$T/o.html"; expect_out "html to a file" "Geschreven naar"
head -n 1 "$T/o.html" | grep -q '^<!DOCTYPE html>$' && pass "html doctype" || fail "html doctype"
grep -q '<h1>Leerdoeloverzicht groep 5a</h1>' "$T/o.html" && pass "html title" || fail "html title"
grep -q '<span style="width:[0-9]*%"></span></span>[0-9]*%' "$T/o.html" && pass "bars with a CSS width and the share as text" || fail "bars with a CSS width and the share as text"
grep -q '<th class="n" title="beheerst">V ●</th>' "$T/o.html" && pass "status columns by letter and glyph" || fail "status columns by letter and glyph"
grep -qi 'src=\|href=\|@import\|url(\|<script' "$T/o.html" && fail "no external resources" || pass "no external resources"
grep -q '<h2>Per leerling</h2>' "$T/o.html" && pass "html per student" || fail "html per student"
run km group add '<b>Tom & "Jerry"</b>'
run km export overview --group '<b>Tom & "Jerry"</b>' --format html
expect_out "names escaped in html" '<h1>Leerdoeloverzicht &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</h1>'
expect_no_out "no raw markup from data" '<b>Tom'
run km export overview --student leerling --format csv --table leerlingen
expect_out "one student's overview" "Daniëlle van 't Hof;5;rekenen;;20;"
run km export overview;                                    expect_err "a group is needed" 2 "--group"
run km export overview --group "groep 5a" --format pdf;    expect_err "unknown format" 2 "--format"
run km export overview --group "groep 5a" --from 2026-01-01; expect_err "a period needs both dates" 2 "--from en --to"
run km export overview --group "groep 5a" --from 1-1-2026 --to 2026-02-01; expect_err "bad date" 2 "2026-11-30"
run km export overview --group "groep 9z";                 expect_err "unknown group" 1 "bestaat niet"
run km export overview --group "groep 5a" --niveau 42;     expect_err "unknown niveau" 1 "Niveau '42' bestaat niet"
run km export overview --group "groep 5a" --output "$T/geen/map/o.csv"; expect_err "unwritable output" 1 "niet schrijven"

finish curriculum-cli
