"""Rank candidates by how likely this curator is to highlight them.

The log's papers are the positives; other ingested papers are the background.
Two rankers share one interface (``fit_rank``):

``baseline``
    The arxiv-sanity-lite method: tf-idf over title and abstract (word 1-2-grams,
    sublinear tf, English stop words, its max_df/min_df/max_features settings) and a
    linear SVM with balanced class weights (C=0.01), positives against *all* other
    ingested papers; the score is the SVM's decision function.

``default``
    What measurably beats it on ``benchmarks/discover_eval.py`` (see docs/discover.md):
    hashed unigram tf-idf (title counted twice, comments included) and an SVM against the
    candidates plus a bounded background sample, added (z-scored) to an age prior learned
    from how old papers are when this log takes them. Nearest-neighbour similarity and
    category/author priors are there as options, off: they did not help on the evaluation.

Both keep the fitted vectoriser and weights so ``explain`` can say, for a result,
which logged paper it is closest to (cosine) and which terms weighed most.

This module is the two models and their result; what they read is ``docs`` (``Doc``),
their text features ``features`` and their other scores ``priors``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from paperweek.discover.docs import Doc, doc_from_candidate, doc_from_paper, split_authors
from paperweek.discover.features import HashedTfidf, VocabularyNames, content_word
from paperweek.discover.priors import age_prior, knn_similarity, label_prior, recency_weights, zscore

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "ABLATIONS", "METHODS", "DefaultSettings", "Doc", "Explanation", "Ranking", "doc_from_candidate",
    "doc_from_paper", "fit_rank", "rank_baseline", "rank_default",
]

METHODS = ("default", "baseline")


@dataclass
class Explanation:
    """Why a candidate ranks where it does."""

    closest_id: str
    closest_title: str
    similarity: float
    terms: list[str]


@dataclass
class Ranking:
    """Scores for the candidates (same order as given) and what explains them."""

    method: str
    candidates: list[Doc]
    scores: npt.NDArray[np.float64]
    fit_seconds: float
    positives: list[Doc] = field(default_factory=list)
    _vectorizer: Any = None  # has .names(doc, columns) -> {column: term}
    _cand_x: Any = None
    _pos_x: Any = None
    _weights: Any = None  # term weights (SVM coefficients), aligned with the vectoriser's vocabulary

    def order(self) -> list[int]:
        """Candidate indices, best first (ties: newer first, then id)."""
        scores = [float(v) for v in self.scores]
        cands = self.candidates
        return sorted(range(len(cands)), key=lambda i: (-scores[i], _neg_date(cands[i].released), cands[i].id))

    def explain(self, index: int, n_terms: int = 5) -> Explanation | None:
        """The logged paper closest to candidate ``index`` and the terms that weighed most for it."""
        import numpy as np

        if self._cand_x is None or self._pos_x is None or self._pos_x.shape[0] == 0:
            return None
        row = self._cand_x[index]
        sims = (self._pos_x @ row.T).toarray().ravel()
        best = int(np.argmax(sims))
        terms: list[str] = []
        if self._weights is not None and row.nnz:
            contrib = row.data * self._weights[row.indices]
            best_cols = [int(row.indices[j]) for j in np.argsort(-contrib) if contrib[j] > 0]
            names = self._vectorizer.names(self.candidates[index], best_cols)
            terms = [names[c] for c in best_cols if c in names and content_word(names[c])][:n_terms]
        return Explanation(
            closest_id=self.positives[best].id,
            closest_title=self.positives[best].title,
            similarity=float(sims[best]),
            terms=terms,
        )


def _neg_date(released: str) -> int:
    return -int(released.replace("-", "")) if released[:4].isdigit() else 0


# --- the baseline: arxiv-sanity-lite ---------------------------------------

_TOKEN = r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b"


def rank_baseline(
    positives: Sequence[Doc],
    candidates: Sequence[Doc],
    background: Sequence[Doc] = (),
    as_of: dt.date | None = None,
) -> Ranking:
    """arxiv-sanity-lite: tf-idf (1-2-grams) + LinearSVC(balanced, C=0.01), positives vs all others."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    start = time.perf_counter()
    docs = [*positives, *candidates, *background]
    n_pos, n_cand = len(positives), len(candidates)
    # arxiv-sanity-lite's compute.py settings; min_df/max_df relaxed for tiny corpora
    small = len(docs) < 1000
    vectorizer = TfidfVectorizer(
        strip_accents="unicode",
        lowercase=True,
        analyzer="word",
        stop_words="english",
        token_pattern=_TOKEN,
        ngram_range=(1, 2),
        max_features=20000,
        norm="l2",
        use_idf=True,
        smooth_idf=True,
        sublinear_tf=True,
        max_df=1.0 if small else 0.1,
        min_df=1 if small else 5,
        dtype=np.float32,
    )
    x = vectorizer.fit_transform([d.text for d in docs])
    y = np.zeros(len(docs), dtype=np.int8)
    y[:n_pos] = 1
    weights = None
    if n_pos and len(docs) > n_pos:
        clf = LinearSVC(class_weight="balanced", max_iter=10000, tol=1e-6, C=0.01, random_state=0)
        clf.fit(x, y)
        scores = clf.decision_function(x[n_pos : n_pos + n_cand]).astype(np.float64)
        weights = clf.coef_.ravel()
    else:
        scores = np.zeros(n_cand)
    return Ranking(
        method="baseline",
        candidates=list(candidates),
        scores=scores,
        fit_seconds=time.perf_counter() - start,
        positives=list(positives),
        _vectorizer=VocabularyNames(vectorizer),
        _cand_x=x[n_pos : n_pos + n_cand],
        _pos_x=x[:n_pos],
        _weights=weights,
    )


# --- the default -------------------------------------------------------------


@dataclass(frozen=True)
class DefaultSettings:
    """Knobs of the default ranker (the values shipped are the ones the evaluation chose)."""

    background: int = 2000  # background papers sampled besides the candidates
    svm_c: float = 0.1
    knn: int = 3  # mean of the k best cosine similarities to the logged papers
    w_svm: float = 1.0
    w_knn: float = 0.0
    w_cat: float = 0.0
    w_author: float = 0.0
    w_age: float = 1.5  # prior on a candidate's age, learned from how old papers are when logged
    ngrams: int = 1
    min_df: int = 2
    title_twice: bool = True  # the title counts twice (curators highlight what a title promises)
    use_extra: bool = True  # comments (code links, venues) are part of the text
    half_life: float = 180.0  # days: a logged paper's weight halves with each half-life of age (0: off)
    max_positives: int = 0  # learn from the most recently logged N papers only (0: all)
    knn_recent: int = 0  # nearest neighbours among the N most recently logged papers only (0: all)
    w_cand_neg: float = 1.0  # weight of the (unlabelled) candidates as negatives; the background counts 1


# Variants of the default that each drop or change one component (benchmarks/discover_eval.py --ablation)
ABLATIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "age-prior-only": {"w_svm": 0.0},
    "no-age-prior": {"w_age": 0.0},
    "no-recency-weights": {"half_life": 0.0},
    "+knn": {"w_knn": 0.5},
    "+author-prior": {"w_author": 0.3},
}


def rank_default(
    positives: Sequence[Doc],
    candidates: Sequence[Doc],
    background: Sequence[Doc] = (),
    as_of: dt.date | None = None,
    settings: DefaultSettings | None = None,
) -> Ranking:
    """SVM + nearest-neighbour similarity + category and age priors, z-scored and added.

    ``as_of`` is the day the ranking is for (the end of the current week); a candidate's
    age is counted from it, a logged paper's from the last day of its week.
    """
    import numpy as np
    from sklearn.svm import LinearSVC

    s = settings or DefaultSettings()
    start = time.perf_counter()
    if s.max_positives and len(positives) > s.max_positives:
        positives = sorted(positives, key=lambda d: d.logged, reverse=True)[: s.max_positives]
    background = list(background)[: s.background]
    docs = [*positives, *candidates, *background]
    n_pos, n_cand = len(positives), len(candidates)
    small = len(docs) < 200
    vectorizer = HashedTfidf(
        ngrams=s.ngrams, min_df=1 if small else s.min_df, max_df=1.0 if small else 0.5, extra=s.use_extra,
        title_twice=s.title_twice,
    )
    x = vectorizer.fit_transform(docs)
    pos_x, cand_x = x[:n_pos], x[n_pos : n_pos + n_cand]
    parts: list[tuple[float, npt.NDArray[np.float64]]] = []
    weights = None
    if n_pos and len(docs) > n_pos:
        y = np.zeros(len(docs), dtype=np.int8)
        y[:n_pos] = 1
        clf = LinearSVC(class_weight="balanced", C=s.svm_c, max_iter=5000, tol=1e-4, random_state=0)
        sample = recency_weights(positives, len(docs), as_of, s.half_life)
        if s.w_cand_neg != 1.0:
            sample = np.ones(len(docs)) if sample is None else sample
            sample[n_pos : n_pos + n_cand] = s.w_cand_neg
        clf.fit(x, y, sample_weight=sample)
        weights = clf.coef_.ravel()
        parts.append((s.w_svm, np.asarray(cand_x @ weights, dtype=np.float64).ravel()))
    if n_pos and s.w_knn:
        recent = pos_x
        if s.knn_recent and n_pos > s.knn_recent:
            order = np.argsort([d.logged for d in positives])[::-1][: s.knn_recent]
            recent = pos_x[np.sort(order)]
        parts.append((s.w_knn, knn_similarity(cand_x, recent, s.knn)))
    if n_pos and s.w_cat:
        parts.append((s.w_cat, label_prior([d.categories for d in positives], [d.categories for d in docs[n_pos:]],
                                      [d.categories for d in candidates])))
    if n_pos and s.w_author:
        parts.append((s.w_author, label_prior([split_authors(d.authors) for d in positives],
                                         [split_authors(d.authors) for d in docs[n_pos:]],
                                         [split_authors(d.authors) for d in candidates])))
    if n_pos and s.w_age:
        prior = age_prior(positives, candidates, as_of)
        if prior is not None:
            parts.append((s.w_age, prior))
    scores = np.zeros(n_cand)
    for weight, values in parts:
        scores += weight * zscore(values)
    return Ranking(
        method="default",
        candidates=list(candidates),
        scores=scores,
        fit_seconds=time.perf_counter() - start,
        positives=list(positives),
        _vectorizer=vectorizer,
        _cand_x=cand_x,
        _pos_x=pos_x,
        _weights=weights,
    )


def fit_rank(
    method: str,
    positives: Sequence[Doc],
    candidates: Sequence[Doc],
    background: Sequence[Doc] = (),
    as_of: dt.date | None = None,
) -> Ranking:
    """Rank ``candidates`` by ``method`` (``default`` or ``baseline``)."""
    if method == "baseline":
        return rank_baseline(positives, candidates, background, as_of)
    if method == "default":
        return rank_default(positives, candidates, background, as_of)
    raise ValueError(f"unknown ranking method {method!r}; use one of {', '.join(METHODS)}")
