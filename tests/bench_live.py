#!/usr/bin/env python3
"""make bench, "a change showing on another session": two teachers' sessions on the same status board, each in
its own klassenmap process on its own terminal (80x24). One sets a status (a commit); the time is measured from
that key until the other session's terminal gets its first byte (it read the change again and drew it). The
trials start at random moments, so a poll's phase cannot flatter the figure. Prints the median and the 90th
percentile. Usage: bench_live.py KLASSENMAP DATABASE CONFIG [TRIALS]"""
import os, random, select, sys, time

src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_tui.py")).read()
exec(src.rsplit("\nmain()", 1)[0])  # spawn, read_frame, key, stop, login_as


def drain(fd, quiet=0.3):
    while select.select([fd], [], [], quiet)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def first_byte(fd, t0, timeout=5.0):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return None
    return time.monotonic() - t0


def open_board(km, db, conf, env):
    pid, fd = login_as(km, db, conf, env, "leerkracht")
    key(fd, b"j\r")  # LEERDOELEN
    key(fd, b"\r")   # the group
    _, _, text = key(fd, b"\r")  # its board (or the deelgebied list first)
    drain(fd)
    return pid, fd


def main():
    km, db, conf = sys.argv[1:4]
    trials = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    a = open_board(km, db, conf, env)
    b = open_board(km, db, conf, env)
    times, missed = [], 0
    rng = random.Random(17)
    for i in range(trials):
        time.sleep(rng.uniform(0.2, 1.2))
        drain(b[1], 0.05)
        t0 = time.monotonic()
        os.write(a[1], b"2" if i % 2 == 0 else b"1")
        t = first_byte(b[1], t0)
        if t is None:
            missed += 1
        else:
            times.append(t)
        drain(a[1], 0.05)
    stop(*a)
    stop(*b)
    times.sort()
    if not times:
        print("klassenmap: wijziging zichtbaar op een andere sessie: niet gemeten (geen enkele kwam aan)")
        return
    med = times[len(times) // 2]
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"klassenmap: wijziging zichtbaar op een andere sessie  mediaan {med * 1000:6.0f} ms  p90 {p90 * 1000:6.0f} ms"
          f"  ({len(times)} van {trials} gezien{', ' + str(missed) + ' niet binnen 5 s' if missed else ''})")


main()
