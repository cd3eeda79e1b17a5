"""Moving a paper to another week, or to another row of its week.

The target week is written first: a move killed between its two writes leaves a
copy, never a loss, and the next move of that paper finishes the job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from paperweek.errors import InputError, Param, ParamError
from paperweek.models import Paper, Week
from paperweek.operations.locate import locate, new_period, period_in_words
from paperweek.operations.rebuild import rebuild_after_change
from paperweek.store import Log
from paperweek.store.faults import crash_point

WEEK, POSITION, BEFORE, AFTER = Param("week"), Param("position"), Param("before"), Param("after")


def same_paper(a: Paper, b: Paper) -> bool:
    """The same paper but for its row number (which follows its place): a leftover of a killed move."""
    return dataclasses.replace(a, number=None) == dataclasses.replace(b, number=None)


def move_paper(
    log: Log,
    ref: str,
    *,
    week: dt.date | None = None,
    position: int | None = None,
    before: str | None = None,
    after: str | None = None,
    build: bool = True,
) -> str:
    """Move a paper to another week and/or another place in its week. Returns what was done."""
    if sum(x is not None for x in (position, before, after)) > 1:
        raise ParamError("give only one of ", POSITION, ", ", BEFORE, ", ", AFTER)
    if week is None and position is None and before is None and after is None:
        raise ParamError("say where to: ", WEEK, " DATE, ", POSITION, " N, ", BEFORE, " ID or ", AFTER, " ID")

    def named(start: dt.date) -> str:
        return period_in_words(start, log.config.period)

    with log.locked():
        source, paper = locate(log, ref)
        if week is not None and source.start == week:  # after a killed move: the copy still at its origin
            source, paper = next(((w, p) for w, p in log.papers() if p.id == paper.id and w.start != week),
                                 (source, paper))
        anchor_ref = before or after
        anchor: tuple[Week, Paper] | None = None
        if anchor_ref is not None:
            anchor = locate(log, anchor_ref)
            if anchor[1] is paper:
                raise InputError(f"{anchor_ref}: cannot place a paper before or after itself")
            if week is not None and anchor[0].start != week:
                raise ParamError(
                    f"{anchor_ref} is in {named(anchor[0].start)}, not in {named(week)}; drop ",
                    WEEK,
                    " or choose a paper of that week",
                )
        target_start = anchor[0].start if anchor else (week if week is not None else source.start)
        same = target_start == source.start
        target = source if same else (log.week(target_start) or new_period(log, target_start))
        # a copy left in the target week by a move killed between its two writes is finished now; a
        # paper of the same id that differs is another paper, and is never deleted for a leftover
        other = next((p for p in target.papers if p.id == paper.id and p is not paper), None)
        if other is not None and not same_paper(other, paper):
            raise InputError(
                f"{paper.id}: is in {named(source.start)} and in {named(target_start)}, with different "
                "content; nothing written. Keep one (`paperweek remove` takes the first found; edit the week "
                "files by hand to choose), then move it"
            )
        source.papers = [p for p in source.papers if p is not paper]
        target.papers = [p for p in target.papers if p.id != paper.id or p is paper]
        if anchor is not None:
            index = next(i for i, p in enumerate(target.papers) if p is anchor[1]) + (1 if after else 0)
        elif position is not None:
            if not 1 <= position <= len(target.papers) + 1:
                raise ParamError(POSITION, f" {position} is out of range 1..{len(target.papers) + 1}")
            index = position - 1
        else:
            index = len(target.papers)
        target.papers.insert(index, paper)
        for touched in {id(source): source, id(target): target}.values():
            for p in touched.papers:
                p.number = None  # numbers follow the new order
        # the comment written above the paper goes with it to another week file
        comments = {} if same else {k: v for k, v in log.paper_comments(source.start).items() if k == paper.id}
        log.save_week(target, comments)  # the target first: a kill before the source is written leaves a copy
        if not same:
            crash_point("move:between-weeks")
            if source.papers:
                log.save_week(source)
            else:
                log.delete_week(source.start)
        if build:
            rebuild_after_change(log)
    return f"moved {paper.id} to {named(target_start)}, position {index + 1} of {len(target.papers)}"
