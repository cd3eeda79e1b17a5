"""CSV (one row per logged paper, header row) and JSON (every field) exports."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from paperweek.markdown import plain
from paperweek.serialize import paper_dict

if TYPE_CHECKING:
    from paperweek.export.items import ExportedPaper

CSV_COLUMNS = (
    "week",
    "number",
    "id",
    "title",
    "summary",
    "released",
    "authors",
    "categories",
    "tags",
    "url",
    "links",
    "doi",
    "comments",
    "journal_ref",
)
# A cell starting with one of these is read as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Untrusted text as a CSV cell that a spreadsheet shows as text (never runs as a formula)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(item: ExportedPaper) -> dict[str, str]:
    paper = item.paper
    values = {
        "week": item.week.start.isoformat(),
        "number": str(item.number),
        "id": paper.id,
        "title": plain(paper.title or paper.raw or ""),
        "summary": plain(paper.summary),
        "released": paper.released.isoformat() if paper.released else "",
        "authors": "; ".join(item.authors),
        "categories": " ".join(item.categories),
        "tags": ", ".join(item.tags),
        "url": item.url,
        "links": " ; ".join(f"{link.label}: {link.url}" for link in paper.links),
        "doi": item.doi,
        "comments": plain(paper.comments),
        "journal_ref": plain(paper.journal_ref),
    }
    return {key: _cell(value) for key, value in values.items()}


def render_csv(items: list[ExportedPaper]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(csv_row(item))
    return out.getvalue()


def json_item(item: ExportedPaper) -> dict[str, Any]:
    data = paper_dict(item.paper, item.week, item.number)
    data["title_text"] = plain(item.paper.title or item.paper.raw or "")
    data["summary_text"] = plain(item.paper.summary)
    data["effective_tags"] = list(item.tags)
    data["citation_key"] = item.key
    return data


def render_json(items: list[ExportedPaper]) -> str:
    return json.dumps([json_item(i) for i in items], ensure_ascii=False, indent=2) + "\n"
