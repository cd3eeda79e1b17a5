"""README.md from the log, through the configured theme's Jinja2 template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paperweek.config import Config
from paperweek.errors import ConfigError
from paperweek.models import Week
from paperweek.render.context import readme_context

TEMPLATE = "README.md.j2"
BUILTIN_THEMES = Path(__file__).resolve().parent.parent / "themes"


def theme_dirs(config: Config, root: Path | None) -> list[Path]:
    """Where a theme's templates are looked up: the log's own copy first, then the built-in one."""
    dirs = []
    if root is not None:
        local = root / "themes" / config.theme
        if local.is_dir():
            dirs.append(local)
    builtin = BUILTIN_THEMES / config.theme
    if builtin.is_dir():
        dirs.append(builtin)
    if not dirs:
        known = ", ".join(sorted(p.name for p in BUILTIN_THEMES.iterdir() if p.is_dir()))
        raise ConfigError(f"paperweek.toml: theme {config.theme!r} not found; built-in themes: {known}")
    return dirs


def environment(dirs: list[Path]) -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader([str(d) for d in dirs]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        undefined=StrictUndefined,
    )


def render_readme(config: Config, weeks: list[Week], root: Path | None = None) -> str:
    """The README text for these weeks: deterministic, so building twice is byte-identical."""
    env = environment(theme_dirs(config, root))
    text: str = env.get_template(TEMPLATE).render(**readme_context(config, weeks))
    return text.rstrip("\n") + "\n"
