"""A log on disk: its config, its week files, its README, its cache folder."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from paperweek.config import CACHE_DIR, Config, find_root, load_config
from paperweek.errors import ConfigError, InputError, PaperweekError
from paperweek.ids import arxiv_ids_in, parse_arxiv_ref
from paperweek.models import Paper, Week
from paperweek.store import weekfile
from paperweek.store.faults import pause_point
from paperweek.store.gitignore import ensure_gitignore
from paperweek.store.lock import log_lock
from paperweek.store.tempfiles import sweep


@dataclass
class Log:
    """An opened log. Weeks are read lazily and kept newest first."""

    root: Path
    config: Config
    _weeks: list[Week] | None = field(default=None, repr=False)
    _lock_depth: int = field(default=0, repr=False)
    notes: list[str] = field(default_factory=list)  # warnings for the user, printed by the CLI

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
            weeks = [weekfile.read_week(path) for path in self.week_files()]
            self._weeks = sorted(weeks, key=lambda w: w.start, reverse=True)
        return self._weeks

    def papers(self) -> Iterator[tuple[Week, Paper]]:
        for week in self.weeks:
            for paper in week.papers:
                yield week, paper

    def arxiv_ids(self) -> dict[str, dt.date]:
        """Every arXiv id in the log -- as a paper's id or behind any of its links -- and its week's start.

        What "already logged" means, for ``add`` (refuse a second copy) and ``discover`` (never suggest one).
        """
        out: dict[str, dt.date] = {}
        for week, paper in self.papers():
            if paper.arxiv_id:
                out.setdefault(paper.arxiv_id, week.start)
            for linked in arxiv_ids_in(link.url for link in paper.links):
                out.setdefault(linked, week.start)
        return out

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
        """Serialise writers: a second process waits here. Whatever a command read before is
        dropped, so every read-modify-write reads inside the lock (re-entrant within a process)."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        pause_point("lock:before-acquire")
        with log_lock(self.cache_dir):
            self._weeks = None  # re-read what another process may have written
            self._lock_depth = 1
            self._sweep()
            try:
                yield
            finally:
                self._lock_depth = 0

    def _sweep(self) -> None:
        """Leftovers of killed runs (temporary siblings of atomic writes) go; .gitignore lists them."""
        sweep([self.root, self.weeks_dir, self.readme_path.parent, self.cache_dir])
        with suppress(PaperweekError):  # a read-only .gitignore is the user's choice
            ensure_gitignore(self.root, create=False)

    def require_lock(self) -> None:
        """Every write of the log's files happens under its lock; a write outside is a bug."""
        if not self._lock_depth:
            raise RuntimeError("paperweek bug: the log was written without holding its lock")

    def save_week(self, week: Week) -> None:
        """Write one week file atomically, keeping comments of the file it replaces."""
        self.require_lock()
        weekfile.write_week(self.week_path(week.start), week)
        weeks = [w for w in self.weeks if w.start != week.start]
        if week.papers or week.heading is not None:
            weeks.append(week)
        self._weeks = sorted(weeks, key=lambda w: w.start, reverse=True)

    def delete_week(self, start: dt.date) -> None:
        self.require_lock()
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


def open_log(directory: str | os.PathLike[str] | None = None) -> Log:
    """Open the log at ``directory`` (or the nearest one above the working directory)."""
    root = resolve_root(Path(directory) if directory is not None else None)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder; pass --dir to a folder holding paperweek.toml")
    return Log(root=root, config=load_config(root))
