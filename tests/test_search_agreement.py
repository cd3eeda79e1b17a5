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


def _site_hits(site: Path, queries: list[str]) -> dict[str, list[str]]:
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(HERE / "site_search_node.js"), str(site / "assets"), json.dumps(queries)],
        capture_output=True, text=True, timeout=120, check=True,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


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
