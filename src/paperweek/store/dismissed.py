"""Papers the curator dismissed from ``discover``'s listings: ``dismissed.txt`` in the log folder.

It is the curator's data, kept in git with the week files (the cache can be deleted; this
cannot be rebuilt): one line per paper, ``ARXIV_ID  YYYY-MM-DD`` (the day it was dismissed);
``#`` starts a comment. ``discover`` never shows a dismissed paper again and learns from it as
a negative.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from paperweek.errors import InputError
from paperweek.ids import parse_arxiv_ref
from paperweek.store.atomic import write_text_atomic
from paperweek.store.log import Log

FILE = "dismissed.txt"
_HEADER = ("# Papers dismissed from `paperweek discover` (never shown again; learned from as not wanted).\n"
           "# One per line: arXiv id, the day it was dismissed. Kept in git with the log.\n")


def read(log: Log) -> dict[str, str]:
    """Dismissed arXiv ids and the day each was dismissed; InputError names a bad line."""
    path = log.root / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        parsed = parse_arxiv_ref(fields[0])
        if parsed is None:
            raise InputError(f"{path}:{lineno}: {fields[0]!r} is not an arXiv id; fix or remove that line")
        out.setdefault(parsed[0], fields[1] if len(fields) > 1 else "")
    return out


def add(log: Log, ids: Sequence[str], day: dt.date) -> list[str]:
    """Add ``ids`` (under the log's lock, atomically); returns those not dismissed before."""
    with log.locked():
        known = read(log)
        new = [i for i in dict.fromkeys(ids) if i not in known]
        if new:
            path = log.root / FILE
            old = path.read_text(encoding="utf-8") if path.exists() else _HEADER
            if old and not old.endswith("\n"):
                old += "\n"
            write_text_atomic(path, old + "".join(f"{i}  {day.isoformat()}\n" for i in new))
    return new
