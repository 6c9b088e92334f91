# Harness for the SSH tests and the SSH benchmark: a private sshd on a free loopback port, a system account whose
# SSH sessions run this build's klassenmap, and ssh clients in tmux panes whose screens can be read.
# Source tests/lib.sh and tests/tui/lib.sh first. Everything here needs root (CI runs as root).
#
#   ssh_need_root NAME      not root: the suite is counted as skipped, with a line saying why, and exits 0
#   ssh_setup               the account, its database directory, the client key, the sshd; false (with the
#                           reason on stdout) when something is missing
#   $KMUSER $W $KCONF $DB   the account, its directory (0700, its own), the config its sessions use, the database
#   $PORT $D $SNIPPET       sshd's port and directory (logs: $D/sshd.log); SNIPPET=1 when the project's
#                           conf/sshd_config.d/klassenmap.conf is what sshd uses, 0 for a stand-in block
#   as_user CMD...          runs CMD as the account (the database and its -wal/-shm must stay the account's)
#   kmc ARGS...             klassenmap --config $KCONF ARGS..., as the account
#   ssh_cmd ARGS...         the ssh client (port, key, no known_hosts, no user config) for the account
#   ssh_start NAME [W H]    a tmux session NAME (80x24) running `ssh -tt` to the account: its screen is the TUI
#   USE_PORT, USE_KEY       when set: the port and key ssh_opts, ssh_cmd and ssh_start use instead
#   sshd_start NAME INCLUDE a further sshd with the same base config and INCLUDE; sets SSHD_PORT
#   variant_b FILE KEYS     the snippet's commented-out "Variant B" block, made to fit this run, into FILE
#   account_procs           the account's live processes: "PID COMMAND" a line (zombies left out)
#   server_pids             pids of the account's live klassenmap processes, one a line
#
# sshd's config: Port, ListenAddress 127.0.0.1, its own host key, PidFile and AuthorizedKeysFile in a temp
# directory, UsePAM no, StrictModes no, PasswordAuthentication no (MaxStartups 200 when the project's snippet,
# which sets it, is not used), then an Include of a copy of the project's
# snippet with its Match line made "Match User $KMUSER" and its ForceCommand running this build with the test
# config (other arguments kept). At exit: the tmux server (so the clients go), each sshd, any process of the
# account still there (by pid), the account and its home, the temp directories.

SSHD=/usr/sbin/sshd
KMUSER="kmtest$$"
W=""
D=""
SSHD_PIDS=""
MADE_USER=0
# shellcheck disable=SC2034 # read by the tests
SNIPPET=0
ROOT=$(pwd)

ssh_need_root() {
    [ "$(id -u)" = 0 ] && return 0
    skip 1 "the SSH suite" "it runs a private sshd and creates a system account, so it needs root (CI runs as root)"
    finish "$1"
    exit 0
}

# live processes only: a zombie has ended (and holds nothing); it waits for its parent, or for init when sshd's
# session process went first, to collect its exit status
account_procs() { ps -u "$KMUSER" -o pid=,stat=,comm= 2>/dev/null | awk '$2 !~ /^Z/ { print $1, $3 }'; }
server_pids() { account_procs | awk '$2 == "klassenmap" { print $1 }'; }

ssh_cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    for _p in $SSHD_PIDS; do kill "$_p" 2>/dev/null; done
    # the sessions end with their connections; what is still there after a moment is ended by pid
    if id "$KMUSER" >/dev/null 2>&1; then
        _i=0
        while [ -n "$(account_procs)" ] && [ "$_i" -lt 20 ]; do sleep 0.1; _i=$((_i + 1)); done
        for _p in $(account_procs | cut -d' ' -f1); do kill -9 "$_p" 2>/dev/null; done
        if [ "$MADE_USER" = 1 ]; then
            # userdel refuses while a process of the account exists, even a zombie not yet collected by init
            _i=0
            until userdel -r "$KMUSER" >/dev/null 2>&1; do
                _i=$((_i + 1))
                if [ "$_i" -ge 30 ]; then userdel -r -f "$KMUSER" >/dev/null 2>&1; break; fi
                sleep 0.2
            done
        fi
    fi
    [ -n "$W" ] && rm -rf "$W"
    [ -n "$D" ] && rm -rf "$D"
    rm -rf "$T"
}
trap 'ssh_cleanup' EXIT

as_user() { runuser -u "$KMUSER" -- "$@"; }
kmc() { as_user "$KM" --config "$KCONF" "$@"; }

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ssh_opts() {
    echo "-F /dev/null -p ${USE_PORT:-$PORT} -i ${USE_KEY:-$D/client_key} -o IdentitiesOnly=yes" \
        "-o IdentityAgent=none -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null" \
        "-o LogLevel=ERROR -o ConnectTimeout=10"
}
# shellcheck disable=SC2046
ssh_cmd() { ssh $(ssh_opts) "$@"; }

# Windows get the fixed name "=" and keep it: tmux looks a bare target up as a window name of the current
# session (by prefix) before it tries session names, so "-t b" could reach a window named "bash" elsewhere.
cat >>"$T/tmux.conf" <<'CONF'
set -g automatic-rename off
set -g allow-rename off
CONF
ssh_start() { # NAME [W H]
    TM -f "$T/tmux.conf" new-session -d -s "$1" -n = -x "${2:-80}" -y "${3:-24}" \
        "exec env TERM=xterm-256color ssh -tt $(ssh_opts) $KMUSER@127.0.0.1 2>'$T/$1.stderr'"
}

# The snippet, made to fit this run: its Match for our account, its ForceCommand running this build with the
# test config (other arguments kept), an AuthorizedKeysFile in it pointed at KEYS.
fit_snippet() { # KEYS: stdin to stdout
    awk -v user="$KMUSER" -v km="$KM" -v conf="$KCONF" -v keys="$1" '
        /^[ \t]*#/ { print; next }
        tolower($1) == "match" { print "Match User " user; next }
        tolower($1) == "authorizedkeysfile" { print "    AuthorizedKeysFile " keys; next }
        tolower($1) == "forcecommand" {
            first = ($2 == "exec") ? 4 : 3
            line = "    ForceCommand exec " km " --config " conf
            for (i = first; i <= NF; i++) {
                if ($i == "--config") { i++; continue }
                if ($i ~ /^--config=/) continue
                line = line " " $i
            }
            print line
            next
        }
        { print }'
}

# variant_b FILE KEYS: the commented-out "#Match User ..." block at the end of the snippet, without its '#'
variant_b() {
    awk '/^#Match / { on = 1 } on && /^#/ { print substr($0, 2); next } on && !/^#/ { on = 0 }' \
        "$ROOT/conf/sshd_config.d/klassenmap.conf" | fit_snippet "$2" >"$1"
    grep -q '^Match ' "$1"
}

# sshd_start NAME INCLUDE: an sshd with config $D/NAME.config including INCLUDE, on a free port (SSHD_PORT)
sshd_start() {
    _try=0
    while [ "$_try" -lt 5 ]; do
        _try=$((_try + 1))
        SSHD_PORT=$(free_port)
        cat >"$D/$1.config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $D/host_key
PidFile $D/$1.pid
AuthorizedKeysFile $D/authorized_keys
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $KMUSER
$([ "$SNIPPET" = 1 ] || echo "MaxStartups 200")
LogLevel VERBOSE
Include $2
CONF
        "$SSHD" -t -f "$D/$1.config" >"$D/$1-t.log" 2>&1 || { cat "$D/$1-t.log"; return 1; }
        : >"$D/$1.log"
        "$SSHD" -D -f "$D/$1.config" -E "$D/$1.log" &
        _pid=$!
        if wait_until 5 grep -q "Server listening on 127.0.0.1 port $SSHD_PORT" "$D/$1.log"; then
            SSHD_PIDS="$SSHD_PIDS $_pid"
            return 0
        fi
        kill "$_pid" 2>/dev/null
        wait "$_pid" 2>/dev/null
    done
    echo "sshd $1 did not start:"
    cat "$D/$1.log"
    return 1
}

ssh_setup() {
    [ -x "$SSHD" ] && command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || {
        echo "openssh-server and openssh-client are needed (sh tools/install-deps test)"
        return 1
    }
    # the account: a real shell (sshd runs ForceCommand with it), no password, but not locked ("*", not "!")
    if ! id "$KMUSER" >/dev/null 2>&1; then
        useradd -m -s /bin/sh -p '*' "$KMUSER" || return 1
        MADE_USER=1
    fi
    # its directory for the database and config: 0700 and its own, as on a school server
    W=$(mktemp -d /tmp/km-ssh-db-XXXXXX) && chown "$KMUSER:" "$W" && chmod 0700 "$W" || return 1
    KCONF="$W/klassenmap.ini"
    DB="$W/school.db"
    as_user sh -c "cat >'$KCONF'" <<INI || return 1
[general]
database = $DB
[password]
argon_opslimit = 1
argon_memlimit_kib = 8
INI
    # sshd's own directory: readable by the account, since sshd reads authorized_keys as the user
    D=$(mktemp -d /tmp/km-sshd-XXXXXX) && chmod 0755 "$D" || return 1
    ssh-keygen -q -t ed25519 -N '' -f "$D/host_key" -C km-test-host || return 1
    ssh-keygen -q -t ed25519 -N '' -f "$D/client_key" -C km-test-client || return 1
    cp "$D/client_key.pub" "$D/authorized_keys" && chmod 0644 "$D/authorized_keys"
    sshd_privsep_dir || return 1
    if [ -f "$ROOT/conf/sshd_config.d/klassenmap.conf" ]; then
        fit_snippet "$D/authorized_keys" <"$ROOT/conf/sshd_config.d/klassenmap.conf" >"$D/klassenmap.conf"
        SNIPPET=1
    else
        # without the project's snippet: what DESIGN.md's "Deployment" asks of it
        cat >"$D/klassenmap.conf" <<CONF
Match User $KMUSER
    ForceCommand $KM --config $KCONF
    DisableForwarding yes
    PermitTTY yes
    PermitUserRC no
CONF
        # shellcheck disable=SC2034
        SNIPPET=0
    fi
    sshd_start sshd "$D/klassenmap.conf" || return 1
    PORT=$SSHD_PORT
}
