"""The SQLite file ``.paperweek/cache.sqlite`` and its migrations.

It is only a cache: deleting ``.paperweek/`` loses nothing that the week files
or a re-fetch cannot give back. Each feature keeps its own ordered list of
named migration functions (arXiv metadata cache, search index, discovery
candidates) and calls ``migrate`` with it; the ``migrations`` table records
which steps ran, per namespace, so lists grow by appending steps only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

CACHE_FILE = "cache.sqlite"

Migration = Callable[[sqlite3.Connection], None]


def connect(cache_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) the cache database in ``cache_dir``."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    gitignore = cache_dir / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("*\n", encoding="utf-8")
    conn = sqlite3.connect(str(cache_dir / CACHE_FILE), timeout=60)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (namespace TEXT NOT NULL, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (namespace, name))"
    )
    return conn


def migrate(conn: sqlite3.Connection, namespace: str, steps: Sequence[Migration]) -> list[str]:
    """Run the steps of ``namespace`` not yet applied, in order; returns the names run."""
    done = {row[0] for row in conn.execute("SELECT name FROM migrations WHERE namespace = ?", (namespace,))}
    ran = []
    for step in steps:
        name = step.__name__
        if name in done:
            continue
        with conn:
            step(conn)
            conn.execute("INSERT INTO migrations (namespace, name) VALUES (?, ?)", (namespace, name))
        ran.append(name)
    return ran


@contextmanager
def bulk_mode(conn: sqlite3.Connection) -> Iterator[None]:
    """A rollback journal instead of WAL while loading a big file, when no one else has the file open.

    In WAL mode every page is written twice (log, then checkpoint); a rollback journal
    does not copy pages appended to the file, which halves the writes of a bulk load.
    When another connection is open the switch is refused and the load runs in WAL mode.
    """
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    switched = False
    if mode == "wal":
        try:
            switched = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() == "delete"
        except sqlite3.OperationalError:  # locked by another process
            switched = False
    try:
        yield
    finally:
        if switched:
            with suppress(sqlite3.OperationalError):
                conn.execute("PRAGMA journal_mode=WAL")
