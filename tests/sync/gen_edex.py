#!/usr/bin/python3
"""Writes an EDEXML 2.1 export as ParnasSys makes it, for the import tests and the benchmark.

Deterministic for a seed. Every file it writes validates against EDEXML.structuur.xsd in EDEXML_DIR, except
the ones asked to be broken with --break (and those are refused by that schema too). Students also carry the
fields klassenmap must never store (geboortedatum, land, bsn, gewicht, postcode, etniciteit), with values that
are easy to grep for: bsn 7310xxxxx, postcode NNNNQX.

  gen_edex.py --students 1200 --teachers 90 --output school.xml
  gen_edex.py --students 38 --output left.xml            the same school without its last two students
  gen_edex.py --rename 1 --future 1 --output next.xml    a changed roepnaam, one student who starts later
"""
import argparse
import datetime
import random
from xml.sax.saxutils import escape, quoteattr

ROEPNAMEN = ["Daniëlle", "Sem", "Noah", "Emma", "Mila", "Liam", "Fatma", "Youssef", "Zoë", "Bram", "Sanne", "Lotte",
             "Çağla", "Jesse", "Anouk", "Mohammed", "Julia", "Finn", "Noor", "Thijs", "Saar", "Luuk", "Eline", "Ömer"]
ACHTERNAMEN = [("", "Jansen"), ("de", "Vries"), ("van", "Dijk"), ("", "Bakker"), ("van 't", "Hof"), ("", "Çelik"),
               ("de", "Boer"), ("", "Yılmaz"), ("van der", "Meer"), ("", "Smit"), ("ter", "Horst"), ("", "El Amrani"),
               ("", "Mulder"), ("van den", "Berg"), ("", "Visser"), ("", "Nguyen"), ("in 't", "Veld"), ("", "Peters")]
JAARGROEPEN = ["1", "2", "3", "4", "5", "6", "7", "8"]
PER_GROUP = 26


def school_year(today):
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def options():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--students", type=int, default=40)
    p.add_argument("--teachers", type=int, default=6)
    p.add_argument("--schooljaar", default=school_year(datetime.date.today()))
    p.add_argument("--brin", default="99ZZ")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rename", type=int, default=0, help="give the first N students another roepnaam")
    p.add_argument("--future", type=int, default=0, help="N more students with an instroomdatum in two weeks")
    p.add_argument("--break", dest="broken", choices=["dup-key", "no-name", "bad-group"],
                   help="a structural error, which the schema refuses too")
    p.add_argument("--output", required=True)
    return p.parse_args()


def group_plan(students):
    """Stamgroepen per jaargroep, enough for PER_GROUP children each: 1a, 1b, ... 8c."""
    per_year = max(1, -(-students // (len(JAARGROEPEN) * PER_GROUP)))
    return [(f"G{j}{chr(97 + k)}", f"{j}{chr(97 + k)}", j) for j in JAARGROEPEN for k in range(per_year)]


SAMENGESTELD = [("SG-LEZEN-A", "lezen niveau A"), ("SG-LEZEN-B", "lezen niveau B"), ("SG-PLUS", "plusklas")]


def person_names(rng):
    voorvoegsel, achternaam = rng.choice(ACHTERNAMEN)
    return rng.choice(ROEPNAMEN), voorvoegsel, achternaam


def name_xml(roepnaam, voorvoegsel, achternaam, indent):
    out = [f"{indent}<achternaam>{escape(achternaam)}</achternaam>"]
    if voorvoegsel:
        out.append(f"{indent}<voorvoegsel>{escape(voorvoegsel)}</voorvoegsel>")
    out.append(f"{indent}<roepnaam>{escape(roepnaam)}</roepnaam>")
    return out


def student_xml(i, s, args, groups, today):
    """One leerling, its elements in the order of LeerlingType."""
    ind = "\t\t\t"
    key = "LL%05d" % (i + 1)
    if args.broken == "dup-key" and i == 1:
        key = "LL00001"
    lines = [f"\t\t<leerling key={quoteattr(key)}>"]
    if not (args.broken == "no-name" and i == 2):
        lines += name_xml(*s["name"], ind)
    lines.append(f"{ind}<geboortedatum>{s['born']}</geboortedatum>")
    lines.append(f"{ind}<geslacht>{i % 2}</geslacht>")
    gkey, _, jaargroep = groups[s["group"]]
    if args.broken == "bad-group" and i == 3:
        gkey = "G-BESTAAT-NIET"
    lines.append(f"{ind}<jaargroep>{jaargroep}</jaargroep>")
    lines.append(f"{ind}<groep key={quoteattr(gkey)}/>")
    if s["samengesteld"]:
        lines.append(f"{ind}<samengestelde_groepen>")
        lines += [f"{ind}\t<samengestelde_groep key={quoteattr(k)}/>" for k in s["samengesteld"]]
        lines.append(f"{ind}</samengestelde_groepen>")
    if i % 5 == 0:
        lines.append(f"{ind}<emailadres>leerling{i + 1}@leerling.example.nl</emailadres>")
    lines.append(f"{ind}<etniciteit>{'9' if i % 3 else '0'}</etniciteit>")
    lines.append(f"{ind}<land>{'MA' if i % 4 == 0 else 'NL'}</land>")
    lines.append(f"{ind}<bsn>{731000000 + i:09d}</bsn>")
    lines.append(f"{ind}<gewicht_nieuw>{'0,3' if i % 7 == 0 else '0'}</gewicht_nieuw>")
    lines.append(f"{ind}<postcodenl>{1000 + i % 9000:04d}QX</postcodenl>")
    lines.append(f"{ind}<instroomdatum>{s['instroom']}</instroomdatum>")
    lines.append("\t\t</leerling>")
    return lines


def teacher_xml(i, t, groups):
    ind = "\t\t\t"
    lines = [f"\t\t<leerkracht key={quoteattr('LK%03d' % (i + 1))}>"]
    lines += name_xml(*t["name"], ind)
    lines.append(f"{ind}<emailadres>lk{i + 1}@school.example.nl</emailadres>")
    if t["links"]:
        lines.append(f"{ind}<groepen>")
        for element, key, roles in t["links"]:
            if roles:
                lines.append(f"{ind}\t<{element} key={quoteattr(key)}>")
                lines += [f"{ind}\t\t<rol>{r}</rol>" for r in roles]
                lines.append(f"{ind}\t</{element}>")
            else:
                lines.append(f"{ind}\t<{element} key={quoteattr(key)}/>")
        lines.append(f"{ind}</groepen>")
    lines.append("\t\t</leerkracht>")
    return lines


def make_students(args, rng, groups, today):
    start = int(args.schooljaar[:4])
    students = []
    for i in range(args.students + args.future):
        future = i >= args.students
        name = person_names(rng)
        if i < args.rename:
            name = ("Hernoemd",) + name[1:]
        group = i % len(groups)  # not by the count: a school with two students less keeps everyone's group
        years_in = int(groups[group][2])
        instroom = (today + datetime.timedelta(days=14)) if future else datetime.date(start - years_in + 1, 8, 1)
        born = datetime.date(start - years_in - 3, 1 + i % 12, 1 + i % 28)
        sg = [SAMENGESTELD[i % 2][0]] if i % 3 == 0 else []
        if i % 11 == 0:
            sg.append(SAMENGESTELD[2][0])
        students.append({"name": name, "group": group, "instroom": instroom.isoformat(), "born": born.isoformat(),
                         "samengesteld": sg})
    return students


def make_teachers(args, rng, groups):
    """One groepsleerkracht per stamgroep, then duo-collega's (also LRK), then vakleerkrachten with several
    groups, and an intern begeleider without groups."""
    teachers = []
    for i in range(args.teachers):
        if i < len(groups):
            links = [("groep", groups[i][0], ["LRK"])]
            if i < len(SAMENGESTELD):
                links.append(("samengestelde_groep", SAMENGESTELD[i][0], []))
        elif i < 2 * len(groups) and i % 3 != 2:
            links = [("groep", groups[i - len(groups)][0], ["LRK"])]
        elif i % 3 == 2:
            links = [("groep", g[0], ["VAK"]) for g in groups[i % 4::4]]
        else:
            links = []
        teachers.append({"name": person_names(rng), "links": links})
    return teachers


def document(args):
    today = datetime.date.today()
    groups = group_plan(args.students + args.future)
    # Separate generators: the teachers keep their names when the number of students changes.
    students = make_students(args, random.Random(args.seed), groups, today)
    teachers = make_teachers(args, random.Random(args.seed + 7919), groups)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<EDEX xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="EDEXML.structuur.xsd">',
           "\t<school>", f"\t\t<schooljaar>{args.schooljaar}</schooljaar>", f"\t\t<brincode>{args.brin}</brincode>",
           "\t\t<dependancecode>00</dependancecode>", "\t\t<schoolkey>4242</schoolkey>",
           f"\t\t<aanmaakdatum>{today.isoformat()}T06:00:00</aanmaakdatum>", "\t\t<xsdversie>2.1</xsdversie>",
           "\t</school>", "\t<groepen>"]
    for key, name, jaargroep in groups:
        out += [f"\t\t<groep key={quoteattr(key)}>", f"\t\t\t<naam>{name}</naam>",
                f"\t\t\t<jaargroep>{jaargroep}</jaargroep>", "\t\t</groep>"]
    for key, name in SAMENGESTELD:
        out += [f"\t\t<samengestelde_groep key={quoteattr(key)}>", f"\t\t\t<naam>{name}</naam>",
                "\t\t</samengestelde_groep>"]
    out.append("\t</groepen>")
    out.append("\t<leerlingen>")
    for i, s in enumerate(students):
        out += student_xml(i, s, args, groups, today)
    out.append("\t</leerlingen>")
    if teachers:
        out.append("\t<leerkrachten>")
        for i, t in enumerate(teachers):
            out += teacher_xml(i, t, groups)
        out.append("\t</leerkrachten>")
    out.append("</EDEX>")
    return "\n".join(out) + "\n"


def main():
    args = options()
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(document(args))


if __name__ == "__main__":
    main()
