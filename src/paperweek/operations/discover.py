"""``discover``: rank new arXiv papers by what this log highlights, and add some of them by rank.

The ranking itself is ``paperweek.discover`` (ingest, features, rankers); this module is the
command: it refuses early when the ``discover`` extra is not installed, remembers the listing it
printed so that ``--add 1,3`` can name ranks, and adds through ``add``'s path.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec

from paperweek.cache import candidates
from paperweek.config import today
from paperweek.discover import listing
from paperweek.discover.categories import parse_categories
from paperweek.discover.listing import parse_add
from paperweek.discover.run import DiscoverResult, Progress, Result
from paperweek.discover.run import discover as _rank
from paperweek.errors import MissingDependency
from paperweek.operations.add import AddResult, add_arxiv
from paperweek.periods import period_start
from paperweek.store import Log
from paperweek.summarize.text import split_sentences

__all__ = [
    "DiscoverResult",
    "Progress",
    "Result",
    "add_ranked",
    "discover_papers",
    "parse_add",
    "parse_categories",
    "require_extra",
    "split_sentences",
]

# what ``pip install 'paperweek[discover]'`` brings; the rankers import them on first use
EXTRA_MODULES = {"sklearn": "scikit-learn", "numpy": "numpy"}

P = ParamSpec("P")


def require_extra() -> None:
    """Refuse, saying what to install, when the rankers' libraries are missing (they are an extra)."""
    missing = [package for module, package in EXTRA_MODULES.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise MissingDependency(
            f"discover needs the optional libraries of paperweek[discover] (missing: {', '.join(missing)}); "
            "install them with: pip install 'paperweek[discover]'"
        )


def _remembering(rank: Callable[Concatenate[Log, P], DiscoverResult]) -> Callable[Concatenate[Log, P], DiscoverResult]:
    """The ranker, checked for its extra first and saving its listing after (the ranks ``add_ranked`` reads)."""

    @functools.wraps(rank)
    def discover_papers(log: Log, /, *args: P.args, **kwargs: P.kwargs) -> DiscoverResult:
        require_extra()
        result = rank(log, *args, **kwargs)
        if result.results:
            listing.save(log.cache_dir, [r.id for r in result.results], result.generation, result.since, result.until)
        return result

    discover_papers.__name__ = discover_papers.__qualname__ = "discover_papers"
    return discover_papers


# Same parameters as paperweek.discover.run.discover (files, arxiv, since, until, top, method, explain, ...).
discover_papers = _remembering(_rank)


def add_ranked(
    log: Log, items: Sequence[int | str], on_retry: Callable[[str], None] | None = None
) -> tuple[AddResult, int]:
    """Add arXiv ids, or ranks of the listing ``discover_papers`` saved last, to the current period.

    ``items`` come from ``parse_add`` ("1,3,2404.11018"). Returns what ``add_arxiv`` did and how many
    papers were asked for.
    """
    generation = ""
    if any(isinstance(i, int) for i in items) and (log.cache_dir / listing.FILE).exists():
        conn = candidates.open_db(log.cache_dir)
        try:
            generation = candidates.generation(conn)
        finally:
            conn.close()
    ids = listing.resolve(log.cache_dir, items, generation)
    week = period_start(today(), log.config.period, log.config.week_start)
    return add_arxiv(log, ids, week=week, on_retry=on_retry), len(ids)
