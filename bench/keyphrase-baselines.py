#!/usr/bin/env python3
"""The unsupervised keyphrase baselines analyze's keyphrases are measured against.

  bench/keyphrase-baselines.py GOLD.jsonl [--background TRAIN.jsonl] [--scorer score_keyphrases.py]

Writes each baseline's predictions for GOLD's articles to a temporary file and scores them with
the shared scorer (../shared/eval/score_keyphrases.py unless --scorer says), printing its
headline line per baseline:
  - tfidf: every run of one to three words between stop words, punctuation and numbers is a
    candidate, scored tf x log(N / (1 + df)) with df counted over the background articles
    (default: kpcrowd_train.jsonl beside GOLD), the standard pke TfIdf set-up;
  - first-phrases: the same candidates, in the order they first occur (FirstPhrases);
  - first-phrases-multi: the longest runs only (up to three words), in the order they first occur.
Python 3 standard library only; deterministic.
"""

import argparse
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile

STOP = set("""a about above according across after again against ago all almost along already also although
always am among an and another any are around as at away back be became because become been before being
below between both but by can cannot could did do does doing done down during each either else enough even
ever every few for from further get gets got had has have having he her here hers him his how however i if in
including into is it its just last least less like made make makes many may me might more most mr mrs ms much
must my neither never next no nor not now of off often on once one only onto or other others our out over own
per percent perhaps quite rather really said same say says see several shall she should since so some still
such take than that the their them then there these they this those though through thus to today told too
toward under until up upon us very via was we well were what when where whether which while who whom whose why
will with within without would yet you your""".split())
WORD = re.compile(r"[^\W_]+(?:[-'.&/][^\W_]+)*|[^\w\s]")
MAX_WORDS = 3


def runs(text):
    """Maximal runs of content words (lower-cased), split at stop words, punctuation and numbers."""
    run = []
    for tok in WORD.findall(text):
        low = tok.lower()
        if low in STOP or not tok[0].isalpha():
            if run:
                yield run
            run = []
        else:
            run.append(low)
    if run:
        yield run


def ngrams(text):
    """Every sub-run of one to MAX_WORDS words, in text order."""
    for run in runs(text):
        for i in range(len(run)):
            for n in range(1, MAX_WORDS + 1):
                if i + n <= len(run):
                    yield " ".join(run[i:i + n])


def tfidf(text, df, n_docs, k=10):
    tf = collections.Counter(ngrams(text))
    score = {p: c * math.log(n_docs / (1 + df.get(p, 0))) for p, c in tf.items()}
    return sorted(score, key=lambda p: (-score[p], p))[:k]


def first_phrases(text, k=10, longest_only=False):
    seen, out = set(), []
    source = (" ".join(r[:MAX_WORDS]) for r in runs(text)) if longest_only else ngrams(text)
    for p in source:
        if p not in seen:
            seen.add(p)
            out.append(p)
            if len(out) == k:
                break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--background", help="JSONL articles (key text) to count document frequencies over")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "eval", "score_keyphrases.py"))
    args = ap.parse_args()
    background = args.background or os.path.join(os.path.dirname(args.gold), "kpcrowd_train.jsonl")
    df, n_docs = collections.Counter(), 0
    with open(background, encoding="utf-8") as f:
        for line in f:
            n_docs += 1
            df.update(set(ngrams(json.loads(line)["text"])))
    with open(args.gold, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f]
    methods = {
        "tfidf": lambda t: tfidf(t, df, n_docs),
        "first-phrases": first_phrases,
        "first-phrases-multi": lambda t: first_phrases(t, longest_only=True),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, method in methods.items():
            pred = os.path.join(tmp, name + ".jsonl")
            with open(pred, "w", encoding="utf-8") as out:
                for g in gold:
                    out.write(json.dumps({"id": g["id"], "keyphrases": method(g["text"])}) + "\n")
            res = subprocess.run([sys.executable, args.scorer, args.gold, pred], capture_output=True, text=True,
                                 check=True)
            print(f"{name}: {res.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
