#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
# themes_peer.py: the peer of `cabildo themes evaluate` for bench/themes.sh:
# TF-IDF (word 1-2 grams, sublinear tf) + LinearSVC from scikit-learn, on
# the very split cabildo used (its --split-out TSV: fold, label, text).
# Prints the same one line as cabildo.
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC


def run(train_x, train_y, test_x):
    t0 = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    xtr = vec.fit_transform(train_x)
    clf = LinearSVC()
    clf.fit(xtr, train_y)
    t1 = time.perf_counter()
    scores = clf.decision_function(vec.transform(test_x))
    t2 = time.perf_counter()
    return clf.classes_, scores, (t1 - t0) * 1e3, (t2 - t1) * 1e3


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            fold, label, text = line.rstrip("\n").split("\t", 2)
            rows.append((fold, label, text))
    folds = sorted({r[0] for r in rows})
    if folds == ["test", "train"]:
        plan = [("test",)]
    else:
        plan = [(k,) for k in folds]
    truth, pred, top3, train_ms, predict_ms = [], [], 0, 0.0, 0.0
    for (held,) in plan:
        tr = [r for r in rows if r[0] != held]
        te = [r for r in rows if r[0] == held]
        classes, scores, a, b = run([r[2] for r in tr], [r[1] for r in tr],
                                    [r[2] for r in te])
        train_ms += a
        predict_ms += b
        if scores.ndim == 1:  # two classes
            scores = np.vstack([-scores, scores]).T
        order = np.argsort(-scores, axis=1)
        for i, r in enumerate(te):
            ranked = [classes[j] for j in order[i][:3]]
            truth.append(r[1])
            pred.append(ranked[0])
            top3 += r[1] in ranked
    n = len(truth)
    top1 = sum(t == p for t, p in zip(truth, pred)) / n
    f1 = f1_score(truth, pred, average="macro")
    print("top1=%.3f top3=%.3f macro_f1=%.3f train_ms=%.0f predict_ms=%.0f"
          % (top1, top3 / n, f1, train_ms, predict_ms))


if __name__ == "__main__":
    main()
