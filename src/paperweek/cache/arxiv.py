"""arXiv and Hugging Face answers (namespace "arxiv"): tables ``arxiv_records`` and ``hf_papers``.

The one module that reads and writes these tables. A cached id is never
requested again unless the caller asks to refresh; deleting the file loses
nothing, it is re-fetched on demand. A row that no longer decodes (a damaged
cache, a record of an older layout) reads as missing, so it is fetched again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from paperweek.cache.db import Migrations, cache_exists, connect, migrate, open_cache, select_in, transaction
from paperweek.models import ArxivRecord, within_arxiv_limits

MIGRATIONS = Migrations("arxiv")


@MIGRATIONS.step
def m001_arxiv_records(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE arxiv_records (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
        "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )


@MIGRATIONS.step
def m002_hf_papers(conn: sqlite3.Connection) -> None:
    # github_repo: the githubRepo field, "" when none, "not-found" when HF answered 404
    conn.execute(
        "CREATE TABLE hf_papers (id TEXT PRIMARY KEY, github_repo TEXT NOT NULL, "
        "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )


# --- arxiv_records -----------------------------------------------------------------


def _decode(data: str) -> ArxivRecord | None:
    try:
        value = json.loads(data)
        return ArxivRecord.from_json(value) if isinstance(value, dict) else None
    except (ValueError, TypeError, KeyError):
        return None


def records(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, ArxivRecord]:
    """The cached records of ``ids`` (those present and readable)."""
    found: dict[str, ArxivRecord] = {}
    for row in select_in(conn, "SELECT id, data FROM arxiv_records WHERE id IN ({marks})", ids):
        record = _decode(row[1])
        if record is not None:
            found[str(row[0])] = record
    return found


def put_records(conn: sqlite3.Connection, new: Iterable[ArxivRecord]) -> tuple[list[ArxivRecord], list[str]]:
    """Store ``new``, each cut to what arXiv allows (``models.within_arxiv_limits``): (the records
    as stored, a note for each field that was cut)."""
    stored: list[ArxivRecord] = []
    notes: list[str] = []
    for record in new:
        kept, cut = within_arxiv_limits(record)
        stored.append(kept)
        notes += cut
    with transaction(conn):
        conn.executemany(
            "INSERT INTO arxiv_records (id, data) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, fetched_at = datetime('now')",
            [(r.id, json.dumps(r.to_json(), ensure_ascii=False)) for r in stored],
        )
    return stored, notes


def abstracts(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """The cached abstracts of ``ids``, whitespace collapsed (only the abstract is decoded: the
    search index asks for thousands at once)."""
    found: dict[str, str] = {}
    sql = "SELECT id, json_extract(data, '$.abstract') FROM arxiv_records WHERE id IN ({marks})"
    for row in select_in(conn, sql, ids):
        if isinstance(row[1], str) and row[1].strip():
            found[str(row[0])] = " ".join(row[1].split())
    return found


def signature(conn: sqlite3.Connection) -> str:
    """A token that changes when records are added or rewritten (count and latest write)."""
    row = conn.execute("SELECT count(*), max(fetched_at) FROM arxiv_records").fetchone()
    return f"{row[0]}|{row[1]}"


def written_recently(conn: sqlite3.Connection, token: str) -> bool:
    """True when ``token`` (a ``signature``) says the cache was written in the last seconds: a
    rewrite within the same second (``fetched_at`` has one-second resolution) would not change
    the token, so a reader should look again."""
    latest = token.partition("|")[2]
    if not latest or latest == "None":
        return False
    row = conn.execute("SELECT datetime('now', '-3 seconds')").fetchone()
    return latest >= str(row[0])


def read_records(cache_dir: Path, ids: Iterable[str]) -> dict[str, ArxivRecord]:
    """Cached records for a reader that must not create a cache file (an export): {} when there
    is none or it is damaged -- less metadata, never an error; the week files are the data."""
    wanted = list(ids)
    if not wanted or not cache_exists(cache_dir):
        return {}
    try:
        conn = connect(cache_dir)
    except sqlite3.DatabaseError:
        return {}
    try:
        migrate(conn, MIGRATIONS)
        return records(conn, wanted)
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


# --- hf_papers ---------------------------------------------------------------------


def hf_repos(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """Cached ``githubRepo`` answers: "" when none, ``hf.NOT_FOUND`` when Hugging Face had no page."""
    rows = select_in(conn, "SELECT id, github_repo FROM hf_papers WHERE id IN ({marks})", ids)
    return {str(row[0]): str(row[1]) for row in rows}


def put_hf_repos(conn: sqlite3.Connection, repos: dict[str, str]) -> None:
    with transaction(conn):
        conn.executemany(
            "INSERT INTO hf_papers (id, github_repo) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET github_repo = excluded.github_repo, fetched_at = datetime('now')",
            list(repos.items()),
        )


class MetadataCache:
    """The two tables on a connection of their own. Use as a context manager."""

    def __init__(self, cache_dir: Path):
        self.conn = open_cache(cache_dir, MIGRATIONS)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> MetadataCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def records(self, ids: Iterable[str]) -> dict[str, ArxivRecord]:
        return records(self.conn, ids)

    def put_records(self, new: Iterable[ArxivRecord]) -> tuple[list[ArxivRecord], list[str]]:
        return put_records(self.conn, new)

    def hf_repos(self, ids: Iterable[str]) -> dict[str, str]:
        return hf_repos(self.conn, ids)

    def put_hf_repos(self, repos: dict[str, str]) -> None:
        put_hf_repos(self.conn, repos)
