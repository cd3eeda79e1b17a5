"""Where an imported item belongs in time: the best evidence it has, in a fixed order.

1. its own row date (a day, a month or a year, ``grammar/when.py``);
2. its section's dated heading (``genre``);
3. the headings around it: a year heading above (``### 2024`` over ``* 04/12 - …``);
4. the arXiv ids of its items (``2301.01379``: January 2023);
5. the git history of the file (the day the commit that added its line was made);
6. ``--date``;
7. none: the list is imported into the period holding the day of the import, and
   ``--report`` says so (``paperweek move`` or a re-import with ``--date`` places it).

Each placed period records which evidence placed it (``EVIDENCE``), for ``--report``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from paperweek import markdown as md
from paperweek.days import week_start
from paperweek.grammar import items as itemlib
from paperweek.grammar.dates import Found
from paperweek.grammar.titles import trailing_date
from paperweek.grammar.when import Span, find_when
from paperweek.importer.parsed import ParsedReadme

_DATE_FIELD = re.compile(r"^\W{0,6}(?:date|presented|read|日期|时间)\W{0,4}\s*[:：]\s*(?P<d>.+)$",
                         re.IGNORECASE | re.MULTILINE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
EVIDENCE = ("row dates", "heading", "headings around", "arXiv ids", "git history", "--date", "none")
_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}", re.IGNORECASE)


def arxiv_span(text: str) -> Span | None:
    """The months the arXiv ids of an item's text were submitted in (``2301.xxxxx``: January 2023)."""
    months = sorted({(2000 + int(m.group("yy")), int(m.group("mm"))) for m in _ARXIV_ID.finditer(text)
                     if 1 <= int(m.group("mm")) <= 12})
    if not months:
        return None
    first, last = months[0], months[-1]
    return dt.date(first[0], first[1], 1), _month_end(last[0], last[1])


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def git_line_days(source: str) -> dict[int, dt.date]:
    """The day each line (1-based) was committed, when the file is tracked in a git work tree; {} otherwise
    (no git, not a work tree, not tracked, or git failing: the evidence is simply absent)."""
    path = Path(source)
    if not path.is_file():
        return {}
    try:
        done = subprocess.run(
            ["git", "-C", str(path.resolve().parent), "blame", "--line-porcelain", "--", path.name],
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    days: dict[int, dt.date] = {}
    line = 0
    for row in done.stdout.splitlines():
        if row and not row.startswith("\t") and re.match(r"^[0-9a-f]{40} \d+ (\d+)", row):
            line = int(row.split()[2])
        elif row.startswith("committer-time "):
            days[line] = dt.datetime.fromtimestamp(int(row.split()[1]), tz=dt.UTC).date()
    return days


def span_period(spans: list[Span], first_weekday: int = 0) -> Span:
    """The smallest day, week or month holding every span, else the span from the first day to the last."""
    first = min(s[0] for s in spans)
    last = max(s[1] for s in spans)
    monday = week_start(first, first_weekday)
    if first == last:
        return first, last
    if last <= monday + dt.timedelta(days=6):
        return monday, monday + dt.timedelta(days=6)
    if (first.year, first.month) == (last.year, last.month):
        return first.replace(day=1), _month_end(first.year, first.month)
    return first, last


def fits_one(spans: list[Span]) -> bool:
    """Whether one period holds the spans as a reader reads them: rows dated by a month or a year, or by days
    of one month (a monthly list); rows dated by days of several months are placed one by one."""
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return any(s[0] != s[1] for s in spans) or (first.year, first.month) == (last.year, last.month)


def today_period(first_weekday: int = 0) -> Span:
    """The week of the import day: where a list with no evidence at all lands."""
    monday = week_start(dt.date.today(), first_weekday)
    return monday, monday + dt.timedelta(days=6)


def _lead(text: str) -> str:
    """The text an item starts with, before its first link, emphasis or tag (``04/12 - **Title**``)."""
    first = itemlib.list_marker(text.split("\n", 1)[0])
    body = first.group("body") if first else text.split("\n", 1)[0]
    return re.split(r"\[|\*\*|<|\s[-–—:]\s", body, maxsplit=1)[0][:30]


class _Dated(Protocol):
    """What placing needs of a period (``genre._Period``)."""

    line: int
    level: int
    text: str
    found: Found | None
    start: dt.date | None
    end: dt.date | None
    parts: list[Any]


class Placing:
    """The dating half of the genre parser: gives each period its start and end, by the evidence order above."""

    lines: list[str]
    source: str
    undated: dt.date | None
    strict: bool
    week_start_day: int
    order: str | None
    result: ParsedReadme
    _years: list[tuple[int, int, int]]
    _heading_years: list[tuple[int, int]]

    def at(self, idx: int) -> str:
        return f"{self.source}:{idx + 1}"

    def _year_at(self, line: int) -> int | None:
        """The year of the nearest heading above a line (0-based) that writes one."""
        year = None
        for at, found in self._heading_years:
            if at >= line:
                break
            year = found
        return year

    def _date(self, periods: Sequence[_Dated]) -> None:
        placed = self.result.placed
        for period in periods:
            if period.found is not None and (period.found.has_year or period.found.iso_week is not None):
                got = period.found.dates()
                if got:
                    period.start, period.end = got
                    placed[got[0]] = "heading"
        for period in periods:
            if period.start is not None:
                continue
            if period.found is None:
                self._place_whole(period)
                continue
            own = [s for it in self._items(period) if (s := self._item_when(it)) is not None]
            rows = sorted(s[0] for s in own)
            above = [y for line, level, y in self._years if line < period.line and level < period.level]
            year = self._near_year(period, periods, rows, above)
            how = "headings around" if above else "row dates" if rows else "headings around"
            if year is None:  # no year above, no row date, no dated neighbour: the arXiv ids of its items
                ids = sorted(s[0] for it in self._items(period) if (s := arxiv_span(it.text)) is not None)
                year = self._near_year(period, [period], ids, []) if ids else None
                how = "arXiv ids"
            got = period.found.dates(year) if year is not None else None
            if got is None and not self.strict:
                got = period.found.dates(dt.date.today().year)
                how = "none"
            if got is None:
                self.result.errors.append(
                    f"{self.at(period.line)}: heading names no year, and none can be taken from the headings "
                    f"around it or its rows: {period.text.strip()!r}; write the year in the heading"
                )
                continue
            period.start, period.end = got
            placed[got[0]] = how

    def _items(self, period: _Dated) -> list[itemlib.Item]:
        return [it for b in period.parts if not isinstance(b, str) for it in b.items]

    def _evidence(self, period: _Dated) -> tuple[list[Span], str]:
        """The spans its items' own evidence gives: row dates, else the years of the headings above them,
        else arXiv ids, else the git history of their lines; and which evidence that was."""
        items = self._items(period)
        spans = [s for it in items if (s := self._item_when(it)) is not None]
        if spans:
            return spans, "row dates"
        if period.found is None:
            years = [y for it in items if (y := self._year_at(it.line - 1)) is not None]
            if years:
                return [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years], "headings around"
        spans = [s for it in items if (s := arxiv_span(it.text)) is not None]
        if spans:
            return spans, "arXiv ids"
        if items:
            days = git_line_days(self.source)
            spans = [(d, d) for it in items if (d := days.get(it.line)) is not None]
            if spans:
                return spans, "git history"
        return [], "none"

    def _item_when(self, item: itemlib.Item) -> Span | None:
        """An item's own date, read in its context's year: its date cell, else the date it starts with, else
        one written at its end (``[Title](url) — *Topic* (2025-11-27)``), else a ``Date:`` field line of a
        multi-line item (``  Date: July 14th, 2020 <br />``)."""
        if item.released is not None:
            return item.released, item.released
        year = self._year_at(item.line - 1)
        if item.date_text is not None:
            return find_when(item.date_text, year, self.order, whole=True) if item.date_text else None
        lead = _lead(item.text)
        got = find_when(lead, year, self.order) if lead else None
        after = trailing_date(item.text.split("\n", 1)[0]) if got is None and not lead.strip() else None
        if after is not None:
            got = find_when(after, year, self.order)
        field = _DATE_FIELD.search(item.text) if got is None else None
        if field is not None:
            got = find_when(md.strip_markup(_BR.sub(" ", field.group("d"))), year, self.order)
        return got

    def _near_year(self, period: _Dated, periods: Sequence[_Dated], rows: list[dt.date], group: list[int]) -> int | None:
        """The year of a heading that writes none: its rows' dates, else the nearest dated heading."""
        assert period.found is not None
        if group:  # "### Week of Jan 15" under "## 2024": the year most of its days fall in
            year = group[-1]
            for base in (year, year - 1):
                got = period.found.dates(base)
                if got is not None and (got[0] + (got[1] - got[0]) / 2).year == year:
                    return base
            return year
        if rows:
            target = rows[len(rows) // 2]
        else:
            index = periods.index(period)
            near = sorted(
                (abs(i - index), p.start) for i, p in enumerate(periods) if p.start is not None and p is not period
            )
            if not near:
                return None
            assert near[0][1] is not None
            target = near[0][1]
        best: tuple[int, int] | None = None
        for year in (target.year - 1, target.year, target.year + 1):
            got = period.found.dates(year)
            if got is not None:
                distance = abs((got[0] - target).days)
                if best is None or distance < best[0]:
                    best = (distance, year)
        return best[1] if best else None

    def _place_whole(self, period: _Dated) -> None:
        """A list without dated headings: one period, the smallest day, week or month holding its items'
        evidence (``placing``); with none, ``--date``'s week, else the week of the import."""
        if not self._items(period):
            return  # no dated heading, no item: not a list of papers (import says so, exit 2)
        spans, how = self._evidence(period)
        if self.strict and how != "row dates":  # strict: only dates written in the list, else --date
            spans, how = [], "none"
        if not spans and self.undated is not None:
            monday = week_start(self.undated, self.week_start_day)
            spans, how = [(monday, monday + dt.timedelta(days=6))], "--date"
        if not spans:
            if self.strict:
                self.result.errors.append(
                    f"{self.at(self._items(period)[0].line - 1)}: no dated heading and no dated item; pass --date "
                    "YYYY-MM-DD to put the items in the week holding that day"
                )
                return
            spans = [today_period(self.week_start_day)]
            self.result.note(
                "period", self.at(self._items(period)[0].line - 1), "nothing says when these items are from (no dated heading, "
                f"no date in the rows, no arXiv id, no git history); imported into the week of {spans[0][0].isoformat()}: "
                "import again with --date YYYY-MM-DD, or `paperweek move` the papers"
            )
        period.start, period.end = span_period(spans, self.week_start_day)
        self.result.placed[period.start] = how

    def by_own_dates(self, periods: list[Any]) -> list[Any]:
        """A list without dated headings whose rows are dated by days of several months: each row in the
        week holding its date, the rows without one with the row above; the text stays where it stands (so the
        list still reads as written)."""
        if len(periods) != 1 or periods[0].found is not None or periods[0].start is None:
            return periods
        whole = periods[0]
        if self.result.placed.get(whole.start) != "row dates":
            return periods
        spans = [s for it in self._items(whole) if (s := self._item_when(it)) is not None]
        if fits_one(spans):
            return periods
        first = spans[0]
        out: list[Any] = []
        current = copy.copy(whole)
        current.parts = []
        current.start, current.end = self._unit(first)
        out.append(current)
        for part in whole.parts:
            if isinstance(part, str):
                current.parts.append(part)
                continue
            run = None
            for item in part.items:
                when = None if item.joined else self._item_when(item)
                unit = self._unit(when) if when is not None else None
                if unit is not None and unit != (current.start, current.end):
                    current = copy.copy(whole)
                    current.parts, run = [], None
                    current.start, current.end = unit
                    out.append(current)
                if run is None:
                    run = copy.copy(part)
                    run.items = []
                    current.parts.append(run)
                run.items.append(item)
        del self.result.placed[whole.start]
        for one in out:
            self.result.placed.setdefault(one.start, "row dates")
        return out

    def _unit(self, day: Span) -> Span:
        """The week holding a row's day."""
        monday = week_start(day[0], self.week_start_day)
        return monday, monday + dt.timedelta(days=6)
