#!/usr/bin/env python3
"""Planted controls: no control character from the data reaches any output.

The golden screens' school (tests/tui/screens.list: the demo school and its setup lines) gets, with sqlite3
directly, a payload appended to every text column that holds something a person reads: C0 controls, ESC with a
CSI and two OSC sequences (a window title, a hyperlink), C1 controls U+0080-U+009F (U+009B among them, the 8-bit
CSI) and the bidi controls U+202A-U+202E and U+2066-U+2069. Then
  - every command that prints data, every export (CSV, iCalendar, HTML) and every --json output is run, and its
    bytes must hold none of them (a JSON string, decoded, neither);
  - every screen of tests/tui/screens.list is reached by the real program in tmux, with everything the program
    writes to the terminal recorded (tmux pipe-pane), and that byte stream must hold none of the payload's
    sequences; U+FFFD, what the sanitiser shows instead, must be on the screens.
Run as `sh tests/tui/test_controls.sh` (or python3 tests/tui/controls.py [NAME...] for some screens only).
The last line reads "controls: N passed, N failed".
"""

import concurrent.futures
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import screens as S  # noqa: E402  the golden screens' machinery: the list, the school, tmux, the steps

C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PAYLOAD = ("\x01\x02\x07\x08\x1a\x1b[31;42;5m\x1b[21t\x1b]0;pwned\x07\x1b]8;;http://example.invalid/\x1b\\x\x7f"
           + C1 + "\u009b2J" + BIDI + "!")
# Columns that are not text a person reads, or that the program needs as they are: dates and moments, hashes,
# codes with a fixed set of values, the usernames the test logs in with, the status letters that are keys.
SKIP = re.compile(r"(_at$|^at$|date|week_start|last_seen|instroom|uitstroom|schooljaar|hash|^role$|^kind$|"
                  r"^source$|relation|password_state|colour_role|^field$|^letter$|^username$|failing_since|"
                  r"^jaargroep$|^brin$|^email$)")


class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, what, lines=()):
        self.failed += 1
        print(f"FAIL {what}")
        for line in list(lines)[:30]:
            print(f"     {line}")


def plant(db):
    """Appends the payload to every readable text column; returns the columns planted."""
    planted = []
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")]
    for t in tables:
        for col in con.execute(f'PRAGMA table_info("{t}")').fetchall():
            name, typ = col[1], (col[2] or "").upper()
            if typ not in ("TEXT", "") or SKIP.search(name):
                continue
            try:
                n = con.execute(f'UPDATE "{t}" SET "{name}" = "{name}" || ? WHERE "{name}" IS NOT NULL '
                                f"AND \"{name}\" != ''", (PAYLOAD,)).rowcount
                con.commit()
            except sqlite3.DatabaseError:  # a CHECK constraint: a code, not text
                con.rollback()
                continue
            if n:
                planted.append(f"{t}.{name}")
    # a sync run's message and a mail error, which the demo school has none of
    try:
        con.execute("INSERT INTO sync_runs (started_at, finished_at, source, ok, message) VALUES "
                    "('2026-11-29 02:00:00', '2026-11-29 02:00:05', 'uwlr', 0, ?)", ("fout" + PAYLOAD,))
        con.commit()
        planted.append("sync_runs.message")
    except sqlite3.DatabaseError as e:
        print(f"FAIL a sync run with a planted message: {e}")
    con.close()
    return planted


# ---- the byte checks ----

RAW_BAD = [(re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"), "a C0 control or DEL"),
           (re.compile(rb"\xc2[\x80-\x9f]"), "a C1 control (U+0080-U+009F)"),
           (re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"), "a bidi control")]


def output_problems(data):
    """For command output and export files: nothing but text, tab, CR and LF."""
    out = []
    for rx, what in RAW_BAD:
        m = rx.search(data)
        if m:
            out.append(f"{what} at byte {m.start()}: {data[max(0, m.start() - 40):m.start() + 20]!r}")
    return out


def json_strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from json_strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from json_strings(x)


def json_problems(data):
    try:
        v = json.loads(data.decode("utf-8"))
    except ValueError as e:
        return [f"not JSON: {e}"]
    for s in json_strings(v):
        bad = [c for c in s if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in BIDI]
        if bad:
            return [f"a decoded string holds {bad[0]!r}: {s[:60]!r}"]
    return []


# Curses writes its own escape sequences, BS and BEL; what it never writes is what the payload brings.
SCREEN_BAD = [(re.compile(rb"\x1b\]"), "an OSC sequence (ESC ])"), (re.compile(rb"\x1b\[21t"), "ESC [ 21 t"),
              (re.compile(rb"\x1b\[31;42;5m"), "the payload's colours"), (re.compile(rb"[\x01\x02\x1a\x7f]"),
                                                                            "a C0 control or DEL"),
              (re.compile(rb"\xc2[\x80-\x9f]"), "a C1 control (U+0080-U+009F)"),
              (re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"), "a bidi control")]


# ---- the commands ----

def commands(db, names):
    g, tpl = names["group"], names["template"]
    stu, tea, par = names["student"], names["teacher"], names["parent"]
    return [
        ["user", "list", "--all"], ["user", "list", "--all", "--json"], ["user", "show", stu],
        ["user", "show", tea, "--json"], ["user", "show", par], ["group", "list"], ["group", "list", "--json"],
        ["group", "members", g], ["group", "members", g, "--json"], ["group", "relink"], ["room", "list"],
        ["template", "list"], ["template", "check", tpl], ["template", "export", tpl, "--csv"], ["roster", "show"],
        ["export", "ical", "--user", tea, "--from", "2026-11-30"], ["export", "ical", "--user", stu, "--from", "2026-11-30"],
        ["export", "weekplan", "--group", g, "--week", "2026-11-30", "--format", "html"],
        ["export", "overview", "--group", g], ["export", "overview", "--group", g, "--format", "html"],
        ["export", "overview", "--group", g, "--table", "leerlingen"], ["export", "overview", "--student", stu],
        ["curriculum", "export"], ["audit"], ["audit", "--json"], ["who"], ["who", "--json"], ["sync", "status"],
        ["check"],
    ]


# Commands whose output need not show planted text here: nobody is logged in, nothing to re-link, no clash, the
# roster's weeks and the check's findings are no names.
QUIET = {"who", "who --json", "roster show", "check", "group relink", "template check"}


def run_commands(km, workdir, db, names, results):
    env = dict(os.environ, KLASSENMAP_TEST_CLOCK=S.TEST_CLOCK, TZ="UTC",
               KLASSENMAP_CONFIG=os.path.join(workdir, "test.ini"), LC_ALL="C.UTF-8")
    env.pop("KLASSENMAP_DB", None)
    for args in commands(db, names):
        r = subprocess.run([km, "--db", db, *args], env=env, capture_output=True)
        what = "klassenmap " + " ".join(a if a.isprintable() else repr(a) for a in args)
        problems = [f"stdout: {p}" for p in output_problems(r.stdout)]
        problems += [f"stderr: {p}" for p in output_problems(r.stderr)]
        if "--json" in args and r.returncode == 0:
            problems += [f"JSON: {p}" for p in json_problems(r.stdout)]
        if r.returncode != 0:
            problems.append(f"exit {r.returncode}: {r.stderr[:300]!r}")
        elif ("\ufffd".encode() not in r.stdout and b"\\ufffd" not in r.stdout
              and " ".join(args[:2]) not in QUIET):
            problems.append("no U+FFFD in the output: the planted data did not show")
        if problems:
            results.fail(what, problems)
        else:
            results.ok()


def names_of(db):
    con = sqlite3.connect(db)
    one = lambda q: con.execute(q).fetchone()[0]  # noqa: E731
    names = {
        "group": one("SELECT name FROM groups WHERE name LIKE 'groep 5a%'"),
        "template": one("SELECT name FROM week_templates ORDER BY id LIMIT 1"),
        "student": "leerling", "teacher": "leerkracht", "parent": "ouder",
    }
    con.close()
    return names


# ---- the screens ----

def one_screen(tmux, km, workdir, base_db, screen, results):
    run = None
    raw = os.path.join(workdir, f"raw-{screen.name}")
    try:
        run = S.Run(tmux, km, workdir, base_db, screen, "nl")
        tmux.run("pipe-pane", "-o", "-t", run.session, f"cat >> '{raw}'")
        S.drive(run)
        # the whole screen drawn again (also what came before pipe-pane); it looks the same, so no change is awaited
        tmux.run("send-keys", "-t", run.session, "C-l")
        run.settle(None, "C-l")
        text = "\n".join(run.text())
        time.sleep(0.2)
        with open(raw, "rb") as f:
            data = f.read()
        problems = [f"{what}: {data[max(0, m.start() - 40):m.start() + 20]!r}"
                    for rx, what in SCREEN_BAD for m in [rx.search(data)] if m]
        if problems:
            results.fail(f"screen {screen.name}", problems + text.split("\n"))
        else:
            results.ok()
        return "\ufffd" in text
    except S.Failure as e:
        results.fail(f"screen {screen.name}: not reached", [str(e)] + (run.text() if run else []))
        return False
    finally:
        if run:
            run.close()


def main():
    km = os.environ.get("KM") or os.path.join(S.ROOT, "build", "klassenmap")
    results = Results()
    if not shutil.which("tmux"):
        results.fail("tmux is needed (sh tools/install-deps test)")
        print(f"controls: {results.passed} passed, {results.failed} failed")
        return 1
    setup, screens = S.parse_list(S.LIST)
    # A screen "with setup" imports a file that names rooms and groups as the demo has them, which planting
    # changes; its names are the ones the other screens show planted.
    screens = [s for s in screens if "setup" not in s.options]
    only = sys.argv[1:]
    if only:
        screens = [s for s in screens if any(n in s.name for n in only)]
    workdir = tempfile.mkdtemp(prefix="km-controls-", dir=os.environ.get("TMPDIR"))
    tmux = S.Tmux(workdir)
    try:
        base_db = S.make_school(km, workdir, setup)
        names = names_of(base_db)  # before planting: the arguments name them as planted below
        planted = plant(base_db)
        names = names_of(base_db)
        if len(planted) < 20:
            results.fail("planted in every readable text column", planted)
        else:
            results.ok()
        run_commands(km, workdir, base_db, names, results)
        shown = 0
        jobs = int(os.environ.get("SCREENS_JOBS", "4"))
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
            for f in [ex.submit(one_screen, tmux, km, workdir, base_db, s, results) for s in screens]:
                shown += 1 if f.result() else 0
        # the planted data is on the screens (as U+FFFD), so the check above looked at something
        if screens and shown < len(screens) // 2:
            results.fail(f"U+FFFD on the screens: only {shown} of {len(screens)}")
        else:
            results.ok()
        print(f"{len(planted)} columns planted, {len(screens)} screens, U+FFFD on {shown}")
    finally:
        tmux.kill_server()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"controls: {results.passed} passed, {results.failed} failed")
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
