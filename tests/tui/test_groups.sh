#!/bin/sh
# GROEPEN for the beheerder on the screens: an eigen groep made and filled with 3 students and 2 teachers, the
# second teacher sharing its planning, a group from ParnasSys read-only with its reason, re-linking after the new
# school year; PROFIEL and a person's page with parents and children, linking them; LEERLINGEN with the group
# column and the Dutch order; where each person lands; the weektaak from the week screen; the overview's Enter.
. tests/lib.sh
. tests/tui/lib.sh
have_tmux || { echo "groups: 0 passed, 1 failed (tmux missing)"; exit 1; }

DB="$T/school.db"
"$KM" --db "$DB" demo >/dev/null || { echo "groups: 0 passed, 1 failed (demo)"; exit 1; }
mkdir -p "$T/export"
cat >>"$T/test.ini" <<INI
[general]
export_dir = $T/export
INI
q() { "$PY" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$DB" "$1"; }
sql() { "$PY" -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()" "$DB" "$1"; }
check() { _d=$1; _s=$2; shift 2; if "$@"; then pass "$_d"; else fail "$_d" "$(screen_dump "$_s")"; fi; }

# --- an eigen groep made and filled on the screen ---
start b 80 24 "$DB"
wait_for b "Gebruikersnaam"
login b beheerder demo || fail "beheerder logs in" "$(screen_dump b)"
keys b 3
check "GROEPEN offers toevoegen, bron and opnieuw koppelen" b wait_for b "a/Insert toevoegen"
keys b a; type_text b "rekenen plus"; keys b Enter
check "a new eigen groep opens its GroepsProfiel" b wait_for b "GroepsProfiel — rekenen plus"
keys b a
check "a opens the list to choose members from" b wait_for b "leden toevoegen"
for who in mees.aksoy mats.bakker vera.bosch leerkracht hanneke.vantveer; do
    keys b /; type_text b "$who"; keys b Enter
    wait_for b "met '$who'" && keys b Space
done
wait_for b "5 aangevinkt"
check "Space ticks five at once (searching in between)" b on_screen b "5 aangevinkt"
keys b Enter
check "three students and two teachers are in it" b wait_for b "5 leden toegevoegd"
check "… shown as duo-collega's" b wait_for b "Leerkrachten: Aylin Çelik en Hanneke van 't Veer"
[ "$(q "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.name = 'rekenen plus' AND m.kind = 'leerling'")" = 3 ] &&
    [ "$(q "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.name = 'rekenen plus' AND m.kind = 'leerkracht'")" = 2 ] &&
    pass "3 students and 2 teachers in the database" || fail "3 students and 2 teachers in the database"
keys b b
check "b chooses the bron" b wait_for b "Welke groep volgt eigen groep 'rekenen plus'"
keys b /; type_text b "groep 5a"; keys b Enter Enter
check "the bron is chosen" b wait_for b "bron: groep 5a"
keys b Escape
wait_for b "GROEPEN"

# --- the second teacher sees the group's lesson ---
lesson=$(q "SELECT i.lesson_id FROM lesson_instances i JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id
            JOIN groups g ON g.id = lg.group_id WHERE g.name = 'groep 5a' AND i.date >= date('now')
            AND i.teacher_id = (SELECT id FROM users WHERE username = 'leerkracht') ORDER BY i.date, i.start_min LIMIT 1")
date=$(q "SELECT min(date) FROM lesson_instances WHERE lesson_id = $lesson AND date >= date('now')")
before=$("$KM" --db "$DB" export ical --user hanneke.vantveer --from "$date" | grep -c BEGIN:VEVENT)
sql "INSERT INTO lesson_groups (lesson_id, group_id) SELECT $lesson, id FROM groups WHERE name = 'rekenen plus'"
after=$("$KM" --db "$DB" export ical --user hanneke.vantveer --from "$date" | grep -c BEGIN:VEVENT)
[ "$after" -gt "$before" ] && pass "the duo-collega sees the group's lessons in her week ($before -> $after)" ||
    fail "the duo-collega sees the group's lessons in her week" "$before -> $after"
start h 80 24 "$DB"
wait_for h "Gebruikersnaam"
login h hanneke.vantveer demo || fail "second teacher logs in" "$(screen_dump h)"
keys h 1; wait_for h "MIJNROOSTER"
keys h /; type_text h "$date"; keys h Enter; keys h Tab
check "… and on her screen, with Aylin Çelik teaching" h wait_for h "rekenen plus"
kill_session h

# --- a group from ParnasSys: members read-only, with the reason ---
sql "UPDATE groups SET source = 'parnassys', source_key = 'G6B' WHERE name = 'groep 6b'"
keys b /; type_text b "groep 6b"; keys b Enter Enter
check "a ParnasSys group says why its members are fixed" b wait_for b "komt uit ParnasSys; wijzigen in ParnasSys"
keys b a
check "… and refuses to add members" b wait_for b "De leden van deze groep komen uit ParnasSys; wijzigen in ParnasSys."
keys b d
check "… or to remove one" b wait_for b "komen uit ParnasSys"
keys b Escape; wait_for b "GROEPEN"

# --- re-linking after the new school year ---
next=$(q "SELECT (CAST(substr(schooljaar, 1, 4) AS INTEGER) + 1) || '-' || (CAST(substr(schooljaar, 1, 4) AS INTEGER) + 2) FROM groups WHERE name = 'groep 5a'")
sql "INSERT INTO groups (name, kind, schooljaar, jaargroep, created_at) VALUES ('groep 5a', 'stamgroep', '$next', '5', '2027-06-20')"
keys b r
check "r opens the relink screen with the proposal" b wait_for b "→ groep 5a ($next)"
keys b G Enter
check "Enter takes the proposal" b wait_for b "rekenen plus volgt nu groep 5a van $next"
[ "$(q "SELECT g.schooljaar = '$next' AND b.schooljaar = '$next' FROM groups g JOIN groups b ON b.id = g.linked_group_id WHERE g.name = 'rekenen plus'")" = 1 ] &&
    pass "the eigen groep follows next year's group" || fail "the eigen groep follows next year's group"
[ "$(q "SELECT count(*) FROM lesson_groups lg JOIN groups g ON g.id = lg.group_id WHERE g.name = 'rekenen plus'")" = 1 ] &&
    pass "its lesson (planning) stays with it" || fail "its lesson (planning) stays with it"
keys b Escape; wait_for b "GROEPEN"
keys b Escape; wait_for b "Hoofdmenu"

# --- LEERLINGEN: the group of each, in the Dutch order; a person's parents; linking ---
keys b 4; wait_for b "LEERLINGEN"; keys b 2
check "LEERLINGEN shows each student's group" b wait_for b "Groep"
order=$(screen b | grep -oE "Inès van den Berg|Vera Bosch|Mats Bakker" | tr '\n' ',')
[ "$order" = "Mats Bakker,Inès van den Berg,Vera Bosch," ] && pass "sorted by achternaam without voorvoegsel (Bakker, van den Berg, Bosch)" ||
    fail "sorted by achternaam without voorvoegsel" "got $order" "$(screen_dump b)"
keys b /; type_text b "mees.aksoy"; keys b Enter Enter
check "a student's page lists the parents" b wait_for b "ouders ("
keys b a
check "a links a parent: the parents to choose from" b wait_for b "ouder koppelen"
keys b /; type_text b "ouder"; keys b Enter; keys b Enter
check "… linked" b wait_for b "Gekoppeld."
[ "$(q "SELECT count(*) FROM parent_child pc JOIN users p ON p.id = pc.parent_id JOIN users c ON c.id = pc.child_id WHERE p.username = 'ouder' AND c.username = 'mees.aksoy'")" = 1 ] &&
    pass "the link is in the database" || fail "the link is in the database"
keys b G d
check "d asks before unlinking" b wait_for b "weghalen?"
keys b j
check "… and unlinks" b wait_for b "De koppeling is weg."
kill_session b

# --- where each person lands, and PROFIEL ---
start s 80 24 "$DB"
wait_for s "Gebruikersnaam"
login_lands s leerling demo
check "a student lands on the day view" s wait_for s "MIJNROOSTER › Daniëlle van 't Hof ›"
check "… with hier kan ik zelf aan werken" s wait_for s "Hier kan ik zelf aan werken"
keys s Escape; wait_for s "Hoofdmenu"; keys s 3
check "a student's PROFIEL lists the parents" s wait_for s "Je ouders ("
check "… and the groups" s on_screen s "Je groepen ("
kill_session s
one=$(q "SELECT p.username FROM parent_child pc JOIN users p ON p.id = pc.parent_id GROUP BY p.id HAVING count(*) = 1 ORDER BY p.username LIMIT 1")
printf 'Een-Ouder-Wachtwoord-1\n' | "$KM" --db "$DB" passwd "$one" >/dev/null
start p1 80 24 "$DB"
wait_for p1 "Gebruikersnaam"
type_text p1 "$one"; keys p1 Enter; type_text p1 "Een-Ouder-Wachtwoord-1"; keys p1 Enter
wait_for p1 "Kies een eigen wachtwoord" # set by the school: temporary
type_text p1 "Zelf-Gekozen-Ouder-2"; keys p1 Enter; type_text p1 "Zelf-Gekozen-Ouder-2"; keys p1 Enter Enter
check "a parent of one child lands on the child's day (after choosing a password)" p1 wait_for p1 "(vandaag)"
kill_session p1
start p2 80 24 "$DB"
wait_for p2 "Gebruikersnaam"
login_lands p2 ouder demo
check "a parent of two lands on the choice" p2 wait_for p2 "Van welk kind wil je het rooster zien?"
keys p2 Escape; wait_for p2 "Hoofdmenu"
keys p2 3
check "a parent's PROFIEL lists the children with their group" p2 wait_for p2 "Je kinderen (2)"
check "… each with a group" p2 on_screen p2 "groep 5a"
kill_session p2

# --- a teacher: the home menu, the weektaak from the week screen, the overview's Enter ---
start t 80 24 "$DB"
wait_for t "Gebruikersnaam"
login_lands t leerkracht demo
check "a teacher lands on the home menu, with the key for the lesson of now" t wait_for t "o opent de les van nu"
keys t 1; wait_for t "MIJNROOSTER"
keys t w
check "w offers the teacher's groups" t wait_for t "Van welke groep wil je de weektaak"
keys t Enter
check "… and writes the weektaak into export_dir" t wait_for t "Weektaak geschreven"
sheet=$(ls "$T"/export/weektaak-*.html 2>/dev/null | head -n 1)
group=$(sed -n 's/.*<p class="group">\([^<]*\)<.*/\1/p' "$sheet" | head -n 1)
students=$(q "SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.name = '$group' AND m.kind = 'leerling'")
[ -n "$sheet" ] && [ "$(grep -c '<section class="page"' "$sheet")" = "$students" ] &&
    pass "one page per student of the group ($group: $students)" || fail "one page per student of the group" "$sheet $group $students"
keys t Escape; wait_for t "Hoofdmenu"
keys t 2; wait_for t "statusbord"; keys t Enter
wait_for t "Leerdoeloverzicht van de groep"; keys t g Enter
check "the Leerdoeloverzicht opens" t wait_for t "OVERZICHT"
keys t Down Enter
check "Enter on a goal opens the status board at it" t wait_for t "K hele kolom"
keys t Escape; wait_for t "OVERZICHT"; keys t Tab Enter
check "Enter on a student opens that student's goals" t wait_for t "van 50 beheerst"
kill_session t

finish groups
