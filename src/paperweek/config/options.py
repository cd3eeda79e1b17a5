"""The kinds of value a paperweek.toml key may hold: each one reads a value and says what it must be.

A table of settings is a frozen dataclass whose fields are declared with ``setting(option, default)``
(``config/schema.py``): the field's default is the key's default, its option checks what is
written, and ``read_table`` turns one TOML table into the dataclass. So a key, its type, its
range, its default and its error message are written once, in one line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import Field, field, fields
from pathlib import PurePosixPath
from typing import Any, TypeVar

from paperweek.days import weekday_index
from paperweek.errors import ConfigError, InputError, Param, ParamError
from paperweek.safetext import clean, split_url
from paperweek.tags import normalize_tag

T = TypeVar("T")

STANDARD = "{at} = {value!r}: must be {must}; fix or remove it"  # FILE: [table] key = VALUE: what it must be


class Option:
    """One key's kind of value. ``read`` returns the value to store, or raises a ConfigError naming ``at``."""

    must = "a value"

    def __init__(self, *, message: str = STANDARD, table: str = "") -> None:
        self.message = message  # how an error reads: {at} (FILE: [table] key), {value!r}, {must}
        self.table = table  # the TOML table the key is written in, when not the dataclass's own

    def fail(self, at: str, value: Any, must: str | None = None) -> ConfigError:
        return ConfigError(self.message.format(at=at, value=value, must=must or self.must))

    def read(self, value: Any, at: str) -> Any:
        raise NotImplementedError


class Text(Option):
    """A string; ``blank=False``: a blank one is the default; ``strip``: surrounding blanks dropped."""

    must = "a string"

    def __init__(self, *, blank: bool = True, strip: bool = False, clean: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.blank, self.strip, self.clean = blank, strip, clean

    def read(self, value: Any, at: str) -> Any:
        if not isinstance(value, str):
            raise self.fail(at, value, Text.must)
        if not self.blank and not value.strip():
            return None
        value = value.strip() if self.strip else value
        return clean(value) if self.clean else value


class Flag(Option):
    must = "true or false"

    def read(self, value: Any, at: str) -> Any:
        if not isinstance(value, bool):
            raise self.fail(at, value)
        return value


class Choice(Option):
    def __init__(self, choices: tuple[str, ...], **kw: Any) -> None:
        super().__init__(**kw)
        self.choices = choices
        self.must = "one of " + ", ".join(f'"{c}"' for c in choices)

    def read(self, value: Any, at: str) -> Any:
        if value not in self.choices:
            raise self.fail(at, value)
        return str(value)


class Whole(Option):
    """A whole number in a range: every number has one, so ``max_tokens = 10**30`` is one line, never an overflow."""

    def __init__(self, minimum: int, maximum: int = 1_000_000, **kw: Any) -> None:
        super().__init__(**kw)
        self.minimum, self.maximum = minimum, maximum
        self.must = f"a whole number >= {minimum} and at most {maximum}"

    def read(self, value: Any, at: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            raise self.fail(at, value)
        return value


class Number(Option):
    """A finite number in a range (``timeout = 1e300`` is refused here, not deep inside a library)."""

    def __init__(self, minimum: float, maximum: float = 86_400.0, *, positive: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.minimum, self.maximum, self.positive = minimum, maximum, positive
        self.must = f"a number {'>' if positive else '>='} {minimum:g} and at most {maximum:g}"

    def read(self, value: Any, at: str) -> Any:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or value < self.minimum or value > self.maximum or (self.positive and value <= self.minimum):
            raise self.fail(at, value)
        return float(value)


class WebAddress(Text):
    """An http(s) URL with a host, stripped."""

    must = "an http:// or https:// URL"

    def read(self, value: Any, at: str) -> Any:
        text = super().read(value, at)
        if text is None:
            return None
        parts = split_url(text)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.fail(at, value)
        return text


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


class BaseUrl(Text):
    """A site's address, with the ``/`` its pages are joined to."""

    def read(self, value: Any, at: str) -> Any:
        return normalize_base_url(super().read(value, at), at)


class Uri(Text):
    must = 'a URI, e.g. "tag:you@example.org,2024:papers"'

    def read(self, value: Any, at: str) -> Any:
        text = (super().read(value, at) or "").strip()
        if text and not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", text):
            raise self.fail(at, value)
        return text


class Weekday(Option):
    """``"monday"`` ... ``"sunday"`` (or its number), stored as 0 (Monday) ... 6."""

    def read(self, value: Any, at: str) -> Any:
        if isinstance(value, bool):
            raise ConfigError(f"{at} = {str(value).lower()}: must be a weekday name (monday ... sunday); fix it")
        try:
            return weekday_index(value)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{at}: {exc}") from exc


class ThemeName(Text):
    def read(self, value: Any, at: str) -> Any:
        name = super().read(value, at)
        if not (name and all(c.isalnum() or c in "-_." for c in name) and not name.startswith(".")):
            raise ConfigError(f"{at} = {name!r}: must be a theme name (letters, digits, - and _)")
        return name


class InLog(Text):
    """A path relative to the log's folder; ``store/paths.log_path`` resolves it when the log is opened."""

    def __init__(self, reserved: tuple[str, ...], **kw: Any) -> None:
        super().__init__(**kw)
        self.reserved = reserved

    def read(self, value: Any, at: str) -> Any:
        text = super().read(value, at)
        relative_path(text, at, self.reserved)
        return text


def relative_path(value: str, what: str, reserved: tuple[str, ...]) -> PurePosixPath:
    """A config path as written: non-empty, relative, no ``..``, no hidden part, none of ``reserved``."""
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
    if path.parts[0].casefold() in {name.casefold() for name in reserved}:  # PAPERWEEK.TOML is it on macOS
        raise ConfigError(f"{what} = {value!r}: names paperweek's own files ({path.parts[0]}); choose another path")
    return path


class ListOf(Option):
    """A non-empty list drawn from ``choices``."""

    def __init__(self, choices: tuple[str, ...], **kw: Any) -> None:
        super().__init__(**kw)
        self.choices = choices
        self.must = "a list drawn from " + ", ".join(choices)

    def read(self, value: Any, at: str) -> Any:
        if not isinstance(value, list) or not value or any(c not in self.choices for c in value):
            raise self.fail(at, value)
        return list(value)


class TagNames(Option):
    """``{"cs.CL" = "nlp"}``: each name normalised as a tag ("" kept: no tag for that category)."""

    must = 'a table of tag names, like {"cs.CL" = "nlp"}'

    def read(self, value: Any, at: str) -> Any:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(at, value)
        names: dict[str, str] = {}
        for category, tag in value.items():
            try:
                names[str(category)] = normalize_tag(tag) if tag.strip() else ""
            except InputError as exc:
                raise ConfigError(f"{at}: {category}: {exc}") from exc
        return names


class KeywordRules(Option):
    """``{llm = ["language model", "LLM"]}``: tag name (normalised) -> keywords (one string is a list of one)."""

    must = 'a table of keyword lists, like {llm = ["language model", "LLM"]}'

    def read(self, value: Any, at: str) -> Any:
        if not isinstance(value, dict):
            raise self.fail(at, value)
        rules: dict[str, list[str]] = {}
        for name, keywords in value.items():
            words = [keywords] if isinstance(keywords, str) else keywords
            if not isinstance(words, list) or not words or not all(isinstance(k, str) and k.strip() for k in words):
                raise ConfigError(f'{at}: {name} must be a list of keywords, e.g. ["language model"]')
            try:
                tag = normalize_tag(str(name))
            except InputError as exc:
                raise ConfigError(f"{at}: {exc}") from exc
            rules.setdefault(tag, []).extend(words)
        return rules


def setting(option: Option, default: Any = None, *, factory: Callable[[], Any] | None = None) -> Any:
    """A dataclass field that is a key of paperweek.toml: its default and its option, side by side."""
    metadata = {"option": option}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def options(kind: type, table: str) -> dict[str, Option]:
    """The keys of ``table`` that ``kind`` declares, in declaration order."""
    found: dict[str, Option] = {}
    for f in fields(kind):
        option = _option(f)
        if option is not None and (option.table or table) == table:
            found[f.name] = option
    return found


def _option(f: Field[Any]) -> Option | None:
    option = f.metadata.get("option")
    return option if isinstance(option, Option) else None


def read_options(kind: type, data: Any, table: str, where: str) -> dict[str, Any]:
    """The values written in ``[table]`` for the keys ``kind`` declares there; an unknown key is an error."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: {table} must be a table ([{table}])")
    known = options(kind, table)
    unknown = sorted(set(data) - set(known))
    if unknown:
        keys = ", ".join(sorted(known)) or "none yet"
        raise ConfigError(f"{where}: [{table}] has unknown key {unknown[0]!r}; known keys: {keys}")
    values: dict[str, Any] = {}
    for key, option in known.items():
        if key in data:
            value = option.read(data[key], f"{where}: [{table}] {key}")
            if value is not None:
                values[key] = value
    return values


def read_table(kind: type[T], data: Any, table: str, where: str) -> T:
    """``[table]`` as the dataclass ``kind``; a key not written keeps its declared default."""
    check = getattr(kind, "check_table", None)  # a rule over several keys (e.g. prompt or prompt_file)
    if check is not None and isinstance(data, dict):
        read_options(kind, {key: data[key] for key in data if key not in options(kind, table)}, table, where)
        check(data, f"{where}: [{table}]")
    return kind(**read_options(kind, data, table, where))


__all__ = [
    "BaseUrl",
    "Choice",
    "Flag",
    "InLog",
    "KeywordRules",
    "ListOf",
    "Number",
    "Option",
    "TagNames",
    "Text",
    "ThemeName",
    "Uri",
    "WebAddress",
    "Weekday",
    "Whole",
    "normalize_base_url",
    "options",
    "read_options",
    "read_table",
    "relative_path",
    "setting",
]
