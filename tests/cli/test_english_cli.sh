#!/bin/sh
# English means English on the command line: with LANGUAGE=en (and with LANG=en_GB.UTF-8, as a person's own
# locale) every command's --help, the global --help, the usage mistakes, the errors of core and of the imports,
# and the output of the everyday commands are in English: no sentence holds a word from tests/cli/dutch_words.sh
# (the school's own data, such as goal titles and names, aside).
. tests/lib.sh
. tests/cli/dutch_words.sh
DB="$T/school.db"
ALL="$T/all.txt"
: >"$ALL"
"$KM" --db "$DB" demo >/dev/null 2>&1 || { fail "demo school made"; finish english-cli; exit 1; }
# en CMD...: runs it in English, keeping everything it printed
en() {
    env LANGUAGE=en "$@" >>"$ALL" 2>&1 </dev/null
    return 0
}
en "$KM" --help
en "$KM" --version
for c in init demo check "user add" "user list" "user show" "user deactivate" "user unlock" passwd "group add" \
    "group list" "group members" "group join" "group leave" "roster generate" "roster show" "room add" "room list" \
    "template list" "template add" "template delete" "template check" "template export" "template import" \
    "export ical" "export overview" "curriculum export" "curriculum import" "import edex" "import parents" \
    "invite parents" "sync status" sync audit who backup; do
    # shellcheck disable=SC2086 # two-word commands
    en "$KM" --db "$DB" $c --help
    # shellcheck disable=SC2086
    en "$KM" --db "$DB" $c --nonsense
done
en "$KM" --db "$DB" nonsense
en "$KM" --nonsense
en "$KM" --db "$T/missing.db" user list
en "$KM" --db "$DB" audit --since 2026-02-31
en "$KM" --db "$DB" audit --limit 0
en "$KM" --db "$DB" user show niemand.hier
en "$KM" --db "$DB" user add --role koning --name "Iemand Anders"
en "$KM" --db "$DB" user add --role leerkracht --name "Eenwoord"
en "$KM" --db "$DB" user add --role leerkracht --name "Juf Engels" --email "no-address"
en "$KM" --db "$DB" user add --role leerkracht --name "Juf Engels" --username juf.engels
en "$KM" --db "$DB" user list
en "$KM" --db "$DB" user show juf.engels
en "$KM" --db "$DB" group list
en "$KM" --db "$DB" group add "rekenen niveau 9"
en "$KM" --db "$DB" group add "rekenen niveau 9"
en "$KM" --db "$DB" room list
en "$KM" --db "$DB" template list
en "$KM" --db "$DB" template check Standaardweek
en "$KM" --db "$DB" roster show --from 2026-11-30 --weeks 2
en "$KM" --db "$DB" roster show --from 2026-12-01
en "$KM" --db "$DB" check
en "$KM" --db "$DB" who
en "$KM" --db "$DB" audit --limit 5
en "$KM" --db "$DB" sync status
en "$KM" --db "$DB" sync
en "$KM" --db "$DB" backup "$T/copy.db"
en "$KM" --db "$DB" backup "$T/copy.db"
en "$KM" --db "$DB" export ical --user leerkracht --weeks 1 --output "$T/l.ics"
en "$KM" --db "$DB" export overview --group nergens
printf 'dit is geen xml\n' >"$T/bad.xml"
en "$KM" --db "$DB" import edex "$T/bad.xml"
printf 'code;titel\n' >"$T/bad.csv"
en "$KM" --db "$DB" curriculum import "$T/bad.csv" --dry-run
en "$KM" --db "$DB" template import "$T/bad.csv" --dry-run
en "$KM" --db "$DB" import parents "$T/bad.csv" --dry-run
printf '[general]\nonzin\n' >"$T/bad.ini"
en "$KM" --config "$T/bad.ini" --db "$DB" check
en env LANGUAGE= LC_ALL= LANG=en_GB.UTF-8 "$KM" --db "$T/missing.db" user list

# the school's data, read at the end: names, goal titles, and the codes the audit log stores (gebruiker-aangemaakt)
"$PY" -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = ?", ("table",)).fetchall():
    for row in c.execute("SELECT * FROM \"%s\"" % t):
        print(" ".join(str(v) for v in row if isinstance(v, str)))' "$DB" >"$T/data.txt"
lines=$(wc -l <"$ALL")
[ "$lines" -gt 200 ] && pass "the English run printed $lines lines" || fail "the English run printed enough lines" "only $lines"
grep -q "Usage: klassenmap" "$ALL" && grep -q "does not exist" "$ALL" && pass "help and errors are in English" ||
    fail "help and errors are in English"
found=$(dutch_in "$ALL" "$T/data.txt")
if [ -z "$found" ]; then
    pass "no Dutch word in the English command line"
else
    fail "no Dutch word in the English command line" "Dutch words: $found"
    for w in $found; do grep -iw -m 3 -- "$w" "$ALL" | sed "s/^/     [$w] /"; done
fi
# LANG alone chooses English too, and LANGUAGE=nl wins over it
run env LANGUAGE= LC_ALL= LANG=en_GB.UTF-8 "$KM" --db "$T/missing.db" user list
expect_err "LANG=en_GB.UTF-8 chooses English" 1 "does not exist"
run env LANGUAGE=nl LC_ALL= LANG=en_GB.UTF-8 "$KM" --db "$T/missing.db" user list
expect_err "LANGUAGE=nl wins over LANG=en_*" 1 "bestaat niet"
finish english-cli
