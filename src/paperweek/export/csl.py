"""CSL-JSON export (the Citation Style Language input format: Zotero, Pandoc, citeproc).

Items follow https://resource.citationstyles.org/schema/latest/input/json/csl-data.json.
arXiv papers are ``"type": "article"`` (a preprint; Zotero imports it as one) with
``"archive": "arXiv"``, ``"number": "arXiv:<id>"``, ``"publisher": "arXiv"``, the
arXiv DOI and URL, and ``"issued"`` date-parts from the release date. Web items
(no arXiv id, DOI or journal reference) are ``"post-weblog"`` when their link
says blog, else ``"webpage"``, with ``"accessed"`` the week they were logged.
"""

from __future__ import annotations

import json
from typing import Any

from paperweek.export.items import ExportedPaper, once_each
from paperweek.export.names import split_name
from paperweek.markdown import plain


def csl_name(name: str) -> dict[str, str]:
    parts = split_name(name)
    if not parts.given and not parts.particle and not parts.suffix:
        return {"literal": parts.family}
    out = {"family": parts.family, "given": parts.given}
    if parts.particle:
        out["non-dropping-particle"] = parts.particle
    if parts.suffix:
        out["suffix"] = parts.suffix
    return out


def csl_item(item: ExportedPaper) -> dict[str, Any]:
    paper = item.paper
    day = item.date
    data: dict[str, Any] = {
        "id": item.key,
        "type": ("post-weblog" if item.is_blog_post else "webpage") if item.is_web else "article",
        "title": plain(paper.title or paper.raw or paper.id),
    }
    if item.authors:
        data["author"] = [csl_name(a) for a in item.authors]
    data["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if paper.arxiv_id:
        data["archive"] = "arXiv"
        data["publisher"] = "arXiv"
        data["number"] = f"arXiv:{paper.arxiv_id}"
    if item.url:
        data["URL"] = item.url
        if item.is_web:
            accessed = item.accessed
            data["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if item.doi:
        data["DOI"] = item.doi
    abstract = item.abstract_text
    if abstract:
        data["abstract"] = abstract
    if paper.journal_ref:
        data["note"] = plain(paper.journal_ref)
    if item.tags:
        data["keyword"] = ", ".join(item.tags)
    if item.categories:
        data["categories"] = list(item.categories)
    return data


def render_csl_json(items: list[ExportedPaper]) -> str:
    """A JSON array of CSL items (a paper logged twice appears once)."""
    out = [csl_item(item) for item in once_each(items)]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
