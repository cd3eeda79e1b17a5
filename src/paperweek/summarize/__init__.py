"""Draft summaries in the list's voice, from a paper's title and abstract.

``draft_summary(title, abstract, config)`` returns PLAIN text on one line; the
caller escapes it for Markdown (``paperweek.markdown.escape``). The engine is
``[summary] engine``: ``"offline"`` (default, no network, see ``offline.py``)
or ``"llm"`` (an OpenAI-compatible chat-completions endpoint, see ``llm.py``).
Settings are documented in docs/summaries.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from paperweek.config import CACHE_DIR, DEFAULT_SUMMARY_CHARS, Config, SummarySettings
from paperweek.config import SUMMARY_ENGINES as ENGINES
from paperweek.env import env_number, env_text
from paperweek.errors import ConfigError
from paperweek.safetext import split_url
from paperweek.store.paths import find_root, log_path
from paperweek.summarize.llm import DEFAULT_PROMPT, DEFAULT_SYSTEM, LLMDrafter, render_prompt
from paperweek.summarize.offline import OfflineDrafter
from paperweek.summarize.voice import Voice, learn_voice


class Drafter(Protocol):
    """Something that drafts a plain-text, one-line summary."""

    def draft(self, title: str, abstract: str) -> str: ...


def draft_summary(
    title: str, abstract: str, config: Config, *, root: Path | None = None, voice: Voice | None = None
) -> str:
    """A draft summary of one paper: plain text on one line ("" when the abstract is empty).

    ``root`` is the log's folder (for ``[summary] prompt_file`` and the LLM answer cache);
    without it, the nearest folder holding paperweek.toml above the current one is used.
    ``voice``: the length and opening of the log's own summaries (``learn_voice``).
    """
    drafter = make_drafter(config, root=root, voice=voice)
    try:
        return drafter.draft(title, abstract)
    finally:
        close = getattr(drafter, "close", None)
        if close is not None:
            close()


def make_drafter(config: Config, *, root: Path | None = None, voice: Voice | None = None) -> Drafter:
    """The drafter ``[summary]`` asks for (reuse it for many papers: one HTTP connection).

    Nothing is sent anywhere here: call it before fetching, so that a setting the LLM
    engine lacks is an input error (exit 2) before anything is fetched or written.
    """
    settings = config.summary
    voice = voice or Voice()
    if settings.engine == "offline":
        return OfflineDrafter(max_chars=bound(settings, voice), lead=settings.lead, voice=voice)
    return _llm_drafter(settings, config.source, root, voice)


def bound(settings: SummarySettings, voice: Voice) -> int:
    """A draft's most characters: ``[summary] max_chars`` when set; else room around the log's own
    length (twice it: whole sentences land near it, on either side); else the default."""
    if settings.max_chars is not None:
        return settings.max_chars
    if voice.length:
        return max(DEFAULT_SUMMARY_CHARS, 2 * voice.length)
    return DEFAULT_SUMMARY_CHARS


def _llm_drafter(settings: SummarySettings, where: str, root: Path | None, voice: Voice) -> Drafter:
    user_url = env_text("LLM_BASE_URL")
    base_url = user_url or settings.base_url
    if not base_url:
        raise ConfigError(
            '[summary] engine = "llm" needs an endpoint: set PAPERWEEK_LLM_BASE_URL '
            "(e.g. http://127.0.0.1:8000/v1) or [summary] base_url in paperweek.toml"
        )
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"PAPERWEEK_LLM_BASE_URL / [summary] base_url {base_url!r} must start with http:// or https://")
    model = env_text("LLM_MODEL") or settings.model
    if not model:
        raise ConfigError(
            '[summary] engine = "llm" needs a model: set PAPERWEEK_LLM_MODEL or [summary] model in paperweek.toml'
        )
    api_key, key_note = endpoint_key(base_url, from_user=user_url is not None)
    log_root = root if root is not None else find_root(Path.cwd())
    prompt = settings.prompt or _prompt_file(settings, where, log_root) or DEFAULT_PROMPT
    max_chars = bound(settings, voice)
    render_prompt(prompt, title="T", abstract="A.", max_chars=max_chars)  # a bad template fails now
    cache = settings.cache
    timeout = env_number("LLM_TIMEOUT", settings.timeout)
    budget = env_number("LLM_RETRY_BUDGET", settings.retry_budget)
    return LLMDrafter(
        base_url=base_url,
        model=model,
        api_key=api_key,
        key_note=key_note,
        prompt=prompt,
        system=DEFAULT_SYSTEM if settings.system is None else settings.system,
        max_chars=max_chars,
        words=voice.words,
        opening=voice.opening,
        timeout=timeout,
        budget=budget,
        max_attempts=settings.max_attempts,
        backoff=settings.backoff,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        cache_dir=(log_root / CACHE_DIR) if (cache and log_root is not None) else None,
    )


def _origin(url: str) -> str:
    parts = split_url(url.strip())
    if parts is None:
        return url.strip()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def endpoint_key(base_url: str, *, from_user: bool) -> tuple[str | None, str]:
    """The API key from the environment, and only for an endpoint the user named.

    A repository's paperweek.toml is not the user's say-so: a pull request could point
    ``[summary] base_url`` at any server. So the key (``PAPERWEEK_LLM_API_KEY``, else
    ``OPENAI_API_KEY``) goes to the endpoint of ``PAPERWEEK_LLM_BASE_URL``, or to one whose
    origin is listed in ``PAPERWEEK_LLM_KEY_ORIGINS``; otherwise no key is sent. Returns
    the key (or None) and a note for the HTTP 401 hint.
    """
    key = env_text("LLM_API_KEY") or env_text("OPENAI_API_KEY")
    if key is None or from_user:
        return key, ""
    trusted = {_origin(o) for o in (env_text("LLM_KEY_ORIGINS") or "").split(",") if o.strip()}
    if _origin(base_url) in trusted:
        return key, ""
    return None, (
        f"; no key was sent, because the endpoint {base_url} comes from paperweek.toml: to send your key "
        f"there, set PAPERWEEK_LLM_BASE_URL={base_url} or PAPERWEEK_LLM_KEY_ORIGINS={_origin(base_url)}"
    )


def _prompt_file(settings: SummarySettings, where: str, root: Path | None) -> str | None:
    name = settings.prompt_file
    if not name:
        return None
    path = log_path(root or Path.cwd(), name, f"{where}: [summary] prompt_file")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read the prompt template ([summary] prompt_file): {exc}; "
            "fix the path (relative to the log's folder) or remove the key"
        ) from exc


__all__ = ["ENGINES", "Drafter", "Voice", "draft_summary", "learn_voice", "make_drafter"]
