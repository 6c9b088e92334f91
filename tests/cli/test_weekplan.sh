#!/bin/sh
# export weekplan: the weektaak of a group of 25 on the demo school, made busier than the demo's week, printed
# to PDF by headless Chromium (Debian's chromium) as a person's browser would: 25 A4 pages, each with one
# student's sheet whole, and no word outside the page's margins (pdftotext -bbox). Names and titles escaped,
# never a note. The printing checks are skipped, counted, when chromium or poppler-utils is absent.
. tests/lib.sh
DB="$T/school.db"
skipped=0
skip() { skipped=$((skipped + 1)); echo "skip $1"; }

run "$KM" --db "$DB" demo;                                     expect_out "demo school" "leerkracht"
monday=$("$PY" -c 'import datetime; d = datetime.date.today(); print(d - datetime.timedelta(days=d.weekday()))')
# a busy week: four goals in every lesson of groep 5a, a note in each, and a name and a title with markup
"$PY" - "$DB" "$monday" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
monday = sys.argv[2]
g = db.execute("SELECT id FROM groups WHERE name = 'groep 5a'").fetchone()[0]
lessons = [r[0] for r in db.execute(
    "SELECT i.id FROM lesson_instances i JOIN lesson_groups lg ON lg.lesson_id = i.lesson_id"
    " WHERE lg.group_id = ? AND i.date BETWEEN ? AND date(?, '+6 days')", (g, monday, monday))]
goals = [r[0] for r in db.execute("SELECT id FROM leerdoelen ORDER BY id LIMIT 60")]
for k, i in enumerate(lessons):
    for j in range(4):
        db.execute("INSERT OR IGNORE INTO planned_goals (instance_id, goal_id, added_at) VALUES (?, ?, 'x')",
                   (i, goals[(k * 4 + j) % len(goals)]))
    db.execute("UPDATE lesson_instances SET note = 'NOTITIE-VOOR-DE-JUF' WHERE id = ?", (i,))
db.execute("UPDATE leerdoelen SET title = 'Ik kan <b>breuken</b> & kommagetallen vergelijken' WHERE id = ?", (goals[0],))
db.execute("UPDATE users SET roepnaam = '<i>Mees</i>' WHERE username = 'mees.aksoy'")
db.commit()
PY

run "$KM" --db "$DB" export weekplan --group "groep 5a" --week "$monday" --output "$T/week.html"
expect_out "weekplan written" "week.html"
pages=$(grep -c '<section class="page"' "$T/week.html")
[ "$pages" = 25 ] && pass "25 sheets in the HTML" || fail "25 sheets in the HTML" "got $pages"
grep -q 'break-after:page' "$T/week.html" && grep -q 'size:A4' "$T/week.html" && pass "print CSS: A4, a page break per student" ||
    fail "print CSS: A4, a page break per student"
grep -qF '&lt;i&gt;Mees&lt;/i&gt;' "$T/week.html" && ! grep -qF '<i>Mees' "$T/week.html" && pass "names escaped" || fail "names escaped"
grep -qF 'Ik kan &lt;b&gt;breuken&lt;/b&gt; &amp; kommagetallen' "$T/week.html" && pass "titles escaped" || fail "titles escaped"
grep -q 'NOTITIE-VOOR-DE-JUF' "$T/week.html" && fail "never a teacher's note" || pass "never a teacher's note"
grep -q 'Hier kan ik zelf aan werken' "$T/week.html" && grep -q 'class="box"' "$T/week.html" && pass "own goals with tick boxes" ||
    fail "own goals with tick boxes"
school=$("$PY" -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT name FROM school').fetchone()[0])")
[ "$(grep -cF "<span>$school</span>" "$T/week.html")" = 25 ] && pass "the school's name on each sheet" || fail "the school's name on each sheet"
week=$("$PY" -c "import datetime; print(datetime.date.fromisoformat('$monday').isocalendar()[1])")
grep -qF "week $week ·" "$T/week.html" && pass "the week on each sheet" || fail "the week on each sheet"

# --- usage and bad input ---
run "$KM" --db "$DB" export weekplan --group "groep 5a";                    expect_err "needs --week" 2 "--week"
run "$KM" --db "$DB" export weekplan --group "groep 5a" --week 99;          expect_err "a bad week" 2 "weeknummer"
run "$KM" --db "$DB" export weekplan --group "groep 9z" --week "$monday";   expect_err "an unknown group" 1 "bestaat niet"
run "$KM" --db "$DB" export weekplan --group "groep 5a" --week 50 --format pdf; expect_err "pdf: the browser prints" 2 "browser"
run "$KM" --db "$DB" export weekplan --group "groep 5a" --week "$(date +%G-W%V)"; expect_out "to stdout, week as 2026-W50" "<!DOCTYPE html>"

# --- printed by Chromium ---
CHROME=$(command -v chromium || true)
if [ -z "$CHROME" ] || ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    skip "printing by chromium: chromium or poppler-utils is not installed (tools/install-deps test)"
    skip "25 pages in the PDF"
    skip "no text outside the page"
else
    timeout 180 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
        --user-data-dir="$T/chrome" --no-pdf-header-footer --print-to-pdf="$T/week.pdf" "file://$T/week.html" \
        >"$T/chrome.log" 2>&1
    [ -s "$T/week.pdf" ] && pass "chromium printed the HTML" || fail "chromium printed the HTML" "$(tail -n 5 "$T/chrome.log")"
    info=$(pdfinfo "$T/week.pdf" 2>&1)
    n=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
    [ "$n" = 25 ] && pass "25 pages in the PDF" || fail "25 pages in the PDF" "pdfinfo: $n pages"
    printf '%s\n' "$info" | grep -q 'Page size: *59[45]\.[0-9]* x 84[12]\.[0-9]* pts (A4)' && pass "A4" ||
        fail "A4" "$(printf '%s\n' "$info" | grep 'Page size')"
    pdftotext -bbox "$T/week.pdf" "$T/week.bbox.html" 2>/dev/null
    # every word inside its page, and inside the 12 mm margins (34 pt) less a point for rounding; every page
    # holds one whole sheet: its title, its own goals' heading, and the student's name in the order of the HTML
    if "$PY" - "$T/week.bbox.html" "$T/week.html" <<'PY'
import html, re, sys
bbox = open(sys.argv[1], encoding="utf-8").read()
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
bad = []
for k, (w, h, body) in enumerate(pages, 1):
    w, h = float(w), float(h)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)
    for x0, y0, x1, y1, word in words:
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        if x0 < 33 or y0 < 33 or x1 > w - 33 or y1 > h - 33:
            bad.append(f"page {k}: '{html.unescape(word)}' at {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} of {w:.0f}x{h:.0f}")
    text = " ".join(html.unescape(x[4]) for x in words)
    if text.count("Weektaak") != 1 or "werken" not in text:
        bad.append(f"page {k}: not one whole sheet: {text[:120]}")
names = [html.unescape(n) for n in re.findall(r"<h1>Weektaak van (.*?)</h1>", open(sys.argv[2], encoding="utf-8").read())]
for k, (name, (_, _, body)) in enumerate(zip(names, pages), 1):
    text = " ".join(html.unescape(x) for x in re.findall(r">([^<]*)</word>", body))
    if name.split()[-1] not in text:
        bad.append(f"page {k}: {name} missing")
print("\n".join(bad[:10]))
sys.exit(1 if bad or not pages else 0)
PY
    then pass "no text outside the page, one sheet per page"; else fail "no text outside the page, one sheet per page"; fi
fi

[ "$skipped" = 0 ] || echo "weekplan: $skipped checks skipped"
finish weekplan
