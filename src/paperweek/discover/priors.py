"""The rankers' scores besides the SVM: the age prior, recency weights of logged papers,
nearest-neighbour similarity and label (category, author) priors, and the z-score that
puts them on one scale before they are added.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from paperweek.discover.docs import Doc

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def days_between(later: str | dt.date, earlier: str) -> int | None:
    try:
        end = later if isinstance(later, dt.date) else dt.date.fromisoformat(later)
        return (end - dt.date.fromisoformat(earlier)).days
    except ValueError:
        return None


def age_prior(
    positives: Sequence[Doc], candidates: Sequence[Doc], as_of: dt.date | None
) -> npt.NDArray[np.float64] | None:
    """Log-ratio of how often the log takes papers of a candidate's age to how common that age is.

    A logged paper's age is the days from its v1 to the end of the week it was logged in;
    a candidate's, the days from its v1 to ``as_of``. Ages are capped at 60 days.
    """
    import numpy as np

    pos_ages = [a for d in positives if d.logged and d.released and (a := days_between(d.logged, d.released)) is not None]
    if len(pos_ages) < 10:
        return None  # too little to learn from
    if as_of is None:
        latest = max((d.released for d in candidates if d.released), default="")
        if not latest:
            return None
        as_of = dt.date.fromisoformat(latest)
    cap = 60
    cand_ages = [min(cap, max(0, a)) if (a := days_between(as_of, d.released)) is not None else cap for d in candidates]
    pos_hist = np.bincount([min(cap, max(0, a)) for a in pos_ages], minlength=cap + 1).astype(np.float64)
    cand_hist = np.bincount(cand_ages, minlength=cap + 1).astype(np.float64)
    pos_p = (pos_hist + 0.5) / (pos_hist.sum() + 0.5 * (cap + 1))
    cand_p = (cand_hist + 0.5) / (cand_hist.sum() + 0.5 * (cap + 1))
    ratio = np.log(pos_p) - np.log(cand_p)
    return np.asarray(ratio[cand_ages], dtype=np.float64)


def recency_weights(
    positives: Sequence[Doc], n_docs: int, as_of: dt.date | None, half_life: float
) -> npt.NDArray[np.float64] | None:
    """Sample weights: a logged paper counts 2^(-age / half_life), age from its week to ``as_of``."""
    import numpy as np

    if not half_life or as_of is None:
        return None
    weights = np.ones(n_docs)
    for i, d in enumerate(positives):
        age = days_between(as_of, d.logged) if d.logged else None
        weights[i] = 0.5 ** (max(0, age) / half_life) if age is not None else 0.5
    return weights


def zscore(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    sd = float(values.std())
    return (values - values.mean()) / sd if sd > 0 else np.zeros_like(values)


def knn_similarity(cand_x: Any, pos_x: Any, k: int) -> npt.NDArray[np.float64]:
    """Mean of the k highest cosine similarities of each candidate to the positives."""
    import numpy as np

    sims = (cand_x @ pos_x.T).toarray()
    k = max(1, min(k, sims.shape[1]))
    if k == sims.shape[1]:
        return np.asarray(sims.mean(axis=1), dtype=np.float64)
    top = np.partition(sims, -k, axis=1)[:, -k:]
    return np.asarray(top.mean(axis=1), dtype=np.float64)


def label_prior(
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
