"""The Hugging Face papers API: ``$PAPERWEEK_HF_API_URL/papers/{id}`` and its ``githubRepo``.

A lookup never fails an add: a 404 means "Hugging Face does not know this
paper" (no repo), anything else that goes wrong becomes a warning.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from paperweek.env import env_text
from paperweek.sources.http import (
    Budget,
    PoliteClient,
    RequestFailed,
    RetryPolicy,
    check_status,
    read_json,
    with_retries,
)

DEFAULT_HF_URL = "https://huggingface.co/api"
SERVICE = "the Hugging Face API"
NOT_FOUND = "not-found"


@dataclass
class HFResult:
    """``repos[id]``: the githubRepo ("" when HF knows the paper but no repo, NOT_FOUND on 404)."""

    repos: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


class HFClient(PoliteClient):
    """Look up papers on Hugging Face, a few at a time."""

    accept = "application/json"

    def __init__(
        self,
        base_url: str | None = None,
        *,
        policy: RetryPolicy | None = None,
        workers: int = 4,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = (base_url or env_text("HF_API_URL") or DEFAULT_HF_URL).rstrip("/")
        self.policy = policy or RetryPolicy.from_env("HF")
        self.workers = max(1, workers)
        self.sleep = sleep
        self.budget = Budget(self.policy.budget)
        self.requests = 0
        self._count_lock = threading.Lock()

    def lookup(self, ids: Sequence[str], on_done: Callable[[int], None] | None = None) -> HFResult:
        """``githubRepo`` of each arXiv id (looked up concurrently, ``workers`` at a time)."""
        from concurrent.futures import ThreadPoolExecutor

        result = HFResult()
        unique = list(dict.fromkeys(ids))
        if not unique:
            return result
        with ThreadPoolExecutor(max_workers=min(self.workers, len(unique))) as pool:
            for arxiv_id, repo, warning in pool.map(self._one, unique):
                if warning is not None:
                    result.warnings[arxiv_id] = warning
                else:
                    result.repos[arxiv_id] = repo
                if on_done is not None:
                    on_done(1)
        return result

    def _one(self, arxiv_id: str) -> tuple[str, str, str | None]:
        url = f"{self.base_url}/papers/{arxiv_id}"

        def attempt() -> tuple[int, Any]:
            with self._count_lock:
                self.requests += 1
            response = self._get(url, SERVICE)
            check_status(response, SERVICE)
            if response.status_code == 404:
                return 404, None
            if response.status_code != 200:
                raise RequestFailed(f"{SERVICE} answered HTTP {response.status_code} for {url}")
            try:
                return 200, read_json(response)
            except ValueError as exc:
                raise RequestFailed(f"{SERVICE} answered something that is not JSON for {url}") from exc

        try:
            status, data = with_retries(attempt, self.policy, self.budget, service=SERVICE, sleep=self.sleep)
        except RequestFailed as exc:
            return arxiv_id, "", str(exc)
        if status == 404:
            return arxiv_id, NOT_FOUND, None
        repo = data.get("githubRepo") if isinstance(data, dict) else None
        return arxiv_id, repo if isinstance(repo, str) else "", None
