#!/usr/bin/env python3
"""Sanity checks for the hand-curated lists under graph/knowledge/ (stdlib only).

  check_knowledge.py [KNOWLEDGE_DIR]

KNOWLEDGE_DIR defaults to graph/knowledge next to this repository's tools/.
For every file: UTF-8, LF line endings, final newline, the expected header,
the right number of tab-separated columns, no stray whitespace, records sorted
by the first column in byte order (what `LC_ALL=C sort` gives), no duplicate
first column, well-formed `|` lists, values from the allowed sets, and every
administrative code present in gazetteer/divisions.tsv; for events/known_events.tsv
also valid dates (YYYY, YYYY-MM, YYYY-MM-DD or START/END) and well-formed cues
(`;` groups of `|` alternatives); for organisations/known_organisations.tsv valid
`founded` and `dissolved` dates (YYYY, YYYY-MM or YYYY-MM-DD), dissolved not
before founded. Each folder must have a README.md.

Prints one line per file with its record count, then warnings (aliases shared
by two records, person names whose surname is not in surnames.tsv), and exits
non-zero on the first failed check.
"""

import os
import re
import sys

PEOPLE_KINDS = None
TITLE_KINDS = {"office", "deputy_office", "rank", "academic", "honorific", "military", "membership", "occupation"}
TITLE_POSITIONS = {"before", "after", "both"}
REGION_KINDS = {"revolutionary_base", "informal_region", "historical_region", "nickname"}
ORG_KINDS = {"party", "state", "military", "media", "university", "archive", "museum",
             "mass_organisation", "enterprise", "historical"}
SITE_KINDS = {"former_site", "former_residence", "memorial_hall", "museum", "cemetery",
              "monument", "prison", "meeting_site", "battle_site"}
HISTORICAL_LEVELS = {"province", "city", "county", "town", "region"}
EVENT_TYPES = {"military", "founding", "meeting", "designation", "other"}

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR = re.compile(r"^[0-9]{3,4}$")
DIV_CODE = re.compile(r"^[0-9]{6}$")
EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
ORG_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# file -> (header, per-record checker name)
FILES = {
    "people/known_people.tsv": "#id\tname\taliases\tborn\tdied\tdescription",
    "people/surnames.tsv": "#surname\tcompound\trank",
    "people/titles.tsv": "#title\tkind\tposition\tdescription",
    "regions/regions.tsv": "#id\tname\taliases\tkind\tmembers\tdescription",
    "organisations/known_organisations.tsv": "#id\tname\taliases\tkind\tplace\tfounded\tdissolved\tdescription",
    "sites/known_sites.tsv": "#id\tname\taliases\tkind\tplace\tdescription",
    "sites/registered_sites.tsv": "#id\tname\taliases\tkind\tplace\tregister\tdescription",
    "places/historical_places.tsv": "#id\tname\taliases\tlevel\tfrom\tuntil\tsuccessors\tdescription",
    "sites/site_suffixes.tsv": "#suffix\tkind\tdescription",
    "events/known_events.tsv": "#id\tdate\ttype\tcues\tname\tdescription",
}

warnings = []


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def warn(msg):
    warnings.append(msg)


def read_records(path, header):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: not UTF-8 (%s)" % (path, e))
    if text.startswith("\ufeff"):
        fail("%s: starts with a byte-order mark" % path)
    if "\r" in text:
        fail("%s: contains CR characters (use LF line endings)" % path)
    if not text.endswith("\n"):
        fail("%s: does not end with a newline" % path)
    lines = text[:-1].split("\n")
    if lines[0] != header:
        fail("%s: header is %r, expected %r" % (path, lines[0], header))
    ncol = header.count("\t") + 1
    recs = []
    for i, line in enumerate(lines[1:], start=2):
        where = "%s:%d" % (path, i)
        if line == "":
            fail(where + ": empty line")
        if line.startswith("#"):
            fail(where + ": comment lines are only allowed as the header")
        cols = line.split("\t")
        if len(cols) != ncol:
            fail("%s: %d columns, expected %d" % (where, len(cols), ncol))
        for c in cols:
            if c != c.strip():
                fail("%s: field %r has leading or trailing whitespace" % (where, c))
        if cols[0] == "":
            fail(where + ": empty first column")
        recs.append((where, cols))
    keys = [c[0].encode("utf-8") for _, c in recs]
    for (where, cols), prev, cur in zip(recs[1:], keys, keys[1:]):
        if cur == prev:
            fail("%s: duplicate key %r" % (where, cols[0]))
        if cur < prev:
            fail("%s: not sorted by first column (byte order): %r after %r"
                 % (where, cols[0], prev.decode("utf-8")))
    return recs


def split_list(where, value, field):
    if value == "":
        return []
    items = value.split("|")
    for it in items:
        if it == "" or it != it.strip():
            fail("%s: malformed %s list %r" % (where, field, value))
    if len(set(items)) != len(items):
        fail("%s: repeated item in %s list %r" % (where, field, value))
    return items


def load_divisions(path):
    codes = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            codes[c[0]] = (c[1], c[3])
    return codes


def check_code(where, code, divisions, field):
    if not DIV_CODE.match(code):
        fail("%s: %s %r is not a 6-digit division code" % (where, field, code))
    if code not in divisions:
        fail("%s: %s %r is not in gazetteer/divisions.tsv" % (where, field, code))
    if divisions[code][0] == "town":
        fail("%s: %s %r is a town; use county or higher" % (where, field, code))


def check_aliases(where, name, aliases):
    for a in aliases:
        if a == name:
            fail("%s: alias %r repeats the name" % (where, a))


def check_years(where, first, last):
    """Two (label, year) fields: each empty or a year, the last not before
    the first (born/died, from/until)."""
    for label, y in (first, last):
        if y and not YEAR.match(y):
            fail("%s: %s %r is not a year" % (where, label, y))
    if first[1] and last[1] and int(last[1]) < int(first[1]):
        fail("%s: %s %s before %s %s" % (where, last[0], last[1], first[0], first[1]))


def check_named(where, rid, name, aliases, kind, kinds):
    """The fields every named record shares: a slug id (when it has one),
    a kind from the allowed set, and aliases that do not repeat the name."""
    if rid is not None and not SLUG.match(rid):
        fail("%s: id %r is not a slug" % (where, rid))
    if kind not in kinds:
        fail("%s: kind %r not in %s" % (where, kind, sorted(kinds)))
    check_aliases(where, name, split_list(where, aliases, "aliases"))


def shared_aliases(path, recs, name_col, alias_col):
    owner = {}
    for where, c in recs:
        forms = [c[name_col]] + split_list(where, c[alias_col], "aliases")
        for form in forms:
            if form in owner and owner[form] != c[0]:
                warn("%s: %r is used by both %s and %s" % (path, form, owner[form], c[0]))
            owner.setdefault(form, c[0])


def check_event_date(where, value):
    """Checks an ISO date, month or year, or a START/END range of them; returns
    the start and end as comparable (year, month, day) tuples."""
    if not EVENT_DATE.match(value):
        fail("%s: date %r is not YYYY, YYYY-MM, YYYY-MM-DD or START/END" % (where, value))
    bounds = []
    for part in value.split("/"):
        nums = [int(n) for n in part.split("-")]
        if len(nums) > 1 and not 1 <= nums[1] <= 12:
            fail("%s: date %r has month %02d" % (where, value, nums[1]))
        if len(nums) > 2:
            y, m, d = nums
            leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
            mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            if not 1 <= d <= mdays:
                fail("%s: date %r has day %02d" % (where, value, d))
        bounds.append(tuple(nums + [0] * (3 - len(nums))))
    if len(bounds) == 2:
        start, end = value.split("/")
        if start == end:
            fail("%s: date range %r has equal start and end" % (where, value))
        if bounds[0] > bounds[1]:
            fail("%s: date range %r ends before it starts" % (where, value))
    return bounds[0], bounds[-1]


def check_org_date(where, label, value):
    """Checks a founded/dissolved value (YYYY, YYYY-MM or YYYY-MM-DD) and
    returns its parts as a list of ints."""
    if not ORG_DATE.match(value):
        fail("%s: %s %r is not YYYY, YYYY-MM or YYYY-MM-DD" % (where, label, value))
    return check_event_date(where, value)[0][:value.count("-") + 1]


def check_cues(where, value):
    """Cues are groups separated by `;`, each a `|` list of alternatives."""
    if value == "":
        fail(where + ": cues are required")
    groups = value.split(";")
    for g in groups:
        if g == "":
            fail("%s: empty cue group in %r" % (where, value))
        for alt in split_list(where, g, "cue"):
            if any(ch.isspace() for ch in alt):
                fail("%s: cue %r contains whitespace" % (where, alt))
    return tuple(sorted(groups))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "graph", "knowledge")
    root = os.path.normpath(root)
    divisions = load_divisions(os.path.join(root, "gazetteer", "divisions.tsv"))

    for folder in sorted({f.split("/")[0] for f in FILES}):
        if not os.path.isfile(os.path.join(root, folder, "README.md")):
            fail("%s/%s: README.md is missing" % (root, folder))

    data = {}
    for rel, header in FILES.items():
        path = os.path.join(root, rel)
        if not os.path.isfile(path):
            fail("%s: missing" % path)
        data[rel] = read_records(path, header)

    # people/surnames.tsv
    surnames = set()
    for where, (s, compound, rank) in data["people/surnames.tsv"]:
        if compound not in ("0", "1"):
            fail("%s: compound must be 0 or 1, not %r" % (where, compound))
        if compound == "0" and len(s) != 1:
            fail("%s: single surname %r must be one character" % (where, s))
        if compound == "1" and len(s) < 2:
            fail("%s: compound surname %r must have two or more characters" % (where, s))
        if not rank.isdigit() or int(rank) < 1:
            fail("%s: rank %r is not a positive integer" % (where, rank))
        surnames.add(s)

    # people/known_people.tsv
    recs = data["people/known_people.tsv"]
    no_surname = []
    for where, (pid, name, aliases, born, died, desc) in recs:
        if not SLUG.match(pid):
            fail("%s: id %r is not a lowercase pinyin slug" % (where, pid))
        if name == "" or desc == "":
            fail(where + ": name and description are required")
        check_aliases(where, name, split_list(where, aliases, "aliases"))
        check_years(where, ("born", born), ("died", died))
        if not any(name.startswith(s) for s in surnames if len(s) > 1) and name[0] not in surnames:
            no_surname.append(name)
    shared_aliases("people/known_people.tsv", recs, 1, 2)
    if no_surname:
        warn("people/known_people.tsv: %d names without a listed surname (foreign names, "
             "pen names): %s" % (len(no_surname), " ".join(no_surname)))

    # people/titles.tsv
    for where, (title, kind, position, desc) in data["people/titles.tsv"]:
        if kind not in TITLE_KINDS:
            fail("%s: kind %r not in %s" % (where, kind, sorted(TITLE_KINDS)))
        if position not in TITLE_POSITIONS:
            fail("%s: position %r not in %s" % (where, position, sorted(TITLE_POSITIONS)))
        if desc == "":
            fail(where + ": description is required")

    # regions/regions.tsv
    recs = data["regions/regions.tsv"]
    for where, (rid, name, aliases, kind, members, desc) in recs:
        check_named(where, rid, name, aliases, kind, REGION_KINDS)
        ms = split_list(where, members, "members")
        if not ms:
            fail(where + ": a region needs members")
        for m in ms:
            check_code(where, m, divisions, "member")
        if desc == "":
            fail(where + ": description is required")
    shared_aliases("regions/regions.tsv", recs, 1, 2)

    # organisations/known_organisations.tsv
    rel = "organisations/known_organisations.tsv"
    recs = data[rel]
    for where, (oid, name, aliases, kind, place, founded, dissolved, desc) in recs:
        check_named(where, oid, name, aliases, kind, ORG_KINDS)
        if place:
            check_code(where, place, divisions, "place")
        start = check_org_date(where, "founded", founded) if founded else None
        end = check_org_date(where, "dissolved", dissolved) if dissolved else None
        # Compare at the precision both dates share: 1934 is not before 1934-09.
        if start and end:
            n = min(len(start), len(end))
            if end[:n] < start[:n]:
                fail("%s: dissolved %s before founded %s" % (where, dissolved, founded))
        if desc == "":
            fail(where + ": description is required")
    shared_aliases(rel, recs, 1, 2)

    # sites/known_sites.tsv
    rel = "sites/known_sites.tsv"
    recs = data[rel]
    for where, (oid, name, aliases, kind, place, desc) in recs:
        check_named(where, oid, name, aliases, kind, SITE_KINDS)
        if not place:
            fail(where + ": a site needs a place")
        check_code(where, place, divisions, "place")
        if desc == "":
            fail(where + ": description is required")
    shared_aliases(rel, recs, 1, 2)

    # sites/registered_sites.tsv (built by build_lists.py from sites/sources/)
    rel = "sites/registered_sites.tsv"
    recs = data[rel]
    for where, (sid, name, aliases, kind, place, register, desc) in recs:
        check_named(where, None, name, aliases, kind, SITE_KINDS)
        check_code(where, place, divisions, "place")
        if desc == "":
            fail(where + ": description is required")
    shared_aliases(rel, recs, 1, 2)

    # places/historical_places.tsv (built by build_lists.py from places/sources/)
    rel = "places/historical_places.tsv"
    for where, (hid, name, aliases, level, start, end, successors, desc) in data[rel]:
        if level not in HISTORICAL_LEVELS:
            fail("%s: level %r not in %s" % (where, level, sorted(HISTORICAL_LEVELS)))
        check_aliases(where, name, split_list(where, aliases, "aliases"))
        check_years(where, ("from", start), ("until", end))
        codes = split_list(where, successors, "successors")
        if not codes:
            fail(where + ": a historical place needs a successor")
        for code in codes:
            if code not in divisions:
                fail("%s: successor %r is not in gazetteer/divisions.tsv" % (where, code))

    # sites/site_suffixes.tsv
    for where, (suffix, kind, desc) in data["sites/site_suffixes.tsv"]:
        if kind not in SITE_KINDS:
            fail("%s: kind %r not in %s" % (where, kind, sorted(SITE_KINDS)))

    # events/known_events.tsv
    seen_cues = {}
    for where, (eid, date, etype, cues, name, desc) in data["events/known_events.tsv"]:
        if not SLUG.match(eid):
            fail("%s: id %r is not a slug" % (where, eid))
        check_event_date(where, date)
        if etype not in EVENT_TYPES:
            fail("%s: type %r not in %s" % (where, etype, sorted(EVENT_TYPES)))
        key = check_cues(where, cues)
        if key in seen_cues:
            warn("events/known_events.tsv: %s and %s have the same cues" % (seen_cues[key], eid))
        seen_cues.setdefault(key, eid)
        if name == "" or desc == "":
            fail(where + ": name and description are required")

    for rel in FILES:
        print("%-42s %5d records" % (rel, len(data[rel])))
    for w in warnings:
        print("warning: " + w)
    print("OK")


if __name__ == "__main__":
    main()
