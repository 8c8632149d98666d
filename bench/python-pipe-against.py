#!/usr/bin/env python3
"""The Python module of a baseline build against this build's, taking turns: nlp.pipe with jobs=1
and jobs=2 over the 1,000 articles of bench/python-pipe.py, each run in a fresh process that imports
the module from the folder given. Prints per build and jobs the median wall time, the process's CPU
time and the calling thread's CPU time (the part that holds the GIL), and each build's
jobs=2 against jobs=1 ratio.

    python3 bench/python-pipe-against.py --baseline OLD/build/python [--new build/python] [--runs 3]
        [--data-dir data] [--shared ../shared/data]
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

ONE_RUN = r'''
import json, sys, time
import analyze
texts = [(r["id"], r["text"]) for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
nlp = analyze.Pipeline(data_dir=sys.argv[3])
wall, cpu, caller = time.perf_counter(), time.process_time(), time.thread_time()
n = sum(1 for _ in nlp.pipe(texts, jobs=int(sys.argv[2])))
assert n == len(texts)
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - caller]))
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", required=True, help="the folder holding the baseline's analyze module")
    ap.add_argument("--new", default=os.path.join(HERE, "..", "build", "python"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data-dir", default=os.path.join(HERE, "..", "data"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "data"))
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("python_pipe", os.path.join(HERE, "python-pipe.py"))
    python_pipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(python_pipe)
    builds = {"baseline": args.baseline, "new": args.new}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "articles.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for i, t in python_pipe.articles(args.shared, 1000):
                f.write(json.dumps({"id": i, "text": t}) + "\n")
        for _ in range(args.runs):
            for name, folder in builds.items():
                for jobs in (1, 2):
                    out = subprocess.run([sys.executable, "-c", ONE_RUN, corpus, str(jobs), args.data_dir], check=True,
                                         env=dict(os.environ, PYTHONPATH=folder), capture_output=True, text=True).stdout
                    results.setdefault((name, jobs), []).append(json.loads(out))
    for (name, jobs), runs in sorted(results.items()):
        wall, cpu, caller = (statistics.median(r[i] for r in runs) for i in range(3))
        print("%s jobs=%d: median %.3f s (runs %s); CPU %.3f s, of it the calling thread %.3f s" % (
            name, jobs, wall, ", ".join("%.3f" % r[0] for r in runs), cpu, caller))
    for name in builds:
        one, two = (statistics.median(r[0] for r in results[(name, j)]) for j in (1, 2))
        print("%s: jobs=2 against jobs=1 %.2fx" % (name, one / two))


if __name__ == "__main__":
    main()
