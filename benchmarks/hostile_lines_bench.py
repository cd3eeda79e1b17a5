"""Reading hostile README lines: the time `parse_readme` takes for one line of N blanks, for growing N.

Issue #19 (family 5): a heading of 40,000 spaces took 23 s to import, and `check` stalled the same
way, because patterns tried a run of blanks from each of its positions (quadratic). Linear patterns
make the time grow with N, not N^2: doubling N should about double the time, not quadruple it.
Prints the median of several runs for each line and N.
Run: python benchmarks/hostile_lines_bench.py [--runs N] [--sizes 10000,20000,40000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from paperweek.importer.parse import parse_readme

SEED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "seed-README.md"

LINES = {
    "heading, blanks inside": lambda blanks: "## x" + blanks + "y",
    "week heading, blanks before (": lambda blanks: "## AI Papers of the Week" + blanks + "(April 29 - May 5) - 2024",
    "week heading, blanks before year": lambda blanks: "## AI Papers of the Week (April 29 - May 5)" + blanks + "- 2024",
    "date heading, blanks inside": lambda blanks: "## April" + blanks + "29",
    "row, blanks around a dash": lambda blanks: "| (1) **Many" + blanks + "-" + blanks + "Shot** - s | April 4, 2024 | x |",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,20000,40000")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'line':36} " + " ".join(f"{n:>10,}" for n in sizes) + "   (median seconds)")
    for name, make in LINES.items():
        row = []
        for n in sizes:
            text = seed.replace("## 2024\n", make(" " * n) + "\n\n## 2024\n", 1)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                parse_readme(text, "bench.md")
                times.append(time.perf_counter() - start)
            row.append(statistics.median(times))
        print(f"{name:36} " + " ".join(f"{t:>10.3f}" for t in row))


if __name__ == "__main__":
    main()
