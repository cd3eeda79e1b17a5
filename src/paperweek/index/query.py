"""What the user typed and what a search gives back: the FTS5 query, hits, suggestions.

``fts_query`` turns the user's words into FTS5 syntax; ``suggest`` proposes
the closest indexed words for a query that matches nothing ("did you mean
diffusion?"), comparing stems the way the index stores them.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from paperweek.cache.db import select_in
from paperweek.errors import InputError
from paperweek.index.rows import COLUMNS

MARK_START = "\x02"  # highlight markers in Hit.title_marked and Hit.snippet
MARK_END = "\x03"
TOKENIZER = "porter unicode61 remove_diacritics 2"  # stems: "learn" finds "learning", as the site does


# --- results -------------------------------------------------------------------


@dataclass
class Hit:
    """One search result."""

    id: str
    arxiv_id: str | None
    title: str  # inline Markdown, as stored
    title_text: str  # plain text
    title_marked: str  # plain text with MARK_START/MARK_END around matches
    summary: str
    week: str
    week_end: str
    number: int
    released: str | None
    links: list[dict[str, str]]
    tags: list[str]
    score: float
    snippet: str  # plain text with markers; "" when only the title matched

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "title_text": self.title_text,
            "summary": self.summary,
            "week": self.week,
            "week_end": self.week_end,
            "number": self.number,
            "released": self.released,
            "links": self.links,
            "tags": self.tags,
            "score": self.score,
            "snippet": self.snippet.replace(MARK_START, "").replace(MARK_END, ""),
        }


def one_per_paper(
    conn: sqlite3.Connection, sql: str, params: list[Any], limit: int
) -> tuple[list[tuple[int, float]], dict[int, list[int]]]:
    """The best ``limit`` (doc_id, score) rows of ``sql`` (its last parameter: a LIMIT), one per paper.

    A paper logged under several topics (or twice) is one result, at its best-ranked copy;
    ``copies`` maps that row to every matching row of the paper.
    """
    fetch = limit
    while True:
        rows = conn.execute(sql, [*params, fetch]).fetchall()
        owners = {
            int(r[0]): str(r[1])
            for r in select_in(conn, "SELECT doc_id, paper_id FROM search_papers WHERE doc_id IN ({marks})",
                               [int(r[0]) for r in rows])
        }
        first: dict[str, int] = {}
        ranked: list[tuple[int, float]] = []
        copies: dict[int, list[int]] = {}
        for doc_id, score in ((int(r[0]), float(r[1])) for r in rows):
            paper = owners.get(doc_id, str(doc_id))
            if paper in first:
                copies[first[paper]].append(doc_id)
                continue
            first[paper] = doc_id
            copies[doc_id] = [doc_id]
            ranked.append((doc_id, score))
        if len(rows) < fetch or len(ranked) >= limit:
            return ranked[:limit], copies
        fetch *= 2


def tags_of(conn: sqlite3.Connection, doc_ids: list[int]) -> list[str]:
    """The tags of several rows of one paper, in the order they were logged."""
    tags: dict[str, None] = {}
    for row in select_in(conn, "SELECT tagset FROM search_papers WHERE doc_id IN ({marks}) ORDER BY doc_id", doc_ids):
        tags.update(dict.fromkeys(t for t in str(row[0]).strip("|").split("|") if t))
    return list(tags)


# --- the user's query -----------------------------------------------------------

_BAREWORD = re.compile(r"\w+\*?", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT"}


def fts_query(text: str) -> str:
    """The user's query as an FTS5 query.

    FTS5 syntax is kept (``"phrases"``, ``prefix*``, ``AND``/``OR``/``NOT``,
    parentheses, ``NEAR(...)``, ``title:word``); a word holding punctuation
    (``GPT-4``, ``in-context``, ``cs.CL``) becomes a phrase, so it searches for
    what it says instead of being a syntax error.
    """
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            j = i + 1
            while True:
                j = text.find('"', j)
                if j == -1:
                    raise InputError(f"search query {text!r}: a quote (\") is not closed; close it or remove it")
                if j + 1 < n and text[j + 1] == '"':
                    j += 2
                    continue
                break
            end = j + 1
            if end < n and text[end] == "*":
                end += 1
            out.append(text[i:end])
            i = end
            continue
        if ch in "()^+":
            out.append(ch)
            i += 1
            continue
        if ch == "{":
            j = text.find("}", i)
            j = n if j == -1 else j + 1
            out.append(text[i:j])
            i = j
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in '"()':
            j += 1
        word = text[i:j]
        i = j
        column, sep, rest = word.partition(":")
        if sep and column.lower() in COLUMNS:
            out.append(f"{column.lower()} :")
            word = rest
            if not word:
                continue
        if word in _OPERATORS or (word == "NEAR" and i < n and text[i] == "(") or _BAREWORD.fullmatch(word):
            out.append(word)
        else:
            star = word.endswith("*")
            stem = word[:-1] if star else word
            out.append('"' + stem.replace('"', '""') + '"' + ("*" if star else ""))
    query = " ".join(out)
    if not query.strip():
        raise InputError("search: give words to search for, e.g. paperweek search diffusion")
    return query


def query_error(query: str, exc: sqlite3.OperationalError) -> Exception:
    message = str(exc)
    if "fts5" in message or "syntax error" in message or "unterminated" in message or "no such column" in message:
        reason = message.removeprefix("fts5: ")
        if reason == 'syntax error near ""':
            reason = "the query ends too early (an operator or parenthesis without its other side)"
        return InputError(
            f"search query {query!r}: {reason}; use words, \"quoted phrases\", prefix* and AND / OR / NOT "
            "(see docs/commands/search.md)"
        )
    return exc



# --- "did you mean" ---------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # a token as FTS5's unicode61 tokenizer cuts it
SUGGEST_CUTOFF = 0.7  # difflib similarity of two stems for one to be a candidate for the other


def suggest(conn: sqlite3.Connection, query: str) -> str | None:
    """The query with each word the index lacks replaced by the closest indexed word (None: no better query).

    Words are compared as stems, the form the index stores ("difusion" -> "difus" ~ "diffus"),
    and a stem is shown as the word most often written for it in the log ("diffusion").
    A column prefix (``title:``) is kept as typed, and the word after it is matched against
    that column's words only: ``authors:smoth`` is Smith, not the title word "smooth".
    """
    places = _query_words(query)
    words = [word for _start, _end, word, _column in places]
    if not words:
        return None
    stems = _stems(conn, words)
    vocabs: dict[str | None, dict[str, int]] = {}
    replaced: dict[int, str] = {}
    for start, _end, word, column in places:
        stem = stems.get(word.lower())
        if column not in vocabs:
            vocabs[column] = _vocabulary(conn, column)
        vocab = vocabs[column]
        if not stem or stem in vocab:
            continue
        # near stems, then judged by the words as written: "segmantation" is "segmentation", not "semantic";
        # fewest edits from what was typed, then the stem more papers use ("modle": model, not module)
        written = [(form, vocab[c]) for c in _closest(stem, vocab) for form in _surfaces(conn, c, column)]
        if written:
            replaced[start] = min(written, key=lambda fw: (edit_distance(word.lower(), fw[0]), -fw[1]))[0]
    if not replaced:
        return None
    out, last = [], 0
    for start, end, word, _column in places:
        out.append(query[last:start] + replaced.get(start, word))
        last = end
    return "".join(out) + query[last:]


def _query_words(query: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, word, column) for each word to check: operators and column names are not words,
    and a word right after ``column:`` carries that column."""
    found: list[tuple[int, int, str, str | None]] = []
    column: str | None = None
    for match in _WORD.finditer(query):
        word, end = match.group(0), match.end()
        if end < len(query) and query[end] == ":" and word.lower() in COLUMNS:
            column = word.lower()
            continue
        scoped = column if column and query[match.start() - 1] == ":" else None
        column = None
        if word not in _OPERATORS and word != "NEAR":
            found.append((match.start(), end, word, scoped))
    return found


def _vocabulary(conn: sqlite3.Connection, column: str | None) -> dict[str, int]:
    """Indexed stem -> papers using it, in one column or (None) in any."""
    if column is None:
        rows = conn.execute("SELECT term, doc FROM search_terms")
    else:
        rows = conn.execute("SELECT term, doc FROM search_term_columns WHERE col = ?", (column,))
    return {str(term): int(docs) for term, docs in rows}


def _stems(conn: sqlite3.Connection, words: list[str]) -> dict[str, str]:
    """word (lower case) -> its stem, from the same tokenizer as the index (no stemmer of our own)."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe USING fts5(word, tokenize='{TOKENIZER}')")
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe_terms USING fts5vocab(temp, stem_probe, instance)")
    conn.execute("DELETE FROM temp.stem_probe")
    conn.executemany("INSERT INTO temp.stem_probe (rowid, word) VALUES (?, ?)", list(enumerate(words, start=1)))
    stems: dict[str, str] = {}
    for term, doc, _column, offset in conn.execute("SELECT term, doc, col, offset FROM temp.stem_probe_terms"):
        if offset == 0:
            stems[words[int(doc) - 1].lower()] = str(term)
    conn.execute("DELETE FROM temp.stem_probe")
    return stems


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _closest(stem: str, vocab: dict[str, int]) -> list[str]:
    """Indexed stems like ``stem`` (at most a handful)."""
    pool = [t for t in vocab if abs(len(t) - len(stem)) <= 2 and not t.isdigit()]
    return difflib.get_close_matches(stem, pool, n=20, cutoff=SUGGEST_CUTOFF)


def _surfaces(conn: sqlite3.Connection, stem: str, only: str | None = None) -> list[str]:
    """The words written in the log for ``stem`` (lower case, most used first), read back from the indexed text
    (of column ``only`` when given)."""
    seen: Counter[str] = Counter()
    sql, args = "SELECT doc, col, offset FROM search_term_places WHERE term = ?", [stem]
    if only is not None:
        sql, args = sql + " AND col = ?", [stem, only]
    for doc, column, offset in conn.execute(sql + " LIMIT 20", args).fetchall():
        if column not in COLUMNS:
            continue
        text = conn.execute(f"SELECT {column} FROM search_text WHERE doc_id = ?", (doc,)).fetchone()
        tokens = _WORD.findall(str(text[0])) if text else []
        if int(offset) < len(tokens):
            seen[tokens[int(offset)].lower()] += 1
    words = [word for word, _count in seen.most_common()]
    stems = _stems(conn, words) if words else {}
    return [word for word in words if stems.get(word) == stem]  # a token cut differently is not offered
