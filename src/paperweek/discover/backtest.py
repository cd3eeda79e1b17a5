"""Learn how to combine the views for *this* log by replaying its own recent weeks.

Every log carries its history: dated picks (each paper's week) and, in the candidates cache,
the papers that were listed when each pick was made. Before ranking a window, the last
``MAX_WEEKS`` weeks of the log before it are replayed: for a replayed week ending ``e``, the
log as it stood before that week (papers logged in earlier weeks) ranks the cached papers
released in the window of the same length ending ``e`` (minus those logged earlier), and the
ranking is scored against what the curator actually logged in that week (mean of R@50 and
R@100). The weights of the views (``views.VIEWS``) and the recency half-life of the text
model are chosen to maximise that score, by coordinate ascent over a small grid, starting
from the text model alone; a view is switched on only when it gains at least ``MIN_GAIN``.

With fewer than ``MIN_HITS`` picks among the replayed candidates, or fewer than two replayed
weeks holding any, the history is too short to trust and the plain text model ranks.
Nothing here was fitted to a particular curator: the grid and the rules above are the same
for every log, and every weight is chosen per log, at run time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from paperweek.discover.docs import Doc
from paperweek.discover.priors import zscore
from paperweek.discover.views import VIEWS, Space, Views

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_WEEKS = 4
MIN_HITS = 10
MIN_GAIN = 0.005
HALF_LIVES = (0.0, 180.0)  # days; 0: every logged paper counts the same
GRID: dict[str, tuple[float, ...]] = {
    "age": (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0),
    "knn": (0.0, 0.25, 0.5, 1.0),
    "authors": (0.0, 0.15, 0.3, 0.6),
    "categories": (0.0, 0.15, 0.3, 0.6),
}
TEXT_ONLY: dict[str, float] = {"text": 1.0}


@dataclass
class Choice:
    """The combination a log's backtest chose, and how it scored there."""

    weights: dict[str, float] = field(default_factory=lambda: dict(TEXT_ONLY))
    half_life: float = 0.0
    svm_c: float = 0.0  # the text SVM's C (0: the space's own)
    weeks: list[str] = field(default_factory=list)  # ends of the replayed weeks (ISO)
    hits: int = 0  # picks among the replayed candidates
    score: float = 0.0  # backtest score of the choice: mean of R@50 and R@100 over the weeks
    text_score: float = 0.0  # the same for the text model alone (no recency weights)
    fallback: str = ""  # why the plain text model ranks ('' when the backtest chose)

    def summary(self) -> str:
        """One line for ``--explain``: which views this log's backtest chose, and why."""
        if self.fallback:
            return f"text model only: {self.fallback}"
        views = ", ".join(f"{k} {v:g}" for k, v in self.weights.items() if v)
        recency = f"half-life {self.half_life:g} days" if self.half_life else "no recency weights"
        if self.svm_c:
            recency += f", SVM C {self.svm_c:g}"
        return (f"backtest on this log's last {len(self.weeks)} weeks ({self.weeks[0]} to {self.weeks[-1]}, "
                f"{self.hits} picks): views {views}; {recency}; score {self.score:.3f} "
                f"(text model alone {self.text_score:.3f})")


def replay_ends(positives: Sequence[Doc], as_of: dt.date, period_days: int = 7) -> list[dt.date]:
    """The ends of the log's last ``MAX_WEEKS`` periods before the one ending ``as_of``."""
    ends = sorted({d.logged for d in positives if d.logged})
    limit = (as_of - dt.timedelta(days=period_days)).isoformat()
    return [dt.date.fromisoformat(e) for e in ends if e <= limit][-MAX_WEEKS:]


@dataclass
class _Week:
    end: str
    views: dict[tuple[float, float], Views]  # by (half-life, C) of the text model
    hits: npt.NDArray[np.bool_]


def choose(space: Space, pos: Sequence[int], listed: Sequence[int], background: Sequence[int],
           ends: Sequence[dt.date], window_days: int, allowed: Sequence[str] = VIEWS,
           half_lives: Sequence[float] = HALF_LIVES, svm_cs: Sequence[float] = (0.0,)) -> Choice:
    """Replay the weeks ending ``ends``: ``pos`` are the rows of logged papers, ``listed`` those of cached papers.

    ``allowed`` and ``half_lives`` narrow the search (the evaluation's ablations drop one view at a time);
    ``svm_cs`` are the text SVM's C values to choose from (0: the space's own).
    """
    import numpy as np


    docs = space.docs
    first_logged: dict[str, str] = {}
    for i in pos:
        d = docs[i]
        if d.logged and (d.id not in first_logged or d.logged < first_logged[d.id]):
            first_logged[d.id] = d.logged
    weeks: list[_Week] = []
    for end in ends:
        e, start = end.isoformat(), (end - dt.timedelta(days=window_days - 1)).isoformat()
        train = [i for i in pos if docs[i].logged and docs[i].logged < e]
        seen: set[str] = set()
        cands = []
        for i in listed:
            d = docs[i]
            if start <= d.released <= e and d.id not in seen and first_logged.get(d.id, "9") >= e:
                seen.add(d.id)
                cands.append(i)
        hits = np.array([first_logged.get(docs[i].id) == e for i in cands], dtype=bool)
        if not train or not hits.any():
            continue
        settings = [(h, c) for c in svm_cs for h in half_lives]
        first = settings[0]
        views = {first: space.views(train, cands, background, end, first[0], svm_c=first[1])}
        for h, c in settings[1:]:  # only the text model depends on the half-life and C
            views[(h, c)] = Views({**views[first].scores,
                                   "text": space.text(train, cands, background, end, h, c)[0]})
        for v in views.values():
            v.scores = {k: zscore(s) for k, s in v.scores.items() if k in allowed}
        weeks.append(_Week(e, views, hits))
    n_hits = int(sum(int(w.hits.sum()) for w in weeks))
    if len(weeks) < 2 or n_hits < MIN_HITS:
        return Choice(fallback=f"the log's history holds {n_hits} picks in {len(weeks)} replayable weeks "
                               f"(at least {MIN_HITS} in 2 are needed to choose views by backtest)",
                      weeks=[w.end for w in weeks], hits=n_hits)
    best: Choice | None = None
    text_score = _objective(weeks, settings[0], TEXT_ONLY)
    for h, c in settings:
        weights, score = _ascend(weeks, (h, c), [v for v in VIEWS[1:] if v in allowed])
        if best is None or score > best.score + MIN_GAIN:
            best = Choice(weights, h, c, [w.end for w in weeks], n_hits, score, text_score)
    assert best is not None
    return best


def _ascend(weeks: list[_Week], text: tuple[float, float], names: list[str]) -> tuple[dict[str, float], float]:
    """Coordinate ascent over ``GRID`` from the text model alone; a change must gain ``MIN_GAIN``."""
    weights = {"text": 1.0, **{k: 0.0 for k in names}}
    score = _objective(weeks, text, weights)
    for _ in range(3):
        moved = False
        for name in names:
            for value in GRID[name]:
                if value == weights[name]:
                    continue
                trial = {**weights, name: value}
                s = _objective(weeks, text, trial)
                if s > score + MIN_GAIN:
                    weights, score, moved = trial, s, True
        if not moved:
            break
    return weights, score


def _objective(weeks: list[_Week], text: tuple[float, float], weights: dict[str, float]) -> float:
    """Mean over the weeks of (R@50 + R@100) / 2."""
    import numpy as np

    total = 0.0
    for w in weeks:
        scores = np.zeros(len(w.hits))
        for name, value in weights.items():
            if value and name in w.views[text].scores:
                scores += value * w.views[text].scores[name]  # z-scored once, in choose
        total += _recall_mean(scores, w.hits)
    return total / len(weeks)


def _recall_mean(scores: npt.NDArray[np.float64], hits: npt.NDArray[np.bool_]) -> float:
    import numpy as np

    order = np.argsort(-scores, kind="stable")
    n = float(hits.sum())
    return float(hits[order[:50]].sum() / n + hits[order[:100]].sum() / n) / 2
