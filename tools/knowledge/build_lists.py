#!/usr/bin/env python3
"""Builds the register-derived knowledge lists from their curated sources (stdlib only).

  build_lists.py [--check]

Curators write places as people read them on a register (`湖南省/张家界市/永定区`,
`重庆市/酉阳县`); this script looks each one up in gazetteer/divisions.tsv and
writes the coded lists Annals loads:

  sites/sources/*.tsv                  -> sites/registered_sites.tsv
  places/sources/historical_places.tsv -> places/historical_places.tsv

A place path is a `/`-separated chain from a province down, each part a
division's official name or one of its aliases, each a descendant of the one
before (levels may be skipped: `湖南省/永定区`). A path that names nothing, or
more than one division, stops the build with the source file and line, so a
typo never becomes a wrong code.

Sites already curated by hand in sites/known_sites.tsv (same name or alias)
are left out of registered_sites.tsv: the hand-curated record wins. A name
listed twice in one county is kept once (the first) with a warning; the same
name in two counties is two sites.

With --check the script builds in memory and fails if a written file differs
(CI runs it that way, so the coded lists never drift from their sources).
The output is deterministic: sorted by id, ids derived from content.
"""

import glob
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWLEDGE = os.path.normpath(os.path.join(HERE, "..", "..", "graph", "knowledge"))

SITE_SOURCE_HEADER = "#name\taliases\tkind\tplace\tregister\tdescription"
SITE_HEADER = "#id\tname\taliases\tkind\tplace\tregister\tdescription"
HISTORICAL_SOURCE_HEADER = "#name\taliases\tlevel\tfrom\tuntil\tsuccessors\tdescription"
HISTORICAL_HEADER = "#id\tname\taliases\tlevel\tfrom\tuntil\tsuccessors\tdescription"


class BuildError(Exception):
    pass


class Gazetteer:
    """Divisions by code, with every name and alias, and their ancestry."""

    def __init__(self, path):
        self.level, self.parent, self.forms = {}, {}, {}
        with open(path, encoding="utf-8") as f:
            next(f)
            for line in f:
                code, level, parent, name, aliases = line.rstrip("\n").split("\t")[:5]
                self.level[code] = level
                self.parent[code] = parent
                for form in [name] + [a for a in aliases.split("|") if a]:
                    self.forms.setdefault(form, []).append(code)

    def ancestors(self, code):
        while code:
            yield code
            code = self.parent.get(code, "")

    def resolve(self, path, where):
        """The one division a `/` path names; raises BuildError otherwise."""
        parts = [p for p in path.split("/") if p]
        if not parts:
            raise BuildError("%s: empty place" % where)
        candidates = None
        for part in parts:
            found = self.forms.get(part, [])
            if candidates is not None:
                found = [c for c in found if any(a in candidates for a in self.ancestors(self.parent.get(c, "")))]
            if not found:
                raise BuildError("%s: %r names no division%s" % (
                    where, part, "" if candidates is None else " under " + "/".join(parts[:parts.index(part)])))
            candidates = set(found)
        # A town and its county can share a name (酉阳县 and its 钟多街道's
        # aliases never do, but 桑植县 and 澧源镇 …): prefer the highest level.
        if len(candidates) > 1:
            order = {"province": 0, "city": 1, "county": 2, "town": 3}
            best = min(order[self.level[c]] for c in candidates)
            candidates = {c for c in candidates if order[self.level[c]] == best}
        if len(candidates) > 1:
            raise BuildError("%s: %r is ambiguous (%s); name its province or city" % (
                where, path, ", ".join(sorted(candidates))))
        return candidates.pop()

    def county(self, code):
        """The county-level division holding a code (itself if county or higher)."""
        while self.level[code] == "town":
            code = self.parent[code]
        return code


def read_tsv(path, header):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.rstrip("\n").split("\n")
    if lines[0] != header:
        raise BuildError("%s: header is %r, expected %r" % (path, lines[0], header))
    ncol = header.count("\t") + 1
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != ncol:
            raise BuildError("%s:%d: %d columns, expected %d" % (path, number, len(cols), ncol))
        rows.append(("%s:%d" % (os.path.relpath(path, KNOWLEDGE), number), cols))
    return rows


def slug(prefix, code, name):
    return "%s-%s-%s" % (prefix, code, hashlib.sha1(name.encode("utf-8")).hexdigest()[:6])


def render(header, records):
    records.sort(key=lambda r: r[0].encode("utf-8"))
    return "\n".join([header] + ["\t".join(r) for r in records]) + "\n"


def curated_site_forms():
    forms = set()
    for _, cols in read_tsv(os.path.join(KNOWLEDGE, "sites", "known_sites.tsv"),
                            "#id\tname\taliases\tkind\tplace\tdescription"):
        forms.add(cols[1])
        forms.update(a for a in cols[2].split("|") if a)
    return forms


def build_sites(gazetteer, warnings):
    curated = curated_site_forms()
    seen, records = {}, []
    for path in sorted(glob.glob(os.path.join(KNOWLEDGE, "sites", "sources", "*.tsv"))):
        for where, (name, aliases, kind, place, register, description) in read_tsv(path, SITE_SOURCE_HEADER):
            alias_list = [a for a in aliases.split("|") if a and a != name]
            if name in curated or any(a in curated for a in alias_list):
                continue
            # One name may be two sites in two counties (新四军军部旧址).
            code = gazetteer.county(gazetteer.resolve(place, where))
            if (name, code) in seen:
                warnings.append("%s: %s is listed already at %s" % (where, name, seen[(name, code)]))
                continue
            seen[(name, code)] = where
            records.append([slug("s", code, name), name, "|".join(alias_list), kind, code, register, description])
    return render(SITE_HEADER, records)


def build_historical(gazetteer, warnings):
    path = os.path.join(KNOWLEDGE, "places", "sources", "historical_places.tsv")
    if not os.path.exists(path):
        return None
    seen, records = {}, []
    for where, (name, aliases, level, start, end, successors, description) in read_tsv(path, HISTORICAL_SOURCE_HEADER):
        key = (name, start)
        if key in seen:
            warnings.append("%s: %s (%s) is listed already at %s" % (where, name, start, seen[key]))
            continue
        seen[key] = where
        codes = [gazetteer.resolve(s, where) for s in successors.split("|") if s]
        if not codes:
            raise BuildError("%s: %s has no successor" % (where, name))
        records.append([slug("h", codes[0], name + start), name, aliases, level, start, end, "|".join(codes), description])
    return render(HISTORICAL_HEADER, records)


def main():
    check = "--check" in sys.argv[1:]
    gazetteer = Gazetteer(os.path.join(KNOWLEDGE, "gazetteer", "divisions.tsv"))
    warnings = []
    try:
        outputs = {
            os.path.join(KNOWLEDGE, "sites", "registered_sites.tsv"): build_sites(gazetteer, warnings),
            os.path.join(KNOWLEDGE, "places", "historical_places.tsv"): build_historical(gazetteer, warnings),
        }
    except BuildError as error:
        print("build_lists: " + str(error), file=sys.stderr)
        return 1
    stale = []
    for path, text in outputs.items():
        if text is None:
            continue
        name = os.path.relpath(path, KNOWLEDGE)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if check:
            if old != text:
                stale.append(name)
        elif old != text:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        print("%-36s %5d records" % (name, text.count("\n") - 1))
    for w in warnings:
        print("warning: " + w)
    if stale:
        print("build_lists: out of date, run tools/knowledge/build_lists.py: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
