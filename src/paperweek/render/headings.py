"""How a week is named: its heading and its index line's label (docs/themes.md).

Build writes them (``render.context``), import compares them with what a README
wrote (``importer.seenstyle``) and the site shows them (``site.views``).
"""

from __future__ import annotations

from paperweek.config import Config
from paperweek.days import format_day
from paperweek.models import Week
from paperweek.render.theme import Theme, config_theme, resolve


def theme_of(config: Config, theme: Theme | None) -> Theme:
    """``theme``, else the config's (the seed theme when the config's cannot be found)."""
    return theme if theme is not None else config_theme(config)


def default_label(prefix: str, week: Week) -> str:
    return f"{prefix} ({format_day(week.start)} - {format_day(week.last_day)})"


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
    return f"{default_label(style.heading_prefix, week)} - {style.year}"


def kept_heading(form: str, week: Week) -> str:
    """A new period's heading in a kept theme: ``{start:%B} {start.day}``, ``{week}``, ``{year}``."""
    iso = week.start.isocalendar()
    try:
        return form.format(start=week.start, end=week.last_day, week=iso.week, year=iso.year)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{week.start.isoformat()} - {week.last_day.isoformat()}"
