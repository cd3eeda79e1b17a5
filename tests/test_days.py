"""days.py and periods.py: a week is 7 days, the year a week is listed under, a day spelled and read
as a README writes it, and the day/week/month periods built on them."""

from __future__ import annotations

import datetime as dt

import pytest

from paperweek.days import LAST_WEEK_START, format_date, parse_date, week_end, week_start, week_year, weekday_index
from paperweek.models import Week
from paperweek.periods import period_end, period_of, period_start, previous_start, resolve_period


def test_a_week_is_seven_days_wherever_it_is_asked() -> None:
    start = dt.date(2024, 4, 15)
    assert week_end(start) == dt.date(2024, 4, 21)
    assert Week(start).last_day == period_end(start) == week_end(start)
    assert Week.stored_end(start, week_end(start)) is None  # the default is not stored
    assert Week.stored_end(start, dt.date(2024, 4, 20)) == dt.date(2024, 4, 20)
    assert period_of(start, week_end(start)) == "week"


def test_the_last_week_the_calendar_holds() -> None:
    assert week_end(LAST_WEEK_START) == dt.date.max
    with pytest.raises(ValueError, match="9999-12-31"):
        week_end(LAST_WEEK_START + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="9999-12-31"):
        Week(LAST_WEEK_START + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="runs off the calendar"):
        resolve_period("9999-12-31", dt.date(2024, 4, 15))


def test_week_start_and_the_year_a_week_is_listed_under() -> None:
    assert week_start(dt.date(2024, 4, 18)) == dt.date(2024, 4, 15)
    assert week_start(dt.date(2024, 4, 18), weekday_index("sunday")) == dt.date(2024, 4, 14)
    assert week_year(dt.date(2024, 12, 30)) == 2025  # most of its days are in 2025
    assert week_year(dt.date(2024, 12, 28)) == 2024


def test_a_day_spelled_and_read_back() -> None:
    day = dt.date(2024, 4, 4)
    assert format_date(day) == "April 4, 2024"
    assert parse_date(format_date(day)) == parse_date("2024-04-04") == parse_date("Apr 4, 2024") == day
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("soon")


def test_periods_of_a_day_a_week_and_a_month() -> None:
    day = dt.date(2024, 2, 14)
    assert period_start(day, "day") == period_end(day, "day") == day
    assert (period_start(day, "month"), period_end(dt.date(2024, 2, 1), "month")) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert previous_start(dt.date(2024, 3, 1), "month") == dt.date(2024, 2, 1)
    assert resolve_period("last", day, "week") == dt.date(2024, 2, 5)
    assert period_of(dt.date(2024, 2, 1), dt.date(2024, 2, 29)) == "month"
    assert period_of(dt.date(2024, 2, 1), dt.date(2024, 2, 3)) is None
