"""Import any list of the genre: dated headings cut it into periods, items become papers, the rest is kept.

Used when a README is not in a built-in theme's format. Every heading is read with the
date grammar (``dategrammar``); one that names a period starts a period, one that looks
dated but cannot be read stops the import with its line. Inside a period (or the whole
document, when no heading is dated and the items carry dates) the item grammar
(``items``) finds tables, list items and ``<details>`` blocks; a heading that is not
dated names the topic of the items below it (a tag). Everything else -- intros, badges,
tables of contents, HTML, footers -- is kept where it stands, in the period's ``layout``
(``kept``), so the first build writes the same text.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from paperweek import markdown as md
from paperweek.config import Config
from paperweek.errors import InputError
from paperweek.grammar import items as itemlib
from paperweek.grammar.dates import Found, clean, find_period, looks_dated, spelling_of
from paperweek.ids import arxiv_ids_in, paper_slug, week_start
from paperweek.importer.parsed import ParsedReadme
from paperweek.models import Week
from paperweek.periods import period_of
from paperweek.render.kept import BlockForm, inferred_theme, marker_line
from paperweek.tags import normalize_tag

KEPT_THEME = "kept"
_YEAR = re.compile(r"^(19|20|21)\d\d$")


@dataclass
class _Block:
    """A run of items written alike (one marker line), or None for a line of text."""

    form: BlockForm
    items: list[itemlib.Item] = field(default_factory=list)
    topic: str | None = None


@dataclass
class _Period:
    line: int  # 0-based heading line, -1 for a list without dated headings
    level: int
    text: str
    found: Found | None
    start: dt.date | None = None
    end: dt.date | None = None
    parts: list[str | _Block] = field(default_factory=list)


class GenreParser:
    """One pass over the lines: headings, periods, blocks of items; then dates and papers."""

    def __init__(self, text: str, source: str, undated: dt.date | None = None, week_start_day: int = 0) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.undated = undated
        self.week_start_day = week_start_day
        self.result = ParsedReadme(config=Config(), weeks=[], skippable=False)
        self.opaque = self._opaque()
        self._ids: set[str] = set()  # the ids of items not on arXiv, handed out so far
        self._years: list[tuple[int, int, int]] = []  # "## 2024" headings: (line, level, year)

    def at(self, idx: int) -> str:
        return f"{self.source}:{idx + 1}"

    def _opaque(self) -> set[int]:
        """Lines inside code fences or HTML comments: never headings or items."""
        out: set[int] = set()
        fenced = comment = False
        for i, line in enumerate(self.lines):
            if not comment and md.FENCE.match(line):
                fenced = not fenced
                out.add(i)
                continue
            if fenced:
                out.add(i)
                continue
            touched = comment
            pos = 0
            while True:
                mark = line.find("-->" if comment else "<!--", pos)
                if mark < 0:
                    break
                touched = True
                comment = not comment
                pos = mark + 3
            if touched:
                out.add(i)
        return out

    def run(self) -> ParsedReadme:
        periods = self._periods()
        if self.result.errors:
            return self.result
        if periods:
            first = periods[0].line
            self.result.config.preamble = "\n".join(self.lines[:first]) + ("\n" if first else "")
            self._preamble_items(first)
            bounds = [p.line for p in periods[1:]] + [len(self.lines)]
            for period, end in zip(periods, bounds, strict=True):
                period.parts = self._blocks(period.line + 1, end)
        else:
            whole = _Period(-1, 2, "", None)
            whole.parts = self._blocks(0, len(self.lines))
            periods = [whole]
            self.result.config.preamble = ""
        self._date(periods)
        if self.result.errors:
            return self.result
        self._weeks([p for p in periods if p.start is not None])
        return self.result

    # -- headings --
    def _periods(self) -> list[_Period]:
        out: list[_Period] = []
        for i, line in enumerate(self.lines):
            if i in self.opaque:
                continue
            match = md.ATX_HEADING.match(line)
            if match is None:
                continue
            text = md.heading_text(match)
            bare = clean(text).strip(" \t*_#:-–—()[]")
            if _YEAR.match(bare):
                self._years.append((i, len(match.group("hashes")), int(bare)))
                continue
            found = find_period(text)
            if found is not None:
                out.append(_Period(i, len(match.group("hashes")), text, found))
            elif looks_dated(text):
                self.result.errors.append(
                    f"{self.at(i)}: heading looks dated but its date is not understood: {text.strip()!r}; "
                    "write it like 'April 15 - April 21, 2024', '2024-01-18', 'Week 3, 2024' or 'January 2024'"
                )
        return out

    def _preamble_items(self, end: int) -> None:
        blocks = [b for b in self._blocks(0, end) if isinstance(b, _Block)]
        count = sum(len(b.items) for b in blocks)
        if count:
            self.result.notes.append(
                f"{self.at(blocks[0].items[0].line - 1)}: {count} item(s) above the first dated heading "
                "are kept as text, not papers"
            )

    # -- items --
    def _blocks(self, begin: int, end: int) -> list[str | _Block]:
        lines = self.lines
        out: list[str | _Block] = []
        topic: str | None = None
        held: list[tuple[int, str | None]] = []  # open <details> holders: (their end, the topic before)
        i = begin
        while i < end:
            while held and i >= held[-1][0]:
                topic = held.pop()[1]
            line = lines[i]
            if i in self.opaque:
                out.append(line)
                i += 1
                continue
            heading = md.ATX_HEADING.match(line)
            if heading:
                topic = md.strip_markup(md.heading_text(heading)) or None
                out.append(line)
                i += 1
                continue
            if itemlib.is_pipe_line(line) and i + 1 < end and itemlib.is_align(lines[i + 1]):
                i = self._table(i, end, out, topic)
                continue
            if itemlib.list_marker(line):
                i = self._list(i, end, out, topic)
                continue
            if line.strip().lower().startswith("<details"):
                holder = self._details_topic(i, end)
                if holder is not None:  # a <details> around a table or list of papers: its summary is their topic
                    held.append((holder[1], topic))
                    topic = holder[0] or topic
                    out.append(line)
                    i += 1
                    continue
                i = self._details(i, end, out, topic)
                continue
            out.append(line)
            i += 1
        return out

    def _table(self, i: int, end: int, out: list[str | _Block], topic: str | None) -> int:
        lines = self.lines
        roles = itemlib.columns_of(lines[i])
        out += [lines[i], lines[i + 1]]
        j = i + 2
        if "title" not in roles:
            while j < end and itemlib.is_pipe_line(lines[j]) and j not in self.opaque:
                out.append(lines[j])
                j += 1
            return j
        while True:
            block = _Block(BlockForm("table", tuple(roles)), topic=topic)
            while j < end and j not in self.opaque and itemlib.is_pipe_line(lines[j]) and not itemlib.is_align(lines[j]):
                block.items.append(itemlib.read_row(lines[j], j + 1, roles))
                j += 1
            if block.items:
                spellings = [spelling_of(c) for c in _date_cells(block, roles)]
                block.form = BlockForm("table", tuple(roles), next((s for s in spellings if s), None))
                out.append(block)
            # blank lines inside a table: the rows after them still belong to it
            k = j
            while k < end and not lines[k].strip():
                k += 1
            if k > j and k < end and k not in self.opaque and itemlib.is_pipe_line(lines[k]) and not (
                k + 1 < end and itemlib.is_align(lines[k + 1])
            ):
                out += lines[j:k]
                j = k
                continue
            return j

    def _list(self, i: int, end: int, out: list[str | _Block], topic: str | None) -> int:
        lines = self.lines
        block: _Block | None = None
        while i < end and i not in self.opaque:
            match = itemlib.list_marker(lines[i])
            if match is None:
                break
            indent = len(match.group("indent"))
            j = i + 1
            while j < end and j not in self.opaque:
                nxt = lines[j]
                if not nxt.strip() or md.ATX_HEADING.match(nxt):
                    break
                sub = itemlib.list_marker(nxt)
                if sub is not None and len(sub.group("indent")) <= indent:
                    break
                if itemlib.is_pipe_line(nxt) and not nxt.startswith((" ", "\t")):
                    break
                j += 1
            text = "\n".join(lines[i:j])
            if not itemlib.has_link(text):
                break
            marker = match.group("marker")
            form = BlockForm("list", marker="1" + marker[-1] if marker[0].isdigit() else marker)
            if block is None or block.form != form:
                block = _Block(form, topic=topic)
                out.append(block)
            block.items.append(itemlib.read_list_item(text, i + 1))
            i = j
        if block is None:
            out.append(lines[i])
            return i + 1
        return i

    def _details_topic(self, i: int, end: int) -> tuple[str, int] | None:
        """For a ``<details>`` holding a table or a list of linked items: its summary text ("" if none)
        and the line after it; None for a ``<details>`` that is one item (or none)."""
        j, _ = self._details_span(i, end)
        inner = self.lines[i:j]
        table = any(itemlib.is_pipe_line(a) and itemlib.is_align(b) for a, b in itertools.pairwise(inner))
        linked = sum(1 for a in inner if itemlib.list_marker(a) and itemlib.has_link(a))
        if not table and linked < 2:
            return None
        found = re.search(r"<summary>(?P<s>.*?)</summary>", "\n".join(inner), re.DOTALL | re.IGNORECASE)
        return (md.strip_markup(found.group("s")) if found else ""), j

    def _details_span(self, i: int, end: int) -> tuple[int, int]:
        """The line after the ``<details>`` opened at line ``i`` (nested ones counted), and the depth
        still open there (0 when it closed before ``end``)."""
        depth, j = 0, i
        while j < end:
            low = self.lines[j].lower()
            depth += low.count("<details") - low.count("</details>")
            j += 1
            if depth <= 0:
                break
        return j, depth

    def _details(self, i: int, end: int, out: list[str | _Block], topic: str | None) -> int:
        lines = self.lines
        j, depth = self._details_span(i, end)
        text = "\n".join(lines[i:j])
        if depth == 0 and "<summary" in text.lower() and re.search(r"https?://", text) and text.lower().count("<details") == 1:
            block = _Block(BlockForm("details"), topic=topic)
            block.items.append(itemlib.read_details(text, i + 1))
            out.append(block)
            return j
        out.append(lines[i])
        return i + 1

    # -- dates --
    def _date(self, periods: list[_Period]) -> None:
        for period in periods:
            if period.found is not None and (period.found.has_year or period.found.iso_week is not None):
                got = period.found.dates()
                if got:
                    period.start, period.end = got
        for period in periods:
            if period.start is not None:
                continue
            rows = sorted(d for d in _row_dates(period) if d is not None)
            if period.found is None:
                self._undated_span(period, rows)
                continue
            year = self._near_year(period, periods, rows)
            got = period.found.dates(year) if year is not None else None
            if got is None:
                self.result.errors.append(
                    f"{self.at(period.line)}: heading names no year, and none can be taken from the headings "
                    f"around it or its rows: {period.text.strip()!r}; write the year in the heading"
                )
                continue
            period.start, period.end = got

    def _near_year(self, period: _Period, periods: list[_Period], rows: list[dt.date]) -> int | None:
        """The year of a heading that writes none: its rows' dates, else the nearest dated heading."""
        assert period.found is not None
        group = [y for line, level, y in self._years if line < period.line and level < period.level]
        if group:  # "### Week of Jan 15" under "## 2024": the year most of its days fall in
            year = group[-1]
            for base in (year, year - 1):
                got = period.found.dates(base)
                if got is not None and (got[0] + (got[1] - got[0]) / 2).year == year:
                    return base
            return year
        if rows:
            target = rows[len(rows) // 2]
        else:
            index = periods.index(period)
            near = sorted(
                (abs(i - index), p.start) for i, p in enumerate(periods) if p.start is not None and p is not period
            )
            if not near:
                return None
            assert near[0][1] is not None
            target = near[0][1]
        best: tuple[int, int] | None = None
        for year in (target.year - 1, target.year, target.year + 1):
            got = period.found.dates(year)
            if got is not None:
                distance = abs((got[0] - target).days)
                if best is None or distance < best[0]:
                    best = (distance, year)
        return best[1] if best else None

    def _undated_span(self, period: _Period, rows: list[dt.date]) -> None:
        """A list without dated headings: one period, the smallest day, week or month holding its rows."""
        if not rows:
            items = [it for b in period.parts if isinstance(b, _Block) for it in b.items]
            if not items:
                return  # no dated heading, no item: not a list of papers (import says so, exit 2)
            if self.undated is None:
                where = self.at(items[0].line - 1)
                self.result.errors.append(
                    f"{where}: no dated heading and no dated item; pass --date YYYY-MM-DD to put the items "
                    "in the week holding that day"
                )
                return
            period.start = week_start(self.undated, self.week_start_day)
            period.end = period.start + dt.timedelta(days=6)
            return
        first, last = rows[0], rows[-1]
        monday = week_start(first, self.week_start_day)
        if first == last:
            period.start = period.end = first
        elif last <= monday + dt.timedelta(days=6):
            period.start, period.end = monday, monday + dt.timedelta(days=6)
        elif (first.year, first.month) == (last.year, last.month):
            period.start = first.replace(day=1)
            nxt = (period.start + dt.timedelta(days=32)).replace(day=1)
            period.end = nxt - dt.timedelta(days=1)
        else:
            period.start, period.end = first, last

    # -- papers and layouts --
    def _weeks(self, periods: list[_Period]) -> None:
        result = self.result
        seen: dict[dt.date, int] = {}
        for period in periods:
            assert period.start is not None and period.end is not None
            if period.start in seen:
                result.errors.append(
                    f"{self.at(period.line)}: a second period starting {period.start.isoformat()} "
                    f"(the first is at line {seen[period.start] + 1}); merge them by hand, then import"
                )
                continue
            seen[period.start] = period.line
            week = Week(start=period.start, end=Week.stored_end(period.start, period.end))
            layout: list[str] = []
            if period.line >= 0:
                week.heading = period.text
                layout.append(f"<<heading {'#' * period.level}>>")
            read = 0
            for part in period.parts:
                if isinstance(part, str):
                    layout.append(_escape_marker(part))
                    continue
                ids = []
                block_tags = _tags(part.topic, [])
                for item in part.items:
                    read += 1
                    tags = block_tags + [t for t in _tags(None, item.topics) if t not in block_tags]
                    paper = itemlib.item_paper(item, self._paper_id(item), tags)
                    week.papers.append(paper)
                    ids.append(paper.id)
                layout.append(marker_line(part.form, ids))
            week.style["layout"] = "\n".join(layout)
            result.weeks.append(week)
            result.rows_read[week.start] = read
            result.heading_lines[week.start] = period.line + 1
            if not week.papers and any(isinstance(p, str) and p.strip() for p in period.parts):
                result.notes.append(
                    f"{self.at(max(period.line, 0))}: the period of {week.start.isoformat()} has text but no papers; "
                    "its text is kept as written"
                )
        if result.weeks:
            first = periods[0]
            result.theme_files = inferred_theme(result.weeks[0], first.text if first.found else None, first.found)
        kinds = {period_of(w.start, w.last_day) for w in result.weeks}
        if len(kinds) == 1 and kinds <= {"day", "month"}:
            result.config.period = kinds.pop() or "week"  # a daily or monthly list is a log of that period
        starts = [w.start for w in result.weeks]
        result.config.index_order = "newest-first" if starts == sorted(starts, reverse=True) else "oldest-first"
        if starts != sorted(starts) and starts != sorted(starts, reverse=True):
            for place, week in enumerate(result.weeks, start=1):
                week.style["place"] = str(place)  # neither newest nor oldest first: build keeps this order
        result.config.index_layout = "none"
        result.config.theme = KEPT_THEME

    def _paper_id(self, item: itemlib.Item) -> str:
        on_arxiv = arxiv_ids_in(link.url for link in item.links)
        if on_arxiv:
            return on_arxiv[0]
        found = paper_slug(md.rough_plain(item.title), self._ids, fallback=f"item-{item.line}")
        self._ids.add(found)
        return found


def _escape_marker(line: str) -> str:
    """A text line that happens to read like a marker is kept inside a ``<<text …>>`` marker."""
    return f"<<text {line}>>" if line.startswith("<<") else line


def _date_cells(block: _Block, roles: list[str]) -> list[str]:
    if "date" not in roles:
        return []
    at = roles.index("date")
    out = []
    for item in block.items[:5]:
        cells = md.split_row(item.text.strip())
        if at < len(cells):
            out.append(cells[at])
    return out


def _row_dates(period: _Period) -> list[dt.date | None]:
    return [it.released for b in period.parts if isinstance(b, _Block) for it in b.items]


def _tags(topic: str | None, topics: list[str]) -> list[str]:
    out: list[str] = []
    for text in ([topic] if topic else []) + topics:
        try:
            tag = normalize_tag(text)
        except InputError:  # text that cannot be a tag is simply not one
            continue
        if tag not in out:
            out.append(tag)
    return out


def holds_items(text: str) -> bool:
    """Whether Markdown text holds items (tables of papers, linked list items) or a dated heading."""
    parser = GenreParser(text, "")
    if any(find_period(md.heading_text(m)) for line in parser.lines if (m := md.ATX_HEADING.match(line))):
        return True
    return any(isinstance(b, _Block) for b in parser._blocks(0, len(parser.lines)))


def parse_genre(text: str, source: str = "README.md", undated: dt.date | None = None) -> ParsedReadme:
    """Read a list of the genre in any layout (see the module docstring)."""
    return GenreParser(text, source, undated).run()
