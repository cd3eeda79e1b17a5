"""The dates of every week heading: the range it writes, in the year it says, else the year its
index group, its rows' arXiv ids or its neighbours imply.

A heading such as ``AI Papers of the Week (December 30 - January 5)`` says no year; the index
line that links to it may (under ``## 2024``), and so may its rows' arXiv ids (``2412.xxxxx``).
Failing both, the year that keeps the sections in the order the list keeps them wins.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from paperweek.days import week_year
from paperweek.importer.parsed import IndexLine
from paperweek.importer.weeksections import Head, week_dates, written_start_year

_ARXIV_IN_TEXT = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{2})(\d{2})\.\d{4,5}")


def date_weeks(heads: list[Head], lines: list[str], index: list[IndexLine], at: Callable[[int], str]) -> list[str]:
    """Give each week heading its start and end (``Head.start``, ``Head.end``); one error line per
    heading whose year cannot be told (``at(line index)`` says where)."""
    errors: list[str] = []
    hints = _year_hints(heads, lines, index)
    pending: list[Head] = []
    for head in heads:
        assert head.parts is not None
        (m1, d1, _), (m2, d2, _) = head.parts
        year = head.year or hints.get(head.idx)
        written = written_start_year(head.parts)
        if written is not None:
            found = week_dates(head.parts, written)
            if found:
                head.start, head.end = found
            continue
        if year is not None and (m2, d2) >= (m1, d1):
            found = week_dates(head.parts, year)
            if found:
                head.start, head.end = found
                continue
        pending.append(head)
    dated = [h for h in heads if h.start is not None]
    falling = sum(1 for x, y in itertools.pairwise(dated) if x.start and y.start and x.start > y.start)
    newest_first = falling * 2 >= len(dated) - 1
    for head in pending:
        assert head.parts is not None
        year = head.year or hints.get(head.idx)
        above = next((h.start for h in reversed(heads) if h.idx < head.idx and h.start is not None), None)
        below = next((h.start for h in heads if h.idx > head.idx and h.start is not None), None)
        neighbour = above or below
        bases: list[int] = []
        if year is not None:
            bases = [year - 1, year]
        elif neighbour is not None:
            bases = [neighbour.year - 1, neighbour.year, neighbour.year + 1]
        candidates = [found for base in bases if (found := week_dates(head.parts, base)) is not None]
        if not candidates:
            errors.append(
                f"{at(head.idx)}: cannot tell the year of {head.text!r}; add it to the heading "
                "(e.g. '... - 2024'), then import again"
            )
            continue
        newer, older = (above, below) if newest_first else (below, above)
        fitting = [
            c for c in candidates
            if (newer is None or c[0] < newer) and (older is None or c[0] > older)
        ]
        if len(fitting) == 1:
            head.start, head.end = fitting[0]  # the only year that keeps the sections in order
        elif year is not None:
            # paperweek's reading of a heading's year: the year holding most of its days
            pool = fitting or candidates
            head.start, head.end = next((c for c in pool if week_year(c[0]) == year), pool[-1])
        else:
            assert neighbour is not None
            pool = fitting or candidates
            head.start, head.end = min(pool, key=lambda c: abs((c[0] - neighbour).days))
    return errors

def _year_hints(heads: list[Head], lines: list[str], index: list[IndexLine]) -> dict[int, int]:
    """Years for headings that do not say theirs: the index group listing them, else their rows."""
    by_anchor: dict[str, int] = {}
    by_label: dict[str, int] = {}
    for entry in index:
        if entry.year_group is None:
            continue
        anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
        by_anchor.setdefault(anchor, entry.year_group)
        by_label.setdefault(" ".join(entry.label.split()), entry.year_group)
    hints: dict[int, int] = {}
    ends = [h.idx for h in heads[1:]] + [len(lines)]
    for head, end in zip(heads, ends, strict=True):
        if head.year is not None:
            continue
        year = by_label.get(" ".join(head.text.split())) or by_anchor.get(head.slug)
        if year is None:
            found = _ARXIV_IN_TEXT.search("\n".join(lines[head.idx : end]))
            if found:
                year = 2000 + int(found.group(1))
        if year is not None:
            hints[head.idx] = year
    return hints
