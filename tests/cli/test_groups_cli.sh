#!/bin/sh
# group rename | deactivate | activate | bron | relink, members several at once, a group from ParnasSys
# read-only with its reason, the re-linking after next year's import (planning stays with the eigen groep),
# and parent link | unlink.
. tests/lib.sh
DB="$T/school.db"
gen() { "$PY" tests/sync/gen_edex.py "$@"; }
this=$("$PY" -c 'import datetime; d = datetime.date.today(); y = d.year if d.month >= 8 else d.year - 1; print(f"{y}-{y + 1}")')
next=$("$PY" -c "y = int('$this'[:4]) + 1; print(f'{y}-{y + 1}')")
gen --students 30 --teachers 4 --schooljaar "$this" --output "$T/this.xml"
gen --students 30 --teachers 4 --schooljaar "$next" --output "$T/next.xml"
q() { "$PY" - "$DB" "$@" <<PY
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2], sys.argv[3:]).fetchone()[0])
PY
}

run "$KM" --db "$DB" init --school "OBS De Groepen" --brin 99ZZ; expect_out "init" "gemaakt"
run "$KM" --db "$DB" import edex "$T/this.xml";               expect_out "this year's groups" "($this, jaargroep 5)"
students=$("$KM" --db "$DB" group members 5a | awk '$1 == "leerling" { print $2 }' | head -n 3 | tr '\n' ' ')
teachers=$("$KM" --db "$DB" user list --role leerkracht | awk '{ print $1 }' | head -n 2 | tr '\n' ' ')
t2=$(echo "$teachers" | cut -d' ' -f2)

# --- an eigen groep: made with its bron, filled, renamed, deactivated ---
run "$KM" --db "$DB" group add "rekenen plus" --bron 5a;     expect_out "add with a bron" "bron 5a"
run "$KM" --db "$DB" group add "x" --kind stamgroep --bron 5a; expect_err "only an eigen groep has a bron" 2 "eigen groep"
run "$KM" --db "$DB" group add "y" --bron "bestaat niet"; expect_err "an unknown bron makes no group" 1 "bestaat niet"
[ "$(q "SELECT count(*) FROM groups WHERE name = 'y'")" = 0 ] && pass "no group y" || fail "no group y"
# shellcheck disable=SC2086
run "$KM" --db "$DB" group join "rekenen plus" $students $teachers; expect_out "3 students and 2 teachers" "zit nu in"
[ "$(q "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.name = 'rekenen plus' GROUP BY m.kind ORDER BY m.kind DESC")" = 3 ] &&
    pass "three students in it" || fail "three students in it"
run "$KM" --db "$DB" group members "rekenen plus";          expect_out "two teachers (duo-collega's)" "$t2"
before=$(q "SELECT count(*) FROM memberships")
run "$KM" --db "$DB" group join "rekenen plus" "$t2" niemand; expect_err "one unknown name changes nothing" 1 "bestaat niet"
[ "$(q "SELECT count(*) FROM memberships")" = "$before" ] && pass "nothing joined" || fail "nothing joined"
run "$KM" --db "$DB" group rename "rekenen plus" "rekenen plus 5"; expect_out "rename" "heet nu rekenen plus 5"
run "$KM" --db "$DB" group rename "rekenen plus 5" 5a;        expect_err "a taken name" 1 "al een groep"
run "$KM" --db "$DB" group rename "rekenen plus 5" "";        expect_err "an empty name" 1 "1 tot 64 tekens"
run "$KM" --db "$DB" group deactivate "rekenen plus 5";       expect_out "deactivate" "gedeactiveerd"
run "$KM" --db "$DB" group join "rekenen plus 5" "$t2";       expect_err "nobody joins a deactivated group" 1 "activeer haar eerst"
run "$KM" --db "$DB" group activate "rekenen plus 5";         expect_out "activate" "weer actief"
run "$KM" --db "$DB" group bron "rekenen plus 5" "rekenen plus 5"; expect_err "an eigen groep is no bron" 1 "geen eigen groep"
run "$KM" --db "$DB" group bron "rekenen plus 5";             expect_err "bron needs a bron or --none" 2 "--none"
run "$KM" --db "$DB" group bron "rekenen plus 5" --none;      expect_out "no bron" "geen bron meer"
run "$KM" --db "$DB" group bron "rekenen plus 5" 5a;          expect_out "bron 5a again" "volgt nu 5a"

# --- a group from ParnasSys refuses member changes, and says why ---
run "$KM" --db "$DB" group join 5a "$t2";                     expect_err "ParnasSys group: join refused" 1 "komt uit ParnasSys; wijzigen in ParnasSys"
run "$KM" --db "$DB" group leave 5a "$(echo "$students" | cut -d' ' -f1)"; expect_err "ParnasSys group: leave refused" 1 "wijzigen in ParnasSys"
run "$KM" --db "$DB" group rename 5a "5A";                    expect_err "ParnasSys group: rename refused" 1 "komt uit ParnasSys"
run "$KM" --db "$DB" group deactivate 5a;                     expect_err "ParnasSys group: deactivate refused" 1 "komt uit ParnasSys"

# --- next year's file: relink proposes the new 5a; --all links it, the planning stays ---
eigen=$(q "SELECT id FROM groups WHERE name = 'rekenen plus 5'")
run "$KM" --db "$DB" group relink;                            expect_out "nothing to relink yet" ": 0."
run "$KM" --db "$DB" import edex "$T/next.xml" --schooljaar "$next"; expect_out "next year's import says so" "koppel haar aan een groep van $next"
run "$KM" --db "$DB" group relink;                            expect_out "relink proposes the new 5a" "5a ($this) -> 5a ($next)"
run "$KM" --db "$DB" group relink --all --dry-run;           expect_out "dry run" "niets gewijzigd"
[ "$(q "SELECT schooljaar FROM groups WHERE id = ?" "$eigen")" = "$this" ] && pass "a dry run changes nothing" || fail "a dry run changes nothing"
run "$KM" --db "$DB" group relink "rekenen plus 5" --all;    expect_err "--all names no group" 2 "--all"
run "$KM" --db "$DB" group relink --all;                      expect_out "--all links them" "Gekoppeld: 1 eigen groep"
[ "$(q "SELECT g.schooljaar || ' ' || b.schooljaar || ' ' || b.name FROM groups g JOIN groups b ON b.id = g.linked_group_id WHERE g.id = ?" "$eigen")" = "$next $next 5a" ] &&
    pass "the eigen groep follows next year's 5a" || fail "the eigen groep follows next year's 5a"
[ "$(q "SELECT count(*) FROM memberships WHERE group_id = ?" "$eigen")" = 5 ] && pass "its members stay" || fail "its members stay"
run "$KM" --db "$DB" group members "rekenen plus 5";          expect_out "found by name in its new year" "$t2"
run "$KM" --db "$DB" group relink;                            expect_out "nothing left to relink" ": 0."
run "$KM" --db "$DB" group relink "rekenen plus 5";           expect_err "no proposal for a linked group" 1 "geen voorstel"

# --- parents the school links itself ---
run "$KM" --db "$DB" user add --role ouder --name "Ria de Wit" --email ria@example.org; expect_out "a local parent" "ria.dewit"
child=$(echo "$students" | cut -d' ' -f1)
run "$KM" --db "$DB" parent link ria.dewit "$child" --relation voogd; expect_out "link" "volgt nu $child"
[ "$(q "SELECT relation FROM parent_child pc JOIN users u ON u.id = pc.parent_id WHERE u.username = 'ria.dewit'")" = voogd ] &&
    pass "linked as voogd" || fail "linked as voogd"
run "$KM" --db "$DB" parent link "$child" ria.dewit;           expect_err "the wrong way round" 1 "gekoppeld aan een leerling"
run "$KM" --db "$DB" parent link ria.dewit;                    expect_err "link needs two names" 2 "ouder"
run "$KM" --db "$DB" parent unlink ria.dewit "$child";         expect_out "unlink" "volgt niet meer"
[ "$(q "SELECT count(*) FROM parent_child")" = 0 ] && pass "no link left" || fail "no link left"
run "$KM" --db "$DB" audit --kind ouder-ontkoppeld;           expect_out "unlink in the audit log" "ouder-ontkoppeld"

finish groups-cli
