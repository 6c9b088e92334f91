#!/bin/sh
# make check-valgrind: the unit suite and the command-line suites (tests/cli/test_*.sh) with the program under
# valgrind (memcheck). Every process writes its own log; a suite whose processes logged anything fails, with the
# log shown. Usage: tests/valgrind/run.sh [BUILD_DIR] (JOBS=2: suites run two at a time; SUITES="unit test_cli":
# only those).
# Left out: tests/cli/test_install.sh (it builds and installs its own copies of the program and runs those) and
# tests/cli/test_plugins.sh (it looks at the program file itself: ldd, the objects the loader maps, copies of it).
# The last line adds up every suite and every valgrind check: "check-valgrind: N passed, N failed[, N skipped]".
set -u
B=${1:-build}
ROOT=$(pwd)
JOBS=${JOBS:-2}
if ! command -v valgrind >/dev/null 2>&1; then
    echo "check-valgrind: valgrind is not installed (apt-get install valgrind)"
    echo "check-valgrind: 0 passed, 1 failed"
    exit 1
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/km-valgrind-XXXXXX")
trap 'rm -rf "$W"' EXIT
# world-traversable: a suite may run the program as another account
chmod 0755 "$W"

# One wrapper per suite, so each suite's logs stay apart. --error-exitcode as well as the logs: a suite that
# checks exit codes fails at once on an error; the logs catch the processes whose exit code nobody checks.
VG_OPTS="--quiet --error-exitcode=97 --leak-check=no --num-callers=30 --read-inline-info=no --suppressions=$ROOT/tests/valgrind/km.supp"
wrapper() { # NAME: makes $W/NAME/km
    mkdir -p "$W/$1/logs"
    chmod 0777 "$W/$1/logs"
    cat >"$W/$1/km" <<SH
#!/bin/sh
exec valgrind $VG_OPTS --log-file='$W/$1/logs/%p.log' '$ROOT/$B/klassenmap' "\$@"
SH
    chmod 0755 "$W/$1/km"
}

# run_suite NAME CMD...: runs it (KM set to the wrapper), its output and CPU seconds in $W/NAME.
run_suite() {
    name=$1
    shift
    wrapper "$name"
    start=$(date +%s)
    KM="$W/$name/km" KM_VALGRIND=1 "$@" >"$W/$name/out" 2>&1
    echo "$(($(date +%s) - start))" >"$W/$name/seconds"
}

# cpu NAME: the CPU time (user and system) of what this subshell ran, from `times` (its second line: children).
cpu() {
    times >"$W/$1/times" # not in a pipeline: that would be a subshell with no children of its own
    sed -n 2p "$W/$1/times" >"$W/$1/cpu"
}

suites="unit"
for t in tests/cli/test_*.sh; do
    case $t in */test_install.sh | */test_plugins.sh) continue ;; esac
    suites="$suites $(basename "$t" .sh)"
done
# SUITES="unit test_cli ...": only those (for a quicker run, or to time one suite).
suites=${SUITES:-$suites}

one() { # NAME (in a subshell of its own, so `times` counts this suite alone)
    case $1 in
        unit)
            wrapper unit
            start=$(date +%s)
            # KM_VALGRIND: the one timed bound in the units (the large week's import) is not checked here
            KM_VALGRIND=1 valgrind $VG_OPTS --log-file="$W/unit/logs/%p.log" "$B/unit" ${UNIT_ARGS:-} \
                >"$W/unit/out" 2>&1
            echo "$(($(date +%s) - start))" >"$W/unit/seconds"
            ;;
        *) run_suite "$1" sh "tests/cli/$1.sh" ;;
    esac
    cpu "$1"
}

# JOBS lanes, each running its suites one after the other; a suite goes to the lane with the least work so far,
# the longest first (CPU seconds under valgrind as measured; 40 for one not measured), so the lanes end together.
cost() {
    case $1 in
        unit) echo 163 ;; test_uwlr_cli) echo 150 ;; test_cli) echo 95 ;; test_english_cli) echo 64 ;;
        test_commands) echo 52 ;; test_curriculum_cli) echo 51 ;; test_sync_cli) echo 48 ;;
        test_timetable_cli) echo 46 ;; test_wal) echo 41 ;; test_deploy) echo 36 ;; test_groups_cli) echo 34 ;;
        test_faults) echo 20 ;; test_keys_doc) echo 1 ;; *) echo 40 ;;
    esac
}
lanes=$(for s in $suites; do echo "$(cost "$s") $s"; done | sort -rn | awk -v jobs="$JOBS" '
    { best = 0; for (i = 1; i < jobs; i++) if (load[i] < load[best]) best = i
      load[best] += $1; lane[best] = lane[best] " " $2 }
    END { for (i = 0; i < jobs; i++) print lane[i] }')
nl='
'
old_ifs=$IFS
IFS=$nl
for lane in $lanes; do
    IFS=$old_ifs
    [ -n "$lane" ] && (for s in $lane; do one "$s"; done) &
    IFS=$nl
done
IFS=$old_ifs
wait

p=0 f=0 k=0
for s in $suites; do
    echo "== $s (under valgrind: $(cat "$W/$s/seconds" 2>/dev/null || echo ?) s, CPU user/system $(cat "$W/$s/cpu" 2>/dev/null))"
    cat "$W/$s/out"
    line=$(grep -E '^[a-z_-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$W/$s/out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$s: 0 passed, 1 failed (no summary line: the suite did not finish)"
        line="$s: 0 passed, 1 failed"
    fi
    set -- $line
    p=$((p + $2)) f=$((f + $4)) k=$((k + ${6:-0}))
    # The valgrind check of the suite: no process logged anything.
    bad=$(find "$W/$s/logs" -name '*.log' -size +0c 2>/dev/null)
    if [ -n "$bad" ]; then
        f=$((f + 1))
        echo "FAIL $s: valgrind found errors in $(echo "$bad" | wc -l) process(es):"
        for l in $bad; do sed 's/^/     /' "$l" | head -n 60; done
    else
        p=$((p + 1))
        echo "ok   $s: no valgrind error ($(find "$W/$s/logs" -name '*.log' | wc -l) processes)"
    fi
done
echo
if [ "$k" -gt 0 ]; then
    echo "check-valgrind: $p passed, $f failed, $k skipped"
else
    echo "check-valgrind: $p passed, $f failed"
fi
[ "$f" = 0 ]
