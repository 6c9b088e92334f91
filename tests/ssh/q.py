#!/usr/bin/env python3
"""Reads (and for the setup, prepares) the SSH test's demo school; run as the test account, which owns the
database. The TUI itself has no SQL: these queries say what its screens must have caused.

  plan N         shell variables: N teachers each with a stamgroep of their own (T1_i, G1_i), a duo pair with a
                 student (DUO_A, DUO_B, DUO_G, DUO_S, DUO_SNAME), a teacher for the kill rounds (KT, KG), the last
                 history row (H0); the goal
                 statuses of those groups' students are cleared, so every key sets a status that is new
  (H0 below: the last history row before the test, from plan)
  changes H0 USER GROUP    "N LETTERS": USER's history rows since H0, and the statuses of GROUP's students that
                           USER set last, as letters sorted
  totals H0 USERS          the history rows written by all of USERS together since H0
  status NAME CODE GROUP   the letter of the status of the student named NAME (in GROUP) for goal CODE, or -
  consistent H0 GROUP      "ok" when every cell of GROUP's students with history has the status of its last
                           history row (no half-written change), else the first cell that does not
  since H0 USER  "N M": USER's history rows since H0, and the last history row now
  prefix H0 USER NS        "ok" when USER's changes since H0 are a gap-free start of a column-by-column walk
                           over a board of NS students: each cell once, every column but the last complete,
                           each cell's status that of its history row
  integrity      PRAGMA integrity_check
"""
import shlex
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1], timeout=30)
cmd = sys.argv[2]
args = sys.argv[3:]


def one(sql, *a):
    r = db.execute(sql, a).fetchone()
    return r[0] if r else None


def uid(name):
    return one("SELECT id FROM users WHERE username = ?", name)


NAME = "u.roepnaam || CASE WHEN u.voorvoegsel = '' THEN '' ELSE ' ' || u.voorvoegsel END || ' ' || u.achternaam"

if cmd == "plan":
    n = int(args[0])
    groups = db.execute(
        "SELECT g.id, g.name FROM groups g WHERE g.kind = 'stamgroep' AND g.active = 1 ORDER BY g.id").fetchall()
    teachers = {gid: [r[0] for r in db.execute(
        "SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? AND"
        " m.kind = 'leerkracht' AND u.active = 1 AND u.role = 'leerkracht' ORDER BY u.id", (gid,))]
        for gid, _ in groups}
    used_t, used_g, out = set(), [], {}
    # the duo pair first: a stamgroep with two teachers, taken from the end of the list
    for gid, gname in reversed(groups):
        if len(teachers[gid]) >= 2:
            a, b = teachers[gid][:2]
            out.update(DUO_A=a, DUO_B=b, DUO_G=gname)
            used_t.update((a, b))
            used_g.append(gid)
            # a student whose full name fits the board's name column
            s = db.execute(
                "SELECT u.username, " + NAME + " FROM memberships m JOIN users u ON u.id = m.user_id"
                " WHERE m.group_id = ? AND m.kind = 'leerling' AND u.active = 1 ORDER BY u.id", (gid,)).fetchall()
            s = [r for r in s if len(r[1]) <= 17 and len({x[1] for x in s if x[1] == r[1]}) == 1]
            out.update(DUO_S=s[0][0], DUO_SNAME=s[0][1])
            break
    k = 0
    for gid, gname in groups:
        if gid in used_g:
            continue
        t = next((x for x in teachers[gid] if x not in used_t), None)
        if t is None:
            continue
        if k < n:
            k += 1
            out["T1_%d" % k], out["G1_%d" % k] = t, gname
        elif "KT" not in out:
            out.update(KT=t, KG=gname)
        else:
            break
        used_t.add(t)
        used_g.append(gid)
    out["N1"] = str(k)
    out["H0"] = str(one("SELECT COALESCE(max(id), 0) FROM goal_status_history"))
    q = ",".join("?" * len(used_g))
    db.execute("DELETE FROM goal_status WHERE student_id IN (SELECT user_id FROM memberships WHERE kind = 'leerling'"
               " AND group_id IN (%s))" % q, used_g)
    db.commit()
    for key, v in out.items():
        print("%s=%s" % (key, shlex.quote(str(v))))
elif cmd == "changes":
    h0, u, group = int(args[0]), uid(args[1]), args[2]
    h = one("SELECT count(*) FROM goal_status_history WHERE id > ? AND changed_by = ?", h0, u)
    letters = "".join(sorted(r[0] for r in db.execute(
        "SELECT s.letter FROM goal_status g JOIN status_values s ON s.id = g.status_id WHERE g.updated_by = ?"
        " AND g.student_id IN (SELECT m.user_id FROM memberships m JOIN groups gr ON gr.id = m.group_id"
        "                      WHERE gr.name = ? AND m.kind = 'leerling')", (u, group))))
    print("%d %s" % (h, letters))
elif cmd == "totals":
    h0, ids = int(args[0]), [uid(a) for a in args[1:]]
    print(one("SELECT count(*) FROM goal_status_history WHERE id > ? AND changed_by IN (%s)" % ",".join("?" * len(ids)),
              h0, *ids))
elif cmd == "status":
    name, code, group = args
    r = db.execute(
        "SELECT COALESCE(s.letter, '-') FROM groups g JOIN memberships m ON m.group_id = g.id AND m.kind = 'leerling'"
        " JOIN users u ON u.id = m.user_id JOIN leerdoelen l ON l.code = ?"
        " LEFT JOIN goal_status gs ON gs.student_id = u.id AND gs.goal_id = l.id"
        " LEFT JOIN status_values s ON s.id = gs.status_id WHERE g.name = ? AND " + NAME + " = ?",
        (code, group, name)).fetchall()
    print(" ".join(x[0] for x in r) if r else "?")
elif cmd == "consistent":
    bad = db.execute(
        "SELECT h.student_id, h.goal_id, h.to_status_id, gs.status_id FROM goal_status_history h"
        " LEFT JOIN goal_status gs ON gs.student_id = h.student_id AND gs.goal_id = h.goal_id"
        " WHERE h.student_id IN (SELECT m.user_id FROM memberships m JOIN groups g ON g.id = m.group_id"
        "                        WHERE g.name = ? AND m.kind = 'leerling')"
        "   AND h.id = (SELECT max(id) FROM goal_status_history x WHERE x.student_id = h.student_id"
        "               AND x.goal_id = h.goal_id)"
        "   AND h.id > ? AND gs.status_id IS NOT h.to_status_id", (args[1], int(args[0]))).fetchone()
    print("ok" if bad is None else "student %s goal %s: history says %s, goal_status has %s" % bad)
elif cmd == "since":
    h0, u = int(args[0]), uid(args[1])
    print(one("SELECT count(*) FROM goal_status_history WHERE id > ? AND changed_by = ?", h0, u),
          one("SELECT COALESCE(max(id), 0) FROM goal_status_history"))
elif cmd == "prefix":
    h0, u, ns = int(args[0]), uid(args[1]), int(args[2])
    rows = db.execute(
        "SELECT h.student_id, h.goal_id, h.to_status_id, gs.status_id FROM goal_status_history h"
        " LEFT JOIN goal_status gs ON gs.student_id = h.student_id AND gs.goal_id = h.goal_id"
        " WHERE h.id > ? AND h.changed_by = ? ORDER BY h.id", (h0, u)).fetchall()
    cells, cols, problem = set(), [], None
    for st, goal, to, now in rows:
        if (st, goal) in cells:
            problem = "student %d goal %d changed twice" % (st, goal)
            break
        cells.add((st, goal))
        if to != now:
            problem = "student %d goal %d: history says %s, goal_status has %s" % (st, goal, to, now)
            break
        if not cols or cols[-1][0] != goal:
            if any(c[0] == goal for c in cols):
                problem = "goal %d came back after another column" % goal
                break
            cols.append([goal, 0])
        cols[-1][1] += 1
    if problem is None:
        short = [c for c in cols[:-1] if c[1] != ns]
        if short:
            problem = "a column with a gap: goal %d has %d of %d changes, yet later columns were written" % (
                short[0][0], short[0][1], ns)
    print(problem or "ok")
elif cmd == "integrity":
    print(one("PRAGMA integrity_check"))
