"""Settings: defaults < paperweek.toml < PAPERWEEK_* environment < command-line flags.

``paperweek.toml`` sits at the root of the log. Its ``[log]`` table says how
the README looks; other tables belong to one feature each (``[summary]``,
``[sources]``, ``[tags]``, ``[site]``, ``[discover]``), typed in
``paperweek.sections``. Everything is checked once, when the file is read:
unknown keys, types, ranges, and every path (``readme``, ``weeks_dir``,
``[summary] prompt_file``), which ``log_path`` confines to the log's folder.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from paperweek import sections as S
from paperweek.days import WEEKDAYS, weekday_index
from paperweek.env import env_text
from paperweek.errors import ConfigError
from paperweek.periods import PERIODS
from paperweek.safetext import clean

CONFIG_NAME = "paperweek.toml"
CONFIG_SCHEMA = 1
CACHE_DIR = ".paperweek"
SECTIONS = {"log", "table", "summary", "sources", "tags", "site", "discover"}
INDEX_ORDERS = ("oldest-first", "newest-first")
INDEX_LAYOUTS = ("years", "flat", "none")  # index under "## YEAR" headings, one flat list, or no index
COLUMNS = ("paper", "release_date", "links")

# Neutral words: a new log (init) or an adopted list without its own title speaks for nobody else.
DEFAULT_TITLE = "Papers of the Week"
DEFAULT_INTRO = ""  # no intro paragraph until the curator writes one
DEFAULT_SERIES_LINE = "Here is the weekly series:"
DEFAULT_HEADING = "Papers of the Week"


@dataclass
class Config:
    """What a log looks like and where its files are."""

    title: str = DEFAULT_TITLE
    intro: str = DEFAULT_INTRO
    series_line: str = DEFAULT_SERIES_LINE
    week_heading: str = DEFAULT_HEADING
    week_start: int = 0
    period: str = "week"  # "day", "week" or "month": how the log is cut (paperweek.periods)
    index_order: str = "oldest-first"
    theme: str = "seed"
    weeks_dir: str = "weeks"
    readme: str = "README.md"
    preamble: str | None = None  # raw Markdown above the index, replacing title/intro/series line
    index_layout: str = "years"  # see INDEX_LAYOUTS
    after_index: str | None = None  # raw Markdown between the index and the first week, kept verbatim
    columns: list[str] = field(default_factory=lambda: list(COLUMNS))
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = field(default=CONFIG_NAME, compare=False, repr=False)  # the file, for error messages

    def section(self, name: str) -> dict[str, Any]:
        """A feature's table of settings as written (empty when absent)."""
        return self.sections.get(name, {})

    @cached_property
    def summary(self) -> S.SummarySettings:
        return S.summary_settings(self.section("summary"), self.source)

    @cached_property
    def site(self) -> S.SiteTable:
        return S.site_table(self.section("site"), self.source)

    @cached_property
    def sources(self) -> S.SourcesSettings:
        return S.sources_settings(self.section("sources"), self.source)

    @cached_property
    def tags(self) -> S.TagsTable:
        return S.tags_table(self.section("tags"), self.source)

    def check(self) -> None:
        """Every table parsed once: a bad key or value anywhere is a ConfigError now."""
        _ = self.summary, self.site, self.sources, self.tags
        S.discover_settings(self.section("discover"), self.source)


_LOG_KEYS = {
    "title",
    "intro",
    "series_line",
    "week_heading",
    "week_start",
    "period",
    "index_order",
    "theme",
    "weeks_dir",
    "readme",
    "preamble",
    "index_layout",
    "after_index",
}


def find_root(start: Path) -> Path | None:
    """The nearest ancestor of ``start`` (itself included) holding paperweek.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load_config(root: Path) -> Config:
    """Read and validate ``root/paperweek.toml``."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: not found; run `paperweek init` here or pass --dir to a log")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM from a Windows editor is fine
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or restore it from git") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from exc
    config = config_from_dict(data, str(path))
    check_paths(config, root)
    return config


def config_from_dict(data: dict[str, Any], where: str = CONFIG_NAME) -> Config:
    """Validate the parsed TOML of a config file."""
    schema = data.get("schema", CONFIG_SCHEMA)
    if not isinstance(schema, int) or schema > CONFIG_SCHEMA:
        raise ConfigError(f"{where}: schema {schema!r} is newer than this paperweek understands; upgrade paperweek")
    unknown = set(data) - SECTIONS - {"schema"}
    if unknown:
        raise ConfigError(
            f"{where}: unknown table or key {sorted(unknown)[0]!r}; known tables are {', '.join(sorted(SECTIONS))}"
        )
    config = Config(source=where)
    log = _table(data, "log", where)
    bad = set(log) - _LOG_KEYS
    if bad:
        raise ConfigError(f"{where}: [log] has unknown key {sorted(bad)[0]!r}; known keys: {', '.join(sorted(_LOG_KEYS))}")
    for key in ("title", "intro", "series_line", "week_heading", "theme", "weeks_dir", "readme", "preamble",
                "after_index"):
        if key in log:
            value = log[key]
            if not isinstance(value, str):
                raise ConfigError(f"{where}: [log] {key} must be a string, not {value!r}")
            setattr(config, key, clean(value))
    if "week_start" in log:
        if isinstance(log["week_start"], bool):
            raise ConfigError(f'{where}: [log] week_start = {str(log["week_start"]).lower()}: must be a weekday name '
                              '(monday ... sunday); fix it')
        try:
            config.week_start = weekday_index(log["week_start"])
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{where}: [log] week_start: {exc}") from exc
    if "period" in log:
        if log["period"] not in PERIODS:
            raise ConfigError(f"{where}: [log] period must be one of {', '.join(PERIODS)}")
        config.period = log["period"]
    if "index_order" in log:
        if log["index_order"] not in INDEX_ORDERS:
            raise ConfigError(f"{where}: [log] index_order must be one of {', '.join(INDEX_ORDERS)}")
        config.index_order = log["index_order"]
    if "index_layout" in log:
        if log["index_layout"] not in INDEX_LAYOUTS:
            raise ConfigError(f"{where}: [log] index_layout must be one of {', '.join(INDEX_LAYOUTS)}")
        config.index_layout = log["index_layout"]
    table = _table(data, "table", where)
    if "columns" in table:
        columns = table["columns"]
        if not isinstance(columns, list) or not columns or any(c not in COLUMNS for c in columns):
            raise ConfigError(f"{where}: [table] columns must be a list drawn from {', '.join(COLUMNS)}")
        config.columns = list(columns)
    for name in SECTIONS - {"log"}:
        if name in data:
            config.sections[name] = _table(data, name, where)
    if not _is_theme_name(config.theme):
        raise ConfigError(f"{where}: [log] theme = {config.theme!r}: must be a theme name (letters, digits, - and _)")
    for key in ("readme", "weeks_dir"):
        _relative(getattr(config, key), f"{where}: [log] {key}")
    config.check()
    return config


def _is_theme_name(name: str) -> bool:
    return bool(name) and all(c.isalnum() or c in "-_." for c in name) and not name.startswith(".")


# Folders and files a path from the config may never name: paperweek's own files and git's.
THEMES_DIR = "themes"  # the log's own copies of themes (render/theme.py)
RESERVED = (CONFIG_NAME, CACHE_DIR, ".git", THEMES_DIR)


def _relative(value: str, what: str) -> PurePosixPath:
    """A config path as written: non-empty, relative, no ``..`` and no hidden part."""
    text = value.strip().replace("\\", "/")
    path = PurePosixPath(text)
    if not text or text in (".", "./"):
        raise ConfigError(f"{what} = {value!r}: must name a path inside the log's folder, e.g. README.md")
    if path.is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise ConfigError(f"{what} = {value!r}: must be relative to the log's folder, not an absolute path")
    if any(part == ".." for part in path.parts):
        raise ConfigError(f"{what} = {value!r}: must stay inside the log's folder (no ..)")
    if any(part.startswith(".") for part in path.parts):
        raise ConfigError(f"{what} = {value!r}: hidden files and folders (.git, .paperweek, ...) are not allowed")
    if path.parts[0].casefold() in {name.casefold() for name in RESERVED}:  # PAPERWEEK.TOML is it on macOS
        raise ConfigError(f"{what} = {value!r}: names paperweek's own files ({path.parts[0]}); choose another path")
    return path


def log_path(root: Path, value: str, what: str) -> Path:
    """``value`` from the config as a path inside ``root``: the one resolver for every config path.

    Refuses empty, absolute and ``..`` paths, hidden parts, paperweek's own files, and a path
    that leaves the log through a symbolic link.
    """
    relative = _relative(value, what)
    base = root.resolve()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        raise ConfigError(f"{what} = {value!r}: leads outside the log's folder {root} (through a link?)")
    return target


def check_paths(config: Config, root: Path) -> None:
    """``readme`` and ``weeks_dir`` inside the log and apart; ``prompt_file`` inside the log."""
    where = config.source
    readme = log_path(root, config.readme, f"{where}: [log] readme")
    weeks = log_path(root, config.weeks_dir, f"{where}: [log] weeks_dir")
    readme_key, weeks_key = Path(str(readme).casefold()), Path(str(weeks).casefold())  # macOS, Windows: one file
    if readme_key == weeks_key or readme_key.is_relative_to(weeks_key):
        raise ConfigError(
            f"{where}: [log] readme = {config.readme!r} is inside weeks_dir = {config.weeks_dir!r}, "
            "where the week files live; choose another path"
        )
    if weeks_key.is_relative_to(readme_key):
        raise ConfigError(f"{where}: [log] weeks_dir = {config.weeks_dir!r} is inside the readme path; fix one")
    prompt = config.summary.prompt_file
    if prompt:
        log_path(root, prompt, f"{where}: [summary] prompt_file")


def _table(data: dict[str, Any], name: str, where: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {name} must be a table ([{name}])")
    return value


def config_to_toml(config: Config) -> str:
    """The text of a paperweek.toml for ``config`` (used by init and import)."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("paperweek configuration: https://github.com/paperweek/paperweek/blob/main/docs/config.md"))
    doc.add("schema", CONFIG_SCHEMA)
    log = tomlkit.table()
    for f in fields(Config):
        if f.name not in _LOG_KEYS:
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
        if name != "table":
            doc.add(name, section)
    return tomlkit.dumps(doc)


def today() -> dt.date:
    """Today's local date, or ``PAPERWEEK_TODAY`` when set (for reproducible weeks)."""
    value = env_text("TODAY")
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ConfigError(f"PAPERWEEK_TODAY={value!r} is not an ISO date (YYYY-MM-DD)") from exc
    return dt.date.today()



