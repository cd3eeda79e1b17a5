"""Full-text search over the log: SQLite FTS5 in ``.paperweek/cache.sqlite``.

The index is a cache of the week files. ``SearchIndex.refresh`` brings it up
to date: a week file whose size and modification time match what was indexed
is skipped without being read; one that changed is hashed and re-indexed only
when its bytes changed; a deleted one is dropped. A change of the ``[tags]``
settings, of the weeks folder or of this module's ``INDEX_VERSION`` rebuilds
everything. Deleting ``.paperweek/`` loses nothing: the next search rebuilds it.

Each paper is one row of ``search_papers`` (narrow: week, year, tags... for
filters), of ``search_text`` (what a result shows and the plain text of the
indexed fields) and of the FTS5 table ``search_fts``, which reads its text from
``search_text`` (an external-content table, so the text is stored once).
Words are stemmed (FTS5's porter tokenizer: "learn" finds "learning"), the
way the site's lunr.js search stems them, over the same fields. Ranking is
bm25 with field weights ``WEIGHTS``: title above summary above abstract, tags
least. The tables are made by ``index/schema.py``. An abstract comes from the week file, or else from the arXiv
metadata cache (``cache/arxiv.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperweek.cache import arxiv as arxiv_cache
from paperweek.cache.db import bulk_mode, open_cache, select_in, transaction
from paperweek.errors import InputError
from paperweek.index.query import (
    MARK_END,
    MARK_START,
    Hit,
    fts_query,
    one_per_paper,
    query_error,
    suggest,
    tags_of,
)
from paperweek.index.rows import (
    ABSTRACT_CACHE,
    ABSTRACT_FILE,
    ABSTRACT_NONE,
    COLUMNS,
    PAPER_COLUMNS,
    TEXT_COLUMNS,
    IndexRow,
    read_file_rows,
)
from paperweek.index.schema import MIGRATIONS
from paperweek.tags import normalize_tag, rules_signature

if TYPE_CHECKING:
    from paperweek.store import Log

INDEX_VERSION = "2"  # bump when the rows' content changes: every index is then rebuilt once
# bm25 weight of each column, in COLUMNS order: title, summary, abstract, authors, tags. Tags weigh least:
# an automatic tag such as machine-learning must not outrank a paper whose text says "learning".
WEIGHTS = (10.0, 5.0, 2.0, 3.0, 0.5)
SNIPPET_COLUMNS = (1, 2, 3)  # a result's snippet comes from the summary, abstract or authors, never from tags
BULK_HASH_BYTES = 128 * 1024 * 1024  # FTS5 pending-terms memory during a bulk load (fewer, larger segments)
DEFAULT_HASH_BYTES = 1024 * 1024  # FTS5's default
DEFAULT_AUTOMERGE = 4  # FTS5's default; 0 (no merging) while a bulk load writes its few large segments
INSERT_BATCH = 12_500  # rows per FTS5 insert during a large (re)build
PARALLEL_BYTES = 4_000_000  # at least this much YAML to read: parse in worker processes


@dataclass
class RefreshStats:
    """What ``SearchIndex.refresh`` did, with timings (seconds)."""

    files: int = 0
    files_indexed: int = 0
    files_removed: int = 0
    papers_indexed: int = 0
    abstracts_from_cache: int = 0
    full: bool = False
    load_seconds: float = 0.0  # reading and parsing week files (YAML) and building rows
    index_seconds: float = 0.0  # writing SQLite / FTS5
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.files_indexed or self.files_removed or self.abstracts_from_cache)


@dataclass(frozen=True)
class Changes:
    """What ``refresh`` has to do: found by comparing the week files and settings with what was indexed."""

    signature: str  # INDEX_VERSION, the weeks folder and the [tags] settings
    full: bool  # the signature changed: rebuild everything
    present: dict[str, tuple[Path, os.stat_result]]  # week file name -> (path, stat)
    changed: list[str]  # new, or size/mtime differ (hashed when read: same bytes are not re-indexed)
    removed: list[str]
    known_sha: dict[str, str]
    cache_signature: str
    cache_changed: bool  # the arXiv cache got records: abstracts to backfill

    @property
    def up_to_date(self) -> bool:
        return not (self.changed or self.removed or self.full or self.cache_changed)


def _fts_settings(conn: sqlite3.Connection, hash_bytes: int, automerge: int) -> None:
    conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)", (hash_bytes,))
    conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ?)", (automerge,))


@contextlib.contextmanager
def _bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """A big (re)build: a rollback journal instead of WAL (pages written once), FTS5's defaults restored after.

    The load itself sets FTS5 to build its terms in memory into few large segments with no merging
    (``_fts_settings`` inside its transaction, so a killed load leaves the defaults in place).
    """
    with bulk_mode(conn):
        try:
            yield
        finally:
            _fts_settings(conn, DEFAULT_HASH_BYTES, DEFAULT_AUTOMERGE)


# --- the index -------------------------------------------------------------------


class SearchIndex:
    """The search index of one log. Use as a context manager."""

    def __init__(self, log: Log):
        self.log = log
        # the arXiv cache's tables too: abstracts missing from week files are read from them
        self.conn = open_cache(log.cache_dir, arxiv_cache.MIGRATIONS, MIGRATIONS)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- bookkeeping

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM search_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _signature(self) -> str:
        return json.dumps(
            {
                "version": INDEX_VERSION,
                "weeks": str(self.log.weeks_dir.resolve()),
                "tags": rules_signature(self.log.config),
            },
            sort_keys=True,
        )

    # -- refresh

    def refresh(self) -> RefreshStats:
        """Bring the index up to date with the week files (and the arXiv cache)."""
        started = time.perf_counter()
        stats = RefreshStats()
        changes = self._changes()
        stats.files = len(changes.present)
        if changes.up_to_date:
            stats.timings["check"] = time.perf_counter() - started
            return stats
        paths = [changes.present[name][0] for name in changes.changed]
        bulk = _total_bytes(paths) >= PARALLEL_BYTES
        write_started = time.perf_counter()
        with _bulk_load(self.conn) if bulk else contextlib.nullcontext(), transaction(self.conn):
            if bulk:
                _fts_settings(self.conn, BULK_HASH_BYTES, 0)
            self._write(changes, paths, stats)
        stats.index_seconds = time.perf_counter() - write_started
        stats.timings["total"] = time.perf_counter() - started
        return stats

    def _changes(self) -> Changes:
        """What differs from what was indexed: week files (by size and mtime), settings, the arXiv cache."""
        signature = self._signature()
        known = {
            row[0]: (row[1], row[2], row[3])
            for row in self.conn.execute("SELECT file, mtime_ns, size, sha256 FROM search_files")
        }
        present: dict[str, tuple[Path, os.stat_result]] = {}
        for path in self.log.week_files():
            try:
                present[path.name] = (path, path.stat())
            except FileNotFoundError:
                continue
        full = self._meta("signature") != signature
        cache_signature = arxiv_cache.signature(self.conn)
        return Changes(
            signature=signature,
            full=full,
            present=present,
            changed=[
                name
                for name, (_path, st) in present.items()
                if full or name not in known or known[name][:2] != (st.st_mtime_ns, st.st_size)
            ],
            removed=[name for name in known if name not in present],
            known_sha={name: known[name][2] for name in known},
            cache_signature=cache_signature,
            cache_changed=cache_signature != (self._meta("arxiv_cache") or "")
            or arxiv_cache.written_recently(self.conn, cache_signature),
        )

    def _write(self, changes: Changes, paths: list[Path], stats: RefreshStats) -> None:
        """Apply ``changes`` (inside one transaction): drop what went, index what changed, backfill abstracts."""
        conn, full = self.conn, changes.full
        load_started = time.perf_counter()
        if full:
            conn.execute("DELETE FROM search_papers")
            conn.execute("DELETE FROM search_text")
            conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            conn.execute("DELETE FROM search_files")
            stats.full = True
        for name in changes.removed:
            if not full:
                self._drop_file(name)
            conn.execute("DELETE FROM search_files WHERE file = ?", (name,))
        stats.files_removed = len(changes.removed)
        pending: list[IndexRow] = []  # rows inserted in large batches: FTS5 indexes those faster
        # _load parses in worker processes while this loop indexes what has arrived
        for name, sha, rows in self._load(paths, changes.known_sha, full):
            if rows is not None:
                if not full:
                    self._drop_file(name)
                pending.extend(rows)
                stats.files_indexed += 1
                if len(pending) >= INSERT_BATCH:
                    self._insert_batch(pending, stats)
                    pending = []
            st = changes.present[name][1]
            conn.execute(
                "INSERT INTO search_files (file, mtime_ns, size, sha256) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(file) DO UPDATE SET mtime_ns = excluded.mtime_ns, size = excluded.size, "
                "sha256 = excluded.sha256",
                (name, st.st_mtime_ns, st.st_size, sha),
            )
        self._insert_batch(pending, stats)
        stats.load_seconds = time.perf_counter() - load_started
        if changes.cache_changed and not full:
            stats.abstracts_from_cache += self._update_cached_abstracts()
        self._set_meta("signature", changes.signature)
        self._set_meta("arxiv_cache", changes.cache_signature)

    def _insert_batch(self, rows: list[IndexRow], stats: RefreshStats) -> None:
        stats.abstracts_from_cache += self._fill_abstracts(rows)
        self._insert(rows)
        stats.papers_indexed += len(rows)

    def _load(
        self, paths: list[Path], known_sha: dict[str, str], full: bool
    ) -> Iterator[tuple[str, str, list[IndexRow] | None]]:
        """(name, sha256, rows) per file as each is parsed; rows None when the bytes are unchanged."""
        tags_json = json.dumps(self.log.config.section("tags"), default=str)
        jobs = [(str(path), tags_json) for path in paths]
        workers = min(os.cpu_count() or 1, 8, len(jobs))
        results: Iterable[tuple[str, str, list[IndexRow]]]
        if workers > 1 and _total_bytes(paths) >= PARALLEL_BYTES:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(read_file_rows, jobs, chunksize=1)
                yield from self._loaded(paths, results, known_sha, full)
        else:
            yield from self._loaded(paths, map(read_file_rows, jobs), known_sha, full)

    @staticmethod
    def _loaded(
        paths: list[Path], results: Iterable[tuple[str, str, list[IndexRow]]], known_sha: dict[str, str], full: bool
    ) -> Iterator[tuple[str, str, list[IndexRow] | None]]:
        for path, (sha, error, rows) in zip(paths, results, strict=True):
            if error:
                raise InputError(error)
            unchanged = not full and known_sha.get(path.name) == sha
            yield path.name, sha, None if unchanged else rows

    def _drop_file(self, name: str) -> None:
        cols = ", ".join(COLUMNS)
        ids = "SELECT doc_id FROM search_papers WHERE file = ?"
        self.conn.execute(
            f"INSERT INTO search_fts (search_fts, rowid, {cols}) "
            f"SELECT 'delete', doc_id, {cols} FROM search_text WHERE doc_id IN ({ids})",
            (name,),
        )
        self.conn.execute(f"DELETE FROM search_text WHERE doc_id IN ({ids})", (name,))
        self.conn.execute("DELETE FROM search_papers WHERE file = ?", (name,))

    def _insert(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        conn = self.conn
        first = int(conn.execute("SELECT coalesce(max(doc_id), 0) FROM search_papers").fetchone()[0]) + 1
        conn.executemany(
            f"INSERT INTO search_papers ({', '.join(PAPER_COLUMNS)}) VALUES ({', '.join('?' * len(PAPER_COLUMNS))})",
            [row.paper_values(first + i) for i, row in enumerate(rows)],
        )
        conn.executemany(
            f"INSERT INTO search_text ({', '.join(TEXT_COLUMNS)}) VALUES ({', '.join('?' * len(TEXT_COLUMNS))})",
            [row.text_values(first + i) for i, row in enumerate(rows)],
        )
        cols = ", ".join(COLUMNS)
        conn.execute(
            f"INSERT INTO search_fts (rowid, {cols}) SELECT doc_id, {cols} FROM search_text WHERE doc_id >= ?",
            (first,),
        )

    def _fill_abstracts(self, rows: list[IndexRow]) -> int:
        missing = [row for row in rows if row.abstract_source == ABSTRACT_NONE and row.arxiv_id]
        if not missing:
            return 0
        cached = arxiv_cache.abstracts(self.conn, [row.arxiv_id for row in missing if row.arxiv_id])
        for row in missing:
            abstract = cached.get(row.arxiv_id or "")
            if abstract:
                row.abstract = abstract
                row.abstract_source = ABSTRACT_CACHE
        return sum(1 for row in missing if row.abstract_source == ABSTRACT_CACHE)

    def _update_cached_abstracts(self) -> int:
        """Re-read abstracts of papers whose week file has none, after the arXiv cache changed."""
        cols = ", ".join(COLUMNS)
        rows = self.conn.execute(
            f"SELECT p.doc_id, p.arxiv_id, {', '.join('t.' + c for c in COLUMNS)} FROM search_papers p "
            "JOIN search_text t ON t.doc_id = p.doc_id WHERE p.abstract_source != ? AND p.arxiv_id IS NOT NULL",
            (ABSTRACT_FILE,),
        ).fetchall()
        cached = arxiv_cache.abstracts(self.conn, [row["arxiv_id"] for row in rows])
        updated = 0
        for row in rows:
            new = cached.get(row["arxiv_id"], "")
            if new == row["abstract"]:
                continue
            values = [row[c] for c in COLUMNS]
            self.conn.execute(
                f"INSERT INTO search_fts (search_fts, rowid, {cols}) VALUES ('delete', ?, {', '.join('?' * len(COLUMNS))})",
                (row["doc_id"], *values),
            )
            source = ABSTRACT_CACHE if new else ABSTRACT_NONE
            self.conn.execute("UPDATE search_text SET abstract = ? WHERE doc_id = ?", (new, row["doc_id"]))
            self.conn.execute(
                "UPDATE search_papers SET abstract_source = ? WHERE doc_id = ?", (source, row["doc_id"])
            )
            values[COLUMNS.index("abstract")] = new
            self.conn.execute(
                f"INSERT INTO search_fts (rowid, {cols}) VALUES (?, {', '.join('?' * len(COLUMNS))})", (row["doc_id"], *values)
            )
            updated += 1
        return updated

    # -- queries

    def search(
        self,
        query: str,
        tags: Sequence[str] = (),
        year: int | None = None,
        day: dt.date | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """The best ``limit`` matches of ``query`` (user syntax, see ``fts_query``), best first.

        ``tags``: every one must be among the paper's effective tags; ``year``: the
        year the paper's week is listed under; ``day``: only the week holding that day.
        """
        match = fts_query(query)
        where = ["search_fts MATCH ?"]
        params: list[Any] = [match]
        for tag in tags:
            where.append("instr(p.tagset, ?) > 0")
            params.append("|" + normalize_tag(tag) + "|")
        if year is not None:
            where.append("p.year = ?")
            params.append(year)
        if day is not None:
            where.append("p.week <= ? AND p.week_end >= ?")
            params.extend([day.isoformat(), day.isoformat()])
        weights = ", ".join(str(w) for w in WEIGHTS)
        # Without filters, rank from the FTS table alone: joining costs a row read per match.
        join = "JOIN search_papers p ON p.doc_id = search_fts.rowid " if len(where) > 1 else ""
        sql = (
            f"SELECT search_fts.rowid, bm25(search_fts, {weights}) AS score FROM search_fts {join}"
            f"WHERE {' AND '.join(where)} ORDER BY score, search_fts.rowid LIMIT ?"
        )
        try:
            ranked, copies = one_per_paper(self.conn, sql, params, max(0, limit))
        except sqlite3.OperationalError as exc:
            raise query_error(query, exc) from exc
        if not ranked:
            return []
        hits = self._hits(match, ranked)
        for hit, doc_ids in zip(hits, (copies[doc_id] for doc_id, _score in ranked), strict=True):
            if len(doc_ids) > 1:
                hit.tags = tags_of(self.conn, doc_ids)
        return hits

    def _hits(self, match: str, ranked: list[tuple[int, float]]) -> list[Hit]:
        s, e = MARK_START, MARK_END
        snippets = ", ".join(
            f"snippet(search_fts, {i}, '{s}', '{e}', '…', 24) AS snippet_{i}" for i in SNIPPET_COLUMNS
        )
        sql = (
            f"SELECT search_fts.rowid AS doc_id, highlight(search_fts, 0, '{s}', '{e}') AS title_marked, {snippets}, "
            "p.*, t.title_md, t.summary_md, t.released, t.links_json, t.title FROM search_fts "
            "JOIN search_text t ON t.doc_id = search_fts.rowid JOIN search_papers p ON p.doc_id = search_fts.rowid "
            "WHERE search_fts MATCH ? AND search_fts.rowid IN ({marks})"
        )
        ids = [doc_id for doc_id, _score in ranked]
        rows = {int(row["doc_id"]): row for row in select_in(self.conn, sql, ids, before=[match])}
        hits: list[Hit] = []
        for doc_id, score in ranked:
            row = rows.get(doc_id)
            if row is None:
                continue
            texts = [str(row[f"snippet_{i}"] or "") for i in SNIPPET_COLUMNS]
            # The words that matched; else (title or tags only) the opening of the summary or abstract.
            snippet = next((t for t in texts if s in t), None)
            if snippet is None:
                title_hit = s in (row["title_marked"] or "")
                snippet = "" if title_hit else next((t for t in texts[:2] if t.strip()), "")
            tagset = str(row["tagset"]).strip("|")
            hits.append(
                Hit(
                    id=row["paper_id"],
                    arxiv_id=row["arxiv_id"],
                    title=row["title_md"],
                    title_text=row["title"],
                    title_marked=row["title_marked"] or row["title"],
                    summary=row["summary_md"],
                    week=row["week"],
                    week_end=row["week_end"],
                    number=row["number"],
                    released=row["released"],
                    links=json.loads(row["links_json"]),
                    tags=tagset.split("|") if tagset else [],
                    score=round(-score, 4),
                    snippet=snippet,
                )
            )
        return hits

    def suggestion(self, query: str) -> str | None:
        """For a query that matched nothing: the same query with unknown words replaced by the closest indexed ones."""
        return suggest(self.conn, query)

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM search_papers").fetchone()[0])


def _total_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total

