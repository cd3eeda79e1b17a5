"""The variables a README template gets, computed from the log (documented in docs/themes.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paperweek import markdown as md
from paperweek.config import Config
from paperweek.ids import Slugger, format_date, format_day, week_year
from paperweek.models import Paper, Week

HEADER_CELLS = {"paper": "**Paper** ", "release_date": "**Release Date**", "links": "**Links**"}
ALIGN_CELL = "-------------"


@dataclass
class IndexEntry:
    label: str
    anchor: str
    start: str


@dataclass
class YearGroup:
    year: int
    entries: list[IndexEntry] = field(default_factory=list)


def week_label(config: Config, week: Week) -> str:
    """``AI Papers of the Week (April 15 - April 21)``: the index line's text."""
    if week.heading is not None:
        label = week.style.get("index_label")
        if label is not None:
            return label
        suffix = f" - {week_year(week.start)}"
        return week.heading[: -len(suffix)] if week.heading.endswith(suffix) else week.heading
    return f"{config.week_heading} ({format_day(week.start)} - {format_day(week.last_day)})"


def week_heading(config: Config, week: Week) -> str:
    """``AI Papers of the Week (April 15 - April 21) - 2024``."""
    if week.heading is not None:
        return week.heading
    return f"{week_label(config, week)} - {week_year(week.start)}"


def paper_cell(paper: Paper, number: int) -> str:
    """``(1) **Title** - summary``."""
    text = f"({number}) **{md.title_cell(paper.title)}**"
    summary = md.summary_cell(paper.summary)
    return f"{text} - {summary}" if summary else text


def row_cells(paper: Paper, number: int, columns: list[str]) -> list[str]:
    cells: list[str] = []
    for column in columns:
        if column == "paper":
            cells.append(paper_cell(paper, number))
        elif column == "release_date":
            cells.append(format_date(paper.released) if paper.released else "")
        else:
            cells.append(md.links_cell(paper.links))
    return cells


def preamble_headings(preamble: str) -> list[str]:
    """Text of the ATX headings in a raw preamble, in order (they take anchors first)."""
    out = []
    fenced = False
    for line in preamble.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("#"):
            stripped = line.lstrip("#")
            if stripped.startswith(" ") or not stripped:
                out.append(stripped.strip().rstrip("#").strip())
    return out


def readme_context(config: Config, weeks: list[Week]) -> dict[str, Any]:
    """Everything a README template needs; weeks are given newest first."""
    slugger = Slugger()
    for heading in preamble_headings(config.preamble) if config.preamble is not None else [config.title]:
        slugger.slug(_plain_heading(heading))
    ordered = sorted(weeks, key=lambda w: w.start, reverse=True)
    index_weeks = ordered if config.index_order == "newest-first" else list(reversed(ordered))
    groups: list[YearGroup] = []
    for week in index_weeks:
        year = week_year(week.start)
        if not groups or groups[-1].year != year:
            groups.append(YearGroup(year=year))
    for group in groups:
        slugger.slug(str(group.year))
    anchors = {week.start: slugger.slug(_plain_heading(week_heading(config, week))) for week in ordered}
    for week in index_weeks:
        group = next(g for g in groups if g.year == week_year(week.start))
        group.entries.append(IndexEntry(week_label(config, week), anchors[week.start], week.start.isoformat()))
    week_ctx = []
    for week in ordered:
        columns = [c for c in config.columns]
        rows = []
        for position, paper in enumerate(week.papers, start=1):
            number = paper.number if paper.number is not None else position
            rows.append(
                {
                    "raw": paper.raw,
                    "cells": row_cells(paper, number, columns),
                    "number": number,
                    "paper": paper,
                }
            )
        week_ctx.append(
            {
                "heading": week_heading(config, week),
                "anchor": anchors[week.start],
                "start": week.start,
                "end": week.last_day,
                "year": week_year(week.start),
                "header": [HEADER_CELLS[c] for c in columns],
                "align": [ALIGN_CELL for _ in columns],
                "rows": rows,
                "style": week.style,
                "week": week,
            }
        )
    return {
        "title": config.title,
        "intro": config.intro,
        "series_line": config.series_line,
        "preamble": config.preamble,
        "index": groups,
        "weeks": week_ctx,
        "config": config,
    }


def _plain_heading(text: str) -> str:
    """The rendered text of a heading, for its anchor: emphasis markers and link syntax dropped."""
    import re

    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "").replace("`", "")
