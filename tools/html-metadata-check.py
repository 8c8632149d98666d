#!/usr/bin/env python3
"""Checks the "source" metadata analyze reads from web pages: the title against the gold set's
titles, the publication date against an independent reading of the page's own statements.

  tools/html-metadata-check.py GOLD.jsonl [--bin build/analyze] [--show N]

GOLD.jsonl is ../shared/data/html/gold.jsonl (its pages in pages/ beside it). The binary runs once
over the pages (--input-format html --stages normalize).

Title: right when it equals the gold "title" after case folding, whitespace collapsing and
folding typographic quotes and dashes to ASCII; scored over the pages whose gold title is not
empty.

Published date: the gold set has none, so the reference is this script's own reading of what the
page states, written apart from the C++ code: the first ISO date (YYYY-MM-DD) among JSON-LD
"datePublished" (any object), <meta> article:published_time / datePublished / pubdate /
publish-date / date / dc.date, and <time datetime>, in that order. A page "states" a date when
that reading finds one; analyze's "published" is right when its date part equals it.
"""
import argparse
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                      "\u00a0": " "})
META_KEYS = ["article:published_time", "datepublished", "pubdate", "publish-date", "publishdate", "date", "dc.date"]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def norm_title(s):
    return " ".join((s or "").translate(FOLD).casefold().split())


class DateReader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.times, self.ld, self._in_ld, self._buf = {}, [], [], False, []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"].strip())
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_ld, self._buf = True, []

    def handle_data(self, data):
        if self._in_ld:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.ld.append("".join(self._buf))


def find_key(v, key, depth=0):
    if depth > 6:
        return None
    if isinstance(v, dict):
        if isinstance(v.get(key), str):
            return v[key]
        v = list(v.values())
    if isinstance(v, list):
        for e in v:
            r = find_key(e, key, depth + 1)
            if r:
                return r
    return None


def stated_date(page_html):
    r = DateReader()
    try:
        r.feed(page_html)
    except Exception:  # a page the standard parser cannot read states nothing here
        return None
    candidates = []
    for block in r.ld:
        try:
            candidates.append(find_key(json.loads(block), "datePublished"))
        except ValueError:
            pass
    candidates += [r.meta.get(k) for k in META_KEYS] + r.times
    for c in candidates:
        if c and ISO.match(c.strip()):
            return c.strip()[:10]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--bin", default="build/analyze")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses of each kind")
    a = ap.parse_args()
    pages = os.path.join(os.path.dirname(os.path.abspath(a.gold)), "pages")
    gold = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for g in gold:
                with open(os.path.join(pages, g["id"] + ".html"), "rb") as p:
                    f.write(json.dumps({"id": g["id"], "html": p.read().decode("utf-8", "replace")}) + "\n")
        out = subprocess.run([a.bin, "--stages", "normalize", "-f", "jsonl", inp], capture_output=True, text=True, check=True)
    got = {d["id"]: d.get("source", {}) for d in map(json.loads, filter(None, out.stdout.split("\n")))}
    titles = dates = titles_right = dates_right = 0
    misses = {"title": [], "date": []}
    for g in gold:
        src = got.get(g["id"], {})
        if g.get("title"):
            titles += 1
            ok = norm_title(src.get("title")) == norm_title(g["title"])
            titles_right += ok
            if not ok:
                misses["title"].append((g["id"], g["title"], src.get("title")))
        with open(os.path.join(pages, g["id"] + ".html"), encoding="utf-8", errors="replace") as p:
            ref = stated_date(p.read())
        if ref:
            dates += 1
            ok = (src.get("published") or "")[:10] == ref
            dates_right += ok
            if not ok:
                misses["date"].append((g["id"], ref, src.get("published")))
    for kind, rows in misses.items():
        for row in rows[:a.show]:
            print(f"{kind} miss {row[0]}: expected {row[1]!r}, got {row[2]!r}")
    print(f"title right {titles_right}/{titles} = {titles_right / max(1, titles):.3f}; "
          f"published date right {dates_right}/{dates} = {dates_right / max(1, dates):.3f}")


if __name__ == "__main__":
    sys.exit(main())
