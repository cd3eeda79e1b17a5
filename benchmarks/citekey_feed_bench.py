"""Benchmark: what fixed citation keys and git-dated feed entries cost on a 1,500-paper log.

    python benchmarks/citekey_feed_bench.py [--papers 1500] [--runs 3]

Makes the log of benchmarks/site_bench.py (real arXiv titles and authors, 75 weeks), then times
whole `paperweek` processes:
  * the first `export --format bibtex`, which writes every paper's citation key into its
    week file (75 files rewritten), and a later one, which only reads them (median of --runs);
  * `site` with the log in a git repository (feed entry times read from the history of the
    10 feed weeks) and outside one (the fallback), median of --runs each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_bench import make_log


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "paperweek", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "log"
        weeks, _ = make_log(root, args.papers)
        print(f"log: {args.papers:,} papers, {weeks} weeks")
        first = _time(["--dir", str(root), "export", "--format", "bibtex"])
        later = statistics.median(_time(["--dir", str(root), "export", "--format", "bibtex"]) for _ in range(args.runs))
        print(f"export --format bibtex, first (writes {weeks} week files): {first:.2f} s")
        print(f"export --format bibtex, later (keys read back):        median {later:.2f} s")
        plain = statistics.median(_time(["--dir", str(root), "site"]) for _ in range(args.runs))
        env = dict(os.environ, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.org",
                   GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.org")
        for step in (["init", "-q"], ["add", "weeks", "paperweek.toml"], ["commit", "-qm", "log"]):
            subprocess.run(["git", "-C", str(root), *step], check=True, capture_output=True, env=env)
        shutil.rmtree(root / "_site", ignore_errors=True)
        in_git = statistics.median(_time(["--dir", str(root), "site"]) for _ in range(args.runs))
        print(f"site, not a git repository (feed times from release dates): median {plain:.2f} s")
        print(f"site, in git (feed times from the week files' history):    median {in_git:.2f} s")


if __name__ == "__main__":
    main()
