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

from paperweek.store.faults import crash_point

CACHE_FILE = "cache.sqlite"

Migration = Callable[[sqlite3.Connection], None]


def connect(cache_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) the cache database in ``cache_dir``.

    A folder or file that cannot be written (permissions, a full disk) is one clear line
    (WriteError), not a traceback.
    """
    from paperweek.errors import WriteError
    from paperweek.store.atomic import write_text_atomic

    path = cache_dir / CACHE_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError.from_os(cache_dir, exc) from exc
    if not (cache_dir / ".gitignore").exists():
        write_text_atomic(cache_dir / ".gitignore", "*\n")
    try:
        conn = sqlite3.connect(str(path), timeout=60)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (namespace TEXT NOT NULL, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (namespace, name))"
        )
    except sqlite3.OperationalError as exc:
        raise WriteError(
            f"{path}: cannot open the cache ({exc}); check the folder's permissions and free space, "
            f"or delete {cache_dir} (it is only a cache)"
        ) from exc
    return conn


def migrate(conn: sqlite3.Connection, namespace: str, steps: Sequence[Migration]) -> list[str]:
    """Run the steps of ``namespace`` not yet applied, in order; returns the names run.

    Safe when several processes open a fresh cache at once (every fresh clone): the steps run
    in one ``BEGIN IMMEDIATE`` transaction, which takes the write lock first, and the list of
    applied steps is read again inside it -- a second process waits, then finds them done.
    """
    names = [step.__name__ for step in steps]

    def pending() -> set[str]:
        rows = conn.execute("SELECT name FROM migrations WHERE namespace = ?", (namespace,))
        return set(names) - {row[0] for row in rows}

    if not pending():
        return []
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    ran = []
    try:
        todo = pending()
        for step in steps:
            if step.__name__ not in todo:
                continue
            step(conn)
            crash_point("migrate:after-step")
            conn.execute("INSERT INTO migrations (namespace, name) VALUES (?, ?)", (namespace, step.__name__))
            ran.append(step.__name__)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
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
