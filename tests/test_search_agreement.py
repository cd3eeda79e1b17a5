"""The site's search (lunr.js, run in Node) and `paperweek search` find the same papers on the same log."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from test_search_index import _real_log

NODE = shutil.which("node") or shutil.which("nodejs")
HERE = Path(__file__).resolve().parent

# Plain word queries as a reader types them: stems ("learn"), plurals, accents, words met only in
# abstracts, authors' names, tags, several words (all required) and a word nobody wrote.
QUERIES = [
    "learn", "learning", "models", "segmentation", "diffusion", "video generation", "language model",
    "benchmark", "reasoning", "retrieval", "robots", "3d", "graph", "attention", "efficient inference",
    "vision", "machine-learning", "wang", "zhang", "the", "survey", "agents", "medical imaging",
    "quantization", "reinforcement", "token", "tokens", "difusion", "self-supervised", "cs",
]


def _site_search(site: Path, queries: list[str]) -> dict[str, dict[str, list[str]]]:
    """{"exact": {query: ids}, "close": {query: ids of the page's typo-tolerant fallback}}."""
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(HERE / "site_search_node.js"), str(site / "assets"), json.dumps(queries)],
        capture_output=True, text=True, timeout=120, check=True,
    )
    result: dict[str, dict[str, list[str]]] = json.loads(done.stdout)
    return result


def _site_hits(site: Path, queries: list[str]) -> dict[str, list[str]]:
    return _site_search(site, queries)["exact"]


@pytest.mark.skipif(NODE is None, reason="needs Node.js to run the site's search script")
def test_site_and_cli_find_the_same_papers(tmp_path: Path) -> None:
    log = _real_log(tmp_path / "log", 800)
    site = tmp_path / "site"
    assert run_cli("--dir", log.root, "site", "--out", site).exit_code == 0
    site_hits = _site_hits(site, QUERIES)
    found_any = 0
    ranks: list[int] = []  # where the site ranks the CLI's best match (the two rank by different bm25 variants)
    for query in QUERIES:
        cli = run_cli("--dir", log.root, "search", "--json", "--limit", "100000", query)
        assert cli.exit_code == 0, cli.stderr
        cli_ids = [hit["id"] for hit in json.loads(cli.stdout)]
        assert sorted(cli_ids) == sorted(site_hits[query]), query
        found_any += bool(cli_ids)
        if len(cli_ids) >= 3:
            ranks.append(site_hits[query].index(cli_ids[0]))
    assert found_any >= len(QUERIES) - 3
    print(ranks)
    assert sum(rank < 5 for rank in ranks) >= 0.8 * len(ranks)
    assert site_hits["learn"] and sorted(site_hits["learn"]) == sorted(site_hits["learning"])
    assert site_hits["difusion"] == []


@pytest.mark.skipif(NODE is None, reason="needs Node.js to run the site's search script")
def test_site_search_forgives_typos_when_nothing_matches(tmp_path: Path) -> None:
    """Issue 21, item 6: a misspelt word finds the papers of the word meant (lunr fuzzy match)."""
    log = _real_log(tmp_path / "log", 800)
    site = tmp_path / "site"
    assert run_cli("--dir", log.root, "site", "--out", site).exit_code == 0
    found = _site_search(site, ["difusion", "diffusion", "segmantation", "segmentation", "qwxzv", "cat"])
    exact, close = found["exact"], found["close"]
    assert exact["difusion"] == [] and exact["diffusion"]
    assert set(exact["diffusion"]) <= set(close["difusion"])
    assert exact["segmantation"] == [] and set(exact["segmentation"]) <= set(close["segmantation"])
    assert close["qwxzv"] == [] and close["cat"] == []  # nothing near; a short word is never stretched
    script = (site / "assets" / "search.js").read_text(encoding="utf-8")
    assert "findClose(index, papers, query)" in script.split("function show(")[1]  # the page falls back to it


@pytest.mark.skipif(NODE is None, reason="needs Node.js to run the site's search script")
def test_a_paper_under_several_topics_is_one_result(tmp_path: Path) -> None:
    """A list that files a paper under each of its topics (imported topic lists do) shows it once,
    on the site and in `paperweek search`, with the tags of every topic."""
    import datetime as dt

    from test_search_index import make_log, paper

    week = [
        paper("2211.15069", "FeatureBooster: boosting feature descriptors", tags=["sfm"]),
        paper("2301.00001", "Feature matching at scale", tags=["sfm"]),
        paper("2211.15069", "FeatureBooster: boosting feature descriptors", tags=["image-matching"]),
    ]
    log = make_log(tmp_path / "log", {dt.date(2023, 2, 20): week})
    site = tmp_path / "site"
    assert run_cli("--dir", log.root, "site", "--out", site).exit_code == 0
    assert sorted(_site_hits(site, ["feature"])["feature"]) == ["2211.15069", "2301.00001"]
    data = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert data.count('"k":"2211.15069"') == 1 and '"g":["sfm","image-matching"]' in data
    cli = run_cli("--dir", log.root, "search", "--json", "feature")
    hits = json.loads(cli.stdout)
    assert [h["id"] for h in hits].count("2211.15069") == 1 and len(hits) == 2
    assert next(h for h in hits if h["id"] == "2211.15069")["tags"] == ["sfm", "image-matching"]
    shown = run_cli("--dir", log.root, "search", "featurebooster")
    assert shown.stdout.count("FeatureBooster") == 1
