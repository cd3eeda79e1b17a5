"""The variables a README template gets, computed from the log (documented in docs/themes.md).

``ReadmeContext``, ``WeekContext`` and ``RowContext`` name every variable a template can use
(typed dicts: Jinja reads them as it reads any mapping)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from paperweek import markdown as md
from paperweek.config import INDEX_LAYOUTS, Config
from paperweek.grammar.rows import WeekStyle, raw_still_stands, row_cells
from paperweek.ids import Slugger
from paperweek.models import Paper, Week, WeekStyleEntries
from paperweek.render.headings import series_line, theme_of, week_heading, week_label
from paperweek.render.theme import Theme, resolve


@dataclass
class IndexEntry:
    """One index line: ``- [label](./#anchor)``."""

    label: str
    anchor: str
    start: str


@dataclass
class YearGroup:
    """The index lines under one ``## YEAR`` heading."""

    year: int
    entries: list[IndexEntry] = field(default_factory=list)


class RowContext(TypedDict):
    """One paper's table row: ``line`` as written (``raw`` when a hand-written row still stands)."""

    raw: str | None
    cells: list[str]
    line: str
    number: int
    paper: Paper


class WeekContext(TypedDict):
    """One period's section (``weeks`` and ``weeks_as_written``)."""

    heading: str
    anchor: str
    label: str
    start: dt.date
    end: dt.date
    year: int
    hashes: str
    header: list[str]
    align: list[str]
    header_line: str
    align_line: str
    table: bool
    rule: bool
    before: str | None
    after: str | None
    rows: list[RowContext]
    body: str | None  # a kept (non-table) layout's whole section
    style: WeekStyleEntries
    week: Week


class ReadmeContext(TypedDict):
    """Everything a README template gets."""

    title: str
    intro: str
    series_line: str | None
    preamble: str | None
    index_layout: str
    index: list[YearGroup]
    index_entries: list[IndexEntry]
    after_index: str | None
    weeks: list[WeekContext]
    weeks_as_written: list[WeekContext]
    config: Config
    theme: Theme


def readme_context(config: Config, weeks: list[Week], theme: Theme | None = None) -> ReadmeContext:
    """Everything a README template needs; weeks may come in any order (they are written newest first)."""
    theme = theme_of(config, theme)
    layout = config_index_layout(config)
    ordered = sorted(weeks, key=lambda w: w.start, reverse=True)
    styles: dict[dt.date, WeekStyle] = {week.start: resolve(config, theme, week) for week in ordered}
    headings = {week.start: week_heading(config, week, theme) for week in ordered}
    labels = {week.start: week_label(config, week, theme) for week in ordered}
    index_weeks = ordered if config.index_order == "newest-first" else list(reversed(ordered))

    # Anchors are handed out in document order, as GitHub does.
    slugger = Slugger()
    top = md.atx_headings(config.preamble) if config.preamble is not None else [config.title]
    for heading in top:
        slugger.slug(md.rough_plain(heading))
    groups: list[YearGroup] = []
    if layout != "none":
        for week in index_weeks:
            year = styles[week.start].year
            if not groups or groups[-1].year != year:
                groups.append(YearGroup(year=year))
    if layout == "years":
        for group in groups:
            slugger.slug(str(group.year))
    for heading in md.atx_headings(config_after_index(config) or ""):
        slugger.slug(md.rough_plain(heading))
    anchors = {}
    for week in ordered:
        style = styles[week.start]
        anchors[week.start] = slugger.slug(md.rough_plain(headings[week.start]))
        for text in (style.before, style.after):
            for heading in md.atx_headings(text or ""):
                slugger.slug(md.rough_plain(heading))

    cursor = 0
    for week in index_weeks if groups else []:
        while groups[cursor].year != styles[week.start].year:
            cursor += 1  # groups are runs of index_weeks, so the next run is this week's
        groups[cursor].entries.append(IndexEntry(labels[week.start], anchors[week.start], week.start.isoformat()))

    week_ctx: list[WeekContext] = []
    for week in ordered:
        style = styles[week.start]
        rows: list[RowContext] = []
        body = None
        if theme.period or "layout" in week.style:
            # Lazy on purpose, the one internal import left in a function here: kept layouts pull the
            # item grammar (grammar.items, grammar.dates: +16 ms with bytecode, +40 ms without, per
            # build), which a table theme never uses (benchmarks/startup_bench.py, build (seed)).
            from paperweek.render.kept import render_body

            body = render_body(week, headings[week.start], theme.period)
        for number, paper in week.numbered() if body is None else []:
            raw = paper.raw if paper.raw is not None and raw_still_stands(paper, number, style) else None
            cells = row_cells(paper, number, style)
            line = raw if raw is not None else "| " + " | ".join(cells) + theme.row_end
            rows.append({"raw": raw, "cells": cells, "line": line, "number": number, "paper": paper})
        week_ctx.append(
            {
                "heading": headings[week.start],
                "anchor": anchors[week.start],
                "label": labels[week.start],
                "start": week.start,
                "end": week.last_day,
                "year": style.year,
                "hashes": "#" * style.level,
                "header": md.split_row(style.header),
                "align": md.split_row(style.align),
                "header_line": style.header,
                "align_line": style.align,
                "table": style.table,
                "rule": style.rule,
                "before": style.before,
                "after": style.after,
                "rows": rows,
                "body": body,
                "style": week.style,
                "week": week,
            }
        )
    return {
        "title": config.title,
        "intro": config.intro,
        "series_line": series_line(config),
        "preamble": config.preamble,
        "index_layout": layout,
        "index": groups if layout == "years" else [],
        "index_entries": [e for g in groups for e in g.entries] if layout != "none" else [],
        "after_index": config_after_index(config),
        "weeks": week_ctx,
        "weeks_as_written": _as_written(week_ctx, config.index_order),
        "config": config,
        "theme": theme,
    }


def _as_written(weeks: list[WeekContext], order: str) -> list[WeekContext]:
    """Kept layouts: periods in the order the list had them (style ``place``, recorded on import when
    that order was neither newest nor oldest first); the others by ``index_order``, new ones on top
    of a newest-first list and at the end of an oldest-first one."""
    ordered = weeks if order == "newest-first" else list(reversed(weeks))
    placed = [w for w in ordered if w["style"].get("place", "").isdigit()]
    if not placed:
        return ordered
    rest = [w for w in ordered if w not in placed]
    placed.sort(key=lambda w: int(w["style"]["place"]))
    return rest + placed if order == "newest-first" else placed + rest


def config_index_layout(config: Config) -> str:
    return config.index_layout if config.index_layout in INDEX_LAYOUTS else "years"  # config.py validates it


def config_after_index(config: Config) -> str | None:
    return config.after_index or None
