"""words.py: counted nouns, and the one cut of text at a word with "…" (summaries, site pages, the digest)."""

from __future__ import annotations

import pytest

from paperweek.site.views import shorten
from paperweek.words import ELLIPSIS, cut_at_word, plural


def test_plural() -> None:
    assert (plural(1, "paper"), plural(2, "paper"), plural(0, "match", "matches")) == ("1 paper", "2 papers", "0 matches")


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("short enough", 40, "short enough"),
        ("aaaa bbbb cccc dddd", 15, "aaaa bbbb cccc…"),  # a word ending at the limit stays
        ("aaaa bbbb (cccc dddd", 12, "aaaa bbbb…"),  # no dangling "(" before the ellipsis
        ("Supercalifragilistic", 8, "Superca…"),  # one long word is cut inside it
    ],
)
def test_cut_at_word(text: str, limit: int, cut: str) -> None:
    assert cut_at_word(text, limit) == cut
    assert len(cut_at_word(text, limit)) <= limit


def test_site_descriptions_are_cut_by_the_same_rule_as_summaries() -> None:
    """site/views.shorten only folds blanks first: a page description and a summary draft end alike."""
    text = "aaaa  bbbb\ncccc dddd eeee"
    assert shorten(text, 15) == cut_at_word("aaaa bbbb cccc dddd eeee", 15) == "aaaa bbbb cccc" + ELLIPSIS
