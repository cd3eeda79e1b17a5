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
import re

from paperweek import markdown as md
from paperweek.config import COLUMNS, DEFAULT_HEADING, Config
from paperweek.grammar import items as itemlib
from paperweek.grammar import rows as rowlib
from paperweek.ids import Slugger, arxiv_ids_in, paper_slug
from paperweek.importer.genre import holds_items, parse_genre
from paperweek.importer.headingdates import date_weeks
from paperweek.importer.parsed import IndexLine, ParsedReadme
from paperweek.importer.preamble import title_and_intro
from paperweek.importer.seenstyle import style_entries
from paperweek.importer.weeksections import (
    DaysTable,
    Head,
    Section,
    by_days,
    check_index,
    link_index,
    looks_like_week,
    parse_week_range,
    range_parts,
)
from paperweek.models import Week, week_style
from paperweek.render.theme import Theme, builtin_names, load_theme, resolve
from paperweek.safetext import clean

_YEAR = re.compile(r"^\d{4}$")
_INDEX_LINE = re.compile(r"^\s*[-*+]\s+\[(?P<label>.*)\]\((?P<target>[^)\s]*)\)\s*$")
_RULE = "---"


def parse_readme(text: str, source: str = "README.md", undated: dt.date | None = None,
                 strict: bool = False) -> ParsedReadme:
    """Read a README of weekly tables: the seed's format, the top-ml format and their drift, else any
    list of the genre in its own layout (``genre``), when the week tables leave items or dated
    headings unread."""
    return _named(_parse(text, source, undated, strict))


def _parse(text: str, source: str, undated: dt.date | None, strict: bool) -> ParsedReadme:
    seed = _Parser(text, source).run()
    if seed.weeks and not seed.errors:
        texts = [seed.config.after_index or ""]
        texts += [text for w in seed.weeks for text in (w.style.get("before", ""), w.style.get("after", ""))]
        if not any(holds_items(t) for t in texts if t):
            return seed
    kept = parse_genre(text, source, undated, strict)
    if seed.weeks and kept.errors and not seed.errors:
        return seed
    return kept


def _named(parsed: ParsedReadme) -> ParsedReadme:
    """A top kept verbatim still names the log (its site, its feed): in the list's own words."""
    config = parsed.config
    if config.preamble is not None:
        title, config.intro = title_and_intro(config.preamble)
        config.title = title or f"Papers of the {config.period.capitalize()}"  # neutral: the list names none
    return parsed


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.config = Config()
        self.result = ParsedReadme(config=self.config, weeks=[])
        self.heads: list[Head] = []
        self.fenced: set[int] = set()
        self._ids: set[str] = set()  # the ids of rows not on arXiv, handed out so far
        self._sections: list[Section] = []
        self._days: DaysTable = {}
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
        self.result.errors += date_weeks(week_heads, self.lines, self.result.index, self.at)
        week_heads = [h for h in week_heads if h.start is not None]
        sections = self._read_sections(week_heads)
        self._settle(sections)
        check_index(self.result, self._sections, self._days, self.source)
        return self.result

    # -- pass 1: headings, in document order, with GitHub's anchors --
    def _scan_headings(self) -> None:
        slugger = Slugger()
        self.fenced = md.opaque_lines(self.lines)  # a week inside <!-- ... --> is hidden text, not a week
        for i, line in enumerate(self.lines):
            if i in self.fenced:
                continue
            match = md.ATX_HEADING.match(line)
            if not match:
                continue
            text = md.heading_text(match)
            head = Head(i, text, len(match.group("hashes")), slugger.slug(md.rough_plain(text)), "other")
            if _YEAR.match(text.strip()):
                head.kind = "year"
            else:
                found = looks_like_week(text)
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
        if "#" in match.group("target") or looks_like_week(match.group("label")):
            return match
        return None

    def _read_index(self, begin: int, end: int) -> None:
        year: int | None = None
        last_index = begin
        others: list[int] = []
        for i in range(begin, end):
            line = self.lines[i]
            head = md.ATX_HEADING.match(line) if i not in self.fenced else None
            if head and _YEAR.match(md.heading_text(head).strip()):
                year = int(md.heading_text(head).strip())
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
            len(paragraphs) >= 2
            and paragraphs[0].startswith("# ")
            and "\n" not in paragraphs[0]
            and "\n" not in paragraphs[-1]
            and paragraphs[-1].rstrip().endswith(":")
        ):
            title = paragraphs[0][2:].strip()
            intro = "\n\n".join(paragraphs[1:-1])
            series = paragraphs[-1].strip()
            if "\n\n".join(p for p in (f"# {title}", intro, series) if p) == text:  # an empty intro: none written
                self.config.title, self.config.intro, self.config.series_line = title, intro, series
                self.config.preamble = None
                return
        self.config.preamble = text

    # -- week sections --
    def _read_sections(self, heads: list[Head]) -> list[Section]:
        all_week_idx = [h.idx for h in heads]  # a heading import could not date stays text of the week above
        sections: list[Section] = []
        for head in heads:
            later = [i for i in all_week_idx if i > head.idx]
            end = later[0] if later else len(self.lines)
            sections.append(self._read_section(head, end))
        # a `---` closing one section belongs to the next one: a rule before its heading
        for k, section in enumerate(sections):
            section.seen.rule = self._first_rule if k == 0 else sections[k - 1].rule_after
        return sections

    def _read_section(self, head: Head, end: int) -> Section:
        assert head.start is not None and head.end is not None
        section = Section(head=head)
        seen = section.seen
        if head.level != 2:
            seen.level = head.level
        begin = head.idx + 1
        table_at = None
        for i in range(begin, end - 1):
            if i in self.fenced or i + 1 in self.fenced:
                continue
            if itemlib.is_pipe_line(self.lines[i]) and itemlib.is_align(self.lines[i + 1]):
                table_at = i
                break
        if table_at is None:
            seen.table = False
            after = self._block(begin, end)
            after, section.rule_after = _split_rule(after)
            seen.after = after
            return section
        seen.before = self._block(begin, table_at)
        header = self.lines[table_at].strip()
        align = self.lines[table_at + 1].strip()
        columns = [_column_of(c) or "other" for c in md.split_row(header)]
        seen.columns = columns
        seen.header = header
        seen.align = align
        i = table_at + 2
        while i < end and self.lines[i].strip() and itemlib.is_pipe_line(self.lines[i]) and not self._heading_at(i):
            section.rows.append(rowlib.read_cells(self.lines[i].strip(), i + 1, columns))
            i += 1
        after = self._block(i, end)
        after, section.rule_after = _split_rule(after)
        seen.after = after
        return section

    # -- styles, theme, config --
    def _settle(self, sections: list[Section]) -> None:
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
            week = Week(start=head.start, end=Week.stored_end(head.start, head.end))
            section.week = week
            self._read_rows(section)
            result.weeks.append(week)
            result.heading_lines[week.start] = head.idx + 1
        sections = [s for s in sections if s.week is not None]
        self._sections = sections
        self._days = by_days(sections)
        self._settle_config(sections)
        link_index(self.result, sections, self._days, self.source)
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
            section.week.style = week_style(style)
            section.week.heading = heading

    def _style_cost(self, config: Config, theme: Theme, section: Section) -> int:
        assert section.week is not None
        style, heading = style_entries(config, theme, section.week, section.seen, section.head.text)
        # how rows end ("...|" or "... |") is not seen by a reader, but the closer theme keeps it too
        ended = [row for row in section.rows if row.cells and row.cells[-1] and row.text.endswith("|")]
        spaced = sum(1 for row in ended if row.text.endswith(" |"))
        ends = (" |" if spaced * 2 > len(ended) else "|") if ended else theme.row_end
        return 2 * (len(style) + (heading is not None)) + (ends != theme.row_end)

    def _heading_at(self, i: int) -> bool:
        return md.ATX_HEADING.match(self.lines[i]) is not None

    def _read_rows(self, section: Section) -> None:
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
        seen.bold = bool(bold)
        number = rowlib.majority([r.number_style for r in rows])
        if number is not None:
            seen.number = number
        separator = rowlib.majority([r.separator for r in rows if r.separator is not None and r.title])
        if separator is not None:
            seen.separator = separator
        link_separator = rowlib.majority([g for r in rows for g in r.gaps])
        if link_separator is not None:
            seen.link_separator = link_separator
        # the week's own style, as far as seen, over the defaults: what build will write
        style = resolve(Config(), load_theme("seed"), Week(start=week.start))
        style.columns = [c or "other" for c in seen.columns or []]
        style.bold = bool(bold)
        style.number = seen.number or style.number
        style.separator = seen.separator if seen.separator is not None else style.separator
        style.link_separator = seen.link_separator if seen.link_separator is not None else style.link_separator
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
        on_arxiv = arxiv_ids_in(link.url for link in row.links)
        if on_arxiv:
            return on_arxiv[0]
        text = row.title or row.summary or row.text
        found = paper_slug(md.rough_plain(text), self._ids, fallback=f"row-{row.line}")
        self._ids.add(found)
        return found

    def _settle_config(self, sections: list[Section]) -> None:
        config = self.config
        prefixes = [s.head.prefix for s in sections]
        config.week_heading = rowlib.majority(prefixes) or DEFAULT_HEADING
        weekdays = [s.head.start.weekday() for s in sections if s.head.start is not None]
        config.week_start = int(rowlib.majority([str(d) for d in weekdays]) or 0)
        column_sets = [",".join(c or "other" for c in s.seen.columns) for s in sections if s.seen.columns is not None]
        common = rowlib.majority(column_sets)
        if common is not None and all(c in COLUMNS for c in common.split(",")):
            config.columns = common.split(",")
        for section in sections:
            if section.seen.columns is not None:
                section.seen.columns = [c or "other" for c in section.seen.columns]

def _split_rule(text: str) -> tuple[str, bool]:
    """Text that ends with a `---` line: (the text before it, True)."""
    lines = text.split("\n")
    if lines and lines[-1].strip() == _RULE and (len(lines) == 1 or not lines[-2].strip()):
        return "\n".join(lines[:-1]).strip("\n"), True
    return text, False


def _column_of(header_cell: str) -> str | None:
    """The seed table's column a header cell names (``items.role_of`` reads what it means)."""
    return {"title": "paper", "date": "release_date", "links": "links"}.get(itemlib.role_of(header_cell))




def _theme_order(preferred: str) -> list[str]:
    names = [n for n in builtin_names() if not load_theme(n).period]  # table themes; not "kept"
    return [preferred, *[n for n in names if n != preferred]] if preferred in names else names


__all__ = ["IndexLine", "ParsedReadme", "parse_readme", "parse_week_range", "range_parts"]
