"""The optional LLM drafter: any OpenAI-compatible chat-completions endpoint.

``POST {base_url}/chat/completions`` with ``{"model", "messages"}``; the key
goes in an ``Authorization: Bearer`` header when ``summarize.make_drafter``
decided it may (see docs/safety.md). Requests go through the one HTTP layer
(``sources.http``): timeouts that bound the whole exchange, retries of
connection errors, 429 (honouring ``Retry-After``) and 5xx with backoff and
jitter within a total time budget; anything else, or a budget spent, is a
``NetworkError`` naming the URL and what to do.

The prompt is a Jinja2 template (sandboxed) with ``{{ title }}``,
``{{ abstract }}`` and ``{{ max_chars }}``: ``[summary] prompt`` inline, or
``[summary] prompt_file`` relative to the log root. The answer is untrusted:
it is reduced to one line of plain text (Markdown structure, code fences and
HTML tags removed, reasoning ``<think>`` blocks dropped) and cut to
``max_chars`` at a sentence boundary; the caller escapes it.

Answers are cached in ``.paperweek/cache.sqlite`` (namespace ``summarize``),
keyed by endpoint, model and the exact messages, unless ``[summary] cache = false``.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperweek.cache import answers
from paperweek.errors import ConfigError, NetworkError
from paperweek.render.sandbox import DEFAULT_OUTPUT, render_bounded, sandbox
from paperweek.safetext import clean
from paperweek.sources.http import (
    Budget,
    RequestFailed,
    RetryPolicy,
    Transient,
    exchange,
    make_client,
    read_json,
    retry_after_seconds,
    with_retries,
)
from paperweek.summarize import text as T
from paperweek.summarize.latex import latex_to_text

if TYPE_CHECKING:
    import httpx

DEFAULT_SYSTEM = (
    "You write short summaries of research papers for a public weekly reading list. "
    "You answer with the summary only, as one paragraph of plain text."
)
DEFAULT_PROMPT = """\
Summarize the paper below in one paragraph of {% if words %}about {{ words }} words, as long as the list's other
summaries{% else %}three to five sentences{% endif %}, at most {{ max_chars }} characters,
for a weekly list of highlighted papers.
Write in the third person, in the list's voice: {% if opening %}begin with "{{ opening }} …", as the list's other
summaries do{% elif opening == "" %}begin with the verb ("Proposes …", "Introduces …"), as the list's other
summaries do{% else %}begin with "The paper introduces …", "This work presents …" or similar{% endif %},
and say "the authors" (never "we" or "our").
State the problem, the method and the main results with their numbers.
Plain text only: no Markdown, no headings, no lists, no LaTeX, no preamble such as "Summary:".

Title: {{ title }}

Abstract: {{ abstract }}
"""
SERVICE = "the LLM endpoint"

@dataclass
class LLMDrafter:
    """Draft summaries with a chat-completions endpoint."""

    base_url: str
    model: str
    api_key: str | None = None
    prompt: str = DEFAULT_PROMPT
    system: str = DEFAULT_SYSTEM
    max_chars: int = 700
    words: int | None = None  # the log's summaries' median length, when learned (voice.py)
    opening: str | None = None  # the subject they open with, when learned
    timeout: float = 60.0  # seconds for one request
    budget: float = 180.0  # seconds for all tries of one summary, waits included
    max_attempts: int = 5
    backoff: float = 1.0  # first wait; doubles each try, with jitter
    max_backoff: float = 30.0
    temperature: float | None = None
    max_tokens: int | None = None
    cache_dir: Path | None = None
    key_note: str = ""  # why no key was sent, for the hint on HTTP 401
    transport: httpx.BaseTransport | None = None  # tests and proxies
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    _client: httpx.Client | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    def messages(self, title: str, abstract: str) -> list[dict[str, str]]:
        plain_title, plain_abstract = latex_to_text(title), latex_to_text(abstract)
        user = render_prompt(
            self.prompt, title=plain_title, abstract=plain_abstract, max_chars=self.max_chars,
            words=self.words, opening=self.opening,
        )
        messages = [{"role": "user", "content": user}]
        if self.system:
            messages.insert(0, {"role": "system", "content": self.system})
        return messages

    def draft(self, title: str, abstract: str) -> str:
        messages = self.messages(title, abstract)
        key = self._cache_key(messages)
        cached = self._cache_get(key)
        if cached is not None:
            return cached
        answer = clean_answer(self.complete(messages), self.max_chars)
        if not answer:
            raise NetworkError(
                f"{self.url}: the model {self.model!r} answered with an empty summary; "
                "try again, use another model, or pass --summary TEXT"
            )
        self._cache_put(key, answer)
        return answer

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
            self._client = make_client(self.timeout, accept="application/json", headers=headers,
                                       transport=self.transport)
        return self._client

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant's answer text, after retries; NetworkError when there is none."""
        body: dict[str, Any] = {"model": self.model, "messages": messages}
        if self.temperature is not None:
            body["temperature"] = self.temperature
        if self.max_tokens is not None:
            body["max_tokens"] = self.max_tokens
        policy = RetryPolicy(timeout=self.timeout, retries=self.max_attempts - 1, backoff=self.backoff,
                             max_backoff=self.max_backoff, budget=self.budget)
        budget = Budget(self.budget)  # all tries of one summary, waits included
        started = time.monotonic()

        def attempt() -> str:
            seconds = min(self.timeout, max(0.05, budget.remaining()))
            response = exchange(self._http(), "POST", self.url, seconds=seconds, service=SERVICE, json=body)
            return self._answer(response)

        try:
            return with_retries(attempt, policy, budget, service=SERVICE, sleep=self.sleep)
        except RequestFailed as exc:
            spent = time.monotonic() - started
            cause = exc.__cause__
            reason = str(cause) if isinstance(cause, Transient) else str(exc)
            raise NetworkError(
                f"{self.url}: {reason}; gave up after {exc.attempts or 1} request(s) in {spent:.1f} s. "
                "Check that the server is running and PAPERWEEK_LLM_BASE_URL is right, try again later, "
                'or set [summary] engine = "offline"'
            ) from exc

    def _answer(self, response: httpx.Response) -> str:
        code = response.status_code
        if code == 429 or 500 <= code < 600:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            note = f" (Retry-After: {wait:g} s)" if wait is not None else ""
            raise Transient(f"HTTP {code}{note}", wait)
        if code >= 400:
            hint = {
                401: "set PAPERWEEK_LLM_API_KEY (or OPENAI_API_KEY) to a valid key" + self.key_note,
                403: "check that the key in PAPERWEEK_LLM_API_KEY may use this model",
                404: f"check PAPERWEEK_LLM_BASE_URL (it usually ends in /v1) and the model name {self.model!r}",
            }.get(code, "check the model name and the server's log")
            raise NetworkError(f"{self.url}: HTTP {code}{_error_detail(response)}; {hint}")
        return answer_text(response, self.url)

    # ---- cache -------------------------------------------------------------------------

    def _cache_key(self, messages: list[dict[str, str]]) -> str:
        payload = [self.url, self.model, self.temperature, self.max_tokens, self.max_chars, messages]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def _cache_get(self, key: str) -> str | None:
        return None if self.cache_dir is None else answers.cached_answer(self.cache_dir, key)

    def _cache_put(self, key: str, answer: str) -> None:
        if self.cache_dir is not None:
            answers.store_answer(self.cache_dir, key, self.model, answer)


def _error_detail(response: httpx.Response) -> str:
    try:
        data = read_json(response)
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if isinstance(message, str) and message.strip():
        return f" ({' '.join(message.split())[:200]})"
    return ""


def answer_text(response: httpx.Response, url: str) -> str:
    """``choices[0].message.content`` of a chat.completion, or a NetworkError saying what is wrong."""
    what = "check that PAPERWEEK_LLM_BASE_URL points at an OpenAI-compatible API (usually ending in /v1)"
    try:
        data = read_json(response)
    except ValueError as exc:
        raise NetworkError(f"{url}: the answer is not JSON; {what}") from exc
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise NetworkError(f"{url}: the answer has no choices (not a chat.completion); {what}")
    message = choices[0].get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
        content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        raise NetworkError(f"{url}: the answer's first choice has no message content; {what}")
    return content


def render_prompt(
    template: str, *, title: str, abstract: str, max_chars: int, words: int | None = None, opening: str | None = None
) -> str:
    """Fill a prompt template (sandboxed Jinja2); a bad template is a ConfigError.

    ``words`` and ``opening`` are what the log's summaries share (None when not learned)."""
    import jinja2

    env = sandbox(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    try:
        cap = DEFAULT_OUTPUT + 16 * (len(template) + len(title) + len(abstract))
        return render_bounded(
            env.from_string(template), cap, title=title, abstract=abstract, max_chars=max_chars, words=words,
            opening=opening,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"[summary] prompt, line {exc.lineno}: {exc.message}; fix the template") from exc
    except jinja2.UndefinedError as exc:
        raise ConfigError(
            f"[summary] prompt: {exc.message}; the template may use {{{{ title }}}}, {{{{ abstract }}}}, "
            "{{ max_chars }}, {{ words }} and {{ opening }}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(f"[summary] prompt: {exc}; fix the template") from exc


class _TextOnly(HTMLParser):
    """The text of an HTML fragment; script and style content dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def _strip_tags(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


_THINK_OPEN = re.compile(r"<(think|thinking|reasoning)>", re.IGNORECASE)


def drop_reasoning(text: str) -> str:
    """``<think>...</think>`` (and thinking, reasoning) blocks replaced by a space, in one pass: a regex
    ``<think>.*?</think>`` scanned to the end from each of 280 kB of unclosed ``<think>``, for 80 s."""
    lower = text.lower()
    out: list[str] = []
    pos = 0
    unclosed: dict[str, int] = {}  # tag -> a position after which it never closes
    for match in _THINK_OPEN.finditer(lower):
        if match.start() < pos:
            continue
        tag = match.group(1)
        if match.start() >= unclosed.get(tag, len(lower) + 1):
            continue
        close = lower.find(f"</{tag}>", match.end())
        if close < 0:
            unclosed[tag] = match.start()
            continue
        out += [text[pos : match.start()], " "]
        pos = close + len(tag) + 3
    out.append(text[pos:])
    return "".join(out)
_LABEL = re.compile(r"^\s*(?:summary|tl;?dr|draft)\s*:\s*", re.IGNORECASE)


def clean_answer(answer: str, max_chars: int) -> str:
    """An LLM's answer -> one line of plain text, at most ``max_chars`` (cut at a sentence)."""
    from markdown_it import MarkdownIt

    answer = drop_reasoning(clean(answer))  # escape sequences and controls never get in
    tokens = MarkdownIt("commonmark").parse(answer)
    blocks: list[str] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
        elif token.type == "html_block":
            blocks.append(_strip_tags(token.content))
        elif token.type == "inline" and not in_heading:
            blocks.append(_inline_text(token.children or []))
    text = " ".join(b.strip() for b in blocks if b.strip())
    if not text:  # only a heading, say: better its words than nothing
        text = " ".join(t.content for t in tokens if t.type == "inline")
    text = _LABEL.sub("", " ".join(text.split()))
    text = text.strip().strip("\"“”'").strip()
    if not text:
        return ""
    return T.fit(T.split_sentences(text), max_chars)


def _inline_text(children: list[Any]) -> str:
    parts: list[str] = []
    skipping = False
    for child in children:
        if child.type == "html_inline":
            # tags are markup and dropped; what a <script> or <style> holds is dropped with them
            tag = child.content.lower()
            if re.match(r"<(script|style)\b", tag):
                skipping = True
            elif re.match(r"</(script|style)\b", tag):
                skipping = False
        elif skipping:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
        # link_open/close, em/strong markers: markup, dropped
    return "".join(parts)
