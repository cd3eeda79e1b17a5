"""discover/docs.py: arXiv's author line is split by one rule, as written (stored on an added paper)
and normalised (compared by the rankers)."""

from __future__ import annotations

from paperweek.discover.docs import split_authors
from paperweek.grammar.items import author_names
from paperweek.grammar.items import split_authors as split_list_authors


def test_an_author_line_is_split_once_for_both_uses() -> None:
    line = "A. Smith, B.  Jones and C. Wu"
    assert author_names(line) == ["A. Smith", "B.  Jones", "C. Wu"]
    assert split_authors(line) == ("a. smith", "b. jones", "c. wu")
    assert author_names("A. Smith" + " " * 10_000 + "and B. Jones") == ["A. Smith", "B. Jones"]


def test_bibtex_author_lines_are_told_from_arxiv_lines() -> None:
    # "Last, First and Last, First" only when every part between "and" holds one comma; an arXiv
    # line with an "and" before its last name is three names, not "A. Smith, B. Jones" as one
    assert split_list_authors("A. Smith, B. Jones and C. Wu") == ["A. Smith", "B. Jones", "C. Wu"]
    assert split_list_authors("Smith, Alice and Jones, Bob") == ["Smith, Alice", "Jones, Bob"]
    assert split_list_authors("**Smith, Alice** and Jones, Bob") == ["Smith, Alice", "Jones, Bob"]
    assert split_list_authors("Alex Krizhevsky and Sutskever, Ilya and Hinton, Geoffrey E") == [
        "Alex Krizhevsky", "Sutskever, Ilya", "Hinton, Geoffrey E"]
