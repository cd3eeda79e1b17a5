"""Writing an item from a paper, in the form of its block: a paper added, or edited since import, in a list
kept as written (``render/kept``); the inverse of ``items``' readers."""

from __future__ import annotations

from paperweek import markdown as md
from paperweek.grammar.dates import write_day
from paperweek.models import Paper


def write_row(paper: Paper, roles: list[str], date_spelling: str | None, number: int = 0) -> str:
    """A table row for a paper whose item is not kept as written (added, or edited since import)."""
    cells: list[str] = []
    used_links = 0
    for role in roles:
        if role == "date":
            cells.append(write_day(paper.released, date_spelling) if paper.released else "")
        elif role == "title":
            title = md.title_cell(paper.title)
            first = paper.links[0] if paper.links else None
            cells.append(f"[{title}]({md.link_destination(first.url)})" if first else title)
            used_links = 1 if first else 0
        elif role == "authors":
            cells.append(md.cell(", ".join(paper.authors)))
        elif role == "summary":
            cells.append(md.summary_cell(paper.summary))
        elif role == "abstract":
            cells.append(md.cell(paper.abstract))
        elif role in ("pdf", "links"):
            cells.append(", ".join(md.links_cell([link]) for link in paper.links[used_links:]))
            used_links = len(paper.links)
        elif role == "topics":
            cells.append(", ".join(paper.tags))
        elif role == "number":
            cells.append(str(number))
        else:
            cells.append("")
    return "| " + " | ".join(cells) + " |"


def write_list_item(paper: Paper, marker: str, number: int) -> str:
    """``1. [Title](url)`` (or ``- ``), the summary on an indented line below."""
    bullet = f"{number}{marker[-1]}" if marker[:1].isdigit() else marker
    title = md.title_cell(paper.title)
    first = paper.links[0] if paper.links else None
    head = f"{bullet} [{title}]({md.link_destination(first.url)})" if first else f"{bullet} **{title}**"
    others = paper.links[1:] if first else paper.links
    if others:
        head += ", " + ", ".join(md.links_cell([link]) for link in others)
    if paper.summary:
        head += "\n" + " " * (len(bullet) + 1) + md.summary_cell(paper.summary)
    return head
