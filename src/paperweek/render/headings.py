"""How a week is named: its heading and its index line's label (docs/themes.md).

Build writes them (``render.context``), import compares them with what a README
wrote (``importer.seenstyle``) and the site shows them (``site.views``).
"""

from __future__ import annotations

import datetime as dt

from paperweek.config import DEFAULT_SERIES_LINE, Config
from paperweek.days import MONTHS, format_date, format_day
from paperweek.models import Week
from paperweek.periods import nouns, period_of
from paperweek.render.theme import Theme, config_theme, resolve

WEEK_WORD = " of the Week"  # a prefix ending so names the period; a day or month log says Day / Month


def series_line(config: Config) -> str:
    """``[log] series_line``; the neutral default names the period the log keeps (``Here is the
    daily series:``), whether init wrote it to paperweek.toml or it was left out."""
    if config.series_line == DEFAULT_SERIES_LINE:
        return f"Here is the {nouns(config.period).every} series:"
    return config.series_line


def theme_of(config: Config, theme: Theme | None) -> Theme:
    """``theme``, else the config's (the seed theme when the config's cannot be found)."""
    return theme if theme is not None else config_theme(config)


def period_dates(week: Week) -> str:
    """The days a period covers, as a reader names them: ``April 15 - April 21`` (a week, or any
    other span), ``April 18, 2024`` (a day), ``April 2024`` (a calendar month)."""
    return span_dates(week.start, week.last_day)


def span_dates(first: dt.date, last: dt.date) -> str:
    """``period_dates`` of the days ``first`` to ``last``."""
    period = period_of(first, last)
    if period == "day":
        return format_date(first)
    if period == "month":
        return f"{MONTHS[first.month - 1]} {first.year}"
    return f"{format_day(first)} - {format_day(last)}"


def period_span(week: Week) -> str:
    """The period with its year, for pages and digests: ``April 15, 2024 – April 21, 2024``,
    ``April 18, 2024``, ``April 2024``."""
    if names_its_year(week):
        return period_dates(week)
    return f"{format_date(week.start)} – {format_date(week.last_day)}"


def names_its_year(week: Week) -> bool:
    """Whether ``period_dates`` already holds the year (a day, a month): the heading adds no `` - 2024``."""
    return period_of(week.start, week.last_day) in ("day", "month")


def period_prefix(prefix: str, week: Week) -> str:
    """``AI Papers of the Week`` says Day or Month for a period that is one."""
    return name_period(prefix, period_of(week.start, week.last_day))


def name_period(text: str, period: str | None) -> str:
    """``text`` ending in " of the Week" says Day or Month for a day or month log (``[log] period``)."""
    if period in ("day", "month") and text.endswith(WEEK_WORD):
        return text[: -len("Week")] + nouns(period).title
    return text


def default_label(prefix: str, week: Week) -> str:
    return f"{period_prefix(prefix, week)} ({period_dates(week)})"


def week_label(config: Config, week: Week, theme: Theme | None = None) -> str:
    """``AI Papers of the Week (April 15 - April 21)``: the index line's text."""
    label = week.style.get("index_label")
    if label is not None:
        return label
    style = resolve(config, theme_of(config, theme), week)
    if week.heading is not None:
        suffix = f" - {style.year}"
        return week.heading[: -len(suffix)] if week.heading.endswith(suffix) else week.heading
    return default_label(style.heading_prefix, week)


def week_heading(config: Config, week: Week, theme: Theme | None = None) -> str:
    """``AI Papers of the Week (April 15 - April 21) - 2024``."""
    if week.heading is not None:
        return week.heading
    chosen = theme_of(config, theme)
    if chosen.heading:
        return kept_heading(chosen.heading, week)
    style = resolve(config, chosen, week)
    label = default_label(style.heading_prefix, week)
    return label if names_its_year(week) else f"{label} - {style.year}"


def kept_heading(form: str, week: Week) -> str:
    """A new period's heading in a kept theme: ``{start:%B} {start.day}``, ``{week}``, ``{year}``."""
    iso = week.start.isocalendar()
    try:
        return form.format(start=week.start, end=week.last_day, week=iso.week, year=iso.year)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{week.start.isoformat()} - {week.last_day.isoformat()}"
