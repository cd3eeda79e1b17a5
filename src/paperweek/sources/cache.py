"""arXiv and Hugging Face answers cached in ``.paperweek/cache.sqlite`` (namespace "arxiv").

A cached id is never requested again unless the caller asks to refresh.
Deleting the file loses nothing: it is re-fetched on demand.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from paperweek.sources.atom import ArxivRecord

NAMESPACE = "arxiv"


def m001_arxiv_records(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE arxiv_records (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
        "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )


def m002_hf_papers(conn: sqlite3.Connection) -> None:
    # github_repo: the githubRepo field, "" when none, "not-found" when HF answered 404
    conn.execute(
        "CREATE TABLE hf_papers (id TEXT PRIMARY KEY, github_repo TEXT NOT NULL, "
        "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )


MIGRATIONS = [m001_arxiv_records, m002_hf_papers]


class MetadataCache:
    """Read and write cached metadata. Use as a context manager."""

    def __init__(self, cache_dir: Path):
        from paperweek.index.db import connect, migrate

        self.conn = connect(cache_dir)
        migrate(self.conn, NAMESPACE, MIGRATIONS)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> MetadataCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def records(self, ids: Iterable[str]) -> dict[str, ArxivRecord]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, ArxivRecord] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT id, data FROM arxiv_records WHERE id IN ({marks})", chunk):
                found[row["id"]] = ArxivRecord.from_json(json.loads(row["data"]))
        return found

    def put_records(self, records: Iterable[ArxivRecord]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT INTO arxiv_records (id, data) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, fetched_at = datetime('now')",
                [(r.id, json.dumps(r.to_json(), ensure_ascii=False)) for r in records],
            )

    def hf_repos(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, github_repo FROM hf_papers WHERE id IN ({marks})"
            for row in self.conn.execute(query, chunk):
                found[row["id"]] = row["github_repo"]
        return found

    def put_hf_repos(self, repos: dict[str, str]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT INTO hf_papers (id, github_repo) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET github_repo = excluded.github_repo, "
                "fetched_at = datetime('now')",
                list(repos.items()),
            )
