#!/usr/bin/env python3
"""The Python module's nlp.pipe with jobs=1 and jobs=2 taking turns, on 1,000 articles of the bench
corpus (every eighth article of bench/peers/make-corpus.py's, so CoNLL-2003 and the topics sets
alike): wall time of each run, the medians and their ratio, and the median CPU time of the
process (user + system: the workers' analysis and the calling thread's work) and of the calling
thread alone (turning each result's JSON into a dict, which holds the GIL). Whole default
pipeline, results consumed as dicts. With --bin, the binary's --jobs 2 against --jobs 1 on the same articles (JSONL
in and out) takes turns with them: what the machine allows two threads in the same run.

    PYTHONPATH=build/python python3 bench/python-pipe.py [--runs 5] [--articles 1000] [--bin build/analyze]
        [--shared ../shared/data]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def articles(shared, count):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "peers", "make-corpus.py"), "--shared", shared, corpus],
                       check=True, stderr=subprocess.DEVNULL)
        with open(corpus, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
    return [(r["id"], r["text"]) for r in records[::8][:count]]


def cpu_time(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--bin", help="the analyze binary, for the reference ratio")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "data"))
    args = ap.parse_args()
    import analyze  # here, so that other benches can borrow articles() with another build's module
    texts = articles(args.shared, args.articles)
    words = sum(len(t.split()) for _, t in texts)
    nlp = analyze.Pipeline()
    runners = {"jobs=1": lambda: sum(1 for _ in nlp.pipe(texts, jobs=1)),
               "jobs=2": lambda: sum(1 for _ in nlp.pipe(texts, jobs=2))}
    if args.bin:
        jsonl = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts).encode()
        for jobs in (1, 2):
            runners["binary --jobs %d" % jobs] = lambda jobs=jobs: subprocess.run(
                [args.bin, "--input-format", "jsonl", "--format", "jsonl", "--no-progress", "--jobs", str(jobs), "-"],
                input=jsonl, stdout=subprocess.PIPE, check=True).stdout.count(b"\n")
    times = {name: [] for name in runners}
    cpu = {name: [] for name in runners}
    caller = {name: [] for name in runners}
    for _ in range(args.runs):
        for name, run in runners.items():
            who = resource.RUSAGE_CHILDREN if name.startswith("binary") else resource.RUSAGE_SELF
            cpu_before, thread_before, start = cpu_time(who), time.thread_time(), time.perf_counter()
            n = run()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(cpu_time(who) - cpu_before)
            caller[name].append(time.thread_time() - thread_before)
            assert n == len(texts), (name, n)
    print("%d articles, %d words, %d runs each, taking turns" % (len(texts), words, args.runs))
    for name, t in times.items():
        print("%s: median %.3f s (runs %s); CPU median %.3f s, of it the calling thread %.3f s" % (
            name, statistics.median(t), ", ".join("%.3f" % x for x in t), statistics.median(cpu[name]),
            0.0 if name.startswith("binary") else statistics.median(caller[name])))
    ratio = lambda one, two: statistics.median(times[one]) / statistics.median(times[two])
    print("nlp.pipe jobs=2 against jobs=1: %.2fx" % ratio("jobs=1", "jobs=2"))
    if args.bin:
        print("binary --jobs 2 against --jobs 1: %.2fx" % ratio("binary --jobs 1", "binary --jobs 2"))

if __name__ == "__main__":
    main()
