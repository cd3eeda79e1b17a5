"""Fast in-process iteration on ../shared/discover-dev (not the yardstick: that is discover_eval.py).

Loads the pool once, builds each week's positives / candidates / background the way the
public replay does (see discover_eval.py), ranks with ``rank.rank_default`` under settings
given on the command line, and scores with the benchmark's own eval.py. The baseline's
per-week figures are read from the benchmark README (computing them costs ~25 s a week).

    python benchmarks/discover_dev.py [--every 3] [--curator NAME] [--set w_knn=0.5 ...] [--variants]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from discover_eval import CURATORS, DEV, load_eval, read_jsonl  # one reader of discover-dev

from paperweek.discover import backtest, rank


def v1_date(record: dict[str, Any]) -> str:
    created = record["versions"][0]["created"]
    return dt.datetime.strptime(created, "%a, %d %b %Y %H:%M:%S %Z").date().isoformat()


def doc(record: dict[str, Any], logged: str = "") -> rank.Doc:
    title = " ".join((record.get("title") or "").split())
    return rank.Doc(
        id=record["id"],
        title=title,
        text=f"{title}. {record.get('abstract') or ''}",
        categories=tuple((record.get("categories") or "").split()),
        authors=record.get("authors") or "",
        released=record.get("update_date") or v1_date(record),
        logged=logged,
        extra=record.get("comments") or "",
    )


def week_end(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d + dt.timedelta(days=6 - d.weekday())).isoformat()


def baseline_rows() -> dict[str, dict[str, dict[str, float]]]:
    """Per-week SVM rows of the README's tables, by curator and week."""
    text = (DEV / "README.md").read_text(encoding="utf-8")
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name in CURATORS:
        if f"\n{name}:\n" not in text:
            continue  # the README gives per-week figures for the first two curators only
        block = text.split(f"\n{name}:\n", 1)[1].split("```", 2)[1]
        rows = {}
        for line in block.splitlines():
            parts = line.split()
            if len(parts) == 11 and re.match(r"\d{4}-\d\d-\d\d", parts[0]):
                rows[parts[0]] = dict(zip(("R@10", "R@50", "R@100", "MRR", "nDCG@50"), map(float, parts[3:8]),
                                          strict=True))
        out[name] = rows
    return out


class Data:
    def __init__(self) -> None:
        self.pool = {r["id"]: r for r in read_jsonl(DEV / "pool.jsonl.gz")}
        self.by_date = sorted(self.pool.values(), key=lambda r: (r["update_date"], r["id"]))
        self.curators: dict[str, Any] = {}
        for name in CURATORS:
            weeks = json.loads((DEV / name / "weeks.json").read_text())["weeks"]
            tp = {r["id"]: r for r in read_jsonl(DEV / name / "train_positives.jsonl.gz")}
            days = {r["id"]: r["day"] for r in read_jsonl(DEV / name / "listings.jsonl.gz")}
            self.curators[name] = (weeks, tp, days)

    def week_docs(self, name: str, w: dict[str, Any], bg: int
                  ) -> tuple[list[rank.Doc], list[rank.Doc], list[rank.Doc], list[rank.Doc]]:
        _, tp, days = self.curators[name]
        positives = []
        for pid in w["train_positive_ids"]:
            rec = dict(tp[pid])
            pool = self.pool.get(pid)
            if pool is not None:  # the log's add path / the candidates table fill these
                rec = {**pool, "abstract": tp[pid]["abstract"] or pool["abstract"]}
            positives.append(doc(rec, logged=week_end(days[pid])))
        cands = [doc(self.pool[c]) for c in w["candidate_ids"]]
        skip = set(w["train_positive_ids"]) | set(w["candidate_ids"])
        seen = [r for r in self.by_date if r["update_date"] <= w["end"] and r["id"] not in skip]
        rng = random.Random(0)
        back = [doc(r) for r in rng.sample(seen, min(bg, len(seen)))]
        end = dt.date.fromisoformat(w["end"])
        ends = backtest.replay_ends(positives, end)
        history = []
        if ends:
            first = (ends[0] - dt.timedelta(days=20)).isoformat()
            history = [doc(r) for r in self.by_date if first <= r["update_date"] <= ends[-1].isoformat()]
        return positives, cands, back, history


def parse_set(items: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        key, value = item.split("=", 1)
        out[key] = json.loads(value)
        if isinstance(out[key], list):
            out[key] = tuple(out[key])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--offset", type=int, default=1)
    ap.add_argument("--curator", default="")
    ap.add_argument("--variants", default="default", help="comma-separated names of rank.ABLATIONS")
    ap.add_argument("--set", nargs="*", default=[], help="KEY=JSON of rank.DefaultSettings for a variant 'cli'")
    ap.add_argument("--per-week", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write per-week scores here")
    ap.add_argument("--dismiss-sim", default="", metavar="START:STOP",
                    help="consecutive weeks START:STOP: a curator who dismisses what they saw in the top 20 and "
                         "never picked, against one who does not")
    args = ap.parse_args()
    if args.dismiss_sim:
        dismiss_sim(args)
        return
    ev = load_eval()
    t0 = time.perf_counter()
    data = Data()
    print(f"loaded in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    base_rows = baseline_rows()
    variants = [(v, rank.ABLATIONS[v]) for v in args.variants.split(",") if v]
    if args.set:
        variants.append(("cli", parse_set(args.set)))
    cols = ("R@10", "R@50", "R@100", "MRR", "nDCG@50")
    dump: dict[str, Any] = {}
    for name in [args.curator] if args.curator else CURATORS:
        weeks = data.curators[name][0][args.offset :: args.every]
        print(f"\n{name}: {len(weeks)} weeks", flush=True)
        if name in base_rows:
            base = [base_rows[name][w["start"]] for w in weeks]
            bm = {c: sum(b[c] for b in base) / len(base) for c in cols}
            print(f"  {'baseline(README)':<22} " + " ".join(f"{c} {bm[c]:.3f}" for c in cols))
        results: dict[str, list[dict[str, float]]] = {v: [] for v, _ in variants}
        secs = dict.fromkeys(results, 0.0)
        for w in weeks:
            pos, cands, back, history = data.week_docs(name, w, 10000)
            end = dt.date.fromisoformat(w["end"])
            for vname, change in variants:
                settings = dataclasses.replace(rank.DefaultSettings(), **change)
                r = rank.rank_default(pos, cands, back[: settings.background], end, settings, history=history)
                secs[vname] += r.fit_seconds
                ids = [cands[i].id for i in r.order()]
                m = ev.score_week(ids, set(w["candidate_ids"]), set(w["positive_ids"]))
                m["fit"] = r.fit_seconds
                results[vname].append(m)
                dump.setdefault(name, {}).setdefault(vname, {})[w["start"]] = m
                if args.per_week:
                    why = r.choice.summary() if r.choice else ""
                    print(f"    {w['start']} {vname:<14} R@50 {m['R@50']:.3f} MRR {m['MRR']:.3f} "
                          f"fit {r.fit_seconds:.1f}s  {why}", flush=True)
        for vname, rows in results.items():
            mm = {c: sum(r[c] for r in rows) / len(rows) for c in cols}
            print(f"  {vname:<22} " + " ".join(f"{c} {mm[c]:.3f}" for c in cols)
                  + f"  fit {secs[vname] / len(rows):.2f}s", flush=True)
    if args.json:
        args.json.write_text(json.dumps(dump, indent=1))


def dismiss_sim(args: argparse.Namespace) -> None:
    """Rank consecutive weeks twice: plain, and with every earlier week's seen-but-never-picked top 20 dismissed
    (left out of the candidates, learned from as negatives), as ``discover --dismiss`` does."""
    ev = load_eval()
    data = Data()
    cols = ("R@10", "R@50", "R@100", "MRR")
    first, last = (int(p) for p in args.dismiss_sim.split(":"))
    for name in [args.curator] if args.curator else CURATORS:
        weeks, _, days = data.curators[name]
        picked = set(days)  # everything the curator ever listed: a paper they will pick is not dismissed
        dismissed: dict[str, rank.Doc] = {}
        rows: dict[str, list[dict[str, float]]] = {"plain": [], "dismiss": []}
        for w in weeks[first:last]:
            pos, cands, back, history = data.week_docs(name, w, 2000)
            end = dt.date.fromisoformat(w["end"])
            plain = rank.rank_default(pos, cands, back, end, history=history)
            kept = [c for c in cands if c.id not in dismissed]
            with_d = rank.rank_default(pos, kept, [*dismissed.values(), *back], end, history=history)
            for key, r in (("plain", plain), ("dismiss", with_d)):
                ids = [r.candidates[i].id for i in r.order()]
                rows[key].append(ev.score_week(ids, set(w["candidate_ids"]), set(w["positive_ids"])))
            for i in with_d.order()[:20]:  # what this curator saw this week and did not pick
                c = with_d.candidates[i]
                if c.id not in picked:
                    dismissed[c.id] = c
        print(f"{name}: weeks {first}:{last}, {len(dismissed)} dismissed at the end", flush=True)
        for key, rs in rows.items():
            print(f"  {key:<8} " + " ".join(f"{c} {sum(r[c] for r in rs) / len(rs):.3f}" for c in cols), flush=True)


if __name__ == "__main__":
    main()
