"""A period written in the layout it was imported in: its ``layout`` text with the papers put back.

Import keeps each period's text as written, with the heading and every run of items
replaced by a marker line (docs/themes.md, "kept layout"):

    <<heading ##>>
    <<papers table date,title,authors,pdf,code iso: 2301.11823 2301.11313>>
    <<papers list 1.: 2312.12345>>

(a line of the list that itself starts with ``<<`` is kept as ``<<text LINE>>``).

Build writes the heading from the week's ``heading``, and each paper named in a
marker as its item was written (``Paper.raw``) while that still says what the
paper's fields say, else in the form of its block. Papers named in no marker
(added since import) join the last block; papers removed simply drop out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from paperweek.grammar import items as itemlib
from paperweek.grammar import writeitems
from paperweek.grammar.dates import Found, spelling_of
from paperweek.markdown import split_row
from paperweek.models import Paper, Week
from paperweek.render.theme import BUILTIN_THEMES, TEMPLATE

MARKER = re.compile(r"^<<(?P<what>heading|papers)(?: (?P<form>[^:>]*))?(?:: (?P<ids>[^>]*))?>>$")
TEXT = re.compile(r"^<<text (?P<line>.*)>>$")  # a line of the list that itself starts with "<<"
JOINED = "+"  # ``+ID`` in a marker: a second paper of the row before it, written inside that row
AGAIN = "^"  # ``ID^N`` in a marker: the Nth paper of that id written above (under another topic), again here


@dataclass(frozen=True)
class BlockForm:
    """How a run of items is written: ``table`` with column roles and a date spelling, ``list`` with its
    marker, or ``details``."""

    kind: str
    roles: tuple[str, ...] = ()
    spelling: str | None = None
    marker: str = "-"

    def text(self) -> str:
        if self.kind == "table":
            return f"table {','.join(self.roles)} {self.spelling or 'iso'}"
        if self.kind == "list":
            return f"list {self.marker}" + (" lead" if self.roles == ("lead",) else "")
        return self.kind

    @staticmethod
    def parse(text: str) -> BlockForm:
        parts = text.split()
        if parts and parts[0] == "table" and len(parts) >= 2:
            return BlockForm("table", tuple(parts[1].split(",")), parts[2] if len(parts) > 2 else None)
        if parts and parts[0] == "list" and len(parts) >= 2:
            return BlockForm("list", ("lead",) if parts[2:3] == ["lead"] else (), marker=parts[1])
        return BlockForm(parts[0] if parts else "list")


def marker_line(form: BlockForm, ids: list[str]) -> str:
    return f"<<papers {form.text()}: {' '.join(ids)}>>"


def reread(paper: Paper, form: BlockForm) -> itemlib.Item | None:
    """The raw item read back in its block's form (None when there is none)."""
    if paper.raw is None:
        return None
    if form.kind == "table":
        return itemlib.split_row(itemlib.read_row(paper.raw, 0, list(form.roles)), list(form.roles))[0]
    if form.kind == "details":
        return itemlib.read_details(paper.raw, 0)
    if form.kind == "card":
        return itemlib.read_card(paper.raw, 0)
    if form.kind == "section":
        return itemlib.read_section(paper.raw, 0)
    return itemlib.read_list_item(paper.raw, 0, lead_title=form.roles == ("lead",))


def write_item(paper: Paper, form: BlockForm, number: int) -> str:
    item = reread(paper, form)
    if item is not None and itemlib.same_fields(item, paper):
        assert paper.raw is not None
        return paper.raw
    if form.kind == "table":
        return writeitems.write_row(paper, list(form.roles), form.spelling, number)
    if form.kind == "card":  # an HTML card: its heading, then its links
        links = "\n".join(f'<a href="{html.escape(link.url)}">{html.escape(link.label)}</a>' for link in paper.links)
        return f"<h3>{html.escape(paper.title)}</h3>\n{links}".rstrip()
    if form.kind == "section":  # a paper's title as a heading, its links below
        links = ", ".join(f"[{link.label or 'Link'}]({link.url})" for link in paper.links)
        return f"### {paper.title}\n\n{links}".rstrip()
    if form.kind == "para":  # ``[Title](url)`` on its own line, its notes as bullets below
        return writeitems.write_list_item(paper, "-", number).removeprefix("- ").replace("\n  ", "\n\n- ", 1)
    return writeitems.write_list_item(paper, form.marker if form.kind == "list" else "-", number)


def _number_of(text: str, form: BlockForm) -> int | None:
    """The number an item was written with: its list marker, or its table's number cell."""
    if form.kind == "table":
        if "number" not in form.roles:
            return None
        cells = split_row(text.strip())
        at = form.roles.index("number")
        value = cells[at].strip().strip("*().") if at < len(cells) else ""
        return int(value) if value.isdigit() else None
    found = itemlib.list_marker(text.split("\n", 1)[0])
    if found is None or not found.group("marker")[:1].isdigit():
        return None
    return int(found.group("marker")[:-1])


def render_body(week: Week, heading: str, new_period: str) -> str:
    """The period's text: its layout (or the theme's layout for a new period) with papers put in."""
    layout = week.style.get("layout") or new_period or "<<heading ##>>\n\n<<papers list -:>>"
    lines = layout.split("\n")
    queues: dict[str, list[Paper]] = {}
    for paper in week.papers:
        queues.setdefault(paper.id, []).append(paper)
    named: set[int] = set()
    for line in lines:
        found = MARKER.match(line)
        if found and found.group("what") == "papers":
            for pid in (found.group("ids") or "").split():
                queue = queues.get(pid.removeprefix(JOINED))
                if queue:
                    named.add(id(queue.pop(0)))
    extra = [p for p in week.papers if id(p) not in named]
    queues = {}
    for paper in week.papers:
        queues.setdefault(paper.id, []).append(paper)
    last_block = max((i for i, line in enumerate(lines) if line.startswith("<<papers")), default=-1)
    out: list[str] = []
    shown: dict[str, list[Paper]] = {}  # id -> the papers of that id written so far, in order
    for i, line in enumerate(lines):
        found = MARKER.match(line)
        if found is None:
            text = TEXT.match(line)
            out.append(text.group("line") if text else line)
            continue
        if found.group("what") == "heading":
            out.append(f"{found.group('form') or '##'} {heading}")
            continue
        form = BlockForm.parse(found.group("form") or "list -")
        block: list[Paper] = []
        inside: set[int] = set()  # papers written inside the row before them
        for pid in (found.group("ids") or "").split():
            queue = queues.get(pid.removeprefix(JOINED))
            if pid.startswith(JOINED):
                if queue:
                    block.append(queue.pop(0))
                    inside.add(id(block[-1]))
            elif AGAIN in pid:  # one paper shown under several topics: written again where it was
                first, _, nth = pid.rpartition(AGAIN)
                before = shown.get(first, [])
                if nth.isdigit() and int(nth) < len(before):
                    block.append(before[int(nth)])
            elif queue:
                shown.setdefault(pid, []).append(queue.pop(0))
                block.append(shown[pid][-1])
        if i == last_block:
            block += extra
        number = 0
        as_written = False
        for paper in block:
            if id(paper) in inside and as_written:
                continue  # the row written as it was holds this paper too
            written = _number_of(paper.raw, form) if paper.raw is not None else None
            number = written if written is not None else number + 1
            out.append(write_item(paper, form, number))
            as_written = paper.raw is not None and out[-1] == paper.raw
    if last_block < 0 and extra:
        out += ["", *(write_item(p, BlockForm("list"), n) for n, p in enumerate(extra, 1))]
    return "\n".join(out)


def inferred_theme(week: Week, heading: str | None, found: Found | None) -> dict[str, str]:
    """The kept theme, with the layout of a new period and its heading format taken from the first
    period: the heading, the table's header lines, an empty run of papers in the first block's form."""
    import tomlkit

    layout = week.style.get("layout", "").split("\n")
    new: list[str] = []
    for i, line in enumerate(layout):
        if line.startswith("<<heading"):
            new += [line, ""]
        elif line.startswith("<<papers"):
            head = layout[max(0, i - 2) : i]
            if len(head) == 2 and itemlib.is_align(head[1]):
                new += head
            new.append(line.split(":", 1)[0] + ":>>")
            break
    doc = tomlkit.document()
    doc.add(tomlkit.comment("The kept theme, inferred at import (docs/themes.md): edit it like a copied theme."))
    doc.add("period", "\n".join(new) if new else "<<heading ##>>\n\n<<papers list -:>>")
    if heading is not None and found is not None:
        doc.add("heading", _heading_format(heading, found))
    template = (BUILTIN_THEMES / "kept" / TEMPLATE).read_text(encoding="utf-8")
    return {TEMPLATE: template, "theme.toml": tomlkit.dumps(doc)}


_SPELL_FORMATS = {
    "month-day": "{d:%B} {d.day}",
    "month-day-year": "{d:%B} {d.day}, {d.year}",
    "abbrev-day-year": "{d:%b} {d.day} {d.year}",
    "ordinal-month-year": "{d.day}th {d:%B} {d.year}",
    "ordinal-of-month-year": "{d.day}th of {d:%B} {d.year}",
    "day-abbrev-year": "{d.day} {d:%b} {d.year}",
    "iso": "{d:%Y-%m-%d}",
    "dotted": "{d:%Y.%m.%d}",
    "slashed": "{d:%Y/%m/%d}",
}


def _heading_format(text: str, found: Found) -> str:
    """The heading with its date replaced by a format of the same spelling (for new periods)."""
    written = text[found.start : found.end]
    if found.kind == "week":
        middle = re.sub(r"\d{4}", "{year}", re.sub(r"(?<!\d)\d{1,2}(?!\d)", "{week}", written, count=1), count=1)
    elif found.kind == "month":
        middle = "{start:%B} {start.year}" if len(written.split()[0]) > 3 else "{start:%b} {start.year}"
    elif found.kind == "day":
        spelling = spelling_of(written) or "iso"
        middle = _SPELL_FORMATS.get(spelling, "{d:%Y-%m-%d}").replace("{d", "{start")
    else:
        middle = "{start:%B} {start.day} - {end:%B} {end.day}"
    return (text[: found.start] + middle + text[found.end :]).replace("{{", "{").strip()
