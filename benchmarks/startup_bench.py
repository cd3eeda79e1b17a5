"""Start-up time of the command: `paperweek --help` and `paperweek build` on the seed README.

Prints the median (and min/max) wall time of whole processes over several runs.
Target (issue 2): `paperweek --help` under 0.3 s.
Run: python benchmarks/startup_bench.py [--runs N]
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

SEED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "seed-README.md"


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name:<34} median {statistics.median(times) * 1000:7.1f} ms   min {min(times) * 1000:7.1f}   "
          f"max {max(times) * 1000:7.1f}   runs {len(times)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("paperweek")
    base = [exe] if exe else [sys.executable, "-m", "paperweek"]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log"
        subprocess.run([*base, "--dir", str(log), "import", str(SEED)], check=True, stdout=subprocess.DEVNULL)
        papers = SEED.read_text(encoding="utf-8").count("\n| (")
        print(f"input: {SEED.name} ({SEED.stat().st_size} bytes, {papers} papers, 2 weeks); command: {' '.join(base)}")
        report("paperweek --help", timed([*base, "--help"], args.runs))
        report("paperweek build (seed)", timed([*base, "--dir", str(log), "build"], args.runs))
        report("paperweek build --check (seed)", timed([*base, "--dir", str(log), "build", "--check"], args.runs))
        report("python -c pass (interpreter floor)", timed([sys.executable, "-c", "pass"], args.runs))


if __name__ == "__main__":
    main()
