"""Metadata for a set of arXiv ids: cache first, then the arXiv API, then Hugging Face, through the
run's ``Fetcher`` (operations/fetcher.py: its options and clients travel as one object)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperweek.cache.arxiv import MetadataCache
from paperweek.cache.candidates import stored_records
from paperweek.models import ArxivRecord
from paperweek.operations.fetcher import Fetcher
from paperweek.sources.hf import NOT_FOUND


@dataclass
class Metadata:
    records: dict[str, ArxivRecord] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    hf_repos: dict[str, str] = field(default_factory=dict)  # id -> githubRepo ("" none)
    warnings: list[str] = field(default_factory=list)
    unreachable: bool = False  # the arXiv API could not be reached at all (refused, unknown host)
    arxiv_requests: int = 0
    hf_requests: int = 0
    network_seconds: float = 0.0  # arXiv requests, sleeps excluded
    hf_seconds: float = 0.0  # wall time of the (concurrent) Hugging Face lookups


def fetch_metadata(
    fetcher: Fetcher, cache_dir: Path, ids: Sequence[str], *, huggingface: bool = True, refresh: bool | None = None
) -> Metadata:
    """Records for ``ids`` (versionless): cache first, then arXiv, then Hugging Face (``huggingface``).

    ``refresh`` (default: the run's ``--refresh``) asks arXiv again for cached ids; the fetcher's
    ``offline`` reads the cache only. Hugging Face ``githubRepo`` lookups are cached too. A paper ``discover`` ingested (a bulk
    snapshot or an API search) is metadata too: offline, or when arXiv could not answer for it,
    its stored candidate record is used."""
    offline, progress = fetcher.offline, fetcher.progress
    refresh = fetcher.refresh if refresh is None else refresh
    out = Metadata()
    wanted = list(dict.fromkeys(ids))
    with MetadataCache(cache_dir) as cache:
        cached = {} if refresh and not offline else cache.records(wanted)
        out.records.update(cached)
        missing = [i for i in wanted if i not in cached]
        if missing and offline:
            out.records.update(stored_records(cache_dir, missing))
            for arxiv_id in missing:
                if arxiv_id not in out.records:
                    out.errors[arxiv_id] = "not in the local cache (--offline); run without --offline to fetch it"
        elif missing:
            client = fetcher.arxiv
            requests, seconds = client.requests, client.network_seconds  # the client serves the whole run
            advance = progress.task("arXiv metadata", len(missing)) if progress else None
            result = client.fetch(missing, on_batch=advance)
            out.arxiv_requests = client.requests - requests
            out.unreachable = client.unreachable
            out.network_seconds += client.network_seconds - seconds
            stored, cut = cache.put_records(result.records.values())
            out.records.update(zip(result.records, stored, strict=True))
            out.warnings += cut
            out.errors.update(result.errors)
            for arxiv_id, record in stored_records(cache_dir, [i for i in missing if i in out.errors]).items():
                out.warnings.append(f"{arxiv_id}: arXiv did not answer ({out.errors.pop(arxiv_id)}); "
                                    "added from the ingested candidate record")
                out.records[arxiv_id] = record

        found = [i for i in wanted if i in out.records]
        hf_cached = cache.hf_repos(found) if not (refresh and not offline) else {}
        out.hf_repos.update({k: v for k, v in hf_cached.items() if v != NOT_FOUND})
        to_ask = [i for i in found if i not in hf_cached]
        if huggingface and not offline and to_ask:
            hf = fetcher.hf
            requests = hf.requests
            advance = progress.task("Hugging Face links", len(to_ask)) if progress else None
            began = time.perf_counter()
            answer = hf.lookup(to_ask, on_done=advance)
            out.hf_seconds = time.perf_counter() - began
            out.hf_requests = hf.requests - requests
            cache.put_hf_repos(answer.repos)
            out.hf_repos.update({k: v for k, v in answer.repos.items() if v != NOT_FOUND})
            out.warnings += [f"{i}: no Hugging Face lookup ({w})" for i, w in answer.warnings.items()]
    return out
