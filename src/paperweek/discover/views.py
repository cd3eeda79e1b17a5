"""The default ranker's views of a candidate, each a score over the candidates of one window.

``text``        a linear SVM on hashed tf-idf, logged papers against the window's candidates and a
                background sample, logged papers weighted by recency (a half-life, learned per log);
``age``         how old papers are when this log takes them, against the candidates' ages;
``knn``         mean cosine to the closest recently logged papers;
``authors``     smoothed log-odds of the candidate's authors among logged papers vs all others;
``categories``  the same for arXiv categories.

One tf-idf space is fitted over every document of a ranking (logged papers, the window's
candidates, the background and, for the backtest, the earlier windows' candidates), so the
backtest's replayed weeks and the ranking itself share it; each view is then computed on row
subsets. ``Space.views`` is what both ``rank.rank_default`` and ``backtest`` call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from paperweek.discover.docs import Doc, split_authors
from paperweek.discover.features import HashedTfidf
from paperweek.discover.priors import age_prior, knn_similarity, label_prior, recency_weights, zscore

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

VIEWS = ("text", "age", "knn", "authors", "categories")
SVM_C = 0.1
KNN_K = 3
KNN_RECENT = 1000  # cost cap: nearest neighbours among the most recently logged 1,000 papers


@dataclass
class Views:
    """Each view's scores over one window's candidates (views that could not be computed are absent)."""

    scores: dict[str, npt.NDArray[np.float64]]
    weights: Any = None  # the text SVM's term weights (for --explain)


class Space:
    """One tf-idf space over ``docs``; views are computed on row index lists into it."""

    def __init__(self, docs: Sequence[Doc], *, min_df: int = 2, svm_c: float = SVM_C, ngrams: int = 1) -> None:
        small = len(docs) < 200
        self.svm_c = svm_c
        self.docs = list(docs)
        self.vectorizer = HashedTfidf(ngrams=ngrams, min_df=1 if small else min_df, max_df=1.0 if small else 0.5)
        self.x = self.vectorizer.fit_transform(self.docs)
        self.authors = [split_authors(d.authors) for d in self.docs]  # split once: the backtest reuses them

    def text(self, pos: Sequence[int], cands: Sequence[int], background: Sequence[int], as_of: dt.date | None,
             half_life: float, svm_c: float | None = None) -> tuple[npt.NDArray[np.float64], Any]:
        """The SVM's scores on ``cands`` and its term weights (positives vs candidates + background)."""
        import numpy as np
        from sklearn.svm import LinearSVC

        rows = np.asarray([*pos, *cands, *background], dtype=np.int64)
        y = np.zeros(len(rows), dtype=np.int8)
        y[: len(pos)] = 1
        sample = recency_weights([self.docs[i] for i in pos], len(rows), as_of, half_life)
        clf = LinearSVC(class_weight="balanced", C=svm_c or self.svm_c, max_iter=5000, tol=1e-4, random_state=0)
        clf.fit(self.x[rows], y, sample_weight=sample)
        weights = clf.coef_.ravel()
        cand_x = self.x[np.asarray(cands, dtype=np.int64)]
        return np.asarray(cand_x @ weights, dtype=np.float64).ravel(), weights

    def views(self, pos: Sequence[int], cands: Sequence[int], background: Sequence[int], as_of: dt.date | None,
              half_life: float, svm_c: float | None = None) -> Views:
        """Every view of ``cands`` learned from ``pos``."""
        import numpy as np

        out: dict[str, npt.NDArray[np.float64]] = {}
        if not pos or not cands:
            return Views(out)
        out["text"], weights = self.text(pos, cands, background, as_of, half_life, svm_c)
        pdocs = [self.docs[i] for i in pos]
        cdocs = [self.docs[i] for i in cands]
        others = [*cands, *background]
        age = age_prior(pdocs, cdocs, as_of)
        if age is not None:
            out["age"] = age
        recent = sorted(pos, key=lambda i: self.docs[i].logged, reverse=True)[:KNN_RECENT]
        out["knn"] = knn_similarity(self.x[np.asarray(cands)], self.x[np.asarray(recent)], KNN_K)
        a, docs = self.authors, self.docs
        out["authors"] = label_prior([a[i] for i in pos], [a[i] for i in others], [a[i] for i in cands])
        out["categories"] = label_prior([docs[i].categories for i in pos], [docs[i].categories for i in others],
                                        [docs[i].categories for i in cands])
        return Views(out, weights)


def combine(views: Views, weights: dict[str, float], n: int) -> npt.NDArray[np.float64]:
    """Sum of the z-scored views, each times its weight (views absent or weighted 0 are skipped)."""
    import numpy as np


    scores = np.zeros(n)
    for name, w in weights.items():
        if w and name in views.scores:
            scores += w * zscore(views.scores[name])
    return scores
