"""Where papers are in the log: the paper a reference names, new periods."""

from __future__ import annotations

import datetime as dt

from paperweek.days import format_date
from paperweek.errors import InputError
from paperweek.models import Paper, Week
from paperweek.periods import end_for
from paperweek.store import Log


def week_in_words(start: dt.date) -> str:
    """How messages name a period: "the week of April 15, 2024" (the README's label is render.headings.week_label)."""
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
