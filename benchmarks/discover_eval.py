"""Leave-later-weeks-out evaluation of `paperweek discover`: baseline vs default.

Builds a synthetic curator over ../shared/data/arxiv-sample-2026.jsonl.gz (see
paperweek.discover.evaluate for its rules), then for each of the last --weeks weeks:
log = the highlights of the weeks before, candidates = papers first submitted in the
14 days up to the week's end not already logged (~2-4k), target = that week's highlights.
The baseline (arxiv-sanity-lite) trains against all other papers ingested so far; the
default against the candidates plus a bounded background sample.

    python benchmarks/discover_eval.py [--weeks 14] [--seeds 7] [--ablation]

Prints recall@10/50/100 and MRR per week and averaged for each method, fit time
(mean seconds a week, model fitting and scoring) and the default's gain over the baseline.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from paperweek.discover import evaluate, ingest, rank

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"


def variants(ablation: bool) -> dict[str, evaluate.Ranker]:
    rankers: dict[str, evaluate.Ranker] = {
        "baseline": rank.rank_baseline,
        "default": rank.rank_default,
    }
    if not ablation:
        return rankers
    base = rank.DefaultSettings()
    # each variant changes one knob of the shipped default (see rank.DefaultSettings)
    tweaks: dict[str, dict[str, object]] = {
        "no-age": {"w_age": 0.0},
        "knn": {"w_knn": 0.3},
        "author-prior": {"w_author": 0.3},
        "title-once": {"title_twice": False},
        "no-comments": {"use_extra": False},
        "bigrams": {"ngrams": 2},
        "cat-prior": {"w_cat": 0.3},
        "bg-0": {"background": 0},
        "bg-10k": {"background": 10000},
    }
    for name, change in tweaks.items():
        settings = dataclasses.replace(base, **change)  # type: ignore[arg-type]

        def ranker(
            p: Sequence[rank.Doc],
            c: Sequence[rank.Doc],
            b: Sequence[rank.Doc],
            as_of: dt.date,
            s: rank.DefaultSettings = settings,
        ) -> rank.Ranking:
            return rank.rank_default(p, c, b, as_of, s)

        rankers[name] = ranker
    return rankers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weeks", type=int, default=14)
    parser.add_argument("--seeds", default="7", help="comma-separated curator seeds (one evaluation each)")
    parser.add_argument("--ablation", action="store_true", help="also run variants of the default")
    parser.add_argument("--quiet", action="store_true", help="averages only")
    parser.add_argument("--only", default="", help="comma-separated methods to run (default: all)")
    args = parser.parse_args()
    papers = evaluate.load_candidates(ingest.iter_rows(SAMPLE))
    rankers = variants(args.ablation)
    if args.only:
        rankers = {k: v for k, v in rankers.items() if k in args.only.split(",")}
    ks = evaluate.KS
    head = " ".join(f"R@{k:<4}" for k in ks)

    def show(r: evaluate.WeekResult) -> None:
        if args.quiet:
            return
        rec = " ".join(f"{r.recall[k]:6.3f}" for k in ks)
        print(
            f"{r.week}  {r.method:<10} log={r.n_log:>4} cands={r.n_candidates:>5} bg={r.n_background:>6} "
            f"targets={r.n_targets:>3}  {rec}  MRR={r.rr:5.3f}  fit={r.fit_seconds:6.2f}s",
            flush=True,
        )

    print(f"input: {SAMPLE.name}, {len(papers):,} records; {args.weeks} held-out weeks; curator seeds {args.seeds}")
    totals: dict[str, list[dict[str, float]]] = {}
    for seed in (int(s) for s in args.seeds.split(",")):
        curator = evaluate.Curator(seed=seed)
        print(f"\n# curator seed {seed}: topics {', '.join(curator.topics)}")
        print(f"{'week':<10}  {'method':<10} {'sizes':<48}  {head}")
        ev = evaluate.evaluate(papers, rankers, curator, weeks=args.weeks, report=show)
        for name in rankers:
            totals.setdefault(name, []).append(ev.mean(name))
    print(f"\n# averages over {args.weeks} weeks x {len(next(iter(totals.values())))} curator(s)")
    print(f"{'method':<12} {'R@10':>7} {'R@50':>7} {'R@100':>7} {'MRR':>7} {'fit s/week':>11}")
    means: dict[str, dict[str, float]] = {}
    for name, rows in totals.items():
        m = {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
        means[name] = m
        print(
            f"{name:<12} {m['recall@10']:7.3f} {m['recall@50']:7.3f} {m['recall@100']:7.3f} {m['mrr']:7.3f} "
            f"{m['fit_seconds']:11.2f}"
        )
    if "baseline" not in means or "default" not in means:
        return
    b, d = means["baseline"], means["default"]
    print(
        f"\ndefault vs baseline: recall@50 x{d['recall@50'] / max(b['recall@50'], 1e-9):.2f} "
        f"({d['recall@50'] - b['recall@50']:+.3f}), recall@10 x{d['recall@10'] / max(b['recall@10'], 1e-9):.2f}, "
        f"MRR x{d['mrr'] / max(b['mrr'], 1e-9):.2f}, fit time x{d['fit_seconds'] / max(b['fit_seconds'], 1e-9):.2f} "
        f"({b['fit_seconds']:.2f}s -> {d['fit_seconds']:.2f}s a week)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
