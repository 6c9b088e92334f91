#!/usr/bin/env python3
"""make bench-burst, the driver: N people log in over SSH at the same moment, each with their own klassenmap
account on the login screen (ssh -tt to the school account, then name and password as typed), and each then
opens the first item of the main menu. Reports when the last one had it open, how many did not get there, and
how many of their logins the database recorded, and the CPU time the account's klassenmap processes used (read
from /proc before they end). Usage: burst.py N DB USERS_JSON ACCOUNT -- SSH_ARGV..."""
import json, os, pty, select, signal, sqlite3, sys, time, fcntl, struct, termios

TIMEOUT = 180


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvp(argv[0], argv)
    fl = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, fl | os.O_NONBLOCK)
    return pid, fd


def account_cpu(account):
    """CPU seconds (user + system) of the account's live klassenmap processes, and how many there are."""
    import pwd
    uid = pwd.getpwnam(account).pw_uid
    hz = os.sysconf("SC_CLK_TCK")
    total, count = 0, 0
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            if os.stat(f"/proc/{p}").st_uid != uid:
                continue
            stat = open(f"/proc/{p}/stat").read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if comm == "klassenmap":
            total += int(fields[11]) + int(fields[12])
            count += 1
    return total / hz, count


def main():
    n = int(sys.argv[1])
    db, users_json, account = sys.argv[2], sys.argv[3], sys.argv[4]
    argv = sys.argv[sys.argv.index("--") + 1:]
    users = json.load(open(users_json))[:n]
    if len(users) < n:
        print(f"burst: only {len(users)} accounts")
        n = len(users)
    con = sqlite3.connect(db, timeout=30)
    start_id = con.execute("SELECT COALESCE(max(id), 0) FROM audit_log").fetchone()[0]
    con.close()
    t0 = time.monotonic()
    sess = []
    for u in users:
        pid, fd = spawn(argv)
        sess.append({"pid": pid, "fd": fd, "user": u["username"], "buf": b"", "state": "connect", "done": None})
    by_fd = {s["fd"]: s for s in sess}
    left = set(by_fd)
    while left and time.monotonic() - t0 < TIMEOUT:
        r, _, _ = select.select(list(left), [], [], 1.0)
        for fd in r:
            s = by_fd[fd]
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b""
            if not chunk:
                s["state"] = "closed: " + s["buf"][-200:].decode("utf-8", "replace").strip().replace("\r", " ")
                left.discard(fd)
                continue
            s["buf"] = (s["buf"] + chunk)[-8192:]
            if s["state"] == "connect" and b"Gebruikersnaam" in s["buf"]:
                os.write(fd, s["user"].encode() + b"\r" + b"demo\r")
                s["state"], s["buf"] = "login", b""
            elif s["state"] == "login" and b"Hoofdmenu" in s["buf"]:
                os.write(fd, b"\r")  # the first item of the menu
                s["state"], s["buf"] = "menu", b""
            elif s["state"] == "menu" and len(s["buf"]) > 200:
                s["state"], s["done"] = "in", time.monotonic() - t0
                left.discard(fd)
    elapsed = max((s["done"] for s in sess if s["done"] is not None), default=0.0)
    failed = [s for s in sess if s["done"] is None]
    time.sleep(0.5)
    cpu, procs = account_cpu(account)
    con = sqlite3.connect(db, timeout=30)
    logins = con.execute("SELECT count(*) FROM audit_log WHERE id > ? AND kind = 'login'", (start_id,)).fetchone()[0]
    rows = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    con.close()
    for s in sess:
        try:
            os.kill(s["pid"], signal.SIGTERM)
        except ProcessLookupError:
            pass
    for s in sess:
        try:
            os.waitpid(s["pid"], 0)
        except ChildProcessError:
            pass
        os.close(s["fd"])
    done = [s["done"] for s in sess if s["done"] is not None]
    done.sort()
    half = done[len(done) // 2] if done else 0.0
    print(f"{n} SSH logins at once: all in after {elapsed:.1f} s (half after {half:.1f} s); {len(failed)} failed;"
          f" logins written {logins} of {n}; sessions registered {rows} of {n}")
    print(f"CPU of the {procs} klassenmap processes until then: {cpu:.1f} s (Argon2id and all)")
    for s in failed[:5]:
        print(f"  {s['user']}: {s['state']}")
    sys.exit(1 if failed else 0)


main()
