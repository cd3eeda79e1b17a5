"""What an import found, whichever reader found it (``parse`` for the built-in themes' format,
``genre`` for any other layout)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from paperweek.config import Config
from paperweek.models import Week


@dataclass
class IndexLine:
    """One line of the index as written."""

    line: int
    label: str
    target: str
    year_group: int | None


@dataclass(frozen=True)
class Note:
    """One thing import has to say: ``kind`` says what it is about, so a reader of the notes (``check``
    reports only the ``index`` ones) never matches words of the text, which quotes the list."""

    kind: str  # "index" (the README's index of weeks), "period" (a period heading), "items" (items kept as text)
    where: str  # "README.md:12"
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass
class ParsedReadme:
    """What an import found: the config, the weeks, and everything it has to say."""

    config: Config
    weeks: list[Week]
    index: list[IndexLine] = field(default_factory=list)
    heading_lines: dict[dt.date, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # lines not understood (import fails unless --skip-bad)
    notes: list[Note] = field(default_factory=list)  # what import saw and build repairs, or the reader should know
    rows_read: dict[dt.date, int] = field(default_factory=dict)
    verbatim: dict[dt.date, list[str]] = field(default_factory=dict)  # rows kept as written, with why
    skippable: bool = True  # whether --skip-bad can import past the errors (not for unreadable headings)
    theme_files: dict[str, str] = field(default_factory=dict)  # an inferred theme to write into the log
    placed: dict[dt.date, str] = field(default_factory=dict)  # period start -> the evidence that placed it
    kept_text: dict[dt.date, int] = field(default_factory=dict)  # period start -> lines kept as text, not papers

    def note(self, kind: str, where: str, text: str) -> None:
        self.notes.append(Note(kind, where, text))
