"""Polite HTTP for the metadata sources: timeouts, retries with backoff, a time budget.

Retries use tenacity: exponential backoff with jitter on 429, 5xx, timeouts,
connection errors and cut-short answers; a ``Retry-After`` header is honoured;
no retry starts once the run's time budget would be overrun.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self, TypeVar

from paperweek import __version__
from paperweek.errors import ConfigError

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")

USER_AGENT = f"paperweek/{__version__} (weekly paper log; https://github.com/paperweek/paperweek)"


class Transient(Exception):
    """A failure worth retrying (429, 5xx, timeout, connection error, cut-short answer)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class RequestFailed(Exception):
    """A request failed for good (after retries, or with a non-retryable answer)."""


@dataclass
class RetryPolicy:
    """How hard to try. Every figure can be set from the environment (see ``from_env``)."""

    timeout: float = 30.0  # seconds per request (connect, read)
    retries: int = 4  # extra attempts after the first
    backoff: float = 2.0  # first backoff in seconds; doubles each retry, plus up to as much jitter
    max_backoff: float = 60.0
    budget: float = 300.0  # seconds for everything one client does

    @classmethod
    def from_env(cls, prefix: str, **defaults: float) -> RetryPolicy:
        """``PAPERWEEK_<PREFIX>_TIMEOUT``, ``_RETRIES``, ``_BACKOFF``, ``_BUDGET`` over the defaults."""
        policy = cls(**defaults)  # type: ignore[arg-type]
        policy.timeout = env_float(f"{prefix}_TIMEOUT", policy.timeout)
        policy.retries = int(env_float(f"{prefix}_RETRIES", policy.retries))
        policy.backoff = env_float(f"{prefix}_BACKOFF", policy.backoff)
        policy.budget = env_float(f"{prefix}_BUDGET", policy.budget)
        return policy


def env_float(name: str, default: float) -> float:
    """A non-negative number from ``PAPERWEEK_<name>``."""
    raw = os.environ.get(f"PAPERWEEK_{name}")
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0 or value != value:  # negative or NaN
        raise ConfigError(f"PAPERWEEK_{name}={raw!r} is not a non-negative number of seconds")
    return value


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
    import httpx
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
        try:
            return attempt()
        except httpx.TimeoutException as exc:
            raise Transient(f"{service} did not answer within {policy.timeout:g} s") from exc
        except httpx.TransportError as exc:
            raise Transient(f"could not reach {service} ({exc.__class__.__name__}: {exc})") from exc

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
        detail = ""
        if exc.retry_after is not None and exc.retry_after >= budget.remaining():
            detail = f" (it asked to wait {exc.retry_after:g} s, beyond the time budget)"
        raise RequestFailed(f"{exc}{detail}; gave up after {tries}; try again later") from exc


class PoliteClient:
    """The HTTP connection a source client keeps: opened on first use with the policy's
    timeout and paperweek's User-Agent, closed by ``close`` or by leaving a ``with`` block."""

    policy: RetryPolicy
    accept: str | None = None  # an Accept header, when the service wants one

    _http: httpx.Client | None = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            import httpx

            headers = {"User-Agent": USER_AGENT}
            if self.accept:
                headers["Accept"] = self.accept
            self._http = httpx.Client(timeout=httpx.Timeout(self.policy.timeout), headers=headers, follow_redirects=True)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
