#!/bin/sh
# The command line as the server's administrator meets it: output, exit codes, and bad input that
# changes nothing.
. tests/lib.sh
DB="$T/school.db"

# --- global ---
run "$KM" --help;                 expect_out "help lists commands" "user add"
run "$KM" --version;              expect_out "version" "klassenmap "
run "$KM" --db "$DB" nonsense;    expect_err "unknown command is a usage error" 2 "onbekende opdracht"
run "$KM" --bogus;                expect_err "unknown global option" 2 "onbekende optie"
run "$KM" --db "$DB" user;        expect_code "user without subcommand shows usage" 2
run "$KM" --db "$DB" user add --help; expect_out "command help" "--role ROL"

# --- init ---
run "$KM" --db "$DB" init;        expect_err "init needs --school" 2 "--school ontbreekt"
run "$KM" --db "$DB" init --school "OBS Test" --brin 9x;  expect_err "bad BRIN" 1 "Ongeldige BRIN"
[ ! -e "$DB" ] && pass "bad BRIN leaves no file" || fail "bad BRIN leaves no file"
run "$KM" --db "$DB" init --school "OBS 't Klokhuis" --brin 99ZZ; expect_out "init" "gemaakt"
run "$KM" --db "$DB" check;       expect_out "check: wal" "wal            ok (journal_mode=wal)"
expect_out "check: integrity" "integriteit    ok"
expect_out "check: schema" "schema         ok"
before=$(sum "$DB")
run "$KM" --db "$DB" init --school "Nog een";  expect_err "second init refused" 1 "hoort al bij een school"
[ "$(sum "$DB")" = "$before" ] && pass "second init changes nothing" || fail "second init changes nothing"

# --- users ---
run "$KM" --db "$DB" user add --role leerkracht --username juf.an --name "Anneke de Vries" --email an@school.nl
expect_out "add teacher" "Gebruiker juf.an (leerkracht) toegevoegd"
run "$KM" --db "$DB" user add --role leerling --name "Daniëlle Çelik"
expect_out "username made from a name with diacritics" "daniell"
run "$KM" --db "$DB" user add --role leerling --name "Sjoerd van 't Hof"
expect_out "username with voorvoegsel" "sjoerd.vanthof"
run "$KM" --db "$DB" user add --role leerling --name "Sjoerd van 't Hof"
expect_out "second Sjoerd gets a number" "sjoerd.vanthof2"
run "$KM" --db "$DB" user add --role leerkracht --username juf.an --name "Ander Mens"
expect_err "duplicate username" 1 "al in gebruik"
run "$KM" --db "$DB" user add --role koning --name "Wim Alexander"
expect_err "unknown role" 2 "--role is"
run "$KM" --db "$DB" user add --role ouder --name "Piet Puk" --email "geen-adres"
expect_err "bad e-mail" 1 "Ongeldig e-mailadres"
run "$KM" --db "$DB" user add --role ouder --name "Cher"
expect_err "name needs achternaam" 1 "roepnaam en achternaam"
run "$KM" --db "$DB" user add --role leerling --name "$(printf 'Evil \033[2J\033]0;pwned\007Kid')"
expect_out "name with escape sequence accepted" "toegevoegd"
run "$KM" --db "$DB" user list
if printf '%s' "$out" | grep -q "$(printf '\033')"; then fail "no ESC reaches the terminal"; else pass "no ESC reaches the terminal"; fi
expect_out "list shows teacher" "Anneke de Vries"
# Columns line up by display width, also with ë and Ç in a name.
# Columns line up by display width, also with ë and Ç in a name: every row is 70 columns before the e-mail.
if printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
def w(s): return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
widths = set()
for line in sys.stdin.read().splitlines():
    last = line.split(" ")[-1]
    widths.add(w(line) - (len(last) if "@" in last else 0))
sys.exit(0 if widths == {70} else 1)'; then pass "columns aligned with diacritics"; else fail "columns aligned with diacritics"; fi
run "$KM" --db "$DB" user list --json --role leerkracht
expect_out "json list" '"username": "juf.an"'
run "$KM" --db "$DB" user show juf.an;  expect_out "show user" "an@school.nl"
expect_no_out "show never prints a hash" "argon2"
run "$KM" --db "$DB" user show niemand; expect_err "show unknown user" 1 "bestaat niet"

# --- passwords ---
run_in "kort" "$KM" --db "$DB" passwd juf.an;          expect_err "short password refused" 1 "te kort"
run_in "welkom01" "$KM" --db "$DB" passwd sjoerd.vanthof; expect_err "blocklisted password refused" 1 "te makkelijk"
run_in "Zonnebloem-Tafel-42" "$KM" --db "$DB" passwd juf.an; expect_out "password from stdin" "is gewijzigd"
run "$KM" --db "$DB" passwd --temporary sjoerd.vanthof;  expect_out "temporary password printed once" "Tijdelijk wachtwoord"
tmp_pw=$(printf '%s' "$out" | sed -n 's/^Tijdelijk wachtwoord voor [^:]*: //p')
[ ${#tmp_pw} -eq 10 ] && pass "temporary password has 10 characters" || fail "temporary password has 10 characters"
if printf '%s' "$tmp_pw" | grep -q '[0O1lI]'; then fail "no look-alike characters"; else pass "no look-alike characters"; fi
run "$KM" --db "$DB" user show juf.an; expect_out "a teacher's password set by the server is temporary" "tijdelijk"
run "$KM" --db "$DB" user show sjoerd.vanthof; expect_out "a student's is not (student_temporary = nee)" "ingesteld"
run "$KM" --db "$DB" check >/dev/null
if grep -a -q -e "Zonnebloem-Tafel-42" -e "$tmp_pw" "$DB" "$DB-wal" 2>/dev/null; then fail "no plain password in the database"; else pass "no plain password in the database"; fi

# --- groups ---
run "$KM" --db "$DB" group add "groep 5a" --kind stamgroep --jaargroep 5; expect_out "add stamgroep" "gemaakt"
run "$KM" --db "$DB" group add "rekenen niveau 3";  expect_out "add eigen groep" "eigen"
run "$KM" --db "$DB" group add "groep 5a" --kind stamgroep; expect_err "duplicate group" 1 "al een groep"
run "$KM" --db "$DB" group add "x" --kind klas;     expect_err "bad kind" 1 "Onbekende soort"
run "$KM" --db "$DB" group join "groep 5a" juf.an sjoerd.vanthof; expect_out "join" "zit nu in"
run "$KM" --db "$DB" group members "groep 5a";     expect_out "members" "Sjoerd van 't Hof"
run "$KM" --db "$DB" group list;                   expect_out "list" "1 leerlingen, 1 leerkracht"
run "$KM" --db "$DB" group members "groep 9z";     expect_err "unknown group" 1 "bestaat niet"

# --- deactivate, audit ---
run "$KM" --db "$DB" user deactivate sjoerd.vanthof2;  expect_out "deactivate" "inactief"
run "$KM" --db "$DB" user list;                      expect_no_out "inactive hidden" "sjoerd.vanthof2"
run "$KM" --db "$DB" user list --all;                expect_out "inactive with --all" "(inactief)"
run "$KM" --db "$DB" audit;                          expect_out "audit has password change" "wachtwoord-ingesteld"
expect_no_out "audit has no password" "Zonnebloem"
run "$KM" --db "$DB" audit --user juf.an --json;     expect_out "audit json filter" '"subject": "juf.an"'
run "$KM" --db "$DB" audit --since gisteren;         expect_err "audit bad date" 2 "--since"
# one date reader for every date option: a day that does not exist is refused, whatever the command
run "$KM" --db "$DB" audit --since 2026-02-31;       expect_err "audit --since 2026-02-31 refused" 2 "bestaande datum"
run "$KM" --db "$DB" audit --since=2026-04-31;       expect_err "audit --since=2026-04-31 refused" 2 "bestaande datum"
run "$KM" --db "$DB" audit --since 2024-02-29;       expect_code "audit --since 2024-02-29 (a leap day) accepted" 0
run "$KM" --db "$DB" export ical --user juf.an --from 2026-02-29; expect_err "export ical --from 2026-02-29 refused" 2 "bestaande datum"
run "$KM" --db "$DB" roster show --from 2026-13-01;  expect_err "roster show --from 2026-13-01 refused" 2 "bestaande datum"
# "--" ends the options, globally and per command
run "$KM" --db "$DB" -- user show juf.an;            expect_out "-- before the command" "juf.an"
run "$KM" --db "$DB" user show -- --help;            expect_err "after --, --help is a name" 1 "bestaat niet"
run "$KM" --db "$DB" user show -- -x;                expect_err "after --, -x is a name, not an option" 1 "bestaat niet"

# --- bad databases: one sentence, exit 1, file unchanged ---
printf 'dit is geen database\n' > "$T/tekst.db"; before=$(sum "$T/tekst.db")
run "$KM" --db "$T/tekst.db" user list;  expect_err "not a database" 1 "geen klassenmap-database"
[ "$(sum "$T/tekst.db")" = "$before" ] && pass "not-a-database unchanged" || fail "not-a-database unchanged"
run "$KM" --db "$T/nergens/school.db" check; expect_err "missing directory" 1 "bestaat niet"
run "$KM" --db "$T/ontbreekt.db" check;      expect_err "missing database" 1 "klassenmap init"
[ ! -e "$T/ontbreekt.db" ] && pass "missing database not created" || fail "missing database not created"
cp "$DB" "$T/newer.db"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit(); c.execute('PRAGMA journal_mode=DELETE')" "$T/newer.db"
before=$(sum "$T/newer.db")
run "$KM" --db "$T/newer.db" user list;  expect_err "newer schema" 1 "nieuwere versie"
[ "$(sum "$T/newer.db")" = "$before" ] && pass "newer database unchanged" || fail "newer database unchanged"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t(x)'); c.commit()" "$T/other.db"
before=$(sum "$T/other.db")
run "$KM" --db "$T/other.db" user list;  expect_err "another program's SQLite file" 1 "ander programma"
[ "$(sum "$T/other.db")" = "$before" ] && pass "foreign database unchanged" || fail "foreign database unchanged"
cp "$DB" "$T/ro.db"; chmod 444 "$T/ro.db"; before=$(sum "$T/ro.db")
run "$KM" --db "$T/ro.db" user add --role leerling --name "Nieuw Kind";  expect_err "read-only database" 1 "alleen-lezen"
[ "$(sum "$T/ro.db")" = "$before" ] && pass "read-only database unchanged" || fail "read-only database unchanged"

# A database locked by another program: a clear sentence after the wait, nothing changed.
python3 - "$DB" "$T/locked" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(25)
c.execute("ROLLBACK")
PY
holder=$!
while [ ! -e "$T/locked" ]; do sleep 0.1; done
run "$KM" --db "$DB" user add --role leerling --name "Wachtend Kind"
expect_err "locked database" 1 "bezet"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
run "$KM" --db "$DB" user list --all;  expect_no_out "locked: nothing added" "Wachtend"

# --- config mistakes: file and line named, nothing done ---
printf '[general]\nlanguage = nl\n[password]\nmin_lenght = 8\n' > "$T/typo.ini"
run "$KM" --config "$T/typo.ini" --db "$DB" user list; expect_err "config typo names line" 1 "regel 4"
expect_err "config typo names key" 1 "min_lenght"
printf '[login]\nmax_failures = veel\n' > "$T/bad.ini"
run "$KM" --config "$T/bad.ini" --db "$DB" check;  expect_err "config bad number" 1 "regel 2"
run "$KM" --config "$T/ontbreekt.ini" --db "$DB" check; expect_err "config missing" 1 "ontbreekt.ini"

# --- demo ---
DEMO="$T/demo.db"
run "$KM" --db "$DEMO" demo --size middel;  expect_err "demo bad size" 2 "--size"
run "$KM" --db "$DEMO" demo --seed 7;       expect_out "demo lists accounts" "leerkracht"
expect_out "demo names the password" "wachtwoord: demo"
run "$KM" --db "$DEMO" check;              expect_out "demo database is healthy" "integriteit    ok"
run "$KM" --db "$DEMO" user list --role leerling; expect_out "demo has a name with diacritics" "Daniëlle"
run "$KM" --db "$DEMO" demo;                expect_err "demo refuses a non-empty database" 1 "al"

# --- roster ---
MONDAY=$("$PY" -c "import datetime; d = datetime.date.today(); print(d - datetime.timedelta(days=d.weekday()))")
run "$KM" --db "$DEMO" roster generate --from 2030-01-08 --weeks 2 --template Standaardweek
expect_err "roster starts on a Monday" 1 "geen maandag"
run "$KM" --db "$DEMO" roster generate --from 2030-01-07 --weeks 3 --template Standaardweek,-,Bestaatniet
expect_err "roster: unknown template" 1 "bestaat niet"
run "$KM" --db "$DEMO" roster generate --from 2030-01-07 --weeks 3 --template Standaardweek,-
expect_out "roster: weeks made, holiday week" "vakantie"
before=$("$KM" --db "$DEMO" roster show --from "$MONDAY" --weeks 1)
run "$KM" --db "$DEMO" roster generate --from "$MONDAY" --weeks 1 --template Standaardweek
expect_err "roster: planned week needs --yes" 1 "geplande leerdoelen"
[ "$("$KM" --db "$DEMO" roster show --from "$MONDAY" --weeks 1)" = "$before" ] && pass "roster: nothing changed without --yes" ||
    fail "roster: nothing changed without --yes"
run "$KM" --db "$DEMO" roster generate --from "$MONDAY" --weeks 1 --template Standaardweek --yes
expect_out "roster: --yes replaces the week" "0 leerdoelen gepland"
# without --from: every week the roster has, from the first to the last (here up to the weeks of 2030)
run "$KM" --db "$DEMO" roster show
all_weeks=$(printf '%s\n' "$out" | grep -c '^week')
first=$(printf '%s\n' "$out" | head -n 1 | awk '{ print $3 }')
want=$("$PY" - "$DEMO" <<'PY'
import datetime, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
a, b = c.execute("SELECT min(week_start), max(week_start) FROM roster_weeks").fetchone()
d = lambda s: datetime.date.fromisoformat(s)
print(a, (d(b) - d(a)).days // 7 + 1)
PY
)
if [ "$code" = 0 ] && [ "$first $all_weeks" = "$want" ]; then pass "roster show without --from: every week ($want)"
else fail "roster show without --from: every week" "want first week and count: $want" "got: $first $all_weeks"; fi
run "$KM" --db "$DEMO" roster show --weeks 2
expect_err "roster show: --weeks without --from" 2 "hoort bij --from"
run "$KM" --db "$DB" roster show
expect_out "roster show without a roster says so" "nog geen schoolrooster"

# --- iCalendar ---
run "$KM" --db "$DEMO" export ical --user leerkracht --from "$MONDAY" --weeks 2 --output "$T/juf.ics"
expect_code "export ical" 0
if "$PY" - "$T/juf.ics" <<'PY'
import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [e for e in cal.walk("VEVENT")]
assert len(events) > 10, len(events)
start = events[0].decoded("DTSTART")
assert str(start.tzinfo) in ("Europe/Amsterdam", "CET", "CEST") or "Amsterdam" in repr(start.tzinfo), repr(start.tzinfo)
assert events[0].get("LOCATION"), "no room"
assert all(e.get("UID") for e in events)
PY
then pass "ical parses with python3-icalendar, times in Europe/Amsterdam"; else fail "ical parses with python3-icalendar, times in Europe/Amsterdam"; fi
run "$KM" --db "$DEMO" export ical --user niemand;  expect_err "ical: unknown user" 1 "bestaat niet"

# the display-width and folding tables are what their generator makes from Unicode 14.0.0
if [ "$("$PY" -c 'import unicodedata; print(unicodedata.unidata_version)' 2>/dev/null)" = 14.0.0 ]; then
    run "$PY" tools/gen_text_tables.py --check
    expect_out "src/core/text.c's tables are tools/gen_text_tables.py's (Unicode 14.0.0)" "the same as in src/core/text.c"
else
    skip 1 "the text tables compared with their generator" "$PY does not carry Unicode 14.0.0 (Debian 12's python3 does)"
fi

# --help and the man page list the same commands
run "$KM" --help
help_cmds=$(printf '%s\n' "$out" | sed -n '/^Opdrachten:/,/^$/p' | sed -n 's/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p' | sort)
man_cmds=$(sed -n '/^\.SH COMMANDS/,/^\.SH [A-BD-Z]/p' doc/klassenmap.1 | grep -A1 '^\.TP' | grep '^\.B' |
    sed -E 's/^\.BI? "?//; s/(\\f|\\-|").*//' |
    awk '{ n = ""; for (i = 1; i <= NF && $i ~ /^[a-z]+$/; i++) n = n (n == "" ? "" : " ") $i; print n }' | sort)
if [ -n "$help_cmds" ] && [ "$help_cmds" = "$man_cmds" ]; then
    pass "--help and the man page list the same $(printf '%s\n' "$help_cmds" | wc -l) commands"
else
    printf '%s\n' "$help_cmds" >"$T/help.cmds"
    printf '%s\n' "$man_cmds" >"$T/man.cmds"
    fail "--help and the man page list the same commands" "< only in --help, > only in the man page:" \
        "$(diff "$T/help.cmds" "$T/man.cmds" | grep '^[<>]' | tr '\n' ' ')"
fi

# --- AVG: a lesson's note is staff-only; the line for the class is for everyone who sees the lesson ---
"$PY" - "$DEMO" "$MONDAY" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE lesson_instances SET note = 'café-groepje (Zoë) extra uitleg?', pupil_note = 'Neem je gymspullen mee.'"
           " WHERE date >= ? AND date < date(?, '+14 days')", (sys.argv[2], sys.argv[2]))
db.commit()
PY
unfolded() { printf '%s' "$out" | tr -d '\r' | sed ':a;N;$!ba;s/\n //g'; } # RFC 5545 lines joined again
for who in leerling ouder; do
    run "$KM" --db "$DEMO" export ical --user "$who" --from "$MONDAY" --weeks 2
    if [ "$code" = 0 ] && ! unfolded | grep -q "groepje" && ! unfolded | grep -q "notitie"; then
        pass "ical of $who: no note, and no sign that there is one"
    else
        fail "ical of $who: no note, and no sign that there is one"
    fi
done
run "$KM" --db "$DEMO" export ical --user leerling --from "$MONDAY" --weeks 2
unfolded | grep -qF "Voor de klas: Neem je gymspullen mee." && pass "ical of a student: the line for the class in DESCRIPTION" ||
    fail "ical of a student: the line for the class in DESCRIPTION"
run "$KM" --db "$DEMO" export ical --user leerkracht --from "$MONDAY" --weeks 2
unfolded | grep -qF "Met een notitie in klassenmap" && pass "ical of a teacher: says a note exists" ||
    fail "ical of a teacher: says a note exists"
unfolded | grep -qF "groepje" && fail "ical of a teacher: the note's text stays in klassenmap" ||
    pass "ical of a teacher: the note's text stays in klassenmap"
run "$KM" --db "$DEMO" roster show --from "$MONDAY" --weeks 2
expect_no_out "roster show: counts only, no note text" "groepje"
WEEKNO=$("$PY" -c "import datetime; print(datetime.date.fromisoformat('$MONDAY').isocalendar()[1])")
run "$KM" --db "$DEMO" export weekplan --group "groep 5a" --week "$WEEKNO"
expect_code "export weekplan: the students' weektaak" 0
expect_no_out "export weekplan: no note in the students' weektaak" "groepje"

# --- the Dutch name order: surname without voorvoegsel, then roepnaam, accents and case ignored ---
NAMES="$T/namen.db"
"$KM" --db "$NAMES" init --school "Namen" >/dev/null 2>&1
for n in "Zeynep Öztürk" "Anouk de Vries" "Joost 't Hart" "Emre Çelik" "Inès van den Berg" "Mats Bakker" "Noor Claes"; do
    "$KM" --db "$NAMES" user add --role leerling --name "$n" >/dev/null 2>&1
done
order() { printf '%s\n' "$out" | awk '{ print $1 }' | tr '\n' ' '; }
run "$KM" --db "$NAMES" user list --role leerling
want="mats.bakker ines.vandenberg emre.celik noor.claes joost.thart zeynep.ozturk anouk.devries "
if [ "$(order)" = "$want" ]; then pass "user list: Dutch order"; else fail "user list: Dutch order" "want: $want" "got:  $(order)"; fi
printf '[general]\nname_order = roepnaam\n' > "$T/roepnaam.ini"
run "$KM" --config "$T/roepnaam.ini" --db "$NAMES" user list --role leerling
want="anouk.devries emre.celik ines.vandenberg joost.thart mats.bakker noor.claes zeynep.ozturk "
if [ "$(order)" = "$want" ]; then pass "user list: roepnaam order as configured"; else fail "user list: roepnaam order as configured" "want: $want" "got:  $(order)"; fi
printf '[general]\nname_order = voornaam\n' > "$T/bad-order.ini"
run "$KM" --config "$T/bad-order.ini" --db "$NAMES" user list
expect_err "name_order: a bad value is refused" 1 "achternaam of roepnaam"

# --- the test clock: a demo school only, and a bad value refused ---
run env KLASSENMAP_TEST_CLOCK="2026-13-01 10:00" "$KM" --db "$DEMO" check
expect_err "test clock: a bad value is refused" 2 "KLASSENMAP_TEST_CLOCK"
run env KLASSENMAP_TEST_CLOCK="2031-02-03 10:00" "$KM" --db "$DEMO" user add --role leerling --name "Klok Test" --username klok.demo
run "$KM" --db "$DEMO" audit --user klok.demo
expect_out "test clock: a demo school records the test time" "2031-02-03"
run env KLASSENMAP_TEST_CLOCK="2031-02-03 10:00" "$KM" --db "$DB" user add --role leerling --name "Klok Test" --username klok.echt
run "$KM" --db "$DB" audit --user klok.echt
if [ "$code" = 0 ] && printf '%s' "$out" | grep -q "klok.echt" && ! printf '%s' "$out" | grep -q "2031"; then
    pass "test clock: a real school keeps the system's clock"
else
    fail "test clock: a real school keeps the system's clock" "expected an audit line for klok.echt without 2031"
fi

finish cli
