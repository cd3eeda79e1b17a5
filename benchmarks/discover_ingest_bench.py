"""Ingest speed and memory of `paperweek discover --candidates`.

Streams an OAI-snapshot JSON-lines gzip file into a fresh .paperweek/cache.sqlite,
pinned to one CPU core, each run in a child process so that its peak RSS is its own.
Inputs: the shared sample (34,025 records) and a generated file of --records records
(default 1,000,000) made by repeating the sample with fresh ids, in a temp folder.

    python benchmarks/discover_ingest_bench.py [--records 1000000] [--runs 3]

Prints, per input: records, file size, median wall time, records/s and peak RSS.
Targets (issue 7): >= 50,000 records/s on one core, peak RSS < 600 MB at 1,000,000 records.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from paperweek.cache import candidates
from paperweek.discover import ingest
path, cache = Path(sys.argv[1]), Path(sys.argv[2])
t = time.perf_counter()
conn = candidates.open_db(cache)
stats = ingest.ingest_file(conn, path)
conn.close()
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"wall": wall, "rss": rss, "seen": stats.seen, "new": stats.new}))
"""


def make_big(target: int, out: Path) -> int:
    """Repeat the sample with fresh ids until ``target`` records; returns the count written."""
    with gzip.open(SAMPLE, "rb") as fh:
        lines = fh.read().splitlines()
    written = 0
    with gzip.open(out, "wb", compresslevel=1) as fh:
        rep = 0
        while written < target:
            for i, line in enumerate(lines):
                if written >= target:
                    break
                # the first field is the id: '{"id": "2512.23786", ...'
                start = line.index(b'"id": "') + 7
                end = line.index(b'"', start)
                fresh = f"{30 + rep:02d}{1 + i // 99999:02d}.{i % 99999:05d}".encode()
                fh.write(line[:start] + fresh + line[end:] + b"\n")
                written += 1
            rep += 1
    return written


def run_once(path: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(Path(tmp) / ".paperweek")],
            check=True,
            capture_output=True,
            text=True,
        )
        result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
        return result


def bench(label: str, path: Path, runs: int) -> None:
    results = [run_once(path) for _ in range(runs)]
    wall = statistics.median(r["wall"] for r in results)
    rss = max(r["rss"] for r in results)
    seen = int(results[0]["seen"])
    size = path.stat().st_size / 1e6
    print(
        f"{label:<22} records={seen:>9,}  file={size:7.1f} MB gz  median wall={wall:6.2f} s "
        f"({runs} runs)  rate={seen / wall:>9,.0f} records/s  peak RSS={rss / 1e6:6.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000, help="size of the generated file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"one core (pinned), python {sys.version.split()[0]}, cpu count {os.cpu_count()}")
    bench("shared sample", SAMPLE, args.runs)
    if args.records:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "big.jsonl.gz"
            n = make_big(args.records, big)
            bench(f"generated {n // 1000}k", big, args.runs)


if __name__ == "__main__":
    main()
