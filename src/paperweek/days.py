"""Days and weeks: weekday and month names, a week's first and last day and the year it is listed
under, and a day spelled and read the way a README writes it. Pure functions, no I/O.

A week is 7 days: ``week_end`` (and ``LAST_WEEK_START``) say so, in this one place.
"""

from __future__ import annotations

import calendar
import datetime as dt

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = list(calendar.month_name)[1:]
_LAST_DAY = dt.timedelta(days=6)  # a week's last day, counted from its first
LAST_WEEK_START = dt.date.max - _LAST_DAY  # the latest start of a 7-day week that the calendar can hold


def weekday_index(name: str | int) -> int:
    """Monday=0 ... Sunday=6, from a name (``"monday"``, ``"mon"``) or an int."""
    if isinstance(name, int):
        if 0 <= name <= 6:
            return name
        raise ValueError(f"week start {name!r} is not 0-6")
    lowered = name.strip().lower()
    for i, day in enumerate(WEEKDAYS):
        if lowered in (day, day[:3]):
            return i
    raise ValueError(f"week start {name!r} is not a weekday name (monday ... sunday)")


def week_start(day: dt.date, start_weekday: int = 0) -> dt.date:
    """The first day of the week that holds ``day`` (ValueError when it is before 0001-01-01)."""
    try:
        return day - dt.timedelta(days=(day.weekday() - start_weekday) % 7)
    except OverflowError:
        raise ValueError(
            f"the week holding {day.isoformat()} runs off the calendar: it would start before 0001-01-01, "
            "the first day paperweek can represent; choose a later date"
        ) from None


def week_end(start: dt.date) -> dt.date:
    """The last day of a week starting on ``start`` (ValueError when it is after 9999-12-31)."""
    try:
        return start + _LAST_DAY
    except OverflowError:
        raise ValueError(
            f"the week of {start.isoformat()} runs off the calendar: it would end after 9999-12-31, the "
            "last day paperweek can represent; choose an earlier week"
        ) from None


def week_year(start: dt.date) -> int:
    """The year a week is headed and grouped under.

    A week across New Year (e.g. December 30 - January 5) belongs to the year
    that holds most of its days, i.e. the year of its fourth day. For weeks
    starting on Monday this is the ISO 8601 week-numbering year.
    """
    return (start + dt.timedelta(days=3)).year


def format_day(day: dt.date) -> str:
    """``April 15`` -- month name and day, no padding."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def format_date(day: dt.date) -> str:
    """``April 4, 2024`` -- the Release Date column's format."""
    return f"{format_day(day)}, {day.year}"


def parse_date(text: str) -> dt.date:
    """An ISO date, or a date as written in a README (``April 4, 2024``, ``Apr 4, 2024``)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD or 'April 4, 2024')")
