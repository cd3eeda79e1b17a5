"""A log on disk: its config, its week files, its README, its cache folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from paperweek.config import CACHE_DIR, Config, find_root, load_config
from paperweek.errors import ConfigError, InputError
from paperweek.ids import parse_arxiv_ref
from paperweek.models import Paper, Week
from paperweek.store import weekfile
from paperweek.store.atomic import write_text_atomic
from paperweek.store.lock import log_lock


@dataclass
class Log:
    """An opened log. Weeks are read lazily and kept newest first."""

    root: Path
    config: Config
    _weeks: list[Week] | None = field(default=None, repr=False)

    @property
    def weeks_dir(self) -> Path:
        return self.root / self.config.weeks_dir

    @property
    def readme_path(self) -> Path:
        return self.root / self.config.readme

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    def week_path(self, start: dt.date) -> Path:
        return self.weeks_dir / weekfile.file_name(start)

    def week_files(self) -> list[Path]:
        if not self.weeks_dir.is_dir():
            return []
        return sorted(p for p in self.weeks_dir.iterdir() if p.suffix == weekfile.SUFFIX and not p.name.startswith("."))

    @property
    def weeks(self) -> list[Week]:
        """Every week, newest first (read and validated on first use)."""
        if self._weeks is None:
            weeks = [weekfile.read_week_file(path) for path in self.week_files()]
            self._weeks = sorted(weeks, key=lambda w: w.start, reverse=True)
        return self._weeks

    def papers(self) -> Iterator[tuple[Week, Paper]]:
        for week in self.weeks:
            for paper in week.papers:
                yield week, paper

    def week(self, start: dt.date) -> Week | None:
        return next((w for w in self.weeks if w.start == start), None)

    def find(self, ref: str) -> tuple[Week, Paper] | None:
        """A logged paper by id, arXiv URL or any arXiv form (any version)."""
        parsed = parse_arxiv_ref(ref)
        key = parsed[0] if parsed else ref.strip()
        for week, paper in self.papers():
            if paper.id == key or paper.id == ref.strip():
                return week, paper
        return None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Serialise writers: a second process waits here."""
        with log_lock(self.cache_dir):
            self._weeks = None  # re-read what another process may have written
            yield

    def save_week(self, week: Week) -> None:
        """Write one week file atomically, keeping comments of the file it replaces."""
        from paperweek.store.weekfile_fast import render_rewrite

        path = self.week_path(week.start)
        text = render_rewrite(path, week) if path.exists() else None  # nothing of a person's to keep: fast
        if text is None:
            previous = weekfile.load_document(path) if path.exists() else None
            text = weekfile.render_week_file(week, previous)
        write_text_atomic(path, text)
        weeks = [w for w in self.weeks if w.start != week.start]
        if week.papers or week.heading is not None:
            weeks.append(week)
        self._weeks = sorted(weeks, key=lambda w: w.start, reverse=True)

    def delete_week(self, start: dt.date) -> None:
        self.week_path(start).unlink(missing_ok=True)
        self._weeks = [w for w in self.weeks if w.start != start]


def resolve_root(directory: Path | None) -> Path:
    """``--dir`` if given, else the nearest ancestor of the working directory holding paperweek.toml."""
    if directory is not None:
        return directory
    root = find_root(Path.cwd())
    if root is None:
        raise ConfigError(
            f"no paperweek.toml in {Path.cwd()} or its parents; run `paperweek init` or pass --dir DIR"
        )
    return root


def open_log(directory: Path | None = None) -> Log:
    """Open the log at ``directory`` (or the nearest one above the working directory)."""
    root = resolve_root(directory)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder; pass --dir to a folder holding paperweek.toml")
    return Log(root=root, config=load_config(root))
