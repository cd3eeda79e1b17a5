"""Where papers are in the log: the paper a reference names, new periods."""

from __future__ import annotations

import datetime as dt

from paperweek.days import MONTHS, format_date
from paperweek.errors import InputError
from paperweek.models import Paper, Week
from paperweek.periods import end_for
from paperweek.store import Log


def period_in_words(start: dt.date, period: str = "week", *, short: bool = False) -> str:
    """How messages name a period of a ``[log] period`` log: "the week of April 15, 2024", "April 15, 2024"
    (a day), "April 2024" (a month); ``short``, as one-line listings do: "week of 2024-04-15",
    "2024-04-15", "2024-04". The README's label is render.headings.week_label."""
    if short:
        iso = start.isoformat()
        return {"day": iso, "month": iso[:7]}.get(period, f"week of {iso}")
    if period == "day":
        return format_date(start)
    if period == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"the week of {format_date(start)}"


def locate(log: Log, ref: str) -> tuple[Week, Paper]:
    """The logged paper ``ref`` names (id, slug, any arXiv form), or InputError."""
    found = log.find(ref)
    if found is None:
        raise InputError(f"{ref}: no such paper in the log (see `paperweek list`)")
    return found


def new_period(log: Log, start: dt.date) -> Week:
    """An empty period of the log's kind (``[log] period``) starting on ``start``."""
    return Week(start=start, end=end_for(start, log.config.period))
