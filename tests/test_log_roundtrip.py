"""Round trips: seed -> import -> build looks the same; build is reproducible; build -> import is lossless."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

from conftest import SEED, looks, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperweek.config import Config
from paperweek.importer.parse import parse_readme
from paperweek.markdown import escape
from paperweek.models import Link, Paper, Week
from paperweek.render.readme import render_readme


def test_import_then_build_looks_like_the_seed(tmp_path: Path, seed_text: str) -> None:
    result = run_cli("--dir", tmp_path, "import", SEED)
    assert result.exit_code == 0, result.output
    assert "Imported 10 papers in 2 weeks" in result.stdout
    assert run_cli("--dir", tmp_path, "build").exit_code == 0
    built = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert looks(built) == looks(seed_text)
    # the index keeps the seed's order: oldest week first
    index = [line for line in built.splitlines() if line.startswith("- [")]
    assert index == [
        "- [AI Papers of the Week (April 15 - April 21)](./#ai-papers-of-the-week-april-15---april-21---2024)",
        "- [AI Papers of the Week (April 22 - April 28)](./#ai-papers-of-the-week-april-22---april-28---2024)",
    ]
    assert run_cli("--dir", tmp_path, "check").exit_code == 0


def test_import_keeps_every_field_as_written(tmp_path: Path) -> None:
    run_cli("--dir", tmp_path, "import", SEED)
    shown = run_cli("--dir", tmp_path, "show", "2404.07965", "--json")
    assert shown.exit_code == 0
    import json

    data = json.loads(shown.stdout)
    assert data["title"] == "Rho-1: Not All Tokens Are What You Need"
    assert data["released"] == "2024-04-11"
    assert data["week"] == "2024-04-15"
    assert data["number"] == 4
    assert data["links"] == [
        {
            "label": "Paper",
            "url": "https://arxiv.org/abs/2404.07965#:~:text=Previous%20language%20model%20pre%2Dtraining,"
            "important%20for%20language%20model%20training%22",
        },
        {"label": "Repo", "url": "https://github.com/microsoft/rho"},
    ]
    assert data["summary"].startswith("This work challenges traditional language model training methods")
    assert data["summary"].endswith("language model pre-training.")


def test_build_twice_is_byte_identical_and_reimport_is_stable(tmp_path: Path) -> None:
    first = tmp_path / "a"
    run_cli("--dir", first, "import", SEED)
    run_cli("--dir", first, "build")
    once = (first / "README.md").read_bytes()
    assert run_cli("--dir", first, "build").exit_code == 0
    assert (first / "README.md").read_bytes() == once
    second = tmp_path / "b"
    assert run_cli("--dir", second, "import", first / "README.md").exit_code == 0
    run_cli("--dir", second, "build")
    assert (second / "README.md").read_bytes() == once
    assert sorted(p.name for p in (second / "weeks").iterdir()) == ["2024-04-15.yaml", "2024-04-22.yaml"]
    for name in ("2024-04-15.yaml", "2024-04-22.yaml"):
        assert (second / "weeks" / name).read_text() == (first / "weeks" / name).read_text()


def test_wrong_index_line_is_reported_and_repaired(tmp_path: Path, seed_text: str) -> None:
    broken = seed_text.replace(
        "(./#ai-papers-of-the-week-april-15---april-21---2024)", "(./#ai-papers-of-the-week-april-22---april-28---2024)", 1
    )
    source = tmp_path / "broken.md"
    source.write_text(broken, encoding="utf-8")
    log = tmp_path / "log"
    result = run_cli("--dir", log, "import", source)
    assert result.exit_code == 0
    assert "broken.md:9: index line for 'AI Papers of the Week (April 15 - April 21)' links " in result.stdout
    # before build, check reports the wrong line in the README
    (log / "README.md").write_text(broken, encoding="utf-8")
    checked = run_cli("--dir", log, "check")
    assert checked.exit_code == 1
    assert "README.md:9: index line for 'AI Papers of the Week (April 15 - April 21)' links #ai-papers-of-the-week-april-22" in checked.stderr
    run_cli("--dir", log, "build")
    built = (log / "README.md").read_text()
    assert "- [AI Papers of the Week (April 15 - April 21)](./#ai-papers-of-the-week-april-15---april-21---2024)" in built
    assert run_cli("--dir", log, "check").exit_code == 0


# --- property: build then import gives back the same data ---------------------------------------

plain_text = st.lists(
    st.one_of(
        st.sampled_from([*list("|`*_[]()<>#\\!~-:\"' "), "**", "\n", "<br>", "&amp;", " - "]),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    ),
    max_size=30,
).map("".join)
title_text = plain_text.map(lambda t: re.sub(r"\s+", " ", t).strip()).filter(bool)
url_chars = string.ascii_letters + string.digits + "-._~/%=&?,:;@+"
url_tail = st.text(alphabet=url_chars, max_size=20)
urls = st.builds(
    lambda host, tail, paren, frag: f"https://{host}.org/{tail}{paren}{frag}",
    st.sampled_from(["github", "example", "huggingface"]),
    url_tail,
    st.sampled_from(["", "(1)", "_(model)", "(a(b))"]),
    st.sampled_from(["", "#:~:text=Extensive%20experiments,art%20edge", "#section-2"]),
)
labels = st.sampled_from(["Paper", "Repo", "Code", "Tweet", "Project", "Blog", "Model", "Dataset"]) | title_text


@st.composite
def logs(draw: st.DrawFn) -> list[Week]:
    n_weeks = draw(st.integers(1, 5))
    first = dt.date(2019, 12, 30) + dt.timedelta(weeks=draw(st.integers(0, 400)))
    gaps = draw(st.lists(st.integers(1, 60), min_size=n_weeks - 1, max_size=n_weeks - 1))
    starts = [first]
    for gap in gaps:
        starts.append(starts[-1] + dt.timedelta(weeks=gap))
    if draw(st.booleans()):
        starts[-1] = dt.date(2024, 12, 30)  # a week across New Year
        starts = sorted(set(starts))
    serial = iter(range(10000, 99999))
    weeks = []
    for start in starts:
        papers = []
        for _ in range(draw(st.integers(0, 4))):
            arxiv_id = f"{start:%y%m}.{next(serial)}"
            links = [Link("Paper", f"https://arxiv.org/abs/{arxiv_id}{draw(st.sampled_from(['', 'v2', '#:~:text=a,b']))}")]
            links += [Link(draw(labels), draw(urls)) for _ in range(draw(st.integers(0, 4)))]
            papers.append(
                Paper(
                    id=arxiv_id,
                    title=escape(draw(title_text)),
                    summary=escape(draw(plain_text)),
                    released=draw(st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))),
                    links=links,
                )
            )
        weeks.append(Week(start=start, papers=papers))
    return weeks


def comparable(weeks: list[Week]) -> list[tuple[object, ...]]:
    return [
        (w.start, w.heading, [(p.id, p.title, p.summary, p.released, p.links, p.number) for p in w.papers])
        for w in sorted(weeks, key=lambda w: w.start)
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks=logs(), newest_first=st.booleans())
def test_build_then_import_gives_back_the_same_data(weeks: list[Week], newest_first: bool) -> None:
    config = Config(index_order="newest-first" if newest_first else "oldest-first")
    text = render_readme(config, weeks)
    parsed = parse_readme(text)
    assert parsed.errors == []
    assert parsed.notes == []
    assert comparable(parsed.weeks) == comparable(weeks)
    if len(weeks) > 1:
        assert parsed.config.index_order == config.index_order
    assert render_readme(parsed.config, parsed.weeks) == text


@settings(max_examples=100, deadline=None)
@given(title=plain_text, summary=plain_text)
def test_a_row_can_never_break_the_table(title: str, summary: str) -> None:
    """Raw Markdown from a hand-edited file (pipes, newlines, stray **) still renders as one row."""
    week = Week(start=dt.date(2024, 4, 15), papers=[Paper(id="2404.00001", title=title or "t", summary=summary)])
    text = render_readme(Config(), [week])
    rows = [line for line in text.splitlines() if line.startswith("| (1)")]
    assert len(rows) == 1
    parsed = parse_readme(text)
    assert parsed.errors == []
    assert len(parsed.weeks[0].papers) == 1
    assert render_readme(parsed.config, parsed.weeks) == text
