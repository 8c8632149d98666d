#!/usr/bin/env python3
"""List the sentence-boundary errors of a prediction file, with context, to study what to fix.

  sbd-errors.py GOLD.jsonl PRED.jsonl [--context 40] [--kind missed|spurious] [--intra] [--summary]

PRED is what eval/score_sbd.py reads ({"id", "sentences": [[start, end], ...]} per line), e.g. from
`sbd-predict GOLD.jsonl` or the pred.jsonl that `run_eval.py --keep DIR` leaves. Boundaries are
counted as the scorer counts them: a sentence's end after trailing whitespace is stripped.
Each error prints as `MISSED` (gold boundary not predicted) or `SPURIOUS` (predicted, not gold):
the document id, then the text around it with ` || ` at the boundary and newlines shown as `⏎`.
`--summary` instead counts errors by the word before and the word after the boundary.
"""
import argparse
import collections
import json
import sys


def boundaries(text, spans):
    out = set()
    for start, end in spans:
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.add(end)
    return out


def intra(text, b):
    """Whether boundary `b` is followed by more text on the same line (the scorer's intra_paragraph)."""
    rest = text[b:]
    stripped = rest.lstrip()
    return bool(stripped) and "\n" not in rest[: len(rest) - len(stripped)]


def words_around(text, b):
    before = text[:b].split()
    after = text[b:].split()
    return (before[-1] if before else "", after[0] if after else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--context", type=int, default=40)
    ap.add_argument("--kind", choices=["missed", "spurious"])
    ap.add_argument("--intra", action="store_true", help="only intra-paragraph boundaries")
    ap.add_argument("--summary", action="store_true", help="count errors by the words around them")
    a = ap.parse_args()

    with open(a.pred, encoding="utf-8") as f:
        preds = {str(r["id"]): r["sentences"] for r in map(json.loads, filter(str.strip, f))}
    counts = collections.Counter()
    with open(a.gold, encoding="utf-8") as f:
        for line in filter(str.strip, f):
            doc = json.loads(line)
            text = doc["text"]
            gold = boundaries(text, doc["sentences"])
            pred = boundaries(text, preds.get(str(doc["id"]), []))
            errors = [(b, "MISSED") for b in gold - pred] + [(b, "SPURIOUS") for b in pred - gold]
            for b, kind in sorted(errors):
                if a.kind and kind.lower() != a.kind:
                    continue
                if a.intra and not intra(text, b):
                    continue
                if a.summary:
                    counts[(kind,) + words_around(text, b)] += 1
                    continue
                left = text[max(0, b - a.context):b].replace("\n", "⏎")
                right = text[b:b + a.context].replace("\n", "⏎")
                print("%-8s %-28s %s || %s" % (kind, doc["id"][:28], left, right))
    for (kind, before, after), n in counts.most_common():
        print("%4d %-8s %-20s || %s" % (n, kind, before, after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
