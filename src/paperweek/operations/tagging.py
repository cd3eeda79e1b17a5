"""``paperweek tag``: explicit tags changed and written to the week files (``tags`` stays pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from paperweek.errors import InputError
from paperweek.models import Paper, Week
from paperweek.store import Log
from paperweek.tags import TagCount, apply_ops, effective_tags


@dataclass
class TagChange:
    """What ``paperweek tag`` did to one paper."""

    week: Week
    paper: Paper
    before: list[str]
    after: list[str]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def edit_tags(log: Log, refs: Sequence[str], ops: Sequence[tuple[str, str]]) -> list[TagChange]:
    """Apply ``ops`` to the papers ``refs`` and save their week files (under the log's lock).

    Every ref is looked up before anything is written: an unknown one raises
    InputError and no file changes. The README does not show tags, so it is not rebuilt.
    """
    if not refs:
        raise InputError("tag: name at least one paper (arXiv id, URL or id), e.g. paperweek tag 2404.11018 +llm")
    changes: list[TagChange] = []
    with log.locked():
        found: list[tuple[Week, Paper]] = []
        for ref in refs:
            hit = log.find(ref)
            if hit is None:
                raise InputError(f"{ref}: not in this log; see `paperweek list` (nothing was changed)")
            found.append(hit)
        touched: dict[dt.date, Week] = {}
        for week, paper in found:
            before = list(paper.tags)
            after = apply_ops(paper, log.config, ops)
            if after != before:
                paper.tags = after
                touched[week.start] = week
            changes.append(TagChange(week=week, paper=paper, before=before, after=after))
        for week in touched.values():
            log.save_week(week)
    return changes


def tag_counts(log: Log) -> list[TagCount]:
    """Every effective tag in the log with its number of papers, most used first."""
    counts: dict[str, int] = {}
    for _week, paper in log.papers():
        for tag in effective_tags(paper, log.config):
            counts[tag] = counts.get(tag, 0) + 1
    return [TagCount(tag, n) for tag, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
