"""The one HTTP layer of paperweek (arXiv, Hugging Face, LLM endpoints, link checks).

``exchange`` bounds a whole request -- connect, headers and every byte of the
body -- by one deadline, so a server that trickles bytes cannot hold a command
past its timeout; redirect loops, corrupt (gzip) bodies and bad URLs become a
``RequestFailed`` with a clear message. ``with_retries`` retries ``Transient``
failures with tenacity (exponential backoff with jitter on 429, 5xx, timeouts,
connection errors, cut-short answers; ``Retry-After`` honoured) within the
client's time ``Budget``; a refused or unresolvable connection is tried only
``UNREACHABLE_TRIES`` times, since waiting does not bring a network back.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar

from paperweek import __version__
from paperweek.env import env_number

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")

USER_AGENT = f"paperweek/{__version__} (weekly paper log; https://github.com/paperweek/paperweek)"
UNREACHABLE_TRIES = 2  # a refused connection or unknown host: one more try, then give up
MAX_REDIRECTS = 10
MAX_BODY = 64 * 1024 * 1024  # bytes; no answer paperweek asks for comes near this


class Transient(Exception):
    """A failure worth retrying (429, 5xx, timeout, connection error, cut-short answer)."""

    def __init__(self, message: str, retry_after: float | None = None, *, unreachable: bool = False):
        super().__init__(message)
        self.retry_after = retry_after
        self.unreachable = unreachable  # the host refused the connection or does not resolve


class RequestFailed(Exception):
    """A request failed for good (after retries, or with a non-retryable answer)."""

    def __init__(self, message: str, *, unreachable: bool = False, attempts: int = 0):
        super().__init__(message)
        self.unreachable = unreachable
        self.attempts = attempts  # requests sent before giving up (0: not counted)


@dataclass
class RetryPolicy:
    """How hard to try. Every figure can be set from the environment (see ``from_env``)."""

    timeout: float = 30.0  # seconds per request (connect, read)
    retries: int = 4  # extra attempts after the first
    backoff: float = 2.0  # first backoff in seconds; doubles each retry, plus up to as much jitter
    max_backoff: float = 60.0
    budget: float = 300.0  # seconds for everything one client does

    @classmethod
    def from_env(cls, prefix: str) -> RetryPolicy:
        """``PAPERWEEK_<PREFIX>_TIMEOUT``, ``_RETRIES``, ``_BACKOFF``, ``_BUDGET``, each defaulting as ``env.NUMBERS`` says."""
        return cls(
            timeout=env_number(f"{prefix}_TIMEOUT"),
            retries=int(env_number(f"{prefix}_RETRIES")),
            backoff=env_number(f"{prefix}_BACKOFF"),
            budget=env_number(f"{prefix}_BUDGET"),
        )


def retry_after_seconds(value: str | None, now: Callable[[], dt.datetime] | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    current = now() if now else dt.datetime.now(dt.UTC)
    return max(0.0, (when - current).total_seconds())


def check_status(response: httpx.Response, service: str) -> None:
    """Raise ``Transient`` for 429/5xx answers (with their Retry-After)."""
    code = response.status_code
    if code == 429 or 500 <= code < 600:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        raise Transient(f"{service} answered HTTP {code}", retry_after=wait)


class Budget:
    """A deadline shared by every request of one client."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._deadline: float | None = None

    def start(self) -> None:
        if self._deadline is None:
            self._deadline = self.clock() + self.seconds

    def remaining(self) -> float:
        if self._deadline is None:
            return self.seconds
        return self._deadline - self.clock()


def with_retries(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    budget: Budget,
    *,
    service: str,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[str], None] | None = None,
) -> T:
    """Run ``attempt`` until it returns, retrying ``Transient`` failures per ``policy``.

    ``attempt`` raises ``Transient`` (retry) or anything else (give up). Raises
    ``RequestFailed`` once retries or the time budget are spent.
    """
    import tenacity

    exponential = tenacity.wait_exponential(multiplier=policy.backoff, max=policy.max_backoff) + (
        tenacity.wait_random(0, policy.backoff)
    )

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, Transient) and exc.retry_after is not None:
            return exc.retry_after
        return float(exponential(state))

    def stop(state: tenacity.RetryCallState) -> bool:
        if state.attempt_number > policy.retries:
            return True
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, Transient) and exc.unreachable and state.attempt_number >= UNREACHABLE_TRIES:
            return True
        upcoming = state.upcoming_sleep or 0.0
        return upcoming >= budget.remaining()

    def announce(state: tenacity.RetryCallState) -> None:
        if on_retry is not None:
            exc = state.outcome.exception() if state.outcome else None
            on_retry(f"{exc}; retrying in {state.upcoming_sleep:.1f} s")

    attempts = 0

    def guarded() -> T:
        nonlocal attempts
        attempts += 1
        if budget.remaining() <= 0:
            raise RequestFailed(f"{service}: the time budget of {budget.seconds:g} s is spent; try again later")
        return attempt()

    budget.start()
    if budget.remaining() <= 0:
        raise RequestFailed(f"{service}: the time budget of {budget.seconds:g} s is spent; try again later")
    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception_type(Transient),
        wait=wait,
        stop=stop,
        sleep=sleep,
        before_sleep=announce,
        reraise=True,
    )
    try:
        return retrying(guarded)
    except Transient as exc:
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        if exc.unreachable:
            raise RequestFailed(
                f"{exc}; gave up after {tries}; check the network connection and the service's URL",
                unreachable=True,
                attempts=attempts,
            ) from exc
        detail = ""
        if exc.retry_after is not None and exc.retry_after >= budget.remaining():
            detail = f" (it asked to wait {exc.retry_after:g} s, beyond the time budget)"
        raise RequestFailed(f"{exc}{detail}; gave up after {tries}; try again later", attempts=attempts) from exc


def make_client(
    timeout: float,
    *,
    accept: str | None = None,
    headers: dict[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The one way paperweek opens an HTTP client: its User-Agent, a timeout, bounded redirects."""
    import httpx

    sent = {"User-Agent": USER_AGENT}
    if accept:
        sent["Accept"] = accept
    sent.update(headers or {})
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        headers=sent,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        transport=transport,
    )


def exchange(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    seconds: float,
    service: str,
    **kwargs: object,
) -> httpx.Response:
    """One request whose connect, headers and whole body take at most about ``seconds``.

    Raises ``Transient`` for timeouts, connection errors and cut-short bodies (``unreachable``
    when the host refused or does not resolve), ``RequestFailed`` for redirect loops, corrupt
    bodies and URLs that cannot be requested. The body is read (``response.content`` is set).
    """
    import httpx

    seconds = max(0.05, seconds)
    deadline = time.monotonic() + seconds
    too_slow = f"{service} did not answer within {seconds:g} s"
    try:
        with client.stream(method, url, timeout=httpx.Timeout(seconds), **kwargs) as response:  # type: ignore[arg-type]
            body: list[bytes] = []
            size = 0
            too_big = f"{service} at {url} sent more than {MAX_BODY // 2**20} MB (decompressed); check the URL"
            decoder = _Decoder(response.headers.get("content-encoding", ""), too_big, f"{service} at {url}")
            for chunk in response.iter_raw():
                if time.monotonic() > deadline:
                    raise Transient(too_slow)
                for piece in decoder.feed(chunk):
                    body.append(piece)
                    size += len(piece)
                if size > MAX_BODY:
                    raise RequestFailed(too_big)
            body.append(decoder.finish())
            headers = httpx.Headers([(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"])
            status = response.status_code
            request = response.request
        return httpx.Response(status, headers=headers, content=b"".join(body), request=request)
    except httpx.TimeoutException as exc:
        raise Transient(too_slow) from exc
    except httpx.ConnectError as exc:
        raise Transient(f"could not reach {service} at {url} ({_reason(exc)})", unreachable=True) from exc
    except httpx.UnsupportedProtocol as exc:
        raise RequestFailed(f"{url}: not an http(s) URL that {service} can be asked at ({exc})") from exc
    except httpx.TransportError as exc:
        raise Transient(f"{service} broke off the answer ({exc.__class__.__name__}: {exc})") from exc
    except httpx.TooManyRedirects as exc:
        raise RequestFailed(
            f"{service} at {url} redirects in a loop (more than {MAX_REDIRECTS} redirects); check the URL"
        ) from exc
    except httpx.DecodingError as exc:
        raise RequestFailed(f"{service} at {url} sent a corrupt (undecodable) body; try again later") from exc
    except (httpx.InvalidURL, httpx.RequestError) as exc:
        raise RequestFailed(f"{url}: cannot ask {service} ({exc.__class__.__name__}: {exc})") from exc


class _Decoder:
    """A body decompressed as it arrives, never past ``cap`` bytes of output: a 1 MB gzip answer
    that would inflate to gigabytes stops at the cap instead of being decompressed whole."""

    def __init__(self, encoding: str, too_big: str, who: str, cap: int = MAX_BODY) -> None:
        import zlib

        self.cap, self.too_big, self.who, self.out = cap, too_big, who, 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise RequestFailed(f"{who} encoded its answer as {encoding!r}, which paperweek did not ask for")
        self.zlib = zlib.decompressobj(zlib.MAX_WBITS | 32) if codings else None  # 32: gzip or zlib header
        self.raw_deflate = bool(codings) and codings[0] == "deflate"

    def feed(self, data: bytes) -> list[bytes]:
        import zlib

        if self.zlib is None:
            return [data]
        out = []
        while data:
            try:
                piece = self.zlib.decompress(data, self.cap - self.out + 1)
            except zlib.error as exc:
                if self.raw_deflate and self.out == 0:  # deflate without its zlib header, as some servers send
                    self.zlib, self.raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise RequestFailed(f"{self.who} sent a corrupt (undecodable) body ({exc}); try again later") from exc
            self.out += len(piece)
            out.append(piece)
            if self.out > self.cap:
                raise RequestFailed(self.too_big)
            data = self.zlib.unconsumed_tail
        return out

    def finish(self) -> bytes:
        return b"" if self.zlib is None else self.zlib.flush()


def read_json(response: httpx.Response) -> Any:
    """The body as JSON, the one way answers are read: ValueError for a body that is not JSON or
    nests deeper than Python's parser goes (a RecursionError otherwise, and a traceback)."""
    try:
        return response.json()
    except RecursionError as exc:
        raise ValueError("the JSON nests too deeply") from exc


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text or "resolve" in text:
        return "unknown host"
    return f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__


class PoliteClient:
    """The HTTP connection a source client keeps: opened on first use with the policy's
    timeout and paperweek's User-Agent, closed by ``close`` or by leaving a ``with`` block."""

    policy: RetryPolicy
    budget: Budget
    accept: str | None = None  # an Accept header, when the service wants one

    _http: httpx.Client | None = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = make_client(self.policy.timeout, accept=self.accept)
        return self._http

    def _get(self, url: str, service: str, **kwargs: object) -> httpx.Response:
        """One GET bounded as a whole by the policy's timeout and what is left of the budget."""
        seconds = min(self.policy.timeout, max(0.05, self.budget.remaining()))
        return exchange(self._client(), "GET", url, seconds=seconds, service=service, **kwargs)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
