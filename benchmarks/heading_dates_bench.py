"""The date grammar against dateutil's fuzzy parser on period headings real lists use.

    python benchmarks/heading_dates_bench.py [--runs 200]

Prints, per heading, what each reads (dateutil reads one date; ranges and ISO weeks are
periods), then the time per heading of each. This is why render/dategrammar.py exists.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import time

from paperweek.grammar.dates import find_period

HEADINGS = [
    "AI Papers of the Week (April 15 - April 21) - 2024",
    "Mar 20-Mar 26",
    "Jan 1-8",
    "Dec 30, 2024 – Jan 5, 2025",
    "23rd June 2026",
    "16th of October 2023",
    "Updated on 2021.12.30",
    "Recommended Papers for Week 52, 2023",
    ":star:January 2024 Best GenAI Papers",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    try:
        from dateutil import parser as du
    except ImportError:
        du = None
    default = dt.datetime(2024, 1, 1)
    for text in HEADINGS:
        found = find_period(text)
        ours = found.dates(2024) if found else None
        theirs: object = "not installed"
        if du is not None:
            try:
                theirs = du.parse(text, fuzzy=True, default=default).date()
            except (ValueError, OverflowError) as exc:
                theirs = f"error ({type(exc).__name__})"
        print(f"{text!r:55} grammar: {ours}  dateutil: {theirs}")
    started = time.perf_counter()
    for _ in range(args.runs):
        for text in HEADINGS:
            find_period(text)
    ours_us = (time.perf_counter() - started) / (args.runs * len(HEADINGS)) * 1e6
    print(f"grammar:  {ours_us:.0f} us per heading")
    if du is not None:
        started = time.perf_counter()
        for _ in range(args.runs):
            for text in HEADINGS:
                with contextlib.suppress(ValueError, OverflowError):
                    du.parse(text, fuzzy=True, default=default)
        print(f"dateutil: {(time.perf_counter() - started) / (args.runs * len(HEADINGS)) * 1e6:.0f} us per heading")


if __name__ == "__main__":
    main()
