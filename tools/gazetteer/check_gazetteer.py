#!/usr/bin/env python3
"""Sanity checks for graph/knowledge/gazetteer/divisions.tsv (stdlib only).

  check_gazetteer.py [PATH]

Checks the structure (7 columns, unique codes, sorted, parents exist, levels
nest, no 市辖区 names, aliases well-formed) and a handful of known records.
Prints counts per level; exits non-zero on the first failed check.
"""

import os
import re
import sys
from collections import Counter

LEVELS = ("province", "city", "county", "town")
PARENT_LEVELS = {
    "province": (),
    "city": ("province",),
    "county": ("province", "city"),   # municipality districts, 省直辖 cities
    "town": ("city", "county"),       # towns of 东莞/中山/儋州/嘉峪关 hang off the city
}

# code -> (level, parent, name, aliases that must be present, needs coordinates)
SPOT = {
    "500000": ("province", "", "重庆市", {"重庆"}, True),
    "430000": ("province", "", "湖南省", {"湖南"}, True),
    "450000": ("province", "", "广西壮族自治区", {"广西"}, True),
    "430800": ("city", "430000", "张家界市", {"张家界"}, True),
    "500242": ("county", "500000", "酉阳土家族苗族自治县", {"酉阳县", "酉阳"}, True),
    "500109": ("county", "500000", "北碚区", {"北碚"}, True),
    "500231": ("county", "500000", "垫江县", {"垫江"}, True),
    "500102": ("county", "500000", "涪陵区", {"涪陵"}, True),
    "500112": ("county", "500000", "渝北区", {"渝北"}, True),
    "500120": ("county", "500000", "璧山区", {"璧山"}, True),
    "500101": ("county", "500000", "万州区", {"万州"}, True),
    "110112": ("county", "110000", "通州区", {"通州"}, True),
    "350405": ("county", "350400", "沙县区", {"沙县"}, True),
}


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "graph", "knowledge", "gazetteer", "divisions.tsv")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] != "":
        fail("file does not end with a newline")
    lines = lines[:-1]
    if lines[0] != "#code\tlevel\tparent\tname\taliases\tlat\tlon":
        fail("unexpected header %r" % lines[0])
    recs = {}
    order = []
    for n, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if len(cols) != 7:
            fail("line %d: %d columns" % (n, len(cols)))
        code, level, parent, name, aliases, lat, lon = cols
        if level not in LEVELS:
            fail("line %d: level %r" % (n, level))
        if level == "town":
            if not re.fullmatch(r"\d{6}T[0-9a-f]{6}", code) or code[:6] != parent:
                fail("line %d: town code %r / parent %r" % (n, code, parent))
        elif not re.fullmatch(r"\d{6}", code):
            fail("line %d: code %r" % (n, code))
        if code in recs:
            fail("line %d: duplicate code %s" % (n, code))
        if not name or name in ("市辖区", "县", "省直辖县级行政区划") or "直辖行政区划" in name:
            fail("line %d: bad name %r" % (n, name))
        als = aliases.split("|") if aliases else []
        if len(set(als)) != len(als) or name in als or any(len(a) < 2 for a in als):
            fail("line %d: bad aliases %r" % (n, aliases))
        if bool(lat) != bool(lon):
            fail("line %d: half a coordinate" % n)
        if lat:
            la, lo = float(lat), float(lon)
            if not (3 <= la <= 54 and 73 <= lo <= 136):
                fail("line %d: coordinate outside China %s,%s" % (n, lat, lon))
            if any(len(v.partition(".")[2]) > 6 for v in (lat, lon)):
                fail("line %d: more than 6 decimals" % n)
        recs[code] = (level, parent, name, als, lat)
        order.append(code)
    if order != sorted(order):
        fail("records are not sorted by code")
    for code, (level, parent, name, _a, _l) in recs.items():
        if level == "province":
            if parent:
                fail("%s: province with a parent" % code)
            continue
        if parent not in recs:
            fail("%s: parent %s missing" % (code, parent))
        if recs[parent][0] not in PARENT_LEVELS[level]:
            fail("%s (%s): parent %s is a %s" % (code, level, parent, recs[parent][0]))
    for code, (level, parent, name, must, coords) in SPOT.items():
        if code not in recs:
            fail("spot check: %s %s missing" % (code, name))
        r = recs[code]
        if (r[0], r[1], r[2]) != (level, parent, name):
            fail("spot check %s: got %r" % (code, r[:3]))
        if not must <= set(r[3]):
            fail("spot check %s: aliases %r lack %r" % (code, r[3], must - set(r[3])))
        if coords and not r[4]:
            fail("spot check %s: no coordinates" % code)
    if not any(r[0] == "town" and r[1] == "500109" and r[2] == "澄江镇" and "澄江" in r[3]
               for r in recs.values()):
        fail("spot check: 澄江镇 under 北碚区 missing")
    counts = Counter(r[0] for r in recs.values())
    if not (counts["province"] == 34 and 330 <= counts["city"] <= 345
            and 2800 <= counts["county"] <= 3100 and 38000 <= counts["town"] <= 46000):
        fail("unexpected counts %r" % dict(counts))
    print("ok: %s, %d bytes; %s" % (path, len(data),
          ", ".join("%s %d" % (lv, counts[lv]) for lv in LEVELS)))


if __name__ == "__main__":
    main()
