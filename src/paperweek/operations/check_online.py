"""``paperweek check --online``: the log compared with arXiv (titles, v1 dates), its links tried.

Reached through ``operations.check.check_log(online=True)``, the one entry point of ``check``;
``sources.verify`` only probes URLs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from paperweek.days import format_date
from paperweek.errors import NetworkError
from paperweek.ids import arxiv_id_from_url, arxiv_ids_in
from paperweek.markdown import loose_text
from paperweek.models import Paper, Week
from paperweek.operations.fetch import fetch_metadata
from paperweek.operations.fetcher import Fetcher, using
from paperweek.safetext import split_url
from paperweek.sources.verify import CANNOT_CONNECT, dead_links
from paperweek.store import Log
from paperweek.words import plural


def titles_match(row_title: str, arxiv_title: str) -> bool:
    """Loose: same words once Markdown, punctuation and case are gone; a shortened title still matches."""
    a, b = loose_text(row_title), loose_text(arxiv_title)
    if not a or not b or a == b or a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass
class _Row:
    where: str
    week: Week
    paper: Paper
    arxiv_ids: list[str]


def online_problems(
    log: Log,
    *,
    check_links: bool = True,
    fetcher: Fetcher | None = None,
) -> list[str]:
    """One line per problem found (empty: all good). Uses the metadata cache unless the fetcher says ``refresh``.

    Reports rows whose arXiv link points at a paper with another title (lists of this
    genre contain such wrong links), release dates that are not the v1 date, arXiv links
    to papers that do not exist, and other links that no longer resolve.
    """
    rows: list[_Row] = []
    for week in log.weeks:
        name = log.week_path(week.start).relative_to(log.root).as_posix()
        for number, paper in week.numbered():
            ids = arxiv_ids_in(link.url for link in paper.links)
            if not ids and paper.arxiv_id:
                ids.append(paper.arxiv_id)
            rows.append(_Row(f"{name}: ({number}) {paper.id}", week, paper, ids))
    wanted = [i for row in rows for i in row.arxiv_ids]
    problems: list[str] = []
    with using(fetcher) as run:
        metadata = fetch_metadata(run, log.cache_dir, wanted, huggingface=False)
    unchecked = [i for i in dict.fromkeys(wanted) if i in metadata.errors] if metadata.unreachable else []
    if unchecked:
        problems.append(f"could not check {plural(len(unchecked), 'arXiv link')}: {metadata.errors[unchecked[0]]}")
    for row in rows:
        paper = row.paper
        for arxiv_id in row.arxiv_ids:
            if arxiv_id in unchecked:
                continue
            if arxiv_id in metadata.errors:
                error = metadata.errors[arxiv_id]
                if error.startswith(("not found", "arXiv rejected")):
                    problems.append(f"{row.where}: the link to arXiv {arxiv_id} does not resolve ({error})")
                else:
                    problems.append(f"{row.where}: could not check arXiv {arxiv_id} ({error})")
                continue
            record = metadata.records[arxiv_id]
            if paper.title and "title" not in paper.keep and not titles_match(paper.title, record.title):
                problems.append(
                    f"{row.where}: the link points at arXiv {arxiv_id}, titled {record.title!r}, "
                    f"not this row's title; fix the link or the title"
                )
                continue  # its date would be another paper's date
            if paper.released is not None and "released" not in paper.keep and paper.released != record.published:
                problems.append(
                    f"{row.where}: release date {format_date(paper.released)} is not the v1 date "
                    f"{format_date(record.published)} of arXiv {arxiv_id}"
                )
    if check_links:
        urls: dict[str, list[str]] = {}
        for row in rows:
            for link in row.paper.links:
                if arxiv_id_from_url(link.url) is None and link.url.startswith(("http://", "https://")):
                    urls.setdefault(link.url, []).append(row.where)
        dead = dead_links(list(urls))
        hosts = {parts.hostname if (parts := split_url(u)) else u for u in urls}
        unreachable = [u for u, why in dead.items() if why.startswith(CANNOT_CONNECT)]
        if urls and len(unreachable) == len(urls) and (metadata.unreachable or len(hosts) > 1):
            raise NetworkError(
                f"the network looks unreachable: none of the {len(urls)} links nor arXiv could be reached "
                f"({dead[unreachable[0]]}); check the connection and run `paperweek check --online` again"
            )
        for url, why in dead.items():
            for where in urls[url]:
                problems.append(f"{where}: link {url} no longer resolves ({why})")
    elif unchecked and len(unchecked) == len(set(wanted)):
        raise NetworkError(f"the network looks unreachable: {metadata.errors[unchecked[0]]}")
    return problems
