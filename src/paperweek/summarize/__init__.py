"""Draft summaries in the list's voice, from a paper's title and abstract.

``draft_summary(title, abstract, config)`` returns PLAIN text on one line; the
caller escapes it for Markdown (``paperweek.markdown.escape``). The engine is
``[summary] engine``: ``"offline"`` (default, no network, see ``offline.py``)
or ``"llm"`` (an OpenAI-compatible chat-completions endpoint, see ``llm.py``).
Settings are documented in docs/summaries.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

from paperweek.config import CACHE_DIR, Config, find_root
from paperweek.errors import ConfigError

ENGINES = ("offline", "llm")
DEFAULT_MAX_CHARS = 700
_KNOWN_KEYS = {
    "engine", "max_chars", "lead", "model", "base_url", "prompt", "prompt_file", "system", "timeout",
    "retry_budget", "max_attempts", "backoff", "temperature", "max_tokens", "cache",
}  # fmt: skip


class Drafter(Protocol):
    """Something that drafts a plain-text, one-line summary."""

    def draft(self, title: str, abstract: str) -> str: ...


def draft_summary(title: str, abstract: str, config: Config, *, root: Path | None = None) -> str:
    """A draft summary of one paper: plain text on one line ("" when the abstract is empty).

    ``root`` is the log's folder (for ``[summary] prompt_file`` and the LLM answer cache);
    without it, the nearest folder holding paperweek.toml above the current one is used.
    """
    drafter = make_drafter(config, root=root)
    try:
        return drafter.draft(title, abstract)
    finally:
        close = getattr(drafter, "close", None)
        if close is not None:
            close()


def make_drafter(config: Config, *, root: Path | None = None) -> Drafter:
    """The drafter ``[summary]`` asks for (reuse it for many papers: one HTTP connection)."""
    section = config.section("summary")
    unknown = set(section) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(
            f"paperweek.toml: [summary] has unknown key {sorted(unknown)[0]!r}; "
            f"known keys: {', '.join(sorted(_KNOWN_KEYS))}"
        )
    engine = section.get("engine", "offline")
    if engine not in ENGINES:
        raise ConfigError(f'paperweek.toml: [summary] engine must be "offline" or "llm", not {engine!r}')
    max_chars = _number(section, "max_chars", DEFAULT_MAX_CHARS, int, minimum=40)
    if engine == "offline":
        from paperweek.summarize.offline import LEADS, OfflineDrafter

        lead = section.get("lead", "contribution")
        if lead not in LEADS:
            raise ConfigError(f"paperweek.toml: [summary] lead must be one of {', '.join(LEADS)}, not {lead!r}")
        return OfflineDrafter(max_chars=max_chars, lead=lead)
    return _llm_drafter(section, max_chars, root)


def _llm_drafter(section: dict[str, Any], max_chars: int, root: Path | None) -> Drafter:
    from paperweek.summarize.llm import DEFAULT_PROMPT, DEFAULT_SYSTEM, LLMDrafter

    base_url = os.environ.get("PAPERWEEK_LLM_BASE_URL") or _string(section, "base_url")
    if not base_url:
        raise ConfigError(
            '[summary] engine = "llm" needs an endpoint: set PAPERWEEK_LLM_BASE_URL '
            "(e.g. http://127.0.0.1:8000/v1) or [summary] base_url in paperweek.toml"
        )
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"PAPERWEEK_LLM_BASE_URL / [summary] base_url {base_url!r} must start with http:// or https://")
    model = os.environ.get("PAPERWEEK_LLM_MODEL") or _string(section, "model")
    if not model:
        raise ConfigError(
            '[summary] engine = "llm" needs a model: set PAPERWEEK_LLM_MODEL or [summary] model in paperweek.toml'
        )
    api_key = os.environ.get("PAPERWEEK_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY") or None
    log_root = root if root is not None else find_root(Path.cwd())
    prompt = _prompt(section, log_root) or DEFAULT_PROMPT
    system = section.get("system", DEFAULT_SYSTEM)
    if not isinstance(system, str):
        raise ConfigError(f"paperweek.toml: [summary] system must be a string, not {system!r}")
    cache = section.get("cache", True)
    if not isinstance(cache, bool):
        raise ConfigError(f"paperweek.toml: [summary] cache must be true or false, not {cache!r}")
    timeout = _env_number("PAPERWEEK_LLM_TIMEOUT") or _number(section, "timeout", 60.0, float, minimum=0.01)
    budget = _env_number("PAPERWEEK_LLM_RETRY_BUDGET") or _number(section, "retry_budget", 180.0, float, minimum=0)
    temperature = section.get("temperature")
    if temperature is not None and (isinstance(temperature, bool) or not isinstance(temperature, int | float)):
        raise ConfigError(f"paperweek.toml: [summary] temperature must be a number, not {temperature!r}")
    max_tokens = section.get("max_tokens")
    if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1):
        raise ConfigError(f"paperweek.toml: [summary] max_tokens must be a positive integer, not {max_tokens!r}")
    return LLMDrafter(
        base_url=base_url,
        model=model,
        api_key=api_key,
        prompt=prompt,
        system=system,
        max_chars=max_chars,
        timeout=timeout,
        budget=budget,
        max_attempts=_number(section, "max_attempts", 5, int, minimum=1),
        backoff=_number(section, "backoff", 1.0, float, minimum=0),
        temperature=None if temperature is None else float(temperature),
        max_tokens=max_tokens,
        cache_dir=(log_root / CACHE_DIR) if (cache and log_root is not None) else None,
    )


def _prompt(section: dict[str, Any], root: Path | None) -> str | None:
    if "prompt" in section and "prompt_file" in section:
        raise ConfigError("paperweek.toml: [summary] has both prompt and prompt_file; keep one")
    if "prompt" in section:
        return _string(section, "prompt")
    name = _string(section, "prompt_file")
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = (root or Path.cwd()) / path
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read the prompt template ([summary] prompt_file): {exc}; "
            "fix the path (relative to the log's folder) or remove the key"
        ) from exc


def _string(section: dict[str, Any], key: str) -> str | None:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"paperweek.toml: [summary] {key} must be a string, not {value!r}")
    return value.strip() or None


def _number(section: dict[str, Any], key: str, default: Any, kind: type, *, minimum: float) -> Any:
    value = section.get(key, default)
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        ok = ok and isinstance(value, int)
    if not ok or value < minimum:
        what = "an integer" if kind is int else "a number"
        raise ConfigError(f"paperweek.toml: [summary] {key} must be {what} >= {minimum:g}, not {value!r}")
    return kind(value)


def _env_number(name: str) -> float | None:
    value = os.environ.get(name)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise ConfigError(f"{name}={value!r} is not a number of seconds") from exc
    if number <= 0:
        raise ConfigError(f"{name}={value!r} must be a positive number of seconds")
    return number


__all__ = ["ENGINES", "Drafter", "draft_summary", "make_drafter"]
