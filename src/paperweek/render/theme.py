"""Themes: where a theme's files are, the table defaults it declares, and a week's resolved style.

A theme is a folder holding ``README.md.j2`` (the Jinja2 layout) and
``theme.toml`` (its defaults: heading text, columns, numbering, bold titles,
separators, header cells). The log's own ``themes/<name>/`` (made by
``paperweek theme copy``) is looked up before the built-in one. A week's
``style`` mapping (recorded on import) overrides the theme per week; see
docs/themes.md for every key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperweek.config import COLUMNS, DEFAULT_HEADING, THEMES_DIR, Config
from paperweek.days import week_year
from paperweek.errors import ConfigError, InputError
from paperweek.grammar.rows import WeekStyle
from paperweek.models import STYLE_KEYS, Week
from paperweek.store.atomic import write_text_atomic
from paperweek.store.paths import log_file, log_folder

BUILTIN_THEMES = Path(__file__).resolve().parent.parent / "themes"
TEMPLATE = "README.md.j2"
DEFAULTS_FILE = "theme.toml"

NUMBER_STYLES = ("(1)", "1)", "1.", "none")
DEFAULT_HEADER = {"paper": "**Paper** ", "release_date": "**Release Date**", "links": "**Links**"}
ROW_COLUMNS = (*COLUMNS, "other")  # "other": a column paperweek does not know; its rows are kept verbatim


@dataclass(frozen=True)
class Theme:
    """A theme's folders (looked up in order) and its table defaults."""

    name: str
    dirs: tuple[Path, ...]
    week_heading: str = DEFAULT_HEADING
    columns: tuple[str, ...] = COLUMNS
    header: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_HEADER))
    align: str = "-------------"
    number: str = "(1)"
    bold: bool = True
    separator: str = " - "
    link_separator: str = ", "
    rule: bool = False
    row_end: str = "|"  # what follows a row's last cell: "|" (the seed's) or " |"
    period: str = ""  # kept layouts: the layout of a period added after import (render/kept.py)
    heading: str = ""  # kept layouts: a new period's heading, a format of {start}, {end}, {week}, {year}


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_THEMES.iterdir() if (p / TEMPLATE).is_file())


def theme_dirs(name: str, root: Path | None) -> list[Path]:
    """Where a theme's files are looked up: the log's own copy first, then the built-in one."""
    dirs = []
    if root is not None:
        local = root / THEMES_DIR / name
        if local.is_dir() or local.is_symlink():
            dirs.append(log_folder(root, local))  # a link out of the log is refused (store/paths.py)
    builtin = BUILTIN_THEMES / name
    if builtin.is_dir():
        dirs.append(builtin)
    if not dirs:
        raise ConfigError(
            f"paperweek.toml: theme {name!r} not found in {THEMES_DIR}/ or built in; "
            f"built-in themes: {', '.join(builtin_names())}"
        )
    return dirs


_CACHE: dict[tuple[Path, ...], Theme] = {}


def load_theme(name: str, root: Path | None = None) -> Theme:
    """The theme named in the config, with its defaults read from the first theme.toml found."""
    dirs = tuple(theme_dirs(name, root))
    cached = _CACHE.get(dirs)
    defaults_path = next((d / DEFAULTS_FILE for d in dirs if (d / DEFAULTS_FILE).is_file()), None)
    if cached is not None and (defaults_path is None or defaults_path.parent.is_relative_to(BUILTIN_THEMES)):
        return cached
    values: dict[str, Any] = {}
    if defaults_path is not None:
        if root is not None and not defaults_path.parent.is_relative_to(BUILTIN_THEMES):
            defaults_path = log_file(root, defaults_path)
        values = _read_defaults(defaults_path)
    theme = Theme(name=name, dirs=dirs, **values)
    _CACHE[dirs] = theme
    return theme


def config_theme(config: Config, root: Path | None = None) -> Theme:
    """The config's theme; the built-in seed theme when the named one cannot be found (for views)."""
    try:
        return load_theme(config.theme, root)
    except ConfigError:
        return load_theme("seed")


def _read_defaults(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix it or copy the theme again") from exc
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("week_heading", "align", "separator", "link_separator", "row_end", "period", "heading"):
            if not isinstance(value, str):
                raise ConfigError(f"{path}: {key} must be a string")
            out[key] = value
        elif key == "number":
            if value not in NUMBER_STYLES:
                raise ConfigError(f"{path}: number must be one of {', '.join(NUMBER_STYLES)}")
            out[key] = value
        elif key in ("bold", "rule"):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: {key} must be true or false")
            out[key] = value
        elif key == "columns":
            if not isinstance(value, list) or not value or any(c not in COLUMNS for c in value):
                raise ConfigError(f"{path}: columns must be a list drawn from {', '.join(COLUMNS)}")
            out[key] = tuple(value)
        elif key == "header":
            if not isinstance(value, dict) or any(k not in COLUMNS or not isinstance(v, str) for k, v in value.items()):
                raise ConfigError(f"{path}: [header] maps {', '.join(COLUMNS)} to header cell text")
            out[key] = {**DEFAULT_HEADER, **value}
        else:
            raise ConfigError(
                f"{path}: unknown key {key!r}; known keys: week_heading, columns, header, align, number, bold, "
                "separator, link_separator, rule, row_end, period, heading"
            )
    return out


def heading_prefix(config: Config, theme: Theme) -> str:
    """The heading text before the dates: the config's, unless left at paperweek's default."""
    return config.week_heading if config.week_heading != DEFAULT_HEADING else theme.week_heading


def log_columns(config: Config, theme: Theme) -> list[str]:
    """The table's columns: the config's, unless left at paperweek's default (then the theme's)."""
    return list(config.columns) if list(config.columns) != list(COLUMNS) else list(theme.columns)


def header_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def default_header(theme: Theme, columns: list[str]) -> str:
    return header_line([theme.header.get(c, "") for c in columns])


def default_align(theme: Theme, columns: list[str]) -> str:
    return header_line([theme.align for _ in columns])


def resolve(config: Config, theme: Theme, week: Week) -> WeekStyle:
    """A week's style: the week file's ``style`` over the theme's defaults over paperweek's."""
    style = week.style
    where = f"week {week.start.isoformat()}"
    unknown = set(style) - set(STYLE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown style key {sorted(unknown)[0]!r}; known keys: {', '.join(STYLE_KEYS)}")
    columns = log_columns(config, theme)
    if "columns" in style:
        columns = [c.strip() for c in style["columns"].split(",")]
        if not columns or any(c not in ROW_COLUMNS for c in columns) or "paper" not in columns:
            raise ConfigError(f"{where}: style columns must be a comma-separated list of {', '.join(ROW_COLUMNS)}")
    number = style.get("number", theme.number)
    if number not in NUMBER_STYLES:
        raise ConfigError(f"{where}: style number must be one of {', '.join(NUMBER_STYLES)}")
    level_text = style.get("level", "2")
    year_text = style.get("year", "")
    if not level_text.isdigit() or not 1 <= int(level_text) <= 6 or (year_text and not year_text.isdigit()):
        raise ConfigError(f"{where}: style level must be 1-6 and year a year")
    return WeekStyle(
        heading_prefix=heading_prefix(config, theme),
        columns=columns,
        header=style.get("header") or default_header(theme, columns),
        align=style.get("align") or default_align(theme, columns),
        number=number,
        bold=style["bold"] != "plain" if "bold" in style else theme.bold,
        separator=style.get("separator", theme.separator),
        link_separator=style.get("link_separator", theme.link_separator),
        rule=style["rule"] == "---" if "rule" in style else theme.rule,
        table=style.get("table") != "none",
        level=int(level_text),
        year=int(year_text) if year_text else week_year(week.start),
        index_label=style.get("index_label"),
        before=style.get("before"),
        after=style.get("after"),
    )


def local_names(root: Path) -> list[str]:
    folder = root / THEMES_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / TEMPLATE).is_file())


def copy_theme(root: Path, name: str, as_name: str | None = None, force: bool = False) -> Path:
    """Copy a built-in theme's files into the log's ``themes/<as_name or name>/``; returns that folder.

    Build then uses the copy whenever paperweek.toml names that theme. An existing
    copy is never overwritten unless ``force``.
    """
    source = BUILTIN_THEMES / name
    if not (source / TEMPLATE).is_file():
        raise InputError(f"theme {name!r} is not a built-in theme; built-in themes: {', '.join(builtin_names())}")
    target_name = as_name or name
    if not target_name or "/" in target_name or "\\" in target_name or target_name.startswith("."):
        raise InputError(f"{target_name!r} is not a usable theme name; use letters, digits and '-'")
    target = log_folder(root, root / THEMES_DIR / target_name)  # themes/ may not lead out of the log
    files = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in files:
        log_file(root, target / path.name)  # every file checked before the first write
    existing = [target / p.name for p in files if (target / p.name).exists()]
    if existing and not force:
        raise InputError(f"{existing[0]}: already there; edit it, or pass --force to replace it with the built-in one")
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        write_text_atomic(target / path.name, path.read_text(encoding="utf-8"), inside=root)
    return target
