# Shared helpers for the shell tests: each check prints "ok" or "FAIL" with what it expected,
# and the file ends with "NAME: N passed, N failed" (", N skipped" after checks that could not run here)
# for tests/run-all to add up.
# The program under test is $KM (build/klassenmap by default), run with a private config.

set -u
KM=${KM:-$(pwd)/build/klassenmap}
T=$(mktemp -d "${TMPDIR:-/tmp}/km-test-XXXXXX")
trap 'rm -rf "$T"' EXIT
# A config with the cheapest Argon2id cost, so tests that set passwords stay fast.
cat > "$T/test.ini" <<'INI'
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
INI
export KLASSENMAP_CONFIG="$T/test.ini"
# The program's own language (Dutch), whatever this machine's locale says: LANG=en_* would choose English.
unset LANGUAGE LC_MESSAGES
export LC_ALL=C.UTF-8
unset KLASSENMAP_DB
# Debian's python3 (with python3-aiosmtpd, python3-icalendar), not a python from elsewhere on PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
# Edustandaard's EDEXML and UWLR reference files are not part of this repository (README, "Tests"); checks that
# need them skip, counted, when they are not there.
EDEXML_DIR=${EDEXML_DIR:-../shared/edexml}
UWLR_DIR=${UWLR_DIR:-../shared/uwlr}
passed=0
failed=0
skipped=0
out=""
err=""
code=0

# run CMD...: runs it, keeping stdout, stderr and the exit code.
run() {
    "$@" >"$T/out" 2>"$T/err" </dev/null
    code=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

# run_in INPUT CMD...: the same, with INPUT on stdin.
run_in() {
    input=$1
    shift
    printf '%s\n' "$input" | "$@" >"$T/out" 2>"$T/err"
    code=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

pass() { passed=$((passed + 1)); [ -n "${KM_TEST_VERBOSE:-}" ] && echo "ok   $1"; return 0; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    shift
    for line in "$@"; do echo "     $line"; done
    echo "     exit=$code stdout: $(printf '%s' "$out" | head -c 400)"
    echo "     stderr: $(printf '%s' "$err" | head -c 400)"
}

# skip COUNT WHAT WHY: COUNT checks that cannot run here, with one line saying what and why.
skip() {
    skipped=$((skipped + $1))
    echo "SKIP $2: $3"
}

expect_code() { # DESC CODE
    if [ "$code" = "$2" ]; then pass "$1"; else fail "$1" "expected exit $2"; fi
}
expect_out() { # DESC FIXED-STRING
    if [ "$code" = 0 ] && printf '%s' "$out" | grep -qF -- "$2"; then pass "$1"; else fail "$1" "expected stdout to contain: $2"; fi
}
expect_no_out() { # DESC FIXED-STRING
    if printf '%s%s' "$out" "$err" | grep -qF -- "$2"; then fail "$1" "did not expect: $2"; else pass "$1"; fi
}
# expect_err DESC CODE FIXED-STRING: fails with CODE, one sentence on stderr containing the string.
expect_err() {
    lines=$(printf '%s' "$err" | grep -c .)
    if [ "$code" = "$2" ] && printf '%s' "$err" | grep -qF -- "$3" && [ -z "$out" ]; then
        pass "$1"
    else
        fail "$1" "expected exit $2 and stderr containing: $3 (stderr lines: $lines)"
    fi
}
sum() { sha256sum "$1" | cut -d' ' -f1; }

# sshd's privilege-separation directory, which a booted system makes and a container or a fresh CI machine may
# lack; sshd (even `sshd -t`) refuses to start without it. False when it is missing and cannot be made (not root).
sshd_privsep_dir() {
    [ -d /run/sshd ] && return 0
    [ "$(id -u)" = 0 ] && mkdir -p -m 0755 /run/sshd
}

finish() {
    if [ "$skipped" -gt 0 ]; then
        echo "$1: $passed passed, $failed failed, $skipped skipped"
    else
        echo "$1: $passed passed, $failed failed"
    fi
    [ "$failed" = 0 ]
}
