#!/usr/bin/env python3
"""Golden screens: every screen of every role, whole, compared with a file.

Each screen in tests/tui/screens.list is reached by the real program in tmux (its own copy of one demo school,
a fixed test clock, NO_COLOR so attributes are the only highlight), and captured whole: the text and the
attributes of every cell (reverse, bold, underline, dim). It is captured at 80x24, the window is then resized to
132x43 and captured again, and resized back to 80x24, where it must look exactly as before. Dutch and English.
Each capture is compared with tests/tui/screens/SIZE-LANG/NAME.txt; a difference is printed as a diff.

    python3 tests/tui/screens.py              compare (the suite in make check)
    python3 tests/tui/screens.py --update     rewrite the files after a deliberate change (make screens)
    python3 tests/tui/screens.py NAME...      only the screens whose name contains one of the words
Options: --jobs N (parallel programs, default 6), --keep (leave the work directory), --lang nl|en.

The last line reads "screens: N passed, N failed" for tests/run-all.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LIST = os.path.join(HERE, "screens.list")
GOLDEN = os.path.join(HERE, "screens")
TEST_CLOCK = "2026-11-30 10:05"  # a Monday, during the second lesson
SIZES = [(80, 24), (132, 43)]
LANGS = ["nl", "en"]
CHANGE_TIMEOUT = 15.0  # seconds a step may take to show on the screen (a loaded machine is slow)
STABLE = 0.35  # the screen must stay the same this long before it counts as drawn
POLL = 0.05
PASSWORD = "demo"

TEST_INI = """[password]
argon_opslimit = 1
argon_memlimit_kib = 8
"""


# ---------------------------------------------------------------------------------------------------------------
# The list


class Screen:
    def __init__(self, name, user, steps, line, options=None):
        self.name, self.user, self.steps, self.line = name, user, steps, line
        # "with theme NAME", "with term NAME": how the program is started; "with setup ARGS": a command run on this
        # screen's copy of the school first; "with sizes WxH WxH": the sizes it is captured at, instead of SIZES
        self.options = options or {}

    @property
    def sizes(self):
        return self.options.get("sizes", SIZES)


def parse_list(path):
    """Returns (setup commands, screens). A screen line: NAME USER STEP ; STEP ; ... (USER '-': not logged in)."""
    setup, screens, seen = [], [], set()
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("setup "):
                cmd, _, given = line[len("setup "):].partition(" <<< ")
                setup.append((shlex.split(cmd), shlex.split(given)[0].replace("\\n", "\n") + "\n" if given else ""))
                continue
            parts = line.split(None, 2)
            if len(parts) < 2:
                sys.exit(f"{path}:{n}: a screen needs a name and a user")
            name, user = parts[0], parts[1]
            if name in seen:
                sys.exit(f"{path}:{n}: screen {name} is listed twice")
            seen.add(name)
            steps, options = [], {}
            if len(parts) == 3 and parts[2].strip() != "-":
                for step in parts[2].split(" ; "):
                    words = shlex.split(step)
                    if not words:
                        continue
                    if words[0] == "with" and len(words) == 3 and words[1] in ("theme", "term"):
                        options[words[1]] = words[2]
                        continue
                    if words[0] == "with" and len(words) == 3 and words[1] == "setup":
                        options.setdefault("setup", []).append(shlex.split(words[2]))
                        continue
                    if words[0] == "with" and len(words) == 4 and words[1] == "sizes":
                        try:
                            options["sizes"] = [tuple(int(n) for n in w.split("x")) for w in words[2:]]
                        except ValueError:
                            sys.exit(f"{path}:{n}: with sizes WxH WxH")
                        continue
                    if words[0] not in STEPS:
                        sys.exit(f"{path}:{n}: unknown step '{words[0]}' (known: {', '.join(sorted(STEPS))})")
                    steps.append(words)
            screens.append(Screen(name, user, steps, n, options))
    return setup, screens


# ---------------------------------------------------------------------------------------------------------------
# tmux and the screen as text plus attributes


class Tmux:
    def __init__(self, workdir):
        self.sock = f"kmscreens{os.getpid()}"
        self.conf = os.path.join(workdir, "tmux.conf")
        with open(self.conf, "w") as f:
            f.write("set -g status off\nset -s escape-time 0\nset -g remain-on-exit on\n"
                    "set -g history-limit 0\nset -s exit-empty off\n")

    def run(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.sock, "-f", self.conf, *args], capture_output=True, text=True)
        if check and r.returncode != 0:
            raise Failure(f"tmux {' '.join(args[:2])}: {r.stderr.strip()}")
        return r.stdout

    def kill_server(self):
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
ESC = re.compile(r"\x1b(\[[0-9;:?]*[A-Za-z]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Za-z0-9]|.)")
ATTR_NAMES = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse", 8: "hidden", 9: "strike"}
ATTR_OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",), 27: ("reverse",),
            28: ("hidden",), 29: ("strike",)}


def cell_width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def apply_sgr(state, params):
    """Updates the (attrs, fg, bg) state with one SGR sequence."""
    attrs, fg, bg = state
    attrs = set(attrs)
    nums = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(nums):
        p = nums[i]
        if p == 0:
            attrs, fg, bg = set(), None, None
        elif p in ATTR_NAMES:
            attrs.add(ATTR_NAMES[p])
        elif p in ATTR_OFF:
            attrs -= set(ATTR_OFF[p])
        elif 30 <= p <= 37 or 90 <= p <= 97:
            fg = str(p - 30 if p < 90 else p - 82)
        elif 40 <= p <= 47 or 100 <= p <= 107:
            bg = str(p - 40 if p < 100 else p - 92)
        elif p in (38, 48) and i + 1 < len(nums):
            if nums[i + 1] == 5 and i + 2 < len(nums):
                val, i = str(nums[i + 2]), i + 2
            elif nums[i + 1] == 2 and i + 4 < len(nums):
                val, i = "#%02x%02x%02x" % tuple(nums[i + 2:i + 5]), i + 4
            else:
                val = None
            if p == 38:
                fg = val
            else:
                bg = val
        elif p == 39:
            fg = None
        elif p == 49:
            bg = None
        i += 1
    return (frozenset(attrs), fg, bg)


def blank_style(state):
    """What of a style shows on a blank cell: reverse, underline and a background. Bold or dim on a space cannot be
    seen, and curses may or may not keep them there after a resize."""
    attrs, _, bg = state
    return (frozenset(attrs & {"reverse", "underline", "strike"}), None, bg)


def style_name(state):
    attrs, fg, bg = state
    words = sorted(attrs)
    if fg is not None:
        words.append("fg=" + fg)
    if bg is not None:
        words.append("bg=" + bg)
    return " ".join(words)


def mask_cells(chars, cells, masks):
    """Replaces what differs from run to run (the program's pid) by a placeholder, in the text and its cells."""
    for word, placeholder in masks:
        text = "".join(chars)
        at = text.find(word)
        while at >= 0:
            col = sum(cell_width(c) for c in text[:at])
            style = cells[col] if col < len(cells) else (frozenset(), None, None)
            # A pid of 4 or 6 digits must give the same screen as one of 5: the placeholder takes its place and
            # as much of the blank padding after it as it needs, so the columns after it do not move.
            pad = 0
            while at + len(word) + pad < len(text) and text[at + len(word) + pad] == " ":
                pad += 1
            width = len(word) + pad
            if width >= len(placeholder):
                tail = cells[col + len(word):col + width]
                shift = len(placeholder) - len(word)
                new_tail = tail[shift:] if shift >= 0 else [style] * -shift + tail
                chars[at:at + width] = list(placeholder) + [" "] * (width - len(placeholder))
                cells[col:col + width] = [style] * len(placeholder) + new_tail
            else:
                chars[at:at + len(word)] = list(placeholder)
                cells[col:col + len(word)] = [style] * len(placeholder)
            text = "".join(chars)
            at = text.find(word, at + len(placeholder))


def parse_capture(raw, width, masks=()):
    """capture-pane -e -N output → (text lines, attribute lines). Attribute lines name each run of cells whose
    style is not the terminal's default: 'ROW:FIRST-LAST STYLE' (1-based columns)."""
    state = (frozenset(), None, None)
    text, attrs = [], []
    for y, line in enumerate(raw.split("\n"), 1):
        cells = []  # style per column
        chars = []
        pos = 0
        while pos < len(line):
            m = SGR.match(line, pos)
            if m:
                state = apply_sgr(state, m.group(1))
                pos = m.end()
                continue
            m = ESC.match(line, pos)
            if m:
                pos = m.end()
                continue
            ch = line[pos]
            pos += 1
            w = cell_width(ch)
            chars.append(ch)
            cells.extend([blank_style(state) if ch == " " else state] * w)
        mask_cells(chars, cells, masks)
        text.append("".join(chars).rstrip())
        cells = cells[:width]
        # The blanks at the end of a row that differ only by background: curses may clear them with one "erase to
        # end of line" or write them, and tmux reports the one with the colour and the other without.
        end = len(cells)
        while end > len(text[-1]) and not cells[end - 1][0]:
            end -= 1
        cells = cells[:end]
        x = 0
        while x < len(cells):
            st = cells[x]
            end = x
            while end + 1 < len(cells) and cells[end + 1] == st:
                end += 1
            name = style_name(st)
            if name:
                attrs.append(f"{y}:{x + 1}-{end + 1} {name}")
            x = end + 1
    return text, attrs


def render(text, attrs, height):
    text = (text + [""] * height)[:height]
    return "\n".join(text) + "\n── attributes ──\n" + "".join(a + "\n" for a in attrs)


class Failure(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------
# One screen, driven


class Run:
    """One program in one tmux session, on its own copy of the school."""

    def __init__(self, tmux, km, workdir, base_db, screen, lang):
        self.tmux, self.screen, self.lang = tmux, screen, lang
        self.session = f"{screen.name}-{lang}"
        self.dir = os.path.join(workdir, "runs", self.session)
        os.makedirs(self.dir, exist_ok=True)
        for suffix in ("", "-wal"):
            if os.path.exists(base_db + suffix):
                shutil.copy(base_db + suffix, os.path.join(self.dir, "school.db" + suffix))
        opts = screen.options
        with open(os.path.join(self.dir, "test.ini"), "w") as f:
            f.write(TEST_INI)
            if "theme" in opts:
                f.write(f"[general]\ntheme = {opts['theme']}\n")
        for args in opts.get("setup", []):  # from the top of the tree, on this screen's copy of the school
            run_km(km, os.path.join(self.dir, "school.db"), args, os.path.join(self.dir, "test.ini"),
                   lambda msg: Failure(f"with setup: {msg}"))
        env = [f"TERM={opts.get('term', 'xterm-256color')}", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
               f"KLASSENMAP_TEST_CLOCK={TEST_CLOCK}", "KLASSENMAP_CONFIG=test.ini", "PATH=/usr/bin:/bin"]
        if "theme" not in opts and "term" not in opts:  # attributes only, unless the screen is about colour
            env.append("NO_COLOR=1")
        if lang != "nl":
            env.append(f"LANGUAGE={lang}")
        cmd = "exec env -i " + " ".join(shlex.quote(e) for e in env) + f" {shlex.quote(km)} --db school.db 2>stderr"
        w, h = SIZES[0]
        tmux.run("new-session", "-d", "-s", self.session, "-x", str(w), "-y", str(h), "-c", self.dir, cmd)
        self.size = (w, h)
        # exec all the way down, so the pane's pid is the program's: WIE IS ER OP? shows it
        pid = tmux.run("list-panes", "-t", self.session, "-F", "#{pane_pid}").strip()
        self.masks = [(pid, "<pid>")] if pid else []

    def capture(self):
        raw = self.tmux.run("capture-pane", "-p", "-e", "-N", "-t", self.session)
        if raw.endswith("\n"):
            raw = raw[:-1]
        return raw

    def dead(self):
        return self.tmux.run("list-panes", "-t", self.session, "-F", "#{pane_dead}", check=False).strip() == "1"

    def settle(self, before, what):
        """Waits until the screen differs from `before` (when given) and then stays the same for STABLE seconds."""
        deadline = time.monotonic() + CHANGE_TIMEOUT
        cur = self.capture()
        while before is not None and cur == before:
            if self.dead():
                raise Failure(f"the program ended after {what}: {self.stderr()}")
            if time.monotonic() > deadline:
                raise Failure(f"the screen did not change after {what}")
            time.sleep(POLL)
            cur = self.capture()
        stable_since = time.monotonic()
        while time.monotonic() - stable_since < STABLE:
            time.sleep(POLL)
            nxt = self.capture()
            if nxt != cur:
                cur, stable_since = nxt, time.monotonic()
            if time.monotonic() > deadline + CHANGE_TIMEOUT:
                raise Failure(f"the screen kept changing after {what}")
        return cur

    def stderr(self):
        try:
            with open(os.path.join(self.dir, "stderr"), encoding="utf-8", errors="replace") as f:
                return f.read().strip()[:400]
        except OSError:
            return ""

    def send(self, what, *args, literal=False):
        before = self.capture()
        self.tmux.run("send-keys", "-t", self.session, *(["-l", "--"] if literal else []), *args)
        return self.settle(before, what)

    def text(self):
        return parse_capture(self.capture(), self.size[0], self.masks)[0]

    def resize(self, w, h):
        before = self.capture()
        self.tmux.run("resize-window", "-t", self.session, "-x", str(w), "-y", str(h))
        self.size = (w, h)
        return self.settle(before, f"resizing to {w}x{h}")

    def close(self):
        self.tmux.run("kill-session", "-t", self.session, check=False)


def step_key(run, args):
    for k in args:
        run.send(f"key {k}", k)


def step_keys(run, args):
    """Several keys at once, then one wait: for moving through a list quickly."""
    run.send("keys " + " ".join(args), *args)


def step_type(run, args):
    run.send(f"type {args[0]}", args[0], literal=True)


def step_down(run, args):
    """down N: N times Down, each waited for."""
    for _ in range(int(args[0])):
        run.send("Down", "Down")


def selected_row(lines):
    for i, l in enumerate(lines):
        if re.match(r"^\s*▶ ", l):
            return i
    return None


def step_menu(run, args):
    """menu LABEL: moves the menu's selection (▶) to the row with LABEL and opens it."""
    label = args[0]
    pat = re.compile(r"^\s*(▶ )?\s*" + re.escape(label) + r"( {2}|$)")
    lines = run.text()
    target = next((i for i, l in enumerate(lines) if pat.match(l)), None)
    cur = selected_row(lines)
    if target is None or cur is None:
        raise Failure(f"menu {label}: no such entry on the screen")
    if cur != target:
        key = "Down" if cur < target else "Up"
        run.send(f"menu {label}", *[key] * abs(target - cur))
        if selected_row(run.text()) != target:
            raise Failure(f"menu {label}: the selection did not reach it")
    run.send(f"menu {label}", "Enter")


def step_find(run, args):
    """find TEXT: Down until the selected row (▶ or the one highlighted) contains TEXT; at most 60 rows."""
    want = args[0]
    for _ in range(60):
        lines = run.text()
        cur = selected_row(lines)
        if cur is not None and want in lines[cur]:
            return
        run.send("Down", "Down")
    raise Failure(f"find {want}: not reached")


def step_login(run, args):
    """USER [PASSWORD]: both fields and Enter, then waits until the login screen has gone."""
    before = run.capture()
    for keys in (["-l", "--", args[0]], ["Enter"], ["-l", "--", args[1] if len(args) > 1 else PASSWORD], ["Enter"]):
        run.tmux.run("send-keys", "-t", run.session, *keys)
    deadline = time.monotonic() + CHANGE_TIMEOUT
    while True:
        cur = run.settle(before, f"logging in as {args[0]}")
        if not any(w in cur for w in ("Gebruikersnaam", "Username")):
            return
        if time.monotonic() > deadline:
            raise Failure(f"logging in as {args[0]}: still on the login screen")
        before = cur


def step_size(run, args):
    w, h = args[0].split("x")
    run.resize(int(w), int(h))


STEPS = {"key": step_key, "keys": step_keys, "type": step_type, "down": step_down, "menu": step_menu,
         "find": step_find, "login": step_login, "size": step_size}


def drive(run):
    deadline = time.monotonic() + CHANGE_TIMEOUT
    while not "".join(run.text()).strip():  # nothing drawn yet
        if run.dead() or time.monotonic() > deadline:
            raise Failure(f"the program drew nothing: {run.stderr()}")
        time.sleep(POLL)
    run.settle(None, "starting")
    if run.screen.user != "-":  # USER or USER:PASSWORD
        step_login(run, run.screen.user.split(":", 1))
    for words in run.screen.steps:
        STEPS[words[0]](run, words[1:])


# ---------------------------------------------------------------------------------------------------------------
# Comparing


def golden_path(size, lang, name):
    return os.path.join(GOLDEN, f"{size[0]}x{size[1]}-{lang}", name + ".txt")


def shoot(run):
    """The screen at each of its sizes, and back at the first size; the renderings by size. A screen with sizes of
    its own is driven at SIZES[0] and resized to them, so the program started at SIZES[0] is brought back there."""
    out = {}
    first = None
    sizes = run.screen.sizes
    for i, (w, h) in enumerate(sizes):
        if i or run.size != (w, h):
            run.resize(w, h)
        t, a = parse_capture(run.capture(), w, run.masks)
        out[(w, h)] = render(t, a, h)
        if i == 0:
            first = out[(w, h)]
    w, h = sizes[0]
    run.resize(w, h)
    t, a = parse_capture(run.capture(), w, run.masks)
    back = render(t, a, h)
    return out, (None if back == first else back)


def snapshot(run):
    w, h = run.size
    t, a = parse_capture(run.capture(), w, run.masks)
    return render(t, a, h)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.passed = self.failed = 0
        self.changed = []

    def ok(self):
        with self.lock:
            self.passed += 1

    def fail(self, what, lines=()):
        with self.lock:
            self.failed += 1
            print(f"FAIL {what}")
            for l in lines:
                print("     " + l)
            sys.stdout.flush()


def compare(results, screen, lang, size, got, update):
    path = golden_path(size, lang, screen.name)
    want = None
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            want = f.read()
    what = f"{screen.name} ({lang}, {size[0]}x{size[1]})"
    if want == got:
        results.ok()
        return
    if update:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(got)
        with results.lock:
            results.changed.append(os.path.relpath(path, ROOT))
        results.ok()
        return
    if want is None:
        results.fail(what, [f"no file {os.path.relpath(path, ROOT)}; 'make screens' writes it. The screen:"] +
                     got.split("\n"))
        return
    diff = difflib.unified_diff(want.split("\n"), got.split("\n"), os.path.relpath(path, ROOT), "this run",
                                lineterm="", n=1)
    results.fail(what, list(diff)[:80])


def one(tmux, km, workdir, base_db, screen, lang, results, update):
    run = None
    try:
        run = Run(tmux, km, workdir, base_db, screen, lang)
        drive(run)
        start = snapshot(run) if screen.sizes != SIZES else None
        shots, back = shoot(run)
        for size, got in shots.items():
            compare(results, screen, lang, size, got, update)
        trip = " → ".join(f"{w}x{h}" for w, h in screen.sizes + [screen.sizes[0]])
        if back is None:
            results.ok()
        else:
            results.fail(f"{screen.name} ({lang}): after {trip} the screen is not what it was",
                         list(difflib.unified_diff(shots[screen.sizes[0]].split("\n"), back.split("\n"), "before",
                                                   "after", lineterm="", n=1))[:40])
        if start is not None:  # and from its sizes back to where it was driven: as it was there
            run.resize(*SIZES[0])
            again = snapshot(run)
            if again == start:
                results.ok()
            else:
                results.fail(f"{screen.name} ({lang}): back at {SIZES[0][0]}x{SIZES[0][1]} after {trip} the screen "
                             "is not what it was", list(difflib.unified_diff(start.split("\n"), again.split("\n"),
                                                                            "before", "after", lineterm="", n=1))[:40])
    except Failure as e:
        lines = [str(e), f"screens.list line {screen.line}; the screen then:"]
        if run:
            lines += run.text() + ([f"stderr: {run.stderr()}"] if run.stderr() else [])
        results.fail(f"{screen.name} ({lang})", lines)
    finally:
        if run:
            run.close()


def run_km(km, db, args, config, error, given=""):
    """klassenmap --db DB ARGS on the test clock, from the top of the tree; error(message) is raised when it fails."""
    env = dict(os.environ, KLASSENMAP_TEST_CLOCK=TEST_CLOCK, TZ="UTC", KLASSENMAP_CONFIG=config)
    env.pop("KLASSENMAP_DB", None)
    r = subprocess.run([km, "--db", db, *args], env=env, capture_output=True, text=True, input=given, cwd=ROOT)
    if r.returncode != 0:
        raise error(f"klassenmap {' '.join(args)}: {r.stderr.strip()}")


def make_school(km, workdir, setup):
    db = os.path.join(workdir, "base.db")
    config = os.path.join(workdir, "test.ini")
    with open(config, "w") as f:
        f.write(TEST_INI)
    for cmd, given in [(["demo"], "")] + setup:
        run_km(km, db, cmd, config, lambda msg: SystemExit(f"setup: {msg}"), given)
    return db


# ---------------------------------------------------------------------------------------------------------------
# Footers: every key a footer offers does something on that screen


TMUX_KEYS = {"↑": "Up", "↓": "Down", "←": "Left", "→": "Right", "Esc": "Escape", "S-Tab": "BTab", "Space": "Space",
             "PgUp": "PPage", "PgDn": "NPage", "Delete": "DC", "Insert": "IC", "Enter": "Enter", "Tab": "Tab",
             "Home": "Home", "End": "End"}
# Moving at the edge of a list may rightly do nothing; help and redrawing work on every screen.
NOT_CHECKED = {"Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "?", "C-l"}


def footer_items(line):
    """' ?/F1 hulp  Enter kies  [/< vorige' → [('?/F1', 'hulp'), ('Enter', 'kies'), ('[/<', 'vorige')]."""
    items = []
    for part in re.split(r"\s{2,}", line.strip()):
        if " " in part:
            keys, label = part.split(" ", 1)
            items.append((keys, label))
    return items


def first_key(keys):
    """The first key of 'a/Insert', '[/<', '/': as (tmux key, literal)."""
    names = [k for k in keys.split("/") if k] if keys != "/" else ["/"]
    k = names[0] if names else "/"
    if k in TMUX_KEYS:
        return TMUX_KEYS[k], False
    if re.fullmatch(r"F\d+|C-[a-z]", k):
        return k, False
    return k, True


def frame(lines):
    """What says which screen this is: the title row, the message row and the footer."""
    return (lines[1], lines[-2], lines[-1]) if len(lines) > 3 else tuple(lines)


class FooterRun:
    """Drives one screen and tries each key of its footer at 132x43 (where the footer holds the most)."""

    def __init__(self, tmux, km, workdir, base_db, screen, results):
        self.args = (tmux, km, workdir, base_db)
        self.screen, self.results, self.run, self.n = screen, results, None, 0

    def fresh(self):
        if self.run:
            self.run.close()
        self.n += 1
        self.run = Run(*self.args, Screen(f"{self.screen.name}-f{self.n}", self.screen.user, self.screen.steps,
                                          self.screen.line, self.screen.options), "nl")
        drive(self.run)
        self.run.resize(*SIZES[1])
        lines = self.run.text()
        if lines[-2].strip():  # a message from the last step goes with the next key: start without it
            before = self.run.capture()
            self.run.tmux.run("send-keys", "-t", self.run.session, "C-l")
            if self.changed(before, 1):  # (an open prompt keeps its text)
                self.run.settle(None, "C-l")
            lines = self.run.text()
        return lines

    def changed(self, before, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run.capture() != before or self.run.dead():
                return True
            time.sleep(POLL)
        return False

    def restore(self, want):
        """Back to the screen whose frame is `want`: C-l clears a message, Esc closes a dialog, a prompt or a screen
        opened by the key. False when that does not get there."""
        for key in ("C-l", "Escape", "Escape", "Escape"):
            if self.run.dead():
                return False
            lines = self.run.text()
            if frame(lines) == want:
                return True
            if key == "C-l" and lines[1] != want[0]:
                continue
            before = self.run.capture()
            self.run.tmux.run("send-keys", "-t", self.run.session, key)
            # (a key that does nothing here costs this wait; one that answers late is seen by the next round)
            if self.changed(before, 1.5):
                self.run.settle(None, key)
        return not self.run.dead() and frame(self.run.text()) == want

    def check(self):
        try:
            lines = self.fresh()
            want = frame(lines)
            items = footer_items(lines[-1])
            if not items:
                self.results.fail(f"footer of {self.screen.name}: no keys in it", [lines[-1]])
                return
            fresh_needed = False
            for keys, label in items:
                key, literal = first_key(keys)
                if key in NOT_CHECKED:
                    continue
                if fresh_needed:
                    lines = self.fresh()
                    if frame(lines) != want:
                        raise Failure("the screen is not the same when reached again")
                before = self.run.capture()
                self.run.tmux.run("send-keys", "-t", self.run.session, *(["-l", "--"] if literal else []), key)
                what = f"footer of {self.screen.name}: '{keys} {label}'"
                if self.changed(before, 4):
                    self.results.ok()
                    if not self.run.dead():
                        self.run.settle(None, key)
                    fresh_needed = not self.restore(want)
                else:
                    self.results.fail(what + " does nothing there", ["the screen:"] + self.run.text())
                    fresh_needed = False
        except Failure as e:
            self.results.fail(f"footer of {self.screen.name}", [str(e), f"screens.list line {self.screen.line}"])
        finally:
            if self.run:
                self.run.close()


def footers(tmux, km, workdir, base_db, screens, jobs):
    results = Results()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        for f in [ex.submit(FooterRun(tmux, km, workdir, base_db, s, results).check) for s in screens]:
            f.result()
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("SCREENS_JOBS", "6")))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--lang", choices=LANGS)
    ap.add_argument("--footers", action="store_true", help="try every key of every footer instead")
    o = ap.parse_args()
    km = os.environ.get("KM") or os.path.join(ROOT, "build", "klassenmap")
    results = Results()
    if not shutil.which("tmux"):
        results.fail("tmux is needed for the screen tests (sh tools/install-deps test)")
        print(f"screens: {results.passed} passed, {results.failed} failed")
        return 1
    setup, screens = parse_list(LIST)
    if o.names:
        screens = [s for s in screens if any(n in s.name for n in o.names)]
    langs = [o.lang] if o.lang else LANGS
    workdir = tempfile.mkdtemp(prefix="km-screens-", dir=os.environ.get("TMPDIR"))
    tmux = Tmux(workdir)
    try:
        base_db = make_school(km, workdir, setup)
        if o.footers:  # (a screen with sizes of its own is smaller than a screen with a footer)
            results = footers(tmux, km, workdir, base_db, [s for s in screens if s.sizes == SIZES], o.jobs)
            print(f"footers: {results.passed} passed, {results.failed} failed")
            return 0 if results.failed == 0 else 1
        jobs = [(s, l) for s in screens for l in langs]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, o.jobs)) as ex:
            for f in [ex.submit(one, tmux, km, workdir, base_db, s, l, results, o.update) for s, l in jobs]:
                f.result()
    finally:
        tmux.kill_server()
        if o.keep:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if o.update:
        for p in sorted(results.changed):
            print(f"written: {p}")
        if not o.names and not o.lang:
            listed = {golden_path(sz, l, s.name) for s in screens for l in langs for sz in s.sizes}
            for d, _, files in os.walk(GOLDEN):
                for fn in files:
                    p = os.path.join(d, fn)
                    if p not in listed:
                        os.remove(p)
                        print(f"removed (no longer listed): {os.path.relpath(p, ROOT)}")
    files = sum(len(fs) for _, _, fs in os.walk(GOLDEN)) if os.path.isdir(GOLDEN) else 0
    print(f"{len(screens)} screens, {files} golden files")
    print(f"screens: {results.passed} passed, {results.failed} failed")
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
