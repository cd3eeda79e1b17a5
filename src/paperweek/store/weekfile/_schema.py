"""What a week file holds: validation of a loaded document, and the mapping written back.

Both YAML readers (_roundtrip.py, _fastyaml.py) hand this module *untyped* documents:
every plain scalar is the text as written (a ``str``), every quoted or block
scalar a ``str`` subclass. The field decides the type, not YAML's guessing:
``id: 2404.10000`` is the id "2404.10000", ``title: 0b101`` the title "0b101",
``number: 3`` the number 3 and ``released: 2024-04-04`` a date. So a hand-edited
file reads the same whichever reader read it, and ids keep every digit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from paperweek.days import LAST_WEEK_START
from paperweek.errors import DataFileError
from paperweek.models import KEEPABLE, Link, Paper, Week, week_style

SCHEMA_VERSION = 1
SUFFIX = ".yaml"

WEEK_KEYS = ("schema", "week", "end", "heading", "intro", "style", "papers")
# Paper keys in the order they are written.
PAPER_KEYS = (
    "id",
    "number",
    "title",
    "summary",
    "released",
    "links",
    "authors",
    "categories",
    "tags",
    "keep",
    "comments",
    "journal_ref",
    "doi",
    "citekey",
    "code_links",
    "abstract",
    "raw",
)
_STR_FIELDS = ("id", "title", "summary", "abstract", "comments", "journal_ref", "doi", "citekey", "raw")
# A citation key BibTeX, biblatex and LaTeX's \cite all accept (no spaces, braces, commas, quotes, % or #).
CITEKEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+/-]*$")
_LIST_FIELDS = ("authors", "categories", "tags", "keep", "code_links")
# Ordered upgrades: UPGRADES[n] turns a schema-n document into schema n+1.
UPGRADES: list[Callable[[dict[str, Any]], None]] = []
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_WHOLE = re.compile(r"[+]?[0-9]+\Z")


def file_name(start: dt.date) -> str:
    """``2024-04-15.yaml``."""
    return start.isoformat() + SUFFIX


def is_plain(value: Any) -> bool:
    """A plain (unquoted, non-block) scalar as both readers give it: exactly ``str``
    (ruamel's PlainScalarString, for an anchored one, counts too)."""
    return type(value) is str or type(value).__name__ == "PlainScalarString"


def _is_null(value: Any) -> bool:
    return value is None or (is_plain(value) and value in _NULLS)


def _line(node: Any, key: Any = None) -> int | None:
    """1-based line of a mapping (or of one of its keys), when the reader knows it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def _whole(value: Any, where: str, line: int | None, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE.match(value.strip()):
        number = int(value)
    else:
        raise DataFileError(where, f"{str(value)!r} is not a whole number", line=line, field=name)
    if number < 0:
        raise DataFileError(where, f"{number!r} is not a whole number", line=line, field=name)
    return number


def _date(value: Any, where: str, line: int | None, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        if re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]", text):  # a YAML timestamp: its day
            try:
                return dt.datetime.fromisoformat(text.replace(" ", "T", 1)).date()
            except ValueError:
                pass
    raise DataFileError(where, f"{str(value)!r} is not a date; write it as YYYY-MM-DD", line=line, field=name)


def _text(node: Any, key: str, where: str, label: str) -> str | None:
    value = node.get(key)
    if _is_null(value):
        return None
    if not isinstance(value, str):
        raise DataFileError(where, "must be text", line=_line(node, key), field=f"{label}{key}")
    return str(value)


def week_from_document(doc: Any, path: Any) -> Week:
    """Validate a loaded (untyped) document into a ``Week``; errors name file, line and field."""
    where = str(path)
    if not isinstance(doc, dict):
        raise DataFileError(where, "must be a mapping with 'schema', 'week' and 'papers'", line=1)
    for key in doc:
        if key not in WEEK_KEYS:
            raise DataFileError(
                where, f"unknown field; allowed: {', '.join(WEEK_KEYS)}", line=_line(doc, key), field=str(key)
            )
    raw_schema = doc.get("schema")
    schema = SCHEMA_VERSION if _is_null(raw_schema) else _whole(raw_schema, where, _line(doc, "schema"), "schema")
    if schema < 1:
        raise DataFileError(where, f"{schema!r} is not a schema version", line=_line(doc, "schema"), field="schema")
    if schema > SCHEMA_VERSION:
        raise DataFileError(
            where, f"version {schema} is newer than this paperweek; upgrade paperweek", line=_line(doc, "schema"),
            field="schema",
        )
    for step in UPGRADES[schema - 1 :]:
        step(doc)
    if _is_null(doc.get("week")):
        raise DataFileError(where, "missing; give the week's start date (YYYY-MM-DD)", line=1, field="week")
    start = _date(doc["week"], where, _line(doc, "week"), "week")
    name = getattr(path, "name", "")
    if name.endswith(SUFFIX) and name != file_name(start):
        raise DataFileError(
            where,
            f"the file says week {start.isoformat()} but is named {name}; rename it to {file_name(start)} "
            "or fix 'week'",
            line=_line(doc, "week"),
            field="week",
        )
    end = None
    if not _is_null(doc.get("end")):
        end = _date(doc["end"], where, _line(doc, "end"), "end")
        if end < start:
            raise DataFileError(where, "ends before the week starts", line=_line(doc, "end"), field="end")
    elif start > LAST_WEEK_START:
        raise DataFileError(
            where, f"the week of {start.isoformat()} would end after 9999-12-31, the last day paperweek can "
            "represent; add `end: 9999-12-31` or move its papers to an earlier week", line=_line(doc, "week"),
            field="week",
        )
    heading = _text(doc, "heading", where, "")
    intro_node = doc.get("intro")
    if not _is_null(intro_node) and not isinstance(intro_node, str):
        raise DataFileError(where, "must be text (the editor's note of the digest)", line=_line(doc, "intro"),
                            field="intro")
    intro = "" if _is_null(intro_node) else str(intro_node)
    style = doc.get("style")
    style = {} if _is_null(style) else style
    if not isinstance(style, dict) or not all(isinstance(v, str) for v in style.values()):
        raise DataFileError(where, "must be a mapping of text values", line=_line(doc, "style"), field="style")
    papers_node = doc.get("papers")
    papers_node = [] if _is_null(papers_node) else papers_node
    if not isinstance(papers_node, list):
        raise DataFileError(where, "must be a list of papers", line=_line(doc, "papers"), field="papers")
    papers = [_paper(node, where, i) for i, node in enumerate(papers_node)]
    return Week(
        start=start,
        papers=papers,
        end=end,
        heading=heading,
        style=week_style({str(k): str(v) for k, v in style.items()}),
        intro=intro,
    )


def _paper(node: Any, where: str, index: int) -> Paper:
    label = f"papers[{index + 1}]"
    if not isinstance(node, dict):
        raise DataFileError(where, "must be a mapping with at least 'id' and 'title'", line=_line(node), field=label)
    for key in node:
        if key not in PAPER_KEYS:
            raise DataFileError(
                where,
                f"unknown field; allowed: {', '.join(PAPER_KEYS)}",
                line=_line(node, key),
                field=f"{label}.{key}",
            )
    values: dict[str, Any] = {}
    for key in _STR_FIELDS:
        text = _text(node, key, where, f"{label}.")
        if text is not None:
            values[key] = text
    if not values.get("id"):
        raise DataFileError(where, "missing; every paper needs an id", line=_line(node), field=f"{label}.id")
    if "citekey" in values and not CITEKEY.match(values["citekey"]):
        raise DataFileError(
            where,
            f"{values['citekey']!r} is not a citation key; use letters, digits and _ : . + / - (no spaces)",
            line=_line(node, "citekey"),
            field=f"{label}.citekey",
        )
    if "title" not in values and "raw" not in values:
        raise DataFileError(where, "missing; every paper needs a title", line=_line(node), field=f"{label}.title")
    for key in _LIST_FIELDS:
        value = node.get(key)
        if _is_null(value):
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(where, "must be a list of text", line=_line(node, key), field=f"{label}.{key}")
        values[key] = [str(v) for v in value]
    for kept in values.get("keep", []):
        if kept not in KEEPABLE:
            raise DataFileError(
                where, f"{kept!r} cannot be kept; use any of {', '.join(KEEPABLE)}", line=_line(node, "keep"),
                field=f"{label}.keep",
            )
    if not _is_null(node.get("number")):
        values["number"] = _whole(node["number"], where, _line(node, "number"), f"{label}.number")
    if not _is_null(node.get("released")):
        values["released"] = _date(node["released"], where, _line(node, "released"), f"{label}.released")
    links_node = node.get("links")
    links_node = [] if _is_null(links_node) else links_node
    if not isinstance(links_node, list):
        raise DataFileError(
            where, "must be a list of {label: ..., url: ...} mappings", line=_line(node, "links"),
            field=f"{label}.links",
        )
    links: list[Link] = []
    for j, item in enumerate(links_node):
        if (
            not isinstance(item, dict)
            or set(item) != {"label", "url"}
            or not all(isinstance(item[k], str) for k in ("label", "url"))
        ):
            raise DataFileError(
                where,
                "each link is a mapping {label: ..., url: ...}",
                line=_line(item) or _line(node, "links"),
                field=f"{label}.links[{j + 1}]",
            )
        links.append(Link(label=str(item["label"]), url=str(item["url"])))
    values["links"] = links
    values.setdefault("title", "")
    return Paper(**values)


def paper_to_plain(paper: Paper) -> dict[str, Any]:
    """The mapping written for one paper: empty fields are left out."""
    out: dict[str, Any] = {"id": paper.id}
    if paper.number is not None:
        out["number"] = paper.number
    if paper.raw is not None:
        out["raw"] = paper.raw
    if paper.title or paper.raw is None:
        out["title"] = paper.title
    if paper.summary or paper.raw is None:
        out["summary"] = paper.summary
    if paper.released is not None:
        out["released"] = paper.released
    if paper.links:
        out["links"] = [{"label": link.label, "url": link.url} for link in paper.links]
    for key in ("authors", "categories", "tags", "keep", "comments", "journal_ref", "doi", "citekey", "code_links", "abstract"):
        value = getattr(paper, key)
        if value:
            out[key] = list(value) if isinstance(value, list) else value
    return out


def week_to_plain(week: Week) -> dict[str, Any]:
    """The mapping written for a week."""
    out: dict[str, Any] = {"schema": SCHEMA_VERSION, "week": week.start}
    if week.end is not None:
        out["end"] = week.end
    if week.heading is not None:
        out["heading"] = week.heading
    if week.intro:
        out["intro"] = week.intro
    if week.style:
        out["style"] = dict(week.style)
    out["papers"] = [paper_to_plain(p) for p in week.papers]
    return out
