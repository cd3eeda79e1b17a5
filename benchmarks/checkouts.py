"""Timing one checkout's package against another's, fairly (used by startup_bench and import_build_bench).

Both packages are byte-compiled first: a checkout whose edited modules have stale .pyc files (or none,
under PYTHONDONTWRITEBYTECODE) recompiles them in every process and looks slower than it is. Runs
alternate between the packages in a random order, so load drifts and order effects hit both alike.
"""

from __future__ import annotations

import compileall
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE_SRC = Path(__file__).resolve().parents[1] / "src"


def packages(against: Path | None) -> dict[str, Path]:
    """This checkout's ``src`` (and ``against``, another's), by the label printed after a figure; byte-compiled."""
    srcs = {"": HERE_SRC} if against is None else {" [this]": HERE_SRC, f" [{against}]": against.resolve()}
    for src in srcs.values():
        compileall.compile_dir(src / "paperweek", quiet=1)
    return srcs


def alternating(srcs: dict[str, Path], runs: int, seed: int = 0) -> Iterator[tuple[str, Path]]:
    """``runs`` rounds, each package once per round, in a random order."""
    rng = random.Random(seed)
    for _ in range(runs):
        order = list(srcs.items())
        rng.shuffle(order)
        yield from order


def run_process(cmd: list[str], src: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process running ``cmd`` with ``src`` first on the path."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors,
                                env={**os.environ, **(env or {}), "PYTHONPATH": str(src)})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{errors.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime
