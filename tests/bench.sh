#!/bin/sh
# make bench: builds the large demo school and the xl one (4x) once (timed), the query benchmarks on both side
# by side, then the terminal benchmarks on the large school.
set -eu
B=${1:-build}
KM="$B/klassenmap"
DB="$B/bench-large.db"
CONF="$B/bench.ini"
printf '[general]\ndatabase = %s\n' "$DB" > "$CONF"
echo "== large demo school"
rm -f "$DB" "$DB-wal" "$DB-shm"
start=$(date +%s.%N)
"$KM" --config "$CONF" --db "$DB" demo --size large >/dev/null
end=$(date +%s.%N)
echo "demo --size large: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s, $(du -h "$DB" | cut -f1) database"
"$KM" --config "$CONF" --db "$DB" check | sed 's/^/  /'
echo "== xl demo school (4x the large one: 4,800 students, 8,000 goals)"
XDB="$B/bench-xl.db"
rm -f "$XDB" "$XDB-wal" "$XDB-shm"
start=$(date +%s.%N)
"$KM" --config "$CONF" --db "$XDB" demo --size xl >/dev/null
end=$(date +%s.%N)
echo "demo --size xl: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s, $(du -h "$XDB" | cut -f1) database"
echo "== queries, large school"
"$B/bench" "$DB" | tee "$B/bench-large.out"
echo "== queries, xl school"
"$B/bench" "$XDB" | tee "$B/bench-xl.out"
echo "== large and xl side by side (median; a figure that follows the person, not the school, stays at 1x)"
awk -v xl="$B/bench-xl.out" '
function median(line) { sub(/.* median +/, "", line); sub(/ ms.*/, "", line); return line + 0 }
function goal(line) { i = index(line, "   doel <="); return i ? substr(line, i + 3) : "" }
BEGIN {
    while ((getline line < xl) > 0) { k = substr(line, 1, 40); sub(/ +$/, "", k); x[k] = median(line) }
    printf "%-40s %11s %11s %9s   %s\n", "", "large ms", "xl ms", "xl/large", "goal (large school)"
}
{
    k = substr($0, 1, 40); sub(/ +$/, "", k); m = median($0); g = goal($0)
    if (k == "week van een leerkracht") {
        r = m > 0 && (k in x) ? x[k] / m : 0
        g = sprintf("xl/large between 0.80 and 1.20%s", r >= 0.8 && r <= 1.2 ? "" : " NIET GEHAALD")
    }
    if (k in x) printf "%-40s %11.3f %11.3f %8.2fx   %s\n", k, m, x[k], (m > 0 ? x[k] / m : 0), g
}' "$B/bench-large.out"
echo "== terminal"
python3 tests/bench_tui.py "$KM" "$DB" "$CONF" "$B/bench-bare"
echo "== a change showing on another open session (two sessions on one status board; goal: p90 <= 150 ms)"
python3 tests/bench_live.py "$KM" "$DB" "$CONF" 20
echo "== 30 logins at once (Argon2id $(sed -n 's/^argon_opslimit = //p' conf/klassenmap.ini) passes, $(sed -n 's/^argon_memlimit_kib = //p' conf/klassenmap.ini) KiB, at most $(sed -n 's/^max_concurrent_hashes = //p' conf/klassenmap.ini) at once)"
"${PY:-/usr/bin/python3}" tests/bench_logins.py "$KM" "$DB" "$CONF"
echo "== EDEXML import: 1,200 leerlingen and 90 leerkrachten into a fresh school"
EDEX="$B/bench-edex.xml"
EDB="$B/bench-edex.db"
"${PY:-/usr/bin/python3}" tests/sync/gen_edex.py --students 1200 --teachers 90 --brin 99ZZ --output "$EDEX"
rm -f "$EDB" "$EDB-wal" "$EDB-shm"
"$KM" --config "$CONF" --db "$EDB" init --school "Benchschool" --brin 99ZZ >/dev/null
edex_run() { # LABEL: one timed import, with its counts
    start=$(date +%s.%N)
    "$KM" --config "$CONF" --db "$EDB" import edex "$EDEX" > "$B/bench-edex.out"
    end=$(date +%s.%N)
    echo "$1: $(awk "BEGIN { printf \"%.3f\", $end - $start }") s"
    head -n 2 "$B/bench-edex.out" | sed 's/^/  /'
}
echo "file: $(du -k "$EDEX" | cut -f1) KiB"
edex_run "first run"
edex_run "unchanged second run"
echo "== parents: 1,800 from a CSV, keyed on the students of that file (no invitations)"
PARENTS="$B/bench-parents.csv"
# Students LL00001…LL01200, every second child with two parents: 1,800 parents.
"${PY:-/usr/bin/python3}" - "$PARENTS" <<'PY'
import sys
rows = ["leerling_sleutel;ouder_sleutel;roepnaam;voorvoegsel;achternaam;email;relatie"]
parent = 0
for child in range(1, 1201):
    family = child - 1
    for p in range(2 if family % 2 == 0 else 1):
        key = f"O{family:04d}{p}"
        rows.append(f"LL{child:05d};{key};Ouder{p};;Familie{family};{key.lower()}@bench.invalid;{'moeder' if p == 0 else 'vader'}")
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
parents_run() {
    start=$(date +%s.%N)
    "$KM" --config "$CONF" --db "$EDB" import parents "$PARENTS" --no-invite > "$B/bench-parents.out"
    end=$(date +%s.%N)
    echo "$1: $(awk "BEGIN { printf \"%.3f\", $end - $start }") s"
    head -n 1 "$B/bench-parents.out" | sed 's/^/  /'
}
parents_run "first run"
parents_run "unchanged second run"
echo "== SSH sessions: private memory per session and CPU of an idle session"
sh tests/ssh/bench_sessions.sh "$B" "$DB" || echo "(SSH sessions not measured)"
echo "(200 SSH logins at once: make bench-burst)"
