#!/bin/sh
# Mail and the ParnasSys sync as plugins (core/plugin.h). The program links neither libcurl nor libxml2 nor ICU; a
# screen session maps none of them, not even after its login screen mailed a reset code (the mail goes from a
# forked process, which loads klassenmap-mail.so); an import loads klassenmap-sync.so from beside the program (the
# build directory); and a plugin that is missing, damaged, unreadable, of another version or changeable by others
# is refused with one sentence that names it, and nothing changes. The installed program's directory (PKGLIBDIR)
# is checked by tests/cli/test_install.sh and the Debian package suite.
. tests/lib.sh
. tests/tui/lib.sh

HEAVY='libcurl|libxml2|libicu'
DB="$T/school.db"
MAILDIR="$T/mail"
"$KM" --db "$DB" demo --password demo >/dev/null 2>&1 || { echo "demo failed"; exit 1; }

# --- what the program links and loads ---
if command -v ldd >/dev/null 2>&1; then
    linked=$(ldd "$KM" | grep -E "$HEAVY")
    [ -z "$linked" ] && pass "the program links no libcurl, libxml2 or ICU ($(ldd "$KM" | grep -c '=>') libraries)" ||
        fail "the program links no libcurl, libxml2 or ICU" "$linked"
else
    skip 1 "the libraries the program links" "no ldd here"
fi
loaded() { # CMD...: the shared objects the command loaded, as the dynamic loader reports them
    LD_DEBUG=files "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*generating link map.*/\1/p'
}
heavy=$(loaded "$KM" --db "$DB" user list | grep -E "$HEAVY|klassenmap-")
[ -z "$heavy" ] && pass "a command without mail or sync loads no plugin" ||
    fail "a command without mail or sync loads no plugin" "$heavy"

# --- a screen session, before and after its login screen mailed a reset code ---
heavy_maps() { grep -E "$HEAVY|klassenmap-(mail|sync)" "/proc/$1/maps" 2>/dev/null | awk '{ print $NF }' | sort -u; }
smtp_sink_start "$MAILDIR"
cat >"$T/mail.ini" <<INI
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
[mail]
smtp_url = smtp://127.0.0.1:$PORT
smtp_tls = none
mail_from = klassenmap@school.test
mail_timeout = 5
INI
EMAIL=$(KLASSENMAP_CONFIG="$T/mail.ini" "$KM" --db "$DB" user show leerkracht --json | sed 's/.*"email": "\([^"]*\)".*/\1/')
if ! have_tmux; then
    skip 3 "the libraries a screen session maps" "no tmux (make deps)"
else
    KLASSENMAP_CONFIG="$T/mail.ini" start s 80 24 "$DB"
    if wait_for s "Gebruikersnaam"; then
        pid=$(pane_pid s)
        maps=$(heavy_maps "$pid")
        n=$(awk '$NF ~ /\.so/ { print $NF }' "/proc/$pid/maps" | sort -u | wc -l)
        [ -n "$pid" ] && [ -z "$maps" ] && pass "the login screen maps no libcurl, libxml2 or ICU ($n shared objects)" ||
            fail "the login screen maps no libcurl, libxml2 or ICU" "$maps"
        keys s Tab Tab Tab
        keys s Enter
        wait_for s "Naam of e-mail" && type_text s "$EMAIL" && keys s Enter Enter
        wait_until 10 test -s "$MAILDIR/1.eml" && pass "the login screen mails a reset code (the mail plugin, in the mailer)" ||
            fail "the login screen mails a reset code" "$(screen s)"
        maps=$(heavy_maps "$pid")
        [ -z "$maps" ] && pass "after the mail the session still maps none of them" ||
            fail "after the mail the session still maps none of them" "$maps"
    else
        fail "the login screen" "$(screen s)"
        skip 2 "the reset mail and the session's libraries after it" "no login screen"
    fi
fi

# --- an import loads the sync plugin from beside the program ---
EDB="$T/edex.db"
"$PY" tests/sync/gen_edex.py --students 20 --teachers 3 --output "$T/small.xml"
run "$KM" --db "$EDB" init --school "OBS Onderdelen" --brin 99ZZ
users() { "$KM" --db "$EDB" user list --all | sha256sum; }
objects=$(loaded "$KM" --db "$EDB" import edex "$T/small.xml" --dry-run)
printf '%s\n' "$objects" | grep -qx "$(dirname "$KM")/klassenmap-sync.so" &&
    printf '%s\n' "$objects" | grep -q '^libxml2' && pass "import edex loads klassenmap-sync.so beside the program, and libxml2" ||
    fail "import edex loads klassenmap-sync.so beside the program" "$objects"
run "$KM" --db "$EDB" check
expect_out "check loads both plugins" "onderdelen     ok ($(dirname "$KM"))"

# --- a copy of the program with plugins that cannot be used ---
mkdir -p "$T/bin"
cp "$KM" "$T/bin/klassenmap"
K2="$T/bin/klassenmap"
SO="$T/bin/klassenmap-sync.so"
before=$(users)
AS="" # a command before the copy's: root without its power to read any file, for the unreadable plugin
refused() { # DESC TEXT: import edex with the copy fails with one sentence holding TEXT, and changes nothing
    # shellcheck disable=SC2086 # AS is a list of words
    run $AS "$K2" --db "$EDB" import edex "$T/small.xml"
    expect_err "$1" 1 "$2"
    [ "$(printf '%s\n' "$err" | grep -c .)" = 1 ] && [ "$(users)" = "$before" ] && pass "$1: one sentence, nothing changed" ||
        fail "$1: one sentence, nothing changed"
}
refused "a missing sync plugin is named" "Het onderdeel voor EDEXML en UWLR ($SO) ontbreekt of is niet te lezen"
expect_err "... and says what to do" 1 "Installeer klassenmap opnieuw."
printf 'geen ELF\n' >"$SO"
refused "a damaged plugin" "Het onderdeel voor EDEXML en UWLR kan niet worden geladen ($SO: "
cp "$(dirname "$KM")/klassenmap-sync.so" "$SO"
chmod 0666 "$SO"
refused "a plugin others can change is not loaded" "Het onderdeel voor EDEXML en UWLR ($SO) wordt niet geladen"
chmod 0644 "$SO"
chmod 0777 "$T/bin"
refused "nor one in a directory others can change" "wordt niet geladen"
chmod 0755 "$T/bin"
[ "$(id -u)" = 0 ] && AS="setpriv --bounding-set=-dac_override,-dac_read_search"
if [ -n "$AS" ] && ! $AS true 2>/dev/null; then
    skip 2 "an unreadable plugin" "root reads any file, and setpriv cannot take that away here"
else
    chmod 0000 "$SO"
    refused "an unreadable plugin" "ontbreekt of is niet te lezen"
    chmod 0644 "$SO"
fi
AS=""
if command -v "${CC:-cc}" >/dev/null 2>&1; then
    printf 'const char km_plugin_abi[] = "0.0.0 ander";\n' >"$T/other.c"
    "${CC:-cc}" -shared -fPIC -o "$SO" "$T/other.c" && chmod 0644 "$SO"
    refused "a plugin of another version" "hoort bij een andere versie van klassenmap"
else
    skip 2 "a plugin of another version" "no C compiler to make one"
fi
run "$K2" --db "$EDB" check
[ "$code" = 1 ] && printf '%s' "$out" | grep -q "^onderdelen     FOUT (Het onderdeel voor mail ($T/bin/klassenmap-mail.so) ontbreekt" &&
    pass "check names the plugin that cannot be used" || fail "check names the plugin that cannot be used"

# the sync as the nightly timer runs it: a failed run in sync_runs, with the sentence
printf '[sync]\nuwlr_endpoint = https://127.0.0.1:9/uwlr\nbrin = 99ZZ\nklantcode = KM\nklantnaam = KM\nkey_file = %s/k\n' "$T" >"$T/sync.ini"
run env KLASSENMAP_CONFIG="$T/sync.ini" "$K2" --db "$EDB" sync
expect_err "sync without its plugin" 1 "hoort bij een andere versie"
run env KLASSENMAP_CONFIG="$T/sync.ini" "$KM" --db "$EDB" sync status --limit 1
expect_out "... is a failed run in sync status" "andere versie"

# mail without its plugin: the invitation is not sent, and mail's health says why
run "$K2" --db "$EDB" user add --role ouder --name "Karin de Jong" --email karin@ouders.test
run env KLASSENMAP_CONFIG="$T/mail.ini" "$K2" --db "$EDB" invite parents
[ "$code" = 1 ] && printf '%s' "$err" | grep -qF "karin.dejong: Het onderdeel voor mail ($T/bin/klassenmap-mail.so) ontbreekt" &&
    pass "an invitation without the mail plugin says why" || fail "an invitation without the mail plugin says why"
run "$KM" --db "$EDB" check
printf '%s' "$out" | grep -q "^mail .*FOUT.*klassenmap-mail.so) ontbreekt" && pass "... and mail's health says it too" ||
    fail "... and mail's health says it too"

# the real plugins beside the copy: it works from any directory its owner controls
cp "$(dirname "$KM")/klassenmap-sync.so" "$(dirname "$KM")/klassenmap-mail.so" "$T/bin/"
run "$K2" --db "$EDB" import edex "$T/small.xml"
expect_out "the copy with its plugins imports" "23 nieuw"

finish plugins
