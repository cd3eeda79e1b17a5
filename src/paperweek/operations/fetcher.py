"""One ``Fetcher`` per run: how the run reaches arXiv and Hugging Face.

The CLI (or a library caller) builds it once from the flags (``--offline``, ``--refresh``), the
progress bar and the retry reporter, and hands it to every operation that fetches (``add``,
``refresh``, ``check --online``, ``discover --add``); the operations take it as one parameter
instead of threading each option and client by hand. ``operations/fetch.py`` does the fetching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from paperweek.sources.arxiv import ArxivClient
    from paperweek.sources.hf import HFClient


class Progress(Protocol):
    """Where progress goes (a rich progress bar in the CLI)."""

    def task(self, description: str, total: int) -> Callable[[int], None]: ...


class Fetcher:
    """The run's fetch options and its two clients (made on first use, closed once by ``close``).

    A client passed in (a test's, a benchmark's) is used as it is and left open.
    """

    def __init__(
        self,
        *,
        offline: bool = False,
        refresh: bool = False,
        progress: Progress | None = None,
        on_retry: Callable[[str], None] | None = None,
        arxiv: ArxivClient | None = None,
        hf: HFClient | None = None,
    ) -> None:
        self.offline = offline  # the cache only (and ingested candidate records)
        self.refresh = refresh  # ask arXiv again for cached ids
        self.progress = progress
        self.on_retry = on_retry  # told of each retried request ("HTTP 503; retrying in 2.0 s")
        self._arxiv, self._hf = arxiv, hf
        self._own: list[ArxivClient | HFClient] = []

    @property
    def arxiv(self) -> ArxivClient:
        if self._arxiv is None:
            # Lazy on purpose: the arXiv client, HTTP layer and Atom parser cost 15-20 ms of imports
            # (python -X importtime after cli.check_cmd) that `check` without --online, which holds
            # the run's fetcher but never asks arXiv, does not need.
            from paperweek.sources.arxiv import ArxivClient

            self._arxiv = ArxivClient(on_retry=self.on_retry)
            self._own.append(self._arxiv)
        return self._arxiv

    @property
    def hf(self) -> HFClient:
        if self._hf is None:
            from paperweek.sources.hf import HFClient  # lazy: as for the arXiv client above

            self._hf = HFClient()
            self._own.append(self._hf)
        return self._hf

    def close(self) -> None:
        for client in self._own:
            client.close()
        self._own.clear()
        self._arxiv = self._hf = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def using(fetcher: Fetcher | None) -> Iterator[Fetcher]:
    """``fetcher``, or a fresh one (online, no progress, retries not reported) closed at the end."""
    if fetcher is not None:
        yield fetcher
        return
    with Fetcher() as made:
        yield made


__all__ = ["Fetcher", "Progress", "using"]
