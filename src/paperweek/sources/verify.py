"""The link check of ``paperweek check --online``: which URLs no longer resolve.

Only the network probe lives here; comparing the log with arXiv is
``operations.check_online.online_problems``, which calls ``dead_links``.
"""

from __future__ import annotations

from collections.abc import Sequence

from paperweek.env import env_number
from paperweek.sources.http import RequestFailed, Transient, exchange, make_client

DEAD_STATUSES = {404, 410}
CANNOT_CONNECT = "cannot connect"


def dead_links(urls: Sequence[str], workers: int = 8) -> dict[str, str]:
    """The URLs that no longer resolve, with why: 404/410, or the host cannot be reached.

    HEAD first, GET when a server refuses HEAD. Other answers (403, 429, 5xx)
    are not counted: a site that blocks robots is not a dead link.
    """
    from concurrent.futures import ThreadPoolExecutor  # stdlib, but it loads logging: only when links are tried

    timeout = env_number("LINK_TIMEOUT")
    dead: dict[str, str] = {}
    if not urls:
        return dead
    with make_client(timeout) as client:

        def probe(url: str) -> tuple[str, str | None]:
            try:
                response = exchange(client, "HEAD", url, seconds=timeout, service=url)
                if response.status_code in (403, 405, 501):
                    response = exchange(client, "GET", url, seconds=timeout, service=url)
            except Transient as exc:
                if exc.unreachable:
                    return url, f"{CANNOT_CONNECT}: {str(exc).rsplit('(', 1)[-1].rstrip(')')}"
                return url, None  # slow or cut short is not dead
            except RequestFailed as exc:
                return url, str(exc).removeprefix(f"{url} ").removeprefix(f"{url}: ")
            if response.status_code in DEAD_STATUSES:
                return url, f"HTTP {response.status_code}"
            return url, None

        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
            for url, why in pool.map(probe, urls):
                if why is not None:
                    dead[url] = why
    return dead
