"""How README.md differs from what ``build`` writes: the first differing line and word diffs.

``build --check`` and ``check`` report a stale README this one way.
"""

from __future__ import annotations

import re
from pathlib import Path

from paperweek.render.readme import KEEP_EDITS, edited_by_hand
from paperweek.store import Log

MAX_DIFF_LINES = 5  # differing lines shown under a README difference


BUILD = "run `paperweek build`"


def remedy_for(log: Log) -> str:
    """What makes README.md what build writes: ``build``, or where build would refuse, saving the edits first."""
    if edited_by_hand(log):
        return f"it was edited by hand, so build will not replace it: {KEEP_EDITS}"
    return BUILD


def readme_difference(expected: str, path: Path, remedy: str = BUILD) -> str | None:
    """None when README.md is what build would write, else where it differs, with a word diff of each line
    and ``remedy`` (what the user should run; not ``build`` where build would refuse)."""
    if not path.exists():
        return f"{path}: missing; {BUILD}"
    actual = path.read_text(encoding="utf-8")
    if actual == expected:
        return None
    old = actual.splitlines()
    new = expected.splitlines()
    changes = line_changes(old, new)
    if not changes:
        return f"{path}: differs from what build writes (whitespace or line endings); {remedy}"
    first = changes[0][0]
    shown = [f"  line {number}: {diff}" for number, diff in changes[:MAX_DIFF_LINES]]
    if len(changes) > MAX_DIFF_LINES:
        shown.append(f"  ({len(changes) - MAX_DIFF_LINES} more lines differ)")
    head = f"{path}:{first}: differs from what build writes ([-found-] {{+expected+}}); {remedy}"
    return "\n".join([head, *shown])


def line_changes(old: list[str], new: list[str]) -> list[tuple[int, str]]:
    """(line number in the old text, word diff) for each line that differs, in order."""
    import difflib  # only when the README differs

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
    import difflib

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
