"""The seed format's week sections: their headings' dates, and the index lines that list them.

Split from ``parse`` (the seed-format reader): the records a section is read into, the
dates of a ``(April 15 - April 21)`` heading (through the date grammar), and how index
lines are matched to sections and checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from paperweek.days import week_year
from paperweek.grammar import rows as rowlib
from paperweek.grammar.dates import blank_markup, find_period, tokens
from paperweek.importer.parsed import IndexLine, ParsedReadme
from paperweek.importer.seenstyle import Seen
from paperweek.models import Week

# the spaces before "(" start after the prefix's last non-space: one try per run, linear on long runs
_WEEK_HEADING = re.compile(
    r"^(?P<prefix>.*?)(?:(?<=\S)|^)\s*+\((?P<range>[^()]+)\)\s*+(?:[-–—,]?\s*(?P<year>\d{4}))?\s*$"
)


@dataclass
class Head:
    idx: int  # 0-based line index
    text: str
    level: int
    slug: str
    kind: str  # "year", "week" or "other"
    prefix: str = ""
    parts: tuple[tuple[int, int, int | None], tuple[int, int, int | None]] | None = None
    year: int | None = None  # the year written in the heading
    start: dt.date | None = None
    end: dt.date | None = None


# --- dates in headings ----------------------------------------------------------------------


def range_parts(text: str) -> tuple[tuple[int, int, int | None], tuple[int, int, int | None]] | None:
    """``Jan 30-Feb 5`` -> ((1, 30, None), (2, 5, None)); ``Jan 1-8`` -> ((1, 1, None), (1, 8, None)).

    Read by the date grammar (``dategrammar``); the range must be the whole text.
    """
    found = find_period(text)
    if found is None or found.kind != "range":
        return None
    cleaned = blank_markup(text)
    if cleaned[: found.start].strip(" ,.") or cleaned[found.end :].strip(" ,."):
        return None
    first, last = found.first, found.last
    return (first.month, first.day, first.year), (last.month, last.day, last.year)


def week_dates(parts: Any, start_year: int) -> tuple[dt.date, dt.date] | None:
    (m1, d1, y1), (m2, d2, y2) = parts
    try:
        start = dt.date(y1 or start_year, m1, d1)
        end_year = y2 or (start.year + 1 if (m2, d2) < (m1, d1) else start.year)
        end = dt.date(end_year, m2, d2)
    except ValueError:
        return None
    return (start, end) if end >= start else None


def parse_week_range(text: str, year: int | None) -> tuple[dt.date, dt.date] | None:
    """``April 15 - April 21`` (+ the heading's year) -> (start, end), the year read as ``week_year``."""
    parts = range_parts(text)
    if parts is None:
        return None
    base = written_start_year(parts)
    if base is not None:
        return week_dates(parts, base)
    if year is None:
        return None
    candidates = [found for base in (year, year - 1) if (found := week_dates(parts, base)) is not None]
    for start, end in candidates:
        if week_year(start) == year:
            return start, end
    return candidates[0] if candidates else None


def looks_like_week(text: str) -> tuple[str, str, int | None] | None:
    match = _WEEK_HEADING.match(text)
    if not match or not any(t.kind == "month" for t in tokens(match.group("range"))):
        return None
    return match.group("prefix").strip(), match.group("range"), int(match.group("year")) if match.group("year") else None


# --- the parser -----------------------------------------------------------------------------


@dataclass
class Section:
    head: Head
    seen: Seen = field(default_factory=Seen)
    rows: list[rowlib.RowRead] = field(default_factory=list)
    rule_after: bool = False
    week: Week | None = None


# --- helpers --------------------------------------------------------------------------------


def written_start_year(parts: Any) -> int | None:
    """The start's year when the range itself names a year (``Dec 30, 2024 - Jan 5, 2025``)."""
    (m1, d1, y1), (m2, d2, y2) = parts
    if y1:
        return int(y1)
    if y2:
        return int(y2) if (m2, d2) >= (m1, d1) else int(y2) - 1
    return None


def _label_start(entry: IndexLine) -> tuple[Any, ...] | None:
    found = looks_like_week(entry.label)
    if found is None:
        return None
    return range_parts(found[1])


def label_match(entry: IndexLine, days: DaysTable) -> Section | None:
    """The section an index line's label names (month/day match, year within one of the group's)."""
    found = looks_like_week(entry.label)
    if found is None:
        return None
    parts = range_parts(found[1])
    if parts is None:
        return None
    (m1, d1, y1), (m2, d2, _y2) = parts
    year = found[2] or y1 or entry.year_group
    best: Section | None = None
    for section in days.get((m1, d1, m2, d2), []):
        week = section.week
        assert week is not None
        if year is not None and abs(week_year(week.start) - year) > 1 and abs(week.start.year - year) > 1:
            continue
        if best is None or (year is not None and _year_distance(section, year) < _year_distance(best, year)):
            best = section
    return best


DaysTable = dict[tuple[int, int, int, int], list["Section"]]


def by_days(sections: list[Section]) -> DaysTable:
    """Sections by (start month, start day, end month, end day): built once per import, by the parser."""
    table: DaysTable = {}
    for section in sections:
        week = section.week
        if week is not None:
            last = week.last_day
            table.setdefault((week.start.month, week.start.day, last.month, last.day), []).append(section)
    return table


def _year_distance(section: Section, year: int) -> int:
    assert section.week is not None
    return min(abs(week_year(section.week.start) - year), abs(section.week.start.year - year))


def link_index(result: ParsedReadme, sections: list[Section], days: DaysTable, source: str) -> None:
    """Which index line lists which week: its label and year group are kept for build."""
    by_slug = {s.head.slug: s for s in sections}
    dated: list[dt.date] = []
    for entry in result.index:
        section = _entry_section(entry, days, by_slug)
        if section is None or section.week is None:
            continue
        dated.append(section.week.start)
        if section.seen.index_label is not None:
            continue
        section.seen.index_label = entry.label
        if entry.year_group is not None:
            section.seen.year = entry.year_group
    for section in sections:
        head = section.head
        if section.seen.year is None and head.year is not None and section.week is not None:
            section.seen.year = head.year
    if len(dated) >= 2:
        result.config.index_order = "newest-first" if dated[0] > dated[-1] else "oldest-first"
        ordered = sorted(dated, reverse=dated[0] > dated[-1])
        if ordered != dated:
            first = next(e for e, d, o in zip(result.index, dated, ordered, strict=False) if d != o)
            result.note(
                "index", f"{source}:{first.line}",
                "the index lists weeks out of order; build sorts it"
            )

def _entry_section(entry: IndexLine, days: DaysTable, by_slug: dict[str, Section]) -> Section | None:
    label_week = label_match(entry, days)
    if label_week is not None:
        return label_week
    anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
    return by_slug.get(anchor)

def check_index(result: ParsedReadme, sections: list[Section], days: DaysTable, source: str) -> None:
    """Report index lines that point at the wrong week or nowhere, and weeks left out of the index."""
    by_slug = {s.head.slug: s for s in sections}
    listed: set[dt.date] = set()
    for entry in result.index:
        named = label_match(entry, days)
        anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
        target = by_slug.get(anchor)
        label_start = _label_start(entry)
        if named is not None and named.week is not None:
            listed.add(named.week.start)
        if named is None and label_start is None:
            if target is None:
                result.note(
                    "index", f"{source}:{entry.line}",
                    f"index line {entry.label!r} names no week; build rewrites the index"
                )
            elif target.week is not None:
                listed.add(target.week.start)
            continue
        if named is None:
            result.note(
                "index", f"{source}:{entry.line}",
                f"index line for {entry.label!r} names a week with no section; "
                "build leaves it out"
            )
        elif target is None:
            result.note(
                "index", f"{source}:{entry.line}",
                f"index line for {entry.label!r} links #{anchor}, which matches no heading; "
                "build repairs it"
            )
        elif target is not named:
            other = target.week.start.isoformat() if target.week is not None else "another week"
            result.note(
                "index", f"{source}:{entry.line}",
                f"index line for {entry.label!r} links #{anchor}, the heading of the week of "
                f"{other}; build repairs it"
            )
        elif not entry.target.startswith(("./#", "#")):
            result.note(
                "index", f"{source}:{entry.line}",
                f"index line for {entry.label!r} links {entry.target}; build makes it ./#{anchor}"
            )
    if result.index:
        for start, lineno in sorted(result.heading_lines.items()):
            if start not in listed:
                result.note(
                    "index", f"{source}:{lineno}",
                    f"week of {start.isoformat()} is missing from the index; build adds it"
                )



