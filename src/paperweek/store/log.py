"""A log on disk: its config, its week files, its README, its cache folder."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from paperweek.config import CACHE_DIR, CONFIG_NAME, THEMES_DIR, Config
from paperweek.errors import ConfigError, DataFileError, InputError, PaperweekError
from paperweek.ids import arxiv_ids_in, parse_arxiv_ref
from paperweek.models import Paper, Week
from paperweek.store import weekfile
from paperweek.store.faults import pause_point
from paperweek.store.gitignore import ensure_gitignore
from paperweek.store.lock import log_lock
from paperweek.store.paths import find_root, log_file, log_folder, read_config, refuse_own_files
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
        """README.md, checked as every file of the log is (store/paths.py): a FIFO or a link out is refused."""
        return log_file(self.root, self.root / self.config.readme)

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    def week_path(self, start: dt.date) -> Path:
        return self.weeks_dir / weekfile.file_name(start)

    def week_files(self) -> list[Path]:
        """The week files, each checked to lie inside the log (a link out is refused, store/paths.py)."""
        folder = log_folder(self.root, self.weeks_dir)
        if not folder.is_dir():
            return []
        entries = [p for p in self.weeks_dir.iterdir() if not p.name.startswith(".")]
        odd = next((p for p in entries if p.suffix.lower() in (".yaml", ".yml") and p.suffix != weekfile.SUFFIX), None)
        if odd is not None:  # read on macOS and Windows, not on Linux, written twice: named one way everywhere
            raise DataFileError(
                str(odd), f"a week file's name ends in {weekfile.SUFFIX} (lower case); rename it to {odd.stem}{weekfile.SUFFIX}"
            )
        files = sorted(p for p in entries if p.suffix == weekfile.SUFFIX)
        for path in files:
            if path.is_symlink() or not (path.is_file() or path.is_dir()):  # a link out, a pipe that would block
                log_file(self.root, path)
        return files

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
        """A logged paper by id, arXiv URL or any arXiv form (any version); ids compare in NFC (models.Paper)."""
        ref = unicodedata.normalize("NFC", ref)
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
        log_folder(self.root, self.cache_dir)
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
        written = frozenset({self.readme_path.name, CONFIG_NAME, ".gitignore", "readme.sha256", "cache.sqlite"})
        sweep([self.root, self.weeks_dir, self.readme_path.parent, self.cache_dir], written)
        with suppress(PaperweekError):  # a read-only .gitignore is the user's choice
            ensure_gitignore(self.root, create=False)

    def refuse_output(self, out: Path, flag: str = "--out") -> None:
        """An output file or folder of a command may not be, or hold, the log's own files (store/paths.py)."""
        root = self.root
        refuse_own_files(
            out, [root / CONFIG_NAME, self.readme_path], [self.weeks_dir, self.cache_dir, root / THEMES_DIR], flag
        )

    def require_lock(self) -> None:
        """Every write of the log's files happens under its lock; a write outside is a bug."""
        if not self._lock_depth:
            raise RuntimeError("paperweek bug: the log was written without holding its lock")

    def paper_comments(self, start: dt.date) -> dict[str, list[str]]:
        """Per paper id, the comment lines written above it in the week file of ``start``."""
        return weekfile.comments_above_papers(log_file(self.root, self.week_path(start)))

    def save_week(self, week: Week, comments: dict[str, list[str]] | None = None) -> None:
        """Write one week file atomically, keeping comments of the file it replaces; ``comments``
        (per paper id) go above papers brought from another week file."""
        self.require_lock()
        path = log_file(self.root, self.week_path(week.start))  # resolved once: read and written there
        weekfile.write_week(path, week, comments)
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
    log_file(root, root / CONFIG_NAME)  # the config too is a regular file inside the log (store/paths.py)
    log_folder(root, root / CACHE_DIR)  # and .paperweek/, which the cache and the lock are written into
    return Log(root=root, config=read_config(root))
