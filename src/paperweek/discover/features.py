"""The text features of the rankers: tf-idf vectorisers over ``Doc`` text, and their columns
named back as terms (for ``discover --explain``), boilerplate and stop words left out.

scikit-learn and numpy are imported on first use: they are heavy, and ``discover`` is one
command among many.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from paperweek.discover.docs import Doc

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


class VocabularyNames:
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
