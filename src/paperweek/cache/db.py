"""The SQLite file ``.paperweek/cache.sqlite``: connection, pragmas, transactions, migrations.

It is only a cache: deleting ``.paperweek/`` loses nothing that the week files
or a re-fetch cannot give back. Each namespace (a group of tables with one owner
module) declares a ``Migrations`` registry: steps are functions named
``mNNN_what``, numbered from 1 in order and added with ``@MIGRATIONS.step``;
the ``migrations`` table records which ran, per namespace, so a registry grows
by appending steps only and never edits one.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from paperweek.errors import WriteError
from paperweek.store.atomic import write_text_atomic
from paperweek.store.faults import crash_point

CACHE_FILE = "cache.sqlite"
CHUNK = 500  # ids per ``IN (?, ...)``: well under SQLite's limit on bound parameters

Migration = Callable[[sqlite3.Connection], None]
_STEP_NAME = re.compile(r"m(\d{3})_[a-z0-9_]+\Z")


class Migrations:
    """The ordered migration steps of one namespace.

    ``renamed`` maps names that earlier versions recorded for a step to its name
    now, so a cache those versions made opens without running the step again.
    """

    def __init__(self, namespace: str, steps: Iterable[Migration] = (), renamed: Mapping[str, str] | None = None):
        self.namespace = namespace
        self.steps: list[Migration] = []
        self.renamed = dict(renamed or {})
        for step in steps:
            self.step(step)

    def step(self, fn: Migration) -> Migration:
        """Append ``fn``; its name must be ``mNNN_what`` with NNN the next number (a decorator)."""
        match = _STEP_NAME.match(fn.__name__)
        if match is None or int(match.group(1)) != len(self.steps) + 1:
            raise ValueError(
                f"migration {fn.__name__!r} of {self.namespace!r}: name it m{len(self.steps) + 1:03d}_<what>"
            )
        self.steps.append(fn)
        return fn

    @property
    def names(self) -> list[str]:
        return [step.__name__ for step in self.steps]


def connect(cache_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) the cache database in ``cache_dir``, in WAL mode.

    A folder or file that cannot be written (permissions, a full disk) is one clear line
    (WriteError), not a traceback.
    """
    path = cache_dir / CACHE_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError.from_os(cache_dir, exc) from exc
    if not (cache_dir / ".gitignore").exists():
        write_text_atomic(cache_dir / ".gitignore", "*\n")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
        conn.row_factory = sqlite3.Row
        _waiting(lambda: conn.execute("PRAGMA journal_mode=WAL"))
        conn.execute("PRAGMA synchronous=NORMAL")
        _waiting(lambda: conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (namespace TEXT NOT NULL, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (namespace, name))"
        ))
    except sqlite3.OperationalError as exc:
        raise WriteError(
            f"{path}: cannot open the cache ({exc}); check the folder's permissions and free space, "
            f"or delete {cache_dir} (it is only a cache)"
        ) from exc
    return conn


BUSY_SECONDS = 60.0  # how long opening the cache waits for other processes before it gives up


def _waiting(statement: Callable[[], object], seconds: float = BUSY_SECONDS) -> None:
    """Run ``statement``, waiting while another process holds the database.

    SQLite's busy timeout does not cover everything: ``PRAGMA journal_mode=WAL`` answers "database is
    locked" at once while another process writes in rollback mode (the first command of a fresh clone
    loading the search index, ``bulk_mode``). So the first commands started together on a fresh clone
    wait for one another here -- with growing pauses, up to ``seconds`` -- instead of failing."""
    deadline = time.monotonic() + seconds
    pause = 0.005
    while True:
        try:
            statement()
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def open_cache(cache_dir: Path, *registries: Migrations) -> sqlite3.Connection:
    """``connect``, then bring the given namespaces' tables up to date."""
    conn = connect(cache_dir)
    try:
        for registry in registries:
            migrate(conn, registry)
    except BaseException:
        conn.close()
        raise
    return conn


def cache_exists(cache_dir: Path) -> bool:
    """Whether a cache file is there (readers that must not create one ask first)."""
    return (cache_dir / CACHE_FILE).exists()


def migrate(conn: sqlite3.Connection, registry: Migrations) -> list[str]:
    """Run the steps of ``registry`` not yet applied, in order; returns the names run.

    Safe when several processes open a fresh cache at once (every fresh clone): the steps run
    in one ``BEGIN IMMEDIATE`` transaction, which takes the write lock first, and the list of
    applied steps is read again inside it -- a second process waits, then finds them done.
    """
    namespace, names = registry.namespace, registry.names

    def pending() -> set[str]:
        rows = conn.execute("SELECT name FROM migrations WHERE namespace = ?", (namespace,))
        return set(names) - {registry.renamed.get(row[0], row[0]) for row in rows}

    if not pending():
        return []
    ran = []
    with transaction(conn):
        todo = pending()
        for step in registry.steps:
            if step.__name__ not in todo:
                continue
            step(conn)
            crash_point("migrate:after-step")
            conn.execute("INSERT INTO migrations (namespace, name) VALUES (?, ?)", (namespace, step.__name__))
            ran.append(step.__name__)
    return ran


@contextmanager
def transaction(conn: sqlite3.Connection, mode: str = "IMMEDIATE") -> Iterator[None]:
    """One explicit transaction: committed when the block ends, rolled back when it raises.

    ``IMMEDIATE`` (the default) takes the write lock at the start, so a writer that reads
    first (change detection, the list of applied migrations) reads what it then writes over;
    ``DEFERRED`` waits for the first write.
    """
    if conn.in_transaction:
        conn.commit()
    conn.execute(f"BEGIN {mode}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # an error such as a full disk may have rolled back already
            conn.rollback()
        raise
    conn.commit()


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


def select_in(
    conn: sqlite3.Connection,
    sql: str,
    values: Iterable[Any],
    *,
    before: Sequence[Any] = (),
    chunk: int = CHUNK,
) -> Iterator[sqlite3.Row]:
    """The rows of ``sql`` for each chunk of ``values`` (duplicates dropped, order kept).

    ``sql`` holds ``{marks}`` where the ``?, ?, ...`` of an ``IN (...)`` go; ``before`` are the
    parameters bound ahead of them. Chunks keep each statement under SQLite's parameter limit.
    """
    wanted = list(dict.fromkeys(values))
    for start in range(0, len(wanted), chunk):
        part = wanted[start : start + chunk]
        yield from conn.execute(sql.format(marks=", ".join("?" * len(part))), [*before, *part])
