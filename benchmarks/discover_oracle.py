"""Is it timing or topic? An oracle's R@50 on ../shared/discover-dev (not a method: an upper bound).

The oracle knows every paper a curator *ever* lists (that week or any later one) and ranks those first,
in random order (the exact expectation: min(1, 50 / n) for n such papers in the window). If it is near
1, what a ranker misses is *which* on-topic papers the curator takes, not *when* they take them.
Also prints how many of a week's candidates the curator lists in a later week (median, max).

    python benchmarks/discover_oracle.py [--weeks 0::2]
"""

from __future__ import annotations

import argparse
import json
import statistics

from discover_eval import CURATORS, DEV, read_jsonl  # one reader of discover-dev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", default="0::2", help="slice of each curator's weeks, START:STOP:STEP")
    args = parser.parse_args()
    start, stop, step = (int(p) if p else None for p in args.weeks.split(":"))
    for name in CURATORS:
        weeks = json.loads((DEV / name / "weeks.json").read_text(encoding="utf-8"))["weeks"][start:stop:step]
        day = {r["id"]: r["day"] for r in read_jsonl(DEV / name / "listings.jsonl.gz")}
        later, expected = [], []
        for w in weeks:
            picked = set(w["positive_ids"])
            later_ids = [c for c in w["candidate_ids"] if c not in picked and day.get(c, "") > w["end"]]
            later.append(len(later_ids))
            n = len(picked) + len(later_ids)
            expected.append(min(1.0, 50 / n) if n else 0.0)
        print(f"{name:<22} {len(weeks):3} weeks  oracle R@50 {statistics.mean(expected):.3f}  "
              f"candidates listed in a later week: median {statistics.median(later):g}, max {max(later)}")


if __name__ == "__main__":
    main()
