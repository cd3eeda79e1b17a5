"""``paperweek check``: everything that can be wrong with a log, as precise one-line problems."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from paperweek.errors import DataFileError
from paperweek.ids import WEEKDAYS, arxiv_ids_in
from paperweek.models import Week
from paperweek.store import Log
from paperweek.store.weekfile import read_week_file


def load_weeks_collecting(log: Log) -> tuple[list[Week], list[str]]:
    """Read every week file; a file that does not validate becomes a problem, not a crash."""
    weeks: list[Week] = []
    problems: list[str] = []
    for path in log.week_files():
        try:
            weeks.append(read_week_file(path))
        except DataFileError as exc:
            problems.append(str(exc))
    weeks.sort(key=lambda w: w.start, reverse=True)
    return weeks, problems


MAX_DIFF_LINES = 5  # differing lines shown under a README difference


def readme_difference(expected: str, path: Path) -> str | None:
    """None when README.md is what build would write, else where it differs, with a word diff of each line."""
    if not path.exists():
        return f"{path}: missing; run `paperweek build`"
    actual = path.read_text(encoding="utf-8")
    if actual == expected:
        return None
    old = actual.splitlines()
    new = expected.splitlines()
    changes = line_changes(old, new)
    if not changes:
        return f"{path}: differs from what build writes (whitespace or line endings); run `paperweek build`"
    first = changes[0][0]
    shown = [f"  line {number}: {diff}" for number, diff in changes[:MAX_DIFF_LINES]]
    if len(changes) > MAX_DIFF_LINES:
        shown.append(f"  ({len(changes) - MAX_DIFF_LINES} more lines differ)")
    head = f"{path}:{first}: differs from what build writes ([-found-] {{+expected+}}); run `paperweek build`"
    return "\n".join([head, *shown])


def line_changes(old: list[str], new: list[str]) -> list[tuple[int, str]]:
    """(line number in the old text, word diff) for each line that differs, in order."""
    out: list[tuple[int, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = max(i2 - i1, j2 - j1)
        for k in range(pairs):
            a = old[i1 + k] if i1 + k < i2 else None
            b = new[j1 + k] if j1 + k < j2 else None
            line = min(i1 + k, len(old)) + 1
            if a is None:
                out.append((line, f"{{+{b}+}}"))
            elif b is None:
                out.append((line, f"[-{a}-]"))
            else:
                out.append((line, word_diff(a, b)))
    return out


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str, context: int = 3) -> str:
    """The two lines as one, changed words marked ``[-old-]{+new+}``, long unchanged runs cut to ``…``."""
    a = _WORDS.findall(old)
    b = _WORDS.findall(new)
    parts: list[str] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = a[i1:i2]
            words = [w for w in same if not w.isspace()]
            if len(words) > 2 * context:
                keep_head = _take_words(same, context) if index > 0 else []
                keep_tail = _take_words(same[::-1], context)[::-1] if index < len(opcodes) - 1 else []
                parts.extend([*keep_head, "…" if keep_head or keep_tail else "", *keep_tail])
            else:
                parts.extend(same)
            continue
        if i2 > i1:
            parts.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(parts).strip()


def _take_words(tokens: list[str], count: int) -> list[str]:
    """Leading tokens holding ``count`` words (and the spaces between them)."""
    taken: list[str] = []
    words = 0
    for token in tokens:
        if not token.isspace():
            if words == count:
                break
            words += 1
        taken.append(token)
    return taken


def week_shape_problems(log: Log, weeks: list[Week]) -> list[str]:
    """Periods that are not the log's period (``[log] period``): a 7-day week starting on the configured
    day, a day, or a calendar month."""
    from paperweek.periods import period_end, period_start

    period = log.config.period
    if period != "week":
        out = []
        for week in weeks:
            path = log.week_path(week.start)
            if period_start(week.start, period) != week.start or week.last_day != period_end(week.start, period):
                out.append(
                    f"{path}: runs {week.start.isoformat()} to {week.last_day.isoformat()}, not one {period} "
                    "([log] period); fix 'week' and 'end' or move its papers with `paperweek move`"
                )
        return out
    problems = []
    day = WEEKDAYS[log.config.week_start]
    for week in weeks:
        path = log.week_path(week.start)
        if week.start.weekday() != log.config.week_start:
            problems.append(
                f"{path}: week starts on a {WEEKDAYS[week.start.weekday()]}, the log's weeks start on a {day} "
                "([log] week_start); move its papers with `paperweek move`"
            )
        if (week.last_day - week.start).days != 6:
            problems.append(
                f"{path}: week runs {week.start.isoformat()} to {week.last_day.isoformat()}, not 7 days; "
                "remove 'end' or split the week"
            )
    return problems


def duplicate_problems(log: Log, weeks: list[Week]) -> list[str]:
    """The same paper (same arXiv id, any version) logged twice."""
    seen: dict[str, str] = {}
    problems = []
    for week in sorted(weeks, key=lambda w: w.start):
        for position, paper in enumerate(week.papers, start=1):
            keys = {paper.id}
            keys.update(arxiv_ids_in(link.url for link in paper.links))
            where = f"{log.week_path(week.start)} paper {position}"
            for key in sorted(keys):
                if key in seen and seen[key] != where:
                    problems.append(f"{where}: {key} is already logged at {seen[key]}; remove one with `paperweek remove`")
                    break
            for key in keys:
                seen.setdefault(key, where)
    return problems


def index_problems(log: Log) -> list[str]:
    """Index lines of README.md that point at no heading or at another week."""
    from paperweek.render.parse import parse_readme

    path = log.readme_path
    if not path.exists():
        return []
    parsed = parse_readme(path.read_text(encoding="utf-8"), str(path))
    return [note for note in parsed.notes if "index" in note]


def check_log(log: Log) -> list[str]:
    """All problems of a log, in a stable order (an empty list: all good)."""
    from paperweek.render.readme import render_readme

    weeks, problems = load_weeks_collecting(log)
    data_ok = not problems
    problems += week_shape_problems(log, weeks)
    problems += duplicate_problems(log, weeks)
    difference = None
    if data_ok:  # with a broken week file, a README difference would only repeat that problem
        difference = readme_difference(render_readme(log.config, weeks, log.root), log.readme_path)
        if difference:
            problems.append(difference)
    if difference or not data_ok:
        # a README that is exactly what build writes has the index build writes: reading it back
        # could only second-guess headings the parser does not take for weeks (custom, with markup)
        problems += index_problems(log)
    return problems
