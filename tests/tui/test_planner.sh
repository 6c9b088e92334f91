#!/bin/sh
# MIJNROOSTER as its people meet it, on a demo school, in real terminals (tmux): the teacher's week with today
# marked, a lesson of today with two goals linked, a note (staff-only) and a line for the class written; the
# student of that group sees the goals and the line for the class, never the note, in the day view, the lesson and
# "Hier kan ik zelf aan werken"; the parent sees the same read-only; a change by the teacher appears on the
# student's open screen without a key press; a duo-collega's note saved meanwhile is not overwritten unseen; the
# grid at 80x24 and after a resize to 132x43.
. tests/lib.sh
. tests/tui/lib.sh

if ! have_tmux || ! command -v "$PY" >/dev/null 2>&1; then
    fail "tmux and python3 are needed for the TUI tests (sh tools/install-deps test)"
    finish planner
    exit 1
fi

DB="$T/school.db"
"$KM" --db "$DB" demo --password demo >"$T/demo.out" 2>&1 || { fail "demo school made" "$(cat "$T/demo.out")"; finish planner; exit 1; }

# What the screens should show, read from the database the way core reads it (the TUI itself has no SQL).
cat >"$T/q.py" <<'PY'
import datetime, shlex, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
cmd = sys.argv[2]
one = lambda sql, *a: db.execute(sql, a).fetchone()
uid = lambda name: one("SELECT id FROM users WHERE username = ?", name)[0]

# the planner's week query (core/planner.c): own lessons and those of the person's groups
WEEK = """WITH mine(group_id) AS (SELECT group_id FROM memberships WHERE user_id = ?1)
 SELECT i.id, i.date, i.start_min, i.end_min, COALESCE(h.name, '') || CASE WHEN d.name IS NULL THEN '' ELSE ' / ' || d.name END
 FROM lesson_instances i LEFT JOIN lessons l ON l.id = i.lesson_id
 LEFT JOIN hoofdgebieden h ON h.id = l.hoofdgebied_id LEFT JOIN deelgebieden d ON d.id = l.deelgebied_id
 WHERE i.date >= ?2 AND i.date < date(?2, '+7 days')
   AND (i.teacher_id = ?1 OR EXISTS (SELECT 1 FROM lesson_groups lg JOIN mine ON mine.group_id = lg.group_id
                                      WHERE lg.lesson_id = i.lesson_id))
 ORDER BY i.date, i.start_min, i.id"""

def week(user, monday):
    return db.execute(WEEK, (user, monday)).fetchall()

def hm(m):
    return "%02d:%02d" % (m // 60, m % 60)

def school_today():
    open_days = {r[0] for r in db.execute("SELECT weekday FROM school_hours")}
    d = datetime.date.today()
    for k in range(7):
        if (d + datetime.timedelta(k)).isoweekday() in open_days:
            return d + datetime.timedelta(k)
    return d

out = {}
if cmd == "info":
    teacher, student, parent = uid("leerkracht"), uid("leerling"), uid("ouder")
    day = school_today()
    monday = day - datetime.timedelta(day.weekday())
    out["DAY"] = day.isoformat()
    out["DAY_SHORT"] = day.strftime("%d-%m")
    out["TODAY_OPEN"] = "1" if day == datetime.date.today() else "0"
    out["WEEK"] = str(day.isocalendar()[1])
    out["NEXT_WEEK"] = str((monday + datetime.timedelta(7)).isocalendar()[1])
    out["HDRS"] = " ".join((monday + datetime.timedelta(k)).strftime("%d-%m") for k in range(5))
    tw = week(teacher, monday.isoformat())
    out["STARTS"] = " ".join(sorted({hm(r[2]) for r in tw}))
    now = datetime.datetime.now()
    nowm = now.hour * 60 + now.minute
    out["NOW_LESSON"] = "1" if any(r[1] == datetime.date.today().isoformat() and r[2] <= nowm < r[3] for r in tw) else "0"
    tday = [r for r in tw if r[1] == day.isoformat()]
    sday = [r for r in week(student, monday.isoformat()) if r[1] == day.isoformat()]
    tids = [r[0] for r in tday]
    pick = next(r for r in sday if r[0] in tids)
    inst = pick[0]
    out["INST"] = str(inst)
    out["T_IDX"] = str(tids.index(inst))
    out["S_IDX"] = str([r[0] for r in sday].index(inst))
    out["START"] = hm(pick[2]) + "–" + hm(pick[3])
    out["SUBJECT"] = pick[4]
    h, d = one("SELECT COALESCE(l.hoofdgebied_id, 0), COALESCE(l.deelgebied_id, 0) FROM lesson_instances i"
               " JOIN lessons l ON l.id = i.lesson_id WHERE i.id = ?", inst)
    nivs = [r[0] for r in db.execute("SELECT ln.niveau_id FROM lesson_instances i JOIN lesson_niveaus ln"
                                     " ON ln.lesson_id = i.lesson_id WHERE i.id = ? ORDER BY 1", (inst,))]
    out["HOOFD"] = one("SELECT name FROM hoofdgebieden WHERE id = ?", h)[0]
    out["DEEL"] = one("SELECT name FROM deelgebieden WHERE id = ?", d)[0]
    out["NIVEAU"] = one("SELECT name FROM niveaus WHERE id = ?", nivs[0])[0] if nivs else ""
    out["NFILTER"] = str(one("SELECT count(*) FROM leerdoelen g JOIN deelgebieden d ON d.id = g.deelgebied_id"
                             " WHERE g.retired = 0 AND d.hoofdgebied_id = ? AND g.deelgebied_id = ?"
                             " AND (? = 0 OR g.niveau_id = ?)", h, d, nivs[0] if nivs else 0, nivs[0] if nivs else 0)[0])
    out["NALL"] = str(one("SELECT count(*) FROM leerdoelen WHERE retired = 0")[0])
    out["BEFORE"] = str(one("SELECT count(*) FROM planned_goals WHERE instance_id = ?", inst)[0])
    # goals the student has not mastered and that are not in the lesson yet: those of the lesson's own area first
    goals = db.execute(
        "SELECT g.code, g.title FROM leerdoelen g LEFT JOIN goal_status gs ON gs.goal_id = g.id AND gs.student_id = ?1"
        " LEFT JOIN status_values sv ON sv.id = gs.status_id"
        " WHERE g.retired = 0 AND COALESCE(sv.mastered, 0) = 0"
        "   AND g.id NOT IN (SELECT goal_id FROM planned_goals WHERE instance_id = ?2)"
        " ORDER BY g.deelgebied_id <> ?3, g.code", (student, inst, d)).fetchall()
    chosen, seen = [], set()
    for code, title in goals:
        if title[:24] not in seen:
            chosen.append((code, title))
            seen.add(title[:24])
        if len(chosen) == 3:
            break
    for k, (code, title) in enumerate(chosen, 1):
        out["G%d_CODE" % k] = code
        out["G%d_TITLE" % k] = title[:24]
    out["CHILD"] = one("SELECT roepnaam || CASE WHEN voorvoegsel = '' THEN '' ELSE ' ' || voorvoegsel END || ' ' || achternaam"
                       " FROM users WHERE id = ?", student)[0]
    out["CHILDREN"] = str(one("SELECT count(*) FROM parent_child WHERE parent_id = ?", parent)[0])
    out["IS_CHILD"] = str(one("SELECT count(*) FROM parent_child WHERE parent_id = ? AND child_id = ?", parent, student)[0])
elif cmd == "planned":
    print(one("SELECT count(*) FROM planned_goals WHERE instance_id = ?", int(sys.argv[3]))[0])
    sys.exit(0)
elif cmd == "note":
    print(one("SELECT note FROM lesson_instances WHERE id = ?", int(sys.argv[3]))[0])
    sys.exit(0)
elif cmd == "duo-note":  # another process (a duo-collega) saves a note meanwhile
    db.execute("UPDATE lesson_instances SET note = ?, version = version + 1 WHERE id = ?", (sys.argv[4], int(sys.argv[3])))
    db.commit()
    sys.exit(0)
for k, v in out.items():
    print("%s=%s" % (k, shlex.quote(v)))
PY
q() { "$PY" "$T/q.py" "$DB" "$@"; }
q info >"$T/info.sh" || { fail "read the demo school" "$(cat "$T/info.sh")"; finish planner; exit 1; }
. "$T/info.sh"

tfail() { # SESSION DESC [LINE...]: fail with the screen underneath
    _s=$1
    shift
    out="" code=0 err=$(cat "$T/$_s.stderr" 2>/dev/null)
    fail "$@" "the screen of $_s ($(pane_size "$_s")):"
    screen "$_s" | sed 's/^/     | /'
}
check() { # SESSION DESC CMD...
    _s=$1 _d=$2
    shift 2
    if "$@"; then pass "$_d"; else tfail "$_s" "$_d"; fi
}
has() { on_screen "$1" "$2"; }
hasnt() { ! on_screen "$1" "$2"; }
footer_hasnt() { ! row "$1" "$(TM display -p -t "$1" '#{pane_height}')" | grep -qE "$2"; }
down_n() { _i=0; while [ "$_i" -lt "$2" ]; do keys "$1" Down; _i=$((_i + 1)); done; }
# walk NAME N: presses Down N times and keeps every screen seen, for a list longer than the screen
walk() { : >"$T/walk.$1"; _i=0; while [ "$_i" -lt "$2" ]; do screen "$1" >>"$T/walk.$1"; keys "$1" Down; sleep 0.05; _i=$((_i + 1)); done; screen "$1" >>"$T/walk.$1"; }
walked() { grep -qF -- "$2" "$T/walk.$1"; }

[ -n "${G2_CODE:-}" ] && [ -n "${G3_CODE:-}" ] && pass "the demo has goals the student has not mastered" ||
    fail "the demo has goals the student has not mastered"
[ "$IS_CHILD" = 1 ] && pass "the demo parent is the demo student's parent" || fail "the demo parent is the demo student's parent"

# ---- 1. the teacher opens MIJNROOSTER: this week's grid, today marked, readable at 80x24 ----
start t 80 24 "$DB"
wait_for t "Gebruikersnaam" && login t leerkracht demo || tfail t "teacher logs in"
menu_open t MIJNROOSTER
check t "teacher: MIJNROOSTER opens on this week (week $WEEK)" wait_for t "week $WEEK ·"
all=1
for d in $HDRS; do row_has t 3 "$d" || all=0; done
check t "80x24: all five days in the header row, none cut off" [ $all = 1 ]
all=1
for s in $STARTS; do has t "$s" || all=0; done
check t "80x24: every lesson time of the week is on the screen ($STARTS)" [ $all = 1 ]
check t "80x24: the footer is still on the last row" row_has t 24 "hulp"
if [ "$TODAY_OPEN" = 1 ]; then
    check t "today's column is marked with ▼ on today's date ($DAY_SHORT), not by colour alone" \
        sh -c "tmux -L '$SOCK' capture-pane -p -t t | sed -n 3p | grep -q '▼ [a-z][a-z] $DAY_SHORT'"
else
    check t "a weekend: no day marked as today" hasnt t "▼"
fi
if [ "$NOW_LESSON" = 1 ]; then
    check t "the lesson going on now is marked with »" has t "»"
fi
check t "planned goals show as ◆N in the cells" has t "◆"

# moving through weeks: ] next, [ back, t today, / week number and date
type_text t "]"
check t "] shows the next week" wait_for t "week $NEXT_WEEK ·"
type_text t "["
check t "[ goes back" wait_for t "week $WEEK ·"
type_text t "/"; type_text t "week 12"; keys t Enter
check t "/ week 12 jumps to week 12" wait_for t "week 12 ·"
type_text t "/"; type_text t "15-03-2027"; keys t Enter
check t "/ 15-03-2027 jumps to that date's week (week 11)" wait_for t "week 11 · 15-03 t/m 19-03-2027"
type_text t "/"; type_text t "morgen-ofzo"; keys t Enter
check t "/ with nonsense says what to type" wait_for t "geen week of datum"
type_text t t
check t "t goes back to today's week" wait_for t "week $WEEK ·"

# ---- 2. a lesson of today: link two goals, write a note ----
keys t Tab
check t "Tab switches to the day view" wait_for t "Tab: week"
keys t g; down_n t "$T_IDX"; keys t Enter
check t "Enter opens the lesson" wait_for t "Geplande leerdoelen ($BEFORE)"
check t "the lesson's header has its time ($START)" has t "$START"
check t "teacher: footer offers a toevoegen, d verwijderen, e wijzigen" sh -c "
    tmux -L '$SOCK' capture-pane -p -t t | tail -n 1 | grep -q 'toevoegen' &&
    tmux -L '$SOCK' capture-pane -p -t t | tail -n 1 | grep -q 'verwijderen' &&
    tmux -L '$SOCK' capture-pane -p -t t | tail -n 1 | grep -q 'wijzigen'"
keys t a
check t "a opens the goals to link" wait_for t "Leerdoelen koppelen aan"
check t "the list is filtered by the lesson's hoofdgebied, deelgebied and niveau" sh -c "
    tmux -L '$SOCK' capture-pane -p -t t | grep -F '[✓ $HOOFD]' | grep -F '[✓ $DEEL]' | grep -qF '[✓ niveau $NIVEAU]'"
check t "… giving $NFILTER goals" has t "$NFILTER leerdoel"
keys t Tab Space
check t "a filter can be switched off (shown as ✗)" wait_for t "[✗ $HOOFD]"
keys t Right Space Right Space
check t "with every filter off, all $NALL goals" wait_for t "$NALL leerdoelen"
keys t Left Space
check t "… and a filter switched on again" wait_for t "[✓ $DEEL]"
keys t Space Tab
link() { # CODE: searches the code and links it
    type_text t "/"; type_text t "$1"; keys t Enter
    wait_for t "tekst '$1'" && wait_for t "1 leerdoel " && keys t Enter && wait_for t "Gekoppeld: $1"
}
check t "'/' finds $G1_CODE and Enter links it" link "$G1_CODE"
check t "'/' finds $G2_CODE and Enter links it" link "$G2_CODE"
check t "linked goals are ticked ✓ in the list" has t "✓ $G2_CODE"
keys t Escape
check t "back in the lesson: two more goals planned" wait_for t "Geplande leerdoelen ($((BEFORE + 2)))"
check t "each goal shows the group's counts per status by letter" sh -c "tmux -L '$SOCK' capture-pane -p -t t | grep -F '$G1_CODE' | grep -qE 'N *[0-9]+ .*B *[0-9]+ .*J *[0-9]+ .*V *[0-9]+.*%'"
[ "$(q planned "$INST")" = $((BEFORE + 2)) ] && pass "two planned goals in the database" || fail "two planned goals in the database"
keys t e
check t "e opens the note" wait_for t "nieuwe regel"
type_text t "Breukenmuur samen bekijken"
keys t Enter
type_text t "Daarna oefenen in tweetallen."
keys t Tab Enter
check t "the note is saved" wait_for t "De notitie is opgeslagen."
check t "the lesson shows the note" has t "Daarna oefenen in tweetallen."
check t "… under a title that says it is for teachers only" has t "Notitie · alleen voor leerkrachten"
keys t m
check t "m opens the line for the class" wait_for t "Leerlingen en ouders lezen deze tekst."
type_text t "Neem je geodriehoek mee."
keys t Tab Enter
check t "the line for the class is saved" wait_for t "De tekst voor de klas is opgeslagen."
check t "the lesson shows it under its own title" has t "Voor leerlingen en ouders"
[ "$(q note "$INST")" = "Breukenmuur samen bekijken
Daarna oefenen in tweetallen." ] && pass "the note is stored with its line break" || fail "the note is stored with its line break" "$(q note "$INST")"

# ---- 3. the student: own day by default, the goals and the note, and "Hier kan ik zelf aan werken" ----
start s 80 24 "$DB"
wait_for s "Gebruikersnaam" && login s leerling demo || tfail s "student logs in"
menu_open s MIJNROOSTER
check s "student: MIJNROOSTER opens on the own day" wait_for s "Hier kan ik zelf aan werken"
if [ "$TODAY_OPEN" = 1 ]; then
    check s "… the day shown is today" row_has s 2 "(vandaag)"
fi
keys s g; down_n s "$S_IDX"
check s "the lesson is in the day view ($START)" wait_for s "$START"
check s "… with the first goal's title" wait_for s "$G1_TITLE"
check s "… and the second" has s "$G2_TITLE"
check s "… and the line for the class" has s "✉ Neem je geodriehoek mee."
check s "… but never the teacher's note" hasnt s "Breukenmuur"
walk s 40
check s "'Hier kan ik zelf aan werken' lists the first goal" walked s "$G1_TITLE"
check s "… and the second" walked s "$G2_TITLE"
check s "… with the student's own status as a glyph and letter" sh -c "grep -F '$G1_TITLE' '$T/walk.s' | grep -qE '(· N|○ B|◐ J|– ) '"
keys s g; down_n s "$S_IDX"; keys s Enter
check s "student: the lesson opens" wait_for s "mijn status"
check s "student: the line for the class is there" has s "Neem je geodriehoek mee."
check s "student: the note is not (staff-only)" sh -c "! tmux -L '$SOCK' capture-pane -p -t s | grep -qE 'Breukenmuur|tweetallen|Notitie'"
check s "student: no a/d/e in the footer" footer_hasnt s "toevoegen|verwijderen|wijzigen"
keys s a; keys s e
check s "student: a and e do nothing" sh -c "sleep 0.3; ! tmux -L '$SOCK' capture-pane -p -t s | grep -qE 'Leerdoelen koppelen|nieuwe regel'"
keys s "?"
check s "student: the help lists no toevoegen/verwijderen/wijzigen" sh -c "
    sleep 0.3; tmux -L '$SOCK' capture-pane -p -t s | grep -q 'Deze toetsen' &&
    ! tmux -L '$SOCK' capture-pane -p -t s | grep -qE 'toevoegen|verwijderen|wijzigen'"
keys s Escape Escape

# ---- 4. the parent: picks the child, sees the same, read-only ----
start p 80 24 "$DB"
wait_for p "Gebruikersnaam" && login p ouder demo || tfail p "parent logs in"
menu_open p MIJNROOSTER
if [ "$CHILDREN" -gt 1 ]; then
    check p "parent: first the choice of a child" wait_for p "Van welk kind"
    type_text p "/"; type_text p "$CHILD"; keys p Enter Enter
fi
check p "parent: the child's day" wait_for p "Hier kan $CHILD zelf aan werken"
keys p g; down_n p "$S_IDX"
check p "parent: the goals planned" wait_for p "$G1_TITLE"
check p "parent: the line for the class" has p "✉ Neem je geodriehoek mee."
check p "parent: not the teacher's note" hasnt p "Breukenmuur"
keys p Enter
check p "parent: the lesson opens with the child's status" wait_for p "Geplande leerdoelen"
check p "parent: the lesson has the line for the class, not the note" sh -c "
    tmux -L '$SOCK' capture-pane -p -t p | grep -q 'Neem je geodriehoek mee.' &&
    ! tmux -L '$SOCK' capture-pane -p -t p | grep -qE 'Breukenmuur|tweetallen|Notitie'"
check p "parent: no a/d/e in the footer" footer_hasnt p "toevoegen|verwijderen|wijzigen"
keys p d; keys p e
check p "parent: d and e do nothing" sh -c "sleep 0.3; ! tmux -L '$SOCK' capture-pane -p -t p | grep -qE 'weghalen|uit deze les halen|nieuwe regel'"
keys p "?"
check p "parent: the help lists no toevoegen/verwijderen/wijzigen" sh -c "
    sleep 0.3; tmux -L '$SOCK' capture-pane -p -t p | grep -q 'Deze toetsen' &&
    ! tmux -L '$SOCK' capture-pane -p -t p | grep -qE 'toevoegen|verwijderen|wijzigen'"
kill_session p

# ---- 5. live: the teacher changes the line for the class; the student's open screen shows it without a key ----
keys s g; down_n s "$S_IDX"
wait_for s "$START" || true
hasnt s "LIVE-42" && pass "before: the change is not on the student's screen" || tfail s "before: the change is not on the student's screen"
keys t m
wait_for t "nieuwe regel"
keys t PgUp
type_text t "LIVE-42 "
keys t Tab Enter
wait_for t "De tekst voor de klas is opgeslagen." || tfail t "the teacher saves the changed line for the class"
check s "the teacher's change appears on the student's screen within 5 s, no key pressed" wait_for s "✉ LIVE-42 Neem je" 5
keys t a
wait_for t "Leerdoelen koppelen aan"
keys t Tab Space Right Space Right Space Tab
link "$G3_CODE" || tfail t "teacher links a third goal"
keys t Escape
check t "three goals linked" wait_for t "Geplande leerdoelen ($((BEFORE + 3)))"
check s "… and the third goal appears in the student's day" wait_for s "$G3_TITLE" 5

# ---- 6. a duo-collega saves a note meanwhile: no lost update ----
keys t e
wait_for t "nieuwe regel"
q duo-note "$INST" "Van de duo: gymspullen mee."
type_text t " Ook meten."
keys t Tab Enter
check t "saving over a changed lesson is refused with core's message" wait_for t "Iemand anders"
check t "… the other's note is shown beside the own text" has t "Van de duo: gymspullen mee."
check t "… the own text is still in the editor" has t "Ook meten."
[ "$(q note "$INST")" = "Van de duo: gymspullen mee." ] && pass "the duo's note was not overwritten unseen" || fail "the duo's note was not overwritten unseen"
keys t Tab Enter
check t "saving again, knowingly, stores the own text" wait_for t "De notitie is opgeslagen."
q note "$INST" | grep -q "Ook meten." && pass "the note now holds the teacher's text" || fail "the note now holds the teacher's text"

# ---- 7. d removes a planned goal, after a yes ----
keys t d
check t "d asks before a goal leaves the lesson" wait_for t "uit deze les halen?"
type_text t n
check t "… 'nee' keeps it" wait_for t "Geplande leerdoelen ($((BEFORE + 3)))"
keys t d
wait_for t "uit deze les halen?"
type_text t j
check t "… 'ja' removes it" wait_for t "Geplande leerdoelen ($((BEFORE + 2)))"
[ "$(q planned "$INST")" = $((BEFORE + 2)) ] && pass "the goal is gone from the database" || fail "the goal is gone from the database"

# ---- 8. a larger terminal uses the space ----
keys t Escape
type_text t t
keys t Tab
wait_for t "Tab: dag" || tfail t "back in the week view"
TM resize-window -t t -x 132 -y 43
check t "resized to 132x43" wait_until 3 sh -c "[ \"\$(tmux -L '$SOCK' display -p -t t '#{pane_width}x#{pane_height}')\" = 132x43 ]"
check t "132x43: whole day names in the header" wait_for t "maandag"
check t "132x43: the legend under the grid" has t "◆ leerdoelen gepland"
check t "132x43: goals written out in the cells" has t "leerdoelen"
check t "132x43: the footer on row 43" row_has t 43 "hulp"
case "$SUBJECT" in
??????????????????????????*) ;;
*) check t "132x43: the lesson's subject in full ($SUBJECT)" has t "$SUBJECT" ;;
esac
TM resize-window -t t -x 80 -y 24
check t "and back to 80x24: the footer on row 24" wait_row t 24 "hulp"

for s in t s; do
    [ "$(pane_dead "$s")" = 1 ] && tfail "$s" "the program of $s is still running" || pass "the program of $s is still running"
done
kill_session t
kill_session s
finish planner
