"""A synthetic curator, and leave-later-weeks-out evaluation of the rankers on it.

Test infrastructure (moved out of the package: nothing in paperweek uses it): the unit tests
build logs and check ranking quality with it; benchmarks/discover_rank_bench.py makes its
log the same way. The yardstick of ``discover`` is benchmarks/discover_eval.py on real data.

The curator has a few hidden interests (topics defined by keyword rules over title
and abstract). Each week it highlights a random fraction of the papers on its topics
-- more often when the topic is in the title or the paper points at code -- plus a
few papers at random (taste the text cannot explain). For a held-out week W the log
is every highlight of the weeks before W; the candidates are the papers first
submitted in the 14 days up to W's last day that are not in the log (what
``paperweek discover`` ranks by default); the target is W's highlights. Rankers never
see the topic rules, only the logged papers' titles, summaries and abstracts.

Metrics per week: recall@k (share of W's highlights ranked in the top k) and the
reciprocal rank of the first highlight (MRR when averaged over weeks).
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from paperweek.cache.candidates import Candidate
from paperweek.discover.rank import Ranking, doc_from_candidate, doc_from_paper
from paperweek.markdown import escape
from paperweek.models import Paper

# topic name -> regexes that must all match title + abstract
TOPICS: dict[str, tuple[str, ...]] = {
    "rl-reasoning": (r"reinforcement learning|\bRL\b|GRPO|\breward", r"reasoning|chain-of-thought|\bmath"),
    "video-generation": (r"\bvideo", r"diffusion|generation|generative|synthesis"),
    "3d-reconstruction": (r"gaussian splatting|\bNeRF|radiance field|3D reconstruction",),
    "agents": (r"\bagent", r"\btool|\bweb\b|GUI"),
    "mm-hallucination": (r"hallucinat", r"vision-language|multimodal|\bVLM|MLLM|LVLM"),
    "speech": (r"\bspeech|\bASR\b|\bTTS\b|spoken",),
    "rag": (r"retrieval-augmented|\bRAG\b",),
    "medical-segmentation": (r"medical|clinical|patholog|radiolog", r"segmentation"),
    "safety": (r"jailbreak|red-teaming|safety alignment|harmful",),
    "code": (r"code generation|program synthesis|software engineering|\bSWE-",),
}
_CODE = re.compile(r"github\.com|code (?:is|will be) (?:publicly )?available|project page", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Curator:
    """Hidden interests and habits of a synthetic curator."""

    topics: tuple[str, ...] = ("rl-reasoning", "video-generation", "3d-reconstruction", "mm-hallucination")
    rate: float = 0.12  # chance to highlight an on-topic paper
    title_boost: float = 2.0  # ... times this when a topic keyword is in the title
    code_boost: float = 1.5  # ... times this when the paper points at code
    random_per_week: int = 3  # off-topic highlights a week
    seed: int = 7

    def highlights(self, papers: Sequence[Candidate]) -> set[str]:
        """The ids this curator highlights among ``papers`` (deterministic for a seed)."""
        rules = [[re.compile(p, re.IGNORECASE) for p in TOPICS[t]] for t in self.topics]
        rng = random.Random(self.seed)
        chosen: set[str] = set()
        by_week: dict[dt.date, list[Candidate]] = {}
        for c in sorted(papers, key=lambda c: c.id):
            released = c.released_date
            if released is None:
                continue
            text = f"{c.title} {c.abstract}"
            matched = [r for r in rules if all(p.search(text) for p in r)]
            by_week.setdefault(_monday(released), []).append(c)
            if not matched:
                continue
            p = self.rate
            if any(r[0].search(c.title) for r in matched):
                p *= self.title_boost
            if _CODE.search(c.abstract) or _CODE.search(c.comments):
                p *= self.code_boost
            if rng.random() < p:
                chosen.add(c.id)
        for week in sorted(by_week):
            pool = [c.id for c in by_week[week] if c.id not in chosen]
            chosen.update(rng.sample(pool, min(self.random_per_week, len(pool))))
        return chosen


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def logged_paper(c: Candidate) -> Paper:
    """How the curator's log holds a highlight: escaped title, a one-sentence summary, no abstract."""
    abstract = " ".join(c.abstract.split())
    summary = _SENTENCE.split(abstract, maxsplit=1)[0]
    return Paper(id=c.id, title=escape(c.title), summary=escape(summary), released=c.released_date)


def recall_at(order: Sequence[str], targets: set[str], k: int) -> float:
    """Share of ``targets`` among the first ``k`` of ``order``."""
    if not targets:
        return 0.0
    return len(targets.intersection(order[:k])) / len(targets)


def reciprocal_rank(order: Sequence[str], targets: set[str]) -> float:
    """1 / rank of the first target in ``order`` (0 when none is there)."""
    for i, pid in enumerate(order, start=1):
        if pid in targets:
            return 1.0 / i
    return 0.0


KS = (10, 50, 100)


@dataclass
class WeekResult:
    week: dt.date
    method: str
    n_log: int
    n_candidates: int
    n_background: int
    n_targets: int
    recall: dict[int, float]
    rr: float
    fit_seconds: float


@dataclass
class Evaluation:
    results: list[WeekResult] = field(default_factory=list)

    def mean(self, method: str) -> dict[str, float]:
        rows = [r for r in self.results if r.method == method]
        if not rows:
            return {}
        out = {f"recall@{k}": sum(r.recall[k] for r in rows) / len(rows) for k in KS}
        out["mrr"] = sum(r.rr for r in rows) / len(rows)
        out["fit_seconds"] = sum(r.fit_seconds for r in rows) / len(rows)
        return out


Ranker = Callable[..., Ranking]  # (positives, candidates, background, end[, history=])


def evaluate(
    papers: Sequence[Candidate],
    rankers: dict[str, Ranker],
    curator: Curator | None = None,
    weeks: int = 14,
    window_days: int = 14,
    background_seed: int = 0,
    report: Callable[[WeekResult], None] | None = None,
) -> Evaluation:
    """Leave-later-weeks-out: rank each of the last ``weeks`` weeks from the weeks before it."""
    curator = curator or Curator()
    highlighted = curator.highlights(papers)
    by_id = {c.id: c for c in papers}
    dated = sorted((c for c in papers if c.released), key=lambda c: (c.released, c.id))
    all_weeks = sorted({_monday(c.released_date) for c in dated if c.released_date})
    evaluation = Evaluation()
    docs = {c.id: doc_from_candidate(c) for c in dated}
    day = {c.id: dt.date.fromisoformat(c.released) for c in dated}
    for week in all_weeks[-weeks:]:
        end = week + dt.timedelta(days=6)
        log_ids = sorted(i for i in highlighted if i in day and day[i] < week)
        # a highlight is logged in the week of its v1 date
        positives = [
            doc_from_paper(logged_paper(by_id[i]), cached=by_id[i], logged=_monday(day[i]) + dt.timedelta(days=6))
            for i in log_ids
        ]
        first = (end - dt.timedelta(days=window_days - 1)).isoformat()
        logged = set(log_ids)
        candidates = [docs[c.id] for c in dated if first <= c.released <= end.isoformat() and c.id not in logged]
        cand_ids = {d.id for d in candidates}
        background = [docs[c.id] for c in dated if c.released <= end.isoformat()
                      and c.id not in logged and c.id not in cand_ids]
        random.Random(background_seed).shuffle(background)
        targets = {i for i in highlighted if i in day and week <= day[i] <= end}
        # what the cache held of earlier weeks (the default's backtest replays them), logged papers included
        past = (end - dt.timedelta(days=7 * 6 + window_days)).isoformat()
        history = [docs[c.id] for c in dated if past <= c.released <= (end - dt.timedelta(days=7)).isoformat()]
        for name, ranker in rankers.items():
            start = time.perf_counter()
            extra = {"history": history} if "history" in inspect.signature(ranker).parameters else {}
            ranking = ranker(positives, candidates, background, end, **extra)
            fit = time.perf_counter() - start
            order = [ranking.candidates[i].id for i in ranking.order()]
            result = WeekResult(
                week=week,
                method=name,
                n_log=len(positives),
                n_candidates=len(candidates),
                n_background=len(background),
                n_targets=len(targets),
                recall={k: recall_at(order, targets, k) for k in KS},
                rr=reciprocal_rank(order, targets),
                fit_seconds=fit,
            )
            evaluation.results.append(result)
            if report is not None:
                report(result)
    return evaluation


def load_candidates(path: Iterable[tuple[str, ...]]) -> list[Candidate]:
    """Candidates from stored rows (``ingest.iter_rows``)."""
    return [Candidate(*row) for row in path]
