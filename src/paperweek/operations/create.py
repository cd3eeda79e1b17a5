"""Creating logs: ``init``, ``import`` and ``demo`` as library functions."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from paperweek.config import CONFIG_NAME, DEFAULT_TITLE, THEMES_DIR, Config, config_to_toml
from paperweek.errors import InputError, ItemsFailed
from paperweek.importer.parse import parse_readme
from paperweek.importer.parsed import Note
from paperweek.models import Week
from paperweek.render.headings import name_period
from paperweek.site.workflow import WORKFLOW_PATH, check_workflow_free, write_github_actions
from paperweek.site.workflow import workflow_text as make_workflow
from paperweek.store import Log
from paperweek.store.atomic import write_text_atomic, write_texts_atomic
from paperweek.store.faults import crash_point
from paperweek.store.gitignore import ensure_gitignore
from paperweek.store.paths import log_files, log_folder, read_config
from paperweek.store.weekfile import SUFFIX, week_text
from paperweek.words import plural

__all__ = ["WORKFLOW_PATH", "ImportReport", "ImportedPeriod", "demo_log", "import_readme", "init_log"]


def _refuse_existing(root: Path) -> None:
    if (root / CONFIG_NAME).exists():
        raise InputError(f"{root / CONFIG_NAME}: a log already exists here; use another --dir or remove it first")


def init_log(root: Path, title: str | None = None, github_actions: bool = False, period: str = "week") -> Log:
    """Make a new, empty log in ``root``: config, weeks folder, .gitignore entry, README
    (and the GitHub Actions workflow). Every refusal comes before the first write.

    ``period`` is ``[log] period``; a day or month log's default title names its period too."""
    _refuse_existing(root)
    config = Config()
    config.period = period
    config.title = title or name_period(DEFAULT_TITLE, period)
    readme = root / config.readme
    if readme.exists():
        raise InputError(
            f"{readme}: exists; paperweek init would replace it. To adopt this list run "
            f"`paperweek import {config.readme}` instead (build then regenerates it), or move it away first"
        )
    workflow_text = None
    if github_actions:
        workflow_text = make_workflow()
        check_workflow_free(root, workflow_text)
    log = _write_new_log(root, config, [], refuse_weeks=True)
    if workflow_text is not None:
        write_github_actions(log.root)
    return log


def _refuse_existing_weeks(log: Log, files: list[tuple[Path, str]]) -> None:
    """Never overwrite a week file: only one holding exactly what would be written (a re-run
    after an interrupted import) is allowed; any other week file in the folder is refused."""
    wanted = dict(files)
    for path in log.week_files():
        if wanted.get(path) != _read_or_none(path):
            raise InputError(
                f"{path}: a week file exists and would be overwritten; nothing written. "
                f"Move {log.config.weeks_dir}/ away or run this in an empty folder"
            )


def _refuse_existing_theme(files: list[tuple[Path, str]]) -> None:
    """A hand-made theme folder of the same name is the user's: never replaced by an inferred one
    (a file holding exactly what would be written -- a re-run after a kill -- is allowed)."""
    for path, text in files:
        if path.exists() and _read_or_none(path) != text:
            raise InputError(
                f"{path}: a theme file exists and would be replaced by the theme inferred from the list; "
                f"nothing written. Move {path.parent}/ away or import into an empty folder"
            )


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_new_log(
    root: Path, config: Config, weeks: list[Week], refuse_weeks: bool = True, theme_files: dict[str, str] | None = None
) -> Log:
    log = Log(root=root, config=config)
    # libyaml when available (fast); the files written together, their fsyncs overlapping
    files = [(log.week_path(week.start), week_text(week)) for week in weeks]
    folder = root / THEMES_DIR / config.theme
    themed = [(folder / name, text) for name, text in sorted((theme_files or {}).items())]
    # every path resolved and checked before the first write: a `weeks` link out of the folder is refused here
    log_files(root, [path for path, _ in [*files, *themed]] + [root / CONFIG_NAME])
    if refuse_weeks:
        _refuse_existing_weeks(log, files)
    _refuse_existing_theme(themed)
    root.mkdir(parents=True, exist_ok=True)
    with log.locked():
        _refuse_existing(root)  # another init/import may have won meanwhile
        if refuse_weeks:
            _refuse_existing_weeks(log, files)
        _refuse_existing_theme(themed)
        if themed:  # a theme inferred at import, written into the log as `theme copy` would
            log_folder(root, folder).mkdir(parents=True, exist_ok=True)
            write_texts_atomic(themed, inside=root)
        log_folder(root, root / config.weeks_dir).mkdir(parents=True, exist_ok=True)
        write_texts_atomic(files, inside=root)
        crash_point("import:before-config")
        # the config last: until it exists this is not a log, and a re-run finishes the job
        write_text_atomic(root / CONFIG_NAME, config_to_toml(config), inside=root)
        ensure_gitignore(root)
    return Log(root=root, config=read_config(root))


class ImportedPeriod(NamedTuple):
    """One period read by ``import``: its start, the items read, the papers made."""

    start: str
    read: int
    kept: int
    placed_by: str = ""
    text_lines: int = 0  # lines of the period kept as text (not read as papers)


@dataclass
class ImportReport:
    """What ``import`` did: per week, rows read and kept; what build will repair; rows skipped."""

    log: Log
    rows: list[ImportedPeriod] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    verbatim: dict[str, list[str]] = field(default_factory=dict)  # week start -> rows kept as written, with why
    theme: str = "seed"
    inferred_theme: bool = False  # the theme was inferred from the list and written into the log


def import_readme(source: Path, root: Path, skip_bad: bool = False, undated: dt.date | None = None,
                  strict: bool = False) -> ImportReport:
    """Read an existing README into a fresh log at ``root``.

    Rows that cannot be read fail the import (nothing written) unless
    ``skip_bad``; then they are listed in the report, never dropped silently. A list is never refused
    for its dates: each period is placed by the best evidence it has (``importer/placing.py``), unless
    ``strict``, which refuses on any doubt.
    """
    if not source.is_file():
        raise InputError(f"{source}: no such file; give the path of a README.md to import")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text; convert it to UTF-8 and retry") from exc
    _refuse_existing(root)
    parsed = parse_readme(text, str(source), undated, strict)
    if parsed.errors and (not skip_bad or not parsed.skippable):
        # lines that stop the import (an unreadable dated heading, a list with no date): exit 1, nothing
        # written; the remedy named is one that works (--skip-bad only where it skips them)
        remedy = "fix those lines or rerun with --skip-bad" if parsed.skippable else "fix those lines, then import again"
        raise ItemsFailed(
            "\n".join(parsed.errors)
            + f"\npaperweek: import stopped, nothing written ({plural(len(parsed.errors), 'problem')}); {remedy}"
        )
    if not parsed.weeks:  # nothing to import at all (an empty file, another kind of document): bad input
        raise InputError(
            f"{source}: no week sections found (no dated heading, no item of a list); nothing to import, nothing written"
        )
    starts = [w.start for w in parsed.weeks]
    if len(set(starts)) != len(starts):
        dupes = sorted({s.isoformat() for s in starts if starts.count(s) > 1})
        raise InputError(f"{source}: week {dupes[0]} has two sections; merge them by hand, then import")
    log = _write_new_log(root, parsed.config, parsed.weeks, theme_files=parsed.theme_files)
    report = ImportReport(log=log, notes=parsed.notes, skipped=parsed.errors, theme=parsed.config.theme,
                          inferred_theme=bool(parsed.theme_files))
    for week in sorted(parsed.weeks, key=lambda w: w.start):
        report.rows.append(ImportedPeriod(week.start.isoformat(), parsed.rows_read.get(week.start, 0), len(week.papers),
                                          parsed.placed.get(week.start, ""), parsed.kept_text.get(week.start, 0)))
        if parsed.verbatim.get(week.start):
            report.verbatim[week.start.isoformat()] = parsed.verbatim[week.start]
    return report


def demo_log(root: Path) -> Log:
    """A complete example log from the sample data bundled with paperweek (no network)."""
    if root.exists() and any(root.iterdir()):
        raise InputError(f"{root}: not empty; give a new or empty folder for the demo")
    root.mkdir(parents=True, exist_ok=True)
    sample = resources.files("paperweek") / "data" / "demo"
    (root / "weeks").mkdir(exist_ok=True)
    with resources.as_file(sample) as folder:
        shutil.copyfile(folder / CONFIG_NAME, root / CONFIG_NAME)
        for path in sorted((folder / "weeks").iterdir()):
            if path.suffix == SUFFIX:
                shutil.copyfile(path, root / "weeks" / path.name)
    ensure_gitignore(root)
    return Log(root=root, config=read_config(root))
