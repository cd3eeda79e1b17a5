"""Read a README of weekly tables back into data: the inverse of the seed theme.

Line-based on purpose: each row must keep its text exactly as written
(links with their fragments, inline HTML, escapes), and every row that
cannot be read is reported with its line number -- nothing is dropped
silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from paperweek import markdown as md
from paperweek.config import COLUMNS, Config
from paperweek.ids import MONTHS, Slugger, arxiv_id_from_url, github_slug, week_year
from paperweek.models import Paper, Week

_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK_HEADING = re.compile(r"^(?P<prefix>.*?)\s*\((?P<range>[^()]+)\)\s*(?:-\s*(?P<year>\d{4}))?\s*$")
_INDEX_LINE = re.compile(r"^\s*[-*+]\s+\[(?P<label>.*)\]\((?P<target>[^)\s]*)\)\s*$")
_NUMBER = re.compile(r"^\((?P<n>\d+)\)\s*")
_ALIGN_CELL = re.compile(r"^:?-{1,}:?$")
_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)} | {
    name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)
} | {"sept": 9}
_DAY = re.compile(r"^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?:,?\s*(?P<year>\d{4}))?$")


@dataclass
class IndexLine:
    """One line of the index as written."""

    line: int
    label: str
    target: str
    year_group: int | None


@dataclass
class ParsedReadme:
    """What an import found: the config, the weeks, and everything it has to say."""

    config: Config
    weeks: list[Week]
    index: list[IndexLine] = field(default_factory=list)
    heading_lines: dict[dt.date, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # rows not understood (import fails unless --skip-bad)
    notes: list[str] = field(default_factory=list)  # things build will repair
    rows_read: dict[dt.date, int] = field(default_factory=dict)


def parse_week_range(text: str, year: int | None) -> tuple[dt.date, dt.date] | None:
    """``April 15 - April 21`` (+ the heading's year) -> (start, end)."""
    parts = [p.strip() for p in re.split(r"\s*[-–—]\s*", text.strip())]
    if len(parts) != 2:
        return None
    first = _DAY.match(parts[0])
    second = _DAY.match(parts[1])
    if first is None:
        return None
    m1 = _MONTH_NAMES.get(first.group("month").lower())
    if m1 is None:
        return None
    d1 = int(first.group("day"))
    if second is None:
        if not parts[1].isdigit():
            return None
        m2, d2 = m1, int(parts[1])
        y2 = None
    else:
        month2 = _MONTH_NAMES.get(second.group("month").lower())
        if month2 is None:
            return None
        m2, d2 = month2, int(second.group("day"))
        y2 = int(second.group("year")) if second.group("year") else None
    y1 = int(first.group("year")) if first.group("year") else None
    base = y1 or y2 or year
    if base is None:
        return None
    try:
        candidates = []
        for start_year in (base, base - 1):
            start = dt.date(y1 or start_year, m1, d1)
            end_year = y2 or (start.year + 1 if (m2, d2) < (m1, d1) else start.year)
            end = dt.date(end_year, m2, d2)
            candidates.append((start, end))
            if y1 or y2 or year is None:
                break
        # A heading's year is the year holding most of the week's days (see ids.week_year).
        for start, end in candidates:
            if year is None or week_year(start) == year or y1 or y2:
                return start, end
        return candidates[0]
    except ValueError:
        return None


def _heading_week(text: str) -> tuple[str, dt.date, dt.date, int | None] | None:
    match = _WEEK_HEADING.match(text)
    if not match:
        return None
    year = int(match.group("year")) if match.group("year") else None
    found = parse_week_range(match.group("range"), year)
    if found is None:
        return None
    return match.group("prefix").strip(), found[0], found[1], year


def _column_of(header_cell: str) -> str | None:
    name = header_cell.replace("*", "").replace("_", " ").strip().lower()
    if name in ("paper", "papers", "paper / project", "title"):
        return "paper"
    if name in ("release date", "date", "released"):
        return "release_date"
    if name in ("links", "link"):
        return "links"
    return None


def _split_paper_cell(text: str) -> tuple[int | None, str, str] | None:
    """``(1) **Title** - summary`` -> (1, Title, summary)."""
    number = None
    match = _NUMBER.match(text)
    if match:
        number = int(match.group("n"))
        text = text[match.end() :]
    if not text.startswith("**"):
        return None
    close = md.find_closing_bold(text, 2)
    if close is None:
        return None
    title = text[2:close].strip()
    rest = text[close + 2 :]
    stripped = rest.strip()
    if not stripped:
        summary = ""
    elif rest.startswith(" - ") or rest.startswith(" -\t"):
        summary = rest[3:].strip()
    elif stripped == "-":
        summary = ""
    else:
        return None
    return number, title, summary


def parse_readme(text: str, source: str = "README.md") -> ParsedReadme:
    """Read a README in the seed's format."""
    lines = text.splitlines()
    config = Config()
    weeks: list[Week] = []
    result = ParsedReadme(config=config, weeks=weeks)
    fenced = False
    first_structure: int | None = None
    headings: list[tuple[int, str, int]] = []  # (line index, text, level)
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _HEADING.match(line)
        if match:
            heading_text = match.group("text")
            headings.append((i, heading_text, len(match.group("hashes"))))
            if first_structure is None and (_YEAR.match(heading_text) or _heading_week(heading_text)):
                first_structure = i
    if first_structure is None:
        result.errors.append(f"{source}: no week sections found (headings like '## AI Papers of the Week (April 15 - April 21) - 2024')")
        return result
    _read_preamble(lines[:first_structure], config)

    slug_of_line: dict[int, str] = {}
    slugger = Slugger()
    for i, heading_text, _level in headings:
        slug_of_line[i] = slugger.slug(_plain(heading_text))

    current_year: int | None = None
    current_week: Week | None = None
    header_columns: list[str | None] = []
    table_state = "none"  # none -> header -> align -> rows
    prefixes: list[str] = []
    columns_seen: list[list[str]] = []
    ids_seen: dict[str, int] = {}
    i = first_structure
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        stripped = line.strip()
        heading = _HEADING.match(line)
        if heading:
            heading_text = heading.group("text")
            table_state = "none"
            if _YEAR.match(heading_text):
                current_year = int(heading_text)
                current_week = None
            else:
                found = _heading_week(heading_text)
                if found is None:
                    result.errors.append(f"{source}:{lineno}: heading not understood as a week: {heading_text!r}")
                    current_week = None
                else:
                    prefix, start, end, year = found
                    prefixes.append(prefix)
                    current_week = Week(start=start)
                    if end != start + dt.timedelta(days=6):
                        current_week.end = end
                    current_week.style["_heading"] = heading_text
                    current_week.style["_year"] = "" if year is None else str(year)
                    weeks.append(current_week)
                    result.heading_lines[start] = lineno
                    result.rows_read[start] = 0
            i += 1
            continue
        if not stripped:
            if table_state == "rows":
                table_state = "none"
            i += 1
            continue
        index_line = _INDEX_LINE.match(line)
        if index_line and current_week is None:
            result.index.append(IndexLine(lineno, index_line.group("label"), index_line.group("target"), current_year))
            i += 1
            continue
        if stripped.startswith("|") and current_week is not None:
            cells = md.split_row(stripped)
            if table_state == "none":
                header_columns = [_column_of(c) for c in cells]
                if "paper" not in header_columns:
                    result.errors.append(f"{source}:{lineno}: table header has no Paper column: {stripped!r}")
                columns_seen.append([c for c in header_columns if c is not None])
                table_state = "header"
            elif table_state == "header":
                if not all(_ALIGN_CELL.match(c.replace(" ", "")) for c in cells if c):
                    result.errors.append(f"{source}:{lineno}: expected the table's alignment row (| --- | --- |)")
                table_state = "rows"
            else:
                result.rows_read[current_week.start] = result.rows_read.get(current_week.start, 0) + 1
                paper = _read_row(cells, header_columns, source, lineno, result)
                if paper is not None:
                    position = len(current_week.papers) + 1
                    if paper.number == position:
                        paper.number = None
                    base_id = paper.id
                    count = ids_seen.get(base_id, 0)
                    if count and arxiv_id_from_url(paper.link("Paper").url if paper.link("Paper") else "") is None:
                        paper.id = f"{base_id}-{count + 1}"
                    ids_seen[base_id] = count + 1
                    current_week.papers.append(paper)
            i += 1
            continue
        result.errors.append(f"{source}:{lineno}: line not understood: {stripped[:80]!r}")
        i += 1

    _settle_config(config, weeks, prefixes, columns_seen, result)
    _settle_headings(config, weeks)
    _check_index(result, lines, slug_of_line, source)
    return result


def _read_preamble(lines: list[str], config: Config) -> None:
    """Title, intro and series line when the preamble has the seed's shape; else keep it verbatim."""
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if (
        len(paragraphs) >= 3
        and paragraphs[0].startswith("# ")
        and "\n" not in paragraphs[0]
        and "\n" not in paragraphs[-1]
        and paragraphs[-1].rstrip().endswith(":")
    ):
        title = paragraphs[0][2:].strip()
        intro = "\n\n".join(paragraphs[1:-1])
        series = paragraphs[-1].strip()
        rebuilt = f"# {title}\n\n{intro}\n\n{series}"
        if rebuilt == text:
            config.title, config.intro, config.series_line = title, intro, series
            config.preamble = None
            return
    config.preamble = text


def _read_row(
    cells: list[str], columns: list[str | None], source: str, lineno: int, result: ParsedReadme
) -> Paper | None:
    if len(cells) != len(columns):
        result.errors.append(
            f"{source}:{lineno}: row has {len(cells)} cells, the table has {len(columns)} columns"
        )
        return None
    values = dict(zip(columns, cells, strict=True))
    split = _split_paper_cell(values.get("paper") or "")
    if split is None:
        result.errors.append(
            f"{source}:{lineno}: paper cell not understood (expected '(N) **Title** - summary'): "
            f"{(values.get('paper') or '')[:60]!r}"
        )
        return None
    number, title, summary = split
    released = None
    date_text = values.get("release_date") or ""
    if date_text:
        try:
            from paperweek.ids import parse_date

            released = parse_date(date_text)
        except ValueError:
            result.errors.append(f"{source}:{lineno}: release date {date_text!r} is not a date like 'April 4, 2024'")
            return None
    links, leftover = md.parse_links((values.get("links") or "").replace("\\|", "|"))
    if leftover:
        result.errors.append(f"{source}:{lineno}: links cell has text that is not a link: {leftover[:60]!r}")
        return None
    paper_id = None
    for link in links:
        paper_id = arxiv_id_from_url(link.url)
        if paper_id:
            break
    if paper_id is None:
        paper_id = github_slug(md_plain(title))[:60].strip("-") or f"row-{lineno}"
    return Paper(
        id=paper_id, title=title, summary=summary, released=released, links=links, number=number
    )


def md_plain(text: str) -> str:
    """Markdown -> rough plain text (escapes and emphasis markers removed), for ids and anchors."""
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


def _plain(heading_text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading_text)
    return text.replace("**", "").replace("`", "")


def _settle_config(
    config: Config, weeks: list[Week], prefixes: list[str], columns_seen: list[list[str]], result: ParsedReadme
) -> None:
    if prefixes:
        config.week_heading = max(set(prefixes), key=prefixes.count)
    if weeks:
        weekdays = [w.start.weekday() for w in weeks]
        config.week_start = max(set(weekdays), key=weekdays.count)
    if columns_seen:
        first = columns_seen[0]
        if first and all(c in COLUMNS for c in first):
            config.columns = first
    dated = []
    for entry in result.index:
        found = _label_week(entry.label, entry.year_group)
        if found is not None:
            dated.append(found)
    if len(dated) >= 2:
        config.index_order = "newest-first" if dated[0] > dated[-1] else "oldest-first"


def _label_week(label: str, year: int | None) -> dt.date | None:
    match = _WEEK_HEADING.match(label)
    if not match:
        return None
    label_year = int(match.group("year")) if match.group("year") else year
    found = parse_week_range(match.group("range"), label_year)
    return None if found is None else found[0]


def _settle_headings(config: Config, weeks: list[Week]) -> None:
    """Keep a week's heading text only where the theme would write it differently."""
    from paperweek.render.context import week_heading

    for week in weeks:
        written = week.style.pop("_heading")
        week.style.pop("_year", None)
        week.heading = None
        if week_heading(config, week) != written:
            week.heading = written


def _check_index(result: ParsedReadme, lines: list[str], slug_of_line: dict[int, str], source: str) -> None:
    """Report index lines that point at the wrong week or nowhere, and weeks left out of the index."""
    week_of_slug: dict[str, dt.date] = {}
    for start, lineno in result.heading_lines.items():
        week_of_slug[slug_of_line[lineno - 1]] = start
    listed: set[dt.date] = set()
    for entry in result.index:
        label_start = _label_week(entry.label, entry.year_group)
        anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
        target_start = week_of_slug.get(anchor)
        if label_start is not None:
            listed.add(label_start)
        if label_start is None:
            result.notes.append(f"{source}:{entry.line}: index line {entry.label!r} names no week; build rewrites the index")
        elif target_start is None:
            result.notes.append(
                f"{source}:{entry.line}: index line for {entry.label!r} links #{anchor}, which matches no heading; "
                "build repairs it"
            )
        elif target_start != label_start:
            result.notes.append(
                f"{source}:{entry.line}: index line for {entry.label!r} links #{anchor}, the heading of the week of "
                f"{target_start.isoformat()}; build repairs it"
            )
        elif not entry.target.startswith("./#") and not entry.target.startswith("#"):
            result.notes.append(f"{source}:{entry.line}: index line for {entry.label!r} links {entry.target}; build makes it ./#{anchor}")
        if label_start is not None and label_start not in result.heading_lines:
            result.notes.append(f"{source}:{entry.line}: index line for {entry.label!r} names a week with no section")
    if result.index:
        for start, lineno in sorted(result.heading_lines.items()):
            if start not in listed:
                result.notes.append(f"{source}:{lineno}: week of {start.isoformat()} is missing from the index; build adds it")
