"""discover/docs.py: arXiv's author line is split by one rule, as written (stored on an added paper)
and normalised (compared by the rankers)."""

from __future__ import annotations

from paperweek.discover.docs import author_names, split_authors


def test_an_author_line_is_split_once_for_both_uses() -> None:
    line = "A. Smith, B.  Jones and C. Wu"
    assert author_names(line) == ["A. Smith", "B.  Jones", "C. Wu"]
    assert split_authors(line) == ("a. smith", "b. jones", "c. wu")
    assert author_names("A. Smith" + " " * 10_000 + "and B. Jones") == ["A. Smith", "B. Jones"]
