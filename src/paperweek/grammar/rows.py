"""One table row: written from a paper in a week's style, and read back into fields.

Both directions live here so that import can check, row by row, that build
writes what a reader saw; a row that would come out differently is kept
verbatim (``Paper.raw``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from paperweek import markdown as md
from paperweek.days import format_date, parse_date
from paperweek.models import Link, Paper


@dataclass
class WeekStyle:
    """Everything that decides how one week's section is written, theme and week style merged."""

    heading_prefix: str
    columns: list[str]
    header: str
    align: str
    number: str
    bold: bool
    separator: str
    link_separator: str
    rule: bool
    table: bool
    level: int
    year: int
    index_label: str | None
    before: str | None
    after: str | None


_NUMBER = re.compile(r"^(?:\((?P<paren>\d+)\)|(?P<close>\d+)\)|(?P<dot>\d+)\.)(?=\s|\*\*|$)\s*")
# Between a bold title and its summary: " - ", "-", " -- ", " — ", ": " or just spaces.
_BOLD_SEP = re.compile(r"[ \t]*(?:--|-|–|—|:)[ \t]*|[ \t]+")
# Between a plain (not bold) title and its summary: a dash with spaces around it, or two spaces or
# more (``1) Ultra-Fast Diffusion-based Language Models  This paper introduces…``).
# each alternative starts where a run of blanks starts: one try per run, linear on 40,000 spaces
_PLAIN_SEP = re.compile(r"(?<![ \t])[ \t]+(?:--|-|–|—)[ \t]+|(?<![ \t])[ \t]{2,}(?=\S)")
_WS = re.compile(r"\s+")


def number_prefix(style: str, number: int) -> str:
    if style == "(1)":
        return f"({number}) "
    if style == "1)":
        return f"{number}) "
    if style == "1.":
        return f"{number}. "
    return ""


def paper_cell(paper: Paper, number: int, style: WeekStyle) -> str:
    """``(1) **Title** - summary`` in the week's numbering, bold and separator."""
    summary = md.summary_cell(paper.summary)
    if paper.title:
        title = f"**{md.title_cell(paper.title)}**" if style.bold else md.cell(paper.title)
        body = f"{title}{style.separator}{summary}" if summary else title
    else:
        body = summary
    return number_prefix(style.number, number) + body


def row_cells(paper: Paper, number: int, style: WeekStyle) -> list[str]:
    cells: list[str] = []
    for column in style.columns:
        if column == "paper":
            cells.append(paper_cell(paper, number, style))
        elif column == "release_date":
            cells.append(format_date(paper.released) if paper.released else "")
        elif column == "links":
            cells.append(style.link_separator.join(md.links_cell([link]) for link in paper.links))
        else:
            cells.append("")
    return cells


def visible(cells: list[str]) -> list[str]:
    """Cells as a reader sees them: padding and runs of spaces do not count."""
    return [" ".join(c.split()) for c in cells]


@dataclass
class RowRead:
    """What one table row holds, before the week's style is known."""

    line: int
    text: str
    cells: list[str]
    number: int | None = None
    number_style: str = "none"
    body: str = ""
    released: dt.date | None = None
    links: list[Link] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # text between consecutive links
    problems: list[str] = field(default_factory=list)  # why the row cannot be rebuilt from fields
    title: str = ""
    summary: str = ""
    separator: str | None = None

    @property
    def bold(self) -> bool:
        return self.body.startswith("**") and md.find_closing_bold(self.body, 2) is not None


def read_cells(text: str, line: int, columns: list[str]) -> RowRead:
    """Split a row into number, paper text, date and links; note what does not fit."""
    cells = md.split_row(text)
    row = RowRead(line=line, text=text, cells=cells)
    if len(cells) != len(columns):
        row.problems.append(f"{len(cells)} cells, the table has {len(columns)} columns")
        values = {"paper": cells[0] if cells else ""}
        links_text = text
    else:
        values = dict(zip(columns, cells, strict=True))
        links_text = values.get("links", "")
        for column, value in values.items():
            if column == "other" and value:
                row.problems.append("a column paperweek does not keep")
    paper_text = values.get("paper", "")
    match = _NUMBER.match(paper_text)
    if match:
        row.number = int(match.group("paren") or match.group("close") or match.group("dot"))
        row.number_style = "(1)" if match.group("paren") else "1)" if match.group("close") else "1."
        paper_text = paper_text[match.end() :]
    row.body = paper_text
    date_text = values.get("release_date", "")
    if date_text:
        try:
            row.released = parse_date(date_text)
        except ValueError:
            row.problems.append(f"release date {date_text!r} not read")
    links, gaps, leftover = scan_links(links_text.replace("\\|", "|") if "links" in values else links_text)
    row.links, row.gaps = links, gaps
    if leftover and "links" in values and len(cells) == len(columns):
        row.problems.append(f"links cell has text that is not a link: {leftover[:40]!r}")
    return row


def scan_links(text: str) -> tuple[list[Link], list[str], str]:
    """Links of a cell, the separators between them, and any other text left over."""
    links, pieces = md.parse_links_with_gaps(text)
    gaps = pieces[1:-1] if len(pieces) > 2 else []
    ends = [pieces[0]] if len(pieces) == 1 else [pieces[0], pieces[-1]]
    leftover = " ".join(p.strip() for p in ends if p.strip())
    # a short text between two links ("," "·" "<br>" "|") separates them; longer text is content
    leftover = " ".join(filter(None, [leftover, *(g.strip() for g in gaps if len(g.strip()) > 6)]))
    return links, gaps, leftover


def split_body(row: RowRead, bold_week: bool) -> None:
    """Title, separator and summary of the paper text, as the week writes titles."""
    body = row.body
    if bold_week:
        if row.bold:
            close = md.find_closing_bold(body, 2)
            assert close is not None
            after = body[close + 2 :]
            if not after.strip():
                row.title, row.summary = body[2:close].strip(), ""
                return
            sep = _BOLD_SEP.match(after)
            if sep is not None and after[sep.end() :].strip():
                row.title, row.separator, row.summary = body[2:close].strip(), sep.group(0), after[sep.end() :].strip()
                return
        if not row.bold:
            _split_plain(row, body)  # a row of a bold week written without bold: its title still counts
            return
        row.title, row.summary = "", body.strip()
        return
    _split_plain(row, body)


def _split_plain(row: RowRead, body: str) -> None:
    sep = _PLAIN_SEP.search(body)
    if sep is not None and sep.start() > 0 and body[sep.end() :].strip():
        row.title, row.separator, row.summary = body[: sep.start()].strip(), sep.group(0), body[sep.end() :].strip()
    else:
        row.title, row.summary = "", body.strip()


def majority(values: list[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: the first seen


def week_bold(rows: list[RowRead]) -> bool | None:
    if not rows:
        return None
    bold = sum(1 for r in rows if r.bold)
    return bold * 2 >= len(rows) if bold else False


def as_paper(row: RowRead, paper_id: str) -> Paper:
    return Paper(
        id=paper_id,
        title=row.title,
        summary=row.summary,
        released=row.released,
        links=list(row.links),
        number=row.number,
    )


def raw_still_stands(paper: Paper, number: int, style: WeekStyle) -> bool:
    """Whether a row kept verbatim still says what the paper's fields say (else build rewrites it)."""
    assert paper.raw is not None
    row = read_cells(paper.raw, 0, style.columns)
    if row.problems:
        return True  # never split into fields: the raw text is the row
    split_body(row, style.bold)
    if row.number is not None and row.number != number:
        return False
    return (row.title, row.summary, row.released, row.links) == (paper.title, paper.summary, paper.released, paper.links)
