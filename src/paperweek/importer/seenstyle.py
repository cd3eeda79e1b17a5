"""What import saw of a week's style, and the ``style`` entries it records so build writes it again.

The parsers (``importer.parse``, ``importer.weeksections``) fill a ``Seen`` per week;
``style_entries`` keeps only what differs from what the theme would write.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperweek.config import Config
from paperweek.days import week_year
from paperweek.markdown import split_row
from paperweek.models import Week, week_style
from paperweek.render.headings import week_heading, week_label
from paperweek.render.theme import Theme, default_align, default_header, resolve


@dataclass
class Seen:
    """The variants import saw in one week's section; None where nothing could be seen (a week
    without summaries says nothing about separators)."""

    columns: list[str] | None = None
    header: str | None = None
    align: str | None = None
    number: str | None = None
    bold: bool | None = None
    separator: str | None = None
    link_separator: str | None = None
    rule: bool = False
    table: bool = True
    level: int = 2
    year: int | None = None
    index_label: str | None = None
    before: str | None = None
    after: str | None = None


def style_entries(
    config: Config, theme: Theme, week: Week, seen: Seen, written_heading: str
) -> tuple[dict[str, str], str | None]:
    """The week ``style`` (and heading) to record so that ``resolve`` gives back what import saw.

    Returns (style, heading): entries equal to what the theme would write are left out.
    """
    bare = Week(start=week.start, end=week.end)
    base = resolve(config, theme, bare)
    out: dict[str, str] = {}
    if seen.columns is not None and seen.columns != base.columns:
        out["columns"] = ",".join(seen.columns)
        base.columns = list(seen.columns)
        base.header = default_header(theme, base.columns)
        base.align = default_align(theme, base.columns)
    if seen.header is not None and _visible_cells(seen.header) != _visible_cells(base.header):
        out["header"] = seen.header
    if seen.align is not None and _visible_cells(seen.align) != _visible_cells(base.align):
        out["align"] = seen.align
    if seen.number is not None and seen.number != base.number:
        out["number"] = seen.number
    if seen.bold is not None and seen.bold != base.bold:
        out["bold"] = "bold" if seen.bold else "plain"
    if seen.separator is not None and seen.separator != base.separator:
        out["separator"] = seen.separator
    if seen.link_separator is not None and seen.link_separator != base.link_separator:
        out["link_separator"] = seen.link_separator
    if seen.rule != base.rule:
        out["rule"] = "---" if seen.rule else "none"
    if not seen.table:
        out["table"] = "none"
    if seen.level != 2:
        out["level"] = str(seen.level)
    if seen.year is not None and seen.year != week_year(week.start):
        out["year"] = str(seen.year)
    if seen.before:
        out["before"] = seen.before
    if seen.after:
        out["after"] = seen.after
    probe = Week(start=week.start, end=week.end, style=week_style(out))
    heading = None if week_heading(config, probe, theme) == written_heading else written_heading
    probe.heading = heading
    if seen.index_label is not None and week_label(config, probe, theme) != seen.index_label:
        out["index_label"] = seen.index_label
    return out, heading


def _visible_cells(line: str) -> list[str]:
    return [" ".join(c.split()) for c in split_row(line)]
