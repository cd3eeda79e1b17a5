"""``paperweek discover`` as a library call: ingest, select, learn from the log, rank, explain, add."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperweek.cache import arxiv as arxiv_cache
from paperweek.cache import candidates
from paperweek.days import week_end
from paperweek.days import week_start as start_of
from paperweek.discover import ingest
from paperweek.discover.backtest import replay_ends
from paperweek.discover.categories import matches
from paperweek.discover.rank import METHODS, DefaultSettings, Doc, Explanation, doc_from_candidate, doc_from_paper, fit_rank
from paperweek.errors import InputError, NetworkError, Param, ParamError
from paperweek.grammar.items import author_names
from paperweek.ids import abs_url
from paperweek.periods import today as config_today
from paperweek.sources.arxiv import ArxivClient
from paperweek.sources.http import RequestFailed
from paperweek.store import dismissed as dismissed_papers

if TYPE_CHECKING:
    from paperweek.models import ArxivRecord
    from paperweek.store import Log

WINDOW_DAYS = 14
BASELINE_BACKGROUND = 50_000  # the baseline trains on "all other papers"; capped so a huge cache stays usable

# (bytes done, bytes total) while ingesting a file; (records, total or None) while paging the API
Progress = Callable[[str, int, int | None], None]


@dataclass
class Result:
    """One ranked candidate."""

    rank: int
    id: str
    score: float
    title: str
    released: str
    categories: list[str]
    authors: list[str]
    abstract: str = ""
    explanation: Explanation | None = None

    @property
    def url(self) -> str:
        return abs_url(self.id)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rank": self.rank,
            "id": self.id,
            "score": round(self.score, 6),
            "title": self.title,
            "released": self.released,
            "categories": self.categories,
            "authors": self.authors,
            "url": self.url,
            "abstract": self.abstract,
        }
        if self.explanation is not None:
            data["explain"] = {
                "closest_id": self.explanation.closest_id,
                "closest_title": self.explanation.closest_title,
                "similarity": round(self.explanation.similarity, 4),
                "terms": self.explanation.terms,
            }
        return data


@dataclass
class DiscoverResult:
    seen: int = 0  # records read from files and the API
    new: int = 0  # of those, not in the cache before
    cut: int = 0  # of those, stored cut to what arXiv allows (``candidates.IngestStats.cut``)
    ranked: int = 0  # candidates ranked
    positives: int = 0  # logged papers learned from
    since: dt.date | None = None
    until: dt.date | None = None
    method: str = "default"
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    fit_seconds: float = 0.0
    generation: str = ""  # the candidates cache's state the results were ranked from
    choice: str = ""  # the default: which views this log's backtest chose (or why the text model alone ranks)
    cached: tuple[int, str, str] = (0, "", "")  # with no candidates in the window: (count, first, last v1 date)


def default_window(today: dt.date, week_start: int) -> tuple[dt.date, dt.date]:
    """The 14 days up to the end of the current week."""
    try:
        end = week_end(start_of(today, week_start))
    except ValueError as exc:
        raise InputError(f"today ({today.isoformat()}): {exc}; give --since/--until or check PAPERWEEK_TODAY") from exc
    return end - dt.timedelta(days=WINDOW_DAYS - 1), end


def search_query(categories: Sequence[str], since: dt.date, until: dt.date) -> str:
    """The API's search_query for papers in ``categories`` submitted in [since, until]."""
    cats = " OR ".join(f"cat:{c}" for c in categories)
    return f"({cats}) AND submittedDate:[{since:%Y%m%d}0000 TO {until:%Y%m%d}2359]"


def row_from_record(record: ArxivRecord, source: str = "arxiv-api") -> candidates.Row:
    """A candidates row from an arXiv API record."""
    return (
        record.id,
        record.title,
        record.abstract,
        ", ".join(record.authors),
        " ".join(record.categories),
        record.comments,
        record.published.isoformat(),
        record.updated.isoformat(),
        source,
    )


def positives_from_log(log: Log, conn: sqlite3.Connection) -> list[Doc]:
    """The log's papers as training documents, each with the best abstract known.

    The abstract comes from the week file, else the arXiv metadata cache (``paperweek add``
    fills it), else the candidates table (an ingested snapshot holds the logged paper too).
    """
    papers = [(week, paper) for week, paper in log.papers() if paper.raw is None]
    ids = [p.id for _, p in papers]
    in_candidates = candidates.lookup(conn, ids)
    missing = {p.id for _, p in papers if not p.abstract} - set(in_candidates)  # only those that need one
    cached = _metadata_abstracts(log.cache_dir, [i for i in ids if i in missing])
    return [
        doc_from_paper(paper, cached=in_candidates.get(paper.id), abstract=cached.get(paper.id, ""),
                       logged=week.last_day)
        for week, paper in papers
    ]


def _metadata_abstracts(cache_dir: Path, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with arxiv_cache.MetadataCache(cache_dir) as cache:
        return {i: r.abstract for i, r in cache.records(ids).items()}


def ingest_arxiv(
    conn: sqlite3.Connection,
    categories: Sequence[str],
    since: dt.date,
    until: dt.date,
    *,
    client: ArxivClient | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> candidates.IngestStats:
    """Page through the API's search for these categories and dates into the candidates table.

    ``client``: the run's arXiv client (the CLI's fetcher: it reports retries); None: a quiet one.

    A query for a range that had already ended when it was fetched in full is answered
    from the cache (no request), the way ``add`` never asks twice for a cached id.
    """
    query = search_query(categories, since, until)
    today = today or dt.date.today()
    done = candidates.fetched_query(conn, query)
    if done is not None and done.complete and done.fetched_on > until:
        return candidates.IngestStats()
    own = client is None
    client = client or ArxivClient()
    records: list[ArxivRecord] = []

    def on_page(count: int, total: int | None) -> None:
        if progress is not None:
            progress("arXiv search", count, total)

    try:
        records.extend(client.search(query, on_page=on_page))
    except RequestFailed as exc:
        # keep what came before the failure: it is a cache, and the next run asks again
        if records:
            candidates.store_rows(conn, (row_from_record(r) for r in records))
        raise NetworkError(f"arXiv search for {', '.join(categories)} failed: {exc}") from exc
    finally:
        if own:
            client.close()
    stats = candidates.store_rows(conn, (row_from_record(r) for r in records))
    candidates.record_query(conn, query, today, len(records))
    return stats


@dataclass
class TrainingSet:
    """What a ranking learns from and ranks."""

    positives: list[Doc]  # the log's papers
    candidates: list[candidates.Candidate]  # the window's, without logged and dismissed papers
    background: list[Doc]  # other ingested papers (negatives)
    history: list[Doc] = field(default_factory=list)  # cached papers of the backtest's replayed windows
    dismissed: list[Doc] = field(default_factory=list)  # papers the curator dismissed (negatives)


def training_set(
    log: Log,
    conn: sqlite3.Connection,
    since: dt.date | None,
    until: dt.date | None,
    method: str,
    categories: Sequence[str] = (),
) -> TrainingSet:
    """What a ranking learns from and ranks.

    With ``categories``, only candidates carrying one of them are ranked (the background
    stays whole: it is what the curator's papers are told apart from). Dismissed papers are
    never ranked; they are negatives.
    """
    positives = positives_from_log(log, conn)  # after ingesting: their abstracts may have come in
    logged = {d.id for d in positives} | set(log.arxiv_ids())  # a paper logged under another id, by its link
    dismissed = set(dismissed_papers.read(log))
    cands = [c for c in candidates.select_candidates(conn, since, until, exclude=logged | dismissed)
             if matches(c.category_list, categories)]
    out = TrainingSet(positives, cands, [])
    if not cands:
        return out
    limit = BASELINE_BACKGROUND if method == "baseline" else DefaultSettings().background
    skip = logged | dismissed | {c.id for c in cands}
    out.background = [doc_from_candidate(c) for c in candidates.sample_background(conn, limit, exclude=skip)]
    out.dismissed = [doc_from_candidate(c) for c in candidates.lookup(conn, dismissed).values()]
    if method == "default" and until is not None:
        ends = replay_ends(positives, until)
        if ends:
            days = (until - since).days + 1 if since is not None else WINDOW_DAYS
            first = ends[0] - dt.timedelta(days=days - 1)
            out.history = [doc_from_candidate(c) for c in candidates.select_candidates(conn, first, ends[-1])
                           if matches(c.category_list, categories)]
    return out


def discover(
    log: Log,
    *,
    files: Sequence[Path] = (),
    arxiv: Sequence[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    top: int = 20,
    method: str = "default",
    explain: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    arxiv_client: ArxivClient | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> DiscoverResult:
    """Ingest ``files`` (and the API for ``arxiv`` categories), then rank the window's candidates."""
    started = time.perf_counter()
    if method not in METHODS:
        raise ParamError(Param("method"), f" {method!r}: use one of {', '.join(METHODS)}")
    if top < 1:
        raise ParamError(Param("top"), f" {top}: give a number of results of at least 1")
    if since is not None and until is not None and until < since:
        raise ParamError(Param("until"), f" {until} is before ", Param("since"), f" {since}")
    for path in files:
        if not path.is_file():
            raise InputError(f"{path}: no such file; give a JSON-lines file (plain or .gz) to --candidates")
    day = today or config_today()
    result = DiscoverResult(method=method)
    conn = candidates.open_db(log.cache_dir)
    try:
        if not any(paper.raw is None for _, paper in log.papers()):
            raise InputError("the log has no papers to learn from; add a few with `paperweek add` first")
        for path in files:
            total = path.stat().st_size

            def file_progress(done: int, name: str = path.name, total: int = total) -> None:
                if progress is not None:
                    progress(f"reading {name}", done, total)

            began = time.perf_counter()
            stats = ingest.ingest_file(conn, path, file_progress)
            result.seen += stats.seen
            result.new += stats.new
            result.cut += stats.cut
            if on_stage is not None:
                secs = time.perf_counter() - began
                on_stage(f"ingested {path.name}: {stats.seen:,} records ({stats.new:,} new, {stats.updated:,} updated) "
                         f"in {secs:.1f} s, {candidates.count(conn):,} candidates in the cache")
        if since is None:
            since, until = default_window(day, log.config.week_start)
        if arxiv:
            stats = ingest_arxiv(conn, arxiv, since, until or day, client=arxiv_client, progress=progress,
                                 today=day)
            result.seen += stats.seen
            result.new += stats.new
            result.cut += stats.cut
        result.since, result.until = since, until
        ts = training_set(log, conn, since, until, method, arxiv)
        cands = ts.candidates
        result.ranked = len(cands)
        result.positives = len(ts.positives)
        result.generation = candidates.generation(conn)
        if not cands:
            result.cached = candidates.released_range(conn)
        else:
            if on_stage is not None:
                on_stage(f"ranking {len(cands):,} candidates against {len(ts.positives):,} logged papers"
                         + (f" and {len(ts.dismissed):,} dismissed" if ts.dismissed else ""))
            docs = [doc_from_candidate(c) for c in cands]
            window = (until - since).days + 1 if until is not None else WINDOW_DAYS
            ranking = fit_rank(method, ts.positives, docs, [*ts.dismissed, *ts.background], as_of=until or day,
                               history=ts.history, window_days=window)
            result.fit_seconds = ranking.fit_seconds
            result.choice = ranking.choice.summary() if ranking.choice is not None else ""
            for n, i in enumerate(ranking.order()[:top], start=1):
                c = cands[i]
                result.results.append(
                    Result(
                        rank=n,
                        id=c.id,
                        score=float(ranking.scores[i]),
                        title=ingest.one_line(c.title),
                        released=c.released,
                        categories=c.category_list,
                        authors=author_names(ingest.one_line(c.authors)),
                        abstract=ingest.one_line(c.abstract),
                        explanation=ranking.explain(i) if explain else None,
                    )
                )
    finally:
        conn.close()
    result.seconds = time.perf_counter() - started
    return result
