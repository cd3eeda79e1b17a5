"""Papers as JSON-ready dicts: one shape for ``list --json``, ``show --json``, exports and search."""

from __future__ import annotations

from typing import Any

from paperweek.models import Paper, Week


def paper_dict(paper: Paper, week: Week | None = None, number: int | None = None) -> dict[str, Any]:
    """Every field of a paper (dates as ISO text), plus its week when known."""
    data: dict[str, Any] = {
        "id": paper.id,
        "arxiv_id": paper.arxiv_id,
        "title": paper.title,
        "summary": paper.summary,
        "released": paper.released.isoformat() if paper.released else None,
        "links": [{"label": link.label, "url": link.url} for link in paper.links],
        "authors": list(paper.authors),
        "categories": list(paper.categories),
        "tags": list(paper.tags),
        "comments": paper.comments,
        "journal_ref": paper.journal_ref,
        "doi": paper.doi,
        "code_links": list(paper.code_links),
        "abstract": paper.abstract,
    }
    if paper.raw is not None:
        data["raw"] = paper.raw
    if week is not None:
        data["week"] = week.start.isoformat()
        data["week_end"] = week.last_day.isoformat()
    if number is not None:
        data["number"] = number
    return data

