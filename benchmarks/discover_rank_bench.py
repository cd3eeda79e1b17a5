"""Ranking speed of `paperweek discover`: 10,000 candidates against a 1,000-paper log.

Papers come from ../shared/data/arxiv-sample-2026.jsonl.gz: the log is 1,000 of them
(title, one-sentence summary, abstract), the candidates 10,000 others, and the default
ranker also samples its bounded background from the rest, as the command does. Times
are wall clock, model fitting and scoring included, median of --runs runs:

- "rank": the ranker alone, on documents in memory;
- "select+rank": reading the log's abstracts, the candidates and the background from a
  cache.sqlite holding the whole sample, then ranking (what `discover` does after ingesting).

    python benchmarks/discover_rank_bench.py [--runs 5] [--log 1000] [--candidates 10000]

Target (issue 7): default under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import synthetic_curator

from paperweek.cache import candidates
from paperweek.discover import ingest, rank

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--log", type=int, default=1000)
    parser.add_argument("--candidates", type=int, default=10000)
    parser.add_argument("--baseline", action="store_true", help="also time the baseline (slow)")
    args = parser.parse_args()
    rows = list(ingest.iter_rows(SAMPLE))
    papers = synthetic_curator.load_candidates(rows)
    step = len(papers) // args.log
    log_papers = papers[::step][: args.log]
    logged = {c.id for c in log_papers}
    rest = [c for c in papers if c.id not in logged]
    cands = rest[: args.candidates]
    positives = [rank.doc_from_paper(synthetic_curator.logged_paper(c), cached=c, logged=c.released_date) for c in log_papers]
    as_of = max(c.released_date for c in cands if c.released_date)  # as the command passes: recency weights on
    cand_docs = [rank.doc_from_candidate(c) for c in cands]
    bg_docs = [rank.doc_from_candidate(c) for c in rest[args.candidates :]]
    print(
        f"input: log={len(positives):,} papers, candidates={len(cand_docs):,}, "
        f"background pool={len(bg_docs):,} (default samples {rank.DefaultSettings().background:,}); "
        f"median of {args.runs} runs"
    )

    def timed(label: str, fn: object) -> None:
        assert callable(fn)
        times, cpu = [], []
        for _ in range(args.runs):
            start, cpu_start = time.perf_counter(), time.process_time()
            fn()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
        print(
            f"{label:<24} wall median {statistics.median(times):6.3f} s (min {min(times):.3f}, max {max(times):.3f})"
            f"   cpu median {statistics.median(cpu):6.3f} s"
        )

    timed("default: rank", lambda: rank.rank_default(positives, cand_docs, bg_docs, as_of))
    with tempfile.TemporaryDirectory() as tmp:
        conn = candidates.open_db(Path(tmp))
        candidates.store_rows(conn, rows)
        ids = [c.id for c in cands]

        def select_and_rank() -> None:
            stored = candidates.lookup(conn, [c.id for c in log_papers])  # the log's abstracts, as the command does
            logged_docs = [rank.doc_from_paper(synthetic_curator.logged_paper(c), cached=stored[c.id], logged=c.released_date)
                           for c in log_papers]
            found = candidates.lookup(conn, ids)
            docs = [rank.doc_from_candidate(found[i]) for i in ids]
            background = [
                rank.doc_from_candidate(c)
                for c in candidates.sample_background(conn, rank.DefaultSettings().background, exclude=set(ids) | logged)
            ]
            rank.rank_default(logged_docs, docs, background, as_of)

        timed("default: select+rank", select_and_rank)
        conn.close()
    if args.baseline:
        timed("baseline: rank", lambda: rank.rank_baseline(positives, cand_docs, bg_docs))


if __name__ == "__main__":
    main()
