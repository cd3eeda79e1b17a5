"""README.md from the log, through the configured theme's Jinja2 template."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperweek.config import Config
from paperweek.errors import ConfigError, ReadmeEdited
from paperweek.models import Week
from paperweek.render.context import readme_context
from paperweek.render.sandbox import DEFAULT_OUTPUT, render_bounded, sandbox
from paperweek.render.theme import BUILTIN_THEMES, TEMPLATE, load_theme
from paperweek.store.atomic import write_text_atomic
from paperweek.store.faults import crash_point
from paperweek.store.paths import log_file

if TYPE_CHECKING:
    from paperweek.store import Log

__all__ = ["BUILTIN_THEMES", "TEMPLATE", "environment", "render_readme"]


def environment(dirs: list[Path] | tuple[Path, ...], root: Path | None = None) -> Any:
    """Jinja2's sandbox: a theme in the log (``themes/NAME/``) comes with the repository, so its
    templates are untrusted code -- they may format text, never reach Python's internals; and each
    template file of the log's is checked to lie inside it before it is read (store/paths.py)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.loaders import split_template_path

    class LogLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            if root is not None:
                base = root.resolve()
                for folder in dirs:
                    if folder.is_relative_to(base):
                        log_file(root, folder.joinpath(*split_template_path(template)))
            return super().get_source(environment, template)

    return sandbox(
        loader=LogLoader([str(d) for d in dirs]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        undefined=StrictUndefined,
    )


def render_readme(config: Config, weeks: list[Week], root: Path | None = None) -> str:
    """The README text for these weeks: deterministic, so building twice is byte-identical."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    theme = load_theme(config.theme, root)
    env = environment(theme.dirs, root)
    try:
        cap = partial(output_cap, weeks)  # counted only for a README past DEFAULT_OUTPUT
        text = render_bounded(env.get_template(TEMPLATE), cap, **readme_context(config, weeks, theme))
    except SecurityError as exc:
        raise ConfigError(
            f"theme {config.theme!r}: its template tried something a theme may not do ({exc}); "
            "fix the template or copy the built-in theme again (`paperweek theme`)"
        ) from exc
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or f"theme {config.theme!r}"
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"{where}{f':{line}' if line else ''}: template error ({exc}); fix the theme's template") from exc
    return text.rstrip("\n") + "\n"


def output_cap(weeks: list[Week]) -> int:
    """How much README a theme may write for these weeks: a fixed allowance and 16 characters per
    character of the weeks' text, so the bound grows with the data, never with the template's work."""
    size = sum(
        len(p.title) + len(p.summary) + len(p.raw or "") + sum(len(link.url) + len(link.label) for link in p.links) + 64
        for week in weeks
        for p in week.papers
    )
    size += sum(len(week.heading or "") + sum(len(str(v)) for v in week.style.values()) + 64 for week in weeks)
    return DEFAULT_OUTPUT + 16 * size


RECORD = "readme.sha256"  # under .paperweek/: what paperweek last wrote to README.md


def write_readme(log: Log, force: bool = False) -> bool:
    """Write the log's README.md from its data if it changed (atomically); True when it was written.

    README.md is generated, but people edit it anyway. Its hash is recorded when paperweek
    writes it; a README that matches neither that record nor the data was edited by hand, and
    is not replaced unless ``force`` (ReadmeEdited instead). Without a record (a fresh clone)
    git holds the old text, and the README is rewritten.
    """
    log.require_lock()
    text = render_readme(log.config, log.weeks, log.root)
    path = log.readme_path
    record = log.cache_dir / RECORD
    current = path.read_bytes() if path.is_file() else None
    if current is not None:
        # CRLF line ends (git's core.autocrlf on Windows) are the same README: compared and recorded as LF
        current = current.replace(b"\r\n", b"\n")
    if current is not None and current == text.encode("utf-8"):
        _record(record, hashlib.sha256(current).hexdigest())
        return False
    if current is not None and not force and record.is_file():
        if edited_by_hand(log):
            raise ReadmeEdited(f"{path}: edited by hand since paperweek wrote it; those edits would be lost: {KEEP_EDITS}")
    elif current is not None and not force:
        log.notes.append(
            f"{path} differed from what the week files give and paperweek has no record of writing it "
            "(a fresh clone or a first build); it was rewritten -- `git diff` shows what changed"
        )
    write_text_atomic(path, text)
    crash_point("readme:before-record")
    _record(record, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return True


KEEP_EDITS = "move the edits into the week files or the theme, then run `paperweek build --force` to replace README.md"


def edited_by_hand(log: Log) -> bool:
    """README.md differs from what paperweek last wrote there: ``build`` refuses to replace it."""
    record = log.cache_dir / RECORD
    try:
        recorded = record.read_text(encoding="utf-8").strip()
        current = log.readme_path.read_bytes()
    except OSError:
        return False  # no record (a fresh clone) or no README: build writes it
    return bool(recorded) and recorded != hashlib.sha256(current).hexdigest()


def _record(record: Path, digest: str) -> None:
    try:
        if not record.is_file() or record.read_text(encoding="utf-8").strip() != digest:
            write_text_atomic(record, digest + "\n")
    except OSError:
        pass  # only a cache: without it, a hand edit is replaced as on a fresh clone
