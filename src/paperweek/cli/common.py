"""Small helpers shared by the command modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from paperweek.store import Log


def log_dir(ctx: click.Context) -> Path | None:
    """The ``--dir`` given to ``paperweek`` (None: search upwards)."""
    root = ctx.find_root()
    obj = root.obj or {}
    value = obj.get("dir")
    return value if isinstance(value, Path) else None


def open_log_from(ctx: click.Context) -> Log:
    from paperweek.store import open_log

    return open_log(log_dir(ctx))


def print_json(data: Any) -> None:
    """Machine-readable output: JSON on stdout and nothing else there."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def rebuild_readme(log: Log) -> bool:
    """Write README.md from the data if it changed; True when it was written."""
    from paperweek.render.readme import render_readme
    from paperweek.store.atomic import write_text_atomic

    text = render_readme(log.config, log.weeks, log.root)
    path = log.readme_path
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_text_atomic(path, text)
    return True
