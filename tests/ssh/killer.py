#!/usr/bin/env python3
"""Interrupts a session in the middle of a stream of writes: watches the database (read-only, as a second
connection) until USER has written TARGET status changes since history row H0, then at once kills the server-side
program (kill -9), kills the ssh client (kill -9), or closes its tmux pane (the client gets SIGHUP).

Usage: killer.py DB USER H0 TARGET MODE ARG
  MODE server / client: ARG is the pid to send SIGKILL
  MODE pane:            ARG is "SOCKET:SESSION" of the tmux pane to kill
Prints "ready" once it watches, then the number of changes it had seen committed when it struck (or "timeout").
"""
import os
import signal
import sqlite3
import subprocess
import sys
import time

db, user, h0, target, mode, arg = sys.argv[1:7]
h0, target = int(h0), int(target)
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
uid = con.execute("SELECT id FROM users WHERE username = ?", (user,)).fetchone()[0]
QUERY = "SELECT count(*) FROM goal_status_history WHERE id > ? AND changed_by = ?"
print("ready", flush=True)
end = time.monotonic() + 20
n = 0
while time.monotonic() < end:
    n = con.execute(QUERY, (h0, uid)).fetchone()[0]
    if n >= target:
        break
else:
    print("timeout", flush=True)
    sys.exit(1)
if mode == "pane":
    sock, name = arg.split(":", 1)
    subprocess.run(["tmux", "-L", sock, "kill-session", "-t", name], check=False)
else:
    os.kill(int(arg), signal.SIGKILL)
print(n, flush=True)
