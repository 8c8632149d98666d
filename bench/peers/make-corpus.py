#!/usr/bin/env python3
"""Assemble the peer-benchmark corpus: news articles from ../shared/data as JSONL {"id", "text"}.

    bench/peers/make-corpus.py [--shared ../shared/data] OUT.jsonl

Sources, in this order, every article of each: CoNLL-2003 train and dev (Reuters, 1996-97; one
sentence a line), and the topics train and dev sets (AG News and MasakhaNEWS/BBC articles: headline,
blank line, text). About 8 MB, 1.3 million words. The output must not be committed or shipped: the
Reuters and BBC texts may not be redistributed (see the READMEs beside the sources).
"""
import argparse
import json
import os
import sys

SOURCES = [
    "ner/conll2003/train.jsonl",
    "ner/conll2003/dev.jsonl",
    "topics/topics_train.jsonl",
    "topics/topics_dev.jsonl",
]
MIN_BYTES = 5_000_000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared", "data"),
                        help="the shared data folder (default: ../shared/data beside the repository)")
    args = parser.parse_args()

    texts = 0
    size = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for source in SOURCES:
            path = os.path.join(args.shared, source)
            if not os.path.exists(path):
                sys.exit(f"make-corpus.py: {path} not found (pass --shared DIR)")
            with open(path, encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    out.write(json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n")
                    texts += 1
                    size += len(record["text"].encode("utf-8"))
    if size < MIN_BYTES:
        sys.exit(f"make-corpus.py: only {size} bytes of text, expected at least {MIN_BYTES}")
    print(f"{args.out}: {texts} articles, {size / 1e6:.2f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
