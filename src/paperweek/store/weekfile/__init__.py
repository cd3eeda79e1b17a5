"""The week file (``weeks/YYYY-MM-DD.yaml``): one package, two verbs, ``read_week`` and ``write_week``.

Which YAML path reads or writes a file is decided here, once:

- reading: libyaml's event stream (``_fastyaml``), about 50x faster, then ruamel.yaml round-trip
  (``_roundtrip``), the authority, when the fast path cannot read a construct or the file does not
  validate; ``_schema`` types each field of the untyped document either gives.
- writing: libyaml's emitter (``_fast``) for a new file, or a rewrite of a file that holds nothing of
  a person's (comments, quoting, layout); otherwise ruamel.yaml round-trip, which keeps them.

The ``_`` modules are private: nothing outside this package imports them (tests/test_architecture.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paperweek.models import Week
from paperweek.store.atomic import write_text_atomic
from paperweek.store.weekfile._fast import render_new_week_file, render_rewrite
from paperweek.store.weekfile._roundtrip import (
    load_document,
    paper_comments,
    paper_from_draft,
    paper_places,
    paper_to_draft,
    parse_document,
    read_text,
    render_week_file,
    week_from_text,
)
from paperweek.store.weekfile._schema import SUFFIX, file_name, paper_to_plain, week_from_document

__all__ = [
    "SUFFIX",
    "comments_above_papers",
    "file_name",
    "load_document",
    "paper_from_draft",
    "paper_places",
    "paper_to_draft",
    "paper_to_plain",
    "read_week",
    "week_from_document",
    "week_from_text",
    "week_text",
    "write_week",
]


def read_week(path: Path) -> Week:
    """Parse and validate one week file; ``DataFileError`` names the file, the line and the field."""
    return week_from_text(read_text(path), path)


def week_text(
    week: Week, previous_text: str | None = None, path: Path | None = None, comments: dict[str, list[str]] | None = None
) -> str:
    """The text of ``week``'s file. ``previous_text``: the file it replaces (read from ``path``), whose
    comments, key order and quoting are kept; without it, a new file. ``comments``: per paper id, the
    comment lines to write above a paper brought from another week file (``move``)."""
    if previous_text is None:
        return (None if comments else render_new_week_file(week)) or render_week_file(week, comments=comments)
    where = path or Path(file_name(week.start))
    text = None if comments else render_rewrite(previous_text, where, week)
    if text is None:  # something of a person's to keep (comments, quoting, layout): the round-trip writer
        previous: Any = parse_document(previous_text, str(where))
        text = render_week_file(week, previous, previous_text, comments)
    return text


def write_week(path: Path, week: Week, comments: dict[str, list[str]] | None = None) -> None:
    """Write ``week`` to ``path`` atomically, keeping what a person wrote into the file it replaces."""
    previous_text = read_text(path) if path.exists() else None
    write_text_atomic(path, week_text(week, previous_text, path, comments))


def comments_above_papers(path: Path) -> dict[str, list[str]]:
    """Per paper id, the comment lines written right above it in the week file at ``path``."""
    return paper_comments(read_text(path), str(path)) if path.exists() else {}
