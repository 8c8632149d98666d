#!/usr/bin/env python3
"""What the topics stage lists over a corpus: how many extra level-1 topics, how many articles get a
level-2 topic, and the scores listed most often (a score repeated hundreds of times is filler).

  bench/topic-listing.py CORPUS.jsonl [--bin build/analyze] [--prefix masakhanews]

CORPUS is JSONL with "id" and "text" (bench/peers/make-corpus.py makes one); --prefix keeps the
articles whose id starts with it (masakhanews: the BBC part). When the records have "labels" (the
topics data sets do), the share of articles with a level-2 topic is also printed per first label,
e.g. per BBC section:

  bench/topic-listing.py ../shared/data/topics/topics_train.jsonl --prefix masakhanews

--sections also prints the level-2 topics listed most often per first label; --sample N prints N
articles drawn at random (seed 7) that list a level-2 topic, with those topics and their opening
words, for reading by hand (docs/ACCURACY.md section 3.y).

Python 3 standard library only.
"""

import argparse
import collections
import json
import random
import subprocess


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="build/analyze")
    ap.add_argument("--prefix", default="")
    ap.add_argument("--sections", action="store_true", help="the level-2 topics listed most often per first label")
    ap.add_argument("--sample", type=int, default=0, help="print this many random articles with a level-2 topic")
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    lines = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n"
                    for r in records if r["id"].startswith(args.prefix))
    out = subprocess.run([args.bin, "--format", "jsonl", "--input-format", "jsonl", "--stages",
                          "normalize,segment,boilerplate,language,topics", "-"],
                         input=lines, capture_output=True, text=True, check=True).stdout
    label = {r["id"]: r["labels"][0] for r in records if r.get("labels")}
    articles = extra_level1 = with_level2 = 0
    scores = collections.Counter()
    by_label = collections.defaultdict(lambda: [0, 0])  # label: [articles, with a level-2 topic]
    level2_by_label = collections.defaultdict(collections.Counter)
    with_level2_listed = []  # (id, [(level-2 label, score)])
    for line in out.splitlines():
        record = json.loads(line)
        topics = record.get("topics", [])
        level2 = [(t["label"], round(t["score"], 2)) for t in topics if t["level"] == 2]
        has_level2 = bool(level2)
        if has_level2:
            with_level2_listed.append((record["id"], level2))
        articles += 1
        extra_level1 += max(0, sum(t["level"] == 1 for t in topics) - 1)
        with_level2 += has_level2
        scores.update(round(t["score"], 4) for t in topics)
        if record["id"] in label:
            by_label[label[record["id"]]][0] += 1
            by_label[label[record["id"]]][1] += has_level2
            level2_by_label[label[record["id"]]].update(name for name, _ in level2)
    print(f"articles={articles} extra_level1={extra_level1} with_level2={with_level2}")
    print("most listed scores:", ", ".join(f"{s} x{n}" for s, n in scores.most_common(6)))
    for code, (n, level2) in sorted(by_label.items()):
        print(f"{code}: {n} articles, {level2} with a level-2 topic ({level2 / n:.2f})")
        if args.sections:
            print("  " + ", ".join(f"{name} x{k}" for name, k in level2_by_label[code].most_common(6)))
    text = {r["id"]: r["text"] for r in records}
    for record_id, level2 in random.Random(7).sample(with_level2_listed, min(args.sample, len(with_level2_listed))):
        print(level2, "|", text[record_id][:150].replace("\n", " "))


if __name__ == "__main__":
    main()
