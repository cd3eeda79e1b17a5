"""Write a large README of weekly tables (about 1 MB, 1,300 rows over 130 weeks) for import/build benchmarks.

    python benchmarks/make_big_list.py OUT.md [--weeks 130] [--rows 10] [--style top-ml|seed|mixed]

Titles and summaries come from ../shared/data/arxiv-sample-2026.jsonl.gz (real arXiv
records), newest week first, with an index grouped by year. ``mixed`` (the default)
drifts the way real lists do: the older third of the weeks uses the seed's 3-column
table and "(1)" numbering, one week in ten has no year in its heading, and every
twentieth row has a link cell with text that is not a link (kept verbatim on import).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def records(limit: int) -> Iterator[dict[str, Any]]:
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for count, line in enumerate(handle):
            if count >= limit:
                return
            yield json.loads(line)


def _plain(text: str) -> str:
    return " ".join(text.split()).replace("|", "/").replace("*", "").replace("[", "(").replace("]", ")")


def _day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def week_year(start: dt.date) -> int:
    return (start + dt.timedelta(days=3)).year


def make_list(weeks: int, rows: int, style: str) -> str:
    source = records(weeks * rows)
    newest = dt.date(2026, 6, 29)
    starts = [newest - dt.timedelta(weeks=i) for i in range(weeks)]
    prefix = "Top ML Papers of the Week"
    out = [
        "# **ML Papers of The Week**",
        "",
        "[![Subscribe](https://img.shields.io/badge/newsletter-subscribe-blue)](https://example.org/subscribe)",
        "",
        "We highlight the top ML papers every week.",
        "",
        "Here is the weekly series:",
    ]
    year = None
    for w, start in enumerate(starts):
        y = week_year(start)
        if y != year:
            out += ["", f"## {y}", ""]
            year = y
        label = f"{prefix} ({_day(start)} - {_day(start + dt.timedelta(days=6))})"
        no_year = style == "mixed" and w % 10 == 7
        anchor = label.lower().replace("(", "").replace(")", "").replace(" ", "-") + ("" if no_year else f"---{y}")
        out.append(f"- [{label}](./#{anchor})")
    out += ["", "[Join our Discord](https://example.org/discord)", ""]
    for w, start in enumerate(starts):
        seedish = style == "seed" or (style == "mixed" and w >= (2 * weeks) // 3)
        label = f"{prefix} ({_day(start)} - {_day(start + dt.timedelta(days=6))})"
        no_year = style == "mixed" and w % 10 == 7
        out.append(f"## {label}" + ("" if no_year else f" - {week_year(start)}"))
        if seedish:
            out += ["| **Paper**  | **Release Date** | **Links** |", "| ------------- | ------------- | ------------- |"]
        else:
            out += ["| **Paper**  | **Links** |", "| ------------- | ------------- |"]
        for r in range(rows):
            record = next(source)
            title = _plain(record["title"])
            summary = _plain(record["abstract"])[:560]
            links = f"[Paper](https://arxiv.org/abs/{record['id']}), [Tweet](https://x.com/example/status/{w}{r})"
            if style == "mixed" and (w * rows + r) % 20 == 19:
                links += ", coming soon"
            if seedish:
                out.append(f"| ({r + 1}) **{title}** - {summary} | {_day(start)}, {start.year} | {links}|")
            else:
                out.append(f"| {r + 1}) **{title}** - {summary} | {links} |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--weeks", type=int, default=130)
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--style", choices=("top-ml", "seed", "mixed"), default="mixed")
    args = parser.parse_args()
    text = make_list(args.weeks, args.rows, args.style)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode('utf-8')):,} bytes, {args.weeks * args.rows:,} rows, {args.weeks} weeks")


if __name__ == "__main__":
    main()
