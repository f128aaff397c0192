"""The anchor of the ranking benchmark: arxiv-sanity-lite's method, run by scikit-learn itself.

Reads from stdin {"dataFile": path, "pairs": [{"seen": [ids], "saved": [ids], "hidden": [ids],
"evaluation": [ids]}]} and writes one JSON line {"scores": [[...], ...]} (decision values of the
evaluation papers, per pair). For each pair the tf-idf is fitted on the papers the reader's site
holds (the 20 training days and the evaluation day), as arxiv-sanity fits it on its whole
database; the SVM learns saved (+1) against hidden (-1). Settings as arxiv-sanity-lite's
compute.py and serve.py: title + abstract + authors, English stop words, unigrams and bigrams,
sublinear tf, at most 20,000 features, min_df 5, max_df 0.1; LinearSVC(C=0.01, balanced).
Run with Debian's /usr/bin/python3 (python3-sklearn).
"""
import gzip
import json
import sys

import numpy as np
from sklearn import svm
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    request = json.load(sys.stdin)
    papers = {}
    with gzip.open(request["dataFile"], "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                paper = json.loads(line)
                papers[paper["id"]] = " ".join([paper["title"], paper["abstract"], ", ".join(paper["authors"])])
    out = []
    for pair in request["pairs"]:
        corpus_ids = pair["seen"] + pair["evaluation"]
        vectorizer = TfidfVectorizer(
            input="content", encoding="utf-8", decode_error="replace", strip_accents="unicode", lowercase=True,
            analyzer="word", stop_words="english", token_pattern=r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b", ngram_range=(1, 2),
            max_features=20000, norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True, max_df=0.1, min_df=5,
        )
        matrix = vectorizer.fit_transform([papers[i] for i in corpus_ids])
        row = {paper_id: index for index, paper_id in enumerate(corpus_ids)}
        train_ids = pair["saved"] + pair["hidden"]
        labels = np.array([1] * len(pair["saved"]) + [0] * len(pair["hidden"]))
        x_eval = matrix[[row[i] for i in pair["evaluation"]]]
        if len(pair["saved"]) == 0 or len(pair["hidden"]) == 0:
            out.append([0.0] * len(pair["evaluation"]))
            continue
        classifier = svm.LinearSVC(class_weight="balanced", verbose=False, max_iter=10000, tol=1e-6, C=0.01)
        classifier.fit(matrix[[row[i] for i in train_ids]], labels)
        out.append([float(s) for s in classifier.decision_function(x_eval)])
    sys.stdout.write(json.dumps({"scores": out}) + "\n")


main()
