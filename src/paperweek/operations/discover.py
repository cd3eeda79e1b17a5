"""``discover``: rank new arXiv papers by what this log highlights, and add some of them by rank.

The ranking itself is ``paperweek.discover`` (ingest, features, the per-log backtest, rankers);
this module is the command: it refuses early when the ``discover`` extra is not installed,
remembers the listing it printed (with the ranking options it was printed with) so that
``--add 1,3`` and ``--dismiss 2`` can name ranks, and adds through ``add``'s path.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from typing import Any

from paperweek.cache import candidates
from paperweek.discover import listing
from paperweek.discover.categories import parse_categories
from paperweek.discover.listing import RANKING_OPTIONS, parse_add
from paperweek.discover.run import DiscoverResult, Progress, Result
from paperweek.discover.run import discover as _rank
from paperweek.errors import MissingDependency
from paperweek.operations.add import AddResult, add_arxiv
from paperweek.operations.fetcher import Fetcher
from paperweek.periods import period_start, today
from paperweek.store import Log, dismissed
from paperweek.summarize.text import split_sentences

__all__ = [
    "RANKING_OPTIONS",
    "DiscoverResult",
    "Progress",
    "Result",
    "add_ranked",
    "discover_papers",
    "dismiss_ranked",
    "parse_add",
    "parse_categories",
    "require_extra",
    "split_sentences",
]

# what ``pip install 'paperweek[discover]'`` brings; the rankers import them on first use
EXTRA_MODULES = {"sklearn": "scikit-learn", "numpy": "numpy"}

def require_extra() -> None:
    """Refuse, saying what to install, when the rankers' libraries are missing (they are an extra)."""
    missing = [package for module, package in EXTRA_MODULES.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise MissingDependency(
            f"discover needs the optional libraries of paperweek[discover] (missing: {', '.join(missing)}); "
            "install them with: pip install 'paperweek[discover]'"
        )


def discover_papers(
    log: Log, /, *args: Any, listing_options: Mapping[str, Any] | None = None, **kwargs: Any
) -> DiscoverResult:
    """Rank (the parameters of ``paperweek.discover.run.discover``: files, arxiv, since, until, top,
    method, explain, ...), checked for the extra first; the listing is saved with ``listing_options``
    (the ranking options as given) so that a later ``--add`` repeating them can be checked."""
    require_extra()
    result = _rank(log, *args, **kwargs)
    if result.results:
        listing.save(
            log.cache_dir, [r.id for r in result.results], result.generation, result.since, result.until,
            dict(listing_options or {}),
        )
    return result


def _listed_ids(log: Log, items: Sequence[int | str], given: Mapping[str, Any], verb: str) -> tuple[list[str], str]:
    """The arXiv ids ``items`` name (ranks of the saved listing, or ids), and what the check of the
    repeated ranking options ``given`` says ('' when none were repeated); refuses options that differ."""
    matched = listing.check_options(listing.load(log.cache_dir), dict(given), verb)
    generation = ""
    if any(isinstance(i, int) for i in items) and (log.cache_dir / listing.FILE).exists():
        conn = candidates.open_db(log.cache_dir)
        try:
            generation = candidates.generation(conn)
        finally:
            conn.close()
    return listing.resolve(log.cache_dir, items, generation, verb), matched


def dismiss_ranked(
    log: Log, items: Sequence[int | str], given: Mapping[str, Any] | None = None
) -> tuple[list[str], list[str], str]:
    """Never show these papers again (kept in the log's ``dismissed.txt``): returns the ids named,
    those newly dismissed, and what the check of repeated ranking options said."""
    ids, matched = _listed_ids(log, items, given or {}, "dismiss")
    return ids, dismissed.add(log, ids, today()), matched


def add_ranked(
    log: Log,
    items: Sequence[int | str],
    given: Mapping[str, Any] | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[AddResult, int, str]:
    """Add arXiv ids, or ranks of the listing ``discover_papers`` saved last, to the current period.

    ``items`` come from ``parse_add`` ("1,3,2404.11018"); ``given`` are ranking options repeated
    from the listing's command (refused when they differ). Returns what ``add_arxiv`` did, how many
    papers were asked for, and what the options check said.
    """
    ids, matched = _listed_ids(log, items, given or {}, "add")
    week = period_start(today(), log.config.period, log.config.week_start)
    return add_arxiv(log, ids, week=week, fetcher=fetcher), len(ids), matched
