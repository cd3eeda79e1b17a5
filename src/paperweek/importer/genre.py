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
from paperweek.grammar import items as itemlib
from paperweek.grammar import notpapers
from paperweek.grammar.dates import Found, blank_markup, find_period, looks_dated, spelling_of
from paperweek.grammar.when import learn_order, year_of
from paperweek.ids import arxiv_ids_in, paper_slug
from paperweek.importer import learned, placing
from paperweek.importer.parsed import ParsedReadme
from paperweek.models import Paper, Week
from paperweek.periods import period_of
from paperweek.render.kept import AGAIN, JOINED, BlockForm, inferred_theme, marker_line

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


class GenreParser(placing.Placing):
    """One pass over the lines: headings, periods, blocks of items; then dates and papers."""

    def __init__(self, text: str, source: str, undated: dt.date | None = None, week_start_day: int = 0,
                 strict: bool = False) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.undated = undated
        self.strict = strict
        self.week_start_day = week_start_day
        self.result = ParsedReadme(config=Config(), weeks=[], skippable=False)
        self.opaque = self._opaque()
        self._ids: set[str] = set()  # the ids of items not on arXiv, handed out so far
        self._years: list[tuple[int, int, int]] = []  # "## 2024" headings: (line, level, year)
        self._heading_years: list[tuple[int, int]] = []  # (line, year) of every heading that writes a year
        self._heading_years += learned.front_matter_year(self.lines)
        # numeric dates day or month first: what the document's unambiguous ones show
        self.order = learn_order([line[:40] for line in self.lines])

    def _opaque(self) -> set[int]:
        """Lines inside code fences or HTML comments: never headings or items."""
        return md.opaque_lines(self.lines)

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
                period.parts = learned.siblings(period.level, self._blocks(period.line + 1, end))
        else:
            whole = _Period(-1, 2, "", None)
            whole.parts = self._blocks(0, len(self.lines))
            periods = [whole]
            self.result.config.preamble = ""
        self._date(periods)
        if self.result.errors:
            return self.result
        periods = self.by_own_dates(periods)
        self._weeks([p for p in periods if p.start is not None])
        return self.result

    # -- headings --
    def _periods(self) -> list[_Period]:
        out: list[_Period] = []
        for i, line in enumerate(self.lines):
            if i in self.opaque:
                continue
            match = md.ATX_HEADING.match(line)
            bold = learned.bold_heading(line) if match is None else None
            if bold is not None and (found := find_period(bold, self.order)) is not None:
                out.append(_Period(i, 0, line, found))  # a bold line heading a period: kept as written
                continue
            if match is None:
                found = learned.date_line(line, self.order)
                if found is not None:  # "<b>2022-05-29</b><br>": a line that is only a date starts a period
                    out.append(_Period(i, 0, line, found))
                continue
            text = md.heading_text(match)
            bare = blank_markup(text).strip(" \t*_#:-–—()[]")
            if _YEAR.match(bare):
                self._years.append((i, len(match.group("hashes")), int(bare)))
                self._heading_years.append((i, int(bare)))
                continue
            found = find_period(text, self.order)
            if found is not None:
                out.append(_Period(i, len(match.group("hashes")), text, found))
                got = found.dates() if found.has_year else None
                if got is not None:
                    self._heading_years.append((i, got[0].year))
                continue
            year = year_of(text)
            if year is not None:
                self._heading_years.append((i, year))
            if looks_dated(text):
                problem = f"heading looks dated but its date is not understood: {text.strip()!r}"
                if self.strict:
                    self.result.errors.append(
                        f"{self.at(i)}: {problem}; write it like 'April 15 - April 21, 2024', '2024-01-18', 'Week 3, 2024' "
                        "or 'January 2024'"
                    )
                else:  # not a period: its items stay in the period above, the heading names their topic
                    self.result.note(
                        "period", self.at(i), f"{problem}; read as a topic heading, its items stay in the period above"
                    )
        return out

    def _preamble_items(self, end: int) -> None:
        blocks = [b for b in self._blocks(0, end) if isinstance(b, _Block)]
        count = sum(len(b.items) for b in blocks)
        if count:
            self.result.note(
                "items", self.at(blocks[0].items[0].line - 1), f"{count} item(s) above the first dated heading "
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
                stop = learned.section_end(self.lines, self.opaque, i, end)
                if stop is not None:  # a paper's title as its own heading, its notes and link below
                    block = _Block(BlockForm("section"), topic=topic)
                    block.items.append(itemlib.read_section("\n".join(lines[i:stop]), i + 1))
                    out.append(block)
                    i = stop
                    continue
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
            if itemlib.leads_with_link(line) or itemlib.carries_paper_link(line):
                i = self._one_item("para", learned.paragraph_end(lines, self.opaque, i, end), i, out, topic)
                continue
            if itemlib.html_heading(line) is not None:
                i = self._one_item("card", learned.card_end(lines, self.opaque, i, end), i, out, topic)
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
        rows = list(itertools.takewhile(lambda k: k not in self.opaque and itemlib.is_pipe_line(lines[k]), range(j, end)))
        cells = [md.split_row(lines[k].strip()) for k in rows] if len(roles) == 2 and len(rows) <= 40 else []
        if "title" not in roles or notpapers.is_field_table(cells):
            while j < end and itemlib.is_pipe_line(lines[j]) and j not in self.opaque:
                out.append(lines[j])
                j += 1
            return j
        first_rows = list(itertools.islice(itertools.takewhile(lambda k: itemlib.is_pipe_line(lines[k]), range(j, end)), 30))
        roles = learned.learn_roles(roles, [md.split_row(lines[k].strip()) for k in first_rows], self._year_at(i), self.order)
        counted: list[bool] = []  # whether the table holds counts, read once if a row needs it

        def counting() -> bool:
            if not counted:
                counted.append(notpapers.counts_table([md.split_row(lines[k].strip()) for k in rows]))
            return counted[0]
        while True:
            block = _Block(BlockForm("table", tuple(roles)), topic=topic)
            while j < end and j not in self.opaque and itemlib.is_pipe_line(lines[j]) and not itemlib.is_align(lines[j]):
                parts = itemlib.split_row(itemlib.read_row(lines[j], j + 1, roles), roles)
                if notpapers.is_data_row(parts[0], counting):  # counts, placeholders, file links: text between runs of items
                    self._close_table(block, roles, out)
                    block = _Block(BlockForm("table", tuple(roles)), topic=topic)
                    out.append(lines[j])
                    j += 1
                    continue
                block.items.append(parts[0])
                for more in parts[1:]:  # written inside the row of the first
                    more.joined = True
                    block.items.append(more)
                j += 1
            self._close_table(block, roles, out)
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

    def _close_table(self, block: _Block, roles: list[str], out: list[str | _Block]) -> None:
        if block.items:
            spellings = [spelling_of(c) for c in _date_cells(block, roles)]
            block.form = BlockForm("table", tuple(roles), next((s for s in spellings if s), None))
            out.append(block)

    def _list(self, i: int, end: int, out: list[str | _Block], topic: str | None) -> int:
        lines = self.lines
        block: _Block | None = None
        made: list[_Block] = []
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
            if notpapers.is_nav_item(text) or (not itemlib.has_link(text) and not itemlib.reads_as_reference(text)
                                               and not itemlib.bare_urls_item(text, block is not None)):
                break
            marker = match.group("marker")
            form = BlockForm("list", marker="1" + marker[-1] if marker[0].isdigit() else marker)
            if block is None or block.form != form:
                block = _Block(form, topic=topic)
                out.append(block)
                made.append(block)
            block.items.append(itemlib.read_list_item(text, i + 1))
            i = j
        if block is None:
            out.append(lines[i])
            return i + 1
        for one in made:
            if one.form.roles != ("lead",) and learned.labels_repeat(one.items):
                one.form = BlockForm("list", ("lead",), marker=one.form.marker)
                one.items = [itemlib.read_list_item(it.text, it.line, lead_title=True) for it in one.items]
        return i

    def _one_item(self, form: str, stop: int | None, i: int, out: list[str | _Block], topic: str | None) -> int:
        """An item of one of the forms of ``learned`` (a paragraph, a card) from line ``i`` to ``stop``; a line
        of text when ``stop`` is None."""
        if stop is None:
            out.append(self.lines[i])
            return i + 1
        text = "\n".join(self.lines[i:stop])
        item = itemlib.read_card(text, i + 1) if form == "card" else itemlib.read_list_item(text, i + 1)
        out.append(_Block(BlockForm(form), [item], topic=topic))
        return stop

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

    # -- papers and layouts --
    def _weeks(self, periods: list[_Period]) -> None:
        result = self.result
        seen: dict[dt.date, tuple[Week, list[str]]] = {}
        last: tuple[Week, list[str]] | None = None
        shown: dict[tuple[int, str], Paper] = {}  # (week, item as written) -> its paper
        full = learned.full_titles(self.lines)
        for period in periods:
            assert period.start is not None and period.end is not None
            merged = seen.get(period.start)
            if merged is not None and self.strict:
                result.errors.append(
                    f"{self.at(period.line)}: a second period starting {period.start.isoformat()} (the first is at "
                    f"line {result.heading_lines[merged[0].start]}); merge them by hand, then import"
                )
                continue
            if merged is not None:
                # the same period written twice: one period, in document order; a second heading away from the
                # first joins the period written above it, so the list still reads as written
                apart = last is None or merged[0] is not last[0]
                assert last is not None
                week, layout = last
                where = f"the period of {week.start.isoformat()} above it" if apart else "it"
                result.note(
                    "period", self.at(period.line), f"a second heading for the period of {period.start.isoformat()} "
                    f"(the first is at line {result.heading_lines[merged[0].start]}); merged into {where}"
                )
                if period.line >= 0:
                    layout.append(_escape_marker(self.lines[period.line]))
                if not apart and period.end > week.last_day:
                    week.end = Week.stored_end(week.start, period.end)
            else:
                week = Week(start=period.start, end=Week.stored_end(period.start, period.end))
                layout = []
                seen[period.start] = (week, layout)
                if period.level == 0 and period.line >= 0:  # a date line: kept as written
                    layout.append(_escape_marker(self.lines[period.line]))
                elif period.line >= 0:
                    week.heading = period.text
                    layout.append(f"<<heading {'#' * period.level}>>")
                result.weeks.append(week)
                result.rows_read[week.start] = 0
                result.heading_lines[week.start] = period.line + 1
            last = (week, layout)
            for part in period.parts:
                if isinstance(part, str):
                    layout.append(_escape_marker(part))
                    continue
                ids = []
                block_tags = learned.tags(part.topic, [])
                for item in part.items:
                    result.rows_read[week.start] += 1
                    tags = block_tags + [t for t in learned.tags(None, item.topics) if t not in block_tags]
                    again = None if item.joined else shown.get((id(week), item.text))
                    if again is not None:  # the same item under another topic: one paper, shown under each
                        again.tags += [t for t in tags if t not in again.tags]
                        nth = [p for p in week.papers if p.id == again.id].index(again)
                        ids.append(f"{again.id}{AGAIN}{nth}")
                        continue
                    paper = itemlib.item_paper(item, self._paper_id(item), tags)
                    paper.title = learned.uncut(paper.title, full)  # shown twice: the full title
                    if item.joined:  # a second paper of one row: named after the first, written in its row
                        paper.raw = None
                        week.papers.append(paper)
                        ids.append(JOINED + paper.id)
                        continue
                    shown[(id(week), item.text)] = paper
                    week.papers.append(paper)
                    ids.append(paper.id)
                layout.append(marker_line(part.form, ids))
            week.style["layout"] = "\n".join(layout)
            result.kept_text[week.start] = sum(1 for line in layout if line.strip() and not line.startswith("<<"))
        for week, layout in seen.values():
            if not week.papers and any(line.strip() and not line.startswith("<<") for line in layout):
                result.note(
                    "period", self.at(max(result.heading_lines[week.start] - 1, 0)), f"the period of {week.start.isoformat()} "
                    "has text but no papers; its text is kept as written"
                )
        if result.weeks:
            first = periods[0]
            heading = first.text if first.found and first.level else None
            result.theme_files = inferred_theme(result.weeks[0], heading, first.found if heading else None)
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


def holds_items(text: str) -> bool:
    """Whether Markdown text holds items (tables of papers, linked list items) or a dated heading."""
    parser = GenreParser(text, "")
    if any(find_period(md.heading_text(m)) for line in parser.lines if (m := md.ATX_HEADING.match(line))):
        return True
    return any(isinstance(b, _Block) for b in parser._blocks(0, len(parser.lines)))


def parse_genre(text: str, source: str = "README.md", undated: dt.date | None = None,
                strict: bool = False) -> ParsedReadme:
    """Read a list of the genre in any layout (see the module docstring)."""
    return GenreParser(text, source, undated, strict=strict).run()
