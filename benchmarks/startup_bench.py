"""Start-up time of the command: `paperweek --help` and `paperweek build` on the seed README.

Prints the median (and min/max) wall time of whole processes over several runs, and the
median CPU time (user + system) of the process, which a loaded machine disturbs less.
Target (issue 2): `paperweek --help` under 0.3 s. With ``--against SRC`` (the ``src``
folder of another checkout, e.g. a ``git worktree`` of an older commit) each command runs
alternately (in a random order each round) with this checkout's package and that one, so both
see the same machine load. ``--against`` this checkout's own ``src`` shows the noise floor: on
the shared 2-core machine two runs of the same code differ by up to 10 % in median.
Both packages are byte-compiled first (``compileall``), so neither pays for compiling its modules.

Run: python benchmarks/startup_bench.py [--runs N] [--against ../base/src]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from checkouts import HERE_SRC, alternating, packages, run_process

SEED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "seed-README.md"


# Runs the command as ``python -m paperweek`` does, and writes the CPU seconds spent from the first
# import of paperweek to the end of the command into BENCH_CPU_FILE: paperweek's own share of the
# process, without the interpreter's start-up and shutdown (which vary most on a loaded machine).
WRAPPER = """
import os, sys, time
start = time.process_time()
try:
    from paperweek.cli import main
    sys.argv = ["paperweek", *sys.argv[1:]]
    main()
finally:
    with open(os.environ["BENCH_CPU_FILE"], "w") as out:
        out.write(repr(time.process_time() - start))
"""


def once(cmd: list[str], src: Path, own: Path | None = None) -> tuple[float, float, float]:
    """Wall and CPU seconds of one process running ``cmd`` with ``src`` first on the path, and the CPU
    seconds paperweek itself took in it (``own``: the file the wrapper writes them to; else nan)."""
    wall, cpu = run_process(cmd, src, {"BENCH_CPU_FILE": str(own or "")})
    return wall, cpu, float(own.read_text()) if own else float("nan")


def report(name: str, runs: list[tuple[float, float, float]]) -> None:
    wall = [w * 1000 for w, _, _ in runs]
    cpu = [c * 1000 for _, c, _ in runs]
    own = [o * 1000 for _, _, o in runs]
    print(f"{name:<44} wall median {statistics.median(wall):7.1f} ms (min {min(wall):6.1f}, max {max(wall):6.1f})"
          f"   CPU median {statistics.median(cpu):7.1f} ms   paperweek's CPU median {statistics.median(own):6.1f} ms"
          f"   runs {len(runs)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, default=None, help="another checkout's src folder, run alternately")
    args = parser.parse_args()
    base = [sys.executable, "-c", WRAPPER]
    srcs = packages(args.against)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log"
        subprocess.run([sys.executable, "-m", "paperweek", "--dir", str(log), "import", str(SEED)], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(HERE_SRC)})
        papers = SEED.read_text(encoding="utf-8").count("\n| (")
        print(f"input: {SEED.name} ({SEED.stat().st_size} bytes, {papers} papers, 2 weeks); "
              f"command: {sys.executable} -m paperweek (through a wrapper that times paperweek's own CPU)")
        commands = {
            "paperweek --help": [*base, "--help"],
            "paperweek build (seed)": [*base, "--dir", str(log), "build"],
            "paperweek build --check (seed)": [*base, "--dir", str(log), "build", "--check"],
            "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
        }
        for name, cmd in commands.items():
            results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in srcs}
            own = Path(tmp) / "cpu" if cmd[: len(base)] == base else None  # not for the interpreter floor
            for label, src in alternating(srcs, args.runs):
                results[label].append(once(cmd, src, own))
            for label, runs in results.items():
                report(name + label, runs)


if __name__ == "__main__":
    main()
