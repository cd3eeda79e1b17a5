"""Benchmark: build the website of a 1,500-paper log (target: under 3 s).

    python benchmarks/site_bench.py [--papers 1500] [--runs 5]

Makes a log in a temporary folder from the shared arXiv sample
(../shared/data/arxiv-sample-2026.jsonl.gz: real titles, authors and
abstracts; two-sentence summaries; tags from arXiv categories; a Repo link on
every third paper), 20 papers a week over 75 weeks, saved with paperweek.store
like `paperweek add` does. Then
times, median of --runs:
  * the whole `paperweek --dir LOG site` process (start-up, reading the week
    files, rendering, writing, swapping the folder in);
  * build_site() in-process (reads the week files under the log's lock);
  * render_site() in-process: rendering and writing only, weeks already read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"
LAST_WEEK = dt.date(2026, 7, 13)  # a Monday
PER_WEEK = 20


def make_log(root: Path, count: int) -> tuple[int, int]:
    """Write a log of ``count`` papers; returns (weeks, tags)."""
    from paperweek.config import Config, config_to_toml
    from paperweek.markdown import escape
    from paperweek.models import Link, Paper, Week
    from paperweek.store import open_log

    root.mkdir(parents=True, exist_ok=True)
    (root / "paperweek.toml").write_text(config_to_toml(Config(title="Benchmark log")), encoding="utf-8")
    by_week: dict[dt.date, list[Paper]] = defaultdict(list)
    tags: set[str] = set()
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= count:
                break
            record = json.loads(line)
            start = LAST_WEEK - dt.timedelta(days=7 * (n // PER_WEEK))
            released = start + dt.timedelta(days=n % 7)
            abstract = " ".join(record["abstract"].split())
            summary = ". ".join(abstract.split(". ")[:2])
            paper_tags = [c for c in record.get("categories", "").split()][:3]
            tags.update(paper_tags)
            links = [Link("Paper", f"https://arxiv.org/abs/{record['id']}")]
            if n % 3 == 0:
                links.append(Link("Repo", f"https://github.com/example/repo{n}"))
            by_week[start].append(
                Paper(
                    id=record["id"],
                    title=escape(record["title"]),
                    summary=escape(summary),
                    released=released,
                    links=links,
                    authors=[a.strip() for a in record.get("authors", "").replace(" and ", ", ").split(",") if a.strip()],
                    tags=paper_tags,
                )
            )
    log = open_log(root)
    with log.locked():  # week files are written under the log's lock, as paperweek itself does
        for start, papers in by_week.items():
            log.save_week(Week(start=start, papers=papers))
    return len(by_week), len(tags)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from paperweek.site.builder import build_site, render_site
    from paperweek.site.views import site_settings
    from paperweek.store import open_log

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "log"
        weeks, tags = make_log(root, args.papers)
        print(f"log: {args.papers:,} papers, {weeks} weeks, {tags} tags")

        process = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "paperweek", "--dir", str(root), "site"], check=True, capture_output=True
            )
            process.append(time.perf_counter() - started)

        log = open_log(root)
        in_process = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = build_site(log)
            in_process.append(time.perf_counter() - started)
        weeks_read = log.weeks
        settings = site_settings(log.config)
        render_only = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(dir=tmp) as dest:
                started = time.perf_counter()
                render_site(log.config, weeks_read, Path(dest), settings)
                render_only.append(time.perf_counter() - started)
        size = sum(p.stat().st_size for p in result.out.rglob("*") if p.is_file())
        print(f"site: {len(result.pages)} pages, {size / 1e6:.1f} MB")
        print(f"`paperweek site` process: median {statistics.median(process):.2f} s over {args.runs} runs "
              f"(min {min(process):.2f}, max {max(process):.2f})")
        print(f"build_site() in-process:  median {statistics.median(in_process):.2f} s over {args.runs} runs "
              f"(min {min(in_process):.2f}, max {max(in_process):.2f})")
        print(f"render_site() only:       median {statistics.median(render_only):.2f} s over {args.runs} runs "
              f"(min {min(render_only):.2f}, max {max(render_only):.2f})")
        target = 3.0
        verdict = "OK" if statistics.median(process) < target else "SLOWER THAN TARGET"
        print(f"target: whole process under {target:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()
