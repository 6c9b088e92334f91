#!/usr/bin/env python3
"""The terminal goes away under the program: start it on a pty, wait until the login screen is drawn, close the
master, and measure how long the program takes to end and how much CPU it used over its whole life.

Usage: pty_drop.py MODE WAIT_TEXT PROGRAM ARGS...
  MODE ctty:   the pty is the program's controlling terminal (pty.fork): closing the master hangs it up (SIGHUP).
  MODE nohup:  the pty is only its stdin/stdout/stderr, in a session of its own without a controlling terminal
               (os.openpty): no SIGHUP comes, the program must notice the dead terminal from poll/read alone.
Prints one line "ended SECONDS cpu SECONDS" or "running cpu SECONDS" (then the program is killed) or
"nostart OUTPUT"; exits 0 only when it ended.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time

LIMIT = 2.0  # seconds to wait for the end before giving up (the test asks for 1)
ROWS, COLS = 24, 80


def set_size(fd):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))


def start(mode, argv):
    if mode == "ctty":
        pid, master = pty.fork()
        if pid == 0:
            try:
                set_size(0)
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        return pid, master
    master, slave = os.openpty()
    set_size(slave)
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True, close_fds=True)
    os.close(slave)
    return proc.pid, master


def wait_text(master, text, seconds):
    seen = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([master], [], [], 0.1)
        if not r:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if text in seen:
            return True, seen
    return False, seen


def main():
    mode, text, argv = sys.argv[1], sys.argv[2].encode(), sys.argv[3:]
    os.environ.setdefault("TERM", "xterm-256color")
    pid, master = start(mode, argv)
    ok, seen = wait_text(master, text, 15)
    if not ok:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print("nostart " + seen[-300:].decode("utf-8", "replace").replace("\n", " | "))
        return 1
    os.close(master)
    closed = time.monotonic()
    while True:
        # wait4 hands back the child's own user + system CPU time as it ends
        wpid, _, ru = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            print("ended %.3f cpu %.3f" % (time.monotonic() - closed, ru.ru_utime + ru.ru_stime))
            return 0
        if time.monotonic() - closed > LIMIT:
            os.kill(pid, signal.SIGKILL)
            _, _, ru = os.wait4(pid, 0)
            print("running cpu %.3f" % (ru.ru_utime + ru.ru_stime))
            return 1
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
