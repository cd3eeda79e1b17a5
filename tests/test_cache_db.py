"""The cache database: one file, one owner per table, migrations named one way.

A cache made by an earlier paperweek (whose discovery and LLM steps were named
``create_*``) opens without running a step twice; a damaged arXiv record is a
cache miss everywhere (it used to be a traceback in ``add`` and silently skipped
in ``export``); ``select_in`` chunks long id lists.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sqlite3
from pathlib import Path

import pytest
import synthetic_curator
from conftest import SHARED, run_cli

from paperweek.cache import answers, arxiv, candidates, db
from paperweek.discover import ingest
from paperweek.models import Week
from paperweek.store import open_log

SAMPLE = SHARED / "data" / "arxiv-sample-2026.jsonl.gz"

# What paperweek up to commit 8225f15 ran on a fresh cache: the same tables, the steps recorded
# under their names of then (namespace "discover" and "summarize" used create_* names).
OLD_LAYOUT = [
    "CREATE TABLE migrations (namespace TEXT NOT NULL, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (namespace, name))",
    "CREATE TABLE arxiv_records (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
    "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))",
    "CREATE TABLE hf_papers (id TEXT PRIMARY KEY, github_repo TEXT NOT NULL, "
    "fetched_at TEXT NOT NULL DEFAULT (datetime('now')))",
    "CREATE TABLE discover_candidates (id TEXT PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL, "
    "authors TEXT NOT NULL, categories TEXT NOT NULL, comments TEXT NOT NULL, released TEXT NOT NULL,"
    "updated TEXT NOT NULL,source TEXT NOT NULL)",
    "CREATE INDEX discover_candidates_released ON discover_candidates (released)",
    "CREATE TABLE discover_queries (query TEXT PRIMARY KEY, fetched_on TEXT NOT NULL, "
    "complete INTEGER NOT NULL, records INTEGER NOT NULL)",
    "CREATE TABLE discover_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE summarize_llm (key TEXT PRIMARY KEY, model TEXT NOT NULL, answer TEXT NOT NULL, "
    "created TEXT NOT NULL)",
]
OLD_STEPS = [
    ("arxiv", "m001_arxiv_records"),
    ("arxiv", "m002_hf_papers"),
    ("discover", "create_candidates"),
    ("discover", "create_queries"),
    ("discover", "create_meta"),
    ("summarize", "create_llm_cache"),
]


def sample_rows(n: int) -> list[candidates.Row]:
    with gzip.open(SAMPLE, "rb") as fh:
        return [ingest.record_row(json.loads(line), "old.jsonl.gz") for line in itertools.islice(fh, n)]


def make_old_cache(cache_dir: Path, rows: list[candidates.Row]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    assert not (cache_dir / db.CACHE_FILE).exists()
    conn = sqlite3.connect(cache_dir / db.CACHE_FILE)
    with conn:
        for statement in OLD_LAYOUT:
            conn.execute(statement)
        conn.executemany("INSERT INTO migrations (namespace, name) VALUES (?, ?)", OLD_STEPS)
        conn.executemany(f"INSERT INTO discover_candidates VALUES ({', '.join('?' * 9)})", rows)
        conn.execute("INSERT INTO discover_meta VALUES ('generation', 'old-generation')")
        conn.execute("INSERT INTO summarize_llm VALUES ('a-key', 'some-model', 'An answer from before.', '2026-11-30')")
    conn.close()


def steps_recorded(cache_dir: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(cache_dir / db.CACHE_FILE)
    try:
        return sorted(conn.execute("SELECT namespace, name FROM migrations"))
    finally:
        conn.close()


@pytest.fixture
def old_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[candidates.Row]]:
    """A log of 40 papers from the sample, and a cache of the old layout holding 1,500 more as candidates."""
    rows = sample_rows(1540)
    root = tmp_path / "log"
    root.mkdir()
    (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    log = open_log(root)
    with log.locked():
        for row in rows[:40]:
            c = candidates.Candidate(*row)
            day = c.released_date
            assert day is not None
            log.save_week(Week(start=day, papers=[synthetic_curator.logged_paper(c)]))
    make_old_cache(root / ".paperweek", rows[40:])
    monkeypatch.setenv("PAPERWEEK_TODAY", "2026-03-01")
    return root, rows[40:]


def test_a_cache_made_by_the_previous_version_opens(old_log: tuple[Path, list[candidates.Row]]) -> None:
    root, stored = old_log
    released = sorted(r[6] for r in stored)
    result = run_cli("--dir", root, "discover", "--since", released[0], "--until", released[-1], "--json", "--top", "5")
    assert result.exit_code == 0, result.output
    assert "already exists" not in result.output
    found = [r["id"] for r in json.loads(result.stdout)]
    assert len(found) == 5 and set(found) <= {r[0] for r in stored}  # ranked from the candidates stored then
    # the search index and the arXiv tables open on the same file; nothing ran twice
    assert run_cli("--dir", root, "search", "the").exit_code == 0
    cache_dir = root / ".paperweek"
    assert answers.cached_answer(cache_dir, "a-key") == "An answer from before."
    recorded = steps_recorded(cache_dir)
    assert [s for s in recorded if s[0] != "search"] == sorted(OLD_STEPS)  # the old names stand for the new steps
    assert ("search", "m002_stemmed_text") in recorded
    conn = candidates.open_db(cache_dir)
    try:
        assert candidates.generation(conn) == "old-generation"  # a listing saved then is still current
        assert candidates.count(conn) == len(stored)
    finally:
        conn.close()


def test_a_fresh_cache_records_the_new_names(tmp_path: Path) -> None:
    conn = candidates.open_db(tmp_path)
    conn.close()
    answers.cached_answer(tmp_path, "nothing")
    assert [name for ns, name in steps_recorded(tmp_path) if ns in ("discover", "summarize")] == [
        "m001_candidates", "m002_queries", "m003_meta", "m001_llm_answers",
    ]  # fmt: skip


def test_a_step_named_another_way_is_refused() -> None:
    registry = db.Migrations("example")

    def m001_first(conn: sqlite3.Connection) -> None: ...
    def create_second(conn: sqlite3.Connection) -> None: ...
    def m003_third(conn: sqlite3.Connection) -> None: ...

    registry.step(m001_first)
    with pytest.raises(ValueError, match="m002_<what>"):
        registry.step(create_second)
    with pytest.raises(ValueError, match="m002_<what>"):
        registry.step(m003_third)  # a gap: steps are numbered in order
    assert registry.names == ["m001_first"]


def test_select_in_reads_every_chunk_once(tmp_path: Path) -> None:
    conn = candidates.open_db(tmp_path)
    try:
        rows = sample_rows(1234)
        candidates.store_rows(conn, rows)
        ids = [r[0] for r in rows]
        wanted = [*ids, *ids[:100], "not-there"]  # repeats and a missing id
        got = [row[0] for row in db.select_in(conn, "SELECT id FROM discover_candidates WHERE id IN ({marks})", wanted)]
        assert sorted(got) == sorted(ids)
        found = candidates.lookup(conn, wanted)
        assert set(found) == set(ids) and found[ids[7]] == candidates.Candidate(*rows[7])
    finally:
        conn.close()


def test_a_damaged_arxiv_record_is_a_cache_miss(log_dir: Path) -> None:
    """``add --offline`` used to end in a traceback (JSONDecodeError) on a damaged row, while ``export``
    skipped it; now every reader treats it as not cached."""
    conn = db.open_cache(log_dir / ".paperweek", arxiv.MIGRATIONS)
    with conn:
        conn.execute("INSERT INTO arxiv_records (id, data) VALUES ('2404.99998', '{\"id\": \"2404.99998\", \"tit')")
    conn.close()
    added = run_cli("--dir", log_dir, "add", "--offline", "2404.99998")
    assert added.exit_code == 1 and "Traceback" not in added.output, added.output
    assert "not in the local cache (--offline)" in added.stderr
    assert run_cli("--dir", log_dir, "export", "--format", "csv").exit_code == 0
