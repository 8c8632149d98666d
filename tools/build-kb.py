#!/usr/bin/env python3
"""Builds data/kb/places.bin, the knowledge base of the entities stage (places and US Congress
members, src/entities/knowledge_base.h), from open data.

  python3 tools/build-kb.py [--kb ../shared/data/kb] [--out data/kb/places.bin]

Sources:
  KB/geonames/cities15000.tsv, admin1CodesASCII.tsv, countryInfo.tsv   (GeoNames, CC BY 4.0)
  KB/people_us_congress.tsv                                           (congress-legislators, CC0)
  /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json          (iso-codes, LGPL-2.1+)
  tools/kb/place-aliases.tsv, tools/kb/admin1-iso.tsv                 (written by the analyze developers)

Python 3 standard library and libxxhash (through ctypes); the output is deterministic (same inputs,
same bytes).

File layout (little-endian): the model-file framing of src/core/model_file.h (8-byte magic
"ANZKBASE", u32 version 2, body, u64 XXH3-64 of everything before it). Body: eight u32 counts
(places, name keys, candidates, person keys, string bytes, three zero), zero padding to a multiple
of 8, then the arrays, each starting at a multiple of 8 so the loader can use them in place:
  places      40-byte records (PLACE below; regions name their most populous city)
  name keys   {u64 hash of the folded name, u32 first candidate, u32 candidate count}, by hash
  candidates  u32 place index, bit 31 set when the name is only a GeoNames alternate name
  person keys {u64 hash of the folded name, u32 Wikidata Q number, u32 zero}, by hash
  strings     the places' display names, UTF-8
"""
import argparse
import ctypes
import json
import math
import os
import struct
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ISO_DIR = "/usr/share/iso-codes/json"
MAGIC = b"ANZKBASE"
VERSION = 2
PLACE = struct.Struct("<IIffII2s6sBBBBI")  # geonames, population, lat, lon, name offset, admin1, country, iso,
#                                           kind, feature, name length, flags, largest city
NAME_KEY = struct.Struct("<QII")
PERSON_KEY = struct.Struct("<QII")
NO_PLACE = 0xFFFFFFFF
ALTERNATE = 0x80000000
KIND_COUNTRY, KIND_REGION, KIND_SUBDIVISION, KIND_CITY = 0, 1, 2, 3
FEATURE_OTHER, FEATURE_CAPITAL, FEATURE_ADMIN1_SEAT, FEATURE_ADMIN_SEAT = 0, 1, 2, 3
FLAG_COORDINATES = 1
# All alternate names only of cities this large: English news seldom writes a smaller town's name
# in another language, and those names would make the file (read at every start-up) a third larger.
ALTERNATES_MIN_POPULATION = 100000
# Letters NFKD does not split into a base letter and accents; the loader folds them the same way.
SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
           "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
           "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"}


def fail(msg):
    sys.exit("build-kb: " + msg)


def fold(name):
    """The lookup form of a name: accents dropped, the SPECIAL letters replaced, ASCII lower case,
    whitespace collapsed; None when a letter outside the Latin script remains. Must match
    fold_name() in src/entities/knowledge_base.cc."""
    out = []
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        out.append(SPECIAL.get(c, c))
    s = "".join(out)
    if not s.isascii():
        return None
    return " ".join(s.lower().split()) or None


def name_hash(folded):
    """FNV-1a of the bytes, then splitmix64's finaliser: lowercase_hash() of src/core/hash_index.h."""
    h = 0xCBF29CE484222325
    for b in folded.encode("ascii"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return mix64(h)


def mix64(x):
    m = 0xFFFFFFFFFFFFFFFF
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & m
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & m
    x ^= x >> 31
    return x


def xxh3_64(data):
    """XXH3-64 with seed 0, the model files' checksum (model_checksum() of src/core/model_file.h),
    from libxxhash (Debian libxxhash0, which libxxhash-dev brings)."""
    try:
        lib = ctypes.CDLL("libxxhash.so.0")
    except OSError:
        fail("libxxhash.so.0 not found: apt-get install libxxhash-dev")
    lib.XXH3_64bits.restype = ctypes.c_uint64
    lib.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    return lib.XXH3_64bits(data, len(data))


def tsv_rows(path, skip_comments=True):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or (skip_comments and line.startswith("#")):
                continue
            yield line.split("\t")


def is_latin_name(name):
    """A useful alternate name: Latin letters (possibly accented), spaces, hyphens, apostrophes and
    periods, starting with a capital, not an all-capitals code ("NYC", "LAX")."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    for c in name:
        if c in " -'.":
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


class Builder:
    def __init__(self):
        self.places = []  # dicts
        self.names = {}   # hash -> {place index: alternate?}
        self.by_iso = {}

    def add_place(self, **p):
        self.places.append(p)
        if p.get("iso"):
            self.by_iso[p["iso"]] = len(self.places) - 1
        return len(self.places) - 1

    def add_name(self, name, place, alternate=False):
        folded = fold(name)
        if not folded:
            return
        entry = self.names.setdefault(name_hash(folded), {})
        entry[place] = entry.get(place, True) and alternate


def iso_subdivisions():
    with open(os.path.join(ISO_DIR, "iso_3166-2.json"), encoding="utf-8") as f:
        return json.load(f)["3166-2"]


def iso_names(name):
    """An iso-codes subdivision name without its type word ("Sichuan Sheng" -> also "Sichuan"),
    each of several official names ("A; B"), without bracketed variants."""
    out = []
    for part in name.split(";"):
        part = " ".join(part.split("[")[0].split("(")[0].split())
        out.append(part)
        words = part.split()
        for suffix in ("Sheng", "Shi", "Zizhiqu", "SAR"):
            if len(words) > 1 and words[-1] == suffix:
                out.append(" ".join(w for w in words[:-1] if w not in ("Zhuangzu", "Uygur", "Huizi")))
        if "," in part:  # "Edinburgh, City of"
            head, tail = part.split(",", 1)
            out.append(head.strip())
    return out


def add_countries(b, kb_dir):
    countries = {}
    for cols in tsv_rows(os.path.join(kb_dir, "geonames", "countryInfo.tsv")):
        code, name, population, geonameid = cols[0], cols[4], int(cols[7] or 0), int(cols[16] or 0)
        if code in ("CS", "AN", "XK"):  # historic codes and Kosovo's, which is not ISO 3166
            continue
        i = b.add_place(kind=KIND_COUNTRY, geonames=geonameid, population=population, name=name, country=code,
                        iso=code, admin1=NO_PLACE, feature=FEATURE_OTHER, coordinates=None)
        b.add_name(name, i)
        countries[code] = i
    with open(os.path.join(ISO_DIR, "iso_3166-1.json"), encoding="utf-8") as f:
        for c in json.load(f)["3166-1"]:
            if c["alpha_2"] in countries:
                for key in ("name", "common_name", "official_name"):
                    # "Congo, The Democratic Republic of the": the part before the comma is another country's name
                    if key in c and "," not in c[key]:
                        b.add_name(c[key].split("(")[0].strip(), countries[c["alpha_2"]])
    return countries


def admin1_iso_map(kb_dir, subdivisions):
    """GeoNames admin1 code -> ISO 3166-2: US codes as they are, the hand table, else the iso-codes
    subdivision of the same country with the same folded name."""
    hand = {cols[0]: cols[1] for cols in tsv_rows(os.path.join(HERE, "kb", "admin1-iso.tsv"))}
    known = {s["code"] for s in subdivisions}
    for code, iso in hand.items():
        if iso not in known:
            fail("tools/kb/admin1-iso.tsv: %s is not an ISO 3166-2 code in iso-codes" % iso)
    by_name = {}
    for s in subdivisions:
        for n in iso_names(s["name"]):
            by_name.setdefault((s["code"][:2], fold(n)), set()).add(s["code"])
    out = {}
    for cols in tsv_rows(os.path.join(kb_dir, "geonames", "admin1CodesASCII.tsv")):
        code, name, ascii_name = cols[0], cols[1], cols[2]
        country = code[:2]
        if code in hand:
            out[code] = hand[code]
        elif country == "US" and "US-" + code[3:] in known:
            out[code] = "US-" + code[3:]
        else:
            names = {fold(name), fold(ascii_name), fold(ascii_name.removesuffix(" State"))}  # "Rivers State"
            hits = set().union(*(by_name.get((country, n), set()) for n in names))
            if len(hits) == 1:
                out[code] = hits.pop()
    return out


def add_regions(b, kb_dir, countries, subdivisions):
    iso_of = admin1_iso_map(kb_dir, subdivisions)
    regions = {}
    for cols in tsv_rows(os.path.join(kb_dir, "geonames", "admin1CodesASCII.tsv")):
        code, name, ascii_name, geonameid = cols[0], cols[1], cols[2], int(cols[3] or 0)
        if code[:2] not in countries:
            continue
        i = b.add_place(kind=KIND_REGION, geonames=geonameid, population=0, name=name, country=code[:2],
                        iso=iso_of.get(code, ""), admin1=NO_PLACE, feature=FEATURE_OTHER, coordinates=None,
                        largest_city=NO_PLACE)
        b.places[i]["admin1"] = i
        b.add_name(name, i)
        b.add_name(ascii_name, i)
        regions[code] = i
    # ISO 3166-2 subdivisions no admin1 stands for (UK counties, council areas): they carry their ids.
    region_of_iso = {b.places[i]["iso"]: i for i in regions.values() if b.places[i]["iso"]}
    for s in subdivisions:
        if s["code"] in region_of_iso or s["code"][:2] not in countries:
            continue
        names = iso_names(s["name"])
        i = b.add_place(kind=KIND_SUBDIVISION, geonames=0, population=0, name=names[0], country=s["code"][:2],
                        iso=s["code"], admin1=region_of_iso.get(s.get("parent", ""), NO_PLACE),
                        feature=FEATURE_OTHER, coordinates=None)
        for n in names:
            b.add_name(n, i)
    return regions, len(region_of_iso)


FEATURES = {"PPLC": FEATURE_CAPITAL, "PPLA": FEATURE_ADMIN1_SEAT, "PPLA2": FEATURE_ADMIN_SEAT,
            "PPLA3": FEATURE_ADMIN_SEAT, "PPLA4": FEATURE_ADMIN_SEAT}


def add_cities(b, kb_dir, countries, regions):
    rows = sorted(tsv_rows(os.path.join(kb_dir, "geonames", "cities15000.tsv"), skip_comments=False),
                  key=lambda c: int(c[0]))
    for cols in rows:
        geonameid, name, ascii_name, alternates = int(cols[0]), cols[1], cols[2], cols[3]
        country, admin1, population = cols[8], cols[10], int(cols[14] or 0)
        if country not in countries:
            continue
        region = regions.get(country + "." + admin1, NO_PLACE)
        i = b.add_place(kind=KIND_CITY, geonames=geonameid, population=population, name=name, country=country,
                        iso="", admin1=region, feature=FEATURES.get(cols[7], FEATURE_OTHER),
                        coordinates=(float(cols[4]), float(cols[5])))
        if region != NO_PLACE and cols[7] != "PPLX":  # a section of a city is in the city's population
            r = b.places[region]
            r["population"] += population
            if r["largest_city"] == NO_PLACE or b.places[r["largest_city"]]["population"] < population:
                r["largest_city"] = i
        b.add_name(name, i)
        b.add_name(ascii_name, i)
        for alt in alternates.split(","):
            # A smaller town's alternate names of several words are its English short forms ("St
            # Andrews", "Tunbridge Wells"); of one word, mostly its names in other languages.
            if is_latin_name(alt) and (population >= ALTERNATES_MIN_POPULATION or " " in alt):
                b.add_name(alt, i, alternate=True)


def add_hand_aliases(b):
    by_geonames = {p["geonames"]: i for i, p in enumerate(b.places) if p["geonames"]}
    for cols in tsv_rows(os.path.join(HERE, "kb", "place-aliases.tsv")):
        place = None
        if len(cols) == 2:
            place = by_geonames.get(int(cols[1])) if cols[1].isdigit() else b.by_iso.get(cols[1])
        if place is None:
            fail("tools/kb/place-aliases.tsv: %r: expected name<TAB>ISO code or GeoNames id of a known place"
                 % "\t".join(cols))
        b.add_name(cols[0], place)


def people(kb_dir):
    """Folded-name hash -> Wikidata Q number; a name two members share is left out."""
    keys, clash = {}, set()
    rows = tsv_rows(os.path.join(kb_dir, "people_us_congress.tsv"))
    next(rows)  # header
    for cols in rows:
        q = int(cols[3].lstrip("Q"))
        for name in [cols[0]] + [a for a in cols[1].split("|") if a]:
            folded = fold(name)
            if not folded or " " not in folded:
                continue
            h = name_hash(folded)
            if keys.get(h, q) != q:
                clash.add(h)
            keys[h] = q
    return {h: q for h, q in keys.items() if h not in clash}


def pad8(out):
    out.extend(b"\0" * (-len(out) % 8))


def serialise(b, person_keys):
    strings = bytearray()
    records = bytearray()
    for p in b.places:
        name = p["name"].encode("utf-8")[:255]
        lat, lon = p["coordinates"] or (math.nan, math.nan)
        if len(p["iso"]) > 6:
            fail("ISO code longer than 6 characters: " + p["iso"])
        records += PLACE.pack(p["geonames"], min(p["population"], 0xFFFFFFFF), lat, lon, len(strings), p["admin1"],
                              p["country"].encode("ascii"), p["iso"].encode("ascii"), p["kind"], p["feature"],
                              len(name), FLAG_COORDINATES if p["coordinates"] else 0,
                              p.get("largest_city", NO_PLACE))
        strings += name
    name_keys, candidates = bytearray(), []
    for h in sorted(b.names):
        # Candidates by population, largest first, so the order never depends on the input's.
        cands = sorted(b.names[h].items(), key=lambda kv: (-b.places[kv[0]]["population"], kv[0]))
        name_keys += NAME_KEY.pack(h, len(candidates), len(cands))
        candidates += [i | (ALTERNATE if alt else 0) for i, alt in cands]
    people_bytes = bytearray()
    for h in sorted(person_keys):
        people_bytes += PERSON_KEY.pack(h, person_keys[h], 0)

    out = bytearray(MAGIC + struct.pack("<I", VERSION))
    out += struct.pack("<8I", len(b.places), len(b.names), len(candidates), len(person_keys), len(strings), 0, 0, 0)
    for block in (records, name_keys, struct.pack("<%dI" % len(candidates), *candidates), people_bytes, strings):
        pad8(out)
        out += block
    return bytes(out) + struct.pack("<Q", xxh3_64(bytes(out)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", default=os.path.join(HERE, "..", "..", "shared", "data", "kb"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "kb", "places.bin"))
    args = ap.parse_args()
    if not os.path.isdir(args.kb):
        fail("%s not found: pass --kb DIR (the kb folder of the shared data)" % args.kb)
    b = Builder()
    subdivisions = iso_subdivisions()
    countries = add_countries(b, args.kb)
    regions, with_iso = add_regions(b, args.kb, countries, subdivisions)
    add_cities(b, args.kb, countries, regions)
    add_hand_aliases(b)
    person_keys = people(args.kb)
    data = serialise(b, person_keys)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(data)
    kinds = [sum(1 for p in b.places if p["kind"] == k) for k in range(4)]
    print("build-kb: %s: %d bytes; %d countries, %d admin1 regions (%d with an ISO 3166-2 code), "
          "%d other ISO 3166-2 subdivisions, %d cities; %d place names; %d Congress name keys"
          % (args.out, len(data), kinds[0], kinds[1], with_iso, kinds[2], kinds[3], len(b.names), len(person_keys)))


if __name__ == "__main__":
    main()
