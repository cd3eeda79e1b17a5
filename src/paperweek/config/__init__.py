"""Settings: defaults < paperweek.toml < PAPERWEEK_* environment < command-line flags.

``paperweek.toml`` sits at the root of the log. ``config/schema.py`` declares every table once
(``[log]`` and ``[table]`` are ``Config``; ``[summary]``, ``[site]``, ``[sources]``, ``[tags]``,
``[discover]`` one dataclass each), ``config/options.py`` the kinds of value. Everything is checked
once, when the file is read: unknown tables and keys, types, ranges, and the shape of every path;
``store/paths.check_paths`` confines the paths to the log's folder when the log is opened.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from paperweek.config.options import normalize_base_url, options, read_options
from paperweek.config.schema import (
    CACHE_DIR,
    COLUMNS,
    CONFIG_NAME,
    DEFAULT_HEADING,
    DEFAULT_SERIES_LINE,
    DEFAULT_SUMMARY_CHARS,
    DEFAULT_TITLE,
    INDEX_LAYOUTS,
    INDEX_ORDERS,
    RESERVED,
    SECTIONS,
    SUMMARY_ENGINES,
    SUMMARY_LEADS,
    TABLES,
    THEMES_DIR,
    Config,
    DiscoverSettings,
    SiteSettings,
    SourcesSettings,
    SummarySettings,
    TagsSettings,
)
from paperweek.days import WEEKDAYS
from paperweek.errors import ConfigError

CONFIG_SCHEMA = 1


def load_config(root: Path) -> Config:
    """Read and validate ``root/paperweek.toml`` (its paths are confined by ``store.paths.check_paths``)."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: not found; run `paperweek init` here or pass --dir to a log")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM from a Windows editor is fine
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or restore it from git") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from exc
    return config_from_dict(data, str(path))


def config_from_dict(data: dict[str, Any], where: str = CONFIG_NAME) -> Config:
    """Validate the parsed TOML of a config file: every table against ``config/schema.py``."""
    schema = data.get("schema", CONFIG_SCHEMA)
    if not isinstance(schema, int) or schema > CONFIG_SCHEMA:
        raise ConfigError(f"{where}: schema {schema!r} is newer than this paperweek understands; upgrade paperweek")
    unknown = set(data) - SECTIONS - {"schema"}
    if unknown:
        raise ConfigError(
            f"{where}: unknown table or key {sorted(unknown)[0]!r}; known tables are {', '.join(sorted(SECTIONS))}"
        )
    values = read_options(Config, data.get("log", {}), "log", where)
    values.update(read_options(Config, data.get("table", {}), "table", where))
    config = Config(**values, sections={name: data[name] for name in TABLES if name in data}, source=where)
    config.check()
    return config


def config_to_toml(config: Config) -> str:
    """The text of a paperweek.toml for ``config`` (used by init and import)."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("paperweek configuration: https://github.com/paperweek/paperweek/blob/main/docs/config.md"))
    doc.add("schema", CONFIG_SCHEMA)
    log = tomlkit.table()
    log_keys = options(Config, "log")
    for f in fields(Config):
        if f.name not in log_keys:
            continue
        value = getattr(config, f.name)
        if f.name == "week_start":
            log.add("week_start", WEEKDAYS[value])
            continue
        if value is None or (f.name == "period" and value == "week"):
            continue
        if isinstance(value, str) and "\n" in value:
            log.add(f.name, tomlkit.string(value, multiline=True))
        else:
            log.add(f.name, value)
    doc.add("log", log)
    table = tomlkit.table()
    table.add("columns", config.columns)
    doc.add("table", table)
    for name, section in sorted(config.sections.items()):
        doc.add(name, section)
    return tomlkit.dumps(doc)


__all__ = [
    "CACHE_DIR",
    "COLUMNS",
    "CONFIG_NAME",
    "CONFIG_SCHEMA",
    "DEFAULT_HEADING",
    "DEFAULT_SERIES_LINE",
    "DEFAULT_SUMMARY_CHARS",
    "DEFAULT_TITLE",
    "INDEX_LAYOUTS",
    "INDEX_ORDERS",
    "RESERVED",
    "SECTIONS",
    "SUMMARY_ENGINES",
    "SUMMARY_LEADS",
    "TABLES",
    "THEMES_DIR",
    "Config",
    "DiscoverSettings",
    "SiteSettings",
    "SourcesSettings",
    "SummarySettings",
    "TagsSettings",
    "config_from_dict",
    "config_to_toml",
    "load_config",
    "normalize_base_url",
]
