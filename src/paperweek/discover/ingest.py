"""Discovery candidates: arXiv records kept in ``.paperweek/cache.sqlite``.

Bulk files are JSON lines in the schema of the public "arXiv metadata OAI
snapshot" (``id``, ``title``, ``abstract``, ``authors``, ``categories``,
``comments``, ``versions[{version, created}]``, ``update_date``), plain or
gzip. They are streamed line by line and written in large batches, so
memory stays bounded whatever the file's size. Only the fields ranking and
output need are kept. Re-ingesting a file is idempotent: a record already
stored is replaced only by a newer ``update_date``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from paperweek.errors import InputError
from paperweek.index.db import bulk_mode

TABLE = "discover_candidates"
BATCH = 5000
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                        "Nov", "Dec"), start=1)}
_MONTH_NUMBERS = {name: f"{number:02d}" for name, number in _MONTHS.items()}
_COLUMNS = ("id", "title", "abstract", "authors", "categories", "comments", "released", "updated", "source")


# --- migrations (namespace "discover"; append steps, never edit one) ------


def create_candidates(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TABLE {TABLE} ("
        "id TEXT PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL, authors TEXT NOT NULL, "
        "categories TEXT NOT NULL, comments TEXT NOT NULL, "
        "released TEXT NOT NULL,"  # ISO date of v1 ('' when unknown)
        "updated TEXT NOT NULL,"  # update_date, ISO ('' when unknown)
        "source TEXT NOT NULL)"  # file name or 'arxiv-api'
    )
    conn.execute(f"CREATE INDEX {TABLE}_released ON {TABLE} (released)")


def create_queries(conn: sqlite3.Connection) -> None:
    # arXiv API searches fetched in full: a range that had ended by then is not asked again
    conn.execute(
        "CREATE TABLE discover_queries (query TEXT PRIMARY KEY, fetched_on TEXT NOT NULL, "
        "complete INTEGER NOT NULL, records INTEGER NOT NULL)"
    )


def create_meta(conn: sqlite3.Connection) -> None:
    # 'generation': a token that changes whenever stored candidates change, so a saved
    # listing can tell whether the cache has moved on since it was ranked
    conn.execute("CREATE TABLE discover_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


MIGRATIONS = [create_candidates, create_queries, create_meta]


def generation(conn: sqlite3.Connection) -> str:
    """The token of the candidates' current state ('' before anything was stored)."""
    row = conn.execute("SELECT value FROM discover_meta WHERE key = 'generation'").fetchone()
    return str(row[0]) if row else ""


def _bump_generation(conn: sqlite3.Connection) -> None:
    import uuid

    conn.execute(
        "INSERT INTO discover_meta (key, value) VALUES ('generation', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (uuid.uuid4().hex,),
    )


def open_db(cache_dir: Path) -> sqlite3.Connection:
    """The cache database with the discovery tables in place."""
    from paperweek.index.db import connect, migrate

    conn = connect(cache_dir)
    conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache: big batches into a big index
    migrate(conn, "discover", MIGRATIONS)
    return conn


# --- records ---------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One stored candidate (plain text, as arXiv gives it)."""

    id: str
    title: str
    abstract: str
    authors: str
    categories: str  # space-separated, primary first
    comments: str
    released: str  # ISO date of v1
    updated: str = ""
    source: str = ""

    @property
    def category_list(self) -> list[str]:
        return self.categories.split()

    @property
    def released_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.released) if self.released else None


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
    # stored as given (the snapshot's line breaks are kept); ``clean`` normalises on the way out
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, list):  # authors_parsed-like lists
        return ", ".join(_text(v) for v in value)
    return str(value)


def record_row(record: Any, source: str) -> tuple[str, ...]:
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


def _record_row_checked(record: Any, source: str) -> tuple[str, ...]:
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


def clean(text: str) -> str:
    """One line of plain text: control characters (terminal escapes too) dropped, whitespace runs one space."""
    return " ".join(text.translate(_CONTROL).split())


def _loads() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; json is the fallback
        return json.loads
    return orjson.loads


@dataclass
class IngestStats:
    """What one ingest did."""

    seen: int = 0
    new: int = 0
    updated: int = 0


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


def iter_rows(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[tuple[str, ...]]:
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


_UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    f"ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
    + f" WHERE excluded.updated > {TABLE}.updated"
)


def store_rows(conn: sqlite3.Connection, rows: Iterable[tuple[str, ...]]) -> IngestStats:
    """Upsert rows in one transaction (all or nothing); counts new and updated records."""
    with bulk_mode(conn):
        return _store_rows(conn, rows)


def _store_rows(conn: sqlite3.Connection, rows: Iterable[tuple[str, ...]]) -> IngestStats:
    stats = IngestStats()
    before = _count(conn)
    changes = conn.total_changes
    batch: list[tuple[str, ...]] = []
    try:
        conn.execute("BEGIN")
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                conn.executemany(_UPSERT, batch)
                stats.seen += len(batch)
                batch.clear()
        if batch:
            conn.executemany(_UPSERT, batch)
            stats.seen += len(batch)
        stats.new = _count(conn) - before
        stats.updated = conn.total_changes - changes - stats.new
        if stats.new or stats.updated:
            _bump_generation(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stats


def _count(conn: sqlite3.Connection) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0])


def ingest_file(
    conn: sqlite3.Connection, path: Path, progress: Callable[[int], None] | None = None
) -> IngestStats:
    """Stream one OAI-snapshot JSON-lines file (plain or gzip) into the candidates table."""
    return store_rows(conn, iter_rows(path, progress))


def ingest_records(conn: sqlite3.Connection, records: Iterable[dict[str, Any]], source: str) -> IngestStats:
    """Store already-parsed records (e.g. from the arXiv API) in the candidates table."""
    return store_rows(conn, (record_row(r, source) for r in records))


# --- reading back ----------------------------------------------------------


def _candidate(row: Sequence[Any]) -> Candidate:
    return Candidate(*row)


def select_candidates(
    conn: sqlite3.Connection,
    since: dt.date | None = None,
    until: dt.date | None = None,
    exclude: Iterable[str] = (),
) -> list[Candidate]:
    """Stored candidates whose v1 date is within [since, until], without the ids in ``exclude``."""
    where, args = [], []
    if since is not None:
        where.append("released >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append("released <= ?")
        args.append(until.isoformat())
    sql = f"SELECT {', '.join(_COLUMNS)} FROM {TABLE}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY released DESC, id DESC"
    skip = set(exclude)
    return [_candidate(row) for row in conn.execute(sql, args) if row[0] not in skip]


def lookup(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Candidate]:
    """Stored candidates by id (those present)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Candidate] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        sql = f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} WHERE id IN ({', '.join('?' * len(chunk))})"
        for row in conn.execute(sql, chunk):
            found[row[0]] = _candidate(row)
    return found


def sample_background(
    conn: sqlite3.Connection, limit: int, exclude: Iterable[str] = (), seed: int = 0
) -> list[Candidate]:
    """Up to ``limit`` stored candidates drawn at random (reproducibly), without the ids in ``exclude``."""
    import random

    skip = set(exclude)
    if limit <= 0:
        return []
    top = conn.execute(f"SELECT max(rowid) FROM {TABLE}").fetchone()[0] or 0
    sql = f"SELECT {', '.join(_COLUMNS)} FROM {TABLE}"
    if top <= 2 * (limit + len(skip)):
        return [_candidate(r) for r in conn.execute(sql + " ORDER BY rowid") if r[0] not in skip][:limit]
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(1, top + 1), min(top, 2 * limit + len(skip))))
    out: list[Candidate] = []
    for i in range(0, len(picked), 500):
        chunk = picked[i : i + 500]
        rows = conn.execute(sql + f" WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk)
        out.extend(_candidate(r) for r in rows if r[0] not in skip)
    rng.shuffle(out)
    return out[:limit]


def count(conn: sqlite3.Connection) -> int:
    """How many candidates are stored."""
    return _count(conn)
