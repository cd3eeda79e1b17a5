"""Removing papers from the log (a week left empty goes too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from paperweek.models import Week
from paperweek.operations.locate import period_in_words
from paperweek.operations.rebuild import rebuild_after_change
from paperweek.store import Log


class Removal(NamedTuple):
    """What ``remove`` did: a line per paper removed, a line per reference not found."""

    removed: list[str]
    missing: list[str]


def remove_papers(log: Log, refs: Sequence[str], *, build: bool = True) -> Removal:
    """Remove papers; every reference found is removed, the others are reported."""
    removed: list[str] = []
    missing: list[str] = []
    with log.locked():
        changed: dict[dt.date, Week] = {}
        for ref in refs:
            found = log.find(ref)
            if found is None:
                missing.append(f"{ref}: no such paper in the log (see `paperweek list`)")
                continue
            week, paper = found
            week.papers = [p for p in week.papers if p is not paper]
            changed[week.start] = week
            removed.append(f"removed {paper.id} from {period_in_words(week.start, log.config.period)}")
        for start, week in changed.items():
            if week.papers:
                log.save_week(week)
            else:
                log.delete_week(start)
        if build:
            rebuild_after_change(log)
    return Removal(removed, missing)
