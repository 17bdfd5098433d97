#!/usr/bin/env python3
"""Build graph/knowledge/gazetteer/divisions.tsv.

Reads the data files straight out of two PyPI wheels (no import of either
package is needed):

  jionlp  (Apache-2.0)  jionlp/dictionary/china_location.zip -> china_location.txt
                        province -> city -> county (with codes) -> town (names only)
                        jionlp/gadget/china_location_alias.py (banner-name abbreviations)
  cpca    (MIT)         cpca/resources/adcodes.csv    (12-digit adcode, name, lon, lat)
                        cpca/resources/56_nations.csv (names of the 56 ethnic groups)

plus the curated stoplist graph/knowledge/gazetteer/shortform_stoplist.txt.

Usage (normally via tools/gazetteer/build.sh):
  build_gazetteer.py --jionlp-wheel W1 --cpca-wheel W2 --out-dir DIR [--stoplist F]

Output is deterministic: the same wheels and stoplist give a byte-identical file.
Only the Python standard library is used.
"""

import argparse
import ast
import csv
import hashlib
import io
import os
import re
import sys
import zipfile
from collections import Counter, defaultdict

JIONLP_LOCATION_ZIP = "jionlp/dictionary/china_location.zip"
JIONLP_LOCATION_TXT = "china_location.txt"
JIONLP_ALIAS_PY = "jionlp/gadget/china_location_alias.py"
JIONLP_CHANGE_TXT = "jionlp/dictionary/china_location_change.txt"
CPCA_ADCODES = "cpca/resources/adcodes.csv"
CPCA_NATIONS = "cpca/resources/56_nations.csv"

HEADER = ["code", "level", "parent", "name", "aliases", "lat", "lon"]

# --- corrections to the source data (keep this list short and documented) ---
# (name, jionlp code) -> code.  Each one is a unit whose jionlp 1.5.31 code is
# demonstrably wrong; the replacement is the current GB/T 2260 / NBS code.
CODE_CORRECTIONS = {
    # jionlp gives 410471 to two units; 410471 is 平顶山高新技术产业开发区
    ("平顶山市城乡一体化示范区", "410471"): "410472",
    # 6509xx does not exist; 新星市 (2021) is 659011 among the 6590xx cities
    ("新星市", "650929"): "659011",
    # 2021: 梅列区 merged into 三元区 (new code 350404); 沙县 -> 沙县区 (350405)
    ("三元区", "350403"): "350404",
    ("沙县区", "350427"): "350405",
}
# (name, code) -> name: misspellings in jionlp 1.5.31
NAME_CORRECTIONS = {("苗粟县", "710705"): "苗栗县"}

# County names whose short form cannot be derived by the generic rules.
COUNTY_SHORT_OVERRIDES = {
    "神农架林区": ["神农架"],  # the only 林区 unit; 碑林区/树林区 etc. are X区
}

# Districts called X新区 that are ordinary county-level districts; other X新区
# rows (天府新区, 兰州新区 ...) are development areas and get no short form.
NEW_AREA_DISTRICTS = {"浦东新区", "滨海新区"}

# Corrections to jionlp's banner abbreviations (china_county_qi): it gives 达旗
# to both 达拉特旗 and 达尔罕茂明安联合旗 (the latter is usually 达茂旗), and
# has none for 乌拉特前旗.
QI_ALIAS_CORRECTIONS = {"达尔罕茂明安联合旗": "达茂旗", "乌拉特前旗": "乌前旗"}

# Words that mark a county-level or town-level *functional zone* (开发区, 园区 ...);
# such units keep their full name only, never a short form.
ZONE_MARKERS = (
    "开发区", "园区", "产业园", "示范区", "管理区", "试验区", "实验区", "合作区",
    "度假区", "风景区", "名胜区", "旅游区", "保税区", "工业区", "新城", "管委会",
    "食品区", "高新", "经济", "工作部", "林业局", "管理局", "农场", "林场",
    "牧场", "渔场", "监狱", "戒毒所", "基地", "群岛", "委员会", "生态", "公司",
)

# Characters that make up generic topographic words (城关, 城东, 新城, 南关 ...).
# A *town* short form made only of these characters is not emitted.
GENERIC_CHARS = set("东西南北中上下前后左右内外新老旧大小城关镇乡街区郊市场站口路门")

TOWN_SUFFIXES = ("街道办事处", "街道", "民族苏木", "苏木", "民族乡", "地区", "镇", "乡")


VERBOSE = False


def log(msg):
    print(msg, file=sys.stderr)


def vlog(msg):
    if VERBOSE:
        log(msg)


# ---------------------------------------------------------------- reading

def wheel_member(wheel_path, member):
    with zipfile.ZipFile(wheel_path) as zf:
        return zf.read(member)


def read_jionlp_location(wheel_path):
    inner = wheel_member(wheel_path, JIONLP_LOCATION_ZIP)
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        return zf.read(JIONLP_LOCATION_TXT).decode("utf-8")


def read_jionlp_qi_aliases(wheel_path):
    """The literal dict assigned to self.china_county_qi in china_location_alias.py."""
    src = wheel_member(wheel_path, JIONLP_ALIAS_PY).decode("utf-8")
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for t in node.targets:
                if isinstance(t, ast.Attribute) and t.attr == "china_county_qi":
                    return ast.literal_eval(node.value)
    raise SystemExit("china_county_qi not found in " + JIONLP_ALIAS_PY)


def read_jionlp_changes(wheel_path):
    """china_location_change.txt -> {(new_prov, new_city, new_county): {(old_prov, old_city, old_county)}}.

    Line format: date TAB authority TAB old-prov TAB alias TAB old-city TAB alias
    [TAB old-county TAB alias] => new-prov TAB new-city [TAB new-county].
    Used only to find cpca coordinates of units renamed after cpca's vintage.
    """
    text = wheel_member(wheel_path, JIONLP_CHANGE_TXT).decode("utf-8")
    preds = defaultdict(set)
    for line in text.splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        lf = left.split("\t")[2:]
        rf = right.strip().split("\t")
        old = tuple(lf[0::2])
        if len(old) == 3 and len(rf) == 3:
            preds[tuple(rf)].add(old)
        elif len(old) == 2 and len(rf) == 2:
            preds[tuple(rf)].add(old)
    return preds


def read_cpca(wheel_path):
    text = wheel_member(wheel_path, CPCA_ADCODES).decode("utf-8-sig")
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        code = r["adcode"][:6]
        if r["name"] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        if not r["longitude"] or not r["latitude"]:
            continue
        rows[code] = (r["name"], r["latitude"], r["longitude"])
    nations = wheel_member(wheel_path, CPCA_NATIONS).decode("utf-8-sig").split()
    return rows, nations


def read_stoplist(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(line)
    return words


# ---------------------------------------------------------------- short forms

class ShortForms:
    def __init__(self, nations, qi_aliases):
        forms = set()
        for n in nations:
            n = n.strip()
            if not n:
                continue
            forms.add(n)                       # 苗族, 土家族, 蒙古族
            if n.endswith("族") and len(n) >= 3:
                forms.add(n[:-1])              # 蒙古, 柯尔克孜, 哈萨克 (bare form)
        forms.add("各族")                      # 龙胜各族自治县
        # longest first so 土家族 is tried before 土族
        self.ethnic = sorted(forms, key=lambda s: (-len(s), s))
        self.qi_aliases = dict(qi_aliases)
        self.qi_aliases.update(QI_ALIAS_CORRECTIONS)

    def strip_ethnic(self, stem, allow_bare_result):
        """酉阳土家族苗族 -> 酉阳.  Returns (place_stem, stripped_anything).

        Stripping stops before the remainder gets shorter than 2 characters.
        If the very first strip would leave nothing (东乡族, 鄂温克族), the
        ethnic name itself is the place name; it is returned without 族 when
        allow_bare_result is true, otherwise None.
        """
        stripped = False
        while True:
            for e in self.ethnic:
                if stem.endswith(e) and len(stem) > len(e):
                    rest = stem[: -len(e)]
                    if len(rest) >= 2:
                        stem = rest
                        stripped = True
                        break
            else:
                break
        if not stripped:
            for e in self.ethnic:
                if stem == e:
                    if not allow_bare_result:
                        return None, True
                    bare = e[:-1] if e.endswith("族") else e
                    return bare, True
        return stem, stripped

    def province(self, name):
        out = []
        if name.endswith("特别行政区"):
            stem = name[: -len("特别行政区")]
            out += [stem, stem + "特区"]
        elif name.endswith("自治区"):
            stem, eth = self.strip_ethnic(name[:-3], allow_bare_result=False)
            if stem:
                out.append(stem)
                if eth:
                    out.append(stem + "自治区")   # 广西自治区, 新疆自治区
        elif name.endswith("省") or name.endswith("市"):
            out.append(name[:-1])
        return out

    def city(self, name):
        out = []
        if name.endswith("自治州"):
            stem, _ = self.strip_ethnic(name[:-3], allow_bare_result=False)
            if stem:
                out += [stem, stem + "州"]        # 湘西, 湘西州
        elif name.endswith("地区"):
            out.append(name[:-2])
        elif name.endswith("市") or name.endswith("盟"):
            out.append(name[:-1])
        return out

    def county(self, name, src_alias=None):
        if name in COUNTY_SHORT_OVERRIDES:
            return list(COUNTY_SHORT_OVERRIDES[name])
        out = []
        if name.endswith("自治县") or name.endswith("自治旗"):
            unit = name[-1]
            stem, _ = self.strip_ethnic(name[:-3], allow_bare_result=True)
            if stem:
                out += [stem, stem + unit]       # 酉阳, 酉阳县
        elif name.endswith("特区"):
            out.append(name[:-2])                # 六枝特区 -> 六枝
        elif name.endswith("矿区"):
            out.append(name[:-2])                # 峰峰矿区 -> 峰峰
        elif name.endswith("新区") and len(name) > 3:
            if name in NEW_AREA_DISTRICTS:
                out.append(name[:-2])            # 浦东新区 -> 浦东
        elif name.endswith("族区"):              # 管城回族区 -> 管城
            stem, _ = self.strip_ethnic(name[:-1], allow_bare_result=False)
            if stem:
                out.append(stem)
        elif name.endswith("旗") and re.search(r"(左|右|前|中|后|翼|联合)$", name[:-1]):
            pass                                 # 阿拉善左旗: only the 阿左旗 form below
        elif name[-1] in "县区市旗":
            out.append(name[:-1])                # 清新区 -> 清新, 北碚区 -> 北碚
        if name in self.qi_aliases:              # 科尔沁左翼中旗 -> 科左中旗
            out.append(self.qi_aliases[name])
        if src_alias and (name.endswith("自治县") or name.endswith("自治旗")):
            out.append(src_alias)                # jionlp's own: 喀左, 前郭, 塔县
        return out

    def town(self, name):
        for suf in TOWN_SUFFIXES:
            if name.endswith(suf):
                stem = name[: -len(suf)]
                break
        else:
            return []
        # ethnic townships: 南美拉祜族乡, 萨马街鄂温克民族乡, 平村彝族傣族乡
        if suf.startswith("民族") or (suf in ("乡", "苏木") and stem.endswith("族")):
            unit = "苏木" if suf.endswith("苏木") else "乡"
            base, eth = self.strip_ethnic(stem, allow_bare_result=False)
            if base is None or not eth:
                return []
            return [base, base + unit]           # 南美, 南美乡
        return [stem]


def is_zone(name, code=None):
    if code is not None and len(code) == 6 and code[4] == "7" and code[5] != "0":
        return True  # NBS codes xxxx71-79: 开发区 and similar statistical units
    return any(m in name for m in ZONE_MARKERS)


# ---------------------------------------------------------------- parsing

class Rec:
    __slots__ = ("code", "level", "parent", "name", "aliases", "lat", "lon")

    def __init__(self, code, level, parent, name):
        self.code, self.level, self.parent, self.name = code, level, parent, name
        self.aliases = []
        self.lat = self.lon = ""


def town_code(parent, name):
    h = hashlib.sha1((parent + "|" + name).encode("utf-8")).hexdigest()[:6]
    return parent + "T" + h


def parse_jionlp(text, stats):
    recs = {}
    city_src_aliases = {}
    province_src_aliases = {}
    county_src_aliases = {}
    towns = defaultdict(set)          # parent code -> names
    prov = city_eff = county_eff = None
    skip_county = False
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth == 0:
            name, code, alias = fields
            recs[code] = Rec(code, "province", "", name)
            province_src_aliases[code] = alias
            prov = city_eff = county_eff = code
            skip_county = False
        elif depth == 1:
            name, code, alias = fields
            skip_county = False
            if code == prov or name.startswith("省直辖"):
                stats["skipped city-level grouping rows (municipality/SAR duplicate, 省直辖)"] += 1
                city_eff = county_eff = prov
                continue
            recs[code] = Rec(code, "city", prov, name)
            city_src_aliases[code] = alias.split("/")
            city_eff = county_eff = code
        elif depth == 2:
            if len(fields) != 3:
                stats["skipped county-level rows without a code (Taiwan)"] += 1
                skip_county = True
                continue
            name, code, alias = fields
            name, code = NAME_CORRECTIONS.get((name, code), name), CODE_CORRECTIONS.get((name, code), code)
            if code == prov:
                stats["skipped county-level rows sharing the SAR code (HK/Macau districts)"] += 1
                skip_county = True
                continue
            if name.endswith("直辖行政区划") or code == city_eff:
                stats["skipped 市直辖行政区划 rows (towns attached to the city)"] += 1
                county_eff = city_eff
                skip_county = False
                continue
            if code in recs:
                raise SystemExit("duplicate county code %s (%s / %s)" % (code, recs[code].name, name))
            recs[code] = Rec(code, "county", city_eff, name)
            county_src_aliases[code] = alias
            county_eff = code
            skip_county = False
        elif depth == 3:
            if skip_county:
                stats["skipped towns under skipped county rows"] += 1
                continue
            name = fields[0]
            if "直辖行政区划" in name:
                stats["skipped town-level 直辖行政区划 rows"] += 1
                continue
            if "?" in name or "\ufffd" in name:
                stats["skipped town names with a lost character ('?')"] += 1
                vlog("  skipped garbled town name under %s: %s" % (county_eff, name))
                continue
            if name in towns[county_eff]:
                stats["dropped duplicate town names within one parent"] += 1
            towns[county_eff].add(name)
        # depth 4: villages/communities, not used
    return recs, towns, province_src_aliases, city_src_aliases, county_src_aliases


def drop_superseded(recs, towns, changes, stats):
    """Remove county/city rows that jionlp still lists next to their successor.

    jionlp's list mixes vintages: e.g. it has both 澄江县 (530422, with the towns)
    and 澄江市 (530481, without). When its own change list says old -> new and
    both exist under the same province and city, the old row is dropped and its
    towns are re-attached to the successor.
    """
    def key(rec):
        chain = []
        r = rec
        while r is not None:
            chain.append(r.name)
            r = recs.get(r.parent) if r.parent else None
        chain.reverse()
        if rec.level == "county" and len(chain) == 2:   # municipality district
            chain.insert(1, chain[0])
        return tuple(chain)

    index = {}
    for code in sorted(recs):
        if recs[code].level in ("city", "county"):
            index.setdefault(key(recs[code]), code)
    for new in sorted(changes):
        new_code = index.get(new)
        if new_code is None:
            continue
        for old in sorted(changes[new]):
            old_code = index.get(old)
            if old_code is None or old_code == new_code or old_code not in recs:
                continue
            if recs[old_code].level != "county":
                continue      # only county-level duplicates occur in 1.5.31
            vlog("  superseded: %s %s -> %s %s (%d towns moved)" % (
                old_code, recs[old_code].name, new_code, recs[new_code].name,
                len(towns.get(old_code, ()))))
            towns[new_code].update(towns.pop(old_code, set()))
            del recs[old_code]
            stats["dropped county rows superseded by a successor in the same source"] += 1


def add_towns(recs, towns):
    for parent in sorted(towns):
        if parent not in recs:
            raise SystemExit("towns under unknown parent " + parent)
        for name in sorted(towns[parent]):
            code = town_code(parent, name)
            if code in recs:
                raise SystemExit("town code collision " + code)
            recs[code] = Rec(code, "town", parent, name)


# ---------------------------------------------------------------- coordinates

def core_stem(sf, rec_name, level):
    if level == "province":
        c = sf.province(rec_name)
    elif level == "city":
        c = sf.city(rec_name)
    else:
        c = sf.county(rec_name)
    return c[0] if c and len(c[0]) >= 2 else rec_name


def cpca_level(code):
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def attach_coordinates(recs, cpca, sf, changes, stats):
    """lat/lon for provinces, cities and counties, from cpca.

    1. by code, when cpca's name for that code agrees with ours;
    2. by name within the same province and level (梁平区 <- cpca 梁平县), when unique;
    3. by former name from jionlp's change list (盘州市 <- cpca 盘县), when the
       unit has exactly one predecessor and that name is unique in cpca.
    Functional zones (开发区 ...) only ever match by code.
    """
    by_stem = defaultdict(list)
    by_name = defaultdict(list)
    for code, (name, _lat, _lon) in cpca.items():
        lvl = cpca_level(code)
        by_stem[(code[:2], lvl, core_stem(sf, name, lvl))].append(code)
        by_name[(code[:2], lvl, name)].append(code)
    prov_code = {r.name: r.code[:2] for r in recs.values() if r.level == "province"}
    # predecessor lookup keyed by (province name, unit name), ignoring the city
    preds = defaultdict(set)
    for new, olds in changes.items():
        preds[(new[0], new[-1])].update(olds)

    def fmt(v):
        s = "%.6f" % float(v)
        return s.rstrip("0").rstrip(".")

    for code in sorted(recs):
        rec = recs[code]
        if rec.level == "town":
            continue
        stem = core_stem(sf, rec.name, rec.level)
        zone = is_zone(rec.name, rec.code if rec.level == "county" else None)
        hit = src = None
        if rec.code in cpca:
            cname = cpca[rec.code][0]
            if cname == rec.name or core_stem(sf, cname, rec.level) == stem:
                hit, src = rec.code, "code"
        if hit is None and not zone and len(stem) >= 2:
            cands = by_stem.get((rec.code[:2], rec.level, stem), [])
            if len(cands) == 1:
                hit, src = cands[0], "name"
        if hit is None and not zone:
            prov = rec
            while prov.parent:
                prov = recs[prov.parent]
            olds = preds.get((prov.name, rec.name), set())
            if len(olds) == 1:
                old = next(iter(olds))
                pp = prov_code.get(old[0])
                cands = by_name.get((pp, rec.level, old[-1]), []) if pp else []
                if len(cands) == 1:
                    hit, src = cands[0], "former name"
        if hit is None:
            stats["coords missing: %s%s" % (rec.level, " (zone)" if zone else "")] += 1
            continue
        _, lat, lon = cpca[hit]
        rec.lat, rec.lon = fmt(lat), fmt(lon)
        stats["coords by %s: %s" % (src, rec.level)] += 1
        if src != "code":
            vlog("  coords by %s: %s %s <- cpca %s %s" % (src, rec.code, rec.name, hit, cpca[hit][0]))


# ---------------------------------------------------------------- aliases

def assign_aliases(recs, sf, stoplist, prov_src, city_src, county_src, stats):
    province_short = set()
    for rec in recs.values():
        if rec.level == "province":
            province_short.update(sf.province(rec.name))
            province_short.add(prov_src[rec.code])
    city_short = set()
    for rec in recs.values():
        if rec.level == "city":
            city_short.update(sf.city(rec.name))

    def ok(alias, rec):
        if len(alias) < 2 or alias == rec.name:
            return False
        if not re.fullmatch(r"[\u3400-\u9fff\u00b7]+", alias):
            return False
        if rec.level != "province" and alias in province_short:
            stats["short forms withheld: equal to a province short form"] += 1
            vlog("  withheld (province short form): %s %s %s" % (rec.code, rec.name, alias))
            return False
        if rec.level in ("county", "town") and alias in stoplist:
            stats["short forms withheld: stoplist"] += 1
            return False
        if rec.level == "town":
            if alias in city_short:
                stats["short forms withheld: town = city short form"] += 1
                return False
            if all(ch in GENERIC_CHARS for ch in alias):
                stats["short forms withheld: generic characters only"] += 1
                return False
            if alias[-1] in "路街" or alias.endswith("大道"):
                stats["short forms withheld: street name"] += 1
                return False
            if len(alias) == 2 and alias[1] == "家":
                stats["short forms withheld: X家 (reads as 'the X family')"] += 1
                return False
        return True

    # short forms of ordinary counties per prefecture, to keep 井陉矿区 off 井陉
    natural = defaultdict(set)
    for rec in recs.values():
        if rec.level == "county" and not rec.name.endswith("矿区"):
            for a in sf.county(rec.name):
                natural[rec.code[:4]].add(a)

    for rec in recs.values():
        if rec.level == "province":
            cands = sf.province(rec.name) + [prov_src[rec.code]]
        elif rec.level == "city":
            cands = [] if is_zone(rec.name) else sf.city(rec.name) + city_src.get(rec.code, [])
        elif rec.level == "county":
            cands = [] if is_zone(rec.name, rec.code) else sf.county(rec.name, county_src.get(rec.code))
            if rec.name.endswith("矿区"):
                cands = [a for a in cands if a not in natural[rec.code[:4]]]
        else:
            cands = [] if is_zone(rec.name) else sf.town(rec.name)
        seen = []
        for a in cands:
            a = a.strip()
            if a and a not in seen and ok(a, rec):
                seen.append(a)
        rec.aliases = sorted(seen, key=lambda s: (-len(s), s))


# ---------------------------------------------------------------- main

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jionlp-wheel", required=True)
    ap.add_argument("--cpca-wheel", required=True)
    ap.add_argument("--out-dir", default=os.path.join(repo, "graph", "knowledge", "gazetteer"))
    ap.add_argument("--stoplist", default=None,
                    help="default: OUT_DIR/shortform_stoplist.txt")
    ap.add_argument("--report-town-forms", type=int, default=0,
                    help="print the N most frequent town short forms (for curating the stoplist)")
    ap.add_argument("--verbose", action="store_true", help="log every fallback and withheld form")
    args = ap.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    stoplist_path = args.stoplist or os.path.join(args.out_dir, "shortform_stoplist.txt")

    stats = Counter()
    text = read_jionlp_location(args.jionlp_wheel)
    qi = read_jionlp_qi_aliases(args.jionlp_wheel)
    cpca, nations = read_cpca(args.cpca_wheel)
    stoplist = read_stoplist(stoplist_path)
    sf = ShortForms(nations, qi)

    changes = read_jionlp_changes(args.jionlp_wheel)
    recs, towns, prov_src, city_src, county_src = parse_jionlp(text, stats)
    drop_superseded(recs, towns, changes, stats)
    add_towns(recs, towns)
    attach_coordinates(recs, cpca, sf, changes, stats)
    assign_aliases(recs, sf, stoplist, prov_src, city_src, county_src, stats)

    # integrity checks
    for rec in recs.values():
        if rec.level != "town" and not re.fullmatch(r"\d{6}", rec.code):
            raise SystemExit("bad code %r for %s" % (rec.code, rec.name))
        if rec.parent and rec.parent not in recs:
            raise SystemExit("missing parent %s for %s %s" % (rec.parent, rec.code, rec.name))
        if "市辖区" == rec.name or "\t" in rec.name or "|" in rec.name:
            raise SystemExit("bad name %r" % rec.name)

    if args.report_town_forms:
        c = Counter()
        for rec in recs.values():
            if rec.level == "town":
                for a in rec.aliases:
                    c[a] += 1
        for a, n in c.most_common(args.report_town_forms):
            log("%5d %s" % (n, a))

    os.makedirs(args.out_dir, exist_ok=True)
    out_path = os.path.join(args.out_dir, "divisions.tsv")
    buf = io.StringIO()
    buf.write("#" + "\t".join(HEADER) + "\n")
    for code in sorted(recs):
        r = recs[code]
        buf.write("\t".join([r.code, r.level, r.parent, r.name, "|".join(r.aliases), r.lat, r.lon]) + "\n")
    data = buf.getvalue().encode("utf-8")
    with open(out_path, "wb") as f:
        f.write(data)

    levels = Counter(r.level for r in recs.values())
    log("wrote %s (%d bytes, %d records, sha256 %s)" % (
        out_path, len(data), len(recs), hashlib.sha256(data).hexdigest()))
    for lvl in ("province", "city", "county", "town"):
        log("  %-8s %6d" % (lvl, levels[lvl]))
    for k in sorted(stats):
        if not k.startswith("__"):
            log("  %s: %d" % (k, stats[k]))


if __name__ == "__main__":
    main()
