"""Period arithmetic: the one owner of what a log's period is (a day, a week or a month).

``[log] period`` says how a log is cut: ``week`` (the default; weeks start on
``[log] week_start``), ``day`` or ``month``. Every command that turns a date or
``this``/``last`` into a period, or makes a new period, asks here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paperweek.days import LAST_WEEK_START, parse_date, week_end, week_start
from paperweek.env import env_text
from paperweek.errors import ConfigError
from paperweek.models import Week

PERIODS = ("day", "week", "month")


def today() -> dt.date:
    """Today's local date, or ``PAPERWEEK_TODAY`` when set (for reproducible weeks)."""
    value = env_text("TODAY")
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ConfigError(f"PAPERWEEK_TODAY={value!r} is not an ISO date (YYYY-MM-DD)") from exc
    return dt.date.today()


@dataclass(frozen=True)
class PeriodNouns:
    """How text a reader sees names a log's period, so a day or month log never says "week"."""

    one: str  # "week"
    many: str  # "weeks"
    every: str  # "weekly": what a log of this period is (its neutral series line)

    @property
    def title(self) -> str:
        """``Week``: at the start of a sentence or in a heading."""
        return self.one.capitalize()

    def count(self, n: int) -> str:
        """``1 week``, ``3 weeks``."""
        return f"{n} {self.one if n == 1 else self.many}"


NOUNS = {
    "day": PeriodNouns("day", "days", "daily"),
    "week": PeriodNouns("week", "weeks", "weekly"),
    "month": PeriodNouns("month", "months", "monthly"),
}


def nouns(period: str) -> PeriodNouns:
    """The words for ``period`` (``[log] period``): the one owner of "day"/"week"/"month" in messages and pages."""
    return NOUNS[period]


def period_start(day: dt.date, period: str = "week", first_weekday: int = 0) -> dt.date:
    """The first day of the period holding ``day``."""
    if period == "day":
        return day
    if period == "month":
        return day.replace(day=1)
    return week_start(day, first_weekday)


def period_end(start: dt.date, period: str = "week") -> dt.date:
    """The last day of the period starting on ``start``."""
    if period == "day":
        return start
    if period == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return week_end(start)


def previous_start(start: dt.date, period: str = "week") -> dt.date:
    """The start of the period before the one starting on ``start``."""
    if period == "day":
        return start - dt.timedelta(days=1)
    if period == "month":
        return (start - dt.timedelta(days=1)).replace(day=1)
    return start - dt.timedelta(days=7)


def resolve_period(text: str, today: dt.date, period: str = "week", first_weekday: int = 0) -> dt.date:
    """The start of the period named by ``this``, ``last`` or any date inside it (ValueError for a
    period paperweek cannot represent: starting before 0001-01-01 or ending after 9999-12-31)."""
    lowered = text.strip().lower()
    try:
        current = period_start(today, period, first_weekday)
        if lowered in ("this", "current", "today"):
            start = current
        elif lowered in ("last", "previous"):
            start = previous_start(current, period)
        else:
            start = period_start(parse_date(text), period, first_weekday)
    except OverflowError:
        raise ValueError(_OFF_CALENDAR.format(period=period)) from None
    try:
        period_end(start, period)  # a period must end by 9999-12-31
    except (OverflowError, ValueError):
        raise ValueError(_OFF_CALENDAR.format(period=period)) from None
    return start


_OFF_CALENDAR = (
    "that {period} runs off the calendar (0001-01-01 to 9999-12-31, the days paperweek can represent); "
    "choose another date"
)


def end_for(start: dt.date, period: str = "week") -> dt.date | None:
    """What a new period's ``Week.end`` must hold: None for 7-day weeks (the model's default)."""
    return Week.stored_end(start, period_end(start, period))


def period_of(first: dt.date, last: dt.date) -> str | None:
    """Which period a span of days is: ``day``, ``month``, ``week`` (7 days), or None."""
    if first == last:
        return "day"
    if first.day == 1 and last == period_end(first, "month"):
        return "month"
    if first <= LAST_WEEK_START and last == week_end(first):
        return "week"
    return None
