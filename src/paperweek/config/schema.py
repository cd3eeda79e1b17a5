"""Every table of paperweek.toml, declared once: each key with its kind, its range and its default.

``[log]`` and ``[table]`` are ``Config``; ``[summary]``, ``[site]``, ``[sources]``, ``[tags]`` and
``[discover]`` are one frozen dataclass each, in ``TABLES``. A field declared with ``setting`` is a
key of the file (``config/options.py`` reads it); what a key means is documented in docs/config.md.
Feature modules read these fields and validate nothing themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from paperweek.config.options import (
    BaseUrl,
    Choice,
    Flag,
    InLog,
    KeywordRules,
    ListOf,
    Number,
    TagNames,
    Text,
    ThemeName,
    Uri,
    WebAddress,
    Weekday,
    Whole,
    read_table,
    setting,
)
from paperweek.errors import ConfigError
from paperweek.periods import PERIODS

CONFIG_NAME = "paperweek.toml"
CACHE_DIR = ".paperweek"
THEMES_DIR = "themes"  # the log's own copies of themes (render/theme.py)
RESERVED = (CONFIG_NAME, CACHE_DIR, ".git", THEMES_DIR)  # what a path from the config may never name

INDEX_ORDERS = ("oldest-first", "newest-first")
INDEX_LAYOUTS = ("years", "flat", "none")  # index under "## YEAR" headings, one flat list, or no index
COLUMNS = ("paper", "release_date", "links")
SUMMARY_ENGINES = ("offline", "llm")
SUMMARY_LEADS = ("contribution", "start")  # how offline summaries begin (see summarize/offline.py)
DEFAULT_SUMMARY_CHARS = 700  # a draft's bound when [summary] max_chars is not set and nothing is learned

# Neutral words: a new log (init) or an adopted list without its own title speaks for nobody else.
DEFAULT_TITLE = "Papers of the Week"
DEFAULT_HEADING = "Papers of the Week"
DEFAULT_SERIES_LINE = "Here is the weekly series:"  # a day or month log's README says daily / monthly

# [log]'s messages read "FILE: [log] key must be ...", as they always have.
_LOG_TEXT = "{at} must be a string, not {value!r}"


def _log_text(**kw: Any) -> Text:
    return Text(clean=True, message=_LOG_TEXT, **kw)


def _one_of(choices: tuple[str, ...]) -> Choice:
    return Choice(choices, message="{at} must be one of " + ", ".join(choices))


@dataclass(frozen=True)
class SummarySettings:
    """``[summary]`` (docs/summaries.md)."""

    engine: str = setting(Choice(SUMMARY_ENGINES), "offline")
    max_chars: int | None = setting(Whole(40, 100_000))  # None: the learned length, else DEFAULT_SUMMARY_CHARS
    lead: str = setting(Choice(SUMMARY_LEADS), "contribution")
    model: str | None = setting(Text(blank=False, strip=True))
    base_url: str | None = setting(WebAddress(blank=False, strip=True))
    prompt: str | None = setting(Text(blank=False))
    prompt_file: str | None = setting(Text())  # relative to the log; confined there when the log is opened
    system: str | None = setting(Text())
    timeout: float = setting(Number(0.01, 3600.0), 60.0)
    retry_budget: float = setting(Number(0.0), 180.0)
    max_attempts: int = setting(Whole(1, 100), 5)
    backoff: float = setting(Number(0.0, 3600.0), 1.0)
    temperature: float | None = setting(Number(0.0, 2.0))
    max_tokens: int | None = setting(Whole(1))
    cache: bool = setting(Flag(), True)

    @staticmethod
    def check_table(table: dict[str, Any], at: str) -> None:
        if "prompt" in table and "prompt_file" in table:
            raise ConfigError(f"{at} has both prompt and prompt_file; keep one")


@dataclass(frozen=True)
class SiteSettings:
    """``[site]`` (docs/site.md). ``site.views.site_settings`` fills in a title and description left out."""

    title: str | None = setting(Text())  # None: the log's [log] title
    description: str | None = setting(Text())  # None: the log's [log] intro
    base_url: str | None = setting(BaseUrl())  # ends with "/"; --base-url wins
    home_weeks: int = setting(Whole(0), 10)  # periods on the home page (0: no limit)
    page_papers: int = setting(Whole(0), 100)  # papers on one page at most (0: no limit): site/paging.py
    feed_weeks: int = setting(Whole(0), 10)  # periods in the Atom feed
    author: str = setting(Text(), "")
    language: str = setting(Text(blank=False), "en")
    id: str = setting(Uri(), "")  # the log's identity for Atom ids; default: made from the title


@dataclass(frozen=True)
class SourcesSettings:
    """``[sources]``."""

    huggingface: bool = setting(Flag(), True)


@dataclass(frozen=True)
class TagsSettings:
    """``[tags]`` (docs/tags.md), names already normalised as tags; ``tags.tag_rules`` compiles them."""

    automatic: bool = setting(Flag(), True)
    categories: dict[str, str] = setting(TagNames(), factory=dict)  # "" : no tag for that category
    rules: dict[str, list[str]] = setting(KeywordRules(), factory=dict)


@dataclass(frozen=True)
class DiscoverSettings:
    """``[discover]`` has no settings yet; any key in it is an error (a typo would go unnoticed)."""


# The feature tables, by name: each is read (and so checked) when the file is loaded.
TABLES: dict[str, type] = {
    "summary": SummarySettings,
    "site": SiteSettings,
    "sources": SourcesSettings,
    "tags": TagsSettings,
    "discover": DiscoverSettings,
}
SECTIONS = {"log", "table", *TABLES}


@dataclass
class Config:
    """``[log]`` (what a log looks like and where its files are) and ``[table]``; the other tables typed."""

    title: str = setting(_log_text(), DEFAULT_TITLE)
    intro: str = setting(_log_text(), "")  # no intro paragraph until the curator writes one
    series_line: str = setting(_log_text(), DEFAULT_SERIES_LINE)
    week_heading: str = setting(_log_text(), DEFAULT_HEADING)
    week_start: int = setting(Weekday(), 0)  # Monday
    period: str = setting(_one_of(PERIODS), "week")  # how the log is cut (paperweek.periods)
    index_order: str = setting(_one_of(INDEX_ORDERS), "oldest-first")
    theme: str = setting(ThemeName(clean=True, message=_LOG_TEXT), "seed")
    weeks_dir: str = setting(InLog(RESERVED, clean=True, message=_LOG_TEXT), "weeks")
    readme: str = setting(InLog(RESERVED, clean=True, message=_LOG_TEXT), "README.md")
    preamble: str | None = setting(_log_text())  # raw Markdown above the index, replacing title/intro/series
    index_layout: str = setting(_one_of(INDEX_LAYOUTS), "years")
    after_index: str | None = setting(_log_text())  # raw Markdown between the index and the first week
    columns: list[str] = setting(ListOf(COLUMNS, table="table", message="{at} must be {must}"),
                                 factory=lambda: list(COLUMNS))  # fmt: skip
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)  # the feature tables as written
    source: str = field(default=CONFIG_NAME, compare=False, repr=False)  # the file, for error messages

    def section(self, name: str) -> dict[str, Any]:
        """A feature's table of settings as written (empty when absent)."""
        return self.sections.get(name, {})

    def _typed(self, name: str) -> Any:
        return read_table(TABLES[name], self.section(name), name, self.source)

    @cached_property
    def summary(self) -> SummarySettings:
        typed: SummarySettings = self._typed("summary")
        return typed

    @cached_property
    def site(self) -> SiteSettings:
        typed: SiteSettings = self._typed("site")
        return typed

    @cached_property
    def sources(self) -> SourcesSettings:
        typed: SourcesSettings = self._typed("sources")
        return typed

    @cached_property
    def tags(self) -> TagsSettings:
        typed: TagsSettings = self._typed("tags")
        return typed

    def check(self) -> None:
        """Every table read once: a bad key or value anywhere is a ConfigError now."""
        _ = self.summary, self.site, self.sources, self.tags
        self._typed("discover")


__all__ = [
    "CACHE_DIR",
    "COLUMNS",
    "CONFIG_NAME",
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
]
