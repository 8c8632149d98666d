#!/usr/bin/env python3
"""Learn which capitalised words start sentences, for data/sentence_starters_learned.txt.

  build-sentence-starters.py [--shared ../shared] > data/sentence_starters_learned.txt

After an abbreviation that may end a sentence ("U.S.", "Inc.", "J."), the segmenter ends the
sentence only when the next word is a sentence starter: "... moved to the U.S. Simultaneously, the"
splits, "the U.S. Army said" does not. The hand-written data/sentence_starters.txt lists function
words; this tool adds the open-class words that corpora show in that role (the orthographic
heuristic of Kiss & Strunk's Punkt, 2006): a capitalised word is a starter when it often opens a
sentence (at least --min-initial times), is almost never capitalised inside one (at most 1 in
--max-inside-ratio of its sentence-initial count, and never for rare words), and also occurs in
lower case (so it is a common word, not a name: "Officials", "Meanwhile", "Witnesses", "Thousands").

Corpora (sentence-split, openly licensed): GMB (Voice of America news, one sentence a record,
../shared/data/ner/gmb/gmb.jsonl) and the EWT training split (../shared/data/sbd/ewt_train.jsonl,
gold sentences). Not used: CoNLL-2003 (Reuters agreement), GUM (non-commercial), and every dev set.
Output: one word a line, most frequent first, after a comment header. Deterministic.
"""
import argparse
import collections
import json
import os
import re
import sys

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
OPENERS = {'"', "“", "'", "‘", "(", "[", ":", "-", "—", "–"}


def sentences(shared):
    with open(os.path.join(shared, "data/ner/gmb/gmb.jsonl"), encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]
    with open(os.path.join(shared, "data/sbd/ewt_train.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for start, end in doc["sentences"]:
                yield doc["text"][start:end]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--min-initial", type=int, default=3)
    ap.add_argument("--max-inside-ratio", type=float, default=0.05)
    ap.add_argument("--hand-list", default=os.path.join(here, "..", "data", "sentence_starters.txt"),
                    help="words already listed by hand are left out")
    a = ap.parse_args()

    initial, inside, lower = collections.Counter(), collections.Counter(), collections.Counter()
    for sentence in sentences(a.shared):
        words = WORD.findall(sentence)
        for i, w in enumerate(words):
            if not w[0].isalpha():
                continue
            if not w[0].isupper():
                lower[w] += 1
            elif i == 0:
                initial[w] += 1
            elif words[i - 1] not in OPENERS:  # a quotation or a colon may open a sentence inside one
                inside[w] += 1
    with open(a.hand_list, encoding="utf-8") as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}

    def is_starter(w):
        n = initial[w]
        return (n >= a.min_initial and inside[w] <= int(n * a.max_inside_ratio) and lower[w.lower()] >= 1
                and not w.isupper() and w not in listed)

    chosen = sorted((w for w in initial if is_starter(w)), key=lambda w: (-initial[w], w))
    print("# Capitalised words that start sentences, learned from corpora by tools/build-sentence-starters.py")
    print("# (see data/README.md): do not edit; add words to sentence_starters.txt instead.")
    for w in chosen:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
