"""`paperweek add` of 300 arXiv ids against local arXiv and Hugging Face servers (delay 0).

Records are 300 real ones from ../shared/data/arxiv-sample-2026.jsonl.gz, served
as Atom in the API's format by tests/fakes.py. Each run starts from an empty
log and an empty cache. Prints the median of --runs runs: requests made, wall
time, time waiting on the network (arXiv requests + the Hugging Face lookups),
and the time spent outside the network (parsing, link extraction, summaries,
writing the week file and the README); then a second add of the same ids from
the cache (no requests).

    python benchmarks/add_bench.py [--ids 300] [--runs 5] [--no-hf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "arxiv-sample-2026.jsonl.gz"
sys.path.insert(0, str(REPO / "tests"))

from fakes import FakeServices, make_entry  # noqa: E402

from paperweek.operations.add import add_arxiv  # noqa: E402
from paperweek.operations.fetcher import Fetcher  # noqa: E402
from paperweek.operations.remove import remove_papers  # noqa: E402
from paperweek.sources.arxiv import ArxivClient  # noqa: E402
from paperweek.sources.hf import HFClient  # noqa: E402
from paperweek.sources.http import RetryPolicy  # noqa: E402
from paperweek.store import open_log  # noqa: E402


def load_records(count: int) -> list[dict[str, object]]:
    out = []
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "/" in record["id"]:
                continue
            out.append(record)
            if len(out) == count:
                break
    return out


def entry_for(record: dict[str, object]):  # type: ignore[no-untyped-def]
    versions = record["versions"]
    assert isinstance(versions, list)
    created = dt.datetime.strptime(versions[0]["created"], "%a, %d %b %Y %H:%M:%S %Z")
    authors = [a.strip() for a in str(record["authors"]).replace(" and ", ", ").split(",") if a.strip()]
    return make_entry(
        str(record["id"]),
        str(record["title"]),
        str(record["abstract"]),
        authors,
        created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        str(record["categories"]).split(),
        str(record.get("comments") or ""),
        version=str(versions[-1]["version"]),
    )


def ensure_summarizer() -> str:
    import paperweek.summarize as summarize

    if hasattr(summarize, "draft_summary"):
        return "paperweek.summarize.draft_summary"

    def stand_in(title: str, abstract: str, config: object) -> str:
        return abstract.split(". ")[0] + "."

    summarize.draft_summary = stand_in  # type: ignore[attr-defined]
    return "a stand-in (paperweek.summarize.draft_summary not installed)"


def one_run(services: FakeServices, ids: list[str], hf: bool) -> dict[str, float]:
    policy = RetryPolicy(timeout=30, retries=2, backoff=0.1, budget=300)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "paperweek.toml").write_text(
            "schema = 1\n[sources]\nhuggingface = " + ("true" if hf else "false") + "\n", encoding="utf-8"
        )
        log = open_log(root)
        before = len(services.arxiv_log), len(services.hf_log)
        arxiv = ArxivClient(services.arxiv_url, delay=0, policy=policy)
        hf_client = HFClient(services.hf_url, policy=policy)
        began = time.perf_counter()
        result = add_arxiv(log, ids, week=dt.date(2026, 1, 5), fetcher=Fetcher(arxiv=arxiv, hf=hf_client))
        wall = time.perf_counter() - began
        arxiv.close()
        hf_client.close()
        assert len(result.added) == len(ids) and not result.failed, result.failed[:3]
        meta = result.metadata
        assert meta is not None
        network = meta.network_seconds + meta.hf_seconds
        requests = len(services.arxiv_log) - before[0], len(services.hf_log) - before[1]
        # again from the cache: remove, add the same ids
        remove_papers(log, ids, build=False)
        began = time.perf_counter()
        again = add_arxiv(open_log(root), ids, week=dt.date(2026, 1, 5))
        cached_wall = time.perf_counter() - began
        assert len(again.added) == len(ids)
        cached_requests = len(services.arxiv_log) - before[0] - requests[0]
    return {
        "arxiv_requests": requests[0],
        "hf_requests": requests[1],
        "wall": wall,
        "network": network,
        "outside": wall - network,
        "cached_wall": cached_wall,
        "cached_requests": cached_requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-hf", action="store_true", help="Hugging Face lookups off")
    args = parser.parse_args()
    summarizer = ensure_summarizer()
    records = load_records(args.ids)
    entries = {str(r["id"]): entry_for(r) for r in records}
    hf_known = {i: {"githubRepo": f"https://github.com/example/{i}"} for i in list(entries)[::3]}
    ids = list(entries)
    with FakeServices(entries, hf=hf_known) as services:
        runs = [one_run(services, ids, hf=not args.no_hf) for _ in range(args.runs)]
    med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"input: {len(ids)} arXiv ids (real records from {SAMPLE.name}), delay 0, local servers")
    print(f"summaries drafted by {summarizer}")
    print(f"runs: {args.runs} (median shown); Hugging Face lookups: {'off' if args.no_hf else 'on'}")
    print(f"requests: arXiv {med['arxiv_requests']:.0f}, Hugging Face {med['hf_requests']:.0f}")
    print(f"wall time: {med['wall']:.3f} s")
    print(f"waiting on the network: {med['network']:.3f} s")
    print(f"outside the network: {med['outside']:.3f} s ({1000 * med['outside'] / len(ids):.2f} ms per paper)")
    print(f"second add from the cache: {med['cached_wall']:.3f} s, {med['cached_requests']:.0f} requests")


if __name__ == "__main__":
    main()
