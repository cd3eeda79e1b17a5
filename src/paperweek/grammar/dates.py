"""A small grammar of the dates lists write in headings and cells: days, ranges, ISO weeks, months.

Why not a date library: ``dateutil``'s fuzzy parser reads one date, fails on ranges and ISO
weeks, and guesses wrong (``Jan 1-8`` becomes 2008-01-01); it is also about twice as slow here
(``benchmarks/heading_dates_bench.py``); ``dateparser`` is slower still to import. Lists
write periods (ranges, weeks, months) with words, emoji and markup around them, so
the text is tokenized (numbers, month names -- misspellings read when only one month
is one edit away --, separators) and the forms below are matched over the tokens:

* a day: ``April 15``, ``Apr. 15th, 2024``, ``23rd June 2026``, ``16th of October 2023``,
  ``2024-01-18``, ``2021.12.30``, ``2021/12/30``, ``30/12/2021`` and ``12/30/2021`` (only when
  the day is over 12: ``03/04/2021`` is not read, and a heading holding it stops the import);
* a range of two days: ``April 15 - April 21``, ``Mar 20-Mar 26``, ``Jan 1-8``,
  ``15-21 April 2024``, ``Dec 30, 2024 – Jan 5, 2025``, ``2024-01-01 to 2024-01-07``;
* an ISO week: ``Week 52, 2023``, ``week 7 of 2024``, ``2024-W07``;
* a month: ``January 2024``, ``Jan 2024``, ``2024-01``.

A form without a year returns ``year=None`` parts; the caller takes the year
from the heading's neighbours or its rows (``resolve``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

MONTHS = list(calendar.month_name)[1:]
_ABBREV = {name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)} | {"sept": 9}
_FULL = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}

_TOKEN = re.compile(
    r"(?P<iso>\d{4}[-./]\d{1,2}[-./]\d{1,2})(?!\d)"
    r"|(?P<dmy>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?!\d)"
    r"|(?P<isoweek>\d{4}-?W\d{1,2})(?!\d)"
    r"|(?P<ym>\d{4}[-./]\d{1,2})(?!\d|[-./]\d)"
    r"|(?P<num>\d{1,4})(?P<ord>st|nd|rd|th)?(?![\d])"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<dash>(?<!\s)\s*+(?:--|[-–—~])\s*)"  # one try per run of spaces: linear
    r"|(?P<comma>,)"
    r"|(?P<other>\S)",
    re.UNICODE | re.IGNORECASE,
)
_MARKUP = re.compile(r"<[^<>]+>|:[a-z0-9_+-]+:|\]\([^)]*\)|[*_`\[\]]")


@dataclass(frozen=True)
class Tok:
    kind: str  # iso, isoweek, ym, num, month, word, dash, comma, other
    text: str
    value: int = 0
    parts: tuple[int, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Day:
    """A day as written: month and day, the year when written."""

    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class Found:
    """A period found in a text: its kind, its days (year maybe unknown), where it was written."""

    kind: str  # "day", "range", "week", "month"
    first: Day
    last: Day
    start: int  # character span in the text
    end: int
    iso_week: tuple[int, int] | None = None  # (year, week) for "week"

    @property
    def has_year(self) -> bool:
        return self.first.year is not None or self.last.year is not None

    def dates(self, year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """(first day, last day); ``year`` stands in for a year not written (the first day's year)."""
        if self.iso_week is not None:
            y, w = self.iso_week
            try:
                start = dt.date.fromisocalendar(y, w, 1)
            except ValueError:
                return None
            return start, start + dt.timedelta(days=6)
        f, la = self.first, self.last
        try:
            if f.year is not None:
                start = dt.date(f.year, f.month, f.day)
            elif la.year is not None:
                start_year = la.year if (la.month, la.day) >= (f.month, f.day) else la.year - 1
                start = dt.date(start_year, f.month, f.day)
            elif year is not None:
                start = dt.date(year, f.month, f.day)
            else:
                return None
            if la.year is not None:
                end = dt.date(la.year, la.month, la.day)
            else:
                end_year = start.year + 1 if (la.month, la.day) < (f.month, f.day) else start.year
                end = dt.date(end_year, la.month, la.day)
        except ValueError:
            return None
        return (start, end) if end >= start else None


def month_of(word: str) -> int | None:
    """A month from its name, abbreviation (3+ letters) or an unambiguous misspelling."""
    return _month_of(word.lower().rstrip("."))


@lru_cache(maxsize=4096)
def _month_of(w: str) -> int | None:
    if w in _FULL:
        return _FULL[w]
    if len(w) >= 3 and w.isalpha():
        for name, number in _FULL.items():
            if name.startswith(w):
                return number
        if w in _ABBREV:
            return _ABBREV[w]
    if len(w) < 4:
        return None
    near = {n for name, n in _FULL.items() if len(name) >= 4 and _one_edit(w, name)}
    return near.pop() if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` is ``b`` with one letter changed, added, dropped or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def blank_markup(text: str) -> str:
    """Markup that never holds a date (HTML tags, :shortcodes:, link targets, emphasis) blanked out."""
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def tokens(text: str, order: str | None = None) -> list[Tok]:
    """The text's tokens; ``order`` ("dmy" or "mdy", learned from the document) reads ``03/04/2021``."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(blank_markup(text)):
        kind = m.lastgroup or "other"
        if kind == "ord":
            kind = "num"
        s, e = m.span()
        raw = m.group(0)
        if kind == "iso":
            parts = tuple(int(p) for p in re.split(r"[-./]", m.group("iso")))
            out.append(Tok("iso", raw, parts=parts, start=s, end=e))
        elif kind == "dmy":
            a, b, year = (int(p) for p in re.split(r"[/.-]", m.group("dmy")))
            first = order or ("dmy" if "." in raw else None)  # dotted dates are written day first
            if (a > 12 >= b) or (first == "dmy" and a <= 12 and b <= 12):  # 30/12/2021: day first
                out.append(Tok("iso", raw, parts=(year, b, a), start=s, end=e))
            elif (b > 12 >= a) or (first == "mdy" and a <= 12 and b <= 12):  # 12/30/2021: month first
                out.append(Tok("iso", raw, parts=(year, a, b), start=s, end=e))
            else:
                out.append(Tok("other", raw, start=s, end=e))  # 03/04/2021: which is the month cannot be told
        elif kind == "isoweek":
            y, w = re.split(r"-?W", m.group("isoweek"), flags=re.IGNORECASE)
            out.append(Tok("isoweek", raw, parts=(int(y), int(w)), start=s, end=e))
        elif kind == "ym":
            y, mo = re.split(r"[-./]", m.group("ym"))
            out.append(Tok("ym", raw, parts=(int(y), int(mo)), start=s, end=e))
        elif kind == "num":
            out.append(Tok("num", raw, value=int(m.group("num")), parts=(len(m.group("num")), bool(m.group("ord"))),
                           start=s, end=e))
        elif kind == "word":
            month = month_of(m.group("word"))
            if month is not None:
                out.append(Tok("month", raw, value=month, start=s, end=e))
            else:
                out.append(Tok("word", m.group("word").lower(), start=s, end=e))
        elif kind == "dash":
            out.append(Tok("dash", raw, start=s, end=e))
        elif kind == "comma":
            out.append(Tok("comma", raw, start=s, end=e))
        else:
            out.append(Tok("other", raw, start=s, end=e))
    return out


def _is_day(t: Tok) -> bool:
    return t.kind == "num" and 1 <= t.value <= 31 and t.parts[0] <= 2


def _is_year(t: Tok) -> bool:
    return t.kind == "num" and t.parts[0] == 4 and not t.parts[1] and 1900 <= t.value <= 2200


class _Reader:
    """Match the forms at one token position; each method returns (Day, next position) or None."""

    def __init__(self, toks: list[Tok]) -> None:
        self.t = toks

    def at(self, i: int, kind: str) -> bool:
        return i < len(self.t) and self.t[i].kind == kind

    def skip(self, i: int, *kinds: str) -> int:
        while i < len(self.t) and self.t[i].kind in kinds:
            i += 1
        return i

    def year_after(self, i: int) -> tuple[int | None, int]:
        j = self.skip(i, "comma")
        if j < len(self.t) and _is_year(self.t[j]):
            return self.t[j].value, j + 1
        return None, i

    def day(self, i: int) -> tuple[Day, int] | None:
        t = self.t
        if i >= len(t):
            return None
        tok = t[i]
        if tok.kind == "iso":
            y, mo, d = tok.parts
            return (Day(mo, d, y), i + 1) if _valid(mo, d) else None
        if tok.kind == "month" and self.at(i + 1, "num") and _is_day(t[i + 1]):
            # "April 15", "Apr. 15th, 2024" -- but not "January 2024"
            year, j = self.year_after(i + 2)
            if _valid(tok.value, t[i + 1].value):
                return Day(tok.value, t[i + 1].value, year), j
        if (_is_year(tok) and self.at(i + 1, "month") and self.at(i + 2, "num") and _is_day(t[i + 2])
                and _valid(t[i + 1].value, t[i + 2].value)):  # "2021 August 5"
            return Day(t[i + 1].value, t[i + 2].value, tok.value), i + 3
        if _is_day(tok):
            j = i + 1
            # "16th of October", and "7th if October": an ordinal day, one short word, a month
            if self.at(j, "word") and (t[j].text == "of" or (tok.parts[1] and len(t[j].text) <= 3)):
                j += 1
            if self.at(j, "month"):
                year, k = self.year_after(j + 1)
                if _valid(t[j].value, tok.value):
                    return Day(t[j].value, tok.value, year), k
        return None

    def range_(self, i: int) -> tuple[Found, int] | None:
        t = self.t
        first = self.day(i)
        if first is not None:
            d1, j = first
            if j < len(t) and (t[j].kind == "dash" or (t[j].kind == "word" and t[j].text in ("to", "until", "till"))):
                k = j + 1
                second = self.day(k)
                if second is not None:
                    d2, end = second
                    return Found("range", d1, d2, t[i].start, t[end - 1].end), end
                # "Jan 1-8", "Jan 1-8, 2024": the second day in the first one's month
                if k < len(t) and _is_day(t[k]) and t[i].kind == "month":
                    year, end = self.year_after(k + 1)
                    d1y = Day(d1.month, d1.day, d1.year or year)
                    if _valid(d1.month, t[k].value):
                        return Found("range", d1y, Day(d1.month, t[k].value, year), t[i].start, t[end - 1].end), end
                if k < len(t) and t[k].kind in ("num", "month", "word") and not (
                    t[k].kind == "word" and len(t[k].text) > 4
                ):
                    return None  # "April 22 - Mai 28": a range whose second day is not understood
            return Found("day", d1, d1, t[i].start, t[j - 1].end), j
        # "15-21 April 2024", "15 - 21 of April"
        if _is_day(t[i]) and self.at(i + 1, "dash") and i + 2 < len(t) and _is_day(t[i + 2]):
            second = self.day(i + 2)
            if second is not None:
                d2, end = second
                if _valid(d2.month, t[i].value):
                    return Found("range", Day(d2.month, t[i].value, d2.year), d2, t[i].start, t[end - 1].end), end
        return None

    def week(self, i: int) -> tuple[Found, int] | None:
        t = self.t
        tok = t[i]
        if tok.kind == "isoweek":
            y, w = tok.parts
            return _week_found(y, w, tok.start, tok.end), i + 1
        if tok.kind == "word" and tok.text in ("week", "wk", "w", "kw") and self.at(i + 1, "num"):
            number = t[i + 1]
            if not 1 <= number.value <= 53 or number.parts[0] > 2:
                return None
            j = i + 2
            if self.at(j, "word") and t[j].text in ("of", "in"):
                j += 1
            year, end = self.year_after(j)
            if year is None:
                return None
            return _week_found(year, number.value, tok.start, t[end - 1].end), end
        return None

    def month(self, i: int) -> tuple[Found, int] | None:
        t = self.t
        tok = t[i]
        if tok.kind == "ym":
            y, mo = tok.parts
            return (_month_found(y, mo, tok.start, tok.end), i + 1) if 1 <= mo <= 12 else None
        if tok.kind == "month":
            year, end = self.year_after(i + 1)
            if year is not None:
                return _month_found(year, tok.value, tok.start, t[end - 1].end), end
        if _is_year(tok) and self.at(i + 1, "month"):  # "2021 August": year first
            return _month_found(tok.value, t[i + 1].value, tok.start, t[i + 1].end), i + 2
        return None


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])


def _week_found(year: int, week: int, start: int, end: int) -> Found:
    try:
        first = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        first = dt.date(year, 1, 1)
    last = first + dt.timedelta(days=6)
    return Found("week", Day(first.month, first.day, first.year), Day(last.month, last.day, last.year), start, end,
                 iso_week=(year, week))


def _month_found(year: int, month: int, start: int, end: int) -> Found:
    last = calendar.monthrange(year, month)[1]
    return Found("month", Day(month, 1, year), Day(month, last, year), start, end)


def find_period(text: str, order: str | None = None) -> Found | None:
    """The first period (range, ISO week, day or month) written in the text, or None.

    A year written elsewhere in the text (``AI Papers (April 15 - April 21) - 2024``) is the
    year of a form written without one: the year most of its days fall in. ``order`` reads
    numeric days whose month cannot be told otherwise (``12.11.2017``).
    """
    toks = tokens(text, order)
    reader = _Reader(toks)
    for i in range(len(toks)):
        for form in (reader.week, reader.range_, reader.month):
            found = form(i)
            if found is not None:
                return _with_outer_year(found[0], toks)
    return None


def _with_outer_year(found: Found, toks: list[Tok]) -> Found:
    if found.has_year or found.iso_week is not None:
        return found
    years = [t.value for t in toks if _is_year(t) and not found.start <= t.start < found.end]
    if len(years) != 1:
        return found
    year = years[0]
    best = None
    for base in (year, year - 1):
        got = found.dates(base)
        if got is None:
            continue
        middle = got[0] + (got[1] - got[0]) / 2
        if middle.year == year or (got[0] + dt.timedelta(days=3)).year == year:
            best = got
            break
        best = best or got
    if best is None:
        return found
    start, end = best
    return Found(found.kind, Day(start.month, start.day, start.year), Day(end.month, end.day, end.year),
                 found.start, found.end)


def find_day(text: str) -> dt.date | None:
    """A cell's date (``31 Jan 2024``, ``2023-01-27``, ``27th March 2025``), only when its year is written."""
    bare = text.strip().strip("*_ ")
    if len(bare) == 10 and bare[4] == "-":
        try:
            return dt.date.fromisoformat(bare)  # the common case, without the grammar
        except ValueError:
            pass
    found = find_period(text)
    if found is None or found.kind != "day" or found.first.year is None:
        return None
    got = found.dates()
    return got[0] if got else None


_DATED = re.compile(r"\b\d{4}[-./]\d{1,2}\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{4}\b|\bweek\s*\d", re.IGNORECASE)


def looks_dated(text: str) -> bool:
    """Whether a heading seems to name a date: a month name next to a number, a numeric date, a week."""
    if _DATED.search(blank_markup(text)):
        return True
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if tok.kind == "month" and tok.text.lower().rstrip(".") in (*_FULL, *_ABBREV):
            near = toks[max(0, i - 2) : i + 3]
            if any(n.kind == "num" for n in near):
                return True
    return False


# --- writing dates back, in each spelling (used by the property tests and new headings) ----


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DAY_SPELLINGS: dict[str, Callable[[dt.date], str]] = {
    "month-day": lambda d: f"{MONTHS[d.month - 1]} {d.day}",
    "month-day-year": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "abbrev-day-year": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day} {d.year}",
    "ordinal-month-year": lambda d: f"{_ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
    "ordinal-of-month-year": lambda d: f"{_ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "day-abbrev-year": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    "iso": lambda d: d.isoformat(),
    "dotted": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    "slashed": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
}


def spelling_of(text: str) -> str | None:
    """Which of DAY_SPELLINGS a cell's date is written in (so new rows are written alike)."""
    day = find_day(text)
    if day is None:
        return None
    stripped = blank_markup(text).strip()
    for name, write in DAY_SPELLINGS.items():
        if write(day) == stripped:
            return name
    return None


def write_day(day: dt.date, spelling: str | None) -> str:
    return DAY_SPELLINGS.get(spelling or "iso", DAY_SPELLINGS["iso"])(day)
