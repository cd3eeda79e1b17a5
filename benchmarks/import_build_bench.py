"""Whole-process import and build times for a list of about 1 MB (1,300 rows over 130 weeks).

    python benchmarks/import_build_bench.py [--runs 7] [--weeks 130] [--rows 10] [--style mixed] [--against SRC]

Then the same two commands on the largest real list in ../shared/lists/ (Vincentqyw/cv-arxiv-daily
at 910061b8: 217 kB, 1,142 items in its own layout, imported into the kept theme), and on the
largest file of ../shared/lists/ and its more/ folder; targets 0.5 s each (skipped when
../shared/ is not there).

Writes the list with benchmarks/make_big_list.py into a temporary folder, then times
`python -m paperweek --dir LOG import LIST.md` (a fresh log each run) and
`python -m paperweek --dir LOG build` (README removed before each run, so every
build renders and writes it), and prints the median wall and CPU time of the runs.
``--against`` another checkout's ``src`` folder runs each step with both packages,
alternately in a random order. Targets: import under 1 s, build under 0.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkouts import alternating, packages, run_process
from make_big_list import make_list

LISTS = Path(__file__).resolve().parents[2] / "shared" / "lists"
LARGEST = LISTS / "Vincentqyw+cv-arxiv-daily--910061b8.md"


def timed(args: list[str], src: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m paperweek ARGS`` with the package from ``src``."""
    return run_process([sys.executable, "-m", "paperweek", *args], src)


def measure(name: str, source: Path, runs: int, srcs: dict[str, Path], targets: tuple[str, str]) -> None:
    """Import ``source`` into a fresh log, then build it, ``runs`` times with each package, alternately
    in a random order (so load drifts hit both alike); print the medians."""
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, src in alternating(srcs, runs):
            log = Path(folder) / "log"
            shutil.rmtree(log, ignore_errors=True)
            times.setdefault(("import", label), []).append(timed(["--dir", str(log), "import", str(source)], src))
            (log / "README.md").unlink(missing_ok=True)
            times.setdefault(("build", label), []).append(timed(["--dir", str(log), "build"], src))
    print(name)
    for (step, label), values in times.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        target = targets[0] if step == "import" else targets[1]
        print(f"{step}{label}: median {wall:.3f} s wall, {cpu:.3f} s CPU over {runs} runs (target < {target})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--weeks", type=int, default=130)
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--style", choices=("top-ml", "seed", "mixed"), default="mixed")
    parser.add_argument("--against", type=Path, default=None,
                        help="another checkout's src folder: each run also with that package, in a random order")
    args = parser.parse_args()
    srcs = packages(args.against)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "list.md"
        text = make_list(args.weeks, args.rows, args.style)
        source.write_text(text, encoding="utf-8")
        size = len(text.encode("utf-8"))
        measure(f"input: {size:,} bytes, {args.weeks * args.rows:,} rows, {args.weeks} weeks ({args.style} style)",
                source, args.runs, srcs, ("1 s", "0.5 s"))
    if LARGEST.is_file():
        measure(f"real list: {LARGEST.name}, {LARGEST.stat().st_size:,} bytes", LARGEST, args.runs, srcs,
                ("0.5 s", "0.5 s"))
        biggest = max(LISTS.glob("**/*.md"), key=lambda p: p.stat().st_size)
        if biggest != LARGEST:  # the largest of all the real lists (issue 22's 39), whatever its layout
            measure(f"real list: {biggest.name}, {biggest.stat().st_size:,} bytes", biggest, args.runs, srcs,
                    ("0.5 s", "0.5 s"))


if __name__ == "__main__":
    main()
