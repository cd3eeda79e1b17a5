"""The yardstick of `paperweek discover`: replay ../shared/discover-dev through the public CLI.

For each curator (the five of discover-dev) and each week W, in date order:

1. the log (a paperweek log in a scratch folder) holds W's training positives - every paper the
   curator listed before W.start - as week files, each paper in the week of its curator day
   with its title, text (abstract, else the curator's own text), v1 date, authors, categories;
2. the pool records first listed since the last replayed week, up to W.end, are written to a
   JSON-lines file, which each method's command ingests into the log's cache (as a user
   ingesting each week's snapshot would);
3. `paperweek discover --candidates FILE --since W.start-14 --until W.end --top K --json
   [--method baseline]` runs as its own process; its wall time is the method's seconds for W;
4. the ids it prints are W's ranking, scored with the benchmark's eval.py.

`--ablation` also ranks each week in-process with every variant of the default that drops
(or changes) one component, on exactly what the command learned from and ranked (the same
log and cache, read through `paperweek.discover.run.training_set`).

Results go to --out (one JSON per curator, method and week), so a run can be split into
parts (--curator, --weeks a:b:step) and resumed; `--report` prints the tables from what is there,
then a summary over the curators against the discover-dev README's baseline figures (per week for
the first two curators, its every-2nd-week aggregate for the others; the SVM costs 25-35 CPU s a
week, so it is replayed only with --methods baseline) and a leave-one-curator-out choice among
the ablation variants.

    nice python benchmarks/discover_eval.py [--curator NAME] [--weeks 0::3] [--methods default,baseline]
        [--ablation] [--per-week] [--out /tmp/discover-eval] [--report]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "discover-dev"
CURATORS = ("autonomous-agents", "hf-daily", "diffusion-categorized", "long-context", "llm-safety")
COLS = ("R@10", "R@50", "R@100", "MRR", "nDCG@50")
TOP = 500


def load_eval() -> Any:
    """The benchmark's own scorer (standard library only)."""
    spec = importlib.util.spec_from_file_location("discover_dev_eval", DEV / "eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def v1(record: dict[str, Any]) -> dt.date:
    created = record["versions"][0]["created"]
    return dt.datetime.strptime(created, "%a, %d %b %Y %H:%M:%S %Z").date()


class Replay:
    """One curator's log, rebuilt week by week in a scratch folder."""

    def __init__(self, name: str, root: Path, pool: list[dict[str, Any]]):
        from paperweek.store import open_log

        self.name = name
        self.root = root
        self.pool = pool  # sorted by listing date
        self.pool_by_id = {r["id"]: r for r in pool}
        self.weeks = json.loads((DEV / name / "weeks.json").read_text(encoding="utf-8"))["weeks"]
        self.texts = {r["id"]: r for r in read_jsonl(DEV / name / "train_positives.jsonl.gz")}
        self.days = {r["id"]: dt.date.fromisoformat(r["day"]) for r in read_jsonl(DEV / name / "listings.jsonl.gz")}
        root.mkdir(parents=True, exist_ok=True)
        (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
        self.log = open_log(root)
        self.logged: dict[dt.date, list[str]] = {}
        self.ingested_until = ""

    def paper(self, pid: str) -> Any:
        from paperweek.models import Paper

        text = self.texts[pid]
        rec = self.pool_by_id.get(pid, text)
        return Paper(
            id=pid,
            title=" ".join((rec.get("title") or text["title"]).split()),
            abstract=" ".join((text.get("abstract") or rec.get("abstract") or "").split()),
            released=v1(rec),
            authors=[a.strip() for a in (rec.get("authors") or "").split(",") if a.strip()],
            categories=(rec.get("categories") or "").split(),
        )

    def prepare(self, w: dict[str, Any], scratch: Path) -> Path:
        """Bring the log to W's training positives; write the pool records new since the last week."""
        from paperweek.models import Week

        by_week: dict[dt.date, list[str]] = defaultdict(list)
        for pid in w["train_positive_ids"]:
            day = self.days[pid]
            by_week[day - dt.timedelta(days=day.weekday())].append(pid)
        with self.log.locked():  # week files are written under the log's lock, as paperweek itself does
            for start in sorted(set(by_week) | set(self.logged)):
                ids = sorted(by_week.get(start, []), key=lambda i: (self.days[i], i))
                if ids == self.logged.get(start):
                    continue
                if not ids:
                    self.log.delete_week(start)
                    del self.logged[start]
                    continue
                self.log.save_week(Week(start=start, papers=[self.paper(i) for i in ids]))
                self.logged[start] = ids
        older = [r for r in self.pool if self.ingested_until < r["update_date"] < w["start"]]
        if older:  # weeks skipped by --weeks: ingested here, untimed, so each command reads one week's listings
            _ingest(self, older)
        path = scratch / f"{self.name}-{w['start']}.jsonl.gz"
        new = [r for r in self.pool if max(self.ingested_until, w["start"]) <= r["update_date"] <= w["end"]]
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
            for r in new:
                f.write(json.dumps(r) + "\n")
        self.ingested_until = w["end"]
        return path


def _ingest(replay: Replay, records: list[dict[str, Any]]) -> None:
    from paperweek.cache import candidates
    from paperweek.discover import ingest

    conn = candidates.open_db(replay.log.cache_dir)
    try:
        candidates.store_rows(conn, (ingest.record_row(r, "pool.jsonl.gz") for r in records))
    finally:
        conn.close()



def run_cli(root: Path, method: str, w: dict[str, Any], path: Path, src: Path) -> tuple[list[str], float, float]:
    """Run the command as a user would; (ids best first, wall seconds, CPU seconds of the process)."""
    since = dt.date.fromisoformat(w["start"]) - dt.timedelta(days=14)
    cmd = [sys.executable, "-m", "paperweek", "--dir", str(root), "discover", "--candidates", str(path),
           "--since", since.isoformat(), "--until", w["end"], "--top", str(TOP), "--json"]
    if method != "default":
        cmd += ["--method", method]
    env = {**os.environ, "PYTHONPATH": str(src), "PAPERWEEK_TODAY": w["end"]}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return [r["id"] for r in json.loads(proc.stdout)], seconds, cpu


def ablation(root: Path, w: dict[str, Any]) -> dict[str, tuple[list[str], float]]:
    """Each variant of the default, in-process, on what the command learned from and ranked."""
    from paperweek.cache import candidates
    from paperweek.discover import rank
    from paperweek.discover.run import training_set
    from paperweek.store import open_log

    log = open_log(root)
    since = dt.date.fromisoformat(w["start"]) - dt.timedelta(days=14)
    until = dt.date.fromisoformat(w["end"])
    conn = candidates.open_db(log.cache_dir)
    try:
        ts = training_set(log, conn, since, until, "default")
        cands = [rank.doc_from_candidate(c) for c in ts.candidates]
    finally:
        conn.close()
    out = {}
    for name, change in rank.ABLATIONS.items():
        settings = dataclasses.replace(rank.DefaultSettings(), **change)
        r = rank.rank_default(ts.positives, cands, [*ts.dismissed, *ts.background], until, settings,
                              history=ts.history, window_days=(until - since).days + 1)
        out[name] = ([cands[i].id for i in r.order()[:TOP]], r.fit_seconds)
    return out


def store(out: Path, name: str, method: str, week: str, ids: list[str], seconds: float,
          cpu: float | None = None) -> None:
    d = out / name / method
    d.mkdir(parents=True, exist_ok=True)
    tmp = d / f".{week}.json"
    tmp.write_text(json.dumps({"ids": ids, "seconds": seconds, "cpu": cpu}), encoding="utf-8")
    tmp.replace(d / f"{week}.json")


def report(out: Path, per_week: bool, only: str = "") -> None:
    ev = load_eval()
    for name in CURATORS:
        if (only and name != only) or not (out / name).is_dir():
            continue
        weeks = {w["start"]: w for w in ev.load_weeks(DEV / name / "weeks.json")}
        methods = sorted(p.name for p in (out / name).iterdir() if p.is_dir())
        done = {m: {p.stem: json.loads(p.read_text()) for p in (out / name / m).glob("*.json")} for m in methods}
        main = [m for m in methods if not m.startswith("ablation:")]
        common = sorted(set.intersection(*(set(done[m]) for m in main))) if main else []
        abl = [m for m in methods if m.startswith("ablation:")]
        abl_weeks = sorted(set.intersection(*(set(done[m]) for m in abl))) if abl else []
        if not common:
            continue
        full = "all" if len(common) == len(weeks) else "SUBSET"
        print(f"\n{name}: {len(common)} of {len(weeks)} weeks ({full}), scored with discover-dev/eval.py")
        print(f"{'method':<26} " + " ".join(f"{c:>7}" for c in COLS) + "   s/week cpu s/week  (kind)")
        order = [(m, common) for m in ("baseline", "default") if m in methods]
        if abl_weeks:
            order += [(m, abl_weeks) for m in ("baseline", "default") if m in methods and set(abl_weeks) <= set(done[m])]
            order += [(m, abl_weeks) for m in sorted(abl, key=lambda m: (m != "ablation:default", m))]
        means = {}
        shown_ablation_head = False
        for m, week_list in order:
            if week_list is abl_weeks and not shown_ablation_head:
                shown_ablation_head = True
                print(f"ablation, in-process on the same logs and caches, {len(abl_weeks)} weeks "
                      f"({abl_weeks[0]} ... {abl_weeks[-1]}):")
            rows = []
            for week in week_list:
                w = weeks[week]
                s = ev.score_week(done[m][week]["ids"], set(w["candidate_ids"]), set(w["positive_ids"]))
                s["seconds"] = done[m][week]["seconds"]
                s["cpu"] = done[m][week].get("cpu")
                rows.append((week, s))
            mean = {c: sum(s[c] for _, s in rows) / len(rows) for c in (*COLS, "seconds")}
            cpus = [s["cpu"] for _, s in rows if s["cpu"] is not None]
            mean["cpu"] = sum(cpus) / len(cpus) if len(cpus) == len(rows) else float("nan")
            if week_list is common:
                means[m] = mean
            kind = "whole process" if m in ("baseline", "default") else "in-process fit"
            print(f"{m:<26} " + " ".join(f"{mean[c]:7.3f}" for c in COLS)
                  + f" {mean['seconds']:8.2f} {mean['cpu']:10.2f}  ({kind})")
            if per_week:
                for week, s in rows:
                    cpu = "-" if s["cpu"] is None else f"{s['cpu']:.2f}"
                    print(f"  {week}  " + " ".join(f"{s[c]:7.3f}" for c in COLS) + f" {s['seconds']:8.2f} {cpu:>10}")
        _whole_period(ev, name, weeks, done)
        if "baseline" in means and "default" in means:
            b, d = means["baseline"], means["default"]
            print("default / baseline: " + ", ".join(f"{c} x{d[c] / max(b[c], 1e-9):.2f}" for c in COLS)
                  + f", seconds x{d['seconds'] / max(b['seconds'], 1e-9):.2f}, cpu x{d['cpu'] / max(b['cpu'], 1e-9):.2f}")


def readme_baseline(name: str) -> dict[str, dict[str, float]]:
    """The benchmark README's per-week figures of the arxiv-sanity-lite SVM, by week."""
    import re

    text = (DEV / "README.md").read_text(encoding="utf-8")
    if f"\n{name}:\n" not in text:
        return {}  # the README gives per-week figures for the first two curators only
    block = text.split(f"\n{name}:\n", 1)[1].split("```", 2)[1]
    rows = {}
    for line in block.splitlines():
        parts = line.split()
        if len(parts) == 11 and re.match(r"\d{4}-\d\d-\d\d$", parts[0]):
            rows[parts[0]] = dict(zip(COLS, map(float, parts[3:8]), strict=True))
    return rows


def _whole_period(ev: Any, name: str, weeks: dict[str, Any], done: dict[str, dict[str, Any]]) -> None:
    """The default over every week it ran, against the README's baseline figures where the replay reproduces them."""
    ref = readme_baseline(name)
    base = done.get("baseline", {})
    same = [w for w in base if w in ref and abs(ev.score_week(base[w]["ids"], set(weeks[w]["candidate_ids"]),
                                                              set(weeks[w]["positive_ids"]))["R@50"] - ref[w]["R@50"]) < 5e-4]
    print(f"baseline replayed: {len(base)} weeks, R@50 equal to the benchmark README's per-week figure in {len(same)}")
    dflt = done.get("default", {})
    if not dflt:
        return
    rows = [ev.score_week(dflt[w]["ids"], set(weeks[w]["candidate_ids"]), set(weeks[w]["positive_ids"]))
            for w in sorted(dflt)]
    mean = {c: sum(r[c] for r in rows) / len(rows) for c in COLS}
    print(f"default, {len(rows)} of {len(weeks)} weeks  " + " ".join(f"{c} {mean[c]:.3f}" for c in COLS))
    if all(w in ref for w in dflt):
        bm = {c: sum(ref[w][c] for w in dflt) / len(dflt) for c in COLS}
        print("README baseline, same weeks " + " ".join(f"{c} {bm[c]:.3f}" for c in COLS)
              + " | default x" + ", x".join(f"{mean[c] / max(bm[c], 1e-9):.2f} {c}" for c in COLS))


# The README's per-week fit seconds exist for these two; the other curators' baseline time is measured here
README_FIT_SECONDS = {"autonomous-agents": 23.24, "hf-daily": 29.70}


def readme_aggregate(name: str) -> dict[str, float]:
    """The README's table of the curators added 2026-12 (SVM on every 2nd week from the first)."""
    import re

    text = (DEV / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^\| {re.escape(name)} \| (\d+) \| [\d.]+ \| \*\*([\d.]+)\*\* \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|",
                  text, re.M)
    if m is None:
        return {}
    return {"weeks": float(m[1]), "R@50": float(m[2]), "R@10": float(m[3]), "R@100": float(m[4]), "MRR": float(m[5])}


def _scores(ev: Any, weeks: dict[str, Any], done: dict[str, Any], week_list: list[str]) -> dict[str, float]:
    rows = [ev.score_week(done[w]["ids"], set(weeks[w]["candidate_ids"]), set(weeks[w]["positive_ids"]))
            for w in week_list]
    return {c: sum(r[c] for r in rows) / len(rows) for c in COLS}


def summary(out: Path) -> None:
    """One table over the curators: the README's baseline, the default through the CLI, the target; then
    leave-one-curator-out: the variant (of the ablations) that the other four would pick, on the fifth."""
    ev = load_eval()
    print("\nSUMMARY: the default through the CLI against the discover-dev README's baseline (same weeks where the "
          "README has per-week figures; else its own weeks, checked below); target = min(1.5 x base, base + (1 - base) / 2)")
    print(f"{'curator':<22} {'method':<17} {'weeks':>5} {'R@10':>6} {'R@50':>6} {'R@100':>6} {'MRR':>6} "
          f"{'wall s':>7} {'cpu s':>6}")
    abl_means: dict[str, dict[str, float]] = {}
    for name in CURATORS:
        if not (out / name / "default").is_dir():
            continue
        weeks = {w["start"]: w for w in ev.load_weeks(DEV / name / "weeks.json")}
        done = {m.name: {p.stem: json.loads(p.read_text()) for p in m.glob("*.json")}
                for m in (out / name).iterdir() if m.is_dir()}
        dw = sorted(done["default"])
        d = _scores(ev, weeks, done["default"], dw)
        per_week = readme_baseline(name)
        if per_week and all(w in per_week for w in dw):
            base = {c: sum(per_week[w][c] for w in dw) / len(dw) for c in COLS}
            how, n_base = "README, same weeks", len(dw)
        else:
            base = readme_aggregate(name)
            n_base = int(base["weeks"])
            how = "README, same weeks" if dw == sorted(weeks)[::2] else "README, OTHER weeks"
        b = base["R@50"]
        target = min(1.5 * b, b + (1 - b) / 2)
        wall = sum(done["default"][w]["seconds"] for w in dw) / len(dw)
        cpu = sum(done["default"][w].get("cpu") or 0 for w in dw) / len(dw)
        base_s = README_FIT_SECONDS.get(name)
        print(f"{name:<22} {'baseline':<17} {n_base:>5} {base['R@10']:6.3f} {b:6.3f} {base['R@100']:6.3f} "
              f"{base['MRR']:6.3f} {'':>7} {'' if base_s is None else f'{base_s:.1f} fit':>6}  ({how})")
        print(f"{'':<22} {'default (CLI)':<17} {len(dw):>5} {d['R@10']:6.3f} {d['R@50']:6.3f} {d['R@100']:6.3f} "
              f"{d['MRR']:6.3f} {wall:7.1f} {cpu:6.1f}  R@50 x{d['R@50'] / b:.2f}; target {target:.3f}: "
              f"{'met' if d['R@50'] >= target else 'not met'}")
        abl = [m for m in done if m.startswith("ablation:")]
        common = sorted(set.intersection(*(set(done[m]) for m in abl))) if abl else []
        if common:
            abl_means[name] = {m.split(":", 1)[1]: _scores(ev, weeks, done[m], common)["R@50"] for m in abl}
    if len(abl_means) < 2:
        return
    print("\nleave-one-curator-out over the ablation variants (in-process R@50 on each curator's ablation weeks):")
    variants = sorted(set.intersection(*(set(v) for v in abl_means.values())))
    for held in abl_means:
        others = [n for n in abl_means if n != held]
        # each curator's R@50 relative to its own default, so that no curator's scale dominates the choice
        pick = max(variants, key=lambda v: (sum(abl_means[n][v] / max(abl_means[n]["default"], 1e-9)
                                                for n in others), v == "default"))
        print(f"  {held:<22} chosen on the other {len(others)}: {pick:<14} R@50 {abl_means[held][pick]:.3f}  "
              f"(default {abl_means[held]['default']:.3f}; " + ", ".join(
                  f"{v} {abl_means[held][v]:.3f}" for v in variants if v != "default") + ")")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--curator", choices=CURATORS, default="")
    ap.add_argument("--weeks", default="::", help="slice of each curator's weeks, python-style START:STOP:STEP")
    ap.add_argument("--methods", default="default,baseline")
    ap.add_argument("--ablation", action="store_true", help="also rank with each variant of the default")
    ap.add_argument("--ablation-every", type=int, default=1, metavar="N",
                    help="with --ablation: only on every N-th replayed week (the table says which weeks)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/discover-eval"))
    ap.add_argument("--per-week", action="store_true")
    ap.add_argument("--report", action="store_true", help="only print the tables of what --out holds")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the paperweek sources to run (a snapshot)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src))
    if args.report:
        report(args.out, args.per_week, args.curator)
        summary(args.out)
        return
    import tempfile

    pool = read_jsonl(DEV / "pool.jsonl.gz")
    pool.sort(key=lambda r: (r["update_date"], r["id"]))
    methods = [m for m in args.methods.split(",") if m]
    step = slice(*(int(p) if p else None for p in args.weeks.split(":")))
    for name in [args.curator] if args.curator else CURATORS:
        with tempfile.TemporaryDirectory(prefix=f"discover-{name}-") as tmp:
            replay = Replay(name, Path(tmp) / "log", pool)
            for n, w in enumerate(replay.weeks[step]):
                path = replay.prepare(w, Path(tmp))
                line = [w["start"]]
                for m in methods:
                    ids, seconds, cpu = run_cli(replay.root, m, w, path, args.src)
                    store(args.out, name, m, w["start"], ids, seconds, cpu)
                    line.append(f"{m} {seconds:.1f}s (cpu {cpu:.1f}s)")
                if args.ablation and n % args.ablation_every == 0:
                    for variant, (ids, seconds) in ablation(replay.root, w).items():
                        store(args.out, name, f"ablation:{variant}", w["start"], ids, seconds)
                path.unlink()
                print(f"{name} " + "  ".join(line), flush=True)
    report(args.out, args.per_week, args.curator)


if __name__ == "__main__":
    main()
