#!/usr/bin/python3
"""What standard bag-of-words classifiers reach on the topics data: a reference for docs/ACCURACY.md.

Trains scikit-learn models on ../shared/data/topics (the training files only) and prints IPTC
level-1 top-1 accuracy on topics_dev.jsonl and topics_dev_extra.jsonl, overall and per source:

- a linear SVM over tf-idf word unigrams + bigrams (sublinear tf, L2-normalised), trained on
  (a) all training files, each source weighted by the square root of its size as
      tools/train-topics does, (b) every source weighted equally, (c) AG's News + BBC only
      (topics_train.jsonl), the two sources of topics_dev;
- multinomial naive Bayes over word counts on topics_train.jsonl, the issue's "naive Bayes probe";
- with --strong, two stronger models on all training files (sqrt(size) weights): the SVM with
  character 2-5-grams within words added to the word features, and NBSVM (Wang & Manning 2012: each
  one-vs-rest SVM over features scaled by their naive Bayes log-count ratio) over the same features.
  They take about ten minutes more.

It answers whether analyze's own classifier leaves accuracy on the table that a standard linear
model would find; with --bin, analyze's own first level-1 topic is scored the same way, per source.
Needs python3-sklearn (Debian); not part of the build or the tests.

  /usr/bin/python3 tools/topics-linear-reference.py [--data ../shared/data/topics] [--c 0.3] [--bin build/analyze] [--strong]
"""
import argparse
import collections
import json
import subprocess
import sys

try:
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.svm import LinearSVC
except ImportError as e:
    sys.exit(f"topics-linear-reference.py: {e.name} is missing: apt-get install python3-sklearn, "
             "and run this with /usr/bin/python3")


def load(path):
    texts, labels, sources = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts.append(d["text"])
            labels.append(d["labels"][0])  # every item has exactly one level-1 code, listed first
            sources.append(d["id"].split("-")[0])
    return texts, np.array(labels), np.array(sources)


def source_weights(sources, power):
    """Each source weighs its size to `power`, shared equally by its documents; mean weight 1."""
    size = collections.Counter(sources)
    w = np.array([size[s] ** power / size[s] for s in sources])
    return w / w.mean()


def report(name, predict, dev_sets):
    cells = []
    for texts, gold, sources in dev_sets:
        pred = predict(texts)
        per_source = " ".join(f"{s} {np.mean(pred[sources == s] == gold[sources == s]):.4f}"
                              for s in sorted(set(sources)))
        cells.append(f"{np.mean(pred == gold):.4f} ({per_source})")
    print(f"{name:<44} topics_dev {cells[0]:<42} topics_dev_extra {cells[1]}", flush=True)


def analyze_predictions(binary, texts):
    """analyze's best level-1 topic for each text ("" when it gives none); ties go to the lowest
    code, as in ../shared/eval/score_topics.py."""
    records = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    # All stages, as ../shared/eval/run_eval.py runs it (boilerplate marks text the topics skip).
    out = subprocess.run([binary, "--format", "jsonl", "--input-format", "jsonl", "-"], input=records,
                         capture_output=True, text=True, check=True).stdout
    best = {}
    for line in out.splitlines():
        d = json.loads(line)
        level1 = [(-t["score"], t["code"]) for t in d.get("topics", []) if t["level"] == 1]
        best[d["id"]] = min(level1)[1] if level1 else ""
    return np.array([best[str(i)] for i in range(len(texts))])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data/topics")
    ap.add_argument("--c", type=float, default=0.3, help="the SVM's C, the same for every training mix")
    ap.add_argument("--bin", help="an analyze binary to score the same way, for comparison")
    ap.add_argument("--strong", action="store_true", help="also the word + character n-gram SVM and NBSVM")
    args = ap.parse_args()

    base = load(f"{args.data}/topics_train.jsonl")
    extra = load(f"{args.data}/topics_train_extra.jsonl")
    dev_sets = [load(f"{args.data}/topics_dev.jsonl"), load(f"{args.data}/topics_dev_extra.jsonl")]
    if args.bin:
        report("analyze", lambda t: analyze_predictions(args.bin, t), dev_sets)
    texts = base[0] + extra[0]
    labels = np.concatenate([base[1], extra[1]])
    sources = np.concatenate([base[2], extra[2]])

    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                            token_pattern=r"(?u)\b\w[\w'-]*\b")
    X = tfidf.fit_transform(texts)
    in_base = np.isin(sources, sorted(set(base[2])))
    mixes = [
        ("SVM, all sources, sqrt(size) weights", np.ones(len(labels), bool), source_weights(sources, 0.5)),
        ("SVM, all sources, equal weights", np.ones(len(labels), bool), source_weights(sources, 0.0)),
        ("SVM, AG's News + BBC only", in_base, None),
    ]
    for name, rows, weights in mixes:
        svm = LinearSVC(C=args.c).fit(X[rows], labels[rows], sample_weight=weights)
        report(name, lambda t: svm.predict(tfidf.transform(t)), dev_sets)

    counts = CountVectorizer(token_pattern=r"(?u)\b\w[\w'-]*\b")
    nb = MultinomialNB().fit(counts.fit_transform(base[0]), base[1])
    report("naive Bayes, AG's News + BBC only", lambda t: nb.predict(counts.transform(t)), dev_sets)
    if args.strong:
        strong_models(texts, labels, source_weights(sources, 0.5), dev_sets)


def strong_models(texts, labels, weights, dev_sets):
    """The SVM over word 1-2-grams plus character 2-5-grams within words, and NBSVM over the same."""
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True)
    X = sp.hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    features = lambda t: sp.hstack([words.transform(t), chars.transform(t)]).tocsr()
    for c in (0.1, 0.3):
        svm = LinearSVC(C=c).fit(X, labels, sample_weight=weights)
        report(f"SVM, words + characters, C {c}", lambda t: svm.predict(features(t)), dev_sets)
    classes = np.unique(labels)
    present = (X > 0).astype(np.float64)
    scalings, models = [], []
    for c in classes:
        y = labels == c
        p = np.asarray(present[y].sum(0)).ravel() + 1
        q = np.asarray(present[~y].sum(0)).ravel() + 1
        scale = sp.diags(np.log((p / p.sum()) / (q / q.sum())))
        scalings.append(scale)
        models.append(LinearSVC(C=0.1).fit(X @ scale, y, sample_weight=weights))

    def nbsvm(t):
        F = features(t)
        margins = np.column_stack([m.decision_function(F @ s) for m, s in zip(models, scalings)])
        return classes[margins.argmax(1)]

    report("NBSVM, words + characters, C 0.1", nbsvm, dev_sets)


if __name__ == "__main__":
    main()
