"""Typed settings of the feature tables of paperweek.toml, checked once when the file is read.

``[summary]``, ``[site]``, ``[sources]``, ``[tags]`` and ``[discover]`` each
become a frozen dataclass; an unknown key, a value of the wrong type or out of
range is a ``ConfigError`` in one style: ``FILE: [table] key = VALUE: what it
must be``. Feature modules read these fields and validate nothing themselves.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from typing import Any

from paperweek.errors import ConfigError, Param, ParamError
from paperweek.safetext import split_url

SUMMARY_ENGINES = ("offline", "llm")
SUMMARY_LEADS = ("contribution", "start")  # how offline summaries begin (see summarize/offline.py)
DEFAULT_SUMMARY_CHARS = 700  # a draft's bound when [summary] max_chars is not set and nothing is learned


@dataclass(frozen=True)
class SummarySettings:
    """``[summary]`` (docs/summaries.md)."""

    engine: str = "offline"
    max_chars: int | None = None  # None: not set (the learned length, else DEFAULT_SUMMARY_CHARS)
    lead: str = "contribution"
    model: str | None = None
    base_url: str | None = None
    prompt: str | None = None
    prompt_file: str | None = None  # relative to the log; confined there when the file is loaded
    system: str | None = None
    timeout: float = 60.0
    retry_budget: float = 180.0
    max_attempts: int = 5
    backoff: float = 1.0
    temperature: float | None = None
    max_tokens: int | None = None
    cache: bool = True


@dataclass(frozen=True)
class SiteTable:
    """``[site]`` as written (docs/site.md); ``site.views.site_settings`` fills in the defaults."""

    title: str | None = None
    description: str | None = None
    base_url: str | None = None
    home_weeks: int = 10
    page_papers: int = 100
    feed_weeks: int = 10
    author: str = ""
    language: str = "en"
    id: str = ""  # the log's identity for Atom ids, a URI such as tag:you@example.org,2024:papers


@dataclass(frozen=True)
class SourcesSettings:
    """``[sources]``."""

    huggingface: bool = True


@dataclass(frozen=True)
class TagsTable:
    """``[tags]``: its shape is checked here; ``tags.tag_rules`` normalises the names."""

    automatic: bool = True
    categories: dict[str, str] = field(default_factory=dict)
    rules: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DiscoverSettings:
    """``[discover]`` has no settings yet; any key in it is an error (a typo would go unnoticed)."""


class _Reader:
    """Reads one table, naming the file, table and key in every error."""

    def __init__(self, table: dict[str, Any], name: str, where: str, known: set[str]):
        self.table, self.name, self.where = table, name, where
        unknown = sorted(set(table) - known)
        if unknown:
            keys = ", ".join(sorted(known)) or "none yet"
            raise ConfigError(f"{where}: [{name}] has unknown key {unknown[0]!r}; known keys: {keys}")

    def fail(self, key: str, must: str) -> ConfigError:
        return ConfigError(f"{self.where}: [{self.name}] {key} = {self.table[key]!r}: must be {must}; fix or remove it")

    def text(self, key: str, default: str | None, *, blank: bool = True) -> str | None:
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, str):
            raise self.fail(key, "a string")
        if not blank and not value.strip():
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.table.get(key, default)
        if value not in choices:
            raise self.fail(key, "one of " + ", ".join(f'"{c}"' for c in choices))
        return str(value)

    # The one number reader of paperweek.toml: every number has a range, so ``timeout = 1e300`` or
    # ``max_tokens = 10**30`` is one line naming the key, never an overflow deep inside a library.
    def whole(self, key: str, default: int, minimum: int, maximum: int = 1_000_000) -> int:
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise self.fail(key, f"a whole number >= {minimum} and at most {maximum}")
        return value

    def number(
        self, key: str, default: float, minimum: float, maximum: float = 86_400.0, *, positive: bool = False
    ) -> float:
        value = self.table.get(key, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or value < minimum or value > maximum or (positive and value <= minimum):
            raise self.fail(key, f"a number {'>' if positive else '>='} {minimum:g} and at most {maximum:g}")
        return float(value)


def _known(kind: type) -> set[str]:
    return {f.name for f in fields(kind)}


def summary_settings(table: dict[str, Any], where: str) -> SummarySettings:
    r = _Reader(table, "summary", where, _known(SummarySettings))
    if "prompt" in table and "prompt_file" in table:
        raise ConfigError(f"{where}: [summary] has both prompt and prompt_file; keep one")
    base_url = r.text("base_url", None, blank=False)
    if base_url is not None:
        base_url = base_url.strip()
        parts = split_url(base_url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise r.fail("base_url", "an http:// or https:// URL")
    temperature = None if "temperature" not in table else r.number("temperature", 0.0, 0.0, 2.0)
    max_tokens = None if "max_tokens" not in table else r.whole("max_tokens", 1, 1)
    model = r.text("model", None, blank=False)
    return SummarySettings(
        engine=r.choice("engine", "offline", SUMMARY_ENGINES),
        max_chars=None if "max_chars" not in table else r.whole("max_chars", DEFAULT_SUMMARY_CHARS, 40, 100_000),
        lead=r.choice("lead", "contribution", SUMMARY_LEADS),
        model=model.strip() if model else None,
        base_url=base_url,
        prompt=r.text("prompt", None, blank=False),
        prompt_file=r.text("prompt_file", None),
        system=r.text("system", None),
        timeout=r.number("timeout", 60.0, 0.01, 3600.0),
        retry_budget=r.number("retry_budget", 180.0, 0.0),
        max_attempts=r.whole("max_attempts", 5, 1, 100),
        backoff=r.number("backoff", 1.0, 0.0, 3600.0),
        temperature=temperature,
        max_tokens=max_tokens,
        cache=r.flag("cache", True),
    )


BASE_URL = Param("base_url")


def normalize_base_url(value: str | None, where: str | Param = BASE_URL) -> str | None:
    """``https://host/path`` -> ``https://host/path/``; anything but an absolute http(s) URL is an error.

    ``where`` is a place in paperweek.toml (a ConfigError) or the parameter it came in as (a ParamError).
    """
    if value is None or value == "":
        return None
    parts = split_url(value.strip())
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        problem = f" {value!r} is not an absolute http(s) URL without query; use e.g. https://user.github.io/repo/"
        raise ParamError(where, problem) if isinstance(where, Param) else ConfigError(where + problem)
    text = value.strip()
    return text if text.endswith("/") else text + "/"


def site_table(table: dict[str, Any], where: str) -> SiteTable:
    r = _Reader(table, "site", where, _known(SiteTable))
    base_url = r.text("base_url", None)
    identity = (r.text("id", "") or "").strip()
    if identity and not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", identity):
        raise r.fail("id", 'a URI, e.g. "tag:you@example.org,2024:papers"')
    return SiteTable(
        title=r.text("title", None),
        description=r.text("description", None),
        base_url=normalize_base_url(base_url, f"{where}: [site] base_url"),
        home_weeks=r.whole("home_weeks", 10, 0),
        page_papers=r.whole("page_papers", 100, 0),
        feed_weeks=r.whole("feed_weeks", 10, 0),
        author=r.text("author", "") or "",
        language=r.text("language", "en") or "en",
        id=identity,
    )


def sources_settings(table: dict[str, Any], where: str) -> SourcesSettings:
    r = _Reader(table, "sources", where, _known(SourcesSettings))
    return SourcesSettings(huggingface=r.flag("huggingface", True))


def tags_table(table: dict[str, Any], where: str) -> TagsTable:
    r = _Reader(table, "tags", where, _known(TagsTable))
    categories = table.get("categories", {})
    if not isinstance(categories, dict) or not all(isinstance(v, str) for v in categories.values()):
        raise r.fail("categories", 'a table of tag names, like {"cs.CL" = "nlp"}')
    rules: dict[str, list[str]] = {}
    raw_rules = table.get("rules", {})
    if not isinstance(raw_rules, dict):
        raise r.fail("rules", 'a table of keyword lists, like {llm = ["language model", "LLM"]}')
    for name, keywords in raw_rules.items():
        words = [keywords] if isinstance(keywords, str) else keywords
        if not isinstance(words, list) or not words or not all(isinstance(k, str) and k.strip() for k in words):
            raise ConfigError(f'{where}: [tags] rules: {name} must be a list of keywords, e.g. ["language model"]')
        rules[str(name)] = list(words)
    return TagsTable(automatic=r.flag("automatic", True), categories=dict(categories), rules=rules)


def discover_settings(table: dict[str, Any], where: str) -> DiscoverSettings:
    _Reader(table, "discover", where, _known(DiscoverSettings))
    return DiscoverSettings()


__all__ = [
    "SUMMARY_ENGINES",
    "SUMMARY_LEADS",
    "DiscoverSettings",
    "SiteTable",
    "SourcesSettings",
    "SummarySettings",
    "TagsTable",
    "discover_settings",
    "normalize_base_url",
    "site_table",
    "sources_settings",
    "summary_settings",
    "tags_table",
]
