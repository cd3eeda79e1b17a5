"""Does keeping two YAML libraries still pay? Reading week files: libyaml events vs ruamel.yaml.

    python benchmarks/weekfile_read_bench.py [--papers 5000]

Makes a log from the shared arXiv sample (benchmarks/make_big_log.py), then reads every
week file three ways, one process, and prints seconds per 1,000 papers and per 100,000:
the fast path (store/fastyaml.py + weekschema), ruamel.yaml round-trip (the authoritative
reader), and PyYAML's C loader for reference. Both paperweek paths yield the same weeks
(the script checks it); tests/test_faults_weekfiles.py proves the fast path equal on any file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main(argv: list[str] | None = None) -> None:
    from make_big_log import make_log

    from paperweek.store.weekfile import load_document, read_week, week_from_document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_log(root, args.papers)
        files = sorted((root / "weeks").glob("*.yaml"))
        started = time.perf_counter()
        fast = [read_week(f) for f in files]
        fast_s = time.perf_counter() - started
        started = time.perf_counter()
        slow = [week_from_document(load_document(f), f) for f in files]
        slow_s = time.perf_counter() - started
        assert fast == slow, "the two readers disagree"
        import yaml

        started = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        pyyaml_s = time.perf_counter() - started
        papers = sum(len(w.papers) for w in fast)
        print(f"week files: {len(files)}, papers: {papers}")
        for name, seconds in (("fast path (libyaml events)", fast_s), ("ruamel.yaml round-trip", slow_s),
                              ("PyYAML CSafeLoader (reference)", pyyaml_s)):
            print(f"  {name:32s} {seconds / papers * 1000:7.3f} s per 1,000 papers"
                  f"  -> {seconds / papers * 100_000:6.1f} s per 100,000")
        print(f"  ruamel / fast: {slow_s / fast_s:.0f}x")


if __name__ == "__main__":
    main()
