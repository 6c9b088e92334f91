#!/usr/bin/python3
"""Prints the display-width and folding tables of src/core/text.c from the Unicode Character Database that
Debian's python3 carries (unicodedata; Python 3.11 in Debian 12: Unicode 14.0.0, the version glibc 2.36's wcwidth
uses). Usage: python3 tools/gen_text_tables.py > tables.txt, then replace the three tables in src/core/text.c.
`tools/gen_text_tables.py --check` compares them with src/core/text.c and exits 1 on a difference.

The rules, as in text.c's comments:
- zero_width: general category Mn, Me and Cf, without U+00AD (shown as a hyphen) and the prepended concatenation
  marks (visible), plus the conjoining Hangul vowels and finals U+1160-11FF and U+D7B0-D7FF; an unassigned stretch between two
  ranges is merged in (it never occurs in real names and keeps the table small).
- wide: East Asian Width W or F, and, as glibc has them, U+3248-324F and U+4DC0-4DFF; unassigned code points of
  the CJK ideograph blocks (3400-4DBF, 4E00-9FFF, F900-FAFF, planes 2 and 3) and of the emoji blocks 1F300-1F64F,
  1F900-1F9FF and 1FA70-1FAFF count as wide (so emoji newer than the table still take two columns); combining
  marks stay zero-width; an unassigned stretch between two ranges is merged in.
- folds: Latin-1 Supplement, Latin Extended-A and s/t with comma below to their ASCII base letters (the letter of
  the canonical decomposition, lower case), with the letters that have none spelled out as Dutch readers expect.
"""
import re
import sys
import unicodedata as ud

PREPENDED = set(range(0x0600, 0x0606)) | {0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
SPELLED = {0xC6: "ae", 0xE6: "ae", 0xD0: "d", 0xF0: "d", 0xD8: "o", 0xF8: "o", 0xDE: "th", 0xFE: "th",
           0xDF: "ss", 0x110: "d", 0x111: "d", 0x126: "h", 0x127: "h", 0x131: "i", 0x132: "ij", 0x133: "ij",
           0x138: "k", 0x13F: "l", 0x140: "l", 0x141: "l", 0x142: "l", 0x149: "n", 0x14A: "n", 0x14B: "n",
           0x152: "oe", 0x153: "oe", 0x166: "t", 0x167: "t", 0x17F: "s"}


def assigned(cp):
    return ud.category(chr(cp)) != "Cn"


def ranges(pred, extra_unassigned=lambda cp: False):
    """Ranges of code points for which pred holds; unassigned code points between two ranges are merged."""
    out = []
    for cp in range(0x110000):
        if pred(cp) or (not assigned(cp) and extra_unassigned(cp)):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    merged = []
    for lo, hi in out:
        if merged and all(not assigned(c) for c in range(merged[-1][1] + 1, lo)):
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    return merged


def zero_width(cp):
    c = chr(cp)
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return True
    return ud.category(c) in ("Mn", "Me", "Cf") and cp != 0xAD and cp not in PREPENDED


def cjk_or_emoji_block(cp):
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFD
            or 0x1F300 <= cp <= 0x1F64F or 0x1F900 <= cp <= 0x1F9FF or 0x1FA70 <= cp <= 0x1FAFF)


def wide(cp):
    if 0x3248 <= cp <= 0x324F or 0x4DC0 <= cp <= 0x4DFF:
        return True
    # (unassigned code points have no width of their own: Python's table answers "F" for them; combining marks
    # inside wide blocks stay zero-width)
    return assigned(cp) and not zero_width(cp) and ud.east_asian_width(chr(cp)) in ("W", "F")


def fold_of(cp):
    if cp in SPELLED:
        return SPELLED[cp]
    d = ud.decomposition(chr(cp)).split()
    if d and not d[0].startswith("<"):
        base = chr(int(d[0], 16)).lower()
        if "a" <= base <= "z":
            return base
    return None


def folds():
    out = []
    for cp in list(range(0xC0, 0x180)) + [0x218, 0x219, 0x21A, 0x21B]:
        if cp in (0xD7, 0xF7):
            continue
        to = fold_of(cp)
        if to is None:
            continue
        if out and out[-1][1] == cp - 1 and out[-1][2] == to:
            out[-1][1] = cp
        else:
            out.append([cp, cp, to])
    return out


def fmt(items, per_line, cell):
    cells = [cell(i) for i in items]
    lines = []
    for i in range(0, len(cells), per_line):
        lines.append("    " + " ".join(cells[i:i + per_line]))
    return "\n".join(lines)


def tables():
    zw = fmt(ranges(zero_width), 6, lambda r: "{0x%04X, 0x%04X}," % (r[0], r[1]))
    wd = fmt(ranges(wide, cjk_or_emoji_block), 6, lambda r: "{0x%04X, 0x%04X}," % (r[0], r[1]))
    fd = fmt(folds(), 4, lambda r: '{0x%04X, 0x%04X, "%s"},' % (r[0], r[1], r[2]))
    return {"zero_width": zw, "wide": wd, "folds": fd}


def numbers(text):
    return re.findall(r'0x[0-9A-Fa-f]+|"[a-z]+"', text)


def main():
    t = tables()
    if sys.argv[1:] == ["--check"]:
        src = open("src/core/text.c", encoding="utf-8").read()
        bad = 0
        for name, body in t.items():
            m = re.search(r"static const struct \w+ %s\[\] = \{\n(.*?)\n\};" % name, src, re.S)
            if not m or numbers(m.group(1)) != numbers(body):
                print("text.c's %s table differs from Unicode %s" % (name, ud.unidata_version))
                bad = 1
        print("tables: Unicode %s, %s" % (ud.unidata_version, "differ" if bad else "the same as in src/core/text.c"))
        sys.exit(bad)
    print("/* Unicode %s */" % ud.unidata_version)
    for name, body in t.items():
        print("%s:\n%s\n" % (name, body))


main()
