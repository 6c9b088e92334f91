#!/bin/sh
# The one command table (src/cli/cli.c: name, usage with its options, one line of help, handler) is what
# `klassenmap --help` lists and what each `klassenmap COMMAND --help` prints; this checks that the man page's
# COMMANDS section (doc/klassenmap.1) names exactly those commands with exactly those options, and that the
# parser of every command accepts every option its usage names (a flag as a flag, an option with a value as one).
. tests/lib.sh
MAN=${MAN:-doc/klassenmap.1}
NODB="$T/none/school.db" # a folder that is not there: no command can make or change anything

"$KM" --help >"$T/help" 2>&1 || fail "klassenmap --help exits 0"
# The command names, in the table's order, from the list after "Opdrachten:".
sed -n '/^Opdrachten:/,/^$/p' "$T/help" | sed -n 's/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p' | sed 's/ *$//' >"$T/commands"
n=$(wc -l <"$T/commands")
[ "$n" -ge 40 ] && pass "--help lists the commands ($n)" || fail "--help lists the commands" "got $n"

# The man page: each entry of COMMANDS as "name<TAB>--opt --opt ...", the name being the longest command that
# starts the entry.
"$PY" - "$MAN" "$T/commands" >"$T/man" <<'PY'
import re, sys
man = open(sys.argv[1], encoding="utf-8").read().split("\n")
names = [l for l in open(sys.argv[2]).read().split("\n") if l]
inside = False
for i, line in enumerate(man):
    if line.startswith(".SH "):
        inside = line.strip() == ".SH COMMANDS"
        continue
    if not inside or line != ".TP" or i + 1 >= len(man):
        continue
    entry = man[i + 1]
    text = re.sub(r"\\f[BIRP]", "", entry)
    text = re.sub(r"^\.(B|BI|IR|BR|I)\s+", "", text).replace("\\-", "-").replace('"', "").replace("\\(dq", "")
    found = ""
    for n in names:
        if (text == n or text.startswith(n + " ")) and len(n) > len(found):
            found = n
    opts = sorted(set(re.findall(r"--[a-z][a-z-]*", text)))
    print((found or "?" + text) + "\t" + " ".join(opts))
PY
cut -f1 "$T/man" >"$T/man_names"
if sort "$T/commands" | diff - "$(sort "$T/man_names" >"$T/man_sorted"; echo "$T/man_sorted")" >"$T/d" 2>&1; then
    pass "the man page's COMMANDS are exactly the table's commands"
else
    fail "the man page's COMMANDS are exactly the table's commands" "$(sed 's/^/     /' "$T/d")"
fi

# Per command: the options of `klassenmap NAME --help` are the options of the man page's entry, and the parser
# takes each of them.
while IFS= read -r name; do
    # shellcheck disable=SC2086 # the name is one or two words
    run "$KM" --db "$NODB" $name --help
    usage=$(printf '%s\n' "$out" | sed -n '1s/^Gebruik: klassenmap //p')
    if [ "$code" != 0 ] || [ -z "$usage" ]; then
        fail "$name --help prints its usage"
        continue
    fi
    want=$(printf '%s\n' "$usage" | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ' | sed 's/ $//')
    got=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$T/man")
    [ "$want" = "$got" ] && pass "$name: the man page names its options" ||
        fail "$name: the man page names its options" "usage: $want" "man:   $got"
    for opt in $want; do
        # An option followed by a word (ROL, NAAM, small|large) takes a value; one followed by ']', '[', '|', another
        # option or nothing is a flag.
        rest=$(printf '%s\n' "$usage" | sed -n "s/.*$opt\\( [^[|-][^ ]*\\)\\{0,1\\}.*/\\1/p" | head -1)
        case "$rest" in
        "") arg="$opt" ;;
        " DATUM"* | " MAANDAG"*) arg="$opt=2026-11-30" ;; # OPT_DATE: a real day
        *) arg="$opt=1" ;;                             # a number is a string too
        esac
        # shellcheck disable=SC2086
        run "$KM" --db "$NODB" $name "$arg" --help
        if [ "$code" = 0 ] && printf '%s' "$out" | grep -q '^Gebruik:'; then
            pass "$name: the parser takes $arg"
        else
            fail "$name: the parser takes $arg" "usage: $usage"
        fi
    done
done <"$T/commands"

finish commands
