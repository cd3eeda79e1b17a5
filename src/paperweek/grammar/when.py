"""When an item says it is from: a date written in its own row or line, at whatever precision.

Lists date their rows as days (``2024-01-18``, ``9/04/24``, ``04/12`` under a ``2024``
heading), months (``June 2017``, ``01/2023``, ``2024.04``, ``(2015-12)``) or years
(``2019``). ``find_when`` reads all of them into a span of days; the year of a date written
without one is the one its context gives (the heading above). ``find_period`` (``dates``)
does the work for every form it knows; the forms here are the short numeric ones that a
heading never holds alone but a date cell does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from paperweek.grammar.dates import blank_markup, find_day, find_period

Span = tuple[dt.date, dt.date]

_SHORT = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d{2}))?(?![\d/.])")
_MONTH_YEAR = re.compile(r"(?<![\d/.])(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/.])")
_YEAR = re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d\d)(?![\d./-])")


def year_of(text: str) -> int | None:
    """The one year a text writes (``## 2023 Papers``, ``# Deep NLP seminar 2019``), else None."""
    years = {int(m.group("y")) for m in _YEAR.finditer(blank_markup(text))}
    return years.pop() if len(years) == 1 else None


def find_when(text: str, year: int | None = None, order: str | None = None, whole: bool = False) -> Span | None:
    """The span of days a date cell or an item's leading text names (a day, a month, a year).

    ``year`` stands in for a year not written; ``order`` ("dmy"/"mdy", learned from the document)
    reads ``03/04``; ``whole``: the text is a date cell, so a year alone is a date too.
    """
    bare = blank_markup(text).strip(" *_[]()|:-–—")
    if not bare:
        return None
    day = find_day(bare)
    if day is not None:
        return day, day
    found = find_period(bare, order)
    if found is not None:
        got = found.dates(year)
        if got is not None:
            return got
    short = _SHORT.search(bare)
    if short is not None and short.start() <= 2:
        a, b = int(short.group("a")), int(short.group("b"))
        when = 2000 + int(short.group("y")) if short.group("y") else year
        month, mday = (b, a) if (order == "dmy" or a > 12) else (a, b)
        if when is not None and 1 <= month <= 12:
            try:
                got_day = dt.date(when, month, mday)
            except ValueError:
                got_day = None
            if got_day is not None:
                return got_day, got_day
    month_year = _MONTH_YEAR.search(bare)
    if month_year is not None and 1 <= int(month_year.group("m")) <= 12:
        y, m = int(month_year.group("y")), int(month_year.group("m"))
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    if whole:
        only = _YEAR.fullmatch(bare)
        if only is not None:
            y = int(only.group("y"))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def learn_order(texts: list[str]) -> str | None:
    """Whether a document writes numeric dates day first or month first: the order its unambiguous
    dates (a first number over 12, or a second) show; None when they do not tell."""
    dmy = mdy = 0
    for text in texts:
        for m in re.finditer(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.]\d{2,4})?(?![\d/.])", text):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                dmy += 1
            elif b > 12 >= a:
                mdy += 1
    if dmy == mdy:
        return None
    return "dmy" if dmy > mdy else "mdy"
