"""The round-trip path of the week file: ruamel.yaml reading (authoritative, with line numbers) and
writing (comments, key order and quoting of a hand-edited file survive), and the one-paper draft
``edit`` opens. Private to ``store/weekfile/``: callers use the package's verbs.

Reading tries libyaml's event stream (``_fastyaml``) first; both paths give untyped text, and
``_schema`` types each field, so the two agree by construction (a Hypothesis test checks it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

from paperweek.errors import DataFileError, InputError
from paperweek.models import Paper, Week
from paperweek.store.weekfile import _fastyaml as fastyaml
from paperweek.store.weekfile._schema import (
    PAPER_KEYS,
    SCHEMA_VERSION,
    SUFFIX,
    UPGRADES,
    WEEK_KEYS,
    file_name,
    paper_to_plain,
    week_from_document,
    week_to_plain,
)

__all__ = [
    "PAPER_KEYS",
    "SCHEMA_VERSION",
    "SUFFIX",
    "UPGRADES",
    "WEEK_KEYS",
    "file_name",
    "load_document",
    "paper_comments",
    "paper_from_draft",
    "paper_to_draft",
    "paper_to_plain",
    "parse_document",
    "read_text",
    "read_week_file",
    "render_week_file",
    "week_from_document",
    "week_from_text",
    "week_to_plain",
]

HEADER = (
    "# paperweek week file: one week of the log. Edit freely, then run `paperweek build`.\n"
    "# Fields: docs/week-files.md; JSON Schema: paperweek/data/week.schema.json\n"
)


def _yaml(typed: bool = False) -> Any:
    """ruamel.yaml round-trip. Reading (``typed`` False): no implicit typing, quotes kept, so
    _schema types each field from the text as written; writing: YAML 1.2 typing, so text
    that would read as a number or a date is quoted."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    if not typed:
        yaml.Resolver = _untyped_resolver()
        yaml.Composer = _no_alias_composer()
    else:
        yaml.representer.ignore_aliases = lambda data: True  # the same date twice (week, end): written out, no *id001
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


MAX_ALIAS = 64  # characters of a scalar an alias may stand for: a date or an id, never a block of text


class AliasRefused(Exception):
    """A week file uses a YAML alias (``*name``) of a list, a mapping or a long text: refused, so that a
    few kB cannot expand to a huge README. (Earlier versions wrote ``end: *id001`` for a one-day period,
    an alias of a date: short scalars stay readable.)"""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _no_alias_composer() -> Any:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent
    from ruamel.yaml.nodes import ScalarNode

    class NoAlias(Composer):
        """Composes as ruamel does, but an alias stops the read: each ``*a`` of ``[*a, *a, ...]``
        nested ten deep would be the whole of ``&a`` again, 134 kB becoming a 240 MB README."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.parser.check_event(AliasEvent):
                event = self.parser.peek_event()
                node = self.anchors.get(event.anchor)
                if not isinstance(node, ScalarNode) or len(str(node.value)) > MAX_ALIAS:
                    raise AliasRefused(event.start_mark.line + 1)
            return super().compose_node(parent, index)

    return NoAlias


def _untyped_resolver() -> Any:
    from ruamel.yaml.resolver import BaseResolver, VersionedResolver

    class Untyped(VersionedResolver):
        """Every plain scalar is text: no YAML 1.1/1.2 guessing of numbers, dates or booleans."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            return BaseResolver.resolve(self, kind, value, implicit)

    return Untyped


def read_text(path: Path) -> str:
    """A week file's text; DataFileError naming it when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), "not UTF-8 text; save it as UTF-8") from exc
    except IsADirectoryError as exc:
        raise DataFileError(str(path), "is a folder, not a week file; rename or remove it") from exc
    except FileNotFoundError as exc:
        raise DataFileError(str(path), "is a link to a file that does not exist; fix or remove it") from exc
    except OSError as exc:
        raise DataFileError(str(path), f"cannot be read ({exc.strerror or exc}); check its permissions") from exc


def read_week_file(path: Path) -> Week:
    """Parse and validate one week file.

    The fast path (libyaml events) is about 50x faster than the round-trip loader, which
    matters for logs of hundreds of weeks; when it cannot read a construct, or the file
    does not validate, ruamel.yaml reads it again -- it is authoritative and knows lines.
    """
    return week_from_text(read_text(path), path)


def week_from_text(text: str, where: Path) -> Week:
    """A week from the text of a week file, read the same way whether it is on disk or not
    (an older version in git, say); ``where`` names it in errors and is checked as its name."""
    fast = _fast_load(text, where)
    if fast is not None:
        try:
            return week_from_document(fast, where)
        except DataFileError:
            pass
    return week_from_document(parse_document(text, str(where)), where)


def _fast_load(text: str, path: Path) -> Any:
    try:
        return fastyaml.load(text)
    except fastyaml.TooDeep:
        raise DataFileError(
            str(path), f"nested more than {fastyaml.MAX_DEPTH} levels deep; this is not a week file (docs/week-files.md)"
        ) from None


def load_document(path: Path) -> Any:
    """The round-trip YAML document of a week file (untyped: plain scalars are text)."""
    return parse_document(read_text(path), str(path))


def parse_document(text: str, where: str) -> Any:
    """``text`` as a round-trip document; DataFileError naming ``where`` and the line when invalid."""
    from ruamel.yaml.error import YAMLError

    _fast_load(text, Path(where))  # the depth check, before ruamel's recursive composer sees the text
    try:
        doc = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(where, f"not valid YAML ({problem}); fix the syntax", line=line) from exc
    except RecursionError as exc:
        raise DataFileError(where, "nested too deeply; this is not a week file") from exc
    except AliasRefused as exc:
        raise DataFileError(
            where, f"a YAML alias (*name) of a list, a mapping or a text of more than {MAX_ALIAS} characters is not "
            "allowed in a week file; write the value out in full",
            line=exc.line,
        ) from exc
    return doc


def render_week_file(
    week: Week, previous: Any = None, previous_text: str | None = None, comments: dict[str, list[str]] | None = None
) -> str:
    """YAML text for ``week``; when ``previous`` (the file's loaded document) is
    given, its comments, key order and quoting are kept wherever the data allow.
    With ``previous_text`` (the file's text), the comment lines written above a paper stay
    above that paper, whichever papers were removed or reordered around it. ``comments``: per
    paper id, comment lines brought from another week file (a paper moved here keeps its comment)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    # What is written is what a Paper holds: a field assigned after the Paper was built has not
    # passed ``safetext.clean``, and ruamel writes a NEL (U+0085) as a raw line break that reads
    # back as a space. Rebuilding the papers cleans them (a no-op, one C-speed test, when clean).
    week = dataclasses.replace(week, papers=[dataclasses.replace(paper) for paper in week.papers])
    plain = week_to_plain(week)
    # read before the merge below changes the document's list of papers
    blocks = _leading_blocks(previous_text, previous) if previous_text is not None else {}
    blocks = {**(comments or {}), **blocks}
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
    _yaml(typed=True).dump(_styled(doc), stream)
    text = stream.getvalue()
    return _restore_blocks(text, blocks) if blocks else text


def _item_lines(doc: Any) -> list[tuple[str, int]]:
    """(id, 0-based line of the ``- `` that starts it) of each paper of a round-trip document."""
    papers = doc.get("papers") if isinstance(doc, dict) else None
    out: list[tuple[str, int]] = []
    if not isinstance(papers, list) or not hasattr(papers, "lc"):
        return out
    for i, node in enumerate(papers):
        if isinstance(node, dict) and "id" in node:
            try:
                out.append((str(node["id"]), int(papers.lc.item(i)[0])))
            except (KeyError, TypeError, AttributeError):
                return []
    return out


def paper_places(path: Path) -> list[tuple[int, list[int]]]:
    """1-based line of each paper of a week file and of each of its links, in order, for problems that
    name a place (read again with the round-trip reader, so only when there is a problem to place)."""
    places: list[tuple[int, list[int]]] = []
    try:
        papers = _yaml().load(read_text(path)).get("papers")
        for i, node in enumerate(papers):
            links = node.get("links")
            link_lines = [int(links.lc.item(j)[0]) + 1 for j in range(len(links))] if hasattr(links, "lc") else []
            places.append((int(papers.lc.item(i)[0]) + 1, link_lines))
    except Exception:  # a file changed since it was read: without places, a problem names the paper's number
        return []
    return places


def _run_above(lines: list[str], line: int) -> int:
    """The first line of the comment (and blank) lines right above ``line``."""
    start = line
    while start > 0 and (not lines[start - 1].strip() or lines[start - 1].lstrip().startswith("#")):
        start -= 1
    return start


def paper_comments(text: str, where: str) -> dict[str, list[str]]:
    """Per paper id, the comment lines written right above it in the week file ``text``."""
    return _leading_blocks(text, parse_document(text, where))


def _leading_blocks(text: str, doc: Any) -> dict[str, list[str]]:
    """Per paper id, the comment lines written right above it in ``text``."""
    lines = text.splitlines()
    blocks: dict[str, list[str]] = {}
    for paper_id, line in _item_lines(doc):
        if line <= len(lines):
            block = lines[_run_above(lines, line) : line]
            if any(entry.strip() for entry in block):
                blocks.setdefault(paper_id, block)
    return blocks


def _restore_blocks(text: str, blocks: dict[str, list[str]]) -> str:
    """Put each paper's comment block back right above it (ruamel ties such a comment to the
    paper before it, so removing or moving that one would take the comment along)."""
    from ruamel.yaml.error import YAMLError

    try:
        items = _item_lines(_yaml().load(text))
    except YAMLError:
        return text
    lines = text.splitlines()
    for paper_id, line in reversed(items):
        start = _run_above(lines, line)
        lines[start:line] = blocks.get(paper_id, [])
    return "\n".join(lines) + "\n"


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


# --- the draft ``edit`` opens: one paper ------------------------------------------------

DRAFT_HEADER = (
    "# Edit this paper, then save and close the editor. Lines starting with # are ignored.\n"
    "# title and summary are Markdown as shown in the README; fields: docs/week-files.md\n"
    "# Empty the file to abort (nothing is written).\n"
)


def paper_to_draft(paper: Paper) -> str:
    """The YAML draft of one paper that an editor opens (laid out as in a week file)."""
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap(paper_to_plain(paper))
    stream = io.StringIO()
    _yaml(typed=True).dump(_styled({"papers": [doc]})["papers"][0], stream)
    return DRAFT_HEADER + stream.getvalue()


def paper_from_draft(text: str, where: str = "the edited draft") -> Paper | None:
    """Validate an edited draft, read exactly as a week file is; None when it was emptied (abort)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if not body.strip():
        return None
    try:
        node = parse_document(text, where)
        if not isinstance(node, dict):
            raise InputError(f"{where}: must be a mapping of fields (id, title, summary, ...)")
        week = week_from_document({"schema": "1", "week": dt.date(2000, 1, 3), "papers": [node]}, where)
    except DataFileError as exc:
        line = f":{exc.line}" if exc.line is not None else ""
        name = (exc.field or "").removeprefix("papers[1]").lstrip(".")
        raise InputError(f"{where}{line}: {name + ': ' if name else ''}{exc.reason}") from exc
    return week.papers[0]
