"""Whole-process import and build times for a list of about 1 MB (1,300 rows over 130 weeks).

    python benchmarks/import_build_bench.py [--runs 7] [--weeks 130] [--rows 10] [--style mixed]

Then the same two commands on the largest real list in ../shared/lists/ (Vincentqyw/cv-arxiv-daily
at 910061b8: 217 kB, 1,142 items in its own layout, imported into the kept theme), and on the
largest file of ../shared/lists/ and its more/ folder; targets 0.5 s each (skipped when
../shared/ is not there).

Writes the list with benchmarks/make_big_list.py into a temporary folder, then times
`python -m paperweek --dir LOG import LIST.md` (a fresh log each run) and
`python -m paperweek --dir LOG build` (README removed before each run, so every
build renders and writes it), and prints the median of the runs. Targets: import
under 1 s, build under 0.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_list import make_list


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "paperweek", *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"paperweek {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--weeks", type=int, default=130)
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--style", choices=("top-ml", "seed", "mixed"), default="mixed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "list.md"
        text = make_list(args.weeks, args.rows, args.style)
        source.write_text(text, encoding="utf-8")
        log = root / "log"
        imports = []
        for _ in range(args.runs):
            shutil.rmtree(log, ignore_errors=True)
            imports.append(timed(["--dir", str(log), "import", str(source)]))
        builds = []
        for _ in range(args.runs):
            (log / "README.md").unlink(missing_ok=True)
            builds.append(timed(["--dir", str(log), "build"]))
        readme = (log / "README.md").read_bytes()
    size = len(text.encode("utf-8"))
    print(f"input: {size:,} bytes, {args.weeks * args.rows:,} rows, {args.weeks} weeks ({args.style} style)")
    print(f"import: median {statistics.median(imports):.3f} s over {args.runs} runs (target < 1 s)")
    print(f"build:  median {statistics.median(builds):.3f} s over {args.runs} runs (target < 0.5 s), "
          f"README {len(readme):,} bytes")
    if LARGEST.is_file():
        real_list(LARGEST, args.runs)
        biggest = max(LISTS.glob("**/*.md"), key=lambda p: p.stat().st_size)
        if biggest != LARGEST:  # the largest of all the real lists (issue 22's 39), whatever its layout
            real_list(biggest, args.runs)


LISTS = Path(__file__).resolve().parents[2] / "shared" / "lists"
LARGEST = LISTS / "Vincentqyw+cv-arxiv-daily--910061b8.md"


def real_list(path: Path, runs: int) -> None:
    """Import and build times on a real list in its own layout."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "log"
        imports = []
        for _ in range(runs):
            shutil.rmtree(log, ignore_errors=True)
            imports.append(timed(["--dir", str(log), "import", str(path)]))
        builds = []
        for _ in range(runs):
            (log / "README.md").unlink(missing_ok=True)
            builds.append(timed(["--dir", str(log), "build"]))
    print(f"real list: {path.name}, {path.stat().st_size:,} bytes")
    print(f"import: median {statistics.median(imports):.3f} s over {runs} runs (target < 0.5 s)")
    print(f"build:  median {statistics.median(builds):.3f} s over {runs} runs (target < 0.5 s)")


if __name__ == "__main__":
    main()
