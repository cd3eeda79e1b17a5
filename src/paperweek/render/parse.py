"""Read a README of weekly tables back into data: the inverse of the themes, and of real lists.

Line-based on purpose: each row keeps its text exactly as written (links with
their fragments, inline HTML, escapes). Import records the variants it sees
(header text, numbering, bold, separators, headings written another way) in
the week's ``style`` so that build writes the same thing again; a row that
build would write differently, or that cannot be split into fields, is kept
verbatim (``Paper.raw``). Nothing is dropped silently: every row kept verbatim
and every line not understood is reported with its line number.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from paperweek import markdown as md
from paperweek.config import COLUMNS, DEFAULT_HEADING, Config
from paperweek.ids import MONTHS, Slugger, arxiv_id_from_url, github_slug, week_year
from paperweek.models import Week
from paperweek.render import rows as rowlib
from paperweek.render.context import plain_heading
from paperweek.render.theme import (
    Theme,
    builtin_names,
    load_theme,
    resolve,
    style_entries,
)
from paperweek.safetext import clean

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK_HEADING = re.compile(r"^(?P<prefix>.*?)\s*\((?P<range>[^()]+)\)\s*(?:[-–—,]?\s*(?P<year>\d{4}))?\s*$")
_INDEX_LINE = re.compile(r"^\s*[-*+]\s+\[(?P<label>.*)\]\((?P<target>[^)\s]*)\)\s*$")
_ALIGN_CELL = re.compile(r"^:?-+:?$")
_MONTH_NAMES = (
    {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
    | {name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)}
    | {"sept": 9}
)
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_DAY_MD = re.compile(r"^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(?P<year>\d{4}))?$")
_DAY_DM = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)\.?(?:,?\s*(?P<year>\d{4}))?$")
_RANGE_SPLIT = re.compile(r"\s*[-–—]+\s*|\s+to\s+", re.IGNORECASE)
_ARXIV_IN_TEXT = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{2})(\d{2})\.\d{4,5}")
_RULE = "---"


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
    errors: list[str] = field(default_factory=list)  # lines not understood (import fails unless --skip-bad)
    notes: list[str] = field(default_factory=list)  # things build will repair
    rows_read: dict[dt.date, int] = field(default_factory=dict)
    verbatim: dict[dt.date, list[str]] = field(default_factory=dict)  # rows kept as written, with why


@dataclass
class _Head:
    idx: int  # 0-based line index
    text: str
    level: int
    slug: str
    kind: str  # "year", "week" or "other"
    prefix: str = ""
    parts: tuple[tuple[int, int, int | None], tuple[int, int, int | None]] | None = None
    year: int | None = None  # the year written in the heading
    start: dt.date | None = None
    end: dt.date | None = None


# --- dates in headings ----------------------------------------------------------------------


def _day_parts(text: str) -> tuple[int, int, int | None] | None:
    match = _DAY_MD.match(text) or _DAY_DM.match(text)
    if match is None:
        return None
    month = _MONTH_NAMES.get(match.group("month").lower().rstrip("."))
    if month is None:
        return None
    return month, int(match.group("day")), int(match.group("year")) if match.group("year") else None


def range_parts(text: str) -> tuple[tuple[int, int, int | None], tuple[int, int, int | None]] | None:
    """``Jan 30-Feb 5`` -> ((1, 30, None), (2, 5, None)); ``Jan 1-8`` -> ((1, 1, None), (1, 8, None))."""
    pieces = [p.strip() for p in _RANGE_SPLIT.split(text.strip())]
    if len(pieces) != 2:
        return None
    first = _day_parts(pieces[0])
    if first is None:
        return None
    second = _day_parts(pieces[1])
    if second is None:
        if not pieces[1].isdigit():
            return None
        second = (first[0], int(pieces[1]), None)
    return first, second


def _dates(parts: Any, start_year: int) -> tuple[dt.date, dt.date] | None:
    (m1, d1, y1), (m2, d2, y2) = parts
    try:
        start = dt.date(y1 or start_year, m1, d1)
        end_year = y2 or (start.year + 1 if (m2, d2) < (m1, d1) else start.year)
        end = dt.date(end_year, m2, d2)
    except ValueError:
        return None
    return (start, end) if end >= start else None


def parse_week_range(text: str, year: int | None) -> tuple[dt.date, dt.date] | None:
    """``April 15 - April 21`` (+ the heading's year) -> (start, end), the year read as ``week_year``."""
    parts = range_parts(text)
    if parts is None:
        return None
    base = _written_start_year(parts)
    if base is not None:
        return _dates(parts, base)
    if year is None:
        return None
    candidates = [found for base in (year, year - 1) if (found := _dates(parts, base)) is not None]
    for start, end in candidates:
        if week_year(start) == year:
            return start, end
    return candidates[0] if candidates else None


def _looks_like_week(text: str) -> tuple[str, str, int | None] | None:
    match = _WEEK_HEADING.match(text)
    if not match or not _MONTH_WORD.search(match.group("range")):
        return None
    return match.group("prefix").strip(), match.group("range"), int(match.group("year")) if match.group("year") else None


# --- the parser -----------------------------------------------------------------------------


def parse_readme(text: str, source: str = "README.md") -> ParsedReadme:
    """Read a README of weekly tables: the seed's format, the top-ml format, and their drift."""
    return _Parser(text, source).run()


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.config = Config()
        self.result = ParsedReadme(config=self.config, weeks=[])
        self.heads: list[_Head] = []
        self.fenced: set[int] = set()
        self._ids: dict[str, int] = {}
        self._sections: list[_Section] = []
        self._first_rule = False

    # where: "README.md:12"
    def at(self, idx: int) -> str:
        return f"{self.source}:{idx + 1}"

    def run(self) -> ParsedReadme:
        self._scan_headings()
        week_heads = [h for h in self.heads if h.kind == "week"]
        if not week_heads:
            self.result.errors.append(
                f"{self.source}: no week sections found "
                "(headings like '## AI Papers of the Week (April 15 - April 21) - 2024')"
            )
            return self.result
        first_week = week_heads[0].idx
        self._read_top(first_week)
        self._date_weeks(week_heads)
        week_heads = [h for h in week_heads if h.start is not None]
        sections = self._read_sections(week_heads)
        self._settle(sections)
        self._check_index()
        return self.result

    # -- pass 1: headings, in document order, with GitHub's anchors --
    def _scan_headings(self) -> None:
        slugger = Slugger()
        fenced = False
        for i, line in enumerate(self.lines):
            if _FENCE.match(line):
                fenced = not fenced
                self.fenced.add(i)
                continue
            if fenced:
                self.fenced.add(i)
                continue
            match = _HEADING.match(line)
            if not match:
                continue
            text = match.group("text")
            head = _Head(i, text, len(match.group("hashes")), slugger.slug(plain_heading(text)), "other")
            if _YEAR.match(text.strip()):
                head.kind = "year"
            else:
                found = _looks_like_week(text)
                if found is not None:
                    prefix, range_text, year = found
                    parts = range_parts(range_text)
                    if parts is None:
                        self.result.errors.append(
                            f"{self.at(i)}: heading looks like a week but its dates are not understood: {text!r}; "
                            "write them like 'April 15 - April 21'"
                        )
                    else:
                        head.kind, head.prefix, head.parts, head.year = "week", prefix, parts, year
            self.heads.append(head)

    # -- preamble, index, text between the index and the first week --
    def _read_top(self, first_week: int) -> None:
        years = [h for h in self.heads if h.kind == "year" and h.idx < first_week]
        top_end = first_week
        if years:
            self.config.index_layout = "years"
            top_end = years[0].idx
            self._read_index(years[0].idx, first_week)
        else:
            top_end = self._read_flat_index(first_week)
        self._read_preamble(self.lines[:top_end])

    def _is_index_line(self, line: str) -> re.Match[str] | None:
        match = _INDEX_LINE.match(line)
        if match is None:
            return None
        if "#" in match.group("target") or _looks_like_week(match.group("label")):
            return match
        return None

    def _read_index(self, begin: int, end: int) -> None:
        year: int | None = None
        last_index = begin
        others: list[int] = []
        for i in range(begin, end):
            line = self.lines[i]
            head = _HEADING.match(line) if i not in self.fenced else None
            if head and _YEAR.match(head.group("text").strip()):
                year = int(head.group("text").strip())
                last_index = i
                continue
            match = self._is_index_line(line) if i not in self.fenced else None
            if match:
                self.result.index.append(IndexLine(i + 1, match.group("label"), match.group("target"), year))
                last_index = i
                continue
            if line.strip():
                others.append(i)
        for i in others:
            if i < last_index:
                self.result.errors.append(
                    f"{self.at(i)}: line inside the index not understood: {self.lines[i].strip()[:80]!r}; "
                    "move it above the index or below it"
                )
        self._after_index(last_index + 1, end)

    def _read_flat_index(self, first_week: int) -> int:
        """An index without year headings: the last block of index lines above the first week."""
        i = first_week - 1
        while i >= 0 and not self.lines[i].strip():
            i -= 1
        rule_at = None
        if i >= 0 and self.lines[i].strip() == _RULE:
            rule_at = i
            i -= 1
            while i >= 0 and not self.lines[i].strip():
                i -= 1
        block_end = i
        entries: list[tuple[int, re.Match[str]]] = []
        while i >= 0 and i not in self.fenced:
            match = self._is_index_line(self.lines[i])
            if match:
                entries.append((i, match))
            elif self.lines[i].strip():
                break
            i -= 1
        if not entries:
            self.config.index_layout = "none"
            if rule_at is None:
                return first_week
            self._first_rule = True
            return rule_at
        self.config.index_layout = "flat"
        for idx, match in reversed(entries):
            self.result.index.append(IndexLine(idx + 1, match.group("label"), match.group("target"), None))
        self._after_index(block_end + 1, first_week)
        return entries[-1][0]

    def _after_index(self, begin: int, end: int) -> None:
        text = self._block(begin, end)
        text, rule = _split_rule(text)
        self._first_rule = rule
        self.config.after_index = text or None

    def _block(self, begin: int, end: int) -> str:
        return "\n".join(self.lines[begin:end]).strip("\n")

    def _read_preamble(self, lines: list[str]) -> None:
        """Title, intro and series line when the preamble has the seed's shape; else keep it verbatim."""
        text = "\n".join(lines).strip("\n")
        paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
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
            if f"# {title}\n\n{intro}\n\n{series}" == text:
                self.config.title, self.config.intro, self.config.series_line = title, intro, series
                self.config.preamble = None
                return
        self.config.preamble = text

    # -- the dates of every week heading --
    def _date_weeks(self, heads: list[_Head]) -> None:
        hints = self._year_hints(heads)
        pending: list[_Head] = []
        for head in heads:
            assert head.parts is not None
            (m1, d1, _), (m2, d2, _) = head.parts
            year = head.year or hints.get(head.idx)
            written = _written_start_year(head.parts)
            if written is not None:
                found = _dates(head.parts, written)
                if found:
                    head.start, head.end = found
                continue
            if year is not None and (m2, d2) >= (m1, d1):
                found = _dates(head.parts, year)
                if found:
                    head.start, head.end = found
                    continue
            pending.append(head)
        dated = [h for h in heads if h.start is not None]
        falling = sum(1 for x, y in itertools.pairwise(dated) if x.start and y.start and x.start > y.start)
        newest_first = falling * 2 >= len(dated) - 1
        for head in pending:
            assert head.parts is not None
            year = head.year or hints.get(head.idx)
            above = next((h.start for h in reversed(heads) if h.idx < head.idx and h.start is not None), None)
            below = next((h.start for h in heads if h.idx > head.idx and h.start is not None), None)
            neighbour = above or below
            bases: list[int] = []
            if year is not None:
                bases = [year - 1, year]
            elif neighbour is not None:
                bases = [neighbour.year - 1, neighbour.year, neighbour.year + 1]
            candidates = [found for base in bases if (found := _dates(head.parts, base)) is not None]
            if not candidates:
                self.result.errors.append(
                    f"{self.at(head.idx)}: cannot tell the year of {head.text!r}; add it to the heading "
                    "(e.g. '... - 2024'), then import again"
                )
                continue
            newer, older = (above, below) if newest_first else (below, above)
            fitting = [
                c for c in candidates
                if (newer is None or c[0] < newer) and (older is None or c[0] > older)
            ]
            if len(fitting) == 1:
                head.start, head.end = fitting[0]  # the only year that keeps the sections in order
            elif year is not None:
                # paperweek's reading of a heading's year: the year holding most of its days
                pool = fitting or candidates
                head.start, head.end = next((c for c in pool if week_year(c[0]) == year), pool[-1])
            else:
                assert neighbour is not None
                pool = fitting or candidates
                head.start, head.end = min(pool, key=lambda c: abs((c[0] - neighbour).days))

    def _year_hints(self, heads: list[_Head]) -> dict[int, int]:
        """Years for headings that do not say theirs: the index group listing them, else their rows."""
        by_anchor: dict[str, int] = {}
        by_label: dict[str, int] = {}
        for entry in self.result.index:
            if entry.year_group is None:
                continue
            anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
            by_anchor.setdefault(anchor, entry.year_group)
            by_label.setdefault(" ".join(entry.label.split()), entry.year_group)
        hints: dict[int, int] = {}
        ends = [h.idx for h in heads[1:]] + [len(self.lines)]
        for head, end in zip(heads, ends, strict=True):
            if head.year is not None:
                continue
            year = by_label.get(" ".join(head.text.split())) or by_anchor.get(head.slug)
            if year is None:
                found = _ARXIV_IN_TEXT.search("\n".join(self.lines[head.idx : end]))
                if found:
                    year = 2000 + int(found.group(1))
            if year is not None:
                hints[head.idx] = year
        return hints

    # -- week sections --
    def _read_sections(self, heads: list[_Head]) -> list[_Section]:
        all_week_idx = [h.idx for h in heads]  # a heading import could not date stays text of the week above
        sections: list[_Section] = []
        for head in heads:
            later = [i for i in all_week_idx if i > head.idx]
            end = later[0] if later else len(self.lines)
            sections.append(self._read_section(head, end))
        # a `---` closing one section belongs to the next one: a rule before its heading
        for k, section in enumerate(sections):
            section.seen["rule"] = self._first_rule if k == 0 else sections[k - 1].rule_after
        return sections

    def _read_section(self, head: _Head, end: int) -> _Section:
        assert head.start is not None and head.end is not None
        section = _Section(head=head)
        seen = section.seen
        if head.level != 2:
            seen["level"] = head.level
        begin = head.idx + 1
        table_at = None
        for i in range(begin, end - 1):
            if i in self.fenced or i + 1 in self.fenced:
                continue
            if _is_row(self.lines[i]) and _is_align(self.lines[i + 1]):
                table_at = i
                break
        if table_at is None:
            seen["table"] = False
            after = self._block(begin, end)
            after, section.rule_after = _split_rule(after)
            seen["after"] = after
            return section
        seen["before"] = self._block(begin, table_at)
        header = self.lines[table_at].strip()
        align = self.lines[table_at + 1].strip()
        columns = [_column_of(c) or "other" for c in md.split_row(header)]
        seen["columns"] = columns
        seen["header"] = header
        seen["align"] = align
        i = table_at + 2
        while i < end and self.lines[i].strip() and _is_row(self.lines[i]) and not _HEADING.match(self.lines[i]):
            section.rows.append(rowlib.read_cells(self.lines[i].strip(), i + 1, columns))
            i += 1
        after = self._block(i, end)
        after, section.rule_after = _split_rule(after)
        seen["after"] = after
        return section

    # -- styles, theme, config --
    def _settle(self, sections: list[_Section]) -> None:
        result, config = self.result, self.config
        starts: dict[dt.date, int] = {}
        for section in sections:
            head = section.head
            assert head.start is not None and head.end is not None
            if head.start in starts:
                self.result.errors.append(
                    f"{self.at(head.idx)}: a second section for the week of {head.start.isoformat()} "
                    f"(the first is at line {starts[head.start] + 1}); merge them by hand, then import"
                )
                continue
            starts[head.start] = head.idx
            week = Week(start=head.start)
            if head.end != head.start + dt.timedelta(days=6):
                week.end = head.end
            section.week = week
            self._read_rows(section)
            result.weeks.append(week)
            result.heading_lines[week.start] = head.idx + 1
        sections = [s for s in sections if s.week is not None]
        self._sections = sections
        self._settle_config(sections)
        self._link_index(sections)
        best: tuple[int, str] | None = None
        for name in _theme_order(config.theme):
            theme = load_theme(name)
            cost = sum(self._style_cost(config, theme, s) for s in sections)
            if best is None or cost < best[0]:
                best = (cost, name)
        assert best is not None
        config.theme = best[1]
        theme = load_theme(config.theme)
        for section in sections:
            assert section.week is not None
            style, heading = style_entries(config, theme, section.week, section.seen, section.head.text)
            section.week.style = style
            section.week.heading = heading

    def _style_cost(self, config: Config, theme: Theme, section: _Section) -> int:
        assert section.week is not None
        style, heading = style_entries(config, theme, section.week, section.seen, section.head.text)
        # how rows end ("...|" or "... |") is not seen by a reader, but the closer theme keeps it too
        ended = [row for row in section.rows if row.cells and row.cells[-1] and row.text.endswith("|")]
        spaced = sum(1 for row in ended if row.text.endswith(" |"))
        ends = (" |" if spaced * 2 > len(ended) else "|") if ended else theme.row_end
        return 2 * (len(style) + (heading is not None)) + (ends != theme.row_end)

    def _read_rows(self, section: _Section) -> None:
        week = section.week
        assert week is not None
        seen = section.seen
        rows = section.rows
        self.result.rows_read[week.start] = len(rows)
        if not rows:
            return
        bold = rowlib.week_bold(rows)
        for row in rows:
            rowlib.split_body(row, bool(bold))
        seen["bold"] = bool(bold)
        number = rowlib.majority([r.number_style for r in rows])
        if number is not None:
            seen["number"] = number
        separator = rowlib.majority([r.separator for r in rows if r.separator is not None and r.title])
        if separator is not None:
            seen["separator"] = separator
        link_separator = rowlib.majority([g for r in rows for g in r.gaps])
        if link_separator is not None:
            seen["link_separator"] = link_separator
        # the week's own style, as far as seen, over the defaults: what build will write
        style = resolve(Config(), load_theme("seed"), Week(start=week.start))
        style.columns = [c or "other" for c in seen["columns"]]
        style.bold = bool(bold)
        style.number = seen.get("number", style.number)
        style.separator = seen.get("separator", style.separator)
        style.link_separator = seen.get("link_separator", style.link_separator)
        verbatim = self.result.verbatim.setdefault(week.start, [])
        for place, row in enumerate(rows, start=1):
            paper = rowlib.as_paper(row, self._paper_id(row))
            written = row.number if row.number is not None else place
            problems = list(row.problems)
            if not problems and rowlib.visible(rowlib.row_cells(paper, written, style)) != rowlib.visible(row.cells):
                problems.append("written differently from the rest of the week; kept as written")
            if problems:
                paper.raw = clean(row.text)
                verbatim.append(f"{self.source}:{row.line}: row kept verbatim ({problems[0]})")
            if paper.number == place or row.number_style == "none":
                paper.number = None
            week.papers.append(paper)

    def _paper_id(self, row: rowlib.RowRead) -> str:
        for link in row.links:
            found = arxiv_id_from_url(link.url)
            if found:
                return found
        text = row.title or row.summary or row.text
        base = github_slug(_plain_text(text))[:60].strip("-") or f"row-{row.line}"
        seen = self._ids.get(base, 0)
        self._ids[base] = seen + 1
        return base if not seen else f"{base}-{seen + 1}"

    def _settle_config(self, sections: list[_Section]) -> None:
        config = self.config
        prefixes = [s.head.prefix for s in sections]
        config.week_heading = rowlib.majority(prefixes) or DEFAULT_HEADING
        weekdays = [s.head.start.weekday() for s in sections if s.head.start is not None]
        config.week_start = int(rowlib.majority([str(d) for d in weekdays]) or 0)
        column_sets = [",".join(c or "other" for c in s.seen["columns"]) for s in sections if "columns" in s.seen]
        common = rowlib.majority(column_sets)
        if common is not None and all(c in COLUMNS for c in common.split(",")):
            config.columns = common.split(",")
        for section in sections:
            if "columns" in section.seen:
                section.seen["columns"] = [c or "other" for c in section.seen["columns"]]

    def _link_index(self, sections: list[_Section]) -> None:
        """Which index line lists which week: its label and year group are kept for build."""
        by_slug = {s.head.slug: s for s in sections}
        dated: list[dt.date] = []
        for entry in self.result.index:
            section = self._entry_section(entry, sections, by_slug)
            if section is None or section.week is None:
                continue
            dated.append(section.week.start)
            if "index_label" in section.seen:
                continue
            section.seen["index_label"] = entry.label
            if entry.year_group is not None:
                section.seen["year"] = entry.year_group
        for section in sections:
            head = section.head
            if "year" not in section.seen and head.year is not None and section.week is not None:
                section.seen["year"] = head.year
        if len(dated) >= 2:
            self.config.index_order = "newest-first" if dated[0] > dated[-1] else "oldest-first"
            ordered = sorted(dated, reverse=dated[0] > dated[-1])
            if ordered != dated:
                first = next(e for e, d, o in zip(self.result.index, dated, ordered, strict=False) if d != o)
                self.result.notes.append(f"{self.source}:{first.line}: the index lists weeks out of order; build sorts it")

    def _entry_section(self, entry: IndexLine, sections: list[_Section], by_slug: dict[str, _Section]) -> _Section | None:
        label_week = _label_match(entry, sections)
        if label_week is not None:
            return label_week
        anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
        return by_slug.get(anchor)

    def _check_index(self) -> None:
        """Report index lines that point at the wrong week or nowhere, and weeks left out of the index."""
        result = self.result
        source = self.source
        sections = self._sections
        by_slug = {s.head.slug: s for s in sections}
        listed: set[dt.date] = set()
        for entry in result.index:
            named = _label_match(entry, sections)
            anchor = entry.target.split("#", 1)[1] if "#" in entry.target else ""
            target = by_slug.get(anchor)
            label_start = _label_start(entry)
            if named is not None and named.week is not None:
                listed.add(named.week.start)
            if named is None and label_start is None:
                if target is None:
                    result.notes.append(
                        f"{source}:{entry.line}: index line {entry.label!r} names no week; build rewrites the index"
                    )
                elif target.week is not None:
                    listed.add(target.week.start)
                continue
            if named is None:
                result.notes.append(
                    f"{source}:{entry.line}: index line for {entry.label!r} names a week with no section; "
                    "build leaves it out"
                )
            elif target is None:
                result.notes.append(
                    f"{source}:{entry.line}: index line for {entry.label!r} links #{anchor}, which matches no heading; "
                    "build repairs it"
                )
            elif target is not named:
                other = target.week.start.isoformat() if target.week is not None else "another week"
                result.notes.append(
                    f"{source}:{entry.line}: index line for {entry.label!r} links #{anchor}, the heading of the week of "
                    f"{other}; build repairs it"
                )
            elif not entry.target.startswith(("./#", "#")):
                result.notes.append(
                    f"{source}:{entry.line}: index line for {entry.label!r} links {entry.target}; build makes it ./#{anchor}"
                )
        if result.index:
            for start, lineno in sorted(result.heading_lines.items()):
                if start not in listed:
                    result.notes.append(
                        f"{source}:{lineno}: week of {start.isoformat()} is missing from the index; build adds it"
                    )



@dataclass
class _Section:
    head: _Head
    seen: dict[str, Any] = field(default_factory=dict)
    rows: list[rowlib.RowRead] = field(default_factory=list)
    rule_after: bool = False
    week: Week | None = None


# --- helpers --------------------------------------------------------------------------------


def _written_start_year(parts: Any) -> int | None:
    """The start's year when the range itself names a year (``Dec 30, 2024 - Jan 5, 2025``)."""
    (m1, d1, y1), (m2, d2, y2) = parts
    if y1:
        return int(y1)
    if y2:
        return int(y2) if (m2, d2) >= (m1, d1) else int(y2) - 1
    return None


def _split_rule(text: str) -> tuple[str, bool]:
    """Text that ends with a `---` line: (the text before it, True)."""
    lines = text.split("\n")
    if lines and lines[-1].strip() == _RULE and (len(lines) == 1 or not lines[-2].strip()):
        return "\n".join(lines[:-1]).strip("\n"), True
    return text, False


def _is_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") or ("|" in stripped.replace("\\|", "") and not stripped.startswith(("-", "*", "+")))


def _is_align(line: str) -> bool:
    if "|" not in line or "-" not in line:
        return False
    cells = md.split_row(line.strip())
    return bool(cells) and all(_ALIGN_CELL.match(c.replace(" ", "")) for c in cells if c.strip()) and any(
        c.strip() for c in cells
    )


def _column_of(header_cell: str) -> str | None:
    name = re.sub(r"<[^>]+>", "", header_cell).replace("*", "").replace("_", " ").strip().lower()
    name = " ".join(name.split())
    if name in ("paper", "papers", "paper / project", "paper/project", "papers / projects", "title", "paper title"):
        return "paper"
    if name in ("release date", "date", "released", "release"):
        return "release_date"
    if name in ("links", "link", "resources"):
        return "links"
    return None


def _plain_text(text: str) -> str:
    """Markdown -> rough plain text (escapes, emphasis and link syntax removed), for ids."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))



def _label_start(entry: IndexLine) -> tuple[Any, ...] | None:
    found = _looks_like_week(entry.label)
    if found is None:
        return None
    return range_parts(found[1])


def _label_match(entry: IndexLine, sections: list[_Section]) -> _Section | None:
    """The section an index line's label names (month/day match, year within one of the group's)."""
    found = _looks_like_week(entry.label)
    if found is None:
        return None
    parts = range_parts(found[1])
    if parts is None:
        return None
    (m1, d1, y1), (m2, d2, _y2) = parts
    year = found[2] or y1 or entry.year_group
    best: _Section | None = None
    for section in _by_days(sections).get((m1, d1, m2, d2), []):
        week = section.week
        assert week is not None
        if year is not None and abs(week_year(week.start) - year) > 1 and abs(week.start.year - year) > 1:
            continue
        if best is None or (year is not None and _year_distance(section, year) < _year_distance(best, year)):
            best = section
    return best


_DAYS_CACHE: dict[int, tuple[list[_Section], dict[tuple[int, int, int, int], list[_Section]]]] = {}


def _by_days(sections: list[_Section]) -> dict[tuple[int, int, int, int], list[_Section]]:
    """Sections by (start month, start day, end month, end day), built once per list of sections."""
    cached = _DAYS_CACHE.get(id(sections))
    if cached is not None and cached[0] is sections:
        return cached[1]
    table: dict[tuple[int, int, int, int], list[_Section]] = {}
    for section in sections:
        week = section.week
        if week is not None:
            last = week.last_day
            table.setdefault((week.start.month, week.start.day, last.month, last.day), []).append(section)
    _DAYS_CACHE.clear()
    _DAYS_CACHE[id(sections)] = (sections, table)
    return table


def _year_distance(section: _Section, year: int) -> int:
    assert section.week is not None
    return min(abs(week_year(section.week.start) - year), abs(section.week.start.year - year))


def _theme_order(preferred: str) -> list[str]:
    names = builtin_names()
    return [preferred, *[n for n in names if n != preferred]] if preferred in names else names


__all__ = ["IndexLine", "ParsedReadme", "parse_readme", "parse_week_range", "range_parts"]
