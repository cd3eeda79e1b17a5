"""LLM answers (namespace "summarize"): table ``summarize_llm``.

The one module that reads and writes it. An answer is keyed by a hash of the
endpoint, model, settings and exact messages (``LLMDrafter`` makes the key), so
asking the same question again costs no request.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from paperweek.cache.db import Migrations, open_cache, transaction

# The name before steps were named mNNN_what (caches made by paperweek up to 2026-12 recorded it).
MIGRATIONS = Migrations("summarize", renamed={"create_llm_cache": "m001_llm_answers"})


@MIGRATIONS.step
def m001_llm_answers(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE summarize_llm (key TEXT PRIMARY KEY, model TEXT NOT NULL, answer TEXT NOT NULL, "
        "created TEXT NOT NULL)"
    )


def cached_answer(cache_dir: Path, key: str) -> str | None:
    """The answer stored under ``key``, if any."""
    conn = open_cache(cache_dir, MIGRATIONS)
    try:
        row = conn.execute("SELECT answer FROM summarize_llm WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else None


def store_answer(cache_dir: Path, key: str, model: str, answer: str) -> None:
    """Keep ``answer`` (from ``model``) under ``key``, replacing an older one."""
    conn = open_cache(cache_dir, MIGRATIONS)
    try:
        with transaction(conn):
            conn.execute(
                "INSERT OR REPLACE INTO summarize_llm (key, model, answer, created) VALUES (?, ?, ?, ?)",
                (key, model, answer, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
    finally:
        conn.close()
