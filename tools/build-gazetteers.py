#!/usr/bin/env python3
"""Builds data/gazetteers/*.tsv (the entities stage's name lists) from Debian packages and the
hand-written lists in tools/gazetteers/.

  python3 tools/build-gazetteers.py [--out data/gazetteers]

Sources (install with: apt-get install iso-codes libgweather-4-common python3-fake-factory):
  /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json   (iso-codes, LGPL-2.1+)
  /usr/share/libgweather-4/Locations.xml                        (libgweather-4-common, GPL-2+)
  /usr/lib/python3/dist-packages/faker/providers/person/*/      (python3-fake-factory, MIT)
  tools/gazetteers/*.tsv                                        (written by the analyze developers)

Output format, one entry a line: name <TAB> type <TAB> canonical name <TAB> id. The entities stage
loads the files in file-name order and, for a name listed twice with the same type, prefers the
earlier file: so countries (10-) win over capitals (40-), cities (50-) and subdivisions (60-).
Python 3 standard library only; the output is deterministic (sorted).
"""
import argparse
import ast
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ISO_DIR = "/usr/share/iso-codes/json"
GWEATHER = "/usr/share/libgweather-4/Locations.xml"
FAKER_PERSON = "/usr/lib/python3/dist-packages/faker/providers/person"
# Latin-script locales whose names news in English uses most.
FAKER_LOCALES = ["en_US", "en_GB", "es_ES", "es_MX", "pt_BR", "fr_FR", "de_DE", "it_IT"]

LOC, ORG, PER, MISC = "LOCATION", "ORGANIZATION", "PERSON", "MISC"


def fail(msg):
    sys.exit("build-gazetteers: " + msg)


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean(s):
    return " ".join(s.split())


def hand_lines(name):
    """Non-comment lines of tools/gazetteers/NAME, split on tabs."""
    path = os.path.join(HERE, "gazetteers", name)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield n, line.split("\t")


class Table:
    """Entries of one output file, deduplicated, with accent-free variants of each name."""

    def __init__(self):
        self.rows = set()

    def add(self, name, typ, canonical="", ident=""):
        name, canonical = clean(name), clean(canonical)
        if not name:
            return
        canonical = "" if canonical == name else canonical
        self.rows.add((name, typ, canonical, ident))
        plain = strip_accents(name)
        if plain != name:
            # A person's name without its accents may be another person's name ("Jordan", "Jordán").
            self.rows.add((plain, typ, "" if typ == PER else canonical or name, ident))

    def write(self, path, header):
        with open(path, "w", encoding="utf-8") as f:
            for line in header.strip().split("\n"):
                f.write("# " + line + "\n")
            for row in sorted(self.rows, key=lambda r: (r[0].lower(), r)):
                f.write("\t".join(row).rstrip("\t") + "\n")
        return len(self.rows)


def iso_variants(name):
    """The names an ISO 3166 name stands for: 'Falkland Islands (Malvinas)' -> 'Falkland Islands';
    'A Coruña [La Coruña]' -> 'A Coruña', 'La Coruña'; 'Korea, Republic of' -> also 'Republic of
    Korea'. The first is the one to show."""
    bare = clean(re.sub(r"\([^)]*\)|\[[^]]*\]", "", name))
    out = [bare] + [clean(alt) for alt in re.findall(r"\[([^]]*)\]", name)]
    m = re.fullmatch(r"([^,]+), (.+ of(?: the)?)", bare)
    if m:
        out.append(m.group(2) + " " + m.group(1))
    return out


def countries():
    with open(os.path.join(ISO_DIR, "iso_3166-1.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    extra = {}
    for n, cols in hand_lines("country-names.tsv"):
        if len(cols) < 2:
            fail("country-names.tsv:%d: expected code<TAB>canonical<TAB>aliases" % n)
        extra[cols[0]] = (cols[1], cols[2].split("|") if len(cols) > 2 and cols[2] else [])
    known = {c["alpha_2"] for c in data}
    for code in extra:
        if code not in known:
            fail("country-names.tsv: unknown ISO 3166-1 code " + code)
    table = Table()
    for c in data:
        code = c["alpha_2"]
        override, aliases = extra.get(code, ("", []))
        canonical = override or c.get("common_name") or c["name"]
        names = [canonical] + aliases
        for key in ("name", "official_name", "common_name"):
            if key in c:
                names += iso_variants(c[key])
        for name in names:
            table.add(name, LOC, canonical, "iso3166:" + code)
    return table


def subdivisions(country_names):
    with open(os.path.join(ISO_DIR, "iso_3166-2.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-2"]
    table = Table()
    for s in data:
        # A few entries give several official names separated by ';' ("Bruxelles-Capitale; ...").
        names = [clean(n) for n in s["name"].split(";")]
        canonical = iso_variants(names[0])[0]
        for name in names:
            for variant in iso_variants(name):
                if variant not in country_names:
                    table.add(variant, LOC, canonical, "iso3166:" + s["code"])
    return table


def cities(skip):
    """Capitals and other cities of libgweather's Locations.xml (its comments say which city is a
    country's capital)."""
    with open(GWEATHER, encoding="utf-8") as f:
        text = f.read()
    capitals, others = Table(), Table()
    # ElementTree drops comments, so read each <city> block with its comment directly.
    for block in re.findall(r"<city>(.*?)</city>", text, flags=re.S):
        m = re.search(r"<_name(?: [^>]*)?>([^<]+)</_name>", block)
        if not m:
            continue
        name = clean(m.group(1).replace("&amp;", "&").replace("&apos;", "'"))
        if name in skip:
            continue
        (capitals if "The capital of" in block else others).add(name, LOC)
    ET.fromstring(text.encode("utf-8"))  # the file parses as XML: the regular expressions saw real elements
    for row in capitals.rows:
        others.rows.discard(row)
    return capitals, others


def nationalities():
    table = Table()
    for n, cols in hand_lines("nationalities.tsv"):
        if len(cols) < 2:
            fail("nationalities.tsv:%d: expected code<TAB>adjective<TAB>forms" % n)
        code, adjective = cols[0], cols[1]
        ident = "iso3166:" + code if code else ""
        for name in [adjective] + (cols[2].split("|") if len(cols) > 2 and cols[2] else []):
            table.add(name, MISC, adjective, ident)
    return table


def copied(name, types=(LOC, ORG, PER, MISC)):
    table = Table()
    for n, cols in hand_lines(name):
        if len(cols) < 2 or cols[1] not in types:
            fail("%s:%d: expected name<TAB>type<TAB>canonical<TAB>id" % (name, n))
        cols += [""] * (4 - len(cols))
        table.add(cols[0], cols[1], cols[2], cols[3])
    return table


def faker_names():
    """First and last names of faker's person providers, read with ast (importing faker would need
    its dependencies and would run its code)."""
    first, last = Table(), Table()
    for locale in FAKER_LOCALES:
        path = os.path.join(FAKER_PERSON, locale, "__init__.py")
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
                continue
            var = node.targets[0].id
            if not (var.startswith("first_names") or var == "last_names"):
                continue
            value = node.value
            if isinstance(value, ast.Call) and value.args:  # OrderedDict(((name, weight), ...))
                value = value.args[0]
            try:
                items = ast.literal_eval(value)
            except ValueError:
                continue  # e.g. first_names = first_names_male + first_names_female
            for item in items:
                name = item[0] if isinstance(item, tuple) else item
                if isinstance(name, str) and re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", clean(name)):
                    (first if var.startswith("first") else last).add(name, PER)
    return first, last


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "gazetteers"))
    a = ap.parse_args()
    for path in (ISO_DIR, GWEATHER, FAKER_PERSON):
        if not os.path.exists(path):
            fail(path + " is missing: apt-get install iso-codes libgweather-4-common python3-fake-factory")
    os.makedirs(a.out, exist_ok=True)
    country_table = countries()
    country_names = {row[0] for row in country_table.rows}
    capitals, other_cities = cities(country_names)
    given, surnames = faker_names()
    iso = "iso-codes (Debian package iso-codes, LGPL-2.1+)"
    gweather = "libgweather's Locations.xml (Debian package libgweather-4-common, GPL-2+)"
    faker = "faker's person providers (Debian package python3-fake-factory, MIT/Expat)"
    hand = "a list written by hand by the analyze developers"
    outputs = [
        ("10-countries.tsv", country_table, "Countries: ISO 3166-1 names from %s,\nplus aliases from tools/gazetteers/country-names.tsv (%s)." % (iso, hand)),
        ("20-regions.tsv", copied("regions.tsv", (LOC,)), "Continents and regions: tools/gazetteers/regions.tsv (%s)." % hand),
        ("30-nationalities.tsv", nationalities(), "Nationalities, peoples, religions: tools/gazetteers/nationalities.tsv (%s)." % hand),
        ("40-capitals.tsv", capitals, "Capital cities from %s." % gweather),
        ("50-cities.tsv", other_cities, "Other cities from %s." % gweather),
        ("60-subdivisions.tsv", subdivisions(country_names), "ISO 3166-2 subdivisions from %s." % iso),
        ("70-organizations.tsv", copied("organizations.tsv", (ORG,)), "Organisations: tools/gazetteers/organizations.tsv (%s)." % hand),
        ("80-given-names.tsv", given, "Given names from %s, locales %s." % (faker, " ".join(FAKER_LOCALES))),
        ("90-surnames.tsv", surnames, "Surnames from %s, locales %s." % (faker, " ".join(FAKER_LOCALES))),
    ]
    for name, table, source in outputs:
        header = "Generated by tools/build-gazetteers.py; do not edit.\n%s\nname<TAB>type<TAB>canonical name<TAB>id" % source
        n = table.write(os.path.join(a.out, name), header)
        print("%-24s %6d entries" % (name, n))


if __name__ == "__main__":
    main()
