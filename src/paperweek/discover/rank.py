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
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from paperweek.markdown import rough_plain

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from paperweek.discover.ingest import Candidate
    from paperweek.models import Paper

METHODS = ("default", "baseline")


@dataclass(frozen=True)
class Doc:
    """A paper as the rankers see it: plain text plus categories, authors and date."""

    id: str
    title: str
    text: str  # title, summary and abstract, plain text
    categories: tuple[str, ...] = ()
    authors: str = ""  # as arXiv writes them: "A. Smith, B. Jones and C. Wu"
    released: str = ""  # ISO date of v1
    logged: str = ""  # for a logged paper: the last day of its week (ISO)
    extra: str = ""  # comments and other text the default ranker may use


def split_authors(authors: str) -> tuple[str, ...]:
    """``A. Smith, B. Jones and C. Wu`` -> normalised names (lowercase, single spaces)."""
    names = re.split(r",\s*|\s+and\s+", authors)
    return tuple(" ".join(n.lower().split()) for n in names if n.strip())


def doc_from_candidate(c: Candidate) -> Doc:
    title = " ".join(c.title.split())
    return Doc(
        id=c.id,
        title=title,
        text=f"{title}. {c.abstract}",
        categories=tuple(c.categories.split()),
        authors=c.authors,
        released=c.released,
        extra=c.comments,
    )


def doc_from_paper(
    paper: Paper, cached: Candidate | None = None, abstract: str = "", logged: dt.date | None = None
) -> Doc:
    """A logged paper: its title and summary, plus the best abstract known (week file, cache, candidates)."""
    title = rough_plain(paper.title)
    abstract = paper.abstract or abstract or (cached.abstract if cached else "")
    parts = [title, rough_plain(paper.summary), rough_plain(abstract) if paper.abstract else abstract]
    categories = tuple(paper.categories) or (tuple(cached.categories.split()) if cached else ())
    authors = ", ".join(paper.authors) or (cached.authors if cached else "")
    released = paper.released.isoformat() if paper.released else (cached.released if cached else "")
    return Doc(
        id=paper.id,
        title=title,
        text=". ".join(p for p in parts if p),
        categories=categories,
        authors=authors,
        released=released,
        logged=logged.isoformat() if logged else "",
        extra=paper.comments or (cached.comments if cached else ""),
    )


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


# Words of academic prose that say nothing about a paper's subject (beyond English stop words)
_BOILERPLATE_WORDS = """paper papers work works study studies introduce introduces introduced introducing
    propose proposes proposed
    proposing present presents presented presenting approach approaches method methods novel new result results
    show shows shown showed demonstrate demonstrates demonstrated respectively based using use uses used via
    achieve achieves achieved achieving extensive experiment experiments experimental significantly significant
    outperform outperforms outperforming state art existing furthermore moreover additionally addition however
    framework frameworks including include includes key effective effectively performance improve improves
    improved improvement improvements recent recently various different specifically particular conduct conducted
    leverage leverages leveraging enable enables enabling address addresses addressing aim aims provide provides
    providing arxiv http https github com www code available et al pages page figures figure tables table
    comprehensive superior remarkable strong stronger task tasks problem problems challenge challenges challenging
    demonstrating showing designed design specific compared comparison evaluation evaluate evaluated benchmark
    benchmarks accepted conference proceedings"""
BOILERPLATE = frozenset(_BOILERPLATE_WORDS.split())


def content_word(term: str) -> bool:
    """Is ``term`` (a word or an n-gram) about the subject: not only stop words, boilerplate or numbers?"""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = term.lower().split()
    return any(len(w) > 2 and not w.isdigit() and w not in BOILERPLATE and w not in ENGLISH_STOP_WORDS
               and not any(ch.isdigit() for ch in w) for w in words)


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
        _vectorizer=_VocabularyNames(vectorizer),
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
        sample = _recency_weights(positives, len(docs), as_of, s.half_life)
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
        parts.append((s.w_knn, _knn(cand_x, recent, s.knn)))
    if n_pos and s.w_cat:
        parts.append((s.w_cat, _prior([d.categories for d in positives], [d.categories for d in docs[n_pos:]],
                                      [d.categories for d in candidates])))
    if n_pos and s.w_author:
        parts.append((s.w_author, _prior([split_authors(d.authors) for d in positives],
                                         [split_authors(d.authors) for d in docs[n_pos:]],
                                         [split_authors(d.authors) for d in candidates])))
    if n_pos and s.w_age:
        prior = _age_prior(positives, candidates, as_of)
        if prior is not None:
            parts.append((s.w_age, prior))
    scores = np.zeros(n_cand)
    for weight, values in parts:
        scores += weight * _z(values)
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


class _VocabularyNames:
    """Term names of a fitted scikit-learn vectoriser."""

    def __init__(self, vectorizer: Any):
        self.vectorizer = vectorizer

    def names(self, doc: Doc, columns: Sequence[int]) -> dict[int, str]:
        names = self.vectorizer.get_feature_names_out()
        return {c: _term(names[c]) for c in columns}


class HashedTfidf:
    """tf-idf over hashed tokens: no vocabulary dictionary to build, stop words dropped by column.

    Tokens are hashed into 2**20 columns (scikit-learn's HashingVectorizer); columns of
    stop words and those outside [min_df, max_df] are dropped; then sublinear tf, idf and
    l2 norm (TfidfTransformer). Term names for ``--explain`` are found again by hashing
    the tokens of the document being explained.
    """

    N_FEATURES = 1 << 20

    def __init__(self, ngrams: int = 1, min_df: int = 2, max_df: float = 0.5, extra: bool = True,
                 title_twice: bool = True):
        self.ngrams = ngrams
        self.min_df = min_df
        self.max_df = max_df
        self.extra = extra
        self.title_twice = title_twice
        self.keep: Any = None

    def _hasher(self, analyzer: Any) -> Any:
        import numpy as np
        from sklearn.feature_extraction.text import HashingVectorizer

        return HashingVectorizer(
            analyzer=analyzer, n_features=self.N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32
        )

    def text(self, d: Doc) -> str:
        text = f"{d.title}. {d.text}" if self.title_twice else d.text
        return f"{text} {d.extra}" if self.extra and d.extra else text

    def _tokens(self, text: str) -> list[bytes]:
        words: list[bytes] = _ASCII_TOKEN.findall(text.lower().encode("ascii", "ignore"))
        if self.ngrams > 1:
            stop = _stop_words()
            words = [w for w in words if w not in stop]
            return words + [a + b" " + b for a, b in itertools.pairwise(words)]
        return words

    def fit_transform(self, docs: Sequence[Doc]) -> Any:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfTransformer

        raw = self._hasher(self._tokens).transform([self.text(d) for d in docs])
        df = np.bincount(raw.indices, minlength=self.N_FEATURES)
        mask = (df >= self.min_df) & (df <= self.max_df * raw.shape[0])
        mask[_stop_columns(self)] = False
        self.keep = np.flatnonzero(mask)
        counts = raw[:, self.keep]
        return TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32)

    def columns(self, tokens: Sequence[bytes]) -> list[int]:
        """The hashed column of each token."""
        x = self._hasher(lambda t: t).transform([[t] for t in tokens])
        return [int(c) for c in x.indices]

    def names(self, doc: Doc, columns: Sequence[int]) -> dict[int, str]:
        import numpy as np

        tokens = list(dict.fromkeys(self._tokens(self.text(doc))))
        hashed = self.columns(tokens)
        kept = np.searchsorted(self.keep, hashed)
        out: dict[int, str] = {}
        wanted = set(columns)
        for token, h, k in zip(tokens, hashed, kept, strict=True):
            if k < len(self.keep) and self.keep[k] == h and int(k) in wanted:
                out.setdefault(int(k), _term(token))
        return out


_STOP_COLUMNS: dict[int, Any] = {}


def _stop_columns(features: HashedTfidf) -> Any:
    """Hashed columns of the English stop words (cached)."""
    if features.N_FEATURES not in _STOP_COLUMNS:
        import numpy as np

        _STOP_COLUMNS[features.N_FEATURES] = np.array(sorted(set(features.columns(sorted(_stop_words())))))
    return _STOP_COLUMNS[features.N_FEATURES]


_ASCII_TOKEN = re.compile(rb"[a-z_][a-z0-9_]+")
_STOP: frozenset[bytes] | None = None


def _stop_words() -> frozenset[bytes]:
    global _STOP
    if _STOP is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        _STOP = frozenset(w.encode() for w in ENGLISH_STOP_WORDS)
    return _STOP


def _term(name: object) -> str:
    return name.decode() if isinstance(name, bytes) else str(name)


def _days(later: str | dt.date, earlier: str) -> int | None:
    try:
        end = later if isinstance(later, dt.date) else dt.date.fromisoformat(later)
        return (end - dt.date.fromisoformat(earlier)).days
    except ValueError:
        return None


def _age_prior(
    positives: Sequence[Doc], candidates: Sequence[Doc], as_of: dt.date | None
) -> npt.NDArray[np.float64] | None:
    """Log-ratio of how often the log takes papers of a candidate's age to how common that age is.

    A logged paper's age is the days from its v1 to the end of the week it was logged in;
    a candidate's, the days from its v1 to ``as_of``. Ages are capped at 60 days.
    """
    import numpy as np

    pos_ages = [a for d in positives if d.logged and d.released and (a := _days(d.logged, d.released)) is not None]
    if len(pos_ages) < 10:
        return None  # too little to learn from
    if as_of is None:
        latest = max((d.released for d in candidates if d.released), default="")
        if not latest:
            return None
        as_of = dt.date.fromisoformat(latest)
    cap = 60
    cand_ages = [min(cap, max(0, a)) if (a := _days(as_of, d.released)) is not None else cap for d in candidates]
    pos_hist = np.bincount([min(cap, max(0, a)) for a in pos_ages], minlength=cap + 1).astype(np.float64)
    cand_hist = np.bincount(cand_ages, minlength=cap + 1).astype(np.float64)
    pos_p = (pos_hist + 0.5) / (pos_hist.sum() + 0.5 * (cap + 1))
    cand_p = (cand_hist + 0.5) / (cand_hist.sum() + 0.5 * (cap + 1))
    ratio = np.log(pos_p) - np.log(cand_p)
    return np.asarray(ratio[cand_ages], dtype=np.float64)


def _recency_weights(
    positives: Sequence[Doc], n_docs: int, as_of: dt.date | None, half_life: float
) -> npt.NDArray[np.float64] | None:
    """Sample weights: a logged paper counts 2^(-age / half_life), age from its week to ``as_of``."""
    import numpy as np

    if not half_life or as_of is None:
        return None
    weights = np.ones(n_docs)
    for i, d in enumerate(positives):
        age = _days(as_of, d.logged) if d.logged else None
        weights[i] = 0.5 ** (max(0, age) / half_life) if age is not None else 0.5
    return weights


def _z(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    sd = float(values.std())
    return (values - values.mean()) / sd if sd > 0 else np.zeros_like(values)


def _knn(cand_x: Any, pos_x: Any, k: int) -> npt.NDArray[np.float64]:
    """Mean of the k highest cosine similarities of each candidate to the positives."""
    import numpy as np

    sims = (cand_x @ pos_x.T).toarray()
    k = max(1, min(k, sims.shape[1]))
    if k == sims.shape[1]:
        return np.asarray(sims.mean(axis=1), dtype=np.float64)
    top = np.partition(sims, -k, axis=1)[:, -k:]
    return np.asarray(top.mean(axis=1), dtype=np.float64)


def _prior(
    pos: Sequence[Sequence[str]], others: Sequence[Sequence[str]], cands: Sequence[Sequence[str]]
) -> npt.NDArray[np.float64]:
    """Sum over a candidate's labels of the smoothed log-odds of the label among positives vs others."""
    import numpy as np

    pc: Counter[str] = Counter(label for labels in pos for label in set(labels))
    oc: Counter[str] = Counter(label for labels in others for label in set(labels))
    n_p, n_o = max(1, len(pos)), max(1, len(others))
    out = np.zeros(len(cands))
    for i, labels in enumerate(cands):
        total = 0.0
        for label in set(labels):
            total += math.log((pc[label] + 0.5) / (n_p + 1)) - math.log((oc[label] + 0.5) / (n_o + 1))
        out[i] = total / math.sqrt(len(labels)) if labels else 0.0
    return out


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
