"""How far can a model of this curator's taste go? Rankers given foresight on ../shared/discover-dev.

Not a method: an upper bound on what the text and the arXiv record can say. For each week, a ranker
learns twice, in-process, on the same candidates and background sample as ``discover_dev.py``:

- *past*: from the log as it stood (everything the curator listed before the week), as a user has it;
- *foresight*: from every paper the curator **ever** lists, later weeks included, except the week's own
  candidates (so neither this week's picks nor papers it lists later from this window are shown).

If even the foresight ranker stays below a target, no model of the curator's taste built from the
papers' text, authors, categories and dates can reach it: what decides the rest is not in the record.

    python benchmarks/discover_foresight.py --curator long-context [--weeks 0::2] [--methods default,text,baseline]

``text`` is the default's text model alone (no backtest); ``baseline`` the arxiv-sanity-lite SVM with
every pool paper listed up to the week's end as its negatives (capped at 50,000; 25-35 CPU s a week).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
from typing import Any

from discover_dev import Data, doc, week_end
from discover_eval import load_eval

from paperweek.discover import rank

BASELINE_DB = 50_000


def _rank(method: str, data: Data, w: dict[str, Any], positives: list[rank.Doc], parts: tuple[Any, ...],
          skip: set[str]) -> rank.Ranking:
    _, cands, back, history = parts
    end = dt.date.fromisoformat(w["end"])
    if method == "baseline":
        db = [doc(r) for r in data.by_date if r["update_date"] <= w["end"] and r["id"] not in skip]
        return rank.rank_baseline(positives, cands, db[-BASELINE_DB:], end)
    if method == "text":
        settings = rank.DefaultSettings(backtest=False, max_positives=0)
        return rank.rank_default(positives, cands, back, end, settings, history=history)  # history: the same space
    return rank.rank_default(positives, cands, back, end, rank.DefaultSettings(max_positives=0), history=history)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curator", required=True)
    parser.add_argument("--weeks", default="0::2", help="slice of the curator's weeks, START:STOP:STEP")
    parser.add_argument("--methods", default="default,text", help="comma-separated: default, text, baseline")
    args = parser.parse_args()
    methods = [m for m in args.methods.split(",") if m]
    data, scorer = Data(), load_eval()
    weeks, texts, ever = data.curators[args.curator]  # ever: every id the curator lists, and its day
    start, stop, step = (int(p) if p else None for p in args.weeks.split(":"))
    scores: dict[tuple[str, str], list[dict[str, float]]] = {}
    for w in weeks[start:stop:step]:
        past, cands, back, history = data.week_docs(args.curator, w, 10_000)  # as discover_dev.py samples it
        parts = (past, cands, back[:2000], history)
        window = set(w["candidate_ids"])
        known = {d.id for d in past}
        future = []
        for pid, day in ever.items():
            record = data.pool.get(pid) or texts.get(pid)
            if pid not in known and pid not in window and record is not None:
                future.append(doc(record, logged=week_end(day)))
        skip = set(w["train_positive_ids"]) | window | {d.id for d in future}
        picked = set(w["positive_ids"])
        line = [f"{w['start']} {len(picked):3} picks"]
        for method in methods:
            for view, positives in (("past", past), ("foresight", past + future)):
                r = _rank(method, data, w, positives, parts, skip)
                m = scorer.score_week([r.candidates[i].id for i in r.order()], window, picked)
                scores.setdefault((method, view), []).append(m)
                line.append(f"{method}/{view} {m['R@50']:.3f}")
        print("  ".join(line), flush=True)
    print(f"\n{args.curator}: {len(next(iter(scores.values())))} weeks, mean over weeks")
    for (method, view), rows in scores.items():
        means = {k: statistics.mean(r[k] for r in rows) for k in ("R@10", "R@50", "R@100", "MRR")}
        print(f"  {method:<8} {view:<9} " + " ".join(f"{k} {v:.3f}" for k, v in means.items()))


if __name__ == "__main__":
    main()
