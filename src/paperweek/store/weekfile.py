"""Week data files: YAML, one per week, named by the week's start date.

Read with validation that names file, line and field; written back with
ruamel.yaml's round-trip mode so comments and key order in a hand-edited
file survive. ``schema`` versions the format; ``UPGRADES`` turns an older
file into the current shape, one named step per version.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paperweek.errors import DataFileError
from paperweek.models import KEEPABLE, Link, Paper, Week

SCHEMA_VERSION = 1
SUFFIX = ".yaml"
HEADER = (
    "# paperweek week file: one week of the log. Edit freely, then run `paperweek build`.\n"
    "# Fields: docs/week-files.md; JSON Schema: paperweek/data/week.schema.json\n"
)

WEEK_KEYS = ("schema", "week", "end", "heading", "style", "papers")
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
    "code_links",
    "abstract",
    "raw",
)
_STR_FIELDS = ("id", "title", "summary", "abstract", "comments", "journal_ref", "doi", "raw")
_LIST_FIELDS = ("authors", "categories", "tags", "keep", "code_links")

# Ordered upgrades: UPGRADES[n] turns a schema-n document into schema n+1.
UPGRADES: list[Callable[[dict[str, Any]], None]] = []


def file_name(start: dt.date) -> str:
    """``2024-04-15.yaml``."""
    return start.isoformat() + SUFFIX


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _line(node: Any, key: Any = None) -> int | None:
    """1-based line of a mapping (or of one of its keys), when ruamel knows it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def read_week_file(path: Path) -> Week:
    """Parse and validate one week file.

    The fast path builds plain data from libyaml's events (store/fastyaml.py),
    about 50x faster than the round-trip loader, which matters for logs of hundreds of weeks. Any
    problem -- including a value that YAML 1.1 types differently from YAML 1.2,
    such as an unquoted ``no`` -- sends the file through ruamel.yaml's YAML 1.2
    round-trip loader, which is authoritative and knows line numbers.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), "not UTF-8 text; save it as UTF-8") from exc
    fast = _fast_load(text)
    if fast is not None:
        try:
            return week_from_document(fast, path, strict=True)
        except DataFileError:
            pass
    return week_from_document(load_document(path), path)


def _fast_load(text: str) -> Any:
    from paperweek.store.fastyaml import load

    return load(text)


def load_document(path: Path) -> Any:
    """The round-trip YAML document of a week file."""
    from ruamel.yaml.error import YAMLError

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), "not UTF-8 text; save it as UTF-8") from exc
    try:
        doc = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(str(path), f"not valid YAML ({problem}); fix the syntax", line=line) from exc
    return doc


def week_from_document(doc: Any, path: Path, strict: bool = False) -> Week:
    """Validate a loaded document into a ``Week`` (``strict``: no type coercion at all)."""
    where = str(path)
    if not isinstance(doc, dict):
        raise DataFileError(where, "must be a mapping with 'schema', 'week' and 'papers'", line=1)
    for key in doc:
        if key not in WEEK_KEYS:
            raise DataFileError(
                where, f"unknown field; allowed: {', '.join(WEEK_KEYS)}", line=_line(doc, key), field=str(key)
            )
    schema = doc.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or schema < 1:
        raise DataFileError(where, f"{schema!r} is not a schema version", line=_line(doc, "schema"), field="schema")
    if schema > SCHEMA_VERSION:
        raise DataFileError(
            where, f"version {schema} is newer than this paperweek; upgrade paperweek", line=_line(doc, "schema"),
            field="schema",
        )
    for step in UPGRADES[schema - 1 :]:
        step(doc)
    if "week" not in doc:
        raise DataFileError(where, "missing; give the week's start date (YYYY-MM-DD)", line=1, field="week")
    start = _date(doc["week"], where, _line(doc, "week"), "week")
    expected = path.name
    if path.suffix == SUFFIX and expected != file_name(start):
        raise DataFileError(
            where,
            f"the file says week {start.isoformat()} but is named {expected}; rename it to {file_name(start)} "
            "or fix 'week'",
            line=_line(doc, "week"),
            field="week",
        )
    end = None
    if doc.get("end") is not None:
        end = _date(doc["end"], where, _line(doc, "end"), "end")
        if end < start:
            raise DataFileError(where, "ends before the week starts", line=_line(doc, "end"), field="end")
    heading = doc.get("heading")
    if heading is not None and not isinstance(heading, str):
        raise DataFileError(where, "must be text", line=_line(doc, "heading"), field="heading")
    style = doc.get("style") or {}
    if not isinstance(style, dict) or not all(isinstance(v, str) for v in style.values()):
        raise DataFileError(where, "must be a mapping of text values", line=_line(doc, "style"), field="style")
    papers_node = doc.get("papers") or []
    if not isinstance(papers_node, list):
        raise DataFileError(where, "must be a list of papers", line=_line(doc, "papers"), field="papers")
    papers = [_paper(node, where, i, strict) for i, node in enumerate(papers_node)]
    return Week(start=start, papers=papers, end=end, heading=heading, style={str(k): str(v) for k, v in style.items()})


def _date(value: Any, where: str, line: int | None, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DataFileError(where, f"{value!r} is not a date; write it as YYYY-MM-DD", line=line, field=name)


def _paper(node: Any, where: str, index: int, strict: bool = False) -> Paper:
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
        if key in node and node[key] is not None:
            value = node[key]
            if isinstance(value, (int, float)) and key == "id" and not strict:
                value = str(value)
            if not isinstance(value, str):
                raise DataFileError(where, "must be text", line=_line(node, key), field=f"{label}.{key}")
            values[key] = str(value)
    if not values.get("id"):
        raise DataFileError(where, "missing; every paper needs an id", line=_line(node), field=f"{label}.id")
    if "title" not in values and "raw" not in values:
        raise DataFileError(where, "missing; every paper needs a title", line=_line(node), field=f"{label}.title")
    for key in _LIST_FIELDS:
        if key in node and node[key] is not None:
            value = node[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataFileError(where, "must be a list of text", line=_line(node, key), field=f"{label}.{key}")
            values[key] = [str(v) for v in value]
    for kept in values.get("keep", []):
        if kept not in KEEPABLE:
            raise DataFileError(
                where, f"{kept!r} cannot be kept; use any of {', '.join(KEEPABLE)}", line=_line(node, "keep"),
                field=f"{label}.keep",
            )
    if node.get("number") is not None:
        number = node["number"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise DataFileError(where, f"{number!r} is not a whole number", line=_line(node, "number"),
                                field=f"{label}.number")
        values["number"] = int(number)
    if node.get("released") is not None:
        values["released"] = _date(node["released"], where, _line(node, "released"), f"{label}.released")
    links: list[Link] = []
    for j, item in enumerate(node.get("links") or []):
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
    for key in ("authors", "categories", "tags", "keep", "comments", "journal_ref", "doi", "code_links", "abstract"):
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
    if week.style:
        out["style"] = dict(week.style)
    out["papers"] = [paper_to_plain(p) for p in week.papers]
    return out


def render_week_file(week: Week, previous: Any = None) -> str:
    """YAML text for ``week``; when ``previous`` (the file's loaded document) is
    given, its comments, key order and quoting are kept wherever the data allow."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    plain = week_to_plain(week)
    if isinstance(previous, CommentedMap):
        doc = previous
        _merge_map(doc, {k: v for k, v in plain.items() if k != "papers"}, drop_missing=True, keep={"papers"})
        old_papers = doc.get("papers")
        by_id: dict[str, Any] = {}
        if isinstance(old_papers, list):
            for node in old_papers:
                if isinstance(node, dict) and "id" in node:
                    by_id.setdefault(str(node["id"]), node)
        seq = old_papers if isinstance(old_papers, CommentedSeq) else CommentedSeq()
        new_items = []
        for paper_plain in plain["papers"]:
            node = by_id.pop(str(paper_plain["id"]), None)
            if node is None:
                node = CommentedMap()
            _merge_map(node, paper_plain, drop_missing=True)
            new_items.append(node)
        seq[:] = new_items
        doc["papers"] = seq
    else:
        doc = CommentedMap()
        for key, value in plain.items():
            doc[key] = value
        doc.yaml_set_start_comment(HEADER.replace("# ", "", 1).rstrip("\n").replace("\n# ", "\n"))
    stream = io.StringIO()
    _yaml().dump(_styled(doc), stream)
    return stream.getvalue()


def _merge_map(target: Any, source: dict[str, Any], drop_missing: bool, keep: set[str] | None = None) -> None:
    for key in list(target):
        if drop_missing and key not in source and key not in (keep or set()):
            del target[key]
    for key, value in source.items():
        old = target.get(key)
        if _same(old, value):
            continue
        target[key] = value


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, list):
        return isinstance(old, list) and len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(new, dict):
        return isinstance(old, dict) and set(old) == set(new) and all(_same(old[k], new[k]) for k in new)
    if isinstance(new, str):
        return isinstance(old, str) and str(old) == new
    return bool(old == new) and type(old) is type(new)


def _styled(doc: Any) -> Any:
    """Links as one-line flow mappings, short lists inline: files stay easy to read."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    papers = doc.get("papers") or []
    for node in papers:
        if not isinstance(node, dict):
            continue
        links = node.get("links")
        if isinstance(links, list):
            seq = links if isinstance(links, CommentedSeq) else CommentedSeq(links)
            for i, item in enumerate(seq):
                if isinstance(item, dict) and not isinstance(item, CommentedMap):
                    flow = CommentedMap(item)
                    flow.fa.set_flow_style()
                    seq[i] = flow
                elif isinstance(item, CommentedMap):
                    item.fa.set_flow_style()
            node["links"] = seq
        for key in ("categories", "tags", "keep"):
            value = node.get(key)
            if isinstance(value, list) and not isinstance(value, CommentedSeq):
                flow_seq = CommentedSeq(value)
                flow_seq.fa.set_flow_style()
                node[key] = flow_seq
    return doc
