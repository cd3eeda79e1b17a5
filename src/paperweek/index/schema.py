"""The search index's tables (namespace "search"), as ordered migrations in a ``cache.db.Migrations``
registry: the index is a cache, so a new layout drops the old tables and rebuilds them.

They are made here rather than in ``paperweek.cache`` because their columns are the index's
rows (``rows.COLUMNS``) and its tokenizer (``query.TOKENIZER``); only ``paperweek.index`` reads them.
"""

from __future__ import annotations

import sqlite3

from paperweek.cache.db import Migrations
from paperweek.index.query import TOKENIZER
from paperweek.index.rows import COLUMNS

MIGRATIONS = Migrations("search")


@MIGRATIONS.step
def m001_search_tables(conn: sqlite3.Connection) -> None:
    for old in ("search_fts", "search_docs", "search_files", "search_meta"):  # a pre-release layout, if any
        conn.execute(f"DROP TABLE IF EXISTS {old}")
    conn.execute(
        "CREATE TABLE search_files (file TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, "
        "size INTEGER NOT NULL, sha256 TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE search_papers (doc_id INTEGER PRIMARY KEY, file TEXT NOT NULL, week TEXT NOT NULL, "
        "week_end TEXT NOT NULL, year INTEGER NOT NULL, position INTEGER NOT NULL, number INTEGER NOT NULL, "
        "paper_id TEXT NOT NULL, arxiv_id TEXT, tagset TEXT NOT NULL, abstract_source INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX search_papers_file ON search_papers (file)")
    # Small columns first: a result's display fields are read without walking past the abstract.
    conn.execute(
        "CREATE TABLE search_text (doc_id INTEGER PRIMARY KEY, title_md TEXT NOT NULL, summary_md TEXT NOT NULL, "
        "released TEXT, links_json TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, "
        "abstract TEXT NOT NULL, authors TEXT NOT NULL, links TEXT NOT NULL, tags TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, abstract, authors, links, tags, "
        "content='search_text', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@MIGRATIONS.step
def m002_stemmed_text(conn: sqlite3.Connection) -> None:
    """Porter stemming, no links column (the site's search has none), vocabulary tables for suggestions."""
    for old in ("search_fts", "search_text", "search_papers", "search_files", "search_meta"):
        conn.execute(f"DROP TABLE IF EXISTS {old}")
    conn.execute(
        "CREATE TABLE search_files (file TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, "
        "size INTEGER NOT NULL, sha256 TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE search_papers (doc_id INTEGER PRIMARY KEY, file TEXT NOT NULL, week TEXT NOT NULL, "
        "week_end TEXT NOT NULL, year INTEGER NOT NULL, position INTEGER NOT NULL, number INTEGER NOT NULL, "
        "paper_id TEXT NOT NULL, arxiv_id TEXT, tagset TEXT NOT NULL, abstract_source INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX search_papers_file ON search_papers (file)")
    # Small columns first: a result's display fields are read without walking past the abstract.
    conn.execute(
        "CREATE TABLE search_text (doc_id INTEGER PRIMARY KEY, title_md TEXT NOT NULL, summary_md TEXT NOT NULL, "
        "released TEXT, links_json TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, "
        "abstract TEXT NOT NULL, authors TEXT NOT NULL, tags TEXT NOT NULL)"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({', '.join(COLUMNS)}, "
        f"content='search_text', content_rowid='doc_id', tokenize='{TOKENIZER}')"
    )
    conn.execute("CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, row)")
    conn.execute("CREATE VIRTUAL TABLE search_term_places USING fts5vocab(search_fts, instance)")
    conn.execute("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@MIGRATIONS.step
def m003_column_terms(conn: sqlite3.Connection) -> None:
    """Each column's words, so a typo after ``title:`` is corrected from titles (a view: no data to build)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_term_columns USING fts5vocab(search_fts, col)")
