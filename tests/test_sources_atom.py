"""Parsing arXiv's Atom answers, pasted ids, and code links (pure functions, no network)."""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import FIXTURES, SEED_IDS

from paperweek.ids import parse_arxiv_ref
from paperweek.sources.atom import MalformedFeed, parse_feed
from paperweek.sources.links import best_code_link, find_links, normalise


def _one(name: str):  # type: ignore[no-untyped-def]
    feed = parse_feed((FIXTURES / name).read_bytes())
    assert not feed.errors and len(feed.records) == 1
    return feed.records[0]


def test_fixtures_cover_the_seed_and_more() -> None:
    ids = {r.id for p in FIXTURES.glob("*.xml") for r in parse_feed(p.read_bytes()).records}
    assert set(SEED_IDS) <= ids and len(ids) >= 12


def test_entry_fields() -> None:
    record = _one("2404.11018.xml")
    assert record.title == "Many-Shot In-Context Learning"
    assert record.published == dt.date(2024, 4, 17)  # v1 date, though the entry is v3
    assert record.version == "v3" and record.updated == dt.date(2024, 10, 17)
    assert record.authors[0] == "Rishabh Agarwal" and len(record.authors) == 15
    assert record.categories == ["cs.LG", "cs.AI", "cs.CL"] and record.primary_category == "cs.LG"
    assert record.comments == "NeurIPS (Spotlight)"


def test_wrapped_title_is_normalised_and_old_style_ids_parse() -> None:
    assert _one("2404.09833.xml").title == (
        "Video2Game: Real-time, Interactive, Realistic and Browser-Compatible Environment from a Single Video"
    )
    old = _one("hep-th_9711200.xml")
    assert old.id == "hep-th/9711200" and old.published == dt.date(1997, 11, 27)
    assert old.doi == "10.1023/A:1026654312961" and old.journal_ref.startswith("Adv.Theor.Math.Phys")
    assert "$N$" in old.abstract  # plain text kept as is; escaping happens when a Paper is made


def test_error_entry_and_empty_feed() -> None:
    error = parse_feed((FIXTURES / "error-400.xml").read_bytes())
    assert error.records == [] and error.errors[0].bad_id == "2404.1101"
    assert error.errors[0].message == "incorrect id format for 2404.1101"
    empty = parse_feed((FIXTURES / "empty.xml").read_bytes())
    assert empty.records == [] and empty.errors == [] and empty.total_results == 0


@pytest.mark.parametrize(
    "body",
    [
        (FIXTURES / "2404.03592.xml").read_bytes()[:900],  # cut short
        b"<?xml version='1.0'?>\n<feed><entry><title>x</feed>",  # not well-formed
        b"<html><body>Service Unavailable</body></html>",  # not a feed
    ],
)
def test_malformed_answers_raise(body: bytes) -> None:
    with pytest.raises(MalformedFeed):
        parse_feed(body)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2404.11018", ("2404.11018", "", "")),
        ("2404.11018v2", ("2404.11018", "v2", "")),
        ("arXiv:2404.11018", ("2404.11018", "", "")),
        ("arXiv: 2404.11018", ("2404.11018", "", "")),
        ("https://arxiv.org/abs/2404.11018", ("2404.11018", "", "")),
        ("/pdf/2404.11018v1", ("2404.11018", "v1", "")),
        ("https://arxiv.org/pdf/2404.11018v1.pdf", ("2404.11018", "v1", "")),
        ("https://arxiv.org/html/2404.11018v1/", ("2404.11018", "v1", "")),
        ("http://export.arxiv.org/abs/2404.11018", ("2404.11018", "", "")),
        ("https://huggingface.co/papers/2404.11018", ("2404.11018", "", "")),
        ("https://www.alphaxiv.org/abs/2404.11018", ("2404.11018", "", "")),
        ("https://www.alphaxiv.org/overview/2404.11018v2", ("2404.11018", "v2", "")),
        ("10.48550/arXiv.2404.11018", ("2404.11018", "", "")),
        ("https://doi.org/10.48550/arXiv.2404.11018", ("2404.11018", "", "")),
        ("hep-th/9901001", ("hep-th/9901001", "", "")),
        ("cs/0112017", ("cs/0112017", "", "")),
        ("<https://arxiv.org/abs/2404.11018>", ("2404.11018", "", "")),
        ("https://arxiv.org/abs/2404.07965#:~:text=Previous", ("2404.07965", "", ":~:text=Previous")),
    ],
)
def test_every_pasted_form(text: str, expected: tuple[str, str, str]) -> None:
    assert parse_arxiv_ref(text) == expected


@pytest.mark.parametrize("text", ["abc", "2404.1", "https://example.com/abs/2404.11018", ""])
def test_not_arxiv(text: str) -> None:
    assert parse_arxiv_ref(text) is None


def test_links_found_and_normalised() -> None:
    abstract = (
        "Code: https://github.com/stanfordnlp/pyreft. Page (https://thefllood.github.io/HQEdit_web/), "
        "also github.com/Foo/Bar.git; https://www.github.com/a/b/tree/main/ and "
        "\\url{https://gitlab.com/g/p} and https://example.com/not-code"
    )
    assert find_links(abstract, "Models: https://huggingface.co/org/model,") == [
        "https://github.com/stanfordnlp/pyreft",
        "https://thefllood.github.io/HQEdit_web",
        "https://github.com/Foo/Bar",
        "https://github.com/a/b",
        "https://gitlab.com/g/p",
        "https://huggingface.co/org/model",
    ]
    assert normalise("http://GitHub.com/o/r/tree/master/") == "https://github.com/o/r"
    assert normalise("https://github.com/o/r/tree/dev/sub") == "https://github.com/o/r/tree/dev/sub"


def test_best_link_prefers_a_repository() -> None:
    best, others = best_code_link(
        ["https://liming-ai.github.io/ControlNet_Plus_Plus", "https://github.com/liming-ai/ControlNet_Plus_Plus"]
    )
    assert best == "https://github.com/liming-ai/ControlNet_Plus_Plus"
    assert others == ["https://liming-ai.github.io/ControlNet_Plus_Plus"]
    assert best_code_link([]) == (None, [])
