"""The rankers, explanations and evaluation helpers, on small slices of the shared sample."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools

import pytest
import synthetic_curator
from conftest import SAMPLE

from paperweek.cache.candidates import Candidate
from paperweek.discover import ingest, rank
from paperweek.markdown import rough_plain
from paperweek.models import Paper


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> list[Candidate]:
    path = tmp_path_factory.mktemp("slice") / "slice.jsonl"
    with gzip.open(SAMPLE, "rb") as fh:
        path.write_bytes(b"".join(itertools.islice(fh, 6000)))
    return synthetic_curator.load_candidates(ingest.iter_rows(path))


def test_metrics() -> None:
    order = ["a", "b", "c", "d", "e"]
    assert synthetic_curator.recall_at(order, {"b", "e", "z"}, 2) == pytest.approx(1 / 3)
    assert synthetic_curator.recall_at(order, {"b", "e", "z"}, 5) == pytest.approx(2 / 3)
    assert synthetic_curator.reciprocal_rank(order, {"c", "e"}) == pytest.approx(1 / 3)
    assert synthetic_curator.reciprocal_rank(order, {"z"}) == 0.0


def test_plain_strips_log_markdown() -> None:
    assert rough_plain(r"**Mixture\-of\-Depths** uses [a link](https://x.org) and \_under\_") == (
        "Mixture-of-Depths uses a link and _under_"
    )


def test_positive_doc_uses_best_abstract(papers: list[Candidate]) -> None:
    c = papers[0]
    paper = Paper(id=c.id, title="**Bold** title", summary="A summary.")
    from_candidates = rank.doc_from_paper(paper, cached=c)
    assert from_candidates.title == "Bold title"
    assert "A summary." in from_candidates.text and c.abstract[:40] in from_candidates.text
    from_metadata = rank.doc_from_paper(paper, abstract="Cached abstract words.")
    assert "Cached abstract words." in from_metadata.text
    assert from_metadata.categories == () and from_candidates.categories == tuple(c.category_list)


def _topic_split(papers: list[Candidate], word: str) -> tuple[list[rank.Doc], list[rank.Doc], set[str]]:
    on = [p for p in papers if word in p.title.lower()]
    off = [p for p in papers if word not in p.title.lower() and word not in p.abstract.lower()]
    positives = [rank.doc_from_candidate(p) for p in on[:40]]
    targets = {p.id for p in on[40:60]}
    candidates = [rank.doc_from_candidate(p) for p in on[40:60] + off[:800]]
    return positives, candidates, targets


@pytest.mark.parametrize("method", rank.METHODS)
def test_rankers_put_the_logged_topic_first(papers: list[Candidate], method: str) -> None:
    positives, candidates, targets = _topic_split(papers, "gaussian splatting")
    background = [rank.doc_from_candidate(p) for p in papers[3000:3500]]
    ranking = rank.fit_rank(method, positives, candidates, background)
    order = [candidates[i].id for i in ranking.order()]
    assert synthetic_curator.recall_at(order, targets, 20) >= 0.8  # random would be ~2.4%
    assert len(ranking.scores) == len(candidates)


def test_explain_names_the_closest_logged_paper_and_terms(papers: list[Candidate]) -> None:
    positives, candidates, _ = _topic_split(papers, "gaussian splatting")
    twin = positives[5]
    candidates = [*candidates, rank.Doc(id="twin", title=twin.title, text=twin.text, released=twin.released)]
    ranking = rank.rank_default(positives, candidates, [])
    why = ranking.explain(len(candidates) - 1)
    assert why is not None
    assert why.closest_id == twin.id and why.similarity > 0.9
    assert why.terms and all(t in twin.text.lower() for t in why.terms)
    assert any("gaussian" in t or "splatting" in t for t in why.terms)


def test_age_prior_prefers_papers_as_fresh_as_the_logged_ones(papers: list[Candidate]) -> None:
    positives, candidates, _ = _topic_split(papers, "gaussian splatting")
    week_end = dt.date(2026, 3, 8)
    # every logged paper was 0-6 days old at the end of the week it was logged in
    positives = [
        rank.Doc(id=d.id, title=d.title, text=d.text, released=(week_end - dt.timedelta(days=i % 7)).isoformat(),
                 logged=week_end.isoformat())
        for i, d in enumerate(positives)
    ]
    text = positives[0].text
    fresh = rank.Doc(id="fresh", title="x", text=text, released="2026-03-06")
    stale = rank.Doc(id="stale", title="x", text=text, released="2026-02-27")
    ranking = rank.rank_default(positives, [*candidates, stale, fresh], [], as_of=week_end)
    order = [ranking.candidates[i].id for i in ranking.order()]
    assert order.index("fresh") < order.index("stale")
    baseline = rank.rank_baseline(positives, [*candidates, stale, fresh], [])
    assert baseline.scores[-1] == pytest.approx(baseline.scores[-2])  # the baseline has no such prior


def test_no_positives_gives_flat_scores(papers: list[Candidate]) -> None:
    candidates = [rank.doc_from_candidate(p) for p in papers[:30]]
    for method in rank.METHODS:
        ranking = rank.fit_rank(method, [], candidates, [])
        assert not ranking.scores.any()
        assert ranking.explain(0) is None


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown ranking method"):
        rank.fit_rank("magic", [], [], [])


def test_curator_is_deterministic_and_topical(papers: list[Candidate]) -> None:
    curator = synthetic_curator.Curator(seed=3)
    chosen = curator.highlights(papers)
    assert chosen == curator.highlights(list(reversed(papers)))
    assert chosen != synthetic_curator.Curator(seed=4).highlights(papers)
    weeks = {synthetic_curator._monday(c.released_date) for c in papers if c.released_date}
    assert len(weeks) * curator.random_per_week < len(chosen) < len(papers) // 10


def test_leave_later_weeks_out_default_beats_baseline(papers: list[Candidate]) -> None:
    """A small version of benchmarks/discover_eval.py: two held-out weeks of the slice."""
    january = [p for p in papers if p.released < "2026-02-02"]
    ev = synthetic_curator.evaluate(january, {"baseline": rank.rank_baseline, "default": rank.rank_default}, weeks=2)
    assert {r.week for r in ev.results} == {dt.date(2026, 1, 19), dt.date(2026, 1, 26)}
    for r in ev.results:
        assert r.n_log > 20 and r.n_candidates > 500 and r.n_targets > 5
    base, default = ev.mean("baseline"), ev.mean("default")
    assert default["recall@50"] > base["recall@50"]
    assert default["recall@50"] > 3 * 50 / min(r.n_candidates for r in ev.results)  # well above random
