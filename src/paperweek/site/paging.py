"""Long pages cut into pages of at most ``[site] page_papers`` papers (docs/site.md, "Pages").

A list of 1,142 papers in one period would otherwise be one page of 800 kB. A period's page,
a year's page and a tag's page are each cut the same way: page 1 keeps the page's address
(``weeks/2023-02-20.html``) and page N is ``<address without .html>/N.html``
(``weeks/2023-02-20/2.html``), a folder no tag slug or date can name. Periods stay whole on a
page when they fit; a period larger than a page starts a page and runs over as many as it
needs, its heading repeated, marked as continued. The home page is the first such page of
the whole log; what follows it is on the period and year pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class Period(Protocol):
    """A period as the site shows it (``views.WeekView``): its papers, in order."""

    @property
    def papers(self) -> Sequence[Any]: ...

HOME = "index.html"


def page_url(first: str, number: int) -> str:
    """The address of page ``number`` of the page at ``first``."""
    if number == 1:
        return first
    return f"{first.removesuffix('.html')}/{number}.html"


def page_of(position: int, size: int) -> int:
    """The page (1-based) holding the ``position``-th paper (0-based) of a period cut in pages of ``size``."""
    return position // size + 1 if size else 1


@dataclass
class Part:
    """The papers of one period shown on one page (all of them, or a run of them)."""

    week: Any  # views.WeekView (paging is below views: views asks it for paper addresses)
    papers: list[Any]  # views.PaperView
    first: int = 1  # the period's number of papers[0], from 1

    @property
    def whole(self) -> bool:
        return len(self.papers) == len(self.week.papers)

    @property
    def continued(self) -> bool:
        return self.first > 1

    @property
    def last(self) -> int:
        return self.first + len(self.papers) - 1


@dataclass
class Page(Generic[T]):
    """One page of a cut list: its items, its number and the addresses of its neighbours."""

    number: int
    count: int
    url: str
    items: list[T] = field(default_factory=list)
    previous: str | None = None
    next: str | None = None


def _linked(first: str, cuts: list[list[T]]) -> list[Page[T]]:
    cuts = cuts or [[]]
    urls = [page_url(first, n) for n in range(1, len(cuts) + 1)]
    return [
        Page(
            number=n,
            count=len(cuts),
            url=urls[n - 1],
            items=items,
            previous=urls[n - 2] if n > 1 else None,
            next=urls[n] if n < len(cuts) else None,
        )
        for n, items in enumerate(cuts, start=1)
    ]


def cut_papers(first: str, papers: list[T], size: int) -> list[Page[T]]:
    """``papers`` in pages of ``size`` (0: one page)."""
    if not size:
        return _linked(first, [papers])
    return _linked(first, [papers[i : i + size] for i in range(0, len(papers), size)])


def cut_weeks(first: str, weeks: Sequence[Period], size: int, max_weeks: int = 0) -> list[Page[Part]]:
    """``weeks`` in pages of at most ``size`` papers (0: no limit) and ``max_weeks`` periods (0: no limit).

    A period that does not fit in the room left on a page starts the next one; one larger than
    a page is cut in runs of ``size``, and the page holding its last run may take more periods.
    """
    cuts: list[list[Part]] = []
    current: list[Part] = []
    held = 0

    def turn() -> None:
        nonlocal current, held
        if current:
            cuts.append(current)
        current, held = [], 0

    for week in weeks:
        papers = week.papers
        full = (size and held + len(papers) > size) or (max_weeks and len(current) >= max_weeks)
        if full:
            turn()
        if not size or len(papers) <= size:
            current.append(Part(week, list(papers)))
            held += len(papers)
            continue
        for start in range(0, len(papers), size):
            if start:
                turn()
            run = papers[start : start + size]
            current.append(Part(week, list(run), first=start + 1))
            held += len(run)
    turn()
    return _linked(first, cuts)
