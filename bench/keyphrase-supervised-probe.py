#!/usr/bin/env python3
"""How far a supervised ranker gets on 500N-KPCrowd: a probe for issue 18's F1@10 target, not part
of analyze. Candidates are bench/keyphrase-baselines.py's (runs of one to three words between
stop words, punctuation and numbers); each gets 13 features (bias, log tf, first and last
position, length one-hot, idf over the training articles, idf x log tf, share of capitalised
occurrences, in the title, in the first tenth); a logistic regression (plain SGD, 8 epochs,
standardised features, seeded shuffles) is trained on the train split's reader keyphrases
(stemmed exact match, as the scorer) and ranks the dev split's candidates. Writes predictions
for the scorer:

  python3 bench/keyphrase-supervised-probe.py --data ../shared/data/keyphrases --out /tmp/probe
  python3 ../shared/eval/score_keyphrases.py ../shared/data/keyphrases/kpcrowd_dev.jsonl /tmp/probe/dev.jsonl

Python 3 standard library only; about a minute.
"""
import argparse
import collections
import importlib.util
import json
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data", "keyphrases"))
    ap.add_argument("--scorer", default=os.path.join(HERE, "..", "..", "shared", "eval", "score_keyphrases.py"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    kb = module("baselines", os.path.join(HERE, "keyphrase-baselines.py"))
    sk = module("scorer", args.scorer)
    load = lambda split: [json.loads(l) for l in open(os.path.join(args.data, f"kpcrowd_{split}.jsonl"), encoding="utf-8")]
    train, dev = load("train"), load("dev")
    df = collections.Counter()
    for r in train:
        df.update(set(kb.ngrams(r["text"])))

    def candidates(r, in_train):
        text = r["text"]
        grams = list(kb.ngrams(text))
        total = max(1, len(grams))
        seen = {}
        for i, p in enumerate(grams):
            s = seen.setdefault(p, [0, i / total, i / total])
            s[0] += 1
            s[2] = i / total
        title = set(kb.ngrams(r.get("title") or text.split("\n")[0]))
        caps = collections.Counter(m.group(0).lower() for m in re.finditer(r"[A-Z][\w'-]*", text))
        out = []
        for p, (tf, first, last) in seen.items():
            n = len(p.split())
            idf = math.log((len(train) + 1) / (1 + max(0, df.get(p, 0) - in_train)))
            capitalised = min(1.0, sum(caps[w] for w in p.split()) / (tf * n))
            out.append((p, [1.0, math.log(1 + tf), first, math.sqrt(first), last - first, n == 1, n == 2, n == 3,
                            idf, idf * math.log(1 + tf), capitalised, p in title, first < 0.1]))
        return [(p, [float(x) for x in f]) for p, f in out]

    def examples(records, in_train):
        rows = []
        for r in records:
            gold = {sk.normalize(v) for kp in r["keyphrases"] for v in kp}
            rows.append([(p, f, float(sk.normalize(p) in gold)) for p, f in candidates(r, in_train)])
        return rows

    train_rows, dev_rows = examples(train, 1), examples(dev, 0)
    flat = [f for doc in train_rows for _, f, _ in doc]
    nf = len(flat[0])
    mean = [0.0] + [sum(f[j] for f in flat) / len(flat) for j in range(1, nf)]
    sd = [1.0] + [max(1e-6, math.sqrt(sum((f[j] - mean[j]) ** 2 for f in flat) / len(flat))) for j in range(1, nf)]
    z = lambda f: [(f[j] - mean[j]) / sd[j] for j in range(nf)]
    data = [(z(f), y) for doc in train_rows for _, f, y in doc]
    w, rate = [0.0] * nf, 0.05
    for epoch in range(8):
        random.Random(epoch).shuffle(data)
        for x, y in data:
            s = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))
            g = 1 / (1 + math.exp(-s)) - y
            for j in range(nf):
                w[j] -= rate * (g * x[j] + 1e-4 * w[j])
        rate *= 0.7
    print("weights:", " ".join(f"{v:.3f}" for v in w))
    os.makedirs(args.out, exist_ok=True)
    for name, records, rows in (("train", train, train_rows), ("dev", dev, dev_rows)):
        with open(os.path.join(args.out, f"{name}.jsonl"), "w", encoding="utf-8") as o:
            for r, doc in zip(records, rows):
                ranked, keys = [], set()
                for p, f, _ in sorted(doc, key=lambda t: -sum(a * b for a, b in zip(w, z(t[1])))):
                    if sk.normalize(p) not in keys and len(ranked) < 10:
                        keys.add(sk.normalize(p))
                        ranked.append(p)
                o.write(json.dumps({"id": r["id"], "keyphrases": ranked}) + "\n")
    print(f"wrote {args.out}/train.jsonl and {args.out}/dev.jsonl")


if __name__ == "__main__":
    sys.exit(main())
