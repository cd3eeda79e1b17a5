"""Parsing arXiv API answers: paperweek's ElementTree reader (and feedparser, when installed, for comparison).

Builds answers of 100 entries (the client's batch size) from real records of
../shared/data/arxiv-sample-2026.jsonl.gz in the API's format (tests/fakes.py),
parses each --runs times and prints the median per answer and per entry.

    python benchmarks/atom_parse_bench.py [--batches 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"
sys.path.insert(0, str(REPO / "tests"))

from fakes import feed_xml, make_entry  # noqa: E402

from paperweek.sources.atom import parse_feed  # noqa: E402


def answers(batches: int) -> list[bytes]:
    out: list[bytes] = []
    batch: list[dict[str, object]] = []
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for line in handle:
            batch.append(json.loads(line))
            if len(batch) == 100:
                out.append(_answer(batch))
                batch = []
                if len(out) == batches:
                    break
    return out


def _answer(records: list[dict[str, object]]) -> bytes:
    entries = [
        make_entry(
            str(r["id"]),
            str(r["title"]),
            str(r["abstract"]),
            [a.strip() for a in str(r["authors"]).replace(" and ", ", ").split(",") if a.strip()],
            "2026-01-05T10:00:00Z",
            str(r["categories"]).split(),
        )
        for r in records
    ]
    return feed_xml([str(r["id"]) for r in records], entries)


def _time(parse: object, bodies: list[bytes], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for body in bodies:
            parse(body)  # type: ignore[operator]
        timings.append((time.perf_counter() - start) / len(bodies))
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bodies = answers(args.batches)
    entries = sum(len(parse_feed(b).records) for b in bodies)
    print(f"input: {len(bodies)} answers, {entries} entries, {sum(map(len, bodies)) / len(bodies) / 1024:.0f} KiB per answer")
    elementtree = _time(parse_feed, bodies, args.runs)
    print(f"paperweek (ElementTree): median {elementtree * 1000:.2f} ms per answer, {elementtree * 1e4:.1f} us per entry")
    try:
        import feedparser  # type: ignore[import-untyped]
    except ImportError:
        print("feedparser: not installed (no comparison)")
        return
    other = _time(feedparser.parse, bodies, args.runs)
    print(f"feedparser: median {other * 1000:.2f} ms per answer, {other * 1e4:.1f} us per entry ({other / elementtree:.1f}x)")


if __name__ == "__main__":
    main()
