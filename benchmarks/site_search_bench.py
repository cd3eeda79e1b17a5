"""Benchmark: how long the site's search page takes to build its lunr.js index.

    python benchmarks/site_search_bench.py [--papers 1500] [--runs 3]

Makes a log of real arXiv records (site_bench.make_log), builds its site, then runs the
site's own assets/search.js in Node (benchmarks/site_search_bench.js) and prints the
median CPU seconds of building the index, with the abstracts (what the page does, so that
it finds what `paperweek search` finds) and without them (what it did before).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from site_bench import make_log  # noqa: E402 (after the path insert)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise SystemExit("needs Node.js")
    from paperweek.site.builder import build_site
    from paperweek.store import open_log

    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "log"
        make_log(root, args.papers)
        result = build_site(open_log(root), Path(work) / "site")
        assets = result.out / "assets"
        size = (assets / "search-data.js").stat().st_size
        done = subprocess.run(
            [node, str(HERE / "site_search_bench.js"), str(assets), str(args.runs)],
            capture_output=True, text=True, check=True,
        )
    figures = json.loads(done.stdout)
    print(f"papers: {figures['papers']}; search-data.js: {size / 1e6:.2f} MB")
    print(f"index build, with abstracts:    {figures['with_abstracts']:.2f} s CPU (median of {args.runs})")
    print(f"index build, without abstracts: {figures['without_abstracts']:.2f} s CPU (median of {args.runs})")


if __name__ == "__main__":
    main()
