#!/usr/bin/env python3
"""Assemble the peer-benchmark corpus: news articles from ../shared/data as JSONL {"id", "text"}.

    bench/peers/make-corpus.py [--shared ../shared/data] OUT.jsonl
    bench/peers/make-corpus.py --describe      (one line naming the sources, for the report)

Sources, in this order, every article of each: CoNLL-2003 train and dev (Reuters, 1996-97; one
sentence a line), and the topics train and dev sets (MasakhaNEWS English, i.e. BBC News articles,
and AG News: headline, blank line, text). About 8.0 MB of text, 8,563 articles, 1.37 million words.
The output must not be committed or shipped: the Reuters and BBC texts may not be redistributed
(see the READMEs beside the sources); run.sh writes it to a temporary folder and deletes it.
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
DESCRIPTION = ("CoNLL-2003 train and dev (ner/conll2003/train.jsonl, dev.jsonl: Reuters news, 1996-97, one sentence "
               "a line) and the topics train and dev sets (topics/topics_train.jsonl, topics_dev.jsonl: MasakhaNEWS "
               "English, i.e. BBC News articles, and AG News headline + description) of ../shared/data, every article "
               "of each, in that order, assembled by bench/peers/make-corpus.py into a temporary folder")
MIN_BYTES = 5_000_000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?")
    parser.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared", "data"),
                        help="the shared data folder (default: ../shared/data beside the repository)")
    parser.add_argument("--describe", action="store_true", help="print the sources as one line and exit")
    args = parser.parse_args()
    if args.describe:
        print(DESCRIPTION)
        return
    if not args.out:
        parser.error("OUT.jsonl is required")

    texts = 0
    size = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for source in SOURCES:
            path = os.path.join(args.shared, source)
            if not os.path.exists(path):
                sys.exit(f"make-corpus.py: {path} not found (pass --shared DIR)")
            n = 0
            with open(path, encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    out.write(json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n")
                    n += 1
                    size += len(record["text"].encode("utf-8"))
            print(f"make-corpus.py: {source}: {n} articles", file=sys.stderr)
            texts += n
    if size < MIN_BYTES:
        sys.exit(f"make-corpus.py: only {size} bytes of text, expected at least {MIN_BYTES}")
    print(f"{args.out}: {texts} articles, {size / 1e6:.2f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
