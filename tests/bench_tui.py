#!/usr/bin/env python3
"""Terminal benchmarks (make bench): time from start to a drawn first screen, bytes written for it, and
bytes written for one cursor move, for klassenmap and for calcurse measured the same way in the same run; and the
login screen against the bare ncurses + SQLite program (tests/bench_bare.c, the optional fourth argument), started
in turn. Usage: bench_tui.py KLASSENMAP DB CONFIG [BARE]

A frame counts as drawn when the program has written its last byte before going quiet for QUIET seconds;
the time reported is that of the last byte."""
import os, pty, select, signal, struct, sys, tempfile, time, fcntl, termios

QUIET = 0.25
ROWS, COLS = 24, 80


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def read_frame(fd, start, timeout=10.0):
    """Reads until QUIET seconds pass without output; returns (seconds to last byte, bytes, text)."""
    data, last = b"", None
    deadline = start + timeout
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], QUIET)
        if not r:
            if last is not None:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return ((last or time.monotonic()) - start, len(data), data.decode("utf-8", "replace"))


def key(fd, keys, label=None):
    t0 = time.monotonic()
    os.write(fd, keys)
    frame = read_frame(fd, t0)
    if label and os.environ.get("BENCH_DUMP"):  # BENCH_DUMP=1: what one measured key wrote, escaped
        print(f"  [{label}] {frame[2].encode('unicode_escape').decode()}")
    return frame


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def klassenmap(km, db, conf, env):
    runs = []
    for _ in range(5):
        t0 = time.monotonic()
        pid, fd = spawn([km, "--config", conf, "--db", db], env)
        secs, nbytes, text = read_frame(fd, t0)
        stop(pid, fd)
        runs.append((secs, nbytes))
    runs.sort()
    secs, nbytes = runs[len(runs) // 2]
    print(f"klassenmap: start tot inlogscherm        {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    pid, fd = spawn([km, "--config", conf, "--db", db], env)
    read_frame(fd, time.monotonic())
    os.write(fd, b"beheerder\r")
    read_frame(fd, time.monotonic())
    _, _, text = key(fd, b"demo\r")
    _, menu_bytes, _ = key(fd, b"j")
    print(f"klassenmap: cursor omlaag in hoofdmenu                {menu_bytes:6d} bytes")
    key(fd, b"k")
    seen = ""
    for k in (b"jjj", b"\r", b"j", b"\r"):  # MIJNGEBRUIKERS -> LEERLINGEN (1,200 rows)
        seen += key(fd, k)[2]
    if "LEERLINGEN" not in seen or "1200" not in seen.replace(".", ""):
        print("klassenmap: de leerlingenlijst ging niet open; meting overgeslagen")
        stop(pid, fd)
        return
    secs, list_bytes, _ = key(fd, b"j")
    print(f"klassenmap: cursor omlaag in leerlingenlijst {secs * 1000:7.1f} ms  {list_bytes:6d} bytes")
    stop(pid, fd)


def login_as(km, db, conf, env, user):
    pid, fd = spawn([km, "--config", conf, "--db", db], env)
    read_frame(fd, time.monotonic())
    os.write(fd, user.encode() + b"\r")
    read_frame(fd, time.monotonic())
    key(fd, b"demo\r")
    return pid, fd


def planner(km, db, conf, env):
    pid, fd = login_as(km, db, conf, env, "leerkracht")
    secs, nbytes, text = key(fd, b"\r")  # MIJNROOSTER is the first menu item
    ok = "MIJNROOSTER" in text
    print(f"klassenmap: week van een leerkracht openen   {secs * 1000:7.1f} ms  {nbytes:6d} bytes" + ("" if ok else " (?)"))
    secs, nbytes, _ = key(fd, b"]")
    print(f"klassenmap: naar de volgende week             {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    secs, nbytes, _ = key(fd, b"l", "week")
    print(f"klassenmap: cursor naar de volgende dag       {secs * 1000:7.1f} ms  {nbytes:6d} bytes  (doel <= 110)")
    stop(pid, fd)
    pid, fd = login_as(km, db, conf, env, "leerling")
    secs, nbytes, _ = key(fd, b"\r")
    print(f"klassenmap: dag van een leerling openen       {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    stop(pid, fd)


def board(km, db, conf, env):
    pid, fd = login_as(km, db, conf, env, "leerkracht")
    key(fd, b"j\r")  # LEERDOELEN
    key(fd, b"\r")   # the group; on to the deelgebied list
    secs, nbytes, text = key(fd, b"\r")
    ok = "leerlingen" in text
    print(f"klassenmap: statusbord openen                {secs * 1000:7.1f} ms  {nbytes:6d} bytes" + ("" if ok else " (?)"))
    secs, nbytes, _ = key(fd, b"l", "bord")
    print(f"klassenmap: cursor op het statusbord          {secs * 1000:7.1f} ms  {nbytes:6d} bytes  (doel <= 110)")
    secs, nbytes, _ = key(fd, b"2")
    print(f"klassenmap: een status zetten                 {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    key(fd, b"\x1b")
    secs, nbytes, _ = key(fd, b"k\r")  # the first row of the deelgebied list: Leerdoeloverzicht
    print(f"klassenmap: leerdoeloverzicht van de groep    {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    stop(pid, fd)


def shared_objects(pid):
    """The distinct shared objects mapped into a running process."""
    with open(f"/proc/{pid}/maps") as f:
        return len({line.split()[-1] for line in f if ".so" in line.rsplit("/", 1)[-1]})


def start_vs_bare(km, bare, db, conf, env, n=11):
    """The login screen settled against the bare ncurses + SQLite program (tests/bench_bare.c), started in turn, n
    times each: the median of each, their ratio, and the shared objects each has mapped once its screen is drawn."""
    runs = {"km": [], "bare": []}
    for _ in range(n):
        for what, argv in (("km", [km, "--config", conf, "--db", db]), ("bare", [bare, db])):
            t0 = time.monotonic()
            pid, fd = spawn(argv, env)
            secs, _, _ = read_frame(fd, t0)
            runs[what].append((secs, shared_objects(pid)))
            stop(pid, fd)
    (km_s, km_so), (bare_s, bare_so) = (sorted(runs[w])[n // 2] for w in ("km", "bare"))
    print(f"kaal programma (ncurses+SQLite): start tot scherm {bare_s * 1000:7.1f} ms  {bare_so:3d} gedeelde objecten")
    print(f"klassenmap: inlogscherm klaar (om en om)   {km_s * 1000:7.1f} ms  {km_so:3d} gedeelde objecten"
          f"  {km_s / bare_s:.2f}x het kale programma (doel <= 30 ms)")


def calcurse(env):
    home = tempfile.mkdtemp()
    argv = ["calcurse", "-D", home]
    runs = []
    for _ in range(5):
        t0 = time.monotonic()
        pid, fd = spawn(argv, env)
        secs, nbytes, _ = read_frame(fd, t0)
        stop(pid, fd)
        runs.append((secs, nbytes))
    runs.sort()
    secs, nbytes = runs[len(runs) // 2]
    print(f"calcurse:   start tot eerste scherm       {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    pid, fd = spawn(argv, env)
    read_frame(fd, time.monotonic())
    secs, move_bytes, _ = key(fd, b"l")
    print(f"calcurse:   cursor naar volgende dag       {secs * 1000:7.1f} ms  {move_bytes:6d} bytes")
    secs, nbytes, _ = key(fd, b"\x0e")  # Ctrl-N: the weekly calendar view
    print(f"calcurse:   weekweergave openen            {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    secs, nbytes, _ = key(fd, b"w")
    print(f"calcurse:   naar de volgende week          {secs * 1000:7.1f} ms  {nbytes:6d} bytes")
    stop(pid, fd)


def main():
    km, db, conf = sys.argv[1:4]
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    print(f"(terminal {COLS}x{ROWS}; mediaan van 5 starts; een scherm is klaar na {QUIET * 1000:.0f} ms stilte)")
    klassenmap(km, db, conf, env)
    if os.environ.get("BENCH_ONLY") == "moves":  # planner and board only, for looking at one move's bytes
        planner(km, db, conf, env)
        board(km, db, conf, env)
        return
    if len(sys.argv) > 4:
        start_vs_bare(km, sys.argv[4], db, conf, env)
    planner(km, db, conf, env)
    board(km, db, conf, env)
    calcurse(env)


main()
