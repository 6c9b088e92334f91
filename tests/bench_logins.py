#!/usr/bin/env python3
"""08:30 on a school day: 30 students log in at the same moment, each in their own klassenmap process on
its own terminal, as over SSH. Measures the time from the 30 Enter presses until every menu is drawn, and
the machine's peak memory use above what it used before (sampled from /proc/meminfo every 10 ms)."""
import json, os, pty, select, signal, subprocess, sys, threading, time, fcntl, struct, termios

N = 30


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd


def wait_text(fd, text, timeout):
    buf, end = b"", time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            buf += chunk
            if text in buf:
                return True
    return False


def mem_used_kib():
    info = {}
    with open("/proc/meminfo") as f:
        for line in f:
            k, v = line.split(":")
            info[k] = int(v.split()[0])
    return info["MemTotal"] - info["MemAvailable"]


def main():
    km, db, conf = sys.argv[1:4]
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    users = json.loads(subprocess.check_output([km, "--config", conf, "--db", db, "user", "list", "--role", "leerling", "--json"]))
    names = [u["username"] for u in users[:N]]
    procs = [spawn([km, "--config", conf, "--db", db], env) for _ in names]
    for (_, fd), name in zip(procs, names):
        wait_text(fd, "Inloggen".encode(), 10)
        os.write(fd, name.encode() + b"\r")
    time.sleep(0.3)
    base = mem_used_kib()
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], mem_used_kib())
            time.sleep(0.01)

    t = threading.Thread(target=sample)
    t.start()
    t0 = time.monotonic()
    for _, fd in procs:
        os.write(fd, b"demo\r")
    done = [wait_text(fd, "MIJNROOSTER".encode(), 60) for _, fd in procs]
    elapsed = time.monotonic() - t0
    stop.set()
    t.join()
    for pid, fd in procs:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    print(f"{sum(done)} van {N} leerlingen tegelijk ingelogd in {elapsed:.2f} s; "
          f"piek geheugen van de machine +{(peak[0] - base) / 1024:.0f} MiB")


main()
