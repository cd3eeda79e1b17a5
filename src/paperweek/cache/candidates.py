"""Discovery candidates (namespace "discover"): tables ``discover_candidates``, ``discover_queries``
and ``discover_meta``.

The one module that reads and writes these tables. A candidate is an arXiv
record in plain text, as a bulk snapshot or the API gives it; storing is an
upsert in one transaction (all or nothing) in which a stored record is replaced
only by a newer ``updated``. ``generation`` changes whenever stored candidates
change, so a saved listing can tell whether the cache moved on since it was ranked.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from paperweek.cache.db import Migrations, bulk_mode, cache_exists, open_cache, select_in, transaction
from paperweek.models import ARXIV_LIMITS, ArxivRecord, cut_to_arxiv_limit

TABLE = "discover_candidates"
BATCH = 5000  # rows per executemany of a bulk store

# The names before steps were named mNNN_what (caches made by paperweek up to 2026-12 recorded these).
MIGRATIONS = Migrations(
    "discover",
    renamed={"create_candidates": "m001_candidates", "create_queries": "m002_queries", "create_meta": "m003_meta"},
)


@MIGRATIONS.step
def m001_candidates(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TABLE {TABLE} ("
        "id TEXT PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL, authors TEXT NOT NULL, "
        "categories TEXT NOT NULL, comments TEXT NOT NULL, "
        "released TEXT NOT NULL,"  # ISO date of v1 ('' when unknown)
        "updated TEXT NOT NULL,"  # update_date, ISO ('' when unknown)
        "source TEXT NOT NULL)"  # file name or 'arxiv-api'
    )
    conn.execute(f"CREATE INDEX {TABLE}_released ON {TABLE} (released)")


@MIGRATIONS.step
def m002_queries(conn: sqlite3.Connection) -> None:
    # arXiv API searches fetched in full: a range that had ended by then is not asked again
    conn.execute(
        "CREATE TABLE discover_queries (query TEXT PRIMARY KEY, fetched_on TEXT NOT NULL, "
        "complete INTEGER NOT NULL, records INTEGER NOT NULL)"
    )


@MIGRATIONS.step
def m003_meta(conn: sqlite3.Connection) -> None:
    # 'generation': a token that changes whenever stored candidates change
    conn.execute("CREATE TABLE discover_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def open_db(cache_dir: Path) -> sqlite3.Connection:
    """The cache database with the discovery tables in place."""
    conn = open_cache(cache_dir, MIGRATIONS)
    conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache: big batches into a big index
    return conn


# --- discover_candidates -----------------------------------------------------------


class Candidate(NamedTuple):
    """One stored candidate (plain text, as arXiv gives it); the fields in the table's column order."""

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


# A Candidate's fields unwrapped, in the same order: what a bulk ingest builds, a million at a time
# (a plain tuple is three times as fast to make as the NamedTuple, which is also accepted).
Row = tuple[str, str, str, str, str, str, str, str, str]
COLUMNS = Candidate._fields
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM {TABLE}"
_UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    f"ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
    + f" WHERE excluded.updated > {TABLE}.updated"
)


@dataclass
class IngestStats:
    """What one store did."""

    seen: int = 0
    new: int = 0
    updated: int = 0
    cut: int = 0  # records with a title, abstract or comments past what arXiv allows, stored cut


_TITLE, _ABSTRACT, _COMMENTS = ARXIV_LIMITS["title"], ARXIV_LIMITS["abstract"], ARXIV_LIMITS["comments"]


def _within_limits(rows: Iterable[Row], stats: IngestStats) -> Iterator[Row]:
    """The rows with title, abstract and comments cut to ``models.ARXIV_LIMITS`` (as the arXiv
    metadata cache and the week files cut them): a hostile snapshot line cannot store a 60 MB abstract."""
    for row in rows:
        if len(row[1]) > _TITLE or len(row[2]) > _ABSTRACT or len(row[5]) > _COMMENTS:
            stats.cut += 1
            row = (row[0], cut_to_arxiv_limit("title", row[1]), cut_to_arxiv_limit("abstract", row[2]), row[3],
                   row[4], cut_to_arxiv_limit("comments", row[5]), row[6], row[7], row[8])
        yield row


def store_rows(conn: sqlite3.Connection, rows: Iterable[Row]) -> IngestStats:
    """Upsert rows in one transaction (all or nothing); counts new, updated and cut records."""
    with bulk_mode(conn):
        stats = IngestStats()
        before = count(conn)
        changes = conn.total_changes
        batch: list[Row] = []
        with transaction(conn, "DEFERRED"):
            for row in _within_limits(rows, stats):
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.executemany(_UPSERT, batch)
                    stats.seen += len(batch)
                    batch.clear()
            if batch:
                conn.executemany(_UPSERT, batch)
                stats.seen += len(batch)
            stats.new = count(conn) - before
            stats.updated = conn.total_changes - changes - stats.new
            if stats.new or stats.updated:
                _bump_generation(conn)
        return stats


def count(conn: sqlite3.Connection) -> int:
    """How many candidates are stored."""
    return int(conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0])


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
    sql = _SELECT
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY released DESC, id DESC"
    skip = set(exclude)
    return [Candidate._make(row) for row in conn.execute(sql, args) if row[0] not in skip]


def lookup(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Candidate]:
    """Stored candidates by id (those present)."""
    rows = select_in(conn, _SELECT + " WHERE id IN ({marks})", ids)
    return {row[0]: Candidate._make(row) for row in rows}


def released_range(conn: sqlite3.Connection) -> tuple[int, str, str]:
    """(how many candidates have a v1 date, the earliest, the latest) - to say where the ingested papers are."""
    n, first, last = conn.execute(f"SELECT count(*), min(released), max(released) FROM {TABLE} WHERE released != ''"
                                  ).fetchone()
    return int(n), first or "", last or ""


def as_record(c: Candidate) -> ArxivRecord:
    """An ingested candidate as arXiv metadata: what ``add`` needs to log it without asking arXiv."""
    released = c.released_date or dt.date.min
    try:
        updated = dt.date.fromisoformat(c.updated[:10]) if c.updated else released
    except ValueError:
        updated = released
    cats = c.category_list
    return ArxivRecord(
        id=c.id,
        version="v1" if updated <= released else "",
        title=" ".join(c.title.split()),
        abstract=" ".join(c.abstract.split()),
        authors=[n for n in (" ".join(a.split()) for a in re.split(r",\s*|\s+and\s+", c.authors)) if n],
        published=released,
        updated=max(updated, released),
        primary_category=cats[0] if cats else "",
        categories=cats,
        comments=" ".join(c.comments.split()),
    )


def stored_records(cache_dir: Path, ids: Iterable[str]) -> dict[str, ArxivRecord]:
    """The ingested candidates among ``ids``, as arXiv metadata (none when there is no cache yet)."""
    wanted = list(ids)
    if not wanted or not cache_exists(cache_dir):
        return {}
    conn = open_db(cache_dir)
    try:
        return {i: as_record(c) for i, c in lookup(conn, wanted).items() if c.released}
    finally:
        conn.close()


def sample_background(
    conn: sqlite3.Connection, limit: int, exclude: Iterable[str] = (), seed: int = 0
) -> list[Candidate]:
    """Up to ``limit`` stored candidates drawn at random (reproducibly), without the ids in ``exclude``."""
    skip = set(exclude)
    if limit <= 0:
        return []
    top = conn.execute(f"SELECT max(rowid) FROM {TABLE}").fetchone()[0] or 0
    if top <= 2 * (limit + len(skip)):
        return [Candidate._make(r) for r in conn.execute(_SELECT + " ORDER BY rowid") if r[0] not in skip][:limit]
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(1, top + 1), min(top, 2 * limit + len(skip))))
    out = [Candidate._make(r) for r in select_in(conn, _SELECT + " WHERE rowid IN ({marks})", picked) if r[0] not in skip]
    rng.shuffle(out)
    return out[:limit]


# --- discover_meta -----------------------------------------------------------------


def generation(conn: sqlite3.Connection) -> str:
    """The token of the candidates' current state ('' before anything was stored)."""
    row = conn.execute("SELECT value FROM discover_meta WHERE key = 'generation'").fetchone()
    return str(row[0]) if row else ""


def _bump_generation(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO discover_meta (key, value) VALUES ('generation', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (uuid.uuid4().hex,),
    )


# --- discover_queries --------------------------------------------------------------


class FetchedQuery(NamedTuple):
    """An arXiv API search stored in full (``complete``) or in part, on ``fetched_on``."""

    fetched_on: dt.date
    complete: bool
    records: int


def fetched_query(conn: sqlite3.Connection, query: str) -> FetchedQuery | None:
    row = conn.execute(
        "SELECT fetched_on, complete, records FROM discover_queries WHERE query = ?", (query,)
    ).fetchone()
    if row is None:
        return None
    return FetchedQuery(dt.date.fromisoformat(row[0]), bool(row[1]), int(row[2]))


def record_query(conn: sqlite3.Connection, query: str, fetched_on: dt.date, records: int) -> None:
    """Remember that ``query`` was fetched in full on ``fetched_on``."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO discover_queries (query, fetched_on, complete, records) VALUES (?, ?, 1, ?) "
            "ON CONFLICT(query) DO UPDATE SET fetched_on = excluded.fetched_on, complete = 1, "
            "records = excluded.records",
            (query, fetched_on.isoformat(), records),
        )
