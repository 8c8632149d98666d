#!/usr/bin/env python3
"""Build a news sentence-boundary check set from the NER data, whose texts have one sentence a line.

  sbd-from-ner.py NER.jsonl [--group 20] > news-sbd.jsonl

The SBD dev sets (GUM, EWT) hold only 2 news documents, so this checks that segmentation rules
tuned there do not hurt news: CoNLL-2003 (Reuters) and GMB (Voice of America) sentences are joined
with one space into running text, as a news article has them, and the original split is the gold
standard. A line that does not end in . ? ! or a closing quote/bracket after one (headlines,
datelines like "LONDON 1996-08-30") stays on a line of its own. GMB records are one sentence each:
--group joins that many consecutive records into a document. Output: the {"id", "text",
"sentences"} JSONL that eval/score_sbd.py reads. The gold split has the NER corpora's own errors,
so compare segmenters on it (ours vs `sbd-predict --icu`) rather than read the figure alone.
"""
import argparse
import json
import re
import sys

ENDS_SENTENCE = re.compile(r"[.?!][\"'”’)\]]*$")


def build(sentences):
    text, spans = "", []
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        if text:
            text += " " if ENDS_SENTENCE.search(text) else "\n"
        spans.append([len(text), len(text) + len(s)])
        text += s
    return text, spans


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ner")
    ap.add_argument("--group", type=int, default=1, help="join this many consecutive records (GMB: 20)")
    a = ap.parse_args()
    with open(a.ner, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    for i in range(0, len(records), a.group):
        chunk = records[i:i + a.group]
        text, spans = build([s for r in chunk for s in r["text"].split("\n")])
        if spans:
            print(json.dumps({"id": chunk[0]["id"], "text": text, "sentences": spans}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
