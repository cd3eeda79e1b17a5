"""How well the length and opening learned from a log's summaries predict a held-out one, and
what they do to the offline drafts.

Leave-one-out over the log's summaries: for each summary, ``learn_voice`` on all the others;
prints the median error of the learned length (words) against the held-out summary's, next to
the error of the fixed default (700 characters, about 100 words), and how often the learned
opening is the held-out summary's own. Then drafts --abstracts real arXiv abstracts
(../shared/data/arxiv-sample-2026.jsonl.gz) with and without the voice learned from the whole
log and prints their median length in words.

    python benchmarks/summary_voice_bench.py [LOG_DIR] [--abstracts 500]

Without LOG_DIR the seed README (../shared/fixtures/seed-README.md) is imported into a temporary log.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from paperweek.config import DEFAULT_SUMMARY_CHARS
from paperweek.markdown import rough_plain
from paperweek.store import open_log
from paperweek.summarize.offline import OfflineDrafter
from paperweek.summarize.voice import learn_voice, opening_of

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def summaries_of(root: Path) -> list[str]:
    return [rough_plain(p.summary) for _, p in open_log(root).papers() if p.summary.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", nargs="?", type=Path)
    parser.add_argument("--abstracts", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.log
        if root is None:
            root = Path(tmp) / "log"
            subprocess.run([sys.executable, "-m", "paperweek", "--dir", str(root), "import",
                            str(SHARED / "fixtures" / "seed-README.md")], check=True, capture_output=True)
        texts = summaries_of(root)
    words = [len(t.split()) for t in texts]
    if not words:
        print("the log has no summaries: nothing to learn")
        return
    learned_err, same_opening, openings = [], 0, 0
    for i, held in enumerate(texts):
        voice = learn_voice(texts[:i] + texts[i + 1 :])
        if voice.words is not None:
            learned_err.append(abs(voice.words - words[i]))
        if voice.opening is not None:
            openings += 1
            same_opening += voice.opening == opening_of(held)
    print(f"log: {root if args.log else 'seed-README.md'}: {len(texts)} summaries, median {statistics.median(words)} words")
    if learned_err:
        print(f"leave-one-out length error: median {statistics.median(learned_err):.0f} words")
    print(f"leave-one-out opening: learned for {openings} of {len(texts)}, the held-out summary's own in {same_opening}")
    print("(a summary with no research verb among its first four words has no opening of its own)")
    abstracts: list[str] = []
    with gzip.open(SHARED / "data" / "arxiv-sample-2026.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            abstracts.append(json.loads(line)["abstract"])
            if len(abstracts) >= args.abstracts:
                break
    voice = learn_voice(texts)
    plain_drafter = OfflineDrafter()
    learned = OfflineDrafter(max_chars=max(DEFAULT_SUMMARY_CHARS, 2 * (voice.length or 0)), voice=voice)
    before = [len(plain_drafter.draft("", a).split()) for a in abstracts]
    after = [len(learned.draft("", a).split()) for a in abstracts]
    print(f"drafts of {len(abstracts)} abstracts, median words: default {statistics.median(before)}, "
          f"with the learned voice {statistics.median(after)} (the log's summaries: {statistics.median(words)})")


if __name__ == "__main__":
    main()
