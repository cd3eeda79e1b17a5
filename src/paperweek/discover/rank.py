"""Rank candidates by how likely this curator is to highlight them.

The log's papers are the positives; other ingested papers are the background.
Two rankers share one interface (``fit_rank``):

``baseline``
    The arxiv-sanity-lite method: tf-idf over title and abstract (word 1-2-grams,
    sublinear tf, English stop words, its max_df/min_df/max_features settings) and a
    linear SVM with balanced class weights (C=0.01), positives against *all* other
    ingested papers; the score is the SVM's decision function.

``default``
    Several views of a candidate (``views``: a text SVM on hashed unigram tf-idf against the
    candidates plus a bounded background sample, an age prior, nearest neighbours, author and
    category priors), z-scored and added with weights that this log's own backtest chose
    (``backtest``: replay the log's recent weeks); the text model alone when the log's
    history is too short to trust.

Both keep the fitted vectoriser and weights so ``explain`` can say, for a result,
which logged paper it is closest to (cosine) and which terms weighed most.

This module is the two models and their result; what they read is ``docs`` (``Doc``),
their text features ``features``, their views ``views`` and the weights ``backtest``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from paperweek.discover.backtest import HALF_LIVES, Choice, choose, replay_ends
from paperweek.discover.docs import Doc, doc_from_candidate, doc_from_paper
from paperweek.discover.features import VocabularyNames, content_word
from paperweek.discover.views import SVM_C, VIEWS, Space, combine

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "ABLATIONS", "METHODS", "Choice", "DefaultSettings", "Doc", "Explanation", "Ranking", "doc_from_candidate",
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
    choice: Choice | None = None  # the default: which views this log's backtest chose
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
    """Knobs of the default ranker that are not learned per log (costs, and what the ablations narrow)."""

    background: int = 2000  # background papers sampled besides the candidates
    max_positives: int = 5000  # cost cap: learn from the most recently logged 5,000 papers
    views: tuple[str, ...] = VIEWS  # views the backtest may switch on (the text model is always on)
    half_lives: tuple[float, ...] = HALF_LIVES  # recency half-lives the backtest chooses from
    svm_c: float = SVM_C  # the text SVM's regularisation
    svm_cs: tuple[float, ...] = (0.0,)  # C values the backtest chooses from (0: svm_c)
    ngrams: int = 1  # word n-grams of the tf-idf space (2: pairs too, stop words dropped first)
    backtest: bool = True  # False: the plain text model, as when the history is too short


# Variants of the default that each drop one view from the backtest's choice (benchmarks/discover_eval.py)
ABLATIONS: dict[str, dict[str, Any]] = {
    "default": {},
    **{f"no-{v}": {"views": tuple(x for x in VIEWS if x != v)} for v in VIEWS[1:]},
    "no-recency": {"half_lives": (0.0,)},
    "text-only": {"backtest": False},
}


def rank_default(
    positives: Sequence[Doc],
    candidates: Sequence[Doc],
    background: Sequence[Doc] = (),
    as_of: dt.date | None = None,
    settings: DefaultSettings | None = None,
    history: Sequence[Doc] = (),
    window_days: int = 21,
) -> Ranking:
    """The views (``views``) of the candidates, weighted as this log's own backtest chose.

    ``as_of`` is the day the ranking is for (the end of the current week); ``history`` the
    cached papers listed in the replayed weeks' windows (``backtest.replay_ends``), each
    window ``window_days`` long like the one ranked.
    """
    s = settings or DefaultSettings()
    start = time.perf_counter()
    if s.max_positives and len(positives) > s.max_positives:
        positives = sorted(positives, key=lambda d: d.logged, reverse=True)[: s.max_positives]
    background = list(background)[: s.background]
    cand_ids = {d.id for d in candidates}
    history = [d for d in history if d.id not in cand_ids]
    docs = [*positives, *candidates, *background, *history]
    n_pos, n_cand, n_bg = len(positives), len(candidates), len(background)
    space = Space(docs, svm_c=s.svm_c, ngrams=s.ngrams)
    pos = list(range(n_pos))
    cands = list(range(n_pos, n_pos + n_cand))
    bg = list(range(n_pos + n_cand, n_pos + n_cand + n_bg))
    choice = Choice(fallback="chosen so (--method default without the backtest)")
    if s.backtest and as_of is not None:
        ends = replay_ends(positives, as_of)
        listed = cands + list(range(n_pos + n_cand + n_bg, len(docs)))
        choice = choose(space, pos, listed, bg, ends, window_days, s.views, s.half_lives, s.svm_cs)
    views = space.views(pos, cands, bg, as_of, choice.half_life, svm_c=choice.svm_c or None)
    return Ranking(
        method="default",
        candidates=list(candidates),
        scores=combine(views, choice.weights, n_cand),
        fit_seconds=time.perf_counter() - start,
        positives=list(positives),
        choice=choice,
        _vectorizer=space.vectorizer,
        _cand_x=space.x[n_pos : n_pos + n_cand],
        _pos_x=space.x[:n_pos],
        _weights=views.weights,
    )


def fit_rank(
    method: str,
    positives: Sequence[Doc],
    candidates: Sequence[Doc],
    background: Sequence[Doc] = (),
    as_of: dt.date | None = None,
    history: Sequence[Doc] = (),
    window_days: int = 21,
) -> Ranking:
    """Rank ``candidates`` by ``method`` (``default`` or ``baseline``)."""
    if method == "baseline":
        return rank_baseline(positives, candidates, background, as_of)
    if method == "default":
        return rank_default(positives, candidates, background, as_of, history=history, window_days=window_days)
    raise ValueError(f"unknown ranking method {method!r}; use one of {', '.join(METHODS)}")
