"""Discovery candidates from bulk files: arXiv OAI-snapshot JSON lines -> stored candidates.

Bulk files are JSON lines in the schema of the public "arXiv metadata OAI
snapshot" (``id``, ``title``, ``abstract``, ``authors``, ``categories``,
``comments``, ``versions[{version, created}]``, ``update_date``), plain or
gzip. They are streamed line by line and written in large batches
(``cache.candidates.store_rows``), so memory stays bounded whatever the file's
size. Only the fields ranking and output need are kept. Re-ingesting a file is
idempotent: a record already stored is replaced only by a newer ``update_date``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from paperweek.cache.candidates import BATCH, IngestStats, Row, store_rows
from paperweek.errors import InputError

_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                        "Nov", "Dec"), start=1)}
_MONTH_NUMBERS = {name: f"{number:02d}" for name, number in _MONTHS.items()}


def _rfc2822_date(text: str) -> str:
    """``Thu, 01 Jan 2026 00:00:00 GMT`` -> ``2026-01-01`` (fast path, then the stdlib)."""
    parts = text.split()
    if len(parts) >= 4 and parts[2] in _MONTHS and parts[1].isdigit() and parts[3].isdigit():
        return f"{int(parts[3]):04d}-{_MONTHS[parts[2]]:02d}-{int(parts[1]):02d}"
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        pass
    return dt.date.fromisoformat(text[:10]).isoformat()


def _text(value: Any) -> str:
    # stored as given (the snapshot's line breaks are kept); ``one_line`` normalises on the way out
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, list):  # authors_parsed-like lists
        return ", ".join(_text(v) for v in value)
    return str(value)


def record_row(record: Any, source: str) -> Row:
    """The stored row of one OAI-snapshot record; ValueError names what is wrong."""
    try:  # the fast path: a well-formed snapshot record
        first = record["versions"][0]
        created = first["created"]
        if first["version"] != "v1" or created[3] != "," or not created[12:16].isdigit():
            raise ValueError
        return (
            record["id"].strip(),
            record["title"] or "",
            record["abstract"] or "",
            record.get("authors") or "",
            record.get("categories") or "",
            record.get("comments") or "",
            f"{created[12:16]}-{_MONTH_NUMBERS[created[8:11]]}-{int(created[5:7]):02d}",
            record.get("update_date") or "",
            source,
        )
    except (KeyError, TypeError, IndexError, AttributeError, ValueError):
        return _record_row_checked(record, source)


def _record_row_checked(record: Any, source: str) -> Row:
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    rid = record.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise ValueError("no 'id'")
    released = ""
    versions = record.get("versions")
    if isinstance(versions, list) and versions:
        first = next((v for v in versions if isinstance(v, dict) and v.get("version") == "v1"), versions[0])
        created = first.get("created") if isinstance(first, dict) else None
        if isinstance(created, str) and created:
            try:
                released = _rfc2822_date(created)
            except ValueError:
                raise ValueError(f"versions[0].created {created!r} is not a date") from None
    updated = _text(record.get("update_date"))
    if not released and updated:
        released = updated[:10]
    return (
        rid.strip(),
        _text(record.get("title")),
        _text(record.get("abstract")),
        _text(record.get("authors")),
        _text(record.get("categories")),
        _text(record.get("comments")),
        released,
        updated,
        source,
    )


_CONTROL = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " ")


def one_line(text: str) -> str:
    """One line of plain text: control characters (terminal escapes too) dropped, whitespace runs one space."""
    return " ".join(text.translate(_CONTROL).split())


def _loads() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; json is the fallback
        return json.loads
    return orjson.loads


def _open(path: Path) -> tuple[IO[bytes], Iterable[bytes]]:
    """(raw file, line stream): gzip is recognised by its magic bytes, not the name."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the --candidates path") from exc
    magic = raw.read(2)
    raw.seek(0)
    if magic != b"\x1f\x8b":
        return raw, raw
    try:  # ISA-L's gzip reader is about three times as fast as zlib's
        from isal import igzip

        stream: Iterable[bytes] = igzip.IGzipFile(fileobj=raw, mode="rb")  # type: ignore[no-untyped-call]
    except ImportError:  # pragma: no cover - isal is a dependency, but has no wheel everywhere
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
    return raw, stream


def iter_rows(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Row]:
    """Stream the stored rows of a JSON-lines file; InputError names file and line of a bad record."""
    loads = _loads()
    source = path.name
    raw, stream = _open(path)
    with raw:
        lineno = 0
        if progress is not None:
            progress(0)
        try:
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield record_row(loads(line), source)
                except ValueError as exc:  # JSONDecodeError and orjson's error are ValueErrors
                    reason = str(exc).splitlines()[0]
                    raise InputError(
                        f"{path}:{lineno}: not an arXiv OAI-snapshot record ({reason}); "
                        "fix or remove that line and ingest again"
                    ) from None
                if progress is not None and lineno % BATCH == 0:
                    progress(raw.tell())
        except (OSError, EOFError) as exc:  # BadGzipFile is an OSError
            raise InputError(f"{path}:{lineno}: cannot read ({exc}); is the file complete?") from exc
        if progress is not None:
            progress(raw.tell())


def ingest_file(
    conn: sqlite3.Connection, path: Path, progress: Callable[[int], None] | None = None
) -> IngestStats:
    """Stream one OAI-snapshot JSON-lines file (plain or gzip) into the candidates table."""
    return store_rows(conn, iter_rows(path, progress))
