"""The per-log backtest on a small synthetic log (a unit test of the mechanics, not evidence: see docs/discover.md)."""

from __future__ import annotations

import datetime as dt
import random

from paperweek.discover import backtest, rank
from paperweek.discover.docs import Doc

TOPIC = ["agent", "planner", "tool", "memory", "reflection"]
OTHER = ["segmentation", "depth", "lidar", "stereo", "point", "cloud", "radiance"]
COMMON = ["model", "data", "learning", "training", "results", "large"]


def _doc(i: int, words: list[str], released: dt.date, rng: random.Random, logged: dt.date | None = None) -> Doc:
    text = " ".join(rng.choice(words) for _ in range(12)) + " " + " ".join(rng.choice(COMMON) for _ in range(12))
    return Doc(id=f"2601.{i:05d}", title=text[:40], text=text, released=released.isoformat(),
               logged=logged.isoformat() if logged else "", categories=("cs.AI",), authors=f"A{i % 7} B")


def _world(weeks: int, seed: int = 0) -> tuple[list[Doc], list[Doc], list[Doc], dt.date]:
    """A curator who logs, each week, 7 of the 10 topic papers released each day that week, never older ones.

    Returns (logged papers, every listed paper, this week's candidates, the end of this week).
    """
    rng = random.Random(seed)
    first = dt.date(2026, 1, 5)  # a Monday
    listed: list[Doc] = []
    logged: list[Doc] = []
    n = 0
    for w in range(weeks + 3):
        start = first + dt.timedelta(days=7 * w)
        end = start + dt.timedelta(days=6)
        for day in range(7):
            released = start + dt.timedelta(days=day)
            for k in range(30):
                n += 1
                listed.append(_doc(n, TOPIC if k < 10 else OTHER, released, rng))
                if k < 7 and w < weeks + 2:
                    logged.append(_doc(n, TOPIC, released, rng, logged=end))
    end = first + dt.timedelta(days=7 * (weeks + 3) - 1)
    window = (end - dt.timedelta(days=20)).isoformat()
    logged_ids = {d.id for d in logged}
    cands = [d for d in listed if window <= d.released <= end.isoformat() and d.id not in logged_ids]
    return logged, listed, cands, end


def test_backtest_switches_on_the_age_prior_for_a_curator_of_new_papers() -> None:
    logged, listed, cands, end = _world(weeks=6)
    history = [d for d in listed if d.released <= (end - dt.timedelta(days=7)).isoformat()]
    r = rank.rank_default(logged, cands, [], end, history=history)
    assert r.choice is not None and not r.choice.fallback
    assert r.choice.weights.get("age", 0) > 0
    assert len(r.choice.weeks) == backtest.MAX_WEEKS and r.choice.hits >= backtest.MIN_HITS
    # this week's topic papers come first: earlier weeks' topic papers (passed over) are pushed down
    this_week = (end - dt.timedelta(days=6)).isoformat()
    top = [cands[i] for i in r.order()[:60]]
    assert all(d.released >= this_week and d.text.split()[0] in TOPIC for d in top)
    assert "backtest on this log's last 4 weeks" in r.choice.summary() and "age" in r.choice.summary()


def test_too_short_a_history_falls_back_to_the_text_model() -> None:
    logged, _, cands, end = _world(weeks=6)
    # no cached listings of earlier weeks: nothing to replay
    r = rank.rank_default(logged, cands, [], end, history=[])
    assert r.choice is not None and r.choice.weights == {"text": 1.0}
    assert r.choice.summary().startswith("text model only: the log's history holds 0 picks")
    # the text model still ranks the topic first
    top = [cands[i] for i in r.order()[:70]]
    assert sum(d.text.split()[0] in TOPIC for d in top) >= 65


def test_replay_ends_are_the_last_logged_weeks_before_the_one_ranked() -> None:
    logged, _, _, end = _world(weeks=6)
    ends = backtest.replay_ends(logged, end)
    assert len(ends) == backtest.MAX_WEEKS
    assert ends[-1] == end - dt.timedelta(days=7) and ends == sorted(ends)
