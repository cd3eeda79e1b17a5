"""Search benchmarks: first index build, in-process query latency, `paperweek search` as a process.

    python benchmarks/search_bench.py [--papers 100000] [--small 1500] [--runs 3] [--work DIR]

Logs are generated from ../shared/data/arxiv-sample-2026.jsonl.gz (34,025 real arXiv
records, repeated with fresh ids; see make_big_log.py) into --work (default: a folder
under the system temp dir, reused across runs because writing 100,000 papers through
ruamel.yaml takes minutes). Prints medians and percentiles with the input sizes.

Targets (issue 5): first build of 100,000 papers < 10 s; in-process search p50 < 10 ms
and p99 < 50 ms for one- and two-word queries; `paperweek search` < 0.5 s as a whole
process on a 1,500-paper log.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_big_log import make_log, read_sample

STOP = {
    "with", "from", "that", "this", "using", "towards", "into", "via", "based", "through", "over", "under",
    "their", "your", "what", "when", "where", "which", "while", "without", "beyond", "for", "and", "the",
}  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ensure_log(root: Path, count: int, records: list[dict[str, object]]) -> Path:
    if (root / "paperweek.toml").exists() and (root / ".bench-papers").read_text() == str(count):
        return root
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    figures = make_log(root, count, records)
    (root / ".bench-papers").write_text(str(count))
    print(f"  generated {count:,} papers in {figures['weeks']:,} week files in {time.perf_counter() - started:.0f} s")
    return root


def drop_cache(root: Path) -> None:
    shutil.rmtree(root / ".paperweek", ignore_errors=True)


def queries(records: list[dict[str, object]], seed: int = 7) -> tuple[list[str], list[str]]:
    """100 one-word and 100 two-word queries drawn from title words by their frequency."""
    words: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for record in records:
        tokens = [t.lower() for t in re.findall(r"[A-Za-z][A-Za-z-]+", str(record["title"]))]
        tokens = [t for t in tokens if len(t) >= 4 and t not in STOP and "-" not in t]
        words.update(tokens)
        bigrams.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    rng = random.Random(seed)
    common_words = [w for w, _ in words.most_common(2000)]
    common_bigrams = [b for b, _ in bigrams.most_common(2000)]
    one = rng.choices(common_words, weights=[words[w] for w in common_words], k=100)
    two = rng.choices(common_bigrams, weights=[bigrams[b] for b in common_bigrams], k=100)
    return one, two


def bench_build(root: Path, runs: int) -> None:
    from paperweek.index.search import SearchIndex
    from paperweek.store import open_log

    totals, loads, indexes = [], [], []
    for _ in range(runs):
        drop_cache(root)
        log = open_log(root)
        started = time.perf_counter()
        with SearchIndex(log) as index:
            stats = index.refresh()
            count = index.count()
        totals.append(time.perf_counter() - started)
        loads.append(stats.load_seconds)
        indexes.append(stats.index_seconds)
    print(f"  first build, {count:,} papers in {stats.files:,} week files ({runs} runs, {os.cpu_count()} CPUs):")
    print(f"    total          median {statistics.median(totals):6.2f} s   (min {min(totals):.2f}, max {max(totals):.2f})")
    print(f"    read+parse     median {statistics.median(loads):6.2f} s   (YAML via libyaml, parallel workers)")
    print(f"    SQLite/FTS5    median {statistics.median(indexes):6.2f} s   (docs + FTS5 insert, one transaction)")
    size = (root / ".paperweek" / "cache.sqlite").stat().st_size
    print(f"    index file     {size / 1e6:.0f} MB")
    log = open_log(root)
    checks = []
    for _ in range(5):
        started = time.perf_counter()
        with SearchIndex(log) as index:
            index.refresh()
        checks.append(time.perf_counter() - started)
    print(f"    up-to-date check (no file changed): median {statistics.median(checks) * 1000:.1f} ms")


def bench_parsers(root: Path) -> None:
    """Per-paper cost of reading week files: libyaml fast path vs ruamel round-trip (for the lead)."""
    from paperweek.store.weekfile import load_document, read_week, week_from_document

    files = sorted((root / "weeks").glob("*.yaml"))[:4]
    started = time.perf_counter()
    papers = sum(len(read_week(f).papers) for f in files)
    fast = (time.perf_counter() - started) / papers
    started = time.perf_counter()
    papers = sum(len(week_from_document(load_document(f), f).papers) for f in files[:2])
    slow = (time.perf_counter() - started) / papers
    print("  reading week files, one process, per paper:")
    print(f"    read_week (libyaml)   {fast * 1000:.3f} ms  -> {fast * 100_000:5.0f} s per 100,000 papers")
    print(f"    ruamel round-trip          {slow * 1000:.3f} ms  -> {slow * 100_000:5.0f} s per 100,000 papers")


def matches(index: object, query: str) -> int:
    from paperweek.index.search import fts_query

    conn = index.conn  # type: ignore[attr-defined]
    return int(conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (fts_query(query),)).fetchone()[0])


def bench_queries(root: Path, one: list[str], two: list[str], repeats: int = 3) -> None:
    from paperweek.index.search import SearchIndex
    from paperweek.store import open_log

    log = open_log(root)
    with SearchIndex(log) as index:
        index.refresh()
        total = index.count()
        extra = ["diffu*", '"in-context learning"', "segmentation", "language model", "robot*"]
        for name, batch in (("one-word", one), ("two-word", two), ("prefix/phrase", extra)):
            times: list[tuple[float, str]] = []
            for query in batch:
                index.search(query)  # warm
                for _ in range(repeats):
                    started = time.perf_counter()
                    index.search(query, limit=20)
                    times.append((time.perf_counter() - started, query))
            ms = [t * 1000 for t, _ in times]
            slowest: dict[str, float] = {}
            for t, q in sorted(times, reverse=True):
                slowest.setdefault(q, t)
            worst = list(slowest.items())[:3]
            print(
                f"  {name:<13} {len(batch)} queries x {repeats} on {total:,} papers: p50 {percentile(ms, 0.5):5.1f} ms"
                f"  p95 {percentile(ms, 0.95):5.1f} ms  p99 {percentile(ms, 0.99):5.1f} ms  max {max(ms):5.1f} ms"
            )
            print(
                "                slowest: "
                + ", ".join(f"{q!r} {t * 1000:.0f} ms ({matches(index, q):,} matching papers)" for q, t in worst)
            )


def bench_process(root: Path, runs: int) -> None:
    exe = shutil.which("paperweek")
    command = [exe] if exe else [sys.executable, "-m", "paperweek"]
    base = [*command, "--dir", str(root), "search"]

    def run(*args: str) -> float:
        started = time.perf_counter()
        subprocess.run([*base, *args], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    drop_cache(root)
    cold = run("diffusion")
    warm = [run("diffusion") for _ in range(runs)]
    phrase = [run('"language model"', "--json") for _ in range(runs)]
    print(f"  `paperweek search` process on {root.name} ({' '.join(command[-1:])}):")
    print(f"    first run (builds the index)   {cold:.2f} s")
    print(f"    diffusion                       median {statistics.median(warm):.3f} s  max {max(warm):.3f} s")
    print(f"    '\"language model\" --json'     median {statistics.median(phrase):.3f} s  max {max(phrase):.3f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "paperweek-search-bench")
    args = parser.parse_args(argv)
    records = read_sample()
    print(f"sample: {len(records):,} arXiv records; work folder {args.work}")
    big = ensure_log(args.work / f"log-{args.papers}", args.papers, records)
    small = ensure_log(args.work / f"log-{args.small}", args.small, records)
    one, two = queries(records)
    print(f"\n[1] index build, {args.papers:,} papers")
    bench_build(big, args.runs)
    bench_parsers(big)
    print(f"\n[2] in-process search, {args.papers:,} papers (limit 20, snippets included)")
    bench_queries(big, one, two)
    print(f"\n[3] whole process, {args.small:,} papers")
    bench_process(small, max(5, args.runs))


if __name__ == "__main__":
    main()
