"""Make a large paperweek log from the shared arXiv sample, for search and export benchmarks.

    python benchmarks/make_big_log.py DIR [--papers 100000]

Reads ../shared/data/arxiv-sample-2026.jsonl.gz (34,025 real records) and repeats
it with fresh ids (each repetition moves ids, release dates and weeks 3 years
back) until there are ``--papers`` papers, one week file per release week,
written in the format paperweek itself writes (store.weekfile.week_text).
Titles and abstracts are stored as paperweek stores them: Markdown-escaped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def read_sample(path: Path = SAMPLE) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _released(record: dict[str, Any]) -> dt.date:
    versions = record.get("versions") or []
    if versions:
        created = versions[0].get("created", "")
        try:
            return dt.datetime.strptime(created, "%a, %d %b %Y %H:%M:%S %Z").date()
        except ValueError:
            pass
    return dt.date.fromisoformat(record["update_date"])


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # February 29
        return day.replace(year=day.year - years, day=28)


def papers(records: list[dict[str, Any]], count: int) -> Iterator[tuple[dt.date, Any]]:
    """(week start, Paper) for ``count`` papers, repeating the sample with fresh ids."""
    from paperweek.days import week_start
    from paperweek.markdown import escape
    from paperweek.models import Link, Paper

    made = 0
    copy = 0
    while made < count:
        years = 3 * copy
        for record in records:
            if made >= count:
                break
            yymm, _, number = record["id"].partition(".")
            if not number:  # old-style id: give it a new-style one
                yymm, number = "2601", f"{made:05d}"
            new_yymm = f"{int(yymm[:2]) - years:02d}{yymm[2:]}" if years else yymm
            paper_id = f"{new_yymm}.{number}"
            released = _shift_years(_released(record), years)
            abstract = " ".join(record.get("abstract", "").split())
            summary = " ".join(_SENTENCE.split(abstract)[:2])
            authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", record.get("authors", "")) if a.strip()]
            paper = Paper(
                id=paper_id,
                title=escape(record["title"]),
                summary=escape(summary),
                released=released,
                links=[Link("Paper", f"https://arxiv.org/abs/{paper_id}")],
                authors=authors,
                categories=(record.get("categories") or "").split(),
                comments=escape(record.get("comments") or ""),
                abstract=escape(abstract),
            )
            yield week_start(released), paper
            made += 1
        copy += 1


CONFIG = """schema = 1

[log]
title = "Benchmark log"
week_start = "monday"

[tags.rules]
llm = ["language model", "LLM"]
"""


def _write_week(job: tuple[Path, Any]) -> None:
    from paperweek.store.weekfile import week_text

    path, week = job
    path.write_text(week_text(week), encoding="utf-8")


def make_log(root: Path, count: int, records: list[dict[str, Any]] | None = None) -> dict[str, float]:
    """Write a log of ``count`` papers into ``root``; returns {weeks, papers, seconds}."""
    from paperweek.models import Week
    from paperweek.store.weekfile import file_name

    started = time.perf_counter()
    records = records if records is not None else read_sample()
    by_week: dict[dt.date, list[Any]] = defaultdict(list)
    for start, paper in papers(records, count):
        by_week[start].append(paper)
    weeks_dir = root / "weeks"
    weeks_dir.mkdir(parents=True, exist_ok=True)
    (root / "paperweek.toml").write_text(CONFIG, encoding="utf-8")
    jobs = [(weeks_dir / file_name(start), Week(start=start, papers=ps)) for start, ps in by_week.items()]
    with ProcessPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        list(pool.map(_write_week, jobs))
    return {"weeks": len(by_week), "papers": count, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--papers", type=int, default=100_000)
    args = parser.parse_args(argv)
    if (args.directory / "paperweek.toml").exists():
        sys.exit(f"{args.directory}: already holds a log; pick an empty folder")
    figures = make_log(args.directory, args.papers)
    print(f"wrote {figures['papers']:,} papers in {figures['weeks']:,} week files to {args.directory} "
          f"in {figures['seconds']:.1f} s")


if __name__ == "__main__":
    main()
