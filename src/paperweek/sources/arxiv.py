"""A thin, polite client for the arXiv API (``/api/query?id_list=...``).

One class owns everything arXiv asks of clients: at most one request per
``PAPERWEEK_ARXIV_DELAY`` seconds (default 3), up to 100 ids per request,
retries with exponential backoff and jitter (honouring Retry-After) within a
total time budget. Failures are reported per id, never as a crash: a
malformed id (the API's 400 ``Error`` entry), an id missing from the feed,
or a batch that could not be fetched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from paperweek.env import env_number, env_text
from paperweek.models import ArxivRecord
from paperweek.sources.atom import Feed, MalformedFeed, parse_feed
from paperweek.sources.http import (
    Budget,
    PoliteClient,
    RequestFailed,
    RetryPolicy,
    Transient,
    check_status,
    with_retries,
)

DEFAULT_API_URL = "https://export.arxiv.org/api/query"
MAX_BATCH = 100
SERVICE = "the arXiv API"


@dataclass
class FetchResult:
    """What one ``fetch`` got: records by id, and one message per id that failed."""

    records: dict[str, ArxivRecord] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class ArxivClient(PoliteClient):
    """Fetch arXiv metadata by id, politely. Use as a context manager or call ``close``."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        delay: float | None = None,
        policy: RetryPolicy | None = None,
        batch_size: int = MAX_BATCH,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_retry: Callable[[str], None] | None = None,
    ):
        self.base_url = base_url or env_text("ARXIV_API_URL") or DEFAULT_API_URL
        self.delay = env_number("ARXIV_DELAY") if delay is None else delay
        self.policy = policy or RetryPolicy.from_env("ARXIV")
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.sleep = sleep
        self.clock = clock
        self.on_retry = on_retry
        self.budget = Budget(self.policy.budget, clock)
        self.requests = 0  # HTTP requests sent (retries included)
        self.unreachable = False  # a request failed because the API could not be reached
        self.network_seconds = 0.0  # time spent waiting on the network, sleeps excluded
        self._last_request: float | None = None
        self._unreachable_why: str | None = None  # why the API could not be reached, once it could not

    # -- public ------------------------------------------------------------
    def fetch(self, ids: Sequence[str], on_batch: Callable[[int], None] | None = None) -> FetchResult:
        """Metadata for versionless ``ids`` (duplicates ignored), in batches of up to 100."""
        result = FetchResult()
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start : start + self.batch_size]
            if self._unreachable_why is not None:  # waiting does not bring a network back: no more tries
                result.errors.update(dict.fromkeys(batch, self._unreachable_why))
            else:
                self._fetch_batch(batch, result)
            if on_batch is not None:
                on_batch(len(batch))
        return result

    # -- internals ---------------------------------------------------------
    def _fetch_batch(self, batch: list[str], result: FetchResult) -> None:
        pending = list(batch)
        while pending:
            try:
                feed = self._query(pending)
            except RequestFailed as exc:
                self.unreachable = self.unreachable or exc.unreachable
                if exc.unreachable:
                    self._unreachable_why = str(exc)
                for arxiv_id in pending:
                    result.errors[arxiv_id] = str(exc)
                return
            if feed.errors:
                named = {e.bad_id: e.message for e in feed.errors if e.bad_id in pending}
                if not named:
                    message = "; ".join(e.message for e in feed.errors)
                    for arxiv_id in pending:
                        result.errors[arxiv_id] = f"arXiv refused the request: {message}"
                    return
                for arxiv_id, message in named.items():
                    assert arxiv_id is not None
                    result.errors[arxiv_id] = f"arXiv rejected this id: {message}"
                pending = [p for p in pending if p not in named]
                continue  # ask again for the others
            found = {record.id: record for record in feed.records}
            for arxiv_id in pending:
                if arxiv_id in found:
                    result.records[arxiv_id] = found[arxiv_id]
                else:
                    result.errors[arxiv_id] = "not found on arXiv (check the id)"
            return

    def _wait_turn(self) -> None:
        # counted from the end of the previous answer, so arXiv never sees two requests closer
        # than the delay, however long an answer takes
        if self._last_request is not None and self.delay > 0:
            wait = self._last_request + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)

    def search(
        self,
        search_query: str,
        *,
        page_size: int = 200,
        on_page: Callable[[int, int | None], None] | None = None,
    ) -> Iterator[ArxivRecord]:
        """Records matching an API ``search_query``, oldest submission first, one page per request
        (``start``/``max_results``) until ``opensearch:totalResults``; ``on_page(done, total)``
        after each page. Added for ``discover --arxiv``; raises ``RequestFailed``."""
        start = 0
        while True:
            params: dict[str, Any] = {
                "search_query": search_query,
                "start": start,
                "max_results": page_size,
                "sortBy": "submittedDate",
                "sortOrder": "ascending",
            }
            feed = self._get_feed(params)
            if feed.errors:
                raise RequestFailed(f"{SERVICE} refused the search: " + "; ".join(e.message for e in feed.errors))
            yield from feed.records
            start += len(feed.records)
            if on_page is not None:
                on_page(start, feed.total_results)
            if not feed.records or feed.total_results is None or start >= feed.total_results:
                return

    def _query(self, ids: list[str]) -> Feed:
        return self._get_feed({"id_list": ",".join(ids), "start": 0, "max_results": len(ids)})

    def _get_feed(self, params: dict[str, Any]) -> Feed:
        def attempt() -> Feed:
            self._wait_turn()
            self.requests += 1
            began = time.perf_counter()
            try:
                response = self._get(self.base_url, SERVICE, params=params)
                body = response.content
            finally:
                self.network_seconds += time.perf_counter() - began
                self._last_request = self.clock()
            check_status(response, SERVICE)
            if response.status_code not in (200, 400):
                raise RequestFailed(f"{SERVICE} answered HTTP {response.status_code} for {self.base_url}")
            try:
                feed = parse_feed(body)
            except MalformedFeed as exc:
                if response.status_code == 400:
                    raise RequestFailed(f"{SERVICE} answered HTTP 400 ({exc})") from exc
                raise Transient(f"{SERVICE} answered {exc}") from exc
            if response.status_code == 400 and not feed.errors:
                raise RequestFailed(f"{SERVICE} answered HTTP 400 without an explanation")
            return feed

        return with_retries(
            attempt, self.policy, self.budget, service=SERVICE, sleep=self.sleep, on_retry=self.on_retry
        )
