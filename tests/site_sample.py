"""A small log for the site and digest tests, saved with paperweek.store (no importer needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from paperweek.config import Config, config_to_toml
from paperweek.markdown import escape
from paperweek.models import Link, Paper, Week
from paperweek.store import Log, open_log

XSS_TITLE = "<img src=x onerror=alert(1)>"
UNIQUE_WORD = "quokkaflux"  # appears only in one paper's summary
UNIQUE_TITLE = "Marsupial Flux Estimation for Sparse Transformers"
LONG_WORD = "Supercalifragilisticexpialidocious" * 4  # must wrap at 375 px


def make_log(root: Path, weeks: int = 6, per_week: int = 4, site: str = "", auto_tags: bool = False) -> Log:
    """A log of ``weeks`` weeks (Mondays back from 2024-04-15) with tags, code links and hostile text.

    ``auto_tags``: the unique paper also gets arXiv categories, hence automatic tags (nlp, machine-learning).
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "paperweek.toml").write_text(config_to_toml(Config(title="Reading Group <Log>")) + site, encoding="utf-8")
    log = open_log(root)
    topics = ["llm", "vision", "agents", "in-context learning"]
    newest = dt.date(2024, 4, 15)
    for w in range(weeks):
        start = newest - dt.timedelta(days=7 * w)
        papers = []
        for i in range(per_week):
            n = w * per_week + i
            links = [Link("Paper", f"https://arxiv.org/abs/2404.{10000 + n}")]
            if n % 2 == 0:
                links.append(Link("Repo", f"https://github.com/example/repo{n}"))
            papers.append(
                Paper(
                    id=f"2404.{10000 + n}",
                    title=f"Paper {n}: *Scaling* laws for topic {topics[n % 4]}",
                    summary=f"We study `{topics[n % 4]}` with method number {n} and report gains.",
                    released=start - dt.timedelta(days=2),
                    links=links,
                    authors=[f"Author {n}", "Ada Lovelace"],
                    tags=[topics[n % 4], f"year-{start.year}"],
                )
            )
        if w == 0:
            papers.append(
                Paper(
                    id="2404.99999",
                    title=escape(UNIQUE_TITLE),
                    summary=escape(f"A study of {UNIQUE_WORD} dynamics in wombat burrows."),
                    released=dt.date(2024, 4, 16),
                    links=[Link("Paper", "https://arxiv.org/abs/2404.99999"), Link("Demo", "javascript:alert(5)")],
                    authors=["Wom Bat"],
                    tags=["marsupials"],
                    categories=["cs.CL", "cs.LG"] if auto_tags else [],
                )
            )
            papers.append(
                Paper(
                    id="evil-1",
                    title=XSS_TITLE,  # raw, as a hand-edited week file could hold it
                    summary="<script>alert(2)</script> <svg onload=alert(3)> [click](javascript:alert(4)) " + LONG_WORD,
                    released=dt.date(2024, 4, 17),
                    links=[Link("Paper", "https://example.org/evil?a=1&b=<2>")],
                    authors=["<b>Mallory</b>"],
                    tags=["<script>alert(6)</script>"],
                )
            )
        with log.locked():
            log.save_week(Week(start=start, papers=papers))
    return log
