#!/usr/bin/env python3
"""What the topics stage lists over a corpus: how many extra level-1 topics, how many articles get a
level-2 topic, and the scores listed most often (a score repeated hundreds of times is filler).

  bench/topic-listing.py CORPUS.jsonl [--bin build/analyze] [--prefix masakhanews]

CORPUS is JSONL with "id" and "text" (bench/peers/make-corpus.py makes one); --prefix keeps the
articles whose id starts with it (masakhanews: the BBC part). Python 3 standard library only.
"""

import argparse
import collections
import json
import subprocess


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="build/analyze")
    ap.add_argument("--prefix", default="")
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    lines = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n"
                    for r in records if r["id"].startswith(args.prefix))
    out = subprocess.run([args.bin, "--format", "jsonl", "--input-format", "jsonl", "--stages",
                          "normalize,segment,boilerplate,language,topics", "-"],
                         input=lines, capture_output=True, text=True, check=True).stdout
    articles = extra_level1 = with_level2 = 0
    scores = collections.Counter()
    for line in out.splitlines():
        topics = json.loads(line).get("topics", [])
        articles += 1
        extra_level1 += max(0, sum(t["level"] == 1 for t in topics) - 1)
        with_level2 += any(t["level"] == 2 for t in topics)
        scores.update(round(t["score"], 4) for t in topics)
    print(f"articles={articles} extra_level1={extra_level1} with_level2={with_level2}")
    print("most listed scores:", ", ".join(f"{s} x{n}" for s, n in scores.most_common(6)))


if __name__ == "__main__":
    main()
