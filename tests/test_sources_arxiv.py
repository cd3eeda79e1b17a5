"""The arXiv client over real HTTP on 127.0.0.1: batching, spacing, retries, faults, budget."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fakes import FakeServices, fixture_entries, synthetic_entries

from paperweek.sources.arxiv import ArxivClient
from paperweek.sources.hf import NOT_FOUND, HFClient
from paperweek.sources.http import RetryPolicy, retry_after_seconds

FAST = RetryPolicy(timeout=0.3, retries=3, backoff=0.02, max_backoff=0.1, budget=10)


@pytest.fixture
def services(fake_services: Callable[..., FakeServices]) -> FakeServices:
    """The fixture entries and 150 more, one paper known to Hugging Face; clients are pointed by hand."""
    entries = fixture_entries()
    entries.update(synthetic_entries(150))
    return fake_services(entries, point=False, hf={"2404.07965": {"githubRepo": "https://github.com/microsoft/rho"}})


def client(services: FakeServices, delay: float = 0.0, policy: RetryPolicy = FAST) -> ArxivClient:
    return ArxivClient(services.arxiv_url, delay=delay, policy=policy)


def test_batches_of_100_spaced_by_the_delay(services: FakeServices) -> None:
    ids = [f"2501.{n:05d}" for n in range(1, 151)]
    now = [0.0]  # a clock that moves only when the client sleeps: the waits it asks for are exact
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with ArxivClient(services.arxiv_url, delay=0.2, policy=FAST, sleep=sleep, clock=lambda: now[0]) as arxiv:
        result = arxiv.fetch([*ids, "2404.11018"])
    assert len(result.records) == 151 and not result.errors
    assert [len(ids) for _, ids in services.arxiv_log] == [100, 51]
    assert slept == [0.2]  # the second request waited the whole delay after the first answer
    assert arxiv.requests == 2


def test_429_with_retry_after_is_honoured(services: FakeServices) -> None:
    services.arxiv_faults.append(("status", 429, {"Retry-After": "0.4"}))
    slept: list[float] = []
    with ArxivClient(services.arxiv_url, delay=0, policy=FAST, sleep=slept.append) as arxiv:
        result = arxiv.fetch(["2404.11018"])
    assert "2404.11018" in result.records
    assert len(services.arxiv_log) == 2
    assert slept == [0.4]  # the server's Retry-After, not the 0.02 s backoff


def test_503_twice_then_200(services: FakeServices) -> None:
    services.arxiv_faults.extend([("status", 503), ("status", 503)])
    retries: list[str] = []
    with ArxivClient(services.arxiv_url, delay=0, policy=FAST, on_retry=retries.append) as arxiv:
        result = arxiv.fetch(["2404.03592"])
    assert result.records["2404.03592"].title.startswith("ReFT")
    assert len(services.arxiv_log) == 3
    assert len(retries) == 2 and "HTTP 503" in retries[0]


def test_a_hanging_answer_times_out_and_is_retried(services: FakeServices) -> None:
    services.arxiv_faults.append(("hang", 30.0))
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.07143"])
    assert "2404.07143" in result.records
    assert len(services.arxiv_log) == 2
    # the server saw the client hang up on the first request before it answered: it did not wait
    assert services.wait_for_give_ups(1) == services.requests[:1]


@pytest.mark.parametrize("fault", ["truncate", "invalid", "html"])
def test_a_malformed_answer_is_retried(services: FakeServices, fault: str) -> None:
    services.arxiv_faults.append((fault,))
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.05875"])
    assert "2404.05875" in result.records and len(services.arxiv_log) == 2


def test_retries_give_up_with_a_message_per_id(services: FakeServices) -> None:
    services.arxiv_faults.extend([("invalid",)] * 4)
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.05875", "2404.10667"])
    assert not result.records
    assert len(services.arxiv_log) == 4  # 1 + 3 retries
    assert "malformed" in result.errors["2404.10667"] or "not well-formed" in result.errors["2404.10667"]
    assert "4 attempts" in result.errors["2404.05875"]


def test_an_empty_feed_means_not_found(services: FakeServices) -> None:
    services.arxiv_faults.append(("empty",))
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.11018"])
    assert result.errors == {"2404.11018": "not found on arXiv (check the id)"}
    assert len(services.arxiv_log) == 1  # an empty feed is an answer, not a fault


def test_unknown_ids_are_missing_from_the_feed(services: FakeServices) -> None:
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.11018", "2404.99999"])
    assert set(result.records) == {"2404.11018"}
    assert "not found" in result.errors["2404.99999"]


def test_the_error_entry_fails_only_the_id_it_names(services: FakeServices) -> None:
    with client(services) as arxiv:
        result = arxiv.fetch(["2404.11018", "2404.110"])
    assert set(result.records) == {"2404.11018"}
    assert result.errors["2404.110"] == "arXiv rejected this id: incorrect id format for 2404.110"
    assert [ids for _, ids in services.arxiv_log] == [["2404.11018", "2404.110"], ["2404.11018"]]


def test_retry_after_beyond_the_budget_fails_fast(services: FakeServices) -> None:
    services.arxiv_faults.append(("status", 429, {"Retry-After": "30"}))
    policy = RetryPolicy(timeout=0.3, retries=3, backoff=0.02, budget=1.0)
    slept: list[float] = []
    with ArxivClient(services.arxiv_url, delay=0, policy=policy, sleep=slept.append) as arxiv:
        result = arxiv.fetch(["2404.11018"])
    assert slept == [] and len(services.arxiv_log) == 1  # neither waited 30 s nor asked again
    message = result.errors["2404.11018"]
    assert "HTTP 429" in message and "beyond the time budget" in message


def test_connection_refused_is_a_per_id_error() -> None:
    with ArxivClient("http://127.0.0.1:9/api/query", delay=0, policy=FAST) as arxiv:
        result = arxiv.fetch(["2404.11018"])
    assert "could not reach the arXiv API" in result.errors["2404.11018"]
    assert arxiv.requests == 2  # a refused connection is tried twice, not retried to the limit


def test_retry_after_http_date() -> None:
    import datetime as dt

    now = dt.datetime(2026, 4, 20, 9, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("Mon, 20 Apr 2026 09:00:05 GMT", now=lambda: now) == 5.0
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("soon") is None


def test_huggingface_repo_404_and_errors(services: FakeServices) -> None:
    services.hf_faults.append(("status", 503))  # retried
    with HFClient(services.hf_url, policy=FAST, workers=1) as hf:
        answer = hf.lookup(["2404.07965", "2404.11018"])
    assert answer.repos == {"2404.07965": "https://github.com/microsoft/rho", "2404.11018": NOT_FOUND}
    assert not answer.warnings
    with HFClient("http://127.0.0.1:9/api", policy=FAST) as hf:
        down = hf.lookup(["2404.07965"])
    assert down.repos == {} and "could not reach" in down.warnings["2404.07965"]
