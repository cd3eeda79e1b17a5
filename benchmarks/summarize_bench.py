"""The offline summary drafter over real abstracts.

Abstracts are the first --abstracts records of ../shared/data/arxiv-sample-2026.jsonl.gz.
Prints the input size and the median of --runs runs: total time, time per abstract,
and how many of them hold LaTeX markup ($ or backslash).

    python benchmarks/summarize_bench.py [--abstracts 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from paperweek.summarize.offline import OfflineDrafter

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    abstracts: list[str] = []
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for line in handle:
            abstracts.append(json.loads(line)["abstract"])
            if len(abstracts) >= args.abstracts:
                break
    markup = sum(1 for a in abstracts if "$" in a or "\\" in a)
    chars = sum(len(a) for a in abstracts)
    drafter = OfflineDrafter()
    drafter.draft("", abstracts[0])  # warm-up: imports and the LaTeX context
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for abstract in abstracts:
            drafter.draft("", abstract)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"input: {len(abstracts)} abstracts, {chars} characters, {markup} with LaTeX markup")
    print(f"median of {args.runs} runs: {median:.2f} s total, {median / len(abstracts) * 1000:.2f} ms per abstract")


if __name__ == "__main__":
    main()
