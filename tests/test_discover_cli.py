"""`paperweek discover` end to end: files, the arXiv API (a paging server on 127.0.0.1), --json, --explain, --add."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import synthetic_curator
from conftest import SAMPLE, copy_of, isolated_env, run_cli
from fakes import FakeServices, make_entry, point_at

from paperweek.discover import ingest
from paperweek.models import Link, Paper, Week
from paperweek.store import open_log

TODAY = "2026-01-28"  # a Wednesday: the current week ends on 2026-02-01


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's first 4,000 records, as a gzipped OAI snapshot (read-only: tests never write it)."""
    path = tmp_path_factory.mktemp("snap") / "snapshot.jsonl.gz"
    with gzip.open(SAMPLE, "rb") as fh:
        path.write_bytes(gzip.compress(b"".join(itertools.islice(fh, 4000)), compresslevel=1))
    return path


@pytest.fixture(scope="session")
def _curated_log(tmp_path_factory: pytest.TempPathFactory, snapshot: Path) -> Path:
    """Built once (1-2 s): a synthetic curator's highlights of the weeks before 2026-01-19."""
    root = tmp_path_factory.mktemp("curated") / "log"
    root.mkdir()
    (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    papers = synthetic_curator.load_candidates(ingest.iter_rows(snapshot))
    chosen = synthetic_curator.Curator().highlights(papers)
    weeks: dict[dt.date, Week] = {}
    for c in papers:
        day = c.released_date
        if c.id in chosen and day is not None and day < dt.date(2026, 1, 19):
            start = day - dt.timedelta(days=day.weekday())
            weeks.setdefault(start, Week(start=start)).papers.append(synthetic_curator.logged_paper(c))
    with isolated_env():
        log = open_log(root)
        with log.locked():
            for week in weeks.values():
                log.save_week(week)
    return root


@pytest.fixture
def log_dir(_curated_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This file's log (not conftest's): a private copy of the curated log, with today in late January 2026."""
    monkeypatch.setenv("PAPERWEEK_TODAY", TODAY)
    return copy_of(_curated_log, tmp_path)


def logged_ids(root: Path) -> set[str]:
    return {p.id for _, p in open_log(root).papers()}


def test_json_results_from_a_snapshot(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "15")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)  # only JSON on stdout
    assert len(rows) == 15
    assert [r["rank"] for r in rows] == list(range(1, 16))
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    papers = {c.id: c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot))}
    for r in rows:
        assert {"rank", "id", "score", "title", "released", "categories", "authors", "url", "abstract"} <= set(r)
        assert r["url"] == f"https://arxiv.org/abs/{r['id']}"
        assert r["abstract"] == ingest.one_line(papers[r["id"]].abstract) and r["abstract"]
        assert isinstance(r["authors"], list) and r["authors"][0] in papers[r["id"]].authors
        # default window: first submitted in the 14 days up to the end of the current week
        assert "2026-01-19" <= r["released"] <= "2026-02-01"
        assert isinstance(r["categories"], list) and r["categories"]
    assert not logged_ids(log_dir) & {r["id"] for r in rows}
    assert "candidates seen" in result.stderr and "4,000 new" in result.stderr and "ranked" in result.stderr
    # a second run finds everything cached and ranks the same
    again = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "15")
    assert "4,000 candidates seen, 0 new" in again.stderr
    assert [r["id"] for r in json.loads(again.stdout)] == [r["id"] for r in rows]


def test_a_paper_logged_under_another_id_is_not_suggested(log_dir: Path, snapshot: Path) -> None:
    """A curator's own note on a paper (its id a slug, the paper behind its link) counts as logged."""
    first = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "5").stdout)
    top = first[0]["id"]
    log = open_log(log_dir)
    week = Week(start=dt.date(2026, 1, 12))
    week.papers.append(Paper(id="notes-on-it", title="My notes", links=[Link("Notes", f"https://arxiv.org/pdf/{top}v2")]))
    with log.locked():
        log.save_week(week)
    again = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "5000")
    assert again.exit_code == 0, again.output
    ids = [r["id"] for r in json.loads(again.stdout)]
    assert len(ids) > 100 and top not in ids  # every candidate of the window is listed, but that one


def test_learns_the_curators_topics(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "30")
    rows = json.loads(result.stdout)
    papers = {c.id: c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot))}
    rules = [synthetic_curator.TOPICS[t] for t in synthetic_curator.Curator().topics]
    import re

    def on_topic(pid: str) -> bool:
        text = papers[pid].title + " " + papers[pid].abstract
        return any(all(re.search(p, text, re.IGNORECASE) for p in rule) for rule in rules)

    window = [c for c in papers.values() if "2026-01-19" <= c.released <= "2026-02-01"]
    base_rate = sum(on_topic(c.id) for c in window) / len(window)
    top_rate = sum(on_topic(r["id"]) for r in rows) / len(rows)
    assert top_rate > 0.8 > 2 * base_rate


def test_explain_and_text_output(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--top", "3", "--explain")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(" 1.") or result.stdout.startswith("1.")
    assert result.stdout.count("closest logged: ") == 3
    assert result.stdout.count("words: ") == 3
    first = json.loads(run_cli("--dir", log_dir, "discover", "--top", "3", "--json").stdout)
    papers = {c.id: c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot))}
    for r in first:  # each result: its arXiv link and the first sentence of its abstract
        assert f"https://arxiv.org/abs/{r['id']}" in result.stdout
        sentence = ingest.one_line(papers[r["id"]].abstract).split(". ")[0]
        assert sentence[:60] in result.stdout
    words = [w for line in result.stdout.splitlines() if "words: " in line
             for w in line.split("words: ", 1)[1].split(", ")]
    boiler = {"paper", "introduces", "respectively", "propose", "proposed", "method", "results", "the", "and"}
    assert words and not boiler & set(words)
    as_json = run_cli("--dir", log_dir, "discover", "--top", "3", "--explain", "--json")
    rows = json.loads(as_json.stdout)
    logged = logged_ids(log_dir)
    for r in rows:
        assert r["explain"]["closest_id"] in logged
        assert 0 < r["explain"]["similarity"] <= 1
        assert r["explain"]["terms"]


def test_since_until_select_by_v1_date(log_dir: Path, snapshot: Path) -> None:
    run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--top", "1")
    result = run_cli("--dir", log_dir, "discover", "--since", "2026-01-05", "--until", "January 6, 2026",
                     "--json", "--top", "500")
    rows = json.loads(result.stdout)
    assert rows and all("2026-01-05" <= r["released"] <= "2026-01-06" for r in rows)
    papers = synthetic_curator.load_candidates(ingest.iter_rows(snapshot))
    in_range = {c.id for c in papers if "2026-01-05" <= c.released <= "2026-01-06"} - logged_ids(log_dir)
    assert {r["id"] for r in rows} == in_range


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--arxiv", "cs.FOO"], "'cs.FOO' is not an arXiv category; closest: "),
        (["--arxiv", "cs.CVV,cs.CL", "--since", "2026-01-01"], "closest: cs.CV"),
        (["--arxiv", ","], "give arXiv categories"),
        (["--since", "yesterday-ish"], "--since"),
        (["--until", "2026-01-01"], "--until needs --since"),
        (["--since", "2026-01-10", "--until", "2026-01-01"], "is before --since"),
        (["--add", "two"], "'two' is neither an arXiv id"),
        (["--add", "3"], "no listing to take ranks from"),
        (["--add", "2601.00001", "--top", "5"], "--add: --top rank, and no listing is saved to compare them with"),
        (["--candidates", "missing.jsonl"], "no such file"),
        (["--top", "0"], "--top 0"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(log_dir: Path, args: list[str], message: str) -> None:
    result = run_cli("--dir", log_dir, "discover", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (log_dir / ".paperweek" / "cache.sqlite").exists()


def test_bad_snapshot_line(log_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "2601.00001", "title": "ok"}\n{"id": \n', encoding="utf-8")
    result = run_cli("--dir", log_dir, "discover", "--candidates", bad)
    assert result.exit_code == 2
    assert f"{bad}:2: not an arXiv OAI-snapshot record" in result.stderr


def test_empty_log_is_an_input_error(tmp_path: Path, snapshot: Path) -> None:
    (tmp_path / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    result = run_cli("--dir", tmp_path, "discover", "--candidates", snapshot)
    assert result.exit_code == 2
    assert "no papers to learn from" in result.stderr


def test_no_candidates_in_range(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--since", "2030-01-01", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "0 ranked" in result.stderr


# --- the arXiv API ------------------------------------------------------------------


@pytest.fixture
def api_entries(snapshot: Path) -> list[Any]:
    papers = [c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot)) if "2026-01-22" <= c.released <= "2026-01-23"]
    return [
        make_entry(c.id, ingest.one_line(c.title), ingest.one_line(c.abstract), [a.strip() for a in c.authors.split(",")],
                   f"{c.released}T12:00:00Z", c.category_list)
        for c in papers[:10]
    ]


SEARCH = {"timeout": 2, "backoff": 0.01, "retries": 2}  # point_at options for the search tests


def test_arxiv_search_pages_and_caches(
    log_dir: Path, snapshot: Path, api_entries: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeServices({}, search=api_entries, page_size=3) as server:
        point_at(monkeypatch, server, **SEARCH)
        server.arxiv_faults.append(("status", 503))  # one transient failure: retried
        args = ["--dir", log_dir, "discover", "--arxiv", "cs.CV,cs.CL", "--since", "2026-01-22",
                "--until", "2026-01-23", "--json", "--top", "50"]
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        # the stand-in answers every category: only the cs.CV / cs.CL ones are ranked
        served = [c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot))
                  if "2026-01-22" <= c.released <= "2026-01-23"][:10]
        wanted = {c.id for c in served if {"cs.CV", "cs.CL"} & set(c.category_list)}
        assert 0 < len(wanted) < 10 and {r["id"] for r in rows} == wanted
        pages = [q for q in server.arxiv_queries if "start" in q]
        assert [q["start"][0] for q in pages] == ["0", "0", "3", "6", "9"]  # the retry, then 4 pages
        query = pages[0]["search_query"][0]
        assert query == "(cat:cs.CV OR cat:cs.CL) AND submittedDate:[202601220000 TO 202601232359]"
        assert "10 candidates seen, 10 new" in result.stderr
        assert "paperweek: the arXiv API answered HTTP 503; retrying in" in result.stderr  # the run's fetcher says it
        # the range had ended when it was fetched in full: the second run asks nothing
        before = len(server.requests)
        again = run_cli(*args)
        assert again.exit_code == 0 and len(server.requests) == before
        assert {r["id"] for r in json.loads(again.stdout)} == wanted


def test_arxiv_search_failure_exits_1(log_dir: Path, api_entries: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeServices({}, search=api_entries) as server:
        point_at(monkeypatch, server, **SEARCH)
        server.arxiv_faults.extend([("status", 500)] * 3)
        result = run_cli("--dir", log_dir, "discover", "--arxiv", "cs.CV", "--since", "2026-01-20")
        assert result.exit_code == 1
        assert "arXiv search for cs.CV failed" in result.stderr


# --- --add --------------------------------------------------------------------------


def _entries_for(ids: list[str], snapshot: Path) -> dict[str, Any]:
    papers = {c.id: c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot))}
    return {
        i: make_entry(i, ingest.one_line(papers[i].title), ingest.one_line(papers[i].abstract), ["A. Author"],
                      f"{papers[i].released}T10:00:00Z", papers[i].category_list)
        for i in ids
    }


def test_add_ranks_of_the_listing_printed_last(log_dir: Path, snapshot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "5").stdout)
    with FakeServices(_entries_for([r["id"] for r in shown], snapshot)) as fake:
        point_at(monkeypatch, fake)
        result = run_cli("--dir", log_dir, "discover", "--add", "2,4")
        assert result.exit_code == 0, result.output
    week = open_log(log_dir).week(dt.date(2026, 1, 26))
    assert week is not None
    assert [p.id for p in week.papers] == [shown[1]["id"], shown[3]["id"]]
    assert f"added {shown[1]['id']}" in result.stdout
    # added papers are in the log now: left out of the next results
    after = json.loads(run_cli("--dir", log_dir, "discover", "--json", "--top", "5").stdout)
    assert not {shown[1]["id"], shown[3]["id"]} & {r["id"] for r in after}


def test_add_arxiv_ids(log_dir: Path, snapshot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = [c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot)) if c.released >= "2026-01-19"][:2]
    ids = [c.id for c in papers]
    with FakeServices(_entries_for(ids, snapshot)) as fake:
        point_at(monkeypatch, fake)
        result = run_cli("--dir", log_dir, "discover", "--add", f"{ids[0]},https://arxiv.org/abs/{ids[1]}v2")
        assert result.exit_code == 0, result.output
    week = open_log(log_dir).week(dt.date(2026, 1, 26))
    assert week is not None and [p.id for p in week.papers] == ids


def test_stale_ranks_are_refused(log_dir: Path, snapshot: Path, tmp_path: Path) -> None:
    run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--top", "3")
    too_far = run_cli("--dir", log_dir, "discover", "--add", "4")
    assert too_far.exit_code == 2 and "rank 4 is not in the listing printed at" in too_far.stderr
    # new candidates come in: the listing the ranks refer to is older than the cache
    extra = tmp_path / "more.jsonl"
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as fh:
        extra.write_text("".join(itertools.islice(fh, 4000, 4100)), encoding="utf-8")
    ingested = run_cli("--dir", log_dir, "discover", "--candidates", extra, "--since", "2030-01-01")
    assert ingested.exit_code == 0 and "100 new" in ingested.stderr
    stale = run_cli("--dir", log_dir, "discover", "--add", "1")
    assert stale.exit_code == 2
    assert "candidates have been ingested since; run `paperweek discover` again" in stale.stderr
    assert open_log(log_dir).week(dt.date(2026, 1, 26)) is None
    (log_dir / ".paperweek" / "discover-listing.json").unlink()  # the listing is gone
    gone = run_cli("--dir", log_dir, "discover", "--add", "1")
    assert gone.exit_code == 2 and "no listing to take ranks from" in gone.stderr


def test_arxiv_categories_filter_cached_candidates(
    log_dir: Path, snapshot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json",
                                    "--top", "5000").stdout)
    assert any("cs.CL" not in r["categories"] for r in everything)
    with FakeServices({}, search=[]) as server:  # the API finds nothing new: the cached candidates are filtered
        point_at(monkeypatch, server, **SEARCH)
        result = run_cli("--dir", log_dir, "discover", "--arxiv", "cs.cl", "--json", "--top", "5000")
        assert result.exit_code == 0, result.output
        assert "cat:cs.CL" in server.arxiv_queries[0]["search_query"][0]
    rows = json.loads(result.stdout)
    assert rows and all("cs.CL" in r["categories"] for r in rows)
    assert {r["id"] for r in rows} == {r["id"] for r in everything if "cs.CL" in r["categories"]}


def test_progress_and_summary_on_stderr(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "1")
    assert f"reading {snapshot.name}: 0 %" in result.stderr and f"reading {snapshot.name}: 100 %" in result.stderr
    assert f"ingested {snapshot.name}: 4,000 records (4,000 new, 0 updated)" in result.stderr
    assert "ranking 1,304 candidates against 70 logged papers" in result.stderr
    json.loads(result.stdout)  # stdout stays JSON only


def test_baseline_method(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--method", "baseline", "--json",
                     "--top", "5", "--explain")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and all(r["explain"]["terms"] for r in rows)


# --- the loop a curator lives in: offline adds, repeated options, dismissals ----------------


def test_ingested_candidates_are_metadata_for_offline_adds(log_dir: Path, snapshot: Path) -> None:
    shown = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "3").stdout)
    # `add --offline` takes an ingested paper's record from the cache (no network: nothing listens)
    first = run_cli("--dir", log_dir, "add", "--offline", shown[0]["id"])
    assert first.exit_code == 0, first.output
    assert f"added {shown[0]['id']}  {shown[0]['title']}" in first.stdout
    # `discover --add RANK --offline` too (the listing is still current: adding does not ingest)
    second = run_cli("--dir", log_dir, "discover", "--add", "2", "--offline")
    assert second.exit_code == 0, second.output
    week = open_log(log_dir).week(dt.date(2026, 1, 26))
    assert week is not None
    assert [(p.id, p.title) for p in week.papers] == [(r["id"], r["title"]) for r in shown[:2]]
    assert week.papers[1].released == dt.date.fromisoformat(shown[1]["released"])
    # a paper neither ingested nor fetched is still refused offline
    missing = run_cli("--dir", log_dir, "add", "--offline", "2101.00001")
    assert missing.exit_code == 1 and "not in the local cache" in missing.stderr


def test_no_candidates_says_where_the_ingested_papers_are(log_dir: Path, snapshot: Path) -> None:
    result = run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--since", "2030-01-01")
    assert result.exit_code == 0
    rows = [r for r in synthetic_curator.load_candidates(ingest.iter_rows(snapshot)) if r.released]
    first, last = min(r.released for r in rows), max(r.released for r in rows)
    reach = dt.date.fromisoformat(last) - dt.timedelta(days=13)
    assert (f"no candidates released since 2030-01-01; the {len(rows):,} ingested papers were released "
            f"{first} to {last}: rank their last 14 days with --since {reach} --until {last}") in result.stderr
    follow = run_cli("--dir", log_dir, "discover", "--since", str(reach), "--until", last, "--json")
    assert follow.exit_code == 0 and json.loads(follow.stdout)


def test_add_accepts_the_ranking_options_of_its_listing(log_dir: Path, snapshot: Path) -> None:
    ranked = ["--dir", log_dir, "discover", "--candidates", snapshot, "--since", "2026-01-15", "--top", "5", "--json"]
    shown = json.loads(run_cli(*ranked).stdout)
    # the up-arrow habit: the same command with --add appended
    result = run_cli(*ranked, "--add", "3", "--offline")
    assert result.exit_code == 0, result.output
    assert "--candidates, --since, --top match the listing printed at" in result.stderr
    assert json.loads(result.stdout) == [{"id": shown[2]["id"], "week": "2026-01-26"}]
    other = run_cli("--dir", log_dir, "discover", "--since", "2026-01-16", "--top", "5", "--add", "4", "--offline")
    assert other.exit_code == 2
    assert "--since 2026-01-16 (the listing: 2026-01-15)" in other.stderr
    week = open_log(log_dir).week(dt.date(2026, 1, 26))
    assert week is not None and [p.id for p in week.papers] == [shown[2]["id"]]


def test_dismissed_papers_are_kept_in_the_log_and_never_shown_again(log_dir: Path, snapshot: Path) -> None:
    shown = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "5").stdout)
    result = run_cli("--dir", log_dir, "discover", "--dismiss", f"1,{shown[3]['id']}")
    assert result.exit_code == 0, result.output
    assert f"dismissed 2 papers: {shown[0]['id']}, {shown[3]['id']}" in result.stderr
    lines = (log_dir / "dismissed.txt").read_text(encoding="utf-8").splitlines()
    assert [ln.split() for ln in lines if not ln.startswith("#")] == [[shown[0]["id"], TODAY], [shown[3]["id"], TODAY]]
    after = run_cli("--dir", log_dir, "discover", "--json", "--top", "5")
    assert after.exit_code == 0, after.output
    assert "and 2 dismissed" in after.stderr
    ids = [r["id"] for r in json.loads(after.stdout)]
    assert shown[0]["id"] not in ids and shown[3]["id"] not in ids and shown[1]["id"] in ids
    (log_dir / "dismissed.txt").write_text("not-an-id 2026-01-01\n", encoding="utf-8")
    bad = run_cli("--dir", log_dir, "discover", "--json")
    assert bad.exit_code == 2 and "dismissed.txt:1: 'not-an-id' is not an arXiv id" in bad.stderr


def test_a_short_history_ranks_with_the_text_model_and_says_so(tmp_path: Path, snapshot: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERWEEK_TODAY", TODAY)
    (tmp_path / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    papers = [c for c in synthetic_curator.load_candidates(ingest.iter_rows(snapshot)) if "agent" in c.title.lower()]
    with isolated_env():
        log = open_log(tmp_path)
        with log.locked():
            log.save_week(Week(start=dt.date(2026, 1, 12), papers=[synthetic_curator.logged_paper(c) for c in papers[:3]]))
    result = run_cli("--dir", tmp_path, "discover", "--candidates", snapshot, "--top", "3")
    assert result.exit_code == 0, result.output
    assert "views: text model only: the log's history holds" in result.stderr
    assert "1. " in result.stdout


def test_online_add_falls_back_to_the_ingested_record(log_dir: Path, snapshot: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown = json.loads(run_cli("--dir", log_dir, "discover", "--candidates", snapshot, "--json", "--top", "1").stdout)
    with FakeServices({}) as fake:  # arXiv knows nothing of it
        point_at(monkeypatch, fake)
        result = run_cli("--dir", log_dir, "add", shown[0]["id"])
    assert result.exit_code == 0, result.output
    assert f"warning: {shown[0]['id']}: arXiv did not answer" in result.stderr
    assert "added from the ingested candidate record" in result.stderr
    week = open_log(log_dir).week(dt.date(2026, 1, 26))
    assert week is not None and [p.title for p in week.papers] == [shown[0]["title"]]
